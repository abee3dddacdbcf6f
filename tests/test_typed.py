"""Extraction that fits the page type (cleaner/typed.py): a product page's JSON-LD description in its body.
Hand-written pages; the page type is forced where the test is not about it."""

from __future__ import annotations

import json

import pytest

import cleaner
from cleaner import Options
from cleaner.html.product import paragraphs
from cleaner.options import Format
from cleaner.typed import DESCRIPTION_SOURCE, mostly_in

SHOWN = ("The Trailhead 30 is a lightweight hiking pack with a ventilated back panel, two side pockets and a "
         "padded hip belt that carries a full day's load in comfort.")
HIDDEN = ("Made from recycled ripstop nylon, it sheds light rain and packs flat into its own lid when you "
          "travel &amp; fly.")


def _product(description: str, shown: str = SHOWN) -> str:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Trailhead 30 Pack"},
        {"@type": "ProductGroup", "name": "Trailhead 30 Pack", "description": description,
         "offers": {"@type": "Offer", "price": "129.00", "priceCurrency": "EUR"}},
    ]}
    return f"""<!doctype html><html lang="en"><head><title>Trailhead 30 Pack | Peak Gear</title>
<script type="application/ld+json">{json.dumps(ld)}</script></head><body>
<nav><a href="/">Home</a> <a href="/packs">Packs</a></nav>
<main><h1>Trailhead 30 Pack</h1><p class="price">€129.00</p><p>{shown}</p>
<button>Add to cart</button></main><footer>© Peak Gear</footer></body></html>"""


def _clean(page: str, page_type: str) -> dict:  # type: ignore[type-arg]
    return cleaner.clean(page, options=Options(page_type=page_type)).to_dict()


def test_product_body_ends_with_the_jsonld_description_the_page_lacks() -> None:
    record = _clean(_product(f"<p>{HIDDEN}</p>"), "product")
    assert record["body"].endswith("Made from recycled ripstop nylon, it sheds light rain and packs flat into its "
                                   "own lid when you travel & fly.")
    assert SHOWN in record["body"]
    assert record["markdown"].endswith("own lid when you travel & fly.")
    assert record["sources"]["body"] == DESCRIPTION_SOURCE
    assert record["word_count"] == len(record["body"].split())


def test_product_description_already_shown_is_not_added_twice() -> None:
    record = _clean(_product(SHOWN), "product")
    assert record["body"].count("ventilated back panel") == 1
    assert "body" not in record["sources"]


def test_description_goes_only_into_product_pages() -> None:
    record = _clean(_product(HIDDEN), "article")
    assert "recycled ripstop" not in (record["body"] or "")
    assert "body" not in record["sources"]


def test_text_and_markdown_pages_are_unchanged() -> None:
    for fmt in (Format.TEXT, Format.MARKDOWN):
        page = f"Trailhead 30 Pack\n\n{SHOWN}\n\n{SHOWN.replace('hiking', 'walking')}\n"
        record = cleaner.clean(page, options=Options(format=fmt, page_type="product")).to_dict()
        assert "body" not in record["sources"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("<p>Warm &amp; dry.</p><p>Packs <b>flat</b>.</p>", ["Warm & dry.", "Packs flat."]),
    ("&lt;strong&gt;Bold claim&lt;/strong&gt; here", ["Bold claim here"]),
    ("Line one.\r\nLine two.", ["Line one.", "Line two."]),
    ("An%20elegant%20sofa.", ["An elegant sofa."]),
    ("iFixit&amp;apos;s kit", ["iFixit's kit"]),
])
def test_description_paragraphs_are_plain_text(raw: str, expected: list[str]) -> None:
    assert paragraphs(raw) == expected


def test_mostly_in_counts_the_description_words() -> None:
    assert mostly_in("a lightweight hiking pack with side pockets", SHOWN)
    assert not mostly_in(HIDDEN, SHOWN)
