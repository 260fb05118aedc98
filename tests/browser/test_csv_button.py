"""The report's CSV button, clicked in headless Chromium: the file it saves is spreadsheet-safe."""

from __future__ import annotations

import csv
import io

import pytest

import qa_lib
from qa_lib.report import interactive_table_html, question_table

pytestmark = pytest.mark.browser

PAGE = (
    '=HYPERLINK("http://evil.example","click") is it safe?\n'
    "+cmd|' /C calc'!A0 is what it says.\n\n"
    "Is @SUM(1) a formula?\n-2+3 of them, and a bell\x07 too.\n"
)


def test_the_csv_button_saves_safe_cells(page, tmp_path):
    import itables
    from itables.javascript import generate_init_offline_itables_html

    table, _ = question_table(qa_lib.parse_faq(PAGE))
    html = tmp_path / "table.html"
    html.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        + generate_init_offline_itables_html(itables.options.dt_bundle)
        + interactive_table_html(table)
        + "</body></html>",
        encoding="utf-8",
    )
    page.goto(html.as_uri())
    page.wait_for_selector("table#questions tbody tr td", timeout=30_000)
    with page.expect_download() as download:
        page.get_by_text("Download CSV (filtered rows)").click()
    saved = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(saved)))
    assert [r["question"] for r in rows] == [
        "'" + table.loc[0, "question"],
        "Is @SUM(1) a formula?",
    ]
    assert rows[0]["answer"].startswith("'+cmd|")
    assert rows[1]["answer"] == "'-2+3 of them, and a bell too."
    assert page.errors == []
