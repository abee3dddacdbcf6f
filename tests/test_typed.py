"""Extraction that fits the page type (cleaner/typed.py): a product page's JSON-LD description in its body, a forum
thread's posts with their authors. Hand-written pages; the page type is forced where the test is not about it."""

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
        assert "body" not in record["sources"] and record["posts"] == []


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


QUESTION = ("My kettle has a thick white crust on the element after two years of hard water. I have read that "
            "citric acid works better than vinegar and leaves no smell behind.")
ANSWER = ("Two tablespoons per litre is plenty for a kettle. Fill it to the maximum line, bring it to the boil, "
          "switch it off and let it stand for about an hour before you rinse it twice with fresh water.")
THANKS = ("That worked perfectly, thank you. The element is shiny again and the water tastes much better than it "
          "did before the cleaning.")
THREAD = [("Margaret Holloway", QUESTION), ("Daniel Okafor", ANSWER), ("Margaret Holloway", THANKS)]


def _phpbb() -> str:
    posts = "".join(f"""<div id="p{i}" class="post has-profile bg{i % 2 + 1}"><div class="inner">
<dl class="postprofile"><dt><a href="/u/{i}" class="username-coloured">{name}</a></dt><dd>Posts: {100 + i}</dd></dl>
<div class="postbody"><div class="content">{text}<br><br>{text.replace('.', ' indeed.', 1)}</div></div>
</div></div>""" for i, (name, text) in enumerate(THREAD))
    return f"""<!doctype html><html lang="en"><head><title>Kettle descaling - Appliance Forum</title></head><body>
<div class="headerbar"><a href="/">Appliance Forum</a> <span class="username">Guest</span></div>
<div id="page-body"><h2 class="topic-title">Kettle descaling with citric acid</h2>{posts}</div>
<div class="copyright">Powered by phpBB</div></body></html>"""


def _discourse() -> str:
    def post(i: int, name: str, text: str) -> str:
        prop = "articleBody" if i == 0 else "text"
        return f"""<div itemprop="comment" class="topic-body crawler-post" id="post_{i}"><div class="crawler-post-meta">
<span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url"
href="/u/{i}"><span itemprop="name">{name}</span></a></span></div>
<div class="post" itemprop="{prop}"><p>{text}</p><p>{text.replace('.', ' indeed.', 1)}</p></div></div>"""

    posts = "".join(post(i, name, text) for i, (name, text) in enumerate(THREAD))
    return f"""<!doctype html><html lang="en"><head><title>Kettle descaling - Help - Appliance Community</title>
</head><body><header><a href="/">Appliance Community</a></header><div id="main-outlet">
<h1>Kettle descaling with citric acid</h1>{posts}</div><footer><a href="/about">About</a></footer></body></html>"""


def _nested() -> str:
    """Replies inside the post they answer, the opening post marked up apart from them."""
    def comment(name: str, text: str, replies: str = "") -> str:
        return f"""<li class="comment"><div class="comment-meta"><a class="author-name" href="#">{name}</a>
</div><div class="comment-text"><p>{text}</p><p>{text.replace('.', ' indeed.', 1)}</p></div>
<ul class="children">{replies}</ul></li>"""

    tree = comment(THREAD[1][0], ANSWER, comment(THREAD[2][0], THANKS))
    return f"""<!doctype html><html lang="en"><head><title>Kettle descaling - Appliance Community</title></head>
<body><div class="thread"><div class="op"><span class="author-name">Margaret Holloway</span>
<div class="op-text"><p>{QUESTION}</p><p>{QUESTION.replace('.', ' indeed.', 1)}</p></div></div>
<ul class="comments">{tree}</ul></div></body></html>"""


def _second(text: str) -> str:
    return text.split(". ", 1)[1]


@pytest.mark.parametrize("page", [_phpbb, _discourse, _nested])
def test_forum_posts_in_page_order_with_authors(page) -> None:  # type: ignore[no-untyped-def]
    posts = _clean(page(), "forum")["posts"]
    assert [p["author"] for p in posts] == [name for name, _ in THREAD]
    for post, (_, text) in zip(posts, THREAD, strict=True):  # a post's second sentence: in both its paragraphs
        assert _second(text) in post["text"]
        assert not any(_second(other) in post["text"] for _, other in THREAD if other != text)


def test_posts_leave_the_body_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    with_posts = _clean(_phpbb(), "forum")
    monkeypatch.setattr(cleaner.api, "fit_type", lambda article, page, decisions: article)
    without = _clean(_phpbb(), "forum")
    assert with_posts["posts"] and without["posts"] == []
    assert with_posts["body"] == without["body"] and with_posts["markdown"] == without["markdown"]


def test_posts_only_on_forum_pages() -> None:
    assert _clean(_phpbb(), "article")["posts"] == []
    assert _clean(_product(HIDDEN), "product")["posts"] == []


def test_forum_handles_are_authors_too() -> None:
    handles = ["kettle_fan42", "D.Okafor-99", "kettle_fan42"]
    page = _phpbb()
    for (name, _), handle in zip(THREAD, handles, strict=True):
        page = page.replace(f">{name}<", f">{handle}<", 1)
    assert [p["author"] for p in _clean(page, "forum")["posts"]] == handles


STORY_WORDS = ("The council voted on Tuesday to fund a new footbridge over the river, ending a decade of argument "
               "about where walkers and cyclists should cross. Work starts in the spring and the bridge should open "
               "within two years, the mayor said, adding that the old ferry will keep running until then. Residents "
               "of both banks welcomed the decision at a crowded public meeting.")


def _script_rendered(shown: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council backs new bridge",
          "articleBody": STORY_WORDS}
    return f"""<!doctype html><html lang="en"><head><title>Council backs new bridge</title>
<script type="application/ld+json">{json.dumps(ld)}</script></head><body>
<header><a href="/">The Daily Example</a></header><main><h1>Council backs new bridge</h1>{shown}</main>
<footer>© The Daily Example</footer></body></html>"""


def test_a_page_rendered_by_script_takes_the_article_its_jsonld_states() -> None:
    article = cleaner.clean(_script_rendered("<p>Loading the story…</p>"))
    assert article.body == STORY_WORDS
    assert article.metadata.sources["body"] == "json-ld:articleBody"
    assert article.markdown == STORY_WORDS


def test_a_page_that_shows_its_article_keeps_its_own_body() -> None:
    article = cleaner.clean(_script_rendered(f"<p>{STORY_WORDS}</p><p>Comments are closed.</p>"))
    assert article.metadata.sources.get("body") != "json-ld:articleBody"
    assert STORY_WORDS in (article.body or "")
