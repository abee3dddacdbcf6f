"""Bounds on what one document may cost, and the checks that refuse what is not a page.

Size. ``Options.max_bytes`` (default 50 MiB) is checked before anything else; every later stage is at most
linear-ish in the input size, so this bounds memory and, roughly, time.

Time. ``Options.time_limit`` (default 30 s) is enforced by :func:`deadline` in any thread, not only the main one:

* pre-emptively: a watchdog timer raises an exception *inside the cleaning thread* when the time is up
  (CPython's ``PyThreadState_SetAsyncExc``, the mechanism behind ``KeyboardInterrupt`` delivery to threads). It is
  delivered between Python bytecodes, so it stops any pure-Python loop (a tree walk, a rule loop). The exception is
  internal and derives from ``BaseException`` so that third-party ``except Exception:`` blocks cannot swallow it;
  the caller sees :class:`~cleaner.errors.TimeLimitError`. No signal handler is installed, so the caller's
  SIGALRM and its own timers are left alone.
* cooperatively: :func:`checkpoint` raises :class:`TimeLimitError` once the deadline has passed; front-ends call it
  in their loops, and :func:`deadline` itself checks on the way out, so a result that arrives late (because the
  pre-emptive exception was swallowed by a bare ``except:`` or could not be delivered) is refused, never returned.

Not bounded: a single call into C that runs long (one ``lxml`` parse or XPath query, one regular-expression match)
cannot be interrupted; the exception arrives when it returns. lxml parses in linear time and the input is capped by
``max_bytes``, so such calls are bounded by size rather than by the clock — but not tightly: measured, a 50 MB page
overruns a 2 s limit by about 1 s (the parse). A 5 MB page of 1,000,000 ``<br>`` used to overrun 30 s by about 12 s
(trafilatura's XPath over a million siblings); cleaner/html/bound.py now thins such trees first (~2 s) and skips
trafilatura on a tree still over 250,000 elements. A quadratic regular expression in a front-end is
unbounded in this sense, which is why tests/test_sniff.py and tests/test_hostile.py time the worst inputs. On Python
implementations without ``PyThreadState_SetAsyncExc`` (PyPy) only the cooperative checks apply.

Depth. Input nested deeper than Python's recursion limit (JSON-LD ``[[[[...``, a recursive tree walk) must not blow
the stack: :func:`deadline` turns a ``RecursionError`` from any stage into :class:`TooDeepError`, a
:class:`TooLargeError`. The HTML parser itself (libxml2) caps element nesting at 256 levels.

Reading. :func:`read_bounded` reads a file or stream and :func:`unwrap` takes bytes in memory; both read gzip input
(magic ``1f 8b``, as crawl dumps ship pages: ``page.html.gz``) transparently, and both stop at ``max_bytes + 1``
bytes of *decompressed* content: a 23 GB ``/dev/zero`` or a gzip bomb costs at most ``max_bytes`` of memory and gives
:class:`TooLargeError`; a corrupt or truncated gzip stream gives :class:`DecodeError`.

Caller strings. :func:`caller_text` makes ``url`` and ``source`` safe to write as UTF-8 JSON.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import heapq
import os
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, TypeVar

from . import binary
from .decode import decode
from .errors import DecodeError, NotAPageError, TimeLimitError, TooDeepError, TooLargeError
from .options import Options

#: share of U+FFFD in the start of the decoded text above which the bytes were not text in any charset we know
#: (a page with a few broken bytes has well under 1%)
UNDECODABLE_SHARE = 0.2
#: how much of the decoded text that share is measured over
UNDECODABLE_WINDOW = 16_384

T = TypeVar("T")

#: the first two bytes of every gzip member (RFC 1952)
GZIP_MAGIC = b"\x1f\x8b"
#: bytes read from a file or stream (or fed to the decompressor) at a time
READ_CHUNK = 1 << 20

#: disarmed alarms wait in the watchdog's heap until there are this many (and they are half of it)
_COMPACT_AFTER = 1024
#: a fired alarm still armed this long after is fired again: the interrupt can land where Python swallows it (a
#: garbage-collector callback, a __del__) and the work would run on past its limit
_REFIRE_SECONDS = 0.5

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("cleaner_deadline", default=None)


class _Expired(BaseException):
    """Raised asynchronously in the cleaning thread; a BaseException so that ``except Exception`` cannot eat it."""


# No argtypes on purpose: the exception is passed as ctypes.py_object, and ``None`` must reach C as NULL ("clear the
# pending exception"), which only the untyped call does.
_set_async_exc = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
if sys.implementation.name != "cpython":  # pragma: no cover - PyPy and friends: cooperative checks only
    _set_async_exc = None


def check_input(content: bytes | str, options: Options) -> None:
    """Refuse input over ``Options.max_bytes``, empty input, and files that are not text (PDF, images, ...)."""
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        raise TooLargeError(f"input is {size:,} bytes, over the limit of {options.max_bytes:,} (Options.max_bytes)")
    if not content or not content.strip():
        raise NotAPageError("empty input: nothing to clean")
    what = binary.identify(content) if isinstance(content, bytes) else binary.identify_text(content)
    if what is not None:
        raise NotAPageError(f"not a web page: looks like {what}")


class Unwrapped(bytes):
    """Bytes already read by :func:`read_bounded` / :func:`unwrap`: decompressed, within the limit. :func:`unwrap`
    passes them through as they are, so gzip is removed exactly once, wherever the bytes came from."""

    __slots__ = ()


def _too_large(name: str, max_bytes: int, compressed: bool) -> TooLargeError:
    what = "decompresses to over" if compressed else "is over"
    return TooLargeError(f"{name} {what} the limit of {max_bytes:,} bytes (Options.max_bytes)")


def _gunzip(chunks: Iterator[bytes], max_bytes: int, name: str) -> Unwrapped:
    """Decompress the gzip stream in ``chunks`` (one or more members), never more than ``max_bytes + 1`` bytes."""
    out: list[bytes] = []
    size = 0
    inflater = zlib.decompressobj(wbits=31)
    try:
        for chunk in chunks:
            data = chunk
            while data:
                if inflater.eof:  # a member ended: another member, or zero padding, may follow
                    if not data.strip(b"\0"):
                        break
                    if not data.startswith(GZIP_MAGIC[: len(data)]):
                        raise DecodeError(f"{name}: corrupt gzip data (garbage after the compressed stream)")
                    inflater = zlib.decompressobj(wbits=31)
                piece = inflater.decompress(data, max_bytes + 1 - size)
                size += len(piece)
                out.append(piece)
                if size > max_bytes:
                    raise _too_large(name, max_bytes, True)
                data = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
                checkpoint()
        if not inflater.eof:
            raise DecodeError(f"{name}: truncated gzip data (the compressed stream ends early)")
    except zlib.error as exc:
        raise DecodeError(f"{name}: corrupt gzip data ({exc})") from exc
    return Unwrapped(b"".join(out))


def unwrap(content: bytes | str, max_bytes: int, name: str = "input") -> bytes | str:
    """``content`` with a gzip layer removed (at most ``max_bytes + 1`` bytes decompressed); other input as is."""
    if isinstance(content, Unwrapped) or not isinstance(content, bytes) or not content.startswith(GZIP_MAGIC):
        return content
    return _gunzip(iter([content]), max_bytes, name)


def read_bounded(stream: BinaryIO, max_bytes: int, name: str = "input") -> Unwrapped:
    """Read ``stream`` to its end, gzip decompressed, but never more than ``max_bytes + 1`` bytes of content:
    :class:`TooLargeError` past the limit (a file, stdin, a pipe, ``/dev/zero``), :class:`DecodeError` for bad gzip."""
    first = _read_some(stream, min(READ_CHUNK, max_bytes + 1))
    if first.startswith(GZIP_MAGIC):
        def chunks() -> Iterator[bytes]:
            yield first
            while block := _read_some(stream, READ_CHUNK):
                yield block

        return _gunzip(chunks(), max_bytes, name)
    parts = [first]
    size = len(first)
    while size <= max_bytes and (block := _read_some(stream, min(READ_CHUNK, max_bytes + 1 - size))):
        parts.append(block)
        size += len(block)
    if size > max_bytes:
        raise _too_large(name, max_bytes, False)
    return Unwrapped(b"".join(parts))


def _read_some(stream: BinaryIO, n: int) -> bytes:
    """Up to ``n`` bytes; fewer only at the end of the stream (a pipe returns what it has, so keep reading)."""
    parts: list[bytes] = []
    while n > 0:
        block = stream.read(n)
        if not block:
            break
        parts.append(block)
        n -= len(block)
    return b"".join(parts)


def caller_text(value: str | None) -> str | None:
    """A URL or source path from the caller, made safe to write as UTF-8 JSON: bytes smuggled in by
    ``surrogateescape`` (a file name that is not UTF-8) decoded, other lone surrogates replaced, control characters
    (NUL, ...) removed. ``None`` stays ``None``."""
    return None if value is None else decode(value)


def check_text(text: str) -> None:
    """Refuse decoded text that is empty or mostly undecodable."""
    if not text.strip():
        raise NotAPageError("empty input: nothing to clean")
    head = text[:UNDECODABLE_WINDOW]
    bad = head.count("\ufffd")
    if bad > len(head) * UNDECODABLE_SHARE:
        raise DecodeError(f"not text in any known charset: {bad / len(head):.0%} of the start is undecodable")


def checkpoint() -> None:
    """Raise :class:`TimeLimitError` if the current document's time limit has passed (cheap: call it in loops)."""
    end = _deadline.get()
    if end is not None and time.monotonic() > end:
        raise TimeLimitError("cleaning took longer than Options.time_limit")


