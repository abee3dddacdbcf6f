
"""HTML metadata: JSON-LD > meta > byline merge, sources, author cleaning, date normalisation, titles."""

from __future__ import annotations

import json

from cleaner import Options, clean
from cleaner.html.dates import normalise_date
from cleaner.html.jsonld import read_jsonld
from cleaner.html.metadata import from_markup
from cleaner.html.parse import parse
from cleaner.html.titles import pick_title, strip_site
from cleaner.options import Format, PageType
from cleaner.rules.names import clean_names

ARTICLE = (
    "<p>The council voted on Tuesday to build a tram line linking the central station with the eastern docks, "
    "ending more than ten years of studies, consultations and false starts in the city.</p>" * 3
)


def _meta(head: str, body: str = ARTICLE, lang: str = "en"):  # type: ignore[no-untyped-def]
    root = parse(f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    return from_markup(root, "https://example.org/a")


def test_jsonld_wins_over_meta_and_sources_say_so() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "The Ledger"},
        {"@type": "NewsArticle", "headline": "Tram line approved", "datePublished": "2024-03-05T14:30:00+01:00",
         "author": [{"@type": "Person", "name": "Priya Raman"}, {"@type": "Person", "name": "Tomasz Wielgus"}]},
    ]}
    meta = _meta(
        f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
        "<meta property='og:title' content='Tram line approved | The Ledger'>"
        "<meta property='og:site_name' content='The Ledger'><meta name='author' content='Someone Else'>"
        "<meta property='article:published_time' content='2024-03-06'>"
    )
    assert meta.title == "Tram line approved"
    assert meta.authors == ["Priya Raman", "Tomasz Wielgus"]
    assert meta.published == "2024-03-05T14:30:00+01:00"
    assert meta.site_name == "The Ledger"
    assert meta.language == "en"
    assert meta.sources["title"] == "json-ld"
    assert meta.sources["authors"] == "json-ld"
    assert meta.sources["site_name"] == "meta:og:site_name"
    assert meta.sources["language"] == "html:lang"


def test_meta_tags_when_there_is_no_jsonld() -> None:
    meta = _meta(
        "<title>Tram line approved - The Ledger</title><meta property='og:site_name' content='The Ledger'>"
        "<meta name='author' content='By Jane Doe and John Roe'>"
        "<meta property='article:published_time' content='2024-03-05T14:30:00Z'>"
        "<meta property='article:tag' content='transport'><meta property='article:tag' content='city'>"
        "<meta property='og:image' content='https://example.org/i.jpg'>",
        lang="en-GB",
    )
    assert meta.title == "Tram line approved"
    assert meta.sources["title"] == "html:title"
    assert meta.authors == ["Jane Doe", "John Roe"]
    assert meta.published == "2024-03-05T14:30:00+00:00"
    assert meta.tags == ["transport", "city"]
    assert meta.image == "https://example.org/i.jpg"
    assert meta.language == "en"


def test_jsonld_in_cdata_and_broken_scripts_are_handled() -> None:
    good = '<![CDATA[ {"@type": "BlogPosting", "headline": "H", "datePublished": "2020-07-10"} ]]>'
    result = read_jsonld(["{not json", good])
    assert result.headline == "H"
    assert result.published == "2020-07-10"


