"""JSON-LD (schema.org) → the article's fields: headline, authors, dates, publisher, language, keywords, image;
a product's description (:func:`product_description`) and an article's text (:func:`article_body`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: schema.org types that describe the page's article (others, e.g. Organization or BreadcrumbList, do not)
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "techarticle", "scholarlyarticle", "report", "liveblogposting",
    "socialmediaposting", "posting", "creativework", "review", "recipe", "howto", "medicalwebpage", "videoobject",
})
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "profilepage", "qapage"})
#: schema.org types that describe the page's product
PRODUCT_TYPES = frozenset({"product", "productgroup"})
#: objects looked at per page: bounds the work on pages with huge product catalogues in JSON-LD
MAX_OBJECTS = 500
#: a JSON-LD script larger than this is a data dump, not page metadata
MAX_SCRIPT_CHARS = 500_000


#: CDATA and HTML comment wrappers some CMSs put around the JSON
_WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")


@dataclass(slots=True)
class JsonLd:
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    created: str | None = None
    modified: str | None = None
    publisher: str | None = None
    language: str | None = None
    description: str | None = None
    keywords: list[str] = field(default_factory=list)
    image: str | None = None
    page_name: str | None = None


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in items if x}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    if isinstance(value, (str, int, float)) and str(value).strip():
        return " ".join(str(value).split())
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str) and name.strip():
                out.append(" ".join(name.split()))
        elif isinstance(item, str) and item.strip():
            out.append(" ".join(item.split()))
    return out


def _image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _objects(data: Any) -> list[dict[str, Any]]:
    """Every dict in the JSON value, breadth-first, without recursion."""
    out: list[dict[str, Any]] = []
    queue = [data]
    while queue and len(out) < MAX_OBJECTS:
        item = queue.pop(0)
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if key in item:
                    queue.append(item[key])
    return out


def _parsed(scripts: list[str]) -> Iterator[Any]:
    """Each script's JSON value, in page order (oversized and invalid scripts are skipped)."""
    for raw in scripts:
        if len(raw) > MAX_SCRIPT_CHARS:
            continue
        raw = _WRAPPER.sub("", raw)
        try:
            yield json.loads(raw)
        except (ValueError, RecursionError):  # invalid, or nested deeper than the interpreter's recursion limit
            continue


def _first_string(scripts: list[str], key: str, types: frozenset[str]) -> str | None:
    """The non-blank string ``key`` of the first object of one of ``types`` (at the top, in @graph, …) that has one."""
    for data in _parsed(scripts):
        for obj in _objects(data):
            value = obj.get(key)
            if isinstance(value, str) and value.strip() and _types(obj) & types:
                return value
    return None


def product_description(scripts: list[str]) -> str | None:
    """The ``description`` of the first Product or ProductGroup that has one, as written (it may hold HTML)."""
    return _first_string(scripts, "description", PRODUCT_TYPES)


def article_body(scripts: list[str]) -> str | None:
    """The ``articleBody`` of the first article object (NewsArticle, BlogPosting, …) that states one, as written."""
    return _first_string(scripts, "articleBody", ARTICLE_TYPES)


def read_jsonld(scripts: list[str]) -> JsonLd:
    """The first article object's fields across the page's JSON-LD scripts (invalid scripts are skipped)."""
    result = JsonLd()
    article: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    publisher: str | None = None
    for data in _parsed(scripts):
        for obj in _objects(data):
            types = _types(obj)
            if article is None and types & ARTICLE_TYPES and (obj.get("headline") or obj.get("author")):
                article = obj
            elif page is None and types & PAGE_TYPES:
                page = obj
            elif publisher is None and types & {"organization", "newsmediaorganization", "website"}:
                publisher = _text(obj.get("name"))
    source = article or page
    if source is None:
        result.publisher = publisher
        return result
    result.headline = _text(source.get("headline"))
    result.authors = _names(source.get("author") or source.get("creator"))
    result.published = _text(source.get("datePublished"))
    result.created = _text(source.get("dateCreated"))
    result.modified = _text(source.get("dateModified"))
    result.publisher = _text(source.get("publisher")) or publisher
    result.language = _text(source.get("inLanguage"))
    result.description = _text(source.get("description"))
    kw = source.get("keywords")
    if isinstance(kw, str):
        result.keywords = [k.strip() for k in kw.split(",") if k.strip()]
    elif isinstance(kw, list):
        result.keywords = [str(k).strip() for k in kw if isinstance(k, str) and k.strip()]
    result.image = _image(source.get("image") or source.get("thumbnailUrl"))
    if page is not None:
        result.page_name = _text(page.get("name"))
    return result
