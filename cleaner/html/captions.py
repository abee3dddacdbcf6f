"""Caption blocks (hinted from <figcaption> or a caption/credit class) → the ``caption_text`` and ``credit`` cues
that assemble turns into the record's captions list."""

from __future__ import annotations

from dataclasses import replace

from ..model import Block, Label
from ..rules.credits import split_credit


def _is_credit_only(b: Block) -> bool:
    """A block whose own container is named a credit ("photo-credit", "image-credit") holds the credit alone."""
    return "credit" in b.hint_reason


def caption_cues(blocks: list[Block]) -> list[Block]:
    out = []
    for b in blocks:
        if b.hint is Label.CAPTION and "credit" not in b.cues:
            if _is_credit_only(b):
                cues = {**b.cues, "caption_text": None, "credit": b.text}
            else:
                found = split_credit(b.text)
                cues = {**b.cues, "caption_text": found[0] if found else b.text, "credit": found[1] if found else None}
            b = replace(b, cues=cues)
        out.append(b)
    return out
