"""Bars on real pages nobody here wrote (../shared/corpora); skipped where it is absent."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import qa_lib
from qa_lib.evaluate import PairScore, score_pairs
from qa_lib.labels import claim_type
from qa_lib.taxonomy import default_taxonomy
from tests.conftest import without_blank_lines

pytestmark = pytest.mark.corpus


def _gold(path: Path) -> dict[str, list[tuple[str, str]]]:
    gold: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            gold[row["source"]].append((row["question"], row["answer"]))
    return gold


def _naive(text: str) -> list[tuple[str, str]]:
    """The baseline: a line ending in '?' starts a question."""
    pairs, q, answer = [], None, []
    for line in (x.strip() for x in text.splitlines()):
        if not line:
            continue
        if line.endswith("?"):
            if q is not None:
                pairs.append((q, "\n".join(answer)))
            q, answer = line, []
        elif q is not None:
            answer.append(line)
    if q is not None:
        pairs.append((q, "\n".join(answer)))
    return pairs


def _layout_text(corpora: Path, layout: str, source: str) -> str:
    folder = "block" if layout == "no_blank" else layout
    text = (corpora / "faq_pages" / folder / f"{source}.txt").read_text(encoding="utf-8")
    if layout == "no_blank":  # derived: the same page with every blank line removed
        text = without_blank_lines(text)
    return text


def _score(corpora: Path, layout: str) -> tuple[PairScore, PairScore]:
    gold = _gold(corpora / "faq_pages" / "gold_pairs.csv")
    ours, naive, all_gold = [], [], []
    for source, pairs in sorted(gold.items()):
        text = _layout_text(corpora, layout, source)
        df = qa_lib.parse_faq(text, source)
        qa = df[df["kind"] == "qa"]
        ours += list(zip(qa["question"], qa["answer"], strict=True))
        naive += _naive(text)
        all_gold += pairs
    return score_pairs(ours, all_gold), score_pairs(naive, all_gold)


@pytest.mark.parametrize("layout", ["block", "spaced"])
def test_faq_pages_segment_to_gold(corpora, layout):
    ours, _ = _score(corpora, layout)
    assert ours.f1 >= 0.99, str(ours)
    assert ours.pairs >= 0.98, str(ours)


def test_no_blank_layout_beats_the_naive_rule(corpora):
    ours, naive = _score(corpora, "no_blank")
    assert ours.f1 >= naive.f1 and ours.pairs >= naive.pairs, f"ours: {ours}; naive: {naive}"
    assert ours.f1 >= 0.99 and ours.pairs >= 0.98, str(ours)


def test_bullet_counts_match_gold(corpora):
    with (corpora / "faq_pages" / "gold_pairs.csv").open(encoding="utf-8", newline="") as f:
        gold = [(r["source"], int(r["n_bullets"])) for r in csv.DictReader(f)]
    df = qa_lib.read_faq(corpora / "faq_pages" / "block")
    qa = df[df["kind"] == "qa"]
    ours = [
        (s.removesuffix(".txt"), len(b)) for s, b in zip(qa["source"], qa["bullets"], strict=True)
    ]
    assert ours == gold


@pytest.mark.parametrize("no_blank", [False, True], ids=["as published", "no blank lines"])
def test_medquad_pages_segment_to_gold(corpora, no_blank):
    gold = _gold(corpora / "medquad" / "pairs.csv")
    ours, all_gold = [], []
    for source, pairs in gold.items():
        text = (corpora / "medquad" / "pages" / f"{source}.txt").read_text(encoding="utf-8")
        if no_blank:
            text = without_blank_lines(text)
        df = qa_lib.parse_faq(text, source)
        qa = df[df["kind"] == "qa"]
        ours += list(zip(qa["question"], qa["answer"], strict=True))
        all_gold += pairs
    score = score_pairs(ours, all_gold)
    assert score.f1 >= 0.99 and score.pairs >= 0.98, str(score)


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
