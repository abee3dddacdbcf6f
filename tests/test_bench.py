"""benchmarks/bench.py's plumbing: page ids, HTML twins, the split, the gate's keys (no extraction run here)."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_under_test", ROOT / "benchmarks" / "bench.py")
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_page_id_keeps_dots_in_ids() -> None:
    assert bench.page_id(Path("nhk.or.jp.k100.html")) == "nhk.or.jp.k100"
    assert bench.page_id(Path("0001.html.gz")) == "0001"
    assert bench.page_id(Path("0001.txt")) == "0001"


def test_html_twin_finds_html_or_gzip(tmp_path: Path) -> None:
    (tmp_path / "a" / "pages").mkdir(parents=True)
    (tmp_path / "a" / "pages" / "x.y.html").write_bytes(b"<p>x</p>")
    (tmp_path / "b" / "pages").mkdir(parents=True)
    (tmp_path / "b" / "pages" / "0001.html.gz").write_bytes(gzip.compress(b"<p>y</p>"))
    assert bench.html_twin(tmp_path, "a-text", Path("x.y.txt")) == tmp_path / "a" / "pages" / "x.y.html"
    twin = bench.html_twin(tmp_path, "b-md", Path("0001.md"))
    assert twin == tmp_path / "b" / "pages" / "0001.html.gz"
    assert bench.read_html(twin) == b"<p>y</p>"
    assert bench.html_twin(tmp_path, "b-md", Path("0002.md")) is None
    assert bench.html_twin(tmp_path, "a", Path("p.html")) == Path("p.html")


def test_plan_brings_the_html_set_first() -> None:
    assert bench.plan(["wcxb-dev-md", "readability"]) == ["readability", "wcxb-dev", "wcxb-dev-md"]


@pytest.mark.skipif(not (bench.DEFAULT_BENCH / "readability" / "truth.jsonl").exists(), reason="no dev sets")
def test_parts_follow_split_json() -> None:
    val = bench.select_pages(bench.DEFAULT_BENCH, "readability-md", "validation", None)
    fit = bench.select_pages(bench.DEFAULT_BENCH, "readability", "fit", None)
    every = bench.select_pages(bench.DEFAULT_BENCH, "readability", "all", None)
    split = json.loads((ROOT / "benchmarks" / "split.json").read_text(encoding="utf-8"))["readability"]
    assert sorted(bench.page_id(p) for p in val) == sorted(split["validation"])
    assert sorted(bench.page_id(p) for p in fit) == sorted(split["fit"])
    assert len(every) == len(val) + len(fit)


def result(**cleaner: float) -> dict:
    ours = {"f1": 0.90, "word_f1": 0.80, "word_low": 10, "body_low": 5, "title": 0.7, "word_f1_article": 0.85,
            "word_f1_forum": 0.60, "page_types": ["article", "forum"], **cleaner}
    theirs = {"f1": 0.88, "word_f1": 0.78, "word_low": 12, "body_low": 5, "title": 0.5, "word_f1_article": 0.855,
              "word_f1_forum": 0.50}
    return {"set": "s", "cleaner": ours, "trafilatura": theirs, "speed_ratio": 0.5,
            "gap_to_html": {"f1": -0.02, "word_f1": 0.01}, "html_set": "h"}


@pytest.mark.parametrize(("key", "floor", "broken"), [
    ("f1", 0.89, 0), ("f1", 0.91, 1),
    ("min_margin_f1", 0.02, 0), ("min_margin_f1", 0.03, 1),
    ("min_margin_word_f1", 0.02, 0), ("min_margin_title", 0.3, 1),
    ("min_margin_word_f1_per_type", -0.01, 0), ("min_margin_word_f1_per_type", 0.0, 1),
    ("max_low_minus_trafilatura", 0, 0), ("max_low_minus_trafilatura", -1, 1),
    ("max_word_low_minus_trafilatura", -2, 0), ("max_body_low_minus_trafilatura", -1, 1),
    ("max_gap_to_html", 0.02, 0), ("max_gap_to_html", 0.019, 1), ("max_gap_to_html_word_f1", -0.01, 0),
    ("max_abs_gap_to_html", 0.02, 0), ("max_abs_gap_to_html", 0.015, 1),
    ("max_speed_ratio", 0.5, 0), ("max_speed_ratio", 0.4, 1),
    ("max_word_low", 10, 0), ("max_word_low", 9, 1),
    ("authors", 0.5, 1),  # not measured: broken
])
def test_gate_keys(key: str, floor: float, broken: int) -> None:
    assert len(bench.gate([result()], {"s": {key: floor, "_note": "ignored"}})) == broken


def test_floors_file_keys_are_read() -> None:
    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text(encoding="utf-8"))
    for name, keys in floors.items():
        if name.startswith("_"):
            continue
        for key, value in keys.items():
            assert isinstance(value, (int, float)), (name, key)
            assert bench.checks(result(), key, value), (name, key)
