"""The block model's features of text and Markdown blocks: the block's own text, what the rule pass says of it (the
phrase lists' label, the text quality, its weight in the article run, the rule pass's final verdict), the runs of
long or short lines it sits in, its neighbours and its page (with the page-type classifier's text statistics: how
much of the page reads like a shop, a forum, docs… — the statistics, not the classifier's verdict, which was fitted
on the same pages). One row per block.

The names (:data:`NAMES`) are the model's contract: scripts/fit_text_model.py fits on exactly these columns, and
the model file records them, so a model cannot be used with features it was not fitted on. The rule pass runs
once per page here (it is what judged these pages before the model); its verdicts are features, not decisions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from ..blockmodel import weighted_window
from ..classify import Features, Quality, classify_with_features, quality_of
from ..model import Basis, Block, Decision, Kind, Label
from ..pagetype.extract import text_names
from ..revise import best_run, revise
from ..rules import capitalised
from ..weights import weight

KIND_CODE = {k: i for i, k in enumerate(Kind)}
LABEL_CODE = {label: i + 1 for i, label in enumerate(Label)}
QUALITY_CODE = {q: i for i, q in enumerate(Quality)}
#: neighbours read on each side
NEIGHBOURS = 2
#: a line of at least this many characters that ends a sentence is a long line (running text)
LONG_CHARS = 70
#: the run features clip at this many blocks
RUN_CLIP = 50
#: half-widths (blocks) of the windows the running-text density is read over
DENSITY_WINDOWS = (5, 15)
#: what a block costs the best region (readability's points: 1 + commas + chars / 100 up to 3, for lines of 25
#: characters or more, less their links)
REGION_COST = 1.5
#: labels whose whole-line phrase ("Related articles", "Comments") heads what follows the article
_ENDS = frozenset({LABEL_CODE[Label.RELATED], LABEL_CODE[Label.COMMENTS]})
#: a phrase line is at most this long
END_PHRASE_CHARS = 60


_WORD_RE = re.compile(r"\w+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_URLISH = re.compile(r"https?://|www\.|@\w+\.\w|\.(?:com|org|net|html?)\b")
_TRUNCATED = ("…", "...")


def _names() -> tuple[str, ...]:
    own = ["chars", "words", "link_density", "links", "images", "stopwords", "sentence_end", "colon_end",
           "question_end", "truncated", "punct_per_word", "digits", "capitalised", "word_length", "kind", "level",
           "all_caps", "copyright", "year", "pipes", "urlish", "gap_before", "repeats", "position", "index",
           "from_end"]
    rules = ["rule_label", "quality", "rule_weight", "pass_label", "pass_body", "in_run", "run_distance"]
    runs = ["long_run_blocks", "long_run_chars", "long_run_share", "long_run_rank", "long_run_offset",
            "short_run_blocks", "long_before", "long_after", "gap_group_blocks", "heading_before",
            "section_chars", "section_share"]
    neighbours = [f"{side}{n}_{f}" for side in ("prev", "next") for n in range(1, NEIGHBOURS + 1)
                  for f in ("chars", "stopwords", "link_density", "kind", "sentence_end", "rule_label",
                            "pass_body", "repeats")]
    page = ["page_chars", "page_blocks", "page_link_density", "page_long_blocks", "page_long_share",
            "page_pass_share", "page_headings", "page_repeat_share"]
    region = ["in_best", "best_share", "best_offset", "best_place", "best_before_share", "end_phrase_before",
              "end_phrase_after_best"] + [f"long_density{w}" for w in DENSITY_WINDOWS] \
        + [f"pass_density{w}" for w in DENSITY_WINDOWS]
    return (*own, *rules, *runs, *neighbours, *page, *region, *STATISTICS)


#: the page-type classifier's text statistics (cleaner/pagetype/extract.py), the same in every row of a page
STATISTICS = tuple(f"pt_{name}" for name in text_names())
NAMES = _names()
CATEGORICAL = tuple(n for n in NAMES if n in ("kind", "rule_label", "quality", "pass_label")
                    or re.fullmatch(r"(prev|next)\d_(kind|rule_label)", n))
#: the groups the second stage averages first-stage scores over: the blank-line paragraph, the heading section
#: (Markdown) or run of long / short lines (text), and the rule pass's before / inside / after the article
GROUP_LEVELS = 3
#: what each of those groups is, for --explain
GROUP_NAMES = ("paragraph", "section", "region")


def _text_features(b: Block, f: Features) -> tuple[float, ...]:
    text, cues = b.text, b.cues
    chars = len(text) or 1
    n = f.words or 1
    spaced = text.split()
    tail = text.rstrip()
    return (
        math.log1p(len(text)), math.log1p(f.words), b.link_density, math.log1p(cues.links or 0),
        math.log1p(cues.images), f.stop_density, float(f.sentence_end), float(tail.endswith(":")),
        float(tail.endswith("?")), float(tail.endswith(_TRUNCATED)),
        (text.count(",") + text.count(".") + text.count(";")) / n, sum(map(str.isdigit, text)) / chars,
        capitalised(spaced) / max(len(spaced), 1), (len(text) - len(spaced) + 1) / max(len(spaced), 1),
        float(KIND_CODE[b.kind]), float(b.level),
        float(text.isupper() and sum(map(str.isalpha, text)) > 3),
        float("©" in text or "copyright" in text.lower()), float(_YEAR.search(text) is not None),
        float(text.count("|") + text.count("·") + text.count("•")), float(_URLISH.search(text) is not None),
        float(cues.gap_before), math.log1p(cues.repeats - 1),
    )


def _run_ids(flags: np.ndarray) -> np.ndarray:
    """Ids of the maximal runs of equal ``flags`` (consecutive blocks alike share one)."""
    if not len(flags):
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(([0], np.cumsum(flags[1:] != flags[:-1])))


def _nearest(mask: np.ndarray, backwards: bool) -> np.ndarray:
    """Per block, the distance (blocks) to the nearest other block in ``mask`` before (after) it; RUN_CLIP if none."""
    n = len(mask)
    idx = np.arange(n)
    if backwards:
        last = np.maximum.accumulate(np.where(mask, idx, -1))
        prev = np.concatenate(([-1], last[:-1]))
        d = np.where(prev >= 0, idx - prev, RUN_CLIP)
    else:
        nxt = np.minimum.accumulate(np.where(mask, idx, n)[::-1])[::-1]
        nxt = np.concatenate((nxt[1:], [n]))
        d = np.where(nxt < n, nxt - idx, RUN_CLIP)
    return np.minimum(d, RUN_CLIP).astype(np.float64)


class Table:
    """A page's feature rows and what the second stage groups them by."""

    __slots__ = ("chars", "groups", "rows", "rule_decisions")

    def __init__(self, rows: np.ndarray, chars: np.ndarray, groups: list[np.ndarray],
                 rule_decisions: list[Decision]) -> None:
        self.rows = rows
        self.chars = chars
        self.groups = groups
        #: the rule pass's decisions (for what only it knows: the headline of a text page)
        self.rule_decisions = rule_decisions


