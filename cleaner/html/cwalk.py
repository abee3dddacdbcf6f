"""The compiled walk (cleaner/html/_cwalk.pyx), bound to the lexbor inside selectolax, and checked before use.

The compiled module calls lexbor's functions that selectolax's extension exports (found here by name with ctypes
in the module Python already loaded) and reads a text node's characters at the offset lexbor's node layout puts
them. Before its first use it walks a probe page and must give exactly what :func:`walk.walk_python` gives; when
it is not built, or selectolax's lexbor differs, the Python walk runs instead (``CLEANER_PURE_WALK=1`` forces it).
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Sequence
from functools import lru_cache
from types import ModuleType
from typing import Any, overload

#: lexbor's functions the compiled walk calls
FUNCTIONS = (
    "lxb_dom_node_first_child_noi", "lxb_dom_node_next_noi", "lxb_dom_node_tag_id_noi", "lxb_dom_node_type_noi",
    "lxb_dom_element_qualified_name", "lxb_dom_element_first_attribute_noi", "lxb_dom_element_next_attribute_noi",
    "lxb_dom_attr_qualified_name", "lxb_dom_attr_value_noi", "lexbor_str_data_noi", "lexbor_str_length_noi",
)
#: a text node's characters follow its node: an event-target pointer, three ids, seven pointers and the node type
#: (padded to a pointer)
TEXT_OFFSET = ctypes.sizeof(ctypes.c_void_p) * 12
#: a page that reaches the walk's branches: hidden, collapsed and revealed elements, a permalink, cells, code
#: lines, a button, a sign-up box, breaks, entities and non-ASCII text
PROBE = """<html><head><title>t</title></head><body>
<header class="site-header"><nav><a href="/">Home</a> | <a href="/a">About</a></nav></header>
<main><article class="post-content"><h1 id="x">Título &amp; more<a href="#x">¶</a></h1>
<p>First <b>bold</b> line<br>second line with <a href="/l">a link</a>.</p>
<div hidden>gone</div><div style="display: none">gone too</div><div aria-hidden="true">hidden as well</div>
<div role="tabpanel" hidden>a tab's text</div><div id="S:0" hidden>streamed in place</div>
<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td> d </td></tr></table>
<pre><code>line one
<span>line</span> two</code><div>three</div></pre>
<ul><li>one</li><li>two <i>it</i></li></ul><figure><img src="x.jpg"><figcaption>A caption. Photo: X</figcaption>
</figure><button>Load more</button><form class="newsletter"><input type="email"><p>Sign up now</p></form>
<script>var x = 1;</script><style>p {}</style><!-- a comment --><hr>tail text</article></main>
<aside class="related-posts"><h2>Related</h2><p>Other story</p></aside><footer>© 2025</footer></body></html>"""


@lru_cache(maxsize=1)
def compiled() -> ModuleType | None:
    """The compiled walk, bound and checked; None when it cannot be used (the Python walk runs)."""
    if os.environ.get("CLEANER_PURE_WALK"):
        return None
    try:
        from . import _cwalk  # type: ignore[attr-defined]
        addresses = _addresses()
    except (ImportError, OSError, AttributeError):
        return None
    from selectolax.lexbor import LexborHTMLParser

    probe = LexborHTMLParser(PROBE)
    paragraph = probe.css_first("p")
    text_node = paragraph.child if paragraph is not None else None
    if text_node is None or not _text_at_offset(text_node):
        return None
    _cwalk.bind(addresses, TEXT_OFFSET, _tag_id(addresses, text_node.mem_id))
    return _cwalk if _agrees(_cwalk, probe) else None


def _text_at_offset(node: Any) -> bool:
    """A text node's characters are where :data:`TEXT_OFFSET` says (a pointer, then a length): the length is
    checked before the pointer is followed, so another layout is refused without reading through a stray pointer."""
    expected = (node.text_content or "").encode()
    pointer = ctypes.c_void_p.from_address(node.mem_id + TEXT_OFFSET).value
    length = ctypes.c_size_t.from_address(node.mem_id + TEXT_OFFSET + ctypes.sizeof(ctypes.c_void_p)).value
    if not expected or not pointer or length != len(expected):
        return False
    return ctypes.string_at(pointer, length) == expected


def _addresses() -> dict[str, int]:
    import selectolax.lexbor as lexbor

    library = ctypes.CDLL(lexbor.__file__)  # the module already loaded: the same lexbor, the same trees
    return {name: ctypes.cast(getattr(library, name), ctypes.c_void_p).value or 0 for name in FUNCTIONS}


def _tag_id(addresses: dict[str, int], node_address: int) -> int:
    tag_id = ctypes.CFUNCTYPE(ctypes.c_size_t, ctypes.c_void_p)(addresses["lxb_dom_node_tag_id_noi"])
    return int(tag_id(node_address))


def _agrees(module: ModuleType, probe: Any) -> bool:
    from .forms import signup_boxes
    from .walk import walk_python

    marked = signup_boxes(probe)
    expected = walk_python(probe.body, marked)
    try:
        blocks, containers, block_container, paths = module.walk(probe.body, marked)
    except Exception:  # any failure means the binding is wrong: fall back
        return False
    nodes = ContainerNodes(probe.body, paths, containers)
    return (blocks == expected.blocks and containers == expected.containers
            and block_container == expected.block_container
            and [n.mem_id for n in nodes] == [n.mem_id for n in expected.nodes])


class ContainerNodes(Sequence[Any]):
    """Each container's element, found from its path (child indexes below its enclosing container's element) when
    first read: the compiled walk makes no Python object per node, and only the kept blocks' are ever read. A
    container deep below its enclosing one has its address instead, found by one walk over the tree."""

    def __init__(self, start: Any, paths: list[tuple[int, ...] | int], containers: Sequence[Any]) -> None:
        self._start = start
        self._paths = paths
        self._parents = [c.parent for c in containers]
        self._nodes: list[Any] = [start] + [None] * (len(paths) - 1) if paths else []
        self._addresses: dict[int, Any] | None = None

    def _by_address(self, address: int) -> Any:
        if self._addresses is None:
            self._addresses = {}
            stack = [self._start]
            while stack:
                node = stack.pop()
                self._addresses[node.mem_id] = node
                child = node.child
                while child is not None:
                    if child.tag and child.tag[0] != "-":
                        stack.append(child)
                    child = child.next
        return self._addresses[address]

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, i: int) -> Any: ...

    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        k = i + len(self) if i < 0 else i
        chain = []  # the unresolved containers from k up (iterative: nesting depth costs no stack)
        while self._nodes[k] is None:
            chain.append(k)
            k = self._parents[k]
        node = self._nodes[k]
        for c in reversed(chain):
            path = self._paths[c]
            if isinstance(path, int):
                node = self._by_address(path)
            else:
                for hops in path:
                    node = node.child
                    for _ in range(hops):
                        node = node.next
            self._nodes[c] = node
        return node
