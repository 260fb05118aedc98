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


def test_a_statement_heading_opening_a_block_is_a_question():
    page = (
        "What is the risk to babies?\nWe do not know yet whether there is any risk to babies.\n\n"
        "Transmission of COVID-19 through breast milk\n"
        "Much is unknown about how the virus spreads; it has not been found in breast milk.\n\n"
        "How can mothers protect their baby?\nWash hands and wear a mask while feeding.\n"
    )
    df = qa_lib.parse_faq(page)
    assert df["question"].tolist()[1] == "Transmission of COVID-19 through breast milk"
    assert df["reason"].tolist() == ["question mark", "block heading", "question mark"]


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


def test_every_block_says_why():
    df = qa_lib.parse_faq(TINY_PAGE)
    assert df["reason"].tolist() == [
        "text before the first question",
        "question mark",
        "related link",
        "question mark",
        "tagline",
    ]
    qa = qa_lib.parse_faq("Q. Is it safe\nA. Yes.\n\nWhy\nA. Because.\n")
    assert qa["reason"].tolist() == ["Q. label", "A. label follows"]


def test_answer_items_record_which_were_bullets():
    page = "What helps?\nRest\n• Rest\n• Water\nDrink water.\n"
    df = qa_lib.parse_faq(page)
    assert df.loc[0, "answer"] == "Rest\nRest\nWater\nDrink water."
    assert df.loc[0, "is_bullet"] == [False, True, True, False]
    cl = qa_lib.claims(df)  # "Rest" the paragraph is not the bullet "Rest"
    assert list(zip(cl["text"], cl["is_bullet"], strict=True)) == [
        ("Rest", False),
        ("Rest", True),
        ("Water", True),
        ("Drink water.", False),
    ]


DATED = (
    "What is flu?\nA virus that infects the airways.\nLast reviewed: 2 May 2020\n\n"
    "How does it spread?\nBy droplets from coughs.\nLast reviewed: 3 May 2020\n\n"
    "Can I get a vaccine?\nYes, every autumn.\nLast reviewed: 4 May 2020\n"
)
FOR_MORE = (
    "What is flu?\nA virus that infects the airways.\nFor more information: CDC flu page\n\n"
    "How does it spread?\nBy droplets from coughs.\nFor more information: WHO\n\n"
    "Can I get a vaccine?\nYes, every autumn.\nFor more information: NHS\n"
)


@pytest.mark.parametrize("page", [DATED, FOR_MORE], ids=["dated", "for more information"])
def test_a_line_closing_every_answer_stays_in_it(page):
    for layout in (page, without_blank_lines(page)):
        df = qa_lib.parse_faq(layout)
        assert df["question"].tolist() == [
            "What is flu?",
            "How does it spread?",
            "Can I get a vaccine?",
        ]
        last = page.splitlines()[2].split(":")[0]
        assert all(a.splitlines()[-1].startswith(last) for a in df["answer"])


def test_a_date_closing_only_the_page_is_its_footer():
    page = "What is flu?\nA virus.\n\nHow does it spread?\nBy droplets.\n\nPage last updated: 5 May 2020\n"
    df = qa_lib.parse_faq(page)
    assert df["kind"].astype(str).tolist() == ["qa", "qa", "boilerplate"]
    assert df["reason"].iloc[-1] == "dated footer"
    assert df["answer"].iloc[1] == "By droplets."


MYTHS = (
    "Myths about the flu\n\n"
    "Vitamin C DOES NOT cure the flu\n"
    "No study shows that vitamin C cures influenza; it may shorten colds slightly.\n\n"
    "The flu shot CANNOT give you the flu\n"
    "The vaccine holds inactivated virus that cannot cause infection in anyone.\n\n"
    "Antibiotics do not treat the flu\n"
    "Antibiotics act on bacteria, and influenza is a virus, so they have no effect.\n"
)


def test_a_page_of_statement_headings_reads_its_headings_as_questions():
    for layout in (MYTHS, without_blank_lines(MYTHS)):
        df = qa_lib.parse_faq(layout)
        assert _kinds(df) == [
            ("boilerplate", ""),
            ("qa", "Vitamin C DOES NOT cure the flu"),
            ("qa", "The flu shot CANNOT give you the flu"),
            ("qa", "Antibiotics do not treat the flu"),
        ]
        assert set(df["reason"][1:]) == {"block heading"}


def test_questions_without_a_question_mark_in_title_case():
    page = (
        "Can Sole Proprietors Apply For Relief Grants\nYes, they apply through the state portal.\n\n"
        "What documents do I need?\nA tax return and proof of identity.\n\n"
        "How Long Does The Review Take\nAbout two weeks after the application is complete.\n"
    )
    for layout in (page, without_blank_lines(page)):
        assert qa_lib.parse_faq(layout)["question"].tolist() == [
            "Can Sole Proprietors Apply For Relief Grants",
            "What documents do I need?",
            "How Long Does The Review Take",
        ]


