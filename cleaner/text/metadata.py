"""Metadata from the labelled blocks of a text or Markdown page: headline, byline, date, reading time, language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from ..model import Basis, Decision, Kind, Label, Metadata
from ..rules import load_json
from ..rules.bylines import authors, dangling_prefix, dated_line_names
from ..rules.dates import date_role, find_date, find_dates, url_overrules
from ..rules.language import detect
from ..rules.names import bare_name, full_name, known_first_name, plain_name

#: how many blocks before the first body block are searched for a date or reading time (page header), nearest
#: first, and how many after it (dates under the lead paragraph or image)
HEADER_WINDOW = 40
HEADER_AFTER = 10
#: blog posts often give their date under the text ("Posted on October 18, 2020"): this many dropped blocks after
#: the article's last body block are searched when the header holds no date
FOOTER_WINDOW = 15
#: ... in date lines and post meta lines only: not in references, comments, teasers or the site footer
FOOTER_DATE_LABELS = frozenset({Label.METADATA, Label.DATELINE, Label.BYLINE, Label.SHARE})
#: ... and then body lines near the article start of at most this many words with a date a cue calls published
CUED_LINE_WORDS = 30
#: when no line gives a date, the first this many body blocks are read for one that opens with a date (a dateline,
#: "Red. / 31.10.2023 Die ehemalige …"): the date starts within this many characters
LEAD_DATE_BLOCKS = 2
LEAD_DATE_MAX_START = 12
#: lines a phrase rule put in a widget are no byline, whatever "by" they hold
WIDGET_LABELS = frozenset({Label.SHARE, Label.SUBSCRIBE, Label.COMMENTS, Label.RELATED, Label.COOKIE, Label.ADVERT})
#: a line of the page header read for a "by"-like byline has at most this many words
HEADER_BYLINE_WORDS = 15
#: a post meta line naming the author next to the date is looked for this many blocks under the headline
DATED_LINE_WINDOW = 3
#: languages that write all-numeric dates month first ("10/28/2024")
MONTH_FIRST = frozenset(load_json("dates.json")["numeric_month_first"])


@lru_cache(maxsize=1)
def _reading_time() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in load_json("dates.json")["reading_time"])


#: every reading-time pattern captures the minutes as a number (group 1, read by int()): a line without a digit
#: matches none of them
_DIGIT = re.compile(r"\d")


def reading_time(text: str) -> int | None:
    if not _DIGIT.search(text):
        return None
    for pattern in _reading_time():
        found = pattern.search(text)
        if found:
            return int(found.group(1))
    return None


#: a bare name line is looked for this many blocks either side of the headline, and has at most this many words
NAME_LINE_WINDOW = 2
NAME_LINE_WORDS = 12
#: a bare name line beside a date line is at most this long, and the date line has one of these labels
NAME_LINE_CHARS = 60
DATE_LABELS = frozenset({Label.METADATA, Label.DATELINE})
#: characters of text the language guess looks at (it reads at most a few hundred words)
LANGUAGE_SAMPLE = 3000


def _sample(texts: Iterable[str]) -> str:
    parts: list[str] = []
    size = 0
    for t in texts:
        parts.append(t)
        size += len(t)
        if size >= LANGUAGE_SAMPLE:
            break
    return " ".join(parts)


def _name_line(decisions: list[Decision], first_body: int) -> list[str]:
    """Authors from a bare name line under the headline ("Sarah Archer", "Dan Goodin - Apr 16, 2015"): only just
    after the title, in a short line that is names (and a date or separator) and nothing else."""
    title = next((i for i, d in enumerate(decisions[:first_body + 1]) if d.label is Label.TITLE), None)
    if title is None:
        return []
    for i in range(title + 1, min(len(decisions), title + NAME_LINE_WINDOW + 1)):  # bylines sit under headlines
        d = decisions[i]
        if i == title or d.label is Label.BODY or d.basis is Basis.PHRASE \
                or len(d.block.text.split()) > NAME_LINE_WORDS:
            continue
        names = authors(d.block.text, require_prefix=False)
        if names and d.block.text.lstrip().startswith(names[0].split()[0]) and all(map(plain_name, names)) \
                and all(map(known_first_name, names)):
            return names
    return []


def _name_by_date(decisions: list[Decision], first_body: int) -> list[str]:
    """Authors from a bare name line right above or below the story's date line in the page header ("Thomas Hanke"
    / "27.04.2020 - 18:50 Uhr"): news sites set author and date as two lines of one meta box."""
    lo, hi = max(0, first_body - HEADER_WINDOW), min(len(decisions), first_body + HEADER_AFTER)
    dates = [k for k in range(max(0, lo - 1), min(len(decisions), hi + 1)) if decisions[k].label in DATE_LABELS]
    if not dates:  # most pages: no date line in the header, nothing to stand beside
        return []
    beside = {k + step for k in dates for step in (-1, 1)}
    for i in sorted((k for k in beside if lo <= k < hi), key=lambda k: abs(k - first_body)):  # nearest first
        d = decisions[i]
        if d.label in WIDGET_LABELS or d.basis is Basis.PHRASE or len(d.block.text) > NAME_LINE_CHARS:
            continue
        name = bare_name(d.block.text)
        if name is not None:
            return [name]
    return []


def _dated_line(decisions: list[Decision], first_body: int) -> list[str]:
    """Authors from a post meta line just under the headline that gives a date and a name as separate fields
    ("Nike Jane – 14.09.2022 – Kolumne", "04.02.2022 | 13:10 Uhr | Uta Helkenberg")."""
    title = next((i for i, d in enumerate(decisions[:first_body + 1]) if d.label is Label.TITLE), None)
    if title is None:
        return []
    for d in decisions[title + 1: title + DATED_LINE_WINDOW + 1]:
        if d.label is not Label.BODY and len(d.block.text.split()) <= HEADER_BYLINE_WORDS:
            names = dated_line_names(d.block.text)
            if names and all(map(plain_name, names)):
                return names
    return []


def _split_byline(decisions: list[Decision], first_body: int) -> list[str]:
    """Authors from a byline split over two lines ("Von" / "Thomas Steinberg", "21.01.2022 11:46 von" / "Patrick
    Otte"): a header line ending with a byline prefix, and the next line read as what follows it."""
    lo = max(0, first_body - HEADER_WINDOW)
    for i in range(lo, min(len(decisions) - 1, first_body + HEADER_AFTER)):
        prefix = dangling_prefix(decisions[i].block.text)
        nxt = decisions[i + 1]
        if prefix is None or (nxt.label is Label.BODY and len(nxt.block.text.split()) > NAME_LINE_WORDS):
            continue
        names = authors(f"{prefix} {nxt.block.text}")
        if names and all(map(plain_name, names)):
            return names
    return []


def _dates(groups: Iterable[tuple[str, list[Decision]]], month_first: bool) -> tuple[tuple[str, str] | None,
                                                                                       tuple[str, str] | None]:
    """((ISO date, source) published, (ISO date, source) modified).

    Published: the first line with a date, in group order; in that line the date a cue calls the publication date
    ("Published:", "Veröffentlicht am"), else the first one without a cue. A line whose dates are all updates
    ("Updated: …", "mis à jour le …") is passed over, unless no line has another date. Modified: the first date a
    cue calls an update."""
    fallback: tuple[str, str] | None = None
    published: tuple[str, str] | None = None
    modified: tuple[str, str] | None = None
    for source, group in groups:
        for d in group:
            text = d.block.text
            after, plain, cued = 0, None, None
            for m in find_dates(text, month_first=month_first):
                role = date_role(text, m, after)
                after = m.end
                if role == "published" and cued is None:
                    cued = m.iso
                elif role == "updated" and modified is None:
                    modified = (m.iso, source)
                elif role is None and plain is None:
                    plain = m.iso
                if fallback is None:
                    fallback = (m.iso, source)
            chosen = cued or plain
            if published is None and chosen is not None:
                published = (chosen, source)
            if published is not None and modified is not None:
                return published, modified
    return published or fallback, modified


#: name rules read after the bylines, strongest evidence first, with the source each writes
NAME_RULES = ((_name_line, "text:name-line"), (_split_byline, "text:split-byline"), (_dated_line, "text:dated-line"),
              (_name_by_date, "text:name-by-date"))


def text_metadata(base: Metadata, decisions: list[Decision]) -> Metadata:
    """``base`` completed from the labelled blocks: language, headline, authors, dates, reading time."""
    meta = replace(base, authors=list(base.authors), tags=list(base.tags), sources=dict(base.sources))
    first_body = next((i for i, d in enumerate(decisions) if d.label is Label.BODY), len(decisions))
    _language(meta, decisions)
    month_first = meta.language in MONTH_FIRST
    if meta.title is None:
        _title(meta, decisions)
    # the page header: dropped blocks nearest the article start first (before it, then just after it)
    before = [d for d in decisions[max(0, first_body - HEADER_WINDOW): first_body] if d.label is not Label.BODY]
    after = [d for d in decisions[first_body: first_body + HEADER_AFTER] if d.label is not Label.BODY]
    header = before[::-1] + after
    bylines = [d for d in decisions if d.label is Label.BYLINE]
    if not meta.authors:
        _authors(meta, decisions, first_body, bylines, header)
    if meta.published is None:
        _dated(meta, decisions, bylines, header, month_first)
    if meta.published is None:
        _published_in_text(meta, decisions, first_body, month_first)
    if day := url_overrules(meta.published, meta.url):
        meta.published, meta.sources["published"] = day, "url"
    if meta.reading_time_minutes is None:
        for d in bylines + header:
            minutes = reading_time(d.block.text)
            if minutes:
                meta.reading_time_minutes, meta.sources["reading_time_minutes"] = minutes, "text:reading-time"
                break
    return meta


def _language(meta: Metadata, decisions: list[Decision]) -> None:
    """The language of the body text (of all the text when nothing is body), by stop words."""
    if meta.language is None:
        body_text = _sample(d.block.text for d in decisions if d.label is Label.BODY)
        meta.language = detect(body_text or _sample(d.block.text for d in decisions))
        if meta.language:
            meta.sources["language"] = "text:stop-words"


def _title(meta: Metadata, decisions: list[Decision]) -> None:
    found = rule_title(decisions)
    if found is not None:
        meta.title, meta.sources["title"] = decisions[found[0]].block.text, found[1]


def rule_title(decisions: Sequence[Decision]) -> tuple[int, str] | None:
    """The index of the headline by the rules, and its source: the page's one top-level heading, else the block
    labelled title, else the first top-level heading."""
    h1 = [i for i, d in enumerate(decisions) if d.block.kind is Kind.HEADING and d.block.level == 1]
    if len(h1) == 1:  # one top-level heading on the page: the headline, wherever the article run starts
        return h1[0], "text:h1"
    title = next((i for i, d in enumerate(decisions) if d.label is Label.TITLE), None)
    if title is None and h1:
        title = h1[0]
    return (title, "text:title") if title is not None else None


def _authors(meta: Metadata, decisions: list[Decision], first_body: int, bylines: list[Decision],
             header: list[Decision]) -> None:
    """The authors from the first byline that names someone, else a "by" in a header line, else the weaker name
    rules (:data:`NAME_RULES`), strongest first, until one names someone."""
    for d in bylines:
        names = authors(d.block.text, require_prefix=False)
        if names:
            meta.authors, meta.sources["authors"] = names, "byline"
            return
    for d in header:  # "22. Dezember 2019 von Peter Addor", "Posted 11 April 2018 by Jane Doe": a "by" inside
        if d.label in WIDGET_LABELS:  # "A post shared by Chateau La Coste": an embed, not the story's byline
            continue
        names = authors(d.block.text) if len(d.block.text.split()) <= HEADER_BYLINE_WORDS else []
        if names and all(map(full_name, names)):  # "Herstellung von Ameisensäure": no first and last name
            meta.authors, meta.sources["authors"] = names, "text:header-byline"
            return
    for rule, source in NAME_RULES:
        names = rule(decisions, first_body)
        if names:
            meta.authors, meta.sources["authors"] = names, source
            return


def _dated(meta: Metadata, decisions: list[Decision], bylines: list[Decision], header: list[Decision],
           month_first: bool) -> None:
    """Published and modified dates from the bylines, the page header, or date lines just after the article."""
    # the last body block, looked for from the end (the article ends before the page's footer)
    last_body = next((i for i in range(len(decisions) - 1, -1, -1) if decisions[i].label is Label.BODY),
                     len(decisions))
    footer = [d for d in decisions[last_body + 1: last_body + 1 + FOOTER_WINDOW] if d.label in FOOTER_DATE_LABELS]
    groups = (("byline", bylines), ("text:dateline", header), ("text:footer-date", footer))
    published, modified = _dates(groups, month_first)
    if published:
        meta.published, meta.sources["published"] = published
    if modified and meta.modified is None:
        meta.modified, meta.sources["modified"] = modified


def _published_in_text(meta: Metadata, decisions: list[Decision], first_body: int, month_first: bool) -> None:
    """A publication date kept in the article's text: a post meta line with a cued date ("Veröffentlicht:
    05.01.2020 | Autor: …"), else a dateline that opens the story ("31. Oktober 2023. Dragqueens sind …")."""
    for d in decisions[first_body: first_body + HEADER_AFTER]:
        if d.label is Label.BODY and len(d.block.text.split()) <= CUED_LINE_WORDS:
            cued = next((m for m in find_dates(d.block.text, month_first=month_first)
                         if date_role(d.block.text, m) == "published"), None)
            if cued is not None:
                meta.published, meta.sources["published"] = cued.iso, "text:cued-date"
                return
    lead = [d for d in decisions[first_body:] if d.label is Label.BODY][:LEAD_DATE_BLOCKS]
    for d in lead:
        m = find_date(d.block.text[:LEAD_DATE_MAX_START + 40], month_first=month_first)
        if m is not None and m.start <= LEAD_DATE_MAX_START:
            meta.published, meta.sources["published"] = m.iso, "text:lead-dateline"
            return
