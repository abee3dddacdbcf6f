"""bytes → str, and str → clean str. Knows nothing of HTML beyond reading a charset declaration.

Order of evidence, strongest first (:func:`detect` reports which one decided, in ``Decoded.how``):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16/32 without a BOM: named by the caller, or recognised by NULs in a fixed byte lane;
3. bytes that are valid UTF-8 *and* contain non-ASCII sequences are UTF-8, whatever any label says: a page in a
   legacy charset is practically never valid UTF-8 by accident, while UTF-8 pages labelled ``iso-8859-1`` (a server
   default) or ``windows-1251`` (an old template) are common, and decoding them as labelled gives mojibake;
4. the charset the caller gives (``Options.encoding``, e.g. from an HTTP ``Content-Type`` header);
5. the page's own declaration (``<meta charset>``, ``http-equiv``, ``<?xml encoding?>``) in the first
   :data:`DECLARATION_WINDOW` bytes;
6. mostly-UTF-8 bytes with some invalid ones (a cp1252 snippet pasted into a UTF-8 page): UTF-8, each invalid byte
   read as cp1252 so nothing is lost;
7. detection (charset-normalizer), restricted to the charsets real web pages use, ties broken by web usage;
8. cp1252 (the web's historic default) byte by byte; it cannot fail.

Labels are read the way browsers read them (WHATWG Encoding Standard): ``iso-8859-1``/``ascii`` mean cp1252,
``gb2312``/``gbk`` mean GB18030, ``shift_jis`` means cp932, ``euc-kr`` means cp949, and so on. Labels that are not
text charsets a web page can use (``base64``, ``unicode_escape``, ``utf-7``, unknown names) are ignored.

Whatever the path, the text that comes out has no NUL or other C0 control characters (tab, newlines and form
feed excepted) and no lone surrogates: surrogate pairs in ``str`` input are joined, bytes smuggled in a ``str`` via
``surrogateescape`` are decoded properly, and any other lone surrogate becomes U+FFFD.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

from bs4.dammit import EncodingDetector
from charset_normalizer import from_bytes

from .binary import wide_text
from .errors import DecodeError, UsageError

#: how much of the start of a page is searched for a charset declaration (the spec says 1024; real pages put
#: long scripts and comments first)
DECLARATION_WINDOW = 4096
#: how much of an undeclared page charset detection reads: enough for a confident guess, bounded on 50 MB input
DETECTION_WINDOW = 256 * 1024
#: detection candidates within this "chaos" (charset-normalizer's mess score, 0..1) of the best count as a tie;
#: e.g. French in cp1252 and cp1250 both score 0.0 while only cp1252 reads "très" right
DETECTION_TIE = 0.02
#: 8-bit readings within this chaos of the best are compared by alphabet (see ``_ALPHABETS``); correct Italian in
#: cp1252 scores 0.034 against 0.0 for its cp1250 misreading, Czech in cp1252 vs cp1250 ties at 0.0
ALPHABET_TIE = 0.1
#: the multi-byte charsets among the detection candidates
_MULTIBYTE = frozenset({"cp932", "gb18030", "cp949", "euc_jp", "big5hkscs", "iso2022_jp"})
#: a declared legacy charset that fails strict decoding is kept (with U+FFFD for the bad bytes) while the bad
#: bytes are under this share: a few corrupt bytes in a real page, not a wrong label
DECLARED_ERROR_SHARE = 0.005

#: stray non-UTF-8 bytes in a mostly-UTF-8 page read one by one as cp1252 (a Python call each); past this many,
#: (a hostile or corrupt file, not a pasted snippet) they become U+FFFD in one C pass instead
MAX_STRAY_BYTES = 10_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: labels browsers know that Python's codec registry does not
_ALIASES = {
    "windows-31j": "cp932", "x-sjis": "cp932", "windows-874": "cp874", "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-roman": "mac-roman", "x-gbk": "gbk", "iso-8859-8-i": "iso8859-8", "utf8mb4": "utf-8",
    "x-euc-jp": "euc_jp", "x-cp1250": "cp1250", "x-cp1251": "cp1251", "x-cp1252": "cp1252",
}
#: charsets a web page can be in (WHATWG Encoding Standard), by Python codec name → the codec to decode with
#: (the WHATWG superset where a label means more than its name: latin-1 pages are decoded as cp1252, etc.)
_WEB_CODECS = {
    "utf-8": "utf-8", "ascii": "cp1252", "iso8859-1": "cp1252", "cp1252": "cp1252", "iso8859-9": "cp1254",
    "iso8859-11": "cp874", "tis-620": "cp874", "cp874": "cp874",
    **{f"iso8859-{n}": f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **{f"cp{n}": f"cp{n}" for n in range(1250, 1259) if n != 1252},
    "koi8-r": "koi8-r", "koi8-u": "koi8-u", "cp866": "cp866", "mac-roman": "mac-roman", "mac-cyrillic": "mac-cyrillic",
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs", "big5hkscs": "big5hkscs",
    "shift_jis": "cp932", "cp932": "cp932", "euc_jp": "euc_jp", "iso2022_jp": "iso2022_jp",
    "euc_kr": "cp949", "cp949": "cp949",
    "utf-16": "utf-16-le", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be",  # no BOM: WHATWG says LE
    "utf-32": "utf-32-le", "utf-32-le": "utf-32-le", "utf-32-be": "utf-32-be",
}
#: Python text codecs that are transformations, not charsets a document is stored in
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "punycode", "idna", "utf-7", "undefined",
                           "mbcs", "oem", "palmos"})
#: a page that declares a wide charset in ASCII-readable markup is not in it (WHATWG: treat as UTF-8)
_WIDE = frozenset({"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})
#: detection candidates, most used on the web first (W3Techs usage ranking); the order breaks near-ties
_DETECTABLE = (
    "cp1252", "cp1251", "cp932", "gb18030", "cp949", "euc_jp", "cp1250", "iso8859-2", "big5hkscs", "cp1254",
    "cp1256", "iso8859-15", "cp874", "cp1253", "iso8859-7", "koi8-r", "cp1255", "cp1257", "cp1258", "iso8859-5",
    "koi8-u", "iso2022_jp",
)
#: the 8-bit charsets of Latin-script languages, most used on the web first (see _latin_script)
_LATIN = ("cp1252", "cp1250", "iso8859-2", "cp1254", "iso8859-15", "cp1257")
#: a Latin-script page has at least this many ASCII letters per non-ASCII byte (English with a few accents: 50+)
LATIN_ASCII_RATIO = 4
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_IN_WORD_RUN = re.compile(rb"(?<=[A-Za-z])[\x80-\xff]+|[\x80-\xff]+(?=[A-Za-z])")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: charset-normalizer spells some codecs its own way
#: the non-ASCII letters of the languages written in the legacy 8-bit charsets (lower case). Two charsets that
#: charset-normalizer cannot tell apart (Czech in cp1250 and cp1252 both score "no chaos") are told apart by which
#: decoding reads as one real alphabet: Czech as cp1250 is all Czech letters, as cp1252 a mix (ø, ì, ò, š) that
#: no language writes. From the languages' standard alphabets.
_ALPHABETS = (
    "àâæçéèêëîïôœùûüÿ", "äöüß", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóùú", "éèëïóöü", "åäöé", "æøåé", "äöå",
    "áðéíóúýþæö", "àçèéíïòóúü", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "ąćęłńóśźż", "áéíóöőúüű", "ăâîșțşţ",
    "čćđšž", "çğıöşü", "äõöüšž", "āčēģīķļņšūž", "ąčęėįšųūž", "абвгдежзийклмнопрстуфхцчшщъыьэюяё",
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "абвгдђежзијклљмнњопрстћуфхцчџш",
    "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
    "".join(map(chr, range(0x05D0, 0x05EB))),  # Hebrew
    "".join(map(chr, range(0x0621, 0x064B))) + "پچژکگی",  # Arabic and Persian
    "".join(map(chr, range(0x0E01, 0x0E4F))),  # Thai
)
_CN_NAMES = {"iso8859_2": "iso8859-2", "iso8859_15": "iso8859-15", "iso8859_7": "iso8859-7", "iso8859_5": "iso8859-5",
             "koi8_r": "koi8-r", "koi8_u": "koi8-u", "shift_jis": "cp932", "gb2312": "gb18030", "big5": "big5hkscs",
             "euc_kr": "cp949", "latin_1": "cp1252", "iso8859_1": "cp1252", "utf_8": "utf-8", "ascii": "cp1252"}

#: one valid non-ASCII UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF)
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
#: every byte but the C1 range 0x80-0x9F
_NOT_C1_BYTES = bytes(range(0x80)) + bytes(range(0xA0, 0x100))
#: C0 controls that are never text (tab, LF, VT, FF, CR are), and DEL: removed from every decoded text
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
_CONTROLS = dict.fromkeys((*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F))
_CONTROL_STRS = tuple(map(chr, _CONTROLS))  # the characters _CONTROL_CHARS matches
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")
_ERRORS = "cleaner-cp1252-fallback"


#: cp1252 as browsers read it: its five unassigned bytes (0x81 0x8D 0x8F 0x90 0x9D) as the same-numbered code points
_CP1252_TABLE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def _cp1252(data: bytes) -> str:
    """Decode with :data:`_CP1252_TABLE` (in C; it cannot fail)."""
    return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the offending bytes as cp1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _cp1252(exc.object[exc.start:exc.end]), exc.end


codecs.register_error(_ERRORS, _cp1252_fallback)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text and how it was got: ``encoding`` (a Python codec name) and ``how`` (which evidence decided)."""

    text: str
    encoding: str
    how: str


