"""The text and Markdown front-end: segment into blocks and score each block with the block model of its format
(``rules/model/text_blocks.json.gz``, ``markdown_blocks.json.gz``; the rule pass judges when the model file is
absent); complete the metadata from the labelled blocks, and render the kept blocks as Markdown."""

from __future__ import annotations

from dataclasses import replace

from .. import blockmodel
from ..frontend import Page, visible
from ..markdown_out import compose, kept
from ..model import Block, Decision, Label, Metadata
from ..options import Options
from ..pagetype.extract import text_statistics
from ..rules import HERE as RULES
from . import features, titles
from .markdown import segment_markdown_sources
from .metadata import text_metadata
from .segment import segment_text
from .to_markdown import markdown_blocks, text_blocks

TEXT_MODEL = "text_blocks"
#: the headline the rule pass found scores at most this: a text page's headline is its title (metadata), not body
#: (the truth holds it on about 40 % of the dev fit pages; at the plain judge, validation word F1 -0.000 / -0.001 on
#: wcxb-dev-text / -md, -0.001 / -0.002 on readability-text / -md)
TITLE_SCORE = 0.1
MARKDOWN_MODEL = "markdown_blocks"


class TextFrontend:
    def __init__(self, markdown: bool) -> None:
        self.is_markdown = markdown
        self.model = MARKDOWN_MODEL if markdown else TEXT_MODEL

    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        statistics, _ = text_statistics(text)  # of the text as the page-type stage reads it
        text = visible(text)
        sources = None
        if self.is_markdown:
            blocks, sources = segment_markdown_sources(text)
        else:
            blocks = segment_text(text)
        if not (RULES / "model" / f"{self.model}.json.gz").is_file():
            return Page(blocks=blocks, metadata=Metadata(url=url), markup=sources)
        table = features.table(blocks, statistics)
        rule_decisions = table.rule_decisions
        blocks = _from_rule_pass(rule_decisions)
        model = blockmodel.load(self.model)
        rows = model.columns(table.rows, features.NAMES)
        scores = model.score(rows, table.chars, table.groups)
        for i, d in enumerate(rule_decisions):
            if d.label is Label.TITLE and scores[i] > TITLE_SCORE:
                scores[i] = TITLE_SCORE
        cues = None
        if options.explain and len(blocks):
            cues = model.strongest(rows, table.chars, table.groups, features.GROUP_NAMES)
        return Page(blocks=blocks, metadata=Metadata(url=url), scores=scores.tolist(), cues=cues, markup=sources,
                    rule_decisions=rule_decisions, model=self.model)

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        base = page.metadata
        if page.rule_decisions is not None and page.scores is not None and base.title is None:
            found = titles.headline(decisions, page.scores, page.rule_decisions, self.is_markdown)
            if found is not None:
                base = replace(base, title=found, sources={**base.sources, "title": "text:title-model"})
        return text_metadata(base, rule_labelled(page, decisions))

    def markdown(self, page: Page, decisions: list[Decision], options: Options) -> str | None:
        blocks = kept(decisions)
        if not blocks:
            return None
        if isinstance(page.markup, list):
            return compose(markdown_blocks(blocks, page.markup, links=options.markdown_links,
                                           images=options.markdown_images, base=page.metadata.url))
        return compose(text_blocks(blocks))


def rule_labelled(page: Page, decisions: list[Decision]) -> list[Decision]:
    """The blocks with the rule pass's labels where it ran beside a model: text_metadata's rules were written for
    them (with the judge's labels of removed blocks they find fewer authors: a text page has no headings for the
    judge's title pass)."""
    if page.rule_decisions is None:
        return decisions
    return [Decision(d.block, r.label, r.reason, r.basis) for d, r in zip(decisions, page.rule_decisions, strict=True)]


def _from_rule_pass(decisions: list[Decision]) -> list[Block]:
    """The blocks with what the rule pass found that the judge's passes read from the blocks: a line ending in a
    photo credit is a caption (hint, with its ``caption`` cue, as the HTML front-end gives <figcaption>s)."""
    return [replace(d.block, hint=Label.CAPTION, hint_reason=d.reason) if d.label is Label.CAPTION else d.block
            for d in decisions]


TEXT_FRONTEND = TextFrontend(markdown=False)
MARKDOWN_FRONTEND = TextFrontend(markdown=True)
