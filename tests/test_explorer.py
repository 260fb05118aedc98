"""The explorer panel: widgets drive filter_blocks, counts are live, scraped text is escaped."""

from __future__ import annotations

import pandas as pd

import qa_lib
from qa_lib.explorer import Explorer, question_html
from qa_lib.filters import filter_blocks
from qa_lib.taxonomy import default_taxonomy


def _listed(panel: Explorer) -> int:
    return panel.results.value.count("<details>")


def test_choosing_a_claim_type_matches_the_filter_function(seed_path):
    df = qa_lib.read_faq(seed_path)
    panel = Explorer(df)
    assert panel.summary() == "16 of 16 questions"
    panel.claim_types.value = ("safety",)
    expected = filter_blocks(df, claim_types=["safety"])
    assert panel.summary() == f"{len(expected)} of 16 questions"
    assert _listed(panel) == len(expected)
    for question in expected["question"]:
        assert question in panel.results.value
    panel.search.value = "liver"
    assert panel.summary() == "1 of 16 questions"
    panel.set_aside.value = True
    panel.search.value = ""
    assert panel.summary().endswith("(+3 set-aside rows)")


def test_options_show_counts(seed_path):
    panel = Explorer(qa_lib.read_faq(seed_path))
    labels = dict(panel.claim_types.options)
    assert "research (6)" in labels and labels["research (6)"] == "research"


def test_markup_in_answers_is_shown_as_text():
    df = qa_lib.parse_faq(
        "Is <b>this</b> safe?\n<script>alert(1)</script> It <img src=x onerror=alert(2)> may be.\n"
    )
    html = question_html(df.iloc[0], default_taxonomy())
    assert "<script>" not in html and "<img" not in html and "<b>this" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert '<mark class="hedge">may</mark>' in html


def test_save_selection_writes_the_filtered_rows(seed_path, tmp_path):
    panel = Explorer(qa_lib.read_faq(seed_path), save_to=tmp_path / "sel.csv")
    panel.topics.value = ("liver", "skin")
    path = panel.save_selection()
    saved = pd.read_csv(path)
    assert saved["question"].tolist() == [
        "Is glutamine bad for your liver?",
        "Does glutamine clear skin?",
    ]
    assert "saved 2 rows" in panel.saved.value


def test_text_repr_is_the_live_count(seed_path):
    panel = Explorer(qa_lib.read_faq(seed_path))
    bundle = panel._repr_mimebundle_()
    assert bundle["text/plain"] == "Explorer: 16 of 16 questions"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_source_filter_lists_sources_by_size_and_filters(tmp_path):
    (tmp_path / "a.txt").write_text("What is it?\nA thing.\n\nIs it safe?\nIt may be.\n")
    (tmp_path / "b.txt").write_text("Is <i>it</i> bad?\nNo.\n")
    df = qa_lib.read_faq(tmp_path)
    panel = Explorer(df, save_to=tmp_path / "sel.csv")
    assert list(panel.sources.options) == [("a.txt (2)", "a.txt"), ("b.txt (1)", "b.txt")]
    panel.sources.value = ("b.txt",)
    assert panel.summary() == "1 of 3 questions"
    assert panel.filters()["sources"] == ["b.txt"]
    assert "Is &lt;i&gt;it&lt;/i&gt; bad?" in panel.results.value


def test_a_categorical_source_is_still_listed_by_size(tmp_path):
    (tmp_path / "a.txt").write_text("Is it safe?\nIt may be.\n")
    (tmp_path / "b.txt").write_text("What is it?\nA thing.\n\nIs it bad?\nNo.\n")
    df = qa_lib.read_faq(tmp_path)
    df["source"] = df["source"].astype("category")
    df["subject"] = df["subject"].astype(pd.CategoricalDtype(["glutamine", "it"]))
    panel = Explorer(df, save_to=tmp_path / "sel.csv")
    assert list(panel.sources.options) == [("b.txt (2)", "b.txt"), ("a.txt (1)", "a.txt")]
    assert "glutamine" not in panel.subject.options  # a category no question has


def test_a_question_asked_by_two_sources_is_shown_side_by_side(tmp_path):
    (tmp_path / "a.txt").write_text("Is glutamine bad for your liver?\nIt may harm it [2].\n")
    (tmp_path / "b.txt").write_text(
        "Is glutamine bad for your liver?\nI took it and I <b>feel</b> fine.\n\n"
        "How do I store it?\nSomewhere dry.\n"
    )
    panel = Explorer(qa_lib.read_faq(tmp_path), save_to=tmp_path / "sel.csv")
    labels = [label for label, _ in panel.group.options[1:]]
    assert len(labels) == 1
    assert labels[0].startswith("Is glutamine bad for your liver? (2 questions, 2 sources; ")
    assert "answers differ in" in labels[0] and "evidence" in labels[0]
    assert panel.side_by_side.value == ""
    panel.group.value = panel.group.options[1][1]
    shown = panel.side_by_side.value
    assert shown.count("<details open>") == 2
    assert "harm it" in shown and "I &lt;b&gt;feel&lt;/b&gt; fine" in shown
    assert "store it" not in shown
    panel.group.value = panel.group.options[0][1]
    assert panel.side_by_side.value == ""
