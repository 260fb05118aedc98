"""What a frame was made from, kept in ``df.attrs`` so every later step can use the same.

``read_faq`` and ``parse_faq`` record the taxonomy that labelled the frame (its file and the
SHA-256 of its text) and the files they could not read. ``claims``, the explorer and the report
load the taxonomy back from the frame, so a user's taxonomy travels with the data. pandas keeps
``attrs`` through filtering and through Parquet; CSV does not keep them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .errors import TaxonomyError
from .taxonomy import DEFAULT_SOURCE, Taxonomy, load_taxonomy

TAXONOMY_ATTR = "qa_lib.taxonomy"
UNREADABLE_ATTR = "qa_lib.unreadable"
_IN_MEMORY: dict[str, Taxonomy] = {}  # taxonomies built from a mapping, not read from a file


def taxonomy_record(tax: Taxonomy) -> dict[str, str]:
    """What ``df.attrs`` keeps of a taxonomy: its source file and the SHA-256 of its text, or,
    for one built in memory (no file), a key to it in this process."""
    if tax.sha256:
        return {"source": tax.source, "sha256": tax.sha256}
    key = f"in memory #{id(tax)}"
    _IN_MEMORY[key] = tax
    return {"source": tax.source, "memory": key}


def frame_taxonomy(df: pd.DataFrame, taxonomy: Taxonomy | str | None = None) -> Taxonomy:
    """The taxonomy to label ``df`` with: ``taxonomy`` if given, else the one recorded in
    ``df.attrs`` by ``read_faq``, else qa_lib's own.

    Raises :class:`TaxonomyError` when the recorded file is gone or has changed since.
    """
    if taxonomy is not None:
        return load_taxonomy(taxonomy)
    record: dict[str, Any] = df.attrs.get(TAXONOMY_ATTR) or {}
    if "memory" in record:
        if record["memory"] in _IN_MEMORY:
            return _IN_MEMORY[record["memory"]]
        raise TaxonomyError(
            f"{record.get('source')}: this frame was labelled with a taxonomy built in memory in "
            "another process; pass taxonomy= to choose one"
        )
    source = record.get("source")
    if not source or source == DEFAULT_SOURCE:
        return load_taxonomy(None)
    try:
        tax = load_taxonomy(source)
    except FileNotFoundError:
        raise TaxonomyError(
            f"{source}: this frame was labelled with that taxonomy, which is no longer there; "
            "pass taxonomy= to choose one"
        ) from None
    if record.get("sha256") and tax.sha256 != record["sha256"]:
        raise TaxonomyError(
            f"{source}: the taxonomy changed since this frame was labelled; read the pages "
            "again, or pass taxonomy= to use the file as it is now"
        )
    return tax


def taxonomy_label(df: pd.DataFrame) -> str:
    """How a report names the taxonomy that labelled ``df``: qa_lib's own, or the file's name
    and the start of its SHA-256."""
    record: dict[str, Any] = df.attrs.get(TAXONOMY_ATTR) or {}
    source = record.get("source")
    if not source or source == DEFAULT_SOURCE:
        return "qa_lib's own"
    sha = record.get("sha256", "")
    return f"{Path(source).name} (sha256 {sha[:12]})" if sha else str(source)


def unreadable(df: pd.DataFrame) -> list[dict[str, str]]:
    """Files ``read_faq`` skipped because they could not be read: ``{"file", "reason"}``."""
    return list(df.attrs.get(UNREADABLE_ATTR, []))
