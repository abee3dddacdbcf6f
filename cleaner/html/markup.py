"""What the page's markup says about it, read once from the parsed tree before anything mutates it:
<meta> tags, JSON-LD scripts, <html lang>, <title>, <h1>s, author elements and <time datetime> values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: h1 elements remembered (a page with more is a listing; the first few are enough to match a headline)
MAX_H1 = 5
#: author/time elements remembered
MAX_ELEMENTS = 10
#: meta keys that may repeat, one value each (kept newline-separated)
MULTI = frozenset({"article:tag", "article:author", "author", "dc.creator"})
#: an author element's text longer than this is a bio box, not a name
MAX_AUTHOR_TEXT = 80


@dataclass(slots=True)
class Markup:
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: list[str] = field(default_factory=list)
    lang: str | None = None
    title: str | None = None
    h1: list[str] = field(default_factory=list)
    author_texts: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    from_property: set[str] = field(default_factory=set)


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def read_markup(root: Any) -> Markup:
    m = Markup()
    m.lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    for el in root.iter("meta", "script", "title", "h1", "time", "a"):
        tag = el.tag
        if tag == "meta":
            _meta(m, el)
        elif tag == "script":
            if (el.get("type") or "").strip().lower() == "application/ld+json" and el.text:
                m.jsonld.append(el.text)
        elif tag == "title":
            if m.title is None:
                m.title = _text(el) or None
        elif tag == "h1":
            text = _text(el)
            if text and len(m.h1) < MAX_H1:
                m.h1.append(text)
        elif tag == "time":
            value = el.get("datetime")
            if value and len(m.times) < MAX_ELEMENTS:
                m.times.append(value)
        elif el.get("rel") == "author" and not m.author_texts:  # the first: later ones sign teasers
            text = _text(el)
            if text and len(text) <= MAX_AUTHOR_TEXT:
                m.author_texts.append(text)
    return m


def _meta(m: Markup, el: Any) -> None:
    """One <meta>: its keys (a property may list several, space-separated; "dc:title" is "dc.title") → content.
    A key's first value wins, except that a property= value replaces a name= one (the more deliberate markup)."""
    prop = el.get("property")
    keys = prop or el.get("name") or el.get("itemprop") or el.get("http-equiv") or ""
    content = el.get("content")
    if not keys or not content or not content.strip():
        return
    value = " ".join(content.split())
    for key in keys.lower().split():
        key = key.replace("dc:", "dc.", 1).replace("dcterm:", "dcterms.", 1)
        if key in MULTI and key in m.meta:
            m.meta[key] += "\n" + value
        elif key not in m.meta or (prop and key not in m.from_property):
            m.meta[key] = value
        if prop:
            m.from_property.add(key)
