"""Shallow features of every non-blank line of a page, and of the page as a whole.

Each line gets a vector of named features (its own shape, its neighbours, and the page's
convention: do its questions end in ``?``, carry ``Q.`` labels, or open blank-line blocks?).
Every feature is computed in one forward and one backward pass over the page, looking at a
bounded number of words per line, so the cost is linear in the size of the page.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from .layout import LayoutCues

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

SYMBOL_BULLET_RE = re.compile(r"^[•◦▪▫●○■□‣∙·⁃–—*+\-]\s+")
NUMBER_BULLET_RE = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
Q_LABEL_RE = re.compile(r"^(?:Q|Question|Frage|Domanda|Pytanie|Fråga|Pregunta)\s*\d{0,3}\s*[.:)]\s*(?=\S)")
A_LABEL_RE = re.compile(r"^(?:A|Answer|Antwort|Risposta|Odpowiedź|Svar|Respuesta|Réponse)\s*\d{0,3}\s*[.:)]\s*")
# Question marks of every script; Greek uses ';' (checked only on lines with Greek letters).
QUESTION_MARKS = "?؟？﹖՞"
CLOSERS = "\"'”’»)]"
ENDS_Q_RE = re.compile(r"[?؟？﹖՞][\"'”’»)\]]{0,3}$")
GREEK_RE = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
PREFIX_RE = re.compile(r"^([^\W\d_][^\W\d_ ]{0,20}(?: [^\W\d_]{1,20}){0,3})\s{0,5}:\s{0,5}(\S.*)$")
WORD_RE = re.compile(r"[^\W\d_][\w'’-]{0,40}")
COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
DATE_RE = re.compile(
    r"\b(?:\d{1,2}\.? ?[A-Za-zäéû]{3,10}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b"
)
LINK_RE = re.compile(r"https?://|www\.|<a\s|\.(?:pdf|html?)\b", re.IGNORECASE)
_SENTENCE_END = ".!?:;,"


def clean(line: str) -> str:
    """Strip white space and zero-width characters from both ends.

    A line that is empty after this is blank: it holds no visible text.
    """
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
    """Does ``t`` end in a question mark of any script (Greek ';' on Greek text)?"""
    if ENDS_Q_RE.search(t):
        return True
    return t.endswith(";") and bool(GREEK_RE.search(t[-200:]))


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: 1-based number, text as written, cleaned text, blank-line context."""

    no: int
    raw: str
    text: str
    blank_before: bool
    blank_after: bool


def page_lines(lines: list[str]) -> list[Line]:
    """The non-blank lines of a page, each knowing whether a blank line sits around it."""
    kept: list[tuple[int, str, str, bool]] = []
    prev_blank = True
    for i, raw in enumerate(lines):
        t = clean(raw)
        if t:
            kept.append((i + 1, raw, t, prev_blank))
        prev_blank = not t
    out = []
    for k, (no, raw, t, before) in enumerate(kept):
        after = k + 1 == len(kept) or kept[k + 1][0] != no + 1
        out.append(Line(no, raw, t, before, after))
    return out


