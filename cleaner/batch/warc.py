"""WARC input: list the HTML response records of a .warc / .warc.gz file, and read one record's payload back.

Listing happens once in the parent (headers only; payloads are skipped); each worker then seeks to its record's
offset and reads that one payload, so page content never passes through the parent process.
Needs the optional extra ``cleaner[warc]`` (warcio).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..errors import InputError
from ..limits import read_bounded

#: file names taken as WARC archives (compressed per record, or plain)
WARC_SUFFIXES = (".warc", ".warc.gz")
#: HTTP Content-Type values taken as HTML pages; other responses (images, CSS, JSON) are not articles
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: bytes read at a time while listing (the parent reads each record's block once, to check it is whole)
READ_BLOCK = 1 << 16


@dataclass(frozen=True, slots=True)
class WarcEntry:
    """One HTML response (or revisit) record: where its payload is and what its headers say."""

    #: offset of the record whose payload is the page (a revisit's: the response it repeats)
    offset: int
    uri: str
    record_id: str
    charset: str | None
    #: the HTTP status code (None when the record has no HTTP headers)
    status: int | None = None
    #: the WARC-Date: when the page was fetched
    date: str | None = None
    #: why the record cannot be read (truncated); it becomes an error record
    problem: str | None = None
    #: why it is not cleaned whatever the options (a revisit of a response not in this archive)
    skip: str | None = None


def is_warc(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path).lower().endswith(WARC_SUFFIXES)


def _warcio() -> tuple[Any, type[Exception]]:
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:
        raise InputError("reading WARC files needs warcio: pip install 'cleaner[warc]'") from exc
    return ArchiveIterator, ArchiveLoadFailed


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _content_type(record: Any) -> str:
    return (record.http_headers.get_header("Content-Type") or "") if record.http_headers is not None else ""


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _status(record: Any) -> int | None:
    try:
        return int(record.http_headers.get_statuscode()) if record.http_headers is not None else None
    except (TypeError, ValueError):
        return None


def _drain(record: Any) -> int:
    """Read the record's block to its end; the number of bytes there really were."""
    n = 0
    while block := record.raw_stream.read(READ_BLOCK):
        n += len(block)
    return n


def _entries(stream: BinaryIO, archive_iterator: Any, path: str, size: int) -> Iterator[WarcEntry]:
    records = archive_iterator(stream)
    #: HTML responses by payload digest and by record id: what a revisit record may repeat
    originals: dict[str, WarcEntry] = {}
    end = 0
    for record in records:
        if record.format != "warc":  # warcio reads garbage as ARC records rather than failing
            raise ValueError(f"no WARC record at offset {records.get_record_offset()}")
        got = _drain(record) + (record.http_headers.total_len if record.http_headers is not None else 0)
        offset = records.get_record_offset()  # after the drain: warcio reads the record to its end for this
        headers = record.rec_headers
        uri = headers.get_header("WARC-Target-URI") or ""
        record_id = headers.get_header("WARC-Record-ID") or ""
        if record.rec_type is None or record.length is None:  # headers cut short: no type, no Content-Length
            raise EOFError(f"the record at offset {offset} is truncated (its WARC headers are incomplete)")
        if got < record.length:
            if record.rec_type in ("response", "revisit"):  # its own error record; nothing can follow it
                yield WarcEntry(offset, uri, record_id, None, problem=(
                    f"{path}: the record at offset {offset} is truncated ({got:,} of {record.length:,} bytes)"))
                return
            raise EOFError(f"the record at offset {offset} is truncated ({got:,} of {record.length:,} bytes)")
        end = offset + records.get_record_length()
        content_type = _content_type(record)
        date = headers.get_header("WARC-Date")
        if record.rec_type == "response" and record.http_headers is not None and _is_html(content_type):
            entry = WarcEntry(offset, uri, record_id, _charset(content_type), _status(record), date)
            for key in (headers.get_header("WARC-Payload-Digest"), record_id):
                if key:
                    originals.setdefault(key, entry)
            yield entry
        elif record.rec_type == "revisit" and (not content_type or _is_html(content_type)):
            original = originals.get(headers.get_header("WARC-Refers-To") or "") or originals.get(
                headers.get_header("WARC-Payload-Digest") or "")
            if original is None:
                if content_type:  # an HTML revisit whose response is elsewhere: say so in the summary
                    yield WarcEntry(offset, uri, record_id, None, _status(record), date,
                                    skip="revisit of a response not in this archive")
                continue
            status = _status(record) or original.status
            yield WarcEntry(original.offset, uri, record_id, _charset(content_type) or original.charset, status, date)
    _check_tail(stream, path, end, size)


def _check_tail(stream: BinaryIO, path: str, end: int, size: int) -> None:
    """After the last record only padding may follow; anything else is a record warcio could not even start."""
    if end >= size:
        return
    stream.seek(end)
    tail = stream.read(64)
    if tail.strip(b"\r\n\0 \t"):
        raise EOFError(f"unreadable or truncated data at offset {end:,} (the file is {size:,} bytes)")


def list_html_records(path: str | os.PathLike[str]) -> tuple[list[WarcEntry], str | None]:
    """The HTML response records of ``path`` in file order, and why listing stopped early (None: it did not)."""
    archive_iterator, load_failed = _warcio()
    entries: list[WarcEntry] = []
    name = os.fspath(path)
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            entries.extend(_entries(stream, archive_iterator, name, size))
    except OSError as exc:
        return entries, f"{path}: cannot be read ({exc.strerror or exc})"
    except (load_failed, zlib.error, EOFError, ValueError, AttributeError, TypeError, KeyError) as exc:
        # AttributeError/TypeError: warcio on a record cut inside its headers
        listed = sum(entry.problem is None for entry in entries)
        where = f" after {listed} HTML records" if listed else ""
        return entries, f"{path}: not a readable WARC file{where} ({exc})"
    return entries, None


def read_payload(path: str | os.PathLike[str], offset: int, max_bytes: int) -> bytes:
    """The HTTP body (de-chunked, decompressed) of the record that starts at ``offset``; TooLargeError past
    ``max_bytes`` (reading stops at ``max_bytes + 1`` bytes)."""
    archive_iterator, load_failed = _warcio()
    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            record = next(archive_iterator(stream))
            return read_bounded(record.content_stream(), max_bytes, f"{path} record at offset {offset}")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (StopIteration, load_failed, zlib.error, EOFError, ValueError) as exc:
        raise InputError(f"{path}: no readable WARC record at offset {offset}") from exc
