"""``question_groups`` at 25,000 and 100,000 questions, and on two degenerate pages.

The questions are the development corpora's page questions (FAQ pages in English, MedQuAD)
with small deterministic variations (a different disease or place, a prefix, a suffix, an age,
case), so most are distinct and many are near-duplicates of each other. Each size runs
in a fresh process: ``python -m benchmarks.questions SIZE [SHAPE]`` prints one JSON line.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from pathlib import Path

import pandas as pd

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SIZES = (25_000, 100_000)
SHAPES = ("varied", "identical", "one_word")
_FILES = ("faq_pages/gold_pairs.csv", "faq_pages_more/gold_pairs.csv", "medquad/pairs.csv")
_SWAPS = ("COVID-19", "the flu", "measles", "asthma", "diabetes", "my dog", "children")
_PREFIXES = ("", "", "", "Q: ", "Hello, ", "Quick question: ", "Doctor, ")
_SUFFIXES = ("", "", "", " in Oregon", " at home", " for adults", " this year", " (updated)")


def base_questions(corpora: Path = CORPORA) -> list[str]:
    """The English page questions of the development corpora, in file order."""
    out = []
    for name in _FILES:
        with (corpora / name).open(encoding="utf-8", newline="") as f:
            out += [r["question"] for r in csv.DictReader(f) if r.get("language", "en") == "en"]
    return out


def synthesise(n: int, shape: str = "varied", corpora: Path = CORPORA) -> pd.DataFrame:
    """A block frame of ``n`` qa rows over 50 sources (seeded: the same every run)."""
    rng = random.Random(13)
    base = base_questions(corpora)
    if shape == "identical":
        texts = ["Is glutamine bad for your liver?"] * n
    elif shape == "one_word":
        texts = [f"COVID question {i} about topic {i * 7919 % 100_003}?" for i in range(n)]
    else:
        texts = []
        for _ in range(n):
            q = rng.choice(base).strip()
            if rng.random() < 0.5:
                swap = rng.choice(_SWAPS)
                for old in _SWAPS:
                    if old in q:
                        q = q.replace(old, swap)
                        break
            age = f" for a {rng.randint(1, 95)}-year-old" if rng.random() < 0.6 else ""
            q = rng.choice(_PREFIXES) + q.rstrip("?") + rng.choice(_SUFFIXES) + age + "?"
            if rng.random() < 0.2:
                q = q.lower()
            texts.append(q)
    return pd.DataFrame(
        {
            "source": [f"site{i % 50:02d}.txt" for i in range(n)],
            "block": range(n),
            "kind": "qa",
            "question": texts,
        }
    )


def measure(n: int, shape: str = "varied") -> dict:
    """Seconds for question_groups on ``n`` synthesised questions (one run, this process)."""
    from qa_lib import question_groups

    df = synthesise(n, shape)
    t0 = time.perf_counter()
    groups = question_groups(df)
    seconds = time.perf_counter() - t0
    sizes = groups["group_size"]
    return {
        "n": n,
        "shape": shape,
        "seconds": round(seconds, 2),
        "distinct": int(df["question"].nunique()),
        "groups": int(groups["group"].nunique()),
        "largest_group": int(sizes.max()),
        "in_groups": int((sizes > 1).sum()),
    }


if __name__ == "__main__":
    size = int(sys.argv[1])
    print(json.dumps(measure(size, sys.argv[2] if len(sys.argv) > 2 else "varied")))
