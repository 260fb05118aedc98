"""Pieces of the exported report: what was read, what was set aside, the question table."""

from __future__ import annotations

import html

import pandas as pd

from . import __version__
from .export import read_frame
from .frame import read_faq
from .paths import resolve

TABLE_COLUMNS = (
    "source",
    "lines",
    "question",
    "topic",
    "claim_type",
    "evidence",
    "hedged",
    "subject",
    "citations",
    "answer",
)
ANSWER_CHARS = 600
FILTER_COLUMNS = ("topic", "claim_type", "evidence")


def load(source: str, frame: str = "") -> pd.DataFrame:
    """The block frame of ``source``; from ``frame`` (a parquet file that build_report just
    wrote for the same source) when given, so a large folder is not read twice."""
    return read_frame(frame) if frame else read_faq(resolve(source))


def header_html(df: pd.DataFrame, source: str) -> str:
    """The report's header line: source, pages, questions, package version (all escaped)."""
    pages = df["source"].nunique()
    n = int((df["kind"] == "qa").sum())
    return (
        f"<p><b>Source:</b> {html.escape(str(source))} · <b>pages:</b> {pages} · "
        f"<b>questions:</b> {n} · <b>qa_lib</b> {html.escape(__version__)}</p>"
    )


def reading_summary(df: pd.DataFrame) -> pd.DataFrame:
    """Blocks by kind per page, with a total row, so the counts can be trusted."""
    table = pd.crosstab(
        df["source"], df["kind"], dropna=False, margins=True, margins_name="all pages"
    )
    table.columns = table.columns.astype(str)
    table.columns.name = None
    table = table.rename(columns={"all pages": "blocks"})
    table["lines"] = (
        df.groupby("source")["line_end"].max().reindex(table.index).fillna(0).astype("int64")
    )
    table.loc["all pages", "lines"] = int(table["lines"].iloc[:-1].sum())
    return table


# The segmenter's reason for a block set aside, said for a reader of the report.
_WHY = {
    "related link": "link to another page, no answer of its own",
    "text before the first question": "text before the first question",
    "no question/answer pair found": "no question/answer pair found on the page",
    "tagline": "closing tagline, copyright or navigation",
    "copyright": "closing tagline, copyright or navigation",
    "closing navigation": "closing tagline, copyright or navigation",
    "navigation": "navigation between answers",
    "dated footer": "date closing the page",
}


def _reason(reason: str) -> str:
    """What the report says for a block's ``reason`` (the reason itself if unknown)."""
    return _WHY.get(reason, reason)


def set_aside(df: pd.DataFrame) -> pd.DataFrame:
    """The rows that are not question/answer pairs, with their text and why they were set aside
    (read from the ``reason`` column the segmenter wrote)."""
    rows = df.loc[df["kind"] != "qa"]
    out = pd.DataFrame(
        {
            "source": rows["source"],
            "lines": rows["line_start"].astype(str) + "–" + rows["line_end"].astype(str),
            "kind": rows["kind"].astype(str),
            "text": rows["text"],
            "why": [_reason(r) for r in rows["reason"]],
        }
    )
    return out.reset_index(drop=True)


def question_table(df: pd.DataFrame, max_rows: int = 2000) -> tuple[pd.DataFrame, int]:
    """The qa rows as a flat display table (lists joined, long answers cut), at most ``max_rows``.

    Returns the table and how many qa rows there were in all.
    """
    qa = df.loc[df["kind"] == "qa"]
    total = len(qa)
    qa = qa.head(max_rows)
    flat_answer = qa["answer"].str.replace("\n", " / ", regex=False)
    answer = flat_answer.where(
        flat_answer.str.len() <= ANSWER_CHARS, flat_answer.str.slice(0, ANSWER_CHARS) + "…"
    )
    table = pd.DataFrame(
        {
            "source": qa["source"],
            "lines": qa["line_start"].astype(str) + "–" + qa["line_end"].astype(str),
            "question": qa["question"],
            "topic": qa["topic"].astype(str),
            "claim_type": qa["claim_type"].astype(str),
            "evidence": qa["evidence"].astype(str),
            "hedged": qa["hedged"].map({True: "yes", False: "no"}),
            "subject": qa["subject"].fillna(""),
            "citations": qa["citations"].map(", ".join),
            "answer": answer,
        },
        columns=list(TABLE_COLUMNS),
    )
    return table.reset_index(drop=True), total


def interactive_table_html(table: pd.DataFrame, table_id: str = "questions") -> str:
    """An itables DataTable (offline: needs the bundle from ``init_notebook_mode``).

    Cell text is escaped by itables (``allow_html`` stays off). Search filters as you type;
    drop-down panes filter by topic, claim type and evidence; a button downloads the filtered
    rows as CSV. Rows are never downsampled here: cap them with :func:`question_table`.
    """
    import itables

    panes = [table.columns.get_loc(c) for c in FILTER_COLUMNS]
    return itables.to_html_datatable(
        table,
        table_id=table_id,
        connected=False,
        maxBytes=0,
        display_logo_when_loading=False,
        layout={"top1": "searchPanes", "topStart": "buttons", "topEnd": "search"},
        searchPanes={
            "columns": panes,
            "layout": "columns-3",
            "cascadePanes": True,
            "initCollapsed": False,
        },
        buttons=[
            {"extend": "csvHtml5", "text": "Download CSV (filtered rows)", "title": "questions"}
        ],
        columnDefs=[{"targets": "_all", "className": "dt-left"}],
        classes="display compact",
        style="width:100%",
        pageLength=25,
        scrollX=True,
    )


def table_note(shown: int, total: int) -> str:
    """Tell the reader when rows were capped."""
    if shown >= total:
        return f"All {total} questions are in the table."
    return (
        f"The table shows the first {shown} of {total} questions, to keep this file small; "
        "the full set is in blocks.csv beside this report (make report writes it)."
    )
