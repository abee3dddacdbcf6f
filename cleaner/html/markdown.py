"""The kept blocks of an HTML page as Markdown, read from their DOM elements after judging.

The walk keeps each container's element (``Segmented.nodes``) and nothing per inline element; here only the
containers of kept blocks are walked again, splitting their content at the walk's boundaries (block elements,
<br>, <hr>) and rendering its inline markup (em/strong/a/code/img). A segment whose text is not exactly its block's
text (a structure the mirror below does not follow) falls back to the block's text, escaped.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..frontend import visible
from ..markdown_out import MdBlock, cell, destination, escape, escape_start
from ..model import Block, Kind
from .hints import skip_tags
from .walk import BLOCK_TAGS, BREAKS, CELL_SEPARATOR, CELLS, shown

#: inline elements shown as emphasis, and their marker
EMPHASIS = {"em": "*", "i": "*", "cite": "*", "dfn": "*", "strong": "**", "b": "**"}
CODE_TAGS = frozenset({"code", "kbd", "samp", "tt"})
#: link targets that lead nowhere a reader can follow
_DEAD_LINKS = ("javascript:", "data:", "mailto:")


@dataclass(slots=True)
class DomBlocks:
    """The HTML front-end's Page.markup: each container's element and each block's container."""

    nodes: Sequence[Any]
    block_container: list[int]


@dataclass(frozen=True, slots=True)
class Style:
    """How inline markup is written: links and images kept or not, and the URL relative links resolve against."""

    links: bool = True
    images: bool = False
    base: str | None = None

    def href(self, target: str | None) -> str | None:
        target = (target or "").strip()
        if not target or target.lower().startswith(_DEAD_LINKS):
            return None
        return destination(target, self.base)


#: text with none of these needs no escaping (most text nodes)
_SPECIAL = re.compile(r"[\\`*\[\]!<&_]")


# ---------------------------------------------------------------- inline tokens

@dataclass(slots=True)
class _Mark:
    """An opening or closing marker; a pair shares one ``pair`` object, which is dropped as a whole if invalid."""

    text: str
    opening: bool
    pair: list[bool]  # [kept]
    code: bool = False
    #: a closer's opener (to open the markup again after a block boundary inside it)
    opening_text: str = ""


@dataclass(slots=True)
class _Segment:
    tokens: list[Any] = field(default_factory=list)  # str (escaped text), " " (space), _Mark
    raw: list[str] = field(default_factory=list)  # the text as the walk joins it
    cells: list[int] = field(default_factory=list)  # token positions where a cell starts
    plain: str = ""  # the text as the walk's _flush makes it (set by md_blocks)


def _render(tokens: Sequence[Any]) -> str:
    """Tokens → inline Markdown: white space moved out of markers and collapsed, empty or unsafe pairs dropped."""
    if all(isinstance(t, str) for t in tokens):  # most paragraphs: text alone
        return " ".join("".join(tokens).split())
    items = _spaced(tokens)
    if any(isinstance(t, _Mark) for t in items):
        _merge_adjacent(items)
        _drop_empty(items)
        _fence_code(items)
        for _ in range(2):  # a dropped pair changes its neighbours' neighbours
            _check_flanking(items)
    return "".join(_shown(t) for t in items).strip()


def _shown(t: Any) -> str:
    return t if isinstance(t, str) else (t.text if t.pair[0] else "")


def _spaced(tokens: Sequence[Any]) -> list[Any]:
    items: list[Any] = []
    for t in tokens:
        if isinstance(t, str):
            if not t:
                continue
            core = " ".join(t.split())
            if t[:1].isspace():
                items.append(" ")
            if core:
                items.append(core)
                if t[-1:].isspace():
                    items.append(" ")
        else:
            items.append(t)
    changed = True
    while changed:  # bubble spaces out of markers: "** a **" → " **a** "
        changed = False
        for i in range(len(items) - 1):
            a, b = items[i], items[i + 1]
            if (isinstance(a, _Mark) and a.opening and b == " ") or \
                    (a == " " and isinstance(b, _Mark) and not b.opening):
                items[i], items[i + 1] = b, a
                changed = True
    out: list[Any] = []
    for t in items:
        if t == " " and (not out or out[-1] == " "):
            continue
        out.append(t)
    return out


