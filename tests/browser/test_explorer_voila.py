"""The explorer as a web app (``qa-lib app``, Voilà), as a reader uses it in Chromium."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import qa_lib
from qa_lib.filters import filter_blocks
from tests.browser.conftest import free_port, screenshot, server, wait_until
from tests.browser.test_explorer_lab import HOSTILE
from tests.conftest import SEED

pytestmark = pytest.mark.browser

COUNT = ".widget-html-content b"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """The seed page and a page whose answers hold markup."""
    folder = tmp_path_factory.mktemp("pages")
    shutil.copy(SEED, folder / SEED.name)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def app(pages, tmp_path_factory) -> Iterator[str]:
    """``qa-lib app`` on 127.0.0.1 and a free port; stopped (SIGTERM) whatever happens, with
    Voilà and every reader's kernel."""
    cwd = tmp_path_factory.mktemp("app")
    port = free_port()
    cmd = [sys.executable, "-m", "qa_lib", "app", str(pages), "--port", str(port)]
    url = f"http://127.0.0.1:{port}/"
    with server(cmd, url, cwd, "qa-lib app"):
        yield url


def _open(page, url: str) -> None:
    page.goto(url)
    page.locator(COUNT).filter(has_text=" questions").first.wait_for(timeout=120_000)


def _count(page) -> str:
    return page.locator(COUNT).filter(has_text="questions").first.inner_text()


def _claim_type(page):
    return page.locator(".widget-select-multiple").filter(has_text="Claim type").locator("select")


def _listed(page) -> list[str]:
    return page.locator(".qa-list summary").all_inner_texts()


def test_the_app_filters_like_filter_blocks(app, page, pages):
    df = qa_lib.read_faq(pages)
    total = int((df["kind"] == "qa").sum())
    _open(page, app)
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.get_by_text("Run All Cells").count() == 0  # nothing to run here
    body = page.inner_text("body")
    assert "import qa_lib" not in body and "explorer.explore(" not in body  # code hidden
    assert _count(page) == f"{total} of {total} questions"
    expected = filter_blocks(df, claim_types=["safety"])
    _claim_type(page).select_option(label=f"safety ({len(expected)})")
    page.locator(COUNT).filter(has_text=f"{len(expected)} of {total} questions").wait_for()
    wait_until(lambda: _listed(page), expected["question"].tolist())
    page.wait_for_timeout(1500)  # the charts arrive after the count
    screenshot(page, "app")


def test_markup_in_an_answer_shows_as_text_in_the_app(app, page):
    _open(page, app)
    page.locator(".widget-text input").first.press_sequentially("pwned", delay=40)
    page.locator(COUNT).filter(has_text="1 of ").wait_for()
    page.locator(".qa-list summary").first.click()
    text = page.locator(".qa-list details").first.inner_text()
    assert "Is <b>glutamate</b> safe?" in text
    assert "<script>window.__pwned = 1; alert('pwned')</script>" in text
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []


def test_two_readers_filter_independently(app, browser):
    first, second = (browser.new_context().new_page() for _ in range(2))
    try:
        _open(first, app)
        _open(second, app)
        before = _count(second)
        _claim_type(first).select_option(index=0)
        first.locator(COUNT).filter(has_text="questions").filter(
            has_not_text=before.split(" of ")[0] + " of"
        ).wait_for()
        assert _count(first) != before
        second.wait_for_timeout(1500)  # time for a stray update to arrive, if there were one
        assert _count(second) == before
        assert len(_listed(second)) == int(before.split(" of ")[0])
    finally:
        first.context.close()
        second.context.close()
