"""The `cleaner` command, run as a user runs it: in a subprocess (`python -m cleaner` and the console script).

Exit codes are those documented in cleaner/cli.py: 0 ok, 2 usage, 3 input error, 4 not a page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleaner

#: the record's keys as issue 2 and the README document them, in order
DOCUMENTED_KEYS = [
    "title", "authors", "published", "modified", "site_name", "url", "language", "description", "tags", "image",
    "reading_time_minutes", "page_type", "body", "markdown", "word_count", "format", "source", "captions", "posts",
    "sources",
]  # fmt: skip
#: the fixed set of labels a removed block may carry
LABELS = {label.value for label in cleaner.Label}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Night buses return to the valley | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a></nav></header>
<article>
<h1>Night buses return to the valley</h1>
<p class="byline">By Ruth Maddox</p>
<p>Night buses will run again between the station and the upper valley villages from next month, four years after
the service was cut, the county council said on Tuesday after agreeing a three-year contract with a local operator.</p>
<p>The buses will leave the station every hour between midnight and four in the morning on Fridays and Saturdays,
calling at every village on the main road, and the fare will be the same as during the day.</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Copy link</a></div>
<p>Hospital staff and bar workers, who had campaigned for the service, said the last bus at half past eleven had made
late shifts impossible for anyone without a car, and that taxis cost more than a shift paid.</p>
</article>
<footer><p>© 2024 Valley Post. All rights reserved.</p></footer>
</body></html>
"""
ARTICLE_PHRASE = "Night buses will run again"


