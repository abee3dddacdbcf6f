"""Text → one lxml tree (the pre-lexbor parser), kept only while the markup metadata still reads an lxml tree."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree


def _parser() -> lxml.html.HTMLParser:
    """libxml2's HTML parser (it repairs broken markup; without huge_tree it caps nesting at 256 levels, so deep
    input cannot exhaust anything), reading UTF-8 bytes (a third faster than a str, and an XML declaration's
    encoding cannot get in the way). Every element is an HtmlElement, chosen in C: lxml.html's default Python-level
    class lookup costs about 8% of trafilatura's extraction time and all of ours."""
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, collect_ids=False, default_doctype=False,
        huge_tree=False, encoding="utf-8",
    )
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement))
    return parser


_PARSER = _parser()


#: libxml2 stops reading at a stray </body> or </html> in mid-page (browsers ignore them); they carry nothing
_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
#: a browser running scripts reads a <noscript>'s content as raw text up to </noscript>; libxml2 parses it as
#: markup, so an unbalanced tag in it (``<noscript><div id="nojs"></noscript>``) swallows the rest of the page
_NOSCRIPT = re.compile(r"<(/?)noscript\b[^>]*>", re.IGNORECASE)
#: libxml2's message when nesting passes its 256-level cap (it then drops the rest of the page)
_TOO_DEEP = "Excessive depth"
#: when nesting is runaway, tags are dropped in these steps until the page parses whole: first every tag except
#: those that shape text (paragraphs, headings, lists, quotes, tables, code) and those skipped as never-content,
#: then every tag but paragraphs, line breaks and headings
_FLATTEN_KEEP = (
    "p|br|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|td|th|figcaption|title|meta|head|script|style|noscript",
    "p|br|h[1-6]|title|meta|head|script|style",
)


def _flatten(text: str, keep: str) -> str:
    return re.sub(rf"</?(?!(?:{keep})\b)[a-zA-Z][^>]*>", " ", text)


def _drop_noscript(text: str) -> str:
    """Cut each <noscript>…</noscript> out, in one pass over the tags (no backtracking over the page); an unclosed
    one is left to the parser."""
    parts: list[str] = []
    pos = 0
    start = -1
    for m in _NOSCRIPT.finditer(text):
        if not m.group(1):
            if start < 0:
                start = m.start()
        elif start >= 0:
            parts.append(text[pos:start])
            pos, start = m.end(), -1
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _parse(text: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """(root, too deep?)."""
    try:
        # lxml reads UTF-8 bytes about a third faster than a str
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None, False
    return root, any(_TOO_DEEP in e.message for e in _PARSER.error_log)


#: a client-side template holding the article's markup (Blogger puts its post bodies in one); rendered when it has
#: markup with paragraphs and no template placeholders
_TEMPLATE_TYPES = frozenset({"text/template", "text/html", "text/x-template"})
_PLACEHOLDER = re.compile(r"\{\{|\{%|<%|\$\{")


def _render_templates(root: lxml.html.HtmlElement) -> None:
    for script in list(root.iter("script")):
        markup = script.text
        if (script.get("type") or "").strip().lower() not in _TEMPLATE_TYPES or not markup or "<p" not in markup:
            continue
        lead = markup.lstrip()[:2]
        if lead[:1] != "<" or lead == "<!" or _PLACEHOLDER.search(markup):  # data (JSON, CDATA), or a real template
            continue
        try:
            parts = lxml.html.fragments_fromstring(markup.encode("utf-8", "replace"), parser=_PARSER)
        except (etree.ParserError, ValueError, TypeError):
            continue
        box = script.makeelement("div", {"data-cleaner": "template"})
        box.text = " ".join(p for p in parts if isinstance(p, str)) or None
        for part in parts:
            if not isinstance(part, str):
                box.append(part)
        box.tail = script.tail
        parent = script.getparent()
        if parent is not None:
            parent.replace(script, box)


def parse(text: str) -> lxml.html.HtmlElement | None:
    """The document root, or None when there is no markup to speak of."""
    if not text.strip():
        return None
    if "</" in text:
        text = _END_TAGS.sub("", text)
        text = _drop_noscript(text)
    root, too_deep = _parse(text)
    for keep in _FLATTEN_KEEP:
        if not too_deep:
            break
        text = _flatten(text, keep)
        root, too_deep = _parse(text)
    if root is not None and "text/" in text:
        _render_templates(root)
    return root
