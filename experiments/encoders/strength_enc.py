"""Issue 11: claim strength macro-F1 with frozen encoder embeddings.

Folds: qa_lib.strength.folds (5, stratified round-robin), the same as `make eval`.
Hyper-parameters chosen inside each training part by inner 4-fold (qa_lib.strength.folds)
macro-F1. Variants:
  sk-qalib  sklearn multinomial logistic over qa_lib's own sparse strength features (control:
            same features as the shipped model, another solver)
  a         logistic over standardised mean-pooled embeddings alone (C grid)
  b         qa_lib's 0/1 features (vocabulary from the training part, MIN_COUNT 3) next to the
            standardised embeddings times s (C x s grid)
usage: python strength_enc.py ENCODER [ENCODER...]
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import scipy.sparse as sp
from common import CORPORA, embed, rows
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.preprocessing import StandardScaler

from qa_lib import strength as st
from qa_lib.taxonomy import default_taxonomy

warnings.filterwarnings("ignore")
CLASSES = list(st.STRENGTHS)


def sparse_design(feature_sets, vocab):
    index = {f: i for i, f in enumerate(vocab)}
    r, c = [], []
    for i, fs in enumerate(feature_sets):
        for f in fs:
            j = index.get(f)
            if j is not None:
                r.append(i)
                c.append(j)
    return sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(feature_sets), len(vocab)))


def build(idx_tr, idx_te, feats, emb, use_sparse, use_emb, s):
    """Training and test matrices (vocabulary and scaler from the training part)."""
    parts_tr, parts_te = [], []
    if use_sparse:
        vocab = st.vocabulary([feats[i] for i in idx_tr])
        parts_tr.append(sparse_design([feats[i] for i in idx_tr], vocab))
        parts_te.append(sparse_design([feats[i] for i in idx_te], vocab))
    if use_emb:
        sc = StandardScaler().fit(emb[idx_tr])
        parts_tr.append(sp.csr_matrix(sc.transform(emb[idx_tr]) * s))
        parts_te.append(sp.csr_matrix(sc.transform(emb[idx_te]) * s))
    return sp.hstack(parts_tr).tocsr(), sp.hstack(parts_te).tocsr()


def fit_predict(idx_tr, idx_te, feats, emb, y, spec, c, s):
    xtr, xte = build(idx_tr, idx_te, feats, emb, spec[0], spec[1], s)
    m = LogisticRegression(C=c, max_iter=5000).fit(xtr, y[idx_tr])
    return m.predict(xte)


def choose(idx, feats, emb, y, spec, grid):
    labels = [CLASSES[v] for v in y[idx]]
    inner = np.array(st.folds(labels, 4))
    best, best_f = None, -1.0
    for c, s in grid:
        pred = np.empty(len(idx), dtype=int)
        for k in range(4):
            tr, te = idx[inner != k], idx[inner == k]
            pred[inner == k] = fit_predict(tr, te, feats, emb, y, spec, c, s)
        f = f1_score(y[idx], pred, average="macro")
        if f >= best_f:
            best, best_f = (c, s), f
    return best


def cv(feats, emb, y, spec, grid):
    fold = np.array(st.folds([CLASSES[v] for v in y], 5))
    pred = np.empty(len(y), dtype=int)
    chosen = []
    for k in range(5):
        tr, te = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        c, s = choose(tr, feats, emb, y, spec, grid)
        chosen.append((c, s))
        pred[te] = fit_predict(tr, te, feats, emb, y, spec, c, s)
    return pred, chosen


def line(name, y, pred, chosen):
    per = f1_score(y, pred, average=None, labels=range(4))
    return (
        f"  {name:<22} macro-F1 {f1_score(y, pred, average='macro'):.3f}"
        f"  acc {np.mean(pred == y):.3f}  "
        + ", ".join(f"{c} {f:.3f}" for c, f in zip(CLASSES, per, strict=True))
        + f"  chosen (C,s) {chosen}"
    )


def main(names):
    tax = default_taxonomy()
    r = rows(CORPORA / "strength" / "sentences.csv")
    texts = [x["sentence"] for x in r]
    y = np.array([CLASSES.index(x["strength"]) for x in r])
    feats = [st.sentence_features(t, tax) for t in texts]
    c_grid = [(c, 1.0) for c in (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)]
    cs_grid = [(c, s) for c in (0.1, 0.3, 1.0, 3.0) for s in (0.05, 0.15, 0.5)]
    print(f"strength: {len(y)} sentences, 5 stratified folds (qa_lib.strength.folds)", flush=True)
    if "control" in names:
        pred, ch = cv(feats, None, y, (True, False), [(c, 1.0) for c in (0.1, 0.3, 1.0, 3.0)])
        print(line("sk-qalib (control)", y, pred, ch), flush=True)
    for name in [n for n in names if n != "control"]:
        emb = embed(name, texts)
        pred, ch = cv(feats, emb, y, (False, True), c_grid)
        print(line(f"{name} a emb only", y, pred, ch), flush=True)
        pred, ch = cv(feats, emb, y, (True, True), cs_grid)
        print(line(f"{name} b emb+qalib", y, pred, ch), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
