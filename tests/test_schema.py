"""The frames match their declared schema, on the seed, a tiny page and an empty page."""

from __future__ import annotations

import qa_lib
from tests.conftest import TINY_PAGE
from tests.frame_schema import BLOCKS, CLAIMS


def test_seed_frame_matches_schema(seed_path):
    df = qa_lib.read_faq(seed_path)
    BLOCKS.validate(df)
    CLAIMS.validate(qa_lib.claims(df))


def test_tiny_and_empty_frames_match_schema():
    BLOCKS.validate(qa_lib.parse_faq(TINY_PAGE))
    empty = qa_lib.parse_faq("")
    assert empty.empty
    BLOCKS.validate(empty)
    CLAIMS.validate(qa_lib.claims(empty))
