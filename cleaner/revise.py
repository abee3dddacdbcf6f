"""Context pass over the labelled blocks (the rule pass): decisions that need the neighbours.

Named passes, in order (:data:`PASSES`); blocks with a front-end ``hint`` keep their label throughout:

1. ``reading``: a page whose language has no stop list is read by length and punctuation; each block's quality.
2. ``teasers``: a headline-like block followed by a truncated paragraph ending in "…" is a related-story teaser.
3. ``article_run``: the article is the contiguous run of blocks with the highest weight (maximum-subarray, as in
   BTE; cleaner/weights.py): running text weighs its length, short lines and boilerplate cost a little, end
   markers ("MORE NEWS", "Comments") cost a lot, so the run stops before them; an ``in_candidate`` cue (an
   extractor the front-end trusts kept the block) adds to a block's weight. Comments before the story, a comment
   thread and an author's bio move or end the run.
4. ``no_run``: without a run, the longest text is the article, or the page is settled as it is.
5. ``title``: the headline (nearest heading or title-like line, looking past byline, date, caption) is the title.
6. ``before``: other lines before the run are navigation or header.
7. ``inside``: inside the run short lines stay body, link lists go.
8. ``after``: after the run everything is dropped, labelled by the last widget seen (subscribe, related, ...).
9. ``widget_inners``: a short unlabelled block between two blocks of the same widget label takes that label.

The knobs are a :class:`~cleaner.rule_tuning.RuleTuning`, passed down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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
#: the marks a paragraph cut short ends with (a teaser's excerpt: "Surging government spen…", "read more [...]")
TRUNCATED = ("…", "...", "[…]", "[...]")


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


@dataclass(slots=True)
class Revision:
    """What the passes share while they revise one page: the decisions as they stand and what earlier passes
    found."""

    out: list[Decision]
    feats: list[Features]
    tuning: RuleTuning
    #: the text quality of each block (the reading pass)
    quals: list[Quality] = field(default_factory=list)
    #: what each block adds to or costs the article run (the article-run pass)
    weights: list[float] = field(default_factory=list)
    #: the article run, [start, end)
    start: int = 0
    end: int = 0
    #: a pass settled the page (no article run to revise around): the later passes do not run
    done: bool = False

    def relabel(self, i: int, label: Label, reason: str) -> None:
        """Give block ``i`` a new label, unless the front-end hinted it (a hint is kept)."""
        if self.out[i].block.hint is None:
            self.out[i] = Decision(self.out[i].block, label, reason)


def reading_pass(r: Revision) -> None:
    """Read the page blind to stop words where its language has no stop list; every block's text quality."""
    if _blind(r.out, r.feats, r.tuning):
        r.out, r.feats = _unblind(r.out, r.feats, r.tuning)
    r.quals = list(map(quality_of, r.feats))


def teaser_pass(r: Revision) -> None:
    """A headline-like line followed by a paragraph trailing off in "…" is a related-story teaser (not when the
    trusted extractor kept both lines: then they are a subheading and a paragraph inside the story)."""
    out, feats, t = r.out, r.feats, r.tuning
    # only a block ending in "…" can be a teaser's second line (texts do not change): the loop need only visit those
    for i in [k - 1 for k in range(1, len(out)) if out[k].block.text.rstrip().endswith(TRUNCATED)]:
        a, b = out[i], out[i + 1]
        if a.label is Label.BODY and b.label is Label.BODY and b.block.text.rstrip().endswith(TRUNCATED) \
                and headline_like(a.block.text, feats[i], t.teaser_title_max_words) \
                and not _in_prose(r.quals, i, i + 1) and not (a.block.cues.in_candidate and b.block.cues.in_candidate):
            r.relabel(i, Label.RELATED, "teaser: headline followed by a truncated paragraph")
            r.relabel(i + 1, Label.RELATED, "teaser: truncated paragraph ending in '…' after a headline")


def article_run_pass(r: Revision) -> None:
    """The article run: the best-weighing stretch of blocks, moved before a comment section that outweighs the
    story, cut before a comment thread inside it and before an author's bio that ends it."""
    out, feats, t = r.out, r.feats, r.tuning
    r.weights = weights = [weight(d, f, q, p, t) for d, f, q, p in zip(out, feats, r.quals, _fitted(r), strict=True)]
    start, end = best_run(weights)
    start, end = _before_comments(out, feats, weights, start, end, t)
    end = _cut_thread(out, feats, start, end, t)
    bio = _bio_at_end(out, start, end, t)
    if bio is not None:
        end = bio
        r.relabel(bio, Label.METADATA, "an author's bio under the story")
    r.start, r.end = start, end


def _fitted(r: Revision) -> list[float | None]:
    """Per block, the fitted block score's probability where the tuning mixes it in (None: not used). The score was
    learnt on blocks without an extractor's opinion; where a front-end passes one (the in_candidate cue), that is
    the stronger signal and the hand-set weights go with it."""
    out, feats = r.out, r.feats
    fitted = None
    if r.tuning.use_fitted and not any(d.block.cues.in_candidate is not None for d in out):
        fitted = blockscore.weights()
    if fitted is None:
        return [None] * len(out)
    return [blockscore.fast_probability(out, feats, r.quals, i, headline_like(
        d.block.text, feats[i], TITLE_MAX_WORDS) and not feats[i].sentence_end, fitted)
        if d.label in (Label.BODY, Label.BOILERPLATE) else None for i, d in enumerate(out)]


