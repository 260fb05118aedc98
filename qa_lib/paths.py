"""The one place that names files: the seed page, the notebooks, the default output folder.

Nothing here assumes the repository layout: the seed page and the report notebook ship inside
the package (read with :mod:`importlib.resources`), and outputs go to ``./reports`` of the
working directory unless the caller names another folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SEED_NAME = "000_e8c55a2b7524b976.txt"
"""The seed page: ``seeds/`` in the repository, shipped with the package as an example."""

DEFAULT_OUT = Path("reports")
"""Where ``make report`` and ``qa-lib report`` write, relative to the working directory."""


def _packaged(*parts: str) -> Path:
    return Path(str(resources.files("qa_lib").joinpath(*parts)))


def seed_page() -> Path:
    """The seed page shipped with qa_lib (the default source of the report and the explorer)."""
    return _packaged("data", "seeds", SEED_NAME)


def report_notebook() -> Path:
    """The report notebook shipped with qa_lib (``notebooks/02-report.ipynb`` in the repo)."""
    return _packaged("notebooks", "report.ipynb")


def explore_notebook() -> Path:
    """The explorer notebook shipped with qa_lib (``notebooks/01-explore.ipynb`` in the repo)."""
    return _packaged("notebooks", "explore.ipynb")


def templates() -> Path:
    """The folder of qa_lib's nbconvert templates (``offline_report``)."""
    return _packaged("templates")


def source_or_seed(source: str | Path | None) -> Path:
    """``source`` as a path, or the seed page when it is empty or None (notebook parameters)."""
    return Path(source).expanduser() if source else seed_page()
