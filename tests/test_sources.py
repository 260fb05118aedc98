"""What counts as a page in a folder, and what happens to one that cannot be read."""

from __future__ import annotations

import os
import warnings

import pytest

import qa_lib
from qa_lib import report
from qa_lib.cli import main
from qa_lib.errors import EmptySourceError, UnreadableFileError, UnreadableFileWarning
from qa_lib.provenance import unreadable
from tests.conftest import TINY_PAGE


@pytest.fixture
def folder(tmp_path):
    """Two good pages (one named in upper case) and a binary file among them."""
    (tmp_path / "a.txt").write_text(TINY_PAGE, encoding="utf-8")
    (tmp_path / "B.TXT").write_text("Is it safe?\nIt may be.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (tmp_path / "notes.md").write_text("Is this a page?\nNo.\n", encoding="utf-8")
    return tmp_path


def test_a_bad_page_is_skipped_with_a_warning_and_listed(folder):
    with pytest.warns(UnreadableFileWarning, match=r"broken\.txt: skipped: looks binary"):
        df = qa_lib.read_faq(folder)
    assert df["source"].unique().tolist() == ["B.TXT", "a.txt"]  # *.TXT counts, *.md does not
    assert [u["file"] for u in unreadable(df)] == [str(folder / "broken.txt")]
    aside = report.set_aside(df)
    last = aside.iloc[-1]
    assert (last["source"], last["kind"]) == ("broken.txt", "unreadable file")
    assert last["why"].startswith("skipped: looks binary")
    assert "could not be read:</b> 1" in report.header_html(df, str(folder))


def test_strict_fails_on_the_bad_page(folder):
    with pytest.raises(UnreadableFileError, match=r"broken\.txt"):
        qa_lib.read_faq(folder, strict=True)


def test_a_file_named_on_its_own_always_fails(folder):
    with pytest.raises(UnreadableFileError, match=r"broken\.txt"):
        qa_lib.read_faq(folder / "broken.txt")


def test_the_skipped_page_survives_parquet(folder, tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreadableFileWarning)
        df = qa_lib.read_faq(folder)
    out = tmp_path_factory.mktemp("out") / "blocks.parquet"
    df.to_parquet(out)
    assert unreadable(report.load(frame=str(out))) == unreadable(df)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no \\*.txt pages in this folder"),
        (lambda p: (p / "x.md").write_text("Is it?\nYes.\n"), "no \\*.txt pages in this folder"),
        (lambda p: (p / "x.txt").write_bytes(b"\x00" * 99), "the only page could not be read"),
    ],
)
def test_a_folder_without_pages_is_an_error(tmp_path, make, message):
    make(tmp_path)
    with pytest.raises(EmptySourceError, match=message), warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreadableFileWarning)
        qa_lib.read_faq(tmp_path)


def test_an_empty_list_is_an_error():
    with pytest.raises(EmptySourceError, match="empty"):
        qa_lib.read_faq([])


def test_links_that_lead_nowhere_say_so(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    with pytest.raises(UnreadableFileError, match=r"loop\.txt: symlink loop"):
        qa_lib.read_faq(loop)
    dangling = tmp_path / "gone.txt"
    os.symlink(tmp_path / "nowhere.txt", dangling)
    with pytest.raises(UnreadableFileError, match=r"gone\.txt: broken symlink to .*nowhere\.txt"):
        qa_lib.read_faq(dangling)
    (tmp_path / "good.txt").write_text(TINY_PAGE, encoding="utf-8")
    with pytest.warns(UnreadableFileWarning) as caught:
        df = qa_lib.read_faq(tmp_path)
    assert sorted(str(w.message) for w in caught) == [
        f"{dangling}: skipped: broken symlink to {tmp_path / 'nowhere.txt'}",
        f"{loop}: skipped: symlink loop",
    ]
    assert df["source"].unique().tolist() == ["good.txt"]


def test_a_fifo_is_reported_not_waited_on(tmp_path):
    (tmp_path / "good.txt").write_text(TINY_PAGE, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFileError, match=r"pipe\.txt: not a regular file"):
        qa_lib.read_faq(fifo)
    with pytest.warns(UnreadableFileWarning, match=r"pipe\.txt: skipped: not a regular file"):
        df = qa_lib.read_faq(tmp_path)
    assert df["source"].unique().tolist() == ["good.txt"]


def test_the_command_line_warns_in_one_line_and_goes_on(folder, capsys):
    assert main([str(folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"qa-lib: warning: {folder / 'broken.txt'}: skipped: looks binary (control bytes), "
        "not a text page"
    ]
    assert main([str(folder), "--strict"]) == 1
    assert capsys.readouterr().err.startswith("qa-lib: error: ")
