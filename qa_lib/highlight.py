"""Render untrusted answer text as escaped HTML, with hedge cues and citations marked."""

from __future__ import annotations

import html

from .citations import find_citation_spans
from .taxonomy import Taxonomy


def _hedge_spans(text: str, tax: Taxonomy) -> list[tuple[int, int, str]]:
    if tax.hedges is None:
        return []
    return [(m.start(), m.end(), "hedge") for m in tax.hedges.finditer(text) if m.end() > m.start()]


def highlight_html(text: str, tax: Taxonomy) -> str:
    """``text`` escaped, with ``<mark class="hedge">`` and ``<mark class="cite">`` around cues.

    >>> from qa_lib.taxonomy import default_taxonomy
    >>> highlight_html("<b>It may help</b> [2].", default_taxonomy())
    '&lt;b&gt;It <mark class="hedge">may</mark> help&lt;/b&gt; <mark class="cite">[2]</mark>.'
    """
    spans = sorted(
        _hedge_spans(text, tax) + [(s, e, "cite") for s, e, _ in find_citation_spans(text)]
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
