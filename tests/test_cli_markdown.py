"""Issue 13: ``cleaner clean --to json|markdown|text``, ``--favor``, the Markdown flags, and
``cleaner batch --to markdown`` into a folder of .md files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "en-howto-lists-quote-links"
URL = (SAMPLE / "url.txt").read_text(encoding="utf-8").strip()


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False, encoding="utf-8")


def test_to_markdown_prints_front_matter_and_the_article() -> None:
    yaml = pytest.importorskip("yaml")
    result = _run("clean", SAMPLE / "page.html", "--url", URL, "--to", "markdown")
    assert result.returncode == 0, result.stderr
    _, front, article = result.stdout.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "How to plan a raised bed for its first season"
    assert meta["authors"] == ["Priya Nandakumar"] and meta["url"] == URL
    assert article.strip() == (SAMPLE / "expected.md").read_text(encoding="utf-8").strip()


def test_to_text_prints_the_body_and_json_is_the_default() -> None:
    text = _run("clean", SAMPLE / "page.html", "--to", "text")
    record = json.loads(_run("clean", SAMPLE / "page.html").stdout)
    assert text.returncode == 0 and text.stdout == record["body"] + "\n"
    assert record["markdown"].startswith("A raised bed warms up")


def test_markdown_flags_and_favor() -> None:
    plain = json.loads(_run("clean", SAMPLE / "page.html", "--url", URL, "--no-links").stdout)
    assert "](" not in plain["markdown"]
    for favor in ("precision", "recall"):
        assert _run("clean", SAMPLE / "page.html", "--favor", favor).returncode == 0


@pytest.mark.parametrize("args", [["--to", "yaml"], ["--favor", "most"]])
def test_bad_values_are_usage_errors(args: list[str]) -> None:
    result = _run("clean", SAMPLE / "page.html", *args)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_batch_to_markdown_writes_one_md_per_input(tmp_path: Path) -> None:
    pages = tmp_path / "in"
    (pages / "sub").mkdir(parents=True)
    (pages / "a.html").write_bytes((SAMPLE / "page.html").read_bytes())
    (pages / "sub" / "b.md").write_text("# Notes\n\nA short note that is long enough to be a paragraph of text, "
                                         "written by hand for this test.\n", encoding="utf-8")
    (pages / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = _run("batch", pages, "-o", out, "--to", "markdown", "--workers", "1", "-q")
    assert result.returncode == 1, result.stderr  # the empty file is an error record
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name[0] != ".")
    assert files == ["a.html.md", "empty.txt.md", "sub/b.md.md"]
    assert "1. Cardboard over the grass" in (out / "a.html.md").read_text(encoding="utf-8")
    assert 'error: {"type": "not-a-page"' in (out / "empty.txt.md").read_text(encoding="utf-8")
    again = _run("batch", pages, "-o", out, "--to", "markdown", "--workers", "1", "-q", "--resume")
    assert again.returncode == 0 and "3 already done" in again.stderr
    other = _run("batch", pages, "-o", out, "--workers", "1", "-q", "--resume")  # --to json now: refused
    assert other.returncode == 2 and "to: 'markdown' then" in other.stderr


def test_batch_to_markdown_needs_a_folder(tmp_path: Path) -> None:
    result = _run("batch", SAMPLE / "page.html", "-o", tmp_path / "x.jsonl", "--to", "markdown", "-q")
    assert result.returncode == 2 and "OUTPUT must be a folder" in result.stderr
