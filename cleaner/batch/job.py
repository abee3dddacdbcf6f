"""A batch job: inputs (folders, files, WARC archives, JSON Lines crawls) → tasks → a runner (local worker
processes, or Dask) → records in input order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence

from ..api import clean
from ..options import Options
from .jsonl import DEFAULT_FIELDS, Fields
from .records import CleanFn, Record
from .tasks import StrPath, Task, plan


def run(
    tasks: Iterable[Task], *, options: Options | None = None, workers: int | None = None, dask: str | None = None,
    clean_fn: CleanFn = clean, dask_timeout: float | None = None,
) -> Iterator[Record]:
    """One record per task, in task order: on ``workers`` local processes, or on the Dask cluster ``dask``
    (``dask_timeout``: seconds to wait for its scheduler, default :data:`dask_runner.CONNECT_TIMEOUT`)."""
    options = options or Options()
    if dask is not None:
        from .dask_runner import CONNECT_TIMEOUT, check_address, run_dask

        check_address(dask)  # now, not when the first record is asked for
        return run_dask(tasks, address=dask, options=options, clean_fn=clean_fn, workers=workers,
                        connect_timeout=CONNECT_TIMEOUT if dask_timeout is None else dask_timeout)
    from .pool import run_local

    return run_local(tasks, options=options, clean_fn=clean_fn, workers=workers)


def clean_folder(
    inputs: StrPath | Iterable[StrPath], *, options: Options | None = None, include: Sequence[str] = (),
    exclude: Sequence[str] = (), workers: int | None = None, dask: str | None = None,
    skip: Iterable[str] = (), clean_fn: CleanFn = clean, dask_timeout: float | None = None,
    all_statuses: bool = False, fields: Fields = DEFAULT_FIELDS,
) -> Iterator[Record]:
    """Clean every page under ``inputs`` (folders, files, WARC archives) and yield one record per page, in order.

    Each record is the article dict (as :meth:`Article.to_dict`, ``source`` relative to its input folder) or
    ``{"source": ..., "error": {"type": ..., "message": ...}}``; nothing is raised for a bad page.
    ``options.time_limit`` bounds each page (a page that hangs becomes a "timeout" record). ``workers``: local
    processes (default: all cores); ``dask``: a scheduler address or ``"local"`` to run on Dask instead.
    ``all_statuses``: also clean WARC responses whose HTTP status is not 2xx (404 pages, redirects), which are
    otherwise left out. ``skip``: sources already done (e.g. read back from an earlier run's output).
    ``fields``: for ``.jsonl``/``.jsonl.gz`` inputs, the fields holding each line's page, URL and id.
    ``clean_fn`` replaces
    :func:`cleaner.clean` (tests inject slow or failing cleaners); it must be picklable.
    Raises InputError before any work when an input does not exist. Workers are started the way
    :mod:`multiprocessing` does on this platform (fork server or spawn), so a script that calls this needs the
    usual ``if __name__ == "__main__":`` guard.
    """
    given: Iterable[StrPath] = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    done = set(skip)
    listed = plan(given, include=include, exclude=exclude, all_statuses=all_statuses, fields=fields)
    tasks = [task for task in listed if task.source not in done]
    return run(tasks, options=options, workers=workers, dask=dask, clean_fn=clean_fn, dask_timeout=dask_timeout)
