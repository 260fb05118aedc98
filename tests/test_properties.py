"""Property-based: arbitrary text never crashes the reader and never loses a line."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qa_lib
from qa_lib.segment import clean
from qa_lib.textio import split_lines

LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            [
                "",
                "  ",
                "What is it?",
                "Is it safe? Maybe.",
                "Q. Why?",
                "A. Because.",
                "• item",
                "- item",
                "1. item",
                "IMPORTANT:\u00a0 Is it?",
                "Take a quiz",
                "Run to meet life",
                "Heading Line",
                "Share",
                "\u200b",
                "See [5, 31].",
                "( 2 )",
                "Such as:",
            ]
        ),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_every_non_blank_line_lands_in_exactly_one_block(lines, newline):
    text = newline.join(lines)
    df = qa_lib.parse_faq(text)
    physical = split_lines(text)
    covered: list[int] = []
    for start, end in zip(df["line_start"], df["line_end"], strict=True):
        covered.extend(range(start, end + 1))
    assert len(covered) == len(set(covered)), "blocks overlap"
    assert covered == sorted(covered), "blocks out of order"
    non_blank = [i + 1 for i, x in enumerate(physical) if clean(x)]
    assert set(non_blank) <= set(covered), "a line was dropped"
    assert df["block"].tolist() == list(range(len(df)))
    # Read in order, the blocks' source text is the page's text, blank lines aside.
    kept = [x for block in df["text"] for x in block.split("\n")]
    assert kept == [x.strip() for x in physical if clean(x)]


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_read_or_fail_with_a_typed_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "page.txt"
    path.write_bytes(data)
    try:
        df = qa_lib.read_faq(path)
    except qa_lib.UnreadableFileError as exc:
        assert "page.txt" in str(exc)
    else:
        assert (df["source"] == "page.txt").all()
