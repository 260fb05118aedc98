"""Labels: subject, topic, claim type, hedging and evidence, explained by their cues."""

from __future__ import annotations

import pytest

import qa_lib
from qa_lib.labels import claim_type, evidence, hedges, subject
from qa_lib.taxonomy import default_taxonomy, taxonomy_path

TAX = default_taxonomy()


@pytest.fixture(scope="module")
def seed(seed_path):
    return qa_lib.read_faq(seed_path).set_index("question")


@pytest.mark.parametrize(
    ("question", "claim", "topic"),
    [
        ("How does glutamate affect anxiety?", "research", "mental_health"),
        ("Can glutamine cause depression?", "mechanism", "mental_health"),
        ("What are symptoms of low glutamate?", "symptoms", "mental_health"),
        ("What is the main function of glutamate?", "definition", "nervous_system"),
        ("Is Glutamine good for anxiety?", "usage", "mental_health"),
        ("What drugs reduce glutamate?", "treatment", "nervous_system"),
        ("Is glutamine bad for your liver?", "safety", "liver"),
        ("Does glutamine clear skin?", "anecdote", "skin"),
        ("Does glutamine increase weight?", "research", "metabolism"),
    ],
)
def test_seed_claim_types_and_topics(seed, question, claim, topic):
    row = seed.loc[question]
    assert (row["claim_type"], row["topic"]) == (claim, topic)
    assert row["claim_cues"], "every label carries the cues that produced it"
    assert row["topic_cues"]


def test_seed_subjects_and_conditions(seed):
    assert seed.loc["Can glutamine cause depression?", "subject"] == "glutamine"
    assert seed.loc["What drugs reduce glutamate?", "subject"] == "glutamate"
    assert seed.loc["Is caffeine a psychoactive?", "subject"] == "caffeine"
    assert seed.loc["Does glutamine clear skin?", "conditions"] == ["acne", "leaky gut"]
    assert "type 2 diabetes" in seed.loc["Does glutamine increase weight?", "conditions"]
    assert "diabetes" not in seed.loc["Does glutamine increase weight?", "conditions"]


def test_seed_hedging_and_evidence(seed):
    assert seed.loc["How does glutamate affect anxiety?", "hedge_cues"] == [
        "studies have hinted",
        "might",
        "seem",
    ]
    assert seed.loc["Does glutamine increase weight?", "hedge_cues"] == ["research is limited"]
    assert not seed.loc["What is the main function of glutamate?", "hedged"]
    assert seed.loc["Does glutamine increase weight?", "evidence"] == "cited"
    assert seed.loc["Does glutamine increase anxiety?", "evidence"] == "study"
    assert seed.loc["Does glutamine clear skin?", "evidence"] == "anecdote"
    assert seed.loc["Is glutamine bad for your liver?", "evidence"] == "none"


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Glutamate can overexcite nerve cells.", []),  # ability "can" is not a hedge
        ("Glutamate has been shown to cross the barrier.", []),  # a booster
        ("In this study, we demonstrated an effect.", []),
        ("It may help, and it appears to lower levels.", ["may", "appears to"]),
        ("This is thought to decrease release.", ["is thought"]),
        ("Published in May 2020, the guide is clear.", []),
    ],
)
def test_hedge_cues(text, cues):
    assert hedges(text, TAX) == cues


def test_evidence_levels():
    assert evidence("A 6-week study in 66 people.", [], TAX)[0] == "study"
    assert evidence("I take one cap per day.", [], TAX)[0] == "anecdote"
    assert evidence("Glutamate is a molecule.", [], TAX) == ("none", [])
    assert evidence("Anything.", ["4"], TAX) == ("cited", ["[4]"])


def test_answer_wording_outweighs_the_question_template():
    answer = "In a 12-week trial, researchers found that patients improved."
    assert claim_type("What causes migraines?", answer, TAX)[0] == "research"
    assert claim_type("Question 1?", "I have tried it and my skin cleared.", TAX)[0] == "anecdote"
    assert claim_type("Question 1?", "Nothing to see.", TAX) == ("other", [])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is (are) Dentures ?", "dentures"),
        ("What are the symptoms of Peripheral Artery Disease ?", "peripheral artery disease"),
        ("How can I protect myself?", None),
        ("What causes Insomnia ?", "insomnia"),
    ],
)
def test_subject_from_question_wording(question, expected):
    assert subject(question, TAX) == expected


def test_label_columns_are_categoricals_in_taxonomy_order(seed_path):
    df = qa_lib.read_faq(seed_path)
    assert list(df["topic"].cat.categories) == list(TAX.topics)
    assert list(df["claim_type"].cat.categories) == list(TAX.claim_types)
    assert list(df["evidence"].cat.categories) == ["cited", "study", "anecdote", "none"]
    assert list(df["kind"].cat.categories) == ["qa", "related", "boilerplate"]


def test_a_user_can_extend_the_taxonomy(tmp_path):
    raw = taxonomy_path().read_text(encoding="utf-8")
    raw = raw.replace(
        "[topics.general]", "[topics.dental]\ncues = ['teeth', 'dentures?']\n\n[topics.general]"
    )
    path = tmp_path / "mine.toml"
    path.write_text(raw, encoding="utf-8")
    df = qa_lib.parse_faq("Do dentures hurt?\nNew dentures may feel odd.\n", taxonomy=path)
    assert df.loc[0, "topic"] == "dental"
    assert "dental" in list(df["topic"].cat.categories)
    assert df.loc[0, "topic_cues"] == ["dentures"]


def test_a_broken_taxonomy_is_a_typed_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(
        "version = 2\n[topic_weights]\nquestion = 3\nanswer = 1\n"
        "[claim_types.x]\nanswer.strong = { weight = 1, patterns = ['(unclosed'] }\n"
        "[topics.a]\ncues=[]\n"
    )
    with pytest.raises(
        qa_lib.TaxonomyError,
        match=r"broken.toml: claim_types.x.answer.strong.patterns\[0\]: .* does not compile",
    ):
        qa_lib.parse_faq("Q?\nA.", taxonomy=path)
    path.write_text("version = 2\n[topic_weights]\nquestion = 3\nanswer = 1\n[topics.a]\ncues=[]\n")
    with pytest.raises(qa_lib.TaxonomyError, match=r"broken.toml: claim_types: missing"):
        qa_lib.load_taxonomy(path)


def test_repeated_blocks_are_labelled_alike_and_independently(seed_path):
    df = qa_lib.read_faq([seed_path, seed_path])  # each distinct block is labelled once
    first, second = df.iloc[:19].reset_index(drop=True), df.iloc[19:].reset_index(drop=True)
    assert first.astype(str).equals(second.astype(str))
    df.loc[0, "citations"].append("999")  # rows do not share list objects
    assert df.loc[19, "citations"] == ["19"]
