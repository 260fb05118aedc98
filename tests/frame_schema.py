"""The declared schema of qa_lib's frames, checked with pandera in the tests."""

from __future__ import annotations

import pandera.pandas as pa

from qa_lib.strength import STRENGTHS
from qa_lib.taxonomy import default_taxonomy

TAX = default_taxonomy()


def _is_list_of_str(s) -> bool:
    return bool(s.map(lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)).all())


def _is_list_of_bool(s) -> bool:
    return bool(s.map(lambda v: isinstance(v, list) and all(isinstance(x, bool) for x in v)).all())


def _list_col() -> pa.Column:
    return pa.Column(
        object, checks=pa.Check(_is_list_of_str, element_wise=False, error="list of str")
    )


def _flags_match_answer(df) -> bool:
    lines = df["answer"].map(lambda a: len(a.split("\n")) if isinstance(a, str) and a else 0)
    return bool((lines == df["is_bullet"].map(len)).all())


def _cat(values: tuple[str, ...], nullable: bool = True) -> pa.Column:
    return pa.Column(
        "category",
        checks=pa.Check(lambda s: list(s.cat.categories) == list(values) and s.cat.ordered),
        nullable=nullable,
    )


BLOCKS = pa.DataFrameSchema(
    {
        "source": pa.Column(str),
        "block": pa.Column(int, pa.Check.ge(0)),
        "kind": _cat(("qa", "related", "boilerplate"), nullable=False),
        "reason": pa.Column(str, pa.Check.str_length(min_value=1)),
        "question": pa.Column(str, nullable=True),
        "answer": pa.Column(str, nullable=True),
        "is_bullet": pa.Column(
            object, checks=pa.Check(_is_list_of_bool, element_wise=False, error="list of bool")
        ),
        "bullets": _list_col(),
        "line_start": pa.Column(int, pa.Check.ge(1)),
        "line_end": pa.Column(int, pa.Check.ge(1)),
        "text": pa.Column(str),
        "citations": _list_col(),
        "subject": pa.Column(str, nullable=True),
        "topic": _cat(TAX.topics),
        "topic_cues": _list_col(),
        "conditions": _list_col(),
        "claim_type": _cat(TAX.claim_types),
        "claim_cues": _list_col(),
        "hedged": pa.Column(bool),
        "hedge_cues": _list_col(),
        "strength": _cat(STRENGTHS),
        "strength_cues": _list_col(),
        "evidence": _cat(TAX.evidence_levels),
        "evidence_cues": _list_col(),
    },
    checks=[
        pa.Check(lambda df: (df["line_start"] <= df["line_end"]).all(), error="span order"),
        pa.Check(
            lambda df: (df["kind"] != "qa") | df["question"].notna(), error="qa has a question"
        ),
        pa.Check(
            lambda df: (df["kind"] != "qa") | df["claim_type"].notna(), error="qa is labelled"
        ),
        pa.Check(
            lambda df: (df["kind"] == "qa") | df["strength"].isna(), error="only qa has strength"
        ),
        pa.Check(lambda df: df["hedged"] == df["hedge_cues"].map(bool), error="hedged iff cues"),
        pa.Check(_flags_match_answer, error="one is_bullet flag per answer line"),
        pa.Check(
            lambda df: df["bullets"].map(len) == df["is_bullet"].map(sum), error="bullets = flags"
        ),
    ],
    strict=True,
    ordered=True,
)

CLAIMS = pa.DataFrameSchema(
    {
        "source": pa.Column(str),
        "block": pa.Column(int, pa.Check.ge(0)),
        "claim": pa.Column(int, pa.Check.ge(0)),
        "question": pa.Column(str),
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "is_bullet": pa.Column(bool),
        "claim_type": _cat(TAX.claim_types, nullable=False),
        "claim_cues": _list_col(),
        "claim_type_from": pa.Column(str, pa.Check.isin(["claim", "answer"])),
        "hedged": pa.Column(bool),
        "hedge_cues": _list_col(),
        "strength": _cat(STRENGTHS, nullable=False),
        "strength_cues": _list_col(),
        "citations": _list_col(),
        "evidence": _cat(TAX.evidence_levels, nullable=False),
    },
    strict=True,
    ordered=True,
)
