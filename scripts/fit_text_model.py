"""Fit the text and Markdown block models on the fit part of the dev sets (benchmarks/split.py); report validation.

    python scripts/fit_text_model.py                  # features (cached in benchmarks/out/), fit, write both models
    python scripts/fit_text_model.py --no-write       # fit and report only
    python scripts/fit_text_model.py --only md --rounds 200 --no-write   # one rendering, other settings
    python scripts/fit_text_model.py --cv --no-write  # out-of-fold figures on the fit part (for choosing settings)
    python scripts/fit_text_model.py --cv --no-write --pool 1.0   # also train on the other rendering's fit pages

The pages are the -text and -md renderings of the HTML dev sets (same ids, hence the same split and the same
sites, read from the HTML set's truth and pages). Labels come from the truth (scripts/block_labels.py). As in
scripts/fit_block_model.py, stage 1 is fitted on the fit pages and its out-of-fold scores (4 folds by site) feed
stage 2. Everything is seeded and single-threaded: the same data gives the same model files.
"""

from __future__ import annotations

import argparse
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
from fit_block_model import _word_f1, fold_of, weights  # noqa: E402

from cleaner.blockmodel import context, context_names, save  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.frontend import visible  # noqa: E402
from cleaner.judge import Tuning, Verdict, article_pass  # noqa: E402
from cleaner.model import Block  # noqa: E402
from cleaner.pagetype.extract import text_statistics  # noqa: E402
from cleaner.text import features  # noqa: E402
from cleaner.text.markdown import segment_markdown  # noqa: E402
from cleaner.text.segment import segment_text  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
BASE_SETS = ("wcxb-dev", "readability", "trafilatura-dev")
RENDERINGS = {"text": ("-text", segment_text), "md": ("-md", segment_markdown)}
MODELS = {"text": ROOT / "cleaner" / "rules" / "model" / "text_blocks.json.gz",
          "md": ROOT / "cleaner" / "rules" / "model" / "markdown_blocks.json.gz"}
#: keyed by the feature names (a changed feature set is collected afresh; delete the files after changing how a
#: feature is computed or how pages are segmented)
CACHE = ROOT / "benchmarks" / "out" / "text_blocks_{}_{}.pickle"
FOLDS = 4
PARAMS: dict[str, Any] = {
    "objective": "cross_entropy", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 40,
    "feature_fraction": 0.7, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": 7, "deterministic": True, "num_threads": 1, "verbose": -1, "max_cat_to_onehot": 8,
}
#: settings chosen by grouped CV on the fit part; what else was tried is in benchmarks/HISTORY.md
ROUNDS = 200
#: 1: every page weighs alike; 0: every set weighs alike (readability has 84 fit pages, wcxb-dev 1,082). 0.5: the
#: best mean of the three sets out of fold on the fit part (text: 0.8710 against 0.8662 at 1 and 0.8707 at 0)
SET_POWER = 0.5
#: the plain judge's Tuning.adapt in the report (--adapt: one report line per value)
ADAPTS: tuple[float, ...] = (0.0,)
#: renderings whose model leaves out the page statistics (features.STATISTICS): with them the Markdown model lost
#: validation word F1 on readability-md and wcxb-dev-md (benchmarks/HISTORY.md); the text model gained on all three
WITHOUT_STATISTICS = frozenset({"md"})


def columns(rendering: str, statistics: bool | None = None) -> tuple[str, ...]:
    """The feature columns the rendering's model is fitted on."""
    if statistics is None:
        statistics = rendering not in WITHOUT_STATISTICS
    return features.NAMES if statistics else tuple(n for n in features.NAMES if n not in features.STATISTICS)


def _rows(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line.strip()]


