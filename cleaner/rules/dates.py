"""Written dates and times in en, de, fr, es, it, pt, pl, ru, uk → ISO 8601 ("2024-10-28" or "2024-10-28T21:56")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from . import load_json

#: years outside this range are page furniture (copyright spans, product numbers), not publication dates
MIN_YEAR, MAX_YEAR = 1990, 2099


#: what may follow a year: no digit, or the next date or a time glued to it ("25. Januar 202225. Januar 2022",
#: "20 janvier 202020 janvier", "4 de mayo de 202200:00 hs": a theme's posted and updated dates, or date and time,
#: with the space lost). Not one digit and a space: "5. Mai 20221 Besucher" is a count after the year
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}[./]|\d{2}\s|\d{1,2}:\d\d))"
#: every date form read here has a four-digit year: a cheap test before the full patterns
_YEAR = re.compile(rf"(?<!\d)(?:19|20)\d\d{_YEAR_END}")


@dataclass(frozen=True, slots=True)
class DateMatch:
    iso: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in load_json("dates.json")["months"].values():
        table.update({k.lower(): v for k, v in names.items()})
    return table


_TIME = (r"(?:\s*(?:,|at|um|à|a las|alle|às|o|в|о|-|–|\|)?\s*"
         r"(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?!\d)\s*(?P<ap>[ap]\.?\s?m\.?)?)?")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = "|".join(re.escape(m) for m in sorted(_months(), key=len, reverse=True))
    month = rf"(?P<mon>{names})\.?"
    flags = re.IGNORECASE
    return (
        re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2}))?", flags),
        re.compile(rf"(?<!\w){month}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_YEAR_END}{_TIME}", flags),
        re.compile(
            # "21.dez.2018": no spaces after the dots
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|er|º|st|nd|rd|th)?(?:\s+|(?<=\.))(?:de\s+|of\s+)?{month}(?![^\W\d])"
            rf"(?:,?\s+|(?<=\.))(?:de\s+)?"
            rf"(?P<y>\d{{4}}){_YEAR_END}(?:\s*(?:г\.|р\.|року|года|roku))?{_TIME}",
            flags,
        ),
        # "18. 05. 2014", "4.\u20092.\u20092022": a space may follow the dots
        re.compile(rf"(?<![\d./])(?P<a>\d{{1,2}})(?P<sep>[./])(?:(?<=\.)\s)?(?P<b>\d{{1,2}})(?P=sep)(?:(?<=\.)\s)?"
                   rf"(?P<y>\d{{4}}){_YEAR_END}{_TIME}", flags),
    )


#: what every match of the "Month day, year" pattern holds: the day's last digit, then the year. The month names
#: open that pattern, and a case-blind alternation of them is tried at every position of the text (10x slower
#: than this test, which it can skip when it fails: it is then sure to find nothing)
_DAY_COMMA_YEAR = re.compile(rf"\d(?:st|nd|rd|th)?,?\s+\d{{4}}{_YEAR_END}", re.IGNORECASE)


def _iso(y: int, m: int, d: int, h: str | None, mi: str | None, ap: str | None) -> str | None:
    if not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if h is None or mi is None:
        return day.isoformat()
    hour, minute = int(h), int(mi)
    if ap:
        pm = ap.lower().startswith("p")
        if hour == 12:
            hour = 0 if not pm else 12
        elif pm:
            hour += 12
    if hour > 23 or minute > 59:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


#: a full date in a URL's path, as /2023/11/08/ or /2023-11-08-title (two-digit month and day: "2024-4-4" in a
#: slug is a version number)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)([/-])(\d\d)\2(\d\d)(?=[/._-]|$)")


def url_date(url: str | None) -> str | None:
    """The day a URL's path states (``/2023/11/08/...`` → "2023-11-08"), or None. It is the day the page went up
    in the site's own time zone, where a markup timestamp in UTC may be a day off."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    found = _URL_DATE.search(path)
    if found is None:
        return None
    y, m, d = int(found.group(1)), int(found.group(3)), int(found.group(4))
    return _iso(y, m, d, None, None, None)


def url_overrules(published: str | None, url: str | None) -> str | None:
    """The URL's day when it disagrees with ``published`` (or there is none): a date in the path is the page's
    own, where markup and text may give a UTC timestamp a day off, or a teaser's or a comment's date."""
    day = url_date(url)
    return day if day and (published or "")[:10] != day else None


def find_dates(text: str, *, month_first: bool = False, limit: int = 8) -> list[DateMatch]:
    """The first ``limit`` dates in ``text``, in order (``find_date`` is the first of them, found faster). Each
    look-up scans the rest of the text: the limit keeps a hostile line of a million dates linear."""
    found: list[DateMatch] = []
    pos = 0
    while len(found) < limit and (m := find_date(text[pos:], month_first=month_first)) is not None:
        found.append(DateMatch(m.iso, pos + m.start, pos + m.end))
        pos += m.end
    return found


#: a cue word counts for a date when it ends at most this many characters before it ("Updated on Monday, 5 May")
CUE_REACH = 25


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_json("dates.json")

    def pattern(key: str) -> re.Pattern[str]:
        words = sorted({w for ws in data[key].values() for w in ws}, key=len, reverse=True)
        return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)", re.IGNORECASE)

    return pattern("published_cues"), pattern("updated_cues")


def date_role(text: str, match: DateMatch, after: int = 0) -> str | None:
    """"published" or "updated" when a cue word stands just before the date (between ``after`` and it), else
    None: the nearest cue wins ("Published May 4 | Updated May 5" gives each date its own)."""
    head = text[max(after, match.start - CUE_REACH): match.start]
    published, updated = _cues()
    last = {"published": -1, "updated": -1}
    for role, pattern in (("published", published), ("updated", updated)):
        for cue in pattern.finditer(head):
            last[role] = cue.end()
    if max(last.values()) < 0:
        return None
    return "published" if last["published"] > last["updated"] else "updated"


def find_date(text: str, *, month_first: bool = False) -> DateMatch | None:
    """The first date in ``text`` (with its time when one follows), or None.

    ``month_first`` reads an all-numeric "10/28/2024" as month/day (US usage); a day above 12 decides by itself.
    """
    if not _YEAR.search(text):
        return None
    best: DateMatch | None = None
    for number, pattern in enumerate(_patterns()):
        if number == 1 and not _DAY_COMMA_YEAR.search(text):
            continue
        # the ISO form has its hyphens, the numeric one its dots or slashes: a text without them skips the search
        if (number == 0 and "-" not in text) or (number == 3 and "." not in text and "/" not in text):
            continue
        for found in pattern.finditer(text):
            g = found.groupdict()
            if g.get("mon"):
                m = _months()[g["mon"].lower()]
            elif "a" in g and g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                slash_us = month_first and g["sep"] == "/"
                if a > 12 or (b <= 12 and not slash_us):
                    g["d"], m = g["a"], b
                else:
                    g["d"], m = g["b"], a
            else:
                m = int(g["m"])
            iso = _iso(int(g["y"]), m, int(g["d"]), g.get("h"), g.get("mi"), g.get("ap"))
            if iso and (best is None or found.start() < best.start):
                best = DateMatch(iso, found.start(), found.end())
            if iso:
                break
    return best
