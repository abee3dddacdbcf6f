"""Decisions + metadata + Markdown → Article."""

from __future__ import annotations

from .model import Article, Caption, Decision, Kind, Label, Metadata, Removed
from .options import Format

#: labels whose blocks make up the body
BODY_LABELS = frozenset({Label.BODY})


def _caption(decision: Decision) -> Caption:
    return decision.block.cues.caption or Caption(text=decision.block.text)


def assemble(
    decisions: list[Decision], metadata: Metadata, markdown: str | None = None, *, fmt: Format, source: str = "-",
    explain: bool = False,
) -> Article:
    """The record's article: the body from the decisions, with the front-end's ``markdown`` of the same blocks."""
    body_parts: list[str] = []
    captions: list[Caption] = []
    removed: list[Removed] = []
    for d in decisions:
        if d.label in BODY_LABELS:
            if d.block.kind is not Kind.IMAGE and d.block.text.strip():
                body_parts.append(d.block.text.strip())
            continue
        if d.label is Label.CAPTION:
            captions.append(_caption(d))
        if explain:  # most calls do not ask: skip building a record per dropped block
            removed.append(Removed(text=d.block.text, label=d.label.value, reason=d.reason))
    body = "\n\n".join(body_parts) or None
    return Article(
        body=body,
        format=fmt.value,
        metadata=metadata,
        captions=tuple(captions),
        source=source,
        removed=tuple(removed) if explain else None,
        markdown=markdown if body else None,
    )
