"""revise: the article run, title, teasers, sections after the end, widget inners, hints kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

import cleaner
from cleaner.classify import classify, classify_block, classify_with_features, features
from cleaner.model import Block, Cues, Kind, Label
from cleaner.revise import revise
from cleaner.rule_tuning import RULE_TUNING, RuleTuning
from cleaner.text.frontend import MARKDOWN_FRONTEND, TEXT_FRONTEND
from cleaner.text.markdown import segment_markdown
from cleaner.text.segment import segment_text

P = [
    "The council said on Tuesday that it would review the plan again in the spring, and that the residents who had "
    "written to it would be heard before any of the work on the bridge began.",
    "Many of them had asked for a new crossing for years, and they were glad that the matter was at last on the "
    "table, even if the money for it was still not there and the work would take a long time.",
    "The mayor told the meeting that she was sure the town would find a way, and that she would put the plan to "
    "the vote as soon as the report of the engineers was in her hands.",
]


@pytest.fixture(autouse=True)
def rule_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests here that clean a whole text or Markdown page test the rule pass (revise): the front-ends judge
    with it, not with their block models (tests/test_text_model.py covers those)."""
    for front in (TEXT_FRONTEND, MARKDOWN_FRONTEND):
        monkeypatch.setattr(front, "model", "absent-model")


def run(texts: list[str | Block]) -> list[tuple[Label, str]]:
    blocks = [t if isinstance(t, Block) else Block(text=t, index=i) for i, t in enumerate(texts)]
    return [(d.label, d.block.text) for d in revise(classify(blocks))]


def labels(texts: list[str | Block]) -> list[Label]:
    return [label for label, _ in run(texts)]


def test_menu_title_body_then_more_news() -> None:
    got = labels(["Home", "World", "Politics", "Bridge plan goes back to the council", "by Jane Doe", P[0],
                  "Subheading in the story", P[1], P[2], "MORE NEWS", "Another story headline", "Sport"])
    assert got[:3] == [Label.NAVIGATION] * 3
    assert got[3] is Label.TITLE
    assert got[4] is Label.BYLINE
    assert got[5:9] == [Label.BODY] * 4  # the short subheading between paragraphs stays
    assert got[9] is Label.RELATED
    assert got[10] is Label.RELATED and got[11] is Label.RELATED  # after the end, in the related section


def test_teaser_headline_and_truncated_paragraph() -> None:
    got = labels([P[0], P[1], "Why the old bridge could not be saved",
                  "Engineers looked at the old bridge for months before they said that the work would cost more "
                  "than a new one, and the town had to choose between the two options, which was not easy at all…"])
    assert got[:2] == [Label.BODY, Label.BODY]
    assert got[2:] == [Label.RELATED, Label.RELATED]


def test_a_headline_and_trailing_paragraph_the_extractor_kept_are_not_a_teaser() -> None:
    trailing = ("Engineers looked at the old bridge for months before they said that the work would cost more than a "
                "new one, and the town had to choose between the two options…")

    def page(cue: bool) -> list[Label]:
        texts = [P[0], P[1], "Why the old bridge could not be saved", trailing]
        return labels([Block(text=t, index=i, cues=Cues(in_candidate=cue)) for i, t in enumerate(texts)])  # type: ignore[arg-type]

    assert page(True)[2:] == [Label.BODY, Label.BODY]
    assert page(False)[2:] == [Label.RELATED, Label.RELATED]


def test_widget_inner_takes_the_label_around_it() -> None:
    got = run([P[0], P[1], P[2], "Subscribe", "Explaining the town with Jane Doe", "* indicates required"])
    assert got[4] == (Label.SUBSCRIBE, "Explaining the town with Jane Doe")


def test_tiny_page_keeps_its_lines_and_an_index_without_text_is_no_article() -> None:
    assert labels(["Menu", "Closed today.", "Contact"]).count(Label.BODY) == 1
    index = ["18 nov", "Bridge plan", "17 nov", "Egg count", "16 nov", "Comet seen", "15 nov", "Bees in town"]
    assert Label.BODY not in labels(index)  # type: ignore[arg-type]


