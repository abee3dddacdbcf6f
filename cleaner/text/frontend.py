"""Text / Markdown → blocks (baseline: one block per non-empty line) and metadata."""

from __future__ import annotations

from ..frontend import Page
from ..model import Block, Decision, Metadata
from ..options import Options


class TextFrontend:
    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown

    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        lines = [line.strip() for line in text.splitlines()]
        blocks = [Block(text=line, index=i) for i, line in enumerate(x for x in lines if x)]
        return Page(blocks=blocks, metadata=Metadata(url=url))

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        return page.metadata


TEXT_FRONTEND = TextFrontend(markdown=False)
MARKDOWN_FRONTEND = TextFrontend(markdown=True)
