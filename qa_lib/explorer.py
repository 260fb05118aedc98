"""An ipywidgets panel to filter the questions of a block frame in JupyterLab.

The panel only wires widgets to :func:`qa_lib.filters.filter_blocks`; every piece of scraped
text it shows is escaped first (:mod:`qa_lib.highlight`), so markup in a page runs nothing.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd

from . import plots
from .compare import repeated_groups
from .export import write
from .filters import filter_mask, option_counts, search_index
from .highlight import highlight_html
from .paths import DEFAULT_OUT
from .provenance import frame_taxonomy
from .question_match import question_groups
from .taxonomy import Taxonomy

ANY_SUBJECT = "(any subject)"
MAX_LISTED = 200
CSS = """<style>
.qa-list details { border-bottom: 1px solid #ddd; padding: 4px 0; }
.qa-list summary { cursor: pointer; font-weight: 600; }
.qa-list .labels { color: #444; font-size: 90%; margin: 4px 0; }
.qa-list mark.hedge { background: #F0E442; }
.qa-list mark.cite { background: #56B4E9; }
.qa-list mark.strength { background: none; border-bottom: 2px solid #D55E00; }
.qa-list .cues { color: #666; font-size: 85%; }
.qa-side { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.qa-side > details { border: 1px solid #ddd; padding: 6px; }
</style>"""
NO_GROUP = -1
GROUP_LABEL_CHARS = 90


def _cues(items: list[str]) -> str:
    return html.escape(", ".join(items)) if items else "none"


def question_html(row: pd.Series, tax: Taxonomy, *, expanded: bool = False) -> str:
    """One question as an expandable ``<details>`` element, every scraped string escaped."""
    question = html.escape(str(row["question"]) if pd.notna(row["question"]) else "(no question)")
    if row["kind"] == "boilerplate":
        question = "(boilerplate) " + html.escape(str(row["text"]).split("\n", 1)[0])
    answer = highlight_html(
        str(row["answer"]) if pd.notna(row["answer"]) else "", tax, row["strength_cues"]
    )
    labels = " · ".join(
        f"{name}: <b>{html.escape(str(row[col]))}</b>"
        for name, col in (
            ("topic", "topic"),
            ("claim", "claim_type"),
            ("strength", "strength"),
            ("evidence", "evidence"),
        )
        if pd.notna(row[col])
    )
    subject = html.escape(str(row["subject"])) if pd.notna(row["subject"]) else "none"
    return (
        f"<details{' open' if expanded else ''}><summary>{question}</summary>"
        f'<div class="labels">{html.escape(str(row["kind"]))} · subject: {subject} · {labels}'
        f" · hedged: {'yes' if row['hedged'] else 'no'}</div>"
        f"<div>{answer or '<i>(empty answer)</i>'}</div>"
        f'<div class="cues">topic cues: {_cues(row["topic_cues"])}<br>'
        f"claim cues: {_cues(row['claim_cues'])}<br>hedge cues: {_cues(row['hedge_cues'])}<br>"
        f"strength cues: {_cues(row['strength_cues'])}<br>"
        f"evidence cues: {_cues(row['evidence_cues'])}<br>"
        f"conditions: {_cues(row['conditions'])}<br>"
        f"source: {html.escape(str(row['source']))}, lines {row['line_start']}–{row['line_end']}"
        f"</div></details>"
    )


class Explorer:
    """Filters (source, topic, claim type, strength, subject, evidence, hedged, search, set-aside rows), a live
    count, the matching questions, the two charts, and a button to save the selection."""

    def __init__(
        self,
        df: pd.DataFrame,
        *,
        taxonomy: Taxonomy | str | None = None,
        save_to: str | Path | None = None,
    ) -> None:
        self.df = df
        self.index = search_index(df)
        self.tax = frame_taxonomy(df, taxonomy)
        self.save_to = Path(save_to) if save_to else DEFAULT_OUT / "selection.csv"
        self.total = int((df["kind"] == "qa").sum())
        self.sources = self._multi("Source", "source", by_count=True)
        self.topics = self._multi("Topic", "topic")
        self.claim_types = self._multi("Claim type", "claim_type")
        self.evidence = self._multi("Evidence", "evidence")
        self.strength = self._multi("Strength", "strength")
        subjects = [s for s, n in option_counts(df, "subject") if n]
        self.subject = w.Dropdown(options=[ANY_SUBJECT, *subjects], description="Subject")
        self.hedged = w.ToggleButtons(
            options=["any", "hedged", "not hedged"], description="Hedging"
        )
        self.search = w.Text(placeholder="words in question or answer", description="Search")
        self.set_aside = w.Checkbox(description="show related links and boilerplate set aside")
        self.count = w.HTML()
        self.results = w.HTML()
        self.topic_png = w.Image(format="png")
        self.claim_png = w.Image(format="png")
        self.save = w.Button(description="Save selection as CSV", icon="download")
        self.saved = w.HTML()
        self.group_ids = self._groups()
        self.group = w.Dropdown(options=self._group_options(), description="Same question")
        self.group.layout.width = "95%"
        self.side_by_side = w.HTML()
        self.group.observe(lambda _change: self.show_group(), names="value")
        for control in (
            self.sources,
            self.topics,
            self.claim_types,
            self.evidence,
            self.strength,
            self.subject,
            self.hedged,
            self.search,
            self.set_aside,
        ):
            control.observe(lambda _change: self.update(), names="value")
        self.save.on_click(lambda _button: self.save_selection())
        self.panel = w.VBox(
            [
                w.HBox([self.topics, self.claim_types, self.evidence, self.strength]),
                w.HBox([self.sources, self.subject, self.hedged]),
                w.HBox([self.search, self.set_aside]),
                self.count,
                w.HBox([self.topic_png, self.claim_png]),
                w.HTML(CSS),
                self.results,
                w.HBox([self.save, self.saved]),
                w.HTML("<h3>The same question, side by side</h3>"),
                self.group,
                self.side_by_side,
            ]
        )
        self.update()

    def _groups(self) -> pd.Series:
        """The :func:`qa_lib.question_groups` id of each qa row, indexed by row position (so a
        frame glued by ``pd.concat``, whose index repeats, is grouped right too)."""
        by_position = self.df.reset_index(drop=True)
        groups = question_groups(by_position)
        self.repeated = repeated_groups(by_position, groups)
        return groups["group"]

    def _group_options(self) -> list[tuple[str, int]]:
        """Questions asked more than once, most sources first, as (label, group id)."""
        options = [("(choose a question asked more than once)", NO_GROUP)]
        for row in self.repeated.itertuples(index=False):
            question = str(row.question)
            if len(question) > GROUP_LABEL_CHARS:
                question = question[: GROUP_LABEL_CHARS - 1] + "…"
            differ = f"; answers differ in {row.differs_in}" if row.differs_in else ""
            options.append(
                (
                    f"{question} ({row.questions} questions, {row.sources} sources{differ})",
                    row.group,
                )
            )
        return options

    def show_group(self) -> None:
        """Show the questions of the chosen group side by side, answers open."""
        if self.group.value == NO_GROUP:
            self.side_by_side.value = ""
            return
        rows = self.df.iloc[self.group_ids.index[self.group_ids == self.group.value]]
        cells = "".join(question_html(row, self.tax, expanded=True) for _, row in rows.iterrows())
        self.side_by_side.value = f'<div class="qa-list qa-side">{cells}</div>'

    def _multi(self, label: str, column: str, by_count: bool = False) -> w.SelectMultiple:
        counts = option_counts(self.df, column, by_count)
        options = [(f"{value} ({n})", value) for value, n in counts if n]
        return w.SelectMultiple(
            options=options, description=label, rows=min(8, max(3, len(options)))
        )

    def filters(self) -> dict[str, Any]:
        """The current widget values as keyword arguments of :func:`filter_mask`."""
        hedged = {"any": None, "hedged": True, "not hedged": False}[self.hedged.value]
        return {
            "sources": list(self.sources.value),
            "topics": list(self.topics.value),
            "claim_types": list(self.claim_types.value),
            "evidence": list(self.evidence.value),
            "strengths": list(self.strength.value),
            "subjects": [] if self.subject.value == ANY_SUBJECT else [self.subject.value],
            "hedged": hedged,
            "search": self.search.value,
            "include_set_aside": self.set_aside.value,
        }

    def mask(self) -> pd.Series:
        """Which rows the current filters keep."""
        return filter_mask(self.df, **self.filters(), index=self.index)

    @property
    def selection(self) -> pd.DataFrame:
        """The rows the current filters keep."""
        return self.df.loc[self.mask()]

    def summary(self, mask: pd.Series | None = None) -> str:
        """The live count, e.g. "7 of 16 questions"."""
        mask = self.mask() if mask is None else mask
        n = int((mask & (self.df["kind"] == "qa")).sum())
        extra = int(mask.sum()) - n
        tail = f" (+{extra} set-aside rows)" if extra else ""
        return f"{n} of {self.total} questions{tail}"

    def update(self) -> None:
        """Recompute the selection and redraw count, list and charts. Only the rows shown are
        copied out of the frame, so a change stays quick on large inputs."""
        mask = self.mask()
        hits = np.flatnonzero(mask.to_numpy())
        self.count.value = f"<b>{html.escape(self.summary(mask))}</b>"
        shown = self.df.iloc[hits[:MAX_LISTED]]
        rows = [question_html(row, self.tax) for _, row in shown.iterrows()]
        more = (
            f"<p>… and {len(hits) - MAX_LISTED} more (narrow the filters)</p>"
            if len(hits) > MAX_LISTED
            else ""
        )
        self.results.value = f'<div class="qa-list">{"".join(rows)}{more}</div>'
        labels = self.df.loc[mask, ["kind", "topic", "claim_type"]]
        self.topic_png.value = plots.to_png(plots.topic_chart(labels), dpi=60)
        self.claim_png.value = plots.to_png(plots.claim_type_chart(labels), dpi=60)

    def save_selection(self) -> Path:
        """Write the current selection to ``save_to`` as spreadsheet-safe CSV (list columns as
        JSON), whole: written beside it first, then moved into place."""
        selection = self.selection
        self.save_to.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".selection-", suffix=".csv", dir=self.save_to.parent)
        os.close(fd)
        try:
            write(selection, "csv", tmp)
            os.replace(tmp, self.save_to)
        finally:
            Path(tmp).unlink(missing_ok=True)
        self.saved.value = html.escape(f"saved {len(selection)} rows to {self.save_to.name}")
        return self.save_to

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = self.panel._repr_mimebundle_(**kwargs)
        data["text/plain"] = f"Explorer: {self.summary()}"
        return data


def explore(df: pd.DataFrame, **kwargs: Any) -> Explorer:
    """Build the explorer panel for ``df`` (display it as a cell's last expression)."""
    return Explorer(df, **kwargs)
