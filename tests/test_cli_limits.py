"""--max-bytes and --time-limit reach the library and give exit code 5 with a one-line message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAGE = "<html><body><article>" + "<p>A sentence that is long enough to be article text, with a verb in it.</p>" * 50


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], capture_output=True, timeout=120, check=False)


def test_max_bytes_over_the_limit_exits_5(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = _run("clean", str(page), "--max-bytes", "1000")
    assert result.returncode == 5
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "limit" in err and "Traceback" not in err
    assert result.stdout == b""


def test_max_bytes_under_the_limit_cleans(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert _run("clean", str(page), "--max-bytes", str(10 * len(PAGE))).returncode == 0


def test_tiny_time_limit_exits_5(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE * 40, encoding="utf-8")
    result = _run("clean", str(page), "--time-limit", "0.000001")
    assert result.returncode == 5, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
