"""Label one question/answer pair: subject, topic, conditions, claim type, hedging, strength,
evidence.

Every labeller returns the label and the cue texts that decided it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .citations import citation_labels, find_citation_spans, strip_citations, strip_spans
from .sentences import answer_claims, split_sentences
from .strength import STRENGTHS, default_model, strengths
from .taxonomy import Taxonomy, fold_cue


@dataclass(frozen=True, slots=True)
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
    strength: str
    strength_cues: list[str]
    evidence: str
    evidence_cues: list[str]
    citations: list[str]


def _matches(rx: re.Pattern[str] | None, text: str) -> list[str]:
    if rx is None or not text:
        return []
    return [fold_cue(m.group(0)) for m in rx.finditer(text) if m.group(0).strip()]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _first_sentence_length(answer: str) -> int:
    sentences = split_sentences(answer.split("\n", 1)[0]) if answer else []
    return len(sentences[0]) if sentences else 0


def claim_type(
    question: str, answer: str, tax: Taxonomy, *, stripped: bool = False
) -> tuple[str, list[str]]:
    """The claim type with the highest cue score; ties go to the earlier type.

    Each distinct answer cue counts at most twice, and again (at most twice) when it stands
    in the first sentence; question cues add their weight, capped at the type's largest
    question weight, so the answer's own wording decides. ``stripped``: the answer's
    citation markers are already removed.
    """
    if not stripped:
        answer = strip_citations(answer)
    first = _first_sentence_length(answer)
    # Plain dicts with .get: one look-up per match, no Counter machinery.
    scores: dict[str, float] = {}
    cues: dict[str, list[str]] = {t: [] for t in tax.claim_types}
    for tier in tax.claim_answer_tiers:
        seen: dict[tuple[str, str], int] = {}
        seen_first: dict[tuple[str, str], int] = {}
        for name, weight, cue, start, _ in tier.finditer(answer):
            key = (name, cue)
            n = seen[key] = seen.get(key, 0) + 1
            if n <= 2:
                scores[name] = scores.get(name, 0) + weight
            if start < first:
                n = seen_first[key] = seen_first.get(key, 0) + 1
                if n <= 2:
                    scores[name] = scores.get(name, 0) + weight
            cues[name].append(cue)
    q_scores: dict[str, float] = {}
    for name, weight, cue, _, _ in tax.claim_question_matcher.finditer(question):
        q_scores[name] = q_scores.get(name, 0) + weight
        cues[name].append(f"Q: {cue}")
    for name, q in q_scores.items():
        scores[name] = scores.get(name, 0) + min(q, tax.claim_question_cap.get(name, q))
    best, best_score = tax.default_claim_type, 0.0
    for name in tax.claim_types:
        score = scores.get(name, 0)
        if score > best_score:
            best, best_score = name, score
    return best, (_unique(cues[best]) if best_score > 0 else [])


def find_conditions(text: str, tax: Taxonomy) -> list[str]:
    """Conditions named in ``text``, in taxonomy order."""
    found = {name for name, _, _, _, _ in tax.condition_matcher.finditer(text)}
    return [name for name in tax.conditions if name in found]


def topic(
    question: str, answer: str, conditions: list[str], tax: Taxonomy
) -> tuple[str, list[str]]:
    """The topic whose cues weigh most, the question counting ``topic_question_weight``.

    ``conditions`` do not weigh: the 0.5 a condition was meant to add to its topic never took
    effect (it was added under a wrong key), and turning it on now would move labels.
    """
    scores: dict[str, float] = {}
    cues: dict[str, list[str]] = {t: [] for t in tax.topics}
    answer_hits: dict[str, int] = {}
    for name, _, cue, _, _ in tax.topic_matcher.finditer(question):
        scores[name] = scores.get(name, 0) + tax.topic_question_weight
        cues[name].append(cue)
    for name, _, cue, _, _ in tax.topic_matcher.finditer(answer):
        n = answer_hits[name] = answer_hits.get(name, 0) + 1
        if n <= 5:
            scores[name] = scores.get(name, 0) + tax.topic_answer_weight
        cues[name].append(cue)
    # The highest score; on a tie, the topic listed first.
    best, best_score = tax.topics[0], scores.get(tax.topics[0], 0)
    for t in tax.topics[1:]:
        if scores.get(t, 0) > best_score:
            best, best_score = t, scores.get(t, 0)
    if best_score <= 0:
        return tax.default_topic, []
    return best, _unique(cues[best])


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
_TAIL_TEMPLATES = frozenset(  # unanchored templates that end in ``[^?]+?\s*\??$``
    i
    for i, rx in enumerate(_SUBJECT_TEMPLATES)
    if rx.pattern.endswith(r"[^?]+?)\s*\??$") and not rx.pattern.startswith("^")
)
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
            return fold_cue(m.group(0))
    q = " ".join(question.split()).strip()
    # A template ending in ``[^?]+?\s*\??$`` cannot match before the last "?" that is not
    # the final character: searching from there keeps each search linear in the question.
    after_last_q = q.rfind("?", 0, len(q) - 1) + 1
    for i, rx in enumerate(_SUBJECT_TEMPLATES):
        m = rx.search(q, after_last_q if i in _TAIL_TEMPLATES else 0)
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
            return sys.intern(s)
    return None


def _strongest(labels: list[str], cues: list[list[str]]) -> tuple[str, list[str]]:
    """The strongest of an answer's claims and its words; "none" for no claims."""
    best, best_cues = "none", []
    for s, c in zip(labels, cues, strict=True):
        if STRENGTHS.index(s) > STRENGTHS.index(best):
            best, best_cues = s, c
    return best, best_cues