def test_link_lists_do_not_carry_the_run_even_when_an_extractor_kept_them() -> None:
    teaser = Block(text="Researchers measured the dike at three places over a whole winter season", index=1,
                   link_density=1.0, cues=Cues(in_candidate=True))
    got = labels(["Science", teaser, "18 nov", "Egg count", "17 nov", "Comet seen", "16 nov"])  # type: ignore[list-item]
    assert Label.BODY not in got


def test_a_link_list_the_extractor_kept_stays_inside_the_article() -> None:
    def page(cue: bool) -> list[Label]:
        links = Block(text="Read the engineers' report and the council minutes", index=1, link_density=1.0,
                      cues=Cues(in_candidate=cue))
        blocks = [Block(text=P[0], index=0, cues=Cues(in_candidate=True)), links,
                  Block(text=P[1], index=2, cues=Cues(in_candidate=True)),
                  Block(text=P[2], index=3, cues=Cues(in_candidate=True))]
        return labels(blocks)  # type: ignore[arg-type]

    assert page(True) == [Label.BODY] * 4
    assert page(False)[1] is not Label.BODY  # without the extractor's word, a link list inside still goes


def test_text_the_extractor_kept_before_the_article_start_stays() -> None:
    standfirst = "The town will vote on the new bridge in the spring."

    def page(cue: bool | None) -> list[Label]:
        blocks = [Block(text=standfirst, index=0, cues=Cues(in_candidate=cue)), Block(text="MORE NEWS", index=1)]
        blocks += [Block(text=t, index=i + 2, cues=Cues(in_candidate=cue)) for i, t in enumerate(P)]
        return labels(blocks)  # type: ignore[arg-type]

    got = page(True)
    assert got[0] is Label.BODY and got[2:] == [Label.BODY] * 3
    assert page(False)[0] is not Label.BODY
    assert page(None)[0] is not Label.BODY  # text and Markdown (no cue): unchanged


def test_markdown_heading_is_title_and_subheadings_stay() -> None:
    blocks = [Block(text="Site name", kind=Kind.HEADING, level=2, index=0),
              Block(text="Bridge plan goes back", kind=Kind.HEADING, level=1, index=1),
              Block(text=P[0], index=2), Block(text="What comes next", kind=Kind.HEADING, level=2, index=3),
              Block(text=P[1], index=4)]
    got = labels(blocks)  # type: ignore[arg-type]
    assert got[1] is Label.TITLE and got[3] is Label.BODY


def test_comments_after_the_article_are_cut() -> None:
    comment = ("I have lived in this town for forty years and I can tell you that the bridge was never safe, so "
               "the council should have done this a long time ago instead of talking about it.")
    got = labels([P[0], P[1], P[2], "3 Comments", comment, "Reply", comment + " Really."])
    assert got[:3] == [Label.BODY] * 3
    assert Label.BODY not in got[3:]
    assert got[4] is Label.COMMENTS


def test_hint_is_kept_and_candidate_cue_extends_the_article() -> None:
    hinted = Block(text=P[1], index=1, hint=Label.COMMENTS, hint_reason="in <aside>")
    kept = Block(text="A list item the extractor kept", index=3, cues=Cues(in_candidate=True))
    got = labels([P[0], hinted, P[2], kept])  # type: ignore[list-item]
    assert got[1] is Label.COMMENTS
    assert got[3] is Label.BODY


def test_language_blind_pages_still_find_the_text() -> None:
    lorem = ("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore "
             "et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.")
    got = labels(["Links", "link", "link", lorem, lorem.upper()])
    assert got[3] is Label.BODY and got[4] is Label.BODY
    assert got[0] is not Label.BODY


