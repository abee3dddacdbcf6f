"""Issue 12, item 1: workers that cannot start, and BrokenPipeError that is not a closed stdout."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner import cli
from cleaner.batch import Task
from cleaner.batch.pool import run_local
from cleaner.errors import WorkerStartError
from cleaner.options import Options

TEXT = """Story {i} from the valley

After forty years without a drop, the mill race at Hollow Creek is running again, thanks to a volunteer crew
that spent three summers clearing silt, roots and a surprising number of shopping trolleys ({i}).
"""
SCRIPT = Path(sys.executable).with_name("cleaner")


def _pages(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"p{i:04d}.txt").write_text(TEXT.format(i=i), encoding="utf-8")
    return root


@pytest.mark.skipif(not SCRIPT.exists(), reason="needs the installed 'cleaner' script")
def test_workers_import_the_installed_package_whatever_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "cleaner").mkdir()  # the parent of a clone: a folder named like the package, no __init__.py
    _pages(tmp_path / "pages", 4)
    result = subprocess.run([str(SCRIPT), "batch", "pages", "-o", "out.jsonl", "--workers", "2"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(records) == 4 and all("error" not in r for r in records)


def test_a_pool_whose_workers_cannot_start_is_one_clear_error(tmp_path: Path, monkeypatch: Any) -> None:
    # a cleaner the workers cannot import: its module exists in the parent only
    (tmp_path / "vanishing_cleaner.py").write_text(
        "import cleaner\n\ndef clean(content, **kwargs):\n    return cleaner.clean(content, **kwargs)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("vanishing_cleaner")
    (tmp_path / "vanishing_cleaner.py").unlink()
    try:
        pages = _pages(tmp_path / "pages", 20)
        tasks = [Task(source=p.name, out_name=p.name, path=str(p)) for p in sorted(pages.iterdir())]
        with pytest.raises(WorkerStartError, match="cannot start"):
            list(run_local(tasks, options=Options(), clean_fn=module.clean, workers=2))
    finally:
        sys.modules.pop("vanishing_cleaner", None)


def test_a_broken_pipe_that_is_not_stdout_is_not_success(monkeypatch: Any, capsys: Any) -> None:
    def broken(args: Any) -> int:
        raise BrokenPipeError(32, "Broken pipe")  # e.g. the pool's send to a dead worker

    monkeypatch.setattr(cli, "_run_clean", broken)
    assert cli.main(["clean", "-"]) != 0
    assert "internal error" in capsys.readouterr().err


def test_batch_to_a_closed_stdout_does_not_exit_0(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 300)
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(pages), "-o", "-", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 1, err
    assert "standard output closed" in err and "Traceback" not in err


def test_clean_to_a_closed_stdout_is_quiet(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(TEXT.format(i=1) * 2000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(page)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""


def test_clean_folder_still_works(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 3)
    assert [r["source"] for r in cleaner.clean_folder(pages, workers=2)] == ["p0000.txt", "p0001.txt", "p0002.txt"]
