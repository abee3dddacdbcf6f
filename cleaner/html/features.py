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
from ..rules import all_stopwords, capitalised
from ..rules.credits import split_credit
from ..rules.phrases import matcher
from .templates import TEMPLATE, template_table, templates
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
    words = ["phrase", "phrase_exact", "credit", "related_before"]
    best = ["in_best", "best_share", "best_depth"]
    return tuple(own + containers + neighbours + page + ancestry + words + best + ["collapsed"] + list(TEMPLATE))


NAMES = _names()
CATEGORICAL = tuple(n for n in NAMES
                    if n in ("kind", "tag", "hint", "phrase") or re.fullmatch(r"c\d_tag|(prev|next)\d_kind", n))
_ANCESTRY = NAMES.index(f"word_{WORDS[0]}")
_TAG_OFFSET = _ANCESTRY + len(WORDS)
#: a block of at least this many characters counts as a long block (running text)
LONG_CHARS = 150
#: phrases and credits are looked up in blocks up to this long (the matcher decides nothing in longer ones)
PHRASE_CHARS = 400
#: labels whose whole-line phrase ("Related articles", "Comments") heads what follows the article
_ENDS = frozenset({Label.RELATED, Label.COMMENTS})


_SHORT_WORDS = {w: i for i, w in enumerate(WORDS) if len(w) < 4}
_PREFIX_WORDS = {w: i for i, w in enumerate(WORDS) if len(w) >= 4}
_PREFIX_LENGTHS = sorted({len(w) for w in _PREFIX_WORDS})
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_ASCII_DIGITS = b"0123456789"


@lru_cache(maxsize=65536)
def _token_words(token: str) -> tuple[int, ...]:
    found = [_PREFIX_WORDS[token[:k]] for k in _PREFIX_LENGTHS if k <= len(token) and token[:k] in _PREFIX_WORDS]
    if token in _SHORT_WORDS:
        found.append(_SHORT_WORDS[token])
    return tuple(found)


@lru_cache(maxsize=8192)
def _attr_words(attrs: str) -> tuple[int, ...]:
    found: set[int] = set()
    for token in _TOKEN.findall(attrs):
        found.update(_token_words(token))
    return tuple(found)


def _ancestry(containers: list[Container], parent: np.ndarray, levels: list[np.ndarray]) -> np.ndarray:
    """Per container, per ancestry column: d for the nearest ancestor (d=0: itself) with that word/tag (inf: none);
    the column's value is 1/(1+d), computed by the caller for the rows it reads. ``levels``: :func:`_by_depth`."""
    n_c, width = len(containers), len(WORDS) + len(TAGS)
    own_rows: list[int] = []
    own_cols: list[int] = []
    for i, c in enumerate(containers):
        found = _attr_words(c.attrs)
        own_rows += [i] * len(found)
        own_cols += found
        t = TAG_CODE.get(c.tag)
        if t is not None:
            own_rows.append(i)
            own_cols.append(len(WORDS) + t - 1)
    dist = np.full((n_c, width), np.inf)
    dist[own_rows, own_cols] = 0.0
    for at in levels:  # parents are one level up: a pass per depth
        dist[at] = np.minimum(dist[at], dist[parent[at]] + 1.0)
    return dist


def _digits(text: str) -> int:
    """How many characters of ``text`` are digits (str.isdigit); ASCII text is counted in C, not char by char."""
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw) - len(raw.translate(None, _ASCII_DIGITS))
    return sum(map(str.isdigit, text))


def _has_year(text: str) -> bool:
    # the substring test spares the regex scan on most blocks (a year starts with 19 or 20)
    return ("19" in text or "20" in text) and _YEAR.search(text) is not None


def _text_features(b: Block, stop: frozenset[str], lower: str, words: list[str]) -> tuple[float, ...]:
    """The block's own columns; ``lower`` is its lowercased text and ``words`` the word tokens of that."""
    text = b.text
    n = len(words) or 1
    chars = len(text)
    spaced = text.split()
    all_caps = text.isupper() and sum(map(str.isalpha, text)) > 3
    return (
        math.log1p(chars), math.log1p(len(words)), b.link_density, math.log1p(b.cues.links or 0),
        sum(map(stop.__contains__, words)) / n, float(text.endswith(_SENTENCE_END)), float(text.endswith(":")),
        (text.count(",") + text.count(".") + text.count(";")) / n, _digits(text) / chars,
        capitalised(spaced) / n, sum(map(len, words)) / n,
        float(KIND_CODE[b.kind]), float(b.level),
        float(all_caps), float("©" in text or "copyright" in lower), float(_has_year(text)),
    )