class Shapes:
    """Per-line shape tests (each looks at one line, and only at its first words)."""

    def __init__(self, cues: LayoutCues) -> None:
        self.cues = cues

    def words(self, t: str, n: int = 3) -> list[str]:
        """The first ``n`` words of ``t``, lower case."""
        return [m.group(0).lower() for m in islice(WORD_RE.finditer(t[:400]), n)]

    def symbol_bullet(self, t: str) -> bool:
        return bool(SYMBOL_BULLET_RE.match(t))

    def numbered(self, t: str) -> bool:
        return bool(NUMBER_BULLET_RE.match(t))

    def q_label(self, t: str) -> bool:
        return bool(Q_LABEL_RE.match(t))

    def a_label(self, t: str) -> bool:
        return bool(A_LABEL_RE.match(t)) and not self.q_label(t)

    def heading_like(self, t: str, max_words: int = 8) -> bool:
        """A short line with no closing punctuation, starting in capitals."""
        if not t or len(t) > 80 or t[-1] in _SENTENCE_END or self.symbol_bullet(t):
            return False
        if self.numbered(t):
            return False
        return (t[0].isupper() or t[0].isdigit()) and 1 <= t.count(" ") + 1 <= max_words

    def call_to_action(self, t: str, any_length: bool = False) -> bool:
        """A link-like line: "Take a self-assessment", "Read more under ...?"."""
        w = self.words(t, 2)
        return (
            (any_length or self.heading_like(t, max_words=6))
            and len(w) >= 2
            and w[0] in self.cues.call_to_action_verbs
        )

    def instruction(self, t: str) -> bool:
        """Does ``t`` open like an instruction ("Do not ...", "Wash ...")?"""
        w = self.words(t, 2)
        return bool(w) and (
            w[0] in self.cues.imperative_openers
            or w[0] in self.cues.call_to_action_verbs
            or " ".join(w) in self.cues.imperative_openers
        )

    def question_word(self, t: str) -> bool:
        """Does ``t`` open with a question word of a supported language?"""
        w = self.words(t, 2)
        return bool(w) and (w[0] in self.cues.interrogatives or " ".join(w) in self.cues.interrogatives)

    def aux_subject(self, t: str) -> bool:
        """An auxiliary then its subject ("Do you ...", "Kann ich ...", "Posso ...")."""
        w = self.words(t, 3)
        return len(w) >= 2 and w[0] in self.cues.auxiliaries and w[1] in self.cues.subjects

    def navigation(self, t: str) -> bool:
        f = fold(t[:200]).lower().rstrip(" :|»›>")
        return f in self.cues.navigation or bool(COPYRIGHT_RE.match(f))

    def related_prefix(self, t: str) -> str | None:
        """The label of an injected link ("IMPORTANT:  Is ...?"), if the line has one."""
        m = PREFIX_RE.match(fold(t[:400]))
        if not m or not ends_question(m.group(2)):
            return None
        label = m.group(1).strip()
        if label.lower() in self.cues.related_prefixes or (label.isupper() and len(label) > 1):
            return label
        return None

    def dated(self, t: str) -> bool:
        """A dated line ("Last reviewed: 2 May 2020", "Stand: 12.03.2020")."""
        w = " ".join(self.words(t, 2))
        head = t[:120]
        return bool(DATE_RE.search(head)) and (
            len(t) <= 80 or any(w.startswith(x) for x in self.cues.footer_openers)
        )

    def footer(self, t: str) -> bool:
        """A line that closes an answer: "For more information: ...", "Source: ..."."""
        w = " ".join(self.words(t, 3))
        return any(w.startswith(x) for x in self.cues.footer_openers)

    def title_case(self, t: str) -> bool:
        """Three or more words, nearly all capitalised ("Can Sole Proprietors Apply")."""
        w = [m.group(0) for m in islice(WORD_RE.finditer(t[:200]), 12)]
        if len(w) < 3:
            return False
        caps = sum(x[0].isupper() for x in w)
        return caps >= 0.75 * len(w)


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


def _shape(t: str, s: Shapes) -> tuple[bool, bool, bool, str]:
    """A coarse shape of a line, to see whether block-opening lines look alike."""
    return (ends_question(t), s.heading_like(t, 14), t[:1].isupper(), t[-1:] if t[-1:] in ".:!" else "")


