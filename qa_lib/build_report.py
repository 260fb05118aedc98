"""Build the report: run ``notebooks/02-report.ipynb`` on a source, export one offline HTML file.

``python -m qa_lib.build_report [SOURCE] [--out reports]`` (what ``make report`` runs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .claims import claims
from .errors import QALibError
from .export import write
from .frame import read_faq
from .paths import DEFAULT_SOURCE, NOTEBOOKS, REPORTS, display, resolve

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_NOTEBOOK = NOTEBOOKS / "02-report.ipynb"


def export_html(notebook: Path, html_out: Path) -> Path:
    """Export an executed notebook with the offline template (no CDN, code folded)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="offline_report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    html_out.write_text(body, encoding="utf-8")
    return html_out


def run_notebook(source: str, executed: Path, max_rows: int | None = None, frame: str = "") -> Path:
    """Execute the report notebook with papermill, its parameters set to ``source``."""
    import papermill

    params: dict[str, object] = {"SOURCE": source, "FRAME": frame}
    if max_rows is not None:
        params["MAX_ROWS"] = max_rows
    papermill.execute_notebook(
        str(REPORT_NOTEBOOK),
        str(executed),
        parameters=params,
        cwd=str(NOTEBOOKS),
        kernel_name="python3",
        progress_bar=False,
    )
    return executed


def build(source: str = DEFAULT_SOURCE, out: Path = REPORTS, max_rows: int | None = None) -> Path:
    """Write ``report.html``, ``blocks.csv``/``.parquet`` and ``claims.csv`` for ``source``."""
    path = resolve(source)
    df = read_faq(path)  # fails early, with a clear error, before any kernel starts
    out.mkdir(parents=True, exist_ok=True)
    write(df, "csv", out / "blocks.csv")
    write(df, "parquet", out / "blocks.parquet")
    write(claims(df), "csv", out / "claims.csv")
    executed = run_notebook(
        display(path), out / "report.ipynb", max_rows, str(out / "blocks.parquet")
    )
    return export_html(executed, out / "report.html")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa_lib.build_report", description=__doc__)
    p.add_argument("source", nargs="?", default=DEFAULT_SOURCE, help="a page or a folder of pages")
    p.add_argument("--out", type=Path, default=REPORTS, help="output folder (default: reports/)")
    p.add_argument("--max-rows", type=int, default=None, help="cap on rows in the question table")
    args = p.parse_args(argv)
    try:
        html = build(args.source, args.out, args.max_rows)
    except (OSError, QALibError, ValueError) as exc:
        print(f"qa-lib report: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {html} ({html.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
