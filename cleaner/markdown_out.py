"""The article as Markdown: the kept blocks, each as its kind shows it (headings, list items, quotes, tables, fenced
code), from the inline Markdown each front-end renders for them. Also the escaping those front-ends share, and the
YAML front matter of ``cleaner clean --to markdown``.

The blocks are the body's (the same decisions as ``assemble``), so the Markdown parses back to the body's blocks.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from .assemble import BODY_LABELS
from .model import Block, Decision, Kind


@dataclass(slots=True)
class MdBlock:
    """One block of the Markdown document: its kind and its text as inline Markdown (code: verbatim)."""

    kind: Kind
    text: str
    #: heading level 1-6
    level: int = 0
    #: list item: its number in an ordered list (0: a bullet item); nesting depth, 0 outermost
    number: int = 0
    depth: int = 0
    #: table row: each cell's inline Markdown (pipes escaped); rows with the same ``table`` make one table
    cells: tuple[str, ...] | None = None
    table: int | None = None
    #: code: the language named by the markup (the fence's info string)
    info: str = ""


def kept(decisions: Sequence[Decision]) -> list[Block]:
    """The blocks ``assemble`` puts in the body, in order (and image markers, which only Markdown can show)."""
    return [d.block for d in decisions
            if d.label in BODY_LABELS and (d.block.kind is Kind.IMAGE or d.block.text.strip())]


# ---------------------------------------------------------------- escaping

#: characters that are markup anywhere in a line
_INLINE = re.compile(r"[\\`*\[\]]|!(?=\[|$)|<(?=[A-Za-z/!?]|$)|&(?=#?\w+;|$)|(?<![^\W_])_|_(?![^\W_])")
#: a line start that would open a block construct: ATX heading, quote, bullet, ordered item, fence, rule/setext
_START = re.compile(r"(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|~~~|=+\s*$|-+\s*$)|(\d{1,9})([.)])(?=\s|$)")


def escape(text: str) -> str:
    """Plain text → inline Markdown that shows exactly that text (the line-start markers: :func:`escape_start`)."""
    return _INLINE.sub(lambda m: "\\" + m.group(0), text)


def escape_start(md: str) -> str:
    """``md`` with a leading block marker ("# ", "> ", "- ", "1. ") escaped, so that it stays a paragraph's text."""
    m = _START.match(md)
    if m is None:
        return md
    if m.group(2):
        return f"{m.group(2)}\\{m.group(3)}{md[m.end():]}"
    return "\\" + md


#: characters that would end or break a link destination, percent-encoded
_URL_SAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\n": "", "\t": "", "\r": ""})
_URL_UNSAFE = re.compile(r"[ ()<>\n\t\r]")


def destination(target: str, base: str | None) -> str:
    """A link target as a Markdown link destination: absolute against ``base`` when there is one (a malformed
    URL stays as written), with the characters that would end it percent-encoded."""
    if base:
        with contextlib.suppress(ValueError):  # an unclosed IPv6 bracket and the like
            target = urljoin(base, target)
    return target.translate(_URL_SAFE) if _URL_UNSAFE.search(target) else target


def cell(md: str) -> str:
    """Inline Markdown made safe inside a table cell."""
    return md.replace("|", "\\|")


# ---------------------------------------------------------------- the document

def compose(blocks: Sequence[MdBlock]) -> str | None:
    """The document: blocks separated by a blank line, list items of one list and rows of one table by a newline."""
    parts: list[str] = []
    indents: list[int] = []  # per open list depth: its items' content column
    depths: list[int] = []  # per open list depth: the depth its items were given (nesting is relative)
    last_item: tuple[int, int] | None = None  # (depth, number) of the list item just written
    for group in _tables(blocks):
        if isinstance(group, list):
            parts.append(("\n\n" if parts else "") + _table(group))
            last_item = None
            continue
        if group.kind is Kind.LIST_ITEM:
            if last_item is None:
                indents, depths = [], []
            depth = _nesting(group.depth, depths)
            # an ordered list not starting at 1 cannot interrupt the item above it: a blank line first
            new_list = last_item is not None and group.number > 1 and (depth > last_item[0] or not last_item[1])
            tight = last_item is not None and not new_list
            parts.append(("\n" if tight else "\n\n") if parts else "")
            parts.append(_item(group, depth, indents))
            last_item = (depth, group.number)
            continue
        text = _block(group)
        if text:
            parts.append(("\n\n" if parts else "") + text)
            last_item = None
    return "".join(parts) or None