def web_codec(label: str | None) -> str | None:
    """The codec a browser would decode ``label`` with, or ``None`` for a label no web page may use."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a label with a NUL in it
        return None
    return _WEB_CODECS.get(info.name)


def _caller_codec(label: str | None) -> str | None:
    """The codec for a charset the caller names: a web charset as browsers read it, or any other text codec
    (cp437 for an old text file). A name that is no text codec at all is a mistake worth reporting, not ignoring."""
    if label is None or not label.strip():
        return None
    codec = web_codec(label)
    if codec is not None:
        return codec
    name = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        raise DecodeError(f"unknown charset {label!r} (Options.encoding / --encoding)")
    return info.name


def check_charset(label: str) -> None:
    """Raise :class:`~cleaner.errors.UsageError` when ``label`` names no text charset (what ``Options`` and the
    command line check up front, so that a typo fails before any work, not on every page)."""
    try:
        _caller_codec(label)
    except DecodeError as exc:
        raise UsageError(str(exc)) from None


def _declared(data: bytes) -> str | None:
    head = data[:DECLARATION_WINDOW]
    try:
        label = EncodingDetector.find_declared_encoding(head, is_html=True, search_entire_document=False)
    except (ValueError, LookupError):  # pragma: no cover - bs4 returns None for what it cannot read
        return None
    codec = web_codec(label)
    return "utf-8" if codec in _WIDE else codec


def _utf8_share(data: bytes) -> tuple[int, int]:
    """(high bytes inside valid UTF-8 sequences, high bytes outside them) over the detection window."""
    window = data[:DETECTION_WINDOW]
    high = len(window) - len(window.translate(None, _HIGH_BYTES))
    covered = sum(len(m) for m in _UTF8_MULTI.findall(window))
    return covered, high - covered


def _window(data: bytes) -> bytes:
    """The start of ``data`` cut after a byte below 0x40, which no multi-byte charset uses as a trail byte."""
    if len(data) <= DETECTION_WINDOW:
        return data
    cut = max(data.rfind(bytes([b]), 0, DETECTION_WINDOW) for b in b"\n >")
    return data[: cut + 1] if cut > 0 else data[:DETECTION_WINDOW]


def _latin_script(window: bytes) -> bool:
    """Whether the non-ASCII bytes are a handful of accented letters in Latin-script words, not words of their own.

    In a legacy 8-bit charset, Cyrillic, Greek, Hebrew, Arabic or Thai words are whole runs of high bytes (the
    median run in Russian is ~5 bytes), as are runs of CJK characters (2+ bytes each); in Latin-script text the high
    bytes are single letters among ASCII ones (Caf\xe9, pr\xedli\x9a), so the median run is one byte. Also required:
    the text is mostly ASCII letters. charset-normalizer has too little to go on then and reads "Caf\xe9 ... \x80\x81"
    as KOI8-R ("CafИ ... ─│"); see :func:`_latin_codec`."""
    runs = sorted(len(run) for run in _HIGH_RUN.findall(window))
    if not runs:
        return False
    ascii_letters = len(window) - len(window.translate(None, _ASCII_LETTERS))
    return runs[(len(runs) - 1) // 2] == 1 and ascii_letters >= LATIN_ASCII_RATIO * sum(runs)


def _latin_codec(window: bytes) -> str:
    """The Latin-script charset in which the accented letters read as one language's alphabet; cp1252 (the Western
    default, and the most used) wins ties. Only the bytes inside words count: a stray run between spaces (broken
    bytes, "\xff\xfe") is no letter in any charset and would only add noise."""
    letters = b" ".join(_IN_WORD_RUN.findall(window))

    def key(codec: str) -> tuple[float, int]:
        return -round(_alphabet_score(letters.decode(codec, errors="replace")), 2), _LATIN.index(codec)

    candidates = list(_LATIN)
    if not window.translate(None, _NOT_C1_BYTES):  # as in _detect_codec: no bytes in 0x80-0x9F, not cp1250
        candidates.remove("cp1250")
    return min(candidates, key=key)


def _detect_codec(data: bytes) -> str | None:
    """charset-normalizer's guess among web charsets; near-ties go to the one more used on the web."""
    window = _window(data)
    if _latin_script(window):
        return _latin_codec(window)
    matches = list(from_bytes(window, cp_isolation=list(_DETECTABLE)))
    candidates: list[tuple[float, str]] = []
    coherence: dict[str, float] = {}
    for match in matches:
        codec = web_codec(_CN_NAMES.get(match.encoding, match.encoding))
        if codec is not None:
            candidates.append((match.chaos, codec))
            coherence[codec] = max(match.coherence, coherence.get(codec, 0.0))
    if not candidates:
        return None
    best = min(chaos for chaos, _ in candidates)
    tied = [codec for chaos, codec in candidates if chaos <= best + DETECTION_TIE]
    multibyte = [codec for codec in _DETECTABLE if codec in tied and codec in _MULTIBYTE]
    if multibyte:  # text that is valid in a multi-byte charset without mess is very unlikely to be anything else
        return multibyte[0]
    # 8-bit charsets: charset-normalizer's mess score is noisy here (correct Italian in cp1252 scores worse than the
    # same bytes read as cp1250), so every 8-bit reading close to the best is judged by how it reads
    chaos_of: dict[str, float] = {}
    for chaos, codec in candidates:
        if chaos <= best + ALPHABET_TIE and codec not in _MULTIBYTE:
            chaos_of[codec] = min(chaos, chaos_of.get(codec, chaos))
    # ISO-8859-2 and cp1250 share most letters; only cp1250 puts letters (š ž ś ź) in 0x80-0x9F, where
    # ISO-8859-2 has control codes. No bytes there: it is not cp1250 text.
    if {"cp1250", "iso8859-2"} <= chaos_of.keys() and not window.translate(None, _NOT_C1_BYTES):
        del chaos_of["cp1250"]
    rank = {codec: i for i, codec in enumerate(_DETECTABLE)}

    def key(codec: str) -> tuple[float, float, float, int]:
        # reads as one alphabet first; then less mess (Greek read as cp1251 is all Cyrillic letters, but messier);
        # then words that look like a language (Hebrew read as cp1251 is all Cyrillic letters without mess, but
        # charset-normalizer's letter-frequency coherence finds no language in it); then the more used charset
        score = _alphabet_score(window.decode(codec, errors="replace"))
        return -round(score, 2), chaos_of[codec], -round(coherence.get(codec, 0.0), 2), rank.get(codec, len(rank))

    return min(chaos_of, key=key)


