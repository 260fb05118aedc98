"""Pieces of the exported report: what was read, what was set aside, the question table."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from . import __version__, plots
from .compare import (
    COMPARED,
    MAX_SOURCES,
    by_source,
    comparison_chart,
    disagreeing_groups,
    repeated_groups,
    source_sizes,
)
from .export import read_frame
from .frame import read_faq
from .paths import SEED_NAME, source_or_seed
from .provenance import taxonomy_label, unreadable
from .question_features import default_model, wording
from .question_match import question_groups

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
MAX_ROWS = 1500
"""Rows of the question table by default: with the rest, a report on 10,000 pages stays under
3 MB (``make bench``); the notebook's ``MAX_ROWS`` parameter says the same."""
FILTER_COLUMNS = ("topic", "claim_type", "evidence")


def load(source: str = "", frame: str = "", taxonomy: str = "") -> pd.DataFrame:
    """The block frame of ``source`` (default: the seed page), labelled with ``taxonomy``
    (default: qa_lib's). When ``frame`` names a parquet file that ``qa-lib report`` just wrote,
    it is read instead, so a large folder is not read twice; ``source`` is then only a label."""
    if frame:
        return read_frame(frame)
    return read_faq(source_or_seed(source), taxonomy=taxonomy or None)


def header_html(df: pd.DataFrame, source: str = "") -> str:
    """The report's header line: source, pages, questions, package version (all escaped)."""
    pages = df["source"].nunique()
    n = int((df["kind"] == "qa").sum())
    skipped = len(unreadable(df))
    tail = f" · <b>pages that could not be read:</b> {skipped}" if skipped else ""
    return (
        f"<p><b>Source:</b> {html.escape(str(source or SEED_NAME))} · <b>pages:</b> {pages} · "
        f"<b>questions:</b> {n}{tail} · <b>taxonomy:</b> {html.escape(taxonomy_label(df))} · "
        f"<b>qa_lib</b> {html.escape(__version__)}</p>"
    )


def full_table_html(table: pd.DataFrame) -> str:
    """``table`` as an HTML table with every cell whole (pandas' display cuts text at 50
    characters) and escaped; text is aligned left (class ``qa-text``)."""
    with pd.option_context("display.max_colwidth", None):
        return table.to_html(index=False, escape=True, border=0, classes="dataframe qa-text")


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


def _why(reason: str) -> str:
    """What the report says for a block's ``reason`` (the reason itself if unknown)."""
    return _WHY.get(reason, reason)


def set_aside(df: pd.DataFrame) -> pd.DataFrame:
    """The rows that are not question/answer pairs, with their text and why they were set aside
    (read from the ``reason`` column the segmenter wrote), then the pages that could not be
    read at all (``kind`` "unreadable file")."""
    rows = df.loc[df["kind"] != "qa"]
    out = pd.DataFrame(
        {
            "source": rows["source"],
            "lines": rows["line_start"].astype(str) + "–" + rows["line_end"].astype(str),
            "kind": rows["kind"].astype(str),
            "text": rows["text"],
            "why": [_why(r) for r in rows["reason"]],
        }
    )
    bad = pd.DataFrame(
        [
            {
                "source": Path(u["file"]).name,
                "lines": "",
                "kind": "unreadable file",
                "text": "",
                "why": f"skipped: {u['reason']}",
            }
            for u in unreadable(df)
        ],
        columns=out.columns,
    )
    return pd.concat([out, bad], ignore_index=True) if len(bad) else out.reset_index(drop=True)


def question_table(df: pd.DataFrame, max_rows: int = MAX_ROWS) -> tuple[pd.DataFrame, int]:
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


# The CSV button's cells, as qa_lib.export writes CSV: control characters other than tab and
# newline removed, and a leading ' before a cell that starts with = + - @ tab or CR (OWASP).
CSV_SAFE_JS = r"""function (data) {
    var clean = function (cell) {
        if (typeof cell !== "string") { return cell; }
        cell = cell.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
        return /^[=+\-@\t\r]/.test(cell) ? "'" + cell : cell;
    };
    data.header = data.header.map(clean);
    data.body = data.body.map(function (row) { return row.map(clean); });
}"""


def interactive_table_html(table: pd.DataFrame, table_id: str = "questions") -> str:
    """An itables DataTable (offline: needs the bundle from ``init_notebook_mode``).

    Cell text is escaped by itables (``allow_html`` stays off). Search filters as you type;
    drop-down panes filter by topic, claim type and evidence; a button downloads the filtered
    rows as CSV, spreadsheet-safe as ``blocks.csv`` is (:data:`CSV_SAFE_JS`). Rows are never
    downsampled here: cap them with :func:`question_table`.
    """
    import itables
    from itables import JavascriptFunction

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
            {
                "extend": "csvHtml5",
                "text": "Download CSV (filtered rows)",
                "title": "questions",
                "exportOptions": {
                    "escapeExcelFormula": False,  # its own escape covers only = @ tab CR
                    "customizeData": JavascriptFunction(CSV_SAFE_JS),
                },
            }
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
        "the full set is in blocks.csv beside this report (qa-lib report writes it)."
    )


