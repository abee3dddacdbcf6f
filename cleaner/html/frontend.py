"""The HTML front-end: parse once, read the markup's metadata, segment into blocks with DOM cues, mark the blocks
trafilatura's extractor keeps, settle widget hints; afterwards complete the metadata from the labelled blocks."""

from __future__ import annotations

from ..frontend import Page
from ..model import Decision, Metadata
from ..options import Options
from . import bound
from .candidate import EMPTY, candidate, mark
from .captions import caption_cues
from .forms import mark_signup_boxes
from .metadata import complete, from_markup
from .parse import parse
from .segment import segment_tree
from .settle import settle_hints


class HtmlFrontend:
    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        root = parse(text)
        if root is None:
            return Page(blocks=[], metadata=Metadata(url=url))
        # absurdly large trees (a million <br>) are thinned, and trafilatura skipped if still huge; see bound.py
        allowed = bound.candidate_allowed(bound.thin(root)) if bound.is_large(text) else True
        meta = from_markup(root, url)
        mark_signup_boxes(root)
        blocks = segment_tree(root)
        if options.extractor:
            # without an extractor's opinion the blocks carry no in_candidate cue, as text and Markdown blocks do:
            # the context pass then weighs them as it weighs those (Options.extractor)
            mark(blocks, candidate(root, url) if allowed else EMPTY)  # candidate() mutates the tree: last
        return Page(blocks=caption_cues(settle_hints(blocks)), metadata=meta)

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        return complete(page.metadata, decisions)


HTML_FRONTEND = HtmlFrontend()
