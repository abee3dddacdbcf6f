"""Text → one tree, parsed as a browser parses it (HTML5 tree construction, lexbor via selectolax): broken markup
is repaired the way the page's readers saw it. Nothing is fetched, entities are HTML5's fixed set, and every walk
over the tree is iterative, so nesting depth costs memory, never the stack."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

#: a browser running scripts reads a <noscript>'s content as raw text up to </noscript>; lexbor (scripting off)
#: parses it as markup, so an unbalanced tag in it (``<noscript><div id="nojs"></noscript>``) would swallow the page
_NOSCRIPT = re.compile(r"<(/?)noscript\b[^>]*>", re.IGNORECASE)
_NOSCRIPT_BLOCK = re.compile(r"<noscript\b.*?</noscript>", re.IGNORECASE | re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
#: <noscript> text below this is never the page (a "please enable JavaScript" line, a tracking pixel)
NOSCRIPT_MIN_CHARS = 200
#: the <noscript> text must outweigh the rest of the body this many times to be the page
NOSCRIPT_DOMINANCE = 4
#: a page with less text than this has no bulk to reveal
REVEAL_MIN_CHARS = 500
#: the share of the page's text a hidden element must hold to be revealed; visibility:hidden hides a whole page
#: only while its scripts load (a framework's flash-of-unstyled-content guard), so it must hold nearly all of it
REVEAL_SHARE = 0.5
REVEAL_SHARE_INVISIBLE = 0.8
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


def _noscript_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, content start, content end, end) of each closed <noscript>, in one pass over its tags."""
    spans = []
    start = inner = -1
    for m in _NOSCRIPT.finditer(text):
        if not m.group(1):
            if start < 0:
                start, inner = m.start(), m.end()
        elif start >= 0:
            spans.append((start, inner, m.start(), m.end()))
            start = -1
    return spans


def _visible_chars(markup: str) -> int:
    return len("".join(_TAG.sub(" ", _SCRIPT.sub(" ", markup)).split()))


def _noscript(text: str) -> str:
    """Cut each <noscript>…</noscript> out, unless the page shows almost nothing else (a page served for readers
    without scripts, such as a forum's crawler view): then its contents are the page, kept without the tags."""
    spans = _noscript_spans(text)
    if not spans:
        return text
    inside = sum(_visible_chars(text[a:b]) for _, a, b, _ in spans)
    keep = inside >= NOSCRIPT_MIN_CHARS
    if keep:
        rest = text[text.find("<body"):] if "<body" in text else text
        outside = _visible_chars(_NOSCRIPT_BLOCK.sub(" ", rest))
        keep = inside > NOSCRIPT_DOMINANCE * outside
    parts: list[str] = []
    pos = 0
    for start, a, b, end in spans:
        parts.append(text[pos:start])
        if keep:
            parts.append(text[a:b])
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _render_templates(tree: LexborHTMLParser) -> None:
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind not in _TEMPLATE_TYPES:  # before its text: most scripts are code, some of it large
            continue
        markup = script.text(deep=True)
        if not markup or "<p" not in markup:
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


def _reveal_bulk(tree: LexborHTMLParser) -> None:
    """Unhide the hidden elements that hold most of the page's text: a script shows them (a streamed server render
    parks the article in a hidden element and moves it in place; a framework hides the whole page until its
    scripts run), so the reader sees them."""
    body = tree.body
    if body is None:
        return
    hidden = [(n, share) for n in tree.css("body [hidden], body [style*='none'], body [style*='hidden']")
              if (share := _reveal_share(n.attributes)) is not None]
    if not hidden:
        return
    scripts = sum(len(n.text(deep=True)) for n in tree.css("body script, body style"))
    total = len(body.text(deep=True)) - scripts
    if total < REVEAL_MIN_CHARS:
        return
    for node, share in hidden:  # each holding most of the text: the wrappers, nested in one another
        if len(node.text(deep=True)) > share * total:
            for name in ("hidden", "style", "aria-hidden"):
                if name in node.attributes:
                    del node.attrs[name]


def _reveal_share(attrs: dict[str, str | None]) -> float | None:
    """The share of the text a hidden element must hold to be revealed; None when it is not hidden."""
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "hidden" in attrs or "display:none" in style:
        return REVEAL_SHARE
    return REVEAL_SHARE_INVISIBLE if "visibility:hidden" in style else None


def parse(text: str) -> LexborHTMLParser | None:
    """The parsed document, or None when there is no markup to speak of."""
    if not text.strip():
        return None
    if "</" in text and "noscript" in text:
        text = _noscript(text)
    tree = LexborHTMLParser(_bounded(text))
    if "text/" in text:
        _render_templates(tree)
    if "hidden" in text or "none" in text:
        _reveal_bulk(tree)
    return tree
