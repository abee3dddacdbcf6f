"""The text and Markdown block models: their contract with cleaner/text/features.py and what they make of a page."""

from __future__ import annotations

import gzip
import json
import re

import numpy as np
import pytest

import cleaner
from cleaner import Options, blockmodel
from cleaner.blockmodel import context_names
from cleaner.pagetype.extract import text_statistics
from cleaner.rules import HERE as RULES
from cleaner.text import features
from cleaner.text.frontend import MARKDOWN_FRONTEND, TEXT_FRONTEND
from cleaner.text.markdown import segment_markdown
from cleaner.text.segment import segment_text

MODELS = ("text_blocks", "markdown_blocks")

PARAGRAPHS = [
    "After forty years without a drop, the mill race at Hollow Creek is running again, thanks to a volunteer crew "
    "that spent three summers clearing silt, roots and a surprising number of shopping trolleys from the channel.",
    "The restored wheel turned for the first time on Saturday, watched by a crowd of about two hundred people who "
    "had come with picnic baskets and folding chairs to see whether the thing would actually move at all.",
    "It did, slowly at first and then with a steady creak that the organisers say they intend to keep, because "
    "the sound is what the older people in the village remember best from their own childhood.",
    "The council has promised to pay for a new footbridge over the race next year, so that visitors can watch the "
    "wheel from both banks, and the volunteers are already talking about restoring the grinding stones too.",
]
MENU = "Home News Sport Weather Contact"
COOKIE = "We use cookies to improve your experience on our website. Accept all cookies"

TEXT_PAGE = "\n".join([
    "Skip to content", MENU, "Subscribe", "", "Water returns to the old mill", "",
    *[p + "\n" for p in PARAGRAPHS], "Share this article", "Facebook", "Twitter", "", "Related stories",
    "Council votes on bus lanes", "New library opens on Monday", "", COOKIE, "© 2024 Valley Post. All rights reserved.",
])
MARKDOWN_PAGE = "\n".join([
    "[Skip to content](#main)", "", "* [Home](/)", "* [News](/news)", "* [Sport](/sport)", "* [Contact](/contact)",
    "", "# Water returns to the old mill", "", *[p + "\n" for p in PARAGRAPHS], "## Related stories", "",
    "* [Council votes on bus lanes](/a)", "* [New library opens on Monday](/b)", "", COOKIE, "",
    "© 2024 Valley Post. All rights reserved.",
])


