"""Read pages into the block frame: one row per block, labelled."""

from __future__ import annotations

import errno
import hashlib
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pandas as pd

from .columns import BLOCK_COLUMNS, LIST_COLUMNS, TEXT_COLUMNS, categories
from .errors import EmptySourceError, UnreadableFileError, UnreadableFileWarning
from .labels import Labels, find_conditions, label_many, subject, topic
from .provenance import TAXONOMY_ATTR, UNREADABLE_ATTR, taxonomy_record
from .segment import Block, segment
from .taxonomy import Taxonomy, load_taxonomy
from .textio import read_text, split_lines

TaxonomyLike = Taxonomy | str | Path | None


CHUNK_ROWS = 20_000  # rows turned into columns at a time, to bound peak memory
LABEL_BATCH = 64  # blocks labelled together (their claims' strength in one batch)
MEMO_SIZE = 20_000  # distinct blocks whose labels are remembered (then forgotten at once)
_ROW_LABELS = [f.name for f in fields(Labels)]
_LIST_LABELS = [f for f in _ROW_LABELS if f in LIST_COLUMNS]


def _base_row(i: int, b: Block, source: str) -> dict[str, Any]:
    """A block's row before its labels."""
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
        "strength": None,
        "strength_cues": [],
        "evidence": None,
        "evidence_cues": [],
    }
    return row


