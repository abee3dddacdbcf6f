"""The knobs of the rule pass (cleaner/revise.py and the run weights of cleaner/weights.py), in one frozen object
passed down to every function that reads one: a caller (a test, a tuning script) passes other values instead of
patching module globals. :data:`RULE_TUNING` holds the values set on the dev sets (what each moved:
benchmarks/HISTORY.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleTuning:
    """Every number and switch of the rule pass, one line each."""

    # -- the run weights (cleaner/weights.py)
    #: a body block scores its length x stop-word density / this density: running text of this density counts 1:1
    full_density: float = 0.34
    #: ... up to this factor (a footer disclaimer is long but sparse, a short news paragraph dense)
    density_cap: float = 2.0
    #: a short line that is a sentence ("Every word counts.") counts this share of its length instead of a cost
    short_sentence_weight: float = 0.5
    #: share of the fitted weight in a block's weight when the fitted score is used (the rest: the hand-set weights)
    fitted_mix: float = 0.5
    #: fitted probability at which a block neither adds to nor costs the run
    fitted_neutral: float = 0.5
    #: the fitted weight counts at least this many characters, so that short lines still weigh
    fitted_min_length: int = 50
    #: cost of a short body-candidate line (menus are runs of these; an article has a few between paragraphs)
    short_cost: int = 25
    #: where the front-end counts links and no extractor judged the line (Markdown): a list item without a link adds
    #: this much (an ingredient, a fact in a list) ...
    plain_item_weight: int = 10
    #: ... and a short plain line without a link costs this much instead of short_cost (a label, a subheading)
    plain_short_cost: int = 5
    #: cost of a block of few stop words or many links
    bad_cost: int = 40
    #: cost of a block a phrase rule labelled (widget lines inside an article are bridged by its paragraphs)
    rule_cost: int = 40
    #: cost of captions, bylines and date lines: they sit inside articles and should not split them
    inline_cost: int = 5
    #: cost of an end marker ("MORE NEWS", "Comments", "Related"): the article rarely goes on after one
    end_cost: int = 400
    #: an end marker is a short line: a heading or a lone phrase, not a sentence mentioning "comments"
    end_max_words: int = 6
    #: added to the weight of a block a trusted extractor kept (the in_candidate cue)
    candidate_bonus: int = 200
    #: a long punctuated paragraph just under the stop-word bar (terse news, recipes, inflected languages) still
    #: carries the run a little: at least this long, with this stop-word density, at most this link density ...
    soft_min_length: int = 150
    soft_density: float = 0.2
    soft_max_links: float = 0.2
    #: ... at this weight per character
    soft_weight: float = 0.3

    # -- the passes (cleaner/revise.py)
    #: mix the fitted block score (rules/block_weights.json) into the weights: off, it did not pay for its CPU time
    use_fitted: bool = False
    #: inside the article run, keep a link list the trusted extractor kept (a paragraph of links, the references)
    keep_candidate_link_lists: bool = True
    #: before the run, keep body text the trusted extractor kept (a standfirst split off the run by a widget)
    keep_candidate_before_start: bool = True
    #: after the run, outside any widget section, keep body text the trusted extractor kept
    keep_candidate_after_end: bool = True
    #: ... either way, not a kicker or section label ("Photo story"): at least this many words
    keep_outside_min_words: int = 4
    #: a run of text before a comments heading is the article when it weighs this share of the best run after the
    #: heading (reader comments can outweigh a short story) ...
    comments_min_share: float = 0.15
    #: ... and at least this much
    comments_min_weight: int = 300
    #: a comments marker in the run ends it when this many later markers in the run repeat on the page ("Reply")
    thread_min_replies: int = 2
    #: an author's bio among the last this many body blocks of the run ends the article ...
    bio_tail: int = 2
    #: ... in a run of at least this many body blocks
    bio_min_body: int = 4
    #: below this share of long sentence blocks with stop words, the page's language has no stop list: judge blind
    blind_share: float = 0.25
    #: a page of at most this many blocks without any sentence of text is kept as it is (a note, a stub)
    tiny_page_blocks: int = 5
    #: the run may open with this much header text (a tagline) before a headline it then starts after ...
    trim_max_text: int = 50
    #: ... within its first this many blocks
    trim_window: int = 4
    #: a question or exclamation of at most this many words opens the run as a headline (no extractor judged it)
    headline_max_words: int = 12
    #: a teaser's headline is at most this many words
    teaser_title_max_words: int = 30


RULE_TUNING = RuleTuning()
