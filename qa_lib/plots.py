"""Charts of the label distributions (matplotlib, colour-blind-safe) and their numbers.

Every chart has a ``*_counts`` table beside it, so the numbers can be printed as text.
Figures are built without pyplot, so no global state or backend is involved.
"""

from __future__ import annotations

import io

import pandas as pd
from matplotlib.figure import Figure

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def _questions(n: int) -> str:
    return f"{n} question" if n == 1 else f"{n} questions"


def _qa(df: pd.DataFrame) -> pd.DataFrame:
    return df.loc[df["kind"] == "qa"]


def label_counts(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Questions per label of ``column`` (every category, zeros included), with shares."""
    qa = _qa(df)
    counts = qa[column].value_counts(sort=False).rename("questions")
    out = counts.to_frame()
    out["share"] = (out["questions"] / max(1, len(qa))).round(3)
    out.index = out.index.astype(str)
    out.index.name = column
    return out


def topic_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Questions per topic."""
    return label_counts(df, "topic")


def claim_type_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Questions per claim type."""
    return label_counts(df, "claim_type")


def topic_by_claim_type(df: pd.DataFrame) -> pd.DataFrame:
    """Questions per topic (rows) and claim type (columns), empty rows and columns dropped."""
    qa = _qa(df)
    table = pd.crosstab(qa["topic"], qa["claim_type"], dropna=False)
    table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    table.index = table.index.astype(str)
    table.columns = table.columns.astype(str)
    return table


def _plain_labels(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its row and column labels as plain strings (no categorical index, no
    columns name), so it prints and compares the same in every notebook."""
    table.index = table.index.astype(str)
    table.columns = table.columns.astype(str)
    table.columns.name = None
    return table


def evidence_hedging_by_claim_type(df: pd.DataFrame) -> pd.DataFrame:
    """Per claim type: questions by evidence level, and how many are hedged."""
    qa = _qa(df)
    table = pd.crosstab(qa["claim_type"], qa["evidence"], dropna=False)
    table["hedged"] = qa.groupby("claim_type", observed=False)["hedged"].sum().astype("int64")
    table["questions"] = qa["claim_type"].value_counts(sort=False)
    return _plain_labels(table.loc[table["questions"] > 0])


def strength_by_claim_type(df: pd.DataFrame) -> pd.DataFrame:
    """Questions per claim type (rows) and strength (columns, weakest first); a question's
    strength is its answer's strongest claim. Empty claim types dropped."""
    qa = _qa(df)
    table = pd.crosstab(qa["claim_type"], qa["strength"], dropna=False)
    table["questions"] = table.sum(axis=1)
    return _plain_labels(table.loc[table["questions"] > 0])


def hedging_by_strength(df: pd.DataFrame) -> pd.DataFrame:
    """Per strength (weakest first, zeros kept): questions, how many are hedged, and the share."""
    qa = _qa(df)
    table = qa.groupby("strength", observed=False)["hedged"].agg(["size", "sum"])
    table.columns = ["questions", "hedged"]
    table = table.astype("int64")
    table["share"] = (table["hedged"] / table["questions"].clip(lower=1)).round(3)
    table.index = table.index.astype(str)
    table.index.name = "strength"
    return table


def strength_chart(df: pd.DataFrame) -> Figure:
    """Stacked bars of strength per claim type, and the hedged share per strength."""
    table = strength_by_claim_type(df)
    hedging = hedging_by_strength(df)
    fig = Figure(figsize=(11, 0.4 * max(4, len(table)) + 1.5), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=(3, 2))
    n = int(table["questions"].sum()) if len(table) else 0
    fig.suptitle(f"Claim strength by claim type, and hedging by strength ({_questions(n)})")
    labels = list(table.index)[::-1]
    start = [0] * len(labels)
    levels = list(hedging.index)
    for level, color in zip(
        levels, (OKABE_ITO[7], OKABE_ITO[4], OKABE_ITO[1], OKABE_ITO[5]), strict=True
    ):
        values = list(table[level])[::-1] if level in table else [0] * len(labels)
        left.barh(labels, values, left=start, color=color, label=level.replace("_", " "))
        start = [a + b for a, b in zip(start, values, strict=True)]
    left.set_xlabel("questions")
    left.set_title("strongest claim of the answer")
    left.legend(loc="lower right", frameon=False)
    names = [x.replace("_", " ") for x in levels][::-1]
    share = list(hedging["share"])[::-1]
    bars = right.barh(names, share, color=OKABE_ITO[6])
    right.bar_label(
        bars,
        labels=[
            f"{s:.0%} of {q}" for s, q in zip(share, list(hedging["questions"])[::-1], strict=True)
        ],
        padding=3,
    )
    right.set_xlim(0, 1.3)
    right.set_xlabel("share hedged")
    right.set_title("hedged, by strength")
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def _bar(counts: pd.DataFrame, title: str, color: str) -> Figure:
    """Horizontal bars of the non-zero rows of ``counts`` (all rows when every one is zero)."""
    if (counts["questions"] > 0).any():
        counts = counts.loc[counts["questions"] > 0]
    fig = Figure(figsize=(7, 0.35 * max(4, len(counts)) + 1), layout="constrained")
    ax = fig.add_subplot()
    labels = list(counts.index)[::-1]
    values = list(counts["questions"])[::-1]
    bars = ax.barh(labels, values, color=color)
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("questions")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max([*values, 1]) * 1.15)
    return fig


