"""The prefilter finds exactly what plain ``re`` finds: same cue lists, same frames.

Each matcher of a taxonomy keeps its plain-``re`` path (``reference_taxonomy``); these tests
compare the two on crafted cases, on hypothesis-generated text built from the cues themselves
(case variants, 'ſ', 'ı', 'İ', the Kelvin sign, accents, no-break spaces), and on the corpora.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qa_lib
from qa_lib.cue_prefilter import fold_char, fold_text, plan
from qa_lib.taxonomy import (
    Finder,
    Matcher,
    compile_taxonomy,
    default_taxonomy,
    reference_taxonomy,
)

TAX = default_taxonomy()
REF = reference_taxonomy(TAX)


def _finders(tax) -> dict[str, Matcher | Finder]:
    out: dict[str, Matcher | Finder] = {
        name: getattr(tax, name)
        for name in (
            "claim_question_matcher",
            "topic_matcher",
            "condition_matcher",
            "strength_matcher",
            "subject_names",
            "hedges",
            "evidence_study",
            "evidence_anecdote",
        )
        if getattr(tax, name) is not None and getattr(tax, name).regex is not None
    }
    for i, tier in enumerate(tax.claim_answer_tiers):
        out[f"tier{i}"] = tier
    return out


def _assert_same(tax, ref, text: str) -> None:
    fast, slow = _finders(tax), _finders(ref)
    for name, f in fast.items():
        r = slow[name]
        assert r.engine is None and f.engine is not None
        if isinstance(f, Matcher):
            assert f.finditer(text) == r.finditer(text), (name, text)
        else:
            got = [(m.span(), m.group(0)) for m in f.finditer(text)]
            want = [(m.span(), m.group(0)) for m in r.regex.finditer(text)]
            assert got == want, (name, text)
            first = f.search(text)
            expected = r.regex.search(text)
            assert (first and first.span()) == (expected and expected.span()), (name, text)


# --- folding ---------------------------------------------------------------------------------

ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
SPECIAL = "\u0130\u0131\u017f\u212a\u212b\u03c3\u03c2\u03a3\u00b5\u03bc\u1e9e\u00df\u0345\u1fbe"


def test_folding_keeps_length_and_positions():
    assert len(fold_text(ALL_CHARS)) == len(ALL_CHARS)
    assert fold_text("İstanbul ſ K ı") == "istanbul s k i"
    assert fold_text("ΟΔΟΣ οδος") == fold_text("οδοσ ΟΔΟΣ")  # final sigma: one letter to re


@pytest.mark.parametrize("ch", list("AaZzIiSsKk") + list(SPECIAL) + list("ÉéÅåÇçΘ"))
def test_whatever_ignorecase_matches_folds_to_the_same_character(ch):
    """Never under-select: every character ``re.IGNORECASE`` matches with ``ch`` folds as it does
    (over every code point)."""
    folded = fold_text(ALL_CHARS)
    for m in re.finditer(re.escape(ch), ALL_CHARS, re.IGNORECASE):
        assert folded[m.start()] == fold_char(ch), (hex(ord(ch)), hex(ord(m.group(0))))


# --- plans -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "keys", "offset"),
    [
        (r"\bside effects?\b", {"side effect"}, 0),
        (r"\b(is|are) characterized by\b", {"is characterized by", "are characterized by"}, 0),
        (r"\bI(?:'ve|’ve| have)\b", {"i've", "i’ve", "i have"}, 0),
        (r"\bdiabetes\b(?<!type 2 diabetes)", {"diabetes"}, 0),
        (r"(?<!membrane )\bpotential(ly)?\b", {"potential"}, 0),
        (r"\bbipolar( disorder)?\b|\bbpd\b", {"bipolar", "bpd"}, 0),
        (r"^[^.;:]{1,120}?\b(is|are)\s+a\b", {"is", "are"}, None),
        (r"\b\w{1,20} pain", {" pain"}, None),
        (r"a\w{0,255}", set(), None),
        (r"\bx\b", set(), None),
        (r"\bSTRASSE\b", {"strasse"}, 0),
    ],
)
def test_plan_names_the_strings_a_match_must_start_with(pattern, keys, offset):
    p = plan(pattern)
    assert set(p.keys) == keys
    assert p.offset == offset


# --- matchers: crafted cases -----------------------------------------------------------------

CASES = [
    "",
    "x",
    "Rheumatoid arthritis and osteoarthritis are arthritis.",
    "RHEUMATOID\u00a0ARTHRITIS, rheumatoid  arthritis",
    "Type 2 diabetes is not the same as diabetes; type 1 diabetes either.",
    "Resting potential and a potential risk: potentially.",
    "It may, 2020, cause harm. It may 3 times. It may.",
    "ſide effectſ, SIDE EFFECTS, ſymptoms include fever",
    "\u212aill the virus? İnflammation, İNFLAMMATİON, ınflammation",
    "Café naïve résumé: déjà vu of sleep apnea; Schlafapnoe",
    "What is glutamate? It is a neurotransmitter [4].",
    "  What are the symptoms of COVID-19?",
    "I've been taking it; I’ve tried; I have; i HAVE.",
    "covid-19-related long-covid covid19 SARS-CoV-2 sars",
    "The study [3] found (2) that studies have shown results.",
    "no significant difference, not significantly associated, did not differ",
    "depressive depression depressed; anxiety-disorders anxiety disorder",
    "a\u200bcne acne cystic acne; Alzheimer’s disease; Alzheimer's; Crohns",
    "\n\nmay\nmight\ncould not be\n",
    "vitamin b12 and vitamin D, vitamin e3 fish oil omega-3",
]


@pytest.mark.parametrize("text", CASES)
def test_crafted_texts_give_the_reference_matches(text):
    _assert_same(TAX, REF, text)


def test_nested_and_overlapping_cues_are_all_found():
    text = "rheumatoid arthritis"
    assert TAX.condition_matcher.finditer(text) == [
        ("arthritis", 1.0, "rheumatoid arthritis", 0, 20),
        ("arthritis", 1.0, "arthritis", 11, 20),
    ]
    assert TAX.condition_matcher.finditer(text) == REF.condition_matcher.finditer(text)


USER_TAXONOMY = {
    "version": 2,
    "claim_types": {
        "a": {"description": "a", "answer": {"strong": {"weight": 2, "patterns": [r"a\w*", "ſx"]}}},
        "b": {
            "description": "b",
            "answer": {"strong": {"weight": 1, "patterns": [r"\bab", r"(?<=c)ab", r"^\s*ab"]}},
        },
        "other": {"description": "none"},
    },
    "topic_weights": {"question": 3.0, "answer": 1.0},
    "topics": {
        "t": {"cues": [r"\w+ ache", r"k\w*", "İx", r"\bé"]},
        "general": {"cues": []},
    },
    "conditions": {},
    "subjects": {"names": ["ab", "a b"], "stopwords": []},
    "hedges": {"cues": [r"\bmay\b", r"\bmay be\b", r"may"]},
    "strength": {"causal": [r"\bx\b", r"\b(ca|b)use[sd]?"], "modal": [r"\bmay be\b", r"ma"]},
    "evidence": {"study": [r"\d{1,3}(?:,\d{3})+", r"\[\d\]"], "anecdote": ["I"]},
}


def test_a_users_taxonomy_with_awkward_patterns():
    tax = compile_taxonomy(USER_TAXONOMY, "user.toml")
    ref = reference_taxonomy(tax)
    for text in [
        "ab cab aab abab",
        "  ab is first; ab",
        "SX ſx sX; head ache, back ache",
        "Kelvin \u212aelvin kk",
        "ix İx ıx IX",
        "é É e\u0301 café",
        "may be maybe dismay MAY BE",
        "a" * 300 + " ab",
    ]:
        _assert_same(tax, ref, text)


# --- matchers: generated text ----------------------------------------------------------------


def _words() -> list[str]:
    keys = sorted(
        {k for f in _finders(TAX).values() for k in f.engine.keys(f.sid)}  # type: ignore[union-attr]
    )
    return [*keys, "in", "the", "rheumatoid", "2", "20", "[3]", "( 2 )", "membrane", "not"]


WORDS = _words()
SEPARATORS = [" ", " ", " ", "\u00a0", "\n", "-", ". ", ", ", "’", "'", "", "  ", "\t", "?"]
SWAPS = [
    ("s", "ſ"),
    ("k", "\u212a"),
    ("i", "ı"),
    ("i", "İ"),
    ("e", "é"),
    ("a", "à"),
    (" ", "\u00a0"),
]


@st.composite
def cue_text(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 14))):
        word = draw(st.sampled_from(WORDS))
        case = draw(st.sampled_from(["lower", "upper", "title", "swapcase", "as is"]))
        word = {"lower": word.lower(), "upper": word.upper(), "title": word.title()}.get(
            case, word.swapcase() if case == "swapcase" else word
        )
        if draw(st.booleans()):
            old, new = draw(st.sampled_from(SWAPS))
            word = word.replace(old, new, draw(st.integers(1, 2)))
        parts.append(word)
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cue_text())
def test_generated_text_gives_the_reference_matches(text):
    _assert_same(TAX, REF, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cue_text(), min_size=2, max_size=6))
def test_generated_pages_give_the_reference_frame(lines):
    text = "\n".join(line if i % 3 else line + "?" for i, line in enumerate(lines))
    fast = qa_lib.parse_faq(text, taxonomy=TAX)
    slow = qa_lib.parse_faq(text, taxonomy=REF)
    pd.testing.assert_frame_equal(fast, slow)
    pd.testing.assert_frame_equal(
        qa_lib.claims(fast, taxonomy=TAX), qa_lib.claims(slow, taxonomy=REF)
    )


# --- the corpora -----------------------------------------------------------------------------


def _corpus_pages(corpora: Path) -> list[Path]:
    pages = []
    for part in ("faq_pages", "faq_pages_more"):
        for layout in ("block", "spaced"):
            pages += sorted((corpora / part / layout).glob("*.txt"))
    return pages + sorted((corpora / "medquad" / "pages").glob("*.txt"))


@pytest.mark.corpus
def test_corpora_give_the_reference_frames(corpora, seed_path):
    pages = [seed_path, *_corpus_pages(corpora)]
    fast = qa_lib.read_faq(pages, taxonomy=TAX, workers=1)
    slow = qa_lib.read_faq(pages, taxonomy=REF, workers=1)
    pd.testing.assert_frame_equal(fast, slow)
    pd.testing.assert_frame_equal(
        qa_lib.claims(fast, taxonomy=TAX), qa_lib.claims(slow, taxonomy=REF)
    )


@pytest.mark.corpus
def test_corpus_texts_give_the_reference_cue_lists(corpora, seed_path):
    df = qa_lib.read_faq([seed_path, *_corpus_pages(corpora)], taxonomy=TAX, workers=1)
    texts = [t for col in ("question", "answer", "text") for t in df[col].dropna()]
    for text in dict.fromkeys(texts):
        _assert_same(TAX, REF, text)


@pytest.mark.corpus
def test_corpus_sentences_give_the_reference_labels(corpora):
    texts: list[str] = []
    for part in ("hedging", "strength"):
        with (corpora / part / "sentences.csv").open(encoding="utf-8", newline="") as f:
            texts += [r["sentence"] for r in csv.DictReader(f)]
    pd.testing.assert_frame_equal(
        qa_lib.label_sentences(texts, taxonomy=TAX), qa_lib.label_sentences(texts, taxonomy=REF)
    )
