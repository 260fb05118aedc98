"""Build the report: run qa_lib's report notebook on a source, export one offline HTML file.

``qa-lib report [SOURCE] [-o DIR] [--taxonomy TOML]`` runs :func:`build` (so does
``make report``). The notebook and the nbconvert template ship inside the package, so this works
wherever qa_lib is installed. Every file is written in a temporary folder next to the output and
moved into place only once all of them are finished: an interrupted run or two runs into the
same folder never leave a report that mixes two sources.

The notebook needs only the block frame, so once the pages are read it runs (and is exported)
in a child process while this one labels the claims and writes the CSVs: the two halves share
the cores instead of taking turns. Ctrl-C or SIGTERM stops the child, and the child its kernel.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pandas as pd

from .claims import claims
from .columns import CLAIM_COLUMNS
from .corpus import (
    CHUNKS_PER_WORKER,
    check_workers,
    cores,
    portable_taxonomy,
    row_runs,
    worker_pool,
)
from .errors import ReportError
from .export import csv_part, warn_removed, write
from .frame import read_faq
from .paths import DEFAULT_OUT, SEED_NAME, report_notebook, source_or_seed, templates
from .provenance import frame_taxonomy
from .taxonomy import Taxonomy, load_taxonomy

OUTPUTS = ("report.html", "blocks.csv", "blocks.parquet", "claims.csv")
"""What a report folder holds, all from one run."""
STOP_SECONDS = 20.0
"""How long a stopped notebook process may take to shut its kernel down before it is killed."""
PARALLEL_MIN_QUESTIONS = 3_000
"""From this many questions (about 20,000 claims, where :func:`qa_lib.claims` spreads too) the
CSVs are made in several processes (``workers=None``)."""


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


def _kernel_manager_class(sockets: str, managers: list[Any]) -> type:
    """A kernel manager that starts the kernel in this interpreter, over IPC sockets named
    ``sockets``-N (a folder of this run's own, so two runs never share one): no kernelspec
    lookup (a global ``python3`` spec could point at another Python) and no 'running over TCP
    without encryption' warning. Each manager made is appended to ``managers``."""
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class HereKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**{**kwargs, "transport": "ipc", "ip": sockets})
            managers.append(self)

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
    managers: list[Any] = []
    # the kernel's sockets get a short folder of their own (a socket path is at most ~100 bytes)
    with tempfile.TemporaryDirectory(prefix="qa-lib-") as sockets:
        try:
            papermill.execute_notebook(
                str(report_notebook()),
                str(executed),
                parameters=params,
                cwd=str(cwd or executed.parent),
                kernel_manager_class=_kernel_manager_class(f"{sockets}/kernel", managers),
                progress_bar=False,
                shutdown_kernel="immediate",  # its outputs are in; stopped, it has no more to say
                request_save_on_cell_execute=False,  # saved once, not 3 MB after every cell
            )
        except papermill.PapermillExecutionError as exc:
            if exc.ename == "KeyboardInterrupt":  # Ctrl-C reached the kernel too
                raise KeyboardInterrupt from None
            raise ReportError(
                f"{report_notebook()}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}"
            ) from None
        finally:
            # a kernel still starting when a run is stopped, killed before its sockets go
            _kill_kernels(managers)
    return executed


