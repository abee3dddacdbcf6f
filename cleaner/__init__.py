"""cleaner: raw web pages (HTML, plain text, Markdown) in, the article as JSON out."""

from __future__ import annotations

from .api import clean, clean_file
from .batch import clean_folder
from .errors import CleanerError, InputError, NotAPageError, TimeLimitError, TooLargeError
from .model import Article, Caption, Label, Metadata
from .options import Format, Options

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Caption",
    "CleanerError",
    "Format",
    "InputError",
    "Label",
    "Metadata",
    "NotAPageError",
    "Options",
    "TimeLimitError",
    "TooLargeError",
    "__version__",
    "clean",
    "clean_file",
    "clean_folder",
]
