"""Segmenting pages: pairs, related links, boilerplate, and layouts that must read the same."""

from __future__ import annotations

import pytest

import qa_lib
from tests.conftest import TINY_PAGE, without_blank_lines


def _kinds(df):
    return list(zip(df["kind"].astype(str), df["question"].fillna(""), strict=True))


def test_tiny_page_blocks_spans_and_labels():
    df = qa_lib.parse_faq(TINY_PAGE, source="tiny.txt")
    assert _kinds(df) == [
        ("boilerplate", ""),
        ("qa", "What is glutamate?"),
        ("related", "Is caffeine a psychoactive?"),
        ("qa", "Is glutamine safe?"),
        ("boilerplate", ""),
    ]
    assert df[["line_start", "line_end"]].values.tolist() == [
        [1, 1],
        [3, 5],
        [7, 7],
        [9, 14],
        [16, 16],
    ]
    assert df.loc[3, "bullets"] == ["Nausea.", "Bloating."]
    assert (
        df.loc[3, "answer"]
        == "Glutamine may cause side effects in some people ( 2 ).\nNausea.\nBloating."
    )
    assert df.loc[4, "text"] == "Run to meet life"
    assert df.loc[2, "text"] == "IMPORTANT:\u00a0 Is caffeine a psychoactive?"
    assert (df["source"] == "tiny.txt").all()


@pytest.mark.parametrize("mark", ["•", "-", "*", "1.", "2)", "  •", "\t-"])
def test_bullet_marks_are_removed_and_listed(mark):
    df = qa_lib.parse_faq(f"What helps?\nThese help:\n{mark} Rest\n{mark} Water\n")
    assert df.loc[0, "bullets"] == ["Rest", "Water"]
    assert df.loc[0, "answer"] == "These help:\nRest\nWater"


def test_q_and_a_labels_are_dropped_from_question_and_answer():
    df = qa_lib.parse_faq(
        "Q. Is hand sanitizer effective?\nA. Soap is better.\n\nQ: Can pets get it?\nA: Rarely.\n"
    )
    assert df["question"].tolist() == ["Is hand sanitizer effective?", "Can pets get it?"]
    assert df["answer"].tolist() == ["Soap is better.", "Rarely."]
    assert df.loc[0, "text"] == "Q. Is hand sanitizer effective?\nA. Soap is better."


def test_question_without_question_mark_before_an_answer_label():
    df = qa_lib.parse_faq("Q. I built a ventilator. May I sell it\nA. Ask the FDA first.\n")
    assert _kinds(df) == [("qa", "I built a ventilator. May I sell it")]


def test_banner_inside_an_answer_is_not_a_question():
    page = (
        "Can I go outside?\nYes, keep 2 metres apart.\nThink you might have COVID-19?\n"
        "Take a self-assessment\n\nHow can I protect myself?\nWash your hands.\n"
    )
    df = qa_lib.parse_faq(page)
    assert df["question"].tolist() == ["Can I go outside?", "How can I protect myself?"]
    assert df.loc[0, "answer"].endswith("Think you might have COVID-19?\nTake a self-assessment")


def test_section_headings_with_empty_answers_are_questions():
    page = (
        "How should I wash a mask?\nWash it daily.\n\nMask Guidance Spanish\n\n\n"
        "Mask Guidance for Twitter\n\n\nWhen can isolation end?\nAfter 10 days.\n"
    )
    for layout in (page, without_blank_lines(page)):
        df = qa_lib.parse_faq(layout)
        assert df["question"].tolist() == [
            "How should I wash a mask?",
            "Mask Guidance Spanish",
            "Mask Guidance for Twitter",
            "When can isolation end?",
        ]
        assert df["answer"].tolist()[1:3] == ["", ""]


