"""The headline of an HTML page by the fitted ranking model (cleaner/html/headline.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from cleaner import clean
from cleaner.html import headline
from cleaner.html.parse import parse
from cleaner.model import Block, Decision, Label

LEAD = ("The council voted on Tuesday to build a tram line linking the central station with the eastern docks, "
        "ending more than ten years of studies, consultations and false starts in the city.")
PAGE = ("<html><head><title>Council backs tram line | The Daily Example</title>"
        "<meta property='og:title' content='Council backs tram line'>"
        "<script type='application/ld+json'>" + json.dumps({"@type": "NewsArticle", "headline": "Tram line backed"})
        + "</script></head><body><h1>Council backs tram line to the docks</h1><h2>What happens next</h2>"
        f"<p>{LEAD}</p><p>{LEAD}</p></body></html>")


def _tree() -> Any:
    tree = parse(PAGE)
    assert tree is not None
    return tree


def test_candidates_are_the_markups_titles_their_parts_and_headings() -> None:
    found = {c.text: c for c in headline.candidates(_tree())}
    assert found["Council backs tram line"].sources == {"og", "title-part"}  # one candidate, two sources
    assert found["Council backs tram line"].part_index == 0 and found["Council backs tram line"].parts == 2
    assert found["The Daily Example"].part_index == 1
    assert found["Council backs tram line | The Daily Example"].sources == {"title"}
    assert found["Tram line backed"].sources == {"json-ld"}
    assert found["Council backs tram line to the docks"].sources == {"h1"}
    assert found["What happens next"].heading_order == 0
    # the rules' pick joins as a candidate only when no source states it as it is
    cands = headline.candidates(_tree())
    assert headline.with_rules(cands, "Council backs tram line") == cands
    assert headline.with_rules(cands, "Tram line: the vote")[-1].sources == {"rules"}


def test_rows_read_sources_parts_and_where_the_block_sits() -> None:
    cands = headline.candidates(_tree())
    decisions = [Decision(Block("Council backs tram line to the docks", index=0), Label.TITLE, ""),
                 Decision(Block(LEAD, index=1), Label.BODY, "")]
    rows = headline.rows(cands, decisions, "Council backs tram line", "The Daily Example", "article")
    texts = [c.text for c in cands]

    def cell(text: str, name: str) -> float:
        return float(rows[texts.index(text), headline.NAMES.index(name)])

    assert cell("Council backs tram line", "rules_pick") == 1.0 and cell("Tram line backed", "rules_pick") == 0.0
    assert cell("Council backs tram line", "sources") == 2.0
    assert cell("The Daily Example", "is_site") == 1.0
    assert cell("Council backs tram line to the docks", "from_body") == -1.0  # its block is just above the article
    assert cell("Tram line backed", "from_body") == headline.NO_BLOCK
    assert cell("Council backs tram line to the docks", "holds_title_head") == 1.0
    assert cell("Council backs tram line", "in_opening") == 0.75  # council, backs, tram, line: 3 of 4 in the lead
    assert rows[:, headline.NAMES.index("page_type")].tolist() == [0.0] * len(cands)


@dataclass
class _Fixed:
    scores: dict[str, float]
    cands: list[str]

    def predict(self, rows: Any, num_threads: int = 1) -> np.ndarray:
        return np.asarray([self.scores.get(t, 0.0) for t in self.cands])


def test_the_best_candidate_replaces_the_rules_pick_only_from_the_bar_up() -> None:
    tree = _tree()
    texts = [c.text for c in headline.with_rules(headline.candidates(tree), None)]
    decisions = [Decision(Block(LEAD, index=0), Label.BODY, "")]
    sure = headline.HeadlineModel(_Fixed({"Council backs tram line to the docks": 9.0}, texts), accept=0.5)
    unsure = headline.HeadlineModel(_Fixed({"Council backs tram line to the docks": 0.5}, texts), accept=0.5)
    assert headline.headline(tree, decisions, None, None, "article", sure) == "Council backs tram line to the docks"
    assert headline.headline(tree, decisions, None, None, "article", unsure) is None


def test_the_shipped_model_gives_the_visible_headline_over_the_titles_shorter_form() -> None:
    # the rules take "Council backs tram line" (og:title and <title> without its site name agree); the <h1> that
    # goes on from it is the visible headline (the README's promise), and the record says the model chose it
    record = clean(PAGE).to_dict()
    assert (record["title"], record["sources"]["title"]) == ("Council backs tram line to the docks",
                                                              "html:title-model")
    chances = headline.chances([0.0, 2.0])
    assert abs(float(chances.sum()) - 1.0) < 1e-12 and chances[1] > 0.85


def test_the_shipped_model_is_small_data_fitted_on_the_fit_part_with_these_columns() -> None:
    import gzip

    data = json.loads(gzip.decompress(headline.MODEL_PATH.read_bytes()))
    assert headline.MODEL_PATH.stat().st_size < 400_000
    assert tuple(data["names"]) == headline.NAMES
    assert data["about"]["fitted_on"].startswith("fit part of")
    assert 0.0 < data["accept"] < 1.0
    model = headline.load()
    assert model is not None and model.booster.num_feature() == len(headline.NAMES)
