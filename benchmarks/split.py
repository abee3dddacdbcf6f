"""The fixed fit/validation split of every dev set, by site.

    python benchmarks/split.py            # (re)writes benchmarks/split.json from ../shared/bench

A page's site is the host of its URL (truth.jsonl, else the page's canonical / og:url link), without "www.";
a page with no URL anywhere is its own site. A site is in the validation part when the first 8 hex digits of
sha1(site) modulo 100 are below 30 (about 30 % of sites), else in the fit part. The -text and -md renderings
share their HTML set's ids, hence its split. Models, thresholds and word lists are fitted on the fit part only;
benchmarks report the validation part. The rule is frozen: changing it would leak validation pages into fitting.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
SPLIT = HERE / "split.json"
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
BASE_SETS = ("readability", "trafilatura-dev", "wcxb-dev")
VALIDATION_PERCENT = 30
_LINK = re.compile(
    rb"""<(?:link[^>]+rel=["']?canonical["']?[^>]*href|meta[^>]+property=["']og:url["'][^>]*content)=["']([^"']+)""",
    re.I,
)


def site(url: str | None, page: Path | None = None) -> str | None:
    """The host of ``url`` (or of the page's own canonical link), lowercased, without 'www.'."""
    if (not url or url == "None") and page is not None:
        data = page.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        found = _LINK.search(data[:200_000])
        url = found.group(1).decode("ascii", "replace") if found else None
    if not url or not url.startswith("http"):
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def in_validation(site_name: str) -> bool:
    return int(hashlib.sha1(site_name.encode()).hexdigest()[:8], 16) % 100 < VALIDATION_PERCENT


def make(bench: Path) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for name in BASE_SETS:
        parts: dict[str, list[str]] = {"fit": [], "validation": []}
        for line in (bench / name / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            key = site(row.get("url"), bench / name / row["file"]) or f"{name}:{row['id']}"
            parts["validation" if in_validation(key) else "fit"].append(row["id"])
        out[name] = {k: sorted(v) for k, v in parts.items()}
    return out


@lru_cache(maxsize=1)
def _load() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = json.loads(SPLIT.read_text(encoding="utf-8"))
    return data


def base_set(name: str) -> str:
    for suffix in ("-text", "-md"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def ids(name: str, part: str) -> set[str]:
    """The page ids of set ``name`` (any rendering) in ``part`` ('fit' or 'validation'); empty for unknown sets."""
    return set(_load().get(base_set(name), {}).get(part, []))


def main(argv: list[str] | None = None) -> int:
    bench = Path(argv[0]) if argv else DEFAULT_BENCH
    split = make(bench)
    SPLIT.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    for name, parts in split.items():
        print(f"{name}: fit {len(parts['fit'])}, validation {len(parts['validation'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
