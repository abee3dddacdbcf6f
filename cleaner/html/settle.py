"""Widget hints checked against the whole page: a class such as "share-enabled" on the article's own container
would otherwise drop the article. A hinted group (the blocks under one hinted element) that is large and mostly
kept by trafilatura is the article, not a widget: its hint is withdrawn."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..model import Block, Label

#: a widget holds at most this many characters of text kept by trafilatura (a newsletter box, a teaser list);
#: tuned by eye on the readability dev set: article containers with a widget-like class hold several thousand
MAX_KEPT_WIDGET_CHARS = 1200
#: hints that come from the element itself being a caption: never withdrawn
SURE = frozenset({Label.CAPTION})


def settle_hints(blocks: list[Block]) -> list[Block]:
    kept_chars: dict[int, int] = defaultdict(int)
    for b in blocks:
        if b.hint is not None and b.cues.get("in_candidate"):
            kept_chars[b.cues.get("group", 0)] += len(b.text)
    out = []
    for b in blocks:
        group = b.cues.get("group", 0)
        if b.hint is not None and b.hint not in SURE and kept_chars.get(group, 0) > MAX_KEPT_WIDGET_CHARS:
            b = replace(b, hint=None, hint_reason="")
        out.append(b)
    return out
