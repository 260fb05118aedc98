"""Split a page's lines into blocks: question/answer pairs, related links, boilerplate.

Blank lines are only a hint: the same page with no blank lines, or with blank lines
everywhere, segments the same. Every non-blank line ends up in exactly one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from .layout import LayoutCues, layout_cues

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

SYMBOL_BULLET_RE = re.compile(r"^[•◦▪▫●○■□‣∙·⁃–—*+\-]\s+")
NUMBER_BULLET_RE = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
Q_LABEL_RE = re.compile(r"^(?:Q|Question)\s*\d{0,3}\s*[.:)]\s*(?=\S)")
A_LABEL_RE = re.compile(r"^(?:A|Answer)\s*\d{0,3}\s*[.:)]\s*")
ENDS_Q_RE = re.compile(r"\?[\"'”’)\]]*$")
PREFIX_RE = re.compile(r"^([A-Za-z][A-Za-z ]{1,30}?)\s*:\s*(\S.*)$")
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
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


@dataclass(slots=True)
class Block:
    """One block of a page, with 1-based inclusive line numbers."""

    kind: str
    line_start: int
    line_end: int
    question: str | None = None
    items: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    source_text: str = ""

    @property
    def answer(self) -> str:
        """Answer paragraphs and bullet items (marks removed), one per line."""
        return "\n".join(self.items)


@dataclass(frozen=True, slots=True)
class _Line:
    no: int
    raw: str
    text: str


class _Page:
    """Per-line features of one page's non-blank lines."""

    def __init__(self, lines: list[str], cues: LayoutCues) -> None:
        self.cues = cues
        self.lines = [_Line(i + 1, raw, t) for i, raw in enumerate(lines) if (t := clean(raw))]
        self.n = len(self.lines)

    def text(self, k: int) -> str:
        return self.lines[k].text if 0 <= k < self.n else ""

    def symbol_bullet(self, k: int) -> bool:
        return bool(SYMBOL_BULLET_RE.match(self.text(k)))

    def numbered(self, k: int) -> bool:
        return bool(NUMBER_BULLET_RE.match(self.text(k)))

    def q_label(self, k: int) -> bool:
        return bool(Q_LABEL_RE.match(self.text(k)))

    def a_label(self, k: int) -> bool:
        return bool(A_LABEL_RE.match(self.text(k))) and not self.q_label(k)

    def ends_q(self, k: int) -> bool:
        return bool(ENDS_Q_RE.search(self.text(k)))

    def words(self, k: int, n: int = 2) -> list[str]:
        """The first ``n`` words of line k (never scans a long line to its end)."""
        return [m.group(0) for m in islice(WORD_RE.finditer(self.text(k)), n)]

    def heading_like(self, k: int, max_words: int = 8) -> bool:
        """A short line with no closing punctuation, starting in capitals."""
        t = self.text(k)
        if (
            not t
            or len(t) > 80
            or t[-1] in _SENTENCE_END
            or self.symbol_bullet(k)
            or self.numbered(k)
        ):
            return False
        return (t[0].isupper() or t[0].isdigit()) and 1 <= len(t.split()) <= max_words

    def call_to_action(self, k: int, any_length: bool = False) -> bool:
        """A link-like line: "Take a self-assessment", "Read more under ...?"."""
        w = self.words(k)
        return (
            (any_length or self.heading_like(k, max_words=6))
            and len(w) >= 2
            and w[0].lower() in self.cues.call_to_action_verbs
        )

    def instruction(self, k: int) -> bool:
        """Does line k open like an instruction ("Do not ...", "Wash ...", "Take a quiz")?"""
        w = [x.lower() for x in self.words(k, 2)]
        return bool(w) and (
            w[0] in self.cues.imperative_openers
            or w[0] in self.cues.call_to_action_verbs
            or " ".join(w) in self.cues.imperative_openers
        )

    def interrogative_heading(self, k: int) -> bool:
        """A short line that asks without a question mark: an auxiliary verb, then its
        subject ("Do you have information about Radon", "Is there a vaccine for it").

        Imperatives ("Do not touch your face") and wh-headings ("What You Need to Know")
        are left to their context.
        """
        w = self.words(k, 3)
        return (
            len(w) >= 3
            and w[0][0].isupper()
            and w[0].lower() in self.cues.auxiliaries
            and w[1].lower() in self.cues.subjects
            and self.heading_like(k, max_words=12)
        )

    def in_list(self, k: int) -> bool:
        """Is line k an unmarked list item, after an intro ending in ':'?"""
        j = k - 1
        while j >= 0:
            t = self.text(j)
            if t.endswith(":"):
                return True
            if not t or t[-1] in ".!?" or self.symbol_bullet(j) or self.question_like(j):
                return False
            j -= 1
        return False

    def navigation(self, k: int) -> bool:
        t = fold(self.text(k)).lower().rstrip(" :|»›>")
        return t in self.cues.navigation or bool(COPYRIGHT_RE.match(t))

    def related_prefix(self, k: int) -> str | None:
        """The label of an injected link ("IMPORTANT:  Is ...?"), if the line has one."""
        m = PREFIX_RE.match(fold(self.text(k)))
        if not m or not ENDS_Q_RE.search(m.group(2)):
            return None
        label = m.group(1).strip()
        if label.lower() in self.cues.related_prefixes or (label.isupper() and len(label) > 1):
            return label
        return None

    def lead_question(self, k: int) -> bool:
        """A line that opens with a question and goes on with a remark."""
        t = self.text(k)
        w = self.words(k)
        q = t.find("?")
        return (
            bool(w)
            and w[0].lower() in self.cues.interrogatives
            and 0 < q <= 200
            and len(t) <= 300
            and not self.ends_q(k)
        )

    def question_like(self, k: int) -> bool:
        """Does line k look like a question on its own (before context is weighed)?"""
        if k >= self.n:
            return False
        if self.q_label(k):
            return True
        if self.symbol_bullet(k):
            return False
        if self.numbered(k) and self.text(k - 1).endswith(":"):
            return False
        return self.ends_q(k)


