"""A parsed page → blocks and the containers that hold them, in one iterative walk (no recursion: deep nesting
cannot blow the stack).

A block is the text between two block-level boundaries (paragraphs, headings, list items, table rows, <br>).
Each carries its kind, link density, the widget its nearest labelled ancestor names (a <figcaption>, <nav>, a
class such as "related-posts") as a hint, and the chain of block-level containers around it: the block model
reads its features from them (cleaner/html/features.py). Never-content elements (script, style, form controls,
hidden elements) are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..frontend import visible
from ..model import Block, Cues, Kind, Label
from . import cwalk
from .hints import class_label, moved_into_place, revealable, skip_tags, tag_labels

#: elements that end the current block where they start and where they end
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
    "tr", "ul", "caption", "legend", "html", "br", "frame", "frameset", "button", "td", "th",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: containers that give their blocks a kind; the innermost wins
KINDS = {"li": Kind.LIST_ITEM, "dd": Kind.LIST_ITEM, "dt": Kind.LIST_ITEM, "blockquote": Kind.QUOTE, "pre": Kind.CODE,
         "tr": Kind.TABLE, **{h: Kind.HEADING for h in HEADINGS}}
#: table cells are containers (the model reads them) but do not split the row's block
CELLS = frozenset({"td", "th"})
#: table cells join the row's block, separated like this
CELL_SEPARATOR = " | "
#: void elements that only end the current block: no container of their own (a page of a million <br> stays small)
BREAKS = frozenset({"br", "hr"})
#: a class/id string longer than this is cut before matching (utility-class soup)
MAX_ATTR_CHARS = 300


@dataclass(slots=True)
class Container:
    """A block-level element: its tag, lowercased 'class id', enclosing container and the widget it names."""

    tag: str
    attrs: str
    parent: int
    depth: int
    hint: Label | None = None
    reason: str = ""


@dataclass(slots=True)
class Segmented:
    """The walk's result: blocks in reading order, and for each the index of its innermost container."""

    blocks: list[Block]
    containers: list[Container]
    block_container: list[int]
    #: per container, the DOM element it is (the Markdown renderer reads the kept blocks' inline markup there)
    nodes: Sequence[Any] = field(default_factory=list)


@dataclass(slots=True)
class _Frame:
    container: int
    hint: Label | None
    reason: str
    group: int
    path: str
    kind: Kind
    level: int
    #: the hint comes from a class/id that names a credit ("photo-credit")
    credit: bool = False
    #: the frame is inside a sign-up box around an e-mail field (forms.signup_boxes)
    email_box: bool = False
    #: the frame is inside a hidden panel the page shows on a click (hints.revealable)
    collapsed: bool = False


@dataclass(slots=True)
class _State:
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0
    links: int = 0
    blocks: list[Block] = field(default_factory=list)
    block_container: list[int] = field(default_factory=list)
    containers: list[Container] = field(default_factory=list)
    nodes: list[Any] = field(default_factory=list)


