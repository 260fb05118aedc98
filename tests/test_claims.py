"""claims(): one row per answer sentence and per bullet item, each labelled on its own."""

from __future__ import annotations

import qa_lib


def test_claims_split_sentences_and_bullets(seed_path):
    df = qa_lib.read_faq(seed_path)
    c = qa_lib.claims(df)
    assert set(c["block"]) == set(df.loc[df["kind"] == "qa", "block"])
    symptoms = c[c["question"] == "What are symptoms of low glutamate?"]
    assert symptoms["is_bullet"].sum() == 4
    assert symptoms.loc[symptoms["is_bullet"], "text"].tolist()[0] == (
        "Hyperalgesia (pain amplification, a key feature of FMS)"
    )
    assert symptoms["claim"].tolist() == list(range(len(symptoms)))


def test_each_claim_carries_its_own_citations_and_hedges():
    df = qa_lib.parse_faq(
        "Does glutamine increase weight?\n"
        "Although research is limited, studies link it to weight loss. "
        "A 6-week study found less belly fat ( 2 ).\n"
    )
    c = qa_lib.claims(df)
    assert c["text"].tolist() == [
        "Although research is limited, studies link it to weight loss.",
        "A 6-week study found less belly fat ( 2 ).",
    ]
    assert c["hedged"].tolist() == [True, False]
    assert c["citations"].tolist() == [[], ["2"]]
    assert c["evidence"].astype(str).tolist() == ["study", "cited"]


def test_claim_without_cues_takes_its_answers_type():
    df = qa_lib.parse_faq(
        "What are the symptoms?\nSymptoms include the following.\n• Restlessness\n"
    )
    c = qa_lib.claims(df)
    assert c["claim_type_from"].tolist() == ["claim", "answer"]
    assert c["claim_type"].astype(str).tolist() == ["symptoms", "symptoms"]
    assert c.loc[1, "claim_cues"] == []


def test_claims_of_related_and_boilerplate_rows_are_none():
    df = qa_lib.parse_faq("Intro text.\nRELATED: Is it safe?\nIs it safe?\nYes.\n")
    assert qa_lib.claims(df)["text"].tolist() == ["Yes."]
