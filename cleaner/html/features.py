"""The block model's features of HTML blocks: the block's own text, its containers (their size, share of the page,
link density), the class/id words and tags of its ancestors, its neighbours and its page. One row per block.

The names (:data:`NAMES`) are the model's contract: scripts/fit_block_model.py fits on exactly these columns, and
the model file records them, so a model cannot be used with features it was not fitted on.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from ..model import Block, Kind, Label
from ..rules import all_stopwords
from .walk import Container, Segmented

#: class/id words (a token starting with one of them; words under 4 letters must match whole) of the ancestors
WORDS = (
    "article", "content", "post", "entry", "story", "body", "text", "main", "blog", "news", "detail", "single",
    "prose", "rich", "nav", "menu", "header", "footer", "sidebar", "side", "widget", "comment", "reply", "related",
    "recommend", "more", "share", "social", "follow", "ad", "ads", "advert", "promo", "sponsor", "banner",
    "newsletter", "subscri", "signup", "cookie", "consent", "breadcrumb", "meta", "byline", "author", "date",
    "time", "tag", "categor", "caption", "credit", "figure", "gallery", "image", "photo", "media", "video", "card",
    "teaser", "list", "grid", "item", "thumb", "title", "headline", "summary", "excerpt", "hidden", "modal",
    "popup", "footnote", "toc", "pagination", "price", "product", "forum", "thread", "message", "user", "avatar",
    "code", "doc", "faq", "review", "top", "bottom", "wrap", "container", "col", "row", "section", "feed", "lead",
    "intro", "quote", "bio", "copyright", "legal", "login", "search", "form", "button", "btn", "icon", "link",
    "skip", "sr", "visually", "print", "mobile", "desktop", "slider", "carousel", "embed", "tweet", "newsfeed",
)
#: tags of the ancestors, read the same way
TAGS = (
    "article", "main", "section", "aside", "nav", "header", "footer", "form", "figure", "figcaption", "li", "ul",
    "ol", "table", "td", "blockquote", "dl", "details", "summary", "address", "menu", "button", "pre", "fieldset",
    "center", "div", "p", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend", "hgroup",
)
#: categorical codes (0: other)
TAG_CODE = {t: i + 1 for i, t in enumerate(TAGS)}
KIND_CODE = {k: i for i, k in enumerate(Kind)}
LABEL_CODE = {label: i + 1 for i, label in enumerate(Label)}
#: container levels read: the block's own element, its parent container, and two more
LEVELS = 4
#: neighbours read on each side
NEIGHBOURS = 2

_TOKEN = re.compile(r"[a-z0-9]+")
_WORD_RE = re.compile(r"\w+")
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", ")")


def _names() -> tuple[str, ...]:
    own = ["chars", "words", "link_density", "links", "stopwords", "sentence_end", "colon_end", "punct_per_word",
           "digits", "capitalised", "word_length", "kind", "level", "tag", "hint", "position", "index", "pipes",
           "all_caps", "copyright", "year"]
    containers = [f"c{k}_{f}" for k in range(LEVELS) for f in ("chars", "share", "link_density", "blocks",
                                                                 "mean_chars", "tag", "long_blocks")]
    neighbours = [f"{side}{n}_{f}" for side in ("prev", "next") for n in range(1, NEIGHBOURS + 1)
                  for f in ("chars", "link_density", "kind", "same_container", "stopwords")]
    page = ["page_chars", "page_blocks", "page_link_density", "page_long_blocks", "depth"]
    ancestry = [f"word_{w}" for w in WORDS] + [f"tag_{t}" for t in TAGS]
    return tuple(own + containers + neighbours + page + ancestry)


NAMES = _names()
CATEGORICAL = tuple(n for n in NAMES if n in ("kind", "tag", "hint") or re.fullmatch(r"c\d_tag|(prev|next)\d_kind", n))
_ANCESTRY = NAMES.index(f"word_{WORDS[0]}")
_TAG_OFFSET = _ANCESTRY + len(WORDS)
#: a block of at least this many characters counts as a long block (running text)
LONG_CHARS = 150


_SHORT_WORDS = {w: i for i, w in enumerate(WORDS) if len(w) < 4}
_PREFIX_WORDS = tuple((w, i) for i, w in enumerate(WORDS) if len(w) >= 4)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@lru_cache(maxsize=65536)
def _token_words(token: str) -> tuple[int, ...]:
    found = [i for w, i in _PREFIX_WORDS if token.startswith(w)]
    if token in _SHORT_WORDS:
        found.append(_SHORT_WORDS[token])
    return tuple(found)


@lru_cache(maxsize=8192)
def _attr_words(attrs: str) -> frozenset[int]:
    found: set[int] = set()
    for token in _TOKEN.findall(attrs):
        found.update(_token_words(token))
    return frozenset(found)


def _nearest(containers: list[Container]) -> list[dict[int, int]]:
    """For every container: feature column → distance (0: itself) of the nearest ancestor with that word/tag."""
    near: list[dict[int, int]] = []
    for c in containers:
        base = {k: d + 1 for k, d in near[c.parent].items()} if c.parent >= 0 else {}
        for w in _attr_words(c.attrs):
            base[_ANCESTRY + w] = 0
        t = TAG_CODE.get(c.tag)
        if t is not None:
            base[_TAG_OFFSET + t - 1] = 0
        near.append(base)
    return near


def _text_features(b: Block, stop: frozenset[str]) -> tuple[float, ...]:
    text = b.text
    lower = text.lower()
    words = _WORD_RE.findall(lower)
    n = len(words) or 1
    chars = len(text)
    spaced = text.split()
    all_caps = text.isupper() and sum(map(str.isalpha, text)) > 3
    return (
        math.log1p(chars), math.log1p(len(words)), b.link_density, math.log1p(b.cues.get("links", 0)),
        sum(map(stop.__contains__, words)) / n, float(text.endswith(_SENTENCE_END)), float(text.endswith(":")),
        (text.count(",") + text.count(".") + text.count(";")) / n, sum(map(str.isdigit, text)) / chars,
        sum(w[:1].isupper() for w in spaced) / n, sum(map(len, words)) / n,
        float(KIND_CODE[b.kind]), float(b.level),
        float(all_caps), float("©" in text or "copyright" in lower), float(_YEAR.search(text) is not None),
    )


def matrix(seg: Segmented) -> np.ndarray:
    """The feature rows of ``seg``'s blocks (float32, one row per block, columns :data:`NAMES`)."""
    blocks, containers, owner = seg.blocks, seg.containers, seg.block_container
    n_c = len(containers)
    chars = [0] * n_c
    link_chars = [0.0] * n_c
    count = [0] * n_c
    long_blocks = [0] * n_c
    for b, c in zip(blocks, owner, strict=True):
        size = len(b.text)
        chars[c] += size
        link_chars[c] += size * b.link_density
        count[c] += 1
        long_blocks[c] += size >= LONG_CHARS
    for c in range(n_c - 1, 0, -1):  # children come after their parents: one backward pass sums subtrees
        p = containers[c].parent
        chars[p] += chars[c]
        link_chars[p] += link_chars[c]
        count[p] += count[c]
        long_blocks[p] += long_blocks[c]
    total = chars[0] or 1
    near = _nearest(containers)
    stop = all_stopwords()
    texts = [_text_features(b, stop) for b in blocks]
    n = len(blocks)
    rows = np.zeros((n, len(NAMES)), dtype=np.float32)
    before = 0
    page = (math.log1p(total), math.log1p(n), link_chars[0] / total, math.log1p(long_blocks[0]))
    for i, b in enumerate(blocks):
        t = texts[i]
        c = owner[i]
        row: list[float] = list(t[:13])
        row += [float(TAG_CODE.get(containers[c].tag, 0)), float(LABEL_CODE[b.hint]) if b.hint else 0.0,
                before / total, i / n, float(b.text.count("|") + b.text.count("·")), *t[13:]]
        before += len(b.text)
        k = c
        for _ in range(LEVELS):
            if k < 0:
                row += [0.0] * 7
                continue
            size = chars[k]
            row += [math.log1p(size), size / total, link_chars[k] / (size or 1), math.log1p(count[k]),
                    math.log1p(size / (count[k] or 1)), float(TAG_CODE.get(containers[k].tag, 0)),
                    math.log1p(long_blocks[k])]
            k = containers[k].parent
        for side in (-1, 1):
            for step in range(1, NEIGHBOURS + 1):
                j = i + side * step
                if 0 <= j < n:
                    tj = texts[j]
                    row += [tj[0], tj[2], tj[11], float(owner[j] == c), tj[4]]
                else:
                    row += [0.0, 0.0, -1.0, 0.0, 0.0]
        row += [*page, float(containers[c].depth)]
        rows[i, : len(row)] = row
        for col, d in near[c].items():
            rows[i, col] = 1.0 / (1.0 + d)
    return rows


#: container levels the second stage averages the first stage's scores over (parent, grandparent, ...)
GROUP_LEVELS = 3


def groups(seg: Segmented) -> list[np.ndarray]:
    """For k = 1..GROUP_LEVELS: each block's k-th enclosing container (the body when there are fewer)."""
    containers = seg.containers
    out = [np.zeros(len(seg.blocks), dtype=np.int64) for _ in range(GROUP_LEVELS)]
    for i, c in enumerate(seg.block_container):
        k = c
        for level in range(GROUP_LEVELS):
            k = containers[k].parent if k > 0 else 0
            out[level][i] = k
    return out


def chars(seg: Segmented) -> np.ndarray:
    return np.fromiter((len(b.text) for b in seg.blocks), dtype=np.float64, count=len(seg.blocks))
