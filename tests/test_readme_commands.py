"""The README's commands as a new user types them, in a fresh copy of the repository.

`make report` sets everything up on its own (the venv included), so this is slow: about a
minute for the set-up, then seconds per report.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from qa_lib.paths import SEED_NAME
from tests.conftest import ROOT, TINY_PAGE
from tests.fresh import fresh_copy, run

pytestmark = pytest.mark.fresh

BASH_BLOCK = re.compile(r"```bash\n(.*?)```", re.DOTALL)
RUNNABLE = ("make report", "qa-lib ", "python -m qa_lib", "cp ")


def readme_blocks() -> list[str]:
    """Each bash block of the README as one script of the lines a user runs for a result, in
    order (not the `make test` this suite is part of, nor `make lab`/`make app`, which serve
    until stopped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    scripts = []
    for block in BASH_BLOCK.findall(text):
        lines = [x.strip() for x in block.splitlines() if x.strip().startswith(RUNNABLE)]
        if lines:
            scripts.append("set -e\n" + "\n".join(lines))
    return scripts


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, str]:
    """A fresh copy of the repository, and what `make report` printed there, run as written."""
    repo = fresh_copy(tmp_path_factory.mktemp("fresh") / "qa_lib")
    done = run("make report", repo)
    assert done.returncode == 0, done.stdout
    return repo, done.stdout


@pytest.fixture
def clone(first_run) -> Path:
    return first_run[0]


def _html(repo: Path) -> str:
    return (repo / "reports" / "report.html").read_text(encoding="utf-8")


def test_make_report_works_on_a_fresh_clone_and_says_where_it_wrote(first_run):
    clone, output = first_run
    lines = output.splitlines()
    html = clone / "reports" / "report.html"
    assert lines[0].startswith("Setting up .venv"), lines
    assert lines[-2].startswith("qa-lib report: wrote reports/report.html ("), lines
    assert lines[-1] == f"Open it in a browser (it works offline): {html.as_uri()}"
    assert len(lines) == 3, f"noise in make report's output: {lines}"
    assert f"<b>Source:</b> {SEED_NAME}" in _html(clone)
    assert "<b>questions:</b> 16" in _html(clone)


def test_make_report_on_a_folder_with_a_bad_page(clone, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(clone / "seeds" / SEED_NAME, pages / "seed.txt")
    (pages / "TINY.TXT").write_text(TINY_PAGE, encoding="utf-8")
    (pages / "broken.txt").write_bytes(b"\x00\x01" * 100)
    done = run(f"make report SOURCE={pages}", clone)
    assert done.returncode == 0, done.stdout
    assert f"qa-lib: warning: {pages / 'broken.txt'}: skipped" in done.stdout
    html = _html(clone)
    assert "<b>pages:</b> 2" in html and "<b>questions:</b> 18" in html
    assert "unreadable file" in html and "broken.txt" in html


def test_make_report_with_a_path_relative_to_another_folder(clone, tmp_path):
    elsewhere = tmp_path / "work"
    (elsewhere / "pages").mkdir(parents=True)
    (elsewhere / "pages" / "tiny.txt").write_text(TINY_PAGE, encoding="utf-8")
    done = run(f"make -C {clone} report SOURCE=pages/tiny.txt", elsewhere)
    assert done.returncode == 0, done.stdout
    assert "tiny.txt" in _html(clone) and "<b>questions:</b> 2" in _html(clone)


def test_a_missing_source_is_one_clear_line(clone):
    done = run("make report SOURCE=no/such/page.txt", clone)
    assert done.returncode != 0
    assert "qa-lib: error: no/such/page.txt: no such file or folder" in done.stdout
    assert "Traceback" not in done.stdout


@pytest.mark.parametrize("script", readme_blocks())
def test_every_readme_command_runs_as_written(clone, script):
    done = run(script, clone, path_first=clone / ".venv" / "bin")
    assert done.returncode == 0, f"{script}\n{done.stdout[-3000:]}"
    assert "Traceback" not in done.stdout and "error:" not in done.stdout, done.stdout
