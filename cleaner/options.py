"""Options: one frozen object carrying every setting; each default with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Format(str, Enum):
    """Input formats. ``AUTO`` sniffs; any other value is taken as given."""

    AUTO = "auto"
    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"


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
    #: on: for HTML, trafilatura's extractor gives a second opinion on which blocks are the article (snippet F1 on
    #: trafilatura-dev 0.886 → 0.938, body F1 on readability 0.915 → 0.950). Off: about half the CPU time per HTML
    #: page, for the markup cues alone. Text and Markdown never use it
    extractor: bool = True
