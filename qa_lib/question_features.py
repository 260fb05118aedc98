"""Do two questions ask the same thing? Pair features and the logistic model over them.

Every feature is generic: overlaps of words, content words (suffix-stripped, function words
left out), content-word pairs and the interrogative sentences; a soft overlap where words
match by character trigrams (typos, "bowlegged"/"bowleggedness"); the question word, negation,
numbers, person (I / my son) and length. No word list is learned: the weights in
``data/question_match.json`` are one number per named feature, applied with numpy.
``make fit-questions`` refits them (Newton's method, deterministic) from doctor-written pairs
that are measuring data only (``../shared/corpora/question_pairs``), never shipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise

import numpy as np

from .logistic import newton, read_weights, weights_json

SOFT_MATCH = 0.5  # trigram similarity at which a word counts as matching another
THRESHOLD = 0.5  # probability at or above which two questions are the same question
L2 = 1.0  # penalty on standardised features (the fit barely moves between 0.1 and 3)

MAX_WORDS = 80  # words of a question the pair features read (pairs.csv: at most 73)

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")  # letters of any script, or digits
_CASED_RE = re.compile(r"[^\W\d_]+")
_QUESTION_RE = re.compile(r"[^?.!]*\?")
ARTICLES = ("a", "an", "the")  # the only words two wordings of one question may differ in
# Function words: not content, never named as a shared term.
STOP = frozenset(
    [
        *ARTICLES,
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "having",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "not",
        "no",
        "nor",
        "so",
        "than",
        "too",
        "very",
        "just",
        "also",
        "about",
        "into",
        "over",
        "under",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "then",
        "once",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "s",
        "t",
        "don",
        "now",
        "get",
        "got",
        "go",
        "going",
        "know",
        "think",
        "please",
        "tell",
        "want",
        "anyone",
        "anything",
        "something",
        "someone",
        "ever",
        "really",
        "like",
        "much",
        "many",
        "im",
    ]
)
_QWORDS = {
    **dict.fromkeys(["what", "which"], "what"),
    **{w: w for w in ("how", "why", "when", "where", "who", "should")},
    **dict.fromkeys(
        [
            "can",
            "could",
            "is",
            "are",
            "does",
            "do",
            "will",
            "would",
            "has",
            "have",
            "was",
            "did",
            "may",
            "am",
        ],
        "yes_no",
    ),
}
_NEGATION = re.compile(r"\b(?:not|no|never|without|cannot|cant|dont|doesnt)\b|n't\b")
_FIRST = frozenset(["i", "me", "my", "myself", "im"])
_OTHERS = frozenset(
    [
        "he",
        "she",
        "his",
        "her",
        "him",
        "son",
        "daughter",
        "child",
        "baby",
        "husband",
        "wife",
        "mother",
        "father",
        "mom",
        "dad",
        "kid",
        "kids",
        "children",
        "friend",
        "boyfriend",
        "girlfriend",
    ]
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "edly", "ed", "ly", "es", "s")

FEATURES = (
    "bias",
    "jaccard_words",
    "jaccard_content",
    "overlap_content",
    "shared_content",
    "only_share_max",
    "only_share_min",
    "only_count_max",
    "only_count_min",
    "length_log_ratio",
    "length_log_min",
    "length_log_max",
    "same_question_word",
    "same_question_class",
    "negation_mismatch",
    "numbers_differ",
    "numbers_one_side",
    "first_person_mismatch",
    "other_person_mismatch",
    "question_marks_min",
    "question_marks_max",
    "soft_min",
    "soft_max",
    "asked_jaccard",
    "asked_overlap",
    "asked_only_max",
    "asked_only_min",
    "asked_shared",
    "asked_soft_min",
    "asked_soft_max",
    "pairs_shared",
    "pairs_jaccard",
    "unmatched_long_min",
    "unmatched_long_max",
    "unmatched_name_min",
    "unmatched_name_max",
)
LONG = 8  # letters from which an unmatched word counts as a specific one (a name, a drug)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix strip ("treatments" -> "treatment", "allergies" -> "allergy"); a word
    comes again and again, so its stem is remembered."""
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
    return word


def words(text: str) -> list[str]:
    """Lower-case words (letters of any script) and numbers."""
    return _WORD_RE.findall(text.lower())


def normalise(text: str) -> str:
    """The words of ``text`` joined by one space."""
    return " ".join(words(text))


_Q_LABEL = re.compile(r"\s*Q\d*\s*[:.)]\s*", re.IGNORECASE)