def _alphabet_score(text: str) -> float:
    """The largest share of ``text``'s non-ASCII letters that one language's alphabet covers (1.0: none)."""
    counts = Counter(ch for ch in text.lower() if not ch.isascii() and ch.isalpha())
    total = sum(counts.values())
    if not total:
        return 1.0
    return max(sum(counts[ch] for ch in alphabet) for alphabet in _ALPHABETS) / total


def _wide(data: bytes) -> Decoded | None:
    """BOM-less UTF-16/32, told by the lanes its NULs fall in (ASCII-range UTF-16 LE: every odd byte is NUL)."""
    head = data[:DECLARATION_WINDOW]
    if not wide_text(head):
        return None
    if head[2::4].count(0) + head[3::4].count(0) > len(head) // 3:  # two of four lanes mostly NUL: UTF-32
        codec = "utf-32-le" if head[3::4].count(0) > head[0::4].count(0) else "utf-32-be"
    else:
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    return Decoded(data.decode(codec, errors="replace"), codec, "UTF-16/32 without BOM")


def _undeclared(data: bytes, why: str) -> Decoded:
    """Steps 6-8: no usable label (or a wrong one)."""
    covered, invalid = _utf8_share(data)
    if covered > invalid:
        replaced = data.decode("utf-8", errors="replace")
        if replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd") > MAX_STRAY_BYTES:
            return Decoded(replaced, "utf-8", f"{why}; mostly UTF-8, too many bad bytes to recover: replaced")
        return Decoded(data.decode("utf-8", errors=_ERRORS), "utf-8", f"{why}; mostly UTF-8, stray bytes as cp1252")
    detected = _detect_codec(data)
    if detected is not None:
        return Decoded(data.decode(detected, errors="replace"), detected, f"{why}; detected")
    return Decoded(_cp1252(data), "cp1252", f"{why}; cp1252 fallback")


