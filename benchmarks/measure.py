"""One measurement in a fresh process (so peak memory is its own); prints one JSON line.

python -m benchmarks.measure read LISTFILE | read_reference LISTFILE | simple LISTFILE
    | parts LISTFILE | baseline FILE | filter LISTFILE | report FOLDER | sentences CORPORA
"""

from __future__ import annotations

import contextlib
import json
import re
import resource
import statistics
import sys
import time
import tomllib
from pathlib import Path


def _rss_mb() -> float:
    return _status_mb("VmRSS") or 0.0


def _status_mb(field: str) -> float | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def _reset_peak() -> None:
    """Reset the kernel's high-water mark (VmHWM), so start-up and imports do not count."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    hwm = _status_mb("VmHWM")
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _paths(listfile: str) -> list[Path]:
    return [Path(x) for x in Path(listfile).read_text().splitlines() if x]


def read(listfile: str, workers: int = 1, reference: bool = False) -> dict:
    """read_faq on the pages listed, in ``workers`` processes (one by default); ``reference``:
    every cue matched by plain ``re``, without the prefilter (the path before issue 10)."""
    import qa_lib
    from qa_lib.taxonomy import default_taxonomy, reference_taxonomy

    paths = _paths(listfile)
    source = paths[0] if len(paths) == 1 else paths
    size = sum(p.stat().st_size for p in paths)
    tax = reference_taxonomy(default_taxonomy()) if reference else default_taxonomy()
    qa_lib.parse_faq("Warm up?\nYes.\n", taxonomy=tax)
    _reset_peak()
    base = _rss_mb()
    t = time.perf_counter()
    df = qa_lib.read_faq(source, workers=workers, taxonomy=tax)
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "bytes": size,
        "rows": len(df),
        "peak_mb": _peak_mb() - base,
        "base_mb": base,
    }


def all_cues_regex() -> re.Pattern[str]:
    """One compiled regex holding every cue of the packaged taxonomy."""
    import qa_lib

    raw = tomllib.loads(qa_lib.taxonomy_path().read_text(encoding="utf-8"))
    patterns: list[str] = []
    for spec in raw["claim_types"].values():
        groups = [spec.get("question"), *spec.get("answer", {}).values()]
        for group in groups:
            if group is not None:
                patterns += group["patterns"]
    for spec in raw["topics"].values():
        patterns += [rf"\b(?:{c})" for c in spec["cues"]]
    patterns += [c["pattern"] for c in raw["conditions"].values()]
    patterns += [rf"\b{n}\b" for n in raw["subjects"]["names"]]
    patterns += raw["hedges"]["cues"] + raw["evidence"]["study"] + raw["evidence"]["anecdote"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Thirty common cue words of the packaged taxonomy, for the simplest reader one could write.
SIMPLE_CUES = [
    "may",
    "might",
    "could",
    "can",
    "cause",
    "causes",
    "symptoms",
    "signs",
    "treatment",
    "study",
    "studies",
    "research",
    "risk",
    "effects",
    "safe",
    "drug",
    "therapy",
    "evidence",
    "virus",
    "vaccine",
    "covid",
    "pain",
    "cancer",
    "heart",
    "brain",
    "liver",
    "sleep",
    "diabetes",
    "depression",
    "infection",
]


def simple(listfile: str) -> dict:
    """The reference reader of issue 10, over the same text: split lines, mark ``?`` lines,
    one compiled case-insensitive alternation of 30 common cue words, ``findall`` per line."""
    paths = _paths(listfile)
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    rx = re.compile(r"\b(?:" + "|".join(SIMPLE_CUES) + r")\b", re.IGNORECASE)
    t = time.perf_counter()
    lines = text.split("\n")
    questions = [line.rstrip().endswith("?") for line in lines]
    hits = [rx.findall(line) for line in lines]
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "bytes": len(text.encode()),
        "questions": sum(questions),
        "hits": sum(map(len, hits)),
        "words": len(SIMPLE_CUES),
    }


def parts(listfile: str) -> dict:
    """read_faq's two main costs timed apart on the same text, best of three: splitting the
    lines and segmenting them, then labelling the question/answer blocks ``LABEL_BATCH`` at a
    time. That is read_faq's labelling on one page whose blocks are all distinct question/answer
    pairs, as in the benchmark corpus (read_faq labels a repeated block once, and the topic
    and subject of injected related questions too)."""
    from qa_lib.frame import LABEL_BATCH
    from qa_lib.labels import label_many
    from qa_lib.segment import segment
    from qa_lib.taxonomy import default_taxonomy
    from qa_lib.textio import split_lines

    text = "".join(p.read_text(encoding="utf-8") for p in _paths(listfile))
    tax = default_taxonomy()
    blocks = segment(split_lines(text))
    pairs = [
        (b.question or "", b.answer, [x for _, x in b.items]) for b in blocks if b.kind == "qa"
    ]
    label_many(pairs[:LABEL_BATCH], tax)  # warm up: the automaton and the model load once

    def label_all() -> None:
        for lo in range(0, len(pairs), LABEL_BATCH):
            label_many(pairs[lo : lo + LABEL_BATCH], tax)

    return {
        "bytes": len(text.encode()),
        "blocks": len(pairs),
        "segment_seconds": min(_timed(lambda: segment(split_lines(text))) for _ in range(3)),
        "label_seconds": min(_timed(label_all) for _ in range(3)),
    }


def baseline(listfile: str) -> dict:
    paths = _paths(listfile)
    rx = all_cues_regex()
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    t = time.perf_counter()
    hits = sum(1 for _ in rx.finditer(text))
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "bytes": len(text.encode()),
        "hits": hits,
        "patterns": rx.pattern.count("(?:"),
    }


def filters(listfile: str) -> dict:
    import pandas as pd

    import qa_lib
    from qa_lib.filters import filter_blocks, filter_mask, search_index

    df = pd.concat([qa_lib.read_faq(p) for p in _paths(listfile)], ignore_index=True)
    for col in ("kind", "topic", "claim_type", "evidence"):
        df[col] = df[col].astype(df[col].dtype)
    topics = [str(t) for t in df["topic"].cat.categories]
    claims = [str(c) for c in df["claim_type"].cat.categories]
    levels = [str(e) for e in df["evidence"].cat.categories]
    words = ["glutamine", "covid", "vaccine", "liver", "symptoms", "treatment", "brain", "risk"]

    def median_ms(calls) -> float:
        times = []
        for call in calls:
            t = time.perf_counter()
            call()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times)

    t = time.perf_counter()
    index = search_index(df)  # built once when the explorer opens
    index_ms = (time.perf_counter() - t) * 1000

    def label_calls(f):
        return (
            [lambda t=t: f(df, topics=[t]) for t in topics]
            + [lambda c=c: f(df, claim_types=[c]) for c in claims]
            + [lambda e=e: f(df, evidence=[e]) for e in levels]
        )

    return {
        "rows": len(df),
        "index_ms": index_ms,
        "label_ms": median_ms(label_calls(lambda d, **k: filter_mask(d, index=index, **k))),
        "search_ms": median_ms([lambda w=w: filter_mask(df, search=w, index=index) for w in words]),
        "frame_label_ms": median_ms(label_calls(filter_blocks)),
        "frame_search_ms": median_ms([lambda w=w: filter_blocks(df, search=w) for w in words]),
    }


def report(folder: str) -> dict:
    from qa_lib.build_report import build

    out = Path(folder).parent / "report_out"
    t = time.perf_counter()
    html = build(folder, out)
    seconds = time.perf_counter() - t
    pages = len(list(Path(folder).glob("*.txt")))
    return {"seconds": seconds, "html_bytes": html.stat().st_size, "pages": pages}


def sentences(corpora: str) -> dict:
    """label_sentences on the hedging and strength corpora's sentences, best of three."""
    import csv

    from qa_lib import label_sentences

    texts: list[str] = []
    for part in ("hedging", "strength"):
        with (Path(corpora) / part / "sentences.csv").open(encoding="utf-8", newline="") as f:
            texts += [r["sentence"] for r in csv.DictReader(f)]
    label_sentences(texts[:10])
    best = min(_timed(lambda: label_sentences(texts)) for _ in range(3))
    return {"sentences": len(texts), "seconds": best, "per_second": len(texts) / best}


def _timed(call) -> float:
    t = time.perf_counter()
    call()
    return time.perf_counter() - t


if __name__ == "__main__":
    kind, arg = sys.argv[1], sys.argv[2]
    if kind == "read_workers":  # arg: LISTFILE,N
        listfile, n = arg.rsplit(",", 1)
        result = {**read(listfile, int(n)), "workers": int(n)}
    elif kind == "read_reference":
        result = read(arg, reference=True)
    else:
        result = {
            "read": read,
            "baseline": baseline,
            "filter": filters,
            "report": report,
            "sentences": sentences,
            "simple": simple,
            "parts": parts,
        }[kind](arg)
    print(json.dumps(result))