def test_a_line_of_link_text_stays_in_the_answer():
    page = (
        "What should labs use?\nUse approved packaging for samples.\n"
        "Schematic for packaging, UN 3373 Category B\n\nWho can test?\nAccredited labs only.\n"
    )
    df = qa_lib.parse_faq(page)
    assert df["question"].tolist() == ["What should labs use?", "Who can test?"]
    assert df.loc[0, "answer"].endswith("UN 3373 Category B")


LANGUAGES = {
    "de": (
        "Was ist das Coronavirus?\nEin neues Virus, das Atemwegserkrankungen auslöst.\n\n"
        "Welchen Vorteil bringt Abstand halten\nAbstand senkt das Risiko einer Ansteckung.\n\n"
        "Kann ich mich impfen lassen\nJa, in jeder Hausarztpraxis und in vielen Apotheken.\n",
        [
            "Was ist das Coronavirus?",
            "Welchen Vorteil bringt Abstand halten",
            "Kann ich mich impfen lassen",
        ],
    ),
    "it": (
        "Che cos'è il coronavirus?\nÈ un virus respiratorio nuovo, identificato nel 2019.\n\n"
        "Come si trasmette?\nPer via respiratoria, con le goccioline del respiro.\n\n"
        "Quali sono i sintomi\nFebbre, tosse secca e stanchezza sono i più comuni.\n",
        ["Che cos'è il coronavirus?", "Come si trasmette?", "Quali sono i sintomi"],
    ),
    "pl": (
        "Czym jest koronawirus?\nTo nowy wirus wywołujący choroby układu oddechowego.\n\n"
        "Jak się chronić?\nMyj często ręce mydłem i wodą.\n",
        ["Czym jest koronawirus?", "Jak się chronić?"],
    ),
    "sv": (
        "Vad är covid-19?\nEn sjukdom som orsakas av ett nytt coronavirus.\n\n"
        "Hur smittar det?\nFramför allt via droppar när en sjuk person hostar.\n",
        ["Vad är covid-19?", "Hur smittar det?"],
    ),
    "es": (
        "¿Qué es el coronavirus?\nUn virus nuevo que causa enfermedad respiratoria.\n\n"
        "¿Cómo se transmite?\nPor gotitas que se expulsan al toser.\n",
        ["¿Qué es el coronavirus?", "¿Cómo se transmite?"],
    ),
    "fr": (
        "Qu'est-ce que le coronavirus ?\nUn nouveau virus respiratoire.\n\n"
        "Comment se transmet-il ?\nPar les gouttelettes.\n",
        ["Qu'est-ce que le coronavirus ?", "Comment se transmet-il ?"],
    ),
}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_pages_in_other_languages(lang):
    page, questions = LANGUAGES[lang]
    for layout in (page, without_blank_lines(page)):
        assert qa_lib.parse_faq(layout)["question"].tolist() == questions


@pytest.mark.parametrize(
    ("q1", "q2"),
    [
        ("ما هو فيروس كورونا؟", "كيف ينتقل؟"),
        ("什么是冠状病毒？", "如何传播？"),
        ("Τι είναι ο κορονοϊός;", "Πώς μεταδίδεται;"),
        ("Ի՞նչ է կորոնավիրուսը՞", "Ինչպե՞ս է փոխանցվում՞"),
        ("What is it﹖", "How does it spread﹖"),
    ],
    ids=["arabic", "fullwidth", "greek", "armenian", "small"],
)
def test_question_marks_of_every_script(q1, q2):
    page = f"{q1}\nFirst answer line here.\n\n{q2}\nSecond answer line here.\n"
    df = qa_lib.parse_faq(page)
    assert df["question"].tolist() == [q1, q2]
    assert set(df["reason"]) == {"question mark"}


def test_a_semicolon_outside_greek_text_is_not_a_question_mark():
    df = qa_lib.parse_faq("What is it?\nA list follows;\nthen more text.\n")
    assert df["question"].tolist() == ["What is it?"]


def test_layout_cues_reject_unknown_or_missing_keys():
    from qa_lib.layout import LayoutError, parse_layout

    with pytest.raises(LayoutError, match="unknown keys \\['interogatives'\\]"):
        parse_layout({"interogatives": ["what"]})
    with pytest.raises(LayoutError, match="list of strings"):
        keys = [
            "interrogatives",
            "auxiliaries",
            "subjects",
            "related_prefixes",
            "call_to_action_verbs",
            "imperative_openers",
            "navigation",
            "footer_openers",
        ]
        parse_layout({k: {"en": [1]} if k == "navigation" else ["x"] for k in keys})


def test_model_file_must_name_every_feature():
    import json

    from qa_lib.logistic import ModelError
    from qa_lib.segment_model import default_model, from_json

    good = json.loads(default_model().to_json())
    assert from_json(json.dumps(good)).weights.tolist() == default_model().weights.tolist()
    del good["weights"]["ends_q"]
    with pytest.raises(ModelError, match="missing features \\['ends_q'\\]"):
        from_json(json.dumps(good))