def plural(word: str) -> str:
    """``word`` without an English plural ending ("pets" -> "pet", "allergies" -> "allergy");
    "virus", "illness", "is" unchanged."""
    if len(word) >= 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def wording(text: str) -> str:
    """What two questions must share to be asked in the same words: their words in order, lower
    case, without a leading ``Q:`` (``Q.``, ``Q1)``) label, without the articles a, an, the, and
    singular ("my pet" and "my pets" agree). Tense, person, question word, negation and every
    other word still count. The question's words as they are if nothing is left.

    >>> wording("Q: Can I get COVID-19 from the pets?") == wording("Can I get covid 19 from pet")
    True
    >>> wording("Is it safe?") == wording("Was it safe?")
    False
    >>> wording("Q fever: is it contagious?")
    'q fever is it contagious'
    """
    label = _Q_LABEL.match(text)
    ws = words(text[label.end() :] if label else text)
    kept = " ".join(plural(w) for w in ws if w not in ARTICLES)
    return kept or normalise(text)


@dataclass(frozen=True, slots=True)
class Question:
    """What the pair features need of one question, computed once."""

    norm: str
    wording: str  # :func:`wording`: equal for the same words
    words: frozenset[str]
    content: frozenset[str]  # stems of content words
    asked: frozenset[str]  # stems of the content words of the sentences ending in "?"
    pairs: frozenset[tuple[str, str]]  # adjacent content stems
    shown: dict[str, str]  # stem -> the first word it came from
    names: frozenset[str]  # stems of words capitalised inside the text (COVID, Sweden)
    qword: str
    negated: bool
    numbers: frozenset[str]
    first_person: bool
    other_person: bool
    marks: int
    length: int


def question(text: str) -> Question:
    """Parse one question for the pair features (its first :data:`MAX_WORDS` words; ``norm``
    keeps them all)."""
    every = words(text)
    ws = every[:MAX_WORDS]
    shown: dict[str, str] = {}
    content = []
    for w in ws:
        if w not in STOP and len(w) > 1:
            s = stem(w)
            content.append(s)
            shown.setdefault(s, w)
    asked_text = " ".join(_QUESTION_RE.findall(text)) or text
    asked = {stem(w) for w in words(asked_text)[:MAX_WORDS] if w not in STOP and len(w) > 1}
    qword = next((w for w in ws[:6] if w in _QWORDS), "other")
    wset = frozenset(ws)
    names = {stem(w.lower()) for w in _CASED_RE.findall(text)[1:] if w[0].isupper()}
    return Question(
        norm=" ".join(every),
        wording=wording(text),
        words=wset,
        content=frozenset(content),
        asked=frozenset(asked),
        pairs=frozenset(pairwise(content)),
        shown=shown,
        names=frozenset(names & set(content)),
        qword=qword,
        negated=bool(_NEGATION.search(text.lower())),
        numbers=frozenset(w for w in ws if w.isdigit()),
        first_person=bool(wset & _FIRST),
        other_person=bool(wset & _OTHERS),
        marks=text.count("?"),
        length=len(every),
    )


@lru_cache(maxsize=1 << 16)
def _trigrams(word: str) -> frozenset[str]:
    w = f"#{word}#"
    return frozenset(w[i : i + 3] for i in range(len(w) - 2))


@lru_cache(maxsize=1 << 18)
def word_similarity(u: str, v: str) -> float:
    """Jaccard similarity of the two words' character trigrams."""
    gu, gv = _trigrams(u), _trigrams(v)
    return len(gu & gv) / len(gu | gv)


def _soft(a: frozenset[str], b: frozenset[str]) -> tuple[float, float, list[str], list[str]]:
    """Mean best trigram match of each side's words in the other (an exact match counts 1),
    and each side's words that match nothing (below :data:`SOFT_MATCH`)."""
    only_a, only_b = a - b, b - a
    if not a or not b:
        return 0.0, 0.0, sorted(only_a), sorted(only_b)
    shared = len(a) - len(only_a)
    best_a = _best_matches(only_a, b)
    best_b = _best_matches(only_b, a)
    lone_a = [u for u, s in zip(only_a, best_a, strict=True) if s < SOFT_MATCH]
    lone_b = [v for v, s in zip(only_b, best_b, strict=True) if s < SOFT_MATCH]
    return (shared + sum(best_a)) / len(a), (shared + sum(best_b)) / len(b), lone_a, lone_b


def _best_matches(words: frozenset[str], others: frozenset[str]) -> list[float]:
    """For each of ``words`` (in set order), its best :func:`word_similarity` to one of
    ``others``: the same numbers, with each word's trigrams looked up once per call instead of
    once per pair (the intersection's size, over the union's as sizes add up)."""
    if not words:
        return []
    grams = [_trigrams(v) for v in others]
    best = []
    for u in words:
        mine = _trigrams(u)
        size, top = len(mine), 0.0
        for theirs in grams:
            both = len(mine & theirs)
            similarity = both / (size + len(theirs) - both)
            if similarity > top:
                top = similarity
        best.append(top)
    return best


