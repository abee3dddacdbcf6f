"""Context pass over the labelled blocks: decisions that need the neighbours.

1. Teasers: a headline-like block followed by a truncated paragraph ending in "…" is a related-story teaser.
2. The article is the contiguous run of blocks with the highest score (maximum-subarray, as in BTE): running
   text scores its length, short lines and boilerplate cost a little, end markers ("MORE NEWS", "Comments")
   cost a lot, so the run stops before them. A front-end cue ``in_candidate`` (True: an extractor it trusts
   kept the block) adds to a block's score; blocks with a front-end ``hint`` keep their label.
3. Before the run: the headline (nearest heading or title-like line, looking past byline, date, caption) is the
   title; other lines are navigation/header. After it: everything is dropped, labelled by the last widget seen
   (subscribe, related, comments, ...). Inside it: short lines stay body, link lists go.
4. A short unlabelled block between two blocks of the same boilerplate label takes that label (widget inners).
"""

from __future__ import annotations

from collections.abc import Sequence

from .classify import LENGTH_LOW, MAX_LINK_DENSITY, STOPWORDS_LOW, Features, Quality, features_of, quality_of
from .model import Decision, Kind, Label
from .rule_tuning import RULE_TUNING, RuleTuning
from .rules import blockscore
from .rules.bylines import bio_name
from .title import TITLE_MAX_WORDS, title_index, title_score
from .weights import headline_like, weight

#: a short question or exclamation (ending in one of these) may be the headline that opens the run
HEADLINE_ENDS = ("?", "!")

SECTION_LABELS = frozenset({Label.RELATED, Label.COMMENTS, Label.SUBSCRIBE, Label.FOOTER, Label.SHARE,
                            Label.ADVERT, Label.COOKIE})
_TRUNCATED = ("…", "...", "[…]", "[...]")


