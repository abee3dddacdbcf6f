"""The headline of an HTML page by a fitted ranking model (``rules/model/html_title.json.gz``, written by
scripts/fit_html_title_model.py on the fit part of the HTML dev sets).

The markup states a page's title in many places: JSON-LD's headline, og: and twitter: titles, <title> (often with
the site's name), the <h1>s and the first <h2>/<h3>s. Each distinct text among them (and each part of <title> and
og:title split at their separators) is a candidate; the model reads which sources state it, where it sits among
them, its shape, whether the rules' pick (cleaner/html/titles.py) is it, and where its block sits against the
article the judge kept. It ranks a page's candidates (LightGBM lambdarank); the softmax of its scores over the page
is each candidate's chance, and the best one replaces the rules' pick when its chance reaches the fitted bar.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from selectolax.lexbor import LexborHTMLParser

from ..model import Decision, Label
from ..options import PageType
from ..ranking import Ranker, opening_words
from ..ranking import chances as chances
from ..ranking import load as load_ranker
from ..rules import HERE as RULES
from ..rules import capitalised
from .jsonld import read_jsonld
from .markup import read_markup
from .titles import SEPARATORS, norm

MODEL_PATH = RULES / "model" / "html_title.json.gz"
#: where a candidate comes from, in the order of the source columns
SOURCES = ("json-ld", "og", "twitter", "title", "title-part", "og-part", "h1", "h2", "h3", "rules")
#: headings read per level (a listing has many; the headline is among the first)
HEADINGS = 5
MIN_CHARS, MAX_CHARS = 4, 300
#: a block is looked up as a candidate's when it is at most this many times as long as the longest candidate
BLOCK_SPAN = 3
#: a candidate whose text is no block's sits this far from the article
NO_BLOCK = 999
NAMES = (*(f"from_{s}" for s in SOURCES), "sources", "part_index", "parts", "heading_order", "h1s", "chars",
         "words", "capitalised", "digits", "sentence_end", "separators", "rules_pick", "in_title", "in_og",
         "holds_title_head", "in_opening", "from_body", "block_label", "block_kept", "is_site", "candidates",
         "page_type")
_WORD = re.compile(r"\w+")
_LABELS = {label: i + 1 for i, label in enumerate(Label)}
_TYPES = {kind.value: i for i, kind in enumerate(PageType)}


@dataclass
class Candidate:
    text: str
    sources: set[str] = field(default_factory=set)
    #: its place among <title>'s or og:title's parts (-1: none), and the number of parts
    part_index: int = -1
    parts: int = 0
    #: its place among the headings of its level (-1: no heading)
    heading_order: int = -1


def candidates(tree: LexborHTMLParser) -> list[Candidate]:
    """The distinct titles the markup states, in the order first met."""
    found: dict[str, Candidate] = {}

    def add(text: str | None, source: str, **where: int) -> None:
        text = " ".join((text or "").split())
        key = norm(text)
        if not key or not MIN_CHARS <= len(text) <= MAX_CHARS:
            return
        cand = found.setdefault(key, Candidate(text))
        cand.sources.add(source)
        for name, value in where.items():
            if getattr(cand, name) < 0 or name == "parts":
                setattr(cand, name, value)

    add(read_jsonld(read_markup(tree).jsonld).headline, "json-ld")
    for source, selector in (("og", "meta[property='og:title']"), ("twitter", "meta[name='twitter:title']")):
        node = tree.css_first(selector)
        if node is not None:
            _with_parts(add, node.attributes.get("content"), source, "og-part" if source == "og" else None)
    title = tree.css_first("title")
    if title is not None:
        _with_parts(add, title.text(), "title", "title-part")
    for level in ("h1", "h2", "h3"):
        for order, node in enumerate(tree.css(level)[:HEADINGS]):
            add(node.text(separator=" "), level, heading_order=order)
    return list(found.values())


def with_rules(cands: list[Candidate], rules_pick: str | None) -> list[Candidate]:
    """``cands`` with the rules' pick (cleaner/html/titles.py: a <title> with its site name cut, a headline block),
    as a candidate of its own when no source states it as it is."""
    if rules_pick and norm(rules_pick) and all(norm(c.text) != norm(rules_pick) for c in cands):
        return [*cands, Candidate(" ".join(rules_pick.split()), {"rules"})]
    return cands


def _with_parts(add: Any, text: str | None, source: str, part_source: str | None) -> None:
    add(text, source)
    if part_source is None or not text:
        return
    parts = [p for p in SEPARATORS.split(text) if p and p.strip()]
    if len(parts) > 1:
        for i, part in enumerate(parts):
            add(part, part_source, part_index=i, parts=len(parts))


def rows(cands: Sequence[Candidate], decisions: Sequence[Decision], rules_pick: str | None, site: str | None,
         page_type: str | None) -> np.ndarray:
    """One feature row (:data:`NAMES`) per candidate; ``rules_pick``, ``site`` and ``page_type``: the metadata's."""
    by_text: dict[str, int] = {}
    longest = BLOCK_SPAN * max((len(c.text) for c in cands), default=0)
    for i, d in enumerate(decisions):
        if len(d.block.text) <= longest:  # a longer block is no candidate's text, punctuation and all
            by_text.setdefault(norm(d.block.text), i)
    first = next((i for i, d in enumerate(decisions) if d.label is Label.BODY), len(decisions))
    opening = Counter(opening_words(decisions))
    title_text = next((c.text for c in cands if "title" in c.sources), "")
    title, og = norm(title_text), next((norm(c.text) for c in cands if "og" in c.sources), "")
    head = norm(SEPARATORS.split(title_text)[0]) if title_text else ""
    rules, site_n = norm(rules_pick or ""), norm(site or "")
    h1s = sum("h1" in c.sources for c in cands)
    out = np.zeros((len(cands), len(NAMES)), dtype=np.float64)
    for row, c in enumerate(cands):
        key, text = norm(c.text), c.text
        words, spaced = _WORD.findall(text.lower()), text.split()
        long_words = [w for w in words if len(w) >= 4]
        block = by_text.get(key)
        out[row] = (
            *(float(s in c.sources) for s in SOURCES), len(c.sources), c.part_index, c.parts, c.heading_order, h1s,
            len(text), len(words), capitalised(spaced) / max(len(spaced), 1),
            sum(map(str.isdigit, text)) / len(text), float(text.rstrip().endswith((".", "!", "?"))),
            len(SEPARATORS.findall(text)), float(key == rules), float(key in title), float(key in og),
            float(bool(head) and head in key), sum(1 for w in long_words if opening[w]) / max(len(long_words), 1),
            (block - first) if block is not None else NO_BLOCK,
            _LABELS.get(decisions[block].label, 0) if block is not None else -1,
            float(block is not None and decisions[block].label is Label.BODY), float(bool(site_n) and key == site_n),
            len(cands), _TYPES.get(page_type or "", -1),
        )
    return out


#: the fitted model: the best candidate replaces the rules' pick from its bar up
HeadlineModel = Ranker


@cache
def load() -> Ranker | None:
    """The fitted model, or None when the package holds none."""
    return load_ranker(MODEL_PATH, NAMES, "scripts/fit_html_title_model.py")


def headline(tree: LexborHTMLParser, decisions: Sequence[Decision], rules_pick: str | None, site: str | None,
             page_type: str | None, model: Ranker | None = None) -> str | None:
    """The headline ``model`` (default: the fitted one) picks; None: no model, no candidate, or none it is sure
    enough of (the rules' pick stands)."""
    model = model or load()
    if model is None:
        return None
    cands = with_rules(candidates(tree), rules_pick)
    if not cands:
        return None
    best = model.best(rows(cands, decisions, rules_pick, site, page_type))
    return cands[best].text if best is not None else None