def _rows(
    text: str, source: str, tax: Taxonomy, memo: dict[bytes, Labels] | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of one page; ``memo`` labels each distinct (question, answer) once per read."""
    memo = {} if memo is None else memo
    lines = split_lines(text)
    del text  # the page text is not needed once split: free it early on large pages
    blocks = segment(lines)
    del lines
    for lo in range(0, len(blocks), LABEL_BATCH):
        rows = [_base_row(i, b, source) for i, b in enumerate(blocks[lo : lo + LABEL_BATCH], lo)]
        keys: list[bytes | None] = []
        known: dict[bytes, Labels] = {}  # labels already in memo (it may be cleared below)
        new: dict[bytes, tuple[str, str, list[bool]]] = {}
        for row in rows:
            key = None
            if row["kind"] == "qa":
                question, answer = row["question"] or "", row["answer"]
                flags = "".join("b" if x else "-" for x in row["is_bullet"])
                key = hashlib.blake2b(
                    f"{question}\0{answer}\0{flags}".encode(), digest_size=16
                ).digest()
                if key in memo:
                    known[key] = memo[key]
                elif key not in new:
                    new[key] = (question, answer, row["is_bullet"])
            keys.append(key)
        # the window's new (question, answer) pairs, labelled together (one strength batch)
        fresh = dict(zip(new, label_many(list(new.values()), tax), strict=True))
        for row, b, key in zip(rows, blocks[lo : lo + LABEL_BATCH], keys, strict=True):
            if key is not None:
                lab = fresh.pop(key, None)
                if lab is not None:
                    if len(memo) >= MEMO_SIZE:
                        memo.clear()
                    memo[key] = known[key] = lab
                else:  # a repeated block: its rows must not share list objects
                    old = known[key]
                    lab = replace(old, **{f: list(getattr(old, f)) for f in _LIST_LABELS})
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
    df = _chunked(_rows(text, source, tax), tax)
    df.attrs[TAXONOMY_ATTR] = taxonomy_record(tax)
    df.attrs[UNREADABLE_ATTR] = []
    return df


def _check_path(p: Path) -> None:
    """Raise a clear error for a path that is not there, a dangling or looping link, or
    something that is neither a file nor a folder (a FIFO would block a read forever)."""
    if p.exists():
        if not p.is_file() and not p.is_dir():
            raise UnreadableFileError(str(p), "not a regular file")
        return
    if p.is_symlink():
        try:
            p.resolve(strict=True)
        except (RuntimeError, OSError) as exc:
            if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
                raise UnreadableFileError(str(p), "symlink loop") from None
        raise UnreadableFileError(str(p), f"broken symlink to {os.readlink(p)}")
    raise FileNotFoundError(f"{p}: no such file or folder")


def _is_page(p: Path) -> bool:
    return p.suffix.lower() == ".txt" and not p.is_dir()


def page_paths(source: str | Path | Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """(path, found in a folder) for every page of ``source``: a folder's ``*.txt`` pages (any
    case: ``*.TXT`` too) sorted by name, named files as given."""
    if isinstance(source, (str, Path)):
        p = Path(source).expanduser()
        _check_path(p)
        if not p.is_dir():
            return [(p, False)]
        pages = sorted((x for x in p.iterdir() if _is_page(x)), key=lambda x: x.name)
        if not pages:
            raise EmptySourceError(f"{p}: no *.txt pages in this folder")
        return [(x, True) for x in pages]
    out: list[tuple[Path, bool]] = []
    for s in source:
        out.extend(page_paths(s))
    if not out:
        raise EmptySourceError("no pages to read: the list of paths is empty")
    return out


def _reason(exc: Exception) -> str:
    """Why a page could not be read, without its path (the caller names it)."""
    if isinstance(exc, UnreadableFileError):
        return exc.reason
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def empty_frame(tax: Taxonomy) -> pd.DataFrame:
    """A frame with no rows and every column, in its dtype."""
    return _frame([], tax)


def read_pages(
    pages: list[tuple[Path, bool]],
    tax: Taxonomy,
    strict: bool,
    warn: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """Read ``pages`` in one process: the frame, and the pages skipped (``{"file", "reason"}``).

    A page found in a folder that cannot be read is skipped (and warned about, with ``warn``)
    unless ``strict``; a page named on its own always raises.
    """
    memo: dict[bytes, Labels] = {}
    skipped: list[dict[str, str]] = []

    def rows() -> Iterator[dict[str, Any]]:
        for path, in_folder in pages:
            try:
                _check_path(path)
                text = read_text(path)
            except (UnreadableFileError, OSError) as exc:
                if strict or not in_folder:
                    raise
                skipped.append({"file": str(path), "reason": _reason(exc)})
                if warn:
                    warnings.warn(f"{path}: skipped: {_reason(exc)}", UnreadableFileWarning, 1)
                continue
            if progress is not None:
                progress(1, len(text))
            yield from _rows(text, path.name, tax, memo)

    return _chunked(rows(), tax), skipped


def read_faq(
    source: str | Path | Iterable[str | Path],
    *,
    taxonomy: TaxonomyLike = None,
    strict: bool = False,
    workers: int | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Read one page, a folder of ``*.txt`` pages (sorted), or a list of paths into one frame.

    ``source`` in the frame is each page's file name. A page inside a folder that cannot be read
    (binary, undecodable, no permission, a broken link) is skipped with an
    :class:`~qa_lib.errors.UnreadableFileWarning` naming it, and listed in
    ``qa_lib.provenance.unreadable(df)``; ``strict=True`` raises instead. A file named on its
    own always raises. The taxonomy used is recorded in ``df.attrs`` (see :mod:`qa_lib.provenance`).

    ``workers``: processes to spread the pages over (same frame, same order); None uses every
    core when there are several pages and at least 4 MB of text, else one. ``progress`` shows
    a progress bar on a terminal (never when stderr is piped).
    """
    from .corpus import check_workers, default_workers, progress_bar, read_parallel

    check_workers(workers)
    tax = load_taxonomy(taxonomy)
    pages = page_paths(source)
    n = default_workers(pages) if workers is None else max(1, min(workers, len(pages)))
    with progress_bar(pages, progress) as bar:
        if n > 1:
            df, skipped = read_parallel(pages, tax, strict, n, bar)
        else:
            df, skipped = read_pages(pages, tax, strict, progress=bar)
    if skipped and len(skipped) == len(pages):
        first = f"{skipped[0]['file']}: {skipped[0]['reason']}"
        many = f"none of the {len(pages)} pages" if len(pages) > 1 else "the only page"
        raise EmptySourceError(f"{many} could not be read ({first})")
    df.attrs[TAXONOMY_ATTR] = taxonomy_record(tax)
    df.attrs[UNREADABLE_ATTR] = skipped
    return df
