"""The page's expected F1 (cleaner/expected_f1.py) and the judge's bars that follow it."""

from __future__ import annotations

import itertools
import random

import pytest

from cleaner.expected_f1 import bar_scale, best_expected_f1
from cleaner.judge import Tuning, judge
from cleaner.model import Block, Label

STORY = ("The council said on Tuesday that it would review the plan again in the spring, and that the residents who "
         "had written to it would be heard before any of the work on the bridge began.")


def _expected_f1(scores: list[float], weights: list[float], kept: tuple[int, ...]) -> float:
    total = sum(p * w for p, w in zip(scores, weights, strict=True))
    hit = sum(scores[i] * weights[i] for i in kept)
    return 2 * hit / (sum(weights[i] for i in kept) + total)


@pytest.mark.parametrize("seed", range(20))
def test_the_best_expected_f1_is_the_best_over_every_choice_of_blocks(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 7)
    scores = [rng.random() for _ in range(n)]
    weights = [float(rng.randint(1, 400)) for _ in range(n)]
    best = max(_expected_f1(scores, weights, kept) for k in range(1, n + 1)
               for kept in itertools.combinations(range(n), k))
    assert best_expected_f1(scores, weights) == pytest.approx(best)
    # the blocks of the best choice are those scoring at least half of it (the F*/2 threshold)
    chosen = tuple(i for i in range(n) if scores[i] >= best / 2)
    assert _expected_f1(scores, weights, chosen) == pytest.approx(best)


def test_a_page_the_model_is_sure_of_keeps_its_bars_and_an_unsure_one_lowers_them() -> None:
    weights = [300.0, 300.0, 20.0, 20.0]
    assert bar_scale([0.99, 0.98, 0.01, 0.02], weights, 1.0) > 0.97
    assert bar_scale([0.45, 0.4, 0.3, 0.3], weights, 1.0) < 0.8
    assert bar_scale([0.45, 0.4, 0.3, 0.3], weights, 0.0) == 1.0
    assert bar_scale([0.45, 0.4, 0.3, 0.3], weights, 1.5) < bar_scale([0.45, 0.4, 0.3, 0.3], weights, 1.0)
    assert best_expected_f1([0.0, 0.0], weights[:2]) == 1.0  # nothing to expect: the bars stay


def test_the_judge_keeps_more_of_a_page_the_model_hesitates_over() -> None:
    blocks = [Block("Menu", index=0)] + [Block(f"{STORY} Part {i}.", index=i) for i in range(1, 4)]
    scores = [0.05, 0.55, 0.4, 0.42]
    fixed = judge(blocks, scores, Tuning(inside=0.45, outside=0.45))
    adapted = judge(blocks, scores, Tuning(inside=0.45, outside=0.45, adapt=1.0))
    assert [d.label is Label.BODY for d in fixed] == [False, True, False, False]
    assert [d.label is Label.BODY for d in adapted] == [False, True, True, True]
    assert "how sure the model is of this page" in adapted[2].reason
