"""Heuristic data (phrase lists per label and language, stop words, date words, credit and byline words), loaded
once and cached. The data files sit beside this module; every list has one copy, named by what it detects."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

#: the languages every phrase list covers (others may have stop words only)
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "pl", "ru", "uk")

_APOSTROPHES = re.compile(r"['’`´]")
_NON_LETTERS = re.compile(r"[\W\d_]+")


def normalise(text: str) -> str:
    """Lowercase, drop apostrophes, digits and punctuation: the key for whole-line phrase matches."""
    low = text.lower()
    # letters and plain spaces only (many menu lines): no apostrophe to drop, and every letter is one the regex
    # keeps (isalpha() letters are \w, never digits or "_"): only the spacing changes
    if low.replace(" ", "").isalpha():
        return " ".join(low.split())
    return _NON_LETTERS.sub(" ", _APOSTROPHES.sub("", low)).strip()


_FIRST = itemgetter(0)


def capitalised(words: list[str]) -> int:
    """How many of ``words`` (non-empty, e.g. from str.split) start with an upper-case letter; counted in C."""
    return sum(map(str.isupper, map(_FIRST, words)))


@cache
def load_json(name: str) -> dict[str, Any]:
    """A JSON data file under rules/, parsed once."""
    data: dict[str, Any] = json.loads((HERE / name).read_text(encoding="utf-8"))
    return data


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` (empty when there is no list for it)."""
    path = HERE / "stopwords" / f"{lang}.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def cjk_function_chars() -> frozenset[str]:
    """Function characters of Chinese and Japanese (rules/cjk_function_chars.txt)."""
    lines = (HERE / "cjk_function_chars.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def stopword_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (HERE / "stopwords").glob("*.txt")))


@lru_cache(maxsize=1)
def all_stopwords() -> frozenset[str]:
    """Union of every language's stop words: the stop-word density of a block in an unknown language."""
    return frozenset().union(*(stopwords(lang) for lang in stopword_languages()))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names, casefolded (rules/first_names.txt, from Faker's person providers)."""
    text = (HERE / "first_names.txt").read_text(encoding="utf-8")
    body = text[text.index("\n#\n") + 3:] if "\n#\n" in text else text  # the header ends with a line "#"
    return frozenset(body.casefold().split())  # one name per line, no spaces in a name: whole-text calls are fast
