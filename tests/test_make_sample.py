"""scripts/make_sample.py: a saved page in, a sample folder with a draft expected.json out (run on tmp copies)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_sample.py"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Ferry timetable doubles in summer | Island Gazette</title></head>
<body><article><h1>Ferry timetable doubles in summer</h1>
<p>The ferry between the harbour and the outer island will run every hour from June to September, twice as often as
in winter, after the operator added a second boat to the route for the first time in a decade.</p>
<p>Islanders had campaigned for the change for years, saying that a single crossing every two hours made it almost
impossible to commute to jobs on the mainland or to reach the hospital for early appointments.</p>
<p>The operator said it would review the timetable in October and keep the extra boat if demand stays high.</p>
</article></body></html>"""


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


def test_make_sample_writes_the_folder_and_a_draft_to_review(tmp_path: Path) -> None:
    saved = tmp_path / "Ferry Story.htm"
    saved.write_text(PAGE, encoding="utf-8")
    samples = tmp_path / "samples"

    result = _run(saved, "--samples", samples, "--url", "https://gazette.example/ferry")

    assert result.returncode == 0, result.stderr
    folder = samples / "ferry-story"  # slug from the file name
    assert sorted(p.name for p in folder.iterdir()) == ["expected.json", "page.html", "url.txt"]
    assert (folder / "page.html").read_bytes() == saved.read_bytes()
    assert (folder / "url.txt").read_text(encoding="utf-8").strip() == "https://gazette.example/ferry"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert list(expected)[:7] == ["title", "authors", "published", "modified", "site_name", "language", "body"]
    assert isinstance(expected["authors"], list)
    assert "every hour from June to September" in expected["body"]
    assert expected["body_without"] == []
    assert "REVIEW" in result.stdout and "expected.json" in result.stdout


def test_make_sample_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    samples = tmp_path / "samples"
    assert _run(saved, "--samples", samples, "--slug", "en-ferry").returncode == 0
    (samples / "en-ferry" / "expected.json").write_text('{"title": "reviewed"}\n', encoding="utf-8")

    again = _run(saved, "--samples", samples, "--slug", "en-ferry")
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr
    assert json.loads((samples / "en-ferry" / "expected.json").read_text(encoding="utf-8")) == {"title": "reviewed"}

    forced = _run(saved, "--samples", samples, "--slug", "en-ferry", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "title" in json.loads((samples / "en-ferry" / "expected.json").read_text(encoding="utf-8"))
    assert [p.name for p in (samples / "en-ferry").glob("page.*")] == ["page.html"]


def test_make_sample_rejects_a_bad_slug_and_a_missing_page(tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    bad = _run(saved, "--samples", tmp_path / "samples", "--slug", "Not A Slug")
    assert bad.returncode == 1 and "bad slug" in bad.stderr
    missing = _run(tmp_path / "nope.html", "--samples", tmp_path / "samples")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert not (tmp_path / "samples").exists()
