"""The explorer as a web app, for readers who do not use Jupyter: ``qa-lib app [SOURCE]``.

The explorer notebook (shipped with the package) gets its parameters with papermill's
``prepare_only`` (nothing is run) and is served by Voilà on 127.0.0.1, code hidden. Each
browser page gets a kernel of its own, so several readers filter independently. Voilà is the
optional extra ``qa_lib[app]``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import QALibError
from .frame import read_faq
from .paths import DEFAULT_OUT, explore_notebook, source_or_seed

DEFAULT_PORT = 8866
JUPYTERLAB_ONLY = "jupyterlab-only"  # cells tagged so (how to run the cells) are not served


def prepare(source: str | Path | None, folder: Path, save_to: Path) -> Path:
    """Write the explorer notebook into ``folder`` with SOURCE and SAVE_TO set (nothing run),
    without the cells tagged ``jupyterlab-only``."""
    import nbformat
    import papermill

    notebook = folder / "explore.ipynb"
    params = {"SOURCE": str(source_or_seed(source).resolve()), "SAVE_TO": str(save_to)}
    nb = papermill.execute_notebook(
        str(explore_notebook()), None, parameters=params, prepare_only=True, progress_bar=False
    )
    nb.cells = [c for c in nb.cells if JUPYTERLAB_ONLY not in c.metadata.get("tags", [])]
    nbformat.write(nb, notebook)
    return notebook


def voila_command(notebook: Path, port: int) -> list[str]:
    """Voilà on 127.0.0.1 only, code hidden, no tracebacks shown to readers."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--KernelManager.transport=ipc",  # unix sockets: no TCP port per kernel, no warning
    ]


def serve(source: str | Path | None = None, port: int = DEFAULT_PORT) -> int:
    """Serve the explorer for ``source`` (default: the seed page) until Ctrl-C; return Voilà's
    exit status. The page is read once first, so a bad source fails here, in one line."""
    if importlib.util.find_spec("voila") is None:
        raise QALibError("the app needs Voilà: pip install 'qa_lib[app]' (make app does this)")
    read_faq(source_or_seed(source))
    save_to = (DEFAULT_OUT / "selection.csv").resolve()
    with tempfile.TemporaryDirectory(prefix="qa-lib-app-") as tmp:
        notebook = prepare(source, Path(tmp), save_to)
        print(f"qa-lib app: serving the explorer at http://127.0.0.1:{port}/ (Ctrl-C stops it)")
        proc = subprocess.Popen(voila_command(notebook, port), cwd=tmp)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait(timeout=30)
            raise
