"""Read a corpus, not a page: folders spread over processes, or over a Dask cluster.

``read_faq(folder, workers=N)`` hands contiguous runs of pages to ``N`` processes and puts the
frames back together in page order: the same frame as one process gives.
``read_faq_dask(paths_or_glob)`` returns a lazy ``dask.dataframe.DataFrame`` with one partition
per page, so a corpus of millions of pages runs on any Dask cluster with the same code.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import signal
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import UnreadableFileWarning
from .taxonomy import DEFAULT_SOURCE, Taxonomy, load_taxonomy

PARALLEL_MIN_BYTES = 4_000_000
"""Below this much text one process is quicker than starting several (``workers=None``)."""
CHUNKS_PER_WORKER = 4  # runs of pages per process: keeps both cores busy to the end

Page = tuple[Path, bool]  # a path, and whether it was found in a folder (then it may be skipped)


def cores() -> int:
    """The cores this process may run on."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, n or 1)


def check_workers(workers: object) -> None:
    """ValueError unless ``workers`` is None or a positive integer."""
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise ValueError(f"workers must be a positive integer or None, got {workers!r}")


def default_workers(pages: list[Page]) -> int:
    """All cores for a corpus worth spreading (several pages, ``PARALLEL_MIN_BYTES``), else 1."""
    if len(pages) < 2 or _size(pages) < PARALLEL_MIN_BYTES:
        return 1
    return cores()


def _size(pages: Iterable[Page]) -> int:
    total = 0
    for path, _ in pages:
        with contextlib.suppress(OSError):  # reported when the page is read
            total += path.stat().st_size
    return total


def _runs(pages: list[Page], n: int) -> list[list[Page]]:
    """Split ``pages`` into at most ``n`` contiguous runs of about equal size in bytes."""
    sizes = [max(1, _size([p])) for p in pages]
    target = sum(sizes) / n
    runs: list[list[Page]] = [[]]
    filled = 0.0
    for page, size in zip(pages, sizes, strict=True):
        if runs[-1] and filled >= target * len(runs) and len(runs) < n:
            runs.append([])
        runs[-1].append(page)
        filled += size
    return runs


def portable_taxonomy(tax: Taxonomy) -> Taxonomy | str | None:
    """How to send ``tax`` to another process: None (qa_lib's own) or its file, which the
    process compiles once; a taxonomy built in memory goes as the object itself."""
    if tax.source == DEFAULT_SOURCE:
        return None
    return tax.source if tax.sha256 and Path(tax.source).is_file() else tax