def features(lines: list[Line], cues: LayoutCues) -> list[list[float]]:
    """One feature vector (ordered as :data:`FEATURES`) per non-blank line."""
    s = Shapes(cues)
    n = len(lines)
    texts = [x.text for x in lines]
    eq = [ends_question(t) for t in texts]
    bul = [s.symbol_bullet(t) for t in texts]
    num = [s.numbered(t) for t in texts]
    qlab = [s.q_label(t) for t in texts]
    alab = [s.a_label(t) for t in texts]
    head = [s.heading_like(t) for t in texts]
    qlike = [qlab[k] or (not bul[k] and eq[k]) for k in range(n)]
    long_ = [len(t) > 80 for t in texts]

    # Unmarked list items after an intro ending in ':' (one forward pass).
    in_list = [False] * n
    for k in range(1, n):
        p = texts[k - 1]
        if p.endswith(":"):
            in_list[k] = True
        elif p[-1] in ".!?" or bul[k - 1] or qlike[k - 1]:
            in_list[k] = False
        else:
            in_list[k] = in_list[k - 1]

    # A run of heading-like lines that ends at a question (one backward pass).
    run_to_q = [False] * n
    for k in range(n - 2, -1, -1):
        if head[k] and not qlike[k]:
            run_to_q[k] = qlike[k + 1] or (head[k + 1] and run_to_q[k + 1])

    # Length of the run of consecutive '?' lines each line sits in (two passes).
    run = [0] * n
    for k in range(n):
        run[k] = (run[k - 1] + 1 if k and eq[k - 1] else 1) if eq[k] else 0
    for k in range(n - 2, -1, -1):
        if eq[k] and eq[k + 1]:
            run[k] = run[k + 1]

    counts = Counter(texts)
    n_blocks = max(1, sum(x.blank_before for x in lines))
    # Blank lines mark blocks only where they are sparse (not after every paragraph).
    has_blanks = any(x.blank_before for x in lines[1:]) and n_blocks < 0.7 * n
    n_q = sum(eq)
    q_share = min(1.0, n_q / n_blocks) if has_blanks else min(1.0, 2 * n_q / max(1, n))
    q_open = sum(1 for k in range(n) if eq[k] and lines[k].blank_before)
    page_q_open = has_blanks and n_q >= 2 and q_open >= 0.6 * n_q
    qless = n_q < 2 or q_share < 0.2
    labelled = sum(qlab) >= 2
    openers = Counter(_shape(texts[k], s) for k in range(n) if lines[k].blank_before)

    out: list[list[float]] = []
    for k in range(n):
        t, ln = texts[k], lines[k]
        nxt = texts[k + 1] if k + 1 < n else ""
        prv = texts[k - 1] if k else ""
        last = t[-1]
        opens = has_blanks and ln.blank_before
        shape_share = openers[_shape(t, s)] / n_blocks if opens else 0.0
        next_long = bool(nxt) and len(nxt) > 80
        v = [
            1.0,
            eq[k],
            (not eq[k]) and "?" in t[:200],
            qlab[k],
            alab[k],
            k + 1 < n and alab[k + 1],
            bul[k],
            num[k],
            s.question_word(t),
            s.aux_subject(t),
            head[k],
            s.title_case(t),
            long_[k],
            math.log1p(len(t)) / 5.0,
            t.count(" ") >= 15,
            last == ".",
            last == ":",
            last in "!;,)]",
            t[0].isupper(),
            opens,
            has_blanks and ln.blank_after,
            prv.endswith(":"),
            k > 0 and eq[k - 1],
            k > 0 and bul[k - 1],
            k + 1 < n and eq[k + 1],
            k + 1 < n and bul[k + 1],
            next_long,
            k + 1 < n and head[k + 1],
            k + 1 < n and s.call_to_action(nxt),
            k + 1 == n,
            in_list[k],
            run_to_q[k],
            s.navigation(t),
            s.call_to_action(t, any_length=True),
            s.instruction(t),
            s.related_prefix(t) is not None,
            s.dated(t),
            s.footer(t),
            bool(LINK_RE.search(t[:400])),
            counts[t] > 1,
            q_share,
            eq[k] and opens and page_q_open,
            eq[k] and has_blanks and not ln.blank_before and page_q_open,
            head[k] and opens and qless,
            head[k] and next_long and qless and not (k > 0 and head[k - 1]),
            shape_share,
            eq[k] and k + 1 < n and eq[k + 1],
            eq[k] and in_list[k],
            eq[k] and k + 1 < n and s.call_to_action(nxt),
            head[k] and s.question_word(t),
            labelled,
            labelled and not qlab[k],
            head[k] and next_long and (k + 2 >= n or qlike[k + 2] or head[k + 2]),
            run[k] >= 3,
            (not eq[k]) and "?" in t[:200] and s.question_word(t),
            s.aux_subject(t) and s.heading_like(t, 12),
            head[k] and not eq[k] and not opens and n_q >= 3,
        ]
        out.append([float(x) for x in v])
    return out
