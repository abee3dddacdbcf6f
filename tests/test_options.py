"""Issue 12, items 3 and 4: option values are checked up front, in code and on the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner import CleanerError, Format, Options
from cleaner.errors import UsageError

PAGE = b"""A headline about the river

After forty years without a drop, the mill race at Hollow Creek is running again, thanks to a volunteer crew
that spent three summers clearing silt, roots and a surprising number of shopping trolleys.
"""


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False)


def test_a_str_for_format_is_taken_as_its_enum() -> None:
    assert Options(format="html").format is Format.HTML  # type: ignore[arg-type]
    assert Options(format="Markdown").format is Format.MARKDOWN  # type: ignore[arg-type]
    assert cleaner.clean(PAGE, options=Options(format="text")).format == "text"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"format": "pdf"}, ValueError, "Options.format"),
        ({"format": 3}, TypeError, "Options.format"),
        ({"max_bytes": -1}, ValueError, "Options.max_bytes"),
        ({"max_bytes": 0}, ValueError, "Options.max_bytes"),
        ({"max_bytes": "10"}, TypeError, "Options.max_bytes"),
        ({"time_limit": -1}, ValueError, "Options.time_limit"),
        ({"time_limit": float("nan")}, ValueError, "Options.time_limit"),
        ({"time_limit": "5"}, TypeError, "Options.time_limit"),
        ({"explain": "yes"}, TypeError, "Options.explain"),
        ({"encoding": "klingon"}, ValueError, "unknown charset 'klingon'"),
        ({"encoding": 8}, TypeError, "Options.encoding"),
    ],
)
def test_bad_option_values_fail_at_once_with_a_clear_message(kwargs: dict[str, Any], error: type, words: str) -> None:
    with pytest.raises(error, match=words) as caught:
        Options(**kwargs)
    assert isinstance(caught.value, CleanerError)


def test_replace_checks_too() -> None:
    import dataclasses

    with pytest.raises(ValueError, match="max_bytes"):
        dataclasses.replace(Options(), max_bytes=-5)


@pytest.mark.parametrize("content", [None, 42, ["<p>x</p>"]])
def test_clean_refuses_what_is_not_a_page_type(content: Any) -> None:
    with pytest.raises(TypeError, match="bytes or str") as caught:
        cleaner.clean(content)
    assert isinstance(caught.value, CleanerError)


def test_clean_checks_its_other_arguments() -> None:
    with pytest.raises(TypeError, match="options"):
        cleaner.clean(PAGE, options={"explain": True})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="url"):
        cleaner.clean(PAGE, url=b"https://example.org")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path"):
        cleaner.clean_file(None)  # type: ignore[arg-type]


def test_bytearray_and_memoryview_are_bytes() -> None:
    assert cleaner.clean(bytearray(PAGE)).body == cleaner.clean(memoryview(PAGE)).body == cleaner.clean(PAGE).body


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "-", "--max-bytes", "-1"],
        ["clean", "-", "--max-bytes", "0"],
        ["clean", "-", "--time-limit", "-1"],
        ["clean", "-", "--time-limit", "nan"],
        ["clean", "-", "--indent", "-3"],
        ["batch", ".", "-o", "out.jsonl", "--timeout", "-5"],
        ["batch", ".", "-o", "out.jsonl", "--max-bytes", "-1"],
    ],
)
def test_bad_values_on_the_command_line_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, cwd=tmp_path,
                            timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "error: argument --" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_an_unknown_charset_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_bytes(PAGE)
    out = tmp_path / "out.jsonl"
    for result in (_cli("clean", page, "--encoding", "klingon"),
                   _cli("batch", page.parent, "-o", out, "--encoding", "klingon")):
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == "cleaner: error: unknown charset 'klingon' (Options.encoding / --encoding)"
    assert not out.exists()  # no record of any kind was written


def test_usage_error_is_a_cleaner_error_and_a_value_error() -> None:
    assert issubclass(UsageError, CleanerError) and issubclass(UsageError, ValueError)
