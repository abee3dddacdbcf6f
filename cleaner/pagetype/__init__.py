"""What kind of page this is: article, forum, product, collection, listing, documentation, service — or other.

    from cleaner.pagetype import detect
    page_type, source = detect("html", html_text, url, tree)      # e.g. ("product", "model")
    page = with_page_type(page, fmt, text, url, options.page_type)  # the pipeline's stage (cleaner/api.py)

Two gradient-boosted multiclass models (LightGBM) per input format, one for pages read with their URL and one
for pages read without (its URL features are all at their "no URL" value), fitted by scripts/fit_page_type.py on
the fit part of wcxb-dev and, as articles, of the older article sets (benchmarks/split.py), and stored as data in
``rules/model/page_type.json.gz``; they are loaded once, on first use. Features: cleaner/pagetype/extract.py.
``source`` says what decided: ``"model"``, ``"forced"`` (the caller's :class:`PageType`), ``"empty"`` (no text:
``other``) or ``"low-confidence"`` (the model's best probability is under the threshold fitted with it: ``other``).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from ..frontend import Page
from ..options import PageType
from ..rules import HERE as RULES
from .extract import features, names

MODEL_PATH = RULES / "model" / "page_type.json.gz"


#: the model's classes, in the order of its outputs
CLASSES: tuple[str, ...] = ("article", "forum", "product", "collection", "listing", "documentation", "service")
FORMATS = ("html", "text", "markdown")


@dataclass(frozen=True)
class _Model:
    booster: Any
    names: tuple[str, ...]
    threshold: float
    #: the model for a page without a URL, and its threshold
    no_url: Any
    threshold_no_url: float

    def pick(self, url: str | None) -> tuple[Any, float]:
        """The booster and threshold for a page with this URL (none: the same test as the URL features')."""
        return (self.booster, self.threshold) if url else (self.no_url, self.threshold_no_url)


@cache
def _models() -> dict[str, _Model]:
    import lightgbm  # imported on first use: most callers of the package never ask for a page type

    data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()).decode("utf-8"))
    out: dict[str, _Model] = {}
    for fmt in FORMATS:
        entry = data["models"][fmt]
        if tuple(entry["names"]) != tuple(names(fmt)):
            raise RuntimeError(f"page-type model for {fmt} does not match the features: refit it "
                               "(scripts/fit_page_type.py)")
        out[fmt] = _Model(lightgbm.Booster(model_str=entry["model"]), tuple(entry["names"]),
                          float(entry["threshold"]), lightgbm.Booster(model_str=entry["model_no_url"]),
                          float(entry["threshold_no_url"]))
    return out


def _format(fmt: str) -> str:
    fmt = getattr(fmt, "value", fmt)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return fmt


def probabilities(fmt: str, text: str, url: str | None, tree: LexborHTMLParser | None = None) -> dict[str, float]:
    """The model's probability of each of the seven types (all 0 for a page without text)."""
    fmt = _format(fmt)
    row, words = features(fmt, text, url, tree)
    if words == 0:
        return dict.fromkeys(CLASSES, 0.0)
    booster, _ = _models()[fmt].pick(url)
    import numpy as np

    p = booster.predict(np.asarray([row], dtype=np.float64), num_threads=1)[0]
    return {c: float(x) for c, x in zip(CLASSES, p, strict=True)}


def judged(
    fmt: str,
    text: str,
    url: str | None,
    tree: LexborHTMLParser | None = None,
    *,
    force: PageType | str | None = None,
) -> tuple[str, str, float]:
    """(page type, source, the model's probability of that type) of a page; see :func:`detect`. A forced type
    has probability 1."""
    if force is not None:
        return PageType(getattr(force, "value", force)).value, "forced", 1.0
    fmt = _format(fmt)
    p = probabilities(fmt, text, url, tree)
    best = max(CLASSES, key=lambda c: p[c])
    if p[best] == 0.0 or math.isnan(p[best]):
        return PageType.OTHER.value, "empty", 0.0
    if p[best] < _models()[fmt].pick(url)[1]:
        return PageType.OTHER.value, "low-confidence", p[best]
    return best, "model", p[best]


def detect(
    fmt: str,
    text: str,
    url: str | None,
    tree: LexborHTMLParser | None = None,
    *,
    force: PageType | str | None = None,
) -> tuple[str, str]:
    """(page type, source) of a page. ``fmt`` is 'html', 'text' or 'markdown' (a ``Format`` works too); for HTML,
    ``text`` is the decoded markup and ``tree`` its parse (parsed here when None; never modified). ``force``
    (``Options.page_type``) is returned as it is, with source "forced"."""
    kind, source, _ = judged(fmt, text, url, tree, force=force)
    return kind, source


def with_page_type(page: Page, fmt: str, text: str, url: str | None, force: PageType | str | None = None) -> Page:
    """``page`` with its type in its metadata: ``page_type``, and ``sources["page_type"]`` saying what decided
    (see :func:`detect`). HTML is read from ``page.tree``, the front-end's parse (a page it could not parse has no
    text: ``other``, "empty"); text and Markdown from ``text``, the decoded input."""
    if force is None and _format(fmt) == "html" and page.tree is None:
        kind, source, sure = PageType.OTHER.value, "empty", 0.0
    else:
        kind, source, sure = judged(fmt, text, url, page.tree, force=force)
    metadata = replace(page.metadata, page_type=kind, sources={**page.metadata.sources, "page_type": source})
    return replace(page, metadata=metadata, page_type_p=sure)


__all__ = ["CLASSES", "PageType", "detect", "judged", "probabilities", "with_page_type"]
