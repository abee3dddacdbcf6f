"""The compiled walk (cleaner/html/_cwalk.pyx) gives exactly what the Python walk gives, and refuses to run on a
lexbor it cannot read."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from cleaner.decode import decode
from cleaner.html import cwalk
from cleaner.html.forms import signup_boxes
from cleaner.html.parse import parse
from cleaner.html.walk import walk, walk_python
from cleaner.limits import unwrap

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "<div>" * 3000 + "deep" + "</div>" * 3000,
    "<p>" + "a<br>" * 5000 + "</p>",
    f"<div class='{'x' * 5000} related'>wide class</div><p style='display:none'>gone</p>",
    "<table><tr><td>a<td>b<tr><th>c</table><pre>x\n<p>y</p><br>z</pre><li>stray item",
    "<p>caf\ufffd \u00ad soft\u200b hy\u0301phen</p><a href='#a'> ¶ </a><a href='#b'>not a mark</a>"
    "<my-card>custom</my-card>",
    "<div hidden><p>hidden</p></div><div role='tabpanel' hidden><p>tab</p></div><div id='S:1' hidden>streamed</div>",
    "<form><input type='email'><p>Get the newsletter</p><button>Sign up</button></form><p>body text here</p>",
    "<span>" * 5000 + "<p>deep under inline wrappers</p><div><p>and in a div</p></div>" * 40,
]


def _pages() -> list[tuple[str, str]]:
    pages = [(path.parent.name, decode(unwrap(path.read_bytes(), 10**8), None))
             for path in sorted((ROOT / "samples").glob("*/page.html"))]
    return pages + [(f"hostile-{i}", html) for i, html in enumerate(HOSTILE)] + [("probe", cwalk.PROBE)]


def _compiled() -> None:
    if cwalk.compiled() is None:
        pytest.skip("the compiled walk is not built here (no Cython or no C compiler at install)")


@pytest.mark.parametrize(("name", "html"), _pages(), ids=[name for name, _ in _pages()])
def test_the_compiled_walk_gives_what_the_python_walk_gives(name: str, html: str) -> None:
    _compiled()
    tree = parse(html)
    assert tree is not None and tree.body is not None
    marked = signup_boxes(tree)
    expected, got = walk_python(tree.body, marked), walk(tree.body, marked)
    assert got.blocks == expected.blocks
    assert got.containers == expected.containers
    assert got.block_container == expected.block_container
    assert [n.mem_id for n in got.nodes] == [n.mem_id for n in expected.nodes]  # each container's element


def test_container_elements_are_found_in_any_order() -> None:
    _compiled()
    tree = parse("<body><ul><li>a</li><li>b <div>c</div></li></ul><section><p>d</p></section></body>")
    assert tree is not None
    expected, got = walk_python(tree.body), walk(tree.body)
    for i in reversed(range(len(expected.nodes))):  # the deepest first: its parents resolve on the way
        assert got.nodes[i].mem_id == expected.nodes[i].mem_id
    assert got.nodes[-1].tag == "p" and [n.tag for n in got.nodes[1:3]] == ["ul", "li"]


def test_paths_stay_short_under_thousands_of_inline_wrappers() -> None:
    _compiled()
    from cleaner.html import _cwalk  # type: ignore[attr-defined]

    tree = parse("<body>" + "<span>" * 20000 + "<p>x</p>" * 3000 + "</body>")
    assert tree is not None
    got = walk(tree.body)
    paths = got.nodes._paths  # type: ignore[attr-defined]
    assert len(got.blocks) == 3000
    assert max(len(p) for p in paths if isinstance(p, tuple)) <= _cwalk.MAX_PATH  # else 20,000 × 3,000 indexes
    assert got.nodes[1500].tag == "p" and got.nodes[1500].mem_id == walk_python(tree.body).nodes[1500].mem_id


def test_a_text_node_layout_other_than_lexbors_is_refused() -> None:
    class Fake:
        text_content = "hello"

        def __init__(self, length: int) -> None:
            self.data = ctypes.create_string_buffer(b"hello")
            self.node = ctypes.create_string_buffer(cwalk.TEXT_OFFSET + 16)
            ctypes.c_void_p.from_buffer(self.node, cwalk.TEXT_OFFSET).value = ctypes.addressof(self.data)
            ctypes.c_size_t.from_buffer(self.node, cwalk.TEXT_OFFSET + ctypes.sizeof(ctypes.c_void_p)).value = length
            self.mem_id = ctypes.addressof(self.node)

    assert cwalk._text_at_offset(Fake(5))
    assert not cwalk._text_at_offset(Fake(4))  # the length is wrong: the pointer is never followed
    assert not cwalk._text_at_offset(Fake(1 << 40))


def test_the_python_walk_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANER_PURE_WALK", "1")
    cwalk.compiled.cache_clear()
    try:
        assert cwalk.compiled() is None
        tree = parse("<p>one</p><p>two</p>")
        assert tree is not None
        assert [b.text for b in walk(tree.body).blocks] == ["one", "two"]
    finally:
        monkeypatch.delenv("CLEANER_PURE_WALK")
        cwalk.compiled.cache_clear()
