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

import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from .columns import LIST_COLUMNS

FORMATS = ("csv", "json", "parquet")
FORMULA_START_RE = re.compile(r"[=+\-@\t\r]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every Cc but tab and newline


class ControlCharactersRemoved(UserWarning):
    """Control characters were removed from CSV cells (the warning says how many, where)."""


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose list columns are JSON strings (for CSV and spreadsheets)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False)).astype("str")
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
        cells = column.astype(object)
        is_text = cells.map(lambda v: isinstance(v, str)).astype(bool)
        if not is_text.any():
            continue
        text = pd.Series(cells[is_text].tolist(), index=cells.index[is_text], dtype=object)
        # Risky before or after the clean-up: "\r=1" and "\x00=1" both get the quote.
        risky = text.map(lambda v: FORMULA_START_RE.match(v) is not None).astype(bool)
        dirty = text.map(lambda v: CONTROL_RE.search(v) is not None).astype(bool)
        if dirty.any():
            removed[str(col)] = int(dirty.sum())
            text[dirty] = text[dirty].map(lambda v: CONTROL_RE.sub("", v))
            risky |= text.map(lambda v: FORMULA_START_RE.match(v) is not None).astype(bool)
        text[risky] = "'" + text[risky]
        cells[is_text] = text
        out[col] = cells
    return out, removed


def csv_text(df: pd.DataFrame, *, raw: bool = False, where: str = "CSV") -> str:
    """``df`` as CSV (list columns as JSON arrays), spreadsheet-safe unless ``raw``."""
    table = flat(df)
    if not raw:
        table, removed = spreadsheet_safe(table)
        if removed:
            cols = ", ".join(f"{c}: {n}" for c, n in removed.items())
            warnings.warn(
                f"{where}: removed control characters from {sum(removed.values())} cells ({cols})",
                ControlCharactersRemoved,
                stacklevel=3,
            )
    return table.to_csv(index=False)


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
    """Read a block frame written as parquet, with its list columns as lists again."""
    df = pd.read_parquet(path)
    for col in LIST_COLUMNS:
        if col in df:
            df[col] = df[col].map(list).astype("object")
    return df
