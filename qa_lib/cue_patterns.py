"""Check a cue pattern's shape before it is compiled, and bound its repeats, so that matching
stays linear in the text on any input.

Python's ``re`` backtracks. Two shapes make it slow: a repeat that can split the same text in
many ways (``(a+)+``, ``(a|b|ab)+``, ``\\w+\\w+``, ``\\S+-\\S+``: nested or adjacent repeats over the
same characters), and an unbounded repeat that rescans the rest of the text from every start
position (``covid\\S*`` on one long token). The first shape is rejected (:func:`check_pattern`);
the second is bounded (:func:`bound_repeats`): in a pattern not anchored at ``^`` an unbounded
repeat matches at most ``MAX_REPEAT`` characters, so each start position costs a bounded amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

# An unbounded repeat (``*``, ``+``, ``{m,}``) in an unanchored cue matches at most this many
# characters; a bounded repeat above it is treated as unbounded by the shape checks.
MAX_REPEAT = 255
FLAGS = re.IGNORECASE

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_CATEGORY_RE = {
    C.CATEGORY_DIGIT: re.compile(r"\d"),
    C.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    C.CATEGORY_SPACE: re.compile(r"\s"),
    C.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    C.CATEGORY_WORD: re.compile(r"\w"),
    C.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
# Characters every charset is tested on (plus each pattern's own literals and range ends).
_SAMPLE = frozenset(
    [chr(i) for i in range(0x250)]
    + list("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2028\u2029\u3000\u212a\u0130\u0131")
    + list("中α Ωέ١٣¹²ﬁ߀ऄ")
)


class PatternError(ValueError):
    """A cue pattern that does not compile or has a shape that can make matching slow."""


@dataclass
class _Shape:
    """What a piece of a pattern can consume: its first characters, all its characters."""

    first: frozenset[str] = frozenset()
    chars: frozenset[str] = frozenset()
    nullable: bool = True
    repeats: bool = False  # holds a repeat with max > 1
    pending: list[frozenset[str]] = field(default_factory=list)


def _variants(ch: str) -> set[str]:
    """``ch`` and its case variants (cues are matched case-insensitively)."""
    return {v for v in (ch, ch.lower(), ch.upper(), ch.swapcase()) if len(v) == 1}


def _member(items: tuple, ch: str) -> bool:
    """Whether ``ch`` is in the parsed character class ``items`` (ignoring case)."""
    negate = bool(items) and items[0][0] is C.NEGATE
    variants = _variants(ch)
    for op, av in items:
        if op is C.LITERAL and chr(av) in variants:
            return not negate
        if op is C.RANGE and any(av[0] <= ord(v) <= av[1] for v in variants):
            return not negate
        if op is C.CATEGORY and _CATEGORY_RE[av].match(ch):
            return not negate
    return negate


@lru_cache(maxsize=4096)
def _class_chars(items: tuple, extra: frozenset[str]) -> frozenset[str]:
    """The sample characters (and ``extra`` ones) in the class ``items``; cached, since the
    same few classes (``\\w``, ``\\s``, ``[^.;:]``) recur in every taxonomy."""
    return frozenset(ch for ch in _SAMPLE | extra if _member(items, ch))


def _leaf_chars(op, av, extra: frozenset[str]) -> frozenset[str]:
    if op is C.LITERAL:
        return frozenset(_variants(chr(av)))
    if op is C.NOT_LITERAL:
        return _class_chars(((C.NEGATE, None), (C.LITERAL, av)), extra)
    if op is C.ANY:
        return frozenset(ch for ch in _SAMPLE | extra if ch != "\n")
    if op is C.IN:
        return _class_chars(tuple(av), extra)
    raise PatternError(f"unsupported construct {op}")


class _Checker:
    """Walks a parsed pattern; raises PatternError at the first dangerous shape."""

    def __init__(self, extra: frozenset[str]) -> None:
        self.extra = extra

    def seq(self, items: list, pending: list[frozenset[str]], threshold: int) -> _Shape:
        """Shape of a sequence; ``pending`` holds the first-character sets of the repeats
        (max > ``threshold``) whose end is not yet fixed by a character they cannot take."""
        shape = _Shape(pending=list(pending))
        for op, av in items:
            part = self.item(op, av, shape.pending, threshold)
            if shape.nullable:
                shape.first = shape.first | part.first
            shape.chars = shape.chars | part.chars
            shape.nullable = shape.nullable and part.nullable
            shape.repeats = shape.repeats or part.repeats
            shape.pending = part.pending
        return shape

    def item(self, op, av, pending: list[frozenset[str]], threshold: int) -> _Shape:
        if op in _ZERO_WIDTH:
            if op is not C.AT:
                self.seq(list(av[1]), [], MAX_REPEAT)  # a lookaround is checked on its own
            return _Shape(pending=list(pending))
        if op is C.SUBPATTERN:
            return self.seq(list(av[3]), pending, threshold)
        if op is C.ATOMIC_GROUP:
            return self.seq(list(av), pending, threshold)
        if op is C.BRANCH:
            shapes = [self.seq(list(alt), pending, threshold) for alt in av[1]]
            merged: list[frozenset[str]] = []
            for s in shapes:
                merged += [p for p in s.pending if p not in merged]
            return _Shape(
                first=frozenset().union(*(s.first for s in shapes)),
                chars=frozenset().union(*(s.chars for s in shapes)),
                nullable=any(s.nullable for s in shapes),
                repeats=any(s.repeats for s in shapes),
                pending=merged,
            )
        if op in _REPEATS:
            return self.repeat(av, pending, threshold)
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            raise PatternError("a back-reference (\\1, (?(1)...)) cannot be matched in linear time")
        chars = _leaf_chars(op, av, self.extra)
        return _Shape(
            first=chars, chars=chars, nullable=False, pending=[p for p in pending if p & chars]
        )

    def repeat(self, av, pending: list[frozenset[str]], threshold: int) -> _Shape:
        lo, hi, body = av
        inner = self.seq(list(body), pending, threshold)
        if hi > 1:
            if inner.nullable and hi == C.MAXREPEAT:
                raise PatternError("a repeat of something that can be empty")
            self._branches_in_repeat(list(body))
            if inner.repeats:
                # Two passes over the body: a repeat inside a repeat is only safe when
                # something the inner repeat cannot take ends each pass.
                try:
                    self.seq(list(body) + list(body), [], 1)
                except PatternError:
                    raise PatternError(
                        "a repeat inside a repeat can take the same characters"
                    ) from None
        if hi > threshold:
            if any(p & inner.first for p in pending):
                raise PatternError("two repeats side by side can take the same characters")
            # What may still border the next item: this repeat (its next pass), what its body
            # left open, and, when it can match nothing, what was open before it.
            before = pending if lo == 0 or inner.nullable else []
            after = []
            for p in [*before, *inner.pending, inner.first]:
                if p not in after:
                    after.append(p)
        elif lo == 0 or inner.nullable:
            after = pending + [p for p in inner.pending if p not in pending]
        else:
            after = inner.pending
        return _Shape(
            first=inner.first,
            chars=inner.chars,
            nullable=lo == 0 or inner.nullable,
            repeats=hi > 1 or inner.repeats,
            pending=after,
        )

    def _branches_in_repeat(self, items: list) -> None:
        for op, av in items:
            if op is C.BRANCH:
                firsts = [self.seq(list(alt), [], MAX_REPEAT).first for alt in av[1]]
                for i, a in enumerate(firsts):
                    if any(a & b for b in firsts[i + 1 :]):
                        raise PatternError(
                            "alternatives inside a repeat start with the same character"
                        )
            if op is C.SUBPATTERN:
                self._branches_in_repeat(list(av[3]))


def _literals(items: list) -> set[str]:
    """Every literal character and range end of a parsed pattern (to test charsets on)."""
    out: set[str] = set()
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            out.add(chr(av))
        elif op is C.RANGE:
            out.update((chr(av[0]), chr(av[1])))
        elif op is C.IN:
            out |= _literals(list(av))
        elif op is C.SUBPATTERN:
            out |= _literals(list(av[3]))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            out |= _literals(list(av[1]))
        elif op is C.BRANCH:
            for alt in av[1]:
                out |= _literals(list(alt))
        elif op in _REPEATS:
            out |= _literals(list(av[2]))
        elif op is C.ATOMIC_GROUP:
            out |= _literals(list(av))
    return {v for ch in out for v in _variants(ch)}


def _has_scoped_flags(items: list) -> bool:
    for op, av in items:
        if op is C.SUBPATTERN and (av[1] or av[2] or _has_scoped_flags(list(av[3]))):
            return True
        if op is C.BRANCH and any(_has_scoped_flags(list(alt)) for alt in av[1]):
            return True
        if op in _REPEATS and _has_scoped_flags(list(av[2])):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT) and _has_scoped_flags(list(av[1])):
            return True
    return False


def check_pattern(pattern: str) -> str:
    """Return ``pattern`` if it is a safe cue, else raise :class:`PatternError` saying why.

    >>> check_pattern(r"\\bside effects?\\b")
    '\\\\bside effects?\\\\b'
    >>> check_pattern("(a+)+$")
    Traceback (most recent call last):
    ...
    qa_lib.cue_patterns.PatternError: pattern '(a+)+$': a repeat inside a repeat can take the same characters, so matching can take exponential or quadratic time
    """
    if not isinstance(pattern, str):
        raise PatternError(f"pattern {pattern!r} is not a string")
    try:
        parsed = P.parse(pattern, FLAGS)
    except re.error as exc:
        raise PatternError(f"pattern {pattern!r} does not compile: {exc}") from None
    if parsed.state.groupdict:
        raise PatternError(
            f"pattern {pattern!r} has a named group (?P<...>): use a plain group ( ) or (?: )"
        )
    if parsed.state.flags & ~(FLAGS | C.SRE_FLAG_UNICODE) or _has_scoped_flags(list(parsed)):
        raise PatternError(
            f"pattern {pattern!r} sets inline flags ((?x), (?i), (?s:...)): cues are always "
            "matched case-insensitively, with no other flag"
        )
    if parsed.getwidth()[0] == 0:
        raise PatternError(f"pattern {pattern!r} can match the empty string")
    extra = frozenset(_literals(list(parsed)) - _SAMPLE)
    try:
        _Checker(extra).seq(list(parsed), [], MAX_REPEAT)
    except PatternError as exc:
        raise PatternError(
            f"pattern {pattern!r}: {exc}, so matching can take exponential or quadratic time"
        ) from None
    return pattern


def anchored(pattern: str) -> bool:
    """Whether every match must start at the start of the text (``^`` or ``\\A`` first)."""
    items = list(P.parse(pattern, FLAGS))
    return (
        bool(items)
        and items[0][0] is C.AT
        and items[0][1]
        in (
            C.AT_BEGINNING,
            C.AT_BEGINNING_STRING,
        )
    )


_QUANT_RE = re.compile(r"\*|\+|\{(\d+),\}")
_BOUNDED_RE = re.compile(r"\{\d*,?\d+\}")


def bound_repeats(pattern: str, limit: int = MAX_REPEAT) -> str:
    """``pattern`` with each unbounded repeat (``*``, ``+``, ``{m,}``) bounded to ``limit``.

    A ``^``-anchored pattern is returned as it is: it is tried once per text.

    >>> bound_repeats(r"covid\\S*|[*+]\\w+?")
    'covid\\\\S{0,255}|[*+]\\\\w{1,255}?'
    """
    if anchored(pattern):
        return pattern
    out: list[str] = []
    i, n = 0, len(pattern)
    after_quant = False  # a ? or + right after a quantifier is a modifier (lazy, possessive)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            after_quant = False
            continue
        if c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append(pattern[i : j + 1])
            i = j + 1
            after_quant = False
            continue
        if c == "(" and pattern.startswith("(?#", i):
            j = pattern.find(")", i)
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if c in "?+" and after_quant:
            out.append(c)
            i += 1
            after_quant = False
            continue
        m = _QUANT_RE.match(pattern, i)
        if m:
            lo = {"*": 0, "+": 1}.get(m.group(0), int(m.group(1) or 0))
            out.append(f"{{{lo},{max(lo, limit)}}}")
            i = m.end()
            after_quant = True
            continue
        if c == "{":
            m2 = _BOUNDED_RE.match(pattern, i)
            if m2:
                out.append(m2.group(0))
                i = m2.end()
                after_quant = True
                continue
        out.append(c)
        after_quant = c == "?" and bool(out[:-1]) and out[-2] != "("
        i += 1
    bounded = "".join(out)
    if _unbounded(list(P.parse(bounded, FLAGS))):
        raise PatternError(f"pattern {pattern!r}: cannot bound its repeats")
    return bounded


def _unbounded(items: list) -> bool:
    """Whether a parsed pattern still holds an unbounded repeat."""
    for op, av in items:
        if op in _REPEATS and (av[1] == C.MAXREPEAT or _unbounded(list(av[2]))):
            return True
        if op is C.SUBPATTERN and _unbounded(list(av[3])):
            return True
        if op is C.BRANCH and any(_unbounded(list(alt)) for alt in av[1]):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT) and _unbounded(list(av[1])):
            return True
        if op is C.ATOMIC_GROUP and _unbounded(list(av)):
            return True
    return False
