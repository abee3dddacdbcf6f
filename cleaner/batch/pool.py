"""Run tasks in local worker processes: a time limit per page, recycled workers, records in input order.

Each worker takes one task at a time over its own pipe, so the parent always knows which page a worker is on
and since when. A worker that overstays the time limit is killed and replaced (its page becomes a "timeout"
record); one that dies becomes a "crash" record; each is retired after ``max_tasks_per_worker`` pages so memory
stays flat. Finished records wait in a bounded reorder buffer and leave in input order, whatever the number of
workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from ..api import clean
from ..options import Options
from .records import CRASH, TIMEOUT, CleanFn, Record, error_record, process
from .tasks import Task

#: pages a worker cleans before it is replaced: lxml and the allocator keep what the biggest page needed, so a
#: long-lived worker only grows; a new worker forks from the preloaded fork server in ~10 ms, i.e. <0.1% of the
#: ~500 x 10-40 ms of work it replaces
MAX_TASKS_PER_WORKER = 500
#: finished records held while an earlier page is still running; bounds memory behind a slow page (records are a
#: few KB, so a few MB) while letting the other workers run ahead for a good while
REORDER_WINDOW = 1024
#: seconds a worker may overstay Options.time_limit before it is killed: the in-process limit fires first and
#: returns an ordinary "timeout" record; the kill is for a page stuck where Python cannot interrupt it (C code)
KILL_GRACE = 1.0
#: modules the fork server imports once, so that every (re)started worker begins with them loaded
PRELOAD = ["cleaner.api", "cleaner.html", "cleaner.text"]


def default_workers() -> int:
    """All the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _context() -> BaseContext:
    # forkserver: workers are forked from a clean single-threaded server (safe next to threads such as tqdm's
    # monitor or a Dask client), start fast, and inherit no other worker's pipe ends; spawn where it is missing
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(conn: Connection, options: Options, clean_fn: CleanFn) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the run and the workers
    try:
        while (item := conn.recv()) is not None:
            index, task = item
            conn.send((index, process(task, options, clean_fn)))
    except (EOFError, BrokenPipeError):  # the parent is gone: nothing left to do
        pass


class _Worker:
    """One worker process and the task it is on."""

    def __init__(self, ctx: BaseContext, options: Options, clean_fn: CleanFn) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, options, clean_fn), daemon=True
        )
        self.process.start()
        child.close()
        self.count = 0
        self.index = -1
        self.task: Task | None = None
        self.started = 0.0

    def send(self, index: int, task: Task) -> None:
        self.index, self.task, self.started = index, task, time.monotonic()
        self.conn.send((index, task))

    def receive(self) -> Record:
        """The record of the current task; a crash record when the worker died instead of answering."""
        assert self.task is not None
        try:
            if not self.conn.poll():  # only the process sentinel fired: it died without a word
                raise EOFError
            index, record = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(timeout=1)
            return error_record(self.task.source, CRASH, f"the worker died (exit code {self.process.exitcode})")
        assert index == self.index
        self.count += 1
        return record

    def retire(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            self.process.kill()
        self.conn.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def run_local(
    tasks: Iterable[Task], *, options: Options, clean_fn: CleanFn = clean, workers: int | None = None,
    max_tasks_per_worker: int = MAX_TASKS_PER_WORKER,
) -> Iterator[Record]:
    """Yield one record per task, in task order, cleaned by ``workers`` processes (default: all cores)."""
    ctx = _context()
    size = max(1, workers or default_workers())
    limit = None if options.time_limit is None else options.time_limit + KILL_GRACE
    todo = enumerate(tasks)
    exhausted = False
    sent = emitted = 0
    finished: dict[int, Record] = {}
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    retired: list[BaseProcess] = []
    try:
        while True:
            while not exhausted and len(busy) < size and sent - emitted < REORDER_WINDOW:
                item = next(todo, None)
                if item is None:
                    exhausted = True
                    break
                worker = idle.pop() if idle else _Worker(ctx, options, clean_fn)
                worker.send(*item)
                busy[worker.conn] = worker
                sent += 1
            if not busy:
                break
            timeout = None if limit is None else max(0.0, min(w.started for w in busy.values()) + limit
                                                      - time.monotonic())
            ready = set(wait([*busy, *(w.process.sentinel for w in busy.values())], timeout=timeout))
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                if conn in ready or worker.process.sentinel in ready:
                    del busy[conn]
                    finished[worker.index] = worker.receive()
                    if not worker.process.is_alive() or worker.count >= max_tasks_per_worker:
                        worker.retire()
                        retired.append(worker.process)
                    else:
                        idle.append(worker)
                elif limit is not None and now - worker.started >= limit:
                    del busy[conn]
                    worker.kill()
                    assert worker.task is not None
                    finished[worker.index] = error_record(
                        worker.task.source, TIMEOUT,
                        f"no result after {limit:g} s (Options.time_limit + {KILL_GRACE:g} s): worker killed",
                    )
            retired = [p for p in retired if p.is_alive()]  # is_alive() reaps the ones that have exited
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1
    finally:
        for worker in busy.values():
            worker.kill()
        for worker in idle:
            worker.retire()
            retired.append(worker.process)
        for proc in retired:
            proc.join(timeout=KILL_GRACE)
            if proc.is_alive():
                proc.kill()
                proc.join()
