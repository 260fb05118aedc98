"""Compare sources: label distributions per source, and questions several sources answer
differently.

Sources are ordered by their number of questions; past ``max_sources`` the rest are folded into
one "other sources" row, so a folder of thousands of pages still gives a readable chart.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .plots import OKABE_ITO
from .question_features import wording
from .question_match import GROUP_COLUMNS, check_block_frame

MAX_SOURCES = 8
LABEL_CHARS = 40  # a source's name in a chart; the tables show it whole
COMPARED = ("claim_type", "evidence", "hedged", "strength")
"""The labels compared across sources, and checked for disagreement within a group."""
HEDGING = ("hedged", "not hedged")
_GREY = "#999999"


def _qa(df: pd.DataFrame) -> pd.DataFrame:
    return df.loc[df["kind"] == "qa"]


def source_sizes(df: pd.DataFrame) -> pd.Series:
    """Questions per source, largest first (ties by name)."""
    counts = _qa(df)["source"].astype(str).value_counts()
    order = sorted(counts.index, key=lambda s: (-counts[s], s))
    return counts.reindex(order).rename("questions")


def other_label(n: int) -> str:
    """The row that holds the ``n`` smallest sources."""
    return f"{n} other sources"


def source_groups(df: pd.DataFrame, max_sources: int = MAX_SOURCES) -> pd.Series:
    """The source of each qa row, the sources past the ``max_sources`` largest folded into
    :func:`other_label` (an ordered categorical, largest source first)."""
    if max_sources < 2:
        raise ValueError(f"max_sources must be at least 2, got {max_sources}")
    sizes = source_sizes(df)
    kept = list(sizes.index)
    source = _qa(df)["source"].astype(str)
    if len(kept) > max_sources:
        kept = kept[: max_sources - 1]
        other = other_label(len(sizes) - len(kept))
        source = source.where(source.isin(kept), other)
        kept.append(other)
    return source.astype(pd.CategoricalDtype(kept, ordered=True)).rename("source")


def _values(df: pd.DataFrame, column: str) -> pd.Series:
    qa = _qa(df)
    if column == "hedged":
        return (
            qa["hedged"]
            .map({True: HEDGING[0], False: HEDGING[1]})
            .astype(pd.CategoricalDtype(HEDGING, ordered=True))
        )
    return qa[column]


def by_source(df: pd.DataFrame, column: str, max_sources: int = MAX_SOURCES) -> pd.DataFrame:
    """Questions per source (rows, largest first) and value of ``column`` (one of
    :data:`COMPARED`; every category kept), with a ``questions`` total per source.

    >>> import qa_lib
    >>> df = qa_lib.parse_faq("Is it safe?\\nIt may be.\\n", source="a.txt")
    >>> by_source(df, "hedged")
           hedged  not hedged  questions
    a.txt       1           0          1
    """
    if column not in COMPARED:
        raise ValueError(f"column must be one of {', '.join(COMPARED)}, got {column!r}")
    _require(df, column)
    sources = source_groups(df, max_sources)
    table = pd.crosstab(sources, _values(df, column), dropna=False)
    table = table.reindex(sources.cat.categories, fill_value=0)
    table.index = table.index.astype(str)
    table.columns = table.columns.astype(str)
    table.index.name = None
    table.columns.name = None
    table["questions"] = table.sum(axis=1)
    return table.astype("int64")


# The colours the report's other charts give these values, so a value looks the same everywhere.
_FIXED = {
    "evidence": dict(zip(("cited", "study", "anecdote", "none"), OKABE_ITO[2:6], strict=True)),
    "hedged": {HEDGING[0]: OKABE_ITO[4], HEDGING[1]: "#DDDDDD"},
    "strength": dict(
        zip(
            ("none", "correlational", "conditional_causal", "direct_causal"),
            (OKABE_ITO[7], OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[5]),
            strict=True,
        )
    ),
}


def chart_label(source: str, width: int = LABEL_CHARS) -> str:
    r"""A source as a chart label: its last ``width`` characters (file names differ at the
    end), and ``$`` escaped so matplotlib shows it instead of reading a formula.

    >>> print(chart_label("a$b$c.txt"))
    a\$b\$c.txt
    """
    if len(source) > width:
        source = "…" + source[-(width - 1) :]
    return source.replace("$", r"\$")


def _colors(column: str, values: list[str]) -> list[str]:
    fixed = _FIXED.get(column, {})
    palette = iter(OKABE_ITO)
    return [fixed.get(v) or (_GREY if v == "other" else next(palette, _GREY)) for v in values]


def comparison_chart(df: pd.DataFrame, max_sources: int = MAX_SOURCES) -> Figure:
    """One panel per compared label: each source's questions as shares of 100%, stacked
    (sources differ in size; the counts are in :func:`by_source`)."""
    sizes = source_groups(df, max_sources).value_counts(sort=False)
    rows = max(3, len(sizes))
    fig = Figure(figsize=(14, 0.4 * rows + 2.6), layout="constrained")
    axes = fig.subplots(1, len(COMPARED), sharey=True)
    n = len(source_sizes(df))
    fig.suptitle(
        f"Claim type, evidence, hedging and strength by source ({n} source{'s' * (n != 1)})"
    )
    names = [f"{chart_label(s)} ({n})" for s, n in sizes.items()][::-1]
    for ax, column in zip(axes, COMPARED, strict=True):
        table = by_source(df, column, max_sources)
        shares = table.drop(columns="questions").div(table["questions"].clip(lower=1), axis=0)
        shares = shares.loc[:, (table.drop(columns="questions") > 0).any(axis=0)]
        start = [0.0] * len(names)
        for value, color in zip(shares.columns, _colors(column, list(shares.columns)), strict=True):
            values = list(shares[value])[::-1]
            ax.barh(names, values, left=start, color=color, label=value.replace("_", " "))
            start = [a + b for a, b in zip(start, values, strict=True)]
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the source's questions")
        ax.set_title(column.replace("_", " "))
        ax.spines[["top", "right"]].set_visible(False)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False)
    return fig


def _check_groups(df: pd.DataFrame, groups: pd.DataFrame) -> None:
    """ValueError unless ``groups`` is :func:`qa_lib.question_groups` of this very ``df``."""
    check_block_frame(df)
    missing = [c for c in GROUP_COLUMNS if c not in groups.columns]
    if missing:
        raise ValueError(
            f"groups has no column {', '.join(map(repr, missing))}: pass question_groups(df)"
        )
    if not groups.index.equals(_qa(df).index):
        raise ValueError(
            "groups are not those of this frame's questions: pass question_groups(df) of the "
            "same df (group again after filtering or gluing frames)"
        )


def _require(df: pd.DataFrame, *columns: str) -> None:
    missing = [c for c in ("kind", "source", *columns) if c not in df.columns]
    if missing:
        raise ValueError(
            f"not a block frame of qa_lib.read_faq: no column {', '.join(map(repr, missing))}"
        )


def disagreeing_groups(
    df: pd.DataFrame,
    groups: pd.DataFrame,
    max_groups: int | None = None,
    *,
    repeated: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Questions asked more than once (``groups`` from :func:`qa_lib.question_groups`) whose
    answers differ in claim type, evidence, hedging or strength: one row per question, in the
    order of :func:`repeated_groups`, each group's leader first (``leader``: the question the
    others matched; see :func:`qa_lib.question_groups`), then the best matches.

    ``differs_in`` names the labels that differ; ``score`` and ``terms`` are the row's
    ``group_score`` and ``group_terms``. ``repeated``: :func:`repeated_groups` of the same
    ``df`` and ``groups``, when the caller has it already (it is not worked out again).
    """
    _check_groups(df, groups)
    columns = [
        "group",
        "sources",
        "source",
        "question",
        "answer",
        *COMPARED,
        "differs_in",
        "leader",
        "score",
        "terms",
    ]
    if repeated is None:
        repeated = repeated_groups(df, groups)
    repeated = repeated.loc[repeated["differs_in"] != ""].head(max_groups)
    members = _qa(df)[["source", "question", "answer", *COMPARED]].join(
        groups[["group", "group_leader", "group_score", "group_terms"]], how="inner"
    )
    members = members.loc[members["group"].isin(repeated["group"])]
    if members.empty:
        return pd.DataFrame(columns=columns)
    rank = pd.Series(range(len(repeated)), index=repeated["group"])
    members = members.assign(rank=members["group"].map(rank).to_numpy())
    members = members.sort_values(
        ["rank", "group_leader", "group_score"], ascending=[True, False, False], kind="stable"
    )
    info = repeated.set_index("group")
    out = members.assign(
        sources=members["group"].map(info["sources"]).to_numpy(),
        differs_in=members["group"].map(info["differs_in"]).to_numpy(),
        hedged=members["hedged"].map({True: "yes", False: "no"}),
    ).rename(columns={"group_leader": "leader", "group_score": "score", "group_terms": "terms"})
    return out[columns].reset_index(drop=True)


