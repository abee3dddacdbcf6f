"""Block templates: the blocks whose containers, from the body down, have the same tags and class/id words — a
thread's posts, a listing's cards, a menu's links. The HTML block model reads each block's template (its share of
the page, how often it repeats, its links) and averages first-stage scores over it (cleaner/html/features.py)."""

from __future__ import annotations

import re

import numpy as np

from ..model import Kind
from .walk import Segmented

#: columns of the block's template: its share of the page's text, its blocks, the containers it repeats in, the
#: share of its blocks that are long, its link density
TEMPLATE = ("tpl_share", "tpl_blocks", "tpl_items", "tpl_long", "tpl_link_density")

_DIGIT_RUN = re.compile(r"\d+")


def templates(seg: Segmented) -> np.ndarray:
    """Per block, its template: blocks of one kind whose containers, from the body down, have the same tags and
    class/id words (digits dropped: ``post-123`` and ``post-456`` are one) share it — the posts of a thread, the
    cards of a listing, the links of a menu."""
    sig = [0] * len(seg.containers)
    table: dict[tuple[int, str, str], int] = {}
    for c, cont in enumerate(seg.containers):
        key = (sig[cont.parent] if c > 0 else -1, cont.tag, _DIGIT_RUN.sub("", cont.attrs) if cont.attrs else "")
        sig[c] = table.setdefault(key, len(table))
    kinds: dict[tuple[int, Kind], int] = {}
    return np.fromiter((kinds.setdefault((sig[c], b.kind), len(kinds)) for c, b in zip(seg.block_container,
                        seg.blocks, strict=True)), dtype=np.int64, count=len(seg.blocks))


def template_table(seg: Segmented, template: np.ndarray, size: np.ndarray, owner: np.ndarray,
                   long_chars: int) -> np.ndarray:
    """The :data:`TEMPLATE` columns of every block (``size``: its characters, ``owner``: its container; a block of
    ``long_chars`` or more is long)."""
    _, inverse = np.unique(template, return_inverse=True)
    chars = np.bincount(inverse, weights=size)
    links = np.bincount(inverse, weights=size * np.fromiter((b.link_density for b in seg.blocks), dtype=np.float64,
                                                            count=len(seg.blocks)))
    count = np.bincount(inverse)
    long = np.bincount(inverse, weights=(size >= long_chars).astype(np.float64))
    items = np.unique(np.column_stack([inverse, owner]), axis=0)
    per_item = np.bincount(items[:, 0], minlength=len(count))
    total = float(size.sum()) or 1.0
    return np.column_stack([chars / total, np.log1p(count), np.log1p(per_item), long / count,
                            links / np.maximum(chars, 1.0)])[inverse]
