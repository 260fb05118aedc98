"""Crafted pages that made the old segmenter quadratic: read correctly, in linear work.

No timing here (speed is measured in benchmarks): the work is counted instead, as calls to
the per-line shape tests, which must grow in proportion to the page.
"""

from __future__ import annotations

import pytest

import qa_lib
from qa_lib.line_features import Shapes
from qa_lib.segment import segment

N = 4000


def _short_lines_after_a_question(n: int) -> str:
    return "What is it?\n" + "ab\n" * n


def _heading_like_lines(n: int) -> str:
    return "What is it?\nAn answer.\n" + "Heading Line Here\n" * n + "Is that all?\nYes.\n"


def _list_after_a_colon(n: int) -> str:
    return "What causes it?\nSeveral things:\n" + "Gallstones\n" * n + "What treats it?\nRest.\n"


def _questions_in_a_row(n: int) -> str:
    return "".join(f"Question number {i}?\n" for i in range(n))


SHAPES = [_short_lines_after_a_question, _heading_like_lines, _list_after_a_colon]


@pytest.mark.parametrize("make", SHAPES, ids=lambda f: f.__name__.strip("_"))
def test_crafted_pages_keep_every_line_in_one_block(make):
    text = make(N)
    df = qa_lib.parse_faq(text)
    lines = text.splitlines()
    assert sum(e - s + 1 for s, e in zip(df["line_start"], df["line_end"], strict=True)) == len(
        lines
    )
    assert df["line_start"].iloc[0] == 1 and df["line_end"].iloc[-1] == len(lines)


def test_a_question_then_many_short_lines_is_one_pair():
    df = qa_lib.parse_faq(_short_lines_after_a_question(N))
    assert df["kind"].astype(str).tolist() == ["qa"]
    assert df.loc[0, "answer"].count("\n") == N - 1


def test_a_list_of_questions_without_answers_is_set_aside_whole():
    df = qa_lib.parse_faq(_questions_in_a_row(200))
    assert df[["kind", "line_start", "line_end"]].astype(str).values.tolist() == [
        ["boilerplate", "1", "200"]
    ]
    assert df.loc[0, "reason"] == "no question/answer pair found"


def _calls(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many per-line shape tests segmenting ``text`` runs."""
    count = 0
    for name in ("line", "heading_like", "words", "navigation", "related_prefix"):
        original = getattr(Shapes, name)

        def counted(self, *args, _f=original, **kwargs):
            nonlocal count
            count += 1
            return _f(self, *args, **kwargs)

        monkeypatch.setattr(Shapes, name, counted)
    segment(text.splitlines())
    monkeypatch.undo()
    return count


@pytest.mark.parametrize(
    "make", [*SHAPES, _questions_in_a_row], ids=lambda f: f.__name__.strip("_")
)
def test_work_grows_linearly_with_the_page(make, monkeypatch):
    small, large = _calls(make(500), monkeypatch), _calls(make(2000), monkeypatch)
    assert large <= 4 * small + 50, (small, large)


def test_label_like_lines_with_long_runs_of_spaces():
    page = "Q" + " " * N + "x?\nA" + " " * N + "y.\n"
    df = qa_lib.parse_faq(page)
    assert df["kind"].astype(str).tolist() == ["qa"]
    assert df.loc[0, "answer"].startswith("A ")
