"""What each labelled block adds to, or costs, the article run that revise picks (a maximum-subarray over these
weights): running text scores its length, weighted by its stop-word density; short lines, boilerplate and widget
lines cost a little; end markers ("MORE NEWS", "Comments", "About the author") cost a lot. The numbers are knobs of
:class:`~cleaner.rule_tuning.RuleTuning`, passed down."""

from __future__ import annotations

from .classify import MAX_LINK_DENSITY, STOPWORDS_LOW, Features, Quality
from .model import Decision, Kind, Label
from .rule_tuning import RULE_TUNING, RuleTuning
from .rules import normalise
from .rules.phrases import end_metadata_phrases, not_end_phrases
from .title import CLOSING_QUOTES, PHRASE_ENDS, TITLE_MAX_WORDS, TITLE_MIN_WORDS, prose_heading

#: labels of blocks that sit inside articles (cost inline_cost, not rule_cost)
INLINE_LABELS = frozenset({Label.CAPTION, Label.BYLINE, Label.METADATA, Label.DATELINE})
#: labels of end markers: a sign-up line ends an article as often as a "Related" heading (not a sign-up box the
#: markup shows: that sits inside stories as often as after them)
END_LABELS = frozenset({Label.RELATED, Label.COMMENTS, Label.FOOTER, Label.SUBSCRIBE})


#: qualities of text that is not running text (weight()'s fast path)
_SHORT_OR_BAD = (Quality.SHORT, Quality.BAD)
#: kinds of block that weigh by their text (headings, images and code have rules of their own)
_TEXT_KINDS = (Kind.PARAGRAPH, Kind.LIST_ITEM, Kind.QUOTE, Kind.TABLE)


def headline_like(text: str, f: Features, max_words: int) -> bool:
    """A line of headline length that does not go on or end like a sentence."""
    return TITLE_MIN_WORDS <= f.words <= max_words and not text.rstrip(CLOSING_QUOTES).endswith(PHRASE_ENDS)


def fitted_weight(p: float, f: Features, t: RuleTuning) -> float:
    """A block's share in the run from the fitted probability that it is article text: positive above
    fitted_neutral, scaled by its length (at least fitted_min_length, so that short lines still count)."""
    return (p - t.fitted_neutral) * 2 * max(f.length, t.fitted_min_length)


def short_weight(d: Decision, t: RuleTuning) -> float:
    """What a short line or headline-like line adds to the run. Where the front-end counts links (the ``links``
    cue) and no trusted extractor judged the line (Markdown), a menu is links: a list item without one is content
    (an ingredient, a fact in a list) and carries the run a little, a plain short line costs little (a label, a
    subheading set as text)."""
    cues = d.block.cues
    if cues.links == 0 and not cues.images and cues.in_candidate is None:
        if d.block.kind is Kind.LIST_ITEM:
            return t.plain_item_weight
        if d.block.kind is Kind.PARAGRAPH:
            return -t.plain_short_cost
    return -t.short_cost


def weight(d: Decision, f: Features, q: Quality, p: float | None = None, t: RuleTuning = RULE_TUNING) -> float:
    """What block ``d`` adds to (or costs) the article run; ``p``: its fitted probability, when that is used."""
    block, label = d.block, d.label
    if label is Label.BODY and p is None and not f.sentence_end and q in _SHORT_OR_BAD and block.kind in _TEXT_KINDS:
        # the common case first (two lines in three of a text page): a short body line that ends no sentence, not
        # a heading, image or code, weighs short_weight() whether or not it is headline-like (the tests below)
        return short_weight(d, t) + (t.candidate_bonus if block.cues.in_candidate else 0.0)
    bonus = t.candidate_bonus if block.cues.in_candidate else 0.0
    if label is Label.BOILERPLATE and f.link_density > MAX_LINK_DENSITY:
        bonus = 0.0  # a link list is dropped even inside the article: it must not carry the run either
    if block.kind in (Kind.IMAGE, Kind.CODE) and label in (Label.BODY, Label.BOILERPLATE):
        return bonus  # images and code listings neither make nor break an article
    if p is not None and label in (Label.BODY, Label.BOILERPLATE):
        return t.fitted_mix * fitted_weight(p, f, t) + (1 - t.fitted_mix) * weight(d, f, q, None, t) + bonus
    if label is Label.BODY:
        return _body_weight(d, f, q, t) + bonus
    if label is Label.BOILERPLATE:
        if f.sentence_end and f.length >= t.soft_min_length and f.stop_density >= t.soft_density \
                and f.link_density <= t.soft_max_links:
            return f.length * t.soft_weight + bonus
        return -t.bad_cost + bonus
    return _widget_weight(d, f, t)


def _body_weight(d: Decision, f: Features, q: Quality, t: RuleTuning) -> float:
    """The weight of a body candidate (before any extractor's bonus): running text by its length and density,
    headings and headline-like lines as short lines."""
    block = d.block
    # pure tests, cheapest first: only headings can be standfirsts (and a standfirst, ending with a full stop, is
    # never headline-like), and a line ending a sentence is no headline
    if block.kind is Kind.HEADING:
        if not (prose_heading(d, f) and q in (Quality.GOOD, Quality.NEAR_GOOD)):
            return -t.short_cost  # headings are not running text
    elif not f.sentence_end and headline_like(block.text, f, TITLE_MAX_WORDS):
        return short_weight(d, t)  # headline-like lines are not running text
    if q in (Quality.GOOD, Quality.NEAR_GOOD):
        return f.length * min(t.density_cap, f.stop_density / t.full_density)
    if f.sentence_end and f.stop_density >= STOPWORDS_LOW:
        return f.length * t.short_sentence_weight
    return short_weight(d, t)


def _widget_weight(d: Decision, f: Features, t: RuleTuning) -> float:
    """The cost of a block a rule labelled (neither body nor boilerplate): end markers cost most, lines that sit
    inside articles least."""
    if d.label in END_LABELS and f.words <= t.end_max_words and normalise(d.block.text) not in not_end_phrases() \
            and not (d.label is Label.SUBSCRIBE and d.block.hint is not None):
        return -t.end_cost
    if d.label is Label.METADATA and f.words <= t.end_max_words and normalise(d.block.text) in end_metadata_phrases():
        return -t.end_cost  # an author box's heading: the story has ended
    if d.label in INLINE_LABELS:
        return -t.inline_cost
    return -t.rule_cost
