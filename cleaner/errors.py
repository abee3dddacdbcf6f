"""The library's own exceptions. Every failure a caller can see is one of these."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error raised by cleaner."""

    #: stable machine-readable name, used in batch error records and CLI messages
    kind = "error"


class UsageError(CleanerError, ValueError):
    """A bad argument from the caller: an option value out of range, an unknown charset name (also a ValueError)."""

    kind = "usage"


class UsageTypeError(UsageError, TypeError):
    """An argument of the wrong type (``clean(None)``, ``Options(max_bytes="10")``); also a TypeError."""


class InputError(CleanerError):
    """The input cannot be read (missing file, directory, permission)."""

    kind = "input"


class NotAPageError(CleanerError):
    """The input is not a web page (empty, binary, a PDF or image, ...)."""

    kind = "not-a-page"


class DecodeError(CleanerError):
    """The bytes could not be decoded to text."""

    kind = "decode"


class TooLargeError(CleanerError):
    """The input is larger than ``Options.max_bytes``."""

    kind = "too-large"


class TimeLimitError(CleanerError):
    """Cleaning took longer than ``Options.time_limit``."""

    kind = "timeout"


class TooDeepError(TooLargeError):
    """The input is nested deeper than the code can follow (Python's recursion limit): a size limit of its own."""

    kind = "too-deep"


class WorkerStartError(CleanerError):
    """A batch run's worker processes die before they can start (a broken install, an import that fails)."""

    kind = "internal"


class OutputClosedError(CleanerError):
    """Standard output was closed by its reader (``cleaner batch -o - | head``); raised only for stdout."""

    kind = "output-closed"
