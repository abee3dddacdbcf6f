"""Known boilerplate phrases (rules/phrases/<label>.json) → a matcher giving a label and the phrase found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Label
from . import HERE, load_json, normalise

#: most specific first: when a line matches phrases of two labels, the earlier label wins
PRIORITY = (
    Label.COOKIE, Label.SUBSCRIBE, Label.COMMENTS, Label.NOTICE, Label.ADVERT, Label.SHARE, Label.RELATED,
    Label.NAVIGATION, Label.FOOTER, Label.METADATA,
)
#: a 'contains' phrase only decides for blocks up to this many words: in a long paragraph such a phrase is
#: part of the story ("... the newsletter said ...") rather than a widget
CONTAINS_MAX_WORDS = 30
#: a line of up to this many words, each a one-word phrase of the same label, is a row of such buttons or links
RUN_MAX_WORDS = 8
#: whole-line phrases have at most this many words (the longest list entries have 7)
EXACT_MAX_WORDS = 10
#: whole-line phrases are at most this long after normalising; longer lines skip the dictionary look-up
EXACT_MAX_CHARS = 60
#: an 'ends' phrase decides a line of at most this many words, all capitalised, that ends with it ("Cicero
#: Newsletter", "GET THE BOING BOING NEWSLETTER"): a widget's heading names the site first; a sentence goes on after
#: the word, and a headline about newsletters has lower-case words ("How to start a newsletter")
ENDS_MAX_WORDS = 6


_TOKEN = re.compile(r"\w+")
#: what separates the buttons of a row written as one line ("Print | Email")
_SEPARATOR = re.compile(r"\s*[|•·/]\s*")


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    label: Label
    phrase: str
    exact: bool


class PhraseMatcher:
    """Whole-line ('exact') and in-line ('contains') phrase look-ups over every language at once."""

    def __init__(self) -> None:
        self._exact: dict[str, Label] = {}
        self._ends: dict[str, Label] = {}  # a line's last word → label (one-word 'ends' phrases)
        contains: list[tuple[str, Label]] = []
        for label in reversed(PRIORITY):  # earlier labels overwrite later ones
            data = load_json(f"phrases/{label.value}.json")
            for phrases in data.get("exact", {}).values():
                for p in phrases:
                    self._exact[normalise(p)] = label
            for phrases in data.get("contains", {}).values():
                contains.extend((p.lower(), label) for p in phrases)
            for phrases in data.get("ends", {}).values():
                for p in phrases:
                    self._ends[normalise(p)] = label
        # the first word of every whole-line phrase: a line's key can be a phrase, or open a run of them, only
        # when its first word is one of these
        self._firsts = frozenset(k.split()[0] for k in self._exact if k.strip())
        self._contains_label = {}
        for p, label in contains:
            self._contains_label[p] = label  # reversed order: higher priority written last
        # the longest word of each phrase: a line holding none of them cannot match, and a set test is far
        # cheaper than the alternation below (most lines of a page are tested)
        self._keys = frozenset(max(_TOKEN.findall(p), key=len) for p in self._contains_label if _TOKEN.search(p))
        self._contains = _word_start_alternation(sorted(self._contains_label, key=len, reverse=True))

    def match(self, text: str, words: int, tokens: Sequence[str] | None = None, low: str | None = None
              ) -> PhraseMatch | None:
        """The label of a known phrase in ``text`` (``words`` long; ``tokens``: its lowercased words, ``low``:
        ``text.lower()``, if known)."""
        key = normalise(text) if words <= EXACT_MAX_WORDS and len(text) <= 2 * EXACT_MAX_CHARS \
            and not self._opens_no_phrase(text, tokens) else ""
        if key and len(key) <= EXACT_MAX_CHARS and key in self._exact:
            return PhraseMatch(self._exact[key], key, exact=True)
        parts = key.split() if " " in key else ()  # a run has two words or more
        if 1 < len(parts) <= RUN_MAX_WORDS and parts[0] in self._exact:  # "Facebook Twitter WhatsApp"
            labels = {self._exact.get(p) for p in parts}
            if len(labels) == 1 and None not in labels:
                return PhraseMatch(self._exact[parts[0]], key, exact=True)
        if parts and _SEPARATOR.search(text):  # "Print | Send to a friend"
            run = self._separated_run(text)
            if run is not None:
                return run
        if 1 < words <= ENDS_MAX_WORDS and self._ends:
            last = (tokens if tokens is not None else _TOKEN.findall(text.lower()))[-1:]
            if last and last[0] in self._ends and not text.rstrip().endswith((".", ",", ":", "!", "?")) \
                    and all(w[:1].isupper() or not w[:1].isalpha() for w in text.split()):
                return PhraseMatch(self._ends[last[0]], last[0], exact=False)
        if words <= CONTAINS_MAX_WORDS:
            # the tokens of ``text.lower()`` are those of ``low``: an apostrophe is no word character either way
            if self._keys.isdisjoint(tokens if tokens is not None else _TOKEN.findall(text.lower())):
                return None
            low = (text.lower() if low is None else low).replace("’", "'")
            found = self._contains.search(low)
            if found:
                return PhraseMatch(self._contains_label[found.group(0)], found.group(0), exact=False)
        return None

    def _separated_run(self, text: str) -> PhraseMatch | None:
        """A line of whole-line phrases of one label between separators ("Print | Send to a friend")."""
        keys = [normalise(part) for part in _SEPARATOR.split(text) if part.strip()]
        labels = {self._exact.get(k) for k in keys}
        if 1 < len(keys) <= RUN_MAX_WORDS and len(labels) == 1 and None not in labels:
            return PhraseMatch(self._exact[keys[0]], " | ".join(keys), exact=True)
        return None

    def _opens_no_phrase(self, text: str, tokens: Sequence[str] | None) -> bool:
        """True when the first word of ``normalise(text)`` is surely no phrase's first word, told without
        normalising: with no apostrophe to drop, the key's words are the letter runs of the lowercased text, so a
        first token (``\\w+``) of letters only is the key's first word."""
        if not tokens:
            return False
        first = tokens[0]
        return first.isalpha() and first not in self._firsts \
            and "'" not in text and "’" not in text and "`" not in text and "´" not in text


