"""Claim strength of one sentence: none < correlational < conditional_causal < direct_causal.

Features are the taxonomy's ``[strength]`` cue groups (causal verbs, association words, modal
markers, negation, "no significant difference"), each cue word found, cues in context (a modal
or a negation before a causal verb; the word before and after a causal, association or modal cue,
and a causal cue's inflection: "reduced the" claims a cause, "reduced in" reports a difference)
and the sentence's words and word pairs. A one-vs-rest
logistic model over them lives in ``data/strength.json`` (feature names and weights, applied
with numpy); ``make fit-sentences`` refits it from the development corpora with the same
Newton solver as the segmenter (deterministic). Each label names the features that weighed
most for it. :func:`cue_rule` is the rule the taxonomy's cues give on their own.

Labelling does not build :func:`sentence_features`' strings: :meth:`StrengthModel.text_rows`
finds the same feature rows in the same order by looking words and word pairs up in the model
(so the weights are summed in the same order and the scores are the same to the bit), and
:meth:`StrengthModel.decide` ranks the naming features of a whole batch at once.
``tests/test_strength_fast.py`` checks both against the straightforward path on the corpora.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from itertools import chain, pairwise

import numpy as np

from .taxonomy import Taxonomy

STRENGTHS = ("none", "correlational", "conditional_causal", "direct_causal")
GROUPS = ("causal", "association", "modal", "negation", "no_effect")
MIN_COUNT = 3  # a word or word pair is a feature when this many training sentences have it
L2_GRID = (1.0, 3.0, 10.0)
INNER_FOLDS = 4
N_CUES = 3  # features named per label
NEAR = 40  # characters: a modal or negation this close before a causal cue modifies it
WINDOW = 64  # characters looked at on each side of a cue for the word next to it
CONTEXT_GROUPS = ("causal", "association", "modal")  # cues whose neighbouring words are features

_WORD_RE = re.compile(r"[a-z]+|\d+")
_SUFFIXES = ("ions", "ion", "ing", "ed", "es", "s", "ement", "ive", "ly")
# Function words weigh in the model but are not named as the words behind a label.
_UNNAMED = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "with",
    ]
)
_FIXED = (
    "bias",
    *(f"g:{g}" for g in GROUPS),
    "no_cue",
    "modal+causal",
    "modal_before_causal",
    "negation_before_causal",
    "modal+association",
    "negation+association",
    "causal+association",
)


def cue_features(text: str, tax: Taxonomy) -> dict[str, str]:
    """The features of ``text`` other than its words and word pairs, each with the words that
    show it (the part of :func:`sentence_features` that comes from the taxonomy's cues)."""
    matches = tax.strength_matcher.finditer(text)
    if not matches:  # most sentences: what the loops below give for no cue
        return {"bias": "", "no_cue": ""}
    feats: dict[str, str] = {"bias": ""}
    first: dict[str, str] = {}
    starts: dict[str, list[tuple[int, str]]] = {g: [] for g in GROUPS}
    for group, _, cue, start, _ in matches:
        first.setdefault(group, cue)
        starts[group].append((start, cue))
        feats.setdefault(f"cue:{group}:{cue}", cue)
    for g, cue in first.items():
        feats[f"g:{g}"] = cue
    if not first:
        feats["no_cue"] = ""
    for a, b in (("modal", "causal"), ("modal", "association"), ("causal", "association")):
        if a in first and b in first:
            feats[f"{a}+{b}"] = f"{first[a]} … {first[b]}"
    if "negation" in first and "association" in first:
        feats["negation+association"] = f"{first['negation']} … {first['association']}"
    causal = starts["causal"]  # by start
    for mod in ("modal", "negation"):
        for s, cue in starts[mod]:
            i = bisect_right(causal, (s, "\U0010ffff"))  # the first causal cue after s
            if i < len(causal) and causal[i][0] - s <= NEAR:
                feats[f"{mod}_before_causal"] = f"{cue} {causal[i][1]}"
                break
    for group, _, cue, start, end in matches:
        if group in CONTEXT_GROUPS:
            _context(feats, group, cue, text, start, end)
    return feats


def _suffix(cue: str) -> str:
    """The inflection of a cue's first word ("reduces": "es", "reduction": "ion"; else "base")."""
    word = cue.split()[0] if cue.strip() else ""  # cues come folded to lower case
    return next((sfx for sfx in _SUFFIXES if word.endswith(sfx)), "base")


def _context(feats: dict[str, str], group: str, cue: str, text: str, start: int, end: int) -> None:
    """Add the words around one cue (``text[start:end]``): the word before it and after it,
    within :data:`WINDOW` characters ("^" and "$" for none: at the ends of the sentence, or
    past a long run of spaces or symbols; a word longer than the window counts by its nearest
    part), and for a causal cue its inflection with them: "reduced the" (a verb with an object)
    claims a cause where "reduced in" reports a difference."""
    before = _WORD_RE.findall(text[max(0, start - WINDOW) : start].lower())
    after = _WORD_RE.search(text[end : end + WINDOW].lower())
    prev, nxt = (before[-1] if before else "^"), (after.group(0) if after else "$")
    with_prev = f"{prev} {cue}" if before else cue
    with_next = f"{cue} {nxt}" if after else cue
    feats.setdefault(f"{group}_prev:{prev}", with_prev)
    feats.setdefault(f"{group}_next:{nxt}", with_next)
    if group == "causal":
        sfx = _suffix(cue)
        feats.setdefault(f"causal_sfx:{sfx}", cue)
        feats.setdefault(f"causal_sfx_next:{sfx}:{nxt}", with_next)
        feats.setdefault(f"causal_prev_sfx:{prev}:{sfx}", with_prev)


def sentence_features(text: str, tax: Taxonomy) -> dict[str, str]:
    """The features present in ``text``, each with the words that show it."""
    feats = cue_features(text, tax)
    words = _WORD_RE.findall(text.lower())
    # words and word pairs show themselves (the name after "w:" or "b:"): no display text
    feats.update(dict.fromkeys(["w:" + w for w in words], ""))
    feats.update(dict.fromkeys([f"b:{a} {b}" for a, b in pairwise(words)], ""))
    return feats


def cue_rule(text: str, tax: Taxonomy) -> tuple[str, list[str]]:
    """Strength from the cue groups alone: causal (conditional with a modal), else
    association, else none; with the cues that decided it."""
    groups: dict[str, list[str]] = {}
    for group, _, cue, _, _ in tax.strength_matcher.finditer(text):
        groups.setdefault(group, [])
        if cue not in groups[group]:
            groups[group].append(cue)
    if "causal" in groups:
        if "modal" in groups:
            return "conditional_causal", groups["modal"][:1] + groups["causal"][:2]
        return "direct_causal", groups["causal"][:2]
    if "association" in groups:
        return "correlational", groups["association"][:2]
    return "none", []


@dataclass(frozen=True)
class _Lookup:
    """A model's features arranged for labelling: rows by word and by word pair (no feature
    strings built per sentence), what each row shows, and each name's rank in sorted order."""

    words: dict[str, int]
    pairs: dict[str, dict[str, int]]  # first word -> second word -> row
    shown: list[str | None]  # a word or pair row's words ("" if never named); None: per sentence
    nameable: np.ndarray  # rows that may name a label
    rank: np.ndarray  # position of each feature name in sorted order (ties in weight)

    @classmethod
    def of(cls, features: Sequence[str]) -> _Lookup:
        words: dict[str, int] = {}
        pairs: dict[str, dict[str, int]] = {}
        shown: list[str | None] = []
        for i, f in enumerate(features):
            kind, rest = f[:2], f[2:]
            if kind == "w:":
                words[rest] = i
            elif kind == "b:" and rest.count(" ") == 1:
                a, b = rest.split(" ")
                pairs.setdefault(a, {})[b] = i
            if kind in ("w:", "b:"):
                shown.append("" if rest in _UNNAMED else rest)
            else:
                shown.append("" if f == "bias" else None)
        rank = np.empty(len(features), dtype=np.int64)
        rank[sorted(range(len(features)), key=features.__getitem__)] = np.arange(len(features))
        nameable = np.array([s != "" for s in shown], dtype=bool)
        return cls(words, pairs, shown, nameable, rank)


@dataclass(frozen=True)
class StrengthModel:
    """Feature names and one column of weights per strength (one-vs-rest log-odds)."""

    features: tuple[str, ...]
    weights: np.ndarray  # features x STRENGTHS
    l2: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {f: i for i, f in enumerate(self.features)})

    @cached_property
    def _lookup(self) -> _Lookup:
        return _Lookup.of(self.features)

    def indices(self, feats: dict[str, str]) -> list[int]:
        """Rows of the known features among ``feats``."""
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        return [i for f in feats if (i := index.get(f)) is not None]

    def text_rows(self, text: str, tax: Taxonomy) -> tuple[list[int], dict[str, str]]:
        """``indices(sentence_features(text, tax))``, in the same order, and the cue features
        (the words that show them), without building a string per word or word pair: a word
        or pair without a weight costs one dictionary look-up."""
        feats = cue_features(text, tax)
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        rows = [i for f in feats if (i := index.get(f)) is not None]
        lookup = self._lookup
        words = _WORD_RE.findall(text.lower())
        # A row stands for one word (pair): keeping each row's first occurrence keeps the order
        # of sentence_features' dict, which keeps each word's (pair's) first occurrence.
        rows += dict.fromkeys([i for i in map(lookup.words.get, words) if i is not None])
        # each word's pairs with a weight, by second word (None: the word starts none)
        seconds = zip(map(lookup.pairs.get, words), words[1:], strict=False)
        found = [i for d, b in seconds if d and (i := d.get(b)) is not None]
        rows += dict.fromkeys(found)
        return rows, feats

    def predict(self, feature_sets: Sequence[dict[str, str]]) -> tuple[list[str], list[list[str]]]:
        """The strength of each sentence and the words of its strongest features."""
        return self.decide([self.indices(f) for f in feature_sets], feature_sets)

    def predict_texts(
        self, texts: Sequence[str], tax: Taxonomy
    ) -> tuple[list[str], list[list[str]]]:
        """:meth:`predict` of each text's :func:`sentence_features`, through :meth:`text_rows`."""
        found = [self.text_rows(t, tax) for t in texts]
        return self.decide([r for r, _ in found], [f for _, f in found])

    def decide(
        self, rows: Sequence[list[int]], shown: Sequence[dict[str, str]]
    ) -> tuple[list[str], list[list[str]]]:
        """Strength and named words of each sentence from its feature rows (in feature order;
        the weights are summed in that order) and the words its non-word features show."""
        if not rows:
            return [], []
        lengths = [len(r) for r in rows]
        flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=sum(lengths))
        offsets = np.cumsum([0, *lengths[:-1]])
        scores = np.add.reduceat(self.weights[flat], offsets, axis=0)
        best = scores.argmax(axis=1)
        contrib = self.weights[flat, np.repeat(best, lengths)]
        # The features that may name a label, by sentence, then weight, then name (descending),
        # as sorting each sentence's (weight, name) pairs would order them.
        lookup = self._lookup
        seg = np.repeat(np.arange(len(rows)), lengths)
        sel = np.flatnonzero((contrib > 0) & lookup.nameable[flat])
        order = sel[np.lexsort((lookup.rank[flat[sel]], contrib[sel], -seg[sel]))][::-1]
        bounds = np.searchsorted(seg[order], np.arange(len(rows) + 1)).tolist()
        ranked = flat[order].tolist()
        names, static = self.features, lookup.shown
        cues: list[list[str]] = []
        for s, feats in enumerate(shown):
            out: list[str] = []
            for i in ranked[bounds[s] : bounds[s + 1]]:
                word = static[i]
                if word is None:
                    word = feats.get(names[i], "")
                    if word in _UNNAMED:
                        continue
                if word and word not in out:
                    out.append(word)
                    if len(out) >= N_CUES:
                        break
            cues.append(out)
        return [STRENGTHS[b] for b in best.tolist()], cues

    def to_json(self) -> str:
        """Weights by feature name, rounded so the file is stable across platforms."""
        data = {
            "model": "one-vs-rest logistic regression over qa_lib.strength.sentence_features",
            "classes": list(STRENGTHS),
            "l2": self.l2,
            "weights": {
                f: [round(float(w), 5) for w in row]
                for f, row in zip(self.features, self.weights, strict=True)
            },
        }
        return json.dumps(data, indent=0, ensure_ascii=False) + "\n"


