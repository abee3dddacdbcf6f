"""Fit the HTML block model on the fit part of the dev sets (benchmarks/split.py); report the validation part.

    python scripts/fit_block_model.py                 # features (cached in benchmarks/out/), fit, write the model
    python scripts/fit_block_model.py --no-write      # fit and report only (model and out-of-fold scores stay)
    python scripts/fit_block_model.py --no-write --without tpl_share,tpl_blocks   # an ablation
    python scripts/fit_block_model.py --rounds 150 --learning-rate 0.1 --no-write   # try other settings

Labels come from the truth (scripts/block_labels.py). Stage 1 is fitted on the fit pages; its out-of-fold scores
(4 folds by site) feed stage 2, so that stage 2 learns from scores like those it will see on new pages. Everything
is seeded and single-threaded: the same data gives the same model file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(HERE)]

import split  # noqa: E402
from block_labels import labels  # noqa: E402

from cleaner.blockmodel import context, context_names, save  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.html import features  # noqa: E402
from cleaner.html.forms import signup_boxes  # noqa: E402
from cleaner.html.parse import parse  # noqa: E402
from cleaner.html.walk import Segmented, walk  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
SETS = ("wcxb-dev", "readability", "trafilatura-dev")
MODEL = ROOT / "cleaner" / "rules" / "model" / "html_blocks.json.gz"
CACHE = ROOT / "benchmarks" / "out" / "html_blocks.pickle"
OOF = ROOT / "benchmarks" / "out" / "html_blocks_oof.pickle"
FOLDS = 4
PARAMS: dict[str, Any] = {
    "objective": "cross_entropy", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 40,
    "feature_fraction": 0.7, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": 7, "deterministic": True, "num_threads": 2, "verbose": -1, "max_cat_to_onehot": 8,
}
ROUNDS = 300
#: stage 1 only feeds stage 2's context columns and costs as much per block at inference: it may be smaller
STAGE1_ROUNDS = 300
STAGE1_LEARNING_RATE = 0.05


def page_blocks(data: bytes) -> tuple[Segmented, tuple[np.ndarray, np.ndarray, list[np.ndarray]]]:
    """A page's blocks and what the model reads of them (features.table: rows, chars, groups)."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    tree = parse(decode(data))
    if tree is None or tree.body is None:
        seg = Segmented([], [], [])
        return seg, (np.zeros((0, len(features.NAMES)), dtype=np.float32), np.zeros(0),
                     [np.zeros(0, dtype=np.int64) for _ in range(features.CONTEXT_GROUPS)])
    seg = walk(tree.body, signup_boxes(tree))
    return seg, features.table(seg)


def collect() -> list[dict[str, Any]]:
    """One record per dev page: set, id, site, part, rows, chars, groups, labels."""
    if CACHE.exists():
        with CACHE.open("rb") as f:
            cached: list[dict[str, Any]] = pickle.load(f)
        return cached
    pages = []
    for name in SETS:
        val = split.ids(name, "validation")
        for line in (BENCH / name / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            seg, (rows, chars, groups) = page_blocks((BENCH / name / row["file"]).read_bytes())
            texts = [b.text for b in seg.blocks]
            site = split.site(row.get("url"), BENCH / name / row["file"]) or f"{name}:{row['id']}"
            pages.append({
                "set": name, "id": row["id"], "site": site,
                "part": "validation" if row["id"] in val else "fit", "rows": rows,
                "chars": chars, "groups": groups,
                "labels": np.array(labels(texts, row), dtype=np.float64), "texts": texts,
                "truth": row.get("body"), "page_type": row.get("page_type"),
            })
        print(f"{name}: {sum(p['set'] == name for p in pages)} pages", file=sys.stderr)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with CACHE.open("wb") as f:
        pickle.dump(pages, f)
    return pages


def weights(page: dict[str, Any]) -> np.ndarray:
    """Each page weighs alike in the metrics (means over pages): a block weighs its share of the page's words,
    plus a floor so that short lines still count."""
    words = np.array([max(1, len(t.split())) for t in page["texts"]], dtype=np.float64)
    return words / max(words.sum(), 1.0) * 50.0 + 0.05


def stack(pages: list[dict[str, Any]], key: str = "rows") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, ws = [], [], []
    for p in pages:
        known = ~np.isnan(p["labels"])
        xs.append(p[key][known])
        ys.append(p["labels"][known])
        ws.append(weights(p)[known])
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...], stage: int = 2) -> lgb.Booster:
    cats = [n for n in names if n in features.CATEGORICAL]
    data = lgb.Dataset(x, y, weight=w, feature_name=list(names), categorical_feature=cats, free_raw_data=False)
    if stage == 1:
        return lgb.train({**PARAMS, "learning_rate": STAGE1_LEARNING_RATE}, data, num_boost_round=STAGE1_ROUNDS)
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def fold_of(site: str) -> int:
    return int(hashlib.sha1(site.encode()).hexdigest()[8:16], 16) % FOLDS


def with_context(page: dict[str, Any], first: np.ndarray) -> np.ndarray:
    return np.hstack([page["rows"], context(first, page["chars"], page["groups"])])


