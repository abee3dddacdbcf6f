"""Property tests (hypothesis): decode and clean() never fail with anything but a CleanerError, always give valid
JSON, and give the same output for the same input.

CI runs a fixed, derandomized budget (a few seconds per property). For a longer hunt:
``HYPOTHESIS_PROFILE=hunt pytest tests/test_fuzz.py`` (or scripts/fuzz_clean.py with atheris).
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Article, CleanerError, Format, Options
from cleaner.decode import decode, detect

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
settings.register_profile(
    "hunt", max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: pieces that steer random input towards the parsers' interesting states
FRAGMENTS = [
    "<html>", "</html>", "<body>", "</body>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<style>",
    "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", '<?xml version="1.0"?>', '<meta charset="utf-8">',
    '<meta charset="windows-1251">', "<title>", "</title>", "<table><tr><td>", "<a href='x'>", "</a>", "<br>",
    "&amp;", "&#0;", "&#x110000;", "&lol;", '<!DOCTYPE x [<!ENTITY lol "lol">]>', "<svg>", "<math>", "<template>",
    "# ", "## ", "> ", "- ", "* ", "1. ", "```", "[", "](", ")", "![", "**", "__", "`", "---", "===", "|", "\n",
    "\n\n", " ", "\t", "\r", "\x00", "\x0b", "\x0c", "\ufeff", "\u2028", "\ufffd", "\ud800", "\udc80", "é", "я", "字",
    "By Jane Doe", "Photo: Reuters", "Subscribe to our newsletter", "Read more", "Share on Facebook",
    "Published 2024-05-01", "The committee met on Tuesday and agreed a plan for the new bridge over the river. ",
]  # fmt: skip
#: BOMs and binary signatures, followed by anything
PREFIXES = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"%PDF-", b"\x1f\x8b", b"PK\x03\x04", b""]
page_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=60).map("".join)
page_bytes = st.one_of(
    st.binary(max_size=2_000),
    page_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(page_text, st.sampled_from(["cp1251", "shift_jis", "gb18030", "iso-8859-2", "cp1252", "utf-16"])).map(
        lambda p: p[0].encode(p[1], "replace")
    ),
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=500)).map(b"".join),
)
encodings = st.one_of(st.none(), st.sampled_from(["utf-8", "latin-1", "cp1251", "shift_jis", "utf-16", "gb2312"]))
formats = st.sampled_from(list(Format))


def _check_text(text: str) -> None:
    assert isinstance(text, str)
    assert "\x00" not in text
    text.encode("utf-8")  # no lone surrogates


@given(page_bytes, encodings)
def test_decode_bytes_never_fails_and_gives_clean_text(data: bytes, encoding: str | None) -> None:
    _check_text(decode(data, encoding))


@given(page_text)
def test_decode_str_never_fails_and_gives_clean_text(text: str) -> None:
    _check_text(decode(text))


@given(page_bytes)
def test_decode_is_deterministic(data: bytes) -> None:
    assert detect(data) == detect(data)


def _clean(content: bytes | str, fmt: Format) -> str:
    try:
        article = cleaner.clean(content, options=Options(format=fmt, explain=True, time_limit=10))
    except CleanerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return f"{type(exc).__name__}: {exc}"
    assert isinstance(article, Article)
    text = article.to_json()
    record = json.loads(text)
    assert record == article.to_dict()
    assert record["format"] == (fmt.value if fmt is not Format.AUTO else record["format"])
    assert record["body"] is None or record["body"].strip()
    text.encode("utf-8")
    return text


@given(page_bytes, formats)
def test_clean_bytes_gives_an_article_or_a_cleaner_error(data: bytes, fmt: Format) -> None:
    _clean(data, fmt)


@given(page_text, formats)
def test_clean_str_gives_an_article_or_a_cleaner_error(text: str, fmt: Format) -> None:
    _clean(text, fmt)


@given(st.one_of(page_bytes, page_text))
def test_clean_is_deterministic(content: bytes | str) -> None:
    assert _clean(content, Format.AUTO) == _clean(content, Format.AUTO)


#: Markdown pieces that meet at line starts: link ends, indents, list markers, fences
MD_FRAGMENTS = ["[", "]", "(", ")", "](http://x.y/z)", "![", "    ", "\t", "\n", "\n\n", "1.", "* ", "- ", "> ", "# ",
                "```", "~~~", "|", "---", "===", '"', "word ", "A sentence of some length goes here. "]  # fmt: skip
markdown_text = st.lists(st.sampled_from(MD_FRAGMENTS), max_size=400).map("".join)


@given(markdown_text, st.sampled_from([Format.MARKDOWN, Format.TEXT, Format.AUTO]))
@example("Intro.\n\n](http://x.y/z)    word \n", Format.MARKDOWN)  # once an endless loop
@settings(max_examples=400)
def test_small_markdown_is_cleaned_well_within_the_time_limit(text: str, fmt: Format) -> None:
    # a few KB take milliseconds: a time-limit error here is a loop that stands still, not a slow machine
    assert not _clean(text, fmt).startswith("TimeLimitError")
