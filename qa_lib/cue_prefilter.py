"""Find where cue patterns match without trying every pattern at every position.

Python's ``re`` stays the matcher (lookarounds, Unicode ``\\b``, case folding); this module only
decides where to ask it. For every cue pattern it extracts literal strings one of which any
match must start with, at a known distance from the match start (``\\b(rheumatoid |osteo)?
arthritis\\b``: "rheumatoid arthritis", "osteoarthritis" or "arthritis", at 0). One Aho-Corasick
automaton (pyahocorasick) holds the strings of every cue of a taxonomy; each text is scanned once,
folded by :func:`fold_text`, and a pattern is tried (``match`` at one position) only where one of
its strings occurs. A pattern whose strings stand at a variable distance is searched over the text
as before, but only when one of them occurs; one with no such string (``a\\w*``) always is.

The prefilter may propose positions where nothing matches (the regex then says no), never miss one:
:func:`fold_text` maps two characters to the same one whenever ``re.IGNORECASE`` matches one with
the other, keeping the text's length so that positions stay valid.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from re import _casefix  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import ahocorasick

from .cue_patterns import FLAGS, anchored

MAX_KEYS = 64  # strings per pattern: a prefix set growing past this stops growing
MIN_KEY = 2  # a pattern whose strings are shorter than this is searched in every text
CACHE_TEXTS = 64  # texts whose scan is remembered (a text is asked about by several matchers)

_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


# --- folding -----------------------------------------------------------------------------------


@cache
def _representatives() -> dict[int, int]:
    """Each character of ``re``'s extra case classes ('s', 'ſ'; 'i', 'ı'; 'µ', 'μ', ...) mapped
    to the smallest of its class (classes joined transitively)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, others in _casefix._EXTRA_CASES.items():
        for b in others:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in list(parent)}


def fold_char(ch: str) -> str:
    """The character ``re.IGNORECASE`` treats ``ch`` as: its simple lower case (what ``re``
    compares), then the representative of its extra case class."""
    lo = _sre.unicode_tolower(ord(ch))
    return chr(_representatives().get(lo, lo))


@cache
def _residue() -> tuple[dict[int, int], re.Pattern[str]]:
    """What :meth:`str.lower` leaves to fold: the members of the extra case classes that are not
    their class's representative, as a translate table and a regex that finds them."""
    table = {x: r for x, r in _representatives().items() if x != r}
    chars = "".join(re.escape(chr(x)) for x in sorted(table))
    return table, re.compile(f"[{chars}]")


def fold_text(text: str) -> str:
    """``text`` with each character folded as :func:`fold_char` does, same length.

    ``str.lower`` does it but for 'İ' (lower-cased to two characters, which ``re`` treats as
    'i') and the extra case classes ('ſ' is 's' to ``re``, 'ı' is 'i'), which are rare.

    >>> fold_text("İSTANBUL ſtudies, \u212aelvin")
    'istanbul studies, kelvin'
    """
    if text.isascii():
        return text.lower()
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    low = text.lower()
    table, rx = _residue()
    return low.translate(table) if rx.search(low) else low


# --- required strings --------------------------------------------------------------------------


def _flat(items: list) -> list:
    """The items of a parsed sequence, with plain groups spliced in."""
    out: list = []
    for op, av in items:
        if op is C.SUBPATTERN:
            out.extend(_flat(list(av[3])))
        elif op is C.ATOMIC_GROUP:
            out.extend(_flat(list(av)))
        else:
            out.append((op, av))
    return out


def _width(items: list) -> int | None:
    """The number of characters ``items`` always match, None when it varies."""
    lo, hi = P.SubPattern(P.State(), items).getwidth()
    return lo if lo == hi else None


def _exact(items: list) -> set[str] | None:
    """Every string ``items`` can match, when they are few and made of literals; else None."""
    out = {""}
    for op, av in _flat(items):
        if op in _ZERO_WIDTH:
            continue
        part = _exact_item(op, av)
        if part is None:
            return None
        out = {a + b for a in out for b in part}
        if len(out) > MAX_KEYS:
            return None
    return out


def _exact_item(op, av) -> set[str] | None:
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        if any(o is not C.LITERAL for o, _ in av) or len(av) > 8:
            return None
        return {chr(v) for _, v in av}
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            part = _exact(list(alt))
            if part is None:
                return None
            out |= part
        return out if len(out) <= MAX_KEYS else None
    if op in _REPEATS:
        lo, hi, body = av
        part = _exact(list(body))
        if part is None or hi > 2:
            return None
        out, cur = ({""} if lo == 0 else set()), {""}
        for n in range(1, hi + 1):
            cur = {a + b for a in cur for b in part}
            if n >= lo:
                out |= cur
        return out if len(out) <= MAX_KEYS else None
    return None


def _prefixes(items: list) -> set[str]:
    """Strings one of which every match of ``items`` starts with ("" among them: nothing known)."""
    out = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        part = _exact_item(op, av)
        grown = None if part is None else {a + b for a in out for b in part}
        if grown is not None and len(grown) <= MAX_KEYS:
            out = grown
            continue
        head = _head(op, av)
        grown = {a + b for a in out for b in head}
        return grown if len(grown) <= MAX_KEYS else out
    return out


