"""Person names: the one parser of them, for the HTML and text front-ends. A byline part as a name
(:func:`clean_name`, read by cleaner/rules/bylines.py), a bare name line (:func:`plain_name`, :func:`bare_name`,
:func:`full_name`, :func:`known_first_name`, read by the text metadata), and author values from markup (JSON-LD
names, meta tags, byline elements: :func:`clean_names`, read by the HTML metadata). Data: rules/bylines.json (agencies,
roles) and rules/first_names.txt."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile
from typing import Any

from . import all_stopwords, first_names, load_json

#: a person's name has at most this many words ("Maria de la Cruz Pérez García")
MAX_NAME_WORDS = 6
#: a word of a name in a byline: capitalised, or a name particle
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’.\-]*|de|da|do|dos|del|della|di|van|von|der|den|la|le|du|bin|al|y)$"
)


def _data() -> dict[str, Any]:
    return load_json("bylines.json")


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Agencies and roles, lowercased: a byline part that is one of them names no person ("Reuters", "Staff")."""
    agencies = [a.lower() for a in _data()["agencies"]]
    roles = [r.lower() for r in _data()["roles"]]
    return frozenset(agencies + roles)


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Single words that mark a job title, not a name ("Senior Staff Technologist")."""
    return frozenset(w for role in _data()["roles"] for w in role.lower().split()) | frozenset(_data()["role_words"])


def clean_name(part: str) -> str | None:
    """A part of a byline as a person's name (the capitalised run of words, a shouted name recapitalised), or None
    when it is no name: an agency or role, a stop word, too many words."""
    part = part.strip(" .:,;()[]*_")
    if not part or part.lower() in not_names():
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


#: a word of a name in a meta line: capitalised, then lowercase (a hyphen or apostrophe may join two such parts;
#: "WindEnergie", "Isabella.DiBiase" are not names), and not longer than NAME_WORD_MAX_CHARS per part
_FIELD_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][a-zß-öø-ÿā-ſа-яёєіїґ]+(?:[-'’][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ſ]+)?$")
NAME_WORD_MAX_CHARS = 12
#: ... and at most this many words (three-word fields are as often a category and a name, "Carola Pönisch Kultur")
FIELD_NAME_MAX_WORDS = 2


def field_name(words: list[str]) -> str | None:
    """The words of a field of a post meta line ("Nike Jane – 14.09.2022") as a person's name, when they are one
    and nothing else: two name words, none of them a role."""
    if not 2 <= len(words) <= FIELD_NAME_MAX_WORDS or any(len(w) > NAME_WORD_MAX_CHARS and "-" not in w for w in words):
        return None
    if not all(_FIELD_NAME_WORD.match(w) for w in words):
        return None
    return clean_name(" ".join(words))


def given_name(name: str) -> bool:
    """``name`` opens with a known given name (rules/first_names.txt)."""
    words = name.split(None, 1)
    return bool(words) and words[0].casefold() in first_names()


#: lowercase words that do belong to names
NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "del", "della", "di", "van", "von", "der", "den", "la", "le",
                            "du"})
#: a word of a name after the given name: letters, with inner hyphens or apostrophes, or an initial ("C.")
_LATER_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")


def plain_name(name: str) -> bool:
    """A person's name as a bare line: two to four words, none of them a stop word ("The", "All", "On") but a known
    given name first ("Ellen", "Will", "Jan" are stop words of some language, and names)."""
    words = name.lower().split()
    stop = all_stopwords()
    return 2 <= len(words) <= 4 and not any(w in stop and w not in NAME_PARTICLES for w in words[1:]) \
        and (words[0] not in stop or words[0] in first_names())


def known_first_name(name: str) -> bool:
    """A name that opens with a known given name (rules/first_names.txt): "Thomas Hanke", not "Digital Life"."""
    first = name.split()[0].casefold() if name.split() else ""
    return first in first_names()


def full_name(name: str) -> bool:
    """A first and a last name after a "by": two to four words, the last no stop word ("Arun Sai Krishnan", whose
    "sai" is Italian for "you know", is one; "Herstellung von Ameisensäure" has one word after its "von")."""
    words = name.lower().split()
    return 2 <= len(words) <= 4 and words[-1] not in all_stopwords()


def bare_name(text: str) -> str | None:
    """The line as a person's name, when it is nothing else: two to four capitalised words (name particles, "von",
    "de", inside), the first a known given name, no digits ("Thomas Hanke", "Christoph von Eichhorn", "NATHANAEL
    JOHNSON" → "Nathanael Johnson")."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not plain_name(text) or not known_first_name(text):
        return None
    for w in words[1:]:
        if w.lower() not in NAME_PARTICLES and not (w[:1].isupper() and _LATER_NAME_WORD.fullmatch(w)):
            return None
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)


#: names are at most this long (characters)
MAX_NAME_CHARS = 60

_VALUE_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\s(?:and|und|et|y|e|i|и|та|oraz)\s)\s*", re.IGNORECASE)
_VALUE_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|de|door|av|af|przez|от|автор:?|author:?|written by|posted by)\s+",
                           re.IGNORECASE)
_URL = re.compile(r"^\s*(?:https?:|www\.|/)", re.IGNORECASE)
_NOT_NAME = re.compile(r"https?:|www\.|@|\d|\.(?:com|org|net|de|fr|uk)\b", re.IGNORECASE)
#: words that make a value an organisation or a role, not a person
_ORG_WORDS = re.compile(
    r"\b(?:news|staff|team|editors?|editorial|redaktion|rédaction|redacción|redazione|desk|press|media|"
    r"agency|online|magazine|newsroom|admin|administrator|guest|contributors?|reporters?|correspondents?|"
    r"correspondent|inc|ltd|gmbh|group|network|daily|times|post|journal|herald|tribune|gazette|radio|tv)\b",
    re.IGNORECASE,
)


def clean_names(values: list[str], *, site: str | None = None) -> list[str]:
    """Person names from raw author values: prefixes, roles and joins removed; URLs and org names dropped."""
    site_norm = (site or "").casefold()
    names: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if _URL.search(value):
            continue  # a profile link (article:author often is one), not a name
        value = _VALUE_PREFIX.sub("", value)
        for part in _VALUE_SPLIT.split(value):
            part = part.strip(" .:,;-–—()[]\"'")
            part = _VALUE_PREFIX.sub("", part)
            if not part or len(part) > MAX_NAME_CHARS or _NOT_NAME.search(part):
                continue
            if len(part.split()) > MAX_NAME_WORDS or _ORG_WORDS.search(part):
                continue
            if site_norm and part.casefold() == site_norm:
                continue
            if part not in names:
                names.append(part)
    return names
