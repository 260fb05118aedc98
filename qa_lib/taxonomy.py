"""Load, check and compile a label taxonomy (``data/taxonomy.toml`` or a user's own file)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import TaxonomyError

DEFAULT_TAXONOMY = "data/taxonomy.toml"
FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class CueGroup:
    """Patterns that share one weight, compiled into one alternation."""

    weight: float
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Taxonomy:
    """A compiled taxonomy: label orders and the cues that decide each label."""

    source: str
    claim_types: tuple[str, ...]
    claim_question: dict[str, tuple[CueGroup, ...]]
    claim_answer: dict[str, tuple[CueGroup, ...]]
    claim_descriptions: dict[str, str]
    topics: tuple[str, ...]
    topic_cues: dict[str, re.Pattern[str] | None]
    topic_question_weight: float
    topic_answer_weight: float
    conditions: dict[str, tuple[str, re.Pattern[str]]]
    subject_names: re.Pattern[str] | None
    subject_stopwords: frozenset[str]
    hedges: re.Pattern[str] | None
    evidence_study: re.Pattern[str] | None
    evidence_anecdote: re.Pattern[str] | None

    evidence_levels: tuple[str, ...] = ("cited", "study", "anecdote", "none")

    @property
    def default_claim_type(self) -> str:
        return "other" if "other" in self.claim_types else self.claim_types[-1]

    @property
    def default_topic(self) -> str:
        return "general" if "general" in self.topics else self.topics[-1]


def _compile(patterns: list[str], where: str, source: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    for p in patterns:
        try:
            re.compile(p, FLAGS)
        except re.error as exc:
            raise TaxonomyError(
                f"{source}: {where}: pattern {p!r} does not compile: {exc}"
            ) from None
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


def _section(raw: dict[str, Any], key: str, source: str) -> Any:
    if key not in raw:
        raise TaxonomyError(f"{source}: missing section [{key}]")
    return raw[key]


def _groups(entries: list[dict[str, Any]], where: str, source: str) -> tuple[CueGroup, ...]:
    out = []
    for i, entry in enumerate(entries):
        rx = _compile(list(entry.get("patterns", [])), f"{where}[{i}]", source)
        if rx is not None:
            out.append(CueGroup(float(entry.get("weight", 1)), rx))
    return tuple(out)


def compile_taxonomy(raw: dict[str, Any], source: str = "<taxonomy>") -> Taxonomy:
    """Check a parsed taxonomy mapping and compile its cues."""
    claims = _section(raw, "claim_types", source)
    topics = _section(raw, "topics", source)
    if not claims or not topics:
        raise TaxonomyError(f"{source}: [claim_types] and [topics] need at least one entry each")
    conditions = {}
    for name, spec in raw.get("conditions", {}).items():
        if spec.get("topic") not in topics:
            raise TaxonomyError(
                f"{source}: condition {name!r} names unknown topic {spec.get('topic')!r}"
            )
        rx = _compile([spec["pattern"]], f"conditions.{name}", source)
        conditions[name] = (spec["topic"], rx)
    subjects = raw.get("subjects", {})
    weights = raw.get("topic_weights", {})
    evidence = raw.get("evidence", {})
    return Taxonomy(
        source=source,
        claim_types=tuple(claims),
        claim_question={
            k: _groups(v.get("question", []), f"claim_types.{k}.question", source)
            for k, v in claims.items()
        },
        claim_answer={
            k: _groups(v.get("answer", []), f"claim_types.{k}.answer", source)
            for k, v in claims.items()
        },
        claim_descriptions={k: str(v.get("description", "")) for k, v in claims.items()},
        topics=tuple(topics),
        topic_cues={
            k: _compile([rf"\b(?:{c})" for c in v.get("cues", [])], f"topics.{k}", source)
            for k, v in topics.items()
        },
        topic_question_weight=float(weights.get("question", 3)),
        topic_answer_weight=float(weights.get("answer", 1)),
        conditions=conditions,  # type: ignore[arg-type]
        subject_names=_compile(
            [rf"\b{n}\b" for n in subjects.get("names", [])], "subjects.names", source
        ),
        subject_stopwords=frozenset(w.lower() for w in subjects.get("stopwords", [])),
        hedges=_compile(list(raw.get("hedges", {}).get("cues", [])), "hedges.cues", source),
        evidence_study=_compile(list(evidence.get("study", [])), "evidence.study", source),
        evidence_anecdote=_compile(list(evidence.get("anecdote", [])), "evidence.anecdote", source),
    )


@lru_cache(maxsize=16)
def _load_path(path: str) -> Taxonomy:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: taxonomy file not found")
    try:
        raw = tomllib.loads(p.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{p}: not a readable TOML file: {exc}") from None
    return compile_taxonomy(raw, str(p))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with qa_lib."""
    text = resources.files("qa_lib").joinpath(DEFAULT_TAXONOMY).read_text("utf-8")
    return compile_taxonomy(tomllib.loads(text), f"qa_lib/{DEFAULT_TAXONOMY}")


def load_taxonomy(taxonomy: Taxonomy | str | Path | None = None) -> Taxonomy:
    """Return a compiled taxonomy: the packaged one, or one from a TOML path."""
    if taxonomy is None:
        return default_taxonomy()
    if isinstance(taxonomy, Taxonomy):
        return taxonomy
    return _load_path(str(Path(taxonomy).resolve()))


def taxonomy_path() -> Path:
    """Where the packaged taxonomy file lives (to copy and edit)."""
    return Path(str(resources.files("qa_lib").joinpath(DEFAULT_TAXONOMY)))
