"""The benchmark runner's command line: a flag it does not know is a usage message, not a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_help_and_unknown_flags_print_usage_instead_of_measuring():
    for flag in ("--help", "--adversrial"):
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks", flag],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1
        assert "usage: python -m benchmarks" in done.stderr
        assert "--adversarial" in done.stderr
        assert done.stdout == ""  # nothing measured, nothing written
