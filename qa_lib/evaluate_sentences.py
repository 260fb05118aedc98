"""Score the sentence labels on annotations nobody here wrote, and refit the strength model.

``make eval`` prints hedging F1 (uncertain class) on BioScope sentences (``hedging/``) beside
a naive list of eight cue words, and strength macro-F1 on Yu et al.'s sentences
(``strength/``) beside the taxonomy's cue rule, cross-validated in 5 stratified folds with the
penalty chosen inside each training part; then label_sentences' speed. The hedge cues are a
hand-written list, not fitted, so they are scored on the whole corpus. ``make fit-sentences``
fits the strength model on every strength sentence and writes ``data/strength.json``.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from collections.abc import Sequence
from pathlib import Path

from .sentence_labels import label_sentences
from .strength import (
    STRENGTHS,
    choose_l2,
    cross_predict,
    cue_rule,
    fit,
    macro_f1,
    sentence_features,
)
from .taxonomy import Taxonomy, default_taxonomy

FOLDS = 5
NAIVE_HEDGES = re.compile(
    r"\b(may|might|could|possibly|perhaps|suggests?|likely|unclear)\b", re.IGNORECASE
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def f1(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, 2 * tp / max(1, 2 * tp + fp + fn)


def eval_hedging(corpora: Path, tax: Taxonomy) -> list[str]:
    """Hedging uncertain-class scores, qa_lib's cues beside the naive list."""
    rows = _rows(corpora / "hedging" / "sentences.csv")
    gold = [r["uncertain"] == "1" for r in rows]
    texts = [r["sentence"] for r in rows]
    ours = label_sentences(texts, taxonomy=tax)["hedged"].tolist()
    naive = [bool(NAIVE_HEDGES.search(t)) for t in texts]
    o, n = f1(gold, ours), f1(gold, naive)
    docs = len({r["doc"] for r in rows})
    return [
        f"hedging (BioScope, {len(rows)} sentences, {docs} abstracts, {sum(gold)} uncertain;"
        " cue list, nothing fitted)",
        f"  qa_lib hedge cues      F1 {o[2]:.3f} (P {o[0]:.3f}, R {o[1]:.3f})",
        f"  naive 8 cue words      F1 {n[2]:.3f} (P {n[0]:.3f}, R {n[1]:.3f})",
    ]


def eval_strength(corpora: Path, tax: Taxonomy) -> list[str]:
    """Strength macro-F1: the model cross-validated, beside the cue rule."""
    rows = _rows(corpora / "strength" / "sentences.csv")
    texts, gold = [r["sentence"] for r in rows], [r["strength"] for r in rows]
    feats = [sentence_features(t, tax) for t in texts]
    pred = cross_predict(feats, gold, FOLDS)
    rule = [cue_rule(t, tax)[0] for t in texts]
    out = [
        f"strength (Yu et al. 2019, {len(rows)} sentences; {FOLDS} stratified folds,"
        " penalty chosen inside each training part)",
        f"  qa_lib model (CV)      macro-F1 {macro_f1(gold, pred):.3f}"
        f"  accuracy {sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold):.3f}",
        f"  taxonomy cue rule      macro-F1 {macro_f1(gold, rule):.3f}"
        f"  accuracy {sum(g == p for g, p in zip(gold, rule, strict=True)) / len(gold):.3f}",
        "  per class (CV)         "
        + ", ".join(f"{c} F1 {_class_f1(gold, pred, c):.3f}" for c in STRENGTHS),
    ]
    return out


def _class_f1(gold: Sequence[str], pred: Sequence[str], c: str) -> float:
    return f1([g == c for g in gold], [p == c for p in pred])[2]


def speed(corpora: Path, tax: Taxonomy, repeat: int = 3) -> str:
    """label_sentences sentences per second on the hedging and strength sentences."""
    texts = [r["sentence"] for r in _rows(corpora / "hedging" / "sentences.csv")]
    texts += [r["sentence"] for r in _rows(corpora / "strength" / "sentences.csv")]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        label_sentences(texts, taxonomy=tax)
        best = min(best, time.perf_counter() - t0)
    return (
        f"label_sentences: {len(texts) / best:,.0f} sentences/s ({len(texts)} sentences, one core)"
    )


def main(argv: list[str] | None = None) -> None:
    """``python -m qa_lib.evaluate_sentences {eval,fit} --corpora DIR [--out JSON]``."""
    ap = argparse.ArgumentParser(prog="python -m qa_lib.evaluate_sentences", description=__doc__)
    ap.add_argument("command", choices=["eval", "fit"])
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("--out", type=Path, help="fit: where to write the model JSON")
    args = ap.parse_args(argv)
    tax = default_taxonomy()
    if args.command == "fit":
        rows = _rows(args.corpora / "strength" / "sentences.csv")
        feats = [sentence_features(r["sentence"], tax) for r in rows]
        gold = [r["strength"] for r in rows]
        model = fit(feats, gold, choose_l2(feats, gold))
        out = args.out or Path(__file__).with_name("data") / "strength.json"
        out.write_text(model.to_json(), encoding="utf-8")
        print(f"fitted on {len(rows)} sentences, {len(model.features)} features, L2 {model.l2}")
        print(f"wrote {out}")
        return
    for line in [*eval_hedging(args.corpora, tax), "", *eval_strength(args.corpora, tax), ""]:
        print(line, flush=True)
    print(speed(args.corpora, tax))


if __name__ == "__main__":
    main()
