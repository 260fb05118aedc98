"""Load, check and compile a label taxonomy (``data/taxonomy.toml`` or a user's own file).

The file is checked against :mod:`qa_lib.taxonomy_schema`; its patterns against
:mod:`qa_lib.cue_patterns`, which also bounds their repeats so matching stays linear.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

from .cue_patterns import FLAGS, MAX_REPEAT, _Checker, bound_repeats
from .cue_prefilter import CueEngine
from .errors import TaxonomyError
from .taxonomy_schema import validate

DEFAULT_TAXONOMY = "data/taxonomy.toml"
DEFAULT_SOURCE = f"qa_lib/{DEFAULT_TAXONOMY}"  # how the packaged taxonomy names itself
# Strength cue groups in the order they win a tie at one start ("no significant difference" is
# no_effect, not negation; "increased risk" is an association, not a causal verb).
STRENGTH_MATCH_ORDER = ("no_effect", "association", "causal", "modal", "negation")


_FOLDED: dict[str, str] = {}  # matched text -> its folded cue (cues repeat: one dict look-up)


def fold_cue(text: str) -> str:
    """A matched cue as it is reported: lower case, white space folded, interned (the same
    cue on many rows is one string in memory)."""
    folded = _FOLDED.get(text)
    if folded is None:
        if len(_FOLDED) >= 100_000:
            _FOLDED.clear()
        folded = _FOLDED[text] = sys.intern(" ".join(text.lower().split()))
    return folded


@dataclass(frozen=True)
class Matcher:
    """Several labelled pattern groups in one regex: one pass finds them all.

    ``labels`` maps each named group to its (label, weight). Matches may overlap: the search
    resumes one character after each match's start, so a cue inside a longer cue is still
    found; at one start position the first group in taxonomy order wins. Every pattern matches
    at least one character and its repeats are bounded (:mod:`qa_lib.cue_patterns`), so each
    start position costs a bounded amount and the whole scan is linear in the text.

    With an ``engine`` (:mod:`qa_lib.cue_prefilter`) the same matches are found by trying each
    pattern only where the strings it must start with occur; ``outs`` gives each pattern's
    (label, weight), in order. Without one, ``regex`` is searched as described: the reference.
    """

    regex: re.Pattern[str] | None
    labels: dict[str, tuple[str, float]]
    engine: CueEngine | None = None
    sid: int = -1
    outs: tuple[tuple[str, float], ...] = ()

    def finditer(self, text: str) -> list[tuple[str, float, str, int, int]]:
        """(label, weight, matched text folded to lower case, start, end) for each match."""
        if self.regex is None or not text:
            return []
        if self.engine is None:
            return self.finditer_reference(text)
        outs = self.outs
        out = []
        for start, order, m in self.engine.starts(self.sid, text):
            cue = m.group(0)
            if cue.strip():
                label, weight = outs[order]
                out.append((label, weight, fold_cue(cue), start, m.end()))
        return out

    def finditer_reference(self, text: str) -> list[tuple[str, float, str, int, int]]:
        """:meth:`finditer` by searching the one regex from each match start in turn."""
        if self.regex is None or not text:
            return []
        out = []
        search = self.regex.search
        m = search(text)
        while m is not None:
            cue = m.group(0)
            if cue.strip():
                label, weight = self.labels[m.lastgroup or ""]
                out.append((label, weight, fold_cue(cue), m.start(), m.end()))
            if m.start() + 1 >= len(text):
                break
            m = search(text, m.start() + 1)
        return out

    def reference(self) -> Matcher:
        """This matcher without its prefilter."""
        return replace(self, engine=None)


@dataclass(frozen=True)
class Finder:
    """One alternation of cue patterns, searched like a compiled regex (``finditer``: matches
    that do not overlap; ``search``: the first), through the prefilter when it has an
    ``engine``; ``regex`` is the reference."""

    regex: re.Pattern[str]
    engine: CueEngine | None = None
    sid: int = -1

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The matches ``regex.finditer(text)`` gives."""
        if self.engine is None:
            return list(self.regex.finditer(text))
        out, pos = [], 0
        for start, _, m in self.engine.starts(self.sid, text):
            if start >= pos:
                out.append(m)
                pos = m.end()
        return out

    def search(self, text: str) -> re.Match[str] | None:
        """The match ``regex.search(text)`` gives."""
        if self.engine is None:
            return self.regex.search(text)
        found = self.engine.starts(self.sid, text)
        return found[0][2] if found else None

    def reference(self) -> Finder:
        """This finder without its prefilter."""
        return replace(self, engine=None)


