"""The page-type classifier (cleaner/pagetype): hand-written pages of each kind, forcing, the fitted model file."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner.options import Options, PageType
from cleaner.pagetype import CLASSES, MODEL_PATH, detect, probabilities
from cleaner.pagetype.extract import features, names

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"

FORUM = """<!doctype html><html><head><title>Table saw blade wobbles after cleaning - Woodshop Talk Forums</title>
<meta name="generator" content="XenForo"></head><body>
<nav class="breadcrumb"><a href="/">Forums</a> &gt; <a href="/forums/tools.4/">Power tools</a></nav>
<h1>Table saw blade wobbles after cleaning</h1>
""" + "".join(
    f"""<article class="message message--post" id="post-{100 + i}">
<div class="message-user"><img class="avatar" src="/a/{i}.png">
<a class="username" href="/members/{name}.{i}/">{name}</a>
<span class="user-title">Member</span><dl><dt>Joined</dt><dd>Mar 3, 2019</dd><dt>Messages</dt>
<dd>{40 + i}</dd></dl></div>
<div class="message-content"><time datetime="2025-04-0{i + 1}">Apr {i + 1}, 2025</time>
<div class="message-body">{text}</div>
<div class="message-actions"><a class="reply" href="#">Reply</a> <a href="#">Quote</a> <a href="#">Like</a>
<a href="#">Report</a></div></div></article>"""
    for i, (name, text) in enumerate([
        ("oakdust", "I took the blade off to clean the pitch and now it wobbles at startup. Did I put a washer on "
                    "the wrong side? Any ideas before I buy a new arbor?"),
        ("handplane_hank", "Check the arbor flange for a chip of resin. Happened to me last year, a quick wipe "
                           "with mineral spirits fixed it."),
        ("MapleMary", "Also make sure the arbor nut is snug but not cranked down. Post a video if it keeps "
                      "doing it."),
        ("oakdust", "That was it, a bit of pitch on the flange. Thanks all, running true again."),
    ])
) + """<form class="quick-reply"><textarea name="message" placeholder="Write your reply..."></textarea>
<button>Post reply</button></form></body></html>"""

PRODUCT = """<!doctype html><html><head><title>Trailblazer 40L Hiking Backpack – Northpeak Outfitters</title>
<meta property="og:type" content="product">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trailblazer 40L
Hiking Backpack","sku":"NP-TB40-GRN","brand":{"@type":"Brand","name":"Northpeak"},"aggregateRating":{"@type":
"AggregateRating","ratingValue":"4.6","reviewCount":"128"},"offers":{"@type":"Offer","price":"129.99",
"priceCurrency":"USD","availability":"https://schema.org/InStock"}}</script></head><body>
<header><nav><a href="/collections/backpacks">Backpacks</a> <a href="/cart">Cart (0)</a></nav></header>
<main class="product-page"><div class="product-gallery"><img src="/img/tb40-1.jpg" alt="Trailblazer 40L"></div>
<div class="product-info"><h1 class="product-title">Trailblazer 40L Hiking Backpack</h1>
<div class="rating">4.6 out of 5 stars · 128 reviews</div>
<div class="price">$129.99 <s class="price-compare">$159.99</s></div>
<form class="product-form" action="/cart/add"><label>Color</label>
<select name="variant"><option>Forest green</option><option>Slate</option></select>
<label>Quantity</label><input type="number" name="quantity" value="1">
<button class="add-to-cart">Add to cart</button></form>
<p class="stock">In stock – ships in 1-2 business days. Free shipping on orders over $75.</p>
<div class="product-description"><p>A lightweight 40-litre pack with a ventilated back panel, hip-belt pockets
and a rain cover tucked in the base.</p><ul><li>Weight: 1.2 kg</li><li>Volume: 40 L</li><li>Fabric: 210D
ripstop nylon</li></ul></div></div></main>
<section class="reviews"><h2>Customer reviews</h2><div class="review">Great fit, carried it for a week in the
Alps. – Jonas</div></section></body></html>"""

DOCS = """<!doctype html><html><head><title>Configuring retries — httpkit 3.2 documentation</title>
<meta name="generator" content="Sphinx 7.2.6"></head><body>
<nav class="sidebar"><div class="toc"><ul><li><a href="../index.html">Getting started</a></li>
<li><a href="install.html">Installation</a></li><li><a href="client.html">The Client</a></li>
<li class="current"><a href="#">Configuring retries</a></li><li><a href="timeouts.html">Timeouts</a></li>
<li><a href="../api/index.html">API reference</a></li></ul></div></nav>
<main class="docs-content"><article role="main"><h1>Configuring retries</h1>
<p>By default the client does not retry failed requests. Pass a <code>Retry</code> object to enable it.</p>
<h2>Parameters</h2><dl><dt><code>total</code> (int, default 3)</dt><dd>The maximum number of attempts.</dd>
<dt><code>backoff</code> (float, optional)</dt><dd>Seconds to wait between attempts, doubled each time.</dd></dl>
<h2>Example</h2><pre><code class="language-python">from httpkit import Client, Retry

