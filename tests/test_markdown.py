"""The record's Markdown: golden samples (samples/<slug>/expected.md), parsed back by a CommonMark reader
(markdown-it-py) to the body's blocks, and the options that shape it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from md_parse import md_blocks

import cleaner
from cleaner import Options
from cleaner.api import _frontend
from cleaner.decode import decode
from cleaner.judge import decide
from cleaner.markdown_out import MdBlock, compose, escape, escape_start, front_matter, kept
from cleaner.model import Kind
from cleaner.sniff import sniff

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOLDEN = sorted(p.parent for p in SAMPLES.glob("*/expected.md"))
#: a text page's list items keep their bullet in the body; the Markdown shows it as the item's marker
_BULLET = re.compile(r"^(?:[•·▪►◦‣∙]|[-*+](?=\s)|\d{1,3}[.)](?=\s))\s*")


def _url(case: Path) -> str | None:
    return (case / "url.txt").read_text(encoding="utf-8").strip() if (case / "url.txt").exists() else None


def _body_blocks(content: bytes, url: str | None) -> tuple[str, list[tuple[str, str]]]:
    """The format and the body's blocks (kind, text), through the pipeline's own stages."""
    options = Options()
    text = decode(content, None)
    fmt = sniff(text, options.format)
    front = _frontend(fmt)
    page = front.segment(text, url=url, options=options)
    return fmt.value, [(b.kind.value, b.text) for b in kept(decide(page)) if b.kind is not Kind.IMAGE]


def test_there_are_golden_markdown_samples() -> None:
    assert len(GOLDEN) >= 3
    assert {next(c.glob("page.*")).suffix for c in GOLDEN} >= {".html", ".md", ".txt"}


@pytest.mark.parametrize("case", GOLDEN, ids=lambda p: p.name)
def test_golden_markdown(case: Path) -> None:
    article = cleaner.clean_file(next(case.glob("page.*")), url=_url(case))
    assert article.markdown == (case / "expected.md").read_text(encoding="utf-8").rstrip("\n")


@pytest.mark.parametrize("case", GOLDEN, ids=lambda p: p.name)
def test_markdown_parses_back_to_the_body_blocks(case: Path) -> None:
    page = next(case.glob("page.*"))
    fmt, blocks = _body_blocks(page.read_bytes(), _url(case))
    markdown = cleaner.clean_file(page, url=_url(case)).markdown or ""
    parsed = md_blocks(markdown)
    if fmt == "text":  # plain text shows no kinds: compare the texts (bullets are the items' markers)
        assert [t for _, t in parsed] == [_BULLET.sub("", t) for _, t in blocks]
    else:
        assert parsed == blocks


def test_html_kinds_and_inline_markup() -> None:
    md = (SAMPLES / "en-howto-lists-quote-links" / "expected.md").read_text(encoding="utf-8")
    kinds = [k for k, _ in md_blocks(md)]
    assert {"heading", "list_item", "quote", "paragraph"} <= set(kinds)
    assert "1. Cardboard over the grass" in md and "- lettuce and rocket" in md
    assert "*most productive*" in md and "**well-rotted manure**" in md
    # a relative link made absolute against the page's URL
    assert "](https://www.gardenweekly.example/grow/2023/11/reading-your-soil)" in md
    tech = (SAMPLES / "en-tech-table-code" / "expected.md").read_text(encoding="utf-8")
    assert "```python\nimport sqlite3\n\ndb = sqlite3.connect(\"bench.db\")" in tech
    assert "| Journal mode | One row per transaction | 1,000 rows per transaction |\n| --- | --- | --- |" in tech
    assert "`synchronous=NORMAL`" in tech


PAGE = b"""<html><body><article><h1>Title of the story</h1>
<p>The council said on Tuesday that the <a href="/plans/bridge">new bridge</a> would open in May, two years
later than planned and at twice the cost, after the contractor went bankrupt in the first winter.</p>
<p>Engineers found that <img src="/img/crack.png" alt="a crack"> the old piers could not carry the new deck
and had to be rebuilt from the riverbed up, which took most of the following summer and autumn.</p>
</article></body></html>"""


def test_links_absolute_only_when_the_url_is_known() -> None:
    assert "[new bridge](https://city.example/plans/bridge)" in (
        cleaner.clean(PAGE, url="https://city.example/news/x.html").markdown or "")
    assert "[new bridge](/plans/bridge)" in (cleaner.clean(PAGE).markdown or "")


def test_options_drop_links_and_keep_images() -> None:
    plain = cleaner.clean(PAGE, options=Options(markdown_links=False)).markdown or ""
    assert "](" not in plain and "the new bridge would open" in plain
    assert "![" not in (cleaner.clean(PAGE).markdown or "")
    pictured = cleaner.clean(PAGE, url="https://city.example/", options=Options(markdown_images=True)).markdown
    assert "![a crack](https://city.example/img/crack.png)" in (pictured or "")


@pytest.mark.parametrize("bad", [{"markdown_links": "no"}, {"markdown_images": 1}])
def test_markdown_options_are_checked(bad: dict[str, object]) -> None:
    with pytest.raises(TypeError, match=next(iter(bad))):
        Options(**bad)  # type: ignore[arg-type]


def test_text_scrape_headings_and_lists_recognised() -> None:
    text = ("How the valley got its buses back\n\n"
            "Night buses will run again between the station and the upper valley villages from next month, the "
            "county council said on Tuesday after agreeing a three-year contract with a local operator.\n\n"
            "What changes\n\n"
            "The buses will leave the station every hour between midnight and four in the morning on Fridays "
            "and Saturdays, calling at every village on the main road.\n\n"
            "• fares as during the day\n• bikes carried free\n\n"
            "1. Buy a ticket on the bus.\n2. Keep it for the whole night.\n\n"
            "Hospital staff and bar workers, who had campaigned for the service, said the last bus at half past "
            "eleven had made late shifts impossible for anyone without a car.")
    md = cleaner.clean(text, options=Options(format="text")).markdown or ""
    assert "## What changes" in md
    assert "- fares as during the day\n- bikes carried free" in md
    assert "1. Buy a ticket on the bus.\n2. Keep it for the whole night." in md


def test_no_body_no_markdown() -> None:
    record = cleaner.clean(b"<html><body><nav><a href='/'>Home</a></nav></body></html>").to_dict()
    assert record["body"] is None and record["markdown"] is None
    assert list(record).index("markdown") == list(record).index("body") + 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 #>-+*_`[]()!<&;.|\\~=:")), min_size=1, max_size=30))
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    text = " ".join(text.split())
    if not text:
        return
    assert md_blocks(escape_start(escape(text))) == [("paragraph", text)]


def test_compose_nests_lists_relative_to_the_first_item() -> None:
    items = [MdBlock(Kind.LIST_ITEM, t, depth=d) for t, d in (("a", 1), ("b", 1), ("c", 2), ("d", 1))]
    assert compose(items) == "- a\n- b\n  - c\n- d"
    ordered = [MdBlock(Kind.LIST_ITEM, "x", number=1), MdBlock(Kind.LIST_ITEM, "y", number=2, depth=1)]
    assert md_blocks(compose(ordered) or "") == [("list_item", "x"), ("list_item", "y")]


def test_front_matter_is_yaml_of_the_metadata() -> None:
    yaml = pytest.importorskip("yaml")
    record = {"title": 'A "quoted": title\n--- with a rule', "authors": ["Ann O'Neil", "Bo"], "url": None,
              "tags": [], "word_count": 12}
    text = front_matter(record)
    assert text.startswith("---\n") and text.endswith("---\n")
    assert yaml.safe_load(text.strip("-\n")) == {"title": record["title"], "authors": record["authors"],
                                                  "word_count": 12}
    assert json.loads(text.splitlines()[1].split(": ", 1)[1]) == record["title"]
