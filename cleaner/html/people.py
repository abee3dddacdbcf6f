"""Author values from markup (JSON-LD names, meta tags, byline elements) → a list of clean person names."""

from __future__ import annotations

import re

from ..rules import load_json
from ..rules.bylines import authors as byline_authors

#: a person's name has at most this many words; longer values are sentences or org descriptions
MAX_NAME_WORDS = 6
#: names are at most this long (characters)
MAX_NAME_CHARS = 60

_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\s(?:and|und|et|y|e|i|и|та|oraz)\s)\s*", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|de|door|av|af|przez|от|автор:?|author:?|written by|posted by)\s+",
                     re.IGNORECASE)
#: a "by"-like word inside a line ("Posted on ... by Jane Doe"), from the shared byline prefixes
_INNER_PREFIX = re.compile(
    r"(?<!\w)(?:" + "|".join(
        re.escape(p) for p in sorted({p for ps in load_json("bylines.json")["prefixes"].values() for p in ps},
                                     key=len, reverse=True) if not p.endswith(":")
    ) + r")\s+(?=[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ])",
    re.IGNORECASE,
)
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
        value = _PREFIX.sub("", value)
        for part in _SPLIT.split(value):
            part = part.strip(" .:,;-–—()[]\"'")
            part = _PREFIX.sub("", part)
            if not part or len(part) > MAX_NAME_CHARS or _NOT_NAME.search(part):
                continue
            if len(part.split()) > MAX_NAME_WORDS or _ORG_WORDS.search(part):
                continue
            if site_norm and part.casefold() == site_norm:
                continue
            if part not in names:
                names.append(part)
    return names


def names_from_byline(text: str) -> list[str]:
    """Names in a visible byline line ("By Jane Doe and John Roe | 5 March 2024", "Posted on 12 March 2024 by Jane
    Doe · 6 min read"), using the shared byline rules from the first "by"-like word on."""
    found = _INNER_PREFIX.search(text)
    if found is not None and found.start() > 0:
        text = text[found.start():]
    return byline_authors(text, require_prefix=False)
