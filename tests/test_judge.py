"""The judge's passes over the block model's scores, and decisions carrying what their label was read from."""

from __future__ import annotations

from dataclasses import replace

from cleaner.classify import classify_block
from cleaner.html.captions import caption_cues
from cleaner.judge import BODY_PASSES, Tuning, judge, tuning_for
from cleaner.model import Basis, Block, Caption, Cues, Decision, Kind, Label, Metadata
from cleaner.text.metadata import text_metadata

STORY = ("The council said on Tuesday that it would review the plan again in the spring, and that the residents who "
         "had written to it would be heard before any of the work on the bridge began.")


def test_a_caption_hint_without_a_reason_keeps_its_label_through_the_names_pass() -> None:
    blocks = [Block(STORY, index=0), Block("A bridge at dusk.", index=1, hint=Label.CAPTION)]
    out = judge(blocks, [0.9, 0.9])
    assert (out[1].label, out[1].basis) == (Label.CAPTION, Basis.HINT)
    assert out[1].reason.startswith("front-end hint: caption")  # as classify explains a bare hint


def test_the_names_pass_carries_what_the_label_was_read_from() -> None:
    out = judge([Block("Subscribe", index=0), Block(STORY, index=1), Block("12:30 and more", index=2)],
                [0.1, 0.9, 0.1])
    assert (out[0].label, out[0].basis) == (Label.SUBSCRIBE, Basis.PHRASE)
    assert out[1].label is Label.BODY and out[1].basis is Basis.CONTEXT


def test_classify_says_what_each_label_was_read_from() -> None:
    assert classify_block(Block("Subscribe")).basis is Basis.PHRASE
    assert classify_block(Block("Protesters outside the parliament in Kyiv. (Jane Roe/AFP)")).basis is Basis.RULE
    assert classify_block(Block(STORY)).basis is Basis.TEXT
    assert classify_block(Block(STORY, hint=Label.COMMENTS, hint_reason="inside <section>")).basis is Basis.HINT
    assert classify_block(Block("", kind=Kind.IMAGE)).basis is Basis.RULE


def test_a_credit_alone_is_told_by_the_cue_not_by_the_hint_reason() -> None:
    text = "Jane Roe/Reuters"
    named = Block(text, hint=Label.CAPTION, hint_reason="", cues=Cues(credit_only=True))
    mentions = Block(text, hint=Label.CAPTION, hint_reason="a reason that says credit")
    assert caption_cues([named])[0].cues.caption == Caption(None, text)
    assert caption_cues([mentions])[0].cues.caption != Caption(None, text)


def test_a_name_line_under_the_headline_is_skipped_for_its_basis_not_its_reason() -> None:
    def authors(basis: Basis, reason: str) -> list[str]:
        decisions = [Decision(Block("Bridge plan goes back to the council", index=0), Label.TITLE, "headline"),
                     Decision(Block("Thomas Hanke", index=1), Label.BOILERPLATE, reason, basis),
                     Decision(Block(STORY, index=2), Label.BODY, "text")]
        return text_metadata(Metadata(), decisions).authors

    assert authors(Basis.CONTEXT, "before the article start") == ["Thomas Hanke"]
    assert authors(Basis.CONTEXT, "a reason that says phrase") == ["Thomas Hanke"]
    assert authors(Basis.PHRASE, "line is known boilerplate phrase 'x'") == []


def test_a_byline_and_a_date_line_opening_the_article_are_not_its_text() -> None:
    blocks = [Block("By Tomasz Wierzbicki 3 June 2024 6 min read", index=0), Block(STORY, index=1),
              Block("By Tomasz Wierzbicki 3 June 2024 6 min read", index=2)]
    out = judge(blocks, [0.9, 0.9, 0.9])
    assert (out[0].label, out[0].basis) == (Label.BYLINE, Basis.RULE)
    assert out[1].label is Label.BODY
    assert out[2].label is Label.BODY  # after the opening the score decides


def test_the_opening_ends_at_a_knob_passed_down() -> None:
    blocks = [Block(STORY, index=0), Block("By Tomasz Wierzbicki 3 June 2024", index=1)]
    assert judge(blocks, [0.9, 0.9])[1].label is Label.BODY
    assert judge(blocks, [0.9, 0.9], Tuning(opening_chars=len(STORY) + 1))[1].label is Label.BYLINE


