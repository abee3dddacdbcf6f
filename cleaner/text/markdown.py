"""Markdown → blocks: headings, list items, quotes, code, table rows, image markers and paragraphs, with link
density from [text](url). Written for what converters such as html2text emit, and plain hand-written Markdown."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Block, Cues, Kind
from .segment import repeat_key, single_spaced, with_repeats

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_ITEM = re.compile(r"^(\s*)(?:[*+-]|\d{1,3}[.)])\s+(.*)$")
#: a list marker alone on its line: the item's text follows, indented, after a blank line
_EMPTY_ITEM = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s*$")
_RULE = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")

#: The URL tries a plain run first (``[^()\s]*(?=[\s)])``), as in _LINK below: when that run is followed by white
#: space or ")" it is what the general form matches (whose repeat stops there, and cannot end at a shorter run,
#: which a plain character follows), and otherwise the general form runs as before (4x faster on image lines)
_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]*(?=[\s)])|(?:[^()\s]|\([^)]*\))*)(?:\s+\"[^\"]*\")?\)")
#: bounded repeats and no "[" / "(" inside the nested groups: linear time on runs like "[[[...](](](" (a single
#: regex call cannot be interrupted by the time limit); 500 characters is longer than any real link text or URL part.
#: The link text and the URL each try a plain run first (``[^\[\]]{0,500}(?=\])``, ``[^()\s]{0,2000}(?=[\s)])``):
#: one repeat of a character class, far faster in the regex engine than a repeat of an alternation (2x on Markdown
#: pages, whose lines are mostly links). Same matches: when that run is followed by its closing character it is
#: exactly what the general form matches (which cannot backtrack to a shorter run: the next character would be
#: no closing one), and otherwise the general form runs as before
_LINK = re.compile(
    r"\[((?:[^\[\]]{0,500}(?=\])|(?:[^\[\]]|\[[^\[\]]{0,500}\]){0,500}))\]\("
    r"(?:[^()\s]{0,2000}(?=[\s)])|(?:[^()\s]|\([^()]{0,500}\)){0,2000})(?:\s+\"[^\"]{0,500}\")?\)"
)
#: a link's title (``[text](url "title")``) is never shown; converters copy a whole excerpt into it, blank lines
#: and all, which would split the link across paragraphs: titles are cut before the text is read line by line
#: The URL is read in a lookahead and matched again by reference: an atomic group, so that a link without a title
#: fails at once instead of trying every shorter URL (none can be followed by white space)
#: The title may hold quotes of its own ("Go to "Factsheet"""): it ends at the first quote followed by ")".
#: A title without quotes of its own is tried first as a plain run (``[^"]{0,2000}(?="\))``), as in _LINK: when
#: that run is followed by '")' it is what the general form matches (whose match ends at the first '")'), and
#: otherwise the general form runs as before (2x faster on html2text's excerpt titles)
_LINK_TITLE = re.compile(
    r"\]\((?=([^()\s]{0,2000}))\1\s+\"(?:[^\"]{0,2000}(?=\"\))|(?:[^\"]|\"(?!\))){0,2000})\"\)"
)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
#: a run of 1-3 "*" or "_" not escaped, and not inside a word (not after a word character, or not before one).
#: Written to start with the literal "*" or "_" so that the regex engine skips ahead to those characters instead
#: of trying lookbehinds at every position (10x faster); the lookbehinds, taken after the first character, say
#: what ``(?<![\\\w])\*{1,3}|(?<!\\)\*{1,3}(?!\w)`` says
_EMPHASIS = re.compile(
    r"\*(?:(?<![\\\w]\*)\*{0,2}|(?<!\\\*)\*{0,2}(?!\w))|_(?:(?<![\\\w]_)_{0,2}|(?<!\\_)_{0,2}(?!\w))"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


class Inline(NamedTuple):  # a tuple: built for every line, and cheaper to build than a frozen dataclass
    text: str
    link_chars: int
    links: int
    images: int
    alt: str


_MARKUP = re.compile(r"[\[\]*_`\\<]")
#: a line that is one link and nothing else (menus, link lists: half the lines html2text writes), with no markup
#: in its text: what :func:`inline` returns for it is read off this match. The bounds are _LINK's, so that
#: _LINK matches the same span (its plain-run branches) and the rest of inline() would have nothing to do
_LONE_LINK = re.compile(r"\s*\[([^\[\]*_`\\<]{0,500})\]\([^()\s]{0,2000}\)\s*")


def inline(md: str) -> Inline:
    """Strip inline Markdown; count link text, links and images."""
    return Inline(*_inline(md))


def _inline(md: str) -> tuple[str, int, int, int, str]:
    """:func:`inline`'s fields as a plain tuple: the segmenter reads one per line, and a plain tuple is far cheaper
    to build than a NamedTuple (whose constructor is a Python function)."""
    if not _MARKUP.search(md):  # most lines of prose: nothing to strip
        return single_spaced(md), 0, 0, 0, ""  # str.split() and \s agree on white space
    lone = _LONE_LINK.fullmatch(md)
    if lone:
        link_text = lone.group(1)
        text = " ".join(link_text.split())
        return text, min(len(link_text.strip(" ")), len(text)), 1, 0, ""
    # each pattern has one group: re.split() gives [before, group, between, group, ..., after] in one pass of the
    # regex engine, with no Python callback per match (the same matches as re.sub())
    images: list[str] = []
    text = md
    if "![" in text:
        parts = _IMAGE.split(text)
        images = parts[1::2]  # the alt texts
        text = "".join(parts[::2])
    link_texts: list[str] = []
    if "](" in text:
        parts = _LINK.split(text)
        link_texts = parts[1::2]
        text = "".join(parts)  # a link keeps its text
        if "](" in text:  # nested [[x](a)](b) is rare; a second pass covers it
            parts = _LINK.split(text)
            link_texts += parts[1::2]
            text = "".join(parts)
    if "<http" in text:
        parts = _AUTOLINK.split(text)
        link_texts += parts[1::2]
        text = "".join(parts)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    text = text.replace("`", "")
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    text = single_spaced(text)
    link_chars = sum([len(t.strip(" *_")) for t in link_texts])
    alt = " ".join([a.strip() for a in images if a.strip()]) if images else ""
    return text, min(link_chars, len(text)), len(link_texts), len(images), alt


#: a block's source, for the Markdown output: its inline Markdown as written, and its number when it is an item of
#: an ordered list (else 0)
Source = tuple[str, int]


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.keys: list[str] = []  # repeat_key of each block
        self.sources: list[Source] = []
        self.gap = True

    def add(self, md: str, kind: Kind, line: int, level: int = 0, raw: bool = False, number: int = 0) -> None:
        text, link_chars, links, images, alt = (md.strip("\n"), 0, 0, 0, "") if raw else _inline(md)
        if kind is Kind.PARAGRAPH and images and not text:
            kind, text = Kind.IMAGE, alt
            self.keys.append(repeat_key(text))
        elif not text:
            self.gap = False
            return
        else:
            # inline() spaces text as repeat_key does (" ".join(split())); raw code keeps its own spacing
            self.keys.append(repeat_key(text) if raw else text.lower())
        # most lines have no link text: no division and rounding
        density = round(link_chars / len(text), 3) if link_chars else 0.0 if text or not links else 1.0
        # positional (Cues: links, images, gap_before, repeats, line; Block: text, kind, index, level, link_density,
        # hint, hint_reason, cues): cheaper than keywords. The repeats are counted when the page is read (with_repeats)
        cues = Cues(links, images, self.gap, 1, line)
        self.blocks.append(Block(text, kind, len(self.blocks), level, density, None, "", cues))
        self.sources.append((md, number))
        self.gap = False


def segment_markdown(md: str) -> list[Block]:
    return segment_markdown_sources(md)[0]


def segment_markdown_sources(md: str) -> tuple[list[Block], list[Source]]:
    """The blocks, and each block's :data:`Source`."""
    if '"' in md and "](" in md:
        md = _LINK_TITLE.sub(r"](\1)", md)
    lines = md.splitlines()
    out = _Builder()
    para: list[str] = []
    para_start = 0
    quote: list[str] = []
    in_list = False  # since the last list item, only blank or indented lines

    def flush() -> None:
        nonlocal para, quote
        if para:
            out.add(" ".join(para), Kind.PARAGRAPH, para_start)  # para holds stripped lines
            para = []
        if quote:
            out.add(" ".join(quote), Kind.QUOTE, para_start)
            quote = []

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        # brackets that do not pair up on this line (cheap test first; a blank line has none)
        if stripped and line.count("[") != line.count("]"):
            line = lines[i] = _unpaired_link_marks(line)  # the blocks below read lines[i] too
            stripped = line.strip()
        if not stripped:
            if para or quote:  # (a blank line follows most blocks: no call when there is nothing to flush)
                flush()
            out.gap = True
            i += 1
            continue
        # each block pattern below needs its marker as the line's first character (or a "|" for tables): a
        # character test first spares most lines, which are prose, half a dozen regex calls
        first = stripped[0]
        opening = _FENCE.match(line) if first in "`~" else None
        if opening:
            flush()
            fence = opening.group(1)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                j += 1
            out.add("\n".join(lines[i + 1: j]), Kind.CODE, i, raw=True)
            i = j + 1
            continue
        indented = line.startswith("    ") or line.startswith("\t")
        if not indented:
            in_list = False
        # an indented paragraph under a list item continues the item ("1.", a blank line, then the step's text
        # indented): CommonMark reads it so, and converters write recipes and how-tos that way; only elsewhere
        # is an indented block code
        # ... and an indented line holding a Markdown link is no code either: converters indent what sat in a
        # table cell or a nested box, and a code listing does not link ("[Marriage](https://...)")
        if indented and not in_list and not para and not _ITEM.match(line) \
                and not ("](" in line and _LINK.search(line)):
            flush()
            j = i + 1  # this line is indented: the block holds it whatever follows (the loop must move on)
            while j < len(lines) and (lines[j].startswith("    ") or lines[j].startswith("\t") or not lines[j].strip()):
                j += 1
            out.add("\n".join(x[4:] if x.startswith("    ") else x.lstrip("\t") for x in lines[i:j]).strip("\n"),
                    Kind.CODE, i, raw=True)
            out.gap = True
            i = j
            continue
        # a marker alone is at most 4 characters ("123."): longer lines skip the patterns
        if not para and len(stripped) <= 4 and (first in "*+-" or first.isdigit()) and _EMPTY_ITEM.match(line) \
                and not _RULE.match(line):
            flush()
            in_list = True
            i += 1
            continue
        heading = _HEADING.match(line) if first == "#" else None
        item = _ITEM.match(line) if first in "*+-" or first.isdigit() else None
        quoted = _QUOTE.match(line) if first == ">" else None
        if heading:
            flush()
            out.add(heading.group(2), Kind.HEADING, i, level=len(heading.group(1)))
        # a rule or a table's separator row also ends in one of those characters (each pattern's last mark; the
        # white space after it is what strip() drops, str.isspace() being what \s matches): most list items do not
        elif first in "*-_|:" and stripped[-1] in "*-_|:" and (_RULE.match(line) or _TABLE_SEP.match(line)):
            flush()
            out.gap = True
        elif para and _SETEXT.match(line) and len(para) == 1:
            text = para[0]
            para = []
            out.add(text, Kind.HEADING, para_start, level=1 if stripped.startswith("=") else 2)
        elif quoted:
            if para:
                flush()
            if not quote:
                para_start = i
            if quoted.group(1).strip():
                quote.append(quoted.group(1).strip())
            else:
                flush()
        elif item:
            flush()
            out.add(item.group(2), Kind.LIST_ITEM, i, level=len(item.group(1).expandtabs(4)) // 2 + 1,
                    number=_number(stripped))
            in_list = True
        elif "|" in stripped and ((i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1])) or _in_table(lines, i)):
            flush()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            out.add(" | ".join(c for c in cells if c), Kind.TABLE, i)
        else:
            if quote:
                flush()
            if not para and not line.endswith("  "):  # a paragraph on one line (most): what flush() would add
                out.add(stripped, Kind.PARAGRAPH, i)
            else:
                if not para:
                    para_start = i
                para.append(stripped)
                if not line.endswith("  "):  # html2text writes a paragraph on one line; "  " marks a <br>
                    flush()
        i += 1
    flush()
    return with_repeats(out.blocks, out.keys), out.sources