def repeated_groups(df: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """One row per group of more than one question: its leader's question, size, sources,
    whether all its questions are in the same words (``same_words``, as
    :func:`~qa_lib.question_features.wording` compares them: surely the same question) and
    the labels its answers differ in ("" when they agree). Groups of the same words come first
    (matches in other words are less sure), then most sources, then the largest."""
    _check_groups(df, groups)
    qa = _qa(df)[["question", *COMPARED]].join(groups[list(GROUP_COLUMNS)], how="inner")
    qa = qa.loc[qa["group_size"] > 1]
    columns = ["group", "question", "questions", "sources", "same_words", "differs_in"]
    if qa.empty:
        return pd.DataFrame(columns=columns)
    by = qa.groupby("group", sort=False)
    distinct = qa[list(COMPARED)].astype(str).groupby(qa["group"], sort=False).nunique()
    wordings = qa["question"].fillna("").map(wording).groupby(qa["group"], sort=False).nunique()
    leaders = qa.loc[qa["group_leader"]].groupby("group", sort=False)["question"].first()
    out = pd.DataFrame(
        {
            "question": leaders.reindex(by["question"].first().index),
            "same_words": wordings == 1,
            "questions": by["group_size"].first().astype("int64"),
            "sources": by["group_sources"].first().astype("int64"),
            "differs_in": distinct.gt(1).apply(
                lambda row: ", ".join(c.replace("_", " ") for c in COMPARED if row[c]), axis=1
            ),
        }
    )
    out = out.rename_axis("group").reset_index()
    out = out.sort_values(["same_words", "sources", "questions"], ascending=False, kind="stable")
    return out.reset_index(drop=True)[columns]
