"""Block → Decision: a context-free, pure labelling of each block. Rules live in cleaner/rules/.

A front-end's ``hint`` always wins. Otherwise, in order: known phrases (per label and language), photo credits
(→ caption, with the ``caption`` cue, text and credit, for assemble), bylines, date lines, and last the text
itself: long, stop-word-rich, punctuated text is body; link lists and word salad are boilerplate; short lines
stay body for now and the context pass (revise) decides them. :func:`quality` is shared with revise.
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from .model import Basis, Block, Caption, Decision, Kind, Label
from .rules import all_stopwords, cjk_function_chars
from .rules.bylines import authors, looks_like_byline
from .rules.credits import MAX_CAPTION_WORDS, split_credit
from .rules.dates import find_date
from .rules.phrases import CONTAINS_MAX_WORDS, consent_banner, matcher

# Quality thresholds follow jusText's defaults (Pomikálek 2011), re-tuned for the union stop list (every language's
# list at once raises stop-word densities over a single language's).
#: characters below which a block is "short": too little text to judge by itself
LENGTH_LOW = 70
#: characters above which a stop-word-rich block is surely article text
LENGTH_HIGH = 200
#: stop-word density above which a block reads as running text (near-good)
STOPWORDS_LOW = 0.30
#: stop-word density above which a long block is good
STOPWORDS_HIGH = 0.34
#: link-text share above which a block is a link list (menus, teasers)
MAX_LINK_DENSITY = 0.5
#: a CJK character carries about as much as this many Latin characters (word length + space)
CJK_CHAR_WEIGHT = 3
#: a CJK line without sentence punctuation reads as prose from this many CJK characters, when this share of them
#: are function characters (rules/cjk_function_chars.txt)
CJK_PROSE_MIN_CHARS = 20
CJK_FUNCTION_SHARE = 0.1
#: blocks up to this many words keep their words (the longest look-up, a caption, reads 80)
TOKENS_MAX_WORDS = 80
#: a date line has at most this many words besides the date ("Updated: Monday, 28 October 2024, 21:56")
DATE_LINE_MAX_WORDS = 10

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_SENTENCE = re.compile(r"[。！？，、]")
#: a sentence ends in one of these; '“' and '‘' close German quotations („…“), '’' English single ones
#: reference marks closing a sentence: "[15]", "[15][16]", "[citation needed]"
_REFERENCE_MARKS = re.compile(r"(?:\[[^\[\]]{1,20}\])+$")
_SENTENCE_END_CHARS = frozenset('.!?…:;。！？"”“’‘»)')


class Quality(str, Enum):
    GOOD = "good"
    NEAR_GOOD = "near-good"
    SHORT = "short"
    BAD = "bad"


# A NamedTuple, not a dataclass: one is built for most lines of a page and thousands sit in the cache, and a tuple
# is cheaper to build and read. Immutable: make a changed copy with ``_replace()``.
class Features(NamedTuple):
    words: int
    length: int  # characters, CJK weighted
    stop_density: float
    link_density: float
    sentence_end: bool
    #: lowercased words of short blocks, in order: shared by the phrase and credit look-ups (which only test
    #: membership; a tuple is cheaper to build than a set)
    tokens: tuple[str, ...]


def features(block: Block) -> Features:
    return features_of(block.text, block.link_density)


@lru_cache(maxsize=8192)
def features_of(text: str, link_density: float) -> Features:
    """:func:`_measure`, cached (repeated lines: menus, widgets). :func:`classify_with_features` hands revise the
    features of the blocks it labelled from its own cache."""
    return _measure(text, link_density)


def _measure(text: str, link_density: float, low: str | None = None) -> Features:
    """``low``: ``text.lower()``, when the caller has it."""
    tokens = _WORD.findall(text.lower() if low is None else low)
    prose = False
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    if cjk > len(text) / 3:
        length = len(text) + cjk * (CJK_CHAR_WEIGHT - 1)
        punctuated = _CJK_SENTENCE.search(text) is not None
        prose = not punctuated and _cjk_prose(text, cjk)  # clauses parted by spaces: it reads as a sentence
        density = STOPWORDS_HIGH if punctuated or prose else 0.0
    else:
        length = len(text)
        stops = all_stopwords()
        density = sum(map(stops.__contains__, tokens)) / len(tokens) if tokens else 0.0
    tail = text.rstrip()
    if tail.endswith("]"):  # "… for HTML5 applications.[15]": a wiki's reference marks after the full stop
        tail = _REFERENCE_MARKS.sub("", tail)
    ends = tail[-1:] in _SENTENCE_END_CHARS or prose
    # only short blocks keep their words: the look-ups that read them skip long ones, and the cache would hold
    # every word of every long paragraph
    words = tuple(tokens) if len(tokens) <= TOKENS_MAX_WORDS else ()
    return Features(len(tokens), length, density, link_density, ends, words)


def _cjk_prose(text: str, cjk: int) -> bool:
    """A line of CJK prose without sentence punctuation (blogs that part clauses with spaces): long enough, and
    at least CJK_FUNCTION_SHARE of its characters function characters (的, 了, の, に ...)."""
    if cjk < CJK_PROSE_MIN_CHARS:
        return False
    function = cjk_function_chars()
    return sum(map(function.__contains__, text)) >= CJK_FUNCTION_SHARE * cjk


def quality(block: Block, f: Features | None = None) -> Quality:
    """jusText-style class of a block's text, ignoring its neighbours."""
    return quality_of(f or features(block))


