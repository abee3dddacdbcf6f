"""HTML segmentation: blocks, kinds, link density, widget hints, never-content pruning, deep nesting."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.html.forms import signup_boxes
from cleaner.html.parse import parse
from cleaner.html.walk import walk
from cleaner.model import Block, Caption, Kind, Label


def _blocks(html: str) -> list[Block]:
    tree = parse(html)
    assert tree is not None and tree.body is not None
    return walk(tree.body, signup_boxes(tree)).blocks


def test_paragraphs_headings_lists_quotes_tables_are_blocks_of_their_own() -> None:
    blocks = _blocks(
        "<html><body><h2>Cost and funding</h2><p>First <b>bold</b> paragraph.</p>"
        "<ul><li>one</li><li>two</li></ul><blockquote><p>Quoted words.</p></blockquote>"
        "<table><tr><td>a</td><td>b</td></tr></table><pre>x = 1\n  y = 2</pre></body></html>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (Kind.HEADING, "Cost and funding"),
        (Kind.PARAGRAPH, "First bold paragraph."),
        (Kind.LIST_ITEM, "one"),
        (Kind.LIST_ITEM, "two"),
        (Kind.QUOTE, "Quoted words."),
        (Kind.TABLE, "a | b"),
        (Kind.CODE, "x = 1\n  y = 2"),
    ]
    assert blocks[0].level == 2
    assert [b.index for b in blocks] == list(range(len(blocks)))


def test_never_content_is_pruned_and_tails_survive() -> None:
    blocks = _blocks(
        "<body><p>Before<script>var x = 1;</script> after<style>p{}</style></p>"
        "<div style='display: none'>hidden text</div><div hidden>also hidden</div>"
        "<form><p>Kept form text</p><select><option>A</option></select></form></body>"
    )
    texts = [b.text for b in blocks]
    assert texts == ["Before after", "Kept form text"]


def test_link_density_counts_link_text_only() -> None:
    (block,) = _blocks('<body><p>Read <a href="/x">this story</a> now</p></body>')
    assert abs(block.link_density - len("this story") / len("Read this story now")) < 1e-9
    (menu,) = _blocks('<body><p><a href="/">Home</a></p></body>')
    assert menu.link_density == 1.0


def test_structural_and_class_hints() -> None:
    blocks = _blocks(
        "<body><nav><a href='/'>Home</a></nav><figure><figcaption>A harbour at dawn. Photo: Jane Roe</figcaption>"
        "</figure><div class='newsletter-signup'><p>Get our newsletter</p></div>"
        "<div class='post-content share-tools'><p>Article text here.</p></div>"
        "<div class='related-posts'><p>Other story</p></div></body>"
    )
    hints = {b.text: b.hint for b in blocks}
    assert hints["Home"] is Label.NAVIGATION
    assert hints["A harbour at dawn. Photo: Jane Roe"] is Label.CAPTION
    assert hints["Get our newsletter"] is Label.SUBSCRIBE
    assert hints["Article text here."] is None  # a positive class cancels the widget class
    assert hints["Other story"] is Label.RELATED
    assert all(b.hint_reason for b in blocks if b.hint is not None)


def test_br_splits_blocks() -> None:
    blocks = _blocks("<body><div>By Jane Doe<br>Paris, 5 March 2024<br><br>The story begins.</div></body>")
    assert [b.text for b in blocks] == ["By Jane Doe", "Paris, 5 March 2024", "The story begins."]


def test_deep_nesting_does_not_recurse() -> None:
    nested = "<div>" * 200 + "deep text" + "</div>" * 200
    assert [b.text for b in _blocks(f"<body><p>before</p>{nested}<p>after</p></body>")] == [
        "before", "deep text", "after"]
    # a browser's parser keeps any depth; the walk is iterative, so nothing is lost and nothing overflows
    hostile = "<div>" * 100_000 + "deep text" + "</div>" * 100_000
    assert [b.text for b in _blocks(f"<body><p>before</p>{hostile}<p>after</p></body>")] == [
        "before", "deep text", "after"]
    quotes = "<blockquote>" * 100_000 + "<p>quoted</p>" + "</blockquote>" * 100_000
    assert [b.text for b in _blocks(f"<body><h2>T</h2>{quotes}<p>after</p></body>")] == ["T", "quoted", "after"]


def test_stray_end_tags_do_not_end_the_page() -> None:
    blocks = _blocks("<html><body><h1>T</h1></div></html></body><p>The story.</p><p>More.</p></body></html>")
    assert [b.text for b in blocks] == ["T", "The story.", "More."]


def test_empty_and_non_markup_input() -> None:
    assert parse("   ") is None
    assert [b.text for b in _blocks("just words")] == ["just words"]


def test_captions_and_credits_are_split_into_cues() -> None:
    from cleaner.html.captions import caption_cues

    blocks = caption_cues(_blocks(
        "<body><figure><figcaption>Cherry trees in bloom near Jork. (Photo: Katrin Albers/Elbe-Kurier)"
        "</figcaption></figure><div class='image-credit'>Reuters/Jane Roe</div>"
        "<figure><figcaption>A quiet street.</figcaption></figure><p>Body text.</p></body>"
    ))
    by_text = {b.text: b for b in blocks}
    first = by_text["Cherry trees in bloom near Jork. (Photo: Katrin Albers/Elbe-Kurier)"]
    assert first.cues.caption == Caption("Cherry trees in bloom near Jork.", "Katrin Albers/Elbe-Kurier")
    credit_only = by_text["Reuters/Jane Roe"]
    assert credit_only.hint is Label.CAPTION
    assert credit_only.cues.caption == Caption(None, "Reuters/Jane Roe")
    assert by_text["A quiet street."].cues.caption == Caption("A quiet street.", None)
    assert by_text["Body text."].cues.caption is None


def test_class_prefilter_never_hides_a_match() -> None:
    from cleaner.html.hints import _class_pattern, class_label, leading_literals

    samples = ["read-more", "readmore", "ad", "top-ads", "post-meta", "entry-tags", "tag-list", "more-stories",
               "cmp-banner", "sign-up", "photo-info", "author-bio", "newsletter-box", "share-bar", "comment-list",
               "piano-offer", "mostread", "most-popular", "see-also", "skip-link", "visually-hidden", "date"]
    pattern, _labels = _class_pattern()
    for s in samples:
        found = pattern.search(s)
        assert found is not None, s
        assert class_label(s) is not None, s
    assert leading_literals("read-?more") == ["read"]
    assert leading_literals("(?<![a-z])ads?(?![a-z])") == ["ad"]
    assert leading_literals("(?:pic|img)-?(?:note|text)") == ["pic", "img"]
    assert leading_literals("(?:a|b)?c") == ["(?:a|b)?c"]  # no literal it must start with: the pattern itself
    assert leading_literals("a|b") == ["a|b"]
    assert class_label("article-body share-enabled") is None
    assert class_label("header main") is None


@pytest.mark.parametrize("classes", ["komentarze", "komentar-list", "comentarios", "kommentarer", "kommentti",
                                     "reacties"])
def test_comment_sections_are_named_in_other_languages_too(classes: str) -> None:
    from cleaner.html.hints import class_label

    found = class_label(classes)
    assert found is not None and found[0] is Label.COMMENTS


def test_taxonomy_classes_name_a_topic_not_a_widget() -> None:
    from cleaner.html.hints import class_label

    # WordPress post_class / body_class carry the post's category and tag slugs
    assert class_label("post type-post status-publish hentry category-deductions-and-credits") is None
    assert class_label("archive category category-social-media-tips") is None
    assert class_label("tag-cloud") is not None and class_label("tag-list widget") is not None
    assert class_label("photo-credit") is not None
    # BEM-style article containers cancel a widget word as the hyphenated names do
    assert class_label("rkv-entry__content sidebar-aware") is None


def test_a_small_box_around_an_email_field_is_a_signup_box() -> None:
    hints = {b.text: b.hint for b in _blocks(
        "<html><body><article><p>First paragraph of the story, long enough to be the article itself.</p>"
        "<div class='box'><p><strong>Get our letter</strong></p><p>Once a month. No spam.</p>"
        "<p><input type='email'> <button>Send</button></p></div><p>Story goes on.</p></article>"
        "<form><input type='search' name='q'></form></body></html>"
    )}
    assert hints["Get our letter"] is Label.SUBSCRIBE
    assert hints["Once a month. No spam."] is Label.SUBSCRIBE
    assert hints["Story goes on."] is None
    assert hints["First paragraph of the story, long enough to be the article itself."] is None
    email_box = {b.text: b.cues.email_box for b in _blocks(
        "<html><body><article><p>Story.</p><div class='box'><p>Get our letter</p><p><input type='email'></p></div>"
        "<div><p>Get the Briefing</p><a href='/newsletters/briefing'>Sign up</a></div></article></body></html>")}
    # the judge drops a sign-up form's text whatever its score; a box around a sign-up link is only hinted (a hero
    # section's "Get started" is one too)
    assert email_box == {"Story.": False, "Get our letter": True, "Get the Briefing": False, "Sign up": False}


def test_block_text_is_nfc_normalised() -> None:
    (block,) = _blocks("<body><p>gepru\u0308ft</p></body>")
    assert block.text == "gepr\u00fcft"


def test_soft_hyphens_and_zero_width_spaces_are_removed() -> None:
    (block,) = _blocks("<body><p>Sans recherche auto\u00adnome, nous\u200b n’avons</p></body>")
    assert block.text == "Sans recherche autonome, nous n’avons"


def test_a_small_box_around_a_signup_button_link_is_a_signup_box() -> None:
    hints = {b.text: b.hint for b in _blocks(
        "<html><body><article><p>The strike ended on Monday after a long night of talks at the port.</p>"
        "<div><p><strong>Get the Briefing</strong></p><p>Top stories every morning.</p>"
        "<a href='/newsletters/briefing'>Sign up</a></div>"
        "<p>Read <a href='/newsletters/briefing'>about our newsletters and how we choose the stories</a>.</p>"
        "</article></body></html>"
    )}
    assert hints["Get the Briefing"] is Label.SUBSCRIBE
    assert hints["Top stories every morning."] is Label.SUBSCRIBE
    assert hints["The strike ended on Monday after a long night of talks at the port."] is None
    assert hints["Read about our newsletters and how we choose the stories."] is None  # a sentence, not a button


def test_an_unbalanced_tag_inside_noscript_does_not_swallow_the_page() -> None:
    html = ("<html><body><NOSCRIPT><div id='nojs'></noscript><p>The park counted nine mothers this year.</p>"
            "<noscript></div></noscript><p>Second paragraph.</p></body></html>")
    assert [b.text for b in _blocks(html)] == ["The park counted nine mothers this year.", "Second paragraph."]


def test_an_unclosed_noscript_is_left_to_the_parser() -> None:
    html = "<body><p>Kept text.</p><noscript><p>fallback"
    assert [b.text for b in _blocks(html)] == ["Kept text."]


def test_ruby_annotations_are_not_part_of_the_text() -> None:
    html = ("<body><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの"
            "<ruby>法律<rt>ほうりつ</rt></ruby>ができて</p></body>")
    assert [b.text for b in _blocks(html)] == ["子どもへの法律ができて"]


def test_markup_in_a_client_side_template_is_rendered_but_data_and_placeholders_are_not() -> None:
    html = ("<body><div itemprop='articleBody'><script type='text/template'>\n <span>Posted by A</span>"
            "<p>Over the past few years threats grew.</p><p>Second.</p></script></div>"
            "<script type='text/template'><p>{{ title }}</p></script>"
            "<script type='text/template'><![CDATA[{\"content\": \"<p>json</p>\"}]]></script></body>")
    assert [b.text for b in _blocks(html)] == ["Posted by A", "Over the past few years threats grew.", "Second."]


def test_an_unclosed_button_does_not_swallow_the_article() -> None:
    # as a browser builds it, <main> ends up inside the open <button>: its text must still be walked
    html = ("<body><header><button>Menu<main><h1>Bridge approved</h1><p>The council voted on Tuesday to build "
            "the bridge.</p></main></header></body>")
    assert [b.text for b in _blocks(html)] == [
        "Menu", "Bridge approved", "The council voted on Tuesday to build the bridge."]


def test_blocks_know_their_containers() -> None:
    tree = parse("<body><article class='post'><p>One.</p><div><p>Two.</p></div></article><nav><a>x</a></nav></body>")
    assert tree is not None and tree.body is not None
    seg = walk(tree.body)
    tags = [seg.containers[c].tag for c in seg.block_container]
    assert tags == ["p", "p", "nav"]
    inner = seg.containers[seg.block_container[1]]
    assert seg.containers[inner.parent].tag == "div"
    assert seg.containers[seg.containers[inner.parent].parent].attrs.strip() == "post"


def test_a_headings_permalink_mark_is_not_its_text() -> None:
    html = ('<html><body><h2 id="s">Settings<a class="headerlink" href="#s" title="Permanent link">¶</a></h2>'
            '<p>See <a href="#s">#</a> and <a href="/x">¶ notes</a>.</p></body></html>')
    record = cleaner.clean(html).to_dict()
    texts = [b.text for b in walk(parse(html).body).blocks]
    assert texts[0] == "Settings"
    assert "¶ notes" in texts[1] and "#" not in texts[1]
    assert "¶" not in (record["markdown"] or "").split("\n")[0]


def test_a_code_block_with_a_line_element_per_line_is_one_block() -> None:
    # highlighters wrap each line (and its number) in block elements inside the <pre>; <br> is a line break there
    blocks = _blocks(
        "<body><p>Run this:</p><pre><div><span>1</span><div>import os</div></div>"
        "<div><span>2</span><div><div>print(os.name)</div></div></div></pre><pre>a = 1<br>b = 2</pre>"
        "<p>Then this.</p></body>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (Kind.PARAGRAPH, "Run this:"),
        (Kind.CODE, "1\nimport os\n2\nprint(os.name)"),
        (Kind.CODE, "a = 1\nb = 2"),
        (Kind.PARAGRAPH, "Then this."),
    ]


def test_hidden_tab_and_accordion_panels_are_walked_and_marked_collapsed() -> None:
    blocks = _blocks(
        "<body><p>Pick a language.</p><div role='tabpanel' hidden><p>Install the Node package.</p></div>"
        "<div class='faq-answer' style='display:none'><p>Yes, it runs offline.</p></div>"
        "<div hidden><p>Plain hidden text.</p></div><div aria-hidden='true' class='menu'><p>Menu copy</p></div>"
        "</body>"
    )
    assert [(b.text, b.cues.collapsed) for b in blocks] == [
        ("Pick a language.", False),
        ("Install the Node package.", True),
        ("Yes, it runs offline.", True),
    ]


def test_accordion_regions_are_collapsed_and_streamed_boundaries_shown() -> None:
    # a control's aria-controls does not reveal its panel: carousels and menus name theirs too
    blocks = _blocks(
        "<body><h3><a aria-controls='a1' aria-expanded='false'>How much do I need?</a></h3>"
        "<div id='a1' aria-hidden='true'><p>It depends on your spending.</p></div>"
        "<div role='region' style='display:none'><p>Week one: the survey.</p></div>"
        "<div hidden id='S:1f'><p>Streamed in by the framework.</p></div>"
        "<div hidden id='other'><p>Never shown.</p></div></body>"
    )
    assert [(b.text, b.cues.collapsed) for b in blocks] == [
        ("How much do I need?", False),
        ("Week one: the survey.", True),
        ("Streamed in by the framework.", False),
    ]
