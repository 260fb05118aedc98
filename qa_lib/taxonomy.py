"""Load, check and compile a label taxonomy (``data/taxonomy.toml`` or a user's own file)."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import TaxonomyError

DEFAULT_TAXONOMY = "data/taxonomy.toml"
DEFAULT_SOURCE = f"qa_lib/{DEFAULT_TAXONOMY}"  # how the packaged taxonomy names itself
FLAGS = re.IGNORECASE


def fold_cue(text: str) -> str:
    """A matched cue as it is reported: lower case, white space folded, interned (the same
    cue on many rows is one string in memory)."""
    return sys.intern(" ".join(text.lower().split()))


@dataclass(frozen=True)
class Matcher:
    """Several labelled pattern groups in one regex: one pass finds them all.

    ``labels`` maps each named group to its (label, weight). Matches may overlap: the search
    resumes one character after each match's start, so a cue inside a longer cue is still
    found; at one start position the first group in taxonomy order wins.
    """

    regex: re.Pattern[str] | None
    labels: dict[str, tuple[str, float]]

    def finditer(self, text: str) -> list[tuple[str, float, str, int]]:
        """(label, weight, matched text folded to lower case, start) for each match."""
        if self.regex is None or not text:
            return []
        out = []
        search = self.regex.search
        m = search(text)
        while m is not None:
            cue = m.group(0)
            if cue.strip():
                label, weight = self.labels[m.lastgroup or ""]
                out.append((label, weight, fold_cue(cue), m.start()))
            m = search(text, m.start() + 1)
        return out


def _matcher(groups: list[tuple[str, float, list[str], str]], source: str) -> Matcher:
    """One regex of named groups, one group per (label, weight, patterns, where-in-file)."""
    parts, labels = [], {}
    for i, (label, weight, patterns, where) in enumerate(groups):
        if not patterns:
            continue
        _compile(patterns, where, source)  # names the entry of a bad pattern
        name = f"g{i}"
        parts.append(f"(?P<{name}>{'|'.join(f'(?:{p})' for p in patterns)})")
        labels[name] = (label, weight)
    regex = re.compile("|".join(parts), FLAGS) if parts else None
    return Matcher(regex, labels)


@dataclass(frozen=True)
class Taxonomy:
    """A compiled taxonomy: label orders and the cues that decide each label."""

    source: str
    claim_types: tuple[str, ...]
    claim_question_cap: dict[str, float]
    claim_answer_tiers: tuple[Matcher, ...]
    claim_question_matcher: Matcher
    topics: tuple[str, ...]
    topic_question_weight: float
    topic_answer_weight: float
    topic_matcher: Matcher
    conditions: dict[str, str]
    condition_matcher: Matcher
    subject_names: re.Pattern[str] | None
    subject_stopwords: frozenset[str]
    hedges: re.Pattern[str] | None
    evidence_study: re.Pattern[str] | None
    evidence_anecdote: re.Pattern[str] | None

    evidence_levels: tuple[str, ...] = ("cited", "study", "anecdote", "none")
    sha256: str = ""  # of the TOML text it was compiled from ("" when built from a mapping)

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
    # Tier k holds the k-th answer cue group of every claim type (strong cues first), so a
    # strong multi-word cue and a weak word inside it are both counted, as separate tiers.
    tiers = []
    depth = max((len(v.get("answer", [])) for v in claims.values()), default=0)
    for k in range(depth):
        tiers.append(
            _matcher(
                [
                    (
                        name,
                        float(v["answer"][k].get("weight", 1)),
                        list(v["answer"][k].get("patterns", [])),
                        f"claim_types.{name}.answer[{k}]",
                    )
                    for name, v in claims.items()
                    if len(v.get("answer", [])) > k
                ],
                source,
            )
        )
    question_groups = [
        (
            name,
            float(g.get("weight", 1)),
            list(g.get("patterns", [])),
            f"claim_types.{name}.question[{i}]",
        )
        for name, v in claims.items()
        for i, g in enumerate(v.get("question", []))
    ]
    return Taxonomy(
        source=source,
        claim_types=tuple(claims),
        claim_question_cap={
            k: max((float(g.get("weight", 1)) for g in v.get("question", [])), default=0.0)
            for k, v in claims.items()
        },
        topics=tuple(topics),
        topic_question_weight=float(weights.get("question", 3)),
        topic_answer_weight=float(weights.get("answer", 1)),
        conditions=conditions,
        subject_names=_compile(
            [rf"\b{n}\b" for n in subjects.get("names", [])], "subjects.names", source
        ),
        subject_stopwords=frozenset(w.lower() for w in subjects.get("stopwords", [])),
        hedges=_compile(list(raw.get("hedges", {}).get("cues", [])), "hedges.cues", source),
        evidence_study=_compile(list(evidence.get("study", [])), "evidence.study", source),
        evidence_anecdote=_compile(list(evidence.get("anecdote", [])), "evidence.anecdote", source),
        claim_answer_tiers=tuple(tiers),
        claim_question_matcher=_matcher(question_groups, source),
        topic_matcher=_matcher(
            [
                (k, 1.0, [rf"\b(?:{c})" for c in v.get("cues", [])], f"topics.{k}")
                for k, v in topics.items()
            ],
            source,
        ),
        condition_matcher=_matcher(
            [
                (name, 1.0, [spec["pattern"]], f"conditions.{name}")
                for name, spec in raw.get("conditions", {}).items()
            ],
            source,
        ),
    )


@lru_cache(maxsize=16)
def _compiled(text: str, source: str) -> Taxonomy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{source}: not a readable TOML file: {exc}") from None
    tax = compile_taxonomy(raw, source)
    return replace(tax, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _load_path(path: str) -> Taxonomy:
    """Compile a taxonomy file; compiled once per (path, content), so an edit is picked up."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: taxonomy file not found")
    try:
        text = p.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{p}: not a readable TOML file: {exc}") from None
    return _compiled(text, str(p))


def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with qa_lib."""
    text = resources.files("qa_lib").joinpath(DEFAULT_TAXONOMY).read_text("utf-8")
    return _compiled(text, DEFAULT_SOURCE)


def load_taxonomy(taxonomy: Taxonomy | str | Path | None = None) -> Taxonomy:
    """Return a compiled taxonomy: the packaged one, or one from a TOML path."""
    if taxonomy is None:
        return default_taxonomy()
    if isinstance(taxonomy, Taxonomy):
        return taxonomy
    return _load_path(str(Path(taxonomy).expanduser().resolve()))


def taxonomy_path() -> Path:
    """Where the packaged taxonomy file lives (to copy and edit)."""
    return Path(str(resources.files("qa_lib").joinpath(DEFAULT_TAXONOMY)))