def test_every_decision_has_a_reason() -> None:
    decisions = revise(classify([Block(text=t, index=i) for i, t in enumerate(["Home", P[0], "Subscribe"])]))
    assert all(d.reason for d in decisions)
    assert revise([]) == []


def test_fitted_block_score_ships_and_its_fast_path_matches_the_vector() -> None:
    from cleaner.classify import features, quality
    from cleaner.rules import blockscore
    from cleaner.title import TITLE_MAX_WORDS
    from cleaner.weights import headline_like as _headline_like

    fitted = blockscore.weights()
    assert fitted is not None and len(fitted[0]) == len(blockscore.NAMES)
    blocks = [Block(text=t, index=i, cues=Cues(gap_before=i % 2 == 0))
              for i, t in enumerate(["Home", P[0], "Subscribe", P[1], "Short line here", P[2], "12:30"])]
    decisions = classify(blocks)
    feats = [features(d.block) for d in decisions]
    quals = [quality(d.block, f) for d, f in zip(decisions, feats, strict=True)]
    probs = []
    for i, d in enumerate(decisions):
        hl = _headline_like(d.block.text, feats[i], TITLE_MAX_WORDS) and not feats[i].sentence_end
        slow = blockscore.probability(blockscore.vector(decisions, feats, quals, i, hl), fitted)
        fast = blockscore.fast_probability(decisions, feats, quals, i, hl, fitted)
        assert abs(slow - fast) < 1e-9
        probs.append(fast)
    assert min(probs[1], probs[3], probs[5]) > max(probs[0], probs[6])  # paragraphs score above menu lines


def test_trailing_ellipsis_inside_the_story_is_not_a_teaser() -> None:
    trailing = ("And then the engineers looked at the old bridge once more, and they were not sure at all that it "
                "would hold through another winter, and so they waited…")
    got = labels([P[0], "What the engineers found", trailing, P[1], P[2]])
    assert got == [Label.BODY] * 5


def test_text_the_extractor_kept_after_the_article_end_stays_unless_in_a_widget_section() -> None:
    closing = "The council meets again on Monday to settle the budget."

    def page(cue: bool, section: bool) -> Label:
        blocks = [Block(text=t, index=i, cues=Cues(in_candidate=True)) for i, t in enumerate(P)]
        for k, menu in enumerate(["Home", "World", "Sport", "Culture", "Weather", "Travel", "Money"]):
            blocks.append(Block(text=menu, index=3 + k, link_density=1.0, cues=Cues(in_candidate=False)))
        if section:
            blocks.append(Block(text="Related stories", kind=Kind.HEADING, level=2, index=10, hint=Label.RELATED))
        blocks.append(Block(text=closing, index=len(blocks), cues=Cues(in_candidate=cue)))
        return labels(blocks)[-1]  # type: ignore[arg-type]

    assert page(True, False) is Label.BODY
    assert page(False, False) is not Label.BODY
    assert page(True, True) is not Label.BODY


def test_a_terse_paragraph_at_the_edge_of_the_article_stays_but_a_terse_fragment_does_not() -> None:
    terse = ("Chris Eubank Jr. (England) steigt am bevorstehenden Wochenende wieder in den Ring. Der 32-jährige "
             "Mittelgewichtler trifft Samstagabend in Cardiff auf Liam Williams. Beide Boxer gelten als Favoriten.")
    assert classify_block(Block(text=terse)).label is Label.BOILERPLATE  # just under the stop-word bar
    assert labels([terse, P[0], P[1], P[2]])[0] is Label.BODY
    fragment = "Cardiff, Samstag: Eubank gegen Williams, Live-Stream, Tickets."
    assert labels([P[0], P[1], P[2], fragment])[3] is not Label.BODY


