"""Quality and speed of cleaner against trafilatura, in the same run, on bench datasets.

    python benchmarks/bench.py                       # every dev set in ../shared/bench, table on stdout
    python benchmarks/bench.py --sets readability trafilatura-dev --limit 50
    python benchmarks/bench.py --gate                # also check benchmarks/floors.json; exit 1 if a floor is broken

For each page, cleaner.clean() and trafilatura.extract() (default settings) run back to back, so machine noise
hits both alike; CPU time (time.process_time) covers decoding and extraction only. For a -text / -md set,
trafilatura runs on the HTML of the same pages (the set's name without the suffix): that is the ratio issue 3
asks for. Each set runs in a fresh process: otherwise a -text/-md set would find trafilatura's caches (htmldate,
courlan) and ours warm from the HTML set of the same pages run before it, and the ratio would depend on the order
of --sets (trafilatura-dev-text measured 0.19x alone, 0.22x after the other sets). Predictions are scored with
the bench's own score.py. Outputs go to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura

import cleaner

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
FLOORS = HERE / "floors.json"
DEFAULT_SETS = (
    "readability", "trafilatura-dev", "readability-text", "readability-md", "trafilatura-dev-text",
    "trafilatura-dev-md",
)
SUFFIXES = ("-text", "-md")
META = ("title", "authors", "published", "site_name", "language")


def load_scorer(bench: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {bench}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def html_twin(bench: Path, name: str, page: Path) -> Path | None:
    """The HTML page that a -text/-md page was rendered from, or the page itself for an HTML set."""
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            twin = bench / name[: -len(suffix)] / "pages" / (page.stem + ".html")
            return twin if twin.exists() else None
    return page


def scoring_set(bench: Path, name: str, pages: list[Path], out: Path) -> Path:
    """The dataset folder to score against: the set itself, or (with --limit) a copy of its truth cut to ``pages``."""
    full = bench / name
    if len(pages) == len(list((full / "pages").iterdir())):
        return full
    keep = {p.name for p in pages}
    cut = out / "cut" / name
    cut.mkdir(parents=True, exist_ok=True)
    lines = (full / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.strip() and Path(json.loads(line)["file"]).name in keep]
    (cut / "truth.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return cut


def warm_up(page: Path) -> None:
    """One untimed call of each tool, so lazy imports and caches are not billed to the first page."""
    data = page.read_bytes()
    with contextlib.suppress(cleaner.CleanerError):
        cleaner.clean(data)
    trafilatura.extract(data)


def run_set(bench: Path, name: str, limit: int | None, out: Path, with_trafilatura: bool,
            extractor: bool = True) -> dict[str, Any]:
    options = cleaner.Options(extractor=extractor)
    pages = sorted((bench / name / "pages").iterdir())[:limit]
    warm_up(pages[0])
    ours, theirs = [], []
    cpu_ours = cpu_theirs = 0.0
    for page in pages:
        data = page.read_bytes()
        t0 = time.process_time()
        try:
            record: dict[str, Any] = cleaner.clean(data, source=page.name, options=options).to_dict()
        except cleaner.CleanerError as exc:
            record = {"source": page.name, "error": {"type": exc.kind, "message": str(exc)}}
        cpu_ours += time.process_time() - t0
        ours.append(record)
        twin = html_twin(bench, name, page) if with_trafilatura else None
        if twin is not None:
            html = twin.read_bytes()
            t0 = time.process_time()
            text = trafilatura.extract(html)
            cpu_theirs += time.process_time() - t0
            theirs.append({"source": page.name, "body": text})
    out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"set": name, "pages": len(pages), "cpu_cleaner": cpu_ours, "cpu_trafilatura": cpu_theirs}
    for who, records in (("cleaner", ours), ("trafilatura", theirs)):
        if not records:
            continue
        path = out / f"{name}.{who}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        dataset = scoring_set(bench, name, pages, out)
        result[who] = summarise(SCORER.score(str(dataset), str(path), n_bootstrap=0 if limit else 200))
    if cpu_theirs:
        result["speed_ratio"] = cpu_ours / cpu_theirs
    return result


def fresh_run_set(bench: Path, name: str, limit: int | None, out: Path, with_trafilatura: bool,
                  extractor: bool = True) -> dict[str, Any]:
    """:func:`run_set` in a process of its own (the scorer is loaded there)."""
    global SCORER
    SCORER = load_scorer(bench)
    return run_set(bench, name, limit, out, with_trafilatura, extractor)


def summarise(res: dict[str, Any]) -> dict[str, float]:
    s: dict[str, float] = {}
    if "body" in res:
        s.update(f1=res["body"]["f1"], precision=res["body"]["precision"], recall=res["body"]["recall"])
    elif "snippets" in res:
        s.update(f1=res["snippets"]["f1"], precision=res["snippets"]["precision"], recall=res["snippets"]["recall"])
    for field, m in res.get("metadata", {}).items():
        s[field] = m["accuracy"]
    s["errors"] = res["errors"]
    return s


def table(results: list[dict[str, Any]]) -> str:
    head = ("| set | pages | cleaner F1 | trafilatura F1 | Δ F1 | P | R | title | authors | published "
            "| CPU cleaner / trafilatura |\n|---|---|---|---|---|---|---|---|---|---|---|")
    rows = [head]
    for r in results:
        c, t = r.get("cleaner", {}), r.get("trafilatura", {})
        fmt = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
        delta = c.get("f1", 0) - t["f1"] if t else None
        rows.append(
            f"| {r['set']} | {r['pages']} | {fmt(c.get('f1'))} | {fmt(t.get('f1'))} | "
            f"{'–' if delta is None else f'{delta:+.3f}'} | {fmt(c.get('precision'))} | {fmt(c.get('recall'))} | "
            f"{fmt(c.get('title'))} | {fmt(c.get('authors'))} | {fmt(c.get('published'))} | "
            f"{fmt(r.get('speed_ratio'))}× |"
        )
    return "\n".join(rows)


def gate(results: list[dict[str, Any]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every broken floor, as a sentence. Floor keys: any cleaner metric, 'min_margin_f1' over trafilatura,
    'max_speed_ratio'."""
    broken = []
    for r in results:
        for key, floor in floors.get(r["set"], {}).items():
            if key.startswith("_"):
                continue
            if key == "max_speed_ratio":
                value = r.get("speed_ratio")
                ok = value is not None and value <= floor
            elif key == "min_margin_f1":
                value = r["cleaner"]["f1"] - r["trafilatura"]["f1"]
                ok = value >= floor
            else:
                value = r["cleaner"].get(key)
                ok = value is not None and value >= floor
            if not ok:
                broken.append(f"{r['set']}: {key} = {value} breaks the floor {floor}")
    return broken


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder of datasets (default: ../shared/bench)")
    ap.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS))
    ap.add_argument("--limit", type=int, help="only the first N pages of each set (quick looks; no gate)")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura comparison")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--gate", action="store_true", help="fail when a floor in benchmarks/floors.json is broken")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    ap.add_argument("--same-process", action="store_true",
                    help="run every set in this process (faster start; later sets find caches warm)")
    ap.add_argument("--no-extractor", dest="extractor", action="store_false",
                    help="clean HTML without trafilatura's second opinion (Options.extractor=False): what the markup "
                         "cues reach alone, the fair mark for the -text/-md sets (the floors assume the extractor)")
    args = ap.parse_args(argv)
    global SCORER
    SCORER = load_scorer(args.bench)
    results = []
    for name in args.sets:
        if args.same_process:
            r = run_set(args.bench, name, args.limit, args.out, not args.no_trafilatura, args.extractor)
        else:
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
                r = pool.submit(fresh_run_set, args.bench, name, args.limit, args.out, not args.no_trafilatura,
                                args.extractor).result()
        results.append(r)
        print(f"# {name}: {json.dumps({k: v for k, v in r.items() if k != 'set'}, default=str)}", file=sys.stderr)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.gate:
        broken = gate(results, json.loads(FLOORS.read_text(encoding="utf-8")))
        for line in broken:
            print(f"FLOOR BROKEN {line}", file=sys.stderr)
        print(f"gate: {len(broken)} broken floors", file=sys.stderr)
        return 1 if broken else 0
    return 0


SCORER: ModuleType

if __name__ == "__main__":
    raise SystemExit(main())
