"""The HTML front-end."""

from __future__ import annotations

from .frontend import HTML_FRONTEND

__all__ = ["HTML_FRONTEND"]
