"""Widget hints checked against trafilatura's candidate. Class names lie: "share-enabled" or "regwall" on the
article's own container, a site called "creditshelf". Where trafilatura kept the text, a widget hint stands only
for short lines in a small group; running text it kept, or a large kept group, is the article and loses the hint.
Hints on text trafilatura dropped always stand, and so do <figcaption> captions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..model import Block, Label

#: a widget holds at most this many characters of text kept by trafilatura (a newsletter box, a teaser list);
#: tuned on the dev sets (experiment harness, 800-2000 equal within 0.001 F1)
MAX_KEPT_WIDGET_CHARS = 1200
#: a kept block longer than this (characters) is running text, whatever its container's class says; widget lines
#: ("Sign up for our newsletter ...") are shorter. Tuned on the dev sets (60 / 120 / 200 / 400: trafilatura-dev
#: F1 0.928 / 0.928 / 0.926 / 0.921, readability unchanged); also the running-text bar of the failed-candidate rule
MAX_KEPT_WIDGET_LINE = 120


#: labels a class name gives weakly: on text trafilatura kept they cost more article text than they remove
#: boilerplate (dev-set count of "with" vs "without" snippets in such blocks: 23 vs 9)
WEAK_WHEN_KEPT = frozenset({Label.ADVERT, Label.BOILERPLATE, Label.NAVIGATION, Label.COMMENTS, Label.FOOTER})


#: below this many characters kept, trafilatura's candidate is a failure (its own "min_extracted_size" is 250,
#: after which it would try its fallbacks); tuned on the dev sets: 0 / 500 / 1000 / 2000 → 1000 best (+0.004 F1
#: on trafilatura-dev, readability unchanged)
MIN_CANDIDATE_CHARS = 1000
_CLASS_REASON = "inside an element whose class"


def _sure(b: Block) -> bool:
    return b.hint is Label.CAPTION and b.hint_reason.startswith("inside <")


def _withdraw(b: Block, kept_chars: dict[int, int], weak_candidate: bool) -> bool:
    if b.hint is None or _sure(b):
        return False
    if not b.cues.get("in_candidate"):
        # trafilatura found (almost) nothing: the page's layout fooled it, and likely its class names fool us too
        return weak_candidate and len(b.text) > MAX_KEPT_WIDGET_LINE and b.hint_reason.startswith(_CLASS_REASON)
    return (b.hint in WEAK_WHEN_KEPT or len(b.text) > MAX_KEPT_WIDGET_LINE
            or kept_chars.get(b.cues.get("group", 0), 0) > MAX_KEPT_WIDGET_CHARS)


def settle_hints(blocks: list[Block]) -> list[Block]:
    kept_chars: dict[int, int] = defaultdict(int)
    candidate_chars = 0
    for b in blocks:
        if b.cues.get("in_candidate"):
            candidate_chars += len(b.text)
            if b.hint is not None:
                kept_chars[b.cues.get("group", 0)] += len(b.text)
    # without an extractor's opinion (Options.extractor off) the candidate is empty and counts as failed: long
    # class-hinted blocks lose their hints too (kept, that page-level doubt cost 0.039 body F1 on readability and
    # 0.088 snippet F1 on trafilatura-dev without the extractor)
    weak = candidate_chars < MIN_CANDIDATE_CHARS
    return [replace(b, hint=None, hint_reason="") if _withdraw(b, kept_chars, weak) else b for b in blocks]

