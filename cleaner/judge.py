"""The structure over the block model's scores: which blocks are the article, and what every other block is.

Named passes, in order (:data:`PASSES`):

1. ``article``: a block is article when its score clears the threshold; the article run (the contiguous stretch
   with the most score above the threshold, weighed by length) keeps its weaker blocks too, and outside it only
   confident blocks stay (a stray teaser far from the story does not). The bars fall on a page the model is
   unsure of, with the F1 it expects to reach there (cleaner/expected_f1.py).
2. ``rescue``: a page where no block reaches the bars is judged again with bars scaled to its best score.
3. ``hints``: a caption or photo credit (a <figcaption>, a caption class) of caption length is never body (it goes
   to the record's captions) unless the captions the model keeps are most of the article, nor are links and
   buttons in a navigation container, nor a sign-up form (a small box around an e-mail field).
4. ``title``: the nearest heading before the article (within a few blocks) is its headline.
5. ``opening``: bylines, date lines and notices before the article's first long block are not its text.
6. ``lines``: a short line the rules read as a photo credit, or that is a known boilerplate phrase, anywhere.
7. ``teasers``: an excerpt cut short with an ellipsis ending the article, and its headline, are a teaser
   (unless the page is a listing of such excerpts).
8. ``comments``: kept blocks from the first comments container under the article on are comments (not on forum
   pages, where they are the content, nor on documentation pages, whose section ids name their headings).
9. ``tail``: the article's last short blocks that are mostly link text (previous / next story, print) are links
   out of it (on article pages).
10. ``repeats``: a kept block that repeats a kept block above word for word is boilerplate (on forum, product,
   collection, listing and service pages, whose layouts draw a text twice).
11. ``names``: every removed block gets a label from the fixed set — the widget its container names, else what its
   words say (rules/phrases: share, subscribe, byline, date line, ...), else boilerplate — and a reason naming the
   model's score and, when asked, the cues that weighed most.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from .classify import classify_block, classify_with_features
from .expected_f1 import bar_scale
from .frontend import Page
from .model import Basis, Block, Decision, Kind, Label
from .options import Favor
from .revise import TRUNCATED, best_run, revise
from .rules import HERE as RULES

#: the fitted knobs (scripts/fit_tuning.py, on the fit part of the dev sets)
TUNING_PATH = RULES / "model" / "tuning.json"


@dataclass(frozen=True)
class Tuning:
    """The knobs of the structure passes, in one frozen object; :data:`TUNING` holds the fitted values."""

    #: P(article) at which a block is article
    threshold: float = 0.5
    #: the bars (threshold, inside, outside) are scaled by 1 - adapt + adapt * the page's expected F1
    #: (expected_f1.bar_scale; 0: fixed bars)
    adapt: float = 0.0
    #: inside the article run, a block needs only this much
    inside: float = 0.35
    #: outside the article run, a block needs this much
    outside: float = 0.5
    #: a heading this many blocks before the article at most is its headline
    title_window: int = 6
    #: the article's opening lasts until its first block this long (the opening pass looks at what comes before)
    opening_chars: int = 150
    #: a page whose best score is under rescue_below is judged again with threshold and outside bar at most this
    #: share of its best score, and the inside bar at most rescue_inside of it
    rescue_below: float = 0.5
    rescue: float = 0.6
    rescue_inside: float = 0.5
    #: a block in a navigation container is navigation from this share of link text up
    nav_links: float = 0.5
    #: a block in a caption container is a caption up to this many characters (longer: the score decides)
    caption_chars: int = 300
    #: captions the model keeps stay body when they would be more than this share of the article's characters (a
    #: video page's one paragraph sits in a caption class)
    caption_most: float = 0.5
    #: the comments pass runs (off in the knobs of forum and documentation pages: scripts/fit_tuning.py FIXED)
    comments_cut: bool = True
    #: ... and cuts when the kept text before the comments is at least this many times the kept text from them on
    comments_before: float = 0.5
    #: an excerpt cut short with an ellipsis, this long at least, ending the article is a teaser (teasers pass)
    teaser_chars: int = 80
    #: a page whose kept text holds more excerpts cut short than this is a listing of them (teasers pass)
    teaser_max: int = 1
    #: the tail pass runs (on in the knobs of article pages only: elsewhere the last items of a list are links)
    tail_cut: bool = False
    #: ... and takes the article's last short blocks with at least this share of link text as links out of it
    tail_links: float = 0.8
    #: the repeats pass runs (on in the knobs of forum, product, collection, listing and service pages, whose
    #: layouts draw a text twice; an article's or a manual's repeated paragraphs may be its own)
    repeats_cut: bool = False
    #: ... and takes out kept blocks of at least this many characters that repeat a kept block above
    repeat_chars: int = 30


#: knobs per block model, per page type ("*": any type), as fitted; a model or type not fitted takes the defaults
Tunings = Mapping[str, Mapping[str, Tuning]]


def _fitted() -> Tunings:
    if not TUNING_PATH.exists():
        return {}
    data = json.loads(TUNING_PATH.read_text(encoding="utf-8"))
    return {model: {kind: Tuning(**knobs) for kind, knobs in by_type.items()} for model, by_type in data.items()}


TUNINGS = _fitted()
#: a page type's own knobs apply from this classifier probability up (below it, articles taken for listings or
#: services, mostly pages read without their URL, lost more with those knobs than typed pages gained)
TYPED_KNOBS_FROM = 0.8
TUNING = Tuning()


def tuning_for(model: str | None, page_type: str | None, tunings: Tunings = TUNINGS) -> Tuning:
    """The knobs fitted for ``model``'s scores on pages of ``page_type`` (else on every page; else the defaults)."""
    by_type = tunings.get(model or "", {})
    return by_type.get(page_type or "", by_type.get("*", TUNING))

