"""The HTML block model's features: the template columns (repeated posts, cards and menu links) and the model's
contract with the columns the front-end computes."""

import numpy as np

from cleaner.blockmodel import load
from cleaner.html import features
from cleaner.html.parse import parse
from cleaner.html.templates import TEMPLATE, templates
from cleaner.html.walk import walk

THREAD = """<html><body>
<ul class="menu"><li><a href="/a">Home</a></li><li><a href="/b">Forums</a></li><li><a href="/c">Help</a></li></ul>
<article id="post-101" class="post"><div class="body"><p>{one}</p></div></article>
<article id="post-202" class="post"><div class="body"><p>{two}</p></div></article>
<article id="post-303" class="post first"><div class="body"><p>{three}</p></div></article>
<footer><p>Copyright 2025 Example Forums</p></footer>
</body></html>"""
ONE = "I have been getting gateway errors since the announcement, and I would like to thank everyone here."
TWO = "Same here. The forum has been a great place to learn, and I hope it stays open for many years."
THREE = "This one sits in a post whose class differs, so it is a template of its own."


def _segment() -> tuple[list[str], np.ndarray]:
    tree = parse(THREAD.format(one=ONE, two=TWO, three=THREE))
    assert tree is not None and tree.body is not None
    seg = walk(tree.body)
    return [b.text for b in seg.blocks], templates(seg)


def test_posts_whose_ids_differ_only_in_digits_share_a_template() -> None:
    texts, template = _segment()
    at = {t: template[i] for i, t in enumerate(texts)}
    assert at[ONE] == at[TWO]
    assert at[THREE] != at[ONE]  # another class: another template
    assert at["Home"] == at["Forums"] == at["Help"]
    assert at["Home"] != at[ONE]
    assert at["Copyright 2025 Example Forums"] not in {at[ONE], at["Home"]}


def test_template_columns_give_the_template_s_share_of_the_page_and_its_repeats() -> None:
    tree = parse(THREAD.format(one=ONE, two=TWO, three=THREE))
    assert tree is not None and tree.body is not None
    seg = walk(tree.body)
    rows, chars, groups = features.table(seg)
    texts = [b.text for b in seg.blocks]
    col = {name: features.NAMES.index(name) for name in TEMPLATE}
    post, link = texts.index(ONE), texts.index("Home")
    assert rows[post, col["tpl_share"]] == np.float32((len(ONE) + len(TWO)) / chars.sum())
    assert rows[post, col["tpl_blocks"]] == np.float32(np.log1p(2))
    assert rows[link, col["tpl_blocks"]] == np.float32(np.log1p(3))
    assert rows[link, col["tpl_link_density"]] > 0.9 > rows[post, col["tpl_link_density"]]
    assert np.array_equal(groups[-1], templates(seg))  # the second stage averages over templates too
    assert len(groups) == features.CONTEXT_GROUPS


def test_the_shipped_html_model_reads_columns_the_front_end_gives() -> None:
    model = load("html_blocks")
    assert set(model.names) <= set(features.NAMES)
    assert model.levels <= features.CONTEXT_GROUPS


def test_explain_names_the_second_stage_groups_by_what_they_are() -> None:
    import re

    from cleaner import Options, clean
    from cleaner.blockmodel import context_names

    assert len(features.GROUP_NAMES) == features.CONTEXT_GROUPS
    html = THREAD.format(one=ONE, two=TWO, three=THREE)
    reasons = [r.reason for r in clean(html, options=Options(explain=True)).removed]
    cues = [name for reason in reasons for name in re.findall(r"([a-z_0-9]+) \([+-]\d", reason)]
    assert cues, reasons
    named = {f"{g}_{what}" for g in features.GROUP_NAMES for what in ("score", "share_high")}
    assert set(cues) <= set(features.NAMES) | named | set(context_names(features.CONTEXT_GROUPS))
    assert not any(name.startswith("group") for name in cues)
    assert set(cues) & named  # the page's menu and footer are judged by their groups' scores too
