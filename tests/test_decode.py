"""bytes → str: BOMs, labels (caller, <meta>, http-equiv, XML), detection, mislabelled pages, broken bytes, str input.

Real text in each charset; the decoded text (and, through clean(), the body) must read right: no mojibake, no
U+FFFD soup.
"""

from __future__ import annotations

import codecs

import pytest

import cleaner
from cleaner import Options
from cleaner.decode import decode, detect, web_codec
from cleaner.errors import DecodeError

TEXTS = {
    "cp1251": (
        "Москва — столица России, крупнейший по численности населения город страны. Город расположен на реке "
        "Москве в центре Восточно-Европейской равнины, в междуречье Оки и Волги. Здесь работают сотни музеев, "
        "театров и библиотек, а метрополитен ежедневно перевозит миллионы пассажиров."
    ),
    "shift_jis": (
        "東京は日本の首都であり、世界有数の大都市です。人口は約千四百万人で、多くの企業や大学が集まっています。"
        "毎年、国内外から多くの観光客が訪れ、伝統的な寺社と近代的な高層ビルが共存する街並みを楽しんでいます。"
    ),
    "gb18030": (
        "北京是中华人民共和国的首都，也是全国的政治、文化中心。这座城市有三千多年的历史，"
        "故宫、天坛和长城等名胜古迹每年吸引着来自世界各地的数百万游客。"
    ),
    "iso-8859-2": (
        "Praha je hlavní a zároveň největší město České republiky. Leží ve středu Čech na řece Vltavě a žije "
        "zde přibližně 1,3 milionu obyvatel. Historické centrum bylo zapsáno na seznam světového dědictví; "
        "Pražský hrad, Karlův most a Staroměstské náměstí patří k nejnavštěvovanějším místům v zemi."
    ),
    "cp1252": (
        "Le café « Chez Léon » a été rénové l’été dernier — c’est très élégant, dit-on. À Noël, la forêt "
        "près de la rivière accueille un marché où l’on vend des crêpes, du cidre et des châtaignes grillées."
    ),
}
#: the charset a browser decodes each with (WHATWG): cp932 for Shift_JIS, a superset
DECODED_AS = {"cp1251": "cp1251", "shift_jis": "cp932", "gb18030": "gb18030", "iso-8859-2": "iso8859-2",
              "cp1252": "cp1252"}  # fmt: skip
MOJIBAKE = ("Ã", "â€", "Ð", "Ñ", "\ufffd")


