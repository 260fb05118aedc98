"""Chart tables hold the numbers the charts draw; titles carry the counts."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

import qa_lib
from qa_lib import plots


@pytest.fixture(scope="module")
def seed(seed_path):
    return qa_lib.read_faq(seed_path)


def test_count_tables(seed):
    topics = plots.topic_counts(seed)
    assert topics["questions"].sum() == 16
    qa = seed[seed["kind"] == "qa"]
    assert topics.loc["mental_health", "questions"] == (qa["topic"] == "mental_health").sum()
    assert list(topics.index) == [str(c) for c in seed["topic"].cat.categories]
    cross = plots.topic_by_claim_type(seed)
    assert cross.to_numpy().sum() == 16 and (cross.sum(axis=1) > 0).all()
    ev = plots.evidence_hedging_by_claim_type(seed)
    assert (ev[["cited", "study", "anecdote", "none"]].sum(axis=1) == ev["questions"]).all()
    assert ev["hedged"].sum() == seed.loc[seed["kind"] == "qa", "hedged"].sum()


@pytest.mark.parametrize(
    ("chart", "title"),
    [
        (plots.topic_chart, "Topics of 16 questions"),
        (plots.claim_type_chart, "Claim types of 16 questions"),
        (plots.topic_claim_heatmap, "Topic x claim type (16 questions)"),
    ],
)
def test_charts_are_titled_with_their_counts(seed, chart, title):
    fig = chart(seed)
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_title() == title
    png = plots.to_png(fig)
    assert png.startswith(b"\x89PNG") and png == plots.to_png(chart(seed))


def test_charts_of_an_empty_selection_still_draw(seed):
    empty = seed.iloc[0:0]
    for chart in (
        plots.topic_chart,
        plots.claim_type_chart,
        plots.topic_claim_heatmap,
        plots.evidence_hedging_chart,
    ):
        assert plots.to_png(chart(empty)).startswith(b"\x89PNG")
