"""The explorer as a person uses it: in a running JupyterLab, in headless Chromium."""

from __future__ import annotations

import json

import pytest

import qa_lib
from qa_lib.filters import filter_blocks
from tests.browser.conftest import screenshot, wait_until
from tests.conftest import SEED

pytestmark = pytest.mark.browser

HOSTILE = (
    "Is <b>glutamate</b> safe?\n"
    "<script>window.__pwned = 1; alert('pwned')</script> Glutamate may be safe [3].\n"
    '<img src=x onerror="window.__pwned = 2; alert(2)"> Some say it is not.\n'
)
COUNT = ".widget-html-content b"


def _open_and_run(page, url: str, name: str) -> None:
    page.goto(f"{url}/lab/tree/{name}?reset")  # a fresh workspace: only this notebook open
    page.wait_for_function(
        "window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=60_000
    )
    _wait_idle(page)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"[...document.querySelectorAll('{COUNT}')].some(b => / of \\d+ questions/.test(b.textContent))",
        timeout=90_000,
    )


IDLE = (
    "(() => { const w = window.jupyterapp.shell.currentWidget;"
    " return w && w.sessionContext && w.sessionContext.session"
    " && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle'; })()"
)


def _wait_idle(page) -> None:
    page.wait_for_function(IDLE, timeout=90_000)


def _dismiss_news(page) -> None:
    """JupyterLab asks once about news; answer no so screenshots show the notebook."""
    no = page.locator(".Toastify").get_by_role("button", name="No", exact=True)
    if no.count():
        no.first.click()
        page.wait_for_timeout(800)  # let the toast slide away


def _panel(page):
    return page.locator(".jp-NotebookPanel:visible")


def _count(page) -> str:
    return _panel(page).locator(COUNT).filter(has_text="questions").first.inner_text()


def _wait_count(page, text: str) -> None:
    _panel(page).locator(COUNT).filter(has_text=text).first.wait_for(timeout=30_000)


def _listed(page) -> list[str]:
    return _panel(page).locator(".qa-list summary").all_inner_texts()


def test_explorer_filters_in_jupyterlab(lab, page):
    url, _root = lab
    df = qa_lib.read_faq(SEED)
    _open_and_run(page, url, "01-explore.ipynb")
    assert _panel(page).get_by_text("Error displaying widget").count() == 0
    assert _count(page) == "16 of 16 questions"

    claim = (
        _panel(page)
        .locator(".widget-select-multiple")
        .filter(has_text="Claim type")
        .locator("select")
    )
    expected = filter_blocks(df, claim_types=["safety"])
    claim.select_option(label=f"safety ({len(expected)})")
    _wait_count(page, f"{len(expected)} of 16 questions")
    wait_until(lambda: _listed(page), expected["question"].tolist())

    search = _panel(page).locator(".widget-text input").first
    search.press_sequentially("liver", delay=60)
    narrowed = filter_blocks(df, claim_types=["safety"], search="liver")
    _wait_count(page, f"{len(narrowed)} of 16 questions")
    assert len(narrowed) < len(expected)
    wait_until(lambda: _listed(page), narrowed["question"].tolist())
    _dismiss_news(page)
    _wait_idle(page)
    assert _count(page) == f"{len(narrowed)} of 16 questions"
    screenshot(page, "explorer")


def test_markup_in_an_answer_shows_as_text_in_the_explorer(lab, page, tmp_path):
    url, root = lab
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    nb = json.loads((root / "01-explore.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            source = "".join(cell["source"]).splitlines()
            cell["source"] = "\n".join(
                f"SOURCE = {str(hostile)!r}" if x.startswith("SOURCE =") else x for x in source
            )
    (root / "01-explore-hostile.ipynb").write_text(json.dumps(nb), encoding="utf-8")

    _open_and_run(page, url, "01-explore-hostile.ipynb")
    _panel(page).locator(".qa-list summary").first.click()
    text = _panel(page).locator(".qa-list details").first.inner_text()
    assert "Is <b>glutamate</b> safe?" in text
    assert "<script>window.__pwned = 1; alert('pwned')</script>" in text
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in text
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    screenshot(page, "explorer-hostile")