def _labelled(data: bytes, codec: str, source: str) -> Decoded:
    """Decode with a label's codec; a label the bytes contradict falls through to detection."""
    try:
        return Decoded(data.decode(codec), codec, source)
    except UnicodeDecodeError:
        pass
    if codec != "utf-8":
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")  # a legacy charset has no byte sequence for U+FFFD: each one is a bad byte
        if bad <= max(1, len(data) * DECLARED_ERROR_SHARE):
            return Decoded(text, codec, f"{source}, {bad} bad byte(s) replaced")
    return _undeclared(data, f"{source} ({codec}) contradicted by the bytes")


def _from_bytes(data: bytes, caller: str | None) -> Decoded:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name.removesuffix("-sig"), "byte-order mark")
    if caller in _WIDE:  # UTF-16/32 from the caller (an HTTP header): their ASCII-range bytes are valid UTF-8 too
        return Decoded(data.decode(caller, errors="replace"), caller, "caller's charset")
    wide = _wide(data)
    if wide is not None:
        return wide
    label_codecs = ((caller, "caller's charset"), (_declared(data), "declared in the page"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not text.isascii():
            return Decoded(text, "utf-8", "valid UTF-8")
        for codec, source in label_codecs:  # ASCII bytes: a 7-bit charset (ISO-2022-JP) may still apply
            if codec is not None and codec not in _WIDE:
                return _labelled(data, codec, source)
        return Decoded(text, "utf-8", "ASCII")
    for codec, source in label_codecs:
        if codec is not None:
            return _labelled(data, codec, source)
    return _undeclared(data, "no charset given or declared")


def _from_str(text: str) -> Decoded:
    if not _SURROGATE.search(text):
        return Decoded(text, "str", "given as text")
    # join surrogate pairs (text that went through UTF-16 or JSON "\ud83d\ude00"); leave lone ones as they are
    joined = text.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="surrogatepass")
    lone = _SURROGATE.findall(joined)
    if lone and all(_ESCAPED_BYTE.match(ch) for ch in lone):
        # bytes carried by os.fsdecode / surrogateescape: turn them back into bytes and decode those properly
        decoded = _from_bytes(joined.encode("utf-8", errors="surrogateescape"), None)
        return Decoded(decoded.text, decoded.encoding, f"surrogate-escaped bytes in text: {decoded.how}")
    if lone:
        return Decoded(_SURROGATE.sub("\ufffd", joined), "str", "given as text, lone surrogates replaced")
    return Decoded(joined, "str", "given as text, surrogate pairs joined")


def _tidy(decoded: Decoded) -> Decoded:
    text = decoded.text
    # a substring test per control character: one fast scan each, ~8x cheaper in all than the regex search
    if any(ch in text for ch in _CONTROL_STRS):
        # str.translate has an ASCII fast path (5x faster than the regex there); the regex wins on other text
        text = text.translate(_CONTROLS) if text.isascii() else _CONTROL_CHARS.sub("", text)
    if text.startswith("\ufeff"):  # a BOM inside str input, or a second one after the bytes' own
        text = text[1:]
    return Decoded(text, decoded.encoding, decoded.how) if text is not decoded.text else decoded


def detect(data: bytes | str, encoding: str | None = None) -> Decoded:
    """Decode ``data`` and say how (see the module docstring).

    Raises only :class:`DecodeError`, and only for an ``encoding`` that names no text charset.
    """
    caller = _caller_codec(encoding)  # checked for str input too: a wrong name is a mistake either way
    try:
        decoded = _from_str(data) if isinstance(data, str) else _from_bytes(bytes(data), caller)
    except (UnicodeError, LookupError) as exc:  # pragma: no cover - every path above decodes leniently
        raise DecodeError(f"the input could not be decoded: {exc}") from exc
    return _tidy(decoded)


def decode(data: bytes | str, encoding: str | None = None) -> str:
    """Decode ``data`` to clean text. ``encoding`` (e.g. from an HTTP header) wins over the page's declaration."""
    return detect(data, encoding).text
