"""Split the answers of a block frame into single claims, each labelled on its own."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .citations import citation_labels, find_citation_spans, strip_spans
from .columns import CLAIM_COLUMNS
from .labels import claim_type, evidence, hedges
from .provenance import TAXONOMY_ATTR, frame_taxonomy, taxonomy_record
from .sentences import split_sentences
from .taxonomy import Taxonomy


def _items(answer: str, is_bullet: list[bool]) -> list[tuple[str, bool]]:
    """Answer items as (text, is_bullet), as the segmenter recorded them (one per line)."""
    lines = answer.split("\n") if answer else []
    if len(lines) != len(is_bullet):
        raise ValueError(
            f"answer has {len(lines)} lines but is_bullet has {len(is_bullet)} flags: "
            "the frame was not made by read_faq/parse_faq"
        )
    return [(t, bool(b)) for t, b in zip(lines, is_bullet, strict=True) if b or t.strip()]


def claims(df: pd.DataFrame, *, taxonomy: Taxonomy | str | None = None) -> pd.DataFrame:
    """One row per claim (each answer sentence and each bullet item) of the ``qa`` rows.

    A claim with no claim-type cue of its own takes its answer's type
    (``claim_type_from == "answer"``). Labels come from ``taxonomy`` if given, else from the
    taxonomy the frame was read with (``df.attrs``, see :mod:`qa_lib.provenance`).
    """
    tax = frame_taxonomy(df, taxonomy)
    rows: list[dict[str, Any]] = []
    qa = df[df["kind"] == "qa"]
    cols = ["source", "block", "question", "answer", "is_bullet", "claim_type"]
    for rec in qa[cols].itertuples(index=False):
        n = 0
        for item, is_bullet in _items(rec.answer or "", list(rec.is_bullet)):
            for sentence in [item] if is_bullet else split_sentences(item):
                spans = find_citation_spans(sentence)
                cites, plain = citation_labels(spans), strip_spans(sentence, spans)
                ctype, cues = claim_type("", plain, tax, stripped=True)
                origin = "claim"
                if not cues:
                    ctype, origin = str(rec.claim_type), "answer"
                hcues = hedges(plain, tax)
                rows.append(
                    {
                        "source": rec.source,
                        "block": rec.block,
                        "claim": n,
                        "question": rec.question,
                        "text": sentence,
                        "is_bullet": is_bullet,
                        "claim_type": ctype,
                        "claim_cues": cues,
                        "claim_type_from": origin,
                        "hedged": bool(hcues),
                        "hedge_cues": hcues,
                        "citations": cites,
                        "evidence": evidence(sentence, cites, tax)[0],
                    }
                )
                n += 1
    out = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for col in ("source", "question", "text", "claim_type_from"):
        out[col] = out[col].astype("str")
    out["block"] = out["block"].astype("int64")
    out["claim"] = out["claim"].astype("int64")
    out["is_bullet"] = out["is_bullet"].astype("bool")
    out["hedged"] = out["hedged"].astype("bool")
    out["claim_type"] = out["claim_type"].astype(df["claim_type"].dtype)
    out["evidence"] = out["evidence"].astype(df["evidence"].dtype)
    out.attrs[TAXONOMY_ATTR] = taxonomy_record(tax)
    return out
