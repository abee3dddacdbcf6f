"""Sign-up boxes found by structure: the largest small container around an e-mail field, or around a short
button-like link to a newsletter/subscription page, is a sign-up box whatever its class names say. The container
is hinted by the walk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: a sign-up box holds at most this many characters of text; a larger container is the page or the article
MAX_BOX_CHARS = 600
#: how far up from the e-mail field the box may start
MAX_LEVELS = 4
_CONTAINERS = frozenset({"div", "section", "aside", "form", "p", "fieldset", "li", "footer", "header"})


#: a sign-up link's text is a button label ("Sign up", "Jetzt abonnieren"), not a sentence
MAX_LINK_TEXT = 30
#: a sign-up link points at a page about newsletters or subscriptions: words its address holds (any case)
SIGNUP_HREF_WORDS = ("newsletter", "subscri", "signup", "sign-up", "abonn", "abbonament", "suscrip", "assinatura",
                     "prenumerat")
#: e-mail fields, then links whose address holds one of those words, in one query each (lexbor matches them in C)
_EMAIL_FIELDS = "input[type=email i]"
_SIGNUP_LINKS = ", ".join(f"a[href*={word} i]" for word in SIGNUP_HREF_WORDS)


def _signup_anchors(tree: Any) -> Iterator[tuple[Any, bool]]:
    """(element, whether it is an e-mail field) for each e-mail field and sign-up link."""
    for field in tree.css(_EMAIL_FIELDS):
        yield field, True
    for link in tree.css(_SIGNUP_LINKS):
        if len(link.text(deep=True).strip()) <= MAX_LINK_TEXT:
            yield link, False


def signup_boxes(tree: Any) -> dict[int, bool]:
    """The sign-up boxes of a parsed page (lexbor nodes), for the walk to hint: mem_id → whether the box is around
    an e-mail field (a sign-up form; else around a sign-up link, which a hero section's "Get started" is too)."""
    boxes: dict[int, bool] = {}
    for anchor, email in _signup_anchors(tree):
        box = None
        el = anchor.parent
        for _ in range(MAX_LEVELS):
            if el is None or el.tag in ("body", "html", "article", "main"):
                break
            if el.tag in _CONTAINERS:
                if len(el.text(deep=True)) > MAX_BOX_CHARS:
                    break
                box = el
            el = el.parent
        if box is not None:
            boxes[box.mem_id] = boxes.get(box.mem_id, False) or email
    return boxes