def collect(rendering: str) -> list[dict[str, Any]]:
    """One record per dev page of the rendering: set, id, site, part, rows, chars, groups, labels, texts, truth."""
    key = hashlib.sha1(" ".join(features.NAMES).encode()).hexdigest()[:8]
    cache = Path(str(CACHE).format(rendering, key))
    if cache.exists():
        with cache.open("rb") as f:
            cached: list[dict[str, Any]] = pickle.load(f)
        return cached
    suffix, segment = RENDERINGS[rendering]
    pages = []
    for base in BASE_SETS:
        name = base + suffix
        val = split.ids(name, "validation")
        html = {row["id"]: row for row in _rows(BENCH / base / "truth.jsonl")}
        for row in _rows(BENCH / name / "truth.jsonl"):
            twin = html.get(row["id"])
            site = (split.site(twin.get("url"), BENCH / base / twin["file"]) if twin else None) \
                or f"{base}:{row['id']}"
            raw = decode((BENCH / name / row["file"]).read_bytes())
            blocks = segment(visible(raw))
            table = features.table(blocks, text_statistics(raw)[0])
            texts = [b.text for b in blocks]
            pages.append({
                "set": name, "id": row["id"], "site": site,
                "part": "validation" if row["id"] in val else "fit", "rows": table.rows,
                "chars": table.chars, "groups": table.groups,
                "labels": np.array(labels(texts, row), dtype=np.float64), "texts": texts,
                "truth": row.get("body"), "with": row.get("with"), "without": row.get("without"),
            })
        print(f"{name}: {sum(p['set'] == name for p in pages)} pages", file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as f:
        pickle.dump(pages, f)
    return pages


def stack(pages: list[dict[str, Any]], key: str = "rows") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, labels and weights; each set weighs (its pages / the mean set's pages) ** SET_POWER."""
    xs, ys, ws = [], [], []
    counts: dict[str, int] = {}
    for p in pages:
        counts[p["set"]] = counts.get(p["set"], 0) + 1
    mean = len(pages) / max(len(counts), 1)
    for p in pages:
        known = ~np.isnan(p["labels"])
        xs.append(p[key][known])
        ys.append(p["labels"][known])
        ws.append(weights(p)[known] * (mean / counts[p["set"]]) ** (1.0 - SET_POWER) * p.get("pool", 1.0))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...]) -> lgb.Booster:
    cats = [n for n in names if n in features.CATEGORICAL]
    data = lgb.Dataset(x, y, weight=w, feature_name=list(names), categorical_feature=cats, free_raw_data=False)
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def with_context(page: dict[str, Any], first: np.ndarray) -> np.ndarray:
    return np.hstack([page["rows"], context(first, page["chars"], page["groups"])])


def two_stage(train: list[dict[str, Any]], names: tuple[str, ...]) -> tuple[lgb.Booster, lgb.Booster]:
    """Stage 1 on ``train``; stage 2 on ``train`` with stage 1's out-of-fold scores (folds by site)."""
    for k in range(FOLDS):
        model = fit(*stack([p for p in train if fold_of(p["site"]) != k]), names)
        for p in train:
            if fold_of(p["site"]) == k:
                p["oof"] = model.predict(p["rows"])
    stage1 = fit(*stack(train), names)
    for p in train:
        p["rows2"] = with_context(p, p["oof"])
    stage2 = fit(*stack(train, "rows2"), names + context_names(features.GROUP_LEVELS))
    return stage1, stage2


def predict(stage1: lgb.Booster, stage2: lgb.Booster, pages: list[dict[str, Any]]) -> None:
    for p in pages:
        p["score"] = stage2.predict(with_context(p, np.asarray(stage1.predict(p["rows"]))))


