"""Batch job speed and memory on pages made by repeating the dev sets (issue 4's targets).

    python benchmarks/batch_bench.py                   # full: 400-page sample, then a 20,000-page run
    python benchmarks/batch_bench.py --pages 2000      # a smaller memory run
    python benchmarks/batch_bench.py --json out.json   # the figures as JSON too

Figures:
- speedup: wall time of the batch with 1 worker / with 2 workers, same sample (target >= 1.7x on 2 cores);
- overhead: the batch with 1 worker against ``clean()`` + ``to_dict()`` + ``json.dumps`` in a loop in this
  process, same sample (target <= 5% per page). Reported as a whole, and per page once the batch's fixed
  start-up (fork server and first worker, timed on a one-page run) is taken out; and directly, as the time per
  page of the batch with a cleaner that does nothing (the batch machinery alone), a share of clean()'s time;
- memory: ``cleaner batch`` over ``--pages`` pages (symlinks into the dev sets) in a subprocess; the RSS of its
  processes (parent, fork server, workers) summed and sampled over the run. Flat means the median of the last
  tenth is within ``FLAT_TOLERANCE`` of the median of the second tenth (the first tenth is warm-up).
The machine is shared, so wall times are noisy: ``--repeat`` takes the best of several runs. Nothing here gates
CI; it prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from cleaner import Article, CleanerError, Metadata, Options, clean
from cleaner.batch import CleanFn, plan, run
from cleaner.batch.sinks import encode

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
#: growth of the summed RSS between the second and the last tenth of the run still called flat: workers are
#: recycled every 500 pages, so their RSS saws up and down by a few tens of MB around a level
FLAT_TOLERANCE = 0.10
#: seconds between RSS samples: a 20,000-page run lasts minutes, so this gives hundreds of samples
SAMPLE_EVERY = 0.5
#: body of the no-op cleaner's records: about the median article, so shipping and encoding cost what they do
NOOP_BODY = "word " * 1000
#: pages (across all the sets) cleaned before timing, so the loop does not pay the first-use loading of rules
WARM_UP = 30
#: seconds between CPU-time polls of the worker processes: a recycled worker's last 0.1 s may go uncounted
CPU_POLL = 0.25


def dev_pages(bench: Path) -> list[Path]:
    pages = sorted(p for d in sorted(bench.glob("*/pages")) for p in d.iterdir() if p.is_file())
    if not pages:
        raise SystemExit(f"no pages under {bench}/*/pages")
    return pages


def link_tree(pages: list[Path], count: int, root: Path) -> Path:
    """``count`` symlinks under ``root``, cycling through ``pages`` (rep-000/<set>/<name>, rep-001/...)."""
    for i in range(count):
        page = pages[i % len(pages)]
        link = root / f"rep-{i // len(pages):03d}" / page.parent.parent.name / page.name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(page)
    return root


def spread(pages: list[Path], count: int) -> list[Path]:
    """``count`` pages taken evenly across all the sets (HTML, text and Markdown alike)."""
    step = max(1, len(pages) // count)
    return pages[::step][:count]


def time_loop(root: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of clean() in a loop over ``root``, in this process."""
    tasks = plan([root])
    started, cpu = time.perf_counter(), time.process_time()
    for task in tasks:
        try:
            record = clean(task.read(), options=Options(), source=task.source).to_dict()
        except CleanerError as exc:  # the loop a user would write also has to survive a bad page
            record = {"source": task.source, "error": {"type": exc.kind, "message": str(exc)}}
        encode(record)
    return time.perf_counter() - started, time.process_time() - cpu


class CpuMeter:
    """CPU seconds used by the calling thread and this process's descendants (fork server, workers) meanwhile.

    On a shared machine this says how much CPU the run was actually given, which the wall time alone hides.
    """

    def __init__(self) -> None:
        self.me = psutil.Process()
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def _children(self) -> dict[int, float]:
        used = {}
        for child in self.me.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                times = child.cpu_times()
                used[child.pid] = times.user + times.system
        return used

    def _poll(self) -> None:
        while not self.stop.wait(CPU_POLL):
            self.seen.update(self._children())

    def __enter__(self) -> CpuMeter:
        self.before = self._children()
        self.own = time.thread_time()  # the calling thread only: the meter's own polling is not the batch's cost
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.seen.update(self._children())
        self.seconds = sum(self.seen.values()) - sum(self.before.values()) + time.thread_time() - self.own


def noop_clean(content: bytes | str, *, source: str = "-", **kwargs: Any) -> Article:
    """A cleaner that does no cleaning: what is left of a batch run with it is the batch's own cost."""
    return Article(body=NOOP_BODY, format="text", metadata=Metadata(), source=source)


