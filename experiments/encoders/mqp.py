"""Issue 13: same-question accuracy on question_pairs with frozen encoders.

Folds: qa_lib.evaluate_questions.folds (5, grouped by question_1, round-robin); page
near-duplicates dealt to folds by source, as qa_lib does. Variants per encoder:
  a  cosine >= t, t tuned on the training part (qa_lib's _best_threshold)
  b  logistic over [cos, |a-b|, a*b], C chosen by inner grouped 4-fold CV on the training part
  c  b + qa_lib's 35 pair features (bias column dropped), standardised
  c+nd  c fitted with page near-duplicates added as negatives (as the shipped model is)
Guard: models fitted on all of pairs.csv (threshold / C chosen on it), applied to the 90
hand-judged cross-site FAQ pairs; counts of "same" accepted (of 45) and "different"
accepted (of 45). Also the range over the five fold models.
Without the guard pairs (GUARD_PAIRS, see common.py) the guard counts print as 0/0.
usage: python mqp.py ENCODER
"""

from __future__ import annotations

import json
import sys
import warnings

import numpy as np
from common import CORPORA, GUARD, RESULTS, embed, rows
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from qa_lib import evaluate_questions as eq

warnings.filterwarnings("ignore")
C_GRID = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)


def pair_emb(ea: np.ndarray, eb: np.ndarray) -> np.ndarray:
    cos = np.sum(ea * eb, axis=1, keepdims=True)
    return np.hstack([cos, np.abs(ea - eb), ea * eb])


def lr_fit(x, y, c):
    sc = StandardScaler().fit(x)
    m = LogisticRegression(C=c, max_iter=3000).fit(sc.transform(x), y)
    return lambda z: m.predict_proba(sc.transform(z))[:, 1] >= 0.5


def choose_c(x, y, groups_first, extra=None):
    """C with the best inner grouped 4-fold accuracy on (x, y); extra=(xn, nfold) adds
    near-duplicate negatives to each inner training part."""
    inner = eq.folds(groups_first, 4)
    best, best_acc = C_GRID[0], -1
    for c in C_GRID:
        accs = []
        for k in range(4):
            tr, te = inner != k, inner == k
            xt, yt = x[tr], y[tr]
            if extra is not None:
                xt = np.vstack([xt, extra])
                yt = np.concatenate([yt, np.zeros(len(extra))])
            accs.append(np.mean(lr_fit(xt, yt, c)(x[te]) == (y[te] > 0)))
        if np.mean(accs) > best_acc:
            best, best_acc = c, float(np.mean(accs))
    return best


