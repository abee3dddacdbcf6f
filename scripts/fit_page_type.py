"""Fit the page-type models (one per format) on the fit part of wcxb-dev; report the validation part.

    python scripts/fit_page_type.py                  # fit, report, write cleaner/rules/model/page_type.json.gz
    python scripts/fit_page_type.py --no-write       # fit and report only
    python scripts/fit_page_type.py --cache /tmp/pt  # keep the feature rows between runs (keyed by extract.py)

HTML pages are read as the pipeline reads them (cleaner.decode, cleaner.html.parse); text and Markdown from the
-text and -md renderings (same ids, same split). The number of boosting rounds is chosen by 4-fold
cross-validation by site on the fit part; the "other" threshold from the out-of-fold probabilities of the same
folds. Everything is seeded and single-threaded: the same data gives the same model file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import split  # noqa: E402

from cleaner.decode import decode  # noqa: E402
from cleaner.html.parse import parse  # noqa: E402
from cleaner.pagetype import CLASSES, FORMATS, MODEL_PATH  # noqa: E402
from cleaner.pagetype import extract as feats  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
SETS = {"html": "wcxb-dev", "text": "wcxb-dev-text", "markdown": "wcxb-dev-md"}
SEED = 20250
FOLDS = 4
MAX_ROUNDS = 400
OTHER_SHARE = 0.03
PARAMS: dict[str, Any] = {
    "objective": "multiclass", "num_class": len(CLASSES), "learning_rate": 0.1, "num_leaves": 6,
    "min_data_in_leaf": 8, "feature_fraction": 0.5, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "max_bin": 63, "seed": SEED, "deterministic": True, "num_threads": 1, "verbose": -1,
    "force_row_wise": True,
}


def _rows(fmt: str, cache: Path | None) -> tuple[list[str], list[str | None], list[str], np.ndarray, float]:
    name = SETS[fmt]
    key = hashlib.sha1(Path(feats.__file__).read_bytes() + fmt.encode()).hexdigest()[:12]
    cached = cache / f"{fmt}-{key}.pkl" if cache else None
    if cached and cached.exists():
        data: tuple[list[str], list[str | None], list[str], np.ndarray, float] = pickle.loads(cached.read_bytes())
        return data
    truth = [json.loads(line) for line in (BENCH / name / "truth.jsonl").read_text(encoding="utf-8").split("\n")
             if line.strip()]
    ids, urls, labels, rows = [], [], [], []
    spent = 0.0
    for row in truth:
        raw = (BENCH / name / row["file"]).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        text = decode(raw)
        url = row.get("url") or None
        tree = parse(text) if fmt == "html" else None
        t0 = time.perf_counter()
        values, _ = feats.features(fmt, text, url, tree)
        spent += time.perf_counter() - t0
        ids.append(row["id"])
        urls.append(url)
        labels.append(row["page_type"])
        rows.append(values)
    data = (ids, urls, labels, np.asarray(rows, dtype=np.float64), spent / max(len(truth), 1))
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps(data))
    return data


def _folds(sites: list[str], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    fold = np.array([int(hashlib.sha1(s.encode()).hexdigest()[8:16], 16) % k for s in sites])
    return [(np.flatnonzero(fold != i), np.flatnonzero(fold == i)) for i in range(k)]


def _report(fmt: str, y: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    labels = [*CLASSES, "other"]
    acc = float(np.mean(y == pred))
    print(f"\n[{fmt}] validation accuracy {acc:.3f} ({int(np.sum(y == pred))}/{len(y)})")
    per: dict[str, float] = {}
    for i, c in enumerate(CLASSES):
        m = y == i
        per[c] = float(np.mean(pred[m] == i)) if m.any() else float("nan")
        print(f"  {c:<14} {per[c]:.3f}  (n={int(m.sum())})")
    print("  confusion (rows truth, columns predicted):")
    print("  " + " " * 14 + "".join(f"{c[:6]:>7}" for c in labels))
    for i, c in enumerate(CLASSES):
        counts = [int(np.sum((y == i) & (pred == j))) for j in range(len(labels))]
        print(f"  {c:<14}" + "".join(f"{n:>7}" for n in counts))
    return {"accuracy": round(acc, 4), "per_type": {k: round(v, 4) for k, v in per.items()}, "n": len(y)}


def fit_format(fmt: str, cache: Path | None) -> tuple[dict[str, Any], dict[str, Any]]:
    ids, urls, labels, x, cost = _rows(fmt, cache)
    names = feats.names(fmt)
    assert x.shape[1] == len(names), (x.shape, len(names))
    y = np.array([CLASSES.index(label) for label in labels])
    fit_ids, val_ids = split.ids(SETS[fmt], "fit"), split.ids(SETS[fmt], "validation")
    fit = np.array([i in fit_ids for i in ids])
    val = np.array([i in val_ids for i in ids])
    sites = [split.site(u) or f"page:{i}" for i, u in zip(ids, urls, strict=True)]
    xf, yf = x[fit], y[fit]
    folds = _folds([s for s, f in zip(sites, fit, strict=True) if f], FOLDS)
    params = dict(PARAMS)
    cv = lgb.cv(params, lgb.Dataset(xf, yf, feature_name=names, free_raw_data=False), num_boost_round=MAX_ROUNDS,
                folds=folds, stratified=False, seed=SEED,
                callbacks=[lgb.early_stopping(40, verbose=False)])
    rounds = len(cv["valid multi_logloss-mean"])
    oof = np.zeros((len(yf), len(CLASSES)))
    for train, test in folds:
        booster = lgb.train(params, lgb.Dataset(xf[train], yf[train], feature_name=names), num_boost_round=rounds)
        oof[test] = booster.predict(xf[test], num_threads=1)
    oof_pred = oof.argmax(1)
    oof_acc = float(np.mean(oof_pred == yf))
    # "other": under the best probability below which the out-of-fold answers are right at most a third of the
    # time, and for at most OTHER_SHARE of the fit pages (the dev data has no "other" pages to fit it on)
    best = oof.max(1)
    order = np.argsort(best, kind="stable")
    right = (oof_pred == yf)[order]
    threshold = 0.0
    for k in range(1, int(len(order) * OTHER_SHARE) + 1):
        if right[:k].mean() <= 1 / 3:
            threshold = float(best[order[k - 1]]) + 1e-9
    print(f"[{fmt}] {len(names)} features, {int(fit.sum())} fit / {int(val.sum())} validation pages; "
          f"{rounds} rounds (cv logloss {cv['valid multi_logloss-mean'][-1]:.4f}); out-of-fold accuracy "
          f"{oof_acc:.3f}; other-threshold {threshold:.3f} ({int(np.sum(best < threshold))} fit pages under it); "
          f"feature extraction {cost * 1000:.2f} ms/page")
    booster = lgb.train(params, lgb.Dataset(xf, yf, feature_name=names), num_boost_round=rounds)
    p = booster.predict(x[val], num_threads=1)
    pred = p.argmax(1)
    pred_other = np.where(p.max(1) < threshold, len(CLASSES), pred)
    report = _report(fmt, y[val], pred)
    if threshold > 0:
        acc_other = float(np.mean(y[val] == pred_other))
        print(f"  with 'other' under {threshold:.3f}: accuracy {acc_other:.3f}, "
              f"{int(np.sum(pred_other == len(CLASSES)))} pages other")
        report["accuracy_with_other"] = round(acc_other, 4)
    report.update(rounds=rounds, oof_accuracy=round(oof_acc, 4), threshold=threshold)  # no timings: reproducible
    model = booster.model_to_string(num_iteration=-1)
    model = model.split("\nfeature_importances:")[0] + "\n"  # the importances and parameters are not needed
    entry = {"names": names, "threshold": threshold, "model": model}
    return entry, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = ap.parse_args(argv)
    models, reports = {}, {}
    for fmt in args.formats.split(","):
        models[fmt], reports[fmt] = fit_format(fmt, args.cache)
    print("\n" + json.dumps({k: {"accuracy": v["accuracy"], "rounds": v["rounds"]} for k, v in reports.items()}))
    if not args.no_write:
        if set(models) != set(FORMATS):
            print("not writing: fit all formats to write the model file", file=sys.stderr)
            return 1
        data = {"about": {"fitted_on": "wcxb-dev fit part (benchmarks/split.py)", "classes": list(CLASSES),
                          "params": PARAMS, "validation": reports}, "models": models}
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        MODEL_PATH.write_bytes(gzip.compress(json.dumps(data, sort_keys=True).encode(), mtime=0))
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