def test_author_cleaning() -> None:
    assert clean_names(["By Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"]
    assert clean_names(["Jane Doe, Staff Writer"]) == ["Jane Doe"]
    assert clean_names(["https://www.facebook.com/janedoe"]) == []
    assert clean_names(["The Ledger"], site="The Ledger") == []
    assert clean_names(["BBC News"]) == []
    assert clean_names(["Jane Doe", "Jane Doe"]) == ["Jane Doe"]


def test_date_normalisation() -> None:
    assert normalise_date("2024-03-05") == "2024-03-05"
    assert normalise_date("2024-03-05T14:30:00+0100") == "2024-03-05T14:30:00+01:00"
    assert normalise_date("2024-03-05T14:30:00Z") == "2024-03-05T14:30:00+00:00"
    assert normalise_date("2024-03-05T14:30:00") == "2024-03-05"  # no offset: the date only
    assert normalise_date("20240305") == "2024-03-05"
    assert normalise_date("1066-10-14") is None
    assert normalise_date("not a date") is None
    assert normalise_date("5 March 2024") == "2024-03-05"


def test_titles() -> None:
    assert strip_site("Tram line approved | The Ledger", "The Ledger") == "Tram line approved"
    assert strip_site("The Ledger - Tram line approved", "The Ledger") == "Tram line approved"
    assert strip_site("Left - right", None) == "Left - right"
    title, source = pick_title(None, [("Tram line approved | The Ledger", "meta:og:title")], ["Tram line approved"],
                               None, None)
    assert (title, source) == ("Tram line approved", "html:h1")


def test_visible_headline_over_a_title_with_its_site_suffix() -> None:
    # the <h1> goes on from the <title>'s first part: it is the headline
    assert pick_title(None, [], ["Council backs new bridge over the river"],
                      "Council backs new bridge | The Daily Example", None) == (
        "Council backs new bridge over the river", "html:h1")
    # <title> alone: its site suffix is cut, but not a part that goes on with the headline
    assert pick_title(None, [], [], "Council backs new bridge | The Daily Example", None) == (
        "Council backs new bridge", "html:title")
    assert pick_title(None, [], [], "Coronalage vom 22.04. – worauf wartet die Politik?", None)[0] == (
        "Coronalage vom 22.04. – worauf wartet die Politik?")
    # an <h1> equal to the <title>'s last part is the site's logo
    assert pick_title(None, [], ["virtualbox.org"], "Discuss the VirtualBox 7.1.0 release here - virtualbox.org",
                      None) == ("Discuss the VirtualBox 7.1.0 release here", "html:title")
    meta = _meta("<title>Council backs new bridge | The Daily Example</title>",
                 "<h1>Council backs new bridge over the river</h1>" + ARTICLE)
    assert (meta.title, meta.sources["title"]) == ("Council backs new bridge over the river", "html:h1")


def test_byline_in_the_page_fills_authors_end_to_end() -> None:
    html = f"<html><body><h1>Tram line approved</h1><p>By Jane Doe</p>{ARTICLE}</body></html>"
    record = clean(html, options=Options(format=Format.HTML)).to_dict()
    assert record["title"] == "Tram line approved"
    assert "The council voted" in record["body"]
    assert record["language"] == "en"
    assert set(record) >= {"sources", "captions"}


def test_title_consensus_beats_an_unconfirmed_jsonld_headline() -> None:
    # Wikipedia puts a description in the JSON-LD headline; <h1> and <title> agree on the real title
    title, source = pick_title("constitutional monarchy in Oceania", [], ["New Zealand"], "New Zealand - Wikipedia",
                               None)
    assert (title, source) == ("New Zealand", "html:h1")
    # a blog name in <h1>; og:title and <title> agree on the post title
    title, source = pick_title(None, [("Open Verilog flow", "meta:og:title")], ["Silicon Exposed"],
                               "Silicon Exposed: Open Verilog flow", None)
    assert (title, source) == ("Open Verilog flow", "meta:og:title")
    # nothing confirms anything: meta before <title> before <h1>
    assert pick_title(None, [], ["Lorem"], "Base URL test", None) == ("Base URL test", "html:title")
    assert pick_title(None, [], [], None, None) == (None, "")


def test_property_meta_wins_over_name_meta() -> None:
    meta = _meta("<meta name='dc.title' content='Name title'><meta property='dc:title' content='Property title'>")
    assert meta.title == "Property title"


def test_byline_names_from_inside_a_metadata_line() -> None:
    from cleaner.rules.bylines import names_from_byline

    assert names_from_byline("Posted on 12 March 2024 by Maya Lindqvist · 6 min read") == ["Maya Lindqvist"]
    assert names_from_byline("Stand: 28.10.2019 von Lisa Petrich und Jan Koch") == ["Lisa Petrich", "Jan Koch"]
    assert names_from_byline("We stand by our reporting on the matter.") == []


def test_authors_from_a_hinted_metadata_line_end_to_end() -> None:
    html = (f"<html><body><h1>Fixing a creaky bottom bracket</h1><p class='post-meta'>Posted on 12 March 2024 by "
            f"Maya Lindqvist · 6 min read</p>{ARTICLE}</body></html>")
    record = clean(html, options=Options(format=Format.HTML)).to_dict()
    assert record["authors"] == ["Maya Lindqvist"]
    assert record["sources"]["authors"] == "byline"
    assert record["published"] == "2024-03-12"
    assert "Posted on" not in record["body"]


def test_jsonld_deeper_than_the_recursion_limit_is_skipped() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert read_jsonld([deep, '{"@type": "NewsArticle", "headline": "Still read"}']).headline == "Still read"


def test_microdata_authors_and_dates() -> None:
    meta = _meta("", "<div itemprop='author' itemscope><span itemprop='name'>Jane Doe</span> <span>Staff</span></div>"
                     "<time itemprop='dateModified' datetime='2024-03-07'>7 March</time>"
                     "<time itemprop='datePublished' datetime='2024-03-05'>5 March</time>" + ARTICLE)
    assert (meta.authors, meta.sources["authors"]) == (["Jane Doe"], "markup:itemprop")
    assert (meta.published, meta.modified) == ("2024-03-05", "2024-03-07")
    assert _meta("", "<span itemprop='author'>John Roe</span>" + ARTICLE).authors == ["John Roe"]
    assert _meta("", "<a itemprop='author' content='Ann Lee' href='/ann'>Ann</a>" + ARTICLE).authors == ["Ann Lee"]


def test_tags_joined_with_commas_are_split() -> None:
    ld = {"@type": "NewsArticle", "headline": "Reef survey", "keywords": ["Oceans,New Zealand,Environment"]}
    meta = _meta(f"<script type='application/ld+json'>{json.dumps(ld)}</script>")
    assert meta.tags == ["Oceans", "New Zealand", "Environment"]
    meta = _meta("<meta property='article:tag' content='Oceans, New Zealand'>")
    assert meta.tags == ["Oceans", "New Zealand"]


def test_site_name_falls_back_to_the_title_suffix_and_the_publisher() -> None:
    meta = _meta("<title>Council backs new bridge | The Daily Example</title>")
    assert (meta.site_name, meta.sources["site_name"]) == ("The Daily Example", "html:title")
    ld = {"@type": "NewsArticle", "headline": "Reef survey", "publisher": {"@type": "Organization", "name": "Ledger"}}
    meta = _meta(f"<title>Reef survey | Other</title><script type='application/ld+json'>{json.dumps(ld)}</script>")
    assert (meta.site_name, meta.sources["site_name"]) == ("Ledger", "json-ld")


def test_an_articles_date_only_its_free_text_states_comes_from_htmldates_extensive_search() -> None:
    # no date in the markup, none in a date line: htmldate's search of the free text finds the caption's date
    html = ("<html><head><title>Tram line approved</title></head><body><h1>Tram line approved</h1>"
            f"<p class='caption'>01. November 2021 | Transport, City</p>{ARTICLE}</body></html>")
    record = clean(html, options=Options(format=Format.HTML)).to_dict()
    assert (record["published"], record["sources"]["published"]) == ("2021-11-01", "htmldate:extensive")
    # on a page that is not an article the search is not run (it finds copyright years and listed items' dates)
    record = clean(html, options=Options(format=Format.HTML, page_type=PageType.LISTING)).to_dict()
    assert record["published"] is None
    # a date line is read first; a page with no date anywhere gets none
    html = ("<html><head><title>Tram line approved</title></head><body><h1>Tram line approved</h1><div class='docData'>"
            f"<span class='label'>Datum</span> <span class='value'>25.01.2022</span></div>{ARTICLE}</body></html>")
    record = clean(html, options=Options(format=Format.HTML)).to_dict()
    assert (record["published"], record["sources"]["published"]) == ("2022-01-25", "date line")
    assert clean(f"<html><body><h1>Tram line approved</h1>{ARTICLE}</body></html>").to_dict()["published"] is None


def test_a_date_line_wins_over_htmldates_pick_of_a_teasers_date() -> None:
    # htmldate reads the related link's <time> first; the date line under the headline is the page's visible date
    html = ("<html><head><title>Tram line approved</title></head><body><h1>Tram line approved</h1><div class='docData'>"
            f"<span class='label'>Datum</span> <span class='value'>30.09.2018</span></div>{ARTICLE}"
            "<div class='sidebar'><a href='/bus'>Bus lanes extended</a> <time>11.09.2018</time></div></body></html>")
    record = clean(html, options=Options(format=Format.HTML)).to_dict()
    assert (record["published"], record["sources"]["published"]) == ("2018-09-30", "date line")
    # with no date line, htmldate's reading is taken
    html = html.replace("<span class='label'>Datum</span> <span class='value'>30.09.2018</span>", "")
    assert clean(html, options=Options(format=Format.HTML)).to_dict()["sources"]["published"] in (
        "htmldate", "htmldate:extensive")  # extensive on a page typed article


def test_htmldates_free_text_parser_is_scoped_to_the_pages_language() -> None:
    from cleaner.html.htmldate_run import _parser, date_languages, htmldate_date

    assert date_languages("de-AT") == ("de", "en")
    assert date_languages("en_GB") == date_languages(None) == ("en",)
    assert date_languages("tlh") is None  # a language dateparser does not know: every locale, as htmldate does
    # a month name in the page's own language that htmldate's own patterns do not know is read by the scoped parser
    before = _parser.cache_info()
    html = (f"<html><body><article><h1>Uusi raitiolinja</h1><p class='caption'>3. maaliskuuta 2021</p>{ARTICLE}"
            "</article></body></html>")
    assert htmldate_date(html, extensive=True, language="fi") == "2021-03-03"
    assert _parser.cache_info().misses + _parser.cache_info().hits > before.misses + before.hits
    assert [loc.shortname for loc in _parser(("fi", "en"))._get_applicable_locales("3. maaliskuuta 2021")] == ["fi"]


def test_consensus_of_the_stated_dates() -> None:
    from cleaner.html.dates import StatedDays, consensus

    # two sources agree on a day three days from the chosen one: theirs
    assert consensus("2023-11-03T10:25:56+00:00", ("2023-11-03", "2023-11-06", None, "2023-11-06")) == "2023-11-06"
    # a day apart is a time zone's difference, not a disagreement
    assert consensus("2023-11-09T05:30:59+00:00", ("2023-11-09", "2023-11-08", "2023-11-08", None)) is None
    # one source against one, or a tie between two pairs: the chosen date stays
    assert consensus("2021-12-06", ("2021-12-06", "2022-12-15", None, None)) is None
    assert consensus("2020-01-01", ("2021-05-05", "2021-05-05", "2022-06-06", "2022-06-06")) is None
    # the visible date line stands for <time> when there is one
    days = StatedDays(jsonld="2021-12-06", meta="2022-12-15", time="2019-01-01")
    assert days.votes("2022-12-15") == ("2021-12-06", "2022-12-15", None, "2022-12-15")
    assert days.votes(None)[-1] == "2019-01-01"


def test_a_jsonld_date_outvoted_by_the_meta_tag_and_the_visible_date_end_to_end() -> None:
    ld = {"@type": "NewsArticle", "headline": "Tram line approved", "datePublished": "2021-12-06T14:36:00+00:00"}
    head = (f"<title>Tram line approved</title><script type='application/ld+json'>{json.dumps(ld)}</script>"
            "<meta property='article:published_time' content='2022-12-15T09:13:00+01:00'>")
    visible = "<p><time datetime='2022-12-15T09:13:00+01:00'>15 December 2022</time></p>"
    html = f"<html><head>{head}</head><body><h1>Tram line approved</h1>{visible}{ARTICLE}</body></html>"
    record = clean(html, options=Options(format=Format.HTML)).to_dict()
    assert (record["published"], record["sources"]["published"]) == ("2022-12-15", "consensus")
    # without the second source the JSON-LD date stands
    html = html.replace("<meta property='article:published_time' content='2022-12-15T09:13:00+01:00'>", "")
    record = clean(html, options=Options(format=Format.HTML)).to_dict()
    assert (record["published"][:10], record["sources"]["published"]) == ("2021-12-06", "json-ld")
