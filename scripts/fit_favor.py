"""Choose Options.favor's deltas (cleaner.judge.FAVOR_DELTAS) on the fit part of the HTML dev sets.

    python scripts/fit_favor.py                 # readability and trafilatura-dev, fit part: a table per delta

Each fit page is segmented and scored once; then, for each delta d, the judge runs with the threshold and the
in/out-of-run bars raised (precision) or lowered (recall) by d, and the bench's metric is computed: body P/R/F1
(readability: the Zyte shingle metric) and snippet P/R/F1 (trafilatura-dev), as benchmarks/bench.py reports
them. The validation part is never read. The script writes nothing: the deltas are read off its table by this
rule: the largest |d| that costs at most 0.015 of the two sets' mean F1, at most 0.2 (the block model was fitted
on these pages, so its scores here are surer than on new pages, where the same d moves more).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import split  # noqa: E402

from cleaner.api import _frontend  # noqa: E402
from cleaner.assemble import assemble  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.frontend import Page  # noqa: E402
from cleaner.judge import Tuning, judge, tuning_for  # noqa: E402
from cleaner.limits import unwrap  # noqa: E402
from cleaner.model import Metadata  # noqa: E402
from cleaner.options import Format, Options  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(BENCH))
import score as metrics  # noqa: E402

SETS = ("readability", "trafilatura-dev")
DELTAS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
KNOBS = ("threshold", "inside", "outside")


def fit_pages(name: str) -> list[tuple[dict[str, Any], Page]]:
    keep = split.ids(name, "fit")
    front, options = _frontend(Format.HTML), Options()
    out = []
    for line in (BENCH / name / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        row = json.loads(line)
        if str(row["id"]) not in keep:
            continue
        text = decode(unwrap((BENCH / name / row["file"]).read_bytes(), options.max_bytes), None)
        out.append((row, front.segment(text, url=None, options=options)))
    return out


def shifted(delta: float) -> Tuning:
    base = tuning_for("html_blocks", None)  # the knobs fitted for every page type
    return replace(base, **{k: min(1.0, max(0.0, getattr(base, k) + delta)) for k in KNOBS})


def evaluate(pages: list[tuple[dict[str, Any], Page]], tuning: Tuning) -> dict[str, float]:
    body_c, snip_c = [], []
    for row, page in pages:
        decisions = judge(page.blocks, page.scores or [], tuning)
        body = assemble(decisions, Metadata(), fmt=Format.HTML).body or ""
        if "body" in row:
            body_c.append(metrics.body_counts(row["body"] or "", body))
        if "with" in row or "without" in row:
            snip_c.append(metrics.snippet_counts(row.get("with") or [], row.get("without") or [], body))
    m = metrics.body_metrics(body_c, [0.0] * len(body_c)) if body_c else metrics.snippet_metrics(snip_c)
    return {k: m[k] for k in ("precision", "recall", "f1")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    args = ap.parse_args()
    for name in args.sets:
        pages = fit_pages(name)
        print(f"{name} (fit, {len(pages)} pages)\n| delta | P | R | F1 |\n|---|---|---|---|")
        for delta in sorted({-d for d in DELTAS} | set(DELTAS)):
            m = evaluate(pages, shifted(delta))
            print(f"| {delta:+.2f} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |")


if __name__ == "__main__":
    main()
