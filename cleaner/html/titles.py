"""The headline among the page's title candidates: JSON-LD headline, Dublin Core / og: / twitter: titles, <h1>s
and <title>.

Each candidate (site name cut off) is supported by every other source that says the same thing: equal, or
containing it as a whole part before or after a separator ("Headline | Site", "Site: Headline"). The best-supported
candidate wins; ties go to the more deliberate source (JSON-LD, then meta tags in Readability.js's order, then
<title>, then <h1>). A JSON-LD "headline" that no other source confirms (Wikipedia puts a description there) loses
to a confirmed one.
"""

from __future__ import annotations

import re

#: separators between a headline and the site name in <title> and og:title
_SEPARATORS = re.compile(r"\s+[|–—·•»«:/-]\s+|\s+::\s+|\s*\|\s*|:\s+|\s+_|_\s*")
#: a remaining headline must have at least this many characters, or the cut is undone
MIN_TITLE_CHARS = 8
#: <h1>s considered (a page with more is a listing; the first two hold the headline if any does)
MAX_H1 = 2
#: permalink marks that documentation generators append to headings
_ANCHORS = re.compile(r"[¶#§]+\s*$")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def strip_site(title: str, site: str | None) -> str:
    """``title`` without a leading or trailing part that names the site."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2 or not site:
        return title
    site_n = _norm(site)
    if not site_n:
        return title
    kept = [p for p in parts if _norm(p) != site_n and not (len(_norm(p)) >= 3 and _norm(p) in site_n)]
    if kept and len(kept) < len(parts):
        start = title.find(kept[0])
        end = title.rfind(kept[-1]) + len(kept[-1])
        joined = title[start:end].strip() if start >= 0 and end > start else kept[0]
        if len(joined) >= MIN_TITLE_CHARS:
            return joined
    return title


def _supports(other: str, cand: str) -> bool:
    """Does ``other`` (normalised) state ``cand`` (normalised): equal, or as a leading/trailing whole part?"""
    if not cand or not other:
        return False
    if other == cand:
        return True
    return (other.startswith(cand + " ") or other.endswith(" " + cand)) and len(cand) >= MIN_TITLE_CHARS


def pick_title(
    headline: str | None, metas: list[tuple[str | None, str]], h1: list[str], title: str | None, site: str | None
) -> tuple[str | None, str]:
    """(title, source); (None, "") when the page names nothing."""
    raw: list[tuple[str, str]] = []
    if headline:
        raw.append((headline, "json-ld"))
    raw += [(v, s) for v, s in metas if v]
    if title:
        raw.append((title, "html:title"))
    raw += [(_ANCHORS.sub("", t).strip(), "html:h1") for t in h1[:MAX_H1]]
    cands = [(strip_site(v, site), s, _norm(v)) for v, s in raw if v]
    best: tuple[str | None, str] = (None, "")
    best_score = -1
    for i, (value, source, _) in enumerate(cands):
        n = _norm(value)
        score = sum(_supports(other, n) for j, (_, _, other) in enumerate(cands) if j != i)
        if score > best_score:
            best, best_score = (value, source), score
    return best