def _head(op, av) -> set[str]:
    """Strings one of which every match of one item starts with."""
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _prefixes(_flat(list(alt)))
        return out
    if op in _REPEATS and av[0] >= 1:
        return _prefixes(_flat(list(av[2])))
    return {""}


def _pruned(keys: set[str]) -> set[str]:
    """``keys`` without those that start with another key (that one is found first anyway)."""
    return {k for k in keys if not any(o != k and k.startswith(o) for o in keys)}


@dataclass(frozen=True)
class Plan:
    """How one pattern is found: the folded strings one of which every match starts with,
    ``offset`` characters after the match start (None: at a distance that varies), or no
    strings at all (searched in every text)."""

    keys: frozenset[str]
    offset: int | None


def plan(pattern: str) -> Plan:
    """The strings the prefilter looks for to find ``pattern`` (repeats already bounded).

    >>> p = plan(r"\\b(rheumatoid |osteo)?arthritis\\b")
    >>> sorted(p.keys), p.offset
    (['arthritis', 'osteoarthritis', 'rheumatoid arthritis'], 0)
    >>> plan(r"\\bwhat does .{1,40}\\bmean\\b")
    Plan(keys=frozenset({'what does '}), offset=0)
    >>> plan(r"a\\w{0,255}")
    Plan(keys=frozenset(), offset=None)
    """
    items = _flat(list(P.parse(pattern, FLAGS)))
    best: tuple | None = None
    for i, (op, _) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        keys = _pruned({"".join(fold_char(c) for c in k) for k in _prefixes(items[i:])})
        if not keys or min(map(len, keys)) < MIN_KEY:
            continue
        offset = _width(items[:i])
        score = (offset is not None, min(min(map(len, keys)), 5), -len(keys))
        if best is None or score > best[0]:
            best = (score, keys, offset)
    if best is None:
        return Plan(frozenset(), None)
    return Plan(frozenset(best[1]), best[2])


# --- the engine --------------------------------------------------------------------------------


@dataclass
class _Pattern:
    rx: re.Pattern[str]  # the pattern alone, to try at one position or search with
    anchored: bool  # starts with ``^``: only position 0 can match


class _Scan:
    """The key occurrences of one text, per cue set: positions to try a pattern at, as
    (start, order, end of the key), and patterns to search for, as (key start, key end, order)."""

    __slots__ = ("searches", "sorted", "tries")

    def __init__(self) -> None:
        self.tries: dict[int, list[tuple[int, int, int]]] = {}
        self.searches: dict[int, list[tuple[int, int, int]]] = {}
        self.sorted: set[int] = set()

    def get(self, sid: int) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        return self.tries.get(sid, []), self.searches.get(sid, [])

    def piece(self, sid: int, lo: int, hi: int) -> tuple[list, list]:
        """The occurrences of keys that lie within ``[lo, hi)``, shifted by ``-lo``: those of
        the text ``text[lo:hi]`` (folding is character by character)."""
        tries = self.tries.get(sid, [])
        if sid not in self.sorted:
            tries.sort()
            self.sorted.add(sid)
        i, j = bisect_left(tries, (lo,)), bisect_left(tries, (hi,))
        inside = [(s - lo, order, end - lo) for s, order, end in tries[i:j] if end < hi]
        searches = [
            (a - lo, b - lo, order)
            for a, b, order in self.searches.get(sid, ())
            if a >= lo and b < hi
        ]
        return inside, searches


class _Piece:
    """A text found inside an already scanned one, at ``lo``."""

    __slots__ = ("hi", "lo", "memo", "scan")

    def __init__(self, scan: _Scan, lo: int, hi: int) -> None:
        self.scan, self.lo, self.hi = scan, lo, hi
        self.memo: dict[int, tuple[list, list]] = {}

    def get(self, sid: int) -> tuple[list, list]:
        hit = self.memo.get(sid)
        if hit is None:
            hit = self.memo[sid] = self.scan.piece(sid, self.lo, self.hi)
        return hit