def _tables(blocks: Sequence[MdBlock]) -> Iterator[MdBlock | list[MdBlock]]:
    """The blocks, with each run of table rows of one table as a list (a lone row or a single column as text)."""
    run: list[MdBlock] = []
    for b in [*blocks, None]:
        if b is not None and b.kind is Kind.TABLE and (not run or b.table == run[0].table):
            run.append(b)
            continue
        if run:
            if len(run) > 1 and max(len(r.cells or ()) for r in run) > 1:
                yield run
            else:
                yield from (MdBlock(Kind.PARAGRAPH, escape_start(_row_text(r))) for r in run)
            run = []
        if b is not None and b.kind is Kind.TABLE:
            run.append(b)
        elif b is not None:
            yield b


def _row_text(row: MdBlock) -> str:
    """A table row shown as a paragraph: its cells joined as the body joins them."""
    return " | ".join(c.strip() for c in row.cells if c.strip()) if row.cells else row.text


def _block(b: MdBlock) -> str:
    if b.kind is Kind.CODE:
        return _fence(b.text, b.info)
    text = b.text.strip()
    if not text:
        return ""
    if b.kind is Kind.HEADING:
        if re.search(r"(^|\s)#+$", text):  # would read as the heading's closing sequence
            text = text[:-1] + "\\#"
        return f"{'#' * min(6, max(1, b.level or 2))} {text}"
    if b.kind is Kind.QUOTE:
        return f"> {text}"
    return text


def _nesting(given: int, depths: list[int]) -> int:
    """The depth an item is written at: one more than the open lists given a smaller depth (``depths``: updated)."""
    while depths and depths[-1] > given:
        depths.pop()
    if not depths or depths[-1] < given:
        depths.append(given)
    return len(depths) - 1


def _item(b: MdBlock, depth: int, indents: list[int]) -> str:
    """One list item at ``depth``; ``indents``: the content column of the open item at each depth (updated)."""
    del indents[depth:]
    marker = f"{b.number}." if b.number else "-"
    pad = indents[-1] if indents else 0
    indents.append(pad + len(marker) + 1)
    return f"{' ' * pad}{marker} {b.text.strip()}"


def _fence(code: str, info: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{code}\n{fence}"


def _table(rows: list[MdBlock]) -> str:
    width = max(len(r.cells or ()) for r in rows)
    lines = []
    for i, r in enumerate(rows):
        cells = list(r.cells or ()) + [""] * (width - len(r.cells or ()))
        lines.append("| " + " | ".join(c.strip() for c in cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


# ---------------------------------------------------------------- front matter

#: the record's fields in the front matter of ``--to markdown``, in this order (null and empty ones left out); an
#: error record's error, and a WARC record's status and date, too
FRONT_MATTER = ("title", "authors", "published", "modified", "site_name", "url", "language", "description", "tags",
                "image", "page_type", "word_count", "source", "http_status", "fetched", "error")


def front_matter(record: dict[str, Any]) -> str:
    """The record's metadata as YAML front matter. Values are written as JSON, which YAML reads as the same
    values (a JSON string is a YAML double-quoted scalar), so no text can break out of it."""
    lines = ["---"]
    for key in FRONT_MATTER:
        value = record.get(key)
        if value is None or value == []:
            continue
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def document(record: dict[str, Any]) -> str:
    """``cleaner clean --to markdown``: the front matter, then the article's Markdown."""
    body = record.get("markdown")
    return front_matter(record) + (f"\n{body}\n" if body else "")
