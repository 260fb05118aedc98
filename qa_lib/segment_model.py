"""The line classifier: logistic regression over :mod:`qa_lib.line_features`.

Weights live in ``data/segmenter.json`` (plain JSON, one named weight per feature) and are
applied with numpy, so the installed package needs no learning library. ``make
fit-segmenter`` refits them from the development corpora with :func:`fit` (Newton's method
on an L2-penalised log-likelihood: deterministic, no random start).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from .line_features import FEATURES

L2 = 1.0  # penalty on every weight but the bias
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


class ModelError(ValueError):
    """``segmenter.json`` does not name exactly the features this version computes."""


@dataclass(frozen=True)
class LineModel:
    """Named weights and a decision threshold."""

    weights: np.ndarray
    threshold: float = THRESHOLD

    def scores(self, x: Sequence[Sequence[float]]) -> np.ndarray:
        """The log-odds that each line starts a question."""
        if not len(x):
            return np.zeros(0)
        return np.asarray(x, dtype=float) @ self.weights

    def reason(self, row: Sequence[float]) -> str:
        """The reason of the feature that contributed most to a positive decision."""
        best, name = 0.0, ""
        for i, feat in enumerate(FEATURES):
            c = row[i] * self.weights[i]
            if feat in REASONS and c > best:
                best, name = c, feat
        return REASONS.get(name, "line model")

    def to_json(self) -> str:
        """Weights by feature name, rounded so the file is stable across platforms."""
        data = {
            "model": "logistic regression over qa_lib.line_features",
            "threshold": self.threshold,
            "weights": {f: round(float(w), 6) for f, w in zip(FEATURES, self.weights, strict=True)},
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def from_json(text: str) -> LineModel:
    """Read a model, checking that it names exactly the current features."""
    data = json.loads(text)
    weights = data.get("weights", {})
    if set(weights) != set(FEATURES):
        missing, extra = sorted(set(FEATURES) - set(weights)), sorted(set(weights) - set(FEATURES))
        raise ModelError(f"segmenter.json: missing features {missing}, unknown features {extra}")
    w = np.array([float(weights[f]) for f in FEATURES])
    return LineModel(w, float(data.get("threshold", THRESHOLD)))


@cache
def default_model() -> LineModel:
    """The packaged model, read once."""
    return from_json(resources.files("qa_lib").joinpath("data/segmenter.json").read_text("utf-8"))


def fit(rows: Iterable[tuple[Sequence[float], int]], l2: float = L2, steps: int = 30) -> LineModel:
    """Fit the weights on (features, starts-a-question) rows by Newton's method."""
    xs, ys = [], []
    for x, y in rows:
        xs.append(x)
        ys.append(y)
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    d = x.shape[1]
    penalty = np.full(d, l2)
    penalty[FEATURES.index("bias")] = 1e-6
    w = np.zeros(d)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return LineModel(w)
