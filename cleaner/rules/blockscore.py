"""A fitted block score: logistic regression over a block's own cues and its neighbours', read from
rules/block_weights.json (written by scripts/fit_block_weights.py). No fitting library at run time."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Kind, Label
from . import HERE, load_json

if TYPE_CHECKING:
    from ..classify import Features, Quality
    from ..model import Decision

#: the names of the vector's entries, in order (the weights file must list the same)
NAMES = (
    "log_length", "stop_density", "link_density", "sentence_end", "heading", "list_item", "quote", "code_or_table",
    "headline_like", "repeated", "good", "near_good", "short", "tiny", "prev_text", "next_text", "gap_before",
    "position", "digits", "boilerplate",
)


_NO_DIGITS = str.maketrans("", "", "0123456789")


def vector(decisions: list[Decision], feats: list[Features], quals: list[Quality], i: int,
           headline_like: bool) -> list[float]:
    from ..classify import Quality

    d, f, q = decisions[i], feats[i], quals[i]
    kind = d.block.kind
    text = d.block.text
    n = len(decisions)

    def texty(j: int) -> float:
        return 1.0 if 0 <= j < n and quals[j] in (Quality.GOOD, Quality.NEAR_GOOD) else 0.0

    return [
        math.log1p(f.length) / 8, f.stop_density, f.link_density, float(f.sentence_end),
        float(kind is Kind.HEADING), float(kind is Kind.LIST_ITEM), float(kind is Kind.QUOTE),
        float(kind in (Kind.CODE, Kind.TABLE)), float(headline_like), float(d.block.cues.repeats > 1),
        float(q is Quality.GOOD), float(q is Quality.NEAR_GOOD), float(q is Quality.SHORT), float(f.words <= 3),
        texty(i - 1), texty(i + 1), float(d.block.cues.gap_before), i / max(1, n - 1),
        (len(text) - len(text.translate(_NO_DIGITS))) / max(1, len(text)), float(d.label is Label.BOILERPLATE),
    ]


@lru_cache(maxsize=1)
def weights() -> tuple[tuple[float, ...], float] | None:
    """(coefficients, intercept), or None when no fitted file ships."""
    if not (HERE / "block_weights.json").is_file():
        return None
    data = load_json("block_weights.json")
    if tuple(data["features"]) != NAMES:
        return None
    return tuple(data["coef"]), float(data["intercept"])


def fast_probability(decisions: list[Decision], feats: list[Features], quals: list[Quality], i: int,
                     headline_like: bool, fitted: tuple[tuple[float, ...], float]) -> float:
    """:func:`probability` of :func:`vector`, unrolled: revise calls it for every block, so no list is built and
    the part that depends on the block alone is cached (menus and widgets repeat across a site's pages)."""
    from ..classify import Quality

    coef, _ = fitted
    d = decisions[i]
    n = len(decisions)
    z = _static_z(d.block.text, d.block.link_density, d.block.kind, headline_like, d.label is Label.BOILERPLATE,
                  feats[i].stop_density, quals[i])
    z += coef[17] * i / max(1, n - 1)
    cues = d.block.cues
    if cues.repeats > 1:
        z += coef[9]
    if cues.gap_before:
        z += coef[16]
    texty = (Quality.GOOD, Quality.NEAR_GOOD)
    if i > 0 and quals[i - 1] in texty:
        z += coef[14]
    if i + 1 < n and quals[i + 1] in texty:
        z += coef[15]
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=8192)
def _static_z(text: str, link_density: float, kind: Kind, headline_like: bool, boilerplate: bool,
              stop_density: float, q: Quality) -> float:
    """The block-only part of the score; stop density and quality come from revise (its language-blind reading
    may raise them)."""
    from ..classify import Quality, features
    from ..model import Block

    fitted = weights()
    assert fitted is not None
    (c_len, c_stop, c_link, c_end, c_head, c_item, c_quote, c_code, c_hl, _, c_good, c_near, c_short, c_tiny,
     _, _, _, _, c_dig, c_bp), z = fitted
    block = Block(text=text, kind=kind, link_density=link_density)
    f = features(block)
    z += c_len * math.log1p(f.length) / 8 + c_stop * stop_density + c_link * f.link_density
    if f.sentence_end:
        z += c_end
    if kind is not Kind.PARAGRAPH:
        z += (c_head if kind is Kind.HEADING else c_item if kind is Kind.LIST_ITEM else c_quote
              if kind is Kind.QUOTE else c_code if kind in (Kind.CODE, Kind.TABLE) else 0.0)
    if headline_like:
        z += c_hl
    z += c_good if q is Quality.GOOD else c_near if q is Quality.NEAR_GOOD else c_short if q is Quality.SHORT else 0.0
    if f.words <= 3:
        z += c_tiny
    z += c_dig * (len(text) - len(text.translate(_NO_DIGITS))) / max(1, len(text))
    if boilerplate:
        z += c_bp
    return z


def probability(x: list[float], fitted: tuple[tuple[float, ...], float]) -> float:
    coef, intercept = fitted
    z = intercept + sum(map(float.__mul__, coef, x))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
