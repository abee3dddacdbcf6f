"""Ranking models that pick one candidate of a page (the headline of an HTML page, of a text scrape): LightGBM
lambdarank boosters stored as data under ``rules/model``; a candidate's chance is the softmax of its page's scores,
and the best candidate is taken from the model's fitted bar up."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .model import Decision, Label

#: the article's opening, which the headline models read a candidate against, is its first words up to this many
OPENING_WORDS = 300
_WORD = re.compile(r"\w+")


def opening_words(decisions: Sequence[Decision]) -> list[str]:
    """The lowercased words of the kept article's first blocks, :data:`OPENING_WORDS` or a block's more."""
    words: list[str] = []
    for d in decisions:
        if d.label is Label.BODY:
            words += _WORD.findall(d.block.text.lower())
            if len(words) >= OPENING_WORDS:
                break
    return words


def chances(ranks: Any) -> np.ndarray:
    """Each candidate's chance of being the page's pick: the softmax of the model's ranking scores."""
    x = np.asarray(ranks, dtype=np.float64)
    e = np.exp(x - x.max())
    return np.asarray(e / e.sum())


@dataclass(frozen=True)
class Ranker:
    booster: Any
    #: the best candidate is taken from this chance up (:func:`chances`)
    accept: float

    def best(self, rows: np.ndarray) -> int | None:
        """The index of the best of a page's candidates (``rows``), or None when its chance is under the bar."""
        p = chances(self.booster.predict(rows, num_threads=1))
        best = int(np.argmax(p))
        return best if p[best] >= self.accept else None


def load(path: Path, names: tuple[str, ...], script: str) -> Ranker | None:
    """The model at ``path`` (None when the package holds none); it must have been fitted on ``names``."""
    if not path.is_file():
        return None
    import lightgbm

    data = json.loads(gzip.decompress(path.read_bytes()))
    if tuple(data["names"]) != names:
        raise ValueError(f"{path.name} was fitted on other features (run {script})")
    return Ranker(lightgbm.Booster(model_str=data["model"]), float(data["accept"]))