def main(argv: list[str] | None = None) -> int:
    global ROUNDS, STAGE1_ROUNDS, STAGE1_LEARNING_RATE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--stage1-rounds", type=int, default=STAGE1_ROUNDS)
    ap.add_argument("--stage1-learning-rate", type=float, default=STAGE1_LEARNING_RATE)
    ap.add_argument("--learning-rate", type=float, default=PARAMS["learning_rate"])
    ap.add_argument("--num-leaves", type=int, default=PARAMS["num_leaves"])
    ap.add_argument("--min-data-in-leaf", type=int, default=PARAMS["min_data_in_leaf"])
    ap.add_argument("--feature-fraction", type=float, default=PARAMS["feature_fraction"])
    ap.add_argument("--lambda-l2", type=float, default=PARAMS["lambda_l2"])
    ap.add_argument("--seed", type=int, default=PARAMS["seed"], help="another seed shows a refit's noise")
    ap.add_argument("--without", default="", help="comma-separated feature names left out (an ablation)")
    args = ap.parse_args(argv)
    PARAMS.update(learning_rate=args.learning_rate, num_leaves=args.num_leaves, min_data_in_leaf=args.min_data_in_leaf,
                  feature_fraction=args.feature_fraction, lambda_l2=args.lambda_l2, seed=args.seed)
    ROUNDS = args.rounds
    STAGE1_ROUNDS, STAGE1_LEARNING_RATE = args.stage1_rounds, args.stage1_learning_rate
    pages = [p for p in collect() if len(p["rows"])]
    names = features.NAMES
    if args.without:
        drop = set(args.without.split(","))
        if drop - set(names):
            ap.error(f"unknown features: {sorted(drop - set(names))}")
        keep = [i for i, n in enumerate(names) if n not in drop]
        names = tuple(names[i] for i in keep)
        for p in pages:
            p["rows"] = p["rows"][:, keep]
    fit_pages = [p for p in pages if p["part"] == "fit"]
    val_pages = [p for p in pages if p["part"] == "validation"]
    # stage 1, out of fold on the fit part
    for k in range(FOLDS):
        train = [p for p in fit_pages if fold_of(p["site"]) != k]
        model = fit(*stack(train), names, stage=1)
        for p in fit_pages:
            if fold_of(p["site"]) == k:
                p["oof"] = model.predict(p["rows"])
    stage1 = fit(*stack(fit_pages), names, stage=1)
    for p in fit_pages:
        p["rows2"] = with_context(p, p["oof"])
    names2 = names + context_names(features.CONTEXT_GROUPS)
    stage2 = fit(*stack(fit_pages, "rows2"), names2)
    for k in range(FOLDS):  # stage 2 out of fold, for tuning the judge on the fit part
        model = fit(*stack([p for p in fit_pages if fold_of(p["site"]) != k], "rows2"), names2)
        for p in fit_pages:
            if fold_of(p["site"]) == k:
                p["oof2"] = model.predict(p["rows2"])
    if not args.no_write:  # the judge's knobs are tuned on the scores of the model that ships
        with OOF.open("wb") as f:
            pickle.dump({(p["set"], p["id"]): p["oof2"] for p in fit_pages}, f)
    for p in val_pages:
        p["score1"] = stage1.predict(p["rows"])
        p["score"] = stage2.predict(with_context(p, p["score1"]))
    report(fit_pages, "oof2", "fit (out of fold)")
    report(val_pages)
    if not args.no_write:
        about = {"fitted_on": "fit part of " + ", ".join(SETS), "pages": len(fit_pages), "params": PARAMS,
                 "rounds": ROUNDS, "stage1_rounds": STAGE1_ROUNDS, "stage1_learning_rate": STAGE1_LEARNING_RATE}
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        save(MODEL, names, features.CONTEXT_GROUPS, stage1, stage2, about)
        print(f"wrote {MODEL} ({MODEL.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


def _word_f1(pred: str, truth: str) -> float:
    from collections import Counter

    from block_labels import tokens
    p, t = Counter(tokens(pred)), Counter(tokens(truth))
    if not p and not t:
        return 1.0
    overlap = sum((p & t).values())
    if not overlap:
        return 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * prec * rec / (prec + rec)


def report(pages: list[dict[str, Any]], key: str = "score", part: str = "validation") -> None:
    """Block accuracy and a plain 0.5-threshold word F1 per set on ``pages`` (scores ``key``; the real figures come
    from benchmarks/bench.py, with the structure passes on top)."""
    for name in SETS:
        ps = [p for p in pages if p["set"] == name]
        known = [(p[key][~np.isnan(p["labels"])] >= 0.5) == (p["labels"][~np.isnan(p["labels"])] >= 0.5)
                 for p in ps]
        acc = float(np.mean(np.concatenate(known))) if known else float("nan")
        f1s = [_word_f1("\n".join(t for t, s in zip(p["texts"], p[key], strict=True) if s >= 0.5), p["truth"])
               for p in ps if p["truth"]]
        line = f"{name}: {part} pages {len(ps)}, block accuracy {acc:.3f}"
        if f1s:
            line += f", word F1 at 0.5 {np.mean(f1s):.4f}, pages under 0.5: {sum(f < 0.5 for f in f1s)}"
        print(line)


if __name__ == "__main__":
    raise SystemExit(main())
