"""Shared fixtures: the seed page, the development corpora, and tiny inline pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_lib.paths import SEED_NAME

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / SEED_NAME
CORPORA = ROOT.parent / "shared" / "corpora"
GOLDEN = Path(__file__).resolve().parent / "golden"

TINY_PAGE = """\
People also ask

What is glutamate?

Glutamate is a neurotransmitter [4].

IMPORTANT:\u00a0 Is caffeine a psychoactive?

Is glutamine safe?

Glutamine may cause side effects in some people ( 2 ).

  \u2022 Nausea.
  \u2022 Bloating.

Run to meet life
"""


def without_blank_lines(text: str) -> str:
    """The same page with every blank line removed (the layout blank lines must not matter)."""
    return "\n".join(x for x in text.splitlines() if x.strip())


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared development corpora; tests that need them skip where they are absent."""
    if not (CORPORA / "faq_pages" / "gold_pairs.csv").is_file():
        pytest.skip(f"development corpora not found at {CORPORA}")
    return CORPORA
