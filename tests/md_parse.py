"""The blocks a CommonMark reader (markdown-it-py) finds in a Markdown document: (kind, text) in order, as
cleaner's body has them (a table row's cells joined with " | ", a fenced block's code as written)."""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark").enable("table")


def _plain(inline: Any) -> str:
    """An inline token's text: its text and code children, soft breaks as spaces, images left out."""
    out = []
    skip = 0
    for child in inline.children or []:
        if child.type == "image":
            continue
        if skip:
            continue
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return " ".join("".join(out).split())


def md_blocks(md: str) -> list[tuple[str, str]]:
    """(kind, text) per block; kinds as cleaner's Kind values (paragraph, heading, list_item, quote, table, code)."""
    tokens = _PARSER.parse(md)
    out: list[tuple[str, str]] = []
    context: list[str] = []
    row: list[str] | None = None
    for i, t in enumerate(tokens):
        if t.type in ("bullet_list_open", "ordered_list_open"):
            context.append("list_item")
        elif t.type == "blockquote_open":
            context.append("quote")
        elif t.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            context.pop()
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close" and row is not None:
            out.append(("table", " | ".join(c for c in row if c)))
            row = None
        elif t.type == "inline":
            text = _plain(t)
            opener = tokens[i - 1].type
            if row is not None:
                row.append(text)
            elif opener == "heading_open":
                out.append(("heading", text))
            elif text:
                out.append((context[-1] if context else "paragraph", text))
        elif t.type in ("fence", "code_block"):
            out.append(("code", t.content.rstrip("\n")))
    return out
