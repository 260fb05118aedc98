"""CSV that a spreadsheet cannot run; JSON and Parquet that keep the text as it was."""

from __future__ import annotations

import csv
import io
import json
import shutil
import warnings

import pandas as pd
import pytest

import qa_lib
from qa_lib.build_report import write_csvs
from qa_lib.cli import main
from qa_lib.export import ControlCharactersRemoved, csv_text, read_frame, spreadsheet_safe, write
from qa_lib.report import CSV_SAFE_JS, interactive_table_html, question_table
from tests.conftest import SEED, TINY_PAGE

HOSTILE = (
    '=HYPERLINK("http://evil.example","click") is it safe?\n'
    "+cmd|' /C calc'!A0 is what it says.\n"
    "-2+3 people said so. @SUM(1+1) too.\n"
)


def _cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_gets_a_leading_quote(start):
    df = pd.DataFrame({"text": [f"{start}1+2", f"a{start}b", "plain"], "n": [-1, 2, 3]})
    safe, _ = spreadsheet_safe(df)
    first = safe.loc[0, "text"]
    assert first.startswith("'") and first.endswith("1+2")
    assert safe.loc[1, "text"].startswith("a")  # only the first character matters
    assert safe.loc[2, "text"] == "plain"
    assert safe["n"].tolist() == [-1, 2, 3]  # numbers are not text
    assert spreadsheet_safe(pd.DataFrame({"t": ["\x00=1"]}))[0].loc[0, "t"] == "'=1"
    assert df.loc[0, "text"] == f"{start}1+2"  # the input frame is not changed


def test_blocks_and_claims_csv_are_safe_and_json_parquet_keep_the_text(tmp_path):
    df = qa_lib.parse_faq(HOSTILE)
    out = tmp_path / "blocks.csv"
    write(df, "csv", out)
    row = _cells(out.read_text(encoding="utf-8"))[0]
    assert row["question"] == "'" + df.loc[0, "question"]
    assert row["answer"].startswith("'+cmd")
    assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())
    claims = tmp_path / "claims.csv"
    write(qa_lib.claims(df), "csv", claims)
    texts = [r["text"] for r in _cells(claims.read_text(encoding="utf-8"))]
    assert "'-2+3 people said so. @SUM(1+1) too." in texts
    write(df, "json", tmp_path / "blocks.json")
    assert json.loads((tmp_path / "blocks.json").read_text())[0]["question"].startswith("=HYPER")
    write(df, "parquet", tmp_path / "blocks.parquet")
    assert pd.read_parquet(tmp_path / "blocks.parquet").loc[0, "answer"].startswith("+cmd")


def test_control_characters_are_removed_and_reported():
    df = pd.DataFrame({"answer": ["a\x00b", "tab\there\nnewline", "\x1b[31mred", "ok"]})
    with pytest.warns(ControlCharactersRemoved, match=r"x.csv: .* 2 cells \(answer: 2\)"):
        text = csv_text(df, where="x.csv")
    cells = [r["answer"] for r in _cells(text)]
    assert cells == ["ab", "tab\there\nnewline", "[31mred", "ok"]


def test_a_nul_in_valid_utf8_never_reaches_the_csv(tmp_path):
    page = tmp_path / "nul.txt"
    page.write_bytes("Is café safe?\nIt is\x00 fine.\n".encode())
    out = tmp_path / "blocks.csv"
    with pytest.warns(ControlCharactersRemoved, match="cells"):
        write(qa_lib.read_faq(page), "csv", out)
    assert "\x00" not in out.read_text(encoding="utf-8")


def test_raw_csv_writes_cells_as_they_are(tmp_path, capsys):
    page = tmp_path / "p.txt"
    page.write_text(HOSTILE + "Is x safe?\nYes\x07.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # raw: nothing is removed, so nothing is reported
        assert main([str(page), "--raw-csv"]) == 0
    raw = _cells(capsys.readouterr().out)
    assert raw[0]["question"].startswith("=HYPER") and raw[0]["answer"].startswith("+cmd")
    assert raw[1]["answer"] == "Yes\x07."
    assert main([str(page)]) == 0
    out, err = capsys.readouterr()
    assert (
        err
        == "qa-lib: warning: <stdout>: removed control characters from 2 cells (answer: 1, text: 1)\n"
    )
    safe = _cells(out)
    assert safe[0]["answer"].startswith("'+cmd") and safe[1]["answer"] == "Yes."


def test_the_report_csv_button_escapes_like_blocks_csv():
    table, _ = question_table(qa_lib.parse_faq(HOSTILE))
    html = interactive_table_html(table)
    assert '"keys_to_be_evaluated": [["buttons", 0, "exportOptions", "customizeData"]]' in html
    assert '"escapeExcelFormula": false' in html
    assert "/^[=+\\\\-@\\\\t\\\\r]/" in html  # the JSON-escaped test in CSV_SAFE_JS
    assert "[=+\\-@\\t\\r]" in CSV_SAFE_JS


def test_the_report_writes_its_csvs_in_processes_byte_for_byte_as_write_does(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(HOSTILE + "Is x safe?\nYes\x07.\n", encoding="utf-8")
    (folder / "b.txt").write_text(TINY_PAGE, encoding="utf-8")
    (folder / "c.txt").write_text("Is it safe?\n\x0b=It may be [2].\n\n  • a\x1b item\n", "utf-8")
    shutil.copy(SEED, folder / "d.txt")
    df = qa_lib.read_faq(folder)
    written = {}
    for how in ("write", "in processes"):
        out = tmp_path / how
        out.mkdir()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if how == "write":
                write(df, "csv", out / "blocks.csv")
                write(qa_lib.claims(df), "csv", out / "claims.csv")
            else:
                write_csvs(df, out / "blocks.csv", out / "claims.csv", workers=2)
        said = [str(w.message).replace(str(out), "OUT") for w in caught]
        files = [(out / name).read_bytes() for name in ("blocks.csv", "claims.csv")]
        written[how] = (files, said)
    assert written["in processes"] == written["write"]
    assert len(written["write"][1]) == 2  # blocks.csv and claims.csv both lost control characters


def test_a_frame_read_back_from_parquet_writes_the_same_csv(seed_path, tmp_path):
    df = qa_lib.read_faq(seed_path)
    write(df, "parquet", tmp_path / "blocks.parquet")
    write(df, "csv", tmp_path / "direct.csv")
    back = read_frame(tmp_path / "blocks.parquet")
    write(back, "csv", tmp_path / "back.csv")
    assert (tmp_path / "back.csv").read_bytes() == (tmp_path / "direct.csv").read_bytes()
    assert back["is_bullet"].map(lambda v: all(type(x) is bool for x in v)).all()
