"""What the page's markup says about it, read once from the parsed document (selectolax/lexbor) before anything
mutates it: <meta> tags, JSON-LD scripts, <html lang>, <title>, <h1>s, author elements and <time datetime> values."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: h1 elements remembered (a page with more is a listing; the first few are enough to match a headline)
MAX_H1 = 5
#: author/time elements remembered
MAX_ELEMENTS = 10
#: meta keys that may repeat, one value each (kept newline-separated)
MULTI = frozenset({"article:tag", "article:author", "author", "dc.creator"})
#: an author element's text longer than this is a bio box, not a name
MAX_AUTHOR_TEXT = 80
#: the elements read, one query in document order (only links with a rel can be rel=author)
_SELECTOR = "meta, script, title, h1, time[datetime], a[rel], [itemprop]"


@dataclass(slots=True)
class Markup:
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: list[str] = field(default_factory=list)
    lang: str | None = None
    title: str | None = None
    h1: list[str] = field(default_factory=list)
    author_texts: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    #: schema.org microdata outside <meta>: itemprop="author" names, itemprop="datePublished"/"dateModified" values
    item_authors: list[str] = field(default_factory=list)
    item_published: list[str] = field(default_factory=list)
    item_modified: list[str] = field(default_factory=list)
    from_property: set[str] = field(default_factory=set)


def _text(node: LexborNode) -> str:
    return " ".join(node.text(deep=True).split())


def _in_svg(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "svg":
            return True
        parent = parent.parent
    return False


def read_markup(tree: LexborHTMLParser) -> Markup:
    """The markup facts of a parsed document (elements in document order; nothing in the tree is changed)."""
    m = Markup()
    root = tree.root
    if root is not None:
        attrs = root.attributes
        m.lang = (attrs.get("lang") or attrs.get("xml:lang") or "").strip() or None
    for el in tree.css(_SELECTOR):
        tag = el.tag
        attrs = el.attributes
        if tag == "meta":
            _meta(m, attrs)
            continue
        props = (attrs.get("itemprop") or "").lower().split()
        if props:
            _microdata(m, el, attrs, props)
        elif tag == "script":
            if (attrs.get("type") or "").strip().lower() == "application/ld+json":
                raw = el.text(deep=True)
                if raw:
                    m.jsonld.append(raw)
        elif tag == "title":
            if m.title is None and not _in_svg(el):  # an <svg>'s <title> names the drawing, not the page
                m.title = _text(el) or None
        elif tag == "h1":
            text = _text(el)
            if text and len(m.h1) < MAX_H1:
                m.h1.append(text)
        elif tag == "time" and "datemodified" not in props:
            value = attrs.get("datetime")
            if value and len(m.times) < MAX_ELEMENTS:
                m.times.append(value)
        elif tag == "a" and attrs.get("rel") == "author" and not m.author_texts:  # the first: later ones sign teasers
            text = _text(el)
            if text and len(text) <= MAX_AUTHOR_TEXT:
                m.author_texts.append(text)
    return m


def _microdata(m: Markup, el: LexborNode, attrs: dict[str, str | None], props: list[str]) -> None:
    """An element with itemprop= author / datePublished / dateModified (other than <meta>, read as a meta tag)."""
    if "author" in props and len(m.item_authors) < MAX_ELEMENTS:
        value = attrs.get("content")
        if not value:
            name = el.css_first("[itemprop~=name]")
            value = (name.attributes.get("content") or _text(name)) if name is not None else _text(el)
        value = " ".join((value or "").split())
        if value and len(value) <= MAX_AUTHOR_TEXT:
            m.item_authors.append(value)
    for prop, found in (("datepublished", m.item_published), ("datemodified", m.item_modified)):
        if prop in props and len(found) < MAX_ELEMENTS:
            value = attrs.get("datetime") or attrs.get("content") or _text(el)
            if value:
                found.append(value)


def _meta(m: Markup, attrs: dict[str, str | None]) -> None:
    """One <meta>: its keys (a property may list several, space-separated; "dc:title" is "dc.title") → content.
    A key's first value wins, except that a property= value replaces a name= one (the more deliberate markup)."""
    prop = attrs.get("property")
    keys = prop or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv") or ""
    content = attrs.get("content")
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
