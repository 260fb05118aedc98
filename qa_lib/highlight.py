"""Render untrusted answer text as escaped HTML, with hedge cues, strength cues and citations
marked."""

from __future__ import annotations

import html
from collections.abc import Iterable

from .citations import find_citation_spans
from .taxonomy import Taxonomy


def _hedge_spans(text: str, tax: Taxonomy) -> list[tuple[int, int, str]]:
    if tax.hedges is None:
        return []
    return [(m.start(), m.end(), "hedge") for m in tax.hedges.finditer(text) if m.end() > m.start()]


def _strength_spans(text: str, tax: Taxonomy, words: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where the taxonomy's strength cues stand, among the ``words`` that decided a strength
    (a row's ``strength_cues``; "may … reduce" names two cues)."""
    wanted = {cue.strip() for cue in words}
    wanted |= {part.strip() for cue in words for part in cue.split("…")}
    wanted |= {w for cue in words for w in cue.replace("…", " ").split()}
    if not wanted:
        return []
    return [
        (start, end, "strength")
        for _, _, cue, start, end in tax.strength_matcher.finditer(text)
        if cue in wanted
    ]


def highlight_html(text: str, tax: Taxonomy, strength_cues: Iterable[str] = ()) -> str:
    """``text`` escaped, with ``<mark class="hedge">`` and ``<mark class="cite">`` around cues,
    and ``<mark class="strength">`` around the strength cues among ``strength_cues``.

    >>> from qa_lib.taxonomy import default_taxonomy
    >>> highlight_html("<b>It may help</b> [2].", default_taxonomy())
    '&lt;b&gt;It <mark class="hedge">may</mark> help&lt;/b&gt; <mark class="cite">[2]</mark>.'
    >>> highlight_html("It may reduce pain.", default_taxonomy(), ["may … reduce"])
    'It <mark class="hedge">may</mark> <mark class="strength">reduce</mark> pain.'
    """
    spans = sorted(
        _hedge_spans(text, tax)
        + _strength_spans(text, tax, strength_cues)
        + [(s, e, "cite") for s, e, _ in find_citation_spans(text)]
    )
    out, pos = [], 0
    for start, end, kind in spans:
        if start < pos:
            continue  # overlapping cue: the first one wins
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{kind}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")
