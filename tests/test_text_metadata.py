"""Text metadata: dates in each language, bylines, reading time, language, and the full record of a text page."""

from __future__ import annotations

import pytest

from cleaner import Options, clean
from cleaner.options import Format
from cleaner.rules.bylines import authors, dangling_prefix, dated_line_names
from cleaner.rules.dates import date_role, find_date, find_dates
from cleaner.rules.language import detect
from cleaner.text.metadata import reading_time


@pytest.mark.parametrize(("text", "iso"), [
    ("October 28, 2024 9:56 PM", "2024-10-28T21:56"),
    ("Oct. 28, 2024", "2024-10-28"),
    ("Published 28 October 2024 at 09:56", "2024-10-28T09:56"),
    ("28.10.2024", "2024-10-28"),
    ("28. Oktober 2024, 21:56 Uhr", "2024-10-28T21:56"),
    ("28 octobre 2024", "2024-10-28"),
    ("Publié le 1er mars 2023 à 8h05", "2023-03-01T08:05"),
    ("28 de octubre de 2024", "2024-10-28"),
    ("28 ottobre 2024 alle 21:56", "2024-10-28T21:56"),
    ("28 de outubro de 2024", "2024-10-28"),
    ("28 października 2024", "2024-10-28"),
    ("28 октября 2024 г., 21:56", "2024-10-28T21:56"),
    ("28 жовтня 2024, 21:56", "2024-10-28T21:56"),
    ("2024-10-28T21:56:00+02:00", "2024-10-28T21:56"),
    ("12:30 AM, Dec 5, 2021", "2021-12-05"),
    ("21.dez.2018 às 12h55", "2018-12-21T12:55"),  # no spaces after the dots
    ("Posted on 25. Januar 202225. Januar 2022", "2022-01-25"),  # posted and updated dates glued together
    ("28. Juni 201914. Januar 2020 | Klaus", "2019-06-28"),
    ("15/01/201614/01/2016", "2016-01-15"),
    ("miércoles, 4 de mayo de 202200:00 hs", "2022-05-04T00:00"),  # a time glued to the year
    ("18. 05. 2014 22:38", "2014-05-18T22:38"),  # spaces after the dots
    ("Von Deutscher Tennis Bund 4.\u20092.\u20092022.", "2022-02-04"),
])
def test_dates(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found.iso == iso


def test_numeric_dates_day_or_month_first() -> None:
    assert find_date("10/28/2024", month_first=True).iso == "2024-10-28"  # type: ignore[union-attr]
    assert find_date("05/04/2024").iso == "2024-04-05"  # type: ignore[union-attr]
    assert find_date("05/04/2024", month_first=True).iso == "2024-05-04"  # type: ignore[union-attr]


def test_not_dates() -> None:
    assert find_date("Version 1.2.3 of 2000 items") is None
    assert find_date("31.02.2024") is None
    assert find_date("© 1890 Company") is None
    assert find_date("Artikel 2022123 im Lager") is None  # a long number is no glued year
    assert find_date("Übersicht März 2020 (5)") is None  # a month and a year: no day


@pytest.mark.parametrize(("line", "names"), [
    ("by Kateryna Hodunova October 28, 2024 9:56 PM 2 min read", ["Kateryna Hodunova"]),
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("By Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
    ("Jane Doe, Reuters", ["Jane Doe"]),
    ("By Jane Doe, Staff Writer", ["Jane Doe"]),
    ("Von Max Mustermann und Erika Musterfrau | 28.10.2024", ["Max Mustermann", "Erika Musterfrau"]),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ("Por María de la Cruz", ["María de la Cruz"]),
    ("Автор: Олена Петренко", ["Олена Петренко"]),
    ("By Steven Mufson March 18 at 12:22 PM Follow @StevenMufson", ["Steven Mufson"]),
    ("// By Arun Sai Krishnan • Nov 11, 2020", ["Arun Sai Krishnan"]),
    ("Posted by Nikhil Marathe on March 10, 2015 at 08:05", ["Nikhil Marathe"]),
    ("on March 10, 2015 by Nikhil Marathe", ["Nikhil Marathe"]),
    ("By Daniel Roe, Senior Staff Technologist, Speech Project", ["Daniel Roe"]),
    ("BY JEFFREY GETTLEMAN", ["Jeffrey Gettleman"]),
    ("by the way, this is not a byline", []),
    ("Jane Doe, Kyiv", []),
    ("ByAlex Bozarjian", ["Alex Bozarjian"]),  # a scraper dropped the space between tags
    ("Byron Smith", []),
    ("By Martin Jendrischik On 12. Dezember 2022", ["Martin Jendrischik"]),
    ("Text von Christian Seiler \xa0 \xa0Illustration von Markus Roost", ["Christian Seiler"]),
    ("Von: Björn Jahner | 31.10.23", ["Björn Jahner"]),
    ("Erstellt von Andri Bryner", ["Andri Bryner"]),
    ("By Nada Tawfik, New York", ["Nada Tawfik"]),  # after a name and a comma, a part without a given name is a place
    ("By Ibtisam Mahdi, Ruwaida Kamal Amer", ["Ibtisam Mahdi", "Ruwaida Kamal Amer"]),  # unknown names stay
    ("By Sarah Hinger and Ruwaida Kamal Amer", ["Sarah Hinger", "Ruwaida Kamal Amer"]),  # "and" joins people
])
def test_bylines(line: str, names: list[str]) -> None:
    assert authors(line) == names


@pytest.mark.parametrize(("text", "minutes"), [
    ("2 min read", 2), ("5 minute read", 5), ("Lesezeit: 4 Minuten", 4), ("Temps de lecture : 3 min", 3),
    ("7 min de lectura", 7), ("Время чтения: 6 минут", 6), ("no time here", None),
])
def test_reading_time(text: str, minutes: int | None) -> None:
    assert reading_time(text) == minutes


@pytest.mark.parametrize(("text", "lang"), [
    ("The council said that it would review the plan and that the residents would be heard.", "en"),
    ("Der Rat sagte, dass er den Plan noch einmal prüfen werde und die Bürger gehört würden.", "de"),
    ("Le conseil a dit qu'il allait revoir le plan et que les habitants seraient entendus.", "fr"),
    ("El consejo dijo que revisaría el plan y que los vecinos serían escuchados por la ciudad.", "es"),
    ("Il consiglio ha detto che avrebbe rivisto il piano e che i cittadini sarebbero stati ascoltati.", "it"),
    ("O conselho disse que iria rever o plano e que os moradores seriam ouvidos pela câmara.", "pt"),
    ("Rada powiedziała, że jeszcze raz przejrzy plan i że mieszkańcy zostaną wysłuchani przez nią.", "pl"),
    ("Совет сказал, что он ещё раз рассмотрит этот план и что жители будут услышаны.", "ru"),
    ("Рада сказала, що вона ще раз розгляне цей план і що мешканців буде почуто.", "uk"),
    ("东京电力公司表示，将在明年春天重新审查该计划。", "zh"),
])
def test_language(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_text_page_record_with_sources() -> None:
    page = ("Skip to content\n\nBridge plan goes back to the council\n\nVon Max Mustermann | 28.10.2024, 21:56 Uhr"
            " | Lesezeit: 3 Minuten\n\n" + "\n\n".join(
                ["Der Rat sagte am Dienstag, dass er den Plan im Frühjahr noch einmal prüfen werde und dass die "
                 "Bürger, die ihm geschrieben hatten, gehört würden, bevor die Arbeit an der Brücke beginnt."] * 3))
    record = clean(page, options=Options(format=Format.TEXT)).to_dict()
    assert record["title"] == "Bridge plan goes back to the council"
    assert record["authors"] == ["Max Mustermann"]
    assert record["published"] == "2024-10-28T21:56"
    assert record["reading_time_minutes"] == 3
    assert record["language"] == "de"
    assert record["sources"] == {"authors": "byline", "language": "text:stop-words", "page_type": "model",
                                 "published": "byline", "reading_time_minutes": "text:reading-time",
                                 "title": "text:title-model"}


def test_bare_name_line_next_to_the_headline() -> None:
    body = "\n\n".join(["The council said on Tuesday that it would review the plan again in the spring, and that the "
                       "residents who had written to it would be heard before the work on the bridge began."] * 3)
    record = clean("Home\nNews\n\nBridge plan goes back to the council\nSarah Archer\n\n" + body,
                   options=Options(format=Format.TEXT)).to_dict()
    assert record["authors"] == ["Sarah Archer"]
    assert record["sources"]["authors"] == "text:name-line"
    menu_only = clean("Home\nFree Tools\n\nBridge plan goes back to the council\n\n" + body,
                      options=Options(format=Format.TEXT)).to_dict()
    assert menu_only["authors"] == []


_TOWNS = ["Ashford", "Barton", "Chester", "Dover", "Elmley", "Fenwick", "Garston", "Hexham", "Ilford", "Jarrow",
          "Kendal", "Lydd"]
#: a story of a dozen paragraphs: a date under it is past the window searched under the article's first paragraph
_STORY = "".join(f"The council of {town} said on Tuesday that it would review the plan again in the spring, and that "
                 f"the residents who had written to it would be heard before any of the work began.\n\n"
                 for town in _TOWNS)


def test_a_blog_date_under_the_text_is_the_publication_date() -> None:
    text = "Bridge plan goes back to the council\n\n" + _STORY + "Posted on 18 October 2020\n\nLeave a comment\n"
    article = clean(text, options=Options(format=Format.TEXT))
    assert article.metadata.published == "2020-10-18"
    assert article.metadata.sources["published"] == "text:footer-date"


def test_a_dated_reference_under_the_text_is_not_the_publication_date() -> None:
    text = ("Bridge plan goes back to the council\n\n" + _STORY + "References\n\n"
            "^ Doe, Jane (May 6, 2003). \"Bridges of the county\". County Press. Retrieved 2020-10-20.\n")
    assert clean(text, options=Options(format=Format.TEXT)).metadata.published is None


def test_a_by_inside_a_header_line_names_the_author_but_a_preposition_does_not() -> None:
    def author_of(header: str) -> list[str]:
        text = "Bridge plan goes back to the council\n\n" + header + "\n\n" + _STORY
        return clean(text, options=Options(format=Format.TEXT)).metadata.authors

    assert author_of("22. Dezember 2019 von Peter Addor") == ["Peter Addor"]
    assert author_of("// By Arun Sai Krishnan • Nov 11, 2020") == ["Arun Sai Krishnan"]  # "sai": a stop word
    assert author_of("Herstellung von Ameisensäure") == []


def test_every_date_of_a_line_and_the_cue_before_each() -> None:
    line = "PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: November 9, 2023 at 6:00 p.m."
    dates = find_dates(line)
    assert [d.iso for d in dates] == ["2023-11-08T16:56", "2023-11-09T18:00"]
    assert [date_role(line, d, after) for d, after in zip(dates, (0, dates[0].end), strict=True)] == [
        "published", "updated"]
    assert date_role("Letzte Änderung am 04.02.2022", find_dates("Letzte Änderung am 04.02.2022")[0]) is None
    assert date_role("mis à jour le 3 mai 2022", find_dates("mis à jour le 3 mai 2022")[0]) == "updated"


def _dated(header: str) -> dict[str, object]:
    text = "Bridge plan goes back to the council\n\n" + header + "\n\n" + _STORY
    return clean(text, options=Options(format=Format.TEXT)).to_dict()


def test_an_update_date_is_modified_and_the_plain_date_is_published() -> None:
    record = _dated("January 28, 2018\n\nUPDATED: August 22, 2019")
    assert (record["published"], record["modified"]) == ("2018-01-28", "2019-08-22")
    record = _dated("Updated: August 22, 2019\n\nJanuary 28, 2018")  # the update nearer the story: still no publication
    assert (record["published"], record["modified"]) == ("2018-01-28", "2019-08-22")
    record = _dated("postado em 24/05/2022 05:49 / atualizado em 25/05/2022 05:50")
    assert (record["published"], record["modified"]) == ("2022-05-24T05:49", "2022-05-25T05:50")
    only_update = _dated("Aktualisiert am 17.01.2021")  # better than nothing: the page's only date
    assert only_update["published"] == "2021-01-17" and only_update["modified"] == "2021-01-17"


def test_a_dateline_opening_the_first_paragraph_is_the_publication_date() -> None:
    record = _dated("")
    assert record["published"] is None
    text = "Bridge plan goes back to the council\n\n31. Oktober 2023. " + _STORY
    assert clean(text, options=Options(format=Format.TEXT)).metadata.published == "2023-10-31"
    late = "Bridge plan goes back to the council\n\nThe council of Ashford met on 31 October 2023. " + _STORY
    assert clean(late, options=Options(format=Format.TEXT)).metadata.published is None


def test_a_byline_split_over_two_lines_names_the_author() -> None:
    assert dangling_prefix("21.01.2022 11:46 von") == "von"
    assert dangling_prefix("Von") == "Von"
    assert dangling_prefix("Bridges built by") == "by"  # a short line ending in "by" ...
    assert _dated("Bridges built by\n\nThe Town Council")["authors"] == []  # ... names a person only
    assert dangling_prefix("Herstellung und Vertrieb der neuen Brücken im Landkreis durch") is None
    record = _dated("Lokales\n\nStadtrat\n\n21.01.2022 11:46 von\nPatrick Otte")  # past the name-line window
    assert record["authors"] == ["Patrick Otte"] and record["sources"]["authors"] == "text:split-byline"


@pytest.mark.parametrize(("line", "names"), [
    ("Nike Jane – 14.09.2022 – Kolumne", ["Nike Jane"]),
    ("04.02.2022 | 13:10 Uhr | Uta Helkenberg", ["Uta Helkenberg"]),
    ("Gesine Engels-Krone,02.01.2023, 11:08 Uhr", ["Gesine Engels-Krone"]),
    ("1. Februar 2022 , Daniel Dillenburg", ["Daniel Dillenburg"]),
    ("Crime Published On May 10, 2022 01:52 PM", []),  # a category and a date cue
    ("08.12.2022 Bundesverband WindEnergie", []),  # not a name's spelling
    ("Von Isabella.DiBiase am Samstag, 19. Oktober 2019", []),  # a byline: the byline rules read it
    ("Jane Doe | Bridges", []),  # no date: not a meta line
    ("12.03.2024 | Jane Doe | John Roe", []),  # two names: which is the author?
])
def test_names_in_a_dated_meta_line(line: str, names: list[str]) -> None:
    assert dated_line_names(line) == names


def test_a_dated_meta_line_under_the_headline_names_the_author() -> None:
    record = _dated("04.02.2022 | 13:10 Uhr | Uta Helkenberg")
    assert record["authors"] == ["Uta Helkenberg"] and record["sources"]["authors"] == "text:dated-line"
    assert record["published"] == "2022-02-04T13:10"


def test_find_dates_stops_at_its_limit_on_a_line_of_many_dates() -> None:
    line = "28.10.2024 " * 10_000
    assert [d.iso for d in find_dates(line, limit=3)] == ["2024-10-28"] * 3
    assert len(find_dates(line)) == 8


def test_an_embed_shared_by_someone_does_not_name_the_author() -> None:
    record = _dated("Marie Jaster\n\nA post shared by Chateau La Coste (@chateaulacoste)")
    assert "Chateau La Coste" not in record["authors"]


def test_a_bare_name_beside_the_date_line_names_the_author() -> None:
    record = _dated("Lokales\n\nStadtrat\n\nThomas Hanke\n27.04.2020 - 18:50 Uhr")  # past the name-line window
    assert record["authors"] == ["Thomas Hanke"] and record["sources"]["authors"] == "text:name-by-date"
    assert _dated("Lokales\n\nStadtrat\n\nJANUARY 10, 2020 9:00AM\nNATHANAEL JOHNSON")["authors"] == [
        "Nathanael Johnson"]
    # a section name in the same place is no person: its first word is no given name
    assert _dated("Lokales\n\nStadtrat\n\nDigital Life\n27.04.2020 - 18:50 Uhr")["authors"] == []
    # nor is a name line with no date beside it
    assert _dated("Lokales\n\nStadtrat\n\nThomas Hanke\n\nRessort Politik")["authors"] == []
    # a place that Faker also lists as a given name is no person
    assert _dated("Lokales\n\nStadtrat\n\nWashington Politics\n27.04.2020 - 18:50 Uhr")["authors"] == []


def test_a_bare_line_under_the_headline_is_a_name_only_when_it_opens_with_a_given_name() -> None:
    body = "\n\n".join(["The council said on Tuesday that it would review the plan again in the spring, and that the "
                       "residents who had written to it would be heard before the work on the bridge began."] * 3)
    page = "Home\nNews\n\nBridge plan goes back to the council\n{}\n\n" + body
    assert clean(page.format("Aktuelle Angebote"), options=Options(format=Format.TEXT)).metadata.authors == []
    assert clean(page.format("Marie Rövekamp"), options=Options(format=Format.TEXT)).metadata.authors == [
        "Marie Rövekamp"]


def test_a_date_in_the_urls_path_is_the_pages_day() -> None:
    from cleaner.rules.dates import url_date, url_overrules

    assert url_date("https://example.com/2023/11/08/mayor-elected/") == "2023-11-08"
    assert url_date("https://example.com/news/2023-11-08-mayor-elected") == "2023-11-08"
    for url in ("https://example.com/t/2024-4-4-2024-5-0-upgrade-stuck", "https://example.com/2023/13/08/x",
                "https://example.com/x?from=/2023/11/08/", None):
        assert url_date(url) is None
    assert url_overrules("2023-11-08T23:30:00-06:00", "https://example.com/2023/11/08/x") is None  # it agrees
    # a UTC timestamp past midnight is the next day in UTC, not on the site
    assert url_overrules("2023-11-09T05:30:59+00:00", "https://example.com/2023/11/08/x") == "2023-11-08"
    page = ("Bridge plan goes back to the council\n\nBy Max Mustermann | 9 November 2023\n\n" + "\n\n".join(
        ["The council said on Tuesday that it would look at the plan again in the spring and that the people who "
         "had written to it would be heard before work on the bridge begins."] * 3))
    for fmt in (Format.TEXT, Format.HTML):
        content = page if fmt is Format.TEXT else "<html><body><article>" + "".join(
            f"<p>{p}</p>" for p in page.split("\n\n")) + "</article></body></html>"
        record = clean(content, url="https://example.com/2023/11/08/bridge", options=Options(format=fmt)).to_dict()
        assert (record["published"], record["sources"]["published"]) == ("2023-11-08", "url")
        assert clean(content, options=Options(format=fmt)).to_dict()["published"][:10] == "2023-11-09"
