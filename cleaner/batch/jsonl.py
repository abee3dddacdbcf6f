"""JSON Lines input: a crawl export or a scraper's output, one JSON object per line holding a page and its URL.

Listing happens once in the parent: each line is parsed (its id, its URL, and whether it holds a page at all),
and its byte offset kept; each worker then reads and parses its own line again, so page content never passes
through the parent. A ``.jsonl.gz`` file is decompressed once, while it is listed, into a temporary file that
the workers read (a gzip stream cannot be entered in the middle); it is removed when the process exits.
"""

from __future__ import annotations

import atexit
import contextlib
import gzip
import json
import os
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..errors import InputError, TooLargeError

#: file names taken as JSON Lines crawls
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
#: a line longer than this is not parsed (a page is at most Options.max_bytes; JSON escaping adds to it)
MAX_LINE_BYTES = 256 * 1024 * 1024
#: bytes read at a time while skipping the rest of an over-long line
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields of a line hold the page, its URL and (optionally) its id."""

    html: str = "html"
    url: str = "url"
    id: str | None = None


DEFAULT_FIELDS = Fields()


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a crawl: where it is, and what listing it found."""

    number: int
    #: byte offset of the line in ``path`` (the decompressed copy of a .gz file)
    offset: int
    path: str
    id: str | None = None
    url: str | None = None
    #: why the line holds no page (not JSON, no such field, ...): it becomes an error record (a line without an
    #: id is no problem: its source is FILE:LINE)
    problem: str | None = None


def is_jsonl(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path).lower().endswith(JSONL_SUFFIXES)


def list_lines(path: str, name: str, fields: Fields) -> tuple[list[Line], str | None]:
    """The non-blank lines of ``path`` (``name``: how messages call it), and why the rest of the file cannot be
    read, if it cannot (a corrupt gzip stream)."""
    try:
        with open(path, "rb") as raw:
            if not path.lower().endswith(".gz"):
                return list(_scan(raw, path, name, fields, None)), None
            copy = _temporary_copy(path)
            with gzip.GzipFile(fileobj=raw) as stream, open(copy, "wb") as out:
                lines: list[Line] = []
                try:
                    lines.extend(_scan(stream, copy, name, fields, out))
                except (OSError, EOFError, zlib.error) as exc:
                    return lines, f"{name}: corrupt gzip stream after line {len(lines)} ({exc})"
                return lines, None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc


def _scan(
    stream: IO[bytes] | gzip.GzipFile, path: str, name: str, fields: Fields, copy: IO[bytes] | None
) -> Iterator[Line]:
    """The lines of ``stream``, each written to ``copy`` too when there is one (offsets are then the copy's)."""
    offset = 0
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        start = offset
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            skipped = _skip_rest(stream)
            offset += len(line) + skipped
            if copy is not None:
                copy.write(b"\n")
                offset = copy.tell()
            yield Line(number, start, path, problem=f"{name}:{number}: line longer than {MAX_LINE_BYTES} bytes")
            continue
        if copy is not None:
            copy.write(line)
        offset += len(line)
        if line.strip():
            yield _listed(line, number, start, path, name, fields)


def _skip_rest(stream: IO[bytes] | gzip.GzipFile) -> int:
    skipped = 0
    while chunk := stream.readline(_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _listed(raw: bytes, number: int, offset: int, path: str, name: str, fields: Fields) -> Line:
    where = f"{name}:{number}"
    try:
        record = _page_record(raw, fields.html, where)
        url = record.get(fields.url)
        if url is not None and not isinstance(url, str):
            raise InputError(f"{where}: field {fields.url!r} is {_kind(url)}, not a string")
        ident = record.get(fields.id) if fields.id else None
        if ident is not None and (not isinstance(ident, (str, int)) or isinstance(ident, bool)):
            raise InputError(f"{where}: field {fields.id!r} is {_kind(ident)}, not a string or number")
    except InputError as exc:
        return Line(number, offset, path, problem=str(exc))
    return Line(number, offset, path, id=None if ident is None else str(ident), url=url or None)


def _page_record(raw: bytes, field: str, where: str) -> dict[str, Any]:
    """The line's object, checked to hold the page as a string in ``field``."""
    try:
        record = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"{where}: not JSON ({exc})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: {_kind(record)}, not a JSON object")
    if field not in record:
        raise InputError(f"{where}: no field {field!r}")
    if not isinstance(record[field], str):
        raise InputError(f"{where}: field {field!r} is {_kind(record[field])}, not a string")
    return record


def _kind(value: Any) -> str:
    return "missing" if value is None else {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number")


def read_page(path: str, offset: int, field: str, where: str, max_bytes: int) -> str:
    """The page held by the line at ``offset`` (TooLargeError past ``max_bytes`` of it, InputError when the line
    no longer holds one)."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            raw = f.readline(MAX_LINE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{where}: cannot be read ({exc.strerror or exc})") from exc
    page: str = _page_record(raw, field, where)[field]
    if len(page) > max_bytes:
        raise TooLargeError(f"{where}: page larger than {max_bytes} bytes")
    return page


_TEMP_DIRS: list[str] = []


def _temporary_copy(path: str) -> str:
    """A new file name in this process's temporary folder (removed at exit) for ``path`` decompressed."""
    if not _TEMP_DIRS:
        _TEMP_DIRS.append(tempfile.mkdtemp(prefix="cleaner-jsonl-"))
        atexit.register(_remove_copies)
    handle, name = tempfile.mkstemp(suffix=".jsonl", dir=_TEMP_DIRS[0])
    os.close(handle)
    return name


def _remove_copies() -> None:
    for folder in _TEMP_DIRS:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)