def quality_of(f: Features) -> Quality:
    if f.link_density > MAX_LINK_DENSITY:
        return Quality.BAD
    if f.length < LENGTH_LOW:
        return Quality.SHORT
    if f.stop_density >= STOPWORDS_HIGH and f.length > LENGTH_HIGH:
        return Quality.GOOD
    if f.stop_density >= STOPWORDS_LOW:
        return Quality.NEAR_GOOD
    return Quality.BAD


#: a caption's (caption text or None, credit), as the rules split it
Split = tuple[str | None, str]
#: what the rules read of a block's text: its label, the reason, what the label was read from, the caption's split
#: (captions only) and the text's features
Labelled = tuple[Label, str, Basis, Split | None, Features]


def _rule(text: str, code: bool, f: Features, low: str | None = None
          ) -> tuple[Label, str, Basis, Split | None] | None:
    """(label, reason, basis, caption split for captions) from the rules, or None. ``low``: ``text.lower()``, when
    the caller has it."""
    found = matcher().match(text, f.words, f.tokens, low)
    if found is not None:
        how = "line is" if found.exact else "contains"
        return found.label, f"{how} known {found.label.value} phrase '{found.phrase}'", Basis.PHRASE, None
    if code:
        return None
    if f.words > CONTAINS_MAX_WORDS:
        consent = consent_banner(text, low)
        if consent is not None:
            return Label.COOKIE, f"a paragraph about cookies and '{consent}': a consent banner", Basis.RULE, None
    if f.words <= 40 and looks_like_byline(text) and authors(text):
        return Label.BYLINE, "byline: author names after 'by' or before an agency", Basis.RULE, None
    credit = split_credit(text, f.tokens) if f.words <= MAX_CAPTION_WORDS else None
    if credit is not None:
        caption, who = credit
        return Label.CAPTION, f"ends with a photo credit '{who}'", Basis.RULE, (caption or None, who)
    if ((f.words <= DATE_LINE_MAX_WORDS and not f.sentence_end) or f.words <= 4) and ("20" in text or "19" in text):
        date = find_date(text)  # every date read has a four-digit year: "19.." or "20.."
        if date is not None and len(_WORD.findall(text[: date.start] + text[date.end:])) <= DATE_LINE_MAX_WORDS // 2:
            return Label.METADATA, "date line", Basis.RULE, None
    return None


