"""The types passed between stages: Block and its Cues, Label, Decision, Metadata, Article."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Label(str, Enum):
    """What a block is. Only ``BODY`` (and ``HEADING`` inside the body) reaches ``Article.body``."""

    BODY = "body"
    TITLE = "title"
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    SUBSCRIBE = "subscribe"
    NAVIGATION = "navigation"
    RELATED = "related"
    SHARE = "share"
    COOKIE = "cookie"
    ADVERT = "advert"
    COMMENTS = "comments"
    FOOTER = "footer"
    NOTICE = "notice"  # audio / AI / "reading time" / editorial notices
    METADATA = "metadata"  # tags, reading time, date lines outside the byline
    BOILERPLATE = "boilerplate"  # anything else that is not article text


class Kind(str, Enum):
    """The structural role of a block, as far as the front-end can tell."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    TABLE = "table"
    CODE = "code"
    IMAGE = "image"  # an image marker (Markdown ![alt](src)); text is the alt text


class Basis(str, Enum):
    """What a decision's label was read from. Code that needs to know branches on this, never on the words of a
    reason (reasons are explanations for people)."""

    HINT = "hint"  # the front-end's hint (the markup: a <figcaption>, a class naming a widget)
    PHRASE = "phrase"  # a known phrase of the label (rules/phrases)
    RULE = "rule"  # another rule of the block itself: a byline, photo credit, date line, consent banner, image marker
    TEXT = "text"  # the quality of the text: length, stop words, links
    CONTEXT = "context"  # the block among its neighbours and the block model's score (revise, the judge's passes)


# Cues, Block and Decision are built for every line of every page: not frozen (a frozen dataclass's __init__ costs
# 2-3x as much), but treat them as immutable once segmentation is done: make a changed copy with replace().
@dataclass(slots=True)
class Cues:
    """What a front-end saw of a block besides its text. A front-end fills the fields it can tell; the rest keep
    their defaults. The field order is the positional order the front-ends build them in (cheaper than keywords)."""

    #: links in the block (<a> elements, Markdown links); None where the front-end cannot count them (plain text)
    links: int | None = None
    #: images in the block (Markdown)
    images: int = 0
    #: a blank line comes before the block (text, Markdown)
    gap_before: bool = False
    #: how often the block's text occurs in the page, case and spacing ignored (text, Markdown; else 1)
    repeats: int = 1
    #: the input line the block starts on, 0-based (text, Markdown; else -1)
    line: int = -1
    #: the block's container and its parent as "parent>tag.first-class" (HTML)
    tag_path: str = ""
    #: the hinted container the block sits in, numbered in document order; 0: none (HTML)
    group: int = 0
    #: the block's hint comes from a container whose class/id names a credit ("photo-credit") (HTML)
    credit_only: bool = False
    #: an extractor the front-end trusts kept the block (True) or dropped it (False); None: no extractor judged it
    in_candidate: bool | None = None
    #: a caption block split into its caption text and photo credit; None: not split (the text is the caption)
    caption: Caption | None = None
    #: the block is the text of a control (a <button>: a menu toggle, a "load more") (HTML)
    control: bool = False
    #: the block sits in a small box around an e-mail field: a sign-up form, found by structure (HTML)
    email_box: bool = False
    #: the block sits in a hidden panel the page shows on a click: a tab, an accordion's answer (HTML)
    collapsed: bool = False


@dataclass(slots=True)
class Block:
    """One unit of text from a front-end, with the cues that front-end could see."""

    text: str
    kind: Kind = Kind.PARAGRAPH
    #: position in the page, 0-based, in reading order
    index: int = 0
    #: heading level 1-6 for headings, else 0
    level: int = 0
    #: share of the text that is link text (0..1); 0 where the front-end cannot tell
    link_density: float = 0.0
    #: a label the front-end is sure of from structure (e.g. <figcaption>, <nav>), with its reason
    hint: Label | None = None
    hint_reason: str = ""
    cues: Cues = field(default_factory=Cues)


@dataclass(slots=True)
class Decision:
    """A block with the label given to it, why (for people) and what the label was read from (for code)."""

    block: Block
    label: Label
    reason: str
    basis: Basis = Basis.CONTEXT


@dataclass(frozen=True, slots=True)
class Caption:
    """An image caption of the record; ``text`` is None for a photo credit that stands alone."""

    text: str | None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Post:
    """One post of a forum thread: its author's name when the post names one, and its text (the body's blocks in
    it, separated by a blank line)."""

    author: str | None
    text: str


@dataclass(slots=True)
class Metadata:
    """Metadata gathered by a front-end; ``sources`` says where each field came from."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    reading_time_minutes: int | None = None
    #: article, forum, product, collection, listing, documentation, service or other (cleaner/pagetype)
    page_type: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Removed:
    text: str
    label: str
    reason: str


#: The record's keys, in output order. Absent values are null or [], never missing keys.
FIELDS = (
    "title", "authors", "published", "modified", "site_name", "url", "language", "description", "tags",
    "image", "reading_time_minutes", "page_type", "body", "markdown", "word_count", "format", "source", "captions",
    "posts", "sources",
)


@dataclass(frozen=True, slots=True)
class Article:
    """The result of cleaning one page."""

    body: str | None
    format: str
    metadata: Metadata
    captions: tuple[Caption, ...] = ()
    source: str = "-"
    removed: tuple[Removed, ...] | None = None  # None unless Options.explain
    #: the body's blocks as Markdown (cleaner/markdown_out.py); None when there is no body
    markdown: str | None = None
    #: a forum thread's posts in page order (cleaner/typed.py); empty on every other page type
    posts: tuple[Post, ...] = ()

    @property
    def word_count(self) -> int:
        return len(self.body.split()) if self.body else 0

    def to_dict(self) -> dict[str, Any]:
        m = self.metadata
        record: dict[str, Any] = {
            "title": m.title,
            "authors": list(m.authors),
            "published": m.published,
            "modified": m.modified,
            "site_name": m.site_name,
            "url": m.url,
            "language": m.language,
            "description": m.description,
            "tags": list(m.tags),
            "image": m.image,
            "reading_time_minutes": m.reading_time_minutes,
            "page_type": m.page_type,
            "body": self.body,
            "markdown": self.markdown,
            "word_count": self.word_count,
            "format": self.format,
            "source": self.source,
            "captions": [{"text": c.text, "credit": c.credit} for c in self.captions],
            "posts": [{"author": p.author, "text": p.text} for p in self.posts],
            "sources": dict(sorted(m.sources.items())),
        }
        if self.removed is not None:
            record["removed"] = [{"text": r.text, "label": r.label, "reason": r.reason} for r in self.removed]
        return record

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