def _merge_adjacent(items: list[Any]) -> None:
    """"*a**b*" (two emphasised runs side by side) reads as neither: one run "*ab*" instead."""
    i = 0
    while i < len(items) - 1:
        a, b = items[i], items[i + 1]
        if isinstance(a, _Mark) and isinstance(b, _Mark) and not a.opening and b.opening and a.text == b.text \
                and not a.text.startswith(("[", "]")):
            for later in items[i + 2:]:
                if isinstance(later, _Mark) and later.pair is b.pair:
                    later.pair = a.pair
            del items[i:i + 2]
            i = max(0, i - 1)
            continue
        i += 1


def _pairs(items: list[Any]) -> list[tuple[int, int]]:
    """(opener, closer) positions of each pair; a marker whose partner is missing is dropped."""
    stack: list[tuple[int, _Mark]] = []  # open markers, innermost last
    pairs = []
    for i, t in enumerate(items):
        if not isinstance(t, _Mark) or not t.pair[0]:
            continue
        if t.opening:
            stack.append((i, t))
        elif stack and stack[-1][1].pair is t.pair:
            pairs.append((stack.pop()[0], i))
        else:  # no opener, or not the innermost one: markup that would not nest
            t.pair[0] = False
            stack = [(j, m) for j, m in stack if m.pair is not t.pair]
    for _, t in stack:
        t.pair[0] = False
    return pairs


def _drop_empty(items: list[Any]) -> None:
    """A pair with no text between its markers shows nothing: drop it (and a link whose text is empty)."""
    for a, b in _pairs(items):
        if not any(isinstance(x, str) and x.strip() for x in items[a + 1:b]):
            items[a].pair[0] = False


def _fence_code(items: list[Any]) -> None:
    """A code span's backticks: one more than the longest run in it, padded when it starts or ends with one."""
    for a, b in _pairs(items):
        if not items[a].code or not items[a].pair[0]:
            continue
        content = "".join(x for x in items[a + 1:b] if isinstance(x, str))
        if "`" in content:
            fence = "`" * (max(len(run) for run in re.findall(r"`+", content)) + 1)
            items[a].text, items[b].text = fence + " ", " " + fence


