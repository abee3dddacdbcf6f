"""Caption blocks (hinted from <figcaption> or a caption/credit class) → the ``caption`` cue (caption text and
photo credit) that assemble puts in the record's captions list."""

from __future__ import annotations

from dataclasses import replace

from ..model import Block, Caption, Label
from ..rules.credits import split_credit


def caption_cues(blocks: list[Block]) -> list[Block]:
    out = []
    for b in blocks:
        if b.hint is Label.CAPTION and b.cues.caption is None:
            if b.cues.credit_only:  # its container is named a credit ("photo-credit"): the credit alone
                caption = Caption(None, b.text)
            else:
                found = split_credit(b.text)
                caption = Caption(found[0], found[1]) if found else Caption(b.text)
            b = replace(b, cues=replace(b.cues, caption=caption))
        out.append(b)
    return out
