"""Text and Markdown segmentation: one block per line / Markdown element, with the cues classify and revise use."""

from __future__ import annotations

from cleaner.model import Kind
from cleaner.text.markdown import inline, segment_markdown
from cleaner.text.segment import segment_text


def test_text_one_block_per_line_with_gap_and_repeats() -> None:
    blocks = segment_text("Menu\nSubscribe\n\nFirst paragraph here.\nSubscribe\n")
    assert [b.text for b in blocks] == ["Menu", "Subscribe", "First paragraph here.", "Subscribe"]
    assert [b.cues.gap_before for b in blocks] == [True, False, True, False]
    assert blocks[1].cues.repeats == 2 and blocks[0].cues.repeats == 1
    assert [b.cues.line for b in blocks] == [0, 1, 3, 4]
    assert all(b.cues.links is None for b in blocks)  # plain text cannot tell links
    assert [b.index for b in blocks] == [0, 1, 2, 3]


def test_text_bullets_are_list_items_and_keep_their_text() -> None:
    blocks = segment_text("• first point\n* indicates required\nplain")
    assert blocks[0].kind is Kind.LIST_ITEM and blocks[0].text == "• first point"
    assert blocks[1].text == "* indicates required"
    assert blocks[2].kind is Kind.PARAGRAPH


def test_text_collapses_inner_whitespace() -> None:
    assert segment_text("  a \t b\u00a0 c  ")[0].text == "a b c"


def test_inline_strips_links_emphasis_escapes_and_counts_link_text() -> None:
    parsed = inline("**Read** the [full report](https://e.org/r_(1)) and \\_escaped\\_ 1\\. snake_case")
    assert parsed.text == "Read the full report and _escaped_ 1. snake_case"
    assert parsed.links == 1
    assert parsed.link_chars == len("full report")


def test_inline_lone_link_reads_as_the_general_path() -> None:
    # a line that is one plain link takes a shortcut; a link next to other text goes the general way
    assert inline("  [ Home \t page ](/home)  ") == ("Home page", len("Home page"), 1, 0, "")
    assert inline("[](/x)") == ("", 0, 1, 0, "")
    assert inline("[Home](/home) x")[:3] == ("Home x", 4, 1)
    assert inline("[*Home*](/home)") == ("Home", 4, 1, 0, "")


def test_markdown_kinds_levels_and_link_density() -> None:
    md = (
        "# The headline\n\n"
        "  * [Home](/)\n  * [News](/news)\n\n"
        "![A fox in the snow](https://e.org/fox.jpg)\n\n"
        "A paragraph with a [link](/x) in it.\n\n"
        "> A quoted line\n> that goes on.\n\n"
        "## Sub heading\n\n"
        "```\ncode line 1\ncode line 2\n```\n\n"
        "a | b\n---|---\n1 | 2\n"
    )
    blocks = segment_markdown(md)
    kinds = [(b.kind, b.text) for b in blocks]
    assert kinds[0] == (Kind.HEADING, "The headline") and blocks[0].level == 1
    assert kinds[1] == (Kind.LIST_ITEM, "Home") and blocks[1].link_density == 1.0
    assert kinds[3] == (Kind.IMAGE, "A fox in the snow")
    assert kinds[4] == (Kind.PARAGRAPH, "A paragraph with a link in it.")
    assert 0 < blocks[4].link_density < 0.2
    assert kinds[5] == (Kind.QUOTE, "A quoted line that goes on.")
    assert kinds[6] == (Kind.HEADING, "Sub heading") and blocks[6].level == 2
    assert kinds[7] == (Kind.CODE, "code line 1\ncode line 2")
    assert (Kind.TABLE, "a | b") in kinds and (Kind.TABLE, "1 | 2") in kinds


def test_markdown_hard_breaks_join_one_paragraph_and_indented_code() -> None:
    blocks = segment_markdown("Line one  \nline two\n\n    x = 1\n    y = 2\n\nAfter.")
    assert blocks[0].text == "Line one line two"
    assert blocks[1].kind is Kind.CODE and blocks[1].text == "x = 1\ny = 2"
    assert blocks[2].text == "After."


def test_markdown_link_only_lines_without_text_are_skipped() -> None:
    blocks = segment_markdown("[](https://facebook.com/x)[](https://twitter.com/x)\n\nText.")
    assert [b.text for b in blocks] == ["Text."]


