"""Crafted pages that once made a labelling path quadratic: small sizes, right answers.

Speed is measured by ``make bench`` (its adversarial section), never here: these tests pin
what each shape must yield, and each finishes in well under a second.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import qa_lib
from qa_lib.citations import CITATION_RES, _labels, find_citation_spans
from qa_lib.cue_patterns import MAX_REPEAT
from qa_lib.labels import _SUBJECT_TEMPLATES, _TRAILING_RE, _TRIM_FROM, subject
from qa_lib.sentences import answer_items as _items
from qa_lib.taxonomy import default_taxonomy

TAX = default_taxonomy()


def _subject_reference(question: str) -> str | None:
    """``labels.subject`` as it was: every template searched from the start of the question."""
    if TAX.subject_names is not None and (m := TAX.subject_names.search(question)):
        return " ".join(m.group(0).lower().split())
    q = " ".join(question.split()).strip()
    for i, rx in enumerate(_SUBJECT_TEMPLATES):
        m = rx.search(q)
        if not m:
            continue
        s = m.group("s").strip(" ?.,:;\"'“”")
        if i >= _TRIM_FROM:
            s = _TRAILING_RE.sub("", s)
        s = s.lower()
        words = s.split()
        if not words or s in TAX.subject_stopwords or words[0] in TAX.subject_stopwords:
            continue
        if len(words) <= 8:
            return s
    return None


WORDS = ["causes", "of", "too", "much", "reduce", "symptoms", "the", "fat", "?", "??", "x"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_subject_search_from_the_last_question_mark_changes_nothing(words):
    question = " ".join(words)
    assert subject(question, TAX) == _subject_reference(question)


def test_long_question_with_repeated_words():
    question = "What are the symptoms of " + "causes of " * 3000 + "x??"
    assert subject(question, TAX) is None  # "??" ends no template; it used to take seconds
    question = "What are the symptoms of " + "causes of " * 3 + "x?"
    assert subject(question, TAX) == "causes of causes of causes of x"


def test_digits_with_thousands_separators():
    df = qa_lib.parse_faq("Is it safe?\nIn 1" + ",000" * 5000 + " apples it was.\n")
    assert df.loc[0, "evidence"] == "none"
    df = qa_lib.parse_faq("Is it safe?\nA trial in 12,000 people found it was.\n")
    assert df.loc[0, "evidence"] == "study"
    assert "12,000 people" in df.loc[0, "evidence_cues"]


def test_one_long_hyphenated_token():
    df = qa_lib.parse_faq("Is it safe?\nThe " + "covid-" * 5000 + "19 thing.\n")
    assert df.loc[0, "topic"] == "infectious_disease"
    assert df.loc[0, "conditions"] == ["covid-19"]
    assert all(len(c) <= len("covid") + MAX_REPEAT for c in df.loc[0, "topic_cues"])
    assert qa_lib.parse_faq("Is covid-19 here?\nYes.\n").loc[0, "topic_cues"] == ["covid-19"]


def test_a_user_cue_that_starts_everywhere_in_a_long_word(tmp_path):
    raw = qa_lib.taxonomy_path().read_text(encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(
        raw.replace(
            "[conditions]\n", "[conditions]\nlong = { topic = 'skin', pattern = 'a\\w*' }\n"
        )
    )
    tax = qa_lib.load_taxonomy(path)
    hits = tax.condition_matcher.finditer("The " + "a" * 20000 + " thing.")
    assert len(hits) == 20000  # one match per start position, as before
    assert {len(cue) for _, _, cue, _, _ in hits[:-MAX_REPEAT]} == {MAX_REPEAT + 1}
    assert hits[-1][2] == "a"
    df = qa_lib.parse_faq("Is it safe?\nThe " + "a" * 20000 + " thing.\n", taxonomy=tax)
    assert df.loc[0, "conditions"] == ["long"]


def _spans_reference(text: str) -> list[tuple[int, int, list[str]]]:
    """``find_citation_spans`` as it was: each new span checked against every earlier one."""
    found: list[tuple[int, int, list[str]]] = []
    for rx in CITATION_RES:
        for m in rx.finditer(text):
            group = next(g for g in m.groups() if g)
            start = m.start()
            if not any(s < m.end() and start < e for s, e, _ in found):
                found.append((start, m.end(), [*_labels_reference(group)]))
    return sorted(found)


def _labels_reference(group: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*,\s*", group.translate(str.maketrans("¹²³", "123")).strip()):
        m = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part)
        if m and 0 < int(m.group(2)) - int(m.group(1)) <= 20:
            out.extend(str(i) for i in range(int(m.group(1)), int(m.group(2)) + 1))
        elif part:
            out.append(part.replace(" ", ""))
    return out


PIECES = ["[1]", "[2, 3]", "( 4 )", "(5)", "a.", "b;7", " ", "x", "¹²", "[3-5]", ".", ",", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20))
def test_citation_spans_merge_as_before(pieces):
    text = "".join(pieces)
    assert find_citation_spans(text) == _spans_reference(text)


def test_many_citation_markers():
    spans = find_citation_spans("It is" + " [1]" * 5000 + " and (2).")
    assert len(spans) == 5001
    assert spans[-1][2] == ["2"]
    assert _labels("1 " + " " * 3000 + "- 3") == ["1", "2", "3"]


def test_many_bullet_items():
    bullets = [f"item {i}" for i in range(3000)]
    items = _items("intro\n" + "\n".join(bullets), [False] + [True] * len(bullets))
    assert items[0] == ("intro", False)
    assert [t for t, b in items if b] == bullets
    page = "Is it safe?\nIt is:\n" + "".join(f"• item {i}\n" for i in range(500))
    assert qa_lib.claims(qa_lib.parse_faq(page))["is_bullet"].sum() == 500
