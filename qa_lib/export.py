"""Write frames as CSV, JSON or Parquet, with list columns kept readable."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from .columns import LIST_COLUMNS

FORMATS = ("csv", "json", "parquet")


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose list columns are JSON strings (for CSV and spreadsheets)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False)).astype("str")
    return out


def write(df: pd.DataFrame, fmt: str, out: str | Path | None, stdout: TextIO | None = None) -> None:
    """Write ``df`` in ``fmt`` to the path ``out``, or to ``stdout`` (not for parquet)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet is binary: name an output file with -o")
        df.to_parquet(out, index=False)
        return
    if fmt == "csv":
        text = flat(df).to_csv(index=False)
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
