"""The batch job: many pages (folders, files, WARC archives) → one record each, locally or on Dask."""

from __future__ import annotations

from .job import clean_folder, run
from .records import CleanFn, Record, Summary, process
from .sinks import JsonlSink, OutputExistsError, TreeSink, open_sink
from .tasks import Task, plan

__all__ = [
    "CleanFn", "JsonlSink", "OutputExistsError", "Record", "Summary", "Task", "TreeSink", "clean_folder",
    "open_sink", "plan", "process", "run",
]
