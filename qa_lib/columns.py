"""Column order, dtypes and label orders of the frames qa_lib returns."""

from __future__ import annotations

import pandas as pd

from .strength import STRENGTHS
from .taxonomy import Taxonomy

KINDS = ("qa", "related", "boilerplate")

BLOCK_COLUMNS = (
    "source",
    "block",
    "kind",
    "reason",
    "question",
    "answer",
    "is_bullet",
    "bullets",
    "line_start",
    "line_end",
    "text",
    "citations",
    "subject",
    "topic",
    "topic_cues",
    "conditions",
    "claim_type",
    "claim_cues",
    "hedged",
    "hedge_cues",
    "strength",
    "strength_cues",
    "evidence",
    "evidence_cues",
)
SENTENCE_COLUMNS = (
    "text",
    "claim_type",
    "claim_cues",
    "hedged",
    "hedge_cues",
    "strength",
    "strength_cues",
    "evidence",
    "evidence_cues",
    "citations",
)
"""The columns of :func:`qa_lib.label_sentences`, one row per sentence."""

CLAIM_COLUMNS = (
    "source",
    "block",
    "claim",
    "question",
    "text",
    "is_bullet",
    "claim_type",
    "claim_cues",
    "claim_type_from",
    "hedged",
    "hedge_cues",
    "strength",
    "strength_cues",
    "citations",
    "evidence",
)
LIST_COLUMNS = (
    "is_bullet",
    "bullets",
    "citations",
    "topic_cues",
    "conditions",
    "claim_cues",
    "hedge_cues",
    "strength_cues",
    "evidence_cues",
)
TEXT_COLUMNS = ("source", "reason", "question", "answer", "text", "subject")


def categories(tax: Taxonomy) -> dict[str, pd.CategoricalDtype]:
    """Fixed-order categorical dtypes for the label columns."""
    return {
        "kind": pd.CategoricalDtype(KINDS, ordered=True),
        "topic": pd.CategoricalDtype(tax.topics, ordered=True),
        "claim_type": pd.CategoricalDtype(tax.claim_types, ordered=True),
        "evidence": pd.CategoricalDtype(tax.evidence_levels, ordered=True),
        "strength": pd.CategoricalDtype(STRENGTHS, ordered=True),
    }
