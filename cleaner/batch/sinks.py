"""Where records go: one JSON Lines file, or one .json file per input in a tree; both resumable.

Nothing is lost or duplicated when a run is interrupted, even by kill -9:
- JSON Lines: each record is one ``write`` of one whole line, flushed at once (so a killed process leaves at most a
  torn last line, which ``resume`` cuts off) and fsynced every ``FSYNC_EVERY`` records and at the end (so a machine
  crash loses at most the last few, which ``resume`` then redoes). Records are written in input order, so what
  is done is a prefix and the resumed file is the file an uninterrupted run writes.
- Tree: each file is written under a temporary name and renamed into place, so a file that exists is whole.
- ``.jsonl.gz``: the same lines through gzip, flushed (a gzip sync point) after each record, so a killed run
  leaves every whole record readable; ``resume`` rewrites the file from its whole records, then appends.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError, OutputClosedError, UsageError
from ..markdown_out import document
from .records import Record
from .tasks import OUTPUT_SUFFIX, StrPath, Task

#: records between fsyncs of a JSON Lines output: at ~100 pages/s about one a second, a cost that does not show,
#: and after a power cut at most this many records are redone by --resume
FSYNC_EVERY = 100
#: suffix of a tree file being written; a leftover one (killed mid-write) is ignored and overwritten
PARTIAL_SUFFIX = ".partial"


class OutputExistsError(InputError):
    """The output already holds records and neither resume nor overwrite was asked for."""


def encode(record: Record) -> bytes:
    """One record as one line of UTF-8 JSON (escaped ASCII when a string holds a lone surrogate)."""
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


def _whole_records(f: BinaryIO, path: Path, done: set[str]) -> int:
    """Read the records of ``f`` into ``done`` (their sources); the byte length of the whole ones. A torn last line
    ends the reading; a bad line with more after it is refused."""
    good_end = 0
    for number, line in enumerate(f, 1):
        try:
            source = json.loads(line)["source"] if line.endswith(b"\n") else None
        except (ValueError, KeyError, TypeError):
            source = None
        if source is None:
            if f.read(1):  # a bad line with more after it is not an interrupted write: do not guess
                raise InputError(f"{path}: line {number} is not a whole record; cannot resume safely")
            break
        done.add(source)
        good_end += len(line)
    return good_end


def _recover(path: Path) -> set[str]:
    """The sources already in a JSON Lines output; a torn or unreadable last line is cut off the file."""
    done: set[str] = set()
    with open(path, "rb") as f:
        good_end = _whole_records(f, path, done)
    if good_end != path.stat().st_size:
        with open(path, "r+b") as f:
            f.truncate(good_end)
            os.fsync(f.fileno())
    return done


def _recover_gzip(path: Path) -> set[str]:
    """:func:`_recover` for a ``.jsonl.gz`` output: the whole records are written again to a new file (a
    compressed file cannot be cut at a line), which replaces the old one."""
    done: set[str] = set()
    data = b"".join(_gunzip(path))
    good_end = _whole_records(io.BytesIO(data), path, done)
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    with open(partial, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as out:
        out.write(data[:good_end])
    with open(partial, "rb") as written:
        os.fsync(written.fileno())
    os.replace(partial, path)
    return done


def _gunzip(path: Path) -> Iterator[bytes]:
    """What a gzip file holds, member after member, as far as it goes: a stream cut short (a killed writer, no
    trailer) gives what was flushed before the cut."""
    stream = zlib.decompressobj(wbits=31)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            while chunk:
                try:
                    yield stream.decompress(chunk)
                except zlib.error:
                    return
                chunk = stream.unused_data
                if stream.eof:
                    stream = zlib.decompressobj(wbits=31)


#: the settings of the run that started an output, next to a JSON Lines file (``.<name>`` + this) or inside a
#: tree (this name): ``--resume`` refuses to mix records made under other settings into it
RUN_FILE = ".cleaner-run"
Settings = dict[str, Any]


def _run_file(output: Path, tree: bool) -> Path:
    return output / RUN_FILE if tree else output.with_name(f".{output.name}{RUN_FILE}")


def _check_settings(output: Path, tree: bool, settings: Settings | None) -> None:
    """On resume: the settings must be those the output was started with (when it says; older outputs do not)."""
    if settings is None:
        return
    try:
        first = json.loads(_run_file(output, tree).read_text(encoding="utf-8"))["settings"]
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{_run_file(output, tree)}: unreadable; cannot tell how {output} was made") from None
    changed = [f"{key}: {first.get(key)!r} then, {settings.get(key)!r} now"
               for key in sorted(set(first) | set(settings)) if first.get(key) != settings.get(key)]
    if changed:
        raise UsageError(f"{output}: --resume with other options than the run that started it would mix two kinds "
                         f"of records ({'; '.join(changed)}): use the same options, or --overwrite")


def _save_settings(output: Path, tree: bool, settings: Settings | None) -> None:
    if settings is None:
        return
    target = _run_file(output, tree)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"settings": settings}, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from exc


class JsonlSink:
    """Records as JSON Lines in one file (``-``: standard output, not resumable)."""

    def __init__(
        self, path: StrPath, *, resume: bool = False, overwrite: bool = False, settings: Settings | None = None
    ) -> None:
        self.path = Path(path)
        self.done: set[str] = set()
        self._count = 0
        self._file: BinaryIO
        self._owned = os.fspath(path) != "-"
        if not self._owned:
            self._file = sys.stdout.buffer
            return
        exists = self.path.exists() and self.path.stat().st_size > 0
        if exists and not (resume or overwrite):
            raise OutputExistsError(f"{path}: already exists (resume it, or overwrite it)")
        if resume and exists:
            _check_settings(self.path, False, settings)
        self._gzip = self.path.name.lower().endswith(".gz")
        try:
            if resume and exists:
                self.done = _recover_gzip(self.path) if self._gzip else _recover(self.path)
            self._file = open(self.path, "ab" if resume else "wb")  # noqa: SIM115 (closed in close())
            if self._gzip:
                self._raw: BinaryIO | None = self._file
                self._file = gzip.GzipFile(fileobj=self._file, mode="ab" if resume else "wb")  # type: ignore[assignment]
            if not (resume and exists) or not _run_file(self.path, False).exists():
                _save_settings(self.path, False, settings)
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc

    def is_done(self, task: Task) -> bool:
        return task.source in self.done

    def write(self, task: Task, record: Record) -> None:
        try:
            self._file.write(encode(record))
            self._file.flush()
        except BrokenPipeError as exc:
            if self._owned:
                raise
            raise OutputClosedError(f"standard output closed after {self._count} records") from exc
        self._count += 1
        if self._count % FSYNC_EVERY == 0:
            self._sync()

    def _sync(self) -> None:
        raw = getattr(self, "_raw", None) or self._file
        with contextlib.suppress(OSError):  # a pipe or a terminal cannot be fsynced, and need not be
            raw.flush()
            os.fsync(raw.fileno())

    def close(self) -> None:
        try:
            self._file.flush()
        except BrokenPipeError:
            if self._owned:
                raise
            return  # stdout's reader is gone: write() already said so
        self._sync()
        if self._owned:
            self._file.close()
            raw = getattr(self, "_raw", None)
            if raw is not None:
                raw.flush()
                os.fsync(raw.fileno())
                raw.close()


#: what a tree holds per input, by ``--to``: the file suffix and how a record is written
TREE_FORMATS: dict[str, tuple[str, Callable[[Record], bytes]]] = {
    "json": (OUTPUT_SUFFIX, encode),
    "markdown": (".md", lambda record: document(record).encode("utf-8", "replace")),
}


class TreeSink:
    """One ``<input path>.json`` (``to="markdown"``: ``.md``) per input under a folder, mirroring the input tree."""

    def __init__(
        self, root: StrPath, *, resume: bool = False, overwrite: bool = False, settings: Settings | None = None,
        to: str = "json",
    ) -> None:
        self.suffix, self.render = TREE_FORMATS[to]
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise InputError(f"{root}: exists and is not a folder")
        started = self.root.is_dir() and any(self.root.iterdir())
        if started and not (resume or overwrite):
            raise OutputExistsError(f"{root}: folder is not empty (resume it, or overwrite it)")
        if started and resume:
            _check_settings(self.root, True, settings)
        elif started:
            self._clear()
        if not (started and resume) or not _run_file(self.root, True).exists():
            _save_settings(self.root, True, settings)
        self._resume = resume

    def _clear(self) -> None:
        """--overwrite: remove the earlier run's records, so the folder holds exactly this run's. Only a folder
        of records is emptied: one holding anything else is refused rather than deleted."""
        files = [p for p in self.root.rglob("*") if not p.is_dir()]
        foreign = [p for p in files
                   if p.name != RUN_FILE and not p.name.endswith((OUTPUT_SUFFIX, self.suffix, PARTIAL_SUFFIX))]
        if foreign:
            raise InputError(f"{self.root}: --overwrite would delete files that are not records "
                             f"(e.g. {foreign[0]}); choose an OUTPUT folder of records only")
        try:
            for path in files:
                path.unlink()
            for folder in sorted((p for p in self.root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts),
                                 reverse=True):
                folder.rmdir()
        except OSError as exc:
            raise InputError(f"{self.root}: cannot clear it for --overwrite ({exc.strerror or exc})") from exc

    def _target(self, task: Task) -> Path:
        return self.root / (task.out_name.removesuffix(OUTPUT_SUFFIX) + self.suffix)

    def is_done(self, task: Task) -> bool:
        return self._resume and self._target(task).is_file()

    def write(self, task: Task, record: Record) -> None:
        target = self._target(task)
        partial = target.with_name(target.name + PARTIAL_SUFFIX)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(self.render(record))
            os.replace(partial, target)
        except OSError as exc:
            raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from exc

    def close(self) -> None:
        return None


Sink = JsonlSink | TreeSink


#: OUTPUT names taken as one JSON Lines file (gzip-compressed for .gz)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def is_jsonl_output(output: StrPath) -> bool:
    name = os.fspath(output)
    return name == "-" or name.lower().endswith(JSONL_SUFFIXES)


def open_sink(
    output: StrPath, *, resume: bool = False, overwrite: bool = False, settings: Settings | None = None,
    to: str = "json",
) -> Sink:
    """JSON Lines for ``-`` or a ``.jsonl``/``.jsonl.gz`` path; a per-file tree for a folder (existing, or a new
    name with no suffix or a trailing slash), of ``to`` files (json or markdown). Anything else (``out.json``)
    is refused rather than guessed at. ``settings`` (the options that shape records) are saved with the output;
    resuming under other ones is refused."""
    name = os.fspath(output)
    if is_jsonl_output(output):
        if to != "json":
            raise UsageError(f"--to {to} writes one file per input: OUTPUT must be a folder (JSON Lines records "
                             "always hold both body and markdown)")
        return JsonlSink(output, resume=resume, overwrite=overwrite, settings=settings if name != "-" else None)
    path = Path(name)
    if path.is_dir() or name.endswith(("/", os.sep)) or (not path.exists() and not path.suffix):
        return TreeSink(output, resume=resume, overwrite=overwrite, settings=settings, to=to)
    raise InputError(f"{name}: OUTPUT must be a .jsonl or .jsonl.gz file, '-' (standard output), or a folder "
                     "(end it with '/' to make a new one)")
