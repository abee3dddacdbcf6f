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


def core_literal(pattern: str) -> str:
    """The longest run of letters every match of ``pattern`` must contain (lookarounds, groups and optional
    characters dropped): a cheap substring test that spares the full regex on almost every element."""
    p = re.sub(r"\(\?<?[!=][^)]*\)", "", pattern)
    p = re.sub(r"\(\?:[^)]*\)", " ", p)
    p = re.sub(r".\?", " ", p)
    pieces = re.findall(r"[a-z]+", p)
    return max(pieces, key=len) if pieces else ""


@lru_cache(maxsize=1)
def _cores() -> re.Pattern[str]:
    data = _data()["classes"]
    assert isinstance(data, dict)
    cores = {core_literal(p) for pats in data.values() for p in pats}
    return re.compile("|".join(re.escape(c) for c in sorted(cores, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _positive() -> re.Pattern[str]:
    data = _data()["positive"]
    assert isinstance(data, list)
    return re.compile("|".join(data))


#: class strings repeat across a page and across pages: their verdicts are remembered (bounded)
CACHE_SIZE = 4096


@lru_cache(maxsize=CACHE_SIZE)
def class_label(attrs: str) -> tuple[Label, str] | None:
    """The widget a lowercased 'class id' string names, with the matching part; None for article or neutral."""
    attrs = attrs[:MAX_CLASS_CHARS]
    if not _cores().search(attrs):
        return None
    pattern, labels = _class_pattern()
    found = pattern.search(attrs)
    if found is None or _positive().search(attrs):
        return None
    index = int(found.lastgroup[1:]) if found.lastgroup else 0
    return labels[index], found.group(0)
