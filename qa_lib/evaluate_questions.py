"""Score the same-question model on doctor-written pairs, and refit it.

The model is fitted on two kinds of pairs: ``question_pairs/pairs.csv`` (McCreery et al.
2020: a patient's question, a doctor's rewrite with the same intent, a related question that
is not), and near-duplicates from FAQ pages (``faq_pages``, ``faq_pages_more`` in English,
MedQuAD): each page question with the most word-alike other question of the same page, which
a page does not ask twice ("What causes X?" / "What causes Y?"). Fitted on the first kind
alone the model reaches 0.76 on it but accepts most page near-duplicates, and then groups
whole pages together.

``make eval`` prints accuracy on ``pairs.csv`` cross-validated in 5 folds grouped by
``question_1`` (page pairs dealt to the folds by source), beside word overlap (Jaccard of the
word sets) with its threshold tuned on each training part, and the share of held-out page
near-duplicates each rejects. ``make fit-questions`` fits on every pair and writes
``data/question_match.json``: one weight per generic feature, no word from the corpora.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from .question_features import L2, PairModel, feature_matrix, fit, normalise, question, words

FOLDS = 5
NEAR = 0.25  # word overlap from which a page's two questions make a near-duplicate pair
PAGE_PAIRS = (
    "faq_pages/gold_pairs.csv",
    "faq_pages_more/gold_pairs.csv",
    "medquad/pairs.csv",
)


def load_pairs(corpora: Path) -> tuple[list[str], list[str], np.ndarray]:
    """Questions 1, questions 2 and the gold labels (1: the same question)."""
    path = corpora / "question_pairs" / "pairs.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return (
        [r["question_1"] for r in rows],
        [r["question_2"] for r in rows],
        np.array([int(r["same"]) for r in rows], dtype=float),
    )


def page_near_duplicates(corpora: Path) -> list[tuple[str, str, str]]:
    """(source, question, question): each English page question with its most word-alike
    other question of the same page (word overlap at least :data:`NEAR`), once per pair."""
    pages: dict[str, list[str]] = {}
    for name in PAGE_PAIRS:
        with (corpora / name).open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                if r.get("language", "en") == "en":
                    key = f"{name.split('/')[0]}/{r['source']}"
                    pages.setdefault(key, []).append(r["question"])
    out = []
    for source in sorted(pages):
        distinct: dict[str, str] = {}
        for q in pages[source]:
            distinct.setdefault(normalise(q), q)
        texts = [distinct[k] for k in sorted(distinct)]
        sets = [set(words(t)) for t in texts]
        seen: set[tuple[int, int]] = set()
        for i, a in enumerate(sets):
            best, j = max(
                ((len(a & b) / max(1, len(a | b)), j) for j, b in enumerate(sets) if j != i),
                key=lambda p: (p[0], -p[1]),
                default=(0.0, -1),
            )
            pair = (min(i, j), max(i, j))
            if best >= NEAR and pair not in seen:
                seen.add(pair)
                out.append((source, texts[pair[0]], texts[pair[1]]))
    return out


def folds(first: list[str], k: int = FOLDS) -> np.ndarray:
    """Fold of each pair: distinct ``question_1`` dealt round-robin in corpus order."""
    seen: dict[str, int] = {}
    return np.array([seen.setdefault(q, len(seen)) % k for q in first])


def features(first: list[str], second: list[str]) -> np.ndarray:
    """The model's feature matrix of the pairs."""
    parsed = {t: question(t) for t in {*first, *second}}
    return feature_matrix([(parsed[a], parsed[b]) for a, b in zip(first, second, strict=True)])


def jaccard(a: str, b: str) -> float:
    """Word overlap: shared words over all words of the two questions."""
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / max(1, len(wa | wb))


def _best_threshold(values: np.ndarray, y: np.ndarray) -> float:
    """The threshold (``value >= t`` means same) with the best training accuracy; ties go to
    the lowest."""
    cands = np.unique(values)
    acc = [np.mean((values >= t) == (y > 0)) for t in cands]
    return float(cands[int(np.argmax(acc))])


