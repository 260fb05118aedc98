"""qa_lib installed from its wheel, alone in a clean venv, away from the repository."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from qa_lib.paths import SEED_NAME
from tests.conftest import ROOT, TINY_PAGE
from tests.fresh import fresh_copy, run

pytestmark = pytest.mark.fresh


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A clean venv holding the wheel built from a fresh copy of the sources (pinned deps)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = fresh_copy(tmp / "src")
    built = run(f"{sys.executable} -m pip wheel -qq --no-deps -w {tmp / 'dist'} {src}", tmp)
    assert built.returncode == 0, built.stdout
    (wheel,) = (tmp / "dist").glob("qa_lib-*.whl")
    venv = tmp / "venv"
    made = run(
        f"{sys.executable} -m venv {venv} && {venv}/bin/python -m pip install -qq "
        f"-c {ROOT / 'constraints.txt'} {wheel}",
        tmp,
    )
    assert made.returncode == 0, made.stdout
    return venv


def test_the_installed_package_is_not_the_repository(venv, tmp_path):
    done = run(f"{venv}/bin/python -c 'import qa_lib; print(qa_lib.__file__)'", tmp_path)
    assert done.returncode == 0, done.stdout
    assert "site-packages" in done.stdout and str(ROOT) not in done.stdout


def test_qa_lib_report_builds_the_seed_report_anywhere(venv, tmp_path):
    done = run(f"{venv}/bin/qa-lib report", tmp_path)
    assert done.returncode == 0, done.stdout
    html = tmp_path / "reports" / "report.html"
    assert done.stdout.splitlines()[-1].endswith(html.as_uri()), done.stdout
    text = html.read_text(encoding="utf-8")
    assert f"<b>Source:</b> {SEED_NAME}" in text and "<b>questions:</b> 16" in text


def test_qa_lib_report_on_a_page_into_a_named_folder(venv, tmp_path):
    (tmp_path / "tiny.txt").write_text(TINY_PAGE, encoding="utf-8")
    done = run(f"{venv}/bin/qa-lib report tiny.txt -o out/here", tmp_path)
    assert done.returncode == 0, done.stdout
    text = (tmp_path / "out" / "here" / "report.html").read_text(encoding="utf-8")
    assert "<b>Source:</b> tiny.txt" in text and "<b>questions:</b> 2" in text
    table = run(f"{venv}/bin/qa-lib tiny.txt --claims --format json", tmp_path)
    assert table.returncode == 0 and '"claim_type"' in table.stdout, table.stdout


def test_a_folder_with_a_bad_page_and_a_taxonomy_of_ones_own(venv, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "tiny.txt").write_text(TINY_PAGE, encoding="utf-8")
    (pages / "bad.txt").write_bytes(b"\x00\x01" * 50)
    mine = tmp_path / "mine.toml"
    shutil.copy(ROOT / "qa_lib" / "data" / "taxonomy.toml", mine)
    done = run(f"{venv}/bin/qa-lib report pages --taxonomy mine.toml", tmp_path)
    assert done.returncode == 0, done.stdout
    assert f"qa-lib: warning: {Path('pages') / 'bad.txt'}: skipped: looks binary" in done.stdout
    text = (tmp_path / "reports" / "report.html").read_text(encoding="utf-8")
    assert "<b>taxonomy:</b> mine.toml (sha256 " in text and "unreadable file" in text