def test_the_article_before_a_comments_heading_wins_over_longer_comments() -> None:
    comment = ("I have lived near the old bridge for forty years, and I think that the council is right to take its "
               "time, because the last time they rushed it the work was done badly and cost more.")
    between = ["Follow", "Topics", "Bridges", "Council", "Spring", "Residents", "Town", "Roads", "Rivers", "Budget",
               "Show comments", "Name", "E-mail", "Website", "Send"]
    got = labels([P[0], P[1], *between, "12 Comments", *[f"Reader {k}: {comment}" for k in range(8)]])
    assert got[:2] == [Label.BODY, Label.BODY]
    assert Label.BODY not in got[2:]


def test_the_headline_is_the_line_that_names_what_the_opening_tells() -> None:
    # without the overlap with the opening, the nearer menu line would win: it is closer to the article
    got = run(["Home", "Council bridge plan returns for review in spring", "by Jane Doe", "Weather forecast for today",
               "Local sport results", P[0], P[1], P[2]])
    titles = [text for label, text in got if label is Label.TITLE]
    assert titles == ["Council bridge plan returns for review in spring"]


def test_tag_lists_breadcrumbs_and_file_names_are_not_headlines() -> None:
    for line in ("council, bridge, spring, residents", "Home › News › Council bridge plan",
                 "IMG-council-bridge-plan-2024-1160x768"):
        got = run(["Menu", line, P[0], P[1], P[2]])
        assert (Label.TITLE, line) not in got, line


def test_a_standfirst_set_as_a_heading_joins_the_article() -> None:
    standfirst = ("Shortly before the town meeting, talk grew louder that the council and the mayor no longer agree on "
                  "the new bridge.")
    texts: list[str | Block] = [
        Block(text="Bridge plan goes back to the council", index=0, kind=Kind.HEADING, level=1),
        Block(text=standfirst, index=1, kind=Kind.HEADING, level=3),
        Block(text="The old bridge at dusk. (Photo: Jane Doe/AFP)", index=2),
        P[0], P[1], P[2]]
    got = run(texts)
    assert (Label.BODY, standfirst) in got
    assert got[0][0] is Label.TITLE


def _thread_page() -> str:
    comment = ("I have lived near the old bridge for forty years, and I think that the council is right to take its "
               "time, because the last time they rushed it the work was done badly and it cost the town far more than "
               "anyone had said it would. We should all go to the meeting and say so, loud and clear.")
    thread = "\n\n".join(f"Reader {k} · March {k + 1}, 2017 at 9:1{k} AM\n\n{comment}\n\nReply" for k in range(6))
    return "\n\n".join(["Bridge plan goes back to the council", P[0], P[1], P[2], "6 Comments", thread])


def test_a_comment_thread_inside_the_run_ends_the_article() -> None:
    # six long comments outweigh each "Reply" marker; the repeated "Reply" lines make it a thread, not the story
    art = cleaner.clean(_thread_page(), options=cleaner.Options(format=cleaner.Format.TEXT, explain=True))
    assert art.body == "\n\n".join(P)
    assert any(r.label == "comments" and r.text.startswith("I have lived") for r in art.removed)


def _rule_pass_body(blocks: list[Block], tuning: RuleTuning = RULE_TUNING) -> str:
    """The body the rule pass keeps of ``blocks`` with ``tuning``."""
    return "\n\n".join(d.block.text for d in revise(*classify_with_features(blocks), tuning=tuning)
                       if d.label is Label.BODY)


def test_without_repeated_reply_lines_a_comments_subheading_does_not_cut() -> None:
    blocks = segment_text(_thread_page())
    assert "I have lived" not in _rule_pass_body(blocks)
    off = replace(RULE_TUNING, thread_min_replies=99)  # the rule off: the comments join the run
    assert "I have lived" in _rule_pass_body(blocks, off)


def test_a_paragraph_ending_in_a_closing_german_quote_is_a_sentence() -> None:
    for text in ("Der Minister sagte am Abend: „Wir werden das Gesetz noch in diesem Jahr ändern.“",
                 "She called it ‘the best bridge in the county.’"):
        assert features(Block(text=text)).sentence_end, text
    quoted = "Der Minister sagte am Abend, man werde das Gesetz noch in diesem Jahr ändern: „Es geht nicht anders.“"
    got = labels([P[0], P[1], quoted])
    assert got[2] is Label.BODY


