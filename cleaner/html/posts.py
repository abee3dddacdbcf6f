"""A forum thread's posts, from the blocks the judge kept (the body is not changed): the posts are the repeated
elements that hold the kept blocks (siblings with one tag and first class; or, for replies nested in replies, the
innermost element of one class around each block), after an opening post marked up apart from them. A post's author
is the name its markup gives (itemprop=author, else the innermost element whose class/id rules/html/hints.json
'post_author' names), read by the one name parser (cleaner/rules/names.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..model import Block, Kind, Post
from ..rules.names import clean_names
from .hints import MAX_CLASS_CHARS, post_author
from .markdown import DomBlocks
from .markup import MAX_AUTHOR_TEXT

#: the posts must hold at least this share of the kept text (else the repeated elements are parts of one post)
MIN_COVER = 0.5
#: elements of a post looked at for its author
MAX_AUTHOR_CANDIDATES = 200


def _signature(node: Any) -> str:
    """An element's tag and first class: alike for every post of a thread ("div.post"), whatever else varies."""
    classes = (node.attributes.get("class") or "").split()
    return f"{node.tag}.{classes[0]}" if classes else node.tag


def _ancestors(node: Any) -> list[Any]:
    """The element's ancestors, innermost first, up to (without) <body>."""
    out = []
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        out.append(parent)
        parent = parent.parent
    return out


#: a group of post elements: their parent's mem_id and signature, or ANYWHERE and the signature (nested replies)
Key = tuple[int | str, str]
ANYWHERE = "*"


def _post_elements(blocks: Sequence[Block], containers: Sequence[Any]) -> dict[int, Any]:
    """The post elements by mem_id: of the groups of elements alike above the blocks' own containers (siblings with
    one signature; or, for a signature with a class, its innermost element around each block when some of them
    hold others, as in threads nested by reply), the one holding the most kept text, then the most elements; at
    least two of them."""
    chars: dict[Key, int] = defaultdict(int)
    members: dict[Key, dict[int, Any]] = defaultdict(dict)
    for block, container in zip(blocks, containers, strict=True):
        innermost: set[str] = set()
        for element in _ancestors(container):
            sig = _signature(element)
            keys: list[Key] = [(element.parent.mem_id, sig)]
            if "." in sig and sig not in innermost:
                innermost.add(sig)
                keys.append((ANYWHERE, sig))
            for key in keys:
                chars[key] += len(block.text)
                members[key][element.mem_id] = element
    groups = [k for k in chars if len(members[k]) >= 2 and (k[0] != ANYWHERE or _nested(members[k]))]
    if not groups:
        return {}
    return members[max(groups, key=lambda k: (chars[k], len(members[k])))]


def _nested(elements: dict[int, Any]) -> bool:
    """One of ``elements`` holds another (replies in their parent post); else the group is one of the siblings'."""
    return any(a.mem_id in elements for e in elements.values() for a in _ancestors(e))


def _common(nodes: Sequence[Any]) -> Any:
    """The innermost element holding every one of ``nodes``."""
    chains = [[n, *_ancestors(n)] for n in nodes]
    shared = {e.mem_id for e in chains[0]}.intersection(*({e.mem_id for e in c} for c in chains[1:]))
    return next(e for e in chains[0] if e.mem_id in shared) if shared else None


#: a forum handle ("alison100", "dev_ops-guy"): one token of word characters, dots and dashes, with a letter
_HANDLE = re.compile(r"(?=[^\s]*[^\W\d_])[\w.-]{2,40}")


def _name(element: Any) -> str | None:
    """The person's name an author element gives (its itemprop=name part when it has one, a <meta>'s content), if
    it is one; else the forum handle it is, when it is one token."""
    part = element.css_first("[itemprop~=name]") or element
    text = " ".join((part.attributes.get("content") or part.text(deep=True)).split())
    names = clean_names([text]) if len(text) <= MAX_AUTHOR_TEXT else []
    if names:
        return names[0]
    return text if _HANDLE.fullmatch(text) else None


def _author(post: Any) -> str | None:
    """The author ``post`` names: its first itemprop=author element (an editor's name may stand beside it), else
    the innermost element whose class/id names an author (a "username" link inside a "user-info" box)."""
    pattern = post_author()
    marked: list[Any] = []
    named: list[Any] = []
    for element in post.css("[itemprop], [class], [id]")[:MAX_AUTHOR_CANDIDATES]:
        attrs = element.attributes
        words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()[:MAX_CLASS_CHARS]
        if "author" in (attrs.get("itemprop") or "").lower():
            marked.append(element)
        elif pattern.search(words):
            named.append(element)
    outer = {a.mem_id for e in named for a in _ancestors(e)}
    for element in [*marked, *(e for e in named if e.mem_id not in outer)]:
        name = _name(element)
        if name:
            return name
    return None


def _opening_element(containers: Sequence[Any], elements: dict[int, Any]) -> Any:
    """The element of the opening post: the outermost one around its blocks that holds no reply (with no replies:
    the innermost around them); None when the blocks' innermost common element already holds replies."""
    around = _common(containers)
    holding = {a.mem_id for p in elements.values() for a in _ancestors(p)}
    if around is None or around.mem_id in holding:
        return None
    while elements and around.parent is not None and around.parent.tag not in ("body", "html") \
            and around.parent.mem_id not in holding:
        around = around.parent
    return around


def _opening(blocks: Sequence[Block], containers: Sequence[Any], owners: list[int | None],
             elements: dict[int, Any]) -> Post | None:
    """The kept blocks before the first post as the opening post (a thread whose first post is marked up apart
    from the replies), unless they are only headings (a thread title)."""
    first = next((i for i, owner in enumerate(owners) if owner is not None), len(owners))
    if all(b.kind is Kind.HEADING for b in blocks[:first]):
        return None
    element = _opening_element(containers[:first], elements)
    author = _author(element) if element is not None else None
    return Post(author=author, text="\n\n".join(b.text.strip() for b in blocks[:first]))


def posts(blocks: Sequence[Block], dom: DomBlocks) -> list[Post]:
    """The posts holding ``blocks`` (the kept blocks, in page order), in page order: the repeated elements that
    hold them, after the opening post when blocks other than headings come before the first of them. When these
    hold less than MIN_COVER of the kept text (or nothing repeats), all the kept text is one post."""
    if not blocks:
        return []
    containers = [dom.nodes[dom.block_container[b.index]] for b in blocks]
    elements = _post_elements(blocks, containers)
    owners = [next((a.mem_id for a in _ancestors(c) if a.mem_id in elements), None) for c in containers]
    texts: dict[int, list[str]] = {}
    for block, owner in zip(blocks, owners, strict=True):
        if owner is not None:
            texts.setdefault(owner, []).append(block.text.strip())
    found = [Post(author=_author(elements[key]), text="\n\n".join(parts)) for key, parts in texts.items()]
    opening = _opening(blocks, containers, owners, elements) if found else None
    if opening is not None:
        found.insert(0, opening)
    if sum(len(p.text) for p in found) >= MIN_COVER * sum(len(b.text) for b in blocks):
        return found
    return [_opening(blocks, containers, [None] * len(blocks), {}) or Post(None, "")]
