"""The HTML front-end: parse once as a browser does, read the markup's metadata, walk the tree into blocks with
their containers and score each block with the block model; afterwards complete the metadata from the labelled
blocks (the headline by a fitted ranking model over the markup's titles: cleaner/html/headline.py), and render the
kept blocks' markup as Markdown."""

from __future__ import annotations

from dataclasses import replace

from .. import blockmodel
from ..frontend import Page
from ..markdown_out import compose, kept
from ..model import Decision, Metadata
from ..options import Options
from . import features
from .captions import caption_cues
from .forms import signup_boxes
from .headline import headline
from .markdown import DomBlocks, Style, md_blocks
from .metadata import complete, read_stated
from .parse import parse
from .titles import norm
from .walk import walk

MODEL = "html_blocks"


class HtmlFrontend:
    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        tree = parse(text)
        if tree is None or tree.body is None:
            return Page(blocks=[], metadata=Metadata(url=url), scores=[])
        meta, days = read_stated(tree, url)
        seg = walk(tree.body, signup_boxes(tree))
        rows, chars, groups = features.table(seg)
        model = blockmodel.load(MODEL)
        rows = model.columns(rows, features.NAMES)
        scores = model.score(rows, chars, groups)
        cues = (model.strongest(rows, chars, groups, features.GROUP_NAMES)
                if options.explain and len(rows) else None)
        return Page(blocks=caption_cues(seg.blocks), metadata=meta, scores=scores.tolist(), cues=cues,
                    tree=tree, markup=DomBlocks(seg.nodes, seg.block_container), model=MODEL, source=text,
                    stated_days=days)

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        meta = complete(page.metadata, decisions, page.source, page.stated_days)
        if page.tree is None:
            return meta
        title = headline(page.tree, decisions, meta.title, meta.site_name, meta.page_type)
        if title is None or norm(title) == norm(meta.title or ""):
            return meta
        return replace(meta, title=title, sources={**meta.sources, "title": "html:title-model"})

    def markdown(self, page: Page, decisions: list[Decision], options: Options) -> str | None:
        blocks = kept(decisions)
        if not blocks or not isinstance(page.markup, DomBlocks):
            return None
        style = Style(links=options.markdown_links, images=options.markdown_images, base=page.metadata.url)
        return compose(md_blocks(blocks, page.markup, style))


HTML_FRONTEND = HtmlFrontend()
