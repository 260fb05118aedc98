"""The line classifier: logistic regression over :mod:`qa_lib.line_features`.

Weights live in ``data/segmenter.json`` (plain JSON, one named weight per feature) and are
applied with numpy, so the installed package needs no learning library. ``make
fit-segmenter`` refits them from the development corpora with :func:`fit` (Newton's method
on an L2-penalised log-likelihood: deterministic, no random start).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from .line_features import FEATURES
from .logistic import newton, read_weights, weights_json

L2_GRID = (1.0, 5.0, 20.0)  # penalties tried on held-out sources (see choose_l2)
INNER_FOLDS = 4
THRESHOLD = 0.5  # probability above which a line starts a question

# What a line's strongest positive feature says about why it starts a question.
REASONS = {
    "ends_q": "question mark",
    "q_opens_block": "question mark",
    "ends_q_and_next_ends_q": "question mark",
    "q_label": "Q. label",
    "next_a_label": "A. label follows",
    "related_prefix": "related link",
    "question_word": "question word",
    "aux_subject": "question word",
    "q_word_heading": "question word",
    "q_inside": "question mark",
    "heading_opens_block_on_qless_page": "block heading",
    "heading_before_long_on_qless_page": "block heading",
    "shape_repeats_at_block_start": "block heading",
    "heading_run_to_q": "section heading",
    "heading_like": "block heading",
    "title_case": "block heading",
    "blank_before": "block heading",
}


_REASON_INDEX = [(i, f) for i, f in enumerate(FEATURES) if f in REASONS]


@dataclass(frozen=True)
class LineModel:
    """Named weights and a decision threshold."""

    weights: np.ndarray
    threshold: float = THRESHOLD
    l2: float | None = None

    def scores(self, x: np.ndarray) -> np.ndarray:
        """The log-odds that each line starts a question (``x``: lines x FEATURES)."""
        if not len(x):
            return np.zeros(0)
        return np.asarray(x, dtype=float) @ self.weights

    def reason(self, row: Sequence[float]) -> str:
        """The reason of the feature that contributed most to a positive decision."""
        best, name = 0.0, "line model"
        for i, feat in _REASON_INDEX:
            c = row[i] * self.weights[i]
            if c > best:
                best, name = c, REASONS[feat]
        return name

    def reasons(self, x: np.ndarray) -> list[str]:
        """:meth:`reason` for each row of ``x`` at once."""
        if not len(x):
            return []
        idx = [i for i, _ in _REASON_INDEX]
        contrib = x[:, idx] * self.weights[idx]
        best = contrib.argmax(axis=1)
        names = [REASONS[f] for _, f in _REASON_INDEX]
        return [
            names[b] if contrib[r, b] > 0 else "line model" for r, b in enumerate(best.tolist())
        ]

    def to_json(self) -> str:
        """Weights by feature name, rounded so the file is stable across platforms."""
        return weights_json(
            "logistic regression over qa_lib.line_features",
            FEATURES,
            self.weights,
            self.threshold,
            self.l2,
        )


def from_json(text: str) -> LineModel:
    """Read a model, checking that it names exactly the current features."""
    w, threshold, l2 = read_weights(text, FEATURES, "segmenter.json")
    return LineModel(w, THRESHOLD if threshold is None else threshold, l2)


@cache
def default_model() -> LineModel:
    """The packaged model, read once."""
    return from_json(resources.files("qa_lib").joinpath("data/segmenter.json").read_text("utf-8"))


Data = tuple[
    np.ndarray, np.ndarray
]  # features (lines x FEATURES), 1 where a line starts a question


def _stack(parts: Sequence[Data]) -> Data:
    return np.concatenate([x for x, _ in parts]), np.concatenate([y for _, y in parts])


def choose_l2(data_by_source: dict[str, Data], grid: Sequence[float] = L2_GRID) -> float:
    """The penalty with the best question-line F1 on held-out sources (grouped folds).

    Sources are dealt to ``INNER_FOLDS`` folds in sorted order; each fold is scored by a
    model fitted on the others. Ties go to the stronger penalty. Deterministic.
    """
    keys = sorted(data_by_source)
    folds = [keys[i::INNER_FOLDS] for i in range(INNER_FOLDS)]
    best, best_f1 = grid[0], -1.0
    for l2 in grid:
        tp = fp = fn = 0
        for held in filter(None, folds):
            model = fit(*_stack([data_by_source[k] for k in keys if k not in held]), l2=l2)
            x, y = _stack([data_by_source[k] for k in held])
            pred = model.scores(x) > _logit(model.threshold)
            truth = y > 0
            tp += int(np.sum(pred & truth))
            fp += int(np.sum(pred & ~truth))
            fn += int(np.sum(~pred & truth))
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        if f1 >= best_f1:
            best, best_f1 = l2, f1
    return best


def fit_selected(data_by_source: dict[str, Data]) -> LineModel:
    """Choose the penalty on held-out sources, then fit on every source given."""
    l2 = choose_l2(data_by_source)
    return fit(*_stack([data_by_source[k] for k in sorted(data_by_source)]), l2=l2)


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2_GRID[0], steps: int = 50) -> LineModel:
    """Fit the weights on features ``x`` and labels ``y`` by Newton's method."""
    penalty = np.full(x.shape[1], l2)
    penalty[FEATURES.index("bias")] = 1e-6
    w = newton(x, y, penalty, steps, tol=1e-9)
    return LineModel(w, THRESHOLD, l2)
