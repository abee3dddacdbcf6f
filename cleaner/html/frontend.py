"""HTML → blocks (baseline: trafilatura's body, one block per line) and metadata."""

from __future__ import annotations

import trafilatura

from ..frontend import Page
from ..model import Block, Decision, Metadata
from ..options import Options


class HtmlFrontend:
    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True)
        meta = Metadata(url=url)
        blocks: list[Block] = []
        if doc is not None:
            body = doc.text or ""
            blocks = [Block(text=line, index=i) for i, line in enumerate(body.split("\n")) if line.strip()]
            meta.title = doc.title
            meta.authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
            meta.published = doc.date
            meta.site_name = doc.sitename
            meta.language = doc.language
            meta.description = doc.description
        return Page(blocks=blocks, metadata=meta)

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        return page.metadata


HTML_FRONTEND = HtmlFrontend()
