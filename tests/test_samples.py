"""Golden samples: samples/<slug>/page.{html,txt,md} (+ optional url.txt) and expected.json, one test id each.

Only the keys present in expected.json are compared, each exactly (body included), so a sample says precisely
what it pins down. ``"captions_contain"`` (list of strings) checks that each is part of some caption's text or
credit; ``"body_without"`` (list of strings) checks that none appears in the body; ``"body_contains"`` (list of
strings) checks that each appears in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Options, clean_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CHECKS = ("captions_contain", "body_without", "body_contains")


#: golden HTML samples the block model (v2) still gets wrong (kept as targets, not rewritten to its output)
MODEL_MISSES = frozenset({"nl-category-index-not-article"})

#: golden text samples the first fitted text block model gets wrong: it keeps an author's bio under the story as
#: body (the judge has no bio pass)
TEXT_MODEL_V1_MISSES = frozenset({"en-blog-glued-dates-bio-text"})

#: page-type golden samples (one per non-article type, issue 11) the extraction still gets wrong: the tag archive is
#: typed "article" (its body is right)
PAGE_TYPE_MISSES = frozenset({"en-listing-news-tag-archive"})

#: why each known miss fails; a miss is a strict xfail, so a sample that starts passing fails until taken off
MISSES = {**{name: "the block model misjudges this golden sample (issue 10, open)" for name in MODEL_MISSES},
          **{name: "text block model v1 misjudges this golden sample (open)" for name in TEXT_MODEL_V1_MISSES},
          **{name: "the extraction misjudges this page-type golden sample (issue 11, open)"
             for name in PAGE_TYPE_MISSES}}


def _cases() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if (p / "expected.json").is_file()) if SAMPLES.is_dir() else []


def _page(case: Path) -> Path:
    pages = sorted(case.glob("page.*"))
    assert len(pages) == 1, f"{case.name}: expected exactly one page.* file, found {pages}"
    return pages[0]


def _params() -> list[object]:
    return [pytest.param(case, id=case.name, marks=[pytest.mark.xfail(strict=True, reason=MISSES[case.name])]
                         if case.name in MISSES else []) for case in _cases()]


@pytest.mark.parametrize("case", _params())
def test_sample(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    url_file = case / "url.txt"
    url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
    record = clean_file(_page(case), url=url, options=Options(explain=True)).to_dict()
    for key, want in expected.items():
        if key == "captions_contain":
            texts = " | ".join(f"{c['text']} {c['credit'] or ''}" for c in record["captions"])
            for part in want:
                assert part in texts, f"caption part {part!r} not found in {texts!r}"
        elif key == "body_without":
            for part in want:
                assert part not in (record["body"] or ""), f"{part!r} should not be in the body"
        elif key == "body_contains":
            for part in want:
                assert part in (record["body"] or ""), f"{part!r} should be in the body"
        else:
            assert record[key] == want, f"{case.name}: field {key!r}"


def test_there_are_samples() -> None:
    assert len(_cases()) >= 1
