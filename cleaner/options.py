"""Options: one frozen object carrying every setting; each default with its reason."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .errors import UsageError, UsageTypeError


class Format(str, Enum):
    """Input formats. ``AUTO`` sniffs; any other value is taken as given."""

    AUTO = "auto"
    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"


class PageType(str, Enum):
    """Page types (cleaner/pagetype). ``OTHER``: none of the seven fits (no text, or the classifier is unsure)."""

    ARTICLE = "article"
    FORUM = "forum"
    PRODUCT = "product"
    COLLECTION = "collection"
    LISTING = "listing"
    DOCUMENTATION = "documentation"
    SERVICE = "service"
    OTHER = "other"


class Favor(str, Enum):
    """Which side of the precision/recall trade the judge leans to (cleaner/judge.py: FAVOR_DELTAS)."""

    BALANCED = "balanced"
    PRECISION = "precision"
    RECALL = "recall"


@dataclass(frozen=True, kw_only=True)
class Options:
    """Settings for one call of :func:`cleaner.clean`."""

    #: auto-detect: callers rarely know, and the sniffer is reliable on real pages
    format: Format = Format.AUTO
    #: off: listing every dropped block doubles the record size and few callers want it
    explain: bool = False
    #: None: use the page's own declaration, then detection; set it from an HTTP header when you have one. It wins
    #: over the page's declaration, but not over a byte-order mark or bytes that are valid non-ASCII UTF-8, and a
    #: label no web page may use ("base64", unknown names) is ignored. See cleaner/decode.py
    encoding: str | None = None
    #: 50 MiB: larger than any real article page, small enough to bound memory per document (TooLargeError above)
    max_bytes: int = 50 * 1024 * 1024
    #: 30 s: a normal page takes milliseconds; only pathological input comes near this. None or 0: no limit.
    #: Enforced in any thread (TimeLimitError); see cleaner/limits.py for what is and is not interruptible
    time_limit: float | None = 30.0
    #: None: the page-type classifier decides (cleaner/pagetype); callers who know their pages (a forum crawl) can
    #: force the type instead (sources.page_type "forced"). A str is taken as its PageType
    page_type: PageType | None = None
    #: balanced: the fitted thresholds; "precision" keeps fewer doubtful blocks, "recall" more. A str is taken as
    #: its Favor
    favor: Favor = Favor.BALANCED
    #: links kept in the record's Markdown (absolute when the page's URL is known): they are part of what it says
    markdown_links: bool = True
    #: off: images inside the article's text are seldom wanted by a reader of text (captions stay in "captions")
    markdown_images: bool = False

    def __post_init__(self) -> None:
        """Check every value now, with a message naming the field, rather than fail later deep inside a stage.
        A str for an Enum field is taken as its member (``Options(format="html")``, ``Options(page_type="forum")``)."""
        _coerce(self, "format", Format)
        _check(isinstance(self.format, Format), "format", "a cleaner.Format (or its name)", self.format)
        _coerce(self, "page_type", PageType)
        _check(self.page_type is None or isinstance(self.page_type, PageType), "page_type",
               "a PageType (or its name) or None", self.page_type)
        _coerce(self, "favor", Favor)
        _check(isinstance(self.favor, Favor), "favor", "a Favor (or its name)", self.favor)
        for name in ("explain", "markdown_links", "markdown_images"):
            _check(isinstance(getattr(self, name), bool), name, "True or False", getattr(self, name))
        _check(self.encoding is None or isinstance(self.encoding, str), "encoding", "a charset name or None",
               self.encoding)
        if self.encoding is not None:
            from .decode import check_charset

            check_charset(self.encoding)
        _check(isinstance(self.max_bytes, int) and not isinstance(self.max_bytes, bool), "max_bytes",
               "an int", self.max_bytes)
        if self.max_bytes < 1:
            raise UsageError(f"Options.max_bytes must be at least 1, not {self.max_bytes}")
        limit = self.time_limit
        _check(limit is None or (isinstance(limit, (int, float)) and not isinstance(limit, bool)), "time_limit",
               "a number of seconds or None", limit)
        if limit is not None and (math.isnan(limit) or math.isinf(limit) or limit < 0):
            raise UsageError(f"Options.time_limit must be a finite number of seconds >= 0 (0: none), not {limit}")


def _coerce(options: Options, name: str, enum: type[Enum]) -> None:
    """A str given for the Enum field ``name`` → its member (case and surrounding space ignored), else a UsageError
    listing the choices."""
    value = getattr(options, name)
    if isinstance(value, str) and not isinstance(value, enum):
        try:
            object.__setattr__(options, name, enum(value.strip().lower()))
        except ValueError:
            choices = ", ".join(repr(e.value) for e in enum)
            raise UsageError(f"Options.{name} must be one of {choices}, not {value!r}") from None


def _check(ok: bool, name: str, expected: str, value: Any) -> None:
    if not ok:
        raise UsageTypeError(f"Options.{name} must be {expected}, not {type(value).__name__} {value!r}")
