"""The text and Markdown front-end: segment into blocks; complete the metadata from the labelled blocks."""

from __future__ import annotations

from ..frontend import Page, visible
from ..model import Decision, Metadata
from ..options import Options
from .markdown import segment_markdown
from .metadata import text_metadata
from .segment import segment_text


class TextFrontend:
    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown

    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        text = visible(text)
        blocks = segment_markdown(text) if self.markdown else segment_text(text)
        return Page(blocks=blocks, metadata=Metadata(url=url))

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        return text_metadata(page.metadata, decisions)


TEXT_FRONTEND = TextFrontend(markdown=False)
MARKDOWN_FRONTEND = TextFrontend(markdown=True)