def cross_validate(corpora: Path, l2: float = L2) -> dict[str, list[float]]:
    """Per fold: accuracy on the held-out pairs and the share of held-out page near-duplicates
    rejected, for the model, the model fitted on pairs.csv alone, and tuned word overlap."""
    first, second, y = load_pairs(corpora)
    x = features(first, second)
    jac = np.array([jaccard(a, b) for a, b in zip(first, second, strict=True)])
    near = page_near_duplicates(corpora)
    xn = features([a for _, a, _ in near], [b for _, _, b in near])
    jn = np.array([jaccard(a, b) for _, a, b in near])
    sources = sorted({s for s, _, _ in near})
    nfold = np.array([sources.index(s) % FOLDS for s, _, _ in near])
    fold = folds(first)
    out: dict[str, list[float]] = {}

    def score(name: str, accepted: np.ndarray, near_accepted: np.ndarray, k: int) -> None:
        out.setdefault(name, []).append(float(np.mean(accepted == (y[fold == k] > 0))))
        out.setdefault(name + " rejects", []).append(float(np.mean(~near_accepted)))

    for k in range(FOLDS):
        tr, te, ntr, nte = fold != k, fold == k, nfold != k, nfold == k
        model = _fit_both(x[tr], y[tr], xn[ntr], l2)
        score("model", _same(model, x[te]), _same(model, xn[nte]), k)
        alone = fit(x[tr], y[tr], l2)
        score("pairs only", _same(alone, x[te]), _same(alone, xn[nte]), k)
        t = _best_threshold(jac[tr], y[tr])
        score("overlap", jac[te] >= t, jn[nte] >= t, k)
        out.setdefault("threshold", []).append(t)
    return out


def _same(model: PairModel, x: np.ndarray) -> np.ndarray:
    return model.probabilities(x) >= model.threshold


def _fit_both(x: np.ndarray, y: np.ndarray, x_near: np.ndarray, l2: float = L2) -> PairModel:
    """The model fitted on labelled pairs and page near-duplicates (all different)."""
    return fit(np.vstack([x, x_near]), np.concatenate([y, np.zeros(len(x_near))]), l2)


def fit_all(corpora: Path) -> PairModel:
    """The packaged model: every pair of pairs.csv and every page near-duplicate."""
    first, second, y = load_pairs(corpora)
    near = page_near_duplicates(corpora)
    xn = features([a for _, a, _ in near], [b for _, _, b in near])
    return _fit_both(features(first, second), y, xn)


def report(corpora: Path) -> list[str]:
    """The lines ``make eval`` prints."""
    first, _, y = load_pairs(corpora)
    cv = cross_validate(corpora)
    n_near = len(page_near_duplicates(corpora))

    def line(label: str, key: str) -> str:
        accs, rej = cv[key], cv[key + " rejects"]
        spread = " ".join(f"{a:.3f}" for a in accs)
        return (
            f"  {label:<34} accuracy {np.mean(accs):.3f} (folds {spread})"
            f"  page near-duplicates rejected {np.mean(rej):.3f}"
        )

    thresholds = ", ".join(f"{t:.2f}" for t in cv["threshold"])
    return [
        f"same question (question_pairs: {len(y)} pairs, {len(set(first))} first questions,"
        f" {FOLDS} folds grouped by question_1; {n_near} page near-duplicates, folds by source)",
        line("qa_lib matcher (CV)", "model"),
        line("word overlap, tuned threshold", "overlap"),
        line("the model fitted on pairs.csv alone", "pairs only"),
        f"  (word-overlap thresholds tuned per training part: {thresholds}; bar: accuracy 0.76)",
    ]


def main(argv: list[str] | None = None) -> None:
    """``python -m qa_lib.evaluate_questions {eval,fit} --corpora DIR [--out JSON]``."""
    ap = argparse.ArgumentParser(prog="python -m qa_lib.evaluate_questions", description=__doc__)
    ap.add_argument("command", choices=["eval", "fit"])
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("--out", type=Path, help="fit: where to write the model JSON")
    args = ap.parse_args(argv)
    if args.command == "fit":
        model = fit_all(args.corpora)
        out = args.out or Path(__file__).with_name("data") / "question_match.json"
        out.write_text(model.to_json(), encoding="utf-8")
        print(f"fitted: {len(model.weights)} features, L2 {model.l2}")
        print(f"wrote {out}")
        return
    for text in report(args.corpora):
        print(text, flush=True)


if __name__ == "__main__":
    main()