def test_a_newsletter_sign_up_line_ends_the_article_before_a_sidebar_of_text() -> None:
    sidebar = ("In other news, the museum on the hill will close for the winter, and its staff said that the new wing "
               "would open in the summer with a show of the paintings that were found in the old town hall last year.")
    got = run([P[0], P[1], P[2], "Sign up for our newsletter", "Live", sidebar])
    assert [label for label, _ in got[:3]] == [Label.BODY] * 3
    assert all(label is not Label.BODY for label, _ in got[3:])


def _recipe_markdown() -> str:
    intro = ("This cherry cake is a family favourite: we bake it every summer when the trees in the garden are full, "
             "and it keeps well for a few days if you wrap it in a cloth.")
    steps = ["Heat the oven and butter a round tin; whisk the eggs with the sugar until they are pale and thick, then "
             "fold in the flour with a spoon so that the batter stays light.",
             "Spread half of the batter in the tin, scatter the cherries over it and cover them with the rest, then "
             "bake the cake for forty minutes and let it cool in the tin before you cut it."]
    ingredients = "\n".join(f"  * {item}" for item in (
        "200 g flour", "150 g sugar", "4 eggs", "500 g cherries", "1 tsp baking powder", "Salt", "Butter for the tin",
        "Icing sugar", "100 ml milk", "1 lemon", "2 tbsp almonds", "Vanilla"))
    menu = "\n".join(f"  * [{item}](https://example.org/{item.lower().replace(' ', '-')})" for item in (
        "Recipes", "Baking", "Drinks", "Videos", "Shop", "Contact", "About us", "Newsletter archive"))
    return "\n\n".join([menu, "# Cherry cake", intro, "## Ingredients", ingredients, "## Method", *steps])


def test_markdown_list_items_without_links_stay_in_the_article_but_a_menu_does_not() -> None:
    art = cleaner.clean(_recipe_markdown(), options=cleaner.Options(format=cleaner.Format.MARKDOWN))
    assert art.body.startswith("This cherry cake")
    assert "500 g cherries" in art.body and "Spread half" in art.body
    assert "Recipes" not in art.body


def test_without_the_plain_item_weight_the_ingredients_split_the_recipe() -> None:
    blocks = segment_markdown(_recipe_markdown())
    assert _rule_pass_body(blocks).startswith("This cherry cake")
    plain_as_any = replace(RULE_TUNING, plain_item_weight=-RULE_TUNING.short_cost,
                           plain_short_cost=RULE_TUNING.short_cost)
    assert not _rule_pass_body(blocks, plain_as_any).startswith("This cherry cake")  # the intro is cut off


def test_an_author_box_heading_ends_the_article() -> None:
    bio = ("Jane Doe has written about the town and its council for the local paper for more than twenty years, and "
           "she lives with her family in a house near the old bridge that the council wants to replace.")
    got = labels([P[0], P[1], P[2], "About the author", bio])
    assert got[:3] == [Label.BODY] * 3
    assert got[4] is not Label.BODY
    more = ("The mayor said that the report of the engineers would be ready in May, and that the vote on the plan "
            "would follow soon after it, whatever the report said about the cost of the work.")
    assert labels([P[0], P[1], P[2], "Tags", more])[4] is Label.BODY  # other metadata lines do not end it


