"""Build the report: run qa_lib's report notebook on a source, export one offline HTML file.

``qa-lib report [SOURCE] [-o DIR] [--taxonomy TOML]`` runs :func:`build` (so does
``make report``). The notebook and the nbconvert template ship inside the package, so this works
wherever qa_lib is installed. Every file is written in a temporary folder next to the output and
moved into place only once all of them are finished: an interrupted run or two runs into the
same folder never leave a report that mixes two sources.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .claims import claims
from .errors import ReportError
from .export import write
from .frame import read_faq
from .paths import DEFAULT_OUT, SEED_NAME, report_notebook, source_or_seed, templates
from .taxonomy import Taxonomy

OUTPUTS = ("report.html", "blocks.csv", "blocks.parquet", "claims.csv")
"""What a report folder holds, all from one run."""


def export_html(notebook: Path, html_out: Path) -> Path:
    """Export an executed notebook with the offline template (no CDN, code folded)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="offline_report",
        extra_template_basedirs=[str(templates())],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    html_out.write_text(body, encoding="utf-8")
    return html_out


def _kernel_manager_class(sockets: str) -> type:
    """A kernel manager that starts the kernel in this interpreter, over IPC sockets named
    ``sockets``-N (a folder of this run's own, so two runs never share one): no kernelspec
    lookup (a global ``python3`` spec could point at another Python) and no 'running over TCP
    without encryption' warning."""
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class HereKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**{**kwargs, "transport": "ipc", "ip": sockets})

        @property
        def kernel_spec(self) -> KernelSpec:
            argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
            return KernelSpec(argv=argv, display_name="Python 3", language="python")

    return HereKernelManager


def run_notebook(
    label: str, frame: Path, executed: Path, max_rows: int | None = None, cwd: Path | None = None
) -> Path:
    """Execute the report notebook with papermill on the frame saved at ``frame`` (parquet);
    ``label`` is how the report names its source; the kernel runs in ``cwd``."""
    import papermill

    params: dict[str, object] = {"SOURCE": label, "FRAME": str(frame)}
    if max_rows is not None:
        params["MAX_ROWS"] = max_rows
    # the kernel's sockets get a short folder of their own (a socket path is at most ~100 bytes)
    with tempfile.TemporaryDirectory(prefix="qa-lib-") as sockets:
        try:
            papermill.execute_notebook(
                str(report_notebook()),
                str(executed),
                parameters=params,
                cwd=str(cwd or executed.parent),
                kernel_manager_class=_kernel_manager_class(f"{sockets}/kernel"),
                progress_bar=False,
            )
        except papermill.PapermillExecutionError as exc:
            if exc.ename == "KeyboardInterrupt":  # Ctrl-C reached the kernel too
                raise KeyboardInterrupt from None
            raise ReportError(
                f"{report_notebook()}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}"
            ) from None
    return executed


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (where the platform has ``fcntl``)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: moves still happen file by file
        yield
        return
    with (folder / ".qa-lib.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build(
    source: str | Path | None = None,
    out: str | Path = DEFAULT_OUT,
    *,
    taxonomy: Taxonomy | str | Path | None = None,
    max_rows: int | None = None,
    strict: bool = False,
) -> Path:
    """Write ``report.html``, ``blocks.csv``, ``blocks.parquet`` and ``claims.csv`` for
    ``source`` (a page or a folder; default: the seed page) into ``out``; return the HTML path.

    Pages in a folder that cannot be read are skipped with a warning and listed in the report
    (``strict=True`` fails instead), as :func:`qa_lib.read_faq` does.
    """
    path = source_or_seed(source)
    out = Path(out).expanduser()
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out}: is a file; name a folder for the report")
    df = read_faq(path, taxonomy=taxonomy, strict=strict, progress=True)  # fails before a kernel
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".qa-lib-report-", dir=out)).resolve()
    try:
        write(df, "csv", work / "blocks.csv")
        write(df, "parquet", work / "blocks.parquet")
        write(claims(df), "csv", work / "claims.csv")
        label = str(source) if source else SEED_NAME
        frame, executed = work / "blocks.parquet", work / "report.ipynb"
        # the kernel runs in ``out``, which outlives it (``work`` is gone once this returns)
        run_notebook(label, frame, executed, max_rows, cwd=out.resolve())
        export_html(executed, work / "report.html")
        _publish(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out / "report.html"


def _publish(work: Path, out: Path) -> None:
    """Move the finished files into ``out`` together: under a lock (another run waits) and
    with Ctrl-C and SIGTERM held back until the last one is in place."""
    signals = {signal.SIGINT, signal.SIGTERM}
    with _locked(out):
        signal.pthread_sigmask(signal.SIG_BLOCK, signals)
        try:
            for name in OUTPUTS:
                (work / name).replace(out / name)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, signals)
