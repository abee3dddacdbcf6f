"""What every front-end (HTML, text, Markdown) produces and the interface it offers to the pipeline."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .model import Block, Decision, Metadata
from .options import Options

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

    from .html.dates import StatedDays

#: invisible characters dropped from the text: soft hyphen, zero-width space (they split words for search and scoring)
INVISIBLE = {0xAD: None, 0x200B: None}


def visible(text: str) -> str:
    """``text`` without soft hyphens and zero-width spaces, composed (NFC: "u" + combining diaeresis → "ü"), as
    readers and search expect."""
    if "\xad" in text or "\u200b" in text:
        text = text.translate(INVISIBLE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


@dataclass(slots=True)
class Page:
    """A segmented page: its blocks in reading order and the metadata the markup gave."""

    blocks: list[Block]
    metadata: Metadata = field(default_factory=Metadata)
    #: the block model's P(article) per block, where the front-end has a model (None: judged by the rule pass)
    scores: list[float] | None = None
    #: with --explain: per block, the features that weighed most in its score
    cues: list[str] | None = None
    #: the rule pass's decisions, where a block model judged a text or Markdown page (the metadata read them)
    rule_decisions: list[Decision] | None = None
    #: the HTML front-end's parse (None for text and Markdown): later stages that read the markup (the page-type
    #: classifier) use it instead of parsing again; never modified after segment
    tree: LexborHTMLParser | None = None
    #: the block model that gave the scores (the judge's fitted knobs are read by this name)
    model: str | None = None
    #: the page-type classifier's probability of the page's type (1: forced by the caller)
    page_type_p: float = 0.0
    #: what the front-end's Markdown renderer reads the kept blocks' inline markup from (HTML: the blocks' DOM
    #: elements, Markdown: each block's source); None: the blocks' own text
    markup: object | None = None
    #: the text the front-end segmented (HTML: its last-resort date search parses the page again)
    source: str | None = None
    #: the published date each kind of HTML markup states (the metadata stage weighs them against each other)
    stated_days: StatedDays | None = None


class Frontend(Protocol):
    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        """Split ``text`` into blocks with the cues this format offers."""
        ...

    def metadata(self, page: Page, decisions: list[Decision]) -> Metadata:
        """Complete the page's metadata from the labelled blocks (byline, title, dates in the text)."""
        ...

    def markdown(self, page: Page, decisions: list[Decision], options: Options) -> str | None:
        """The body's blocks (the same decisions) as Markdown, with the inline markup this format shows."""
        ...
