"""Sign-up boxes found by structure: the smallest container around an e-mail field, when it holds little text, is
a newsletter/subscribe box whatever its class names say. The container is marked for the segmenter."""

from __future__ import annotations

from typing import Any

#: attribute the segmenter reads (set on our own parsed tree only, never serialised)
MARK = "data-cleaner-widget"
#: a sign-up box holds at most this many characters of text; a larger container is the page or the article
MAX_BOX_CHARS = 600
#: how far up from the e-mail field the box may start
MAX_LEVELS = 4
_CONTAINERS = frozenset({"div", "section", "aside", "form", "p", "fieldset", "li", "footer", "header"})


def mark_signup_boxes(root: Any) -> None:
    for field in root.iter("input"):
        if (field.get("type") or "").lower() != "email":
            continue
        box = None
        el = field.getparent()
        for _ in range(MAX_LEVELS):
            if el is None or el.tag in ("body", "html", "article", "main"):
                break
            if el.tag in _CONTAINERS:
                if len(el.text_content()) > MAX_BOX_CHARS:
                    break
                box = el
            el = el.getparent()
        if box is not None:
            box.set(MARK, "subscribe")