def remaining() -> float | None:
    """Seconds left for the current document, or ``None`` when there is no limit."""
    end = _deadline.get()
    return None if end is None else max(0.0, end - time.monotonic())


class _Alarm:
    """One armed deadline: raises :class:`_Expired` in its thread when due, unless disarmed first (race-free)."""

    __slots__ = ("armed", "due", "fired", "thread_id")

    def __init__(self, due: float) -> None:
        self.due = due
        self.thread_id = threading.get_ident()
        self.armed = True
        self.fired = False

    def __lt__(self, other: _Alarm) -> bool:
        return self.due < other.due


class _Watchdog:
    """One daemon thread for every deadline in the process (a thread per call costs ~1 ms; this costs µs)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._alarms: list[_Alarm] = []
        self._disarmed = 0
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> _Alarm:
        alarm = _Alarm(time.monotonic() + seconds)
        if _set_async_exc is None:  # pragma: no cover - not CPython
            return alarm
        with self._cond:
            heapq.heappush(self._alarms, alarm)
            if self._thread is None or not self._thread.is_alive():  # first use, or after fork
                self._thread = threading.Thread(target=self._run, name="cleaner-deadline", daemon=True)
                self._thread.start()
            if self._alarms[0] is alarm:
                # the new earliest alarm: wake the watchdog to wait for it. Otherwise the watchdog already wakes no
                # later than an alarm due before this one, and looks again then (waking it for every call, one per
                # page, cost a thread switch each time)
                self._cond.notify()
        return alarm

    def disarm(self, alarm: _Alarm) -> None:
        with self._cond:
            alarm.armed = False  # left in the heap; the watchdog drops it when it comes up ...
            self._disarmed += 1
            if self._disarmed > _COMPACT_AFTER and self._disarmed * 2 > len(self._alarms):
                self._alarms = [a for a in self._alarms if a.armed]  # ... or here, so the heap stays small
                heapq.heapify(self._alarms)
                self._disarmed = 0
            if alarm.fired and _set_async_exc is not None:
                # it fired but has not been raised yet: clear it, it must not escape the deadline block
                _set_async_exc(ctypes.c_ulong(alarm.thread_id), None)

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._alarms and not self._alarms[0].armed:
                    heapq.heappop(self._alarms)
                if not self._alarms:
                    self._cond.wait()
                    continue
                wait = self._alarms[0].due - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                alarm = heapq.heappop(self._alarms)
                alarm.fired = True
                assert _set_async_exc is not None
                _set_async_exc(ctypes.c_ulong(alarm.thread_id), ctypes.py_object(_Expired))
                alarm.due = time.monotonic() + _REFIRE_SECONDS  # until disarmed: a swallowed interrupt comes again
                heapq.heappush(self._alarms, alarm)


_WATCHDOG = _Watchdog()


def _after_fork() -> None:
    """A forked child (multiprocessing workers) has no watchdog thread and maybe a lock held mid-use: start afresh."""
    global _WATCHDOG
    _WATCHDOG = _Watchdog()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def bounded(seconds: float | None, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` under a time limit of ``seconds`` (``None`` or ≤ 0: no limit); what clean() uses.

    Raises :class:`TimeLimitError` when the time is up, and turns a ``RecursionError`` from ``fn`` into
    :class:`TooDeepError` (a :class:`TooLargeError`): input nested deeper than Python's recursion limit is a limit
    of its own, never an unhandled exception.

    Race-free, unlike any ``with`` form: the interrupt can land at the very end of the work, on the way into the
    code that disarms it; here that code and the handler that catches the interrupt are in one frame. (A
    context manager's ``__exit__`` is a new frame, entered outside any handler of its own.)
    """
    try:
        if seconds is None or seconds <= 0:
            return fn(*args, **kwargs)
        return _bounded(seconds, fn, args, kwargs)
    except RecursionError as exc:
        raise TooDeepError("the page is nested too deeply to clean (over Python's recursion limit)") from exc