#: what Options.favor adds to the knobs (chosen on the fit part of the dev sets: scripts/fit_favor.py)
FAVOR_DELTAS: dict[Favor, dict[str, float]] = {
    Favor.BALANCED: {},
    Favor.PRECISION: {"threshold": 0.2, "inside": 0.2, "outside": 0.2},
    Favor.RECALL: {"threshold": -0.15, "inside": -0.15, "outside": -0.15},
}


def favored(tuning: Tuning, favor: Favor | str) -> Tuning:
    """``tuning`` leaning to precision or recall by :data:`FAVOR_DELTAS` (scores stay in 0..1)."""
    deltas = FAVOR_DELTAS[Favor(favor)]
    return replace(tuning, **{k: min(1.0, max(0.0, getattr(tuning, k) + d)) for k, d in deltas.items()})


@dataclass(slots=True)
class Verdict:
    """What the passes know of one block while they run."""

    block: Block
    score: float
    article: bool = False
    label: Label = Label.BOILERPLATE
    reason: str = ""
    #: what the label was read from (Decision.basis)
    basis: Basis = Basis.CONTEXT
    #: a pass named the block (a caption, the headline): the names pass leaves its label and reason as they are
    named: bool = False
    cues: str = ""
    why: list[str] = field(default_factory=list)

    def name(self, label: Label, basis: Basis, reason: str) -> None:
        """A pass takes the block out of the article and names what it is (the names pass leaves that as it is)."""
        self.article = False
        self.label, self.basis, self.reason, self.named = label, basis, reason, True


def article_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    scale = bar_scale([v.score for v in verdicts], [len(v.block.text) for v in verdicts], tuning.adapt)
    if scale != 1.0:
        tuning = replace(tuning, threshold=tuning.threshold * scale, inside=tuning.inside * scale,
                         outside=tuning.outside * scale)
    _mark_article(verdicts, tuning)
    if scale != 1.0:
        for v in verdicts:
            v.why.append(f"bars × {scale:.2f} (how sure the model is of this page)")


def _mark_article(verdicts: list[Verdict], tuning: Tuning) -> None:
    """Each block is article when its score clears its bar: ``inside`` in the article run, ``outside`` elsewhere."""
    gains = [(v.score - tuning.threshold) * len(v.block.text) ** 0.5 for v in verdicts]
    start, end = best_run(gains)
    for i, v in enumerate(verdicts):
        bar = tuning.inside if start <= i < end else tuning.outside
        v.article = v.score >= bar
        where = "inside" if start <= i < end else "outside"
        v.why.append(f"block model score {v.score:.2f} {'≥' if v.article else '<'} {bar:.2f} ({where} the article run)")


def rescue_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """A page whose best score is under ``rescue_below`` (no block reaches the default bars) is judged again with
    bars lowered to fractions of that score: a page that has text rarely has no article at all, and an empty record
    loses everything. The trigger does not move with Options.favor, so precision never keeps more than balanced."""
    if not verdicts:
        return
    best = max(v.score for v in verdicts)
    if best >= tuning.rescue_below:
        return
    scaled = replace(tuning, threshold=min(tuning.threshold, best * tuning.rescue),
                     inside=min(tuning.inside, best * tuning.rescue_inside),
                     outside=min(tuning.outside, best * tuning.rescue))
    for v in verdicts:
        v.why.clear()
    _mark_article(verdicts, scaled)
    for v in verdicts:
        v.why.append(f"no block reached the bars: judged again with bars scaled to the best score {best:.2f}")


