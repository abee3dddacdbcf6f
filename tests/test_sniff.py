"""Format sniffing (html / markdown / text) and binary refusal; every pattern linear-time on hostile text."""

from __future__ import annotations

import time

import pytest

from cleaner import binary
from cleaner.options import Format
from cleaner.sniff import SNIFF_WINDOW, sniff

HTML_PAGES = [
    "<!DOCTYPE html><html><body><p>Hi</p></body></html>",
    "\n\n  <html lang='en'><head><title>x</title></head></html>",
    "<!-- saved from url=(0042)https://example.org/ -->\n<!doctype html><html></html>",
    "<!-- a --><!-- b -->\n<!-- c -->\n<html>",
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n<html>',
    "<div class='article'><p>A fragment of a page, no html element at all.</p></div>",
    "Some text first, then " + "<p>a paragraph</p><br>" * 5,
    # a page whose window is mostly an inline script: few tags for its size, but its <body> is there
    "<script>" + "var settings = {a: 1, b: 2};\n" * 400 + "</script><body><p>Story</p><br><br></body>",
]
MARKDOWN = [
    "# Title\n\nSome text with a [link](https://example.org) and **bold** words.\n\n- item one\n- item two\n",
    "Title\n=====\n\n> a quote\n\n* one\n* two\n",
    "![photo](https://example.org/a.jpg)\n\nText with a [link](https://en.wikipedia.org/wiki/Foo_(bar)).\n\n## More\n",
    # links with titles, and a heading: a converter's output
    "Menu\n\n## Story\n\nThe institute put the rules [on its site](https://example.org/a.html \"Go to it\").\n",
]
TEXT = [
    "Just a plain paragraph of prose.\n\nAnd another one, with no markup at all.",
    "A line mentioning 3 < 4 and a > b, and an email <me@example.org>.",
    "# one hash heading only, then prose with no other cues at all.",
    # a browser copy of a page with a few stray tags in it (an ad widget's markup, shown as text)
    "\n".join(["Home", "News", "A story headline"] + ["A line of the story that goes on for a while."] * 12
              + ["<span class=branding>Sponsored by </span>Acme", "<span class=branding>Sponsored by </span>Beta"]),
]


@pytest.mark.parametrize("text", HTML_PAGES)
def test_html(text: str) -> None:
    assert sniff(text) is Format.HTML


@pytest.mark.parametrize("text", MARKDOWN)
def test_markdown(text: str) -> None:
    assert sniff(text) is Format.MARKDOWN


@pytest.mark.parametrize("text", TEXT)
def test_text(text: str) -> None:
    assert sniff(text) is Format.TEXT


@pytest.mark.parametrize("fmt", [Format.HTML, Format.TEXT, Format.MARKDOWN])
def test_an_explicit_format_always_wins(fmt: Format) -> None:
    for text in (*HTML_PAGES, *MARKDOWN, *TEXT):
        assert sniff(text, fmt) is fmt


def test_an_unclosed_leading_comment_is_not_html_by_itself() -> None:
    assert sniff("<!-- never closed, then " + "plain words " * 50) is Format.TEXT