def time_batch(root: Path, workers: int, clean_fn: CleanFn = clean) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a batch run over ``root``."""
    tasks = plan([root])
    started = time.perf_counter()
    with CpuMeter() as cpu:
        for record in run(tasks, workers=workers, clean_fn=clean_fn):
            encode(record)
    return time.perf_counter() - started, cpu.seconds


def speed(pages: list[Path], sample: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = link_tree(spread(pages, sample), sample, Path(tmp) / "sample")
        one = link_tree(pages[:1], 1, Path(tmp) / "one")
        time_loop(link_tree(spread(pages, WARM_UP), WARM_UP, Path(tmp) / "warm"))  # imports, first-use loading
        time_batch(one, 1)  # the fork server, started once per process: a cost per run, not per page
        loop, batch1, batch2, startup, machinery = [], [], [], [], []
        for _ in range(repeat):
            startup.append(time_batch(one, 1)[0] - time_loop(one)[0])
            loop.append(time_loop(root))
            batch1.append(time_batch(root, 1))
            batch2.append(time_batch(root, 2))
            machinery.append(time_batch(root, 1, noop_clean))
    best_startup = max(0.0, min(startup))
    (best_loop, cpu_loop), (best1, cpu1), (best2, cpu2) = min(loop), min(batch1), min(batch2)
    cores1, cores2 = cpu1 / best1, cpu2 / best2
    best_machinery, machinery_cpu = min(machinery)
    return {
        "sample_pages": sample, "repeat": repeat,
        # the batch with a cleaner that does nothing: reading, shipping, ordering, encoding, i.e. the overhead
        # itself, measured directly (small, so far less disturbed by other users than a difference of two runs)
        "machinery_ms_per_page": round(1000 * best_machinery / sample, 2),
        "machinery_share": round(best_machinery / best_loop, 4),
        "machinery_cpu_ms_per_page": round(1000 * machinery_cpu / sample, 2),
        "machinery_cpu_share": round(machinery_cpu / cpu_loop, 4),
        "loop_seconds": round(best_loop, 3), "batch_1_worker_seconds": round(best1, 3),
        "batch_2_workers_seconds": round(best2, 3), "startup_seconds": round(best_startup, 3),
        "loop_ms_per_page": round(1000 * best_loop / sample, 2),
        "batch_1_worker_ms_per_page": round(1000 * best1 / sample, 2),
        "speedup_2_vs_1": round(best1 / best2, 3),
        "cores_used_1_worker": round(cores1, 2), "cores_used_2_workers": round(cores2, 2),
        "cpu_ms_per_page_1_worker": round(1000 * cpu1 / sample, 2),
        "cpu_ms_per_page_2_workers": round(1000 * cpu2 / sample, 2),
        # speedup per unit of CPU the OS granted: 1.0 when the batch turns every extra core it gets into pages
        "parallel_efficiency": round((best1 / best2) / (cores2 / cores1), 3),
        "overhead_total": round(best1 / best_loop - 1, 4),
        "overhead_per_page": round((best1 - best_startup) / best_loop - 1, 4),
        # the same in CPU time (worker + parent + fork server against the loop's process): immune to other users
        "cpu_ms_per_page_loop": round(1000 * cpu_loop / sample, 2),
        "cpu_overhead": round(cpu1 / cpu_loop - 1, 4),
    }


def tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """(summed RSS of the process and its descendants, their number)."""
    total, count = 0, 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
            count += 1
        except psutil.NoSuchProcess:
            pass
    return total, count


def memory(pages: list[Path], count: int, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = link_tree(pages, count, Path(tmp) / "pages")
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-m", "cleaner", "batch", str(root), "-o", str(out), "--quiet",
               "--workers", str(workers)]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        watched = psutil.Process(proc.pid)
        samples: list[tuple[float, int, int]] = []
        while proc.poll() is None:
            try:
                rss, n = tree_rss(watched)
            except psutil.NoSuchProcess:
                break
            samples.append((time.perf_counter() - started, rss, n))
            time.sleep(SAMPLE_EVERY)
        _, stderr = proc.communicate()
        seconds = time.perf_counter() - started
        lines = out.read_bytes().count(b"\n") if out.exists() else 0
    mib = [rss / 2**20 for _, rss, _ in samples]
    tenth = max(1, len(mib) // 10)
    early, late = statistics.median(mib[tenth:2 * tenth] or mib), statistics.median(mib[-tenth:])
    return {
        "pages": count, "workers": workers, "records": lines, "exit_code": proc.returncode,
        "seconds": round(seconds, 1), "pages_per_second": round(count / seconds, 1),
        "summary": stderr.strip().splitlines()[-1] if stderr.strip() else "",
        "rss_samples": len(mib), "rss_mib_second_tenth": round(early, 1), "rss_mib_last_tenth": round(late, 1),
        "rss_mib_max": round(max(mib), 1) if mib else None, "rss_growth": round(late / early - 1, 4),
        "flat": late <= early * (1 + FLAT_TOLERANCE),
        "rss_mib_by_tenth": [round(statistics.median(mib[i * tenth:(i + 1) * tenth]), 1)
                             for i in range(min(10, len(mib) // tenth))],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder of dev sets (default: ../shared/bench)")
    ap.add_argument("--pages", type=int, default=20_000, help="pages in the memory run (default: 20000; 0: skip)")
    ap.add_argument("--sample", type=int, default=400, help="pages in the speed comparison (0: skip)")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many speed runs (noisy machine)")
    ap.add_argument("--workers", type=int, default=2, help="workers in the memory run")
    ap.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = ap.parse_args()
    pages = dev_pages(args.bench)
    results: dict[str, Any] = {"dev_pages": len(pages), "cores": len(os.sched_getaffinity(0)),
                               "load_average_before": os.getloadavg()[0]}
    if args.sample:
        s = results["speed"] = speed(pages, args.sample, args.repeat)
        print(f"speed on {s['sample_pages']} pages (best of {s['repeat']}):")
        print(f"  clean() loop        {s['loop_seconds']:8.2f} s  {s['loop_ms_per_page']:6.2f} ms/page")
        print(f"  batch, 1 worker     {s['batch_1_worker_seconds']:8.2f} s  {s['batch_1_worker_ms_per_page']:6.2f} "
              f"ms/page  (start-up {s['startup_seconds']:.2f} s)")
        print(f"  batch, 2 workers    {s['batch_2_workers_seconds']:8.2f} s")
        print(f"  speedup 2 vs 1      {s['speedup_2_vs_1']:8.2f}x   (target >= 1.7x)")
        print(f"  cores the runs got  {s['cores_used_1_worker']:.2f} (1 worker), {s['cores_used_2_workers']:.2f} "
              f"(2 workers); CPU {s['cpu_ms_per_page_1_worker']:.1f} / {s['cpu_ms_per_page_2_workers']:.1f} ms/page")
        print(f"  parallel efficiency {s['parallel_efficiency']:8.2f}    (speedup / extra cores granted; 1.0: "
              "nothing lost to the batch)")
        print(f"  overhead per page   {100 * s['overhead_per_page']:+7.1f} %   (target <= 5%; "
              f"{100 * s['overhead_total']:+.1f} % with start-up)")
        print(f"  batch machinery     {s['machinery_ms_per_page']:6.2f} ms/page = {100 * s['machinery_share']:.1f} % "
              "of clean() (1 worker, a cleaner that does nothing: reading, IPC, order, JSON; includes the file "
              "read the loop does too)")
        print(f"                      {s['machinery_cpu_ms_per_page']:6.2f} ms/page of CPU = "
              f"{100 * s['machinery_cpu_share']:.1f} % of clean()'s CPU")
        print(f"  CPU overhead        {100 * s['cpu_overhead']:+7.1f} %   ({s['cpu_ms_per_page_1_worker']:.1f} ms/page "
              f"in the batch, 1 worker, against {s['cpu_ms_per_page_loop']:.1f} in the loop)")
    if args.pages:
        m = results["memory"] = memory(pages, args.pages, args.workers)
        print(f"memory over {m['pages']} pages, {m['workers']} workers: {m['seconds']} s, "
              f"{m['pages_per_second']} pages/s, {m['records']} records, exit {m['exit_code']}")
        print(f"  summed RSS (MiB) by tenth of the run: {m['rss_mib_by_tenth']}")
        print(f"  second tenth {m['rss_mib_second_tenth']} MiB -> last tenth {m['rss_mib_last_tenth']} MiB "
              f"({100 * m['rss_growth']:+.1f} %), max {m['rss_mib_max']} MiB: "
              f"{'flat' if m['flat'] else 'NOT flat'} (tolerance {100 * FLAT_TOLERANCE:.0f} %)")
        print(f"  {m['summary']}")
    results["load_average_after"] = os.getloadavg()[0]
    print(f"load average (1 min) before {results['load_average_before']:.2f}, after "
          f"{results['load_average_after']:.2f}: other users of the {results['cores']} cores skew these figures")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
