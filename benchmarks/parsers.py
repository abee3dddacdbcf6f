"""HTML parsers compared: parse + a full walk of the tree, CPU time per tool and its ratio to lxml.

    python benchmarks/parsers.py                      # every HTML dev page (readability, trafilatura-dev, wcxb-dev)
    python benchmarks/parsers.py --limit 100          # the first 100 pages of each set
    python benchmarks/parsers.py --json parsers.json  # the figures as JSON too

Tools: lxml (``lxml.html.document_fromstring``, libxml2's HTML 4 parser), selectolax lexbor
(``LexborHTMLParser``, HTML5 tree construction), resiliparse (``resiliparse.parse.html.HTMLTree``, lexbor too) and
markupever (html5ever, Rust). Every page is decoded once, untimed (UTF-8, else cp1252, as a str), and handed to
each tool in turn, page by page, the order of the tools rotating from page to page, so machine noise and caches
hit them alike. "parse" is the call that builds the tree; "walk" visits every element and text node in document
order with a start and an end event each, reads every attribute (name and value) and every text node's text,
then drops the tree (freeing it is part of the walk's time). Each tool walks its own fastest documented way:
lxml ``etree.iterwalk`` (start/end events; text as ``.text`` / ``.tail``), lexbor ``node.child`` / ``node.next`` /
``node.parent`` iteratively, resiliparse ``first_child`` / ``next`` / ``parent`` iteratively, markupever its
``traverse()`` edge iterator (opened/closed events). CPU time is time.process_time(); on a shared machine only the
ratios mean something.

The broken-markup case: ``<header><button>Menu<main><p>text</p></main>`` (a header and a button left open before
the main content), and the same with ``</header>`` closed but the button left open. An HTML5 parser puts
<main> inside the open <button> in the first case (the paragraph ends under main, inside button and header) and
closes the button with </header> in the second (main a sibling of header). Two more cases where HTML5 tree
construction differs from libxml2: a <p> directly in a <table> (HTML5 moves it before the table: "foster
parenting") and a <p> inside an open <b> (HTML5 keeps it under the b). The table gives the <p>'s ancestors as each
tool builds them.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import markupever
from lxml import etree
from resiliparse.parse.html import HTMLTree, NodeType
from selectolax.lexbor import LexborHTMLParser

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
HTML_SETS = ("readability", "trafilatura-dev", "wcxb-dev")
BROKEN = {
    "header, button left open": "<!DOCTYPE html><html><body><header><button>Menu<main><p>text</p></main>"
                                "<footer>foot</footer></body></html>",
    "button left open": "<!DOCTYPE html><html><body><header><button>Menu</header><main><p>text</p></main>"
                        "<footer>foot</footer></body></html>",
    "p in a table": "<!DOCTYPE html><html><body><table><p>text</p><tr><td>cell</td></tr></table></body></html>",
    "p in an open b": "<!DOCTYPE html><html><body><b>bold<p>text</p></b></body></html>",
}

Counts = tuple[int, int, int]  # elements, text nodes, characters read (attribute names + values + text)


# ---------------------------------------------------------------- lxml

def parse_lxml(text: str) -> Any:
    try:
        return lxml.html.document_fromstring(text)
    except ValueError:  # "Unicode strings with encoding declaration are not supported": give it UTF-8 bytes
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def walk_lxml(root: Any) -> Counts:
    elements = texts = chars = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if isinstance(el.tag, str):
                elements += 1
                for k, v in el.attrib.items():
                    chars += len(k) + len(v)
                if el.text:
                    texts += 1
                    chars += len(el.text)
        elif el.tail:
            texts += 1
            chars += len(el.tail)
    return elements, texts, chars


def p_path_lxml(html: str) -> list[str]:
    p = parse_lxml(html).xpath("//p")[0]
    return [a.tag for a in reversed(list(p.iterancestors()))] + ["p"]


# ---------------------------------------------------------------- selectolax lexbor

def parse_lexbor(text: str) -> Any:
    return LexborHTMLParser(text)


def walk_lexbor(tree: Any) -> Counts:
    elements = texts = chars = ends = 0
    node = tree.root.parent.child  # the document's first child (a doctype, a comment or <html>)
    depth = 0
    while node is not None:
        if node.is_element_node:  # start event
            elements += 1
            for k, v in node.attributes.items():
                chars += len(k) + len(v or "")
        elif node.is_text_node:
            texts += 1
            chars += len(node.text_content or "")
        child = node.child
        if child is not None:
            node, depth = child, depth + 1
            continue
        while node is not None:  # end events, climbing until a next sibling
            ends += 1
            sibling = node.next
            if sibling is not None:
                node = sibling
                break
            if depth == 0:
                node = None
                break
            node, depth = node.parent, depth - 1
    return elements, texts, chars


def p_path_lexbor(html: str) -> list[str]:
    node = LexborHTMLParser(html).css_first("p")
    path = []
    while node is not None and node.tag != "-document":
        path.append(node.tag or "")
        node = node.parent
    return path[::-1]


# ---------------------------------------------------------------- resiliparse

def parse_resiliparse(text: str) -> Any:
    return HTMLTree.parse(text)


ELEMENT, TEXT = NodeType.ELEMENT, NodeType.TEXT


def walk_resiliparse(tree: Any) -> Counts:
    elements = texts = chars = ends = 0
    node = tree.document.first_child
    depth = 0
    while node is not None:
        kind = node.type
        if kind == ELEMENT:
            elements += 1
            for name in node.attrs:
                chars += len(name) + len(node.getattr(name) or "")
        elif kind == TEXT:
            texts += 1
            chars += len(node.text or "")
        child = node.first_child
        if child is not None:
            node, depth = child, depth + 1
            continue
        while node is not None:
            ends += 1
            sibling = node.next
            if sibling is not None:
                node = sibling
                break
            if depth == 0:
                node = None
                break
            node, depth = node.parent, depth - 1
    return elements, texts, chars


def p_path_resiliparse(html: str) -> list[str]:
    node = HTMLTree.parse(html).body.query_selector("p")
    path = []
    while node is not None and node.type == ELEMENT:
        path.append(node.tag)
        node = node.parent
    return path[::-1]


# ---------------------------------------------------------------- markupever

def parse_markupever(text: str) -> Any:
    return markupever.parse(text, markupever.HtmlOptions())


def walk_markupever(tree: Any) -> Counts:
    elements = texts = chars = 0
    element, text = markupever.dom.Element, markupever.dom.Text
    for edge in tree.root().traverse():
        if edge.closed:
            continue
        node = edge.node
        if isinstance(node, element):
            elements += 1
            for k, v in node.attrs.items():
                chars += len(k.local) + len(v)
        elif isinstance(node, text):
            texts += 1
            chars += len(node.content)
    return elements, texts, chars


def p_path_markupever(html: str) -> list[str]:
    node = parse_markupever(html).select_one("p")
    path = []
    while isinstance(node, markupever.dom.Element):
        path.append(node.name.local)
        node = node.parent
    return path[::-1]


# ---------------------------------------------------------------- run

Tool = tuple[str, str, Callable[[str], Any], Callable[[Any], Counts], Callable[[str], list[str]]]
TOOLS: list[Tool] = [
    ("lxml", "lxml", parse_lxml, walk_lxml, p_path_lxml),
    ("selectolax lexbor", "selectolax", parse_lexbor, walk_lexbor, p_path_lexbor),
    ("resiliparse", "resiliparse", parse_resiliparse, walk_resiliparse, p_path_resiliparse),
    ("markupever", "markupever", parse_markupever, walk_markupever, p_path_markupever),
]


def decode(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def pages_of(bench: Path, sets: list[str], limit: int | None) -> list[Path]:
    pages: list[Path] = []
    for name in sets:
        pages += sorted((bench / name / "pages").iterdir())[:limit]
    return pages


def _check_markupever_edges() -> None:
    """The walk reads markupever's EdgeTraverse items as ``.node`` and ``.closed`` (markupever 0.4)."""
    probe = next(iter(parse_markupever("<p>x</p>").root().traverse()))
    if not hasattr(probe, "closed") or not hasattr(probe, "node"):
        raise SystemExit(f"markupever {importlib.metadata.version('markupever')}: EdgeTraverse has no .closed/.node: "
                         f"{[a for a in dir(probe) if not a.startswith('_')]}")


