"""The taxonomy a frame was read with travels with it: claims, the explorer and the report use it."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import qa_lib
from qa_lib.build_report import build
from qa_lib.cli import main
from qa_lib.errors import TaxonomyError
from qa_lib.explorer import Explorer
from qa_lib.export import read_frame
from qa_lib.taxonomy import taxonomy_path

PAGE = "How much glutamine is too much?\nA dose above 40 g a day may upset the stomach.\n"
DOSAGE = """[claim_types.dosage]
description = "How much to take."
answer.strong = { weight = 5, patterns = ['\\bdose\\b'] }

[claim_types.other]"""


@pytest.fixture
def mine(tmp_path):
    """qa_lib's taxonomy plus a claim type of the user's own, ``dosage``."""
    raw = taxonomy_path().read_text(encoding="utf-8")
    assert raw.count("[claim_types.other]") == 1
    path = tmp_path / "mine.toml"
    path.write_text(raw.replace("[claim_types.other]", DOSAGE), encoding="utf-8")
    return path


def _claim_types(claims: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(claims["claim_type"].astype(str), claims["claim_type_from"], strict=True))


def test_claims_use_the_frames_taxonomy(mine, tmp_path):
    df = qa_lib.parse_faq(PAGE, taxonomy=mine)
    assert df.loc[0, "claim_type"] == "dosage"
    assert _claim_types(qa_lib.claims(df)) == [("dosage", "claim")]
    assert qa_lib.claims(df).loc[0, "claim_cues"] == ["dose"]
    # ... also after a round trip through Parquet, and through a filter
    df.to_parquet(tmp_path / "blocks.parquet")
    back = read_frame(tmp_path / "blocks.parquet")
    assert _claim_types(qa_lib.claims(back[back["kind"] == "qa"])) == [("dosage", "claim")]
    # the default taxonomy knows no dosage: the frame's own taxonomy is what made the difference
    assert "dosage" not in qa_lib.claims(qa_lib.parse_faq(PAGE))["claim_type"].cat.categories


def test_the_explorer_uses_the_frames_taxonomy(mine):
    panel = Explorer(qa_lib.parse_faq(PAGE, taxonomy=mine), save_to="unused.csv")
    assert panel.tax.claim_types[-2:] == ("dosage", "other")
    assert [label for label, _value in panel.claim_types.options] == ["dosage (1)"]


def test_a_changed_taxonomy_is_an_error_not_a_silent_relabel(mine):
    df = qa_lib.parse_faq(PAGE, taxonomy=mine)
    mine.write_text(mine.read_text(encoding="utf-8").replace("dose", "dosis"), encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"mine\.toml: the taxonomy changed"):
        qa_lib.claims(df)
    # passed explicitly, the edited file is used: "dose" is no longer a cue of its own
    assert _claim_types(qa_lib.claims(df, taxonomy=mine)) == [("dosage", "answer")]
    mine.unlink()
    with pytest.raises(TaxonomyError, match=r"mine\.toml: .* no longer there"):
        qa_lib.claims(df)


def test_the_command_line_passes_the_taxonomy_on(mine, tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main([str(page), "--claims", "--format", "json", "--taxonomy", str(mine)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["claim_type"], r["claim_type_from"]) for r in rows] == [("dosage", "claim")]


def test_the_report_uses_the_taxonomy(mine, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    html = build(page, tmp_path / "out", taxonomy=mine)
    claims = pd.read_csv(tmp_path / "out" / "claims.csv")
    assert claims[["claim_type", "claim_type_from"]].values.tolist() == [["dosage", "claim"]]
    assert "<th>dosage</th>" in html.read_text(encoding="utf-8")  # claim-type table column


def test_a_taxonomy_built_in_memory_travels_too(mine):
    import tomllib

    from qa_lib.taxonomy import compile_taxonomy

    tax = compile_taxonomy(tomllib.loads(mine.read_text(encoding="utf-8")), "built by hand")
    df = qa_lib.parse_faq(PAGE, taxonomy=tax)
    assert _claim_types(qa_lib.claims(df)) == [("dosage", "claim")]