def test_the_body_passes_alone_decide_the_body() -> None:
    blocks = [Block("Subscribe", index=0), Block(STORY, index=1)]
    assert [d.label for d in judge(blocks, [0.1, 0.9], passes=BODY_PASSES)] == [Label.BOILERPLATE, Label.BODY]


def test_links_in_a_navigation_container_are_navigation_whatever_their_score() -> None:
    blocks = [Block(STORY, index=0), Block("Home", index=1, link_density=1.0, hint=Label.NAVIGATION),
              Block("About us and more", index=2, link_density=0.2, hint=Label.NAVIGATION)]
    out = judge(blocks, [0.9, 0.9, 0.9])
    assert (out[1].label, out[1].basis) == (Label.NAVIGATION, Basis.HINT)
    assert out[2].label is Label.BODY  # mostly text: the score decides
    assert judge(blocks, [0.9, 0.9, 0.9], Tuning(nav_links=1.5))[1].label is Label.BODY


def test_knobs_are_read_per_model_and_page_type() -> None:
    forum, every = Tuning(threshold=0.2), Tuning(threshold=0.4)
    tunings = {"html_blocks": {"forum": forum, "*": every}}
    assert tuning_for("html_blocks", "forum", tunings) is forum
    assert tuning_for("html_blocks", "product", tunings) is every
    assert tuning_for("html_blocks", None, tunings) is every
    assert tuning_for("text_blocks", "forum", tunings) == Tuning()


def test_a_photo_credit_and_a_related_heading_inside_the_article_are_not_its_text() -> None:
    blocks = [Block(STORY, index=0), Block("Roman Prymula, photo: Archives du Gouvernement tchèque", index=1),
              Block(STORY, index=2), Block("Related articles", index=3), Block(STORY, index=4)]
    out = judge(blocks, [0.9] * 5)
    assert (out[1].label, out[1].basis) == (Label.CAPTION, Basis.RULE)
    assert (out[3].label, out[3].basis) == (Label.RELATED, Basis.PHRASE)
    assert [out[i].label for i in (0, 2, 4)] == [Label.BODY] * 3


def test_a_page_where_no_block_reaches_the_bars_keeps_its_best_run() -> None:
    blocks = [Block("Menu", index=0), Block(STORY, index=1), Block(STORY + " Again.", index=2)]
    out = judge(blocks, [0.02, 0.2, 0.18])
    assert [d.label for d in out][1:] == [Label.BODY, Label.BODY]
    assert out[0].label is not Label.BODY
    assert "scaled to the best score 0.20" in out[1].reason
    assert all(d.label is not Label.BODY for d in judge(blocks, [0.02, 0.2, 0.18], Tuning(rescue=1.01)))


def test_a_caption_class_around_running_text_does_not_drop_it() -> None:
    # a long block in a container whose class reads as a caption ("img-text") is the model's to judge
    long = Block(STORY + " " + STORY, index=0, hint=Label.CAPTION, hint_reason="inside a caption class")
    short = Block("A bridge at dusk. (Jane Roe/AFP)", index=1, hint=Label.CAPTION)
    out = judge([long, short, Block(STORY, index=2)], [0.95, 0.95, 0.95])
    assert out[0].label is Label.BODY
    assert out[1].label is Label.CAPTION
    strict = judge([long, short, Block(STORY, index=2)], [0.95, 0.95, 0.95],
                   Tuning(caption_chars=10_000, caption_most=1.0))
    assert strict[0].label is Label.CAPTION


def test_a_menu_toggle_in_a_navigation_container_is_navigation() -> None:
    toggle = Block("Workflows and actions", index=0, hint=Label.NAVIGATION, cues=Cues(control=True))
    label = Block("Workflows and actions", index=0, hint=Label.NAVIGATION)
    for first, expected in ((toggle, Label.NAVIGATION), (label, Label.BODY)):
        out = judge([first, Block(STORY, index=1)], [0.9, 0.9])
        assert out[0].label is expected


