"""A small language guesser: script first (CJK, Greek, Arabic, ...), then stop-word hits per language."""

from __future__ import annotations

import re
from collections import Counter

from . import stopword_languages, stopwords

#: tokens looked at: enough for a stable count, cheap on long pages
MAX_TOKENS = 1500
#: fewest stop-word hits for a guess; below that the text is too short or in a language without a list
MIN_HITS = 5
#: share of the letters a script must have to decide by itself
SCRIPT_SHARE = 0.3

_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_UKRAINIAN_LETTERS = re.compile(r"[іїєґ]", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or None when unsure."""
    sample = text[: MAX_TOKENS * 8]
    letters = sum(1 for c in sample if c.isalpha()) or 1
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) / letters >= SCRIPT_SHARE:
            if code == "zh" and _SCRIPTS[0][1].search(sample):
                return "ja"
            return code
    tokens = _WORD.findall(sample.lower())[:MAX_TOKENS]
    hits: Counter[str] = Counter()
    for lang in stopword_languages():
        words = stopwords(lang)
        hits[lang] = sum(1 for t in tokens if t in words)
    if not hits:
        return None
    lang, count = hits.most_common(1)[0]
    if count < MIN_HITS:
        return None
    if lang in ("ru", "uk") and _CYRILLIC.search(sample):
        return "uk" if len(_UKRAINIAN_LETTERS.findall(sample)) > len(tokens) / 50 else "ru"
    return lang
