"""The strength model's fast path (feature rows by look-up, cues ranked over the whole batch)
against the straightforward one it replaced: every feature string built, each sentence's
features sorted. Same rows in the same order, so the same sums, labels and cues."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

import qa_lib
from qa_lib.strength import (
    _UNNAMED,
    N_CUES,
    STRENGTHS,
    StrengthModel,
    default_model,
    fit,
    sentence_features,
    strengths,
)
from qa_lib.taxonomy import default_taxonomy

TAX = default_taxonomy()


def _shown(feature: str, feats: dict[str, str]) -> str:
    word = feats.get(feature, "")
    if not word and feature[:2] in ("w:", "b:"):
        return feature[2:]
    return word


def reference(texts: list[str], model: StrengthModel) -> tuple[list[str], list[list[str]]]:
    """Strength and cues as first written: build every feature, sum its rows, sort them all."""
    labels, cues = [], []
    for text in texts:
        feats = sentence_features(text, TAX)
        rows = model.indices(feats)
        scores = np.add.reduceat(model.weights[rows], [0], axis=0)[0]
        best = int(scores.argmax())
        ranked = sorted(
            (
                (model.weights[i, best], model.features[i])
                for i in rows
                if model.weights[i, best] > 0
            ),
            reverse=True,
        )
        out: list[str] = []
        for _, f in ranked:
            if len(out) >= N_CUES:
                break
            word = _shown(f, feats)
            if word and word not in out and word not in _UNNAMED and f != "bias":
                out.append(word)
        labels.append(STRENGTHS[best])
        cues.append(out)
    return labels, cues


def _assert_same(texts: list[str], model: StrengthModel) -> None:
    for text in texts:
        assert model.text_rows(text, TAX)[0] == model.indices(sentence_features(text, TAX)), text
    assert strengths(texts, TAX, model) == reference(texts, model)
    assert model.predict([sentence_features(t, TAX) for t in texts]) == reference(texts, model)


TRICKY = [
    "",
    "...",
    "the of and the of and",
    "Smoking causes cancer; smoking causes cancer, and smoking causes cancer.",
    "Smoking may cause cancer but was not associated with stroke.",
    "No significant difference in risk was found (p = 0.04) in 2019 vs 2020.",
    "COVID19 vaccines reduce risk by 95% in adults aged 18-64.",
    "Über-café naïve risk İstanbul ＫＫ １２ reduces",
    "A may reduce B. A may reduce B. A is associated with C and may increase D.",
]


def test_fast_path_matches_the_reference_on_tricky_sentences():
    _assert_same(TRICKY, default_model())
    assert strengths([], TAX) == ([], [])


def test_fast_path_matches_the_reference_for_a_freshly_fitted_model():
    texts = ["A reduces B.", "A may reduce B.", "A was associated with B.", "A is blue."] * 3
    gold = ["direct_causal", "conditional_causal", "correlational", "none"] * 3
    model = fit([sentence_features(t, TAX) for t in texts], gold, 1.0)
    _assert_same(texts + TRICKY, model)


@pytest.mark.corpus
def test_fast_path_matches_the_reference_on_the_corpora(corpora: Path):
    texts: list[str] = []
    for part in ("hedging", "strength"):
        with (corpora / part / "sentences.csv").open(encoding="utf-8", newline="") as f:
            texts += [r["sentence"] for r in csv.DictReader(f)]
    df = qa_lib.read_faq(corpora / "faq_pages" / "block", workers=1)
    texts += qa_lib.claims(df)["text"].tolist()
    _assert_same(texts, default_model())