def _per_block(blocks: list[Block]) -> tuple[np.ndarray, np.ndarray]:
    """The own-text columns and the phrase columns of every block, from one lowercasing and tokenising of each."""
    stop = all_stopwords()
    own = []
    phrases = _PhraseColumns(len(blocks))
    for i, b in enumerate(blocks):
        lower = b.text.lower()
        words = _WORD_RE.findall(lower)
        own.append(_text_features(b, stop, lower, words))
        phrases.add(i, b.text, lower, words)
    return np.array(own, dtype=np.float64), phrases.out


def _subtree_sums(seg: Segmented, owner: np.ndarray, size: np.ndarray, parent: np.ndarray,
                  levels: list[np.ndarray]) -> np.ndarray:
    """Per container: characters, link characters, blocks and long blocks of everything inside it (``owner``:
    each block's container, ``size``: its characters, ``levels``: :func:`_by_depth`)."""
    links = size * np.fromiter((b.link_density for b in seg.blocks), dtype=np.float64, count=len(seg.blocks))
    n_c = len(seg.containers)
    sums = np.stack([np.bincount(owner, weights=w, minlength=n_c)
                     for w in (size, links, np.ones_like(size), (size >= LONG_CHARS).astype(np.float64))], axis=1)
    for at in reversed(levels):  # from the deepest level up: each level adds into its parents
        np.add.at(sums, parent[at], sums[at])
    return sums


def _by_depth(depth: np.ndarray) -> list[np.ndarray]:
    """The containers of each depth from 1 (the body, depth 0, has no parent), as index arrays."""
    return [np.flatnonzero(depth == d) for d in range(1, int(depth.max()) + 1 if len(depth) else 0)]


def _container_table(seg: Segmented, sums: np.ndarray) -> np.ndarray:
    """Per container, the seven container columns (a block reads them for its container and three ancestors)."""
    size, links, count, long_blocks = sums.T
    total = size[0] or 1.0
    tags = np.fromiter((TAG_CODE.get(c.tag, 0) for c in seg.containers), dtype=np.float64, count=len(seg.containers))
    return np.column_stack([np.log1p(size), size / total, links / np.where(size > 0, size, 1.0), np.log1p(count),
                            np.log1p(size / np.where(count > 0, count, 1.0)), tags, np.log1p(long_blocks)])


def table(seg: Segmented) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """What the block model reads of ``seg``: :func:`matrix`, :func:`chars` and :func:`groups`, the blocks'
    templates (:func:`templates`) worked out once for both."""
    template = templates(seg)
    size = chars(seg)
    return matrix(seg, template, size), size, groups(seg, template)


def matrix(seg: Segmented, template: np.ndarray, size: np.ndarray | None = None) -> np.ndarray:
    """The feature rows of ``seg``'s blocks (float32, one row per block, columns :data:`NAMES`); ``template``:
    each block's template, ``size`` its characters (:func:`chars`, computed here when None)."""
    blocks, containers = seg.blocks, seg.containers
    n = len(blocks)
    rows = np.zeros((n, len(NAMES)), dtype=np.float32)
    if n == 0:
        return rows
    owner = np.asarray(seg.block_container, dtype=np.int64)
    texts, phrase_cols = _per_block(blocks)
    parent = np.fromiter((c.parent for c in containers), dtype=np.int64, count=len(containers))
    depth = np.fromiter((c.depth for c in containers), dtype=np.float64, count=len(containers))
    size = chars(seg) if size is None else size
    levels = _by_depth(depth)
    sums = _subtree_sums(seg, owner, size, parent, levels)
    table = _container_table(seg, sums)
    total = sums[0, 0] or 1.0
    extra = np.column_stack([
        table[owner, 5],
        np.fromiter((LABEL_CODE[b.hint] if b.hint else 0 for b in blocks), dtype=np.float64, count=n),
        (np.cumsum(size) - size) / total, np.arange(n) / n,
        np.fromiter((b.text.count("|") + b.text.count("·") for b in blocks), dtype=np.float64, count=n),
    ])
    cols = [texts[:, :13], extra, texts[:, 13:]]
    k = owner
    for _ in range(LEVELS):
        cols.append(np.where((k >= 0)[:, None], table[np.maximum(k, 0)], 0.0))
        k = np.where(k >= 0, parent[np.maximum(k, 0)], -1)
    for side in (-1, 1):
        for step in range(1, NEIGHBOURS + 1):
            j = np.arange(n) + side * step
            valid = (j >= 0) & (j < n)
            jj = np.clip(j, 0, n - 1)
            near = np.column_stack([texts[jj, 0], texts[jj, 2], texts[jj, 11], owner[jj] == owner, texts[jj, 4]])
            cols.append(np.where(valid[:, None], near, np.array([0.0, 0.0, -1.0, 0.0, 0.0])))
    page = [math.log1p(total), math.log1p(n), sums[0, 1] / total, math.log1p(sums[0, 3])]
    cols.append(np.column_stack([np.broadcast_to(page, (n, 4)), depth[owner]]))
    cols.append(1.0 / (1.0 + _ancestry(containers, parent, levels)[owner]))
    cols.append(phrase_cols)
    cols.append(_best_container(seg, sums, owner, size, parent, depth))
    cols.append(np.fromiter((b.cues.collapsed for b in blocks), dtype=np.float64, count=n)[:, None])
    cols.append(template_table(seg, template, size, owner, LONG_CHARS))
    rows[:] = np.hstack(cols)
    return rows


