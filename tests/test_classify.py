"""classify: context-free labels with reasons; the front-end hint always wins."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cleaner.classify import Quality, classify, classify_block, features, quality
from cleaner.model import Basis, Block, Caption, Kind, Label

LONG = ("The council said on Tuesday that it would review the plan again in the spring, and that the residents "
        "who had written to it would be heard before any of the work on the bridge began. It was the first time "
        "that the plan had been put to them.")


def label(text: str, **kw: object) -> Label:
    return classify_block(Block(text=text, **kw)).label  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "want"), [
    ("Skip to content", Label.NAVIGATION),
    ("Zum Inhalt springen", Label.NAVIGATION),
    ("* indicates required", Label.SUBSCRIBE),
    ("Abonnez-vous à notre newsletter", Label.SUBSCRIBE),
    ("We use cookies to improve your experience.", Label.COOKIE),
    ("Share on Facebook", Label.SHARE),
    ("Udostępnij", Label.SHARE),
    ("Advertisement", Label.ADVERT),
    ("Реклама", Label.ADVERT),
    ("12 Comments", Label.COMMENTS),
    ("Залишити коментар", Label.COMMENTS),
    ("MORE NEWS", Label.RELATED),
    ("Читайте также", Label.RELATED),
    ("Leggi anche", Label.RELATED),
    ("Todos los derechos reservados", Label.FOOTER),
    ("This audio is created with AI assistance", Label.NOTICE),
    ("Explore further", Label.RELATED),
    ("Like Loading...", Label.SHARE),
    ("Teilen Sie dies mit:", Label.SHARE),
    ("Ihr Warenkorb ist leer", Label.NAVIGATION),
    ("AM BELIEBTESTEN", Label.RELATED),
    ("There are 13 comments", Label.COMMENTS),
    ("Meist gesucht:", Label.NAVIGATION),
    ("MARKIERT MIT", Label.METADATA),
    ("Empfiehl dies deinen Freunden.", Label.SHARE),
    ("Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.", Label.NOTICE),
    ("The views expressed in this column are the author's own.", Label.NOTICE),
])
def test_known_phrases_in_each_language(text: str, want: Label) -> None:
    assert label(text) is want


@pytest.mark.parametrize(("text", "want"), [
    ("Print | Send to a friend", Label.SHARE),
    ("Печат | Изпрати на приятел", Label.SHARE),
    ("Сподели • Печат", Label.SHARE),
    ("Підписуйтеся на наш Telegram-канал", Label.SUBSCRIBE),
])
def test_a_row_of_buttons_written_as_one_line_between_separators(text: str, want: Label) -> None:
    assert label(text) is want


@pytest.mark.parametrize("text", ["Home | Send to a friend",  # one label for every part, or none
                                  " | ".join(["Print"] * 9)])  # a row has at most RUN_MAX_WORDS parts
def test_a_separated_line_is_a_row_only_when_every_part_is_a_phrase_of_one_label(text: str) -> None:
    assert classify_block(Block(text=text)).basis is not Basis.PHRASE


def test_phrase_inside_a_long_paragraph_is_not_a_widget() -> None:
    text = LONG + " The newsletter of the residents' group said it would subscribe to the new plan."
    assert label(text) is Label.BODY


def test_caption_with_credit_gets_split_cues() -> None:
    d = classify_block(Block(text="Protesters outside the parliament in Kyiv. (Jane Roe/AFP)"))
    assert d.label is Label.CAPTION
    assert d.block.cues.caption == Caption("Protesters outside the parliament in Kyiv.", "Jane Roe/AFP")
    assert "credit" in d.reason


@pytest.mark.parametrize("text", ["Foto: dpa", "Photo: Getty Images",
                                  "Der Bürgermeister am Montag. Foto: picture alliance"])
def test_credit_forms(text: str) -> None:
    assert label(text) is Label.CAPTION


@pytest.mark.parametrize("text", [
    "Das Fragen-Board ist live moderierbar (Whitelist/Blacklist).",  # two capitalised words, no name, no agency
    "Die Veranstalter werden auf ihrer Seite auch Fotos der aktuellen Austragung anbieten.",  # "Fotos de|r"
    "Il tema passa anche per le aree esterne a quelle del Parco Nazionale d'Abruzzo, Lazio e Molise.",
])
def test_credit_look_alikes_are_not_captions(text: str) -> None:
    assert label(text) is not Label.CAPTION


def test_sentence_ending_in_parentheses_is_not_a_caption() -> None:
    assert label("He said the talks went well (Reuters reported) and left.") is Label.BODY
    assert label("The vote passed (and/or failed).") is not Label.CAPTION


@pytest.mark.parametrize("text", ["By Jane Doe and John Roe", "Von Max Mustermann | 28.10.2024", "Jane Doe, Reuters",
                                  "Par Jean Dupont"])
def test_bylines(text: str) -> None:
    assert label(text) is Label.BYLINE


def test_date_line_is_metadata() -> None:
    assert label("28 octobre 2024") is Label.METADATA
    assert label("Updated: October 28, 2024 9:56 PM") is Label.METADATA


def test_quality_classes() -> None:
    assert quality(Block(text=LONG)) is Quality.GOOD
    assert quality(Block(text="Short line")) is Quality.SHORT
    assert quality(Block(text=LONG, link_density=0.9)) is Quality.BAD
    assert quality(Block(text="Apple Banana Cherry Durian Elderberry Fig Grape Honeydew Kiwi Lemon Mango Nectarine "
                              "Orange Papaya Quince Raspberry")) is Quality.BAD


def test_body_short_and_link_lists() -> None:
    assert classify_block(Block(text=LONG)).label is Label.BODY
    short = classify_block(Block(text="A short line"))
    assert short.label is Label.BODY and short.reason.startswith("short")
    links = classify_block(Block(text=LONG, link_density=0.95))
    assert links.label is Label.BOILERPLATE and "link" in links.reason


def test_hint_wins_and_image_markers() -> None:
    d = classify_block(Block(text=LONG, hint=Label.COMMENTS, hint_reason="inside <section id=comments>"))
    assert (d.label, d.reason) == (Label.COMMENTS, "inside <section id=comments>")
    assert classify_block(Block(text="", kind=Kind.IMAGE)).label is Label.BOILERPLATE


def test_every_decision_has_a_reason_and_classify_is_pure() -> None:
    blocks = [Block(text=t, index=i) for i, t in enumerate([LONG, "Subscribe", "Photo: AP", "by Jane Doe"])]
    before = [replace(b.cues) for b in blocks]
    decisions = classify(blocks)
    assert all(d.reason for d in decisions)
    assert [b.cues for b in blocks] == before


def test_a_long_consent_banner_paragraph_is_a_cookie_notice() -> None:
    banner = ("Soucieux de la protection de vos données personnelles, nous vous informons que sur le site, nos "
              "partenaires et des tiers utilisent des cookies et autres traceurs. En dehors des cookies strictement "
              "nécessaires au fonctionnement du site, votre consentement est nécessaire pour la mesure d'audience.")
    assert label(banner) is Label.COOKIE


@pytest.mark.parametrize("text", [
    # an article about privacy: cookies twice, but nobody is asked to accept anything
    "While they may not solve the problem, there are technical steps people can take. Some web browsers do not send "
    "third-party cookies by default, or they scope cookies so that surveillance does not get a single view of one "
    "user. The most privacy-preserving browser is the Tor Browser, which everyone should have installed.",
    # a recipe: cookies, no consent
    "Let the cookies cool on the tray for ten minutes before you move them, and keep the cookies in a tin so they "
    "stay crisp. They keep for a week, if they last that long, and they freeze well for a month or two as well.",
])
def test_paragraphs_about_cookies_are_not_banners(text: str) -> None:
    assert label(text) is not Label.COOKIE


def test_a_sentence_followed_by_reference_marks_still_ends_a_sentence() -> None:
    for text in ("Mozilla launched a marketplace for HTML5 applications.[15]",
                 "The bridge opened in 1998.[3][4]", "It was the longest in Europe.[citation needed]"):
        assert features(Block(text=text)).sentence_end, text
    assert not features(Block(text="See the list of bridges [edit")).sentence_end
    assert not features(Block(text="Mozilla Persona [edit]")).sentence_end


def test_an_unpunctuated_line_of_cjk_prose_is_text_but_a_cjk_label_is_not() -> None:
    prose = "一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣"
    f = features(Block(text=prose))
    assert f.sentence_end and f.stop_density >= 0.3
    assert classify_block(Block(text=prose)).label is Label.BODY
    for label in ("新竹旅遊小確幸內灣老街櫻木花道咖啡餐廳畫盒子藝術餐廳", "部落格全站分類休閒旅遊"):  # few particles
        f = features(Block(text=label))
        assert not f.sentence_end and f.stop_density == 0.0, label


def test_a_credit_naming_a_club_with_an_article_is_a_credit() -> None:
    from cleaner.rules.credits import split_credit

    text = "Vertreter der Jugendverbände sprachen mit der Ministerin. (Bildquelle: Ring der Landjugend )"
    assert split_credit(text) == ("Vertreter der Jugendverbände sprachen mit der Ministerin.", "Ring der Landjugend")
    assert split_credit("Die Brücke im Winter (siehe die Grafik unten)") is None


@pytest.mark.parametrize(("text", "want"), [
    ("Cicero Newsletter", Label.SUBSCRIBE),
    ("GET THE BOING BOING NEWSLETTER", Label.SUBSCRIBE),
    ("Newsletter der Woche", Label.BODY),  # the word must end the heading
    ("Wir haben einen Newsletter.", Label.BODY),  # a sentence, not a heading
    ("The long history of the small village newsletter", Label.BODY),  # past the heading length
    ("How to start a newsletter", Label.BODY),  # a headline about newsletters: lower-case words
    ("Wie funktioniert ein Newsletter", Label.BODY),
])
def test_a_short_heading_ending_in_newsletter_is_a_sign_up_widget(text: str, want: Label) -> None:
    assert label(text) is want
