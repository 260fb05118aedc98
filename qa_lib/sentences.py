"""Split answer text into sentences, minding abbreviations."""

from __future__ import annotations

import re

_ABBREV = (
    "e.g",
    "i.e",
    "etc",
    "vs",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "no",
    "fig",
    "al",
    "approx",
    "u.s",
    "u.k",
    "inc",
    "ltd",
    "jr",
    "sr",
    "mt",
    "ft",
    "oz",
    "lb",
    "min",
    "max",
)
_BOUNDARY_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph, stripped, none empty.

    >>> split_sentences("Glutamate is key. It is e.g. in tea. Really? Yes.")
    ['Glutamate is key.', 'It is e.g. in tea.', 'Really?', 'Yes.']
    """
    out: list[str] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        before = text[start : m.start()].rstrip("\"'”’)]")
        last = before.rsplit(None, 1)[-1].lower().rstrip(".!?") if before.strip() else ""
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        piece = text[start : m.start()].strip() + text[m.start() : m.end()].strip()
        if piece.strip():
            out.append(piece.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def answer_items(answer: str, is_bullet: list[bool] | None = None) -> list[tuple[str, bool]]:
    """Answer items as (text, is_bullet), as the segmenter recorded them (one per line; blank
    lines that are not bullets dropped). ``is_bullet``: one flag per line (None: no bullets)."""
    # An empty answer is no line, or one empty line when the segmenter kept a flag for it
    # (an "A." label with nothing after it).
    lines = answer.split("\n") if answer or is_bullet else []
    flags = [False] * len(lines) if is_bullet is None else [bool(b) for b in is_bullet]
    if len(lines) != len(flags):
        raise ValueError(
            f"answer has {len(lines)} lines but is_bullet has {len(flags)} flags: "
            "the frame was not made by read_faq/parse_faq"
        )
    return [(t, b) for t, b in zip(lines, flags, strict=True) if b or t.strip()]


def answer_claims(answer: str, is_bullet: list[bool] | None = None) -> list[tuple[str, bool]]:
    """The claims of an answer as (text, is_bullet): each bullet item whole, each other line
    split into sentences (:func:`answer_items` first).

    >>> answer_claims("It helps. It may hurt.\\nsome item", [False, True])
    [('It helps.', False), ('It may hurt.', False), ('some item', True)]
    """
    out: list[tuple[str, bool]] = []
    for item, bullet in answer_items(answer, is_bullet):
        if bullet:
            out.append((item, True))
        else:
            out.extend((s, False) for s in split_sentences(item))
    return out