def best_run(weights: Sequence[float]) -> tuple[int, int]:
    """[start, end) of the maximum-sum contiguous run; (0, 0) when nothing scores above zero."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _before_comments(decisions: list[Decision], feats: list[Features], weights: list[float], start: int,
                     end: int, t: RuleTuning) -> tuple[int, int]:
    """An article comes before its comments: when the best run follows a comments heading (a phrase, not a class
    name: sidebars come first in some markup), and a run of text before that heading weighs at least
    comments_min_share of it, the best run is the comments (longer than a short story) and the earlier run is the
    article. (Cutting the run at a comments heading inside it instead drops the story's later paragraphs.)"""
    before = next((k for k in range(start - 1, -1, -1) if _comments_marker(decisions, feats, k, t)), None)
    if before is None:
        return start, end
    s, e = best_run(weights[:before])
    if s != e and sum(weights[s:e]) >= max(t.comments_min_weight, t.comments_min_share * sum(weights[start:end])):
        return s, e
    return start, end


def _comments_marker(decisions: list[Decision], feats: list[Features], k: int, t: RuleTuning) -> bool:
    """A short line a phrase rule calls comments ("Comments", "3 Responses", "Reply"), not a class name's hint."""
    d = decisions[k]
    return d.label is Label.COMMENTS and d.block.hint is None and feats[k].words <= t.end_max_words


def _cut_thread(decisions: list[Decision], feats: list[Features], start: int, end: int, t: RuleTuning) -> int:
    """The run's end before a comment thread inside it: a comments marker followed, still inside the run, by at
    least thread_min_replies marker lines that repeat on the page ("Reply" under every comment). A lone
    "Comments" line may be a subheading; a thread of repeated "Reply" lines is not the article (long comments
    carry the run past each one)."""
    marks = [k for k in range(start, end) if _comments_marker(decisions, feats, k, t)]
    for j, k in enumerate(marks):
        replies = sum(decisions[m].block.cues.repeats >= 2 for m in marks[j + 1:])
        if replies >= t.thread_min_replies and k > start:
            return k
    return end


def _bio_at_end(decisions: list[Decision], start: int, end: int, t: RuleTuning) -> int | None:
    """The author's bio that ends a run of text with no extractor's opinion (text, Markdown): one of the run's last
    bio_tail body blocks, in a run of at least bio_min_body, whose name the story has not mentioned before (a
    story's last line may well be about someone it told of). Where an extractor judged the blocks (HTML), its
    opinion stands."""
    if any(decisions[i].block.cues.in_candidate is not None for i in range(start, end)):
        return None
    body = [i for i in range(start, end) if decisions[i].label is Label.BODY]
    if len(body) < t.bio_min_body:
        return None
    for i in body[-t.bio_tail:]:
        name = bio_name(decisions[i].block.text)
        if name is not None and not (name and any(name in decisions[k].block.text for k in body if k < i)):
            return i
    return None


def _trim_start(decisions: list[Decision], feats: list[Features], weights: list[float], start: int,
                end: int, t: RuleTuning) -> int:
    """A run that opens with a site tagline and then the headline ("Hi, I'm Nicolas." / "Get your code covered")
    starts after the headline: at most trim_max_text of text before a title-like block is page header."""
    text = 0.0
    for k in range(start, min(end - 1, start + t.trim_window)):
        if feats[k].words >= 3 and title_score(decisions[k], feats[k], 0) is not None \
                and _headline_shaped(decisions[k], feats[k], t):
            if text <= t.trim_max_text:
                return k + 1
            return start
        bonus = t.candidate_bonus if decisions[k].block.cues.in_candidate else 0.0
        text += max(0.0, weights[k] - bonus)  # what the text itself weighs, not the extractor's opinion of it
    return start


def _headline_shaped(d: Decision, f: Features, t: RuleTuning) -> bool:
    """A heading, a line that does not end like a sentence, or (where no extractor judged the line: text,
    Markdown) a short question or exclamation without a comma ("What is Rust and why is it so popular?"): a
    sentence line counts in the run, so a headline of that shape opens it."""
    if d.block.kind is Kind.HEADING or not f.sentence_end:
        return True
    text = d.block.text
    return text.rstrip().endswith(HEADLINE_ENDS) and f.words <= t.headline_max_words and "," not in text \
        and d.block.cues.in_candidate is None


def _in_prose(quals: list[Quality], first: int, last: int) -> bool:
    """Running text on both sides of blocks first..last: a subheading and a paragraph that trails off ("…")
    inside an article, not a teaser."""
    text = (Quality.GOOD, Quality.NEAR_GOOD)
    return first > 0 and last + 1 < len(quals) and quals[first - 1] in text and quals[last + 1] in text


def _blind(decisions: list[Decision], feats: list[Features], t: RuleTuning) -> bool:
    long_ = [f for d, f in zip(decisions, feats, strict=True) if f.length >= LENGTH_LOW and f.sentence_end
             and d.label in (Label.BODY, Label.BOILERPLATE) and f.link_density <= MAX_LINK_DENSITY]
    return bool(long_) and sum(f.stop_density >= STOPWORDS_LOW for f in long_) < t.blind_share * len(long_)


def _unblind(decisions: list[Decision], feats: list[Features], t: RuleTuning
             ) -> tuple[list[Decision], list[Features]]:
    """Language-blind reading: sentence-punctuated text counts as running text; dropped-for-no-stop-words is undone."""
    out_d, out_f = [], []
    for d, f in zip(decisions, feats, strict=True):
        if f.sentence_end and f.link_density <= MAX_LINK_DENSITY:
            f = f._replace(stop_density=max(f.stop_density, t.full_density))
            if d.label is Label.BOILERPLATE and d.block.kind is not Kind.IMAGE and d.block.hint is None:
                d = Decision(d.block, Label.BODY, "sentence text (page language has no stop list)")
        out_d.append(d)
        out_f.append(f)
    return out_d, out_f


def revise(decisions: list[Decision], feats: list[Features] | None = None, tuning: RuleTuning = RULE_TUNING
           ) -> list[Decision]:
    """``feats``: the blocks' features, as :func:`~cleaner.classify.classify_with_features` gives them (else they
    are looked up); ``tuning``: the knobs."""
    t = tuning
    n = len(decisions)
    if not n:
        return []
    if feats is None:
        feats = [features_of(d.block.text, d.block.link_density) for d in decisions]
    out = list(decisions)
    if _blind(out, feats, t):
        out, feats = _unblind(out, feats, t)
    quals = list(map(quality_of, feats))

    def relabel(i: int, label: Label, reason: str) -> None:
        if out[i].block.hint is None:
            out[i] = Decision(out[i].block, label, reason)

    # 1. teasers (not when the trusted extractor kept both lines: then they are a subheading and a paragraph that
    # trails off inside the story)
    # only a block ending in "…" can be a teaser's second line (texts do not change): the loop need only visit those
    for i in [k - 1 for k in range(1, n) if out[k].block.text.rstrip().endswith(_TRUNCATED)]:
        a, b = out[i], out[i + 1]
        if a.label is Label.BODY and b.label is Label.BODY and b.block.text.rstrip().endswith(_TRUNCATED) \
                and headline_like(a.block.text, feats[i], t.teaser_title_max_words) and not _in_prose(quals, i, i + 1) \
                and not (a.block.cues.in_candidate and b.block.cues.in_candidate):
            relabel(i, Label.RELATED, "teaser: headline followed by a truncated paragraph")
            relabel(i + 1, Label.RELATED, "teaser: truncated paragraph ending in '…' after a headline")

    # 2. the article run
    # the fitted score was learnt on blocks without an extractor's opinion; where a front-end passes one
    # (the in_candidate cue), that is the stronger signal and the hand-set weights go with it
    fitted = None
    if t.use_fitted and not any(d.block.cues.in_candidate is not None for d in out):
        fitted = blockscore.weights()
    if fitted is None:
        probs: list[float | None] = [None] * n
    else:
        probs = [blockscore.fast_probability(out, feats, quals, i, headline_like(
            d.block.text, feats[i], TITLE_MAX_WORDS) and not feats[i].sentence_end, fitted)
            if d.label in (Label.BODY, Label.BOILERPLATE) else None for i, d in enumerate(out)]
    weights = [weight(d, f, q, p, t) for d, f, q, p in zip(out, feats, quals, probs, strict=True)]
    start, end = best_run(weights)
    start, end = _before_comments(out, feats, weights, start, end, t)
    end = _cut_thread(out, feats, start, end, t)
    bio = _bio_at_end(out, start, end, t)
    if bio is not None:
        end = bio
        relabel(bio, Label.METADATA, "an author's bio under the story")
    if start == end:
        bodies = [i for i, d in enumerate(out) if d.label is Label.BODY
                  or (d.label is Label.BOILERPLATE and feats[i].link_density <= MAX_LINK_DENSITY)]
        if not bodies:
            return out
        longest = max(bodies, key=lambda i: feats[i].length)
        if feats[longest].length < LENGTH_LOW:
            if n <= t.tiny_page_blocks:
                return out  # a handful of short lines and nothing else: the lines are the content
            for i in bodies:  # not a sentence of text anywhere: an index or a form, not an article
                relabel(i, Label.BOILERPLATE, "no running text on the page: not an article")
            return out
        start, end = longest, longest + 1

    # 3. title, before, inside, after
    start = _trim_start(out, feats, weights, start, end, t)
    title = title_index(out, feats, start, end)
    if title is not None:
        relabel(title, Label.TITLE, "headline just before the article")
    # most of a page's blocks lie before or after the run: relabel() is inlined in these two loops
    for i in range(start):
        d = out[i]
        if d.block.hint is not None:
            continue
        if d.label is Label.BODY:
            if t.keep_candidate_before_start and d.block.cues.in_candidate \
                    and feats[i].words >= t.keep_outside_min_words:
                out[i] = Decision(d.block, Label.BODY, "before the article start, but the trusted extractor kept it")
                continue
            label = Label.NAVIGATION if quals[i] in (Quality.SHORT, Quality.BAD) else Label.BOILERPLATE
            out[i] = Decision(d.block, label, "before the article start")
        elif d.label is Label.BOILERPLATE and feats[i].link_density > MAX_LINK_DENSITY:
            out[i] = Decision(d.block, Label.NAVIGATION, "link list before the article start")
    for i in range(start, end):
        d = out[i]
        if d.label is Label.BOILERPLATE and d.block.kind is not Kind.IMAGE and feats[i].link_density <= 0.5:
            relabel(i, Label.BODY, "inside the article: text without stop words (code, table, figures)")
        elif t.keep_candidate_link_lists and d.label is Label.BOILERPLATE and d.block.kind is not Kind.IMAGE \
                and feats[i].link_density > MAX_LINK_DENSITY and d.block.cues.in_candidate:
            relabel(i, Label.BODY, "inside the article: a link list the trusted extractor kept")
    if not any(d.label is Label.BODY for d in out[start:end]):
        # the run's running text all sits in markup that calls it a side box (an <aside>): a record with no article
        # helps no one, so that text is the article after all
        for i in range(start, end):
            d = out[i]
            if d.block.hint is Label.BOILERPLATE and d.label is Label.BOILERPLATE and quals[i] is Quality.GOOD:
                out[i] = Decision(d.block, Label.BODY, f"the page's only running text, though {d.reason}")
    section: Label | None = None
    in_section = ""  # the reason for blocks in ``section``, written once per section
    for i in range(end, n):
        d = out[i]
        if d.label in SECTION_LABELS:
            if d.label is not section:
                section, in_section = d.label, f"after the article end, in a {d.label.value} section"
        elif d.block.hint is not None:
            continue
        elif d.label is Label.BODY or (d.label is Label.BOILERPLATE and d.block.kind is not Kind.IMAGE):
            if section is not None:
                out[i] = Decision(d.block, section, in_section)
            elif t.keep_candidate_after_end and d.label is Label.BODY and d.block.cues.in_candidate \
                    and feats[i].words >= t.keep_outside_min_words:
                out[i] = Decision(d.block, Label.BODY, "after the article end, but the trusted extractor kept it")
            else:
                out[i] = Decision(d.block, Label.BOILERPLATE, "after the article end")

    # 4. widget inners
    # a short body or boilerplate block before a section line, as the blocks are now: the loop relabels only the
    # block it is at, so these are the blocks whose test can succeed (the block before is read as the loop left it)
    short = [i for i in range(1, n - 1) if quals[i] is Quality.SHORT and out[i + 1].label in SECTION_LABELS
             and out[i].label in (Label.BODY, Label.BOILERPLATE)]
    for i in short:
        prev, cur, nxt = out[i - 1].label, out[i], out[i + 1].label
        if prev is nxt and prev in SECTION_LABELS and cur.label in (Label.BODY, Label.BOILERPLATE) \
                and quals[i] is Quality.SHORT and (cur.label is not Label.BODY or not start <= i < end):
            relabel(i, prev, f"between two {prev.value} lines")
    return out
