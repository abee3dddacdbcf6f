"""The headline of a text or Markdown page (HTML pages mostly name theirs in their metadata): the top-level heading
just before the article run, or else the title-like line there that shares most words with the article's opening.
"""

from __future__ import annotations

import re

from .classify import MAX_LINK_DENSITY, Features
from .model import Decision, Kind, Label

#: how far before the article the headline may be (bylines, dates, captions, notices sit in between)
TITLE_WINDOW = 30
#: words in a headline
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 2, 40
#: a line ending in one of these (before any closing quotes) goes on or ends a sentence: no headline
PHRASE_ENDS = (".", ",", ":", ";", "…")
CLOSING_QUOTES = " \t\"'”“’‘»)"  # also white space: rstrip() with these strips both
#: a "heading" of at least this many words that ends with a full stop is a standfirst set in a heading's markup: no
#: headline, and it weighs in the article as the paragraph it is
PROSE_HEADING_MIN_WORDS = 15
#: a headline is mostly letters (not "1:39 PM ET", not "IMG_1160x768.jpg")
TITLE_MIN_LETTERS = 0.6
#: title scoring for lines (no headings in sight): 4-25 words is the usual length; each candidate-like block
#: between it and the article makes it less likely; below TITLE_MIN_SCORE: no title
TITLE_LENGTH_BONUS = 2.0
TITLE_GOOD_WORDS = (4, 25)
TITLE_DISTANCE_COST = 0.1
TITLE_MIN_SCORE = -2.0
#: a title-like line scores up to this much more by the share of its words the article's first blocks repeat:
#: the opening is this many blocks, and a word counts from this many letters (names and nouns, not "the", "und")
TITLE_OVERLAP_BONUS = 5.0
TITLE_OPENING_BLOCKS = 4
TITLE_CONTENT_WORD = 4
#: a headline line may repeat a few times (the last breadcrumb, a sticky header, a share text): past that, a
#: menu item
TITLE_MAX_REPEATS = 5
SKIP_BEFORE_TITLE = frozenset({Label.BYLINE, Label.METADATA, Label.DATELINE, Label.CAPTION, Label.NOTICE,
                               Label.SHARE})
#: what is not a letter: a headline's letters are what is left when these runs are dropped (no list of matches)
_NON_LETTERS = re.compile(r"[\W\d_]+")
#: a maximal run of at least TITLE_CONTENT_WORD letters: the content words, found without the shorter ones
_CONTENT_WORD = re.compile(rf"[^\W\d_]{{{TITLE_CONTENT_WORD},}}")
_TRAIL = re.compile(r"\s[›»>/|]\s")


def title_score(d: Decision, f: Features, distance: int) -> float | None:
    """How much a block before the article looks like its headline (None: not at all)."""
    text = d.block.text
    heading = d.block.kind is Kind.HEADING
    linked_heading = heading and d.label is Label.BOILERPLATE  # a headline linking to its own permalink
    # a line of few stop words may be a headline ("Quantum Free Asolo Factory 130: ..."), not a link list
    terse_line = not heading and d.label is Label.BOILERPLATE and f.link_density <= MAX_LINK_DENSITY
    if (d.label is not Label.BODY and not linked_heading and not terse_line) \
            or not TITLE_MIN_WORDS <= f.words <= TITLE_MAX_WORDS:
        return None
    if (not heading and text.rstrip(CLOSING_QUOTES).endswith(PHRASE_ENDS)) or prose_heading(d, f):
        return None
    if d.block.cues.repeats > TITLE_MAX_REPEATS and not heading:
        return None
    if len(_NON_LETTERS.sub("", text)) < TITLE_MIN_LETTERS * len(text) or _list_like(text):
        return None
    score = 0.0
    if TITLE_GOOD_WORDS[0] <= f.words <= TITLE_GOOD_WORDS[1]:
        score += TITLE_LENGTH_BONUS
    return score - TITLE_DISTANCE_COST * distance


def prose_heading(d: Decision, f: Features) -> bool:
    """A heading that is a sentence of PROSE_HEADING_MIN_WORDS or more, ending with a full stop (a standfirst)."""
    return d.block.kind is Kind.HEADING and f.words >= PROSE_HEADING_MIN_WORDS and d.block.text.rstrip().endswith(".")


def _list_like(text: str) -> bool:
    """A tag or category list ("amiga, dogs, floppy, Hunde"), a breadcrumb trail or a file name
    ("WEB19-Student-Taking-Test-1160x768"), not a headline."""
    parts = text.split(",")
    if len(parts) > 2 and all(len(p.split()) <= 3 for p in parts):
        return True
    if len(_TRAIL.findall(text)) >= 2:  # a breadcrumb trail: "Home › News › Headline"
        return True
    return text.count("-") >= 4 and text.count("-") > text.count(" ")


def title_index(decisions: list[Decision], feats: list[Features], start: int, end: int) -> int | None:
    """The headline: the top-level heading in the window before the article (Markdown, HTML); without headings
    the best-scoring title-like line (text), where sharing words with the article's opening counts most: a
    headline names what the first paragraphs tell, a menu item or a share line does not."""
    lo = max(0, start - TITLE_WINDOW)
    headings = [i for i in range(start - 1, lo - 1, -1) if decisions[i].block.kind is Kind.HEADING
                and title_score(decisions[i], feats[i], 0) is not None]
    if headings:
        top = min(decisions[i].block.level for i in headings)
        return next(i for i in headings if decisions[i].block.level == top)
    # the opening's content words, read only when a title-like line needs them (many pages have none before the run)
    opening: set[str] | None = None
    best, best_score, distance = None, TITLE_MIN_SCORE, 0
    for i in range(start - 1, lo - 1, -1):
        d = decisions[i]
        if d.label in SKIP_BEFORE_TITLE:
            continue
        score = title_score(d, feats[i], distance)
        if score is not None:
            words = _content_words(d.block.text)
            if words:
                if opening is None:
                    opening = _content_words(" ".join(
                        o.block.text for o in decisions[start:min(end, start + TITLE_OPENING_BLOCKS)]
                        if o.label is Label.BODY))
                score += TITLE_OVERLAP_BONUS * len(words & opening) / len(words)
            if score > best_score:
                best, best_score = i, score
        distance += 1
    return best


def _content_words(text: str) -> set[str]:
    """Lowercased words of at least TITLE_CONTENT_WORD letters (names, nouns, verbs; not "the", "und")."""
    return set(_CONTENT_WORD.findall(text.lower()))
