"""Command line.

``qa-lib PATH... [--claims] [--format csv|json|parquet] [-o OUT]``: the table of one or more
pages or folders. ``qa-lib report [SOURCE] [-o DIR]``: the offline HTML report (and its CSVs).
``qa-lib app [SOURCE] [--port N]``: the explorer as a web app (Voilà).
Bad input prints one line, ``qa-lib: error: ...``, and exits 1; a skipped page prints one
``qa-lib: warning: ...`` line; Ctrl-C exits 130 with one line and leaves no half-written file.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from .claims import claims
from .errors import QALibError
from .export import FORMATS, write
from .frame import read_faq
from .paths import DEFAULT_OUT

PROG = "qa-lib"


def _table_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Read scraped FAQ pages (files or folders of *.txt) into a labelled table. "
        f"'{PROG} report --help' describes the HTML report.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a page, or a folder of *.txt pages")
    p.add_argument("--claims", action="store_true", help="one row per claim instead of per block")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output)")
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="CSV: write cells as they are (no leading ' before =, +, -, @, tab or CR; "
        "control characters kept)",
    )
    _common(p)
    return p


def _report_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} report",
        description="Build one self-contained, offline HTML report (plus blocks.csv, "
        "blocks.parquet and claims.csv) for a page or a folder of pages.",
    )
    p.add_argument(
        "source", nargs="?", help="a page or a folder of *.txt pages (default: the seed page)"
    )
    p.add_argument(
        "-o",
        "--out",
        metavar="DIR",
        type=Path,
        default=DEFAULT_OUT,
        help=f"output folder (default: {DEFAULT_OUT}/ in the working directory)",
    )
    p.add_argument("--max-rows", type=int, help="cap on rows in the question table (2000)")
    _common(p)
    return p


def _app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} app",
        description="Serve the explorer as a web page on 127.0.0.1 with Voilà (code hidden); "
        "each browser page gets its own kernel. Needs the extra qa_lib[app].",
    )
    p.add_argument(
        "source", nargs="?", help="a page or a folder of *.txt pages (default: the seed page)"
    )
    p.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default: 8866)")
    return p


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--taxonomy", metavar="TOML", help="a taxonomy file to label with")
    p.add_argument(
        "--strict", action="store_true", help="fail on a page of a folder that cannot be read"
    )


@contextlib.contextmanager
def _one_line_warnings(prog: str) -> Iterator[None]:
    """Show qa_lib's warnings (a skipped page) as one line each on stderr."""
    with warnings.catch_warnings():
        warnings.showwarning = lambda message, *_args, **_kw: print(
            f"{prog}: warning: {message}", file=sys.stderr
        )
        yield


def _table(args: argparse.Namespace) -> None:
    df = read_faq(args.paths, taxonomy=args.taxonomy, strict=args.strict, progress=True)
    if args.claims:
        df = claims(df)
    write(df, args.format, args.output, raw_csv=args.raw_csv)


def _report(args: argparse.Namespace) -> None:
    from .build_report import OUTPUTS, build

    html = build(
        args.source, args.out, taxonomy=args.taxonomy, max_rows=args.max_rows, strict=args.strict
    )
    others = ", ".join(OUTPUTS[1:])
    print(f"{PROG} report: wrote {html} ({html.stat().st_size / 1e6:.2f} MB) and {others}")
    print(f"Open it in a browser (it works offline): {html.resolve().as_uri()}")


def _app(args: argparse.Namespace) -> None:
    from .app import serve

    status = serve(args.source, args.port)
    if status:
        raise QALibError(f"Voilà stopped with exit status {status}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage, 130 Ctrl-C)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["report"]:
        args, run = _report_parser().parse_args(argv[1:]), _report
    elif argv[:1] == ["app"]:
        args, run = _app_parser().parse_args(argv[1:]), _app
    else:
        args, run = _table_parser().parse_args(argv), _table
    try:
        with _one_line_warnings(PROG):
            run(args)
    except (OSError, QALibError, ValueError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; no output was written", file=sys.stderr)
        return 130
    return 0
