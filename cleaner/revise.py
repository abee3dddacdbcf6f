"""Context pass over the labelled blocks: decisions that need the neighbours."""

from __future__ import annotations

from .model import Decision


def revise(decisions: list[Decision]) -> list[Decision]:
    return list(decisions)