def test_a_teaser_cut_short_after_the_article_is_not_its_end() -> None:
    teaser_head = Block("Wartime economy delivers growth, but will the bubble burst?", index=3)
    excerpt = Block("A draft budget submitted to the parliament last month has outlined the plans to keep spending "
                    "high, with ambitions to maintain the steady levels of growth the country has seen since spen…",
                    index=4)
    blocks = [Block(STORY, index=0), Block(STORY, index=1), Block(STORY, index=2), teaser_head, excerpt]
    out = judge(blocks, [0.9] * 5)
    assert [d.label for d in out] == [Label.BODY] * 3 + [Label.RELATED] * 2
    # the excerpt not kept (a higher bar): its headline does not end the article either
    out = judge(blocks, [0.9, 0.9, 0.9, 0.9, 0.1])
    assert [d.label for d in out][3] is Label.RELATED
    # an article whose last paragraph trails off is left alone when it is not an excerpt's length
    out = judge(blocks[:3] + [Block("And then…", index=3)], [0.9] * 4)
    assert out[3].label is Label.BODY


def test_a_listing_of_excerpts_keeps_its_last_one() -> None:
    excerpt = ("A draft budget submitted to the parliament last month has outlined the plans to keep spending high, "
               "with ambitions to maintain the steady levels of growth the country has seen since…")
    blocks = [Block(f"Story {i}", index=2 * i) if k == 0 else Block(excerpt, index=2 * i + 1)
              for i in range(3) for k in range(2)]
    out = judge(blocks, [0.9] * len(blocks))
    assert all(d.label is Label.BODY for d in out)


def test_captions_that_would_be_most_of_the_article_are_its_text() -> None:
    # a video page: its one paragraph sits in a caption class, the rest of the page is a line of chrome
    intro = Block(STORY, index=1, hint=Label.CAPTION, hint_reason="inside a caption class")
    page = [Block("Watch the full report", index=0), intro, Block("Video available until 28.02.2027", index=2)]
    out = judge(page, [0.6, 0.9, 0.6])
    assert out[1].label is Label.BODY
    assert "captions the model keeps are most of the article" in out[1].reason
    # beside an article's own text a caption is still a caption; so is one the model does not keep
    photo = Block("A bridge at dusk. (Jane Roe/AFP)", index=1, hint=Label.CAPTION)
    out = judge([Block(STORY, index=0), photo, Block(STORY, index=2)], [0.95, 0.95, 0.95])
    assert [d.label for d in out] == [Label.BODY, Label.CAPTION, Label.BODY]
    assert judge(page, [0.6, 0.1, 0.6])[1].label is not Label.BODY
    assert judge(page, [0.6, 0.9, 0.6], Tuning(caption_most=1.0))[1].label is Label.CAPTION


def test_a_signup_form_found_by_structure_is_never_body() -> None:
    form = Block("Once a month, the best of our reporting in your inbox.", index=1, hint=Label.SUBSCRIBE,
                 hint_reason="inside a small box around an e-mail field (a sign-up form)", cues=Cues(email_box=True))
    named = Block("Once a month, the best of our reporting in your inbox.", index=1, hint=Label.SUBSCRIBE,
                  hint_reason="inside an element whose class/id names a subscribe widget ('newsletter')")
    page = [Block(STORY, index=0), form, Block(STORY, index=2)]
    assert [d.label for d in judge(page, [0.95, 0.9, 0.95])] == [Label.BODY, Label.SUBSCRIBE, Label.BODY]
    # a class name alone is the model's to weigh
    assert judge([page[0], named, page[2]], [0.95, 0.9, 0.95])[1].label is Label.BODY