def topic_chart(df: pd.DataFrame) -> Figure:
    """Horizontal bars: questions per topic."""
    n = int((df["kind"] == "qa").sum())
    return _bar(topic_counts(df), f"Topics of {_questions(n)}", OKABE_ITO[0])


def claim_type_chart(df: pd.DataFrame) -> Figure:
    """Horizontal bars: questions per claim type."""
    n = int((df["kind"] == "qa").sum())
    return _bar(claim_type_counts(df), f"Claim types of {_questions(n)}", OKABE_ITO[1])


def topic_claim_heatmap(df: pd.DataFrame) -> Figure:
    """Heat map of questions per topic x claim type, each cell labelled with its count."""
    table = topic_by_claim_type(df)
    fig = Figure(
        figsize=(1.0 * max(4, table.shape[1]) + 3, 0.45 * max(3, table.shape[0]) + 1.5),
        layout="constrained",
    )
    ax = fig.add_subplot()
    n = int(table.to_numpy().sum())
    ax.set_title(f"Topic x claim type ({_questions(n)})")
    if table.empty:
        ax.text(0.5, 0.5, "no questions", ha="center", va="center")
        ax.set_axis_off()
        return fig
    image = ax.imshow(table.to_numpy(), cmap="cividis", aspect="auto")
    ax.set_xticks(range(table.shape[1]), table.columns, rotation=30, ha="right")
    ax.set_yticks(range(table.shape[0]), table.index)
    top = table.to_numpy().max()
    for (i, j), v in pd.DataFrame(table.to_numpy()).stack().items():
        ax.text(j, i, str(v), ha="center", va="center", color="black" if v > top / 2 else "white")
    fig.colorbar(image, ax=ax, label="questions")
    return fig


def evidence_hedging_chart(df: pd.DataFrame) -> Figure:
    """Stacked bars of evidence per claim type, and the hedged share per claim type."""
    table = evidence_hedging_by_claim_type(df)
    fig = Figure(figsize=(10, 0.4 * max(4, len(table)) + 1.5), layout="constrained")
    left, right = fig.subplots(1, 2, sharey=True)
    n = int(table["questions"].sum()) if len(table) else 0
    fig.suptitle(f"Evidence and hedging by claim type ({_questions(n)})")
    labels = list(table.index)[::-1]
    start = [0] * len(labels)
    for level, color in zip(("cited", "study", "anecdote", "none"), OKABE_ITO[2:6], strict=True):
        values = list(table[level])[::-1] if level in table else [0] * len(labels)
        left.barh(labels, values, left=start, color=color, label=level)
        start = [a + b for a, b in zip(start, values, strict=True)]
    left.set_xlabel("questions")
    left.set_title("evidence")
    left.legend(loc="lower right", frameon=False)
    share = (table["hedged"] / table["questions"]).fillna(0)[::-1] if len(table) else pd.Series()
    bars = right.barh(labels, list(share), color=OKABE_ITO[4])
    right.bar_label(bars, labels=[f"{v:.0%}" for v in share], padding=3)
    right.set_xlim(0, 1.15)
    right.set_xlabel("share hedged")
    right.set_title("hedged")
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """PNG bytes of ``fig``, with no timestamp or version metadata (stable across runs)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def title(fig: Figure) -> str:
    """The figure's title (its suptitle, else its first axes' title): the image's alt text."""
    sup = fig.get_suptitle()
    return sup or (fig.axes[0].get_title() if fig.axes else "chart")


def show(fig: Figure):
    """Display ``fig`` as a PNG image in a notebook, whatever the matplotlib backend.

    The title travels as the image's alt text (the report template writes it out).
    """
    from IPython.display import Image

    return Image(data=to_png(fig), format="png", metadata={"alt": title(fig)})
