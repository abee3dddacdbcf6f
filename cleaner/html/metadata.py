"""HTML metadata: JSON-LD > Open Graph / meta tags > the visible byline, each field with its source.

:func:`from_markup` runs on the parsed document (selectolax/lexbor) before segmenting; :func:`complete` fills what
is left from the labelled blocks (byline names, the headline block, dates in date lines, the language of the body
text), a date still missing from htmldate (which parses the page again: only when the markup and the date lines
have none).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from ..model import Decision, Label, Metadata
from ..options import PageType
from ..rules.bylines import names_from_byline
from ..rules.dates import find_date, url_date, url_overrules
from ..rules.language import detect
from ..rules.names import clean_names
from .dates import StatedDays, consensus, normalise_date
from .htmldate_run import htmldate_date
from .jsonld import read_jsonld
from .markup import read_markup
from .titles import pick_title, site_from_title

#: in the order Readability.js prefers them (Dublin Core is set deliberately; og:title is often a social variant)
TITLE_KEYS = ("dc.title", "dcterms.title", "og:title", "twitter:title", "parsely-title", "sailthru.title", "title")
AUTHOR_KEYS = ("dc.creator", "author", "article:author", "parsely-author", "sailthru.author", "byl", "creator",
               "citation_author", "dcterms.creator")
PUBLISHED_KEYS = ("article:published_time", "og:published_time", "datepublished", "article.published",
                  "published_time", "publishdate", "publish-date", "pubdate", "date", "dc.date.issued", "dc.date",
                  "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "citation_publication_date",
                  "citation_date", "article:published", "originalpublicationdate")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")
SITE_KEYS = ("og:site_name", "application-name", "al:ios:app_name")
DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
IMAGE_KEYS = ("og:image", "og:image:url", "twitter:image", "twitter:image:src")
TAG_KEYS = ("article:tag", "news_keywords", "keywords")
LANGUAGE_KEYS = ("og:locale", "content-language", "language", "dc.language")
#: blocks searched for a date line, from the top of the article
DATE_WINDOW = 40
#: blocks searched for a byline, from the top of the page
BYLINE_WINDOW = 80
#: a byline line is at most this long (a sentence mentioning "by" is not one)
MAX_BYLINE_CHARS = 160
#: tags of more than this many entries are SEO keyword soup
MAX_TAGS = 30

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> tuple[str, str] | None:
    for key in keys:
        value = meta.get(key)
        if value:
            return value, f"meta:{key}"
    return None


def _language(value: str | None) -> str | None:
    found = _LANG.match(value.strip()) if value else None
    return found.group(1).lower() if found and len(found.group(1)) == 2 else None


def _set(meta: Metadata, name: str, value: Any, source: str) -> None:
    if value and not getattr(meta, name):
        setattr(meta, name, value)
        meta.sources[name] = source


def _drop_comments(html: str) -> str:
    """``html`` without its <!-- comments --> (build stamps and cache notes there are not the article's date), in
    one pass; an unclosed comment is left as it is."""
    parts: list[str] = []
    pos = 0
    while (start := html.find("<!--", pos)) >= 0:
        end = html.find("-->", start + 4)
        if end < 0:
            break
        parts.append(html[pos:start])
        pos = end + 3
    if not parts:
        return html
    parts.append(html[pos:])
    return "".join(parts)


def _htmldate(html: str, *, extensive: bool = False, language: str | None = None) -> str | None:
    """htmldate's publication date of ``html``; ``extensive`` adds its search of the free text (slower, and a
    guess more often: the last resort), scoped to the page's ``language``."""
    if " " not in html:  # htmldate fetches a str without spaces that starts with "http": nothing is ever fetched
        return None
    return htmldate_date(_drop_comments(html), extensive=extensive, language=language)


def _split_tags(values: list[str]) -> list[str]:
    """Tags, one each: values joined with commas ("Oceans,New Zealand,Environment") are split, repeats dropped."""
    out: list[str] = []
    for value in values:
        for tag in value.split(","):
            tag = " ".join(tag.split())
            if tag and tag not in out:
                out.append(tag)
    return out[:MAX_TAGS]


def from_markup(tree: LexborHTMLParser, url: str | None) -> Metadata:
    """Metadata the markup states (see :func:`read_stated`)."""
    return read_stated(tree, url)[0]


def _first_day(values: Iterable[str | None]) -> str | None:
    """The first of ``values`` that holds a date, normalised."""
    return next((day for value in values if (day := normalise_date(value))), None)


