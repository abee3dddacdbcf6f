"""The block model: gradient-boosted trees (LightGBM) giving each block the probability that it is article text.

Two stages: the first reads a block's own features (its text, containers, ancestry, neighbours, page); the second
adds what the first said of the block's surroundings (the scores of its neighbours and of the containers it sits
in), so that a short line inside a run of article paragraphs reads differently from the same line in a menu. The
models are data (``rules/model/<name>.json.gz``, written by scripts/fit_block_model.py on the fit part of the dev
sets); inference is one vectorised call per stage per page.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from . import attribution
from .rules import HERE as RULES

#: features named in a removed block's reason (--explain)
EXPLAIN_CUES = 3
#: windows (blocks on each side) over which the first stage's scores are averaged, weighted by characters
WINDOWS = (1, 3, 8)


def context_names(levels: int) -> tuple[str, ...]:
    """Names of the second stage's extra columns, for ``levels`` container levels."""
    return (("score", "score_prev", "score_next")
            + tuple(f"window{w}" for w in WINDOWS)
            + tuple(f"group{k}_score" for k in range(levels))
            + tuple(f"group{k}_share_high" for k in range(levels))
            + ("high_before", "high_after", "rank"))


def weighted_window(scores: np.ndarray, weights: np.ndarray, w: int) -> np.ndarray:
    """Per row: the mean of ``scores`` over the rows within ``w`` of it, weighted by ``weights``."""
    cs = np.concatenate(([0.0], np.cumsum(scores * weights)))
    cw = np.concatenate(([0.0], np.cumsum(weights)))
    n = len(scores)
    lo = np.clip(np.arange(n) - w, 0, n)
    hi = np.clip(np.arange(n) + w + 1, 0, n)
    return (cs[hi] - cs[lo]) / np.maximum(cw[hi] - cw[lo], 1e-9)


def context(scores: np.ndarray, chars: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """The second stage's extra columns: first-stage ``scores`` around each block. ``groups[k][i]`` is the id of
    block i's container at level k (blocks sharing it are averaged)."""
    n = len(scores)
    weights = np.sqrt(chars.astype(np.float64) + 1.0)
    cols: list[np.ndarray] = [scores, np.concatenate(([0.0], scores[:-1])) if n else scores,
                              np.concatenate((scores[1:], [0.0])) if n else scores]
    cols += [weighted_window(scores, weights, w) for w in WINDOWS]
    high = (scores >= 0.5).astype(np.float64) * chars
    for g in groups:
        _, inverse = np.unique(g, return_inverse=True)
        wsum = np.bincount(inverse, weights=weights)
        cols.append(np.bincount(inverse, weights=scores * weights)[inverse] / np.maximum(wsum[inverse], 1e-9))
        csum = np.bincount(inverse, weights=chars.astype(np.float64))
        cols.append(np.bincount(inverse, weights=high)[inverse] / np.maximum(csum[inverse], 1.0))
    total = max(float(chars.sum()), 1.0)
    before = np.concatenate(([0.0], np.cumsum(high)[:-1])) if n else high
    cols += [before / total, (high.sum() - before - high) / total,
             np.argsort(np.argsort(-scores, kind="stable"), kind="stable") / max(n, 1)]
    return np.column_stack(cols).astype(np.float32) if n else np.zeros((0, len(cols)), dtype=np.float32)


@dataclass(frozen=True)
class BlockModel:
    """A fitted two-stage model and the feature names it was fitted on."""

    names: tuple[str, ...]
    levels: int
    stage1: Any
    stage2: Any

    def columns(self, rows: np.ndarray, names: Sequence[str]) -> np.ndarray:
        """``rows`` (columns ``names``, all a front-end computes) cut to the columns this model was fitted on."""
        if tuple(names) == self.names:
            return rows
        index = {name: i for i, name in enumerate(names)}
        missing = [name for name in self.names if name not in index]
        if missing:
            raise ValueError(f"the block model needs features the front-end does not give: {missing[:5]} (refit it)")
        return rows[:, [index[name] for name in self.names]]

    def score(self, rows: np.ndarray, chars: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
        """P(article) for each block (rows: first-stage features in :attr:`names` order)."""
        if len(rows) == 0:
            return np.zeros(0)
        first = self.stage1.predict(rows, num_threads=1)
        second = np.hstack([rows, context(first, chars, groups[: self.levels])])
        return np.asarray(self.stage2.predict(second, num_threads=1), dtype=np.float64)

    def contributions(self, rows: np.ndarray, chars: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
        """Per-block, per-feature contributions to the second stage's log-odds along each block's decision paths
        (cleaner/attribution.py; for --explain)."""
        first = self.stage1.predict(rows, num_threads=1)
        second = np.hstack([rows, context(first, chars, groups[: self.levels])])
        return attribution.contributions(self.stage2, _paths(self.stage2), second)

    @property
    def all_names(self) -> tuple[str, ...]:
        return self.names + context_names(self.levels)

    def strongest(self, rows: np.ndarray, chars: np.ndarray, groups: list[np.ndarray], group_names: Sequence[str],
                  count: int = EXPLAIN_CUES) -> list[str]:
        """Per block, the ``count`` features that pulled its score down most, as "name (-0.42)" (--explain); the
        second stage's group columns are named by what each group is (``group_names[k]`` for group k)."""
        rename = {f"group{k}_{what}": f"{name}_{what}" for k, name in enumerate(group_names)
                  for what in ("score", "share_high")}
        names = [rename.get(name, name) for name in self.all_names]
        contrib = self.contributions(rows, chars, groups)
        out = []
        for row in contrib:
            worst = np.argsort(row, kind="stable")[:count]
            out.append(", ".join(f"{names[j]} ({row[j]:+.2f})" for j in worst))
        return out


@cache
def _paths(booster: Any) -> attribution.Paths:
    """The leaves' path steps of a model's second stage, read on the first --explain."""
    return attribution.paths(booster)


@cache
def load(name: str) -> BlockModel:
    """The model ``rules/model/<name>.json.gz``, read once per process."""
    import lightgbm

    data = json.loads(gzip.decompress((RULES / "model" / f"{name}.json.gz").read_bytes()))
    return BlockModel(
        names=tuple(data["names"]), levels=int(data["levels"]),
        stage1=lightgbm.Booster(model_str=data["stage1"]), stage2=lightgbm.Booster(model_str=data["stage2"]),
    )


def save(path: Any, names: tuple[str, ...], levels: int, stage1: Any, stage2: Any, about: dict[str, Any]) -> None:
    data = {"about": about, "names": list(names), "levels": levels,
            "stage1": stage1.model_to_string(), "stage2": stage2.model_to_string()}
    path.write_bytes(gzip.compress(json.dumps(data).encode(), mtime=0))
