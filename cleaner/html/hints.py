"""What an element's tag, class and id say about the text inside it (data: rules/html/hints.json)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Label
from ..rules import load_json

#: a class/id string longer than this is generated noise (CSS-in-JS hashes, utility soups): only its first part
#: is read, which bounds the regex cost per element
MAX_CLASS_CHARS = 300


def _data() -> dict[str, object]:
    return load_json("html/hints.json")


@lru_cache(maxsize=1)
def skip_tags() -> frozenset[str]:
    """Elements that never hold article text; they are dropped with their subtree."""
    data = _data()["skip"]
    assert isinstance(data, list)
    return frozenset(data)


@lru_cache(maxsize=1)
def tag_labels() -> dict[str, Label]:
    data = _data()["tags"]
    assert isinstance(data, dict)
    return {tag: Label(label) for label, tags in data.items() for tag in tags}


@lru_cache(maxsize=1)
def _class_pattern() -> tuple[re.Pattern[str], list[Label]]:
    data = _data()["classes"]
    assert isinstance(data, dict)
    labels = [Label(name) for name in data]
    groups = "|".join(f"(?P<g{i}>{'|'.join(pats)})" for i, pats in enumerate(data.values()))
    return re.compile(groups), labels


_LOOKAROUND = re.compile(r"\(\?<?[!=][^()]*\)")
_PLAIN_GROUP = re.compile(r"\(\?:([a-z0-9-]+(?:\|[a-z0-9-]+)*)\)")  # (?:a|b|c) of literals
_LEADING_RUN = re.compile(r"[a-z0-9-]+")


def leading_literals(pattern: str) -> list[str]:
    """Regexes one of which matches wherever a match of ``pattern`` starts: the literal it begins with (leading
    lookarounds dropped; each option of a leading group), else ``pattern`` itself."""
    p = pattern
    while (look := _LOOKAROUND.match(p)) is not None:
        p = p[look.end():]
    group = _PLAIN_GROUP.match(p)
    rest = p[group.end():] if group is not None else p
    if "|" in _PLAIN_GROUP.sub("", rest):  # an alternation that may start anywhere: no leading literal
        return [pattern]
    if group is not None:
        return [pattern] if rest[:1] in ("?", "*", "{") else [re.escape(o) for o in group.group(1).split("|")]
    run = _LEADING_RUN.match(p)
    literal = run.group(0) if run is not None else ""
    if literal and p[len(literal):len(literal) + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # its last character is optional
    return [re.escape(literal)] if literal else [pattern]


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str]:
    """Where a match of the class pattern can start: the alternatives' leading literals, in one alternation."""
    data = _data()["classes"]
    assert isinstance(data, dict)
    return re.compile("|".join(sorted({lead for pats in data.values() for p in pats for lead in leading_literals(p)})))


def _class_search(attrs: str) -> re.Match[str] | None:
    """``_class_pattern()[0].search(attrs)``, trying the full pattern only where a leading literal is: most class
    strings hold none, or few."""
    pattern = _class_pattern()[0]
    starts = _starts()
    pos = 0
    while (start := starts.search(attrs, pos)) is not None:
        found = pattern.match(attrs, start.start())  # lookbehinds still see the text before the start
        if found is not None:
            return found
        pos = start.start() + 1
    return None


@lru_cache(maxsize=1)
def _positive() -> re.Pattern[str]:
    data = _data()["positive"]
    assert isinstance(data, list)
    return re.compile("|".join(data))


@lru_cache(maxsize=1)
def _taxonomy() -> re.Pattern[str]:
    data = _data()["taxonomy"]
    assert isinstance(data, str)
    return re.compile(data)


#: class strings repeat across a page and across pages: their verdicts are remembered (bounded)
CACHE_SIZE = 4096


@lru_cache(maxsize=CACHE_SIZE)
def class_label(attrs: str) -> tuple[Label, str] | None:
    """The widget a lowercased 'class id' string names, with the matching part; None for article or neutral."""
    attrs = attrs[:MAX_CLASS_CHARS]
    if "-" in attrs:
        attrs = _taxonomy().sub("", attrs)
    found = _class_search(attrs)
    if found is None or _positive().search(attrs):
        return None
    index = int(found.lastgroup[1:]) if found.lastgroup else 0
    return _class_pattern()[1][index], found.group(0)


@lru_cache(maxsize=1)
def post_author() -> re.Pattern[str]:
    """Class/id patterns naming the author element of a forum post (a lowercased 'class id' string)."""
    data = _data()["post_author"]
    assert isinstance(data, list)
    return re.compile("|".join(data))


@lru_cache(maxsize=1)
def _panels() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    data = _data()["panels"]
    assert isinstance(data, dict)
    return frozenset(data["roles"]), re.compile(data["classes"]), re.compile(data["shown_ids"])


def revealable(attrs: dict[str, str | None]) -> bool:
    """A hidden element the page shows on a click (a tab panel, an accordion's answer): by its role or its class/id
    (rules/html/hints.json 'panels')."""
    roles, classes, _ = _panels()
    if attrs.get("role") in roles:
        return True
    words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()[:MAX_CLASS_CHARS]
    return classes.search(words) is not None


def moved_into_place(attrs: dict[str, str | None]) -> bool:
    """A hidden element whose content a script moves into the page (React's streamed boundaries, id "S:0")."""
    element_id = attrs.get("id")
    return bool(element_id) and _panels()[2].match(element_id or "") is not None
