"""Shallow features of every non-blank line of a page, and of the page as a whole.

Each line gets a vector of named features (its own shape, its neighbours, and the page's
convention: do its questions end in ``?``, carry ``Q.`` labels, or open blank-line blocks?).
Every feature is computed in one forward and one backward pass over the page, looking at a
bounded number of words per line, so the cost is linear in the size of the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

import numpy as np

from .layout import LayoutCues

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# Every pattern is bounded or has one unbounded run, so matching is linear in the line.
SYMBOL_BULLET_RE = re.compile(r"^[•◦▪▫●○■□‣∙·⁃–—*+\-]\s+")
NUMBER_BULLET_RE = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
Q_LABEL_RE = re.compile(
    r"^(?:Q|Question|Frage|Domanda|Pytanie|Fråga|Pregunta) {0,3}\d{0,3} {0,3}[.:)]\s*(?=\S)"
)
A_LABEL_RE = re.compile(
    r"^(?:A|Answer|Antwort|Risposta|Odpowiedź|Svar|Respuesta|Réponse) {0,3}\d{0,3} {0,3}[.:)]\s*"
)
_BULLET_MARKS = "•◦▪▫●○■□‣∙·⁃–—*+-"
_Q_INITIALS = "QFDP"  # Q, Question, Frage, Domanda, Pytanie, Fråga, Pregunta
_A_INITIALS = "AROS"  # A, Answer, Antwort, Risposta, Odpowiedź, Svar, Respuesta, Réponse
# Question marks of every script; Greek uses ';' (checked only on lines with Greek letters).
QUESTION_MARKS = "?؟？﹖՞"
CLOSERS = "\"'”’»)]"
GREEK_RE = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
PREFIX_RE = re.compile(r"^([^\W\d_][^\W\d_ ]{0,20}(?: [^\W\d_]{1,20}){0,3})\s{0,5}:\s{0,5}(\S.*)$")
WORD_RE = re.compile(r"[^\W\d_][\w'’-]{0,40}")
COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
DATE_RE = re.compile(
    r"\b(?:\d{1,2}\.? ?[A-Za-zäéû]{3,10}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b"
)
_SENTENCE_END = ".!?:;,"


def clean(line: str) -> str:
    """Strip white space and zero-width characters from both ends.

    A line that is empty after this is blank: it holds no visible text.
    """
    t = line.strip()
    if not t or (t[0] not in ZERO_WIDTH and t[-1] not in ZERO_WIDTH):
        return t
    i, j = 0, len(line)
    while i < j and (line[i].isspace() or line[i] in ZERO_WIDTH):
        i += 1
    while j > i and (line[j - 1].isspace() or line[j - 1] in ZERO_WIDTH):
        j -= 1
    return line[i:j]


def fold(text: str) -> str:
    """Collapse runs of white space (no-break spaces included) to one space."""
    return " ".join(text.replace("\u200b", " ").split())


def ends_question(t: str) -> bool:
    """Does ``t`` end in a question mark of any script (Greek ';' on Greek text)?

    At most three closing quotes or brackets may follow the mark.
    """
    if not t:
        return False
    last = t[-1]
    if last in CLOSERS:
        head = t[-4:].rstrip(CLOSERS)  # the mark, then at most three closers
        if not head:
            return False
        last = head[-1]
    if last in QUESTION_MARKS:
        return True
    return last == ";" and bool(GREEK_RE.search(t[-200:]))


@dataclass(slots=True)
class Line:
    """One non-blank line: 1-based number, text as written, cleaned text, blank-line context."""

    no: int
    raw: str
    text: str
    blank_before: bool
    blank_after: bool


def page_lines(lines: list[str]) -> list[Line]:
    """The non-blank lines of a page, each knowing whether a blank line sits around it."""
    out: list[Line] = []
    prev_blank = True
    for i, raw in enumerate(lines):
        t = clean(raw)
        if t:
            if out and not prev_blank:
                out[-1].blank_after = False
            out.append(Line(i + 1, raw, t, prev_blank, True))
        prev_blank = not t
    return out


def _has_link(t: str) -> bool:
    """A URL, an HTML link or a file name in the text."""
    return "http" in t or "www." in t or "<a " in t or "<A " in t or ".pdf" in t or ".htm" in t


class LineShape(NamedTuple):
    """Everything :func:`features` needs to know about one line on its own."""

    ends_q: bool
    q_inside: bool
    q_label: bool
    a_label: bool
    bullet: bool
    numbered: bool
    question_word: bool
    aux_subject: bool
    heading: bool  # heading_like with at most 8 words
    heading6: bool
    heading12: bool
    heading14: bool
    title_case: bool
    navigation: bool
    cta_any: bool
    cta_short: bool
    instruction: bool
    related: bool
    dated: bool
    footer: bool
    link: bool
    nwords: int
    length: int
    ends_period: bool
    ends_colon: bool
    ends_other_punct: bool
    upper_start: bool
    shape: int  # ends_q, heading14, upper_start and closing . : ! packed: alike openers match


_F = {f: i for i, f in enumerate(LineShape._fields)}
_EQ, _QL, _BUL, _HEAD = (_F[f] for f in ("ends_q", "q_label", "bullet", "heading"))


class Shapes:
    """Per-line shape tests (each looks at one line, and only at its first words)."""

    def __init__(self, cues: LayoutCues) -> None:
        self.cues = cues

    def words(self, t: str, n: int = 3) -> list[str]:
        """The first ``n`` words of ``t``, lower case."""
        return [m.group(0).lower() for m in islice(WORD_RE.finditer(t[:400]), n)]

    def heading_like(self, t: str, max_words: int = 8) -> bool:
        """A short line with no closing punctuation, starting in capitals."""
        if not t or len(t) > 80 or t[-1] in _SENTENCE_END or SYMBOL_BULLET_RE.match(t):
            return False
        if NUMBER_BULLET_RE.match(t):
            return False
        return (t[0].isupper() or t[0].isdigit()) and t.count(" ") + 1 <= max_words

    def call_to_action(self, t: str, any_length: bool = False) -> bool:
        """A link-like line: "Take a self-assessment", "Read more under ...?"."""
        w = self.words(t, 2)
        return (
            (any_length or self.heading_like(t, max_words=6))
            and len(w) >= 2
            and w[0] in self.cues.call_to_action_verbs
        )

    def navigation(self, t: str) -> bool:
        """Site furniture ("Back to top", "Share this page") or a copyright line."""
        if COPYRIGHT_RE.match(t):
            return True
        if len(t) > 60:
            return False
        return fold(t).lower().rstrip(" :|»›>") in self.cues.navigation

    def related_prefix(self, t: str) -> str | None:
        """The label of an injected link ("IMPORTANT:  Is ...?"), if the line has one."""
        if ":" not in t[:60]:
            return None
        m = PREFIX_RE.match(fold(t[:400]))
        if not m or not ends_question(m.group(2)):
            return None
        label = m.group(1).strip()
        if label.lower() in self.cues.related_prefixes or (label.isupper() and len(label) > 1):
            return label
        return None

    def line(self, t: str) -> tuple:
        """The shape of one (non-blank, cleaned) line, as a plain tuple with the fields of
        :class:`LineShape` (``LineShape(*s.line(t))`` names them): a bounded amount of work."""
        c = self.cues
        n = len(t)
        found = WORD_RE.findall(t if n <= 120 else t[:60])
        w = [x.lower() for x in found[:3]]
        w1 = w[0] if w else ""
        w12 = " ".join(w[:2])
        eq = ends_question(t)
        c0 = t[0]
        bul = c0 in _BULLET_MARKS and bool(SYMBOL_BULLET_RE.match(t))
        num = (c0 == "(" or c0.isdigit() or c0.islower()) and bool(NUMBER_BULLET_RE.match(t))
        qlab = c0 in _Q_INITIALS and bool(Q_LABEL_RE.match(t))
        nwords = t.count(" ") + 1
        base = (
            n <= 80
            and t[-1] not in _SENTENCE_END
            and not bul
            and not num
            and (t[0].isupper() or t[0].isdigit())
        )
        verb = len(w) >= 2 and w1 in c.call_to_action_verbs
        opener = (
            w1 in c.footer_openers
            or w12 in c.footer_openers
            or (len(w) == 3 and " ".join(w) in c.footer_openers)
        )
        caps = found[:12] if n <= 120 and t[-1] not in ".!:" else ()
        last = t[-1]
        upper = c0.isupper()
        head14 = base and nwords <= 14
        return (
            eq,
            not eq and "?" in (t if n <= 200 else t[:200]),
            qlab,
            not qlab and c0 in _A_INITIALS and bool(A_LABEL_RE.match(t)),
            bul,
            num,
            w1 in c.interrogatives or w12 in c.interrogatives,
            len(w) >= 2 and w1 in c.auxiliaries and w[1] in c.subjects,
            base and nwords <= 8,
            base and nwords <= 6,
            base and nwords <= 12,
            head14,
            len(caps) >= 3 and sum(x[0].isupper() for x in caps) >= 0.75 * len(caps),
            (n <= 60 or t[0] in "©(cC") and self.navigation(t),
            verb,
            verb and base and nwords <= 6,
            w1 in c.imperative_openers
            or w1 in c.call_to_action_verbs
            or w12 in c.imperative_openers,
            eq and self.related_prefix(t) is not None,
            (n <= 80 or opener) and bool(DATE_RE.search(t[:120])),
            opener,
            _has_link(t if n <= 400 else t[:400]),
            nwords,
            n,
            last == ".",
            last == ":",
            last in "!;,)]",
            upper,
            eq + 2 * head14 + 4 * upper + 8 * (".:!".find(last) + 1),
        )


FEATURES = (
    "bias",
    "ends_q",
    "q_inside",
    "q_label",
    "a_label",
    "next_a_label",
    "bullet",
    "numbered",
    "question_word",
    "aux_subject",
    "heading_like",
    "title_case",
    "long",
    "log_chars",
    "many_words",
    "ends_period",
    "ends_colon",
    "ends_other_punct",
    "upper_start",
    "blank_before",
    "blank_after",
    "prev_ends_colon",
    "prev_ends_q",
    "prev_bullet",
    "next_ends_q",
    "next_bullet",
    "next_long",
    "next_heading",
    "next_cta",
    "last_line",
    "in_list",
    "heading_run_to_q",
    "navigation",
    "call_to_action",
    "instruction",
    "related_prefix",
    "dated",
    "footer",
    "link",
    "repeated",
    # The page's convention, and the line's fit to it.
    "page_q_share",
    "q_opens_block",
    "q_not_block_opener_on_block_page",
    "heading_opens_block_on_qless_page",
    "heading_before_long_on_qless_page",
    "shape_repeats_at_block_start",
    "ends_q_and_next_ends_q",
    "ends_q_in_list",
    "ends_q_before_cta",
    "q_word_heading",
    "page_labels",
    "unlabelled_on_labelled_page",
    "heading_then_one_paragraph",
    "q_run_of_three",
    "lead_question",
    "yes_no_heading",
    "unmarked_heading_on_q_page",
)
INDEX = {name: i for i, name in enumerate(FEATURES)}


def _next(a: np.ndarray) -> np.ndarray:
    """The value of the following line (False/0 after the last)."""
    out = np.zeros_like(a)
    out[:-1] = a[1:]
    return out


def _prev(a: np.ndarray) -> np.ndarray:
    """The value of the preceding line (False/0 before the first)."""
    out = np.zeros_like(a)
    out[1:] = a[:-1]
    return out


def features(lines: list[Line], cues: LayoutCues) -> np.ndarray:
    """The feature matrix: one row per non-blank line, columns ordered as :data:`FEATURES`.

    Each line's own shape is computed once (:meth:`Shapes.line`); context and page features
    are whole-column operations and a few single passes, so the cost is linear.
    """
    s = Shapes(cues)
    n = len(lines)
    if not n:
        return np.zeros((0, len(FEATURES)))
    texts = [x.text for x in lines]
    shp = [s.line(t) for t in texts]
    table = np.array(shp, dtype=float).reshape(n, len(LineShape._fields))
    col = {f: table[:, i] for i, f in enumerate(LineShape._fields)}
    eq_l = [x[_EQ] for x in shp]
    qlike_l = [x[_QL] or (not x[_BUL] and x[_EQ]) for x in shp]
    head_l = [x[_HEAD] for x in shp]

    # Unmarked list items after an intro ending in ':' (one forward pass).
    in_list = [False] * n
    for k in range(1, n):
        p = texts[k - 1]
        if p[-1] == ":":
            in_list[k] = True
        elif p[-1] in ".!?" or shp[k - 1][_BUL] or qlike_l[k - 1]:
            in_list[k] = False
        else:
            in_list[k] = in_list[k - 1]

    # A run of heading-like lines that ends at a question (one backward pass).
    run_to_q = [False] * n
    for k in range(n - 2, -1, -1):
        if head_l[k] and not qlike_l[k]:
            run_to_q[k] = qlike_l[k + 1] or (head_l[k + 1] and run_to_q[k + 1])

    # Length of the run of consecutive '?' lines each line sits in (two passes).
    run = [0] * n
    for k in range(n):
        run[k] = (run[k - 1] + 1 if k and eq_l[k - 1] else 1) if eq_l[k] else 0
    for k in range(n - 2, -1, -1):
        if eq_l[k] and eq_l[k + 1]:
            run[k] = run[k + 1]

    counts = Counter(texts)
    before = np.fromiter((x.blank_before for x in lines), float, n)
    after = np.fromiter((x.blank_after for x in lines), float, n)
    n_blocks = max(1, int(before.sum()))
    # Blank lines mark blocks only where they are sparse (not after every paragraph).
    has_blanks = bool(before[1:].any()) and n_blocks < 0.7 * n
    eq, head = col["ends_q"], col["heading"]
    n_q = int(eq.sum())
    q_share = min(1.0, n_q / n_blocks) if has_blanks else min(1.0, 2 * n_q / n)
    page_q_open = has_blanks and n_q >= 2 and float((eq * before).sum()) >= 0.6 * n_q
    qless = n_q < 2 or q_share < 0.2
    labelled = float(col["q_label"].sum() >= 2)

    # How many blocks open with a line of the same coarse shape as this one.
    shapes = col["shape"].astype(np.int64)
    openers = np.bincount(shapes[before > 0], minlength=64)
    opens = before * has_blanks
    shape_share = openers[shapes] / n_blocks * opens

    length = col["length"]
    long_ = (length > 80).astype(float)
    next_long = _next(long_)
    qlike = np.asarray(qlike_l, float)
    in_list_a = np.asarray(in_list, float)
    next2_opener = np.ones(n)
    next2_opener[: max(0, n - 2)] = np.maximum(qlike[2:], head[2:])
    ones = np.ones(n)
    q_word = col["question_word"]
    not_eq = 1 - eq
    columns = {
        "bias": ones,
        "ends_q": eq,
        "q_inside": col["q_inside"],
        "q_label": col["q_label"],
        "a_label": col["a_label"],
        "next_a_label": _next(col["a_label"]),
        "bullet": col["bullet"],
        "numbered": col["numbered"],
        "question_word": q_word,
        "aux_subject": col["aux_subject"],
        "heading_like": head,
        "title_case": col["title_case"],
        "long": long_,
        "log_chars": np.log1p(length) / 5.0,
        "many_words": (col["nwords"] >= 16).astype(float),
        "ends_period": col["ends_period"],
        "ends_colon": col["ends_colon"],
        "ends_other_punct": col["ends_other_punct"],
        "upper_start": col["upper_start"],
        "blank_before": opens,
        "blank_after": after * has_blanks,
        "prev_ends_colon": _prev(col["ends_colon"]),
        "prev_ends_q": _prev(eq),
        "prev_bullet": _prev(col["bullet"]),
        "next_ends_q": _next(eq),
        "next_bullet": _next(col["bullet"]),
        "next_long": next_long,
        "next_heading": _next(head),
        "next_cta": _next(col["cta_short"]),
        "last_line": np.eye(1, n, n - 1)[0],
        "in_list": in_list_a,
        "heading_run_to_q": np.asarray(run_to_q, float),
        "navigation": col["navigation"],
        "call_to_action": col["cta_any"],
        "instruction": col["instruction"],
        "related_prefix": col["related"],
        "dated": col["dated"],
        "footer": col["footer"],
        "link": col["link"],
        "repeated": np.fromiter((counts[t] > 1 for t in texts), float, n),
        "page_q_share": ones * q_share,
        "q_opens_block": eq * opens * page_q_open,
        "q_not_block_opener_on_block_page": eq * (1 - before) * (has_blanks and page_q_open),
        "heading_opens_block_on_qless_page": head * opens * qless,
        "heading_before_long_on_qless_page": head * next_long * qless * (1 - _prev(head)),
        "shape_repeats_at_block_start": shape_share,
        "ends_q_and_next_ends_q": eq * _next(eq),
        "ends_q_in_list": eq * in_list_a,
        "ends_q_before_cta": eq * _next(col["cta_short"]),
        "q_word_heading": head * q_word,
        "page_labels": ones * labelled,
        "unlabelled_on_labelled_page": labelled * (1 - col["q_label"]),
        "heading_then_one_paragraph": head * next_long * next2_opener,
        "q_run_of_three": (np.asarray(run) >= 3).astype(float),
        "lead_question": col["q_inside"] * q_word,
        "yes_no_heading": col["aux_subject"] * col["heading12"],
        "unmarked_heading_on_q_page": head * not_eq * (1 - opens) * (n_q >= 3),
    }
    return np.column_stack([columns[f] for f in FEATURES])
