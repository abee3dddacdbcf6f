"""Fit the headline model of HTML pages (cleaner/html/headline.py) on the fit part of the HTML dev sets, and write
cleaner/rules/model/html_title.json.gz.

    python scripts/fit_html_title_model.py            # out-of-fold report, fit, validation report, write
    python scripts/fit_html_title_model.py --no-write

A candidate is labelled the headline when it equals the truth's title as score.py compares titles; the model ranks
each page's candidates (lambdarank, a page a query group). The bar on the best candidate's chance from which it
replaces the rules' pick is chosen out of fold (folds by site) on the fit part; the validation part is only
reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(HERE)]

import lightgbm as lgb  # noqa: E402
import split  # noqa: E402
from fit_block_model import BENCH  # noqa: E402
from fit_title_model import PARAMS, ROUNDS, fit_and_write  # noqa: E402

from cleaner.api import _frontend  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.html import headline  # noqa: E402
from cleaner.html.metadata import complete  # noqa: E402
from cleaner.judge import decide  # noqa: E402
from cleaner.limits import unwrap  # noqa: E402
from cleaner.options import Format, Options  # noqa: E402
from cleaner.pagetype import with_page_type  # noqa: E402

sys.path.insert(0, str(BENCH))
import score as metrics  # noqa: E402

SETS = ("wcxb-dev", "readability", "trafilatura-dev")


def collect() -> list[dict[str, Any]]:
    """Every HTML dev page with a truth title: its candidates' rows and labels, and whether the rules' pick is
    right."""
    front, pages = _frontend(Format.HTML), []
    for name in SETS:
        fit, val = split.ids(name, "fit"), split.ids(name, "validation")
        for line in (BENCH / name / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            truth = (row.get("metadata") or {}).get("title") or row.get("title")
            if not truth:
                continue
            text = decode(unwrap((BENCH / name / row["file"]).read_bytes(), 1 << 30))
            page = with_page_type(front.segment(text, url=None, options=Options()), "html", text, None, None)
            if page.tree is None:
                continue
            decisions = decide(page)
            meta = complete(page.metadata, decisions, page.source, page.stated_days)  # the rules' pick, no model
            cands = headline.with_rules(headline.candidates(page.tree), meta.title)
            labels = [metrics.meta_correct("title", truth, {"title": c.text}) for c in cands]
            pages.append({"set": name, "id": row["id"], "site": split.site(row.get("url")) or row["id"],
                          "part": "fit" if row["id"] in fit else "validation" if row["id"] in val else None,
                          "rows": headline.rows(cands, decisions, meta.title, meta.site_name, meta.page_type),
                          "labels": np.array(labels, dtype=np.float64), "texts": [c.text for c in cands],
                          "fallback": metrics.meta_correct("title", truth, {"title": meta.title})})
        print(f"{name}: collected", file=sys.stderr)
    return pages


def fit(pages: list[dict[str, Any]]) -> lgb.Booster:
    pages = [p for p in pages if len(p["rows"])]
    x = np.vstack([p["rows"] for p in pages])
    y = np.concatenate([p["labels"] for p in pages])
    data = lgb.Dataset(x, y, group=[len(p["rows"]) for p in pages], feature_name=list(headline.NAMES))
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def chances(model: lgb.Booster, rows: np.ndarray) -> np.ndarray:
    return headline.chances(model.predict(rows)) if len(rows) else np.zeros(0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    fit_and_write(collect(), fit, chances, headline.NAMES, headline.MODEL_PATH, "fit part of " + ", ".join(SETS),
                  not args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
