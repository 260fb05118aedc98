"""Score segmentation against gold question/answer pairs, leaving each source out of the fit.

``make fit-segmenter`` fits the line model on every development source and writes
``data/segmenter.json``; ``make eval`` refits it once per source with that source left out,
segments the source in every layout (as published, spaced, no blank lines, CRLF), and prints
question F1 and exact pairs beside the naive rule ("a line ending in ``?`` starts a question").
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .layout import LayoutCues, layout_cues
from .line_features import Q_LABEL_RE, Shapes, features, fold, page_lines
from .segment import segment
from .segment_model import Data, LineModel, fit_selected
from .textio import split_lines

LABEL_RE = re.compile(r"^\s*(?:Q|A|Question|Answer)\s*[.:]\s*")
BULLET_MARK_RE = re.compile(r"^\s*[•◦▪●‣∙·*\-–]\s+", re.MULTILINE)
LAYOUTS = ("published", "spaced", "no_blank", "crlf")
FIT_LAYOUTS = ("published", "spaced", "no_blank")  # CRLF splits into the same lines


def normalise(text: str) -> str:
    """Fold white space and drop Q./A. labels and bullet marks, for comparison."""
    text = BULLET_MARK_RE.sub("", LABEL_RE.sub("", text or ""))
    return " ".join(text.split())


@dataclass(frozen=True)
class PairScore:
    """Question precision/recall/F1 and the share of gold pairs matched exactly."""

    precision: float
    recall: float
    f1: float
    pairs: float
    n_gold: int
    n_pred: int

    def __str__(self) -> str:
        return (
            f"question F1 {self.f1:.3f} (P {self.precision:.3f}, R {self.recall:.3f}), "
            f"exact pairs {self.pairs:.3f} ({self.n_pred} predicted, {self.n_gold} gold)"
        )


def score_pairs(predicted: list[tuple[str, str]], gold: list[tuple[str, str]]) -> PairScore:
    """Compare (question, answer) lists as multisets after :func:`normalise`."""
    pq = Counter(normalise(q) for q, _ in predicted)
    gq = Counter(normalise(q) for q, _ in gold)
    hit = sum((pq & gq).values())
    precision = hit / max(1, sum(pq.values()))
    recall = hit / max(1, sum(gq.values()))
    f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
    pp = Counter((normalise(q), normalise(a)) for q, a in predicted)
    gp = Counter((normalise(q), normalise(a)) for q, a in gold)
    pairs = sum((pp & gp).values()) / max(1, len(gold))
    return PairScore(precision, recall, f1, pairs, len(gold), len(predicted))


def naive_pairs(text: str) -> list[tuple[str, str]]:
    """The baseline: a line ending in '?' starts a question."""
    pairs: list[tuple[str, str]] = []
    q: str | None = None
    answer: list[str] = []
    for line in (x.strip() for x in split_lines(text)):
        if not line:
            continue
        if line.endswith("?"):
            if q is not None:
                pairs.append((q, "\n".join(answer)))
            q, answer = line, []
        elif q is not None:
            answer.append(line)
    if q is not None:
        pairs.append((q, "\n".join(answer)))
    return pairs


@dataclass
class Source:
    """One development source (a site's page file) with its gold pairs."""

    corpus: str
    name: str
    text: str
    gold: list[tuple[str, str]]
    spaced: str | None = None
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.name}"

    def layout(self, layout: str) -> str:
        """The page in one layout; spaced and no-blank are derived where not published."""
        body = [x for x in split_lines(self.text) if x.strip()]
        if layout == "published":
            return self.text
        if layout == "spaced":
            return self.spaced if self.spaced is not None else "\n\n".join(body) + "\n"
        if layout == "no_blank":
            return "\n".join(body)
        if layout == "crlf":
            return "\r\n".join(split_lines(self.text))
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")

    def lines(self, layout: str) -> list[str]:
        if layout not in self._lines:
            self._lines[layout] = split_lines(self.layout(layout))
        return self._lines[layout]


def _gold_csv(path: Path) -> dict[str, list[tuple[str, str]]]:
    gold: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            gold[row["source"]].append((row["question"], row["answer"]))
    return gold


