"""Tell HTML, Markdown and plain text apart. An explicit format always wins.

Binary files (PDF, images, archives) never get here: :mod:`cleaner.binary` refuses them before decoding.

Every pattern here runs in time linear in :data:`SNIFF_WINDOW` whatever the input: no unbounded repetition is
followed by something that can fail and make it backtrack over the whole window (``\\s*`` across lines, ``[^]]+``
over a run of ``[``), and the leading comments before a page's first tag are skipped by ``str.find``, not a regex.
tests/test_sniff.py times the worst inputs we know of.
"""

from __future__ import annotations

import re

from .options import Format

#: the first tag of a page that is HTML even when it is short
_HTML_FIRST_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.IGNORECASE)
_SPACE = re.compile(r"\s*")
_PAGE_TAG = re.compile(r"<(?:html|head|body)\b[^<>]{0,2000}>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"<\?xml[^<>]{0,500}\?>")
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|p|span|a|article|section|script|br|li|ul|table)\b[^<>]*>", re.I)
#: a link target: "(url)", the url with at most one balanced "(...)" inside (Wikipedia-style links), and maybe a
#: title: '(url "Go to the page")'
_TARGET = r"\([^()\s]{1,2000}(?:\([^()\s]{0,500}\)[^()\s]{0,500})?(?:[ \t]{1,20}\"[^\n]{0,500}?\")?\)"
#: lengths bounded so a run of brackets without their partners costs O(bound) per start, not O(window).
#: Each cue comes with strings one of which any match contains: a ``str.find`` for those is far cheaper than a
#: regex search that fails over the whole window, which is what most cues do on plain text. A string starting
#: with a newline also counts at the very start of the text (where ``^`` matches too). Cheapest searches first:
#: the count stops at MD_MIN_CUES.


class _LineStart:
    """``re.compile("^" + body, re.M).search`` as a truth value: the body at the very start or after a newline.
    Searched as "\\n" + body, a pattern opening with a literal, which the regex engine skips to; a pattern opening
    with a multi-line "^" is tried at every position (3x slower on a page of text)."""

    def __init__(self, body: str) -> None:
        self._first = re.compile(body, re.M)
        self._later = re.compile("\n" + body, re.M)

    def search(self, text: str) -> bool:
        return self._first.match(text) is not None or self._later.search(text) is not None


_MD_CUES: tuple[tuple[tuple[str, ...], re.Pattern[str] | _LineStart], ...] = (
    (("](",), re.compile(r"\[[^\[\]\n]{1,500}\]" + _TARGET)),                   # links
    (("![",), re.compile(r"!\[[^\[\]\n]{0,500}\]" + _TARGET)),                  # images
    (("**",), re.compile(r"\*\*[^*\n]{1,500}\*\*")),                             # bold
    (("- ", "* ", "+ "), _LineStart(r"[ \t]*[-*+] \S")),                       # bullets
    (("# ",), _LineStart(r"#{1,6} \S")),                                       # ATX headings
    (("> ",), _LineStart(r"[ \t]*> \S")),                                       # quotes
    (("\n=", "\n-"), _LineStart(r"(?:=+|-+)[ \t]*$")),                          # setext underlines
)

#: how much of the text is looked at; sniffing must stay cheap on 50 MB inputs
SNIFF_WINDOW = 100_000
#: HTML tags per 1,000 characters above which text is HTML even without a doctype (real pages: 5-50)
HTML_TAG_DENSITY = 1.0
#: ... and whose tags make up at least this share of it: a text scrape quoting a few stray tags
#: ("<span class=branding>Sponsored by </span>") or a post about HTML is 2-11 % markup, an HTML fragment 20 % and
#: more.
HTML_MARKUP_SHARE = 0.12
#: a page with its <html>, <head> or <body> tag in the window and this many tags is HTML whatever the density
#: (a window taken up by an inline script)
PAGE_TAG_MIN_TAGS = 5
#: Markdown cue kinds that must be present (links and headings alone are common in prose)
MD_MIN_CUES = 2
#: leading comments skipped before the first tag; more than this many is not how a page starts
MAX_LEADING_COMMENTS = 100


def _skip_space(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)  # "\s*" always matches
    return match.end() if match else pos


def _starts_as_html(head: str) -> bool:
    """True when ``head``, after white space, an XML declaration and comments, opens with a page-level tag."""
    pos = _skip_space(head, 0)
    declaration = _XML_DECLARATION.match(head, pos)
    if declaration:
        pos = _skip_space(head, declaration.end())
    for _ in range(MAX_LEADING_COMMENTS):
        if not head.startswith("<!--", pos):
            break
        end = head.find("-->", pos + 4)
        if end < 0:
            return False
        pos = _skip_space(head, end + 3)
    return _HTML_FIRST_TAG.match(head, pos) is not None


def sniff(text: str, requested: Format = Format.AUTO) -> Format:
    """Return the format of ``text``: ``requested`` unless it is ``AUTO``."""
    if requested is not Format.AUTO:
        return requested
    head = text[:SNIFF_WINDOW]
    if _starts_as_html(head):
        return Format.HTML
    markdown = _markdown(head)
    if _tagged(head) and not (markdown and not _tagged(_without_code(head))):
        return Format.HTML  # markup, unless it all sits in a Markdown post's code blocks (a post about HTML)
    return Format.MARKDOWN if markdown else Format.TEXT


def _tagged(head: str) -> bool:
    """HTML by its tags: a page tag among enough tags, or tags dense enough and taking up enough of the text."""
    tags = _HTML_TAG.findall(head)
    if len(tags) >= PAGE_TAG_MIN_TAGS and _PAGE_TAG.search(head):
        return True
    return bool(tags) and len(tags) * 1000 / max(len(head), 1) >= HTML_TAG_DENSITY \
        and sum(map(len, tags)) >= HTML_MARKUP_SHARE * len(head.strip())


def _markdown(head: str) -> bool:
    cues = 0
    for needles, pattern in _MD_CUES:
        if _holds_any(head, needles) and pattern.search(head):
            cues += 1
            if cues >= MD_MIN_CUES:
                return True
    return False


def _without_code(head: str) -> str:
    """``head`` without Markdown code: fenced blocks and lines indented as code (four spaces or a tab)."""
    kept: list[str] = []
    fenced = False
    for line in head.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and not line.startswith(("    ", "\t")):
            kept.append(line)
    return "\n".join(kept)


def _holds_any(head: str, needles: tuple[str, ...]) -> bool:
    return any(_holds(head, n) or (n[0] == "\n" and head.startswith(n[1:])) for n in needles)


def _holds(head: str, needle: str) -> bool:
    """``needle in head``. A needle with a character the text lacks is not in it: a single character is looked for
    at memchr speed, several times faster than a two-character search failing over the whole window (which is
    what most cues do on plain text: no "]", "*" or "#" in it)."""
    return all(c in head for c in needle) and needle in head
