"""The library API: clean(), clean_file(), the record's shape and the library's own errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner
from cleaner import Article, CleanerError, InputError, NotAPageError, Options
from cleaner.model import FIELDS

PAGE = """<!doctype html><html lang="en"><head><title>Water returns to the old mill | Valley Post</title></head>
<body><article><h1>Water returns to the old mill</h1>
<p>After forty years without a drop, the mill race at Hollow Creek is running again, thanks to a volunteer
crew that spent three summers clearing silt, roots and a surprising number of shopping trolleys.</p>
<p>The restored wheel turned for the first time on Saturday, watched by a crowd of about two hundred people
who had come with picnic baskets and folding chairs to see whether the thing would actually move.</p>
<p>It did, slowly at first and then with a steady creak that the organisers say they intend to keep.</p>
</article></body></html>"""


def test_clean_returns_an_article_with_every_field() -> None:
    article = cleaner.clean(PAGE)
    assert isinstance(article, Article)
    record = article.to_dict()
    assert list(record) == list(FIELDS)
    assert "forty years without a drop" in (record["body"] or "")
    assert record["format"] == "html"
    assert record["word_count"] == len((record["body"] or "").split())
    assert isinstance(record["authors"], list)
    assert isinstance(record["captions"], list)


def test_to_json_round_trips_and_keeps_unicode() -> None:
    article = cleaner.clean(PAGE.replace("mill race", "mühle race"))
    text = article.to_json()
    assert "mühle" in text
    assert json.loads(text) == article.to_dict()


def test_explain_lists_removed_blocks_only_when_asked() -> None:
    assert "removed" not in cleaner.clean(PAGE).to_dict()
    record = cleaner.clean(PAGE, options=Options(explain=True)).to_dict()
    assert isinstance(record["removed"], list)
    for item in record["removed"]:
        assert set(item) == {"text", "label", "reason"}
        assert item["label"] in {label.value for label in cleaner.Label}


def test_bytes_and_str_give_the_same_record() -> None:
    assert cleaner.clean(PAGE.encode("utf-8")).to_dict() == cleaner.clean(PAGE).to_dict()


def test_url_is_recorded() -> None:
    assert cleaner.clean(PAGE, url="https://example.org/mill").to_dict()["url"] == "https://example.org/mill"


def test_clean_file_records_its_path(tmp_path: Path) -> None:
    page = tmp_path / "mill.html"
    page.write_text(PAGE, encoding="utf-8")
    assert cleaner.clean_file(page).to_dict()["source"] == str(page)


@pytest.mark.parametrize("make", [lambda p: p / "missing.html", lambda p: p])
def test_clean_file_unreadable_raises_input_error(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        cleaner.clean_file(make(tmp_path))


@pytest.mark.parametrize("content", [b"", "   \n\t ", b"\n\n"])
def test_empty_input_is_not_a_page(content: bytes | str) -> None:
    with pytest.raises(NotAPageError):
        cleaner.clean(content)


def test_every_error_is_a_cleaner_error() -> None:
    assert issubclass(InputError, CleanerError)
    assert issubclass(NotAPageError, CleanerError)


def test_public_api_is_listed() -> None:
    for name in ("clean", "clean_file", "Options", "Article", "CleanerError"):
        assert name in cleaner.__all__
        assert hasattr(cleaner, name)


def test_options_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Options().explain = True  # type: ignore[misc]


def test_a_page_whose_only_story_sits_in_an_aside_still_has_a_body() -> None:
    story = ("Frankfurt (dpa) - For a novel about the old republic, the author has won this year's book prize, and the "
             "jury said that the book was the most daring of the year, and that it had read it twice before it "
             "made up its mind about the winner.")
    html = (f"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><h1>Author wins the book prize</h1>"
            f"<aside class='paywall-teaser'><p>{story}</p></aside><footer>Copyright 2019</footer></body></html>")
    article = cleaner.clean(html)
    assert article.body == story


