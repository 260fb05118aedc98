"""Load the segmenter's cue lists (``data/layout.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any


class LayoutError(ValueError):
    """``layout.toml`` is missing a list, has an unknown key, or holds a non-string word."""


@dataclass(frozen=True)
class LayoutCues:
    """Word lists that help tell questions, banners and navigation apart (lower case)."""

    interrogatives: frozenset[str]
    auxiliaries: frozenset[str]
    subjects: frozenset[str]
    related_prefixes: frozenset[str]
    call_to_action_verbs: frozenset[str]
    imperative_openers: frozenset[str]
    navigation: frozenset[str]
    footer_openers: frozenset[str]


def _words(key: str, value: Any) -> frozenset[str]:
    """A list of words, or a table of lists by language (``{en = [...], de = [...]}``)."""
    lists = value.values() if isinstance(value, dict) else [value]
    out: set[str] = set()
    for words in lists:
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LayoutError(
                f"layout.toml: {key!r} must be a list of strings (or a table of them)"
            )
        out.update(w.lower() for w in words)
    return frozenset(out)


def parse_layout(raw: dict[str, Any]) -> LayoutCues:
    """Validate a parsed ``layout.toml``: every list present, no unknown key."""
    names = [f.name for f in fields(LayoutCues)]
    unknown = sorted(set(raw) - set(names))
    missing = [k for k in names if k not in raw]
    if unknown or missing:
        raise LayoutError(f"layout.toml: unknown keys {unknown}, missing keys {missing}")
    return LayoutCues(**{k: _words(k, raw[k]) for k in names})


@cache
def layout_cues() -> LayoutCues:
    """The packaged cue lists, read once."""
    text = resources.files("qa_lib").joinpath("data/layout.toml").read_text("utf-8")
    return parse_layout(tomllib.loads(text))
