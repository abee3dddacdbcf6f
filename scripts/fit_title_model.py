"""Fit the headline model of text and Markdown scrapes (cleaner/text/titles.py) on the fit part of the dev sets'
-text and -md renderings, and write cleaner/rules/model/text_title.json.gz.

    python scripts/fit_title_model.py            # out-of-fold report, fit, validation report, write
    python scripts/fit_title_model.py --no-write

A candidate line is labelled a headline when it equals the truth's title as score.py compares titles; the model
ranks each page's candidates (lambdarank, a page a query group). The bar on a candidate's chance (the softmax of
the page's scores) from which the best candidate replaces the rule pass's title is chosen out of fold (folds by
site) on the fit part; the validation part is only reported.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(HERE)]

import lightgbm as lgb  # noqa: E402
import split  # noqa: E402
from fit_block_model import BENCH, fold_of  # noqa: E402

from cleaner.api import _frontend  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.judge import decide  # noqa: E402
from cleaner.options import Format, Options  # noqa: E402
from cleaner.pagetype import with_page_type  # noqa: E402
from cleaner.text import titles  # noqa: E402
from cleaner.text.frontend import rule_labelled  # noqa: E402
from cleaner.text.metadata import rule_title, text_metadata  # noqa: E402

sys.path.insert(0, str(BENCH))
import score as metrics  # noqa: E402

SETS = ("wcxb-dev", "readability", "trafilatura-dev")
RENDERINGS = {"-text": Format.TEXT, "-md": Format.MARKDOWN}
FOLDS = 4
PARAMS: dict[str, Any] = {
    "objective": "lambdarank", "lambdarank_truncation_level": 3, "learning_rate": 0.05, "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8, "lambda_l2": 1.0, "seed": 7, "deterministic": True, "num_threads": 1, "verbose": -1,
}
ROUNDS = 200
BARS = tuple(x / 20 for x in range(1, 20))


def collect() -> list[dict[str, Any]]:
    """Every page of the renderings with a truth title: its candidates' rows and labels, and whether the rule
    pass's title (what the page gets without the model) is right."""
    pages = []
    for base in SETS:
        fit, val = split.ids(base, "fit"), split.ids(base, "validation")
        for suffix, fmt in RENDERINGS.items():
            name = base + suffix
            front = _frontend(fmt)
            for line in (BENCH / name / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
                if not line.strip():
                    continue
                row = json.loads(line)
                truth = (row.get("metadata") or {}).get("title") or row.get("title")
                if not truth:
                    continue
                text = decode((BENCH / name / row["file"]).read_bytes(), None)
                if not text.strip():
                    continue
                page = with_page_type(front.segment(text, url=None, options=Options()), fmt.value, text, None, None)
                if page.scores is None or page.rule_decisions is None:
                    continue
                decisions = decide(page)
                fallback = text_metadata(page.metadata, rule_labelled(page, decisions)).title
                found = rule_title(page.rule_decisions)
                rules = found[0] if found else None
                chosen = titles.candidates(decisions, rules)
                rows = titles.rows(decisions, page.scores, page.rule_decisions, fmt is Format.MARKDOWN, chosen, rules)
                labels = [metrics.meta_correct("title", truth, {"title": decisions[i].block.text}) for i in chosen]
                pages.append({"set": name, "id": row["id"], "site": split.site(row.get("url")) or row["id"],
                              "part": "fit" if row["id"] in fit else "validation" if row["id"] in val else None,
                              "rows": rows, "labels": np.array(labels, dtype=np.float64),
                              "fallback": metrics.meta_correct("title", truth, {"title": fallback})})
        print(f"{base}: collected", file=sys.stderr)
    return pages


def fit(pages: list[dict[str, Any]]) -> lgb.Booster:
    pages = [p for p in pages if len(p["rows"])]
    x = np.vstack([p["rows"] for p in pages])
    y = np.concatenate([p["labels"] for p in pages])
    data = lgb.Dataset(x, y, group=[len(p["rows"]) for p in pages], feature_name=list(titles.NAMES))
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def chances(model: lgb.Booster, rows: np.ndarray) -> np.ndarray:
    return titles.chances(model.predict(rows)) if len(rows) else np.zeros(0)


def accuracy(pages: list[dict[str, Any]], bar: float) -> float:
    """Share of pages whose title is right: the best candidate's from ``bar`` up, else the rule pass's."""
    right = []
    for p in pages:
        if len(p["p"]) and p["p"].max() >= bar:
            right.append(bool(p["labels"][int(np.argmax(p["p"]))]))
        else:
            right.append(p["fallback"])
    return float(np.mean(right)) if right else float("nan")


def report(pages: list[dict[str, Any]], bar: float, what: str) -> None:
    for name in sorted({p["set"] for p in pages}):
        ps = [p for p in pages if p["set"] == name]
        print(f"{what} {name}: pages {len(ps)}, rule pass {np.mean([p['fallback'] for p in ps]):.3f}, "
              f"model {accuracy(ps, bar):.3f}")


def fit_and_write(pages: list[dict[str, Any]], fit: Callable[[list[dict[str, Any]]], lgb.Booster],
                  chances: Callable[[lgb.Booster, np.ndarray], np.ndarray], names: tuple[str, ...], path: Path,
                  fitted_on: str, write: bool) -> None:
    """Out of fold on the fit pages (folds by site): the bar; then the model of all fit pages, reported on the
    validation pages and written to ``path`` (with ``write``). Shared with scripts/fit_html_title_model.py."""
    fit_pages = [p for p in pages if p["part"] == "fit"]
    for k in range(FOLDS):
        model = fit([p for p in fit_pages if fold_of(p["site"]) != k])
        for p in fit_pages:
            if fold_of(p["site"]) == k:
                p["p"] = chances(model, p["rows"])
    bar = max(BARS, key=lambda b: (accuracy(fit_pages, b), -b))
    print(f"bar {bar}: out of fold {accuracy(fit_pages, bar):.4f}", file=sys.stderr)
    report(fit_pages, bar, "out of fold (fit)")
    model = fit(fit_pages)
    val_pages = [p for p in pages if p["part"] == "validation"]
    for p in val_pages:
        p["p"] = chances(model, p["rows"])
    report(val_pages, bar, "validation")
    if write:
        data = {"about": {"fitted_on": fitted_on, "pages": len(fit_pages), "params": PARAMS, "rounds": ROUNDS},
                "names": list(names), "accept": bar, "model": model.model_to_string()}
        path.write_bytes(gzip.compress(json.dumps(data).encode(), mtime=0))
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    fit_and_write(collect(), fit, chances, titles.NAMES, titles.MODEL_PATH,
                  "fit part of the -text and -md renderings of " + ", ".join(SETS), not args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