def _sets(a: frozenset, b: frozenset) -> tuple[float, float, int, int, int]:
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / max(1, union), shared / max(1, min(len(a), len(b))), shared, len(a), len(b)


def pair_features(a: Question, b: Question) -> list[float]:
    """The features of a pair, in :data:`FEATURES` order; symmetric in ``a`` and ``b``."""
    jw = _sets(a.words, b.words)[0]
    jc, oc, sc, na, nb = _sets(a.content, b.content)
    only_a, only_b = (na - sc) / max(1, na), (nb - sc) / max(1, nb)
    la, lb = a.length + 1, b.length + 1
    sa, sb, lone_a, lone_b = _soft(a.content, b.content)
    long_a = max((len(w) >= LONG for w in lone_a), default=False)
    long_b = max((len(w) >= LONG for w in lone_b), default=False)
    name_a, name_b = len(a.names.intersection(lone_a)), len(b.names.intersection(lone_b))
    ja, oa, qs, qa, qb = _sets(a.asked, b.asked)
    qonly_a, qonly_b = (qa - qs) / max(1, qa), (qb - qs) / max(1, qb)
    qsa, qsb, _, _ = _soft(a.asked, b.asked)
    jp, _, ps, _, _ = _sets(a.pairs, b.pairs)
    return [
        1.0,
        jw,
        jc,
        oc,
        sc,
        max(only_a, only_b),
        min(only_a, only_b),
        max(na - sc, nb - sc),
        min(na - sc, nb - sc),
        abs(math.log(la / lb)),
        math.log(min(la, lb)),
        math.log(max(la, lb)),
        float(a.qword == b.qword),
        float(_QWORDS.get(a.qword, "other") == _QWORDS.get(b.qword, "other")),
        float(a.negated != b.negated),
        float(bool(a.numbers) and bool(b.numbers) and not (a.numbers & b.numbers)),
        float(bool(a.numbers) != bool(b.numbers)),
        float(a.first_person != b.first_person),
        float(a.other_person != b.other_person),
        min(a.marks, b.marks),
        max(a.marks, b.marks),
        min(sa, sb),
        max(sa, sb),
        ja,
        oa,
        max(qonly_a, qonly_b),
        min(qonly_a, qonly_b),
        qs,
        min(qsa, qsb),
        max(qsa, qsb),
        ps,
        jp,
        float(min(long_a, long_b)),
        float(max(long_a, long_b)),
        min(name_a, name_b),
        max(name_a, name_b),
    ]


def feature_matrix(pairs: Sequence[tuple[Question, Question]]) -> np.ndarray:
    """Pairs x :data:`FEATURES`."""
    if not pairs:
        return np.zeros((0, len(FEATURES)))
    return np.array([pair_features(a, b) for a, b in pairs], dtype=float)


@dataclass(frozen=True)
class PairModel:
    """One weight per feature (on the raw feature scale) and the decision threshold."""

    weights: np.ndarray
    threshold: float = THRESHOLD
    l2: float = L2

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """The probability that each pair asks the same question."""
        if not len(x):
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(x @ self.weights)))

    def to_json(self) -> str:
        """Weights by feature name, rounded so the file is stable across platforms."""
        return weights_json(
            "logistic regression over qa_lib.question_features (generic features only)",
            FEATURES,
            self.weights,
            self.threshold,
            self.l2,
        )


def from_json(text: str) -> PairModel:
    """Read a model, checking that it names exactly the current features."""
    w, threshold, l2 = read_weights(text, FEATURES, "question_match.json")
    return PairModel(w, THRESHOLD if threshold is None else threshold, L2 if l2 is None else l2)


@cache
def default_model() -> PairModel:
    """The packaged model, read once."""
    text = resources.files("qa_lib").joinpath("data/question_match.json").read_text("utf-8")
    return from_json(text)


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> PairModel:
    """Logistic regression by Newton's method on standardised features (the bias is not
    penalised); the weights are returned on the raw scale. Deterministic."""
    mean, scale = x[:, 1:].mean(axis=0), x[:, 1:].std(axis=0)
    scale[scale == 0] = 1.0
    z = np.column_stack([np.ones(len(x)), (x[:, 1:] - mean) / scale])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 1e-6
    w = newton(z, y, penalty, steps, tol=1e-10)
    raw = np.concatenate([[w[0] - np.sum(w[1:] * mean / scale)], w[1:] / scale])
    return PairModel(raw, THRESHOLD, l2)