MAX_GROUPS = 30
GROUP_ANSWER_CHARS = 160
MAX_GROUP_ROWS = 6


def _groups(n: int) -> str:
    return "1 group" if n == 1 else f"{n} groups"


def compare_sources(
    df: pd.DataFrame, max_sources: int = MAX_SOURCES, max_groups: int = MAX_GROUPS
) -> list:
    """The report's "Compare sources" section as display objects (``display(*...)``): the
    labels by source (chart, then one table per label) and the questions several sources
    answer differently. For one page, a line that says there is nothing to compare."""
    from IPython.display import HTML

    labels = _columns(df, "kind", "source", *COMPARED)
    sizes = source_sizes(labels)
    if len(sizes) < 2:
        return [
            HTML(
                "<p>The source has questions from one page only: nothing to compare. Run the "
                "report on a folder of pages to compare their sources.</p>"
            )
        ]
    out: list = [plots.show(comparison_chart(labels, max_sources))]
    for column in COMPARED:
        table = by_source(labels, column, max_sources).reset_index(names="source")
        out.append(HTML(f"<h3>{column.replace('_', ' ')} by source</h3>"))
        out.append(HTML(full_table_html(table)))
    questions = _columns(df, "kind", "source", "question", "answer", *COMPARED)
    groups = question_groups(questions)
    repeated = repeated_groups(questions, groups)
    differ = disagreeing_groups(questions, groups, repeated=repeated)
    n_differ = differ["group"].nunique()
    n_same = int(repeated.loc[repeated["differs_in"] != "", "same_words"].sum())
    shown = differ.loc[differ["group"].isin(differ["group"].unique()[:max_groups])]
    cap = f" The first {max_groups} are listed." if n_differ > max_groups else ""
    threshold = default_model().threshold
    out.append(HTML("<h3>The same question, answered differently</h3>"))
    out.append(
        HTML(
            f"<p>{_groups(len(repeated))} of questions asked more than once (by one page or "
            f"several); the answers differ in claim type, evidence, hedging or strength in "
            f"{n_differ} of them: {n_same} asked in the same words, listed first (most pages "
            f"first), then {n_differ - n_same} matched in other words.{cap} A group's first "
            f"row is its <i>leader</i>, the question the others matched; <i>match</i> says "
            f"how: <i>same words</i>, or the matcher's score ({threshold:g} to 1) with the "
            "words they share (<i>terms</i>). Matches in other words are often wrong on pages "
            "about one subject: read them as leads. At most "
            f"{MAX_GROUP_ROWS} questions of a group are listed; the explorer shows it whole.</p>"
        )
    )
    if len(shown):
        out.append(HTML(full_table_html(group_rows(shown))))
    return out


def _columns(df: pd.DataFrame, *names: str) -> pd.DataFrame:
    """The columns ``names`` of ``df`` (those it has): each filter of qa rows then copies only
    what is read, not every text and list column of the block frame."""
    return df[[c for c in names if c in df.columns]]


def group_rows(groups: pd.DataFrame, max_rows: int = MAX_GROUP_ROWS) -> pd.DataFrame:
    """:func:`qa_lib.compare.disagreeing_groups` for reading: groups numbered 1, 2, ... in
    their order; what differs said on a group's first row (its leader, the question the others
    matched); for each other row how it matched the leader (*same words*, or the score) and the
    words they share; answers cut at :data:`GROUP_ANSWER_CHARS`; at most ``max_rows``
    questions per group, then one row that says how many more there are (the explorer shows
    them all)."""
    out = groups.drop(columns="sources").copy()
    first = ~out["group"].duplicated()
    answer = out["answer"].str.replace("\n", " / ", regex=False)
    out["answer"] = answer.where(
        answer.str.len() <= GROUP_ANSWER_CHARS,
        answer.str.slice(0, GROUP_ANSWER_CHARS) + "…",
    )
    out["group"] = first.cumsum().astype("int64")
    out["differs_in"] = out["differs_in"].where(first, "")
    same_words = out["question"].fillna("").map(wording)
    leader_words = same_words.where(first).ffill()
    out["match"] = [
        "leader" if lead else "same words" if words == mine else f"{score:.2f}"
        for lead, words, mine, score in zip(
            first, leader_words, same_words, out["score"], strict=True
        )
    ]
    out["terms"] = out["terms"].where(~out["match"].isin(["leader", "same words"]), "")
    out = out.drop(columns=["leader", "score"])
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(str)
    rank = out.groupby("group").cumcount()
    size = out.groupby("group")["group"].transform("size")
    more = out.loc[rank == max_rows].copy()
    more.loc[:, [c for c in out.columns if c != "group"]] = ""
    more["question"] = [f"… and {n - max_rows} more" for n in size[rank == max_rows]]
    out = pd.concat([out.loc[rank < max_rows], more]).sort_index(kind="stable")
    out = out[[c for c in out.columns if c not in ("match", "terms")] + ["match", "terms"]]
    return out.reset_index(drop=True).rename(columns={"differs_in": "differs in"})
