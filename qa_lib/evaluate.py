"""Score segmentation against gold question/answer pairs (used by tests and benchmarks)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

LABEL_RE = re.compile(r"^\s*(?:Q|A|Question|Answer)\s*[.:]\s*")
BULLET_MARK_RE = re.compile(r"^\s*[•◦▪●‣∙·*\-–]\s+", re.MULTILINE)


def normalise(text: str) -> str:
    """Fold white space and drop Q./A. labels and bullet marks, for comparison."""
    text = BULLET_MARK_RE.sub("", LABEL_RE.sub("", text or ""))
    return " ".join(text.split())


@dataclass(frozen=True)
class PairScore:
    """Question precision/recall/F1 and the share of gold pairs matched exactly."""

    precision: float
    recall: float
    f1: float
    pairs: float
    n_gold: int
    n_pred: int

    def __str__(self) -> str:
        return (
            f"question F1 {self.f1:.3f} (P {self.precision:.3f}, R {self.recall:.3f}), "
            f"exact pairs {self.pairs:.3f} ({self.n_pred} predicted, {self.n_gold} gold)"
        )


def score_pairs(predicted: list[tuple[str, str]], gold: list[tuple[str, str]]) -> PairScore:
    """Compare (question, answer) lists as multisets after :func:`normalise`."""
    pq = Counter(normalise(q) for q, _ in predicted)
    gq = Counter(normalise(q) for q, _ in gold)
    hit = sum((pq & gq).values())
    precision = hit / max(1, sum(pq.values()))
    recall = hit / max(1, sum(gq.values()))
    f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
    pp = Counter((normalise(q), normalise(a)) for q, a in predicted)
    gp = Counter((normalise(q), normalise(a)) for q, a in gold)
    pairs = sum((pp & gp).values()) / max(1, len(gold))
    return PairScore(precision, recall, f1, pairs, len(gold), len(predicted))
