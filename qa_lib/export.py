"""Write frames as CSV, JSON or Parquet, with list columns kept readable.

CSV is made safe for spreadsheets (OWASP, "CSV Injection"): a text cell that starts with
``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``, so a spreadsheet shows
it as text instead of running it as a formula; control characters other than tab and newline
are removed and reported in a :class:`ControlCharactersRemoved` warning. ``raw=True`` (the
CLI's ``--raw-csv``) writes cells as they are. JSON and Parquet always keep the text unchanged.
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from .columns import LIST_COLUMNS

FORMATS = ("csv", "json", "parquet")
FORMULA_START_RE = re.compile(r"[=+\-@\t\r]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every Cc but tab and newline


class ControlCharactersRemoved(UserWarning):
    """Control characters were removed from CSV cells (the warning says how many, where)."""


_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(v, ensure_ascii=False), made once
_FORMULA_FIRST = frozenset("=+-@\t\r")  # what FORMULA_START_RE matches, as first characters


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose list columns are JSON strings (for CSV and spreadsheets)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype != object:
            continue
        values = out[col].tolist()
        if any(isinstance(v, list) for v in values):
            out[col] = pd.Series([_JSON(v) for v in values], index=out.index).astype("str")
    return out


def spreadsheet_safe(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """A copy of ``df`` with its text cells safe to open in a spreadsheet, and, per column,
    how many cells lost control characters.

    >>> safe, removed = spreadsheet_safe(pd.DataFrame({"a": ["=1+2", "ok", "-x", "a\\x00b"]}))
    >>> safe["a"].tolist(), removed
    (["'=1+2", 'ok', "'-x", 'ab'], {'a': 1})
    """
    out = df.copy()
    removed: dict[str, int] = {}
    for col in out.columns:
        column = out[col]
        if is_numeric_dtype(column) or is_bool_dtype(column):
            continue
        cells = column.astype(object).tolist()
        texts = [v for v in cells if isinstance(v, str)]
        if not texts:
            continue
        if CONTROL_RE.search("\n".join(texts)):  # newline is kept: one search tells for all
            cells, removed[str(col)] = _without_control_characters(cells)
        safe = ["'" + v if isinstance(v, str) and v[:1] in _FORMULA_FIRST else v for v in cells]
        out[col] = pd.Series(safe, index=out.index, dtype=object)
    return out, removed


def _without_control_characters(cells: list[object]) -> tuple[list[object], int]:
    """``cells`` with control characters removed from the text ones (a cell that started with
    one and then looks like a formula gets the quote too: "\\r=1" and "\\x00=1" both give
    "'=1"), and how many cells lost some."""
    out: list[object] = []
    dirty = 0
    for v in cells:
        if isinstance(v, str) and CONTROL_RE.search(v):
            dirty += 1
            clean = CONTROL_RE.sub("", v)
            out.append("'" + clean if v[:1] in _FORMULA_FIRST else clean)
        else:
            out.append(v)
    return out, dirty


def csv_part(df: pd.DataFrame, *, raw: bool = False, header: bool = True) -> tuple[str, dict]:
    """``df`` as CSV (list columns as JSON arrays), spreadsheet-safe unless ``raw``, and per
    column how many cells lost control characters. ``header=False`` leaves out the line of
    column names: the parts of consecutive runs of a frame's rows, the first with its header,
    join into the CSV of the whole frame."""
    table = flat(df)
    removed: dict[str, int] = {}
    if not raw:
        table, removed = spreadsheet_safe(table)
    return table.to_csv(index=False, header=header), removed


def warn_removed(where: str, removed: dict[str, int], stacklevel: int = 2) -> None:
    """Warn (:class:`ControlCharactersRemoved`) that cells of ``where`` lost control
    characters, ``removed`` saying how many per column; nothing when none did."""
    if removed:
        cols = ", ".join(f"{c}: {n}" for c, n in removed.items())
        warnings.warn(
            f"{where}: removed control characters from {sum(removed.values())} cells ({cols})",
            ControlCharactersRemoved,
            stacklevel=stacklevel + 1,
        )


def csv_text(df: pd.DataFrame, *, raw: bool = False, where: str = "CSV") -> str:
    """``df`` as CSV (list columns as JSON arrays), spreadsheet-safe unless ``raw``."""
    text, removed = csv_part(df, raw=raw)
    warn_removed(where, removed, stacklevel=3)
    return text


def write(
    df: pd.DataFrame,
    fmt: str,
    out: str | Path | None,
    stdout: TextIO | None = None,
    *,
    raw_csv: bool = False,
) -> None:
    """Write ``df`` in ``fmt`` to the path ``out``, or to ``stdout`` (not for parquet).

    CSV is spreadsheet-safe (see the module docstring) unless ``raw_csv``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet is binary: name an output file with -o")
        df.to_parquet(out, index=False)
        return
    if fmt == "csv":
        text = csv_text(df, raw=raw_csv, where=str(out) if out is not None else "<stdout>")
    else:
        text = df.to_json(orient="records", force_ascii=False, indent=1)
    if out is None:
        (stdout or sys.stdout).write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


def read_frame(path: str | Path) -> pd.DataFrame:
    """Read a block frame written as parquet, with its list columns as lists of Python values
    again (parquet gives numpy arrays, whose booleans JSON and CSV cannot take)."""
    df = pd.read_parquet(path)
    for col in LIST_COLUMNS:
        if col in df:
            df[col] = df[col].map(_as_list).astype("object")
    return df


def _as_list(value: object) -> list:
    return value.tolist() if isinstance(value, np.ndarray) else list(value)  # type: ignore[call-overload]
