"""Split the answers of a block frame into single claims, each labelled on its own."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .columns import CLAIM_COLUMNS
from .corpus import check_workers, cores, label_parallel
from .provenance import TAXONOMY_ATTR, frame_taxonomy, taxonomy_record
from .sentence_labels import STRENGTH_DTYPE, sentence_records
from .sentences import answer_claims
from .taxonomy import Taxonomy

PARALLEL_MIN_CLAIMS = 20_000
"""Below this many claims one process is quicker than starting several (``workers=None``)."""


def claims(
    df: pd.DataFrame, *, taxonomy: Taxonomy | str | None = None, workers: int | None = None
) -> pd.DataFrame:
    """One row per claim (each answer sentence and each bullet item) of the ``qa`` rows.

    Each claim is labelled by :func:`qa_lib.label_sentences`, so it agrees with the same
    sentence labelled on its own; a claim with no claim-type cue of its own takes its answer's
    type (``claim_type_from == "answer"``). Labels come from ``taxonomy`` if given, else from
    the taxonomy the frame was read with (``df.attrs``, see :mod:`qa_lib.provenance`).
    ``workers``: processes to label the claims in (same frame); None uses every core from
    :data:`PARALLEL_MIN_CLAIMS` claims on.
    """
    check_workers(workers)
    tax = frame_taxonomy(df, taxonomy)
    rows: list[dict[str, Any]] = []
    qa = df[df["kind"] == "qa"]
    cols = ["source", "block", "question", "answer", "is_bullet", "claim_type"]
    for rec in qa[cols].itertuples(index=False):
        for n, (sentence, is_bullet) in enumerate(
            answer_claims(rec.answer or "", list(rec.is_bullet))
        ):
            rows.append(
                {
                    "source": rec.source,
                    "block": rec.block,
                    "claim": n,
                    "question": rec.question,
                    "text": sentence,
                    "is_bullet": is_bullet,
                    "answer_type": str(rec.claim_type),
                }
            )
    texts = [r["text"] for r in rows]
    if workers is None:
        workers = cores() if len(texts) >= PARALLEL_MIN_CLAIMS else 1
    workers = min(workers, max(1, len(texts)))
    labelled = (
        label_parallel(texts, tax, workers)
        if workers > 1 and len(texts) > 1
        else sentence_records(texts, tax)
    )
    for row, lab in zip(rows, labelled, strict=True):
        answer_type = row.pop("answer_type")
        row.update({k: lab[k] for k in CLAIM_COLUMNS if k in lab and k != "text"})
        row["claim_type_from"] = "claim"
        if not lab["claim_cues"]:
            row["claim_type"], row["claim_type_from"] = answer_type, "answer"
    out = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for col in ("source", "question", "text", "claim_type_from"):
        out[col] = out[col].astype("str")
    out["block"] = out["block"].astype("int64")
    out["claim"] = out["claim"].astype("int64")
    out["is_bullet"] = out["is_bullet"].astype("bool")
    out["hedged"] = out["hedged"].astype("bool")
    out["strength"] = out["strength"].astype(STRENGTH_DTYPE)
    out["claim_type"] = out["claim_type"].astype(df["claim_type"].dtype)
    out["evidence"] = out["evidence"].astype(df["evidence"].dtype)
    out.attrs[TAXONOMY_ATTR] = taxonomy_record(tax)
    return out