def _page(text: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>\n" for _ in range(3))
    return (f"<!doctype html><html><head>{head}<title>Test</title></head>"
            f"<body><article>{paragraphs}</article></body></html>")


def _reads_right(text: str, original: str) -> None:
    assert original in text
    for bad in MOJIBAKE:
        assert bad not in text.replace(original, ""), f"mojibake {bad!r}"


# --- declared charsets -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", sorted(TEXTS))
@pytest.mark.parametrize(
    "declaration",
    [
        '<meta charset="{}">',
        "<meta charset={}>",
        '<meta http-equiv="Content-Type" content="text/html; charset={}">',
        "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset={}'>",
    ],
    ids=["meta-charset", "meta-unquoted", "http-equiv", "http-equiv-upper"],
)
def test_declared_charset_is_used(charset: str, declaration: str) -> None:
    data = _page(TEXTS[charset], declaration.format(charset)).encode(charset)
    decoded = detect(data)
    _reads_right(decoded.text, TEXTS[charset])
    assert decoded.encoding == DECODED_AS[charset]
    assert decoded.how == "declared in the page"


def test_xml_declaration_is_read() -> None:
    data = ('<?xml version="1.0" encoding="windows-1251"?>' + _page(TEXTS["cp1251"])).encode("cp1251")
    _reads_right(decode(data), TEXTS["cp1251"])


@pytest.mark.parametrize("charset", sorted(TEXTS))
def test_undeclared_pages_are_detected(charset: str) -> None:
    data = _page(TEXTS[charset]).encode(charset)
    decoded = detect(data)
    _reads_right(decoded.text, TEXTS[charset])
    assert decoded.encoding == DECODED_AS[charset]


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("cp1250", "Zażółć gęślą jaźń, powiedział Paweł. Świetnie! Żółw i źrebię są na łące obok młyna."),
        ("cp1252", "Il caffè è buono, però la città è più bella di sera. Perché no? Così è la vita, disse."),
        ("cp1252", "Die Straße führt über die Brücke zum Bahnhof. Es war schön, dass wir uns „endlich“ trafen."),
        ("iso-8859-2", "Zażółć gęślą jaźń, powiedział Paweł. Świetnie! Żółw i źrebię są na łące obok młyna."),
        ("koi8-r", "Москва - столица России, крупнейший по численности населения город страны."),
        ("cp1253", "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και μία από τις αρχαιότερες πόλεις του κόσμου."),
        ("cp1254", "İstanbul, Türkiye'nin en kalabalık şehridir; Boğaziçi kıyısında yer alır ve çok güzeldir."),
        ("euc_jp", "東京は日本の首都であり、世界有数の大都市です。人口は約千四百万人で、多くの企業が集まっています。"),
        ("euc-kr", "서울특별시는 대한민국의 수도이자 최대 도시이다. 한강을 사이에 두고 강북과 강남으로 나뉜다."),
        ("big5", "臺北市是中華民國的首都，也是全國政治、經濟與文化的中心，每年吸引許多遊客。"),
        # Hebrew and Arabic read as cp1251 are all Cyrillic letters without mess: told apart by coherence
        ("cp1255", "ראש העיר אמר ביום שלישי כי המועצה תבחן שוב את התוכנית באביב, וכי התושבים יישמעו לפני העבודה."),
        ("iso-8859-8", "ראש העיר אמר ביום שלישי כי המועצה תבחן שוב את התוכנית באביב, וכי התושבים יישמעו לפני העבודה."),
        ("cp1256", "قال رئيس البلدية يوم الثلاثاء إن المجلس سيراجع الخطة مرة أخرى في الربيع قبل بدء العمل على الجسر."),
    ],
)
def test_more_undeclared_charsets_read_right(charset: str, text: str) -> None:
    _reads_right(decode(text.encode(charset)), text)


def test_the_callers_charset_wins_over_the_pages_declaration() -> None:
    data = _page(TEXTS["cp1251"], '<meta charset="iso-8859-2">').encode("cp1251")
    decoded = detect(data, "windows-1251")
    _reads_right(decoded.text, TEXTS["cp1251"])
    assert decoded.how == "caller's charset"


def test_the_callers_charset_reaches_decode_through_options() -> None:
    data = _page(TEXTS["cp1251"], '<meta charset="iso-8859-2">').encode("cp1251")
    article = cleaner.clean(data, options=Options(encoding="cp1251"))
    assert "столица России" in (article.body or "")


@pytest.mark.parametrize("label", ["latin-1", "iso-8859-1", "us-ascii", "ISO_8859-1"])
def test_latin1_labels_mean_cp1252_as_in_browsers(label: str) -> None:
    text = "“Quoted” — and it’s fine… naïve café"
    data = _page(text, f'<meta charset="{label}">').encode("cp1252")
    _reads_right(decode(data), text)


def test_gb2312_label_decodes_gb18030_text() -> None:
    text = TEXTS["gb18030"] + " 𠀀 (outside GB2312)"
    data = _page(text, '<meta charset="gb2312">').encode("gb18030")
    _reads_right(decode(data), text)


# --- byte-order marks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_byte_order_marks(codec: str) -> None:
    text = _page("Grüße, 世界 — " + TEXTS["cp1251"])
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
           "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")  # fmt: skip
    decoded = detect(bom + text.encode(codec))
    assert decoded.text == text  # the BOM itself is gone
    assert decoded.how == "byte-order mark"


def test_bom_wins_over_a_wrong_declaration() -> None:
    data = codecs.BOM_UTF8 + _page(TEXTS["cp1251"], '<meta charset="windows-1251">').encode("utf-8")
    _reads_right(decode(data), TEXTS["cp1251"])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("charset", ["cp1252", "cp1251"])