def _punct(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def _check_flanking(items: list[Any]) -> None:
    """Emphasis markers must open before and close after text as CommonMark reads them: an opener before
    punctuation needs space (or nothing) before it, a closer after punctuation space (or nothing) after it."""
    shown = [_shown(t) for t in items]
    before = [""] * len(items)
    last = ""
    for i, text in enumerate(shown):
        before[i] = last
        last = text[-1:] or last
    after = [""] * len(items)
    first = ""
    for i in range(len(items) - 1, -1, -1):
        after[i] = first
        first = shown[i][:1] or first
    for i, t in enumerate(items):
        if not isinstance(t, _Mark) or not t.pair[0] or t.code or t.text.startswith(("[", "]")):
            continue
        inner, outer = (after[i], before[i]) if t.opening else (before[i], after[i])
        if not inner or inner.isspace() or (_punct(inner) and outer and not outer.isspace()):
            t.pair[0] = False


# ---------------------------------------------------------------- the mirror of the walk

class _Renderer:
    """Segments of one container, split where the walk splits them, with their inline Markdown."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.skip = skip_tags()

    def segments(self, root: Any) -> list[_Segment]:
        out: list[_Segment] = []
        seg = _Segment()
        owners = [True]  # per open block element: are its segments the root's (False inside a cell)
        closers: list[Any] = []  # per open element: what to do when it closes
        emphasis = 0
        in_code = 0
        node = root.child
        while node is not None:
            tag = node.tag
            descend = False
            if tag == "-text":
                text = node.text_content
                if text:
                    seg.raw.append(text)
                    seg.tokens.append(text if in_code or not _SPECIAL.search(text) else escape(text))
            elif tag in BREAKS:
                if seg.raw:
                    seg = self._flush(out, seg, owners[-1], closers)
            elif tag == "img":  # no text: the walk skips it; shown when images are asked for
                if self.style.images and not in_code:
                    self._image(node, seg)
            elif tag and tag[0] != "-" and tag not in self.skip and shown(node.attributes):
                if tag in BLOCK_TAGS:
                    if tag not in CELLS:  # a block of its own (the walk's other container): a boundary
                        if seg.raw:
                            seg = self._flush(out, seg, owners[-1], closers)
                    else:
                        if seg.raw:
                            seg.raw.append(CELL_SEPARATOR)
                        seg.cells.append(len(seg.tokens))
                        if node.child is not None:
                            owners.append(False)
                            closers.append("cell")
                            descend = True
                else:
                    closer = self._open(node, tag, seg, emphasis, in_code)
                    if node.child is not None:
                        closers.append(closer)
                        emphasis += closer is not None and closer.text in ("*", "**")
                        in_code += closer is not None and closer.code
                        descend = True
                    elif closer is not None:
                        seg.tokens.append(closer)
            if descend:
                node = node.child
                continue
            while node is not None:  # the next node, closing the elements climbed out of
                nxt = node.next
                if nxt is not None:
                    node = nxt
                    break
                node = node.parent
                if node is None or node.mem_id == root.mem_id:
                    node = None
                    break
                closer = closers.pop()
                if closer == "cell":
                    owners.pop()
                elif closer is not None:
                    seg.tokens.append(closer)
                    emphasis -= closer.text in ("*", "**")
                    in_code -= closer.code
        if seg.raw and root.tag not in CELLS:
            self._flush(out, seg, owners[0], closers)
        return out

    def _open(self, node: Any, tag: str, seg: _Segment, emphasis: int, in_code: int) -> _Mark | None:
        """Write an inline element's opening marker; returns its closing marker (None: it has none)."""
        if in_code:
            return None
        pair = [True]
        if tag in EMPHASIS and not emphasis:
            seg.tokens.append(_Mark(EMPHASIS[tag], True, pair))
            return _Mark(EMPHASIS[tag], False, pair, opening_text=EMPHASIS[tag])
        if tag in CODE_TAGS:
            seg.tokens.append(_Mark("`", True, pair, code=True))
            return _Mark("`", False, pair, code=True, opening_text="`")
        if tag == "a" and self.style.links:
            href = self.style.href(node.attributes.get("href"))
            if href is not None:
                seg.tokens.append(_Mark("[", True, pair))
                return _Mark(f"]({href})", False, pair, opening_text="[")
        return None

    def _image(self, node: Any, seg: _Segment) -> None:
        attrs = node.attributes
        src = self.style.href(attrs.get("src"))
        if src is not None:
            seg.tokens.append(f"![{escape(' '.join((attrs.get('alt') or '').split()))}]({src})")

    @staticmethod
    def _flush(out: list[_Segment], seg: _Segment, own: bool, closers: list[Any]) -> _Segment:
        """End ``seg`` (kept when it is the root's); markup open across the boundary closes and opens again."""
        if own:
            out.append(seg)
        new = _Segment()
        for i, closer in enumerate(closers):
            if isinstance(closer, _Mark):
                seg.tokens.append(closer)
                pair = [True]
                new.tokens.append(_Mark(closer.opening_text, True, pair, code=closer.code))
                closers[i] = _Mark(closer.text, False, pair, code=closer.code, opening_text=closer.opening_text)
        return new


def _plain(seg: _Segment, kind: Kind) -> str:
    """The segment's text as the walk's _flush makes it."""
    raw = "".join(seg.raw)
    text = " ".join(raw.split())
    if kind is Kind.TABLE:
        text = text.strip(" |")
    return visible(text)


def _inline(seg: _Segment) -> str:
    return visible(_render(seg.tokens))


def _cells(seg: _Segment) -> tuple[str, ...]:
    """Each cell's inline Markdown (text before the first cell: the rest of a cell a <br> split)."""
    lead = seg.cells[:1] != [0] and any(isinstance(t, str) and t.strip() for t in seg.tokens[:seg.cells[0]])
    bounds = [0, *seg.cells, len(seg.tokens)] if lead else [*seg.cells, len(seg.tokens)]
    return tuple(cell(visible(_render(seg.tokens[a:b]))) for a, b in itertools.pairwise(bounds))


# ---------------------------------------------------------------- blocks

def md_blocks(blocks: Sequence[Block], dom: DomBlocks, style: Style) -> list[MdBlock]:
    """The Markdown blocks of ``blocks`` (kept blocks of the page ``dom`` was walked from)."""
    wanted = {dom.block_container[b.index] for b in blocks if b.kind is not Kind.CODE}
    ordinal: dict[int, int] = {}
    seen: dict[int, int] = defaultdict(int)
    for i, c in enumerate(dom.block_container):
        if c in wanted:
            ordinal[i] = seen[c]
            seen[c] += 1
    renderer = _Renderer(style)
    cache: dict[int, list[_Segment]] = {}
    out = []
    for b in blocks:
        if b.kind is Kind.IMAGE:
            continue
        c = dom.block_container[b.index]
        node = dom.nodes[c]
        if b.kind is Kind.CODE:
            out.append(MdBlock(Kind.CODE, b.text, info=_language(node)))
            continue
        if c not in cache:
            segments = renderer.segments(node)
            for s in segments:
                s.plain = _plain(s, b.kind)
            cache[c] = [s for s in segments if s.plain]
        segs = cache[c]
        k = ordinal[b.index]
        seg = segs[k] if k < len(segs) and len(segs) == seen[c] and segs[k].plain == b.text else None
        out.append(_md_block(b, node, seg))
    return out


def _md_block(b: Block, node: Any, seg: _Segment | None) -> MdBlock:
    text = _inline(seg) if seg is not None else escape(b.text)
    text = escape_start(text)
    if b.kind is Kind.HEADING:
        return MdBlock(Kind.HEADING, text, level=b.level)
    if b.kind is Kind.LIST_ITEM:
        number, depth = _list_place(node)
        return MdBlock(Kind.LIST_ITEM, text, number=number, depth=depth)
    if b.kind is Kind.TABLE and node.tag == "tr" and seg is not None and seg.cells:
        table = _ancestor(node, ("table",))
        return MdBlock(Kind.TABLE, text, cells=_cells(seg), table=table.mem_id if table is not None else None)
    if b.kind is Kind.TABLE:
        return MdBlock(Kind.PARAGRAPH, text)
    return MdBlock(b.kind, text)


def _ancestor(node: Any, tags: tuple[str, ...]) -> Any:
    while node is not None and node.tag not in tags:
        node = node.parent
    return node


def _list_place(node: Any) -> tuple[int, int]:
    """(number in its ordered list, or 0 for a bullet; nesting depth) of the list item holding ``node``."""
    item = _ancestor(node, ("li", "dd", "dt"))
    if item is None:
        return 0, 0
    depth = -1
    up = item.parent
    while up is not None:
        depth += up.tag in ("ul", "ol", "dl", "menu", "dir")
        up = up.parent
    parent = item.parent
    if item.tag != "li" or parent is None or parent.tag != "ol":
        return 0, max(0, depth)
    start = parent.attributes.get("start") or "1"
    number = int(start) if start.strip().isdigit() and len(start.strip()) < 9 else 1
    sibling = item.prev
    while sibling is not None:
        number += sibling.tag == "li"
        sibling = sibling.prev
    return number, max(0, depth)


def _language(node: Any) -> str:
    """The language a <pre>'s <code> names in its class ("language-python", "lang-js"), else ""."""
    pre = _ancestor(node, ("pre",))
    child = pre.child if pre is not None else None
    while child is not None:
        if child.tag == "code":
            for word in (child.attributes.get("class") or "").split():
                for prefix in ("language-", "lang-"):
                    if word.startswith(prefix) and word[len(prefix):].isidentifier():
                        return word[len(prefix):]
        child = child.next
    return ""
