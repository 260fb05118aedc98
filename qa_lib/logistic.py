"""Logistic models whose weights are named features: fitted by Newton's method, kept as JSON.

The segmenter (:mod:`qa_lib.segment_model`) and the same-question matcher
(:mod:`qa_lib.question_features`) share this: one weight per feature, a threshold, the L2
penalty they were fitted with, and a file that must name exactly the features this version
computes.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence

import numpy as np


class ModelError(ValueError):
    """A model file does not name exactly the features this version computes."""


def newton(
    x: np.ndarray, y: np.ndarray, penalty: np.ndarray, steps: int = 50, tol: float = 1e-9
) -> np.ndarray:
    """Weights minimising the L2-penalised (``penalty`` per feature) logistic loss of labels
    ``y`` on features ``x``, by Newton's method from zero: deterministic. The intercept is a
    column of ``x`` (give it a tiny penalty). Warns if ``steps`` steps do not converge."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError as exc:
            raise ModelError(f"fit failed: {exc} (a penalty of 0 on a constant feature?)") from exc
        w -= step
        if np.max(np.abs(step)) < tol:
            return w
    warnings.warn(
        f"logistic fit: no convergence in {steps} Newton steps (last step {np.max(np.abs(step)):.1e})",
        RuntimeWarning,
        stacklevel=2,
    )
    return w


def weights_json(
    description: str,
    features: Sequence[str],
    weights: np.ndarray,
    threshold: float,
    l2: float | None,
) -> str:
    """The model as JSON: weights by feature name, rounded so the file is stable across
    platforms."""
    data = {
        "model": description,
        "threshold": threshold,
        "l2": l2,
        "weights": {f: round(float(w), 6) for f, w in zip(features, weights, strict=True)},
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def read_weights(
    text: str, features: Sequence[str], name: str
) -> tuple[np.ndarray, float | None, float | None]:
    """Weights (in ``features`` order), threshold and L2 penalty of a model file called
    ``name``; :class:`ModelError` unless it names exactly ``features``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"{name}: not JSON ({exc}); reinstall qa_lib or refit it") from exc
    weights = data.get("weights", {}) if isinstance(data, dict) else {}
    if set(weights) != set(features):
        missing = sorted(set(features) - set(weights))
        extra = sorted(set(weights) - set(features))
        raise ModelError(
            f"{name}: missing features {missing}, unknown features {extra}; it was written for "
            "another version of qa_lib: reinstall qa_lib, or refit it (make fit-segmenter, "
            "make fit-questions)"
        )
    w = np.array([float(weights[f]) for f in features])
    threshold, l2 = data.get("threshold"), data.get("l2")
    return (
        w,
        None if threshold is None else float(threshold),
        None if l2 is None else float(l2),
    )