def hints_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """The front-end's structural certainties win over the score: a caption (<figcaption>, a caption class) up to
    Tuning.caption_chars long (unless the captions the model keeps are most of the article), links and buttons (a
    menu tree's toggles) in a navigation container (<nav>, role=navigation), and the text of a sign-up form found by
    structure (a small box around an e-mail field)."""
    captions = {id(v) for v in verdicts if v.block.hint is Label.CAPTION and len(v.block.text) <= tuning.caption_chars}
    rest = sum(len(v.block.text) for v in verdicts if v.article and id(v) not in captions)
    held = sum(len(v.block.text) for v in verdicts if v.article and id(v) in captions)
    most = held > tuning.caption_most * max(held + rest, 1)
    for v in verdicts:
        hint = v.block.hint
        if most and v.article and id(v) in captions:  # captions are never most of the article: here they are its text
            v.why.append("in a caption container, but the captions the model keeps are most of the article")
            continue
        if (hint is Label.CAPTION and id(v) in captions) or (hint is Label.NAVIGATION and (
                v.block.link_density >= tuning.nav_links or v.block.cues.control)) or (
                hint is Label.SUBSCRIBE and v.block.cues.email_box):
            # classify's reason for a bare hint
            v.name(hint, Basis.HINT, v.block.hint_reason or f"front-end hint: {hint.value}")


def title_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    first = next((i for i, v in enumerate(verdicts) if v.article), None)
    if first is None:
        return
    heads = [i for i in range(max(0, first - tuning.title_window), first)
             if verdicts[i].block.kind is Kind.HEADING and verdicts[i].block.link_density < 0.5]
    if first < len(verdicts) and verdicts[first].block.kind is Kind.HEADING and verdicts[first].block.level == 1:
        heads.append(first)
    if heads:
        best = min(heads, key=lambda i: (verdicts[i].block.level, first - i))
        verdicts[best].name(Label.TITLE, Basis.CONTEXT, "the heading just before the article")


#: labels the rules give short lines that open an article but are not its text (who wrote it, when, how long)
OPENING_LABELS = frozenset({Label.BYLINE, Label.METADATA, Label.NOTICE})


def opening_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """Short article blocks before the article's first long paragraph that the rules read as a byline, a date
    line or a notice ("6 min read") are not article text, whatever their score."""
    for v in verdicts:
        if not v.article:
            continue
        if len(v.block.text) >= tuning.opening_chars:
            return
        named = classify_block(v.block)
        if named.label in OPENING_LABELS:
            v.name(named.label, named.basis, named.reason)


#: labels the rules give short lines anywhere in an article that are not its text: a photo credit
LINE_LABELS = frozenset({Label.CAPTION})


def lines_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """Short article blocks the rules read as a photo credit, or that are a known boilerplate phrase as a whole
    line ("Related articles"), are not article text wherever they stand."""
    for v in verdicts:
        if not v.article or len(v.block.text) >= tuning.opening_chars:
            continue
        named = classify_block(v.block)
        if (named.basis is Basis.RULE and named.label in LINE_LABELS) or named.basis is Basis.PHRASE:
            v.name(named.label, named.basis, named.reason)


def _excerpt(v: Verdict, tuning: Tuning) -> bool:
    text = v.block.text.rstrip()
    return len(text) >= tuning.teaser_chars and text.endswith(TRUNCATED)


def teasers_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """The article's last blocks, when they are a short line (a headline) over an excerpt cut short with an ellipsis
    (at least teaser_chars long): a teaser of another story under this one, not its end; the headline goes as well
    when the excerpt was not kept. A page whose kept text holds more such excerpts than teaser_max is a listing of
    them: left alone."""
    kept = [i for i, v in enumerate(verdicts) if v.article]
    if len(kept) < 3 or sum(_excerpt(verdicts[i], tuning) for i in kept) > tuning.teaser_max:
        return
    last = kept[-1]
    if _excerpt(verdicts[last], tuning):
        cut = kept[-2:]
    elif last + 1 < len(verdicts) and _excerpt(verdicts[last + 1], tuning):
        cut = [last]
    else:
        return
    if len(verdicts[cut[0]].block.text) >= tuning.opening_chars:  # no headline: the article's own last words
        return
    for i in cut:
        verdicts[i].name(Label.RELATED, Basis.CONTEXT,
                         "a teaser after the article: an excerpt cut short with an ellipsis, and its headline")


def tail_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """The article's last kept blocks, while they are short (under opening_chars) and mostly link text (tail_links):
    links out of the article (previous / next story, print, send to a friend), not its end. Only on pages typed
    article (tail_cut): on listing, collection and forum pages, and on pages of an unsure type that may be one, the
    last items are links."""
    if not tuning.tail_cut:
        return
    kept = [i for i, v in enumerate(verdicts) if v.article]
    if not any(len(verdicts[i].block.text) >= tuning.opening_chars for i in kept):
        return
    for i in reversed(kept):
        block = verdicts[i].block
        if len(block.text) >= tuning.opening_chars or block.link_density < tuning.tail_links:
            return
        verdicts[i].name(Label.NAVIGATION, Basis.CONTEXT, "links at the end of the article (mostly link text)")


