"""Issue 12, item 7: --overwrite leaves only this run's records; --resume refuses other record-shaping options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TEXT = "Story {i}\n\nAfter forty years without a drop, the mill race at Hollow Creek is running again ({i}).\n"


def _pages(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        folder = root / "sub" if i % 2 else root
        folder.mkdir(exist_ok=True)
        (folder / f"p{i:04d}.txt").write_text(TEXT.format(i=i), encoding="utf-8")
    return root


def _batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", "batch", *map(str, args), "--workers", "1"],
                          capture_output=True, text=True, timeout=120, check=False)


def _records(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json") if not p.name.startswith("."))


def test_overwrite_of_a_folder_leaves_exactly_this_runs_records(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _batch(_pages(tmp_path / "many", 6), "-o", out).returncode == 0
    assert len(_records(out)) == 6
    one = tmp_path / "one"
    one.mkdir()
    (one / "only.txt").write_text(TEXT.format(i=99), encoding="utf-8")
    result = _batch(one, "-o", out, "--overwrite")
    assert result.returncode == 0, result.stderr
    assert _records(out) == ["only.txt.json"]
    assert not (out / "sub").exists()


def test_overwrite_refuses_to_delete_what_is_not_a_record(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.md").write_text("mine", encoding="utf-8")
    result = _batch(_pages(tmp_path / "in", 2), "-o", out, "--overwrite")
    assert result.returncode == 3, result.stderr
    assert "not records" in result.stderr and (out / "notes.md").read_text() == "mine"


def test_resume_with_other_record_options_is_refused(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "in", 3)
    for out in (tmp_path / "out.jsonl", tmp_path / "tree"):
        assert _batch(pages, "-o", out).returncode == 0
        before = sorted(p.read_bytes() for p in ([out] if out.is_file() else out.rglob("*.json")))
        for extra in (["--explain"], ["--format", "markdown"], ["--encoding", "cp1252"]):
            result = _batch(pages, "-o", out, "--resume", *extra)
            assert result.returncode == 2, (out, extra, result.stderr)
            assert "--resume with other options" in result.stderr and "--overwrite" in result.stderr
        after = sorted(p.read_bytes() for p in ([out] if out.is_file() else out.rglob("*.json")))
        assert after == before
        result = _batch(pages, "-o", out, "--resume")  # the same options: fine
        assert result.returncode == 0 and "3 already done" in result.stderr, result.stderr
        assert _batch(pages, "-o", out, "--overwrite", "--explain").returncode == 0
        assert _batch(pages, "-o", out, "--resume", "--explain").returncode == 0
