"""The one place the data flow is written: decode → sniff → segment → page type → judge (the block model's scores,
or classify → revise) → metadata → Markdown → assemble → what the page type adds."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from . import limits
from .assemble import assemble
from .decode import decode
from .errors import CleanerError, InputError, UsageTypeError
from .frontend import Frontend
from .judge import decide
from .model import Article
from .options import Format, Options
from .pagetype import with_page_type
from .sniff import sniff
from .typed import fit_type


def _frontend(fmt: Format) -> Frontend:
    if fmt is Format.HTML:
        from .html import HTML_FRONTEND

        return HTML_FRONTEND
    from .text import MARKDOWN_FRONTEND, TEXT_FRONTEND

    return MARKDOWN_FRONTEND if fmt is Format.MARKDOWN else TEXT_FRONTEND


def clean(
    content: bytes | str, *, url: str | None = None, options: Options | None = None, source: str = "-"
) -> Article:
    """Clean one page (HTML, plain text or Markdown) into an :class:`Article`.

    Raises a :class:`~cleaner.errors.CleanerError` subclass for input that is not a page, too large, or too slow.
    """
    if isinstance(content, (bytearray, memoryview)):
        content = bytes(content)
    if not isinstance(content, (bytes, str)):
        raise UsageTypeError(f"clean() takes the page as bytes or str, not {type(content).__name__}")
    if options is not None and not isinstance(options, Options):
        raise UsageTypeError(f"options must be a cleaner.Options, not {type(options).__name__}")
    for name, value in (("url", url), ("source", source)):
        if value is not None and not isinstance(value, str):
            raise UsageTypeError(f"{name} must be a str, not {type(value).__name__}")
    options = options or Options()
    url, source = limits.caller_text(url), limits.caller_text(source) or "-"
    return limits.bounded(options.time_limit, _unwrapped_stages, content, url, options, source)


def _unwrapped_stages(content: bytes | str, url: str | None, options: Options, source: str) -> Article:
    """:func:`_stages` on the content with its gzip layer removed (bounded by ``max_bytes``, under the time limit)."""
    return _stages(limits.unwrap(content, options.max_bytes), url, options, source)


def _stages(content: bytes | str, url: str | None, options: Options, source: str) -> Article:
    """The stages in order, one line each; :func:`clean` runs this under the time limit."""
    limits.check_input(content, options)
    text = decode(content, options.encoding)
    limits.check_text(text)
    fmt = sniff(text, options.format)
    front = _frontend(fmt)
    page = front.segment(text, url=url, options=options)
    page = with_page_type(page, fmt, text, url, options.page_type)
    decisions = decide(page, options.favor)
    metadata = front.metadata(page, decisions)
    markdown = front.markdown(page, decisions, options)
    article = assemble(decisions, metadata, markdown, fmt=fmt, source=source, explain=options.explain)
    return fit_type(article, page, decisions)


def read_input(path: str | os.PathLike[str], max_bytes: int = Options().max_bytes) -> bytes:
    """The bytes of ``path`` (gzip decompressed; never more than ``max_bytes + 1`` read: TooLargeError past it),
    or an :class:`InputError` saying in one line why it cannot be read."""
    try:
        with Path(path).open("rb") as stream:
            return limits.read_bounded(stream, max_bytes, os.fspath(path))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory (use 'cleaner batch' for folders)") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def clean_file(
    path: str | os.PathLike[str], *, url: str | None = None, options: Options | None = None
) -> Article:
    """Read ``path`` and :func:`clean` it; ``source`` in the record is the path as given."""
    if not isinstance(path, (str, os.PathLike)):
        raise UsageTypeError(f"clean_file() takes a path (str or os.PathLike), not {type(path).__name__}")
    if options is not None and not isinstance(options, Options):
        raise UsageTypeError(f"options must be a cleaner.Options, not {type(options).__name__}")
    name = os.fspath(path)
    try:
        data = read_input(path, (options or Options()).max_bytes)
        return clean(data, url=url, options=options, source=str(path))
    except CleanerError as exc:
        if str(exc).startswith(name):
            raise
        named = copy.copy(exc)  # the same type and attributes; the message names the file
        named.args = (f"{name}: {exc}",)
        raise named.with_traceback(exc.__traceback__) from exc
