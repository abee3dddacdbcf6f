"""The headline of a text or Markdown scrape, by a fitted model (``rules/model/text_title.json.gz``, written by
scripts/fit_title_model.py on the fit part of the dev sets' -text and -md renderings).

A plain-text scrape has no <h1>: its headline is one line among the menu, the byline and the lead. Each short line
near the article's start is a candidate; the model reads where it sits (against the article the judge kept), its
shape (length, capitals, end punctuation, separators), the block model's scores around it, the rule pass's labels
of it and of the lines under it (a byline, a date), how many of its words the article's opening repeats, and
whether other lines hold it (a breadcrumb, a "Headline | Site" line). The model ranks a page's candidates
(LightGBM's lambdarank: it learns which line of a page is the headline, not how headline-like each line is alone);
the softmax of its scores over the page is each candidate's chance, and the best candidate is the headline when its
chance reaches the fitted bar; else the rule pass's title stands.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np

from ..model import Decision, Kind, Label
from ..ranking import Ranker, opening_words
from ..ranking import chances as chances
from ..ranking import load as load_ranker
from ..rules import HERE as RULES
from ..rules import all_stopwords, capitalised
from .metadata import rule_title

MODEL_PATH = RULES / "model" / "text_title.json.gz"
#: candidates: blocks from BEFORE_BODY blocks before the article's first block to AFTER_BODY blocks past it, of
#: MIN_CHARS to MAX_CHARS characters, and the rules' headline
BEFORE_BODY = 40
AFTER_BODY = 5
MIN_CHARS, MAX_CHARS = 8, 250
NAMES = ("index", "from_body", "share_of_page", "chars", "words", "capitalised", "all_caps", "sentence_end",
         "colon_end", "separators", "digits", "stopwords", "score", "score_next", "score_next3", "rule_label",
         "kind", "level", "headings_1", "in_opening", "repeats", "markdown", "rank_in_candidates", "rules_headline",
         "rule_label_prev", "rule_label_next", "kept",
         # what follows and surrounds it: a headline sits over a byline or date and the lead, and a breadcrumb or a
         # "Headline | Site" line repeats it
         "rule_label_next2", "rule_label_next3", "byline_after", "long_after", "next_chars", "prev_chars",
         "inside_other_lines", "title_case", "rank_score_next3", "last_before_body", "candidates_to_body")
_WORD = re.compile(r"\w+")
#: labels of the rule pass that mark a byline or a date line under a headline
_UNDER_HEADLINE = frozenset({Label.BYLINE, Label.DATELINE, Label.METADATA})
#: how far below a candidate a byline, or a long block (LONG_CHARS+), is looked for
BYLINE_LINES, LONG_LINES, LONG_CHARS = 4, 7, 200
#: a candidate this long or longer is looked for inside the page's other lines
CONTAINED_CHARS = 15
_LABELS = {label: i + 1 for i, label in enumerate(Label)}
_KINDS = {kind: i for i, kind in enumerate(Kind)}


#: the fitted model: the best candidate is the headline from its bar up
TitleModel = Ranker


@cache
def load() -> Ranker | None:
    """The fitted model, or None when the package holds none."""
    return load_ranker(MODEL_PATH, NAMES, "scripts/fit_title_model.py")


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
    opening = Counter(opening_words(decisions))
    lines = [" ".join(d.block.text.lower().split()) for d in decisions]
    texts = Counter(lines)
    headings_1 = sum(1 for d in decisions if d.block.kind is Kind.HEADING and d.block.level == 1)
    stop = all_stopwords()
    out = np.zeros((len(chosen), len(NAMES)), dtype=np.float64)
    around = _around(decisions, scores, rule, chosen, lines)
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
            capitalised(spaced) / max(len(spaced), 1), float(text.isupper()),
            float(text.rstrip().endswith((".", "!", "?", "…"))), float(text.rstrip().endswith(":")),
            text.count("|") + text.count(" - ") + text.count(" – ") + text.count(" — "),
            sum(map(str.isdigit, text)) / len(text), sum(map(stop.__contains__, words)) / k,
            scores[i], scores[i + 1] if i + 1 < n else 0.0, float(np.mean(nxt)) if len(nxt) else 0.0,
            _LABELS.get(rule[i].label, 0), _KINDS.get(block.kind, 0), block.level, headings_1,
            sum(1 for w in long_words if opening[w]) / max(len(long_words), 1),
            texts[lines[i]], float(markdown), by_length[i], float(i == rules),
            _LABELS.get(rule[i - 1].label, 0) if i else -1, _LABELS.get(rule[i + 1].label, 0) if i + 1 < n else -1,
            float(decisions[i].label is Label.BODY), *around[row],
        )
    return out


def _around(decisions: Sequence[Decision], scores: Sequence[float], rule: Sequence[Decision],
            chosen: list[int], lines: list[str]) -> list[tuple[float, ...]]:
    """Per candidate, the columns from ``rule_label_next2`` on (:data:`NAMES`): what follows and surrounds it;
    ``lines``: every block's text, lowercased, its spacing collapsed."""
    n = len(decisions)
    first = next((i for i, d in enumerate(decisions) if d.label is Label.BODY), n)
    longer = [line for line in lines if len(line) > CONTAINED_CHARS]  # only these can hold a candidate and more
    after = {i: float(np.mean(scores[i + 1: i + 4])) if i + 1 < n else 0.0 for i in chosen}
    by_after = {i: r for r, i in enumerate(sorted(chosen, key=lambda k: -after[k]))}
    before = [i for i in chosen if i < first]
    out: list[tuple[float, ...]] = []
    for i in chosen:
        line, words = lines[i], [w for w in decisions[i].block.text.split() if len(w) >= 4 and w[:1].isalpha()]
        below = range(i + 1, min(n, i + 1 + LONG_LINES))
        out.append((
            _label(rule, i + 2), _label(rule, i + 3),
            float(any(rule[j].label in _UNDER_HEADLINE for j in range(i + 1, min(n, i + 1 + BYLINE_LINES)))),
            next((j - i for j in below if len(decisions[j].block.text) >= LONG_CHARS), LONG_LINES + 2),
            np.log1p(len(decisions[i + 1].block.text)) if i + 1 < n else 0.0,
            np.log1p(len(decisions[i - 1].block.text)) if i else 0.0,
            sum(1 for other in longer if line in other and other != line) if len(line) >= CONTAINED_CHARS else 0,
            capitalised(words) / max(len(words), 1), by_after[i],
            float(bool(before) and i == before[-1]), len(before) - before.index(i) if i < first else -1,
        ))
    return out


def _label(rule: Sequence[Decision], i: int) -> float:
    """The rule pass's label of block ``i`` as a code (-1: no such block)."""
    return _LABELS.get(rule[i].label, 0) if 0 <= i < len(rule) else -1


def headline(decisions: Sequence[Decision], scores: Sequence[float], rule: Sequence[Decision],
             markdown: bool, model: Ranker | None = None) -> str | None:
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
    best = model.best(rows(decisions, scores, rule, markdown, chosen, rules))
    return decisions[chosen[best]].block.text if best is not None else None
