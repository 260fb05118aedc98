"""Rewrite the golden files from the current code: ``make golden``. Review the diff before committing."""

from __future__ import annotations

import json
from pathlib import Path

import qa_lib
from qa_lib.paths import SEED_NAME

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "seeds" / SEED_NAME
GOLDEN = HERE / "golden"


def records(kind: str) -> list[dict]:
    """The seed's block or claim frame as JSON-ready records."""
    df = qa_lib.read_faq(SEED)
    if kind == "claims":
        df = qa_lib.claims(df)
    return json.loads(df.to_json(orient="records", force_ascii=False))


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for kind in ("blocks", "claims"):
        path = GOLDEN / f"seed_{kind}.json"
        path.write_text(
            json.dumps(records(kind), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
