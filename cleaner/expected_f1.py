"""How sure the block model is of a page, as the F1 it expects to reach there.

Read the blocks' scores as probabilities that each is article text, weighted by length: keeping the k blocks that
score highest is expected to reach F1 ≈ 2·Σ_kept p·w / (Σ_kept w + Σ_all p·w). The best such F1, F*, is near 1
on a page whose article the model sees plainly and lower where it hesitates (a listing's cards, a service page's
sections), and the threshold that reaches it is F*/2 (Lipton, Elkan and Narayanaswamy, "Thresholding classifiers
to maximize F1 score", 2014): the less sure the model is of a page, the more of the page it should keep.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Values = Sequence[float] | np.ndarray


def best_expected_f1(scores: Values, weights: Values) -> float:
    """F*: the highest expected F1 over keeping the top-scoring blocks (1.0 for a page with no weight)."""
    p = np.asarray(scores, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    total = float((p * w).sum())
    if total <= 0.0:
        return 1.0
    order = np.argsort(-p, kind="stable")
    p, w = p[order], w[order]
    return float((2.0 * np.cumsum(p * w) / (np.cumsum(w) + total)).max())


def bar_scale(scores: Values, weights: Values, adapt: float) -> float:
    """What the judge's bars are multiplied by on a page: 1 − adapt + adapt·F* (adapt 0: the bars as they are;
    adapt 1 at a bar of 0.5: the F*/2 threshold), never below zero."""
    if adapt == 0.0 or len(scores) == 0:
        return 1.0
    return max(0.0, 1.0 - adapt + adapt * best_expected_f1(scores, weights))
