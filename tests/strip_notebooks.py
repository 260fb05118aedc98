"""Drop what the committed notebooks must not keep (``make notebooks`` runs this after executing
them): saved widget state, and the outputs of cells tagged ``nbval-ignore-output`` (the 1 MB
offline itables bundle, embedded again whenever the report is built). Execution counts stay,
so the notebooks still read as run once, top to bottom."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

IGNORE_TAG = "nbval-ignore-output"


def strip(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code" and IGNORE_TAG in cell.metadata.get("tags", []):
            cell.outputs = []
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        strip(Path(arg))
