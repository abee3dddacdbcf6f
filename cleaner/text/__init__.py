"""The plain-text and Markdown front-end."""

from __future__ import annotations

from .frontend import MARKDOWN_FRONTEND, TEXT_FRONTEND

__all__ = ["MARKDOWN_FRONTEND", "TEXT_FRONTEND"]
