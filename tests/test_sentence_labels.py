"""label_sentences, claim strength and the strength model: one labeller for claims and
sentences, strength beside hedging, weights read from package data, a fit that is repeatable."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import qa_lib
from qa_lib import plots
from qa_lib.filters import filter_blocks
from qa_lib.highlight import highlight_html
from qa_lib.sentence_labels import SENTENCE_COLUMNS
from qa_lib.strength import (
    STRENGTHS,
    cue_features,
    cue_rule,
    default_model,
    fit,
    folds,
    from_json,
    sentence_features,
)
from qa_lib.taxonomy import _compile, _gate, compile_taxonomy, default_taxonomy

TAX = default_taxonomy()


@pytest.fixture(scope="module")
def seed(seed_path):
    return qa_lib.read_faq(seed_path)


def test_one_row_per_input_in_order_with_every_sentence_label():
    texts = ["Smoking causes lung cancer.", "", "It is blue [2].", "Smoking causes lung cancer."]
    df = qa_lib.label_sentences(texts)
    assert list(df.columns) == list(SENTENCE_COLUMNS)
    assert df["text"].tolist() == texts
    assert df["strength"].dtype == pd.CategoricalDtype(STRENGTHS, ordered=True)
    assert df.loc[2, "citations"] == ["2"] and df.loc[2, "evidence"] == "cited"
    assert df.loc[0].drop("text").equals(df.loc[3].drop("text"))
    assert qa_lib.label_sentences([]).shape == (0, len(SENTENCE_COLUMNS))


@pytest.mark.parametrize(
    ("text", "hedged", "strength"),
    [
        ("Metformin may reduce the risk of colon cancer.", True, "conditional_causal"),
        ("Metformin reduces the risk of colon cancer.", False, "direct_causal"),
        ("Coffee intake was associated with lower mortality.", False, "correlational"),
        ("The clinic opens at nine on weekdays.", False, "none"),
    ],
)
def test_hedging_and_strength_are_separate_axes(text, hedged, strength):
    row = qa_lib.label_sentences([text]).iloc[0]
    assert (row["hedged"], row["strength"]) == (hedged, strength)


def test_a_causal_verb_with_an_object_is_a_cause_and_a_reported_difference_is_not():
    df = qa_lib.label_sentences(
        [
            "Vitamin D supplementation reduced the rate of falls.",
            "The rate of falls was reduced in the vitamin D group.",
            "Pain was reduced in the exercise group.",  # direct_causal without the words next to it
        ]
    )
    assert df["strength"].tolist() == ["direct_causal", "correlational", "correlational"]
    assert "reduced the" in df.loc[0, "strength_cues"]
    assert "reduced in" in df.loc[1, "strength_cues"]


def test_the_words_next_to_a_cue_are_found_whatever_its_case():
    tax = default_taxonomy()
    # "İ" is two characters in lower case: the word after is found from the match's end
    for text in ("Aspirin İNHİBİTED a b c.", "Aspirin INHIBITED a b c.", "It leads to a b."):
        feats = cue_features(text, tax)
        assert "causal_next:a" in feats, (text, sorted(feats))


def test_strength_cues_are_words_of_the_sentence():
    texts = [
        "Metformin may reduce the risk of colon cancer.",
        "Coffee intake was associated with lower mortality.",
        "Exercise improved sleep quality in older adults.",
    ]
    df = qa_lib.label_sentences(texts)
    for text, cues in zip(texts, df["strength_cues"], strict=True):
        assert cues
        words = " ".join(re.findall(r"[a-z]+|\d+", text.lower()))
        for cue in cues:
            for part in cue.split("…"):
                assert part.strip() in words or part.strip() in text.lower()


def test_claims_agree_with_sentences_labelled_on_their_own(seed):
    claims = qa_lib.claims(seed)
    alone = qa_lib.label_sentences(claims["text"].tolist())
    for col in ("hedged", "hedge_cues", "strength", "strength_cues", "citations", "evidence"):
        assert claims[col].astype(object).tolist() == alone[col].astype(object).tolist(), col
    own = claims["claim_type_from"] == "claim"
    assert (
        claims.loc[own, "claim_type"].astype(str) == alone.loc[own, "claim_type"].astype(str)
    ).all()


def test_block_strength_is_the_strongest_claim(seed):
    claims = qa_lib.claims(seed)
    strongest = claims.groupby("block")["strength"].max()
    qa = seed.loc[seed["kind"] == "qa"].set_index("block")
    assert qa["strength"].astype(str).to_dict() == strongest.astype(str).to_dict()
    assert seed.loc[seed["kind"] != "qa", "strength"].isna().all()


def test_cue_rule_reads_the_taxonomy_groups():
    assert cue_rule("X may reduce Y.", TAX) == ("conditional_causal", ["may", "reduce"])
    assert cue_rule("X reduced Y.", TAX)[0] == "direct_causal"
    assert cue_rule("X was associated with Y.", TAX)[0] == "correlational"
    assert cue_rule("X is blue.", TAX) == ("none", [])


def test_model_json_names_its_classes_and_round_trips():
    model = default_model()
    again = from_json(model.to_json())
    assert again.features == model.features
    assert np.allclose(again.weights, model.weights, atol=1e-5)
    with pytest.raises(ValueError, match="classes"):
        from_json('{"classes": ["a"], "weights": {}}')


def test_fit_is_deterministic_and_folds_are_stratified():
    texts = [
        "A reduces B.", "A lowers B.", "A may reduce B.", "A might lower B.",
        "A was associated with B.", "A correlated with B.", "A is blue.", "B is red.",
    ] * 4  # fmt: skip
    gold = ["direct_causal"] * 2 + ["conditional_causal"] * 2 + ["correlational"] * 2
    gold = (gold + ["none"] * 2) * 4
    feats = [sentence_features(t, TAX) for t in texts]
    a, b = fit(feats, gold, 1.0), fit(feats, gold, 1.0)
    assert a.features == b.features and np.array_equal(a.weights, b.weights)
    assert a.predict(feats)[0] == gold
    f = folds(gold, 4)
    for s in STRENGTHS:
        assert sorted(x for x, g in zip(f, gold, strict=True) if g == s) == sorted([0, 1, 2, 3] * 2)


def test_word_start_gate_keeps_every_match():
    patterns = [r"\bmay\b", r"(?<!membrane )\bpotential\b", r"^[^.]{1,20}?\bis a\b"]
    assert _gate(patterns)
    assert _gate([r"do you have"]) == ""  # may start inside a word: no gate
    texts = ["It may be a potential cue; membrane potential.", "Dismay is a feeling", "xmay"]
    ungated = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    gated = _compile(patterns)
    assert gated is not None and gated.pattern.startswith("(?=")
    for t in texts:
        assert [m.span() for m in gated.finditer(t)] == [m.span() for m in ungated.finditer(t)]


def test_a_taxonomy_without_strength_cues_still_labels(tmp_path):
    raw = {
        "version": 2,
        "claim_types": {"other": {}},
        "topic_weights": {"question": 1, "answer": 1},
        "topics": {"general": {"cues": []}},
    }
    tax = compile_taxonomy(raw)
    df = qa_lib.label_sentences(["Smoking causes cancer."], taxonomy=tax)
    assert df.loc[0, "strength"] in STRENGTHS


def test_strength_filter_chart_tables_and_highlight(seed):
    out = filter_blocks(seed, strengths=["direct_causal"])
    assert len(out) and (out["strength"] == "direct_causal").all()
    by_type = plots.strength_by_claim_type(seed)
    qa = seed.loc[seed["kind"] == "qa"]
    assert by_type["questions"].sum() == len(qa)
    hedging = plots.hedging_by_strength(seed)
    assert list(hedging.index) == list(STRENGTHS)
    assert hedging["hedged"].sum() == qa["hedged"].sum()
    assert "Claim strength" in plots.title(plots.strength_chart(seed))
    html = highlight_html("It may reduce pain.", TAX, ["may … reduce"])
    assert '<mark class="strength">reduce</mark>' in html
    assert "strength" not in highlight_html("It may reduce pain.", TAX)
