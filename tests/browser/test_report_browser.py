"""The exported report as a reader opens it: from file://, offline, in headless Chromium."""

from __future__ import annotations

import re

import pytest

import qa_lib
from qa_lib import report
from qa_lib.build_report import build
from tests.browser.conftest import screenshot
from tests.conftest import SEED

pytestmark = pytest.mark.browser

HOSTILE = (
    "Is <b>glutamate</b> safe?\n"
    "<script>window.__pwned = 1; alert('pwned')</script> Glutamate may be safe [3].\n"
    '<img src=x onerror="window.__pwned = 2; alert(2)"> Some say it is not.\n\n'
    "What is glutamate?\nGlutamate is a neurotransmitter.\n"
)
ROWS = "table#questions tbody tr"


def _open_offline(page, path) -> list[str]:
    """Open a file:// report with every non-file/data/blob request aborted; return those."""
    blocked: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(path.as_uri())
    page.wait_for_selector(f"{ROWS} td", timeout=30_000)
    return blocked


def _rows(page) -> int:
    return page.locator(ROWS).filter(has=page.locator("td:not(.dt-empty)")).count()


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    return build(str(SEED), tmp_path_factory.mktemp("seed-report"))


def test_report_works_offline_and_filters_without_a_kernel(page, seed_report):
    blocked = _open_offline(page, seed_report)
    assert blocked == []
    table, total = report.question_table(qa_lib.read_faq(SEED))
    assert _rows(page) == min(total, 25)

    images = page.locator('img[src^="data:image/png"]')
    assert images.count() == 5  # topics, claim types, topic x claim type, evidence, strength
    assert all(images.nth(i).evaluate("i => i.naturalWidth > 0") for i in range(5))

    search = page.locator("div.dt-search input")
    search.press_sequentially("liver", delay=80)  # the table filters on every key
    hits = table.apply(lambda r: r.str.contains("liver", case=False).any(), axis=1).sum()
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {hits}")
    assert _rows(page) == hits
    search.fill("")
    search.press("Backspace")
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {min(total, 25)}")

    topic_pane = page.locator("div.dtsp-searchPane").nth(0)  # panes follow FILTER_COLUMNS
    topic_pane.locator("span.dtsp-name", has_text=re.compile(r"^skin$")).first.click()
    skin = int((table["topic"] == "skin").sum())
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {skin}")
    assert page.locator(ROWS).first.inner_text().count("skin") >= 1
    assert page.errors == []
    page.locator("h2#All-questions").scroll_into_view_if_needed()
    screenshot(page, "report-table")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "report")


def test_table_of_contents_links_every_section(page, seed_report):
    _open_offline(page, seed_report)
    links = page.locator("nav#toc a").all_inner_texts()
    assert links == [
        "What was read",
        "Topics",
        "Claim types",
        "Topic × claim type",
        "Evidence and hedging by claim type",
        "Claim strength and hedging",
        "Compare sources",
        "All questions",
    ]


def test_script_in_an_answer_runs_nothing(page, tmp_path):
    page_path = tmp_path / "hostile.txt"
    page_path.write_text(HOSTILE, encoding="utf-8")
    html = build(str(page_path), tmp_path / "out")
    blocked = _open_offline(page, html)
    page.wait_for_timeout(500)
    assert blocked == []  # the <img src=x> in the answer was never requested either
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    cells = page.locator(ROWS).all_inner_texts()
    assert any("<script>window.__pwned = 1; alert('pwned')</script>" in c for c in cells)
    assert any("Is <b>glutamate</b> safe?" in c for c in cells)
    page.locator("table#questions").scroll_into_view_if_needed()
    screenshot(page, "report-hostile")


@pytest.mark.corpus
def test_a_folder_report_compares_its_sources(page, corpora, tmp_path):
    from qa_lib.compare import disagreeing_groups
    from qa_lib.report import MAX_GROUPS, group_rows

    folder = corpora / "faq_pages" / "block"
    html = build(str(folder), tmp_path / "out")
    assert _open_offline(page, html) == []
    assert "Compare sources" in page.locator("nav#toc a").all_inner_texts()
    chart = page.locator('img[alt^="Claim type, evidence, hedging and strength by source"]')
    assert chart.count() == 1 and chart.evaluate("i => i.naturalWidth > 0")

    df = qa_lib.read_faq(folder)
    expected = disagreeing_groups(df, qa_lib.question_groups(df), MAX_GROUPS)
    # at least one question asked in the same words by several agencies, answered differently
    same_words = expected.loc[expected["score"] == 1.0]
    assert same_words.groupby("group")["source"].nunique().max() >= 2
    heading = page.locator("h3", has_text="The same question, answered differently")
    table = heading.locator("xpath=following::table[1]")
    rows = table.locator("tbody tr")
    assert rows.count() == len(group_rows(expected))
    assert "same words" in table.inner_text()
    first = rows.first.inner_text()
    assert expected["question"].iloc[0] in first and expected["source"].iloc[0] in first
    assert page.errors == []
    page.evaluate("document.querySelector('h2#Compare-sources').scrollIntoView()")
    screenshot(page, "report-compare")


def test_markup_in_a_compared_question_runs_nothing(page, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "b.txt").write_text(
        "Is <b>glutamate</b> safe?\nIn my experience it is safe.\n", encoding="utf-8"
    )
    html = build(str(folder), tmp_path / "out")
    assert _open_offline(page, html) == []
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None and page.dialogs == []
    heading = page.locator("h3", has_text="The same question, answered differently")
    cells = heading.locator("xpath=following::table[1]").locator("tbody tr").all_inner_texts()
    assert any("Is <b>glutamate</b> safe?" in c for c in cells)