class _PhraseColumns:
    """Per block: the label of the known boilerplate phrase it holds (rules/phrases; 0: none), whether the phrase is
    the whole line, whether the block ends in a photo credit, and whether a whole-line related/comments heading
    came before it. Blocks are added in page order."""

    def __init__(self, n: int) -> None:
        self.out = np.zeros((n, 4))
        self._matcher = matcher()
        self._seen_end = 0.0

    def add(self, i: int, text: str, lower: str, tokens: list[str]) -> None:
        out = self.out
        out[i, 3] = self._seen_end
        if len(text) > PHRASE_CHARS:
            return
        found = self._matcher.match(text, len(text.split()), tokens, lower)
        if found is not None:
            out[i, 0], out[i, 1] = LABEL_CODE[found.label], float(found.exact)
            if found.exact and found.label in _ENDS:
                self._seen_end = 1.0
        out[i, 2] = float(split_credit(text, tokens) is not None)


def _best_container(seg: Segmented, sums: np.ndarray, owner: np.ndarray, size: np.ndarray, parent: np.ndarray,
                    depth: np.ndarray) -> np.ndarray:
    """Readability's candidate: each block of running text scores its container's parent (and half that for the
    grandparent) by its length and commas, a container's score is discounted by its link density, and the best
    one is the article's likely home. Per block: inside it or not, its share of the page, the block's depth
    below it (-1 outside)."""
    owner = np.maximum(owner, 0)
    commas = np.fromiter((b.text.count(",") for b in seg.blocks), dtype=np.float64, count=len(seg.blocks))
    points = np.where(size >= 25, 1.0 + commas + np.minimum(size / 100.0, 3.0), 0.0)
    score = np.zeros(len(seg.containers))
    up = np.maximum(parent[owner], 0)
    np.add.at(score, up, points)
    np.add.at(score, np.maximum(parent[up], 0), points / 2)
    score[0] = 0.0  # the body is no candidate
    score *= 1.0 - sums[:, 1] / np.where(sums[:, 0] > 0, sums[:, 0], 1.0)
    best = int(np.argmax(score))
    inside = np.zeros(len(seg.containers), dtype=bool)
    if best > 0:  # containers are in document order: its subtree runs up to the next one no deeper than it
        after = np.flatnonzero(depth[best + 1:] <= depth[best])
        inside[best: best + 1 + int(after[0]) if len(after) else len(inside)] = True
    within = inside[owner]
    share = sums[best, 0] / (sums[0, 0] or 1.0) if best > 0 else 0.0
    return np.column_stack([within.astype(np.float64), np.full(len(owner), share),
                            np.where(within, depth[owner] - depth[best], -1.0)])


#: container levels the second stage averages the first stage's scores over (parent, grandparent, ...)
GROUP_LEVELS = 3
#: the groups :func:`groups` gives: the container levels and the template
CONTEXT_GROUPS = GROUP_LEVELS + 1
#: what each of those groups is, for --explain (blockmodel.context_names numbers them)
GROUP_NAMES = ("parent", "grandparent", "great_grandparent", "template")


def groups(seg: Segmented, template: np.ndarray) -> list[np.ndarray]:
    """For k = 1..GROUP_LEVELS: each block's k-th enclosing container (the body when there are fewer); then each
    block's ``template``, whose first-stage scores the second stage averages too."""
    containers = seg.containers
    out = [np.zeros(len(seg.blocks), dtype=np.int64) for _ in range(GROUP_LEVELS)]
    for i, c in enumerate(seg.block_container):
        k = c
        for level in range(GROUP_LEVELS):
            k = containers[k].parent if k > 0 else 0
            out[level][i] = k
    return [*out, template]


def chars(seg: Segmented) -> np.ndarray:
    return np.fromiter((len(b.text) for b in seg.blocks), dtype=np.float64, count=len(seg.blocks))