def answer_strength(
    answer: str, tax: Taxonomy, is_bullet: list[bool] | None = None
) -> tuple[str, list[str]]:
    """The strongest claim of an answer (its claims as :func:`qa_lib.claims` splits them) and
    the words that decided it; "none" for an answer without claims."""
    plains = [strip_citations(text) for text, _ in answer_claims(answer, is_bullet)]
    return _strongest(*strengths(plains, tax))


def text_labels(question: str, text: str, tax: Taxonomy) -> tuple[dict[str, Any], str]:
    """The labels an answer and a single sentence both have (claim type, as ``question`` asks
    it; hedging; evidence; citations), each with its cues; and ``text`` without its citation
    markers."""
    spans = find_citation_spans(text)
    citations, plain = citation_labels(spans), strip_spans(text, spans)
    ctype, ccues = claim_type(question, plain, tax, stripped=True)
    hcues = hedges(plain, tax)
    ev, ev_cues = evidence(text, citations, tax)
    found = {
        "claim_type": ctype,
        "claim_cues": ccues,
        "hedged": bool(hcues),
        "hedge_cues": hcues,
        "evidence": ev,
        "evidence_cues": ev_cues,
        "citations": citations,
    }
    return found, plain


def label(question: str, answer: str, tax: Taxonomy, is_bullet: list[bool] | None = None) -> Labels:
    """All labels of one question/answer pair (``is_bullet``: one flag per answer line)."""
    return label_many([(question, answer, is_bullet)], tax)[0]


def label_many(pairs: Sequence[tuple[str, str, list[bool] | None]], tax: Taxonomy) -> list[Labels]:
    """:func:`label` of each (question, answer, is_bullet), the claims of all the answers
    weighed for strength in one batch (the same labels: each claim's sum is its own)."""
    model = default_model()
    found: list[tuple[list[int], dict[str, str]]] = []
    claim_counts: list[int] = []
    parts: list[dict] = []
    for question, answer, is_bullet in pairs:
        both = f"{question}\n{answer}"
        if tax.engine is not None:  # one scan for the question, the answer and its sentences
            tax.engine.within(both)
        conds = find_conditions(both, tax)
        top, top_cues = topic(question, answer, conds, tax)
        found_in_answer, _ = text_labels(question, answer, tax)
        plains = [strip_citations(text) for text, _ in answer_claims(answer, is_bullet)]
        found += [model.text_rows(p, tax) for p in plains]
        claim_counts.append(len(plains))
        parts.append(
            {
                "subject": subject(question, tax),
                "topic": top,
                "topic_cues": top_cues,
                "conditions": conds,
                **found_in_answer,
            }
        )
    labels, cues = model.decide([r for r, _ in found], [f for _, f in found])
    out, pos = [], 0
    for part, n in zip(parts, claim_counts, strict=True):
        strength, strength_cues = _strongest(labels[pos : pos + n], cues[pos : pos + n])
        pos += n
        out.append(Labels(**part, strength=strength, strength_cues=strength_cues))
    return out
