"""One task → one record: the article dict, or ``{"source", "error": {"type", "message"}}``. Never an exception.

``process`` is what every runner (worker processes, Dask) calls for a task; the error types are the library's
``CleanerError.kind`` values plus the few failures only a batch run has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from ..api import clean
from ..decode import web_codec
from ..errors import CleanerError
from ..model import Article
from ..options import Options
from .tasks import Task

Record = dict[str, Any]

#: error type of a worker killed for overstaying the document's time limit (same kind as TimeLimitError)
TIMEOUT = "timeout"
#: error type of a worker process that died while cleaning the page (segfault, out of memory, killed)
CRASH = "crash"
#: error type of an unexpected exception in the cleaner: a bug, recorded so the other pages still get cleaned
INTERNAL = "internal"


class CleanFn(Protocol):
    """The page cleaner a batch calls: :func:`cleaner.clean` unless a caller (e.g. a test) injects another."""

    def __call__(
        self, content: bytes | str, *, url: str | None = ..., options: Options | None = ..., source: str = ...
    ) -> Article: ...


def error_record(source: str, error_type: str, message: str) -> Record:
    return {"source": source, "error": {"type": error_type, "message": message}}


def process(task: Task, options: Options, clean_fn: CleanFn = clean) -> Record:
    """Clean one task into its record. Every failure becomes an error record; nothing escapes. A WARC record's
    record (article or error) also carries ``http_status`` and ``fetched`` (its WARC-Date)."""
    record = _process(task, options, clean_fn)
    if task.is_warc:
        record["http_status"] = task.http_status
        record["fetched"] = task.fetched
    return record


def _process(task: Task, options: Options, clean_fn: CleanFn) -> Record:
    try:
        data = task.read(options.max_bytes)
        if task.encoding and options.encoding is None and web_codec(task.encoding) is not None:
            options = replace(options, encoding=task.encoding)
        return clean_fn(data, url=task.url, options=options, source=task.source).to_dict()
    except CleanerError as exc:
        return error_record(task.source, exc.kind, str(exc))
    except Exception as exc:  # one page's bug must not stop a million-page run: it becomes that page's record
        return error_record(task.source, INTERNAL, f"{type(exc).__name__}: {exc}")


def is_error(record: Record) -> bool:
    return "error" in record


@dataclass
class Summary:
    """Counts over the records of a run: ok (a body), empty (no body), errors by type; skipped by --resume."""

    ok: int = 0
    empty: int = 0
    skipped: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    #: WARC responses not cleaned, by reason ("HTTP 404", "revisit of a response not in this archive")
    not_cleaned: Counter[str] = field(default_factory=Counter)

    @property
    def done(self) -> int:
        return self.ok + self.empty + sum(self.errors.values())

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def add(self, record: Record) -> None:
        if is_error(record):
            self.errors[record["error"]["type"]] += 1
        elif record.get("body"):
            self.ok += 1
        else:
            self.empty += 1

    def as_dict(self, seconds: float) -> dict[str, Any]:
        return {
            "done": self.done, "ok": self.ok, "empty": self.empty, "errors": self.failed,
            "error_types": dict(sorted(self.errors.items())), "skipped": self.skipped,
            "not_cleaned": dict(sorted(self.not_cleaned.items())),
            "seconds": round(seconds, 3), "pages_per_second": round(self.done / seconds, 2) if seconds > 0 else None,
        }


__all__ = ["CRASH", "INTERNAL", "TIMEOUT", "CleanFn", "Record", "Summary", "error_record", "is_error", "process"]
