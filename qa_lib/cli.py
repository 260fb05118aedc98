"""Command line: ``python -m qa_lib PATH... [--claims] [--format csv|json|parquet] [-o OUT]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .claims import claims
from .errors import QALibError
from .export import FORMATS, write
from .frame import read_faq


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qa-lib",
        description="Read scraped FAQ pages (files or folders of *.txt) into a labelled table.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a page, or a folder of *.txt pages")
    p.add_argument("--claims", action="store_true", help="one row per claim instead of per block")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output)")
    p.add_argument("--taxonomy", metavar="TOML", help="a taxonomy file to label with")
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="CSV: write cells as they are (no leading ' before =, +, -, @, tab or CR; "
        "control characters kept)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    args = _parser().parse_args(argv)
    try:
        df = read_faq(args.paths, taxonomy=args.taxonomy)
        if args.claims:
            df = claims(df, taxonomy=args.taxonomy)
        write(df, args.format, args.output, raw_csv=args.raw_csv)
    except (OSError, QALibError, ValueError) as exc:
        print(f"qa-lib: error: {exc}", file=sys.stderr)
        return 1
    return 0
