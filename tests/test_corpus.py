"""Bars on real pages nobody here wrote (../shared/corpora); skipped where it is absent.

The segmenter is scored leave-one-source-out: each source (a site's page file in faq_pages,
faq_pages_more and MedQuAD, and the seed) is segmented, in every layout, by a model fitted on
the other sources only, and the naive rule ("a line ending in '?' starts a question") is
scored beside it. ``make eval`` prints the same numbers as a table.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from qa_lib.evaluate import (
    LAYOUTS,
    Row,
    Source,
    by_source,
    load_sources,
    normalise,
    pooled,
    training_rows,
)
from qa_lib.labels import claim_type
from qa_lib.segment import segment
from qa_lib.segment_model import LineModel, default_model, fit_selected
from qa_lib.taxonomy import default_taxonomy
from tests.conftest import GOLDEN, SEED

pytestmark = pytest.mark.corpus

F1_BAR, PAIRS_BAR, NAIVE_MARGIN = 0.98, 0.95, 0.01


@pytest.fixture(scope="module")
def sources(corpora: Path) -> list[Source]:
    return load_sources(corpora, SEED, GOLDEN / "seed_blocks.json")


@pytest.fixture(scope="module")
def held_out(sources) -> tuple[list[Row], dict[str, LineModel]]:
    from qa_lib.evaluate import leave_one_out

    models: dict[str, LineModel] = {}
    return leave_one_out(sources, log=lambda _: None, models=models), models


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pooled_bars_in_every_layout(held_out, sources, layout):
    ours, naive = pooled(held_out[0], sources, [layout])
    assert ours.f1 >= F1_BAR and ours.pairs >= PAIRS_BAR, f"ours: {ours}; naive: {naive}"


def test_pooled_bars_over_every_layout_and_source(held_out, sources):
    ours, naive = pooled(held_out[0], sources)
    assert ours.f1 >= F1_BAR and ours.pairs >= PAIRS_BAR, f"ours: {ours}; naive: {naive}"
    assert ours.f1 >= naive.f1 and ours.pairs >= naive.pairs, f"ours: {ours}; naive: {naive}"


def test_no_source_falls_below_the_naive_rule_in_pair_recall(held_out):
    behind = {
        k: (round(o.pairs, 3), round(n.pairs, 3))
        for k, (o, n) in by_source(held_out[0]).items()
        if o.pairs < n.pairs - NAIVE_MARGIN
    }
    assert not behind, f"sources below the naive rule (ours, naive): {behind}"


def test_medquad_pages_held_out(held_out, sources):
    rows = [r for r in held_out[0] if r.source.startswith("medquad/")]
    ours, _ = pooled(rows, sources)
    assert ours.f1 >= 0.99 and ours.pairs >= 0.98, str(ours)


def test_bullet_counts_match_gold_held_out(held_out, sources, corpora):
    """Each gold pair the held-out segmenter finds has the gold number of bullets."""
    with (corpora / "faq_pages" / "gold_pairs.csv").open(encoding="utf-8", newline="") as f:
        gold = {
            (r["source"], normalise(r["question"])): int(r["n_bullets"]) for r in csv.DictReader(f)
        }
    _, models = held_out
    same = found = 0
    for src in (s for s in sources if s.corpus == "faq_pages"):
        for b in segment(src.lines("published"), model=models[src.key]):
            want = gold.get((src.name, normalise(b.question or "")))
            if b.kind == "qa" and want is not None:
                found += 1
                same += len(b.bullets) == want
    assert found >= 0.98 * len(gold) and same == found, (same, found, len(gold))


def test_packaged_model_is_what_make_fit_segmenter_writes(sources):
    refit = fit_selected(training_rows(sources))
    assert json.loads(refit.to_json()) == json.loads(default_model().to_json())


def _medquad(corpora: Path) -> list[dict[str, str]]:
    with (corpora / "medquad" / "pairs.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_medquad_claim_type_accuracy_with_questions(corpora):
    rows, tax = _medquad(corpora), default_taxonomy()
    hits = sum(claim_type(r["question"], r["answer"], tax)[0] == r["claim_type"] for r in rows)
    assert hits / len(rows) >= 0.85, f"accuracy {hits / len(rows):.3f}"


def test_medquad_claim_type_accuracy_from_the_answer_alone(corpora):
    rows, tax = _medquad(corpora), default_taxonomy()
    hits = sum(
        claim_type(f"Question {i}?", r["answer"], tax)[0] == r["claim_type"]
        for i, r in enumerate(rows, 1)
    )
    assert hits / len(rows) >= 0.70, f"accuracy {hits / len(rows):.3f}"


def test_hedge_cues_on_bioscope(corpora):
    """The hedge cue list (nothing fitted) on BioScope's uncertain class: bar 0.86."""
    from qa_lib.evaluate_sentences import eval_hedging

    line = eval_hedging(corpora, default_taxonomy())[1]
    assert float(line.split("F1 ")[1].split()[0]) >= 0.86