def table(blocks: Sequence[Block], statistics: Sequence[float]) -> Table:
    """The feature rows of ``blocks`` (float32, one row per block, columns :data:`NAMES`), their characters and
    groups; ``statistics``: the page's :data:`STATISTICS` (``pagetype.extract.text_statistics`` of its text)."""
    if len(statistics) != len(STATISTICS):
        raise ValueError(f"expected {len(STATISTICS)} page statistics, got {len(statistics)}")
    n = len(blocks)
    if n == 0:
        return Table(np.zeros((0, len(NAMES)), dtype=np.float32), np.zeros(0),
                     [np.zeros(0, dtype=np.int64) for _ in range(GROUP_LEVELS)], [])
    first, feats = classify_with_features(list(blocks))
    final = revise(first, feats)
    own = np.array([_text_features(b, f) for b, f in zip(blocks, feats, strict=True)], dtype=np.float64)
    size = np.fromiter((len(b.text) for b in blocks), dtype=np.float64, count=n)
    total = float(size.sum()) or 1.0
    idx = np.arange(n, dtype=np.float64)
    position = np.column_stack([(np.cumsum(size) - size) / total, idx / n, (n - 1 - idx) / n])
    rules, (start, end) = _rule_columns(first, final, feats, idx)
    rule_label, pass_body = rules[:, 0], rules[:, 4]
    # long lines: running text (long enough, ending a sentence, few links)
    long_ = (size >= LONG_CHARS) & (own[:, 6] > 0) & (own[:, 2] <= 0.5)
    heading = own[:, 14] == KIND_CODE[Kind.HEADING]
    gap_group = np.cumsum((own[:, 21] > 0) | (idx == 0)) - 1
    section = np.cumsum(heading | (idx == 0)) - 1
    run = _run_ids(long_)
    ends = np.fromiter((d.basis is Basis.PHRASE and LABEL_CODE[d.label] in _ENDS and len(d.block.text)
                        <= END_PHRASE_CHARS for d in first), dtype=bool, count=n)
    commas = np.fromiter((b.text.count(",") for b in blocks), dtype=np.float64, count=n)
    cols = [own, position, rules, _run_columns(size, long_, run, heading, gap_group, section, total),
            *_neighbour_columns(own, rule_label, pass_body),
            _page_columns(own, size, long_, pass_body, heading, total),
            _region_columns(size, commas, own[:, 2], long_, pass_body, ends, total),
            np.broadcast_to(np.asarray(statistics, dtype=np.float64), (n, len(STATISTICS)))]
    rows = np.hstack(cols).astype(np.float32)
    region = np.where(idx < start, 0, np.where(idx < end, 1, 2))
    second = section if heading.any() else run
    return Table(rows, size, [gap_group, second, region], final)


