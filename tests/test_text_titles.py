"""The headline of a text scrape by the fitted title model (cleaner/text/titles.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

import cleaner
from cleaner.model import Block, Decision, Kind, Label
from cleaner.text import titles

LEAD = ("Fall is not just pumpkin spice season: it is also a time when nutrition and wellness trends take centre "
        "stage, and athletes and busy professionals alike look for ways to stay fuelled through the autumn months.")


def _decisions(lines: list[tuple[str, Label]]) -> list[Decision]:
    return [Decision(Block(text, index=i), label, "") for i, (text, label) in enumerate(lines)]


def test_candidates_are_short_lines_before_the_article_and_just_after_its_start() -> None:
    lines = [("Home", Label.NAVIGATION), ("Nutrition trends for the autumn", Label.TITLE),
             (LEAD + " " + LEAD, Label.BODY)]
    lines += [(f"Another paragraph of the article, number {i}.", Label.BODY) for i in range(10)]
    decisions = _decisions(lines)
    decisions[3] = Decision(Block("print('a line of code here')", kind=Kind.CODE, index=3), Label.BODY, "")
    chosen = titles.candidates(decisions, None)
    assert 0 not in chosen  # four characters: too short
    assert 1 in chosen and 2 not in chosen  # the lead is too long
    assert 3 not in chosen  # code
    assert max(chosen) == 2 + titles.AFTER_BODY
    assert titles.candidates(decisions, 12) == [*chosen, 12]  # the rules' headline is always one


def test_a_candidate_whose_words_the_opening_repeats_reads_so() -> None:
    decisions = _decisions([("Pumpkin spice and wellness trends", Label.TITLE), ("Cookie settings apply", Label.COOKIE),
                            (LEAD, Label.BODY)])
    rows = titles.rows(decisions, [0.1, 0.1, 0.9], decisions, False, [0, 1], 0)
    column = titles.NAMES.index("in_opening")
    assert rows[0, column] > 0.6 and rows[1, column] == 0.0
    assert rows[0, titles.NAMES.index("from_body")] == -2
    assert rows[:, titles.NAMES.index("rules_headline")].tolist() == [1.0, 0.0]


def test_a_candidate_over_a_byline_and_repeated_in_a_title_line_reads_so() -> None:
    decisions = _decisions([("Nutrition trends for the autumn | Scratch Kitchen", Label.NAVIGATION),
                            ("Recipes and more", Label.NAVIGATION), ("Nutrition trends for the autumn", Label.TITLE),
                            ("By Jane Doe", Label.BYLINE), (LEAD, Label.BODY)])
    rows = titles.rows(decisions, [0.1, 0.1, 0.2, 0.3, 0.9], decisions, False, [0, 1, 2], 2)

    def column(name: str) -> list[float]:
        return rows[:, titles.NAMES.index(name)].tolist()

    assert column("inside_other_lines") == [0.0, 0.0, 1.0]  # the "Headline | Site" line holds the headline
    assert column("byline_after") == [1.0, 1.0, 1.0]  # a byline within BYLINE_LINES under each
    assert column("long_after") == [4.0, 3.0, 2.0]  # lines down to the lead
    assert column("last_before_body") == [0.0, 0.0, 1.0]
    assert column("candidates_to_body") == [3.0, 2.0, 1.0]
    # a page too short for a line two or three under the candidate: -1
    assert column("rule_label_next3")[2] == -1.0 and column("rule_label_next2")[2] > 0


@dataclass
class _Fixed:
    p: list[float]

    def predict(self, rows: Any, num_threads: int = 1) -> np.ndarray:
        return np.asarray(self.p[: len(rows)])


def test_chances_are_the_softmax_of_a_pages_ranking_scores() -> None:
    p = titles.chances([0.0, 1.5, -2.0])
    assert abs(p.sum() - 1.0) < 1e-12 and int(np.argmax(p)) == 1
    assert titles.chances([1000.0, 999.0])[0] > 0.7  # no overflow on large scores


def test_the_best_candidate_is_the_headline_only_from_the_bar_up() -> None:
    decisions = _decisions([("Menu and more links", Label.NAVIGATION), ("Nutrition trends for the autumn",
                                                                         Label.TITLE), (LEAD, Label.BODY)])
    # ranking scores: the best candidate's chance is the softmax of the page's scores (0.82 and 0.55 here)
    sure = titles.TitleModel(_Fixed([0.0, 1.5]), accept=0.6)
    unsure = titles.TitleModel(_Fixed([0.0, 0.2]), accept=0.6)
    assert titles.headline(decisions, [0.1, 0.2, 0.9], decisions, False, sure) == "Nutrition trends for the autumn"
    assert titles.headline(decisions, [0.1, 0.2, 0.9], decisions, False, unsure) is None


def test_a_browser_scrape_gets_its_headline_not_a_menu_line() -> None:
    headline = "Top Nutrition Trends for Fall 2025: What Fitness Experts Are Eating"
    page = "\n".join(["Skip to content", "HOME", "MEAL PREP", "COMPANY", "CONTACT", "LOGIN", "ORDER NOW",
                      "Andrew King", "September 4, 2025", headline, "", LEAD, "",
                      "Protein continues to dominate the wellness conversation, and for good reason: it supports "
                      "muscle recovery, keeps you feeling full, and fuels busy days in the office and at the gym.",
                      "", "Functional ingredients, think omega-3-rich salmon, gut-healthy grains and berries, are "
                      "trending as people look for ways to boost their energy and support focus.", "",
                      "Related posts", "Privacy policy"])
    article = cleaner.clean(page, options=cleaner.Options(format=cleaner.Format.TEXT))
    assert article.metadata.title == headline
