"""What each labelled block adds to, or costs, the article run that revise picks (a maximum-subarray over these
weights): running text scores its length, weighted by its stop-word density; short lines, boilerplate and widget
lines cost a little; end markers ("MORE NEWS", "Comments", "About the author") cost a lot. The constants were set on
the dev sets; each comment gives what it moved."""

from __future__ import annotations

from .classify import MAX_LINK_DENSITY, STOPWORDS_LOW, Features, Quality
from .model import Decision, Kind, Label
from .rules import normalise
from .rules.phrases import end_metadata_phrases, not_end_phrases
from .title import CLOSING_QUOTES, PHRASE_ENDS, TITLE_MAX_WORDS, TITLE_MIN_WORDS, prose_heading

#: a body block scores its length times stop-word density / this density (running text of 0.34 counts 1:1,
#: denser prose counts more, up to DENSITY_CAP: a footer disclaimer is long but sparse, a short news paragraph
#: dense), so that a page's legal small print cannot outweigh a story told in short paragraphs
FULL_DENSITY = 0.34
DENSITY_CAP = 2.0
#: a short line that is a sentence ("Every word counts.") counts this share of its length instead of a cost
SHORT_SENTENCE_WEIGHT = 0.5
#: share of the fitted weight in a block's weight (the rest: the hand-set weights below)
FITTED_MIX = 0.5
#: fitted probability at which a block neither adds to nor costs the run
FITTED_NEUTRAL = 0.5
#: the fitted weight counts at least this many characters, so that short lines still weigh
FITTED_MIN_LENGTH = 50
#: cost of a short body-candidate line (menus are runs of these; an article has a few between paragraphs)
SHORT_COST = 25
#: where the front-end counts links and no trusted extractor judged the line (Markdown): a list item without a link
#: adds this much, a short line without one costs this much instead of SHORT_COST (readability-md +0.011,
#: trafilatura-dev-md +0.0056; in HTML, where trafilatura's candidate speaks for such lines, the same moved
#: readability by -0.0011, trafilatura-dev by +0.0002: not used there)
PLAIN_ITEM_WEIGHT = 10
PLAIN_SHORT_COST = 5
#: cost of a block of few stop words or many links
BAD_COST = 40
#: cost of a block a phrase rule labelled (widget lines inside an article are bridged by its paragraphs)
RULE_COST = 40
#: cost of captions, bylines and date lines: they sit inside articles and should not split them
INLINE_COST = 5
#: cost of an end marker ("MORE NEWS", "Comments", "Related", "Get our newsletter"): the article rarely goes on
#: after one
END_COST = 400
#: an end marker is a short line: a heading or a lone phrase, not a sentence mentioning "comments"
END_MAX_WORDS = 6
#: score added to blocks a trusted extractor kept (front-end cue ``in_candidate``)
CANDIDATE_BONUS = 200
#: a long, punctuated paragraph just under the stop-word bar (terse news, recipes, inflected languages) still
#: carries the run a little: this long, this many stop words, this few links, at this weight per character
#: (trafilatura-dev-text/-md snippet F1 +0.003/+0.004, the HTML sets unchanged)
SOFT_MIN_LENGTH = 150
SOFT_DENSITY = 0.2
SOFT_MAX_LINKS = 0.2
SOFT_WEIGHT = 0.3
#: labels of blocks that sit inside articles (cost INLINE_COST, not RULE_COST)
INLINE_LABELS = frozenset({Label.CAPTION, Label.BYLINE, Label.METADATA, Label.DATELINE})
#: a newsletter sign-up line ends an article as often as a "Related" heading does: text scrapes have it between
#: the story and a sidebar (trafilatura-dev-text/-md +0.0027/+0.0031). Not a sign-up box the markup shows (a form
#: hint): that sits inside stories as often as after them
END_LABELS = frozenset({Label.RELATED, Label.COMMENTS, Label.FOOTER, Label.SUBSCRIBE})


#: qualities of text that is not running text (weight()'s fast path)
_SHORT_OR_BAD = (Quality.SHORT, Quality.BAD)
#: kinds of block that weigh by their text (headings, images and code have rules of their own)
_TEXT_KINDS = (Kind.PARAGRAPH, Kind.LIST_ITEM, Kind.QUOTE, Kind.TABLE)


