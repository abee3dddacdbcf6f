"""Tell HTML, Markdown and plain text apart. An explicit format always wins."""

from __future__ import annotations

import re

from .options import Format

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|p|span|a|article|section|script|br|li|ul|table)\b[^>]*>", re.I)
_MD_CUES = (
    re.compile(r"^#{1,6} \S", re.M),              # ATX headings
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),        # links
    re.compile(r"!\[[^\]\n]*\]\([^)\s]+\)"),       # images
    re.compile(r"^\s*[-*+] \S", re.M),              # bullets
    re.compile(r"^\s*> \S", re.M),                  # quotes
    re.compile(r"^(?:=+|-+)\s*$", re.M),            # setext underlines
    re.compile(r"\*\*[^*\n]+\*\*"),                 # bold
)

#: how much of the text is looked at; sniffing must stay cheap on 50 MB inputs
SNIFF_WINDOW = 100_000
#: HTML tags per 1,000 characters above which text is HTML even without a doctype (real pages: 5-50)
HTML_TAG_DENSITY = 1.0
#: Markdown cue kinds that must be present (links and headings alone are common in prose)
MD_MIN_CUES = 2


def sniff(text: str, requested: Format = Format.AUTO) -> Format:
    """Return the format of ``text``: ``requested`` unless it is ``AUTO``."""
    if requested is not Format.AUTO:
        return requested
    head = text[:SNIFF_WINDOW]
    if _HTML_START.match(head):
        return Format.HTML
    tags = len(_HTML_TAG.findall(head))
    if tags and tags * 1000 / max(len(head), 1) >= HTML_TAG_DENSITY:
        return Format.HTML
    cues = sum(1 for pattern in _MD_CUES if pattern.search(head))
    if cues >= MD_MIN_CUES:
        return Format.MARKDOWN
    return Format.TEXT
