"""Hostile taxonomies: each fails with a TaxonomyError naming the file and the entry."""

from __future__ import annotations

import re
import tomllib

import pytest

import qa_lib
from qa_lib.cue_patterns import MAX_REPEAT, PatternError, bound_repeats, check_pattern
from qa_lib.taxonomy import compile_taxonomy, taxonomy_path

HEAD = "version = 2\n[topic_weights]\nquestion = 3\nanswer = 1\n"
CLAIMS = "[claim_types.x]\nanswer.strong = { weight = 2, patterns = ['\\bfoo\\b'] }\n"
TOPICS = "[topics.a]\ncues = ['apple']\n"


def _write(tmp_path, body: str):
    path = tmp_path / "mine.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "entry", "why"),
    [
        (CLAIMS + TOPICS + "[hedges]\ncues = 'may'\n", "hedges.cues", "valid list, got str 'may'"),
        (CLAIMS + "[topics.a]\ncue = ['apple']\n", "topics.a.cue", "unknown key"),
        (CLAIMS + "[topics.a]\ncue = ['apple']\n", "topics.a.cues", "missing"),
        (
            "[claim_types.x]\nanswer.strong = { weight = 'heavy', patterns = ['x'] }\n" + TOPICS,
            r"claim_types.x.answer.strong.weight",
            "valid number, got str 'heavy'",
        ),
        (
            "[claim_types.x]\nanswer.strong = { weight = true, patterns = ['x'] }\n" + TOPICS,
            r"claim_types.x.answer.strong.weight",
            "valid number, got bool",
        ),
        (
            "[claim_types.x]\nanswer.strong = { patterns = ['x'] }\n" + TOPICS,
            r"claim_types.x.answer.strong.weight",
            "missing",
        ),
        (
            "[claim_types.x]\nanswer.strnog = { weight = 1, patterns = ['x'] }\n" + TOPICS,
            r"claim_types.x.answer.strnog",
            "unknown key",
        ),
        (CLAIMS + "[topics.a]\ncues = ['(a+)+$']\n", r"topics.a.cues[0]", "repeat inside a repeat"),
        (CLAIMS + "[topics.a]\ncues = ['ok', 'x?']\n", r"topics.a.cues[1]", "empty string"),
        (CLAIMS + "[topics.a]\ncues = ['\\b']\n", r"topics.a.cues[0]", "empty string"),
        (CLAIMS + "[topics.a]\ncues = ['(?P<n>a)']\n", r"topics.a.cues[0]", "named group"),
        (CLAIMS + "[topics.a]\ncues = ['(?x) a b']\n", r"topics.a.cues[0]", "inline flags"),
        (CLAIMS + "[topics.a]\ncues = ['(?s:a.b)']\n", r"topics.a.cues[0]", "inline flags"),
        (CLAIMS + "[topics.a]\ncues = ['(a)\\1']\n", r"topics.a.cues[0]", "back-reference"),
        (CLAIMS + "[topics.a]\ncues = ['(unclosed']\n", r"topics.a.cues[0]", "does not compile"),
        (
            CLAIMS + TOPICS + "[conditions]\nc = { topic = 'nope', pattern = 'x' }\n",
            "conditions.c.topic",
            "unknown topic 'nope'",
        ),
        (
            CLAIMS + TOPICS + "[subjects]\nnames = ['\\w+\\s*\\w+']\n",
            r"subjects.names[0]",
            "side by side",
        ),
    ],
)
def test_a_hostile_taxonomy_names_the_file_and_the_entry(tmp_path, body, entry, why):
    path = _write(tmp_path, body)
    with pytest.raises(qa_lib.TaxonomyError) as exc:
        qa_lib.load_taxonomy(path)
    lines = str(exc.value).splitlines()
    assert any(line.startswith(f"{path}: {entry}: ") and why in line for line in lines), (
        f"no line names {entry!r} with {why!r}: {lines}"
    )


def test_a_version_1_file_says_how_to_migrate(tmp_path):
    path = tmp_path / "old.toml"
    path.write_text("version = 1\n[claim_types.x]\nanswer = [{ weight = 1, patterns = ['x'] }]\n")
    with pytest.raises(qa_lib.TaxonomyError, match=r"old.toml: version 1 .*answer.strong"):
        qa_lib.load_taxonomy(path)


