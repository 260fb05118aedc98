"""The schema of a taxonomy file: every key, its type, and a safe shape for every pattern.

As spaCy does for its patterns (``spacy/schemas.py``), the models forbid unknown keys, so a
typo (``cue`` for ``cues``) is an error naming the entry, not a silently ignored line. Types
are strict: a string where a list belongs, or ``weight = 'heavy'``, is an error. Each pattern
is checked by :func:`qa_lib.cue_patterns.check_pattern`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from .cue_patterns import check_pattern
from .errors import TaxonomyError

VERSION = 2

Pattern = Annotated[str, AfterValidator(check_pattern)]
Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CueGroup(_Model):
    """Patterns that all add ``weight`` to one label."""

    weight: Weight
    patterns: list[Pattern]


class AnswerCues(_Model):
    """An answer's cues in two groups, each matched on its own (a weak word inside a strong
    phrase counts for both)."""

    strong: CueGroup | None = None
    weak: CueGroup | None = None


class ClaimType(_Model):
    description: str = ""
    question: CueGroup | None = None
    answer: AnswerCues = AnswerCues()


class TopicWeights(_Model):
    question: Weight
    answer: Weight


class Topic(_Model):
    cues: list[Pattern]


class Condition(_Model):
    topic: str
    pattern: Pattern


class Subjects(_Model):
    names: list[Pattern] = []
    stopwords: list[str] = []


class Hedges(_Model):
    cues: list[Pattern] = []


class StrengthCues(_Model):
    """Cue groups for claim strength: each group is a feature of the strength model, and the
    cue rule (:func:`qa_lib.strength.cue_rule`) reads them directly."""

    causal: list[Pattern] = []
    association: list[Pattern] = []
    modal: list[Pattern] = []
    negation: list[Pattern] = []
    no_effect: list[Pattern] = []


class Evidence(_Model):
    study: list[Pattern] = []
    anecdote: list[Pattern] = []


class TaxonomyFile(_Model):
    """A whole taxonomy file (``data/taxonomy.toml`` shows every key)."""

    version: int
    claim_types: dict[str, ClaimType] = Field(min_length=1)
    topic_weights: TopicWeights
    topics: dict[str, Topic] = Field(min_length=1)
    conditions: dict[str, Condition] = {}
    subjects: Subjects = Subjects()
    hedges: Hedges = Hedges()
    strength: StrengthCues = StrengthCues()
    evidence: Evidence = Evidence()

    @model_validator(mode="after")
    def _known_topics(self) -> TaxonomyFile:
        for name, cond in self.conditions.items():
            if cond.topic not in self.topics:
                raise ValueError(
                    f"conditions.{name}.topic: names unknown topic {cond.topic!r} "
                    f"(topics: {', '.join(self.topics)})"
                )
        return self


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: dict[str, Any]) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "extra_forbidden":
        return "unknown key (a typo? see qa_lib/data/taxonomy.toml for every key)"
    if kind == "missing":
        return "missing"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    msg = re.sub(r" or instance of \w+", "", err["msg"]).replace("Input should", "should")
    return f"{msg}, got {type(value).__name__} {_short(value)}"


def validate(raw: dict[str, Any], source: str) -> TaxonomyFile:
    """``raw`` as a checked :class:`TaxonomyFile`; a :class:`TaxonomyError` naming ``source``
    and each bad entry otherwise."""
    if raw.get("version") == 1:
        raise TaxonomyError(
            f"{source}: version 1 taxonomy: give each claim type `question = {{ weight, patterns }}`"
            " and `answer.strong` / `answer.weak` groups with explicit weights, "
            "`version = 2` and `[topic_weights]` (see qa_lib/data/taxonomy.toml)"
        )
    try:
        tax = TaxonomyFile.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors(include_url=False):
            if err["type"] == "value_error" and not err["loc"]:
                lines.append(f"{source}: {err['ctx']['error']}")
            else:
                lines.append(f"{source}: {_where(err['loc'])}: {_message(err)}")
        more = f"\n(and {len(lines) - 5} more)" if len(lines) > 5 else ""
        raise TaxonomyError("\n".join(lines[:5]) + more) from None
    if tax.version != VERSION:
        raise TaxonomyError(f"{source}: version: {tax.version} is not {VERSION}")
    return tax