def _word_start_alternation(phrases: list[str]) -> re.Pattern[str]:
    """The same matches as ``(?<!\\w)(?:p1|p2|...)`` (earlier phrases first at a position), written as one branch
    per first character, each checking "no word character before it" after that character: a pattern that opens
    with literals lets the regex engine skip to the positions where a phrase can start (3-4x faster)."""
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[:1], []).append(phrase)
    if "" in by_first:  # an empty phrase matches anywhere: keep the plain form
        return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, phrases))})")
    branches = (
        f"{re.escape(first)}(?<!\\w{re.escape(first)})(?:{'|'.join(re.escape(p[1:]) for p in group)})"
        for first, group in by_first.items()
    )
    return re.compile("|".join(branches))


@lru_cache(maxsize=1)
def matcher() -> PhraseMatcher:
    return PhraseMatcher()


@lru_cache(maxsize=1)
def _banner() -> tuple[int, re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    data = load_json("phrases/cookie.json")["banner"]
    cookie = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, data['cookie']))})(?!\w)")
    consent = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, data['consent']))})")
    return int(data["min_cookie"]), cookie, consent, tuple(data.get("phrases", []))


def consent_banner(text: str, low: str | None = None) -> str | None:
    """The consent word when a long paragraph is a cookie banner ("… we and our partners use cookies … your
    consent …"), else None. Phrases only decide short lines; a banner is a paragraph of its own. ``low``:
    ``text.lower()``, if known."""
    if low is None:
        low = text.lower()
    min_cookie, cookie, consent, phrases = _banner()
    known = next((p for p in phrases if p in low), None)  # a consent plugin's standard text
    if known is not None:
        return known
    if "cookie" not in low:
        return None
    if len(cookie.findall(low)) < min_cookie:
        return None
    found = consent.search(low)
    return found.group(0) if found else None


@lru_cache(maxsize=1)
def not_end_phrases() -> frozenset[str]:
    """Normalised whole lines that are related links but do not end an article ("Read more", "Leia mais")."""
    return frozenset(normalise(p) for p in load_json("phrases/related.json").get("not_end", []))


@lru_cache(maxsize=1)
def end_metadata_phrases() -> frozenset[str]:
    """Normalised whole lines of metadata that end an article: the heading of an author box ("About the author")."""
    return frozenset(normalise(p) for p in load_json("phrases/metadata.json").get("ends_article", []))


__all__ = ["HERE", "PhraseMatch", "PhraseMatcher", "consent_banner", "matcher"]