@dataclass
class CueEngine:
    """One automaton over the strings of every cue set registered with :meth:`add`.

    A cue set is an ordered list of patterns; :meth:`starts` gives, for each position where one of
    them matches, the first that does and its match: what one alternation of them all would find
    searching from each position in turn.
    """

    _sets: list[list[_Pattern]] = field(default_factory=list)
    _always: list[list[int]] = field(default_factory=list)
    _keys: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    _automaton: ahocorasick.Automaton | None = None
    _cache: dict[str, _Scan | _Piece] = field(default_factory=dict, repr=False)
    _parent: list = field(default_factory=list, repr=False)  # [text, its scan, cursor, length]

    def add(self, patterns: list[str], gates: list[str]) -> int:
        """Register one cue set (patterns with their repeats bounded; ``gates``: a lookahead for
        each that skips positions where it cannot start, or ""); return its id."""
        sid = len(self._sets)
        pats, always = [], []
        for order, (p, gate) in enumerate(zip(patterns, gates, strict=True)):
            is_anchored = anchored(p)
            pats.append(_Pattern(re.compile(gate + f"(?:{p})", FLAGS), is_anchored))
            pl = plan(p)
            if is_anchored or not pl.keys:  # one try at position 0 costs less than a key
                always.append(order)
                continue
            for key in pl.keys:
                # back: from the key's last character to the match start; -1: search the text
                back = -1 if pl.offset is None else len(key) - 1 + pl.offset
                self._keys.setdefault(key, []).append((sid, order, back, len(key) - 1))
        self._sets.append(pats)
        self._always.append(always)
        self._automaton = None
        return sid

    def keys(self, sid: int) -> set[str]:
        """The folded strings the automaton looks for on behalf of cue set ``sid``."""
        return {k for k, entries in self._keys.items() if any(e[0] == sid for e in entries)}

    def _built(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            a = ahocorasick.Automaton()
            for key, entries in self._keys.items():
                a.add_word(key, tuple(entries))
            if self._keys:
                a.make_automaton()
            self._automaton = a
        return self._automaton

    def within(self, parent: str) -> None:
        """Say that the texts asked about next may be pieces of ``parent`` (a block's question,
        answer and sentences, of question + "\\n" + answer): it is scanned once, and a piece's
        key occurrences are read off its scan instead of scanning the piece again."""
        scan = self._cache.get(parent)
        if not isinstance(scan, _Scan):
            scan = self._scan(parent)
            if len(self._cache) >= CACHE_TEXTS:
                self._cache.clear()
            self._cache[parent] = scan
        self._parent = [parent, scan, 0, len(parent)]

    def _scanned(self, text: str) -> _Scan | _Piece:
        hit = self._cache.get(text)
        if hit is None:
            hit = self._derived(text) or self._scan(text)
            if len(self._cache) >= CACHE_TEXTS:
                self._cache.clear()
            self._cache[text] = hit
        return hit

    def _derived(self, text: str) -> _Piece | None:
        """``text`` as a piece of the parent text, looked for a bounded way past the last piece
        found (pieces come in order), so the looking stays linear in the text."""
        if not self._parent:
            return None
        parent, scan, cursor, last = self._parent
        if not isinstance(scan, _Scan):
            return None
        lo = parent.find(text, cursor, cursor + last + len(text) + 2048)
        if lo < 0:
            self._parent[3] = 0
            return None
        self._parent[2:] = [lo, len(text)]
        return _Piece(scan, lo, lo + len(text))

    def _scan(self, text: str) -> _Scan:
        scan = _Scan()
        if not self._keys:
            return scan
        tries, searches = scan.tries, scan.searches
        get = tries.get
        for end, entries in self._built().iter(fold_text(text)):
            for sid, order, back, span in entries:
                if back < 0:
                    searches.setdefault(sid, []).append((end - span, end, order))
                elif end >= back:
                    found = get(sid)
                    if found is None:
                        tries[sid] = [(end - back, order, end)]
                    else:
                        found.append((end - back, order, end))
        return scan

    def starts(self, sid: int, text: str) -> list[tuple[int, int, re.Match[str]]]:
        """(start, order, match) for each position where a pattern of set ``sid`` matches,
        by start; at one start, the first pattern in order that matches there."""
        if not text:
            return []
        tries, searches = self._scanned(text).get(sid)
        pats = self._sets[sid]
        best: dict[int, tuple[int, re.Match[str]]] = {}
        searched = self._always[sid]
        if searches:
            searched = sorted({*searched, *(order for _, _, order in searches)})
        for order in searched:
            pat = pats[order]
            if pat.anchored:
                m = pat.rx.match(text)
                if m is not None and (0 not in best or best[0][0] > order):
                    best[0] = (order, m)
                continue
            search = pat.rx.search
            m = search(text)
            while m is not None:
                s = m.start()
                if s not in best or best[s][0] > order:
                    best[s] = (order, m)
                if s + 1 >= len(text):
                    break
                m = search(text, s + 1)
        if not tries:
            return [(s, order, m) for s, (order, m) in sorted(best.items())]
        candidates = sorted({(s, order) for s, order, _ in tries}) if len(tries) > 1 else tries
        for s, order, *_ in candidates:
            cur = best.get(s)
            if cur is not None and cur[0] <= order:
                continue
            m = pats[order].rx.match(text, s)
            if m is not None:
                best[s] = (order, m)
        if not searched:  # candidates came sorted by start: so are the matches
            return [(s, order, m) for s, (order, m) in best.items()]
        return [(s, order, m) for s, (order, m) in sorted(best.items())]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_cache"] = {}
        state["_parent"] = []
        state["_automaton"] = None  # rebuilt on first use in the other process
        return state


def _check_platform() -> None:  # pragma: no cover - a build of pyahocorasick for bytes
    if not ahocorasick.unicode:
        raise ImportError("qa_lib needs pyahocorasick built for str (unicode), not bytes")


_check_platform()