def from_json(text: str) -> StrengthModel:
    """Read a model, checking its classes and fixed features."""
    data = json.loads(text)
    if data.get("classes") != list(STRENGTHS):
        raise ValueError(f"strength.json: classes {data.get('classes')} are not {STRENGTHS}")
    weights = data["weights"]
    missing = [f for f in _FIXED if f not in weights]
    if missing:
        raise ValueError(f"strength.json: missing features {missing}")
    feats = tuple(weights)
    w = np.array([weights[f] for f in feats], dtype=float).reshape(len(feats), len(STRENGTHS))
    l2 = data.get("l2")
    return StrengthModel(feats, w, None if l2 is None else float(l2))


@cache
def default_model() -> StrengthModel:
    """The packaged model, read once."""
    text = resources.files("qa_lib").joinpath("data/strength.json").read_text("utf-8")
    return from_json(text)


def strengths(
    texts: Sequence[str], tax: Taxonomy, model: StrengthModel | None = None
) -> tuple[list[str], list[list[str]]]:
    """Strength and deciding words of each sentence (``texts`` without citation markers)."""
    model = model or default_model()
    return model.predict_texts(texts, tax)


# ---- fitting ---------------------------------------------------------------------------------


def vocabulary(feature_sets: Sequence[dict[str, str]]) -> tuple[str, ...]:
    """The fixed features, then every other feature in ``MIN_COUNT`` sentences, sorted."""
    counts: dict[str, int] = {}
    for feats in feature_sets:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    rest = sorted(f for f, n in counts.items() if n >= MIN_COUNT and f not in _FIXED)
    return (*_FIXED, *rest)


