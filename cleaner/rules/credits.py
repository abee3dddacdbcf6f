"""Photo credits: "(Name/AFP)", "Photo: Name", "Foto: dpa", "… Getty Images" → (caption text, credit)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import load_json

#: a caption is a sentence or two; longer lines ending in "(Reuters)" are article text quoting an agency
MAX_CAPTION_WORDS = 80
#: a credit names a person or an agency: a few words at most
MAX_CREDIT_WORDS = 8


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    data = load_json("credits.json")
    agencies = sorted(data["agencies"], key=len, reverse=True)
    leads = sorted(data["lead_words"], key=len, reverse=True)
    agency = "|".join(re.escape(a) for a in agencies)
    lead = "|".join(re.escape(w) for w in leads)
    # "(Kristina Kormilitsyna/POOL/AFP)", "(Photo: Jane Doe)", "(AP Photo/Evan Vucci)", "(Getty Images)"
    paren = re.compile(r"\(([^()]{2,120})\)\s*\.?\s*$")
    # "Photo: Jane Doe", "Foto: dpa", "© Reuters", "Photo by Jane Doe on Unsplash", "Bild: imago"
    after_lead = r"(?:\s*(?:[:©|]|(?:by|von|de|di|par|por)\b)\s*|\s+(?=(?-i:[A-Z©])))"
    led = re.compile(rf"(?:^|(?<=[\s.|,;]))(?:{lead}){after_lead}(.{{2,100}})$", re.IGNORECASE)
    # "... in Kyiv. Getty Images", "... | Reuters", "Jane Doe/AFP"
    tail = re.compile(rf"(?:^|[\s|.,;–—-])((?:[\w.'’ -]{{2,60}}/)*(?:{agency})(?:/[\w.'’ -]{{2,60}})*)\s*$")
    # longest first, then alphabetical: names are cut out of a credit in this order ("picture alliance" before
    # "alliance"), which must not depend on the hash seed or the output would differ between runs. Names of one
    # or two letters are never looked for (they occur inside any word)
    names = {a.lower() for a in agencies} | {w.lower() for w in leads}
    known = tuple(k for k in sorted(names, key=lambda k: (-len(k), k)) if len(k) > 2)
    return paren, led, tail, known


@lru_cache(maxsize=1)
def _agency_ends() -> tuple[str, ...]:
    """How a text the tail pattern matches ends, when it holds no "/": with an agency name, then only white space
    (the pattern's ``\\s*$``). A text that ends otherwise is not searched (the search tries every position)."""
    return tuple(a.rstrip() for a in load_json("credits.json")["agencies"])


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every agency name and credit lead word, lowercased (a set look-up per token is far
    cheaper than one big case-insensitive alternation)."""
    data = load_json("credits.json")
    firsts = {w.lower().split()[0].strip(".:") for w in data["agencies"] + data["lead_words"]}
    return frozenset(f for f in firsts if f)


_TOKEN = re.compile(r"\w+")


#: lowercase words a credit may hold ("AP Photo/Evan Vucci via Getty", "Photo: courtesy of the family")
_CREDIT_SMALL_WORDS = frozenset({"photo", "foto", "by", "via", "courtesy", "of", "the", "de", "di", "da", "von", "van",
                                 "for", "and", "und", "et", "y", "e", "i", "on", "photo:", "foto:", "fot.",
                                 # articles inside agency and club names ("Bildquelle: Ring der Landjugend")
                                 "der", "die", "das", "des", "la", "le", "les", "del", "do", "dos", "du"})


def _credit_like(inner: str, known: tuple[str, ...]) -> bool:
    low = inner.lower()
    rest = low
    cut = False  # True exactly when some known name is in ``low``: the first one found is cut from ``low`` itself
    for k in known:
        if k in rest:
            rest = rest.replace(k, " ")
            cut = True
    kept = set(rest.replace("/", " ").split())
    small = [w for w in inner.replace("/", " ").split()
             if w[:1].islower() and w in kept and w not in _CREDIT_SMALL_WORDS]
    if small:
        return False
    if cut or "©" in inner:
        return True
    # "Name Surname/Agency": capitalised words around a slash, one part a full name ("(Whitelist/Blacklist)" is not)
    parts = [p.strip() for p in inner.split("/")]
    return len(parts) >= 2 and all(p[:1].isupper() for p in parts if p) and len(inner.split()) <= MAX_CREDIT_WORDS \
        and any(len(p.split()) >= 2 for p in parts)


def split_credit(text: str, tokens: Iterable[str] | None = None) -> tuple[str, str] | None:
    """(caption text, credit) when ``text`` ends with a photo credit, else None."""
    if len(text) > MAX_CAPTION_WORDS * 12:
        return None
    if "©" not in text and not text.rstrip(" .").endswith(")") \
            and _first_words().isdisjoint(tokens if tokens is not None else _TOKEN.findall(text.lower())):
        return None  # every credit form has a closing parenthesis or a credit word: cheap test first
    if len(text.split()) > MAX_CAPTION_WORDS:
        return None
    paren, led, tail, known = _patterns()
    found = paren.search(text)
    if found and _credit_like(found.group(1), known) and len(found.group(1).split()) <= MAX_CREDIT_WORDS + 2:
        credit = re.sub(r"^(?:photo|foto|image|credit|bildquelle|bild)\s*:\s*", "", found.group(1).strip(), flags=re.I)
        return text[: found.start()].strip(), credit
    found = led.search(text)
    if found and len(found.group(1).split()) <= MAX_CREDIT_WORDS:
        return text[: found.start()].strip(" |-–—"), found.group(1).strip()
    found = tail.search(text) if "/" in text or text.rstrip().endswith(_agency_ends()) else None
    if found and len(found.group(1).split()) <= MAX_CREDIT_WORDS and text[: found.start()].strip():
        return text[: found.start()].strip(" |-–—"), found.group(1).strip()
    return None
