"""Quality and speed of cleaner against trafilatura, in the same run, on bench datasets.

    python benchmarks/bench.py                       # every dev set in ../shared/bench, validation part: a table
    python benchmarks/bench.py --sets readability trafilatura-dev --limit 50
    python benchmarks/bench.py --part fit            # the fit part (what models and thresholds are tuned on)
    python benchmarks/bench.py --part all            # every page of each set
    python benchmarks/bench.py --gate                # also check benchmarks/floors.json; exit 1 if a floor is broken
    python benchmarks/bench.py --json results.json   # every figure as JSON too
    python benchmarks/bench.py --results results.json --gate   # table and gate of a saved run, nothing re-run
    python benchmarks/bench.py --sets readability trafilatura-dev --favor precision   # both tools leaning so

Pages: ``--part validation`` (default) takes the pages whose id benchmarks/split.py puts in the validation part
(by site; a -text/-md set shares its HTML set's ids), ``fit`` the others, ``all`` every page; ``--limit N`` then
keeps the first N of them. The scorer sees the set's truth cut to the same pages.

For each page, cleaner.clean() and trafilatura.extract() (default settings) run back to back, so machine noise
hits both alike (``--favor precision|recall``: cleaner with Options(favor=...), trafilatura with
favor_precision / favor_recall); CPU time (time.process_time) covers decoding and extraction only.
For a -text / -md set,
trafilatura runs on the HTML of the same pages (the set's name without the suffix): that is the ratio the issue
asks for. trafilatura's metadata come from a separate, untimed call (bare_extraction with_metadata=True), so the
CPU ratio stays against plain ``trafilatura.extract``; on a -text/-md set they are those of the HTML set run in
the same invocation (trafilatura only reads the HTML, and the truth is the same). A -text/-md set always brings
its HTML set into the run, which gives the gap of our own figures to HTML on the same pages.

Gzip-compressed pages (wcxb-dev: ``NNNN.html.gz``) are decompressed, untimed, for trafilatura; cleaner gets the
file's bytes as they are when ``cleaner.clean`` reads gzip itself (checked once per set), else decompressed bytes.

Each set runs in a fresh process: otherwise a -text/-md set would find trafilatura's caches (htmldate,
courlan) and ours warm from the HTML set of the same pages run before it, and the ratio would depend on the order
of --sets (trafilatura-dev-text measured 0.19x alone, 0.22x after the other sets). Predictions are scored with
the bench's own score.py. Outputs go to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import importlib.util
import json
import multiprocessing
import shutil
import sys
import tempfile
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
    "readability", "trafilatura-dev", "wcxb-dev", "readability-text", "readability-md", "trafilatura-dev-text",
    "trafilatura-dev-md", "wcxb-dev-text", "wcxb-dev-md",
)
PARTS = ("validation", "fit", "all")
SUFFIXES = ("-text", "-md")
META = ("title", "authors", "published", "site_name", "language")
TAILS = ("body_low", "snippet_low", "word_low")
QUALITY = ("f1", "word_f1")  # the figures whose gap to the HTML set is reported


def load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer(bench: Path) -> ModuleType:
    if not (bench / "score.py").exists():
        raise SystemExit(f"no score.py in {bench}")
    return load_module("bench_score", bench / "score.py")


SPLIT = load_module("bench_split", HERE / "split.py")


def base_set(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def page_id(page: Path) -> str:
    """The page's id: its file name without the extension (ids may hold dots: 'nhk.or.jp.k100.html')."""
    name = page.name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name else name


def html_twin(bench: Path, name: str, page: Path) -> Path | None:
    """The HTML page that a -text/-md page was rendered from (.html or .html.gz), or the page itself for an HTML
    set."""
    base = base_set(name)
    if base == name:
        return page
    for ext in (".html", ".html.gz", ".htm", ".htm.gz"):
        twin = bench / base / "pages" / (page_id(page) + ext)
        if twin.exists():
            return twin
    return None


def truth_rows(bench: Path, name: str) -> list[dict[str, Any]]:
    # split on "\n" only: str.splitlines() also breaks at U+2028 and friends inside JSON strings
    lines = (bench / name / "truth.jsonl").read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line.strip()]