def _rule_columns(first: list[Decision], final: list[Decision], feats: list[Features], idx: np.ndarray
                  ) -> tuple[np.ndarray, tuple[int, int]]:
    """What the rule pass says of each block (its first label, the text quality, the block's weight in the run, the
    final label, body or not, inside the run of its body blocks, the distance to that run), and that run."""
    n = len(first)
    quals = [quality_of(f) for f in feats]
    rule_label = np.fromiter((LABEL_CODE[d.label] for d in first), dtype=np.float64, count=n)
    quality = np.fromiter((QUALITY_CODE[q] for q in quals), dtype=np.float64, count=n)
    w = np.fromiter((weight(d, f, q) for d, f, q in zip(first, feats, quals, strict=True)), dtype=np.float64,
                    count=n)
    pass_label = np.fromiter((LABEL_CODE[d.label] for d in final), dtype=np.float64, count=n)
    pass_body = (pass_label == LABEL_CODE[Label.BODY]).astype(np.float64)
    body_at = np.flatnonzero(pass_body)
    start, end = (int(body_at[0]), int(body_at[-1]) + 1) if len(body_at) else (n, n)
    in_run = ((idx >= start) & (idx < end)).astype(np.float64)
    distance = np.where(idx < start, start - idx, np.where(idx >= end, idx - end + 1, 0.0))
    columns = np.column_stack([rule_label, quality, np.sign(w) * np.log1p(np.abs(w)), pass_label, pass_body, in_run,
                               np.log1p(distance)])
    return columns, (start, end)


def _run_columns(size: np.ndarray, long_: np.ndarray, run: np.ndarray, heading: np.ndarray, gap_group: np.ndarray,
                 section: np.ndarray, total: float) -> np.ndarray:
    """The runs of long (short) lines each block sits in, the nearest long lines and heading, its blank-line
    paragraph and heading section."""
    n = len(size)
    run_blocks = np.bincount(run)[run].astype(np.float64)
    run_chars = np.bincount(run, weights=size * long_)
    run_first = np.full(run.max() + 1, n, dtype=np.int64)
    np.minimum.at(run_first, run, np.arange(n))
    long_runs = run_chars[run]
    order = np.argsort(np.argsort(-run_chars, kind="stable"), kind="stable")
    idx = np.arange(n, dtype=np.float64)
    section_chars = np.bincount(section, weights=size)[section]
    return np.column_stack([
        np.where(long_, np.log1p(np.minimum(run_blocks, RUN_CLIP)), 0.0), np.log1p(long_runs),
        long_runs / total, np.where(long_, np.minimum(order[run], RUN_CLIP), RUN_CLIP),
        np.log1p(idx - run_first[run]) * long_,
        np.where(long_, 0.0, np.log1p(np.minimum(run_blocks, RUN_CLIP))),
        _nearest(long_, True), _nearest(long_, False), np.log1p(np.bincount(gap_group)[gap_group]),
        _nearest(heading, True), np.log1p(section_chars), section_chars / total,
    ])


