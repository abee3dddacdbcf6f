"""Is this a web page at all? Magic numbers and control-byte share, checked before any decoding.

``identify(head)`` names what a non-page looks like ("a PDF document", "a PNG image", ...) or returns ``None``.
It is cheap (it looks at the first :data:`HEAD_BYTES` bytes only) and conservative: a file is called binary only
on an exact signature or when control bytes make up a share of its start that no text encoding produces.
"""

from __future__ import annotations

import re

#: bytes looked at: every signature below sits in the first 300 bytes (tar's "ustar" at 257); the control-byte
#: share is measured over the same window, enough to be stable and small enough to stay cheap on 50 MB inputs
HEAD_BYTES = 4096

#: control bytes that no text encoding (UTF-8, the legacy 8-bit sets, Shift_JIS, GB18030, Big5, EUC-*, ISO-2022-*)
#: puts in text: C0 except NUL (counted apart), TAB, LF, VT, FF, CR, SO, SI (ISO-2022-KR) and ESC (ISO-2022-JP,
#: ANSI colours), plus DEL
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
#: share of those control bytes in the head above which the input is binary. Random and compressed data have
#: ~9.4% (24 of 256 byte values); text has none
BINARY_CONTROL_SHARE = 0.02
#: share of NUL bytes above which the input is binary (executables, images, databases are full of them). Text with
#: stray NULs (a damaged file, a hostile page) stays well under it and is cleaned with the NULs removed
BINARY_NUL_SHARE = 0.25
#: UTF-16/32 text without a BOM is full of NULs in a fixed lane; this share of one lane being NUL (and
#: under :data:`_QUIET_LANE` in the others) means "wide text", not binary: ASCII-range UTF-16 has 100% in one lane
_WIDE_LANE = 0.3
_QUIET_LANE = 0.05

# (signature at offset 0, what it looks like). Order matters only where one prefix extends another.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon (ICO) image"),
    (b"8BPS", "a Photoshop image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),  # confirmed by _BZIP2 below
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (Word, Excel or PowerPoint)"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xca\xfe\xba\xbe", "a Java class file or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "an executable (Mach-O)"),
    (b"\x00asm", "a WebAssembly module"),
    (b"wOFF", "a web font (WOFF)"),
    (b"wOF2", "a web font (WOFF2)"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3", "an MP3 audio file"),  # confirmed by _ID3 below
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (b"%!PS", "a PostScript document"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_ID3 = re.compile(rb"ID3[\x02-\x04]\x00")
#: ISO base media files (MP4, MOV, HEIC, AVIF): a box size, then "ftyp" and a brand
_FTYP_BRANDS = {b"avif": "an AVIF image", b"avis": "an AVIF image", b"heic": "a HEIC image",
                b"heix": "a HEIC image", b"mif1": "a HEIF image", b"qt  ": "a QuickTime video"}
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
#: zip-based formats, told apart by the names of their first entries
_ZIP_KINDS = (
    (b"word/", "a Word document (docx)"),
    (b"xl/", "an Excel workbook (xlsx)"),
    (b"ppt/", "a PowerPoint presentation (pptx)"),
    (b"mimetypeapplication/epub+zip", "an EPUB e-book"),
    (b"mimetypeapplication/vnd.oasis.opendocument", "an OpenDocument file"),
    (b"META-INF/", "a Java archive (jar)"),
    (b"[Content_Types].xml", "a Microsoft Office document"),
)
_SVG = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*(?:<!DOCTYPE\s+svg[^>]{0,500}>\s*)?"
    rb"<svg[\s>]",
    re.IGNORECASE | re.DOTALL,
)
#: signatures that are also plausible text starts ("BM", "MZ") count only when the head is binary-looking too
_WEAK_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows executable"),
    (b"BM", "a BMP image"),
    (b"\x00\x01\x00\x00", "a font file (TrueType)"),
    (b"OTTO", "a font file (OpenType)"),
)


def wide_text(head: bytes) -> bool:
    """True when ``head`` looks like BOM-less UTF-16 or UTF-32 text (NULs in fixed lanes)."""
    for width in (2, 4):
        usable = len(head) - len(head) % width
        if usable < width * 4:
            continue
        lanes = [head[i:usable:width].count(0) / (usable // width) for i in range(width)]
        if max(lanes) >= _WIDE_LANE and min(lanes) < _QUIET_LANE:
            return True
    return False


def control_share(head: bytes) -> float:
    """Share of :data:`_CONTROL_BYTES` (control bytes other than NUL that text never has) in ``head``."""
    if not head:
        return 0.0
    return (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head)


def looks_binary(head: bytes) -> bool:
    """True when ``head`` has control bytes or NULs in a share no text has (wide UTF-16/32 text excepted)."""
    if not head or wide_text(head):
        return False
    return control_share(head) > BINARY_CONTROL_SHARE or head.count(0) / len(head) > BINARY_NUL_SHARE


def identify(data: bytes) -> str | None:
    """What ``data`` looks like if it is not a web page ("a PDF document", ...); ``None`` for text."""
    head = data[:HEAD_BYTES]
    for prefix, what in _PREFIXES:
        if head.startswith(prefix):
            if prefix == b"BZh" and not _BZIP2.match(head):
                continue
            if prefix == b"ID3" and not _ID3.match(head):
                continue
            return what
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return _FTYP_BRANDS.get(brand, "an MP4 or other ISO media file")
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if head.startswith(b"PK\x03\x04"):
        for marker, what in _ZIP_KINDS:
            if marker in head:
                return what
        return "a zip archive"
    if head[257:262] == b"ustar":
        return "a tar archive"
    binary = looks_binary(head)
    if binary:
        for prefix, what in _WEAK_PREFIXES:
            if head.startswith(prefix):
                return what
        return "binary data"
    if _SVG.match(head):
        return "an SVG image"
    return None


def identify_text(text: str) -> str | None:
    """:func:`identify` for input already given as ``str`` (e.g. a binary file read as Latin-1)."""
    head = text[:HEAD_BYTES]
    return identify(head.encode("latin-1", errors="replace"))
