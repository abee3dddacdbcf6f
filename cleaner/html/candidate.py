"""trafilatura's main extractor, run once on our already-parsed tree, as a candidate signal for the blocks.

Only its main extractor runs: the same tree pruning, cleaning and tag conversion as ``trafilatura.extract``, then
``extract_content``; none of its fallbacks (readability/justext comparison, baseline rescue, recall retry) and no
metadata. That is about 40% of ``trafilatura.extract``'s time; the fallbacks matter when the main extractor finds
little, and then our own blocks and revise's article run do that job. A block is "in the candidate" when its text
appears in the text trafilatura kept; revise gives such blocks a bonus, and the front-end treats widget hints on
them with care.
"""

from __future__ import annotations

from typing import Any

from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from ..model import Block

#: blocks shorter than this (characters) must equal a whole element of the candidate: a short line such as
#: "Share" occurs inside many paragraphs, so a substring test would say nothing
MIN_SUBSTRING_CHARS = 40
#: for long blocks, trafilatura may have trimmed an inline part: the block's head or tail (this many characters)
#: found in the candidate is enough
EDGE_CHARS = 40

#: comments off (they are not article text, and trafilatura then prunes them early); fast: no fallbacks
_OPTIONS = Extractor(fast=True, comments=False, tables=True)


class Candidate:
    """The text trafilatura kept: the joined text and the set of its element texts, whitespace-collapsed."""

    def __init__(self, joined: str, elements: frozenset[str]) -> None:
        self.joined = joined
        self.elements = elements

    def __bool__(self) -> bool:
        return bool(self.joined)

    def contains(self, text: str) -> bool:
        norm = " ".join(text.split())
        if not norm or not self.joined:
            return False
        if len(norm) < MIN_SUBSTRING_CHARS:
            return norm in self.elements
        if norm in self.joined:
            return True
        return len(norm) >= 2 * EDGE_CHARS and (norm[:EDGE_CHARS] in self.joined or norm[-EDGE_CHARS:] in self.joined)


EMPTY = Candidate("", frozenset())


def candidate(root: Any, url: str | None) -> Candidate:
    """Run trafilatura on ``root`` (which it mutates: segment first)."""
    try:
        tree = prune_unwanted_nodes(root, RAW_TREE_PRUNE_XPATH)
        tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)  # comments are not article text
        body, _text = extract_content(convert_tags(tree_cleaning(tree, _OPTIONS), _OPTIONS, url), _OPTIONS)
    except (ValueError, TypeError, AttributeError, IndexError):
        return EMPTY
    elements = set()
    parts = []
    for el in body.iter():
        if el.tag in ("p", "head", "item", "quote", "cell", "row", "list", "code", "table"):
            t = " ".join("".join(el.itertext()).split())
            if t:
                elements.add(t)
                if el.tag in ("p", "head", "item", "quote", "cell", "code"):
                    parts.append(t)
    return Candidate(" ".join(parts) if parts else " ".join("".join(body.itertext()).split()), frozenset(elements))


def mark(blocks: list[Block], cand: Candidate) -> None:
    """Set the ``in_candidate`` cue on each block (cues are the block's own dict, filled before it is shared)."""
    for b in blocks:
        b.cues["in_candidate"] = cand.contains(b.text)
