"""Visible bylines → author names: "By A", "by A and B", "A, Reuters", "Von A und B | 28.10.2024"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import load_json
from .dates import find_date

#: a byline longer than this is a sentence about someone, not a byline
MAX_BYLINE_WORDS = 30
#: a person's name has at most this many words ("Maria de la Cruz Pérez García")
MAX_NAME_WORDS = 6

_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’.\-]*|de|da|do|dos|del|della|di|van|von|der|den|la|le|du|bin|al|y)$"
)


def _data() -> dict[str, Any]:
    return load_json("bylines.json")


@lru_cache(maxsize=1)
def _prefix() -> re.Pattern[str]:
    words = [p for ps in _data()["prefixes"].values() for p in ps]
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"^\s*(?:{alternation})(?=\s|$)\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _prefix_words() -> frozenset[str]:
    """First words of the prefixes ("by", "von", "autor:"): a set test before the prefix pattern."""
    return frozenset(p.split()[0].lower() for ps in _data()["prefixes"].values() for p in ps)


@lru_cache(maxsize=1)
def _splitter() -> re.Pattern[str]:
    conj = "|".join(re.escape(c) for c in _data()["conjunctions"])
    return re.compile(rf"\s*(?:,|;|\s(?:{conj})\s)\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    agencies = [a.lower() for a in _data()["agencies"]]
    roles = [r.lower() for r in _data()["roles"]]
    return frozenset(agencies + roles)


_HANDLE = re.compile(r"@\w+")
_CUT = re.compile(
    r"\s*(?:\||·|•|—|–|\s-\s|\bupdated\b|\bpublished\b|\baktualisiert\b|\bveröffentlicht\b|\bpublié\b|"
    r"\bpublicado\b|\bpubblicato\b|\bopublikowano\b|\d+\s*min)",
    re.IGNORECASE,
)


def has_prefix(text: str) -> bool:
    return bool(_prefix().match(text))


def looks_like_byline(text: str) -> bool:
    """Cheap test before :func:`authors`: a "By"-like prefix, or an agency after the last comma."""
    first = text.split(None, 1)[0].lower() if text.strip() else ""
    if first in _prefix_words() and _prefix().match(text):
        return True
    _, comma, tail = text.rpartition(",")
    return bool(comma) and tail.strip().lower() in _stop_words()


def _clean_name(part: str) -> str | None:
    part = part.strip(" .:,;()[]*_")
    if not part or part.lower() in _stop_words():
        return None
    words = part.split()
    if not 1 < len(words) <= MAX_NAME_WORDS and not (len(words) == 1 and part[:1].isupper() and len(part) > 2):
        return None
    if not all(_NAME_WORD.match(w) for w in words) or not words[0][:1].isupper():
        return None
    return part


def authors(text: str, *, require_prefix: bool = True) -> list[str]:
    """The names in a byline line, [] when it is not one. Without a "By"-like prefix, a line is only read as a
    byline when ``require_prefix`` is False or it names an agency after a comma ("Jane Doe, Reuters")."""
    if len(text.split()) > MAX_BYLINE_WORDS:
        return []
    prefixed = _prefix().match(text)
    rest = text[prefixed.end():] if prefixed else text
    if not prefixed and require_prefix:
        tail = rest.rsplit(",", 1)
        if len(tail) != 2 or tail[1].strip().lower() not in _stop_words():
            return []
    rest = _HANDLE.sub(" ", rest)
    found = find_date(rest)
    if found:
        rest = rest[: found.start]
    cut = _CUT.search(rest)
    if cut:
        rest = rest[: cut.start()]
    names: list[str] = []
    for part in _splitter().split(rest):
        name = _clean_name(part)
        if name is None:
            if part.strip() and part.strip().lower() not in _stop_words():
                return names if names else []
            continue
        if name not in names:
            names.append(name)
    return names
