"""Visible bylines → author names: "By A", "by A and B", "A, Reuters", "Von A und B | 28.10.2024". The names in them
are read by cleaner/rules/names.py."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import load_json
from .dates import find_date
from .names import clean_name, field_name, given_name, not_names

#: a byline longer than this is a sentence about someone, not a byline
MAX_BYLINE_WORDS = 30


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
    r"\bpublicado\b|\bpubblicato\b|\bopublikowano\b|(?<!\d)\d+\s*min)",  # (?<!\d): linear on long digit runs
    re.IGNORECASE,
)


#: a line ending with a byline prefix is short: a date and the prefix at most
DANGLING_MAX_CHARS = 40


@lru_cache(maxsize=1)
def _dangling() -> re.Pattern[str]:
    """A line that ends with a byline prefix ("Von", "21.01.2022 11:46 von", "Autor:"): the names are on the next
    line (a scraper put the link around the name on a line of its own)."""
    words = {p.split()[-1].rstrip(":") for ps in _data()["prefixes"].values() for p in ps}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)({alternation}):?\s*$", re.IGNORECASE)


def dangling_prefix(text: str) -> str | None:
    """The byline prefix a line ends with, or None."""
    found = _dangling().search(text) if len(text) <= DANGLING_MAX_CHARS else None
    return found.group(1) if found else None


#: separators between the fields of a post meta line ("Nike Jane – 14.09.2022 – Kolumne")
_FIELDS = re.compile(r"\s*(?:\||·|•|—|–|\s-\s|,|/|\s{3,})\s*")


def dated_line_names(text: str) -> list[str]:
    """A person named as a field of a post meta line that holds a date ("Nike Jane – 14.09.2022 – Kolumne",
    "04.02.2022 | 13:10 Uhr | Uta Helkenberg"): the fields between separators that are a name and nothing else.
    [] when the line has no date, or no field or more than one field is a name."""
    found = find_date(text)
    if found is None:
        return []
    rest = f"{text[:found.start]} | {text[found.end:]}"
    names = [n for n in (_field_name(f) for f in _FIELDS.split(rest)) if n is not None]
    return names if len(names) == 1 else []


def _field_name(field: str) -> str | None:
    """A field of a meta line that is a person's name and nothing else: a name (:func:`names.field_name`), not
    opening with a byline prefix ("Von …"), with no date word ("Published", "Uhr")."""
    words = field.strip(" .:,;()[]*_").split()
    if not words or words[0].lower() in _prefix_words() or any(w.lower() in _meta_words() for w in words):
        return None
    return field_name(words)


@lru_cache(maxsize=1)
def _meta_words() -> frozenset[str]:
    """Words of a meta line that are no name: date cues and time words."""
    dates = load_json("dates.json")
    cues = {w for key in ("published_cues", "updated_cues") for ws in dates[key].values()
            for phrase in ws for w in phrase.split()}
    return frozenset(cues | set(_data()["meta_words"]))


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
    return tail.strip().lower() in not_names()


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
            if len(tail) != 2 or tail[1].strip().lower() not in not_names():
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
    splitter = _splitter()
    parts = splitter.split(rest)
    commas = [False] + ["," in sep for sep in splitter.findall(rest)]  # whether a comma comes before each part
    for part, after_comma in zip(parts, commas, strict=True):
        name = clean_name(part)
        if name is not None and " " not in name and len(parts) > 1:
            name = None  # in a list, a one-word part is a place or a desk ("Jane Doe, Kyiv"), not a person
        elif name is not None and after_comma and names and given_name(names[0]) and not given_name(name):
            name = None  # after a comma and a name that opens with a given name, a part that does not is a place
        if name is None:
            if part.strip() and part.strip().lower() not in not_names():
                return names  # a role or a place after the names ends the list
            continue
        if name not in names:
            names.append(name)
    return names


@lru_cache(maxsize=1)
def _bio() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    data = _data()
    verbs = frozenset(v for vs in data["bio_verbs"].values() for v in vs)
    roles = frozenset(r for rs in data["bio_roles"].values() for r in rs)
    selves = sorted({v for vs in data["bio_self"].values() for v in vs}, key=len, reverse=True)
    return verbs, roles, re.compile(rf"(?:{'|'.join(map(re.escape, selves))})\s+(?=[^\W\d_])", re.IGNORECASE)


#: a bio opens with a name of this many words (a first name alone is as often a colour or a thing: "Lila ist …")
BIO_NAME_WORDS = (2, 3)
#: ... and names a role ("writer", "Redakteurin") within this many words: "Mark Kelly was not available for
#: comment" closes a story, "Mark Kelly is a staff writer" is a bio
BIO_ROLE_WORDS = 15


def bio_name(text: str) -> str | None:
    """The name an author's bio opens with ("Jacob Wade is a personal finance expert …": a capitalised name of two
    or three words opening with a known given name, a bio verb, a role within BIO_ROLE_WORDS; rules/bylines.json),
    "" for a writer introducing themselves ("Ich bin Steffi, …"), None when ``text`` is no bio."""
    verbs, roles, self_ = _bio()
    words = text.replace("’", "'").split(None, BIO_ROLE_WORDS + 1)
    for n in range(BIO_NAME_WORDS[0], BIO_NAME_WORDS[1] + 1):
        if len(words) > n and words[n] in verbs:
            name = words[:n]
            if all(w[:1].isupper() for w in name) and given_name(" ".join(name)) \
                    and any(w.strip(".,;:()").casefold() in roles for w in words[n + 1: BIO_ROLE_WORDS + 1]):
                return " ".join(name)
    found = self_.match(text.replace("’", "'"))
    return "" if found is not None and text[found.end()].isupper() else None


def names_from_byline(text: str) -> list[str]:
    """Names in a visible byline line ("By Jane Doe and John Roe | 5 March 2024", "Posted on 12 March 2024 by Jane
    Doe · 6 min read"), using the shared byline rules from the first "by"-like word on."""
    found = _inner_prefix().search(text)
    if found is not None and found.start() > 0:
        text = text[found.start():]
    return authors(text, require_prefix=False)


@lru_cache(maxsize=1)
def _inner_prefix() -> re.Pattern[str]:
    """A "by"-like word inside a line ("Posted on ... by Jane Doe"), from the shared byline prefixes."""
    return re.compile(
        r"(?<!\w)(?:" + "|".join(
            re.escape(p) for p in sorted({p for ps in _data()["prefixes"].values() for p in ps}, key=len, reverse=True)
            if not p.endswith(":")
        ) + r")\s+(?=[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ])",
        re.IGNORECASE,
    )
