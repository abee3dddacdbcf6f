"""Extraction that fits the page type, on the assembled article: a product page's body ends with the description
its JSON-LD states when the page does not show it (``sources["body"]`` says so), and a forum thread's record lists
its posts. Any page whose visible text holds only a small part of the article its JSON-LD states (``articleBody``:
the page's text is rendered by script) takes that text as its body. All read the HTML front-end's parse; text and
Markdown pages pass unchanged."""

from __future__ import annotations

import re
from dataclasses import replace

from .frontend import Page
from .markdown_out import escape, escape_start, kept
from .model import Article, Decision, Kind

#: a description is already in the body when this share of its distinct words is (words, not word trigrams: a
#: description the page shows reworded counts as shown)
MOSTLY = 0.5
#: a description of fewer words is a stub ("wf", "What's new?"), not the product's text
MIN_WORDS = 4
#: ``sources["body"]`` when the body took the JSON-LD description
DESCRIPTION_SOURCE = "json-ld:description"
#: the JSON-LD articleBody replaces a body of under this share of its words (the page's text is rendered by script)
STATED_SHARE = 0.25
#: ... when it has this many words at least
STATED_MIN_WORDS = 50
#: ``sources["body"]`` when the body is the JSON-LD articleBody
ARTICLE_BODY_SOURCE = "json-ld:articleBody"

_WORD = re.compile(r"\w+")


def fit_type(article: Article, page: Page, decisions: list[Decision]) -> Article:
    """``article`` with what its page type adds (product: the JSON-LD description; forum: the posts), and on any
    page the JSON-LD articleBody when the visible text holds little of it."""
    if page.tree is None:  # only the HTML front-end keeps what these read (JSON-LD, the DOM)
        return article
    article = _with_stated_article(article, page)
    kind = article.metadata.page_type
    if kind == "product":
        return _with_description(article, page)
    if kind == "forum":
        return _with_posts(article, page, decisions)
    return article


def mostly_in(text: str, body: str) -> bool:
    """At least MOSTLY of ``text``'s distinct words occur in ``body`` (case ignored)."""
    own = set(_WORD.findall(text.lower()))
    return bool(own) and len(own & set(_WORD.findall(body.lower()))) >= MOSTLY * len(own)


def _with_description(article: Article, page: Page) -> Article:
    from .html.product import description

    assert page.tree is not None
    paragraphs = description(page.tree)
    text = " ".join(paragraphs)
    if len(_WORD.findall(text)) < MIN_WORDS or mostly_in(text, article.body or ""):
        return article
    return _stated(article, paragraphs, DESCRIPTION_SOURCE, after_body=True)


def _with_stated_article(article: Article, page: Page) -> Article:
    from .html.product import stated_article

    assert page.tree is not None
    if page.source is not None and "articleBody" not in page.source:  # no JSON-LD to read: skip parsing it
        return article
    paragraphs = stated_article(page.tree)
    words = sum(len(_WORD.findall(p)) for p in paragraphs)
    if words < STATED_MIN_WORDS or len(_WORD.findall(article.body or "")) >= STATED_SHARE * words:
        return article
    return _stated(article, paragraphs, ARTICLE_BODY_SOURCE, after_body=False)


def _stated(article: Article, paragraphs: list[str], source: str, *, after_body: bool) -> Article:
    """``article`` whose body is ``paragraphs`` (after its own body, or instead of it), with ``sources["body"]``
    naming where they came from. They are plain text: the Markdown shows them as written, never as markup."""
    body = [article.body] if after_body and article.body else []
    markdown = [article.markdown] if after_body and article.markdown else []
    written = [escape_start(escape(p)) for p in paragraphs]
    metadata = replace(article.metadata, sources={**article.metadata.sources, "body": source})
    return replace(article, body="\n\n".join(body + paragraphs), markdown="\n\n".join(markdown + written),
                   metadata=metadata)


def _with_posts(article: Article, page: Page, decisions: list[Decision]) -> Article:
    from .html.markdown import DomBlocks
    from .html.posts import posts

    if not isinstance(page.markup, DomBlocks):
        return article
    texts = [b for b in kept(decisions) if b.kind is not Kind.IMAGE]  # the body's blocks
    return replace(article, posts=tuple(posts(texts, page.markup)))
