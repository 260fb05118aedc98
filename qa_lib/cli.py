"""Command line.

``qa-lib PATH... [--claims] [--format csv|json|parquet] [-o OUT]``: the table of one or more
pages or folders. ``qa-lib report [SOURCE] [-o DIR]``: the offline HTML report (and its CSVs).
``qa-lib app [SOURCE] [--port N]``: the explorer as a web app (Voilà). The command comes first.
Bad input prints one line, ``qa-lib: error: ...``, and exits 1; a skipped page prints one
``qa-lib: warning: ...`` line; Ctrl-C (or SIGTERM) prints one line, exits 130 (143) and leaves
no half-written file. Only the standard library is imported before the arguments are read.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from .app import DEFAULT_PORT
from .errors import QALibError
from .paths import DEFAULT_OUT
from .report import MAX_ROWS

PROG = "qa-lib"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM arrived; ``signum`` says which (a KeyboardInterrupt, so that no
    ``except Exception`` on the way swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _table_parser() -> argparse.ArgumentParser:
    from .export import FORMATS

    p = argparse.ArgumentParser(
        prog=PROG,
        description="Read scraped FAQ pages (files or folders of *.txt) into a labelled table. "
        f"'{PROG} report --help' describes the HTML report, '{PROG} app --help' the web app "
        "(the command comes first).",
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
    p.add_argument(
        "--strict", action="store_true", help="fail on a page of a folder that cannot be read"
    )
    return p


def _source_parser(command: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"{PROG} {command}", description=description)
    p.add_argument(
        "source", nargs="?", help="a page or a folder of *.txt pages (default: the seed page)"
    )
    _common(p)
    p.add_argument(
        "--relative-to",
        metavar="DIR",
        help="read a relative SOURCE or TAXONOMY from DIR when it is there (make passes the "
        "folder the command was typed in)",
    )
    return p


def _report_parser() -> argparse.ArgumentParser:
    p = _source_parser(
        "report",
        "Build one self-contained, offline HTML report (plus blocks.csv, blocks.parquet and "
        "claims.csv) for a page or a folder of pages.",
    )
    p.add_argument(
        "-o",
        "--out",
        metavar="DIR",
        type=Path,
        default=DEFAULT_OUT,
        help=f"output folder (default: {DEFAULT_OUT}/ in the working directory)",
    )
    p.add_argument(
        "--max-rows",
        type=_positive,
        help=f"cap on rows in the question table (default: {MAX_ROWS})",
    )
    p.add_argument(
        "--strict", action="store_true", help="fail on a page of a folder that cannot be read"
    )
    return p


def _app_parser() -> argparse.ArgumentParser:
    p = _source_parser(
        "app",
        "Serve the explorer as a web page on 127.0.0.1 with Voilà (code hidden); each browser "
        "page gets its own kernel. Needs the extra qa_lib[app].",
    )
    p.add_argument(
        "--port",
        type=_positive,
        default=DEFAULT_PORT,
        help=f"port on 127.0.0.1 (default: {DEFAULT_PORT})",
    )
    return p


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--taxonomy", metavar="TOML", help="a taxonomy file to label with")


def _from(base: str | None, path: str | None) -> str | None:
    """``path`` read from ``base`` when it is relative and exists there (``make -C``)."""
    if not path or not base or Path(path).is_absolute():
        return path
    there = Path(base) / path
    if Path(base).resolve() != Path.cwd().resolve() and there.exists():
        return str(there)
    return path


@contextlib.contextmanager
def _one_line_warnings(prog: str) -> Iterator[None]:
    """Show qa_lib's warnings (a skipped page, cells cleaned) as one line each on stderr."""
    with warnings.catch_warnings():
        warnings.showwarning = lambda message, *_args, **_kw: print(
            f"{prog}: warning: {message}", file=sys.stderr
        )
        yield


def _table(args: argparse.Namespace) -> None:
    from .claims import claims
    from .export import write
    from .frame import read_faq

    df = read_faq(args.paths, taxonomy=args.taxonomy, strict=args.strict, progress=True)
    if args.claims:
        df = claims(df)
    write(df, args.format, args.output, raw_csv=args.raw_csv)


def _report(args: argparse.Namespace) -> None:
    from .build_report import OUTPUTS, build

    html = build(
        _from(args.relative_to, args.source),
        args.out,
        taxonomy=_from(args.relative_to, args.taxonomy),
        max_rows=args.max_rows,
        strict=args.strict,
    )
    others = ", ".join(OUTPUTS[1:])
    print(f"{PROG} report: wrote {html} ({html.stat().st_size / 1e6:.2f} MB) and {others}")
    print(f"Open it in a browser (it works offline): {html.resolve().as_uri()}")


def _app(args: argparse.Namespace) -> None:
    from .app import serve

    source, taxonomy = _from(args.relative_to, args.source), _from(args.relative_to, args.taxonomy)
    status = serve(source, args.port, taxonomy=taxonomy)
    if status:
        raise QALibError(f"Voilà stopped with exit status {status}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage,
    130 Ctrl-C, 143 SIGTERM)."""
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        if argv[:1] == ["report"]:
            args, run = _report_parser().parse_args(argv[1:]), _report
        elif argv[:1] == ["app"]:
            args, run = _app_parser().parse_args(argv[1:]), _app
        else:
            args, run = _table_parser().parse_args(argv), _table
        with _one_line_warnings(PROG):
            run(args)
    except (OSError, QALibError, ValueError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        print(f"{PROG}: interrupted; no file was left half-written", file=sys.stderr)
        return 128 + signum
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0
