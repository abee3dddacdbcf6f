#!/usr/bin/env python3
"""Fit the block score in cleaner/rules/block_weights.json: logistic regression over cleaner.rules.blockscore
vectors of the text and Markdown dev sets, labelled from their truth.

    python scripts/fit_block_weights.py [--bench ../shared/bench] [--out cleaner/rules/block_weights.json]

Labels: readability-* pages: a block is article text when most of its 4-word shingles are in the true body;
trafilatura-dev-* pages: when it holds a "with" snippet (1) or a "without" snippet (0), other blocks unused.
Pages are split by a hash of their id: only the "fit" half (even hash) is used, so that the other half stays a
held-out check (benchmarks report it). Newton's method, L2 penalty; pure Python, a few minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
from pathlib import Path

from cleaner.classify import classify, features, quality
from cleaner.decode import decode
from cleaner.rules.blockscore import NAMES, vector
from cleaner.text.markdown import segment_markdown
from cleaner.text.segment import segment_text
from cleaner.title import TITLE_MAX_WORDS
from cleaner.weights import headline_like as _headline_like

SETS = ("readability-text", "readability-md", "trafilatura-dev-text", "trafilatura-dev-md")
#: rows kept per class at most: enough for 21 coefficients, small enough for pure-Python Newton steps
MAX_ROWS_PER_CLASS = 15000
L2 = 1.0
_TOKEN = re.compile(r"\w+")


def fit_half(page_id: str) -> bool:
    return int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % 2 == 0


def shingles(text: str) -> set[tuple[str, ...]]:
    t = _TOKEN.findall(text)
    return {tuple(t[i:i + 4]) for i in range(max(1, len(t) - 3))} if t else set()


def rows(bench: Path) -> list[tuple[list[float], int]]:
    out: list[tuple[list[float], int]] = []
    for name in SETS:
        base = name.rsplit("-", 1)[0]
        lines = (bench / base / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        truth = {json.loads(line)["id"]: json.loads(line) for line in lines}
        for page in sorted((bench / name / "pages").iterdir()):
            pid = page.name.rsplit(".", 1)[0]
            if not fit_half(pid):
                continue
            t = truth[pid]
            text = decode(page.read_bytes(), None)
            blocks = segment_markdown(text) if name.endswith("-md") else segment_text(text)
            decisions = classify(blocks)
            feats = [features(d.block) for d in decisions]
            quals = [quality(d.block, f) for d, f in zip(decisions, feats, strict=True)]
            body = shingles(t["body"]) if t.get("body") else None
            norm = [" ".join(s.split()) for s in t.get("with", [])], [" ".join(s.split()) for s in t.get("without", [])]
            for i, d in enumerate(decisions):
                if d.label.value not in ("body", "boilerplate") or not d.block.text.strip():
                    continue
                if body is not None:
                    s = shingles(d.block.text)
                    y = int(bool(s) and len(s & body) / len(s) >= 0.5)
                else:
                    bt = " ".join(d.block.text.split())
                    if any(w and w in bt for w in norm[0]):
                        y = 1
                    elif any(w and w in bt for w in norm[1]):
                        y = 0
                    else:
                        continue
                hl = _headline_like(d.block.text, feats[i], TITLE_MAX_WORDS) and not feats[i].sentence_end
                out.append((vector(decisions, feats, quals, i, hl), y))
    return out


def newton(data: list[tuple[list[float], int]], steps: int = 8) -> tuple[list[float], float]:
    k = len(NAMES) + 1
    w = [0.0] * k
    for _ in range(steps):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in data:
            xs = [1.0, *x]
            z = sum(a * b for a, b in zip(w, xs, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = p - y, p * (1 - p)
            for a in range(k):
                grad[a] += g * xs[a]
                ha = h * xs[a]
                row = hess[a]
                for b in range(a, k):
                    row[b] += ha * xs[b]
        for a in range(k):
            for b in range(a):
                hess[a][b] = hess[b][a]
            if a:
                grad[a] += L2 * w[a]
                hess[a][a] += L2
        w = [wi - si for wi, si in zip(w, solve(hess, grad), strict=True)]
    return w[1:], w[0]


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (k is ~20)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) / m[r][r]
    return x


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "bench")
    out = Path(__file__).resolve().parents[1] / "cleaner/rules/block_weights.json"
    ap.add_argument("--out", type=Path, default=out)
    args = ap.parse_args()
    data = rows(args.bench)
    rng = random.Random(0)
    pos = [r for r in data if r[1] == 1]
    neg = [r for r in data if r[1] == 0]
    rng.shuffle(pos)
    rng.shuffle(neg)
    sample = pos[:MAX_ROWS_PER_CLASS] + neg[:MAX_ROWS_PER_CLASS]
    coef, intercept = newton(sample)
    acc = sum((1 / (1 + math.exp(-(intercept + sum(c * v for c, v in zip(coef, x, strict=True))))) >= 0.5) == y
              for x, y in data) / len(data)
    args.out.write_text(json.dumps({
        "about": "logistic regression over cleaner.rules.blockscore.vector; fitted by scripts/fit_block_weights.py "
                 f"on the even-hash half of {', '.join(SETS)} ({len(pos)} text / {len(neg)} other blocks, "
                 f"{len(sample)} used); training accuracy {acc:.3f}",
        "features": list(NAMES), "coef": [round(c, 4) for c in coef], "intercept": round(intercept, 4),
    }, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} rows, training accuracy {acc:.3f}, written {args.out}")


if __name__ == "__main__":
    main()
