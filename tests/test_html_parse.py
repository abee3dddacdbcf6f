"""The parse step: what a reader's browser would show, including pages that need a script or no script."""

from __future__ import annotations

import cleaner

PARA = "<p>" + "The council met on Tuesday and voted to fund the new bridge over the river. " * 4 + "</p>"


def _body(html: str) -> str:
    return cleaner.clean(html, options=cleaner.Options(format="html")).body or ""


def test_noscript_dropped_when_the_page_has_its_own_text() -> None:
    html = f"<html><body><main>{PARA * 3}</main><noscript><p>Please enable JavaScript to read comments on this " \
           "site, it is needed for the comment widget to load and work properly.</p>" * 3 + "</noscript></body></html>"
    body = _body(html)
    assert "council met" in body
    assert "enable JavaScript" not in body


def test_noscript_kept_when_it_is_the_whole_page() -> None:
    # a forum's crawler view: the posts are only in <noscript>, the rest of the body is an empty app shell
    html = f"<html><body><div id='app'></div><noscript><div class='post'>{PARA * 3}</div></noscript></body></html>"
    assert "council met" in _body(html)


def test_hidden_bulk_of_the_page_is_revealed() -> None:
    # a streamed server render parks the article in a hidden element; a script moves it in place
    html = f"<html><body><nav><a href='/'>Home</a></nav><div hidden id='S:0'><article>{PARA * 4}</article></div>" \
           "</body></html>"
    assert "council met" in _body(html)


def test_page_hidden_until_its_scripts_run_is_revealed() -> None:
    # a framework hides the whole page (visibility:hidden) until its scripts run; its own hidden menu stays hidden
    html = "<html><body><div id='__next'><div style='visibility:hidden;min-height:100vh'>" \
           "<div style='display:none'><p>Hidden mobile menu text that nobody sees on the page.</p></div>" \
           f"<article>{PARA * 4}</article></div></div></body></html>"
    body = _body(html)
    assert "council met" in body
    assert "mobile menu" not in body


def test_small_hidden_element_stays_hidden() -> None:
    html = f"<html><body><article>{PARA * 4}</article><div style='display: none'><p>Secret menu text that " \
           "nobody sees on the page.</p></div></body></html>"
    body = _body(html)
    assert "council met" in body
    assert "Secret menu" not in body
