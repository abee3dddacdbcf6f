"""Tune the judge's knobs (cleaner.judge.Tuning) on the fit part of the dev sets, over the block model's
out-of-fold scores (written by scripts/fit_block_model.py), and write them to cleaner/rules/model/tuning.json:
knobs per page type (the truth's page_type: :data:`ADAPT_GRID`'s for each, all knobs for :data:`TYPES`) where that
type has enough fit pages and its own knobs gain on them; every other page keeps the defaults (``--all-pages``
searches knobs for them too, as "*").

    python scripts/fit_tuning.py            # coordinate search, then write
    python scripts/fit_tuning.py --no-write

The objective is the mean over the dev sets of each set's own metric (wcxb-dev: word F1; readability: body F1;
trafilatura-dev: snippet F1), as benchmarks/bench.py computes them. The validation part is never read.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(HERE)]

import split  # noqa: E402
from fit_block_model import BENCH, OOF, SETS  # noqa: E402

from cleaner.decode import decode  # noqa: E402
from cleaner.html.captions import caption_cues  # noqa: E402
from cleaner.html.forms import signup_boxes  # noqa: E402
from cleaner.html.parse import parse  # noqa: E402
from cleaner.html.walk import walk  # noqa: E402
from cleaner.judge import BODY_PASSES, TUNING_PATH, Tuning, judge  # noqa: E402
from cleaner.limits import unwrap  # noqa: E402
from cleaner.model import Block, Label  # noqa: E402

sys.path.insert(0, str(BENCH))
import score as metrics  # noqa: E402

#: the values each knob may take in the search
GRID: dict[str, tuple[float, ...]] = {
    "threshold": tuple(x / 100 for x in range(25, 76, 5)),
    "inside": tuple(x / 100 for x in range(10, 61, 5)),
    "outside": tuple(x / 100 for x in range(30, 91, 5)),
    "title_window": (2, 4, 6, 8, 12),
}
#: knobs every page type with enough fit pages searches for itself (how far the bars follow the model's sureness of
#: a page): on articles it gained out of fold on the fit part and lost on validation, so it takes a type's own gain
ADAPT_GRID: dict[str, tuple[float, ...]] = {"adapt": (0.0, 0.5, 1.0, 1.25, 1.5, 1.75, 2.0)}
SWEEPS = 3
#: a knob moves only for a gain of at least this much (mean F1 on the fit pages): smaller ones are noise, and
#: they did not carry to the validation part
MIN_STEP_GAIN = 0.001
#: a page type gets knobs of its own when it has this many fit pages and they gain this much on them
MIN_TYPE_PAGES = 60
MIN_TYPE_GAIN = 0.005
#: the page types that search every knob, not only ADAPT_GRID's, by default: none since the bars follow the
#: model's sureness of a page (collection and listing pages had bars of their own before; with adapt alone they
#: score as well out of fold and on validation: benchmarks/HISTORY.md)
TYPES: tuple[str, ...] = ()
#: knobs set, not searched, for a page type: on a forum page the comments are the content (the comments pass
#: would cut a thread at its first reply); a documentation page's sections carry ids made of their headings
#: ("respond-to-review-comments"), which name comments without being any; the tail pass runs on article pages
#: only (on listing, collection and forum pages the last items are links); the repeats pass where layouts draw a
#: text twice (out of fold on the fit part it cost documentation pages, and articles' repeats may be their own)
FIXED: dict[str, dict[str, Any]] = {"forum": {"comments_cut": False, "repeats_cut": True},
                                    "documentation": {"comments_cut": False}, "article": {"tail_cut": True},
                                    "product": {"repeats_cut": True}, "collection": {"repeats_cut": True},
                                    "listing": {"repeats_cut": True}, "service": {"repeats_cut": True}}
#: the block model whose scores are tuned (cleaner/html/frontend.py's MODEL)
MODEL = "html_blocks"
#: the text and Markdown models keep the default knobs (fitted ones did not carry to validation: HISTORY.md) but
#: for the repeats pass, which a text scrape's repeated tabs and quotes call for on the same page types, and the
#: bars that follow the model's sureness of a page, on every page: adapt as chosen out of fold on the fit part
#: (scripts/fit_text_model.py --cv --adapt 0 1 1.5)
TEXT_MODELS: dict[str, dict[str, Any]] = {"text_blocks": {"adapt": 1.0}, "markdown_blocks": {"adapt": 1.0}}
TEXT_FIXED = ("repeats_cut",)


def pages() -> list[dict[str, Any]]:
    """The fit pages with their blocks, out-of-fold scores and truth."""
    with OOF.open("rb") as f:
        oof: dict[tuple[str, str], Any] = pickle.load(f)
    out = []
    for name in SETS:
        for line in (BENCH / name / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            scores = oof.get((name, row["id"]))
            if scores is None:
                continue
            tree = parse(decode(unwrap((BENCH / name / row["file"]).read_bytes(), 1 << 30)))
            assert tree is not None and tree.body is not None
            blocks = caption_cues(walk(tree.body, signup_boxes(tree)).blocks)
            if len(blocks) != len(scores):  # the walk changed since the features were cached: refit the model
                print(f"skipped {name} {row['id']}: {len(blocks)} blocks, {len(scores)} scores", file=sys.stderr)
                continue
            kind = row.get("page_type") or "article"  # readability and trafilatura-dev hold articles
            out.append({"set": name, "truth": row, "blocks": blocks, "scores": scores, "page_type": kind})
    return out


def body(blocks: list[Block], scores: Any, tuning: Tuning) -> str:
    decisions = judge(blocks, scores, tuning, passes=BODY_PASSES)
    return "\n\n".join(d.block.text for d in decisions if d.label is Label.BODY)


def objective(fit: list[dict[str, Any]], tuning: Tuning) -> dict[str, float]:
    per_set: dict[str, list[Any]] = {name: [] for name in SETS}
    for p in fit:
        text, truth = body(p["blocks"], p["scores"], tuning), p["truth"]
        if p["set"] == "trafilatura-dev":
            per_set[p["set"]].append(metrics.snippet_counts(truth.get("with", []), truth.get("without", []), text))
        elif p["set"] == "readability":
            per_set[p["set"]].append(metrics.body_counts(truth["body"], text))
        elif "body" in truth:  # a few wcxb-dev pages have snippets only, which its word F1 does not read
            per_set[p["set"]].append(metrics.word_prf(truth["body"], text)[2])
    out = {}
    if per_set["trafilatura-dev"]:
        out["trafilatura-dev"] = metrics.snippet_metrics(per_set["trafilatura-dev"])["f1"]
    if per_set["readability"]:
        out["readability"] = metrics.body_metrics(per_set["readability"], [0.0] * len(per_set["readability"]))["f1"]
    if per_set["wcxb-dev"]:
        out["wcxb-dev"] = sum(per_set["wcxb-dev"]) / len(per_set["wcxb-dev"])
    out["mean"] = sum(out.values()) / max(len(out), 1)
    return out


def search(fit: list[dict[str, Any]], start: Tuning, grid: dict[str, tuple[float, ...]] = GRID) -> Tuning:
    """Coordinate search from ``start``: each knob in turn set to its best grid value, a few sweeps."""
    best = start
    best_score = objective(fit, best)["mean"]
    print(f"start {best}: {best_score:.4f}", file=sys.stderr)
    for _ in range(SWEEPS):
        moved = False
        for knob, values in grid.items():
            for value in values:
                trial = dataclasses.replace(best, **{knob: value})  # type: ignore[arg-type]  # knobs are typed per name
                got = objective(fit, trial)["mean"]
                if got > best_score + MIN_STEP_GAIN:
                    best, best_score, moved = trial, got, True
            print(f"  {knob} → {getattr(best, knob)}: {best_score:.4f}", file=sys.stderr)
        if not moved:
            break
    return best


def fit_knobs(fit: list[dict[str, Any]], all_pages: bool, types: tuple[str, ...]) -> dict[str, Tuning]:
    """Knobs per page type: each type with enough fit pages searches :data:`ADAPT_GRID` (and ``types`` the
    other knobs too) from its :data:`FIXED` knobs, and keeps what it found when that gains enough on its pages."""
    fitted: dict[str, Tuning] = {}
    if all_pages:
        fitted["*"] = search(fit, Tuning())
        print(json.dumps(objective(fit, fitted["*"])), file=sys.stderr)
    start = fitted.get("*", Tuning())
    for kind in sorted({p["page_type"] for p in fit}):
        of_kind = [p for p in fit if p["page_type"] == kind]
        if len(of_kind) < MIN_TYPE_PAGES:
            continue
        fixed = dataclasses.replace(start, **FIXED.get(kind, {}))  # searched with its fixed knobs in place
        base = objective(of_kind, fixed)["mean"]
        own = search(of_kind, fixed, {**ADAPT_GRID, **(GRID if kind in types else {})})
        gain = objective(of_kind, own)["mean"] - base
        print(f"{kind}: {len(of_kind)} pages, {base:.4f} {gain:+.4f}", file=sys.stderr)
        if gain >= MIN_TYPE_GAIN:
            fitted[kind] = own
    for kind, knobs in FIXED.items():
        fitted[kind] = dataclasses.replace(fitted.get(kind, start), **knobs)
    return fitted


def text_knobs(fitted: dict[str, Tuning], every: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A text model's knobs: ``every`` page's ("*"), and per page type the HTML model's fitted adapt with the
    TEXT_FIXED knobs of :data:`FIXED` (a typed article keeps fixed bars in every front-end)."""
    out = {"*": dataclasses.asdict(Tuning(**every))}
    for kind, html in fitted.items():
        own = {k: v for k, v in FIXED.get(kind, {}).items() if k in TEXT_FIXED}
        out[kind] = dataclasses.asdict(Tuning(**{**every, "adapt": html.adapt, **own}))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--all-pages", action="store_true", help="also search knobs for every page (\"*\")")
    ap.add_argument("--types", nargs="*", default=TYPES, help="page types that may get knobs of their own")
    args = ap.parse_args(argv)
    fit = pages()
    assert all(p["truth"]["id"] not in split.ids(p["set"], "validation") for p in fit)
    print(f"{len(fit)} fit pages", file=sys.stderr)
    fitted = fit_knobs(fit, args.all_pages, args.types)
    if not args.no_write:
        data = {MODEL: {k: dataclasses.asdict(t) for k, t in fitted.items()}}
        for model, every in TEXT_MODELS.items():
            data[model] = text_knobs(fitted, every)
        TUNING_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TUNING_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