def test_kept_blocks_from_a_comments_container_under_the_article_on_are_comments() -> None:
    reply = "I worked there for thirty years. Good that people will finally see what it is like inside."
    page = [Block(STORY, index=0), Block(STORY + " More of the story.", index=1),
            Block("Comments (4)", Kind.HEADING, index=2, level=2, hint=Label.COMMENTS),
            Block(reply, index=3, hint=Label.COMMENTS)]
    out = judge(page, [0.95, 0.95, 0.6, 0.8])
    assert [d.label for d in out] == [Label.BODY, Label.BODY, Label.COMMENTS, Label.COMMENTS]
    assert "comments section under the article" in out[3].reason
    # on a forum page (its fitted knobs) the replies are the content
    assert judge(page, [0.95, 0.95, 0.6, 0.8], Tuning(comments_cut=False))[3].label is Label.BODY
    # a short intro over a page of comments is not cut: the kept text before them is under half of theirs
    long_reply = Block(" ".join([reply] * 6), index=3, hint=Label.COMMENTS)
    assert judge([page[0], page[2], long_reply], [0.95, 0.6, 0.8])[2].label is Label.BODY


def test_short_link_lines_ending_an_article_are_links_out_of_it_on_article_pages() -> None:
    note = "Read the council's full report on the bridge."  # a link inside the story, followed by more story
    page = [Block(STORY, index=0), Block(note, index=1, link_density=1.0), Block(STORY + " The end.", index=2),
            Block("← Older story Newer story →", index=3, link_density=1.0),
            Block("More from Riverton | Bridges and roads", index=4, link_density=0.85)]
    scores = [0.95, 0.8, 0.95, 0.6, 0.6]
    out = judge(page, scores, Tuning(tail_cut=True))
    assert [d.label for d in out] == [Label.BODY, Label.BODY, Label.BODY, Label.NAVIGATION, Label.NAVIGATION]
    assert "links at the end of the article" in out[4].reason
    # a listing's last items are links: the knobs of other page types leave them
    assert [d.label for d in judge(page, scores, Tuning(tail_cut=False))].count(Label.BODY) == 5
    assert tuning_for("html_blocks", "article").tail_cut and not tuning_for("html_blocks", "listing").tail_cut


def test_a_kept_block_repeating_one_above_is_taken_out_where_layouts_repeat() -> None:
    card = "Free delivery on every order over 50 euros, and returns within thirty days."
    code = "for (let i = 0; i < rows.length; i++) { total += rows[i]; }"
    blocks = [Block(STORY, index=0), Block(card, index=1), Block(code, kind=Kind.CODE, index=2),
              Block("Add to cart now", index=3), Block(card.upper(), index=4), Block(code, kind=Kind.CODE, index=5),
              Block("Add to cart now", index=6)]
    scores = [0.9] * len(blocks)
    out = judge(blocks, scores, Tuning(repeats_cut=True))
    assert [d.label for d in out] == [Label.BODY] * 4 + [Label.BOILERPLATE, Label.BODY, Label.BODY]
    assert out[4].basis is Basis.CONTEXT and "repeat of a kept block above" in out[4].reason
    assert all(d.label is Label.BODY for d in judge(blocks, scores, Tuning(repeats_cut=False)))
    # the knob is data: shorter repeats go too when it says so
    assert judge(blocks, scores, Tuning(repeats_cut=True, repeat_chars=10))[6].label is Label.BOILERPLATE


def test_the_repeats_pass_runs_on_the_page_types_whose_knobs_say_so() -> None:
    for kind in ("forum", "product", "collection", "listing", "service"):
        assert tuning_for("html_blocks", kind).repeats_cut, kind
    for kind in ("article", "documentation", None):
        assert not tuning_for("html_blocks", kind).repeats_cut, kind
    for model in ("text_blocks", "markdown_blocks"):  # the text models keep the default knobs but for this pass
        assert tuning_for(model, "forum").repeats_cut and not tuning_for(model, "article").repeats_cut
        for kind in ("forum", "article", "service", None):  # ... and the bars that follow the model's sureness
            assert replace(tuning_for(model, kind), adapt=0.0, repeats_cut=False) == Tuning(), (model, kind)


def test_typed_articles_keep_fixed_bars_and_other_pages_follow_the_models_sureness() -> None:
    for model in ("html_blocks", "text_blocks", "markdown_blocks"):
        assert tuning_for(model, "article").adapt == 0.0
        for kind in ("forum", "service", "collection", "listing"):
            assert tuning_for(model, kind).adapt > 0.0, (model, kind)
    assert tuning_for("text_blocks", None).adapt > 0.0  # a text scrape's type is rarely sure
