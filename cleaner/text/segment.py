"""Plain text → blocks: one block per non-empty line (a browser's innerText puts each paragraph, heading, list
item and widget line on a line of its own; blank lines mark paragraph breaks)."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Block, Kind

_BULLET = re.compile(r"^(?:[•·▪►◦‣∙]|[-*+](?=\s))\s*")


def repeat_key(text: str) -> str:
    """The key under which two lines count as the same line (case and spacing ignored)."""
    return " ".join(text.split()).lower()


def with_repeats(blocks: list[Block]) -> list[Block]:
    """Add the ``repeats`` cue: how often a block's text occurs in the page (menus and widgets repeat)."""
    keys = [repeat_key(b.text) for b in blocks]
    counts = Counter(keys)
    for b, key in zip(blocks, keys, strict=True):
        b.cues["repeats"] = counts[key]
    return blocks


def segment_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    gap = True
    for number, raw in enumerate(text.splitlines()):
        line = " ".join(raw.split())
        if not line:
            gap = True
            continue
        kind = Kind.PARAGRAPH
        bullet = _BULLET.match(line)
        if bullet and len(line) > bullet.end():
            kind = Kind.LIST_ITEM  # the bullet stays: it is part of the visible text
        blocks.append(Block(text=line, kind=kind, index=len(blocks), cues={"gap_before": gap, "line": number}))
        gap = False
    return with_repeats(blocks)
