"""Any encoding and line ending a scraped page arrives in reads the same."""

from __future__ import annotations

import codecs

import pytest

import qa_lib
from qa_lib.textio import decode_bytes, split_lines

PAGE = "It’s “quoted”?\n\nCafé — naïve answer.\n\nIs it safe?\n\nYes, it’s safe.\n"


def _pairs(df):
    return df.loc[df["kind"] == "qa", ["question", "answer", "line_start", "line_end"]].to_dict(
        "records"
    )


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_encodings_and_line_endings_read_the_same(tmp_path, encode, newline):
    path = tmp_path / "page.txt"
    path.write_bytes(encode(PAGE.replace("\n", newline)))
    df = qa_lib.read_faq(path)
    assert _pairs(df) == _pairs(qa_lib.parse_faq(PAGE))
    assert df.loc[0, "question"] == "It’s “quoted”?"  # smart quotes decoded, no mojibake
    assert df.loc[0, "answer"] == "Café — naïve answer."


def test_missing_path_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.txt"):
        qa_lib.read_faq(tmp_path / "nope.txt")


def test_binary_file_raises_typed_error_naming_the_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20)
    with pytest.raises(qa_lib.UnreadableFileError, match=r"image\.txt") as info:
        qa_lib.read_faq(path)
    assert isinstance(info.value, ValueError)


def test_undecodable_file_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"What is it?\nok\n\x81\x8d\x8f broken\n")
    with pytest.raises(qa_lib.UnreadableFileError, match=r"bad.txt: line 3"):
        qa_lib.read_faq(path)


def test_empty_file_gives_empty_frame_with_every_column(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    df = qa_lib.read_faq(path)
    assert df.empty
    assert list(df.columns) == list(qa_lib.parse_faq("Q?\nA.").columns)


def test_split_lines_keeps_editor_line_numbers():
    # Only LF, CRLF and CR end lines; a form feed or U+2028 inside a line does not.
    assert split_lines("a\r\nb\rc\nd\u2028e\x0cf\n") == ["a", "b", "c", "d\u2028e\x0cf"]
    assert split_lines("") == []


def test_no_break_spaces_and_markup_are_kept_as_text():
    df = qa_lib.parse_faq("Is\u00a0it <b>safe</b>?\n<script>alert(1)</script> Yes.\n")
    assert df.loc[0, "question"] == "Is it <b>safe</b>?"
    assert df.loc[0, "answer"] == "<script>alert(1)</script> Yes."


def test_decode_bytes_rejects_bad_utf16_with_bom():
    with pytest.raises(qa_lib.UnreadableFileError, match="utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "x.txt")


def test_multi_megabyte_single_line_is_one_block():
    line = "Glutamine may help. " * 100_000  # 2 MB on one line
    df = qa_lib.parse_faq(f"Is glutamine useful?\n{line}\n")
    assert len(df) == 1
    assert df.loc[0, "answer"] == line.strip()
    assert df.loc[0, "hedged"]