def _model_file(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(gzip.decompress((RULES / "model" / f"{name}.json.gz").read_bytes()))
    return data


@pytest.mark.parametrize("name", MODELS)
def test_the_model_file_was_fitted_on_the_features_of_today(name: str) -> None:
    data = _model_file(name)
    assert set(data["names"]) <= set(features.NAMES)  # type: ignore[arg-type]  # a model may leave columns out
    assert data["levels"] == features.GROUP_LEVELS
    model = blockmodel.load(name)
    assert model.stage1.num_feature() == len(model.names)
    assert model.stage2.num_feature() == len(model.all_names)


@pytest.mark.parametrize("name", MODELS)
def test_the_model_file_stays_small(name: str) -> None:
    assert (RULES / "model" / f"{name}.json.gz").stat().st_size < 2_000_000


def test_features_one_row_per_block_with_finite_values() -> None:
    blocks = segment_text(TEXT_PAGE)
    table = features.table(blocks, text_statistics(TEXT_PAGE)[0])
    assert table.rows.shape == (len(blocks), len(features.NAMES))
    assert np.isfinite(table.rows).all()
    assert len(table.groups) == features.GROUP_LEVELS and all(len(g) == len(blocks) for g in table.groups)
    repeats = features.NAMES.index("repeats")
    assert table.rows[:, repeats].max() == 0.0  # no line repeats on this page
    assert features.table([], text_statistics("")[0]).rows.shape == (0, len(features.NAMES))
    with pytest.raises(ValueError):
        features.table(blocks, [0.0])


def test_the_page_statistics_are_the_same_columns_in_every_row_and_tell_a_shop_from_a_story() -> None:
    cols = [features.NAMES.index(n) for n in features.STATISTICS]
    story = features.table(segment_text(TEXT_PAGE), text_statistics(TEXT_PAGE)[0]).rows[:, cols]
    assert (story == story[0]).all()
    shop_page = TEXT_PAGE + "\nAdd to cart\nIn stock\n$24.99\nFree shipping\n"
    shop = features.table(segment_text(shop_page), text_statistics(shop_page)[0]).rows[:, cols]
    cart = features.STATISTICS.index("pt_t_cart")
    assert shop[0, cart] > story[0, cart] == 0.0


def test_a_model_reads_only_the_columns_it_was_fitted_on() -> None:
    model = blockmodel.load("markdown_blocks")
    table = features.table(segment_text(TEXT_PAGE), text_statistics(TEXT_PAGE)[0])
    rows = model.columns(table.rows, features.NAMES)
    assert rows.shape == (len(table.rows), len(model.names))
    assert np.array_equal(rows[:, 0], table.rows[:, features.NAMES.index(model.names[0])])
    with pytest.raises(ValueError, match="refit"):
        model.columns(table.rows[:, :3], features.NAMES[:3])


@pytest.mark.parametrize("frontend,page", [(TEXT_FRONTEND, TEXT_PAGE), (MARKDOWN_FRONTEND, MARKDOWN_PAGE)],
                         ids=["text", "markdown"])
def test_the_front_end_scores_every_block_and_scores_are_deterministic(frontend: object, page: str) -> None:
    first = frontend.segment(page, url=None, options=Options())  # type: ignore[attr-defined]
    second = frontend.segment(page, url=None, options=Options())  # type: ignore[attr-defined]
    assert first.scores is not None and len(first.scores) == len(first.blocks)
    assert first.scores == second.scores
    assert all(0.0 <= s <= 1.0 for s in first.scores)


@pytest.mark.parametrize("fmt,page", [("text", TEXT_PAGE), ("markdown", MARKDOWN_PAGE)])
def test_an_article_keeps_its_paragraphs_and_drops_menu_and_cookie_lines(fmt: str, page: str) -> None:
    record = cleaner.clean(page, options=Options(format=fmt)).to_dict()
    body = record["body"] or ""
    for p in PARAGRAPHS:
        assert p in body
    for junk in ("Skip to content", "Contact", "cookies", "Council votes", "All rights reserved"):
        assert junk not in body
    assert record["title"] == "Water returns to the old mill"


def test_explain_names_the_cues_of_removed_blocks() -> None:
    record = cleaner.clean(TEXT_PAGE, options=Options(format="text", explain=True)).to_dict()
    removed = {r["text"]: r["reason"] for r in record["removed"]}
    assert "strongest cues:" in removed["Skip to content"]
    cues = {name for reason in removed.values() for name in re.findall(r"([a-z_0-9]+) \([+-]\d", reason)}
    named = {f"{g}_{what}" for g in features.GROUP_NAMES for what in ("score", "share_high")}
    assert cues <= set(features.NAMES) | named | set(context_names(features.GROUP_LEVELS))
    assert not any(name.startswith("group") for name in cues)  # the text groups named as such, not as HTML's


def test_a_line_ending_in_a_photo_credit_is_a_caption_not_body() -> None:
    page = TEXT_PAGE.replace("Water returns to the old mill\n", "Water returns to the old mill\n\n"
                             "The wheel on Saturday morning. Photo: Jane Miller\n")
    record = cleaner.clean(page, options=Options(format="text")).to_dict()
    assert "Jane Miller" not in (record["body"] or "")
    assert any(c["credit"] and "Jane Miller" in c["credit"] for c in record["captions"])


def test_markdown_blocks_get_link_density_in_their_features() -> None:
    blocks = segment_markdown(MARKDOWN_PAGE)
    table = features.table(blocks, text_statistics(MARKDOWN_PAGE)[0])
    density = features.NAMES.index("link_density")
    menu = next(i for i, b in enumerate(blocks) if b.text == "Home")
    assert table.rows[menu, density] == 1.0


def test_the_best_region_holds_the_running_text_and_end_phrases_are_seen() -> None:
    blocks = segment_text(TEXT_PAGE)
    table = features.table(blocks, text_statistics(TEXT_PAGE)[0])
    col = {n: i for i, n in enumerate(features.NAMES)}
    texts = [b.text for b in blocks]
    inside = table.rows[:, col["in_best"]] > 0
    assert [t for t, k in zip(texts, inside, strict=True) if k] == PARAGRAPHS
    assert table.rows[texts.index(MENU), col["best_offset"]] < 0 < table.rows[texts.index(COOKIE), col["best_offset"]]
    seen = table.rows[:, col["end_phrase_before"]]
    assert seen[texts.index("Related stories")] == 0 and seen[texts.index("Council votes on bus lanes")] >= 1


@pytest.mark.parametrize("frontend", [TEXT_FRONTEND, MARKDOWN_FRONTEND])
def test_the_headline_the_rule_pass_found_is_scored_out_of_the_body(frontend: object) -> None:
    page = frontend.segment(MARKDOWN_PAGE if frontend is MARKDOWN_FRONTEND else TEXT_PAGE,  # type: ignore[attr-defined]
                            url=None, options=Options())
    titles = [i for i, d in enumerate(page.rule_decisions) if d.label.value == "title"]
    assert all(page.scores[i] <= 0.1 for i in titles)


def test_the_page_statistics_are_the_page_type_features_of_the_same_text() -> None:
    from cleaner.pagetype.extract import features as type_features
    from cleaner.pagetype.extract import names as type_names

    row, _ = type_features("text", TEXT_PAGE, None)
    by_name = dict(zip(type_names("text"), row, strict=True))
    table = features.table(segment_text(TEXT_PAGE), text_statistics(TEXT_PAGE)[0])
    first = dict(zip(features.NAMES, table.rows[0], strict=True))
    for name in features.STATISTICS:
        assert first[name] == pytest.approx(by_name[name.removeprefix("pt_")], rel=1e-6)
