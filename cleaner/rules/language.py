"""A small language guesser: script first (CJK, Greek, Arabic, ...), then stop-word hits per language."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain

from . import stopword_languages, stopwords

#: tokens looked at: enough for a stable count, cheap
MAX_TOKENS = 300
#: fewest stop-word hits for a guess; below that the text is too short or in a language without a list
MIN_HITS = 5
#: share of the letters a script must have to decide by itself
SCRIPT_SHARE = 0.3

_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """stop word → the languages that list it: one pass over the tokens instead of one per language"""
    index: dict[str, list[str]] = {}
    for lang in stopword_languages():
        for word in stopwords(lang):
            index.setdefault(word, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


_UKRAINIAN_LETTERS = re.compile(r"[іїєґ]", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or None when unsure."""
    sample = text[: MAX_TOKENS * 8]
    if _NON_LATIN.search(sample):
        letters = len(_LETTER.findall(sample)) or 1
        for code, script in _SCRIPTS:
            if len(script.findall(sample)) / letters >= SCRIPT_SHARE:
                if code == "zh" and _SCRIPTS[0][1].search(sample):
                    return "ja"
                return code
    tokens = _WORD.findall(sample.lower())[:MAX_TOKENS]
    index = _index()
    # counted in C; a language enters ``hits`` at its first hit, as a loop over the tokens would add it, so that
    # max() breaks ties the same way
    hits = Counter(chain.from_iterable(filter(None, map(index.get, tokens))))  # no token's entry is empty
    if not hits:
        return None
    lang = max(hits, key=hits.__getitem__)
    count = hits[lang]
    if count < MIN_HITS:
        return None
    if lang in ("ru", "uk") and _CYRILLIC.search(sample):
        return "uk" if len(_UKRAINIAN_LETTERS.findall(sample)) > len(tokens) / 50 else "ru"
    return lang
