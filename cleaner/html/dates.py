"""Date values from markup → ISO 8601: a date, or a datetime with its offset when the value has one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..rules.dates import MAX_YEAR, MIN_YEAR, find_date

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})")
_Z = re.compile(r"Z$|([+-]\d{2})(\d{2})$")


def _valid(y: int, m: int, d: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12 and 1 <= d <= 31


def _zone(value: str) -> str:
    """'Z' → '+00:00', '+0200' → '+02:00' (fromisoformat in 3.10 knows neither)."""
    return _Z.sub(lambda m: "+00:00" if m.group(0) == "Z" else f"{m.group(1)}:{m.group(2)}", value)


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 for a markup date value; None when it holds no plausible date."""
    if not value:
        return None
    value = value.strip()
    head = _ISO_PREFIX.match(value)
    if head:
        y, m, d = (int(g) for g in head.groups())
        if not _valid(y, m, d):
            return None
        try:
            parsed = datetime.fromisoformat(_zone(value.replace(" ", "T", 1)))
        except ValueError:
            return f"{y:04d}-{m:02d}-{d:02d}"
        if parsed.tzinfo is not None and len(value) > 10:
            return parsed.isoformat()
        return parsed.date().isoformat()
    found = find_date(value)
    return found.iso if found else None


@dataclass(frozen=True, slots=True)
class StatedDays:
    """The published date each independent kind of markup states first (None where it states none)."""

    jsonld: str | None = None
    meta: str | None = None
    microdata: str | None = None
    time: str | None = None

    def votes(self, visible: str | None) -> tuple[str | None, ...]:
        """One vote per source, the visible date line standing for <time> (mostly the same element) when found."""
        return (self.jsonld, self.meta, self.microdata, visible or self.time)


def consensus(chosen: str, days: Sequence[str | None]) -> str | None:
    """The day that most of ``days`` (each the published day one independent source states: JSON-LD, a meta tag,
    microdata, the visible date) agree on, two or more of them, when ``chosen`` is more than a day off it; else
    None. A day's difference is a time zone's (a UTC stamp against the local date), not a disagreement."""
    counts = Counter(day[:10] for day in days if day)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    top = ranked[0][0]
    try:
        apart = abs((date.fromisoformat(top) - date.fromisoformat(chosen[:10])).days)
    except ValueError:
        return None
    return top if apart > 1 else None