def _joined(patterns: list[str]) -> str:
    """One alternation of checked patterns, each with its unbounded repeats bounded."""
    return "|".join(f"(?:{bound_repeats(p)})" for p in patterns)


_WORD = re.compile(r"\w")


def _word_starts(items: list) -> frozenset[str] | None:
    """The characters a match of the parsed ``items`` can start with when every match starts at
    the text's start or at a word start (``^``, or ``\\b`` then a word character, after any
    lookarounds); None when some match may start elsewhere. ``^`` adds the empty string."""
    for k, (op, av) in enumerate(items):
        rest = items[k + 1 :]
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return frozenset({""})
        if op is C.AT and av is C.AT_BOUNDARY:
            shape = _Checker(frozenset()).seq(rest, [], MAX_REPEAT)
            ok = not shape.nullable and all(_WORD.match(ch) for ch in shape.first)
            return frozenset(shape.first) if ok else None
        if op is C.SUBPATTERN:
            return _word_starts(list(av[3]) + rest)
        if op is C.BRANCH:
            parts = [_word_starts(list(alt) + rest) for alt in av[1]]
            return None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
        return None
    return None


def _gate(patterns: list[str]) -> str:
    """A lookahead that skips positions where none of ``patterns`` can start: word starts
    whose first letter some pattern can begin with, or the text's start. A large speed-up on
    long texts, with the same matches; "" when some pattern may start elsewhere."""
    starts: set[str] = set()
    for p in patterns:
        try:
            chars = _word_starts(list(P.parse(p, FLAGS)))
        except re.error:
            return ""
        if chars is None:
            return ""
        starts |= chars
    anchored = "" in starts
    letters = sorted({c.lower() for c in starts if c})
    if not letters:
        return "(?=^)" if anchored else ""
    # A short class of ASCII letters and digits; otherwise any word character.
    small = len(letters) <= 40 and all(c.isascii() and c.isalnum() for c in letters)
    first = "[" + "".join(letters) + "]" if small else r"\w"
    return rf"(?=\b{first}|^)" if anchored else rf"(?=\b{first})"


def _matcher(groups: list[tuple[str, float, list[str]]], engine: CueEngine | None) -> Matcher:
    """One regex of named groups, one group per (label, weight, patterns); its patterns also
    registered, in the same order, with ``engine``."""
    parts, labels = [], {}
    for i, (label, weight, patterns) in enumerate(groups):
        if not patterns:
            continue
        name = f"g{i}"
        parts.append(f"(?P<{name}>{_joined(patterns)})")
        labels[name] = (label, weight)
    flat = [p for _, _, patterns in groups for p in patterns]
    gate = _gate(flat)
    regex = re.compile(gate + "(?:" + "|".join(parts) + ")", FLAGS) if parts else None
    if regex is None or engine is None:
        return Matcher(regex, labels)
    outs = tuple((label, weight) for label, weight, patterns in groups for _ in patterns)
    return Matcher(regex, labels, engine, _register(engine, flat), outs)


