"""Load the segmenter's cue lists (``data/layout.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class LayoutCues:
    """Word lists that help tell questions, banners and navigation apart."""

    interrogatives: frozenset[str]
    auxiliaries: frozenset[str]
    subjects: frozenset[str]
    related_prefixes: frozenset[str]
    call_to_action_verbs: frozenset[str]
    imperative_openers: frozenset[str]
    navigation: frozenset[str]


@cache
def layout_cues() -> LayoutCues:
    """The packaged cue lists, read once."""
    raw = tomllib.loads(resources.files("qa_lib").joinpath("data/layout.toml").read_text("utf-8"))
    return LayoutCues(
        **{k: frozenset(w.lower() for w in raw[k]) for k in LayoutCues.__annotations__}
    )
