"""Fit the page-type models (one per format) on the fit part of wcxb-dev; report the validation part.

    python scripts/fit_page_type.py                  # fit, report, write cleaner/rules/model/page_type.json.gz
    python scripts/fit_page_type.py --no-write       # fit and report only
    python scripts/fit_page_type.py --cache /tmp/pt  # keep the feature rows between runs (keyed by extract.py)
    python scripts/fit_page_type.py --compare        # cross-validate the ways of fitting on the fit part, write nothing
    python scripts/fit_page_type.py --evaluate       # report the model file as it is on the validation part

HTML pages are read as the pipeline reads them (cleaner.decode, cleaner.html.parse); text and Markdown from the
-text and -md renderings (same ids, same split). Many callers give no URL, so each format has two models, picked
by whether the URL is known: one fitted on the pages as they are, one on the same pages with the URL features at
their "no URL" values (exactly what ``features(fmt, text, None, tree)`` computes). The pages of the older article
sets (readability, trafilatura-dev: every page an article, no page_type in their truth) join the fit as
"article" pages, their fit part only, with a weight (CHOSEN). The ways of fitting (one model fitted on each page
twice, with and without its URL; two models; article weights) were compared by --compare, out-of-fold on the fit
part. The number of boosting rounds is chosen by 4-fold cross-validation by site on the fit part; the "other"
threshold from the out-of-fold probabilities of the same folds. The report gives the validation part of wcxb-dev
(accuracy, per type) and of the article sets (share typed article; share typed another type with probability
>= 0.8, where the judge's typed knobs start), with and without the URL. Everything is seeded and single-threaded:
the same data gives the same model file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
import time
from dataclasses import dataclass
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
SUFFIX = {"html": "", "text": "-text", "markdown": "-md"}
TYPED = "wcxb-dev"
#: sets whose every page is an article (no page_type in their truth)
ARTICLE_SETS = ("readability", "trafilatura-dev")
SEED = 20250
FOLDS = 4
MAX_ROUNDS = 400
OTHER_SHARE = 0.03
#: the judge applies a page type's own knobs from this probability up (cleaner/judge.py TYPED_KNOBS_FROM)
SURE = 0.8
N_URL = len(feats.url_names())
PARAMS: dict[str, Any] = {
    "objective": "multiclass", "num_class": len(CLASSES), "learning_rate": 0.1, "num_leaves": 6,
    "min_data_in_leaf": 8, "feature_fraction": 0.5, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "max_bin": 63, "seed": SEED, "deterministic": True, "num_threads": 1, "verbose": -1,
    "force_row_wise": True,
}
#: ways of fitting compared by --compare: (which copies of the fit pages: "url" as they are, "twice" as they are
#: and without their URL, "no-url" only without it; the article-set pages too). "url" for pages with a URL and
#: "no-url" for pages without is the other remedy: two models, picked by whether the URL is known.
VARIANTS: dict[str, tuple[str, float]] = {
    "url": ("url", 0.0), "twice": ("twice", 0.0), "no-url": ("no-url", 0.0),
    "url+articles/3": ("url", 0.3), "twice+articles/3": ("twice", 0.3), "no-url+articles/3": ("no-url", 0.3),
    "url+articles": ("url", 1.0), "twice+articles": ("twice", 1.0), "no-url+articles": ("no-url", 1.0),
    "url+articles/10": ("url", 0.1), "no-url+articles/10": ("no-url", 0.1)}
#: chosen by --compare (out-of-fold figures of the fit part): the model for pages with a URL, the one for pages without
CHOSEN = {"url": "url+articles/3", "no-url": "no-url+articles/10"}
#: lines of LightGBM's model text that prediction does not read (statistics of the fit): left out of the file
_UNREAD = ("split_gain=", "internal_value=", "internal_weight=", "internal_count=", "leaf_weight=", "leaf_count=",
           "tree_sizes=")


@dataclass
class Rows:
    """The pages of one set in one format: ids, sites, URLs, labels (class indexes), parts, feature rows."""

    set: str
    ids: list[str]
    sites: list[str]
    has_url: np.ndarray
    y: np.ndarray
    part: np.ndarray  # "fit" / "validation"
    x: np.ndarray
    cost: float


def without_url(x: np.ndarray) -> np.ndarray:
    """The rows as ``features(fmt, text, None, tree)`` computes them: the URL features at their "no URL" value."""
    out = x.copy()
    out[:, :N_URL] = -1.0
    return out


def _rows(base: str, fmt: str, cache: Path | None) -> Rows:
    name = base + SUFFIX[fmt]
    key = hashlib.sha1(Path(feats.__file__).read_bytes() + fmt.encode()).hexdigest()[:12]
    cached = cache / f"{name}-{key}.pkl" if cache else None
    if cached and cached.exists():
        data: Rows = pickle.loads(cached.read_bytes())
        return data

    def truth(set_name: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in (BENCH / set_name / "truth.jsonl").read_text(encoding="utf-8")
                .split("\n") if line.strip()]

    # a page's site as benchmarks/split.py reads it (the HTML page's canonical link when the truth has no URL)
    sites = {r["id"]: split.site(r.get("url"), BENCH / base / r["file"]) or f"{base}:{r['id']}" for r in truth(base)}
    fit_ids = split.ids(base, "fit")
    ids, urls, labels, parts, rows = [], [], [], [], []
    spent = 0.0
    for row in truth(name):
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
        labels.append(CLASSES.index(row.get("page_type") or "article"))
        parts.append("fit" if row["id"] in fit_ids else "validation")
        rows.append(values)
    data = Rows(name, ids, [sites[i] for i in ids], np.array([u is not None for u in urls]), np.array(labels),
                np.array(parts), np.asarray(rows, dtype=np.float64), spent / max(len(ids), 1))
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps(data))
    return data


def _fold_of(sites: list[str], k: int) -> np.ndarray:
    return np.array([int(hashlib.sha1(s.encode()).hexdigest()[8:16], 16) % k for s in sites])


def _training(data: dict[str, Rows], copies: str, articles: float) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                            np.ndarray, np.ndarray]:
    """The fit matrix: rows, labels, folds (by site: a page and its URL-less copy share one), weights (``articles``
    for the article-set pages, none when 0) and which rows are wcxb-dev pages (the ones that tell the "other"
    threshold)."""
    xs, ys, sites, typed, ws = [], [], [], [], []
    for base in (TYPED, *(ARTICLE_SETS if articles else ())):
        r = data[base]
        fit = r.part == "fit"
        s = np.array(r.sites)
        parts = []
        if copies in ("url", "twice"):
            parts.append((r.x[fit], fit))
        if copies == "twice":
            parts.append((without_url(r.x[fit & r.has_url]), fit & r.has_url))
        if copies == "no-url":
            parts.append((without_url(r.x[fit]), fit))
        for x, m in parts:
            xs.append(x)
            ys.append(r.y[m])
            sites += list(s[m])
            typed.append(np.full(int(m.sum()), base == TYPED))
            ws.append(np.full(int(m.sum()), 1.0 if base == TYPED else articles))
    return np.vstack(xs), np.concatenate(ys), _fold_of(sites, FOLDS), np.concatenate(ws), np.concatenate(typed)


def _rounds(x: np.ndarray, y: np.ndarray, fold: np.ndarray, w: np.ndarray, names: list[str]) -> tuple[int, float]:
    """(rounds, cv logloss) by the site folds."""
    folds = [(np.flatnonzero(fold != i), np.flatnonzero(fold == i)) for i in range(FOLDS)]
    data = lgb.Dataset(x, y, weight=w, feature_name=names, free_raw_data=False)
    # without return_cvbooster, lgb.cv gives a dict of lists
    cv: dict[str, Any] = lgb.cv(dict(PARAMS), data, num_boost_round=MAX_ROUNDS,  # type: ignore[assignment]
                                folds=folds, stratified=False, seed=SEED,
                                callbacks=[lgb.early_stopping(40, verbose=False)])
    return len(cv["valid multi_logloss-mean"]), float(cv["valid multi_logloss-mean"][-1])


def _fit(x: np.ndarray, y: np.ndarray, fold: np.ndarray, w: np.ndarray,
         names: list[str]) -> tuple[int, np.ndarray, float]:
    """(rounds, out-of-fold probabilities, cv logloss) by the site folds."""
    folds = [(np.flatnonzero(fold != i), np.flatnonzero(fold == i)) for i in range(FOLDS)]
    rounds, loss = _rounds(x, y, fold, w, names)
    oof = np.zeros((len(y), len(CLASSES)))
    for train, test in folds:
        booster = lgb.train(dict(PARAMS), lgb.Dataset(x[train], y[train], weight=w[train], feature_name=names),
                            num_boost_round=rounds)
        oof[test] = booster.predict(x[test], num_threads=1)
    return rounds, oof, loss


def _threshold(p: np.ndarray, y: np.ndarray) -> float:
    # "other": under the best probability below which the out-of-fold answers are right at most a third of the
    # time, and for at most OTHER_SHARE of the fit pages (the dev data has no "other" pages to fit it on)
    best = p.max(1)
    order = np.argsort(best, kind="stable")
    right = (p.argmax(1) == y)[order]
    threshold = 0.0
    for k in range(1, int(len(order) * OTHER_SHARE) + 1):
        if right[:k].mean() <= 1 / 3:
            threshold = float(best[order[k - 1]]) + 1e-9
    return threshold


def _figures(y: np.ndarray, p: np.ndarray, typed: bool) -> dict[str, Any]:
    pred = p.argmax(1)
    if typed:
        per = {c: round(float(np.mean(pred[y == i] == i)), 4) for i, c in enumerate(CLASSES) if (y == i).any()}
        return {"accuracy": round(float(np.mean(pred == y)), 4), "per_type": per, "n": len(y)}
    art = CLASSES.index("article")
    sure_other = (pred != art) & (p.max(1) >= SURE)
    return {"article": round(float(np.mean(pred == art)), 4), "other_sure": round(float(np.mean(sure_other)), 4),
            "n": len(y)}


def _print(fmt: str, title: str, figures: dict[str, dict[str, Any]]) -> None:
    print(f"\n[{fmt}] {title}")
    for key, f in figures.items():
        if "accuracy" in f:
            per = " ".join(f"{c[:5]} {v:.3f}" for c, v in f["per_type"].items())
            print(f"  {key:<28} n={f['n']:<4} accuracy {f['accuracy']:.3f} | {per}")
        else:
            print(f"  {key:<28} n={f['n']:<4} typed article {f['article']:.3f}, "
                  f"another type with p >= {SURE} {f['other_sure']:.3f}")


def _confusion(y: np.ndarray, pred: np.ndarray) -> None:
    labels = [*CLASSES, "other"]
    print("  confusion (rows truth, columns predicted):")
    print("  " + " " * 14 + "".join(f"{c[:6]:>7}" for c in labels))
    for i, c in enumerate(CLASSES):
        counts = [int(np.sum((y == i) & (pred == j))) for j in range(len(labels))]
        print(f"  {c:<14}" + "".join(f"{n:>7}" for n in counts))


def validation(fmt: str, data: dict[str, Rows], predict: Any) -> dict[str, dict[str, Any]]:
    """The figures of the validation part, each set with its URLs and without them."""
    out: dict[str, dict[str, Any]] = {}
    for base, r in data.items():
        val = r.part == "validation"
        for how, x, known in (("url", r.x[val], r.has_url[val]),
                              ("no url", without_url(r.x[val]), np.zeros(int(val.sum()), dtype=bool))):
            out[f"{r.set} {how}"] = _figures(r.y[val], predict(x, known), base == TYPED)
    return out


def _load(fmt: str, cache: Path | None) -> dict[str, Rows]:
    return {base: _rows(base, fmt, cache) for base in (TYPED, *ARTICLE_SETS)}


def compare(fmt: str, cache: Path | None, variants: list[str] | None = None) -> None:
    """Out-of-fold figures of each way of fitting, on the fit part only (by site folds)."""
    data = _load(fmt, cache)
    names = feats.names(fmt)
    for variant in variants or list(VARIANTS):
        copies, articles = VARIANTS[variant]
        x, y, fold, w, _ = _training(data, copies, articles)
        # the same folds for the figures whatever the fit: out-of-fold predictions of every fit page of every set
        figures: dict[str, dict[str, Any]] = {}
        folds = [(np.flatnonzero(fold != i), i) for i in range(FOLDS)]
        rounds, loss = _rounds(x, y, fold, w, names)
        boosters = [lgb.train(dict(PARAMS), lgb.Dataset(x[train], y[train], weight=w[train], feature_name=names),
                              num_boost_round=rounds) for train, _ in folds]
        for base, r in data.items():
            fit = r.part == "fit"
            rf = _fold_of(list(np.array(r.sites)[fit]), FOLDS)
            for how, xx in (("url", r.x[fit]), ("no url", without_url(r.x[fit]))):
                p = np.zeros((len(xx), len(CLASSES)))
                for booster, (_, i) in zip(boosters, folds, strict=True):
                    p[rf == i] = booster.predict(xx[rf == i], num_threads=1)
                figures[f"{r.set} {how}"] = _figures(r.y[fit], p, base == TYPED)
        _print(fmt, f"out of fold, fit part: {variant} ({rounds} rounds, cv logloss {loss:.4f})", figures)


def compact(booster: lgb.Booster) -> str:
    """The model text LightGBM needs to predict (same predictions; a third of the size)."""
    model = booster.model_to_string(num_iteration=-1)
    model = model.split("\nfeature_importances:")[0] + "\n"  # the importances and parameters are not needed
    return "\n".join(line for line in model.split("\n") if not line.startswith(_UNREAD))


def fit_format(fmt: str, cache: Path | None) -> tuple[dict[str, Any], dict[str, Any]]:
    data = _load(fmt, cache)
    names = feats.names(fmt)
    cost = data[TYPED].cost
    boosters, thresholds, about = {}, {}, {}
    for which, variant in CHOSEN.items():
        x, y, fold, w, typed = _training(data, *VARIANTS[variant])
        assert x.shape[1] == len(names), (x.shape, len(names))
        rounds, oof, loss = _fit(x, y, fold, w, names)
        thresholds[which] = _threshold(oof[typed], y[typed])
        oof_acc = float(np.mean(oof[typed].argmax(1) == y[typed]))
        print(f"[{fmt}] {which} model: {len(names)} features, {len(y)} fit rows ({variant}); {rounds} rounds "
              f"(cv logloss {loss:.4f}); out-of-fold accuracy (wcxb-dev rows) {oof_acc:.3f}; other-threshold "
              f"{thresholds[which]:.3f} ({int(np.sum(oof[typed].max(1) < thresholds[which]))} wcxb-dev fit rows "
              f"under it); feature extraction {cost * 1000:.2f} ms/page")
        booster = lgb.train(dict(PARAMS), lgb.Dataset(x, y, weight=w, feature_name=names), num_boost_round=rounds)
        # the file's text, read back: the report is of the model as it is stored
        boosters[which] = lgb.Booster(model_str=compact(booster))
        about[which] = {"fit": variant, "rounds": rounds, "oof_accuracy": round(oof_acc, 4),
                        "threshold": thresholds[which]}

    def predict(rows: np.ndarray, known: np.ndarray) -> np.ndarray:
        p = np.zeros((len(rows), len(CLASSES)))
        for which, m in (("url", known), ("no-url", ~known)):
            if m.any():
                p[m] = boosters[which].predict(rows[m], num_threads=1)
        return p

    report = validation(fmt, data, predict)
    _print(fmt, "validation", report)
    r = data[TYPED]
    val = r.part == "validation"
    for how, xv, known in (("with URL", r.x[val], r.has_url[val]),
                           ("without URL", without_url(r.x[val]), np.zeros(int(val.sum()), dtype=bool))):
        p = predict(xv, known)
        threshold = np.where(known, thresholds["url"], thresholds["no-url"])
        pred = np.where(p.max(1) < threshold, len(CLASSES), p.argmax(1))
        print(f"  {r.set} {how}, 'other' under the threshold: accuracy {float(np.mean(pred == r.y[val])):.3f}, "
              f"{int(np.sum(pred == len(CLASSES)))} pages other")
        _confusion(r.y[val], pred)
    entry = {"names": names, "threshold": thresholds["url"], "model": compact(boosters["url"]),
             "threshold_no_url": thresholds["no-url"], "model_no_url": compact(boosters["no-url"])}
    return entry, {"models": about, "validation": report}


def evaluate(fmt: str, cache: Path | None) -> None:
    """The model file as it is, on the validation part."""
    entry = json.loads(gzip.decompress(MODEL_PATH.read_bytes()).decode("utf-8"))["models"][fmt]
    booster = lgb.Booster(model_str=entry["model"])
    # a file of one model per format (before the URL-less one) types every page with it
    no_url = lgb.Booster(model_str=entry["model_no_url"]) if "model_no_url" in entry else booster

    def predict(rows: np.ndarray, known: np.ndarray) -> np.ndarray:
        p = np.zeros((len(rows), len(CLASSES)))
        for b, m in ((booster, known), (no_url, ~known)):
            if m.any():
                p[m] = b.predict(rows[m], num_threads=1)
        return p

    _print(fmt, f"validation, {MODEL_PATH.name} as it is", validation(fmt, _load(fmt, cache), predict))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--compare", action="store_true", help="cross-validate the ways of fitting; write nothing")
    ap.add_argument("--variants", help="the ways --compare tries, comma-separated (default: all)")
    ap.add_argument("--evaluate", action="store_true", help="report the model file on the validation part")
    args = ap.parse_args(argv)
    formats = args.formats.split(",")
    if args.compare or args.evaluate:
        for fmt in formats:
            if args.compare:
                compare(fmt, args.cache, args.variants.split(",") if args.variants else None)
            else:
                evaluate(fmt, args.cache)
        return 0
    models, reports = {}, {}
    for fmt in formats:
        models[fmt], reports[fmt] = fit_format(fmt, args.cache)
    print("\n" + json.dumps({k: {s: f.get("accuracy", f.get("article")) for s, f in v["validation"].items()}
                             for k, v in reports.items()}))
    if not args.no_write:
        if set(models) != set(FORMATS):
            print("not writing: fit all formats to write the model file", file=sys.stderr)
            return 1
        data = {"about": {"fitted_on": f"wcxb-dev fit part, and the fit part of {', '.join(ARTICLE_SETS)} as "
                                       "articles (benchmarks/split.py); model: pages with their URL, model_no_url: "
                                       "the same pages with the URL features at their no-URL value",
                          "classes": list(CLASSES), "params": PARAMS, "validation": reports}, "models": models}
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        MODEL_PATH.write_bytes(gzip.compress(json.dumps(data, sort_keys=True).encode(), mtime=0))
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