def headline_like(text: str, f: Features, max_words: int) -> bool:
    """A line of headline length that does not go on or end like a sentence."""
    return TITLE_MIN_WORDS <= f.words <= max_words and not text.rstrip(CLOSING_QUOTES).endswith(PHRASE_ENDS)


def fitted_weight(p: float, f: Features) -> float:
    """A block's share in the run from the fitted probability that it is article text: positive above
    FITTED_NEUTRAL, scaled by its length (at least FITTED_MIN_LENGTH, so that short lines still count)."""
    return (p - FITTED_NEUTRAL) * 2 * max(f.length, FITTED_MIN_LENGTH)


def short_weight(d: Decision) -> float:
    """What a short line or headline-like line adds to the run. Where the front-end counts links (the ``links``
    cue) and no trusted extractor judged the line (Markdown), a menu is links: a list item without one is content
    (an ingredient, a fact in a list) and carries the run a little, a plain short line costs little (a label, a
    subheading set as text)."""
    cues = d.block.cues
    if cues.links == 0 and not cues.images and cues.in_candidate is None:
        if d.block.kind is Kind.LIST_ITEM:
            return PLAIN_ITEM_WEIGHT
        if d.block.kind is Kind.PARAGRAPH:
            return -PLAIN_SHORT_COST
    return -SHORT_COST


def weight(d: Decision, f: Features, q: Quality, p: float | None = None) -> float:
    """What block ``d`` adds to (or costs) the article run; ``p``: its fitted probability, when that is used."""
    block, label = d.block, d.label
    if label is Label.BODY and p is None and not f.sentence_end and q in _SHORT_OR_BAD and block.kind in _TEXT_KINDS:
        # the common case first (two lines in three of a text page): a short body line that ends no sentence, not
        # a heading, image or code, weighs short_weight() whether or not it is headline-like (the tests below)
        return short_weight(d) + (CANDIDATE_BONUS if block.cues.in_candidate else 0.0)
    bonus = CANDIDATE_BONUS if block.cues.in_candidate else 0.0
    if label is Label.BOILERPLATE and f.link_density > MAX_LINK_DENSITY:
        bonus = 0.0  # a link list is dropped even inside the article: it must not carry the run either
    if block.kind in (Kind.IMAGE, Kind.CODE) and label in (Label.BODY, Label.BOILERPLATE):
        return bonus  # images and code listings neither make nor break an article
    if p is not None and label in (Label.BODY, Label.BOILERPLATE):
        return FITTED_MIX * fitted_weight(p, f) + (1 - FITTED_MIX) * weight(d, f, q) + bonus
    if label is Label.BODY:
        # pure tests, cheapest first: only headings can be standfirsts (and a standfirst, ending with a full stop,
        # is never headline-like), and a line ending a sentence is no headline
        if block.kind is Kind.HEADING:
            if not (prose_heading(d, f) and q in (Quality.GOOD, Quality.NEAR_GOOD)):
                return -SHORT_COST + bonus  # headings are not running text
        elif not f.sentence_end and headline_like(block.text, f, TITLE_MAX_WORDS):
            return short_weight(d) + bonus  # headline-like lines are not running text
        if q in (Quality.GOOD, Quality.NEAR_GOOD):
            return f.length * min(DENSITY_CAP, f.stop_density / FULL_DENSITY) + bonus
        if f.sentence_end and f.stop_density >= STOPWORDS_LOW:
            return f.length * SHORT_SENTENCE_WEIGHT + bonus
        return short_weight(d) + bonus
    if d.label is Label.BOILERPLATE:
        if f.sentence_end and f.length >= SOFT_MIN_LENGTH and f.stop_density >= SOFT_DENSITY \
                and f.link_density <= SOFT_MAX_LINKS:
            return f.length * SOFT_WEIGHT + bonus
        return -BAD_COST + bonus
    if d.label in END_LABELS and f.words <= END_MAX_WORDS and normalise(d.block.text) not in not_end_phrases() \
            and not (d.label is Label.SUBSCRIBE and d.block.hint is not None):
        return -END_COST
    if d.label is Label.METADATA and f.words <= END_MAX_WORDS and normalise(d.block.text) in end_metadata_phrases():
        return -END_COST  # an author box's heading: the story has ended (readability-text +0.0004, td-md +0.001)
    if d.label in INLINE_LABELS:
        return -INLINE_COST
    return -RULE_COST
