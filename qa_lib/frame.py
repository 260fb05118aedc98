"""Read pages into the block frame: one row per block, labelled."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pandas as pd

from .columns import BLOCK_COLUMNS, LIST_COLUMNS, TEXT_COLUMNS, categories
from .labels import Labels, find_conditions, label, subject, topic
from .segment import segment
from .taxonomy import Taxonomy, load_taxonomy
from .textio import read_text, split_lines

TaxonomyLike = Taxonomy | str | Path | None


CHUNK_ROWS = 20_000  # rows turned into columns at a time, to bound peak memory
MEMO_SIZE = 20_000  # distinct blocks whose labels are remembered (then forgotten at once)
_ROW_LABELS = [f.name for f in fields(Labels)]
_LIST_LABELS = [f for f in _ROW_LABELS if f in LIST_COLUMNS]


def _rows(
    text: str, source: str, tax: Taxonomy, memo: dict[bytes, Labels] | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of one page; ``memo`` labels each distinct (question, answer) once per read."""
    memo = {} if memo is None else memo
    lines = split_lines(text)
    del text  # the page text is not needed once split: free it early on large pages
    blocks = segment(lines)
    del lines
    for i, b in enumerate(blocks):
        row: dict[str, Any] = {
            "source": source,
            "block": i,
            "kind": b.kind,
            "reason": b.reason,
            "question": b.question,
            "answer": b.answer if b.kind != "boilerplate" else None,
            "is_bullet": [is_bullet for _, is_bullet in b.items],
            "bullets": b.bullets,
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
            question, answer = b.question or "", row["answer"]
            key = hashlib.blake2b(f"{question}\0{answer}".encode(), digest_size=16).digest()
            lab = memo.get(key)
            if lab is None:
                lab = label(question, answer, tax)
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                memo[key] = lab
            else:  # a repeated block: its rows must not share list objects
                lab = replace(lab, **{f: list(getattr(lab, f)) for f in _LIST_LABELS})
            row.update({f: getattr(lab, f) for f in _ROW_LABELS})
        elif b.kind == "related":
            q = b.question or ""
            conds = find_conditions(q, tax)
            top, cues = topic(q, "", conds, tax)
            row.update(subject=subject(q, tax), topic=top, topic_cues=cues, conditions=conds)
        yield row


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


def _chunked(rows: Iterable[dict[str, Any]], tax: Taxonomy) -> pd.DataFrame:
    """Build the frame ``CHUNK_ROWS`` rows at a time (Python row objects never pile up)."""
    chunks, batch = [], []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK_ROWS:
            chunks.append(_frame(batch, tax))
            batch = []
    if batch or not chunks:
        chunks.append(_frame(batch, tax))
    return chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)


def parse_faq(text: str, source: str = "<text>", *, taxonomy: TaxonomyLike = None) -> pd.DataFrame:
    """Segment and label one page given as a string.

    >>> df = parse_faq("What is glutamate?\\nA neurotransmitter [4].\\n\\nRun to meet life\\n")
    >>> df[["kind", "question", "claim_type", "citations"]].to_dict("records")
    [{'kind': 'qa', 'question': 'What is glutamate?', 'claim_type': 'definition', 'citations': ['4']}, {'kind': 'boilerplate', 'question': nan, 'claim_type': nan, 'citations': []}]
    """
    tax = load_taxonomy(taxonomy)
    return _chunked(_rows(text, source, tax), tax)


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
    memo: dict[bytes, Labels] = {}
    return _chunked(
        (row for path in _paths(source) for row in _rows(read_text(path), path.name, tax, memo)),
        tax,
    )
