"""cleaner: raw web pages (HTML, plain text, Markdown) in, the article as JSON out."""

from __future__ import annotations

from .api import clean, clean_file
from .batch import clean_folder
from .errors import (
    CleanerError,
    DecodeError,
    InputError,
    NotAPageError,
    TimeLimitError,
    TooDeepError,
    TooLargeError,
)
from .model import Article, Caption, Label, Metadata
from .options import Favor, Format, Options

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Caption",
    "CleanerError",
    "DecodeError",
    "Favor",
    "Format",
    "InputError",
    "Label",
    "Metadata",
    "NotAPageError",
    "Options",
    "TimeLimitError",
    "TooDeepError",
    "TooLargeError",
    "__version__",
    "clean",
    "clean_file",
    "clean_folder",
]
