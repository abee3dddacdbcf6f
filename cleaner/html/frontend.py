"""The HTML front-end: parse once as a browser does, read the markup's metadata, walk the tree into blocks with
their containers; afterwards complete the metadata from the labelled blocks."""

from __future__ import annotations

from ..frontend import Page
from ..model import Decision, Metadata
from ..options import Options
from .captions import caption_cues
from .forms import signup_boxes
from .metadata import complete, from_markup
from .parse import parse
from .walk import walk


class HtmlFrontend:
    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        tree = parse(text)
        if tree is None or tree.body is None:
            return Page(blocks=[], metadata=Metadata(url=url))
        meta = from_markup(tree, url, text)
        seg = walk(tree.body, signup_boxes(tree))
        return Page(blocks=caption_cues(seg.blocks), metadata=meta)

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        return complete(page.metadata, decisions)


HTML_FRONTEND = HtmlFrontend()
