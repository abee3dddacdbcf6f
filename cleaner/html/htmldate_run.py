"""htmldate's reading of a page's publication date, with its free-text parser (dateparser) told the page's language.

Unscoped, dateparser tries each of its ~200 locales on every string and compiles each one's regular expressions the
first time it meets it: most of a page's CPU time on the first few hundred pages of a process. Told the page's
language (and English, the language of most date formats on the web), it compiles two. htmldate builds its
dateparser instance in one cached factory, ``htmldate.extractors.get_external_parser``, looked up by name on each
use: :func:`htmldate_date` installs a factory that reads the language of the page being read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

#: dateparser's settings as htmldate sets them (htmldate.extractors.get_external_parser)
_SETTINGS = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}
_LANGUAGES: ContextVar[tuple[str, ...] | None] = ContextVar("htmldate_languages", default=None)


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    from dateparser.languages.loader import default_loader

    return frozenset(default_loader.get_locale_map())


def date_languages(language: str | None) -> tuple[str, ...] | None:
    """The dateparser languages for a page in ``language`` (a BCP 47 tag): its own and English; None (every
    locale) when dateparser does not know it."""
    if not language:
        return ("en",)
    primary = language.replace("_", "-").split("-")[0].lower()
    if primary not in _known():
        return None
    return ("en",) if primary == "en" else (primary, "en")


@lru_cache(maxsize=32)
def _parser(languages: tuple[str, ...] | None) -> Any:
    from dateparser import DateDataParser  # type: ignore[attr-defined]

    return DateDataParser(languages=list(languages) if languages else None, settings=_SETTINGS)


def _scoped_parser() -> Any:
    return _parser(_LANGUAGES.get())


@contextmanager
def _scope(languages: tuple[str, ...] | None) -> Iterator[None]:
    import htmldate.extractors as extractors

    extractors.get_external_parser = _scoped_parser  # type: ignore[assignment]
    token = _LANGUAGES.set(languages)
    try:
        yield
    finally:
        _LANGUAGES.reset(token)


def htmldate_date(html: str, *, extensive: bool, language: str | None) -> str | None:
    """htmldate's publication date of ``html`` (YYYY-MM-DD), its free-text search scoped to ``language``."""
    from htmldate import find_date

    with _scope(date_languages(language) if extensive else None):
        try:
            found = find_date(html, extensive_search=extensive, original_date=True, outputformat="%Y-%m-%d")
        except (ValueError, TypeError):
            return None
    return found if isinstance(found, str) else None
