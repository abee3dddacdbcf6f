"""The batch job on Dask: the same records, order, errors and time limit as on local workers.

The cluster runs in this process (``processes=False``) so the test is quick and sees the injected cleaners.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner import Options

distributed = pytest.importorskip("distributed", reason="the Dask runner needs the 'dask' extra")

from test_batch import MARKER, hang_on_marker, write_pages  # noqa: E402 (after the importorskip)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None,
                                  protocol="tcp") as cluster:
        yield cluster.scheduler_address


def test_dask_gives_the_same_records_in_the_same_order_as_local_workers(tmp_path: Path, scheduler: str) -> None:
    sources = write_pages(tmp_path, 12)
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    local = list(cleaner.clean_folder(tmp_path, workers=2))
    on_dask = list(cleaner.clean_folder(tmp_path, dask=scheduler))
    assert on_dask == local
    assert len(on_dask) == len(sources) + 2
    errors = {r["source"]: r["error"]["type"] for r in on_dask if "error" in r}
    assert errors == {"empty.html": "not-a-page", "dangling.html": "input"}


def test_dask_skips_what_is_done_and_times_out_a_hung_page(tmp_path: Path, scheduler: str) -> None:
    sources = write_pages(tmp_path, 4)
    hung = tmp_path / "p00002.html"
    hung.write_bytes(MARKER + hung.read_bytes())
    started = time.monotonic()
    records: list[dict[str, Any]] = list(cleaner.clean_folder(
        tmp_path, dask=scheduler, skip={"p00000.html"}, options=Options(time_limit=1.0), clean_fn=hang_on_marker))
    assert time.monotonic() - started < 30
    assert [r["source"] for r in records] == sources[1:]
    assert [r.get("error", {}).get("type") for r in records] == [None, "timeout", None]


def test_cli_runs_on_a_dask_scheduler(tmp_path: Path, scheduler: str) -> None:
    from test_batch import read_jsonl, run_cli

    sources = write_pages(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    result = run_cli(str(tmp_path / "in"), "-o", str(out), "--dask", scheduler)
    assert result.returncode == 0, result.stderr
    assert [r["source"] for r in read_jsonl(out)] == sources


def test_cli_starts_a_local_cluster(tmp_path: Path) -> None:
    from test_batch import read_jsonl, run_cli

    sources = write_pages(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.html").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = run_cli(str(tmp_path / "in"), "-o", str(out), "--dask", "local", "--workers", "1")
    assert result.returncode == 1, result.stderr  # the empty page failed; the others are written
    records = read_jsonl(out)
    assert [r["source"] for r in records] == ["empty.html", *sources]
    assert records[0]["error"]["type"] == "not-a-page"