def _run(
    *args: str | Path, stdin: bytes | None = None, cwd: Path | None = None, exe: list[str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    command = (exe or [sys.executable, "-m", "cleaner"]) + [str(a) for a in args]
    return subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False)


def _record(result: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    record = json.loads(result.stdout.decode("utf-8"))
    assert isinstance(record, dict)
    return record


def _one_line_error(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    """The error contract: the documented exit code, nothing on stdout, one line on stderr, no traceback."""
    err = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == code, (result.returncode, err)
    assert result.stdout == b""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("cleaner: ")
    return err


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "night-buses.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


# --- success ---------------------------------------------------------------------------------------------------


def test_clean_file_prints_a_record_with_every_documented_key(page: Path) -> None:
    result = _run("clean", page)
    record = _record(result)
    assert list(record) == DOCUMENTED_KEYS  # every key present, none extra without --explain
    assert ARTICLE_PHRASE in record["body"]
    assert record["format"] == "html"
    assert record["source"] == str(page)
    assert record["url"] is None
    assert record["word_count"] == len(record["body"].split())
    for key in ("authors", "tags", "captions"):
        assert isinstance(record[key], list), key
    assert isinstance(record["sources"], dict)
    assert result.stderr == b""


def test_stdin_with_dash(page: Path) -> None:
    record = _record(_run("clean", "-", stdin=page.read_bytes()))
    assert record["source"] == "-"
    assert record["body"] == _record(_run("clean", page))["body"]


def test_stdin_when_no_file_is_given(page: Path) -> None:
    record = _record(_run("clean", stdin=page.read_bytes()))
    assert record["source"] == "-"
    assert ARTICLE_PHRASE in record["body"]


def test_url_is_echoed(page: Path) -> None:
    url = "https://valleypost.example/news/night-buses"
    assert _record(_run("clean", page, "--url", url))["url"] == url
    assert _record(_run("clean", "-", "--url", url, stdin=page.read_bytes()))["url"] == url


@pytest.mark.parametrize("fmt, expected", [("auto", "html"), ("html", "html"), ("text", "text"),
                                           ("markdown", "markdown")])  # fmt: skip
def test_format_option_forces_the_format(page: Path, fmt: str, expected: str) -> None:
    assert _record(_run("clean", page, "--format", fmt))["format"] == expected


def test_format_html_wins_over_a_text_extension(tmp_path: Path) -> None:
    saved = tmp_path / "saved.txt"
    saved.write_text(PAGE, encoding="utf-8")
    record = _record(_run("clean", saved, "--format", "html"))
    assert record["format"] == "html"
    assert "<p>" not in record["body"]


def test_explain_adds_removed_blocks_with_text_label_reason(page: Path) -> None:
    record = _record(_run("clean", page, "--explain"))
    assert list(record) == [*DOCUMENTED_KEYS, "removed"]
    assert isinstance(record["removed"], list)
    for item in record["removed"]:
        assert set(item) == {"text", "label", "reason"}, item
        assert item["label"] in LABELS, item
        assert isinstance(item["text"], str) and isinstance(item["reason"], str) and item["reason"]


def test_explain_lists_the_dropped_boilerplate(page: Path) -> None:
    """The page has a cookie banner, navigation, a byline, share links and a footer: each dropped block is listed."""
    record = _record(_run("clean", page, "--explain"))
    removed = " | ".join(item["text"] for item in record["removed"])
    assert record["removed"], "no dropped block listed"
    for boilerplate in ("Share on Facebook", "All rights reserved"):
        assert boilerplate not in record["body"]
        assert boilerplate in removed, f"{boilerplate!r} dropped but not listed in 'removed'"


def test_output_writes_a_file_and_nothing_to_stdout(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "article.json"
    out.parent.mkdir()
    result = _run("clean", page, "--output", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8")) == _record(_run("clean", page))
    short = tmp_path / "short.json"
    assert _run("clean", page, "-o", short).returncode == 0
    assert json.loads(short.read_text(encoding="utf-8"))["body"]


def test_indent_zero_prints_one_line_and_keeps_unicode(tmp_path: Path) -> None:
    saved = tmp_path / "cafe.html"
    saved.write_text(PAGE.replace("Night buses will run again", "Night buses to the café will run again"), "utf-8")
    result = _run("clean", saved, "--indent", "0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").count("\n") == 1  # one line of JSON and its newline
    assert "café" in result.stdout.decode("utf-8")  # not \u00e9


def test_encoding_option_decodes_an_undeclared_legacy_page(tmp_path: Path) -> None:
    saved = tmp_path / "legacy.html"
    saved.write_bytes(PAGE.replace('<meta charset="utf-8">', "").replace("next month", "next month (déjà vu)")
                      .encode("cp1252"))  # fmt: skip
    record = _record(_run("clean", saved, "--encoding", "cp1252"))
    assert "déjà vu" in record["body"]


def test_json_is_utf8_whatever_the_terminal_encoding(page: Path) -> None:
    """JSON is UTF-8 (RFC 8259): a latin-1 or ASCII stdout must not turn a Japanese page into a traceback."""
    saved = page.with_name("ja.html")
    saved.write_text(PAGE.replace(ARTICLE_PHRASE, f"深夜バスが再び運行 {ARTICLE_PHRASE}"), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(saved)], capture_output=True, env=env,
                            timeout=120, check=False)  # fmt: skip
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")[-300:]
    assert result.returncode == 0
    assert "深夜バス" in json.loads(result.stdout.decode("utf-8"))["body"]


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"cleaner {cleaner.__version__}"


def test_help_shows_examples_and_exit_codes() -> None:
    top = _run("--help")
    assert top.returncode == 0
    text = top.stdout.decode()
    assert "clean" in text and "Exit codes" in text
    for code in ("0", "2", "3", "4"):
        assert f"  {code}  " in text, f"exit code {code} not documented in --help"
    sub = _run("clean", "--help")
    assert sub.returncode == 0
    text = sub.stdout.decode()
    assert "examples:" in text
    assert "cleaner clean page.html" in text
    for option in ("--url", "--format", "--explain", "--output"):
        assert option in text


# --- errors: documented exit code, one line on stderr, no traceback --------------------------------------------


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    err = _one_line_error(_run("clean", tmp_path / "nope.html"), 3)
    assert "nope.html" in err


def test_a_directory_is_an_input_error(tmp_path: Path) -> None:
    err = _one_line_error(_run("clean", tmp_path), 3)
    assert str(tmp_path) in err


def test_a_path_through_a_file_is_an_input_error(page: Path) -> None:
    """Unreadable for everyone, root included: a path that treats a file as a folder."""
    _one_line_error(_run("clean", page / "inner.html"), 3)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_an_input_error(page: Path) -> None:
    page.chmod(0)
    try:
        _one_line_error(_run("clean", page), 3)
    finally:
        page.chmod(0o644)


def test_an_unwritable_output_is_an_input_error(page: Path, tmp_path: Path) -> None:
    _one_line_error(_run("clean", page, "--output", tmp_path / "no" / "such" / "dir" / "a.json"), 3)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"], ids=["empty", "blank"])
def test_empty_input_is_not_a_page(tmp_path: Path, content: bytes) -> None:
    saved = tmp_path / "empty.html"
    saved.write_bytes(content)
    _one_line_error(_run("clean", saved), 4)
    _one_line_error(_run("clean", "-", stdin=content), 4)


BINARY = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstream\n"
    + bytes(range(256)) * 4
    + b"\nendstream\n%%EOF\n",
    "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)) * 4,
}


@pytest.mark.parametrize("kind", sorted(BINARY))
def test_binary_input_is_not_a_page(tmp_path: Path, kind: str) -> None:
    """Issue 2, item 4: a clear one-line message for non-page input (an image, a PDF, a compressed file)."""
    saved = tmp_path / f"download.{kind}"
    saved.write_bytes(BINARY[kind])
    _one_line_error(_run("clean", saved), 4)


def test_an_unknown_encoding_is_refused_not_ignored(page: Path) -> None:
    result = _run("clean", page, "--encoding", "no-such-charset")
    assert result.returncode in (2, 4), result.returncode  # a bad argument, or input that cannot be decoded as asked
    assert result.stdout == b""
    err = result.stderr.decode()
    assert "Traceback" not in err and "no-such-charset" in err


def test_usage_errors_exit_2(page: Path) -> None:
    for args in (["clean", page, "--format", "pdf"], ["frobnicate"], [], ["clean", page, "--no-such-option"]):
        result = _run(*args)
        assert result.returncode == 2, args
        assert result.stdout == b""
        assert b"Traceback" not in result.stderr
        assert b"usage: cleaner" in result.stderr


# --- the console script ----------------------------------------------------------------------------------------


def _console_script() -> list[str]:
    found = Path(sys.executable).with_name("cleaner")
    if found.is_file():
        return [str(found)]
    on_path = shutil.which("cleaner")
    if on_path is None:
        pytest.skip("the 'cleaner' console script is not installed next to this Python nor on PATH")
    return [on_path]


def test_console_script_cleans_a_file_and_reports_errors(page: Path, tmp_path: Path) -> None:
    exe = _console_script()
    version = _run("--version", exe=exe)
    assert version.returncode == 0
    assert version.stdout.decode().strip() == f"cleaner {cleaner.__version__}"
    record = _record(_run("clean", page, exe=exe))
    assert list(record) == DOCUMENTED_KEYS
    assert record == _record(_run("clean", page))  # the same record as python -m cleaner
    _one_line_error(_run("clean", tmp_path / "missing.html", exe=exe), 3)
