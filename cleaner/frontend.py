"""What every front-end (HTML, text, Markdown) produces and the interface it offers to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .model import Block, Decision, Metadata
from .options import Options


@dataclass(slots=True)
class Page:
    """A segmented page: its blocks in reading order and the metadata the markup gave."""

    blocks: list[Block]
    metadata: Metadata = field(default_factory=Metadata)


class Frontend(Protocol):
    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        """Split ``text`` into blocks with the cues this format offers."""
        ...

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        """Complete the page's metadata from the labelled blocks (byline, title, dates in the text)."""
        ...