def test_a_question_headline_opening_the_run_is_the_title_but_a_longer_exclamation_is_story() -> None:
    question = "Will the bridge over the river ever be built?"
    got = run(["Home", "News", question, P[0], P[1], P[2]])
    assert got[2] == (Label.TITLE, question)
    assert [label for label, _ in got[3:]] == [Label.BODY] * 3
    # a sentence with a comma is the story's first line, not its headline
    story = "And so, after all these years, it is here!"
    got = run(["Home", "News", story, P[0], P[1], P[2]])
    assert got[2] == (Label.BODY, story)
    # nor is a long exclamation without one
    long_one = "What a day it was for the whole town and for every one of the people who had waited for it!"
    assert run(["Home", "News", long_one, P[0], P[1], P[2]])[2] == (Label.BODY, long_one)
    # where an extractor judged the line (HTML), its opinion stands: the question stays in the run
    kept = Block(question, index=2, cues=Cues(in_candidate=True))
    assert run(["Home", "News", kept, *(Block(p, index=3 + i, cues=Cues(in_candidate=True)) for i, p in
                                      enumerate(P))])[2] == (Label.BODY, question)


def test_an_authors_bio_under_the_story_is_not_the_article() -> None:
    bio = "Jane Porter is a staff writer who has covered the town council and its bridges for a decade."
    got = run(["Bridge plan goes back to the council", P[0], P[1], P[2], P[0], bio, "Related", "Another story"])
    assert got[5] == (Label.METADATA, bio)
    assert [label for label, _ in got[1:5]] == [Label.BODY] * 4
    # the story's last line about someone it told of is the story
    told = "Jane Porter, a staff writer at the town paper, first asked the council about the bridge in 2019."
    closing = "Jane Porter is a staff writer who says she will keep asking the council about the bridge."
    assert run(["Bridge plan goes back to the council", told, P[0], P[1], P[2], closing])[5] == (Label.BODY, closing)
    # a short article: too little to tell a bio from its last paragraph
    assert run(["Bridge plan goes back to the council", P[0], P[1], bio])[3] == (Label.BODY, bio)
    # where an extractor judged the blocks (HTML), its opinion stands
    kept = [Block(t, index=i, cues=Cues(in_candidate=True)) for i, t in enumerate([P[0], P[1], P[2], P[0], bio])]
    assert run(kept)[4] == (Label.BODY, bio)


@pytest.mark.parametrize(("text", "name"), [
    ("Jacob Wade is a personal finance expert who has covered credit cards for a decade.", "Jacob Wade"),
    ("Moritz Gathmann leitet das Ressort Berliner Republik bei Cicero.", "Moritz Gathmann"),
    ("Ich bin Steffi, bekennende Tiernärrin und Dosenöffnerin.", ""),
    ("Hi, I’m Anna, a food blogger from Texas.", ""),  # a curly apostrophe; French "a" is a bio verb too
    ("Mark Kelly was not available for comment on Tuesday.", None),  # no role: a story's closing line
    ("Georgia Power has said it will appeal the ruling.", None),
    ("Lila ist beliebt, Lila wird geliebt, Lila wird gehasst.", None),  # one word: a colour as often as a name
    ("The council is a body of twelve writers.", None),  # no given name
    ("jane porter is a staff writer.", None),  # not a capitalised name
    ("I am not sure this works.", None),  # no name after the introduction
])
def test_bio_names(text: str, name: str | None) -> None:
    from cleaner.rules.bylines import bio_name

    assert bio_name(text) == name


def test_revise_runs_its_named_passes_in_order_and_a_caller_may_leave_one_out() -> None:
    from cleaner.revise import PASSES

    assert [name for name, _ in PASSES] == ["reading", "teasers", "article_run", "no_run", "title", "before",
                                            "inside", "after", "widget_inners"]
    teaser = [P[0], P[1], "Why the old bridge could not be saved",
              "Engineers looked at the old bridge for months before they said that the work would cost more than a "
              "new one, and the town had to choose between the two options, which was not easy at all…"]
    decisions = classify([Block(text=t, index=i) for i, t in enumerate(teaser)])
    assert [d.label for d in revise(decisions)][2:] == [Label.RELATED, Label.RELATED]
    without = tuple(p for p in PASSES if p[0] != "teasers")
    assert [d.label for d in revise(decisions, passes=without)][2:] == [Label.BODY, Label.BODY]
