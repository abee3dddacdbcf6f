"""Run tasks in local worker processes: a time limit per page, recycled workers, records in input order.

Each worker has its own pipe and at most ``PREFETCH`` tasks sent to it, cleaned in order, so the parent always
knows which page a worker is on and since when. A worker that overstays the time limit is killed and replaced
(its page becomes a "timeout" record; the pages queued behind it go to another worker); one that dies gives a
"crash" record; each is retired after ``max_tasks_per_worker`` pages so memory stays flat. Finished records wait
in a bounded reorder buffer and leave in input order, whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from ..api import clean
from ..errors import WorkerStartError
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
#: tasks sent to a worker ahead of the one it is cleaning, so it never waits for the parent to be scheduled
#: between two pages (on a busy machine that wait was ~3 ms a page, 15% of a page's cleaning); more would only
#: hold pages back from the other workers
PREFETCH = 2
#: modules the fork server imports once, so that every (re)started worker begins with them loaded
PRELOAD = ["cleaner.api", "cleaner.html", "cleaner.text"]
#: a worker's first message: it started (imported the package, unpickled its arguments)
READY = "ready"
#: workers in a row that die before they are ready, with none ready in between, after which the pool gives up:
#: workers that cannot start would otherwise turn every page into a "crash" record
MAX_START_FAILURES = 3


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
        _start_forkserver()
        return ctx
    return multiprocessing.get_context("spawn")


def _start_forkserver() -> None:
    """Start the fork server (if it is not running) so that it imports *this* cleaner whatever the current folder.

    It runs ``python -c ...``, which puts the current folder first on ``sys.path``, and imports PRELOAD there: run
    from a folder holding a directory named ``cleaner`` (the parent of a clone), that directory became the
    ``cleaner`` namespace package in the server and in every worker forked from it, and each worker died on
    ``ImportError``. PYTHONSAFEPATH (Python 3.11+) keeps the current folder off ``sys.path``; before 3.11 the server
    is started from the folder this package is installed in, where ``cleaner`` is this package.
    """
    from multiprocessing import forkserver

    previous_env = os.environ.get("PYTHONSAFEPATH")
    previous_dir = os.getcwd() if sys.version_info < (3, 11) else None
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        if previous_dir is not None:
            os.chdir(Path(__file__).resolve().parents[2])
        forkserver.ensure_running()
    finally:
        if previous_dir is not None:
            os.chdir(previous_dir)
        if previous_env is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = previous_env


def _worker_main(conn: Connection, options: Options, clean_fn: CleanFn) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the run and the workers
    try:
        conn.send(READY)  # it got this far: the package imported, the pipe works
        while (item := conn.recv()) is not None:
            index, task = item
            conn.send((index, process(task, options, clean_fn)))
    except (EOFError, BrokenPipeError):  # the parent is gone: nothing left to do
        pass


class _Worker:
    """One worker process and the tasks sent to it, in the order it cleans them (the first is under way)."""

    def __init__(self, ctx: BaseContext, options: Options, clean_fn: CleanFn) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, options, clean_fn), daemon=True
        )
        self.process.start()
        child.close()
        self.queue: deque[tuple[int, Task]] = deque()
        self.count = 0  # tasks sent over its lifetime
        self.started = 0.0  # when the task at the head of the queue began
        self.ready = False  # it sent READY: it started

    def send(self, index: int, task: Task) -> None:
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append((index, task))
        self.count += 1
        # it died (BrokenPipeError): its sentinel fires and the main loop deals with it
        with contextlib.suppress(OSError):
            self.conn.send((index, task))

    def receive(self) -> tuple[int, Record] | None:
        """The head task's record; a crash record when the worker died instead of answering; None when the message
        was READY, or the worker died before it was ready (its tasks never started: see ``start_failed``)."""
        try:
            if not self.conn.poll():  # only the process sentinel fired: it died without a word
                raise EOFError
            message = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(timeout=1)
            if not self.ready:
                return None
            index, task = self.queue.popleft()
            return index, error_record(task.source, CRASH, f"the worker died (exit code {self.process.exitcode})")
        if message == READY:
            self.ready = True
            self.started = time.monotonic()  # its first task starts now, not when it was sent
            return None
        index, task = self.queue.popleft()
        answered, record = message
        assert answered == index
        self.started = time.monotonic()  # the next queued task starts now
        return index, record

    @property
    def start_failed(self) -> bool:
        """It died before it was ready: it could not start."""
        return not self.ready and not self.process.is_alive()

    def overdue(self, now: float, limit: float | None) -> bool:
        return bool(self.queue) and limit is not None and now - self.started >= limit

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
    again: deque[tuple[int, Task]] = deque()  # queued on a worker that was killed or died before reaching them
    sent = emitted = 0
    finished: dict[int, Record] = {}
    pool: list[_Worker] = []
    retired: list[BaseProcess] = []
    start_failures = 0  # workers in a row that died before they were ready

    def next_item() -> tuple[int, Task] | None:
        nonlocal sent
        if again:
            return again.popleft()
        if sent - emitted >= REORDER_WINDOW:
            return None
        item = next(todo, None)
        sent += item is not None
        return item

    def free_worker() -> _Worker | None:
        """The worker to send the next task to: an idle one, else a new one, else the least loaded."""
        open_ = [w for w in pool if len(w.queue) < PREFETCH and w.count < max_tasks_per_worker]
        idle = [w for w in open_ if not w.queue]
        if idle:
            return idle[0]
        if len(pool) < size:
            pool.append(_Worker(ctx, options, clean_fn))
            return pool[-1]
        return min(open_, key=lambda w: len(w.queue), default=None)

    def remove(worker: _Worker, *, kill: bool = False) -> None:
        pool.remove(worker)
        again.extendleft(reversed(worker.queue))  # sent but never started: the next free worker takes them
        worker.queue.clear()
        if kill:
            worker.kill()
        else:
            worker.retire()
            retired.append(worker.process)

    try:
        while True:
            for worker in [w for w in pool if not w.queue and w.count >= max_tasks_per_worker]:
                remove(worker)  # spent: a fresh one is started when there is work for it
            while (item := next_item()) is not None:
                target = free_worker()
                if target is None:  # every worker is full: the item waits at the head of the line
                    again.appendleft(item)
                    break
                target.send(*item)
            busy = [w for w in pool if w.queue]
            if not busy:
                break
            timeout = None if limit is None else max(0.0, min(w.started for w in busy) + limit - time.monotonic())
            ready = set(wait([*(w.conn for w in busy), *(w.process.sentinel for w in busy)], timeout=timeout))
            now = time.monotonic()
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    answer = worker.receive()
                    if answer is not None:
                        index, finished[index] = answer
                    if worker.ready:
                        start_failures = 0
                    elif worker.start_failed:
                        start_failures += 1
                        remove(worker, kill=True)
                        if start_failures >= MAX_START_FAILURES:
                            raise WorkerStartError(
                                f"worker processes cannot start (exit code {worker.process.exitcode}; "
                                "their own messages are above)"
                            )
                        continue
                    if not worker.process.is_alive():
                        remove(worker)
                elif worker.overdue(now, limit):
                    index, task = worker.queue.popleft()
                    finished[index] = error_record(
                        task.source, TIMEOUT,
                        f"no result after {limit:g} s (Options.time_limit + {KILL_GRACE:g} s): worker killed",
                    )
                    remove(worker, kill=True)
            retired = [p for p in retired if p.is_alive()]  # is_alive() reaps the ones that have exited
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1
    finally:
        for worker in pool:
            if worker.queue:
                worker.kill()
            else:
                worker.retire()
                retired.append(worker.process)
        for proc in retired:
            proc.join(timeout=KILL_GRACE)
            if proc.is_alive():
                proc.kill()
                proc.join()
