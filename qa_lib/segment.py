"""Split a page's lines into blocks: question/answer pairs, related links, boilerplate.

Each non-blank line gets shallow features (:mod:`qa_lib.line_features`); a logistic
regression (:mod:`qa_lib.segment_model`, weights in ``data/segmenter.json``) decides which
lines start a question, weighing the page's own convention (``?`` lines, ``Q.`` labels, or
block openers). A few structural rules then set aside text before the first question, a
closing tagline, navigation lines and injected related links. Every block records the reason
it is what it is. Blank lines are only a hint, and every non-blank line ends up in exactly
one block. Each step is one pass over the lines: the cost is linear in the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .layout import LayoutCues, layout_cues
from .line_features import (
    _BULLET_MARKS as BULLET_MARKS,
)
from .line_features import (
    A_LABEL_RE,
    COPYRIGHT_RE,
    INDEX,
    NUMBER_BULLET_RE,
    PREFIX_RE,
    Q_LABEL_RE,
    SYMBOL_BULLET_RE,
    Line,
    Shapes,
    clean,
    features,
    fold,
    page_lines,
)
from .segment_model import LineModel, default_model

__all__ = ["Block", "clean", "fold", "segment"]

# Reasons a block is set aside (kinds other than qa).
BEFORE_FIRST = "text before the first question"
TAGLINE = "tagline"
NAVIGATION = "navigation"
CLOSING_NAVIGATION = "closing navigation"
COPYRIGHT = "copyright"
RELATED = "related link"
NO_QUESTION = "no question/answer pair found"
HEADING = "block heading"
DATED = "dated footer"


@dataclass(slots=True)
class Block:
    """One block of a page, with 1-based inclusive line numbers and the reason for its kind."""

    kind: str
    line_start: int
    line_end: int
    question: str | None = None
    items: list[tuple[str, bool]] = field(default_factory=list)
    reason: str = ""
    source_text: str = ""

    @property
    def answer(self) -> str:
        """Answer paragraphs and bullet items (marks removed), one per line."""
        return "\n".join(t for t, _ in self.items)

    @property
    def bullets(self) -> list[str]:
        """The bullet items of the answer, marks removed."""
        return [t for t, b in self.items if b]


def _starts(x: np.ndarray, model: LineModel) -> list[str | None]:
    """For each line, the reason it starts a question, or None."""
    n = len(x)
    if not n:
        return []
    col = {
        f: x[:, INDEX[f]] > 0
        for f in ("q_label", "a_label", "bullet", "next_a_label", "related_prefix")
    }
    model_says = (model.scores(x) > _logit(model.threshold)) & ~(col["a_label"] | col["bullet"])
    out: list[str | None] = [None] * n
    said = np.flatnonzero(model_says)
    reasons = dict(zip(said.tolist(), model.reasons(x[said]), strict=True))
    for k in np.flatnonzero(
        col["q_label"] | col["next_a_label"] | col["related_prefix"] | model_says
    ):
        if col["q_label"][k]:
            out[k] = "Q. label"
        elif col["a_label"][k] or col["bullet"][k]:
            continue  # an answer label or a bullet mark never opens a question
        elif col["next_a_label"][k]:
            out[k] = "A. label follows"
        elif col["related_prefix"][k]:
            out[k] = RELATED  # an injected link opens its own block
        else:
            out[k] = reasons[k]
    return out


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _heading_convention(x: np.ndarray) -> list[str | None]:
    """Where a page asks nothing, its questions may be statement headings, each opening a
    block ("Vitamin C DOES NOT cure the flu" then its paragraph): a heading-like line
    followed by a line of prose. The page uses this convention only if it holds twice."""
    f = INDEX
    n = len(x)
    blocky = any(row[f["blank_before"]] for row in x)
    out: list[str | None] = [None] * n
    for k in range(n - 1):
        row, nxt = x[k], x[k + 1]
        if (
            row[f["heading_like"]]
            and (row[f["blank_before"]] or not blocky)
            and not (row[f["navigation"]] or row[f["dated"]] or row[f["footer"]] or row[f["link"]])
            and not (nxt[f["heading_like"]] or nxt[f["bullet"]] or nxt[f["numbered"]])
            and (nxt[f["long"]] or nxt[f["ends_period"]])
        ):
            out[k] = HEADING
    return out if sum(r is not None for r in out) >= 2 else [None] * n


def _set_aside(lines: list[Line], x: np.ndarray, roles: list[str], why: list[str]) -> None:
    """Mark a closing tagline, copyright or navigation lines as boilerplate (one pass each)."""
    s_nav, s_head = INDEX["navigation"], INDEX["heading_like"]
    s_cta, s_list = INDEX["call_to_action"], INDEX["in_list"]
    s_eq, s_ql = INDEX["ends_q"], INDEX["q_label"]
    n = len(lines)
    s_date, s_foot = INDEX["dated"], INDEX["footer"]
    # Does a dated or "For more information" line close answers on this page? Then the last
    # one closes the last answer too; otherwise a dated last line is the page's footer.
    closing = np.flatnonzero((x[:, s_date] + x[:, s_foot]) > 0)
    closes_answers = any(k + 1 < n and roles[k + 1] == "q" for k in closing)
    k = n - 1
    tagline_taken = False
    while k > 0 and roles[k] == "a" and roles[k - 1] in ("a", "boiler"):
        row = x[k]
        if row[s_date] or row[s_foot]:
            if closes_answers:
                break
            roles[k] = "boiler"
            why[k] = DATED
        elif row[s_nav]:
            roles[k] = "boiler"
            why[k] = COPYRIGHT if COPYRIGHT_RE.match(lines[k].text) else CLOSING_NAVIGATION
        elif (
            not tagline_taken
            and row[s_head]
            and not (row[s_cta] and row[s_head])
            and not row[s_list]
            and not (x[k - 1][s_eq] or x[k - 1][s_ql])
        ):
            roles[k] = "boiler"
            why[k] = TAGLINE
            tagline_taken = True
        else:
            break
        k -= 1
    # Navigation lines closing an answer, just before the next question (a backward pass).
    nav_run = False
    nav = (x[:, s_nav] > 0).tolist()
    for k in range(n - 1, -1, -1):
        if roles[k] == "a" and nav[k] and (nav_run or (k + 1 < n and roles[k + 1] != "a")):
            closing = roles[k + 1] == "boiler" if k + 1 < n else False
            roles[k] = "boiler"
            why[k] = why[k + 1] if closing else NAVIGATION
            nav_run = True
        else:
            nav_run = False


def segment(
    lines: list[str], cues: LayoutCues | None = None, model: LineModel | None = None
) -> list[Block]:
    """Segment a page given as its lines (without line endings)."""
    cues = cues or layout_cues()
    page = page_lines(lines)
    if not page:
        return []
    x = features(page, cues)
    starts = _starts(x, model or default_model())
    if sum(r is not None for r in starts) < 2:  # the page does not ask: try its headings
        headings = _heading_convention(x)
        if any(headings):
            starts = headings
    n = len(page)
    roles = ["q" if r else "a" for r in starts]
    why = [r or "" for r in starts]
    first_q = next((k for k, r in enumerate(roles) if r == "q"), n)
    for k in range(first_q):
        roles[k] = "boiler"
        why[k] = BEFORE_FIRST if first_q < n else NO_QUESTION
    _set_aside(page, x, roles, why)

    shapes = Shapes(cues)
    blocks: list[Block] = []
    k = 0
    while k < n:
        start = k
        if roles[k] == "boiler":
            while k + 1 < n and roles[k + 1] == "boiler":
                k += 1
            blocks.append(Block("boilerplate", page[start].no, page[k].no, reason=why[start]))
        else:
            while k + 1 < n and roles[k + 1] == "a":
                k += 1
            blocks.append(_pair(page, start, k, why[start], shapes))
        blocks[-1].source_text = "\n".join(x.raw.strip() for x in page[start : k + 1])
        k += 1
    return blocks


def _pair(page: list[Line], start: int, end: int, reason: str, shapes: Shapes) -> Block:
    """Build a qa (or related) block from a question line and its answer lines."""
    head = page[start].text
    label = shapes.related_prefix(head)
    has_answer = end > start
    kind = "related" if label and not has_answer else "qa"
    if label:
        head = PREFIX_RE.match(fold(head)).group(2)  # type: ignore[union-attr]
        if kind == "related":
            reason = RELATED
    question = fold(Q_LABEL_RE.sub("", head, count=1))
    items: list[tuple[str, bool]] = []
    for j in range(start + 1, end + 1):
        t = page[j].raw.strip()
        if j == start + 1:
            t = A_LABEL_RE.sub("", t, count=1)
        c0 = t[:1]
        m = None
        if c0 in BULLET_MARKS:
            m = SYMBOL_BULLET_RE.match(t)
        if not m and c0 and (c0 == "(" or c0.isdigit() or c0.islower()):
            m = NUMBER_BULLET_RE.match(t)
        if m:
            t = t[m.end() :]
        items.append((t, bool(m)))
    return Block(kind, page[start].no, page[end].no, question, items, reason)
