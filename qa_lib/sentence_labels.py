"""Label single sentences: every sentence-level label qa_lib has, one row per input string.

:func:`claims` labels each claim with :func:`label_sentences`, so a claim row and the same
sentence labelled on its own agree (``claim_type`` aside, where a claim with no cue of its
own takes its answer's type).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .columns import SENTENCE_COLUMNS
from .labels import text_labels
from .strength import STRENGTHS, strengths
from .taxonomy import Taxonomy, load_taxonomy

STRENGTH_DTYPE = pd.CategoricalDtype(STRENGTHS, ordered=True)


def sentence_records(texts: list[str], tax: Taxonomy) -> list[dict[str, Any]]:
    """The labels of each sentence as a dict (the rows of :func:`label_sentences`)."""
    rows: list[dict[str, Any]] = []
    plains: list[str] = []
    for text in texts:
        found, plain = text_labels("", text, tax)
        rows.append({"text": text, **found})
        plains.append(plain)
    labels, cues = strengths(plains, tax)
    for row, s, c in zip(rows, labels, cues, strict=True):
        row["strength"], row["strength_cues"] = s, c
    return rows


def label_sentences(
    texts: Iterable[str], *, taxonomy: Taxonomy | str | Path | None = None
) -> pd.DataFrame:
    """One row per input string, in order: claim type, hedging, strength, evidence, citations,
    each with the cues that decided it.

    >>> df = label_sentences(["Metformin may reduce the risk of cancer [3].", "It is blue."])
    >>> df[["hedged", "strength", "evidence"]].to_dict("records")
    [{'hedged': True, 'strength': 'conditional_causal', 'evidence': 'cited'}, {'hedged': False, 'strength': 'none', 'evidence': 'none'}]
    """
    tax = load_taxonomy(taxonomy)
    texts = [str(t) for t in texts]
    df = pd.DataFrame(sentence_records(texts, tax), columns=list(SENTENCE_COLUMNS))
    df["text"] = df["text"].astype("str")
    df["claim_type"] = df["claim_type"].astype(pd.CategoricalDtype(tax.claim_types, ordered=True))
    df["hedged"] = df["hedged"].astype("bool")
    df["strength"] = df["strength"].astype(STRENGTH_DTYPE)
    df["evidence"] = df["evidence"].astype(pd.CategoricalDtype(tax.evidence_levels, ordered=True))
    return df
