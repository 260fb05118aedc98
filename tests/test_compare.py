"""Comparing sources: labels per source, the long tail folded, groups whose answers differ.

The groups here are written by hand, so these tests pin the comparison, not the matcher
(tests/test_question_match.py tests that).
"""

from __future__ import annotations

import pandas as pd
import pytest

import qa_lib
from qa_lib import compare
from qa_lib.filters import filter_blocks

PAGES = {
    # three questions: the largest source
    "big.txt": (
        "Is glutamine bad for your liver?\nGlutamine damages the liver [1].\n\n"
        "What is glutamine?\nAn amino acid.\n\n"
        "Does caffeine help focus?\nCaffeine may improve focus.\n"
    ),
    "mid.txt": (
        "Can glutamine harm the liver?\nI took it for years and my liver is fine.\n\n"
        "What is glutamine?\nAn amino acid.\n"
    ),
    "small.txt": "Is glutamine safe for the liver?\nA 2019 study of 40 adults found no harm.\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    for name, text in PAGES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def df(folder):
    return qa_lib.read_faq(folder)


def hand_groups(df: pd.DataFrame, members: list[list[int]]) -> pd.DataFrame:
    """A question_groups-shaped frame: each list holds qa row positions asked the same."""
    qa = df.loc[df["kind"] == "qa"]
    group = list(range(len(qa)))
    for ids in members:
        for i in ids:
            group[i] = ids[0]
    out = pd.DataFrame({"group": pd.array(group, dtype="Int64")}, index=qa.index)
    out["group_size"] = out.groupby("group")["group"].transform("size").astype("Int64")
    out["group_sources"] = (
        qa["source"].groupby(out["group"]).transform("nunique").astype("Int64").to_numpy()
    )
    out["group_leader"] = [i in {ids[0] for ids in members} for i in range(len(qa))]
    out["group_score"] = pd.array([pd.NA] * len(qa), dtype="Float64")
    out["group_terms"] = "glutamine"
    return out


def questions(df: pd.DataFrame) -> list[str]:
    return df.loc[df["kind"] == "qa", "question"].tolist()


def test_sources_are_ordered_by_size_and_every_question_is_counted(df):
    assert compare.source_sizes(df).to_dict() == {"big.txt": 3, "mid.txt": 2, "small.txt": 1}
    for column in compare.COMPARED:
        table = compare.by_source(df, column)
        assert list(table.index) == ["big.txt", "mid.txt", "small.txt"]
        assert table["questions"].tolist() == [3, 2, 1]
        assert (table.drop(columns="questions").sum(axis=1) == table["questions"]).all()
    assert list(compare.by_source(df, "evidence").columns) == [
        "cited",
        "study",
        "anecdote",
        "none",
        "questions",
    ]


def test_the_long_tail_is_folded_into_one_row(df):
    table = compare.by_source(df, "hedged", max_sources=2)
    assert list(table.index) == ["big.txt", "2 other sources"]
    assert table["questions"].tolist() == [3, 3]
    with pytest.raises(ValueError, match="max_sources"):
        compare.by_source(df, "hedged", max_sources=1)
    with pytest.raises(ValueError, match="column must be one of"):
        compare.by_source(df, "topic")


def test_the_chart_shows_each_source_as_shares_of_its_questions(df):
    fig = compare.comparison_chart(df)
    assert [ax.get_title() for ax in fig.axes] == ["claim type", "evidence", "hedged", "strength"]
    for ax in fig.axes:
        widths: dict[float, float] = {}
        for bar in ax.patches:
            y = round(bar.get_y(), 3)
            widths[y] = widths.get(y, 0) + bar.get_width()
        assert len(widths) == 3
        assert all(w == pytest.approx(1) for w in widths.values())


def test_a_group_whose_answers_differ_is_listed_with_what_differs(df):
    # the three liver questions (qa rows 0, 3, 5) ask the same; "What is glutamine?" twice (1, 4)
    groups = hand_groups(df, [[0, 3, 5], [1, 4]])
    repeated = compare.repeated_groups(df, groups)
    # the same words first (surely one question), then matches in other words
    assert repeated["question"].tolist() == [
        "What is glutamine?",
        "Is glutamine bad for your liver?",
    ]
    assert repeated["same_words"].tolist() == [True, False]
    assert repeated["sources"].tolist() == [2, 3]
    assert repeated["differs_in"].iloc[0] == ""  # same answer on both pages
    assert "evidence" in repeated["differs_in"].iloc[1]
    out = compare.disagreeing_groups(df, groups)
    assert out["question"].tolist() == [
        "Is glutamine bad for your liver?",
        "Can glutamine harm the liver?",
        "Is glutamine safe for the liver?",
    ]
    assert out["source"].tolist() == ["big.txt", "mid.txt", "small.txt"]
    assert set(out["evidence"]) == {"cited", "anecdote", "study"}
    assert set(out["hedged"]) <= {"yes", "no"}
    # repeated_groups the caller has already is used, not worked out again
    pd.testing.assert_frame_equal(compare.disagreeing_groups(df, groups, repeated=repeated), out)


def test_groups_are_capped_whole_and_nothing_to_list_is_an_empty_table(df):
    groups = hand_groups(df, [[0, 3, 5], [1, 4]])
    assert compare.disagreeing_groups(df, groups, max_groups=1)["group"].nunique() == 1
    alone = hand_groups(df, [])
    assert compare.repeated_groups(df, alone).empty
    empty = compare.disagreeing_groups(df, alone)
    assert empty.empty and "differs_in" in empty.columns


def test_the_explorer_filter_keeps_the_chosen_sources(df):
    assert questions(filter_blocks(df, sources=["mid.txt", "small.txt"])) == [
        "Can glutamine harm the liver?",
        "What is glutamine?",
        "Is glutamine safe for the liver?",
    ]


def test_one_page_has_nothing_to_compare(seed_path):
    from qa_lib import report

    out = report.compare_sources(qa_lib.read_faq(seed_path))
    assert len(out) == 1 and "nothing to compare" in out[0].data


def test_the_report_section_for_a_folder_lists_the_liver_question(df):
    from qa_lib import report

    out = report.compare_sources(df)
    assert out[0].metadata["alt"].startswith("Claim type, evidence, hedging and strength")
    html = "".join(getattr(o, "data", "") for o in out[1:] if isinstance(o.data, str))
    for column in ("claim type", "evidence", "hedged", "strength"):
        assert f"<h3>{column} by source</h3>" in html
    assert "The same question, answered differently" in html
    assert "Is glutamine bad for your liver?" in out[-1].data
    assert "Can glutamine harm the liver?" in out[-1].data


def test_group_rows_number_the_groups_and_say_how_each_question_matched(df):
    from qa_lib.report import GROUP_ANSWER_CHARS, group_rows

    long = df.copy()
    long.loc[long["kind"] == "qa", "answer"] = "x" * 500
    groups = hand_groups(df, [[0, 3, 5]])
    groups["group_score"] = pd.array([0.9, None, None, 0.61, None, 0.75], dtype="Float64")
    table = group_rows(compare.disagreeing_groups(long, groups))
    assert table["group"].tolist() == [1, 1, 1]
    assert table["question"].tolist() == [  # the leader, then the best match
        "Is glutamine bad for your liver?",
        "Is glutamine safe for the liver?",
        "Can glutamine harm the liver?",
    ]
    assert table["match"].tolist() == ["leader", "0.75", "0.61"]
    assert table["terms"].tolist() == ["", "glutamine", "glutamine"]
    assert (table["differs in"] != "").tolist() == [True, False, False]
    assert table["answer"].str.len().max() == GROUP_ANSWER_CHARS + 1  # the cut and "…"
    assert "sources" not in table.columns


def test_a_dollar_sign_or_a_long_name_is_shown_as_written(tmp_path):
    for name in ("$\\foo$.txt", "a$b$c.txt", "x" * 200 + ".txt"):
        (tmp_path / name).write_text("What is it?\nA thing.\n", encoding="utf-8")
    df = qa_lib.read_faq(tmp_path)
    fig = compare.comparison_chart(df)
    from qa_lib.plots import to_png

    assert to_png(fig)  # drawing it does not read the names as formulas
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "\\$\\foo\\$.txt (1)" in labels and "a\\$b\\$c.txt (1)" in labels
    assert max(len(label) for label in labels) <= compare.LABEL_CHARS + 4
    assert max(map(len, compare.by_source(df, "evidence").index)) > 200  # tables: whole


def test_a_large_group_is_cut_to_a_few_rows_that_say_how_many_more():
    from qa_lib.report import MAX_GROUP_ROWS, group_rows

    rows = pd.DataFrame(
        {
            "group": [7] * 10,
            "sources": [10] * 10,
            "source": [f"p{i}.txt" for i in range(10)],
            "question": ["Is glutamine safe?"] * 2 + ["Is glutamine OK?"] * 8,
            "answer": ["Yes."] * 10,
            "claim_type": ["safety"] * 10,
            "evidence": ["none"] * 10,
            "hedged": ["no"] * 10,
            "strength": ["none"] * 10,
            "differs_in": ["hedged"] * 10,
            "leader": [True, *[False] * 9],
            "score": [1.0, *[0.62] * 9],
            "terms": ["glutamine, safe"] * 10,
        }
    )
    table = group_rows(rows)
    assert len(table) == MAX_GROUP_ROWS + 1
    assert table["question"].iloc[-1] == f"… and {10 - MAX_GROUP_ROWS} more"
    assert table["group"].tolist() == [1] * (MAX_GROUP_ROWS + 1)
    assert table["match"].tolist()[:3] == ["leader", "same words", "0.62"]


def test_the_source_filter_also_applies_to_rows_set_aside(df):
    kept = filter_blocks(df, sources=["small.txt"], include_set_aside=True)
    assert set(kept["source"]) == {"small.txt"}


def test_a_glued_frame_is_a_clear_error_and_the_explorer_groups_it_by_position(df, tmp_path):
    from qa_lib.explorer import Explorer

    glued = pd.concat([df.loc[df["source"] == "big.txt"], df.loc[df["source"] != "big.txt"]])
    glued.index = [0] * len(glued)  # as pd.concat of frames read one by one can repeat labels
    with pytest.raises(ValueError, match="ignore_index=True"):
        compare.repeated_groups(glued, qa_lib.question_groups(df))
    other = df.loc[df["source"] != "small.txt"]
    with pytest.raises(ValueError, match="not those of this frame"):
        compare.disagreeing_groups(other, qa_lib.question_groups(df))
    with pytest.raises(ValueError, match="no column 'kind'"):
        compare.by_source(qa_lib.claims(df), "evidence")
    panel = Explorer(glued, save_to=tmp_path / "sel.csv")
    panel.group.value = panel.group.options[1][1]
    shown = panel.side_by_side.value
    label = panel.group.options[1][0]
    assert shown.count("<details open>") == int(label.split("(")[1].split(" questions")[0])
