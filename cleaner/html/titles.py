"""The headline among the page's title candidates: JSON-LD headline, og:/twitter: titles, <h1>, <title>.

Meta titles and <title> often carry the site's name ("Headline | Site"); an <h1> that matches the start of one
confirms the headline, and a part equal to the site name is cut off.
"""

from __future__ import annotations

import re

#: separators between a headline and the site name in <title> and og:title
_SEPARATORS = re.compile(r"\s+[|–—·•»«:-]\s+|\s+::\s+|\s*\|\s*")
#: a remaining headline must have at least this many characters, or the cut is undone
MIN_TITLE_CHARS = 8


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def strip_site(title: str, site: str | None) -> str:
    """``title`` without a leading or trailing part that names the site."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_n = _norm(site) if site else ""
    if site_n:
        kept = [p for p in parts if _norm(p) != site_n and not (len(_norm(p)) >= 3 and _norm(p) in site_n)]
        if kept and len(kept) < len(parts):
            joined = _rejoin(title, kept)
            if len(joined) >= MIN_TITLE_CHARS:
                return joined
    return title


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else kept[0]


def _longest_part(title: str) -> str:
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    return max(parts, key=len) if parts else title


def pick_title(
    headline: str | None, metas: list[tuple[str | None, str]], h1: list[str], title: str | None, site: str | None
) -> tuple[str | None, str]:
    """(title, source)."""
    if headline:
        return strip_site(headline, site), "json-ld"
    candidates = [(strip_site(v, site), s) for v, s in metas if v]
    if title:
        candidates.append((strip_site(title, site), "html:title"))
    for text in h1:
        n = _norm(text)
        if n and any(_norm(c).startswith(n) for c, _ in candidates):
            return text, "html:h1"
    if candidates:
        value, source = candidates[0]
        if source == "html:title" and value == title and _SEPARATORS.search(value):
            value = _longest_part(value)
        return value, source
    if h1:
        return h1[0], "html:h1"
    return None, ""