def main(name: str) -> None:
    first, second, y = eq.load_pairs(CORPORA)
    fold = eq.folds(first)
    feats = eq.features(first, second)[:, 1:]
    near = eq.page_near_duplicates(CORPORA)
    sources = sorted({s for s, _, _ in near})
    nfold = np.array([sources.index(s) % eq.FOLDS for s, _, _ in near])
    nfeats = eq.features([a for _, a, _ in near], [b for _, _, b in near])[:, 1:]
    g = rows(GUARD) if GUARD.is_file() else []
    ga, gb = [r["question_a"] for r in g], [r["question_b"] for r in g]
    gy = np.array([int(r["same"]) for r in g])
    gfeats = eq.features(ga, gb)[:, 1:]

    ea, eb = embed(name, first), embed(name, second)
    na, nb = embed(name, [a for _, a, _ in near]), embed(name, [b for _, _, b in near])
    gea, geb = embed(name, ga), embed(name, gb)
    X = {"b": pair_emb(ea, eb)}
    X["c"] = np.hstack([X["b"], feats])
    XN = {"b": pair_emb(na, nb)}
    XN["c"] = np.hstack([XN["b"], nfeats])
    XG = {"b": pair_emb(gea, geb)}
    XG["c"] = np.hstack([XG["b"], gfeats])
    cos, ncos, gcos = X["b"][:, 0], XN["b"][:, 0], XG["b"][:, 0]

    res: dict[str, dict] = {}

    def record(v, k, acc_pred, near_pred, guard_pred):
        r = res.setdefault(v, {"acc": [], "near_rej": [], "guard_folds": []})
        r["acc"].append(float(np.mean(acc_pred == (y[fold == k] > 0))))
        r["near_rej"].append(float(np.mean(~near_pred)))
        r["guard_folds"].append(guard_counts(guard_pred, gy))

    for k in range(eq.FOLDS):
        tr, te, ntr, nte = fold != k, fold == k, nfold != k, nfold == k
        ftr = [q for q, t in zip(first, tr, strict=True) if t]
        t = eq._best_threshold(cos[tr], y[tr])
        record("a cos-threshold", k, cos[te] >= t, ncos[nte] >= t, gcos >= t)
        res["a cos-threshold"].setdefault("t", []).append(t)
        for v in ("b", "c"):
            c = choose_c(X[v][tr], y[tr], ftr)
            f = lr_fit(X[v][tr], y[tr], c)
            record(f"{v} LR", k, f(X[v][te]), f(XN[v][nte]), f(XG[v]))
            res[f"{v} LR"].setdefault("C", []).append(c)
        # c + page near-duplicates as negatives (the shipped model's recipe)
        c = choose_c(X["c"][tr], y[tr], ftr, extra=XN["c"][ntr])
        f = lr_fit(
            np.vstack([X["c"][tr], XN["c"][ntr]]),
            np.concatenate([y[tr], np.zeros(ntr.sum())]),
            c,
        )
        record("c+nd LR", k, f(X["c"][te]), f(XN["c"][nte]), f(XG["c"]))
        res["c+nd LR"].setdefault("C", []).append(c)
        print(name, "fold", k, {v: round(r["acc"][-1], 3) for v, r in res.items()}, flush=True)

    # guard with models fitted on all of pairs.csv
    t = eq._best_threshold(cos, y)
    res["a cos-threshold"]["guard_all"] = guard_counts(gcos >= t, gy)
    for v in ("b", "c"):
        f = lr_fit(X[v], y, choose_c(X[v], y, first))
        res[f"{v} LR"]["guard_all"] = guard_counts(f(XG[v]), gy)
    c = choose_c(X["c"], y, first, extra=XN["c"])
    f = lr_fit(np.vstack([X["c"], XN["c"]]), np.concatenate([y, np.zeros(len(XN["c"]))]), c)
    res["c+nd LR"]["guard_all"] = guard_counts(f(XG["c"]), gy)

    print(f"\n== {name}: question_pairs {len(y)} pairs, 5 folds grouped by question_1")
    for v, r in res.items():
        gf = r["guard_folds"]
        print(
            f"  {v:<16} acc {np.mean(r['acc']):.3f} (folds {' '.join(f'{a:.3f}' for a in r['acc'])})"
            f"  near-dup rejected {np.mean(r['near_rej']):.3f}"
            f"  guard same-acc {r['guard_all'][0]}/{int(gy.sum())}"
            f" diff-acc {r['guard_all'][1]}/{int(len(gy) - gy.sum())}"
            f" (fold models same {min(x[0] for x in gf)}-{max(x[0] for x in gf)},"
            f" diff {min(x[1] for x in gf)}-{max(x[1] for x in gf)})"
            + (f"  t {[f'{x:.3f}' for x in r['t']]}" if "t" in r else "")
            + (f"  C {r['C']}" if "C" in r else "")
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"mqp_{name.replace(':', '_')}.json"
    out.write_text(json.dumps(res, indent=1) + "\n")


def guard_counts(pred: np.ndarray, gy: np.ndarray) -> tuple[int, int]:
    """(same pairs accepted, different pairs accepted)."""
    return int(np.sum(pred & (gy == 1))), int(np.sum(pred & (gy == 0)))


if __name__ == "__main__":
    main(sys.argv[1])