def test_utf16_and_utf32_without_bom_are_recognised(codec: str, charset: str) -> None:
    text = _page("Hello, world. " + TEXTS[charset])  # Cyrillic UTF-16 bytes are all valid (ASCII-range) UTF-8 too
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_named_by_the_caller(codec: str) -> None:
    text = TEXTS["shift_jis"]  # no NULs at all: only the caller's word tells it apart
    assert decode(text.encode(codec), codec.upper()) == text


# --- mislabelled and broken bytes ------------------------------------------------------------------------------


def test_declared_utf8_but_really_cp1252() -> None:
    data = _page(TEXTS["cp1252"], '<meta charset="utf-8">').encode("cp1252")
    decoded = detect(data)
    _reads_right(decoded.text, TEXTS["cp1252"])
    assert decoded.encoding == "cp1252"
    assert "contradicted" in decoded.how


def test_declared_utf8_but_really_cp1252_through_clean() -> None:
    data = _page(TEXTS["cp1252"], '<meta charset="utf-8">').encode("cp1252")
    body = cleaner.clean(data).body or ""
    assert "c’est très élégant" in body
    assert "\ufffd" not in body and "Ã" not in body


@pytest.mark.parametrize("label", ["windows-1251", "iso-8859-1", "shift_jis"])
def test_valid_utf8_wins_over_a_legacy_label(label: str) -> None:
    """Servers and templates often label UTF-8 pages with a legacy charset; decoding as labelled gives mojibake."""
    data = _page(TEXTS["cp1251"], f'<meta charset="{label}">').encode("utf-8")
    decoded = detect(data, label)
    _reads_right(decoded.text, TEXTS["cp1251"])
    assert decoded.how == "valid UTF-8"


def test_cp1252_snippet_inside_a_utf8_page_keeps_both() -> None:
    data = _page("Überall “smart quotes” — ", '<meta charset="utf-8">').encode("utf-8")
    data = data.replace(b"<title>", "<title>Café “Léon” ".encode("cp1252"))
    text = decode(data)
    assert "Überall “smart quotes” —" in text
    assert "Café “Léon”" in text


def test_invalid_utf8_is_decoded_without_losing_the_valid_text() -> None:
    good = _page(TEXTS["cp1251"], '<meta charset="utf-8">').encode("utf-8")
    broken = good.replace("Москва".encode(), b"\xff\xfe\xc3\x28\xed\xa0\x80" + "Москва".encode(), 1)
    text = decode(broken)
    assert TEXTS["cp1251"] in text


def test_a_few_bad_bytes_in_a_declared_legacy_page_keep_the_label() -> None:
    data = _page(TEXTS["shift_jis"], '<meta charset="shift_jis">').encode("shift_jis") + b"\x81"  # a cut-off char
    decoded = detect(data)
    assert TEXTS["shift_jis"] in decoded.text
    assert decoded.encoding == "cp932"


# --- labels that are not charsets -------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["no-such-charset", "base64", "rot13", "utf-7", "unicode_escape", "hex"])
def test_a_caller_charset_that_is_not_one_is_an_error(label: str) -> None:
    with pytest.raises(DecodeError, match="unknown charset"):
        decode(b"<p>hello</p>", label)
    with pytest.raises(DecodeError):
        decode("<p>hello</p>", label)  # str input too: the name is wrong either way


@pytest.mark.parametrize("label", ["utf-7", "base64", "unicode_escape", "x-user-defined", "nonsense", "\x00"])
def test_a_page_declaring_a_non_charset_is_not_decoded_with_it(label: str) -> None:
    text = "+AGEAYgBj- \\u0041 plain text, with é"
    data = _page(text, f'<meta charset="{label}">').encode("utf-8")
    assert text in decode(data)


def test_web_codec_maps_labels_as_browsers_do() -> None:
    assert web_codec("ISO-8859-1") == "cp1252"
    assert web_codec(" Shift_JIS ") == "cp932"
    assert web_codec("gbk") == "gb18030"
    assert web_codec("euc-kr") == "cp949"
    assert web_codec("windows-874") == "cp874"
    assert web_codec("base64") is None
    assert web_codec("") is None


# --- str input and the clean-text guarantees --------------------------------------------------------------------