def design(feature_sets: Sequence[dict[str, str]], features: Sequence[str]) -> np.ndarray:
    """A 0/1 matrix: sentences x features."""
    index = {f: i for i, f in enumerate(features)}
    x = np.zeros((len(feature_sets), len(features)))
    for r, feats in enumerate(feature_sets):
        for f in feats:
            i = index.get(f)
            if i is not None:
                x[r, i] = 1.0
    return x


BIAS_SCALE = 10.0  # the bias column's value while fitting: its penalty is l2 / BIAS_SCALE**2


def _binary(
    x: np.ndarray, gram: np.ndarray, y: np.ndarray, l2: float, steps: int = 30
) -> np.ndarray:
    """Newton's method on an L2-penalised log-likelihood, each step solved in sentence space
    (Woodbury: features outnumber sentences), so a step costs sentences cubed.

    ``gram`` is ``x @ x.T``. Deterministic: no random start.
    """
    n, d = x.shape
    w = np.zeros(d)
    eye = np.eye(n)
    for _ in range(steps):
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        grad = x.T @ (p - y) + l2 * w
        s = np.sqrt(p * (1 - p))
        inner = np.linalg.solve(l2 * eye + s[:, None] * gram * s[None, :], s * (x @ grad))
        step = (grad - x.T @ (s * inner)) / l2
        w -= step
        if np.max(np.abs(step)) < 1e-4:
            break
    return w


