"""Run tasks on a Dask distributed cluster: the same records, in the same order, as the local workers.

The client reads each input (so the cluster needs no access to the client's files), ships the bytes with the
task, and puts the records back in input order through the same kind of bounded reorder buffer as the local
runner. Needs the optional extra ``cleaner[dask]``.

A Dask worker runs tasks in threads and cannot kill one, so each page runs in a helper thread with a deadline
(``Options.time_limit`` plus the same grace as the local runner, so the library's own limit answers first
wherever it can): past it, the page's record is a "timeout" error and the run goes on, while the stuck thread is
left behind until it finishes. Start workers with ``--lifetime`` so they are recycled (that also keeps their
memory flat).
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from ..api import clean
from ..errors import InputError, UsageError
from ..options import Options
from .pool import KILL_GRACE, REORDER_WINDOW, default_workers
from .records import CRASH, TIMEOUT, CleanFn, Record, error_record, process
from .tasks import Task

#: tasks in flight per cluster thread: enough to keep each thread fed while records travel back, few enough
#: that the client never holds much page data at once
IN_FLIGHT_PER_THREAD = 4
#: the address that means "start a cluster on this machine"
LOCAL = "local"
#: seconds to wait for a scheduler to answer before giving up (distributed's own default is 30 s)
CONNECT_TIMEOUT = 10.0
#: a scheduler address: [protocol://]host:port (host a name, IPv4, or [IPv6])
_ADDRESS = re.compile(r"(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(?P<port>\d+)")
#: protocols distributed speaks
_SCHEMES = ("tcp", "tls", "ucx", "ws", "wss", "inproc")


def check_address(address: str) -> str:
    """``address`` if it is "local" or a scheduler address ``[protocol://]host:port``; else UsageError saying why."""
    if address == LOCAL:
        return address
    match = _ADDRESS.fullmatch(address.strip())
    if match is None:
        raise UsageError(f"--dask {address!r}: not a scheduler address: give tcp://HOST:PORT (e.g. "
                         "tcp://scheduler:8786) or 'local'")
    if match["scheme"] is not None and match["scheme"] not in _SCHEMES:
        raise UsageError(f"--dask {address!r}: unknown protocol {match['scheme']!r} (one of {', '.join(_SCHEMES)})")
    if not 0 < int(match["port"]) < 65536:
        raise UsageError(f"--dask {address!r}: port {match['port']} is not between 1 and 65535")
    return address.strip()


def _quiet_distributed() -> None:
    """No more distributed log lines: after Ctrl-C or SIGTERM, closing the client and cluster logs warnings and
    tracebacks (connections closed, tasks cancelled) that say nothing the summary line does not."""
    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def process_with_deadline(task: Task, options: Options, clean_fn: CleanFn, limit: float | None) -> Record:
    """:func:`process` with a wall-clock limit that works off the main thread (see the module docstring)."""
    if limit is None:
        return process(task, options, clean_fn)
    box: list[Record] = []
    helper = threading.Thread(target=lambda: box.append(process(task, options, clean_fn)), daemon=True)
    helper.start()
    helper.join(limit)
    if box:
        return box[0]
    return error_record(task.source, TIMEOUT, f"no result after {limit:g} s (Options.time_limit + grace); page "
                                              "abandoned")


@contextlib.contextmanager
def _client(address: str, workers: int | None, connect_timeout: float) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise InputError("running on Dask needs distributed: pip install 'cleaner[dask]'") from exc
    if address == LOCAL:
        with LocalCluster(
            n_workers=workers or default_workers(), threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR,  # the worker processes' warnings on shutdown (cancelled tasks) say nothing
        ) as cluster, Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(address, timeout=connect_timeout)
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address} (waited up to {connect_timeout:g} s: "
                             f"--dask-timeout): {exc}") from exc
        except ValueError as exc:  # an address distributed cannot parse after all
            raise UsageError(f"--dask {address!r}: {exc}") from exc
        with client:
            yield client


def run_dask(
    tasks: Iterable[Task], *, address: str, options: Options, clean_fn: CleanFn = clean, workers: int | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> Iterator[Record]:
    """Yield one record per task, in task order, cleaned on the Dask cluster at ``address`` (or ``"local"``)."""
    check_address(address)
    try:
        from distributed import as_completed
    except ImportError as exc:
        raise InputError("running on Dask needs distributed: pip install 'cleaner[dask]'") from exc
    try:
        yield from _run(tasks, address, options, clean_fn, workers, connect_timeout, as_completed)
    except BaseException:  # Ctrl-C, SIGTERM, a closed output: leave without distributed's noise
        _quiet_distributed()
        raise


def _run(
    tasks: Iterable[Task], address: str, options: Options, clean_fn: CleanFn, workers: int | None,
    connect_timeout: float, as_completed: Any,
) -> Iterator[Record]:
    with _client(address, workers, connect_timeout) as client:
        window = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_THREAD
        run_id = uuid.uuid4().hex
        limit = None if options.time_limit is None else options.time_limit + KILL_GRACE
        todo = enumerate(tasks)
        exhausted = False
        sent = emitted = 0
        pending: dict[str, tuple[int, Task]] = {}
        finished: dict[int, Record] = {}
        completed = as_completed()
        while True:
            while not exhausted and len(pending) < window and sent - emitted < REORDER_WINDOW:
                item = next(todo, None)
                if item is None:
                    exhausted = True
                    break
                index, task = item
                future = client.submit(process_with_deadline, task.loaded(options.max_bytes), options, clean_fn, limit,
                                       key=f"cleaner-{run_id}-{index}", pure=False)
                pending[future.key] = (index, task)
                completed.add(future)
                sent += 1
            if not pending:
                break
            future = next(completed)
            index, task = pending.pop(future.key)
            if future.status == "finished":
                finished[index] = future.result()
            else:  # the task itself failed or was lost (a worker died under it): process() never raises
                reason = repr(future.exception()) if future.status == "error" else future.status
                finished[index] = error_record(task.source, CRASH, f"Dask task failed: {reason}")
            future.release()
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1