def run(pages: list[Path]) -> dict[str, Any]:
    _check_markupever_edges()
    stats: dict[str, dict[str, Any]] = {
        name: {"parse": 0.0, "walk": 0.0, "elements": 0, "texts": 0, "chars": 0, "failures": 0} for name, *_ in TOOLS}
    for i, page in enumerate(pages):
        text = decode(page.read_bytes())
        for j in range(len(TOOLS)):
            name, _, parse, walk, _ = TOOLS[(i + j) % len(TOOLS)]
            s = stats[name]
            try:
                t0 = time.process_time()
                tree = parse(text)
                t1 = time.process_time()
                counts = walk(tree)
                del tree
                t2 = time.process_time()
            except Exception as exc:  # a page a tool cannot take is counted, not fatal
                s["failures"] += 1
                print(f"# {name} failed on {page.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            s["parse"] += t1 - t0
            s["walk"] += t2 - t1
            s["elements"] += counts[0]
            s["texts"] += counts[1]
            s["chars"] += counts[2]
    base = stats["lxml"]["parse"] + stats["lxml"]["walk"]
    for name, _, _, _, p_path in TOOLS:
        s = stats[name]
        s["total"] = s["parse"] + s["walk"]
        s["ratio_to_lxml"] = s["total"] / base if base else None
        s["broken"] = {case: " > ".join(p_path(html)) for case, html in BROKEN.items()}
    return {"pages": len(pages), "tools": stats,
            "versions": {name: importlib.metadata.version(dist) for name, dist, *_ in TOOLS}}


def table(res: dict[str, Any]) -> str:
    cases = list(BROKEN)
    rows = [f"| parser | version | parse CPU s | walk CPU s | total CPU s | ratio to lxml | elements | text nodes | "
            f"failures | {' | '.join(f'<p> in: {c}' for c in cases)} |",
            "|---|---|---|---|---|---|---|---|---|" + "---|" * len(cases)]
    for name, s in res["tools"].items():
        ratio = "–" if s["ratio_to_lxml"] is None else f"{s['ratio_to_lxml']:.2f}×"
        rows.append(f"| {name} | {res['versions'][name]} | {s['parse']:.2f} | {s['walk']:.2f} | {s['total']:.2f} | "
                    f"{ratio} | {s['elements']} | {s['texts']} | {s['failures']} | "
                    f"{' | '.join(s['broken'][c] for c in cases)} |")
    return "\n".join(rows) + f"\n\n{res['pages']} pages; CPU time (time.process_time), parse + full walk."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder of datasets (default: ../shared/bench)")
    ap.add_argument("--sets", nargs="+", default=list(HTML_SETS))
    ap.add_argument("--limit", type=int, help="only the first N pages of each set")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = ap.parse_args(argv)
    res = run(pages_of(args.bench, args.sets, args.limit))
    print(table(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