def _label_of(text: str, code: bool, link_density: float) -> Labelled:
    """The context-free label of a block's text and the features it was read from. (The features ride along so
    that revise needs no second cache look-up per block.) :func:`_label` caches it for short texts."""
    low = text.lower()  # what the word count and the phrase and banner look-ups read: lowercased once
    f = _measure(text, link_density, low)
    decided = _rule(text, code, f, low)
    if decided is not None:
        return (*decided, f)
    q = quality_of(f)
    if q is Quality.BAD:
        why = "link list" if f.link_density > MAX_LINK_DENSITY else "few stop words: not running text"
        return Label.BOILERPLATE, why, Basis.TEXT, None, f
    if q is Quality.SHORT:
        return Label.BODY, "short text: kept only inside the article (see revise)", Basis.TEXT, None, f
    return Label.BODY, f"{q.value} text: long enough, with stop words", Basis.TEXT, None, f


# Repeated lines (menus, share buttons, widget lines) are nearly all short, so only short lines are cached, in a
# small cache: every entry is an object the garbage collector keeps traversing, and a large cache crowds the CPU
# caches (the measurements: benchmarks/HISTORY.md).
#: texts up to this many characters are cached
CACHE_MAX_CHARS = LENGTH_LOW
#: how many texts the cache keeps
CACHE_SIZE = 512


@lru_cache(maxsize=CACHE_SIZE)
def _cached_label(text: str, code: bool, link_density: float) -> Labelled:
    """:func:`_label_of`, cached. ``code``: whether the block is code, all that the rules read of its kind. The key
    is then a str, a bool and a float: a tuple of untracked objects, which the garbage collector stops tracking (a
    key holding the Kind enum stayed tracked, and thousands of cached keys were traversed by every full
    collection)"""
    return _label_of(text, code, link_density)


def _label(text: str, code: bool, link_density: float) -> Labelled:
    """The context-free label of a block's text, cached for short texts (the ones that repeat)."""
    if len(text) <= CACHE_MAX_CHARS:
        return _cached_label(text, code, link_density)
    return _label_of(text, code, link_density)


def classify_block(block: Block) -> Decision:
    return _classify(block)[0]


def _classify(block: Block) -> tuple[Decision, Features]:
    if block.hint is not None or block.kind is Kind.IMAGE:
        f = features_of(block.text, block.link_density)
        if block.hint is not None:
            reason = block.hint_reason or f"front-end hint: {block.hint.value}"
            return Decision(block, block.hint, reason, Basis.HINT), f
        return Decision(block, Label.BOILERPLATE, "image marker", Basis.RULE), f
    label, reason, basis, caption, f = _label(block.text, block.kind is Kind.CODE, block.link_density)
    if caption is not None:
        cues = replace(block.cues, caption=Caption(*caption))
        return Decision(replace(block, cues=cues), label, reason, basis), f
    return Decision(block, label, reason, basis), f


def classify(blocks: list[Block]) -> list[Decision]:
    return classify_with_features(blocks)[0]


def classify_with_features(blocks: list[Block]) -> tuple[list[Decision], list[Features]]:
    """The decisions and each block's features (which revise reads), in one pass."""
    decisions: list[Decision] = []
    feats: list[Features] = []
    for b in blocks:
        # _classify's common case inlined (no hint, no image, no caption): one call fewer per block
        if b.hint is None and b.kind is not Kind.IMAGE:
            text = b.text  # _label, inlined
            label, reason, basis, caption, f = (_cached_label if len(text) <= CACHE_MAX_CHARS else _label_of)(
                text, b.kind is Kind.CODE, b.link_density)
            if caption is None:
                decisions.append(Decision(b, label, reason, basis))
                feats.append(f)
                continue
        d, f = _classify(b)
        decisions.append(d)
        feats.append(f)
    return decisions, feats