def test_the_packaged_taxonomy_passes_and_names_every_weight():
    raw = tomllib.loads(taxonomy_path().read_text(encoding="utf-8"))
    assert raw["version"] == 2
    for name, spec in raw["claim_types"].items():
        for group in [spec.get("question"), *spec.get("answer", {}).values()]:
            if group is not None:
                assert isinstance(group["weight"], int | float), name
    tax = compile_taxonomy(raw, "packaged")
    assert [t.regex is not None for t in tax.claim_answer_tiers] == [True, True]


def test_strong_and_weak_groups_both_count_a_nested_cue():
    raw = tomllib.loads(taxonomy_path().read_text(encoding="utf-8"))
    tax = compile_taxonomy(raw)
    strong, weak = tax.claim_answer_tiers
    text = "Symptoms include fever."
    assert ("symptoms", 3.0, "symptoms include", 0, 16) in strong.finditer(text)
    assert ("symptoms", 1.0, "symptoms", 0, 8) in weak.finditer(text)


def test_a_cue_matching_the_last_character_terminates(tmp_path):
    path = _write(tmp_path, CLAIMS + "[topics.a]\ncues = ['y']\n")
    tax = qa_lib.load_taxonomy(path)
    assert [m[2] for m in tax.topic_matcher.finditer("xy")] == []  # \b(?:y) needs a word start
    assert [m[2] for m in tax.topic_matcher.finditer("x y")] == ["y"]
    assert tax.topic_matcher.finditer("y") == [("a", 1.0, "y", 0, 1)]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bside effects?\b",
        r"\b(experience|have|develop|cause)s? (\w+ ){0,3}symptoms\b",
        r"\b\d+(,\d{3})* (people|patients)\b",
        r"^[^.;:]{1,120}?\b(is|are)\s+(a|an)\b",
        r"\bdiabetes\b(?<!type 2 diabetes)",
        r"\bmay\b(?! \d)(?!,? 20\d\d)",
        r"covid\S*",
    ],
)
def test_safe_shapes_pass(pattern):
    assert check_pattern(pattern) == pattern


@pytest.mark.parametrize(
    "pattern",
    [
        "(a+)+$",
        "(a*)*b",
        r"(\w+\s?)+$",
        "(a|b|ab)+c",
        r"\w+\w+x",
        r"\S+-\S+x",
        r"\d+\s*\d+",
        "(.*a){20}",
        "(a{1,200}){1,200}$",
        "a{0,300}a{0,300}b",
        "(ab+)*b+x",
    ],
)
def test_exponential_and_quadratic_shapes_are_rejected(pattern):
    with pytest.raises(PatternError, match="exponential or quadratic"):
        check_pattern(pattern)


@pytest.mark.parametrize(
    ("pattern", "bounded"),
    [
        (r"covid\S*", r"covid\S{0,255}"),
        (r"a+?b", r"a{1,255}?b"),
        (r"a*+b", r"a{0,255}+b"),
        (r"x{3,}y", r"x{3,255}y"),
        (r"[*+]\+x{2}\*", r"[*+]\+x{2}\*"),
        (r"(?:a|b)+(?=c*)", r"(?:a|b){1,255}(?=c{0,255})"),
        (r"^\s*what\b(?!.*x)", r"^\s*what\b(?!.*x)"),  # anchored: tried once, left as is
    ],
)
def test_unbounded_repeats_are_bounded_in_unanchored_cues(pattern, bounded):
    assert bound_repeats(pattern) == bounded
    assert re.compile(bounded)  # still a valid pattern


def test_bounded_cues_find_what_the_unbounded_ones_found_in_ordinary_words():
    text = "covid-19 spreads; depressive moods; a transplantation centre"
    for cue in (r"covid\S*", r"depress\w*", r"\btransplant\w*\b"):
        assert re.findall(bound_repeats(cue), text) == re.findall(cue, text)
    word = "a" * (MAX_REPEAT + 50)
    assert len(re.search(bound_repeats(r"a\w*"), word).group(0)) == MAX_REPEAT + 1
