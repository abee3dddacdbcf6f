"""What a batch run cleans: INPUT folders, files, WARC archives and JSON Lines crawls turned into an ordered list
of Tasks.

Order is deterministic (sorted walk), so the output order, and what ``--resume`` skips, never depend on the
file system or the number of workers. Every input becomes exactly one Task, including inputs that cannot be
listed (an unreadable folder, a broken WARC): those carry a ``problem`` and become error records.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..api import read_input
from ..errors import CleanerError, InputError
from ..options import Options
from .jsonl import DEFAULT_FIELDS, Fields, is_jsonl, list_lines, read_page
from .warc import is_warc, list_html_records, read_payload

StrPath = str | os.PathLike[str]
#: the size limit a task is read under when the caller names none
DEFAULT_MAX_BYTES = Options().max_bytes

#: file names in per-file output trees get this suffix (page.html → page.html.json: never two inputs on one name)
OUTPUT_SUFFIX = ".json"
#: characters kept from a WARC record id when it becomes a file name
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Task:
    """One input: where its bytes are, and the names it goes by in the output."""

    #: the record's ``source``: path relative to its INPUT folder, the path as given, or "URI <record-id>"
    source: str
    #: relative path of its file in a per-file output tree
    out_name: str
    #: the page file, or the WARC file holding it
    path: str
    #: offset of the WARC record (or the JSON Lines line) in ``path``; None for a plain file
    offset: int | None = None
    #: JSON Lines only: the field of the line's object that holds the page
    page_field: str | None = None
    #: the page's URL when the input knows it (WARC target URI)
    url: str | None = None
    #: charset from the input's metadata (WARC HTTP Content-Type)
    encoding: str | None = None
    #: the content, already read (the Dask runner ships it to the cluster); a str for a JSON Lines page
    data: bytes | str | None = None
    #: why this input could not even be listed; reading it raises InputError with this message
    problem: str | None = None
    #: the error reading it raised, when it was read ahead (:meth:`loaded`) and failed
    failure: CleanerError | None = None
    #: WARC only: the response's HTTP status code and the record's WARC-Date (``http_status``, ``fetched``)
    http_status: int | None = None
    fetched: str | None = None
    #: WARC only: why this response is not cleaned (a non-2xx status, a revisit of a response elsewhere);
    #: :func:`plan` leaves such tasks out and hands them to its ``skipped`` list
    skip: str | None = None

    @property
    def is_warc(self) -> bool:
        return self.offset is not None and self.page_field is None

    def read(self, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | str:
        """The input's bytes (a gzip file decompressed; a JSON Lines page: its text), at most ``max_bytes``:
        InputError when they cannot be read, TooLargeError past the limit, DecodeError for a corrupt gzip file."""
        if self.problem is not None:
            raise InputError(self.problem)
        if self.failure is not None:
            raise self.failure
        if self.data is not None:
            return self.data
        if self.page_field is not None and self.offset is not None:
            return read_page(self.path, self.offset, self.page_field, self.source, max_bytes)
        if self.offset is not None:
            return read_payload(self.path, self.offset, max_bytes)
        return read_input(self.path, max_bytes)

    def loaded(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Task:
        """This task with its bytes read (or, if they cannot be, with the error reading them raised)."""
        try:
            return replace(self, data=self.read(max_bytes))
        except CleanerError as exc:
            return replace(self, failure=exc)


def _wanted(rel: str, include: Sequence[str], exclude: Sequence[str], matched: set[str]) -> bool:
    hits = [pattern for pattern in include if fnmatch.fnmatchcase(rel, pattern)]
    matched.update(hits)
    return (not include or bool(hits)) and not any(fnmatch.fnmatchcase(rel, pattern) for pattern in exclude)


def _excluded_folder(rel: str, exclude: Sequence[str]) -> bool:
    """``--exclude sub`` (or ``sub/``, ``sub/*``) leaves out the folder ``sub`` and everything in it."""
    return any(fnmatch.fnmatchcase(rel, pattern.rstrip("/")) or fnmatch.fnmatchcase(rel + "/", pattern)
               for pattern in exclude if pattern.rstrip("/"))


def _skip_reason(status: int | None, all_statuses: bool) -> str | None:
    if all_statuses or status is None or 200 <= status < 300:
        return None
    return f"HTTP {status}"


def _warc_tasks(path: str, source: str, all_statuses: bool) -> Iterator[Task]:
    entries, problem = list_html_records(path)
    for entry in entries:
        name = _UNSAFE.sub("_", entry.record_id).strip("_") or f"offset-{entry.offset}"
        yield Task(
            source=f"{entry.uri} {entry.record_id}", out_name=f"{source}/{name}{OUTPUT_SUFFIX}", path=path,
            offset=entry.offset, url=entry.uri or None, encoding=entry.charset, problem=entry.problem,
            http_status=entry.status, fetched=entry.date,
            skip=entry.skip or (None if entry.problem else _skip_reason(entry.status, all_statuses)),
        )
    if problem is not None:  # the unreadable rest of the archive: one error record under the archive's name
        yield Task(source=source, out_name=source + OUTPUT_SUFFIX, path=path, problem=problem)


def _jsonl_tasks(path: str, source: str, fields: Fields) -> Iterator[Task]:
    lines, problem = list_lines(path, source, fields)
    first: dict[str, int] = {}  # id → the line it was first seen on
    for line in lines:
        ident, trouble = line.id, line.problem
        if ident is not None and ident in first:
            trouble = f"{source}:{line.number}: id {ident!r} already on line {first[ident]}"
        elif ident is not None:
            first[ident] = line.number
        name = ident if ident is not None and trouble is None else f"{source}:{line.number}"
        safe = _UNSAFE.sub("_", name if ident is not None and trouble is None else str(line.number)).strip("_")
        yield Task(source=name, out_name=f"{source}/{safe or line.number}{OUTPUT_SUFFIX}", path=line.path,
                   offset=line.offset, url=line.url, page_field=fields.html, problem=trouble)
    if problem is not None:
        yield Task(source=source, out_name=source + OUTPUT_SUFFIX, path=path, problem=problem)


def _file_tasks(path: str, source: str, out_name: str, all_statuses: bool, fields: Fields) -> Iterator[Task]:
    if is_warc(path):
        yield from _warc_tasks(path, source, all_statuses)
    elif is_jsonl(path):
        yield from _jsonl_tasks(path, source, fields)
    else:
        yield Task(source=source, out_name=out_name + OUTPUT_SUFFIX, path=path)


def _unlisted(root: str, errors: list[OSError]) -> Iterator[Task]:
    for error in errors:
        path = os.fspath(error.filename or root)
        rel = PurePosixPath(Path(path).relative_to(root)).as_posix()
        yield Task(source=rel, out_name=rel + OUTPUT_SUFFIX, path=path,
                   problem=f"{path}: folder cannot be listed ({error.strerror or error})")
    errors.clear()


def _folder_tasks(
    root: str, include: Sequence[str], exclude: Sequence[str], all_statuses: bool, matched: set[str], fields: Fields
) -> Iterator[Task]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        here = PurePosixPath(Path(folder).relative_to(root)).as_posix()
        dirs[:] = sorted(  # hidden folders (.git, .cache) hold no pages
            d for d in dirs
            if not d.startswith(".") and not _excluded_folder(d if here == "." else f"{here}/{d}", exclude)
        )
        yield from _unlisted(root, errors)
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = PurePosixPath(Path(path).relative_to(root)).as_posix()
            if not name.startswith(".") and _wanted(rel, include, exclude, matched):
                yield from _file_tasks(path, rel, rel, all_statuses, fields)
    yield from _unlisted(root, errors)


def _given_file_out_name(given: str) -> str:
    posix = PurePosixPath(Path(given).as_posix())
    return posix.as_posix() if not posix.is_absolute() and ".." not in posix.parts else posix.name


def plan(
    inputs: Iterable[StrPath], *, include: Sequence[str] = (), exclude: Sequence[str] = (),
    all_statuses: bool = False, skipped: list[Task] | None = None, matched: set[str] | None = None,
    fields: Fields = DEFAULT_FIELDS,
) -> list[Task]:
    """The tasks for ``inputs`` in a deterministic order.

    A folder is walked recursively (hidden files and folders skipped; ``include``/``exclude`` are glob patterns
    matched against the path relative to the folder, where ``*`` also matches ``/``). A file is taken as given.
    A ``.warc``/``.warc.gz`` file, given or found, contributes one task per HTML response record.
    WARC responses with a status outside 2xx (a 404 page, a 301 redirect) are not pages to clean: they are left
    out, unless ``all_statuses``, and so are revisit records of a response not in the archive; both go to
    ``skipped`` when it is given (for the summary). ``matched``, when given, receives the ``include`` patterns
    that matched some file (so that a caller can warn about one that matched nothing).
    A ``.jsonl``/``.jsonl.gz`` file contributes one task per non-blank line: the page in its ``fields.html``
    field, its URL in ``fields.url``; the record's source is the line's ``fields.id`` value, else
    ``FILE:LINE``. A line that holds no page (not JSON, no such field, not a string, a repeated id) is a task
    with a ``problem``: an error record.
    Raises InputError for an INPUT that does not exist, or two inputs that would share a ``source``.
    """
    tasks: list[Task] = []
    hits: set[str] = set() if matched is None else matched
    for given in inputs:
        name = os.fspath(given)
        if os.path.isdir(name):
            tasks.extend(_folder_tasks(name, include, exclude, all_statuses, hits, fields))
        elif os.path.lexists(name):
            tasks.extend(_file_tasks(name, name, _given_file_out_name(name), all_statuses, fields))
        else:
            raise InputError(f"{name}: no such file or folder")
    if skipped is not None:
        skipped.extend(task for task in tasks if task.skip is not None)
    tasks = [task for task in tasks if task.skip is None]
    _check_unique(tasks)
    return tasks


def _check_unique(tasks: list[Task]) -> None:
    for attribute in ("source", "out_name"):
        seen: set[str] = set()
        for task in tasks:
            key = getattr(task, attribute)
            if key in seen:
                raise InputError(
                    f"two inputs share the {attribute} {key!r}: records would be ambiguous and --resume unsafe; "
                    "pass their common parent folder instead"
                )
            seen.add(key)