def no_run_pass(r: Revision) -> None:
    """Where no run weighs above zero, the longest text is the article; a page without a sentence of text is kept
    as it is when tiny (a note, a stub), else it is no article (an index, a form). Either of those settles it."""
    if r.start != r.end:
        return
    out, feats = r.out, r.feats
    bodies = [i for i, d in enumerate(out) if d.label is Label.BODY
              or (d.label is Label.BOILERPLATE and feats[i].link_density <= MAX_LINK_DENSITY)]
    if not bodies:
        r.done = True
        return
    longest = max(bodies, key=lambda i: feats[i].length)
    if feats[longest].length < LENGTH_LOW:
        r.done = True
        if len(out) <= r.tuning.tiny_page_blocks:
            return  # a handful of short lines and nothing else: the lines are the content
        for i in bodies:
            r.relabel(i, Label.BOILERPLATE, "no running text on the page: not an article")
        return
    r.start, r.end = longest, longest + 1


def title_pass(r: Revision) -> None:
    """The run starts after a headline it opens with (past a site tagline); the headline before the run is the
    title."""
    r.start = _trim_start(r.out, r.feats, r.weights, r.start, r.end, r.tuning)
    title = title_index(r.out, r.feats, r.start, r.end)
    if title is not None:
        r.relabel(title, Label.TITLE, "headline just before the article")


def before_pass(r: Revision) -> None:
    """Before the run: body candidates are navigation (short lines) or page header, link lists navigation; text
    the trusted extractor kept stays."""
    out, feats, quals, t = r.out, r.feats, r.quals, r.tuning
    # most of a page's blocks lie before or after the run: relabel() is inlined (hinted blocks are skipped)
    for i in range(r.start):
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


def inside_pass(r: Revision) -> None:
    """Inside the run: text without stop words (code, tables, figures) is body, link lists go unless the trusted
    extractor kept them; a run with no body left (all in an <aside>) keeps its running text after all."""
    out, feats, t = r.out, r.feats, r.tuning
    for i in range(r.start, r.end):
        d = out[i]
        if d.label is Label.BOILERPLATE and d.block.kind is not Kind.IMAGE and feats[i].link_density <= 0.5:
            r.relabel(i, Label.BODY, "inside the article: text without stop words (code, table, figures)")
        elif t.keep_candidate_link_lists and d.label is Label.BOILERPLATE and d.block.kind is not Kind.IMAGE \
                and feats[i].link_density > MAX_LINK_DENSITY and d.block.cues.in_candidate:
            r.relabel(i, Label.BODY, "inside the article: a link list the trusted extractor kept")
    if not any(d.label is Label.BODY for d in out[r.start:r.end]):
        # a record with no article helps no one: the side box's running text is the article after all
        for i in range(r.start, r.end):
            d = out[i]
            if d.block.hint is Label.BOILERPLATE and d.label is Label.BOILERPLATE and r.quals[i] is Quality.GOOD:
                out[i] = Decision(d.block, Label.BODY, f"the page's only running text, though {d.reason}")


def after_pass(r: Revision) -> None:
    """After the run everything goes, labelled by the last widget section seen (related, comments, ...); text the
    trusted extractor kept outside any section stays."""
    out, feats, t = r.out, r.feats, r.tuning
    section: Label | None = None
    in_section = ""  # the reason for blocks in ``section``, written once per section
    for i in range(r.end, len(out)):
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


def widget_inner_pass(r: Revision) -> None:
    """A short body or boilerplate line between two lines of one widget section takes their label."""
    out, quals = r.out, r.quals
    # a short body or boilerplate block before a section line, as the blocks are now: the loop relabels only the
    # block it is at, so these are the blocks whose test can succeed (the block before is read as the loop left it)
    short = [i for i in range(1, len(out) - 1) if quals[i] is Quality.SHORT and out[i + 1].label in SECTION_LABELS
             and out[i].label in (Label.BODY, Label.BOILERPLATE)]
    for i in short:
        prev, cur, nxt = out[i - 1].label, out[i], out[i + 1].label
        if prev is nxt and prev in SECTION_LABELS and cur.label in (Label.BODY, Label.BOILERPLATE) \
                and quals[i] is Quality.SHORT and (cur.label is not Label.BODY or not r.start <= i < r.end):
            r.relabel(i, prev, f"between two {prev.value} lines")


Pass = tuple[str, Callable[[Revision], None]]
#: the passes, in the order they run
PASSES: tuple[Pass, ...] = (
    ("reading", reading_pass),
    ("teasers", teaser_pass),
    ("article_run", article_run_pass),
    ("no_run", no_run_pass),
    ("title", title_pass),
    ("before", before_pass),
    ("inside", inside_pass),
    ("after", after_pass),
    ("widget_inners", widget_inner_pass),
)


def revise(decisions: list[Decision], feats: list[Features] | None = None, tuning: RuleTuning = RULE_TUNING,
           passes: Sequence[Pass] = PASSES) -> list[Decision]:
    """The decisions revised by ``passes`` in order. ``feats``: the blocks' features, as
    :func:`~cleaner.classify.classify_with_features` gives them (else they are looked up); ``tuning``: the knobs."""
    if not decisions:
        return []
    if feats is None:
        feats = [features_of(d.block.text, d.block.link_density) for d in decisions]
    r = Revision(list(decisions), feats, tuning)
    for _name, run in passes:
        run(r)
        if r.done:
            break
    return r.out