def comments_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """A comments section under the article: from the first block after the article's first long paragraph whose
    container's class/id names comments, the kept blocks are comments, when the kept text before it is at least
    comments_before times the kept text after it (a page of comments with a short intro keeps them). Off where
    comments are the content (comments_cut: forum pages' knobs)."""
    if not tuning.comments_cut:
        return
    kept = [i for i, v in enumerate(verdicts) if v.article]
    first = next((i for i in kept if len(verdicts[i].block.text) >= tuning.opening_chars), None)
    if first is None:
        return
    marker = next((i for i in range(first + 1, len(verdicts)) if verdicts[i].block.hint is Label.COMMENTS), None)
    if marker is None:
        return
    before = sum(len(verdicts[k].block.text) for k in kept if k < marker)
    after = [k for k in kept if k >= marker]
    if before < tuning.comments_before * sum(len(verdicts[k].block.text) for k in after):
        return
    for k in after:
        verdicts[k].name(Label.COMMENTS, Basis.CONTEXT,
                         "in the comments section under the article (from the first block in a comments container)")


def repeats_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    """A kept block whose text (case and spacing aside) a kept block above already holds, from repeat_chars
    characters up and not code: the page draws that text twice (a tab for small and large screens, a carousel's
    clone, a post quoted in full), and the record holds it once. Where layouts repeat (repeats_cut)."""
    if not tuning.repeats_cut:
        return
    seen: set[str] = set()
    for v in verdicts:
        if not v.article or v.block.kind is Kind.CODE:
            continue
        key = " ".join(v.block.text.lower().split())
        if len(key) >= tuning.repeat_chars and key in seen:
            v.name(Label.BOILERPLATE, Basis.CONTEXT, "a repeat of a kept block above (the page shows it twice)")
        seen.add(key)


def names_pass(verdicts: list[Verdict], tuning: Tuning) -> None:
    for v in verdicts:
        if v.article:
            v.label = Label.BODY
            continue
        if v.named:
            continue
        named = classify_block(v.block)
        if named.label is not Label.BODY:
            v.label, v.reason, v.basis = named.label, named.reason, named.basis
        else:
            v.label, v.reason = Label.BOILERPLATE, "not article text"


Pass = tuple[str, Callable[[list[Verdict], Tuning], None]]
PASSES: tuple[Pass, ...] = (
    ("article", article_pass),
    ("rescue", rescue_pass),
    ("hints", hints_pass),
    ("title", title_pass),
    ("opening", opening_pass),
    ("lines", lines_pass),
    ("teasers", teasers_pass),
    ("comments", comments_pass),
    ("tail", tail_pass),
    ("repeats", repeats_pass),
    ("names", names_pass),
)
#: the passes that decide the body (the last one only names what is removed)
BODY_PASSES = PASSES[:-1]


def judge(blocks: Sequence[Block], scores: Sequence[float], tuning: Tuning = TUNING,
          cues: Sequence[str] | None = None, passes: Sequence[Pass] = PASSES) -> list[Decision]:
    """One decision per block, from the block model's ``scores``; ``cues`` (with --explain): per block, the
    features that weighed most."""
    verdicts = [Verdict(b, float(s)) for b, s in zip(blocks, scores, strict=True)]
    for _name, run in passes:
        run(verdicts, tuning)
    out = []
    for i, v in enumerate(verdicts):
        if v.article:  # BODY even when the names pass did not run (BODY_PASSES)
            out.append(Decision(v.block, Label.BODY, "; ".join(v.why), v.basis))
            continue
        reason = f"{v.reason}; {'; '.join(v.why)}"
        if cues is not None:
            reason += f"; strongest cues: {cues[i]}"
        out.append(Decision(v.block, v.label, reason, v.basis))
    return out


def decide(page: Page, favor: Favor | str = Favor.BALANCED, tuning: Tuning | None = None) -> list[Decision]:
    """The page's decisions: over the block model's scores where its front-end has a model (with the knobs
    fitted for its model and page type, or ``tuning``, leaning as ``favor`` says), else the rule pass."""
    if page.scores is None:
        return revise(*classify_with_features(page.blocks))
    if tuning is None:
        sure = page.page_type_p >= TYPED_KNOBS_FROM
        tuning = tuning_for(page.model, page.metadata.page_type if sure else None)
    return judge(page.blocks, page.scores, favored(tuning, favor), page.cues)