def _kill_kernels(managers: list[Any]) -> None:
    """Kill the kernels of ``managers`` that are still running, with their process groups (a
    kernel runs in a session of its own), and reap them."""
    for manager in managers:
        provisioner = manager.provisioner
        if provisioner is None or not provisioner.has_process:
            continue
        with contextlib.suppress(OSError):
            os.killpg(provisioner.pgid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            provisioner.process.wait()


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
        write(df, "parquet", work / "blocks.parquet")
        label = str(source) if source else SEED_NAME
        frame, executed = work / "blocks.parquet", work / "report.ipynb"
        # the kernel runs in ``out``, which outlives it (``work`` is gone once this returns)
        notebook = (label, frame, executed, max_rows, out.resolve(), work / "report.html")
        with alongside(notebook_html, *notebook) as html_written:
            write_csvs(df, work / "blocks.csv", work / "claims.csv")
            html_written()
        _publish(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out / "report.html"


def write_csvs(
    df: pd.DataFrame, blocks_csv: Path, claims_csv: Path, workers: int | None = None
) -> None:
    """Write ``df`` to ``blocks_csv`` and :func:`qa_lib.claims` of ``df`` to ``claims_csv``,
    byte for byte as :func:`qa_lib.export.write` writes them (with its warning about control
    characters), in ``workers`` processes: each labels the claims of a run of rows and turns
    both into CSV. None: every core from :data:`PARALLEL_MIN_QUESTIONS` questions on, else one.
    """
    check_workers(workers)
    if workers is None:
        many = int((df["kind"] == "qa").sum()) >= PARALLEL_MIN_QUESTIONS
        workers = cores() if many else 1
    if workers == 1 or len(df) < 2:
        write(df, "csv", blocks_csv)
        write(claims(df), "csv", claims_csv)
        return
    removed = _csvs_in_processes(df, (blocks_csv, claims_csv), workers)
    for path, counts, columns in zip(
        (blocks_csv, claims_csv), removed, (df.columns, CLAIM_COLUMNS), strict=True
    ):
        warn_removed(str(path), {c: counts[c] for c in map(str, columns) if c in counts})


def _csvs_in_processes(
    df: pd.DataFrame, paths: tuple[Path, Path], workers: int
) -> tuple[dict[str, int], dict[str, int]]:
    """Write the two CSVs of :func:`write_csvs`, run by run of rows in order; return, for each,
    how many cells lost control characters per column."""
    taxonomy = portable_taxonomy(frame_taxonomy(df))
    removed: tuple[dict[str, int], dict[str, int]] = ({}, {})
    with (
        worker_pool(workers) as pool,
        paths[0].open("w", encoding="utf-8") as blocks_out,
        paths[1].open("w", encoding="utf-8") as claims_out,
    ):
        runs = [
            pool.submit(_csv_run, df.iloc[start:end], taxonomy, start == 0)
            for start, end in row_runs(len(df), workers * CHUNKS_PER_WORKER)
        ]
        for run in runs:
            parts = zip((blocks_out, claims_out), run.result(), removed, strict=True)
            for out, (text, counts), total in parts:
                out.write(text)
                for column, n in counts.items():
                    total[column] = total.get(column, 0) + n
    return removed


def _csv_run(
    rows: pd.DataFrame, taxonomy: Taxonomy | str | None, header: bool
) -> tuple[tuple[str, dict[str, int]], tuple[str, dict[str, int]]]:
    """The CSV parts (with their counts of cells cleaned) of a run of rows and of its claims."""
    labelled = claims(rows, taxonomy=load_taxonomy(taxonomy), workers=1)
    return csv_part(rows, header=header), csv_part(labelled, header=header)


def notebook_html(
    label: str, frame: Path, executed: Path, max_rows: int | None, cwd: Path, html: Path
) -> Path:
    """:func:`run_notebook`, then :func:`export_html` of the executed notebook to ``html``: the
    half of a build that needs only the block frame saved at ``frame``."""
    run_notebook(label, frame, executed, max_rows, cwd=cwd)
    return export_html(executed, html)


@contextlib.contextmanager
def alongside(target: Callable[..., object], *args: object) -> Iterator[Callable[[], None]]:
    """Run ``target(*args)`` in a child process while the ``with`` body runs.

    The body calls the function it is given to wait for the child: it returns once ``target``
    has returned, and raises what ``target`` raised (as :class:`ReportError` when that cannot
    be sent between processes). When the body fails or is interrupted (Ctrl-C, SIGTERM), the
    child is stopped as Ctrl-C would stop it (a kernel it started is shut down), and killed
    if it is still there after :data:`STOP_SECONDS`.
    """
    context = multiprocessing.get_context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, target, args), name="qa-lib-notebook")
    child.start()
    send.close()

    def wait() -> None:
        try:
            error = receive.recv()
        except EOFError:  # it died without a word (killed)
            child.join()
            error = ReportError(f"the notebook process stopped (exit status {child.exitcode})")
        child.join()
        if error is not None:
            raise error

    try:
        yield wait
    finally:
        _stop(child)
        receive.close()


def _child(send: Connection, target: Callable[..., object], args: tuple) -> None:
    """In the child: run ``target(*args)`` and send back None, or the exception it raised."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop_once)
    try:
        target(*args)
    except BaseException as exc:  # every failure goes back to the parent
        send.send(_portable(exc))
    else:
        send.send(None)
    finally:
        send.close()


def _stop_once(_signum: int, _frame: object) -> None:
    """The first Ctrl-C or SIGTERM stops the child (KeyboardInterrupt); later ones do nothing,
    so that they cannot cut short the clean-up the first one started (a terminal's Ctrl-C and
    the parent's SIGTERM often arrive together)."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _ignore)
    raise KeyboardInterrupt


def _ignore(_signum: int, _frame: object) -> None:
    """A signal handler that does nothing (unlike SIG_IGN, it also swallows a signal that was
    already pending when it was installed)."""


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a :class:`ReportError` that names it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # whatever stops pickling, the message still goes
        return ReportError(f"{type(exc).__name__}: {exc}")
    return exc


def _stop(child: BaseProcess) -> None:
    """Stop ``child`` as SIGTERM does, and kill it if it is not gone in :data:`STOP_SECONDS`."""
    if child.is_alive():
        child.terminate()
        child.join(STOP_SECONDS)
    if child.is_alive():
        child.kill()
    child.join()


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