def test_str_passes_through_unchanged_when_clean() -> None:
    text = _page(TEXTS["gb18030"])
    assert decode(text) == text


def test_surrogate_pairs_are_joined_and_lone_ones_replaced() -> None:
    assert decode("smile \ud83d\ude00 end") == "smile 😀 end"
    assert decode("lone \ud800 and \udfff") == "lone \ufffd and \ufffd"


def test_surrogateescaped_bytes_in_str_are_decoded() -> None:
    raw = _page(TEXTS["cp1251"]).encode("cp1251")
    smuggled = raw.decode("utf-8", errors="surrogateescape")  # what os.fsdecode / sys.argv do with such bytes
    _reads_right(decode(smuggled), TEXTS["cp1251"])


@pytest.mark.parametrize("data", [b"a\x00b\x01c\x1fd\x7fe\tf\ng\rh\x0ci", "a\x00b\x01c\x1fd\x7fe\tf\ng\rh\x0ci"])
def test_nul_and_control_characters_are_removed_whitespace_kept(data: bytes | str) -> None:
    assert decode(data) == "abcde\tf\ng\rh\x0ci"


def test_decode_is_deterministic() -> None:
    data = TEXTS["iso-8859-2"].encode("iso-8859-2")
    assert len({decode(data) for _ in range(5)}) == 1


# --- issue 12, item 9: a few non-UTF-8 bytes among ASCII words read as Latin, never as Cyrillic --------------------

_CAFE = (b"Caf\xe9 society is back in town. The new place on the corner serves coffee and cake all day long "
         b"\x85 and the regulars love it. \x80\x81\xff\n")
_CAFE_UTF8_LABEL = (b'<html><head><meta charset="utf-8"></head><body><p>Caf\xe9 society is back in town. The new place '
                    b"on the corner serves coffee and cake all day long. \xff\xfe</p></body></html>")


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" or "\u2500" <= ch <= "\u257f" for ch in text)  # letters, box drawing


def test_a_few_bad_bytes_in_an_english_text_read_as_cp1252() -> None:
    decoded = detect(_CAFE)
    assert decoded.encoding == "cp1252", decoded
    assert decoded.text.startswith("Café society") and "long … and" in decoded.text
    assert not _has_cyrillic(decoded.text)


def test_a_page_labelled_utf8_with_a_few_cp1252_bytes_reads_as_cp1252() -> None:
    decoded = detect(_CAFE_UTF8_LABEL)
    assert decoded.encoding == "cp1252", decoded
    assert "Café society" in decoded.text and "ÿþ" in decoded.text
    assert not _has_cyrillic(decoded.text)


def test_the_cafe_text_through_clean() -> None:
    body = cleaner.clean(_CAFE * 3, options=Options(format=cleaner.Format.TEXT)).body or ""
    assert "Café society" in body and not _has_cyrillic(body)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. Some English words around the Czech ones, to be mostly ASCII.",
         "cp1250"),
        ("Zażółć gęślą jaźń, a tu trochę tekstu po polsku, with more English words here to go on with it.", "cp1250"),
        ("Bu şehir çok güzel değil mi? Kısa bir yazı. Some English text here to make it mostly ASCII.", "cp1254"),
        ("Ein schöner Tag in München, die Straße ist voll. Some English text here to make it mostly ASCII.", "cp1252"),
    ],
    ids=["czech", "polish", "turkish", "german"],
)
def test_mostly_ascii_latin_pages_keep_their_own_charset(text: str, codec: str) -> None:
    decoded = detect(text.encode(codec))
    assert decoded.text == text, decoded


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Привет, как дела? Это небольшой тест. Hello world in English too, and a few more words.", "koi8-r"),
        ("Привет, как дела? Это небольшой тест. Hello world in English too, and a few more words.", "cp1251"),
        ("Ελληνικά κείμενα εδώ. Some English text here to make it mostly ASCII and long enough.", "cp1253"),
    ],
    ids=["koi8-r", "cp1251", "greek"],
)
def test_words_of_a_non_latin_script_among_english_are_not_taken_for_latin(text: str, codec: str) -> None:
    assert detect(text.encode(codec)).text == text
