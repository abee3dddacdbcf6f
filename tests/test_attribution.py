"""Path attributions of a tree model's log-odds (cleaner/attribution.py), the cues --explain names."""

from __future__ import annotations

import lightgbm
import numpy as np

from cleaner.attribution import contributions, paths


def _model() -> tuple[lightgbm.Booster, np.ndarray]:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(600, 5))
    y = ((x[:, 0] > 0.2) & (x[:, 3] < 0.5)).astype(float)  # only features 0 and 3 decide
    data = lightgbm.Dataset(x, y)
    params = {"objective": "binary", "num_leaves": 7, "verbose": -1, "seed": 1, "deterministic": True}
    return lightgbm.train(params, data, num_boost_round=30), x


def test_bias_plus_contributions_is_the_raw_score() -> None:
    booster, x = _model()
    tree_paths = paths(booster)
    c = contributions(booster, tree_paths, x[:50])
    assert c.shape == (50, 5)
    np.testing.assert_allclose(tree_paths.bias + c.sum(axis=1), booster.predict(x[:50], raw_score=True), atol=1e-9)


def test_the_features_that_decide_carry_the_credit() -> None:
    booster, x = _model()
    c = contributions(booster, paths(booster), x)
    weight = np.abs(c).mean(axis=0)
    assert set(np.argsort(weight)[-2:]) == {0, 3}
    # a row pushed down by feature 0 (far under its cut) names it first
    low = np.array([[-2.0, 0.0, 0.0, 0.0, 0.0]])
    assert int(np.argmin(contributions(booster, paths(booster), low)[0])) == 0


def test_no_rows_no_contributions() -> None:
    booster, _ = _model()
    assert contributions(booster, paths(booster), np.zeros((0, 5))).shape == (0, 5)