def load_sources(
    corpora: Path, seed: Path | None = None, seed_gold: Path | None = None
) -> list[Source]:
    """Every development source: faq_pages, faq_pages_more, MedQuAD pages, and the seed."""
    out: list[Source] = []
    for corpus in ("faq_pages", "faq_pages_more"):
        for name, gold in sorted(_gold_csv(corpora / corpus / "gold_pairs.csv").items()):
            text = (corpora / corpus / "block" / f"{name}.txt").read_text(encoding="utf-8")
            spaced = (corpora / corpus / "spaced" / f"{name}.txt").read_text(encoding="utf-8")
            out.append(Source(corpus, name, text, gold, spaced))
    for name, gold in sorted(_gold_csv(corpora / "medquad" / "pairs.csv").items()):
        text = (corpora / "medquad" / "pages" / f"{name}.txt").read_text(encoding="utf-8")
        out.append(Source("medquad", name, text, gold))
    if seed is not None and seed_gold is not None:
        rows = json.loads(seed_gold.read_text(encoding="utf-8"))
        gold = [(r["question"], r["answer"]) for r in rows if r["kind"] == "qa"]
        out.append(Source("seed", seed.stem, seed.read_text(encoding="utf-8"), gold))
    return out


def line_labels(lines: list[str], gold: list[tuple[str, str]], cues: LayoutCues) -> list[int]:
    """1 for each non-blank line that starts a gold question (matched in page order)."""
    s = Shapes(cues)
    want = [normalise(q) for q, _ in gold]
    out, ptr = [], 0
    for line in page_lines(lines):
        t = fold(Q_LABEL_RE.sub("", line.text, count=1))
        label = s.related_prefix(t)
        if label:
            t = t[t.index(":") + 1 :]
        t = normalise(t)
        hit = next((j for j in range(ptr, min(ptr + 3, len(want))) if want[j] == t), None)
        out.append(int(hit is not None))
        if hit is not None:
            ptr = hit + 1
    return out


def training_rows(sources: Iterable[Source], cues: LayoutCues | None = None) -> dict[str, Data]:
    """Features and labels of every source's lines in every fitted layout, by source key."""
    cues = cues or layout_cues()
    out: dict[str, Data] = {}
    for src in sources:
        xs: list[np.ndarray] = []
        ys: list[int] = []
        for layout in FIT_LAYOUTS:
            lines = src.lines(layout)
            xs.append(features(page_lines(lines), cues))
            ys.extend(line_labels(lines, src.gold, cues))
        out[src.key] = (np.vstack(xs), np.asarray(ys, dtype=float))
    return out


def predicted_pairs(lines: list[str], model: LineModel | None = None) -> list[tuple[str, str]]:
    """The (question, answer) pairs qa_lib finds in a page."""
    return [(b.question or "", b.answer) for b in segment(lines, model=model) if b.kind == "qa"]


@dataclass(frozen=True)
class Row:
    """Scores of one source in one layout (or pooled), qa_lib beside the naive rule."""

    source: str
    layout: str
    ours: PairScore
    naive: PairScore


def leave_one_out(
    sources: list[Source],
    log: Callable[[str], None] = print,
    models: dict[str, LineModel] | None = None,
) -> list[Row]:
    """Score every source, in every layout, with a model fitted without that source.

    ``models``, if given, receives each source's model (by source key).
    """
    rows_by = training_rows(sources)
    out: list[Row] = []
    for src in sources:
        model = fit_selected({k: v for k, v in rows_by.items() if k != src.key})
        if models is not None:
            models[src.key] = model
        for layout in LAYOUTS:
            ours = predicted_pairs(src.lines(layout), model)
            naive = naive_pairs(src.layout(layout))
            out.append(
                Row(src.key, layout, score_pairs(ours, src.gold), score_pairs(naive, src.gold))
            )
        log(f"  scored {src.key} (L2 {model.l2} chosen without it)")
    return out


