"""Read pages into the block frame: one row per block, labelled."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .columns import BLOCK_COLUMNS, LIST_COLUMNS, TEXT_COLUMNS, categories
from .labels import Labels, find_conditions, label, subject, topic
from .segment import segment
from .taxonomy import Taxonomy, load_taxonomy
from .textio import read_text, split_lines

TaxonomyLike = Taxonomy | str | Path | None


def _rows(
    text: str, source: str, tax: Taxonomy, memo: dict[tuple[str, str], Labels] | None = None
) -> list[dict[str, Any]]:
    """Rows of one page; ``memo`` labels each distinct (question, answer) once per read."""
    memo = {} if memo is None else memo
    rows: list[dict[str, Any]] = []
    for i, b in enumerate(segment(split_lines(text))):
        row: dict[str, Any] = {
            "source": source,
            "block": i,
            "kind": b.kind,
            "question": b.question,
            "answer": b.answer if b.kind != "boilerplate" else None,
            "bullets": list(b.bullets),
            "line_start": b.line_start,
            "line_end": b.line_end,
            "text": b.source_text,
            "citations": [],
            "subject": None,
            "topic": None,
            "topic_cues": [],
            "conditions": [],
            "claim_type": None,
            "claim_cues": [],
            "hedged": False,
            "hedge_cues": [],
            "evidence": None,
            "evidence_cues": [],
        }
        if b.kind == "qa":
            key = (b.question or "", b.answer)
            lab = memo.get(key)
            if lab is None:
                lab = memo[key] = label(*key, tax)
            row.update(
                citations=list(lab.citations),
                subject=lab.subject,
                topic=lab.topic,
                topic_cues=list(lab.topic_cues),
                conditions=list(lab.conditions),
                claim_type=lab.claim_type,
                claim_cues=list(lab.claim_cues),
                hedged=lab.hedged,
                hedge_cues=list(lab.hedge_cues),
                evidence=lab.evidence,
                evidence_cues=list(lab.evidence_cues),
            )
        elif b.kind == "related":
            q = b.question or ""
            conds = find_conditions(q, tax)
            top, cues = topic(q, "", conds, tax)
            row.update(subject=subject(q, tax), topic=top, topic_cues=cues, conditions=conds)
        rows.append(row)
    return rows


def _frame(rows: list[dict[str, Any]], tax: Taxonomy) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(BLOCK_COLUMNS))
    for col in TEXT_COLUMNS:
        df[col] = df[col].astype("str")
    for col, dtype in categories(tax).items():
        df[col] = df[col].astype(dtype)
    for col in ("block", "line_start", "line_end"):
        df[col] = df[col].astype("int64")
    df["hedged"] = df["hedged"].astype("bool")
    for col in LIST_COLUMNS:
        df[col] = df[col].astype("object")
    return df


def parse_faq(text: str, source: str = "<text>", *, taxonomy: TaxonomyLike = None) -> pd.DataFrame:
    """Segment and label one page given as a string.

    >>> df = parse_faq("What is glutamate?\\nA neurotransmitter [4].\\n\\nRun to meet life\\n")
    >>> df[["kind", "question", "claim_type", "citations"]].to_dict("records")
    [{'kind': 'qa', 'question': 'What is glutamate?', 'claim_type': 'definition', 'citations': ['4']}, {'kind': 'boilerplate', 'question': nan, 'claim_type': nan, 'citations': []}]
    """
    tax = load_taxonomy(taxonomy)
    return _frame(_rows(text, source, tax), tax)


def _paths(source: str | Path | Iterable[str | Path]) -> list[Path]:
    if isinstance(source, (str, Path)):
        p = Path(source)
        if p.is_dir():
            return sorted(x for x in p.glob("*.txt") if x.is_file())
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder")
        return [p]
    out: list[Path] = []
    for s in source:
        out.extend(_paths(s))
    return out


def read_faq(
    source: str | Path | Iterable[str | Path], *, taxonomy: TaxonomyLike = None
) -> pd.DataFrame:
    """Read one page, a folder of ``*.txt`` pages (sorted), or a list of paths into one frame.

    ``source`` in the frame is each page's file name.
    """
    tax = load_taxonomy(taxonomy)
    rows: list[dict[str, Any]] = []
    memo: dict[tuple[str, str], Labels] = {}
    for path in _paths(source):
        rows.extend(_rows(read_text(path), path.name, tax, memo))
    return _frame(rows, tax)