def _number(item: str) -> int:
    """The number of an ordered list item ("3. Stir"), 0 for a bullet item."""
    digits = item[: len(item) - len(item.lstrip("0123456789"))]
    return int(digits) if digits else 0


#: "](url)": with no "[" before it on its line, the end of a link opened lines above (converters wrap a teaser
#: card's image, headline and text in one link, blank lines and all)
_LINK_CLOSE = re.compile(r"\]\([^()\s]{0,2000}\)")


def _unpaired_link_marks(line: str) -> str:
    """The line without the "[" that opens, or the "](url)" that closes, a link spanning several lines: they would
    otherwise stay in the text ("[ Headline text", "](https://...)")."""
    close = _LINK_CLOSE.search(line)
    if close and "[" not in line[: close.start()]:  # no "[" before it on this line: the link opened above
        before, after = line[: close.start()], line[close.end():]
        line = before + (after.lstrip() if not before.strip() else after)  # not an indent: the spaces after a mark
    body = line.lstrip()
    if (body == "[" or body.startswith(("[ ", "[!"))) and not _LINK.match(body):
        line = line[: len(line) - len(body)] + body[1:]
    return line


def _in_table(lines: list[str], i: int) -> bool:
    """A row of a table whose separator row came earlier, with no blank line in between."""
    j = i - 1
    while j >= 0 and lines[j].strip() and "|" in lines[j]:
        if _TABLE_SEP.match(lines[j]):
            return "|" in lines[i]
        j -= 1
    return False