def _bounded(seconds: float, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
    message = f"cleaning took longer than {seconds:g} s (Options.time_limit)"
    end = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(end if outer is None else min(outer, end))
    alarm: _Alarm | None = None
    try:
        try:
            alarm = _WATCHDOG.arm(seconds)
            result = fn(*args, **kwargs)
        finally:
            if alarm is not None:
                _WATCHDOG.disarm(alarm)
    except _Expired:
        if alarm is not None:
            _WATCHDOG.disarm(alarm)  # again: the interrupt may have landed on the first call's entry
        raise TimeLimitError(message) from None
    except RecursionError:
        if alarm is not None and alarm.fired:  # the interrupt arrived while unwinding a deep recursion
            raise TimeLimitError(message) from None
        raise
    finally:
        _deadline.reset(token)
    if time.monotonic() > end:
        raise TimeLimitError(message)  # a late result: the interrupt was swallowed or stuck in one C call
    return result


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """:func:`bounded` as a ``with`` block, for code that cannot be wrapped in a function.

    Caveat: under load, an interrupt due just as the block ends can surface from the ``with`` statement itself,
    outside this function's handlers. Prefer :func:`bounded`.
    """
    try:
        if seconds is None or seconds <= 0:
            yield
        else:
            with _timed(seconds):
                yield
    except RecursionError as exc:
        raise TooDeepError("the page is nested too deeply to clean (over Python's recursion limit)") from exc


@contextlib.contextmanager
def _timed(seconds: float) -> Iterator[None]:
    message = f"cleaning took longer than {seconds:g} s (Options.time_limit)"
    end = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(end if outer is None else min(outer, end))
    alarm = _WATCHDOG.arm(seconds)
    try:
        try:
            yield
        finally:
            _WATCHDOG.disarm(alarm)
    except _Expired:
        _WATCHDOG.disarm(alarm)
        raise TimeLimitError(message) from None
    except RecursionError:
        if alarm.fired:  # the interrupt arrived while unwinding a deep recursion
            raise TimeLimitError(message) from None
        raise
    finally:
        _deadline.reset(token)
    if time.monotonic() > end:
        raise TimeLimitError(message)