def fit(feature_sets: Sequence[dict[str, str]], labels: Sequence[str], l2: float) -> StrengthModel:
    """One-vs-rest logistic regression on the sentences given."""
    features = vocabulary(feature_sets)
    x = design(feature_sets, features)
    x[:, 0] = BIAS_SCALE
    gram = x @ x.T
    y = np.array([STRENGTHS.index(s) for s in labels])
    w = np.column_stack(
        [_binary(x, gram, (y == c).astype(float), l2) for c in range(len(STRENGTHS))]
    )
    w[0] *= BIAS_SCALE
    return StrengthModel(features, w, l2)


def folds(labels: Sequence[str], k: int) -> list[int]:
    """Fold of each sentence: each class dealt round-robin in corpus order (stratified)."""
    seen: dict[str, int] = {}
    out = []
    for s in labels:
        out.append(seen.get(s, 0) % k)
        seen[s] = seen.get(s, 0) + 1
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over the four strengths."""
    f1s = []
    for c in STRENGTHS:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / max(1, 2 * tp + fp + fn))
    return float(np.mean(f1s))


def cross_predict(
    feature_sets: Sequence[dict[str, str]],
    labels: Sequence[str],
    k: int,
    l2: float | None = None,
) -> list[str]:
    """Each sentence's strength from a model fitted on the other folds; with ``l2`` None the
    penalty is chosen inside each training part (:func:`choose_l2`)."""
    fold = folds(labels, k)
    pred = [""] * len(labels)
    for held in range(k):
        train = [i for i, f in enumerate(fold) if f != held]
        test = [i for i, f in enumerate(fold) if f == held]
        tf, tl = [feature_sets[i] for i in train], [labels[i] for i in train]
        model = fit(tf, tl, l2 if l2 is not None else choose_l2(tf, tl))
        got, _ = model.predict([feature_sets[i] for i in test])
        for i, g in zip(test, got, strict=True):
            pred[i] = g
    return pred


def choose_l2(feature_sets: Sequence[dict[str, str]], labels: Sequence[str]) -> float:
    """The penalty with the best macro-F1 over ``INNER_FOLDS`` folds; ties go to the stronger."""
    best, best_f1 = L2_GRID[0], -1.0
    for l2 in L2_GRID:
        f1 = macro_f1(labels, cross_predict(feature_sets, labels, INNER_FOLDS, l2))
        if f1 >= best_f1:
            best, best_f1 = l2, f1
    return best
