"""Drop what the committed notebooks must not keep (``make notebooks`` runs this after executing
them): saved widget state and widget views (a random model id that no saved state backs: the
text form, e.g. "Explorer: 16 of 16 questions", stays), and the outputs of cells tagged
``nbval-ignore-output`` (the 1 MB offline itables bundle, embedded again whenever the report is
built). Execution counts stay, so the notebooks still read as run once, top to bottom."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

IGNORE_TAG = "nbval-ignore-output"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if IGNORE_TAG in cell.metadata.get("tags", []):
            cell.outputs = []
        for output in cell.outputs:
            output.get("data", {}).pop(WIDGET_VIEW, None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        strip(Path(arg))