def main(argv: list[str] | None = None) -> int:
    global ROUNDS, SET_POWER, ADAPTS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--only", choices=tuple(RENDERINGS))
    ap.add_argument("--cv", action="store_true", help="report out-of-fold figures on the fit part (folds by site), "
                    "the figures settings are chosen by; the validation part is not read")
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--learning-rate", type=float, default=PARAMS["learning_rate"])
    ap.add_argument("--num-leaves", type=int, default=PARAMS["num_leaves"])
    ap.add_argument("--min-data-in-leaf", type=int, default=PARAMS["min_data_in_leaf"])
    ap.add_argument("--feature-fraction", type=float, default=PARAMS["feature_fraction"])
    ap.add_argument("--seed", type=int, default=PARAMS["seed"], help="another seed shows a refit's noise")
    ap.add_argument("--drop", nargs="*", default=(), metavar="PREFIX",
                    help="leave out the columns whose names start so (an ablation: what they bring)")
    ap.add_argument("--set-power", type=float, default=SET_POWER)
    ap.add_argument("--page-statistics", action=argparse.BooleanOptionalAction, default=None,
                    help="fit with (without) the page statistics columns (default: per rendering)")
    ap.add_argument("--pool", type=float, default=0.0, metavar="WEIGHT",
                    help="also fit on the other rendering's fit pages, each weighing WEIGHT (0: not at all)")
    ap.add_argument("--adapt", type=float, nargs="+", default=ADAPTS, help="the report's plain judge scales its "
                    "bars by the page's expected F1 this much (cleaner.judge.Tuning.adapt; a line for each)")
    args = ap.parse_args(argv)
    SET_POWER, ADAPTS = args.set_power, tuple(args.adapt)
    PARAMS.update(learning_rate=args.learning_rate, num_leaves=args.num_leaves,
                  min_data_in_leaf=args.min_data_in_leaf, feature_fraction=args.feature_fraction, seed=args.seed)
    ROUNDS = args.rounds
    for rendering in ([args.only] if args.only else list(RENDERINGS)):
        pages = [p for p in collect(rendering) if len(p["rows"])]
        names = tuple(n for n in columns(rendering, args.page_statistics) if not n.startswith(tuple(args.drop)))
        keep = [features.NAMES.index(n) for n in names]
        for p in pages:
            p["rows"] = p["rows"][:, keep]
        fit_pages = [p for p in pages if p["part"] == "fit"]
        pooled = _pooled(rendering, keep, args.pool)
        if args.cv:
            for k in range(FOLDS):
                held = [p for p in fit_pages if fold_of(p["site"]) == k]
                train = [p for p in fit_pages + pooled if fold_of(p["site"]) != k]
                predict(*two_stage(train, names), held)
            print(f"== {rendering}: out of fold on the fit part")
            report(fit_pages, rendering, names)
            continue
        stage1, stage2 = two_stage(fit_pages + pooled, names)
        val_pages = [p for p in pages if p["part"] == "validation"]
        predict(stage1, stage2, val_pages)
        print(f"== {rendering}: validation")
        report(val_pages, rendering, names)
        if not args.no_write:
            about = {"fitted_on": f"fit part of the {RENDERINGS[rendering][0]} renderings of " + ", ".join(BASE_SETS),
                     "pages": len(fit_pages), "params": PARAMS, "rounds": ROUNDS, "pooled_weight": args.pool}
            path = MODELS[rendering]
            save(path, names, features.GROUP_LEVELS, stage1, stage2, about)
            print(f"wrote {path} ({path.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


def _pooled(rendering: str, keep: list[int], weight: float) -> list[dict[str, Any]]:
    """The other rendering's fit pages, cut to ``keep``'s columns, each weighing ``weight`` (none at 0)."""
    if weight <= 0:
        return []
    other = next(r for r in RENDERINGS if r != rendering)
    pages = [dict(p, rows=p["rows"][:, keep], pool=weight) for p in collect(other)
             if len(p["rows"]) and p["part"] == "fit"]
    print(f"pooled: {len(pages)} fit pages of the {other} rendering at weight {weight}", file=sys.stderr)
    return pages


def _snippets(kept: str, page: dict[str, Any]) -> float:
    """Share of the page's snippets judged right (a "with" snippet in the kept text, a "without" one not)."""
    flat = " ".join(kept.split())
    right = [" ".join(s.split()) in flat for s in page["with"] or [] if s.strip()]
    right += [" ".join(s.split()) not in flat for s in page["without"] or [] if s.strip()]
    return float(np.mean(right)) if right else float("nan")


def report(pages: list[dict[str, Any]], rendering: str, names: tuple[str, ...]) -> None:
    """Block accuracy, and at a plain 0.5 threshold word F1 (body truth) or snippet accuracy, per set (the real
    figures come from benchmarks/bench.py, with the judge's passes on top); the rule pass's verdicts alike."""
    rule = names.index("pass_body")
    for adapt in ADAPTS:
        _report(pages, rendering, "score", "model" if adapt == 0.0 else f"adapt {adapt}", adapt)
    for p in pages:
        p["rule"] = p["rows"][:, rule].astype(np.float64)
    _report(pages, rendering, "rule", "rule pass")


def judged(texts: list[str], scores: np.ndarray, adapt: float = 0.0) -> list[bool]:
    """What the judge's article pass keeps of a page (cleaner/judge.py, default tuning but ``adapt``)."""
    verdicts = [Verdict(Block(text), float(s)) for text, s in zip(texts, scores, strict=True)]
    article_pass(verdicts, Tuning(adapt=adapt))
    return [v.article for v in verdicts]


def _report(pages: list[dict[str, Any]], rendering: str, key: str, who: str, adapt: float = 0.0) -> None:
    for base in BASE_SETS:
        ps = [p for p in pages if p["set"] == base + RENDERINGS[rendering][0]]
        known = [(p[key][~np.isnan(p["labels"])] >= 0.5) == (p["labels"][~np.isnan(p["labels"])] >= 0.5)
                 for p in ps]
        acc = float(np.mean(np.concatenate(known))) if known else float("nan")
        kept = ["\n".join(t for t, s in zip(p["texts"], p[key], strict=True) if s >= 0.5) for p in ps]
        if key != "rule":  # the rule pass's verdicts are final; the model's scores go through the judge
            kept = ["\n".join(t for t, k in zip(p["texts"], judged(p["texts"], p[key], adapt), strict=True) if k)
                    for p in ps]
        f1s = [_word_f1(k, p["truth"]) for k, p in zip(kept, ps, strict=True) if p["truth"]]
        snips = [_snippets(k, p) for k, p in zip(kept, ps, strict=True) if not p["truth"]]
        line = f"{who:9} {base}{RENDERINGS[rendering][0]}: pages {len(ps)}, block accuracy {acc:.4f}"
        if f1s:
            line += f", word F1 {np.mean(f1s):.4f}, under 0.5: {sum(f < 0.5 for f in f1s)}"
        if snips:
            line += f", snippets right {np.nanmean(snips):.4f}"
        print(line, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
