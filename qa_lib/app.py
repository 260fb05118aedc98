"""The explorer as a web app, for readers who do not use Jupyter: ``qa-lib app [SOURCE]``.

The explorer notebook (shipped with the package) gets its parameters with papermill's
``prepare_only`` (nothing is run) and is served by Voilà on 127.0.0.1, code hidden. Each
browser page gets a kernel of its own, so several readers filter independently. Voilà is the
optional extra ``qa_lib[app]``.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import QALibError
from .paths import DEFAULT_OUT, explore_notebook, source_or_seed

DEFAULT_PORT = 8866
JUPYTERLAB_ONLY = "jupyterlab-only"  # cells tagged so (how to run the cells) are not served


def prepare(
    source: str | Path | None, folder: Path, save_to: Path, taxonomy: str | Path | None = None
) -> Path:
    """Write the explorer notebook into ``folder`` with SOURCE, TAXONOMY and SAVE_TO set
    (nothing is run), without the cells tagged ``jupyterlab-only``."""
    import nbformat
    import papermill

    notebook = folder / "explore.ipynb"
    params = {
        "SOURCE": str(source_or_seed(source).resolve()),
        "TAXONOMY": str(Path(taxonomy).resolve()) if taxonomy else "",
        "SAVE_TO": str(save_to),
    }
    nb = papermill.execute_notebook(
        str(explore_notebook()), None, parameters=params, prepare_only=True, progress_bar=False
    )
    nb.cells = [c for c in nb.cells if JUPYTERLAB_ONLY not in c.metadata.get("tags", [])]
    nbformat.write(nb, notebook)
    return notebook


def voila_command(notebook: Path, port: int) -> list[str]:
    """Voilà on 127.0.0.1 only, code hidden, no tracebacks shown to readers, quiet, and a
    reader's kernel shut down once it has been idle with its page closed for 10 minutes."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--Voila.log_level=ERROR",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--KernelManager.transport=ipc",  # unix sockets: no TCP port per kernel, no warning
        "--MappingKernelManager.cull_idle_timeout=600",
        "--MappingKernelManager.cull_interval=60",
    ]


def _check_port(port: int) -> None:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            raise QALibError(f"port {port} is in use: choose another with --port") from None


def serve(
    source: str | Path | None = None,
    port: int = DEFAULT_PORT,
    *,
    taxonomy: str | Path | None = None,
) -> int:
    """Serve the explorer for ``source`` (default: the seed page) until Ctrl-C or SIGTERM;
    return Voilà's exit status. The page is read once first, so a bad source or taxonomy fails
    here, in one line. Voilà and its kernels are stopped however this ends."""
    if importlib.util.find_spec("voila") is None:
        raise QALibError("the app needs Voilà: pip install 'qa_lib[app]' (make app does this)")
    from .frame import read_faq

    read_faq(source_or_seed(source), taxonomy=taxonomy)
    _check_port(port)
    save_to = (DEFAULT_OUT / "selection.csv").resolve()
    with tempfile.TemporaryDirectory(prefix="qa-lib-app-") as tmp:
        notebook = prepare(source, Path(tmp), save_to, taxonomy)
        proc = subprocess.Popen(voila_command(notebook, port), cwd=tmp)
        print(f"qa-lib app: serving the explorer at http://127.0.0.1:{port}/ (Ctrl-C stops it)")
        try:
            return proc.wait()
        finally:
            if proc.poll() is None:
                proc.terminate()  # Voilà shuts its kernels down on SIGTERM
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
