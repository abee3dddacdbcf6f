"""Text → one tree, parsed as a browser parses it (HTML5 tree construction, lexbor via selectolax): broken markup
is repaired the way the page's readers saw it. Nothing is fetched, entities are HTML5's fixed set, and every walk
over the tree is iterative, so nesting depth costs memory, never the stack."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

#: a browser running scripts reads a <noscript>'s content as raw text up to </noscript>; lexbor (scripting off)
#: parses it as markup, so an unbalanced tag in it (``<noscript><div id="nojs"></noscript>``) would swallow the page
_NOSCRIPT = re.compile(r"<(/?)noscript\b[^>]*>", re.IGNORECASE)
#: a client-side template holding the article's markup (Blogger puts its post bodies in one); rendered when it has
#: markup with paragraphs and no template placeholders
_TEMPLATE_TYPES = frozenset({"text/template", "text/html", "text/x-template"})
_PLACEHOLDER = re.compile(r"\{\{|\{%|<%|\$\{")
#: lexbor's tree construction is quadratic in the nesting of block elements (each start tag searches the open
#: elements): past this depth the page's wrapper tags are dropped before parsing, as browsers cap depth too
MAX_DEPTH = 400
_BLOCK_TAG = re.compile(
    r"<(/?)(?:div|blockquote|section|article|aside|header|footer|nav|main|ul|ol|li|dl|dd|dt|table|tr|td|p|form|"
    r"fieldset|figure|center|details|button|h[1-6])[\s>/]", re.IGNORECASE)
#: when too deep: first every tag but those that shape text, then every tag but paragraphs, breaks and headings
_FLATTEN_KEEP = (
    "p|br|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|tr|td|th|figcaption|title|meta|head|script|style",
    "p|br|h[1-6]|title|meta|head|script|style",
)


def _too_deep(text: str) -> bool:
    depth = 0
    for close in _BLOCK_TAG.findall(text):
        if close:
            depth = depth - 1 if depth else 0
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def _bounded(text: str) -> str:
    for keep in _FLATTEN_KEEP:
        if not _too_deep(text):
            break
        text = re.sub(rf"</?(?!(?:{keep})\b)[a-zA-Z][^>]*>", " ", text)
    return text


def _drop_noscript(text: str) -> str:
    """Cut each <noscript>…</noscript> out, in one pass over the tags; an unclosed one is left to the parser."""
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


def _render_templates(tree: LexborHTMLParser) -> None:
    for script in tree.css("script"):
        markup = script.text(deep=True)
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind not in _TEMPLATE_TYPES or not markup or "<p" not in markup:
            continue
        lead = markup.lstrip()[:2]
        if lead[:1] != "<" or lead == "<!" or _PLACEHOLDER.search(markup):  # data (JSON, CDATA), or a real template
            continue
        body = LexborHTMLParser(markup).body
        if body is None:
            continue
        child = body.child
        while child is not None:
            nxt = child.next
            script.insert_before(child)
            child = nxt
        script.decompose()


def parse(text: str) -> LexborHTMLParser | None:
    """The parsed document, or None when there is no markup to speak of."""
    if not text.strip():
        return None
    if "</" in text and "noscript" in text:
        text = _drop_noscript(text)
    tree = LexborHTMLParser(_bounded(text))
    if "text/" in text:
        _render_templates(tree)
    return tree
