"""bytes → str: BOM, then a charset the caller gives, then the page's declaration, then detection.

Knows nothing of HTML beyond reading a ``<meta charset>`` declaration.
"""

from __future__ import annotations

import codecs

from bs4.dammit import EncodingDetector
from charset_normalizer import from_bytes

from .errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: how much of the start of a page is searched for a charset declaration (the spec says 1024; real pages are sloppier)
DECLARATION_WINDOW = 4096


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _declared(data: bytes) -> str | None:
    head = data[:DECLARATION_WINDOW]
    declared = EncodingDetector.find_declared_encoding(head, is_html=True, search_entire_document=False)
    return _lookup(declared)


def decode(data: bytes | str, encoding: str | None = None) -> str:
    """Decode ``data`` to text. ``encoding`` (e.g. from an HTTP header) is trusted over the page's declaration."""
    if isinstance(data, str):
        return data
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    for name in (_lookup(encoding), _declared(data)):
        if name is None:
            continue
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue  # mislabelled: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    try:
        return data.decode("cp1252", errors="replace")
    except LookupError as exc:  # pragma: no cover - cp1252 always exists
        raise DecodeError(str(exc)) from exc
