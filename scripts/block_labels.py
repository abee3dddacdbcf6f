"""Labels for the block model, from the truth (never from our own output).

A block's label is the share of it the truth body holds: of its word 4-grams (lowercased \\w+ tokens) the share
found among the truth's 4-grams; a block of 3 tokens or fewer counts when it is a whole truth paragraph, or (3
tokens) a 3-gram of the truth. Where the truth gives only snippets (trafilatura-dev), a block that holds or is held
by a "with" snippet is 1, by a "without" snippet 0, and any other block has no label (NaN).

    python scripts/block_labels.py SET ID     # prints each block of one dev page with its label
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+")
NGRAM = 4
#: a block held by a snippet must be at least this long to take its label (a lone "Home" is in many sentences)
MIN_HELD_CHARS = 25


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class Truth:
    """The truth body's n-grams and paragraphs, built once per page."""

    def __init__(self, body: str) -> None:
        toks = tokens(body)
        self.grams = {tuple(toks[i:i + NGRAM]) for i in range(len(toks) - NGRAM + 1)}
        self.trigrams = {tuple(toks[i:i + 3]) for i in range(len(toks) - 2)}
        self.paragraphs = {tuple(tokens(p)) for p in re.split(r"\n+", body) if p.strip()}

    def share(self, text: str) -> float:
        toks = tokens(text)
        if not toks:
            return 0.0
        if len(toks) < NGRAM:
            if tuple(toks) in self.paragraphs:
                return 1.0
            return 1.0 if len(toks) == 3 and tuple(toks) in self.trigrams else 0.0
        grams = [tuple(toks[i:i + NGRAM]) for i in range(len(toks) - NGRAM + 1)]
        return sum(g in self.grams for g in grams) / len(grams)


def _norm(text: str) -> str:
    return " ".join(text.split())


def body_labels(texts: Sequence[str], body: str) -> list[float]:
    truth = Truth(body)
    return [truth.share(t) for t in texts]


def snippet_labels(texts: Sequence[str], with_: Sequence[str], without: Sequence[str]) -> list[float]:
    pos = [_norm(s) for s in with_ if s.strip()]
    neg = [_norm(s) for s in without if s.strip()]
    out = []
    for text in texts:
        t = _norm(text)
        label = math.nan
        if any(s in t or (len(t) >= MIN_HELD_CHARS and t in s) for s in pos):
            label = 1.0
        elif any(s in t or (len(t) >= MIN_HELD_CHARS and t in s) for s in neg):
            label = 0.0
        out.append(label)
    return out


def labels(texts: Sequence[str], truth: dict[str, object]) -> list[float]:
    """Labels of ``texts`` against one truth.jsonl row (a body when it has one, else its snippets)."""
    body = truth.get("body")
    if isinstance(body, str) and body.strip():
        return body_labels(texts, body)
    with_ = truth.get("with") or []
    without = truth.get("without") or []
    assert isinstance(with_, list) and isinstance(without, list)
    return snippet_labels(texts, with_, without)


if __name__ == "__main__":
    import json
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fit_block_model import page_blocks

    bench = Path(__file__).resolve().parents[2] / "shared" / "bench"
    name, page_id = sys.argv[1], sys.argv[2]
    for line in (bench / name / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip() and json.loads(line)["id"] == page_id:
            row = json.loads(line)
            texts = [b.text for b in page_blocks((bench / name / row["file"]).read_bytes())[0].blocks]
            for text, label in zip(texts, labels(texts, row), strict=True):
                print(f"{label:5.2f}  {text[:100]}")