client = Client(retry=Retry(total=5, backoff=0.5))
response = client.get("https://example.org/data")
print(response.status_code)
</code></pre>
<div class="admonition note"><p class="admonition-title">Note</p><p>Retries apply to idempotent methods
only. See <a href="timeouts.html">Timeouts</a> for the related settings.</p></div>
<h2>Returns</h2><p>A <code>Response</code>; raises <code>RetryError</code> when every attempt failed.</p>
</article><div class="toc-right"><p>On this page</p><ul><li>Parameters</li><li>Example</li><li>Returns</li></ul>
</div></main><footer><a href="timeouts.html">Next: Timeouts</a> · <a href="client.html">Previous: The Client</a>
· Edit this page</footer></body></html>"""

ARTICLE = """<!doctype html><html><head><title>City council approves new tram line to the harbour | The Daily
Ledger</title><meta property="og:type" content="article">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"City
council approves new tram line to the harbour","datePublished":"2025-05-14T09:30:00+02:00","author":{"@type":
"Person","name":"Elena Marsh"}}</script></head><body><header><nav><a href="/">Home</a><a href="/local">Local</a>
</nav></header><main><article class="post"><h1>City council approves new tram line to the harbour</h1>
<p class="byline">By Elena Marsh · <time datetime="2025-05-14">May 14, 2025</time> · 4 min read</p>
<p>The city council voted 31 to 12 on Tuesday evening to build a tram line linking the central station with
the redeveloped harbour district, ending a debate that has run for almost a decade.</p>
<p>The 6.4-kilometre line will have nine stops and is expected to carry about 40,000 passengers a day when it
opens in 2029, according to the transport department's estimates presented to councillors.</p>
<p>Supporters argued that the harbour's new housing, which will be home to some 15,000 residents, cannot be
served by buses alone. Opponents questioned the cost, put at 410 million euros, and the disruption that years
of construction will bring to the old town's narrow streets.</p>
<p>"This is the most important transport decision the city has taken in a generation," the deputy mayor said
after the vote. Construction is due to begin next spring, starting at the harbour end of the route.</p>
<p>Residents' associations along the planned route said they would ask for noise barriers and night-time
limits on construction work, and a public consultation on the design of the stops will open in June.</p>
</article><aside class="related"><h3>Related</h3><a href="/a/1">Bus fares rise in July</a></aside></main>
<footer>© 2025 The Daily Ledger</footer></body></html>"""


def _ids_of_validation() -> list[tuple[str, str, str | None]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import split

    truth = BENCH / "wcxb-dev" / "truth.jsonl"
    if not truth.exists():
        return []
    val = split.ids("wcxb-dev", "validation")
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [(r["id"], r["page_type"], r.get("url")) for r in rows if r["id"] in val]


def test_model_file_is_small_and_matches_the_features() -> None:
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 400_000
    data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()))
    for fmt in ("html", "text", "markdown"):
        assert data["models"][fmt]["names"] == names(fmt)
        assert data["models"][fmt]["model"] != data["models"][fmt]["model_no_url"]
        assert 0.0 <= data["models"][fmt]["threshold_no_url"] < 0.6


def test_the_model_is_picked_by_whether_the_url_is_known() -> None:
    """A page read without its URL is typed by the model fitted on URL-less rows, fed the "no URL" features."""
    import numpy as np

    from cleaner.pagetype import _models

    model = _models()["html"]
    url = "https://dailyledger.example/local/2025/05/14/council-approves-harbour-tram"
    for given, booster in ((url, model.booster), (None, model.no_url), ("", model.no_url)):
        row, _ = features("html", ARTICLE, given)
        expected = booster.predict(np.asarray([row]), num_threads=1)[0]
        assert list(probabilities("html", ARTICLE, given).values()) == pytest.approx(list(expected), abs=1e-12)
    n_url = sum(name.startswith("url_") for name in names("html"))
    assert features("html", ARTICLE, None)[0][:n_url] == [-1.0] * n_url
    assert features("html", ARTICLE, url)[0][n_url:] == features("html", ARTICLE, None)[0][n_url:]


@pytest.mark.parametrize(("html", "url", "expected"), [
    (FORUM, "https://woodshoptalk.example/threads/table-saw-blade-wobbles-after-cleaning.48213/", "forum"),
    (PRODUCT, "https://northpeak.example/products/trailblazer-40l-hiking-backpack", "product"),
    (DOCS, "https://httpkit.example/en/stable/guide/retries.html", "documentation"),
    (ARTICLE, "https://dailyledger.example/local/2025/05/14/council-approves-harbour-tram", "article"),
])
def test_hand_written_pages(html: str, url: str, expected: str) -> None:
    assert detect("html", html, url) == (expected, "model")
    # the caller's tree gives the same answer, and is not modified
    tree = LexborHTMLParser(html)
    before = tree.html
    assert detect("html", html, url, tree)[0] == expected
    assert tree.html == before


def test_hand_written_pages_without_url() -> None:
    assert detect("html", PRODUCT, None)[0] == "product"
    assert detect("html", FORUM, None)[0] == "forum"
    assert detect("html", ARTICLE, None)[0] == "article"
    assert detect("html", DOCS, None)[0] == "documentation"


def test_text_and_markdown_formats() -> None:
    text = LexborHTMLParser(FORUM).body.text(separator="\n")  # type: ignore[union-attr]
    assert detect("text", text, "https://woodshoptalk.example/threads/table-saw-wobble.48213/")[0] == "forum"
    md = ("# Configuring retries\n\nBy default the client does not retry. Pass a `Retry` object.\n\n"
          "## Parameters\n\n- `total` (int, default 3): the maximum number of attempts.\n"
          "- `backoff` (float, optional): seconds between attempts.\n\n## Example\n\n```python\n"
          "from httpkit import Client, Retry\nclient = Client(retry=Retry(total=5))\n```\n\n"
          "## Returns\n\nA `Response`.\n\n[Next: Timeouts](timeouts.md)\n")
    assert detect("markdown", md, "https://httpkit.example/docs/guide/retries")[0] == "documentation"


def test_forcing() -> None:
    assert detect("html", ARTICLE, None, force=PageType.FORUM) == ("forum", "forced")
    assert detect("text", "", None, force="product") == ("product", "forced")
    assert detect("html", ARTICLE, None, force=Options(page_type=PageType.SERVICE).page_type) == ("service",
                                                                                                   "forced")
    assert Options().page_type is None
    with pytest.raises(ValueError):
        detect("html", ARTICLE, None, force="blog")


def test_empty_and_bad_input() -> None:
    assert detect("text", "", None) == ("other", "empty")
    assert detect("html", "<html><body></body></html>", "https://example.org/") == ("other", "empty")
    assert detect("markdown", "   \n\n", "not a url ::") == ("other", "empty")
    with pytest.raises(ValueError):
        detect("pdf", "x", None)


def test_deterministic() -> None:
    first = probabilities("html", FORUM, "https://woodshoptalk.example/threads/x.1/")
    for _ in range(3):
        assert probabilities("html", FORUM, "https://woodshoptalk.example/threads/x.1/") == first
    assert features("html", DOCS, None)[0] == features("html", DOCS, None)[0]
    assert abs(sum(first.values()) - 1.0) < 1e-6


def test_record_field() -> None:
    from cleaner.model import FIELDS, Article, Metadata

    assert FIELDS.index("page_type") == FIELDS.index("body") - 1
    record = Article(body="x", format="html", metadata=Metadata(page_type="forum")).to_dict()
    assert list(record)[:len(FIELDS)] == list(FIELDS) or set(FIELDS) <= set(record)
    assert record["page_type"] == "forum"


@pytest.mark.skipif(not (BENCH / "wcxb-dev" / "truth.jsonl").exists(), reason="dev data not present")
def test_each_type_on_a_validation_page() -> None:
    """The model predicts each of the seven types for at least one validation page of that type."""
    from cleaner.decode import decode
    from cleaner.html.parse import parse

    seen: set[str] = set()
    by_type: dict[str, list[tuple[str, str | None]]] = {}
    for page_id, kind, url in _ids_of_validation():
        by_type.setdefault(kind, []).append((page_id, url))
    for kind, pages in sorted(by_type.items()):
        for page_id, url in pages[:12]:
            text = decode(gzip.decompress((BENCH / "wcxb-dev" / "pages" / f"{page_id}.html.gz").read_bytes()))
            if detect("html", text, url, parse(text))[0] == kind:
                seen.add(kind)
                break
    assert seen == set(CLASSES)


@pytest.mark.skipif(not (BENCH / "readability" / "truth.jsonl").exists(), reason="dev data not present")
def test_articles_read_without_url_stay_articles() -> None:
    """Validation articles of the readability set (every page an article), read without their URL: most are typed
    article, and few are typed another type with the probability from which the judge applies that type's knobs
    (the model fitted with URLs only typed 22 of 46 article, see scripts/fit_page_type.py --compare)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import split

    from cleaner.decode import decode
    from cleaner.html.parse import parse
    from cleaner.judge import TYPED_KNOBS_FROM

    val = split.ids("readability", "validation")
    rows = [json.loads(line) for line in (BENCH / "readability" / "truth.jsonl").read_text(encoding="utf-8")
            .split("\n") if line.strip()]
    kinds = []
    for row in rows:
        if row["id"] in val:
            text = decode((BENCH / "readability" / row["file"]).read_bytes())
            p = probabilities("html", text, None, parse(text))
            best = max(p, key=lambda c: p[c])
            kinds.append((best, p[best]))
    assert len(kinds) == 46
    assert sum(k == "article" for k, _ in kinds) >= 0.8 * len(kinds)
    assert sum(k != "article" and sure >= TYPED_KNOBS_FROM for k, sure in kinds) <= 2