def _neighbour_columns(own: np.ndarray, rule_label: np.ndarray, pass_body: np.ndarray) -> list[np.ndarray]:
    """A few columns of the NEIGHBOURS blocks on each side (missing ones: zeros, kind -1)."""
    n = len(own)
    near = np.column_stack((own[:, 0], own[:, 5], own[:, 2], own[:, 14], own[:, 6], rule_label, pass_body,
                            own[:, 22]))
    missing = np.array([0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0])
    cols = []
    for side in (-1, 1):
        for step in range(1, NEIGHBOURS + 1):
            j = np.arange(n) + side * step
            valid = (j >= 0) & (j < n)
            cols.append(np.where(valid[:, None], near[np.clip(j, 0, n - 1)], missing))
    return cols


def _page_columns(own: np.ndarray, size: np.ndarray, long_: np.ndarray, pass_body: np.ndarray, heading: np.ndarray,
                  total: float) -> np.ndarray:
    """The page's columns, the same in every row: size, links, long lines, the rule pass's body share, headings,
    repeated lines."""
    n = len(own)
    links = float((size * own[:, 2]).sum()) / total
    page = [math.log1p(total), math.log1p(n), links, math.log1p(float(long_.sum())), float(long_.mean()),
            float(pass_body.mean()), math.log1p(float(heading.sum())), float((own[:, 22] > 0).mean())]
    return np.broadcast_to(np.array(page), (n, len(page)))


def _region_columns(size: np.ndarray, commas: np.ndarray, link_density: np.ndarray, long_: np.ndarray,
                    pass_body: np.ndarray, ends: np.ndarray, total: float) -> np.ndarray:
    """Readability's best region over the page's lines: each line of 25 characters or more earns 1 + its commas +
    its length / 100 (up to 3), less its links; every line costs REGION_COST; the maximum-sum run of lines is the
    article's likely place. Per block: inside it or not, its share of the page, the distance to it (signed, blocks),
    the place inside it, the page's share before it; whether a related / comments phrase line came before the
    block (and after the region); the share of running text (and of the rule pass's body) in windows around it."""
    n = len(size)
    points = np.where(size >= 25, (1.0 + commas + np.minimum(size / 100.0, 3.0)) * (1.0 - link_density), 0.0)
    start, end = best_run((points - REGION_COST).tolist())
    idx = np.arange(n, dtype=np.float64)
    inside = (idx >= start) & (idx < end)
    best_chars = float(size[start:end].sum())
    offset = np.log1p(np.maximum(idx - end + 1, 0.0)) - np.log1p(np.maximum(start - idx, 0.0))
    place = np.where(inside, (idx - start) / max(end - start, 1), -1.0)
    seen = np.concatenate(([0.0], np.cumsum(ends)[:-1]))
    after_best = np.cumsum(ends & (idx >= end))
    after_best = np.concatenate(([0.0], after_best[:-1])) * (idx >= end)
    weights = np.sqrt(size + 1.0)
    cols = [inside.astype(np.float64), np.full(n, best_chars / total), offset, place,
            np.full(n, float(size[:start].sum()) / total), np.minimum(seen, 3.0), np.minimum(after_best, 3.0)]
    cols += [weighted_window(long_.astype(np.float64), weights, w) for w in DENSITY_WINDOWS]
    cols += [weighted_window(pass_body, weights, w) for w in DENSITY_WINDOWS]
    return np.column_stack(cols)
