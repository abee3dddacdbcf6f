"""Issue 11, item 3: ``--page-type TYPE`` for ``cleaner clean`` and ``cleaner batch`` forces the record's page
type (``sources.page_type`` "forced"); a value that is not a PageType is a usage error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleaner.options import PageType

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "en-howto-lists-quote-links"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False, encoding="utf-8")


def _record(*args: str | Path) -> dict[str, Any]:
    result = _run("clean", SAMPLE / "page.html", *args)
    assert result.returncode == 0, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def test_clean_without_the_flag_detects_the_type() -> None:
    record = _record()
    assert record["page_type"] == "article" and record["sources"]["page_type"] != "forced"


@pytest.mark.parametrize("kind", ["forum", "product", "other"])
def test_clean_page_type_forces_the_type(kind: str) -> None:
    record = _record("--page-type", kind)
    assert record["page_type"] == kind
    assert record["sources"]["page_type"] == "forced"


def test_every_page_type_is_a_choice() -> None:
    help_text = _run("clean", "--help").stdout
    assert "--page-type TYPE" in help_text
    for kind in PageType:
        assert kind.value in help_text


@pytest.mark.parametrize("command", ["clean", "batch"])
@pytest.mark.parametrize("value", ["blog", "Forum", ""])
def test_bad_page_type_is_a_usage_error(command: str, value: str, tmp_path: Path) -> None:
    extra = ["-o", str(tmp_path / "out.jsonl")] if command == "batch" else []
    result = _run(command, SAMPLE / "page.html", *extra, "--page-type", value)
    assert result.returncode == 2, result.stderr
    assert "--page-type" in result.stderr and "invalid choice" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def _pages(root: Path) -> Path:
    root.mkdir()
    (root / "a.html").write_bytes((SAMPLE / "page.html").read_bytes())
    (root / "b.txt").write_text("Notes from the allotment\n\nThe first beans came up on Tuesday, two weeks later "
                                "than last year, after a cold and wet start to the spring.\n", encoding="utf-8")
    (root / "c.md").write_text("# Tool library\n\nThe tool library on Mill Lane now lends ladders, a cement mixer "
                               "and two wheelbarrows to members for a week at a time.\n", encoding="utf-8")
    return root


def _lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_forces_the_type_of_every_record(tmp_path: Path, workers: str) -> None:
    out = tmp_path / "out.jsonl"
    result = _run("batch", _pages(tmp_path / "in"), "-o", out, "--page-type", "listing", "--workers", workers, "-q")
    assert result.returncode == 0, result.stderr
    records = _lines(out)
    assert len(records) == 3
    for record in records:
        assert record["page_type"] == "listing", record["source"]
        assert record["sources"]["page_type"] == "forced", record["source"]


def test_batch_resume_refuses_another_page_type(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "in"), tmp_path / "out.jsonl"
    assert _run("batch", pages, "-o", out, "--page-type", "forum", "--workers", "1", "-q").returncode == 0
    before = out.read_bytes()
    for extra in (["--page-type", "product"], []):
        result = _run("batch", pages, "-o", out, "--resume", *extra, "--workers", "1", "-q")
        assert result.returncode == 2, (extra, result.stderr)
        assert "--resume with other options" in result.stderr and "page_type" in result.stderr
    assert out.read_bytes() == before
    again = _run("batch", pages, "-o", out, "--resume", "--page-type", "forum", "--workers", "1", "-q")
    assert again.returncode == 0 and "3 already done" in again.stderr, again.stderr


def test_batch_without_the_flag_resumes_an_output_started_before_it(tmp_path: Path) -> None:
    pages, out = _pages(tmp_path / "in"), tmp_path / "out.jsonl"
    assert _run("batch", pages, "-o", out, "--workers", "1", "-q").returncode == 0
    run_file = tmp_path / ".out.jsonl.cleaner-run"
    assert "page_type" not in json.loads(run_file.read_text(encoding="utf-8"))["settings"]
    again = _run("batch", pages, "-o", out, "--resume", "--workers", "1", "-q")
    assert again.returncode == 0 and "3 already done" in again.stderr, again.stderr