def _register(engine: CueEngine, patterns: list[str]) -> int:
    return engine.add([bound_repeats(p) for p in patterns], [_gate([p]) for p in patterns])


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
    subject_names: Finder | None
    subject_stopwords: frozenset[str]
    hedges: Finder | None
    evidence_study: Finder | None
    evidence_anecdote: Finder | None

    strength_matcher: Matcher = Matcher(None, {})  # label: the strength cue group's name
    engine: CueEngine | None = None  # the prefilter all matchers share (None: plain re)
    evidence_levels: tuple[str, ...] = ("cited", "study", "anecdote", "none")
    sha256: str = ""  # of the TOML text it was compiled from ("" when built from a mapping)

    @property
    def default_claim_type(self) -> str:
        return "other" if "other" in self.claim_types else self.claim_types[-1]

    @property
    def default_topic(self) -> str:
        return "general" if "general" in self.topics else self.topics[-1]


def _compile(patterns: list[str], engine: CueEngine | None = None) -> Finder | None:
    if not patterns:
        return None
    regex = re.compile(_gate(patterns) + f"(?:{_joined(patterns)})", FLAGS)
    return Finder(regex) if engine is None else Finder(regex, engine, _register(engine, patterns))


def reference_taxonomy(tax: Taxonomy) -> Taxonomy:
    """``tax`` with every cue matched by plain ``re`` (no prefilter): the reference the fast
    path is tested against, and the old path the benchmark compares with."""
    changes: dict[str, Any] = {}
    for f in fields(tax):
        value = getattr(tax, f.name)
        if isinstance(value, Matcher | Finder):
            changes[f.name] = value.reference()
        elif f.name == "claim_answer_tiers":
            changes[f.name] = tuple(t.reference() for t in value)
    return replace(tax, **changes, engine=None)


def compile_taxonomy(
    raw: dict[str, Any], source: str = "<taxonomy>", *, prefilter: bool = True
) -> Taxonomy:
    """Check a parsed taxonomy mapping against the schema and compile its cues.

    ``prefilter``: find cues through one Aho-Corasick automaton over them all
    (:mod:`qa_lib.cue_prefilter`), else by plain ``re`` (the same matches, slower). Raises
    :class:`TaxonomyError` naming ``source`` and the entry for anything the schema
    (:mod:`qa_lib.taxonomy_schema`) rejects.
    """
    spec = validate(raw, source)
    claims = spec.claim_types
    engine = CueEngine() if prefilter else None
    # Each answer group (strong, weak) is its own matcher, so a strong multi-word cue and a
    # weak word inside it are both counted.
    tiers = tuple(
        _matcher(
            [
                (name, group.weight, list(group.patterns))
                for name, v in claims.items()
                if (group := getattr(v.answer, tier)) is not None
            ],
            engine,
        )
        for tier in ("strong", "weak")
    )
    return Taxonomy(
        source=source,
        claim_types=tuple(claims),
        claim_question_cap={
            k: v.question.weight if v.question is not None else 0.0 for k, v in claims.items()
        },
        claim_answer_tiers=tuple(t for t in tiers if t.regex is not None),
        claim_question_matcher=_matcher(
            [
                (name, v.question.weight, list(v.question.patterns))
                for name, v in claims.items()
                if v.question is not None
            ],
            engine,
        ),
        topics=tuple(spec.topics),
        topic_question_weight=spec.topic_weights.question,
        topic_answer_weight=spec.topic_weights.answer,
        topic_matcher=_matcher(
            [(k, 1.0, [rf"\b(?:{c})" for c in v.cues]) for k, v in spec.topics.items()], engine
        ),
        conditions={name: c.topic for name, c in spec.conditions.items()},
        condition_matcher=_matcher(
            [(name, 1.0, [c.pattern]) for name, c in spec.conditions.items()], engine
        ),
        subject_names=_compile([rf"\b{n}\b" for n in spec.subjects.names], engine),
        subject_stopwords=frozenset(w.lower() for w in spec.subjects.stopwords),
        hedges=_compile(list(spec.hedges.cues), engine),
        evidence_study=_compile(list(spec.evidence.study), engine),
        evidence_anecdote=_compile(list(spec.evidence.anecdote), engine),
        strength_matcher=_matcher(
            [(g, 1.0, list(getattr(spec.strength, g))) for g in STRENGTH_MATCH_ORDER], engine
        ),
        engine=engine,
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
