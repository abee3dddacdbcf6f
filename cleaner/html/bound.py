"""Bounds on absurdly large trees: a page of a million empty elements (``<br>`` * 1,000,000, a million empty
``<p>``, ``<div>``, ``<span>`` or ``<a>``) must not outlast the time limit.

Such a page is only a few megabytes, but trafilatura's XPath queries over a million siblings are C calls the
watchdog cannot interrupt (measured: 1,000,000 ``<br>`` took ~30 s in clean(), 14-17 s of it in the candidate
stage). Two steps, both only when the markup has more than :data:`LARGE_TREE` tags, so an ordinary page (the
largest in the benchmarks has ~10,000 elements) is never touched:

* :func:`thin`: a run of three or more consecutive blank siblings (elements with no text in them, only
  whitespace between them) keeps its first and last element; the run still separates what is before it from
  what is after it, and ``<br>`` * N still breaks the line twice. Linear, pure Python (interruptible).
* :func:`candidate_allowed`: if the tree is still over :data:`MAX_CANDIDATE_ELEMENTS` elements after thinning (a
  million lines of text, each after a ``<br>``), trafilatura is not run; our own segmenter, which the watchdog
  can interrupt, still reads the page.
"""

from __future__ import annotations

from typing import Any

#: pages with fewer "<" than this are left alone (cheap test on the text; the element count is below it)
LARGE_TREE = 100_000
#: trafilatura runs on trees up to this many elements (~7 s at 300,000 <br>; ~15 s at 1,000,000)
MAX_CANDIDATE_ELEMENTS = 250_000
#: elements that may be dropped from a blank run: those that only shape text, never media, forms, tables or
#: metadata (an empty <td> keeps its column, an <img> has no text but is content)
BLANK_TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "big", "br", "center", "code", "dd", "del", "div", "dl", "dt", "em",
    "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "i", "ins", "kbd", "label", "li", "main",
    "mark", "nav", "ol", "p", "q", "s", "section", "small", "span", "strike", "strong", "sub", "sup", "u", "ul",
    "wbr", "nobr", "blockquote", "pre", "tt", "var", "cite", "dfn", "samp", "time", "hr",
})


def _blank_text(s: str | None) -> bool:
    return not s or s.isspace()


def is_large(text: str) -> bool:
    """Whether the markup may make an absurdly large tree (C-speed count; false for every ordinary page)."""
    return text.count("<") > LARGE_TREE


#: a blank element may hold this many blank descendants (``<div><span></span></div>``); bigger ones are kept,
#: which bounds the check
MAX_BLANK_SUBTREE = 16


def thin(root: Any) -> int:
    """Drop the inner elements of each run of three or more blank siblings; returns the element count after.

    Holds no proxy for every element (a million live Python objects would set the garbage collector running), only
    for the parents with three or more children; inner ones first, so that a run of thinned boxes is blank too."""
    parents = [el for el in root.iter() if len(el) > 2]
    for parent in reversed(parents):
        _drop_runs(parent)
    return int(root.xpath("count(//*)"))


def _blank(el: Any) -> bool:
    """No text in ``el`` and at most :data:`MAX_BLANK_SUBTREE` elements under it, all that only shape text."""
    if el.tag not in BLANK_TAGS or not _blank_text(el.text):
        return False
    if not len(el):
        return True
    for n, d in enumerate(el.iterdescendants()):
        if n >= MAX_BLANK_SUBTREE or d.tag not in BLANK_TAGS or not (_blank_text(d.text) and _blank_text(d.tail)):
            return False
    return True


def _drop_runs(parent: Any) -> None:
    """In ``parent``, keep only the first and last element of each run of blank children (the run continues while
    only whitespace follows a blank child)."""
    cuts: list[tuple[int, int]] = []
    start = -1
    for i, child in enumerate(parent):
        if not _blank(child):
            if start >= 0 and i - start > 2:
                cuts.append((start + 1, i - 1))
            start = -1
            continue
        if start < 0:
            start = i
        if not _blank_text(child.tail):  # text follows: the run ends with this child
            if i - start > 1:
                cuts.append((start + 1, i))
            start = -1
    if start >= 0 and len(parent) - start > 2:
        cuts.append((start + 1, len(parent) - 1))
    for a, b in reversed(cuts):
        del parent[a:b]  # with their tails, which are whitespace


def candidate_allowed(elements: int) -> bool:
    return elements <= MAX_CANDIDATE_ELEMENTS