def _hidden(attrs: dict[str, Any]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and ("none" in style or "hidden" in style):
        s = style.replace(" ", "").lower()
        return "display:none" in s or "visibility:hidden" in s
    return False


#: what the walk does with an element by its visibility
_SHOWN, _SKIPPED, _COLLAPSED = 0, 1, 2


def _visibility(attrs: dict[str, Any]) -> int:
    """Shown; skipped (hidden); or collapsed: hidden, but a panel the page shows on a click (a tab, an accordion's
    answer), walked and marked. Hidden content a script moves into place (React's streamed boundaries) is shown."""
    if not _hidden(attrs):
        return _SHOWN
    if revealable(attrs):
        return _COLLAPSED
    return _SHOWN if moved_into_place(attrs) else _SKIPPED


def shown(attrs: dict[str, Any]) -> bool:
    """The walk reads this element's text (the Markdown renderer reads the same)."""
    return _visibility(attrs) != _SKIPPED


#: the text of a heading's permalink anchor (Sphinx, MkDocs, GitHub-style docs): a mark, not words
PERMALINK_MARKS = frozenset({"¶", "#", "§", "🔗"})


def _permalink(node: Any, attrs: dict[str, Any]) -> bool:
    """An in-page anchor whose whole text is a permalink mark ("Settings¶")."""
    href = attrs.get("href") or ""
    return href.startswith("#") and node.text(strip=True) in PERMALINK_MARKS


def _own_hint(tag: str, attrs: str, marked: bool) -> tuple[Label, str, bool] | None:
    """The label an element names, the reason, and whether its class/id names a credit."""
    if marked:
        return Label.SUBSCRIBE, "inside a small box around an e-mail field (a sign-up form)", False
    by_tag = tag_labels().get(tag)
    if by_tag is not None:
        return by_tag, f"inside <{tag}>", False
    if len(attrs) > 1:
        found = class_label(attrs)
        if found is not None:
            label, part = found
            return label, f"inside an element whose class/id names a {label.value} widget ('{part}')", "credit" in part
    return None


def block_text(raw: str, kind: Kind) -> str:
    """A block's text from the pieces gathered for it: a code block's lines as they are, other text's spacing
    collapsed, a table row's outer cell separators cut; soft hyphens and zero-width spaces out."""
    text = raw.strip() if kind is Kind.CODE else " ".join(raw.split())
    if kind is Kind.TABLE:
        text = text.strip(" |")
    return visible(text)


def _flush(state: _State, top: _Frame) -> None:
    raw = "".join(state.pieces)
    state.pieces.clear()
    if raw.isspace():  # most flushes: the blank between two block elements
        state.link_chars = state.links = 0
        return
    kind = top.kind
    text = block_text(raw, kind)
    if text:
        link_density = min(1.0, state.link_chars / len(text))
        # positional (Cues: links, images, gap_before, repeats, line, tag_path, group, credit_only, in_candidate,
        # caption, control, email_box; Block: text, kind, index, level, link_density, hint, hint_reason, cues):
        # cheaper than keywords, and a block is built per line
        cues = Cues(state.links, 0, False, 1, -1, top.path, top.group, top.credit, None, None,
                    state.containers[top.container].tag == "button", top.email_box, top.collapsed)
        state.blocks.append(Block(text, kind, len(state.blocks), top.level, link_density, top.hint, top.reason, cues))
        state.block_container.append(top.container)
    state.link_chars = 0
    state.links = 0


def _push(state: _State, stack: list[_Frame], tag: str, attrs: dict[str, Any], marked: bool | None,
          groups: int, collapsed: bool = False) -> int:
    """Open a block-level element; returns the updated count of hinted groups. ``marked``: None, or the element is
    a sign-up box (True: around an e-mail field); ``collapsed``: it is a hidden panel shown on a click."""
    parent = stack[-1]
    outer = state.containers[parent.container]
    cls = attrs.get("class") or ""
    words = f"{cls} {attrs.get('id') or ''}".lower()[:MAX_ATTR_CHARS]
    own = _own_hint(tag, words, marked is not None)
    first = cls.split(None, 1)[0] if cls.strip() else ""
    path = f"{outer.tag}>{tag}.{first}" if first else f"{outer.tag}>{tag}"
    kind = KINDS.get(tag)
    level = HEADINGS.get(tag, 0) if kind is not None else parent.level
    kind = kind or parent.kind
    index = len(state.containers)
    if own is not None:
        groups += 1
        state.containers.append(Container(tag, words, parent.container, outer.depth + 1, own[0], own[1]))
        stack.append(_Frame(index, own[0], own[1], groups, path, kind, level, own[2], bool(marked) or parent.email_box,
                            collapsed or parent.collapsed))
    else:
        state.containers.append(Container(tag, words, parent.container, outer.depth + 1))
        stack.append(_Frame(index, parent.hint, parent.reason, parent.group, path, kind, level, parent.credit,
                            parent.email_box, collapsed or parent.collapsed))
    return groups


def walk(start: Any, marked: Mapping[int, bool] = MappingProxyType({})) -> Segmented:
    """Blocks under ``start`` (a lexbor node, usually <body>); ``marked``: the sign-up boxes, mem_id → around an
    e-mail field (forms.signup_boxes). The compiled walk (cleaner/html/cwalk.py) when it is built, else
    :func:`walk_python`: the same result."""
    compiled = cwalk.compiled()
    if compiled is None:
        return walk_python(start, marked)
    blocks, containers, block_container, paths = compiled.walk(start, marked)
    return Segmented(blocks, containers, block_container, cwalk.ContainerNodes(start, paths, containers))


def walk_python(start: Any, marked: Mapping[int, bool] = MappingProxyType({})) -> Segmented:
    """:func:`walk` in Python: the reference the compiled walk is tested against, and its fallback."""
    skip = skip_tags()
    state = _State()
    state.containers.append(Container("body", "", -1, 0))
    state.nodes.append(start)
    nodes = state.nodes
    pieces = state.pieces
    stack: list[_Frame] = [_Frame(0, None, "", 0, "body", Kind.PARAGRAPH, 0)]
    links_open = 0
    groups = 0
    pre_open = 0  # open <pre> elements: inside one, block-level elements and <br> are lines of the code, not blocks
    # open elements with children, each with its tag and role (read once, not again on closing)
    parents: list[tuple[Any, str, int]] = []
    node = start.child
    while node is not None:
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                pieces.append(text)
                if links_open:
                    state.link_chars += len(text.strip())
        elif tag in BREAKS:
            if pre_open:
                pieces.append("\n")
            elif pieces:
                _flush(state, stack[-1])
        elif tag and tag[0] != "-" and tag not in skip:
            attrs = node.attributes
            shown = _visibility(attrs)
            if shown != _SKIPPED and not (tag == "a" and _permalink(node, attrs)):
                role = _INLINE
                if tag in BLOCK_TAGS and pre_open and tag != "pre":
                    role = _CODE_LINE
                    _end_line(pieces)
                elif tag in BLOCK_TAGS:
                    role = _BLOCK
                    if tag in CELLS:
                        if pieces:
                            pieces.append(CELL_SEPARATOR)
                    elif pieces:
                        _flush(state, stack[-1])
                    groups = _push(state, stack, tag, attrs, marked.get(node.mem_id), groups, shown == _COLLAPSED)
                    nodes.append(node)
                    pre_open += tag == "pre"
                elif tag == "a":
                    links_open += 1
                    state.links += 1
                child = node.child
                if child is not None:
                    parents.append((node, tag, role))
                    node = child
                    continue
                pre_open, links_open = _leave(state, stack, tag, role, pre_open, links_open)
        # next sibling, closing the elements we climb out of
        while node is not None:
            nxt = node.next
            if nxt is not None:
                node = nxt
                break
            if not parents:
                node = None
                break
            node, tag, role = parents.pop()
            pre_open, links_open = _leave(state, stack, tag, role, pre_open, links_open)
    if pieces:
        _flush(state, stack[-1])
    return Segmented(state.blocks, state.containers, state.block_container, nodes)


#: an element's role in the walk: inline, a block (a container), or a line of the code inside a <pre>
_INLINE, _BLOCK, _CODE_LINE = 0, 1, 2


def _end_line(pieces: list[str]) -> None:
    """End the current line of a code block (once: nested line elements make no empty lines)."""
    if pieces and not pieces[-1].endswith("\n"):
        pieces.append("\n")


def _leave(state: _State, stack: list[_Frame], tag: str, role: int, pre_open: int, links_open: int
           ) -> tuple[int, int]:
    """Close an element of this ``role``; returns the updated counts of open <pre> and <a> elements."""
    if role == _BLOCK:
        _close(state, stack, tag)
        return pre_open - (tag == "pre"), links_open
    if role == _CODE_LINE:
        _end_line(state.pieces)
    elif tag == "a":
        links_open -= 1
    return pre_open, links_open


def _close(state: _State, stack: list[_Frame], tag: str) -> None:
    """Close a block-level element."""
    if tag not in CELLS and state.pieces:
        _flush(state, stack[-1])
    if len(stack) > 1:
        stack.pop()
