"""Plain text → blocks: one block per non-empty line (a browser's innerText puts each paragraph, heading, list
item and widget line on a line of its own; blank lines mark paragraph breaks). Two exceptions: hard-wrapped prose
(a line cut mid-sentence, the next going on in lowercase) is joined back into its paragraph, and lines that read
as program code are marked ``Kind.CODE``, so that a listing does not split the article it sits in."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Block, Cues, Kind
from ..rules.bylines import looks_like_byline

_BULLET = re.compile(r"^(?:[•·▪►◦‣∙]|[-*+](?=\s))\s*")
_BULLET_FIRST = frozenset("•·▪►◦‣∙-*+")  # the characters a _BULLET match starts with
#: program code: a line ending in a brace or semicolon, a comment or prompt, a keyword opening a statement,
#: or a markup tag; checked on the stripped line
_CODE = re.compile(
    r"(?:[{};]|\)\s*:|=>)$|^(?://|/\*|\*/|#include|\$ |>>> |</?[a-zA-Z][\w-]*(?:\s[^>]*)?>?$|"
    r"(?:import|from|def|class|var|let|const|function|return|if|for|while|public|private|static|#define)\b"
    r"[^.!?]*[(){}=:;,]\S*$)"
)
#: a wrapped line is at least this long (hard wraps sit at 64-80 characters; shorter lines are headlines, menu
#: items or deliberate breaks)
WRAP_MIN_LENGTH = 55
_SENTENCE_END = ('.', '!', '?', ':', '"', '”', '»', ')')


def single_spaced(text: str) -> str:
    """``" ".join(text.split())``. A printable text with no double, leading or trailing space is that already (every
    white space character but " " is a control or separator character, which isprintable() refuses): most lines
    are returned as they are, with no word split out and joined back."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def repeat_key(text: str) -> str:
    """The key under which two lines count as the same line (case and spacing ignored)."""
    return " ".join(text.split()).lower()


def with_repeats(blocks: list[Block], keys: list[str] | None = None) -> list[Block]:
    """Add the ``repeats`` cue: how often a block's text occurs in the page (menus and widgets repeat).
    ``keys``: the blocks' :func:`repeat_key`, when the caller has them cheaper."""
    if keys is None:
        keys = [repeat_key(b.text) for b in blocks]
    counts = Counter(keys)
    for b, key in zip(blocks, keys, strict=True):
        b.cues.repeats = counts[key]
    return blocks


_CODE_LAST = frozenset("{};:>")
_CODE_FIRST = frozenset("/#$<>*")
_CODE_WORDS = frozenset({"import", "from", "def", "class", "var", "let", "const", "function", "return", "if", "for",
                         "while", "public", "private", "static"})


def looks_like_code(line: str) -> bool:
    """``line``: stripped, spaced by single spaces (its first word is what comes before the first space)."""
    # cheap character tests first: most lines of a page are prose or menu items
    if line[-1] not in _CODE_LAST and line[0] not in _CODE_FIRST and line.partition(" ")[0] not in _CODE_WORDS:
        return False
    return bool(_CODE.search(line))


def _continues(previous: str, line: str) -> bool:
    """``line`` goes on with the sentence ``previous`` was cut in (hard-wrapped text)."""
    return (len(previous) >= WRAP_MIN_LENGTH and not previous.endswith(_SENTENCE_END)
            and line[:1].islower() and not looks_like_byline(line))


def segment_text(text: str) -> list[Block]:
    lines: list[tuple[str, Kind, bool, int]] = []
    append = lines.append
    paragraph = Kind.PARAGRAPH
    gap = True
    # single_spaced(), inlined: it runs on every line
    spaced = [raw if raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " "
              else " ".join(raw.split()) for raw in text.splitlines()]
    for number, line in enumerate(spaced):
        if not line:
            gap = True
            continue
        kind = paragraph
        first = line[0]
        bullet = _BULLET.match(line) if first in _BULLET_FIRST else None
        if bullet and len(line) > bullet.end():
            kind = Kind.LIST_ITEM  # the bullet stays: it is part of the visible text
        elif looks_like_code(line):
            kind = Kind.CODE
        if kind is paragraph and not gap and lines:
            prev = lines[-1]
            if prev[1] is paragraph and _continues(prev[0], line):
                lines[-1] = (f"{prev[0]} {line}", paragraph, prev[2], prev[3])
                continue
        append((line, kind, gap, number))
        gap = False
    # the repeats cue of with_repeats, built with the other cues: every line was spaced as repeat_key spaces it
    # (" ".join(split())), so lowercasing is all its key needs
    keys = [line.lower() for line, _, _, _ in lines]
    counts = Counter(keys)
    # positional (Block: text, kind, index, level, link_density, hint, hint_reason, cues; Cues: links, images,
    # gap_before, repeats, line): cheaper than keywords
    return [Block(line, kind, index, 0, 0.0, None, "", Cues(None, 0, gap_before, counts[key], number))
            for index, ((line, kind, gap_before, number), key) in enumerate(zip(lines, keys, strict=True))]
