"""Bounds on what one document may cost: input size and wall-clock time."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from .errors import NotAPageError, TimeLimitError, TooLargeError
from .options import Options


def check_input(content: bytes | str, options: Options) -> None:
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        raise TooLargeError(f"input is {size:,} bytes, over the limit of {options.max_bytes:,} (Options.max_bytes)")
    if not content or not content.strip():
        raise NotAPageError("empty input: nothing to clean")


def check_text(text: str) -> None:
    if not text.strip():
        raise NotAPageError("empty input: nothing to clean")


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitError in the block after ``seconds`` (main thread on POSIX only; elsewhere unbounded)."""
    usable = (
        seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise TimeLimitError(f"cleaning took longer than {seconds} s (Options.time_limit)")

    previous = signal.signal(signal.SIGALRM, _expired)
    old = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old[0]:
            signal.setitimer(signal.ITIMER_REAL, *old)
