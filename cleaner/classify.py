"""Block → Decision: a context-free, pure labelling of each block. Rules live in cleaner/rules/."""

from __future__ import annotations

from .model import Block, Decision, Label


def classify_block(block: Block) -> Decision:
    if block.hint is not None:
        return Decision(block, block.hint, block.hint_reason or f"front-end hint: {block.hint.value}")
    return Decision(block, Label.BODY, "default: article text")


def classify(blocks: list[Block]) -> list[Decision]:
    return [classify_block(b) for b in blocks]