#: inputs that made the old patterns backtrack over the whole window (seconds to minutes each)
HOSTILE = {
    "blank-lines": " \n" * 50_000 + "x",
    "open-brackets": "[" * SNIFF_WINDOW,
    "link-openers": "[a](" * 25_000,
    "image-openers": "![" * 50_000,
    "tag-openers": "x<div " * 20_000,
    "closed-comments": "<!---->" * 14_000 + "x",
    "comment-openers": "<!--" * 25_000,
    "bold-openers": "**a" * 33_000,
    "hashes": "#" * SNIFF_WINDOW,
    "less-than": "<" * SNIFF_WINDOW,
    "end-tag-openers": "</p" * 33_000,
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_sniffing_is_fast_on_hostile_text(text: str) -> None:
    started = time.perf_counter()
    sniff(text + "tail " * 1000)
    assert time.perf_counter() - started < 0.5  # linear: ~10 ms here; the old patterns took 1-50 s


def test_sniffing_reads_only_the_window() -> None:
    started = time.perf_counter()
    assert sniff("plain words. " * 2_000_000) is Format.TEXT  # 26 MB
    assert time.perf_counter() - started < 1.0


# --- binary refusal (cleaner.binary), before any decoding -----------------------------------------------------

SIGNATURES = {
    b"%PDF-1.4\n": "a PDF document",
    b"\x89PNG\r\n\x1a\n\x00\x00": "a PNG image",
    b"\xff\xd8\xff\xe0\x00\x10JFIF": "a JPEG image",
    b"GIF89a\x01\x00": "a GIF image",
    b"RIFF\x00\x01\x00\x00WEBPVP8 ": "a WebP image",
    b"\x00\x00\x00\x20ftypavif": "an AVIF image",
    b"\x00\x00\x00\x20ftypisom": "an MP4 or other ISO media file",
    b"PK\x03\x04\x14\x00\x00\x00readme.txt": "a zip archive",
    b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml": "an Excel workbook (xlsx)",
    b"PK\x03\x04\x14\x00\x00\x00mimetypeapplication/epub+zip": "an EPUB e-book",
    b"\x1f\x8b\x08\x00": "a gzip archive",
    b"BZh91AY&SY": "a bzip2 archive",
    b"\xfd7zXZ\x00\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07\x00": "a RAR archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Microsoft Office document (Word, Excel or PowerPoint)",
    b"{\\rtf1\\ansi": "an RTF document",
    b"SQLite format 3\x00": "an SQLite database",
    b"\x7fELF\x02\x01": "an executable (ELF)",
    b"wOF2\x00\x01": "a web font (WOFF2)",
    b"ID3\x04\x00\x00": "an MP3 audio file",
    b"OggS\x00\x02": "an Ogg audio or video file",
}


@pytest.mark.parametrize("head", list(SIGNATURES), ids=[v for v in SIGNATURES.values()])
def test_binary_signatures_are_named(head: bytes) -> None:
    assert binary.identify(head + bytes(range(256))) == SIGNATURES[head]


def test_svg_is_an_image_not_a_page() -> None:
    svg = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- x -->\n<svg xmlns="http://www.w3.org/2000/svg"><text>Hi</text></svg>'
    assert binary.identify(svg) == "an SVG image"
    assert binary.identify(b"<!doctype html><html><body><svg></svg><p>A page with an inline SVG</p>") is None


def test_tar_is_found_at_its_offset() -> None:
    assert binary.identify(b"file.txt".ljust(257, b"\x00") + b"ustar\x0000" + b"\x00" * 200) == "a tar archive"


def test_random_bytes_are_binary_data() -> None:
    import random

    noise = random.Random(1).randbytes(4096)
    assert binary.identify(noise) == "binary data"


@pytest.mark.parametrize(
    "text",
    [
        b"<!doctype html><html><body><p>Hello</p></body></html>",
        b"BZh is how the bzip2 format begins, and this is text.",
        b"ID3 tags are metadata in MP3 files; this line is prose.",
        b"MZ stands for Mark Zbikowski. Plain text.",
        b"BM: a plain line",
        "Текст на русском, в UTF-8.".encode(),
        "東京は日本の首都です。".encode("shift_jis"),
        "北京是中国的首都。".encode("gb18030"),
        "<p>UTF-16 text without a BOM</p>".encode("utf-16-le"),
        "<p>UTF-16 big-endian</p>".encode("utf-16-be"),
        "<p>UTF-32 text</p>".encode("utf-32-le"),
        b"\x1b[31mANSI colours\x1b[0m in a log",
        b"text with a stray NUL\x00 in it, and another\x00 here; otherwise prose " * 3,
        b"",
    ],
)
def test_text_is_not_binary(text: bytes) -> None:
    assert binary.identify(text) is None


def test_str_input_holding_a_binary_file_is_recognised() -> None:
    assert binary.identify_text("%PDF-1.7\n%âãÏÓ") == "a PDF document"
    assert binary.identify_text("<p>Hello</p>") is None


_PAGE_IN_CODE = "<html>\n<head>\n  <title>Demo</title>\n</head>\n<body>\n  <div id=\"app\"></div>\n</body>\n</html>"


def test_a_markdown_post_about_html_is_markdown() -> None:
    intro = ("# [Get your code covered](/code/covered/)\n\nSo you test your **frontend code**? Great. Here is the "
             "page the tests run in:\n\n")
    indented = intro + "\n".join("    " + line for line in _PAGE_IN_CODE.splitlines()) + "\n\nThat is all.\n"
    fenced = intro + "```html\n" + _PAGE_IN_CODE + "\n```\n\nThat is all.\n"
    assert sniff(indented) is Format.MARKDOWN
    assert sniff(fenced) is Format.MARKDOWN
    # the same tags outside code are a page, whatever Markdown-like lines it holds
    assert sniff("# Notes\n\nSome **bold** words.\n\n" + _PAGE_IN_CODE) is Format.HTML