def test_hard_wrapped_prose_is_joined_and_menus_are_not() -> None:
    text = ("This document describes a protocol for storing data of a user on a server\n"
            "chosen by that user, and for reading it back from any device.\n\n"
            "Home\nNews\nSport\n")
    blocks = segment_text(text)
    assert blocks[0].text.startswith("This document") and blocks[0].text.endswith("any device.")
    assert [b.text for b in blocks[1:]] == ["Home", "News", "Sport"]


def test_code_lines_are_code() -> None:
    blocks = segment_text("As an example:\nfunction Cow(name) {\n  this.name = name;\n}\nThat is all.")
    assert [b.kind for b in blocks] == [Kind.PARAGRAPH, Kind.CODE, Kind.CODE, Kind.CODE, Kind.PARAGRAPH]


def test_a_markdown_link_title_spanning_blank_lines_does_not_leak_into_the_text() -> None:
    md = ('Intro paragraph here.\n\n#### [Survey results](https://example.org/x "Survey results\n\n'
          'The excerpt a converter copied into the title.")\n\nNext paragraph.')
    assert [b.text for b in segment_markdown(md)] == ["Intro paragraph here.", "Survey results", "Next paragraph."]


def test_an_indented_paragraph_under_a_list_marker_continues_the_item_not_code() -> None:
    md = ("Steps:\n\n1.\n\n     Mix the flour and the sugar in a bowl, then add the eggs one by one.\n\n"
          "2.\n\n     Bake for forty minutes.\n\nAfter a paragraph, indented lines are code:\n\n    def f(x):\n"
          "        return x\n")
    blocks = segment_markdown(md)
    assert [(b.kind, b.text) for b in blocks] == [
        (Kind.PARAGRAPH, "Steps:"),
        (Kind.PARAGRAPH, "Mix the flour and the sugar in a bowl, then add the eggs one by one."),
        (Kind.PARAGRAPH, "Bake for forty minutes."),
        (Kind.PARAGRAPH, "After a paragraph, indented lines are code:"),
        (Kind.CODE, "def f(x):\n    return x"),
    ]


def test_link_marks_of_a_link_spanning_lines_do_not_stay_in_the_text() -> None:
    md = ("Intro text here.\n\n[ ![A photo](https://x.org/a.png) Teaser headline of another story\n\n"
          "  * [](http://twitter.com/share?url=x)\n\n](https://example.org/story)\n\n"
          "[\n\n45 Min. A programme title ...](https://example.org/player)\n\n[1] A footnote keeps its bracket.\n")
    texts = [b.text for b in segment_markdown(md)]
    assert texts == ["Intro text here.", "Teaser headline of another story", "45 Min. A programme title ...",
                     "[1] A footnote keeps its bracket."]


def test_a_link_title_holding_quotes_is_cut_with_the_rest_of_the_title() -> None:
    md = '* [What is radon?](https://example.org/radon.html "More at: "What is radon?"")\n'
    assert [b.text for b in segment_markdown(md)] == ["What is radon?"]


def test_soft_hyphens_and_zero_width_spaces_do_not_split_words_in_text_pages() -> None:
    import cleaner
    from cleaner.options import Format, Options

    text = ("Die Neu\xadzeit beginnt hier.\n\n" + "Ein Absatz mit ge\u200bnug Wörtern, damit er als Text gilt und im "
            "Artikel bleibt, so wie jeder andere Absatz auch, der von der Neuzeit erzählt und lang genug ist.\n")
    body = cleaner.clean(text, options=Options(format=Format.TEXT)).body or ""
    assert "\xad" not in body and "\u200b" not in body and "genug" in body


def test_an_indented_line_with_a_link_is_text_not_code() -> None:
    md = ("Penny is a villager.\n\n    _Main article:[Marriage](https://example.org/Marriage \"Marriage\")_\n\n"
          "    for k in range(3):\n        print(k)\n")
    blocks = segment_markdown(md)
    assert (blocks[1].kind, blocks[1].text) == (Kind.PARAGRAPH, "Main article:Marriage")
    assert blocks[1].cues.links == 1 and blocks[0].cues.links == 0
    assert blocks[2].kind is Kind.CODE and blocks[2].text.startswith("for k in range(3):")
