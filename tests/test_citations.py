"""Citation markers in every form the seed shows, and not the numbers that are content."""

from __future__ import annotations

import pytest

import qa_lib
from qa_lib.citations import find_citations, strip_citations


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("alterations [19].", ["19"]),
        ("and psychosis [5, 31], with schizophrenia [3, 4].", ["5", "31", "3", "4"]),
        ("potassium channels;44 this is thought", ["44"]),
        ("reduced both belly and body fat ( 2 ).", ["2"]),
        ("as shown before (7).", ["7"]),
        ("as reviewed [3-5].", ["3", "4", "5"]),
        ("cells.12 The next", ["12"]),
        ("the effect¹²", ["12"]),
    ],
)
def test_citation_forms(text, labels):
    assert find_citations(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "present in over 90% of all brain synapses",
        "taking 30 grams of glutamine powder daily",
        "in 66 people with type 2 diabetes",
        "a 6-week study",
        "within about 6 feet [2 meters]",
        "performed on 21 pets (12 dogs and 9 cats)",
        "call +1.301.907.6977 today",
        "the SARS outbreak in 2003.",
        "on March 19, 2020 statement",
        "for 10+ years",
        "COVID-19 . Facemasks",
    ],
)
def test_content_numbers_are_not_citations(text):
    assert find_citations(text) == []


def test_strip_citations_keeps_the_words():
    assert (
        strip_citations("Linked to psychosis [5, 31] and fat ( 2 ).")
        == "Linked to psychosis and fat."
    )


def test_seed_citations_column(seed_path):
    df = qa_lib.read_faq(seed_path)
    cited = df[df["citations"].map(len) > 0].set_index("question")["citations"].to_dict()
    assert cited == {
        "How does glutamate affect depression?": ["19"],
        "What behaviors are associated with glutamate?": ["5", "31", "3", "4"],
        "What drugs reduce glutamate?": ["44"],
        "Does glutamine increase weight?": ["2"],
    }
