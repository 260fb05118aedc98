"""Label one question/answer pair: subject, topic, conditions, claim type, hedging, evidence.

Every labeller returns the label and the cue texts that decided it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .citations import find_citations, strip_citations
from .sentences import split_sentences
from .taxonomy import CueGroup, Taxonomy


@dataclass(frozen=True)
class Labels:
    """The labels of one text, with the cues behind them."""

    subject: str | None
    topic: str
    topic_cues: list[str]
    conditions: list[str]
    claim_type: str
    claim_cues: list[str]
    hedged: bool
    hedge_cues: list[str]
    evidence: str
    evidence_cues: list[str]
    citations: list[str]


def _matches(rx: re.Pattern[str] | None, text: str) -> list[str]:
    if rx is None or not text:
        return []
    return [" ".join(m.group(0).lower().split()) for m in rx.finditer(text) if m.group(0).strip()]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _score(groups: tuple[CueGroup, ...], text: str) -> tuple[float, list[str]]:
    """Sum of weights; each distinct cue text counts at most twice."""
    score, cues = 0.0, []
    for g in groups:
        for cue, n in Counter(_matches(g.regex, text)).items():
            score += g.weight * min(n, 2)
            cues.append(cue)
    return score, cues


def claim_type(question: str, answer: str, tax: Taxonomy) -> tuple[str, list[str]]:
    """The claim type with the highest cue score; ties go to the earlier type."""
    answer = strip_citations(answer)
    sentences = split_sentences(answer.split("\n", 1)[0]) if answer else []
    first = sentences[0] if sentences else ""
    best, best_score, best_cues = tax.default_claim_type, 0.0, []
    for name in tax.claim_types:
        a_score, a_cues = _score(tax.claim_answer[name], answer)
        f_score, _ = _score(tax.claim_answer[name], first)
        q_score, q_cues = _score(tax.claim_question[name], question)
        score = (
            a_score
            + f_score
            + min(q_score, max((g.weight for g in tax.claim_question[name]), default=0))
        )
        if score > best_score:
            best, best_score, best_cues = name, score, _unique(a_cues + [f"Q: {c}" for c in q_cues])
    return best, best_cues


def find_conditions(text: str, tax: Taxonomy) -> list[str]:
    """Conditions named in ``text``, in taxonomy order."""
    return [name for name, (_, rx) in tax.conditions.items() if rx.search(text)]


def topic(
    question: str, answer: str, conditions: list[str], tax: Taxonomy
) -> tuple[str, list[str]]:
    """The topic whose cues weigh most, the question counting ``topic_question_weight``."""
    scores: Counter[str] = Counter()
    cues: dict[str, list[str]] = {t: [] for t in tax.topics}
    for name, rx in tax.topic_cues.items():
        q, a = _matches(rx, question), _matches(rx, answer)
        scores[name] += tax.topic_question_weight * len(q) + tax.topic_answer_weight * min(
            len(a), 5
        )
        cues[name] += _unique(q + a)
    for c in conditions:
        scores[tax.conditions[c][0]] += 0.5
    best = max(tax.topics, key=lambda t: (scores[t], -tax.topics.index(t)))
    if scores[best] <= 0:
        return tax.default_topic, []
    return best, cues[best]


def hedges(text: str, tax: Taxonomy) -> list[str]:
    """Uncertainty cues in ``text``, unique, in order."""
    return _unique(_matches(tax.hedges, text))


def evidence(text: str, citations: list[str], tax: Taxonomy) -> tuple[str, list[str]]:
    """cited > study > anecdote > none, with the cues found."""
    if citations:
        return "cited", [f"[{c}]" for c in citations]
    study = _unique(_matches(tax.evidence_study, text))
    if study:
        return "study", study
    anecdote = _unique(_matches(tax.evidence_anecdote, text))
    if anecdote:
        return "anecdote", anecdote
    return "none", []


_SUBJECT_TEMPLATES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:causes?|symptoms?|signs?|treatments?|complications|outlook|risk factors?|side effects?"
        r"|benefits?|function|role|dangers?|risks?|effects?|genetic changes related to|being done"
        r" for|at risk for|prevent|diagnose|inheritance of) (?:of |for |to )?(?:an? |the |low |high "
        r"|too much )?(?P<s>[^?]+?)\s*\??$",
        r"^what (?:is|are)(?: \(are\))? (?:an? |the )?(?P<s>[^?]+?)\s*\?*$",
        r"^(?:do you have|is there) (?:any )?information (?:about|on) (?P<s>[^?]+?)\s*\??$",
        r"^how (?:does|do|can|could|might|is|are) (?P<s>.+?) (?:affect|work|cause|help|lead|increase"
        r"|reduce|change|spread|impact|interact|transmitted|spread|treated|diagnosed)\b",
        r"^(?:is|are|can|does|do|could|will|should|would|may) (?P<s>.+?) (?:be |a |an )?(?:cause"
        r"|causes|good|bad|safe|dangerous|increase|reduce|help|clear|affect|inherited|contagious"
        r"|effective|transmitted|spread|work|treat|prevent|lower|raise|used|harmful|toxic|infect)\b",
        r"\btoo much (?P<s>[^?]+?)\s*\??$",
        r"\b(?:reduce|lower|increase|boost) (?P<s>[^?]+?)\s*\??$",
    )
]
_TRIM_FROM = 3  # templates from here on end in a verb phrase: trim its trailing phrase
_TRAILING_RE = re.compile(
    r"\s+(?:in|on|at|during|after|before|while|when|if|to|from|by|with|within) (?:the |your |my "
    r"|a |an )?\w+.*$",
    re.IGNORECASE,
)


def subject(question: str, tax: Taxonomy) -> str | None:
    """The thing the question asks about, lower case: a listed subject, else from its wording."""
    if tax.subject_names is not None:
        m = tax.subject_names.search(question)
        if m:
            return " ".join(m.group(0).lower().split())
    q = " ".join(question.split()).strip()
    for i, rx in enumerate(_SUBJECT_TEMPLATES):
        m = rx.search(q)
        if not m:
            continue
        s = m.group("s").strip(" ?.,:;\"'“”")
        if i >= _TRIM_FROM:
            s = _TRAILING_RE.sub("", s)
        s = s.lower()
        words = s.split()
        if not words or s in tax.subject_stopwords or words[0] in tax.subject_stopwords:
            continue
        if len(words) <= 8:
            return s
    return None


def label(question: str, answer: str, tax: Taxonomy) -> Labels:
    """All labels of one question/answer pair."""
    citations = find_citations(answer)
    both = f"{question}\n{answer}"
    conds = find_conditions(both, tax)
    top, top_cues = topic(question, answer, conds, tax)
    ctype, ccues = claim_type(question, answer, tax)
    hcues = hedges(strip_citations(answer), tax)
    ev, ev_cues = evidence(answer, citations, tax)
    return Labels(
        subject=subject(question, tax),
        topic=top,
        topic_cues=top_cues,
        conditions=conds,
        claim_type=ctype,
        claim_cues=ccues,
        hedged=bool(hcues),
        hedge_cues=hcues,
        evidence=ev,
        evidence_cues=ev_cues,
        citations=citations,
    )
