"""The headline among the page's title candidates: JSON-LD headline, Dublin Core / og: / twitter: titles, <h1>s
and <title>.

Each candidate (site name cut off) is supported by every other source that says the same thing: equal, or
containing it as a whole part before or after a separator ("Headline | Site", "Site: Headline"). The best-supported
candidate wins; ties go to the more deliberate source (JSON-LD, then meta tags in Readability.js's order, then
<title>, then <h1>). A JSON-LD "headline" that no other source confirms (Wikipedia puts a description there) loses
to a confirmed one.

A winner that only <title> states (or a meta title equal to it) loses its site suffix ("Headline | Site": a short
trailing part that neither asks nor goes on in lower case), and gives way to an <h1> that goes on from it (the
visible headline). An <h1> equal to the <title>'s last part after a longer first part is the site's logo.
"""

from __future__ import annotations

import re

#: separators between a headline and the site name in <title> and og:title
SEPARATORS = re.compile(r"\s+[|–—·•»«:/-]\s+|\s+::\s+|\s*\|\s*|:\s+|\s+_|_\s*")
#: a remaining headline must have at least this many characters, or the cut is undone
MIN_TITLE_CHARS = 8
#: <h1>s considered (a page with more is a listing; the first two hold the headline if any does)
MAX_H1 = 2
#: permalink marks that documentation generators append to headings
_ANCHORS = re.compile(r"[¶#§]+\s*$")
#: the separators before a site name at the end of a title ("Headline | Site", "Headline – Site", "Headline · Site")
_SUFFIX = re.compile(r"\s+[|–—·•:-]\s+(?=[^|–—·•]+$)|\s*\|\s*(?=[^|]+$)")
#: a site name does not ask, exclaim or list
_NOT_SITE = re.compile(r"[?!,]")
#: a trailing part of at most this many words can be a site name
MAX_SITE_WORDS = 5
#: an <h1> that extends the title's first part by more words is the visible headline when nothing else confirms one
#: ("Council backs new bridge | Site" → "Council backs new bridge over the river"): the part needs this many words
MIN_EXTENDED_WORDS = 3


def norm(text: str) -> str:
    """Casefolded words: how titles are compared (punctuation and spacing aside)."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def strip_site(title: str, site: str | None) -> str:
    """``title`` without a leading or trailing part that names the site."""
    parts = SEPARATORS.split(title)
    if len(parts) < 2 or not site:
        return title
    site_n = norm(site)
    if not site_n:
        return title
    kept = [p for p in parts if norm(p) != site_n and not (len(norm(p)) >= 3 and norm(p) in site_n)]
    if kept and len(kept) < len(parts):
        start = title.find(kept[0])
        end = title.rfind(kept[-1]) + len(kept[-1])
        joined = title[start:end].strip() if start >= 0 and end > start else kept[0]
        if len(joined) >= MIN_TITLE_CHARS:
            return joined
    return title


def split_suffix(title: str) -> tuple[str, str | None]:
    """(headline, site): ``title`` split before a short trailing part after a separator ("Headline | Site");
    (title, None) when there is none or what would remain is too short."""
    found = _SUFFIX.search(title)
    if found is None:
        return title, None
    head, tail = title[:found.start()].strip(), title[found.end():].strip()
    if len(tail.split()) > MAX_SITE_WORDS or len(head) < MIN_TITLE_CHARS or len(head.split()) < 2:
        return title, None
    if tail[:1].islower() or tail[:1].isdigit() or _NOT_SITE.search(tail):
        return title, None  # "… – worauf wartet die Politik?", "#282 - 0.17 in sight": the headline goes on
    return head, tail


def cut_suffix(title: str) -> str:
    """``title`` without its site suffix (see :func:`split_suffix`), for a title no other source confirms."""
    return split_suffix(title)[0]


def site_from_title(title: str | None) -> str | None:
    """The site name a <title> ends with ("Headline | The Daily Example" → "The Daily Example"), if any."""
    return split_suffix(title)[1] if title else None


def _site_h1(title: str | None, h1: list[str]) -> str | None:
    """An <h1> equal to the last part of <title> after a longer first part: the site's logo, not the headline
    ("Discuss the 7.1 release here - virtualbox.org" with <h1>virtualbox.org</h1>)."""
    if not title:
        return None
    parts = [p for p in SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return None
    last = norm(parts[-1])
    if len(norm(parts[0]).split()) <= len(last.split()):
        return None
    return parts[-1].strip() if any(norm(h) == last for h in h1) else None


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
    logo = None if site else _site_h1(title, h1[:MAX_H1])
    if logo is not None:
        site = logo
        h1 = [t for t in h1 if norm(t) != norm(logo)]
    raw: list[tuple[str, str]] = []
    if headline:
        raw.append((headline, "json-ld"))
    raw += [(v, s) for v, s in metas if v]
    if title:
        raw.append((title, "html:title"))
    raw += [(_ANCHORS.sub("", t).strip(), "html:h1") for t in h1[:MAX_H1]]
    cands = [(strip_site(v, site), s, norm(v)) for v, s in raw if v]
    best: tuple[str | None, str] = (None, "")
    best_score = -1
    for i, (value, source, _) in enumerate(cands):
        n = norm(value)
        score = sum(_supports(other, n) for j, (_, _, other) in enumerate(cands) if j != i)
        if score > best_score:
            best, best_score = (value, source), score
    value, source = best[0] or "", best[1]
    if not value or source in ("json-ld", "html:h1"):
        return best
    confirmed = any(_supports(other, norm(value)) or _supports(norm(value), other)
                    for _, s, other in cands if s in ("json-ld", "html:h1"))
    if confirmed or (source != "html:title" and norm(value) != norm(title or "")):
        return best  # a meta title that differs from <title> has had its site name taken off already
    head = cut_suffix(value)
    head_n = norm(head)
    if best_score == 0 and len(head_n.split()) >= MIN_EXTENDED_WORDS:
        for h, s, other in cands:
            if s == "html:h1" and other.startswith(head_n + " "):
                return h, s
    return head, source