def _roles(page: _Page) -> list[str]:
    """Give each non-blank line a role: 'q' (starts a pair), 'a' (answer) or 'boiler'."""
    roles = ["a"] * page.n
    heading_q = [False] * page.n
    seen_q = False
    k = 0
    while k < page.n:
        prev_role = roles[k - 1] if k else None
        prev_q = prev_role == "q" and not heading_q[k - 1]
        if page.q_label(k) or (
            page.a_label(k + 1) and not page.symbol_bullet(k) and not page.a_label(k)
        ):
            roles[k] = "q"
        elif page.a_label(k) or page.symbol_bullet(k):
            roles[k] = "a"
        elif page.related_prefix(k):
            roles[k] = "q"
        elif page.question_like(k) and page.call_to_action(k, any_length=True):
            roles[k] = "a"  # "Read more under How is it treated?" is a link, not a question
        elif page.question_like(k):
            banner = (
                seen_q
                and prev_role == "a"
                and page.call_to_action(k + 1)
                and (k + 2 >= page.n or page.question_like(k + 2) or page.heading_like(k + 2))
            )
            if banner:
                k += 2
                continue
            roles[k] = "q"
        elif (
            seen_q
            and not prev_q
            and page.lead_question(k)
            and not page.question_like(k + 1)
            and k + 1 < page.n
        ):
            roles[k] = "q"
        elif seen_q and not prev_q and not page.in_list(k) and page.interrogative_heading(k):
            roles[k] = "q"  # "Do you have information about Radon"
        elif (
            seen_q
            and not prev_q
            and not page.in_list(k)
            and _heading_chain(page, k, k > 0 and heading_q[k - 1])
        ):
            roles[k] = "q"
            heading_q[k] = True
        if roles[k] == "q":
            seen_q = True
        k += 1
    return roles


def _heading_chain(page: _Page, k: int, after_heading: bool) -> bool:
    """Is line k a section heading with no answer: short lines that run into a question?"""
    if not page.heading_like(k) or page.navigation(k) or page.instruction(k):
        return False
    j = k + 1
    while j < page.n and page.heading_like(j) and not page.question_like(j):
        if page.call_to_action(j) or page.navigation(j):
            return False
        j += 1
    if j == page.n:  # a run of headings closing the page; one lone line is a tagline
        return j - k >= 2 or after_heading
    return page.question_like(j)


def _tail_boilerplate(page: _Page, roles: list[str]) -> None:
    """Mark a closing site tagline, copyright or navigation lines as boilerplate."""
    k = page.n - 1
    tagline_taken = False
    while k > 0 and roles[k] == "a" and roles[k - 1] in ("a", "boiler"):
        if page.navigation(k):
            roles[k] = "boiler"
        elif (
            not tagline_taken
            and page.heading_like(k)
            and not page.call_to_action(k)
            and not page.symbol_bullet(k)
            and not page.in_list(k)
            and not page.question_like(k - 1)
        ):
            roles[k] = "boiler"
            tagline_taken = True
        else:
            break
        k -= 1
    # Navigation lines closing an answer, just before the next question.
    for k in range(page.n - 1):
        if roles[k] == "a" and page.navigation(k) and roles[k + 1] in ("q", "boiler"):
            j = k
            while j >= 0 and roles[j] == "a" and page.navigation(j):
                roles[j] = "boiler"
                j -= 1


def segment(lines: list[str], cues: LayoutCues | None = None) -> list[Block]:
    """Segment a page given as its lines (without line endings)."""
    page = _Page(lines, cues or layout_cues())
    if not page.n:
        return []
    roles = _roles(page)
    first_q = next((k for k, r in enumerate(roles) if r == "q"), page.n)
    for k in range(first_q):
        roles[k] = "boiler"
    _tail_boilerplate(page, roles)

    blocks: list[Block] = []
    k = 0
    while k < page.n:
        start = k
        if roles[k] == "boiler":
            while k + 1 < page.n and roles[k + 1] == "boiler":
                k += 1
            blocks.append(Block("boilerplate", page.lines[start].no, page.lines[k].no))
        else:
            while k + 1 < page.n and roles[k + 1] == "a":
                k += 1
            blocks.append(_pair(page, start, k))
        blocks[-1].source_text = "\n".join(x.raw.strip() for x in page.lines[start : k + 1])
        k += 1
    return blocks


def _pair(page: _Page, start: int, end: int) -> Block:
    """Build a qa (or related) block from a question line and its answer lines."""
    head = page.text(start)
    label = page.related_prefix(start)
    has_answer = end > start
    kind = "related" if label and not has_answer else "qa"
    if label:
        head = PREFIX_RE.match(fold(head)).group(2)  # type: ignore[union-attr]
    question = fold(Q_LABEL_RE.sub("", head, count=1))
    items: list[str] = []
    bullets: list[str] = []
    for j in range(start + 1, end + 1):
        t = page.lines[j].raw.strip()
        if j == start + 1:
            t = A_LABEL_RE.sub("", t, count=1)
        m = SYMBOL_BULLET_RE.match(t) or NUMBER_BULLET_RE.match(t)
        if m:
            t = t[m.end() :]
            bullets.append(t)
        items.append(t)
    return Block(kind, page.lines[start].no, page.lines[end].no, question, items, bullets)