def test_question_with_a_remark_after_the_question_mark():
    page = "Can I go out?\nYes.\n\nIs it safe to go hiking? Seems like good exercise.\nIt is safe to hike.\n"
    assert qa_lib.parse_faq(page)["question"].tolist()[1] == (
        "Is it safe to go hiking? Seems like good exercise."
    )


def test_unmarked_list_after_a_colon_stays_in_the_answer():
    page = "What causes it?\nSeveral conditions, such as:\nGallstones\nSleep apnea\nWhat treats it?\nRest.\n"
    df = qa_lib.parse_faq(page)
    assert df["question"].tolist() == ["What causes it?", "What treats it?"]
    assert df.loc[0, "answer"] == "Several conditions, such as:\nGallstones\nSleep apnea"


def test_question_bullets_inside_an_answer_stay_in_it():
    page = "What will they ask?\nThey ask:\n• Do you have a fever?\n• Have you travelled?\nThen they test.\n"
    df = qa_lib.parse_faq(page)
    assert len(df) == 1 and df.loc[0, "bullets"] == ["Do you have a fever?", "Have you travelled?"]


def test_link_line_ending_in_question_mark_is_not_a_question():
    page = "How is it treated?\nWith rest.\nRead more under How is adrenal insufficiency treated?\n\nWhat is it?\nA condition.\n"
    assert qa_lib.parse_faq(page)["question"].tolist() == ["How is it treated?", "What is it?"]


def test_navigation_lines_are_boilerplate():
    page = "Home\nWhat is it?\nA thing.\nBack to top\nIs it safe?\nYes.\nShare this page\n© 2024 Example Health\n"
    df = qa_lib.parse_faq(page)
    assert _kinds(df) == [
        ("boilerplate", ""),
        ("qa", "What is it?"),
        ("boilerplate", ""),
        ("qa", "Is it safe?"),
        ("boilerplate", ""),
    ]
    assert df.loc[4, "text"] == "Share this page\n© 2024 Example Health"


def test_page_with_no_question_is_one_boilerplate_block():
    df = qa_lib.parse_faq("Welcome to our site.\nNothing to ask here.\n")
    assert _kinds(df) == [("boilerplate", "")]
    assert (df.loc[0, "line_start"], df.loc[0, "line_end"]) == (1, 2)


def _signature(df):
    return df[["kind", "question", "answer", "bullets"]].astype(str).values.tolist()


def test_seed_reads_the_same_with_no_blank_lines_or_blank_lines_everywhere(seed_path):
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    spaced = qa_lib.parse_faq("\n".join(lines))
    packed = qa_lib.parse_faq(without_blank_lines("\n".join(lines)))
    airy = qa_lib.parse_faq("\n\n".join(x for x in lines if x.strip()))
    assert _signature(packed) == _signature(spaced) == _signature(airy)


def test_every_non_blank_line_is_in_exactly_one_block(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    df = qa_lib.parse_faq(text)
    covered = [
        n for s, e in zip(df["line_start"], df["line_end"], strict=True) for n in range(s, e + 1)
    ]
    assert len(covered) == len(set(covered))
    non_blank = {i + 1 for i, x in enumerate(text.splitlines()) if x.strip()}
    assert non_blank <= set(covered)
    joined = "\n".join(df["text"])
    for i in non_blank:
        assert text.splitlines()[i - 1].strip() in joined


def test_yes_no_question_without_question_mark_but_not_imperatives_or_headings():
    page = (
        "What is radon?\nA gas.\n\nDo you have information about Radon\nSummary: it is a gas.\n\n"
        "How do I stay safe?\nWash your hands.\nDo not touch your face\n\nWhat is next?\nRest.\n"
    )
    for layout in (page, without_blank_lines(page)):
        df = qa_lib.parse_faq(layout)
        assert df["question"].tolist() == [
            "What is radon?",
            "Do you have information about Radon",
            "How do I stay safe?",
            "What is next?",
        ]
        assert df.loc[2, "answer"] == "Wash your hands.\nDo not touch your face"
