"""Issue 12, item 5: Dask addresses are checked, connecting times out soon, and an interrupted run is quiet."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner
from cleaner.batch.dask_runner import check_address
from cleaner.errors import UsageError

TEXT = "Story {i}\n\nAfter forty years without a drop, the mill race at Hollow Creek is running again ({i}).\n"


def _pages(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"p{i:04d}.txt").write_text(TEXT.format(i=i), encoding="utf-8")
    return root


def _batch(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", "batch", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.mark.parametrize("address", ["local", "tcp://127.0.0.1:8786", "scheduler:8786", "tls://[::1]:8786"])
def test_good_addresses(address: str) -> None:
    assert check_address(address) == address


@pytest.mark.parametrize("address", ["bogus", "tcp://host", "tcp://host:0", "tcp://host:99999", "ftp://host:21",
                                     "tcp://host:80/path", ""])
def test_malformed_addresses_are_usage_errors(address: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        check_address(address)
    with pytest.raises(UsageError):
        cleaner.clean_folder(_pages(tmp_path / "in", 1), dask=address)


def test_cli_malformed_address_is_exit_2_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _batch(_pages(tmp_path / "in", 2), "-o", out, "--dask", "bogus")
    assert result.returncode == 2, result.stderr
    assert "not a scheduler address" in result.stderr and "internal error" not in result.stderr
    assert not out.exists()
    assert _batch(tmp_path / "in", "-o", out, "--dask", "local", "--dask-timeout", "-1").returncode == 2


def test_an_unreachable_scheduler_fails_after_the_connect_timeout(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    started = time.monotonic()
    result = _batch(_pages(tmp_path / "in", 2), "-o", tmp_path / "out.jsonl", "--dask", "tcp://127.0.0.1:9",
                    "--dask-timeout", "1")
    assert time.monotonic() - started < 20
    assert result.returncode == 3, result.stderr
    assert "cannot reach the Dask scheduler" in result.stderr and "Traceback" not in result.stderr


def test_sigterm_on_a_local_cluster_leaves_no_distributed_log_lines(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    pages = _pages(tmp_path / "in", 3000)
    out = tmp_path / "out.jsonl"
    with subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(pages), "-o", str(out), "--dask", "local",
                           "--workers", "1"], stderr=subprocess.PIPE, text=True) as proc:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "interrupted" in lines[0], err