def pooled(
    rows: list[Row], sources: list[Source], layouts: Iterable[str] = LAYOUTS
) -> tuple[PairScore, PairScore]:
    """Micro-averaged scores over the given rows' sources and layouts."""
    layouts = set(layouts)
    keep = [r for r in rows if r.layout in layouts]

    def pool(get: Callable[[Row], PairScore]) -> PairScore:
        tp = sum(get(r).precision * get(r).n_pred for r in keep)
        n_pred = sum(get(r).n_pred for r in keep)
        n_gold = sum(get(r).n_gold for r in keep)
        p = tp / max(1, n_pred)
        rec = tp / max(1, n_gold)
        f1 = 2 * p * rec / (p + rec) if tp else 0.0
        pairs = sum(get(r).pairs * get(r).n_gold for r in keep) / max(1, n_gold)
        return PairScore(p, rec, f1, pairs, n_gold, n_pred)

    return pool(lambda r: r.ours), pool(lambda r: r.naive)


def by_source(rows: list[Row]) -> dict[str, tuple[PairScore, PairScore]]:
    """Each source's scores pooled over its layouts."""
    keys = list(dict.fromkeys(r.source for r in rows))
    return {k: pooled([r for r in rows if r.source == k], []) for k in keys}


def table(rows: list[Row]) -> str:
    """The per-source and pooled table ``make eval`` prints."""
    head = f"{'source':34} {'layout':10} {'qa_lib F1':>9} {'pairs':>6} {'naive F1':>9} {'pairs':>6}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.source:34} {r.layout:10} {r.ours.f1:9.3f} {r.ours.pairs:6.3f} "
            f"{r.naive.f1:9.3f} {r.naive.pairs:6.3f}"
        )
    lines.append("-" * len(head))
    for k, (o, n) in by_source(rows).items():
        flag = "  <-- below naive pair recall by more than 0.01" if o.pairs < n.pairs - 0.01 else ""
        lines.append(
            f"{k:34} {'all':10} {o.f1:9.3f} {o.pairs:6.3f} {n.f1:9.3f} {n.pairs:6.3f}{flag}"
        )
    lines.append("-" * len(head))
    for layout in LAYOUTS:
        o, n = pooled(rows, [], [layout])
        lines.append(
            f"{'POOLED':34} {layout:10} {o.f1:9.3f} {o.pairs:6.3f} {n.f1:9.3f} {n.pairs:6.3f}"
        )
    for corpus in dict.fromkeys(r.source.split("/")[0] for r in rows):
        o, n = pooled([r for r in rows if r.source.startswith(corpus + "/")], [])
        lines.append(
            f"{'POOLED ' + corpus:34} {'all':10} {o.f1:9.3f} {o.pairs:6.3f} {n.f1:9.3f} {n.pairs:6.3f}"
        )
    o, n = pooled(rows, [])
    lines.append(f"{'POOLED':34} {'all':10} {o.f1:9.3f} {o.pairs:6.3f} {n.f1:9.3f} {n.pairs:6.3f}")
    return "\n".join(lines)


def throughput(sources: list[Source], model: LineModel | None = None, repeat: int = 3) -> float:
    """Segmented megabytes per second over every source in every layout (best of ``repeat``)."""
    pages = [src.lines(layout) for src in sources for layout in LAYOUTS]
    size = sum(len(x) + 1 for p in pages for x in p) / 1e6
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for p in pages:
            segment(p, model=model)
        best = min(best, time.perf_counter() - t0)
    return size / best


def main(argv: list[str] | None = None) -> None:
    """``python -m qa_lib.evaluate {eval,fit} --corpora DIR [--seed FILE --seed-gold JSON]``."""
    ap = argparse.ArgumentParser(prog="python -m qa_lib.evaluate", description=__doc__)
    ap.add_argument("command", choices=["eval", "fit"])
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("--seed", type=Path)
    ap.add_argument("--seed-gold", type=Path)
    ap.add_argument("--out", type=Path, help="fit: where to write the model JSON")
    args = ap.parse_args(argv)
    sources = load_sources(args.corpora, args.seed, args.seed_gold)
    if args.command == "fit":
        rows = training_rows(sources)
        model = fit_selected(rows)
        out = args.out or Path(__file__).with_name("data") / "segmenter.json"
        out.write_text(model.to_json(), encoding="utf-8")
        n = sum(len(y) for _, y in rows.values())
        print(f"fitted on {len(sources)} sources, {n} lines, L2 {model.l2}: wrote {out}")
        return
    rows = leave_one_out(sources)
    print(table(rows))
    print(f"\nsegmentation throughput: {throughput(sources):.2f} MB/s (packaged model)")


if __name__ == "__main__":
    main()