def _default_signals() -> None:
    """In a pool's worker: Ctrl-C and SIGTERM end it at once, as by default. A worker holds
    nothing worth saving, and one that raised instead (with the handlers it inherits from
    ``qa-lib``) could block the shut-down of its pool forever."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes. When the caller fails or is interrupted, the work not
    started yet is dropped (the pool waits only for what is running) and the error goes on."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_default_signals)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _label_run(texts: list[str], taxonomy: Taxonomy | str | None) -> list[dict[str, Any]]:
    from .sentence_labels import sentence_records

    return sentence_records(texts, load_taxonomy(taxonomy))


def row_runs(n: int, runs: int) -> list[tuple[int, int]]:
    """``n`` rows cut into at most ``runs`` contiguous, non-empty runs of about equal length,
    as (start, end) pairs.

    >>> row_runs(10, 3)
    [(0, 3), (3, 7), (7, 10)]
    >>> row_runs(2, 4)
    [(0, 1), (1, 2)]
    """
    return list(itertools.pairwise(sorted({round(i * n / runs) for i in range(runs + 1)})))


def label_parallel(texts: list[str], tax: Taxonomy, workers: int) -> list[dict[str, Any]]:
    """:func:`qa_lib.sentence_labels.sentence_records` of ``texts`` over ``workers``
    processes, in order."""
    runs = [texts[a:b] for a, b in row_runs(len(texts), workers * CHUNKS_PER_WORKER)]
    portable = portable_taxonomy(tax)
    with worker_pool(workers) as pool:
        done = pool.map(_label_run, runs, [portable] * len(runs))
        return [record for run in done for record in run]


def _read_run(
    run: list[Page], taxonomy: Taxonomy | str | None, strict: bool
) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    from .frame import read_pages

    return read_pages(run, load_taxonomy(taxonomy), strict, warn=False)


def read_parallel(
    pages: list[Page],
    tax: Taxonomy,
    strict: bool,
    workers: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """Read ``pages`` over ``workers`` processes; frames and skipped pages in page order."""
    runs = _runs(pages, workers * CHUNKS_PER_WORKER)
    frames, skipped = [], []
    portable = portable_taxonomy(tax)
    with worker_pool(workers) as pool:
        futures = [pool.submit(_read_run, run, portable, strict) for run in runs]
        for run, future in zip(runs, futures, strict=True):
            df, bad = future.result()
            frames.append(df)
            skipped.extend(bad)
            for item in bad:
                warnings.warn(
                    f"{item['file']}: skipped: {item['reason']}", UnreadableFileWarning, 2
                )
            if progress is not None:
                progress(len(run), _size(run))
    return pd.concat(frames, ignore_index=True), skipped


def _expand(paths_or_glob: str | Path | Iterable[str | Path]) -> list[Path]:
    from .frame import page_paths

    if isinstance(paths_or_glob, str) and glob.has_magic(paths_or_glob):
        found = sorted(glob.glob(os.path.expanduser(paths_or_glob), recursive=True))
        return [p for p, _ in page_paths([Path(x) for x in found])] if found else []
    return [p for p, _ in page_paths(paths_or_glob)]


def _page_frame(path: Path, taxonomy: Taxonomy | str | None) -> pd.DataFrame:
    from .frame import read_pages

    df, _ = read_pages([(path, True)], load_taxonomy(taxonomy), strict=False, warn=True)
    return df


def read_faq_dask(
    paths_or_glob: str | Path | Iterable[str | Path], *, taxonomy: Taxonomy | str | None = None
) -> Any:
    """A lazy ``dask.dataframe.DataFrame`` of ``read_faq``'s columns and dtypes, one partition
    per page (``dd.from_map``): run it on a laptop or on a cluster with the same code.

    ``paths_or_glob`` is a page, a folder, a list of them, or a glob (``"pages/**/*.txt"``).
    A page that cannot be read gives an empty partition and a warning in the worker's log.
    Dask frames keep no ``attrs``: pass the same ``taxonomy`` to :func:`qa_lib.claims`.
    """
    import dask.dataframe as dd

    from .frame import empty_frame

    tax = load_taxonomy(taxonomy)
    paths = _expand(paths_or_glob)
    if not paths:
        from .errors import EmptySourceError

        raise EmptySourceError(f"{paths_or_glob}: no pages match")
    import dask

    # pandas' own str dtype, as read_faq gives, not Dask's string[pyarrow] conversion
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(
            _page_frame,
            paths,
            taxonomy=portable_taxonomy(tax),
            meta=empty_frame(tax),
            enforce_metadata=False,
        )


def claims_dask(blocks: Any, *, taxonomy: Taxonomy | str | None = None) -> Any:
    """:func:`qa_lib.claims` of each partition of a :func:`read_faq_dask` frame (lazy)."""
    from .claims import claims
    from .frame import empty_frame

    tax = load_taxonomy(taxonomy)
    meta = claims(empty_frame(tax), taxonomy=tax)
    return blocks.map_partitions(claims, taxonomy=portable_taxonomy(tax), meta=meta)


@contextlib.contextmanager
def progress_bar(pages: list[Page], enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A tqdm bar (pages, MB/s, time left) on a terminal; nothing when piped or not enabled."""
    if not enabled or len(pages) < 2:
        yield None
        return
    from tqdm import tqdm

    with tqdm(
        total=_size(pages),
        unit="B",
        unit_scale=True,
        desc=f"reading {len(pages)} pages",
        disable=None,  # off unless stderr is a terminal
        leave=False,
    ) as bar:
        yield lambda _pages, size: bar.update(size)
