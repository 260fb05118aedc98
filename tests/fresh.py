"""Helpers for tests that act as a new user: a fresh copy of the repository, a clean venv."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT


def fresh_copy(dest: Path) -> Path:
    """Copy what a clone of this working tree would hold (tracked files and new files that are
    not ignored, symlinks kept as links) to ``dest``: no .venv, no reports, no caches."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree, not yet committed
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target, follow_symlinks=False)
    return dest


def user_env(cwd: Path, path_first: Path | None = None) -> dict[str, str]:
    """The environment of a user's shell in ``cwd``: no make or venv state inherited from the
    test run (MAKEFLAGS, VIRTUAL_ENV, MPLBACKEND), PWD as a shell sets it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV", "MPLBACKEND", "PYTHONPATH"}
    }
    env["PWD"] = str(cwd)
    parts = [p for p in env.get("PATH", "").split(os.pathsep) if "/.venv/" not in p + "/"]
    if path_first is not None:
        parts.insert(0, str(path_first))
    env["PATH"] = os.pathsep.join(parts)
    return env


def run(cmd: str, cwd: Path, path_first: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` as a user types it in a shell in ``cwd``; stdout and stderr together."""
    return subprocess.run(
        ["bash", "-c", cmd],
        cwd=cwd,
        env=user_env(cwd, path_first),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=1200,
        check=False,
    )
