"""Plain DataFrame -> DataFrame filters behind the explorer (and usable on their own)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

SET_ASIDE = ("related", "boilerplate")


def search_index(df: pd.DataFrame) -> pd.Series:
    """Question and answer of each row, lower-cased: build once, search many times."""
    return (df["question"].fillna("") + "\n" + df["answer"].fillna("")).str.lower()


def filter_mask(
    df: pd.DataFrame,
    *,
    sources: Iterable[str] = (),
    topics: Iterable[str] = (),
    claim_types: Iterable[str] = (),
    subjects: Iterable[str] = (),
    evidence: Iterable[str] = (),
    strengths: Iterable[str] = (),
    hedged: bool | None = None,
    search: str = "",
    include_set_aside: bool = False,
    index: pd.Series | None = None,
) -> pd.Series:
    """A boolean Series: the rows matching every given filter (an empty filter keeps all).

    ``search`` is a case-insensitive literal match over question and answer; pass
    ``index=search_index(df)`` to search a prebuilt index (what the explorer does). Rows that
    are not ``qa`` (related links, boilerplate) are kept only with ``include_set_aside``, and
    then only the source filter and the search apply to them.
    """
    qa = df["kind"] == "qa"
    keep = qa.copy()
    for column, values in (
        ("topic", topics),
        ("claim_type", claim_types),
        ("subject", subjects),
        ("evidence", evidence),
        ("strength", strengths),
    ):
        values = list(values)
        if values:
            keep &= df[column].isin(values)
    if hedged is not None:
        keep &= df["hedged"] == hedged
    if include_set_aside:
        keep |= ~qa
    sources = list(sources)
    if sources:
        keep &= df["source"].isin(sources)
    needle = search.strip().lower()
    if needle:
        hay = search_index(df) if index is None else index
        keep &= hay.str.contains(needle, regex=False, na=False)
    return keep


def filter_blocks(df: pd.DataFrame, **filters: Any) -> pd.DataFrame:
    """The rows of ``df`` that :func:`filter_mask` keeps (same keyword arguments).

    Does not mutate ``df``.

    >>> import qa_lib
    >>> df = qa_lib.parse_faq("Is it safe?\\nIt may be.\\n\\nWhat is it?\\nA thing.\\n")
    >>> filter_blocks(df, hedged=True)["question"].tolist()
    ['Is it safe?']
    """
    return df.loc[filter_mask(df, **filters)]


def option_counts(df: pd.DataFrame, column: str, by_count: bool = False) -> list[tuple[str, int]]:
    """(value, number of qa rows) for a label column, in category order, zeros included;
    largest first (ties by name) for a column that is not categorical, or with ``by_count``."""
    qa = df.loc[df["kind"] == "qa", column]
    counts = qa.value_counts(sort=False, dropna=True)
    if isinstance(qa.dtype, pd.CategoricalDtype) and not by_count:
        return [(str(c), int(counts.get(c, 0))) for c in qa.cat.categories]
    return sorted(((str(k), int(v)) for k, v in counts.items()), key=lambda kv: (-kv[1], kv[0]))