def read_stated(tree: LexborHTMLParser, url: str | None) -> tuple[Metadata, StatedDays]:
    """Metadata the markup states, and the published date each kind of markup states (checked against the others
    and the visible date once the blocks are labelled: :func:`complete`).

    ``tree`` is the parsed document (selectolax's lexbor parser), before anything prunes or rewrites it; it is
    only read. ``url`` is copied into the result."""
    mk = read_markup(tree)
    ld = read_jsonld(mk.jsonld)
    days = StatedDays(jsonld=normalise_date(ld.published),
                      meta=_first_day(mk.meta.get(key) for key in PUBLISHED_KEYS),
                      microdata=_first_day(mk.item_published), time=_first_day(mk.times))
    meta = Metadata(url=url)
    tags = mk.meta
    site = _first(tags, SITE_KEYS)
    _set(meta, "site_name", site[0] if site else None, site[1] if site else "")
    _set(meta, "site_name", ld.publisher, "json-ld")
    title, title_source = pick_title(ld.headline, [(tags.get(k), f"meta:{k}") for k in TITLE_KEYS], mk.h1,
                                     mk.title, meta.site_name)
    _set(meta, "title", title, title_source)
    _set(meta, "site_name", site_from_title(mk.title), "html:title")
    _set(meta, "authors", clean_names(ld.authors, site=meta.site_name), "json-ld")
    for key in AUTHOR_KEYS:
        if key in tags:
            _set(meta, "authors", clean_names(tags[key].split("\n"), site=meta.site_name), f"meta:{key}")
    _set(meta, "authors", clean_names(mk.item_authors, site=meta.site_name), "markup:itemprop")
    _set(meta, "authors", clean_names(mk.author_texts, site=meta.site_name), "markup:author")
    _set(meta, "published", normalise_date(ld.published), "json-ld")
    for key in PUBLISHED_KEYS:
        _set(meta, "published", normalise_date(tags.get(key)), f"meta:{key}")
    _set(meta, "published", normalise_date(ld.created), "json-ld:dateCreated")
    for value in mk.times:
        _set(meta, "published", normalise_date(value), "markup:time")
    for value in mk.item_published:  # after <time>: comments and teasers carry datePublished too
        _set(meta, "published", normalise_date(value), "markup:itemprop")
    _set(meta, "modified", normalise_date(ld.modified), "json-ld")
    for key in MODIFIED_KEYS:
        _set(meta, "modified", normalise_date(tags.get(key)), f"meta:{key}")
    for value in mk.item_modified:
        _set(meta, "modified", normalise_date(value), "markup:itemprop")
    _set(meta, "language", _language(mk.lang), "html:lang")
    for key in LANGUAGE_KEYS:
        _set(meta, "language", _language(tags.get(key)), f"meta:{key}")
    _set(meta, "language", _language(ld.language), "json-ld")
    desc = _first(tags, DESCRIPTION_KEYS)
    _set(meta, "description", desc[0] if desc else None, desc[1] if desc else "")
    _set(meta, "description", ld.description, "json-ld")
    image = _first(tags, IMAGE_KEYS)
    _set(meta, "image", image[0] if image else None, image[1] if image else "")
    _set(meta, "image", ld.image, "json-ld")
    _set(meta, "tags", _split_tags(ld.keywords), "json-ld")
    for key in TAG_KEYS:
        if key in tags:
            _set(meta, "tags", _split_tags(tags[key].split("\n")), f"meta:{key}")
    return meta, days


def _byline_names(decisions: list[Decision], site: str | None) -> list[str]:
    """Names from the first byline block; failing that, from a metadata line near the top ("Posted on ... by")."""
    for d in decisions:
        if d.label is Label.BYLINE:
            names = clean_names(names_from_byline(d.block.text), site=site)
            if names:
                return names
    for d in decisions[:BYLINE_WINDOW]:
        if d.label in (Label.METADATA, Label.DATELINE) and d.block.hint is not None \
                and len(d.block.text) <= MAX_BYLINE_CHARS:
            names = clean_names(names_from_byline(d.block.text), site=site)
            if names:
                return names
    return []


def _date_line(decisions: list[Decision]) -> str | None:
    """The date of the first date line near the top (a metadata, byline or dateline block stating one)."""
    for d in decisions[:DATE_WINDOW]:
        if d.label in (Label.METADATA, Label.BYLINE, Label.DATELINE):
            found = find_date(d.block.text)
            if found:
                return found.iso
    return None


def _fill_date(meta: Metadata, line: str | None, html: str | None) -> None:
    """A date the markup did not give: from the date ``line`` (the page's visible date, where htmldate may take a
    teaser's), else htmldate's reading of ``html``; on an article, last, its extensive search of the free text (on
    other page types that costs most and finds a copyright year or a listed item's date)."""
    if line:
        _set(meta, "published", line, "date line")
        return
    if html is None or url_date(meta.url):  # the URL's day would overrule htmldate's
        return
    extensive = meta.page_type == PageType.ARTICLE.value  # one pass: the extensive search repeats the fast one
    guess = _htmldate(html, extensive=extensive, language=meta.language)
    _set(meta, "published", guess, "htmldate:extensive" if extensive else "htmldate")


def complete(base: Metadata, decisions: list[Decision], html: str | None = None,
             stated: StatedDays | None = None) -> Metadata:
    """Fill the fields the markup left empty from the labelled blocks (and the date from htmldate's reading of
    ``html``, the page's source, when neither gives one). A markup date that the other sources ``stated`` and the
    visible date line outvote is replaced by theirs."""
    meta = replace(base, authors=list(base.authors), tags=list(base.tags), sources=dict(base.sources))
    if not meta.title:
        for d in decisions:
            if d.label is Label.TITLE:
                _set(meta, "title", d.block.text, "headline")
                break
    if not meta.authors:
        _set(meta, "authors", _byline_names(decisions, meta.site_name), "byline")
    if not meta.language:
        body = " ".join(d.block.text for d in decisions if d.label is Label.BODY)
        _set(meta, "language", detect(body), "content")
    if not meta.published:
        _fill_date(meta, _date_line(decisions), html)
    elif stated is not None and (day := consensus(meta.published, stated.votes(_date_line(decisions)))):
        meta.published, meta.sources["published"] = day, "consensus"
    if day := url_overrules(meta.published, meta.url):
        meta.published, meta.sources["published"] = day, "url"
    return meta
