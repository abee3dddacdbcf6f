"""Issue 13 item 3: Options.favor leans the judge to precision or recall (cleaner.judge.favored)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Favor, Options
from cleaner.errors import UsageError
from cleaner.judge import FAVOR_DELTAS, TUNING, Tuning, favored, judge
from cleaner.model import Block, Kind, Label

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_favor_takes_its_name_and_refuses_others() -> None:
    assert Options(favor="Precision").favor is Favor.PRECISION
    assert Options().favor is Favor.BALANCED
    with pytest.raises(UsageError, match="'balanced', 'precision', 'recall'"):
        Options(favor="most")
    with pytest.raises(TypeError, match="favor"):
        Options(favor=1)  # type: ignore[arg-type]


def test_mapping_moves_every_bar_the_favored_way() -> None:
    assert favored(TUNING, Favor.BALANCED) == TUNING
    up, down = favored(TUNING, "precision"), favored(TUNING, "recall")
    for knob in ("threshold", "inside", "outside"):
        assert getattr(down, knob) < getattr(TUNING, knob) < getattr(up, knob)
    assert up.title_window == TUNING.title_window
    extreme = favored(Tuning(threshold=0.95, inside=0.95, outside=0.99), "precision")
    assert max(extreme.threshold, extreme.inside, extreme.outside) <= 1.0
    assert set(FAVOR_DELTAS) == set(Favor)


def _kept(blocks: list[Block], scores: list[float], favor: Favor) -> int:
    return sum(d.label is Label.BODY for d in judge(blocks, scores, favored(TUNING, favor)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(1, 400)), min_size=1, max_size=30))
def test_precision_keeps_no_more_than_balanced_and_recall_no_less(page: list[tuple[float, int]]) -> None:
    blocks = [Block("w" * length, Kind.PARAGRAPH, i) for i, (_, length) in enumerate(page)]
    scores = [score for score, _ in page]
    assert _kept(blocks, scores, Favor.PRECISION) <= _kept(blocks, scores, Favor.BALANCED) \
        <= _kept(blocks, scores, Favor.RECALL)


@pytest.mark.parametrize("case", sorted(p for p in SAMPLES.iterdir() if (p / "expected.json").is_file()),
                         ids=lambda p: p.name)
def test_favor_on_golden_pages(case: Path) -> None:
    page = next(case.glob("page.*"))
    words = {f: cleaner.clean_file(page, options=Options(favor=f)).word_count for f in Favor}
    assert words[Favor.PRECISION] <= words[Favor.BALANCED] <= words[Favor.RECALL]