def select_pages(bench: Path, name: str, part: str, limit: int | None) -> list[Path]:
    """The set's pages in ``part`` (by benchmarks/split.py ids), sorted by file name, the first ``limit``."""
    rows = truth_rows(bench, name)
    if part != "all":
        keep = SPLIT.ids(name, part)
        if not keep:
            raise SystemExit(f"{name}: benchmarks/split.json has no {part} part for it (use --part all)")
        rows = [row for row in rows if str(row["id"]) in keep]
    return sorted((bench / name / row["file"] for row in rows), key=lambda p: p.name)[:limit]


def scoring_set(bench: Path, name: str, pages: list[Path], out: Path) -> Path:
    """The dataset folder to score against: the set itself, or a copy of its truth cut to ``pages``."""
    full = bench / name
    lines = [line for line in (full / "truth.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()]
    keep = {p.name for p in pages}
    kept = [line for line in lines if Path(json.loads(line)["file"]).name in keep]
    if len(kept) == len(lines):
        return full
    cut = out / "cut" / name
    cut.mkdir(parents=True, exist_ok=True)
    (cut / "truth.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return cut


def cleaner_reads_gzip() -> bool:
    """Whether cleaner.clean() takes gzip-compressed bytes itself. Transparent gzip input is being added to
    cleaner.clean in parallel work; until it lands (NotAPageError "looks like a gzip archive"), bench decompresses
    .gz pages before handing them over, outside the timed call."""
    sample = gzip.compress(b"<html><body><article><p>" + b"Plain words in a sentence. " * 20 + b"</p></article>"
                           b"</body></html>")
    try:
        return bool(cleaner.clean(sample).body)
    except Exception:  # NotAPageError today; any failure means: hand it decompressed bytes
        return False


def warm_up(page: Path, twin: Path | None) -> None:
    """One untimed call of each tool, so lazy imports and caches are not billed to the first page."""
    with contextlib.suppress(cleaner.CleanerError):
        cleaner.clean(read_html(page))
    if twin is not None:
        trafilatura.extract(read_html(twin))


def trafilatura_metadata(html: bytes) -> dict[str, Any]:
    """trafilatura's metadata for one page, in the record's field names (an untimed call of its own)."""
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception:  # a failure of the other tool is an empty answer, not a crash of the bench
        return {}
    if doc is None:
        return {}
    field = doc.get if isinstance(doc, dict) else lambda name: getattr(doc, name, None)
    return {"title": field("title"), "authors": field("author"), "published": field("date"),
            "site_name": field("sitename"), "language": field("language")}


def run_set(bench: Path, name: str, part: str, limit: int | None, out: Path, with_trafilatura: bool,
            favor: str = "balanced") -> dict[str, Any]:
    options = cleaner.Options(favor=cleaner.Favor(favor))
    leaning = {"favor_precision": favor == "precision", "favor_recall": favor == "recall"}
    pages = select_pages(bench, name, part, limit)
    if not pages:
        raise SystemExit(f"{name}: no pages in part {part}")
    is_html = base_set(name) == name
    with_meta = is_html and any(row.get("metadata") for row in truth_rows(bench, name))
    reads_gzip = cleaner_reads_gzip()
    warm_up(pages[0], html_twin(bench, name, pages[0]) if with_trafilatura else None)
    ours, theirs = [], []
    cpu_ours = cpu_theirs = 0.0
    no_twin = 0
    crashes: list[str] = []
    for page in pages:
        data = page.read_bytes()
        if data[:2] == b"\x1f\x8b" and not reads_gzip:
            data = gzip.decompress(data)  # fallback until cleaner.clean reads gzip itself (see cleaner_reads_gzip)
        t0 = time.process_time()
        try:
            record: dict[str, Any] = cleaner.clean(data, source=page.name, options=options).to_dict()
        except cleaner.CleanerError as exc:
            record = {"source": page.name, "error": {"type": exc.kind, "message": str(exc)}}
        except Exception as exc:  # a bug in cleaner: scored as an empty page and counted, so the run goes on
            record = {"source": page.name, "error": {"type": "crash", "message": f"{type(exc).__name__}: {exc}"}}
            crashes.append(page.name)
            print(f"# {name}: cleaner crashed on {page.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        cpu_ours += time.process_time() - t0
        ours.append(record)
        twin = html_twin(bench, name, page) if with_trafilatura else None
        if with_trafilatura and twin is None:
            no_twin += 1
        if twin is not None:
            html = read_html(twin)
            t0 = time.process_time()
            text = trafilatura.extract(html, favor_precision=leaning["favor_precision"],
                                       favor_recall=leaning["favor_recall"])
            cpu_theirs += time.process_time() - t0
            theirs.append({"source": page.name, "body": text, **(trafilatura_metadata(html) if with_meta else {})})
    out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "set": name, "part": part, "favor": favor, "pages": len(pages),
        "pages_digest": hashlib.sha1(" ".join(page_id(p) for p in pages).encode()).hexdigest()[:12],
        "cleaner_reads_gzip": reads_gzip, "cpu_cleaner": cpu_ours, "cpu_trafilatura": cpu_theirs,
    }
    if crashes:
        result["crashes"] = crashes
    if no_twin:
        result["pages_without_html"] = no_twin
        print(f"# {name}: {no_twin} pages without an HTML twin: trafilatura scored empty there", file=sys.stderr)
    # Other runs of this script may write benchmarks/out at the same time: score private copies, then move them in.
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        dataset = scoring_set(bench, name, pages, Path(tmp))
        for who, records in (("cleaner", ours), ("trafilatura", theirs)):
            if not records:
                continue
            path = Path(tmp) / f"{name}.{who}{'' if favor == 'balanced' else '.' + favor}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            summary = summarise(SCORER.score(str(dataset), str(path), n_bootstrap=0 if limit else 200))
            if who == "trafilatura" and not with_meta:
                for field in META:
                    summary.pop(field, None)  # not asked for here: the HTML set's figures are used (see main)
            result[who] = summary
            shutil.move(str(path), str(out / path.name))
    if cpu_theirs:
        result["speed_ratio"] = cpu_ours / cpu_theirs
    return result


def fresh_run_set(bench: Path, name: str, part: str, limit: int | None, out: Path, with_trafilatura: bool,
                  favor: str = "balanced") -> dict[str, Any]:
    """:func:`run_set` in a process of its own (the scorer is loaded there)."""
    global SCORER
    SCORER = load_scorer(bench)
    return run_set(bench, name, part, limit, out, with_trafilatura, favor)


def snippet_f1(s: dict[str, int]) -> float:
    d = 2 * s["tp"] + s["fp"] + s["fn"]
    return 2 * s["tp"] / d if d else 1.0


def summarise(res: dict[str, Any]) -> dict[str, Any]:
    """score.py's result as one flat dict of figures (the keys floors.json names)."""
    s: dict[str, Any] = {}
    if "body" in res:
        s.update(metric="body", f1=res["body"]["f1"], precision=res["body"]["precision"],
                 recall=res["body"]["recall"], body_low=res["body"]["low"])
    if "snippets" in res:
        sn = res["snippets"]
        if "body" not in res:
            s.update(metric="snippet", f1=sn["f1"], precision=sn["precision"], recall=sn["recall"])
        s["snippet_f1"] = sn["f1"]
        # bench's own tail for snippet sets (score.py gives none): pages whose snippet F1 2tp/(2tp+fp+fn) < 0.5
        s["snippet_low"] = sum(snippet_f1(p["snippets"]) < 0.5 for p in res["pages"] if "snippets" in p)
    words = res.get("words", {})
    if "all" in words:
        w = words["all"]
        s.update(word_f1=w["f1"], word_precision=w["precision"], word_recall=w["recall"], word_low=w["low"])
    types = sorted(k for k in words if k != "all")
    for t in types:
        s[f"word_f1_{t}"] = words[t]["f1"]
        s[f"word_low_{t}"] = words[t]["low"]
        s[f"pages_{t}"] = words[t]["pages"]
    if types:
        s["page_types"] = types
    for field, m in res.get("metadata", {}).items():
        s[field] = m["accuracy"]
    s["errors"] = res["errors"]
    return s


def link_to_html(results: list[dict[str, Any]]) -> None:
    """For each -text/-md result: the gap of our figures to our HTML figures on the same pages, and trafilatura's
    metadata figures (from the HTML set: it only reads the HTML and the truth is the same)."""
    by_name = {r["set"]: r for r in results}
    for r in results:
        base = by_name.get(base_set(r["set"]))
        if base is None or base is r:
            continue
        if base["pages_digest"] != r["pages_digest"]:
            print(f"# {r['set']}: not the same pages as {base['set']}: no gap to HTML", file=sys.stderr)
            continue
        c, h = r.get("cleaner", {}), base.get("cleaner", {})
        r["gap_to_html"] = {m: c[m] - h[m] for m in QUALITY if m in c and m in h}
        r["html_set"] = base["set"]
        if "trafilatura" in r and "trafilatura" in base:
            for field in META:
                if field in base["trafilatura"]:
                    r["trafilatura"][field] = base["trafilatura"][field]


GROUPS = {"HTML sets": "", "-text sets": "-text", "-md sets": "-md"}


def aggregates(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """CPU cleaner / trafilatura summed over the HTML sets, the -text sets and the -md sets of the run (floors.json
    may gate them under the names "HTML sets", "-text sets", "-md sets")."""
    out = []
    for group, suffix in GROUPS.items():
        members = [r for r in results if not r.get("aggregate") and r.get("cpu_trafilatura")
                   and (r["set"].endswith(suffix) if suffix else base_set(r["set"]) == r["set"])]
        if members:
            ours, theirs = sum(r["cpu_cleaner"] for r in members), sum(r["cpu_trafilatura"] for r in members)
            out.append({"set": group, "aggregate": True, "sets": [r["set"] for r in members],
                        "pages": sum(r["pages"] for r in members), "cpu_cleaner": ours, "cpu_trafilatura": theirs,
                        "speed_ratio": ours / theirs})
    return out


# ---------------------------------------------------------------- output

def fmt(v: Any, signed: bool = False) -> str:
    if v is None:
        return "–"
    if isinstance(v, int):
        return f"{v:+d}" if signed else str(v)
    return f"{v:+.3f}" if signed else f"{v:.3f}"


def pair(c: dict[str, Any], t: dict[str, Any], key: str) -> str:
    if key not in c and key not in t:
        return "–"
    return f"{fmt(c.get(key))} / {fmt(t.get(key))}" if t else fmt(c.get(key))


def delta(c: dict[str, Any], t: dict[str, Any], key: str) -> str:
    return fmt(c[key] - t[key], signed=True) if key in c and key in t else "–"


def tail(s: dict[str, Any]) -> str | None:
    return "body_low" if "body_low" in s else "snippet_low" if "snippet_low" in s else None


def table(results: list[dict[str, Any]]) -> str:
    """The README tables: one row per set, then word F1 per page type for the sets that have types.
    Cells "x / y" are cleaner / trafilatura."""
    rows = [
        "| set | pages | F1 | cleaner F1 | trafilatura F1 | Δ F1 | P | R | F1 < 0.5 | word F1 | trafilatura word F1 "
        "| Δ word F1 | word F1 < 0.5 | title | authors | published | gap to HTML (F1, word F1) "
        "| CPU cleaner / trafilatura |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    groups = [r for r in results if r.get("aggregate")]
    results = [r for r in results if not r.get("aggregate")]
    for r in results:
        c, t = r.get("cleaner", {}), r.get("trafilatura", {})
        gap = r.get("gap_to_html")
        gap_cell = ", ".join(fmt(gap[m], signed=True) for m in QUALITY if m in gap) if gap else "–"
        low = tail(c)
        rows.append(
            f"| {r['set']} | {r['pages']} | {c.get('metric', '–')} | {fmt(c.get('f1'))} | {fmt(t.get('f1'))} | "
            f"{delta(c, t, 'f1')} | {fmt(c.get('precision'))} | {fmt(c.get('recall'))} | "
            f"{pair(c, t, low) if low else '–'} | {fmt(c.get('word_f1'))} | {fmt(t.get('word_f1'))} | "
            f"{delta(c, t, 'word_f1')} | {pair(c, t, 'word_low')} | {pair(c, t, 'title')} | "
            f"{pair(c, t, 'authors')} | {pair(c, t, 'published')} | {gap_cell} | "
            f"{fmt(r.get('speed_ratio'))}× |"
        )
    typed = [r for r in results if r.get("cleaner", {}).get("page_types")]
    if typed:
        rows += ["", "| set | page type | pages | cleaner word F1 | trafilatura word F1 | Δ | word F1 < 0.5 |",
                 "|---|---|---|---|---|---|---|"]
        for r in typed:
            c, t = r["cleaner"], r.get("trafilatura", {})
            for ty in c["page_types"]:
                rows.append(f"| {r['set']} | {ty} | {c[f'pages_{ty}']} | {fmt(c[f'word_f1_{ty}'])} | "
                            f"{fmt(t.get(f'word_f1_{ty}'))} | {delta(c, t, f'word_f1_{ty}')} | "
                            f"{pair(c, t, f'word_low_{ty}')} |")
    if groups:
        rows += ["", "| sets | pages | CPU cleaner s | CPU trafilatura s | CPU cleaner / trafilatura |",
                 "|---|---|---|---|---|"]
        rows += [f"| {g['set']} ({', '.join(g['sets'])}) | {g['pages']} | {g['cpu_cleaner']:.1f} | "
                 f"{g['cpu_trafilatura']:.1f} | {g['speed_ratio']:.3f}× |" for g in groups]
    return "\n".join(rows)


# ---------------------------------------------------------------- gate

def checks(r: dict[str, Any], key: str, floor: float) -> list[tuple[str, Any, bool]]:
    """(what, value, ok) for one floors.json key on one set's result; a figure not measured is broken."""
    c, t = r.get("cleaner", {}), r.get("trafilatura", {})

    def margin(m: str) -> tuple[str, Any, bool]:
        value = c[m] - t[m] if m in c and m in t else None
        return f"cleaner - trafilatura {m}", value, value is not None and value >= floor

    def tail_margin(m: str) -> tuple[str, Any, bool]:
        value = c[m] - t[m] if m in c and m in t else None
        return f"cleaner - trafilatura {m}", value, value is not None and value <= floor

    def gap(m: str) -> tuple[str, Any, bool]:
        g = r.get("gap_to_html", {}).get(m)
        value = None if g is None else -g
        return f"{r.get('html_set')} {m} - this set's {m}", value, value is not None and value <= floor

    if key == "max_speed_ratio":
        value = r.get("speed_ratio")
        return [("CPU cleaner / trafilatura", value, value is not None and value <= floor)]
    if key == "min_margin_word_f1_per_type":
        types = c.get("page_types") or []
        return [margin(f"word_f1_{ty}") for ty in types] or [("word_f1 per page type", None, False)]
    if key.startswith("min_margin_"):
        return [margin(key.removeprefix("min_margin_"))]
    if key == "max_low_minus_trafilatura":
        present = [m for m in TAILS if m in c]
        return [tail_margin(m) for m in present] or [("tail counts", None, False)]
    if key.startswith("max_") and key.endswith("_minus_trafilatura"):
        return [tail_margin(key.removeprefix("max_").removesuffix("_minus_trafilatura"))]
    if key == "max_abs_gap_to_html":
        present = [m for m in QUALITY if m in r.get("gap_to_html", {})]
        return [(f"|{r.get('html_set')} {m} - this set's {m}|", abs(r["gap_to_html"][m]),
                 abs(r["gap_to_html"][m]) <= floor) for m in present] or [("gap to html", None, False)]
    if key == "max_gap_to_html":
        present = [m for m in QUALITY if m in r.get("gap_to_html", {})]
        return [gap(m) for m in present] or [("gap to html", None, False)]
    if key.startswith("max_gap_to_html_"):
        return [gap(key.removeprefix("max_gap_to_html_"))]
    if key.startswith("max_"):
        m = key.removeprefix("max_")
        value = c.get(m)
        return [(m, value, value is not None and value <= floor)]
    value = c.get(key)
    return [(key, value, isinstance(value, (int, float)) and value >= floor)]


def gate(results: list[dict[str, Any]], floors: dict[str, Any]) -> list[str]:
    """Every broken floor, as a sentence (floors.json's _comment documents the keys)."""
    broken = []
    for r in results:
        for key, floor in floors.get(r["set"], {}).items():
            if key.startswith("_"):
                continue
            for what, value, ok in checks(r, key, floor):
                if not ok:
                    shown = "not measured" if value is None else fmt(value)
                    broken.append(f"{r['set']}: {key}: {what} = {shown} breaks the floor {floor}")
    return broken


def plan(sets: list[str]) -> list[str]:
    """The sets to run, HTML sets first: a -text/-md set brings its HTML set (for the gap and the metadata)."""
    wanted = list(dict.fromkeys(sets))
    for name in list(wanted):
        base = base_set(name)
        if base != name and base not in wanted:
            print(f"# {name} brings {base} into the run (gap to HTML, trafilatura metadata)", file=sys.stderr)
            wanted.append(base)
    return [n for n in wanted if base_set(n) == n] + [n for n in wanted if base_set(n) != n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder of datasets (default: ../shared/bench)")
    ap.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS))
    ap.add_argument("--part", choices=PARTS, default="validation",
                    help="pages by benchmarks/split.py: validation (default; what the README and the gate report), "
                         "fit, or all")
    ap.add_argument("--limit", type=int, help="only the first N pages of the part of each set (quick looks)")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura comparison")
    ap.add_argument("--favor", choices=[f.value for f in cleaner.Favor], default="balanced",
                    help="cleaner's Options.favor, and trafilatura's favor_precision / favor_recall to match")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--gate", action="store_true", help="fail when a floor in benchmarks/floors.json is broken "
                    "(the floors are set for the validation part, without --limit)")
    ap.add_argument("--floors", type=Path, default=FLOORS, help="floors file for --gate (default: %(default)s)")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    ap.add_argument("--results", type=Path, help="run nothing: read the results of an earlier --json run, print "
                    "the table (and --gate them)")
    ap.add_argument("--same-process", action="store_true",
                    help="run every set in this process (faster start; later sets find caches warm)")
    args = ap.parse_args(argv)
    if args.gate and (args.part != "validation" or args.limit):
        print("bench: warning: floors.json is set for the full validation part; this run is "
              f"--part {args.part}{f' --limit {args.limit}' if args.limit else ''}", file=sys.stderr)
    if args.results:
        results = json.loads(args.results.read_text(encoding="utf-8"))
        if not any(r.get("aggregate") for r in results):
            results += aggregates(results)
        print(table(results))
        return run_gate(results, args.floors) if args.gate else 0
    global SCORER
    SCORER = load_scorer(args.bench)
    results = []
    started = time.monotonic()
    sets = plan(args.sets)
    for name in sets:
        t0 = time.monotonic()
        run = (args.bench, name, args.part, args.limit, args.out, not args.no_trafilatura, args.favor)
        if args.same_process:
            r = run_set(*run)
        else:
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
                r = pool.submit(fresh_run_set, *run).result()
        r["wall_seconds"] = time.monotonic() - t0
        results.append(r)
        print(f"# {name}: {json.dumps({k: v for k, v in r.items() if k != 'set'}, default=str)}", file=sys.stderr)
    link_to_html(results)
    results += aggregates(results)
    print(table(results))
    print(f"# {len(sets)} sets, part {args.part}, favor {args.favor}, in {time.monotonic() - started:.0f} s wall",
          file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return run_gate(results, args.floors) if args.gate else 0


def run_gate(results: list[dict[str, Any]], floors: Path) -> int:
    broken = gate(results, json.loads(floors.read_text(encoding="utf-8")))
    for line in broken:
        print(f"FLOOR BROKEN {line}", file=sys.stderr)
    print(f"gate: {len(broken)} broken floors", file=sys.stderr)
    return 1 if broken else 0


SCORER: ModuleType

if __name__ == "__main__":
    raise SystemExit(main())
