"""Headless Chromium (Debian's, driven by playwright) and a throwaway JupyterLab server.

Where Chromium cannot start, the tests fail with a clear message under CI (CI=true) and skip
with the same message elsewhere (a user's clone without Chromium).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("QA_LIB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "reports" / "screenshots"


def _unavailable(reason: str) -> None:
    message = (
        f"Chromium cannot start ({reason}). Install Debian's package: "
        "apt-get update && apt-get install -y chromium (make test does this as root)."
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session."""
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} not found")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as exc:
            _unavailable(str(exc).splitlines()[0])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page that records console errors, page errors and dialogs (alert())."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def wait_until(read, expected, timeout_s: float = 30) -> None:
    """Poll ``read()`` until it returns ``expected`` (widget messages arrive one by one: the
    count can change before the list does); fail with the last value seen."""
    deadline = time.monotonic() + timeout_s
    while (value := read()) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout_s} s for {expected!r}, last saw {value!r}")
        time.sleep(0.2)


def screenshot(pg, name: str) -> Path:
    """Save a screenshot under reports/screenshots/ (ignored by git; `make screenshots` copies)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(cmd: list[str], ready_url: str, cwd: Path, name: str) -> Iterator[None]:
    """Run ``cmd`` (a server on 127.0.0.1) in ``cwd`` until ``ready_url`` answers; stop it and
    every process it started whatever happens, and fail if any of them outlives it."""
    log_path = cwd / f"{name}.log"
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        started: list[psutil.Process] = []
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(ready_url, timeout=30).read(1)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"{name} did not start: {log_path.read_text()[-2000:]}"
                        ) from None
                    time.sleep(0.5)
            yield
        finally:
            with contextlib.suppress(psutil.NoSuchProcess):
                started = psutil.Process(proc.pid).children(recursive=True)
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            _, alive = psutil.wait_procs(started, timeout=30)
            for p in alive:
                p.kill()
            assert not alive, f"{name} left processes running: {alive}"


@pytest.fixture(scope="session")
def lab(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """JupyterLab on 127.0.0.1 and a free port, serving a copy of notebooks/ (so autosave
    never touches the committed notebooks); shut down whatever happens."""
    root = tmp_path_factory.mktemp("lab")
    for nb in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--allow-root",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--expose-app-in-browser",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    url = f"http://127.0.0.1:{port}"
    with server(cmd, f"{url}/api/status", root, "JupyterLab"):
        yield url, root
