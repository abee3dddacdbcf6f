"""What a page's JSON-LD states as its text: a product's description (schema.org Product / ProductGroup
``description``) and an article's ``articleBody``, as plain paragraphs: HTML tags and entities removed, one
paragraph per line or block element."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from ..frontend import visible
from .jsonld import article_body, product_description

#: tags that end a paragraph of the description; every other tag is dropped, its text kept
_BREAK = re.compile(r"<\s*/?\s*(?:br|p|div|li|ul|ol|h[1-6]|tr|table|blockquote|section)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def jsonld_scripts(tree: LexborHTMLParser) -> list[str]:
    """The text of each JSON-LD script of the page, in page order."""
    return [el.text(deep=True) for el in tree.css("script")
            if (el.attributes.get("type") or "").strip().lower() == "application/ld+json"]


def paragraphs(raw: str) -> list[str]:
    """A description as written (HTML, entities, a URL-encoded string) → its paragraphs as plain text."""
    if " " not in raw.strip() and "%20" in raw:  # URL-encoded as a whole ("An%20elegant%20sofa")
        raw = unquote(raw)
    text = html.unescape(raw)  # escaped markup ("&lt;p&gt;") becomes tags, removed next
    text = _TAG.sub("", _BREAK.sub("\n", text))
    if "&" in text:  # double-encoded entities ("&amp;apos;")
        text = html.unescape(text)
    return [visible(" ".join(line.split())) for line in text.splitlines() if line.strip()]


def description(tree: LexborHTMLParser) -> list[str]:
    """The JSON-LD product description's paragraphs (empty when the page's JSON-LD states none)."""
    raw = product_description(jsonld_scripts(tree))
    return paragraphs(raw) if raw else []


def stated_article(tree: LexborHTMLParser) -> list[str]:
    """The paragraphs of the article text the page's JSON-LD states (``articleBody``; empty when none)."""
    raw = article_body(jsonld_scripts(tree))
    return paragraphs(raw) if raw else []
