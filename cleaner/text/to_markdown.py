"""The kept blocks of a text or Markdown scrape as Markdown blocks.

Markdown input keeps its own inline markup (emphasis, code, links: made absolute when the page's URL is known, or
dropped to their text; images dropped unless asked for). Plain text shows no markup: its text is escaped, bullet
and numbered lines become list items, consecutive code lines one fenced block, and a short unpunctuated line over
a paragraph a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..markdown_out import MdBlock, cell, destination, escape, escape_start
from ..model import Block, Kind
from .markdown import Source
from .segment import _BULLET

#: a numbered line of plain text ("1. Preheat the oven", "2) Stir")
_NUMBERED = re.compile(r"(\d{1,3})[.)]\s+(?=\S)")
#: a plain-text heading is at most this long, and the paragraph under it at least twice as long
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 90
_NOT_HEADING_END = tuple(".,;:!?…\"”»)")
#: [text](url "title") and ![alt](url), bounded (linear time whatever the line holds)
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]{0,500}\]){0,1000})\]\(\s*(<[^<>\n]{0,2000}>|[^()\s]{0,2000}"
    r"(?:\([^()\s]{0,500}\)[^()\s]{0,2000}){0,10})(?:\s+\"[^\"]{0,500}\"|\s+'[^']{0,500}')?\s*\)"
)
#: emphasis around nothing ("****", "____", converters' leftovers of emptied <b>s): shows nothing, confuses readers
_EMPTY_EMPHASIS = re.compile(r"(?<![\\*_])(?:\*{4,}|_{4,})(?![*_])")


def text_blocks(blocks: Sequence[Block]) -> list[MdBlock]:
    """Plain-text blocks → Markdown blocks (the kinds recognised from how the lines look)."""
    out: list[MdBlock] = []
    for i, b in enumerate(blocks):
        if b.kind is Kind.IMAGE:
            continue
        if b.kind is Kind.CODE:
            if out and out[-1].kind is Kind.CODE:
                out[-1].text += "\n" + b.text
            else:
                out.append(MdBlock(Kind.CODE, b.text))
            continue
        bullet = _BULLET.match(b.text) if b.kind is Kind.LIST_ITEM else None
        numbered = _NUMBERED.match(b.text)
        if bullet:
            out.append(MdBlock(Kind.LIST_ITEM, escape_start(escape(b.text[bullet.end():]))))
        elif numbered and b.kind is not Kind.HEADING:
            text = escape_start(escape(b.text[numbered.end():]))
            out.append(MdBlock(Kind.LIST_ITEM, text, number=int(numbered.group(1)) or 1))
        elif b.kind is Kind.HEADING or _heading(b, blocks[i + 1] if i + 1 < len(blocks) else None):
            out.append(MdBlock(Kind.HEADING, escape(b.text), level=b.level or 2))
        else:
            out.append(MdBlock(b.kind, escape_start(escape(b.text))))
    return out


def _heading(b: Block, after: Block | None) -> bool:
    """A short line that starts like a title, ends without punctuation and stands over a longer paragraph."""
    text = b.text
    return (b.kind is Kind.PARAGRAPH and after is not None and after.kind is Kind.PARAGRAPH
            and len(text) <= HEADING_MAX_CHARS and len(text.split()) <= HEADING_MAX_WORDS
            and (text[0].isupper() or text[0].isdigit()) and not text.endswith(_NOT_HEADING_END)
            and len(after.text) >= 2 * len(text) and after.text.endswith(_NOT_HEADING_END[:6]))


def markdown_blocks(blocks: Sequence[Block], sources: Sequence[Source], *, links: bool, images: bool,
                    base: str | None) -> list[MdBlock]:
    """Markdown-input blocks → Markdown blocks, each from its source as written (links and images rewritten)."""
    out: list[MdBlock] = []
    for b in blocks:
        md, number = sources[b.index]
        if b.kind is Kind.CODE:
            out.append(MdBlock(Kind.CODE, b.text))
            continue
        if b.kind is Kind.IMAGE and not images:
            continue
        text = _EMPTY_EMPHASIS.sub("", rewrite_links(md, links=links, images=images, base=base)).strip()
        if b.kind in (Kind.LIST_ITEM, Kind.QUOTE, Kind.HEADING):
            text = escape_start(text)  # "- 1. x" was an item whose text reads "1. x"
        if not text:
            continue
        if b.kind is Kind.TABLE:
            cells = tuple(cell(c.replace("\\|", "|").strip()) for c in text.split(" | "))
            out.append(MdBlock(Kind.TABLE, text, cells=cells))
        elif b.kind is Kind.LIST_ITEM:
            out.append(MdBlock(Kind.LIST_ITEM, text, number=number, depth=max(0, b.level - 1)))
        elif b.kind is Kind.IMAGE:
            out.append(MdBlock(Kind.PARAGRAPH, text))
        else:
            out.append(MdBlock(b.kind, text, level=b.level))
    return out


def rewrite_links(md: str, *, links: bool, images: bool, base: str | None) -> str:
    """``md`` with link and image targets absolute (against ``base``), links dropped to their text unless
    ``links``, images dropped unless ``images``."""
    if "](" not in md:
        return md

    def one(m: re.Match[str]) -> str:
        image, text, target = m.group(1), m.group(2), m.group(3).strip("<>")
        if image:
            return f"![{text}]({destination(target, base)})" if images else ""
        text = rewrite_links(text, links=links, images=images, base=base).strip()
        if not links or not text:
            return text
        return f"[{text}]({destination(target, base)})"

    return _LINK.sub(one, md)
