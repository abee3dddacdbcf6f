"""The headline of a text or Markdown scrape, by a fitted model (``rules/model/text_title.json.gz``, written by
scripts/fit_title_model.py on the fit part of the dev sets' -text and -md renderings).

A plain-text scrape has no <h1>: its headline is one line among the menu, the byline and the lead. Each short line
near the article's start is a candidate; the model reads where it sits (against the article the judge kept), its
shape (length, capitals, end punctuation, separators), the block model's scores around it, the rule pass's label,
and how many of its words the article's opening repeats. The best candidate is the headline when the model gives
it at least the fitted bar; else the rule pass's title stands.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from ..model import Decision, Kind, Label
from ..rules import HERE as RULES
from ..rules import all_stopwords
from .metadata import rule_title

MODEL_PATH = RULES / "model" / "text_title.json.gz"
#: candidates: blocks from BEFORE_BODY blocks before the article's first block to AFTER_BODY blocks past it, of
#: MIN_CHARS to MAX_CHARS characters, and the rules' headline
BEFORE_BODY = 40
AFTER_BODY = 5
MIN_CHARS, MAX_CHARS = 8, 250
#: the article's opening words a candidate's words are looked up in
OPENING_WORDS = 300
NAMES = ("index", "from_body", "share_of_page", "chars", "words", "capitalised", "all_caps", "sentence_end",
         "colon_end", "separators", "digits", "stopwords", "score", "score_next", "score_next3", "rule_label",
         "kind", "level", "headings_1", "in_opening", "repeats", "markdown", "rank_in_candidates", "rules_headline",
         "rule_label_prev", "rule_label_next", "kept")
_WORD = re.compile(r"\w+")
_LABELS = {label: i + 1 for i, label in enumerate(Label)}
_KINDS = {kind: i for i, kind in enumerate(Kind)}


@dataclass(frozen=True)
class TitleModel:
    booster: Any
    #: the best candidate is the headline from this probability up
    accept: float


@cache
def load() -> TitleModel | None:
    """The fitted model, or None when the package holds none."""
    if not MODEL_PATH.is_file():
        return None
    import lightgbm

    data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()))
    if tuple(data["names"]) != NAMES:
        raise ValueError("the title model was fitted on other features (run scripts/fit_title_model.py)")
    return TitleModel(lightgbm.Booster(model_str=data["model"]), float(data["accept"]))


def candidates(decisions: Sequence[Decision], rules: int | None) -> list[int]:
    """Indices of the blocks that may be the headline; ``rules``: the rules' headline (rule_labelled decisions)."""
    first = next((i for i, d in enumerate(decisions) if d.label is Label.BODY), len(decisions))
    window = range(max(0, first - BEFORE_BODY), min(len(decisions), first + AFTER_BODY + 1))
    out = [i for i in window if MIN_CHARS <= len(decisions[i].block.text) <= MAX_CHARS
           and decisions[i].block.kind is not Kind.CODE]
    if rules is not None and rules not in out:
        out = sorted([*out, rules])
    return out


def rows(decisions: Sequence[Decision], scores: Sequence[float], rule: Sequence[Decision], markdown: bool,
         chosen: list[int], rules: int | None) -> np.ndarray:
    """One feature row (:data:`NAMES`) per candidate in ``chosen``; ``decisions`` are the judge's, ``rule`` the
    rule pass's, ``rules`` the rules' headline."""
    n = len(decisions)
    first = next((i for i, d in enumerate(decisions) if d.label is Label.BODY), n)
    opening = Counter(_opening_words(decisions))
    texts = Counter(" ".join(d.block.text.lower().split()) for d in decisions)
    headings_1 = sum(1 for d in decisions if d.block.kind is Kind.HEADING and d.block.level == 1)
    stop = all_stopwords()
    out = np.zeros((len(chosen), len(NAMES)), dtype=np.float64)
    by_length = {i: r for r, i in enumerate(sorted(chosen, key=lambda k: -len(decisions[k].block.text)))}
    for row, i in enumerate(chosen):
        block = decisions[i].block
        text = block.text
        words = _WORD.findall(text.lower())
        spaced = text.split()
        k = max(len(words), 1)
        nxt = scores[i + 1: i + 4]
        long_words = [w for w in words if len(w) >= 4]
        out[row] = (
            i, i - first, i / max(n, 1), len(text), len(words),
            sum(w[:1].isupper() for w in spaced) / max(len(spaced), 1), float(text.isupper()),
            float(text.rstrip().endswith((".", "!", "?", "…"))), float(text.rstrip().endswith(":")),
            text.count("|") + text.count(" - ") + text.count(" – ") + text.count(" — "),
            sum(c.isdigit() for c in text) / len(text), sum(w in stop for w in words) / k,
            scores[i], scores[i + 1] if i + 1 < n else 0.0, float(np.mean(nxt)) if len(nxt) else 0.0,
            _LABELS.get(rule[i].label, 0), _KINDS.get(block.kind, 0), block.level, headings_1,
            sum(1 for w in long_words if opening[w]) / max(len(long_words), 1),
            texts[" ".join(text.lower().split())], float(markdown), by_length[i], float(i == rules),
            _LABELS.get(rule[i - 1].label, 0) if i else -1, _LABELS.get(rule[i + 1].label, 0) if i + 1 < n else -1,
            float(decisions[i].label is Label.BODY),
        )
    return out


def _opening_words(decisions: Sequence[Decision]) -> list[str]:
    words: list[str] = []
    for d in decisions:
        if d.label is Label.BODY:
            words += _WORD.findall(d.block.text.lower())
            if len(words) >= OPENING_WORDS:
                break
    return words


def headline(decisions: Sequence[Decision], scores: Sequence[float], rule: Sequence[Decision],
             markdown: bool, model: TitleModel | None = None) -> str | None:
    """The headline ``model`` (default: the fitted one) picks; None: no model, no candidate, or none it is sure
    enough of."""
    model = model or load()
    if model is None:
        return None
    found = rule_title(rule)
    rules = found[0] if found else None
    chosen = candidates(decisions, rules)
    if not chosen:
        return None
    p = model.booster.predict(rows(decisions, scores, rule, markdown, chosen, rules), num_threads=1)
    best = int(np.argmax(p))
    return decisions[chosen[best]].block.text if p[best] >= model.accept else None
