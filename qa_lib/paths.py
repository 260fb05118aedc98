"""The one place that resolves project paths (seeds, notebooks, reports)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
REPORTS = PROJECT_ROOT / "reports"
DEFAULT_SOURCE = "seeds/000_e8c55a2b7524b976.txt"


def resolve(source: str | Path) -> Path:
    """An absolute path for ``source``: as given if absolute, else from the project root."""
    p = Path(source).expanduser()
    if p.is_absolute():
        return p
    rooted = PROJECT_ROOT / p
    return rooted if rooted.exists() or not p.exists() else p.resolve()


def display(source: str | Path) -> str:
    """``source`` as a reader should see it: relative to the project root when inside it."""
    p = resolve(source)
    try:
        return p.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(p)
