"""filter_blocks and option_counts: the plain functions behind the explorer."""

from __future__ import annotations

import pytest

import qa_lib
from qa_lib.filters import filter_blocks, option_counts


@pytest.fixture(scope="module")
def seed(seed_path):
    return qa_lib.read_faq(seed_path)


def test_no_filter_keeps_the_qa_rows(seed):
    out = filter_blocks(seed)
    assert len(out) == 16 and (out["kind"] == "qa").all()
    assert len(filter_blocks(seed, include_set_aside=True)) == len(seed)


def test_filters_combine_with_and(seed):
    out = filter_blocks(seed, claim_types=["research"], hedged=True)
    assert set(out["claim_type"]) == {"research"} and out["hedged"].all()
    assert len(out) == ((seed["claim_type"] == "research") & seed["hedged"]).sum()
    assert filter_blocks(seed, topics=["liver"])["question"].tolist() == [
        "Is glutamine bad for your liver?"
    ]
    assert len(filter_blocks(seed, topics=["liver", "skin"])) == 2
    assert set(filter_blocks(seed, subjects=["glutamine"])["subject"]) == {"glutamine"}
    assert set(filter_blocks(seed, evidence=["cited"])["evidence"]) == {"cited"}


def test_search_is_literal_and_case_insensitive(seed):
    out = filter_blocks(seed, search="HIPPOCAMPUS")
    assert out["question"].tolist() == ["How does glutamate affect anxiety?"]
    assert filter_blocks(seed, search="[5, 31]")["question"].tolist() == [
        "What behaviors are associated with glutamate?"
    ]
    assert filter_blocks(seed, search="no such words").empty


def test_filters_do_not_mutate(seed):
    before = seed.copy(deep=True)
    filter_blocks(seed, topics=["skin"], search="acne", include_set_aside=True)
    assert seed.equals(before)


def test_option_counts_in_category_order(seed):
    counts = dict(option_counts(seed, "claim_type"))
    assert list(counts) == [str(c) for c in seed["claim_type"].cat.categories]
    assert counts["research"] == (seed["claim_type"] == "research").sum()
    assert counts["other"] == 0
    assert option_counts(seed, "subject") == [("glutamate", 10), ("glutamine", 6)]


def test_mask_with_a_prebuilt_index_matches_the_plain_search(seed):
    from qa_lib.filters import filter_mask, search_index

    index = search_index(seed)
    for word in ("glutamine", "BRAIN", "[5, 31]", "zzz"):
        with_index = filter_mask(seed, search=word, index=index)
        assert with_index.equals(filter_mask(seed, search=word))
