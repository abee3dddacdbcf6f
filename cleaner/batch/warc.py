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


@dataclass(frozen=True, slots=True)
class WarcEntry:
    """One HTML response record: where it starts in the file and what its headers say."""

    offset: int
    uri: str
    record_id: str
    charset: str | None


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


def _entries(stream: BinaryIO, archive_iterator: Any) -> Iterator[WarcEntry]:
    records = archive_iterator(stream)
    for record in records:
        if record.format != "warc":  # warcio reads garbage as ARC records rather than failing
            raise ValueError(f"no WARC record at offset {records.get_record_offset()}")
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            continue
        yield WarcEntry(
            offset=records.get_record_offset(),
            uri=record.rec_headers.get_header("WARC-Target-URI") or "",
            record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
            charset=_charset(content_type),
        )


def list_html_records(path: str | os.PathLike[str]) -> tuple[list[WarcEntry], str | None]:
    """The HTML response records of ``path`` in file order, and why listing stopped early (None: it did not)."""
    archive_iterator, load_failed = _warcio()
    entries: list[WarcEntry] = []
    try:
        with open(path, "rb") as stream:
            entries.extend(_entries(stream, archive_iterator))
    except OSError as exc:
        return entries, f"{path}: cannot be read ({exc.strerror or exc})"
    except (load_failed, zlib.error, EOFError, ValueError) as exc:
        where = f" after {len(entries)} HTML records" if entries else ""
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
