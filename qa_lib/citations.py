"""Find reference markers in answer text: ``[19]``, ``[5, 31]``, ``( 2 )``, ``channels;44 this``.

Numbers that are content (``90%``, ``30 grams``, ``type 2 diabetes``, ``6-week``) are not
citations, and neither are bracketed words (``[2 meters]``).
"""

from __future__ import annotations

import re

_NUM = r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
_LIST = rf"{_NUM}(?:\s*,\s*{_NUM})*"
# [19], [5, 31], [3-5]; ( 2 ) with inner spaces anywhere; (2) right before a sentence end.
BRACKET_RE = re.compile(rf"\[\s*({_LIST})\s*\]")
PAREN_RE = re.compile(
    rf"\(\s+({_LIST})\s+\)|(?<=[A-Za-z.,;:)\]])\s?\(({_LIST})\)(?=\s*[.;,]?\s*$|\s*[.;,])"
)
# A reference number glued after punctuation that follows a word: "channels;44 this".
GLUED_RE = re.compile(r"(?<=[A-Za-z)\]][.;,:])(\d{1,3}(?:[,–-]\d{1,3})*)(?=\s+[A-Za-z(]|\s*$)")
SUPERSCRIPT_RE = re.compile(r"(?<=\w)([¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,⁻][¹²³⁴⁵⁶⁷⁸⁹⁰]+)*)")
_SUPER = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁻", "1234567890-")
CITATION_RES = (BRACKET_RE, PAREN_RE, GLUED_RE, SUPERSCRIPT_RE)
_RANGE_RE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")


def _labels(group: str) -> list[str]:
    """Split "5, 31" or "3-5" into labels, expanding short ranges."""
    out: list[str] = []
    for raw in group.translate(_SUPER).split(","):
        part = raw.strip()
        m = _RANGE_RE.fullmatch(part)
        if m and 0 < int(m.group(2)) - int(m.group(1)) <= 20:
            out.extend(str(i) for i in range(int(m.group(1)), int(m.group(2)) + 1))
        elif part:
            out.append(part.replace(" ", ""))
    return out


def _disjoint(
    found: list[tuple[int, int, list[str]]], new: list[tuple[int, int, list[str]]]
) -> list[tuple[int, int, list[str]]]:
    """The spans of ``new`` that overlap none of ``found`` (both sorted, ``found``
    non-overlapping): one merge pass, linear in both."""
    keep, j = [], 0
    for span in new:
        start, end, _ = span
        while j < len(found) and found[j][1] <= start:
            j += 1
        if j < len(found) and found[j][0] < end:
            continue
        keep.append(span)
    return keep


# What each marker must hold, so that a regex is run only on text that has it: a bracket, a
# parenthesis, a digit (``\d``: any Unicode decimal digit), a superscript digit.
_DIGIT_RE = re.compile(r"\d")
_SUPERSCRIPT_CHAR_RE = re.compile("[¹²³⁴⁵⁶⁷⁸⁹⁰]")


def find_citation_spans(text: str) -> list[tuple[int, int, list[str]]]:
    """Each marker as (start, end, labels), in text order, non-overlapping."""
    found: list[tuple[int, int, list[str]]] = []
    digit = _DIGIT_RE.search(text) is not None
    needs = (
        digit and "[" in text,  # BRACKET_RE
        digit and "(" in text,  # PAREN_RE
        digit,  # GLUED_RE
        _SUPERSCRIPT_CHAR_RE.search(text) is not None,  # SUPERSCRIPT_RE
    )
    for rx, run in zip(CITATION_RES, needs, strict=True):
        if not run:  # the regex cannot match: most sentences skip all four
            continue
        spans = [
            (m.start(), m.end(), _labels(next(g for g in m.groups() if g)))
            for m in rx.finditer(text)
        ]
        if spans:
            found = sorted(found + _disjoint(found, spans))
    return found


def find_citations(text: str) -> list[str]:
    """Reference labels cited in ``text``, unique, in order of first appearance.

    >>> find_citations("linked to psychosis [5, 31], and schizophrenia [3, 4].")
    ['5', '31', '3', '4']
    >>> find_citations("a 6-week study in 66 people with type 2 diabetes took 30 grams ( 2 ).")
    ['2']
    >>> find_citations("potassium channels;44 this is thought to decrease release")
    ['44']
    """
    return citation_labels(find_citation_spans(text))


def citation_labels(spans: list[tuple[int, int, list[str]]]) -> list[str]:
    """The labels of ``spans``, unique, in order of first appearance."""
    seen: dict[str, None] = {}
    for _, _, labels in spans:
        seen.update(dict.fromkeys(labels))
    return list(seen)


def strip_citations(text: str) -> str:
    """``text`` without its citation markers and the space before them.

    >>> strip_citations("psychosis [5, 31] and fat ( 2 ).")
    'psychosis and fat.'
    """
    return strip_spans(text, find_citation_spans(text))


def strip_spans(text: str, spans: list[tuple[int, int, list[str]]]) -> str:
    """``text`` without the given citation spans and the space before each."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end, _ in spans:
        out.append(text[pos:start].rstrip())
        pos = end
    out.append(text[pos:])
    return "".join(out)
