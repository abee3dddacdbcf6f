"""Visible bylines → author names: "By A", "by A and B", "A, Reuters", "Von A und B | 28.10.2024"."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile
from typing import Any

from . import all_stopwords, load_json
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
def _role_words() -> frozenset[str]:
    """Single words that mark a job title, not a name ("Senior Staff Technologist")."""
    return frozenset(w for role in _data()["roles"] for w in role.lower().split()) | frozenset(_data()["role_words"])


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
#: decoration before a byline ("// By ...", "— By ...")
_LEAD = re.compile(r"^[^\w@]+")
#: a prefix glued to the name by a scraper that dropped a tag boundary ("ByAlex Bozarjian")
_GLUED = re.compile(r"^(By|Von|Par|Por)(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
_GLUED_FIRST = frozenset("BVP")
#: "... by Name" inside a short line that starts with something else (a date, "Posted on ...")
_INNER_BY = re.compile(r"\s(?:by|von|par|por|di|przez)\s+(?=[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ])")
INNER_BY_MAX_WORDS = 12
_DIGIT = re.compile(r"\s\S*\d")
#: a date without a year after the names ("By Jane Doe March 18 at 3:57 PM")
_MONTH_DAY = re.compile(
    r"\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE)
_CUT = re.compile(
    r"\s*(?:\||·|•|—|–|\s-\s|\s{3,}|\bupdated\b|\bpublished\b|\baktualisiert\b|\bveröffentlicht\b|\bpublié\b|"
    r"\bpublicado\b|\bpubblicato\b|\bopublikowano\b|\d+\s*min)",
    re.IGNORECASE,
)


def has_prefix(text: str) -> bool:
    return bool(_prefix().match(text))


def looks_like_byline(text: str) -> bool:
    """Cheap test before :func:`authors`: a "By"-like prefix, or an agency after the last comma."""
    lead = text if text[:1].isalnum() else _LEAD.sub("", text, count=1)
    head = lead.split(None, 1)
    first = head[0].lower() if head else ""
    if first in _prefix_words() and _prefix().match(lead):
        return True
    if "," not in text:  # most lines: no agency after a comma, and no need to split
        return False
    _, _, tail = text.rpartition(",")
    return tail.strip().lower() in _stop_words()


def _clean_name(part: str) -> str | None:
    part = part.strip(" .:,;()[]*_")
    if not part or part.lower() in _stop_words():
        return None
    words = part.split()
    run = list(takewhile(_NAME_WORD.match, words))
    if 1 < len(run) < len(words):  # "Nikhil Marathe on March ...": the name is the capitalised run
        while run and run[-1][:1].islower():
            run.pop()
        words = run
        part = " ".join(words)
    while len(words) > 2 and words[-1].lower() in all_stopwords():  # "Jane Doe On 12. Dezember": not a name
        words = words[:-1]
        part = " ".join(words)
    if not 1 < len(words) <= MAX_NAME_WORDS and not (len(words) == 1 and part[:1].isupper() and len(part) > 2):
        return None
    if not all(_NAME_WORD.match(w) for w in words) or not words[0][:1].isupper():
        return None
    if any(w.lower().strip(".,") in _role_words() for w in words):
        return None
    if part.isupper() and len(part) > 3:  # "JEFFREY GETTLEMAN": shouted bylines
        part = " ".join(w.capitalize() for w in words)
    return part


def _rest(text: str, require_prefix: bool) -> str | None:
    """The part of a byline line that holds the names, or None when the line is not a byline."""
    if len(text.split()) > MAX_BYLINE_WORDS:
        return None
    # the two substitutions only where they can apply: _LEAD strips nothing before a letter or digit (word
    # characters), and _GLUED's prefixes all start with one of _GLUED_FIRST
    lead = text if text[:1].isalnum() else _LEAD.sub("", text, count=1)
    if lead[:1] in _GLUED_FIRST:
        lead = _GLUED.sub(r"\1 ", lead, count=1)
    prefixed = _prefix().match(lead)
    rest = lead[prefixed.end():] if prefixed else lead
    if not prefixed:
        inner = _INNER_BY.search(text)  # "on March 10, 2015 by Nikhil Marathe"
        if inner and len(text.split()) <= INNER_BY_MAX_WORDS:
            rest = text[inner.end():]
        elif require_prefix:
            tail = rest.rsplit(",", 1)
            if len(tail) != 2 or tail[1].strip().lower() not in _stop_words():
                return None
    rest = _HANDLE.sub(" ", rest)
    found = find_date(rest)
    if found:
        rest = rest[: found.start]
    for pattern in (_CUT, _MONTH_DAY, _DIGIT):
        cut = pattern.search(rest)
        if cut:
            rest = rest[: cut.start()]
    return rest


def authors(text: str, *, require_prefix: bool = True) -> list[str]:
    """The names in a byline line, [] when it is not one. Without a "By"-like prefix, a line is only read as a
    byline when ``require_prefix`` is False or it names an agency after a comma ("Jane Doe, Reuters")."""
    rest = _rest(text, require_prefix)
    if rest is None:
        return []
    names: list[str] = []
    parts = _splitter().split(rest)
    for part in parts:
        name = _clean_name(part)
        if name is not None and " " not in name and len(parts) > 1:
            name = None  # in a list, a one-word part is a place or a desk ("Jane Doe, Kyiv"), not a person
        if name is None:
            if part.strip() and part.strip().lower() not in _stop_words():
                return names  # a role or a place after the names ends the list
            continue
        if name not in names:
            names.append(name)
    return names
