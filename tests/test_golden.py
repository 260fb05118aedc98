"""Golden test of the seed: the whole frame, every column. Regenerate with ``make golden``."""

from __future__ import annotations

import json

import pytest

import qa_lib
from tests.regenerate_golden import GOLDEN, records


@pytest.mark.parametrize("kind", ["blocks", "claims"])
def test_seed_matches_golden(kind):
    expected = json.loads((GOLDEN / f"seed_{kind}.json").read_text(encoding="utf-8"))
    assert records(kind) == expected, f"seed {kind} changed: run `make golden` and review the diff"


def test_seed_has_16_pairs_2_related_and_a_tagline(seed_path):
    df = qa_lib.read_faq(seed_path)
    assert df["kind"].value_counts().to_dict() == {"qa": 16, "related": 2, "boilerplate": 1}
    assert df.iloc[-1]["text"] == "Run to meet life"
    assert df.loc[df["kind"] == "related", "question"].tolist() == [
        "Is caffeine a psychoactive?",
        "How many years do antipsychotics take off your life?",
    ]
