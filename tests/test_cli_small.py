"""Issue 12, item 8: small things: errors name their file, "1 page", --include that matches nothing, --exclude of a
folder, and `cleaner clean a b`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.batch import plan
from cleaner.batch.records import Summary
from cleaner.batch_cli import format_summary

TEXT = "Story {i}\n\nAfter forty years without a drop, the mill race at Hollow Creek is running again ({i}).\n"


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False)


def test_an_error_about_a_named_file_names_it(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4)
    with pytest.raises(cleaner.NotAPageError, match=r"photo\.jpg: not a web page: looks like a JPEG image") as caught:
        cleaner.clean_file(photo)
    assert caught.value.kind == "not-a-page"
    result = _cli("clean", photo)
    assert result.returncode == 4
    assert result.stderr == f"cleaner: error: {photo}: not a web page: looks like a JPEG image\n"
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert f"{empty}: empty input" in _cli("clean", empty).stderr
    missing = _cli("clean", tmp_path / "gone.html").stderr
    assert missing.count(str(tmp_path / "gone.html")) == 1  # named once, not twice


def test_the_summary_says_1_page_and_1_error() -> None:
    summary = Summary()
    summary.add({"source": "a", "error": {"type": "input", "message": "x"}})
    line = format_summary(summary, 1.0)
    assert "cleaner: 1 page in" in line and "1 error (input 1)" in line
    summary.add({"source": "b", "body": "text"})
    assert "2 pages in" in format_summary(summary, 1.0) and "1 ok" in format_summary(summary, 1.0)


def test_an_include_that_matches_nothing_warns(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT.format(i=1), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _cli("batch", inputs, "-o", out, "--include", "*.txt", "--include", "*.htm", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "warning: --include '*.htm' matched no file" in result.stderr
    assert "'*.txt'" not in result.stderr
    assert len(out.read_text().splitlines()) == 1


@pytest.mark.parametrize("pattern", ["sub", "sub/", "sub/*", "*/deeper"])
def test_exclude_of_a_folder_leaves_out_everything_in_it(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    for rel in ("top.txt", "sub/a.txt", "sub/deeper/b.txt", "other/c.txt", "other/sub.txt"):
        (tmp_path / rel).write_text(TEXT, encoding="utf-8")
    sources = sorted(task.source for task in plan([tmp_path], exclude=[pattern]))
    if pattern == "*/deeper":
        assert sources == ["other/c.txt", "other/sub.txt", "sub/a.txt", "top.txt"]
    else:
        assert sources == ["other/c.txt", "other/sub.txt", "top.txt"]


def test_clean_takes_one_file_at_a_time(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT.format(i=1), encoding="utf-8")
    b.write_text(TEXT.format(i=2), encoding="utf-8")
    result = _cli("clean", a, b)
    assert result.returncode == 2 and result.stdout == ""
    assert "one file at a time" in result.stderr and "cleaner batch" in result.stderr
    assert json.loads(_cli("clean", a).stdout)["source"] == str(a)
