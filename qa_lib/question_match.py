"""The same question asked twice: :func:`same_question`, :func:`match_pairs`,
:func:`question_groups`.

A pair is decided by the logistic model of :mod:`qa_lib.question_features` (generic overlap
features, weights in ``data/question_match.json``); questions in the same words are the same
without asking it (score 1): equal after lower-casing and dropping punctuation, a ``Q:``
label, the articles and plural endings (:func:`~qa_lib.question_features.wording`).
``terms`` names the shared content words that decided, rarest in the questions given first; a
word matched only by its spelling shows as ``word~other``.

:func:`question_groups` never compares all pairs. Questions in the same words are folded
first. Then
sorted-neighbourhood blocking: each question is filed under its :data:`BLOCK_TERMS` rarest
content words; each word's list is sorted by the questions' own rarest words, and a question
is paired with the :data:`WINDOW` next ones in each list. Of those candidates each question
keeps its :data:`NEIGHBOURS` best by TF-IDF cosine (at least :data:`MIN_COSINE`), and the
model decides them. The work per question is bounded whatever the input (one question
repeated 100,000 times, or questions all sharing one word): linear, no index library, and
with scipy only for the sparse cosine. Groups are stars, not connected components: a
question joins a group only if it is the same question as the group's leader, so a chain of
look-alikes (A~B, B~C) cannot pull a whole page into one group (it did, with components).
A page does not ask one question twice, so two different questions of one page are never put
in one group (the same words repeated on a page are one question).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from .question_features import (
    SOFT_MATCH,
    PairModel,
    Question,
    default_model,
    feature_matrix,
    question,
    word_similarity,
)

BLOCK_TERMS = 4  # rarest content words a question is filed under
WINDOW = 4  # neighbours in each sorted word list
NEIGHBOURS = 5  # candidates per question handed to the model
MIN_COSINE = 0.15  # candidates below this TF-IDF cosine are never the same (see README)
N_TERMS = 4  # shared terms named per decision


GROUP_COLUMNS = (
    "group",
    "group_size",
    "group_sources",
    "group_leader",
    "group_score",
    "group_terms",
)


def _idf(questions: Sequence[Question]) -> dict[str, float]:
    """Inverse document frequency of each content word over the distinct questions."""
    df: dict[str, int] = {}
    for q in questions:
        for w in q.content:
            df[w] = df.get(w, 0) + 1
    n = len(questions)
    return {w: float(np.log((n + 1) / (c + 1)) + 1.0) for w, c in df.items()}


def shared_terms(a: Question, b: Question, idf: dict[str, float], n: int = N_TERMS) -> str:
    """The content words ``a`` and ``b`` share (rarest first), then spelling matches."""
    shared = sorted(a.content & b.content, key=lambda w: (-idf.get(w, 1.0), w))
    out = [a.shown[w] for w in shared[:n]]
    if len(out) < n:
        only_b = sorted(b.content - a.content)
        near = []
        for u in sorted(a.content - b.content):
            best = max(only_b, key=lambda v: word_similarity(*sorted((u, v))), default=None)
            if best is not None and word_similarity(*sorted((u, best))) >= SOFT_MATCH:
                near.append((-idf.get(u, 1.0), f"{a.shown[u]}~{b.shown[best]}"))
        out += [t for _, t in sorted(near)[: n - len(out)]]
    return ", ".join(out)


def _decide(
    pairs: Sequence[tuple[Question, Question]], model: PairModel
) -> tuple[np.ndarray, np.ndarray]:
    """Probability and decision per pair; the same words (:func:`wording`) are the same
    question (score 1), but a question with no word at all ("", "?") is the same as nothing."""
    score = model.probabilities(feature_matrix(pairs))
    equal = np.array([a.wording == b.wording != "" for a, b in pairs], dtype=bool)
    score[equal] = 1.0
    return score, score >= model.threshold


def match_pairs(
    questions_a: Iterable[str | None],
    questions_b: Iterable[str | None],
    model: PairModel | None = None,
) -> pd.DataFrame:
    """One row per pair: ``same`` (bool), ``score`` (probability, 0..1) and ``terms`` (the
    shared content words that weighed most).

    >>> match_pairs(["Is glutamine bad for your liver?"], ["Can glutamine harm the liver?"])
       same     score             terms
    0  True  0.572073  glutamine, liver
    """
    questions_a, questions_b = (
        _texts(questions_a, "questions_a"),
        _texts(questions_b, "questions_b"),
    )
    if len(questions_a) != len(questions_b):
        raise ValueError(
            f"questions_a and questions_b differ in length ({len(questions_a)} and"
            f" {len(questions_b)}): pairs are taken position by position"
        )
    model = model or default_model()
    cache: dict[str, Question] = {}
    pairs = [
        (cache.setdefault(a, question(a)), cache.setdefault(b, question(b)))
        for a, b in zip(questions_a, questions_b, strict=True)
    ]
    idf = _idf(list(cache.values()))
    score, same = _decide(pairs, model)
    empty = np.array([not a.norm or not b.norm for a, b in pairs], dtype=bool)
    score[empty], same[empty] = 0.0, False
    return pd.DataFrame(
        {
            "same": pd.array(same, dtype="bool"),
            "score": pd.array(score, dtype="Float64"),
            "terms": pd.array([shared_terms(a, b, idf) for a, b in pairs], dtype="string"),
        }
    )


def _texts(questions: Iterable[str | None], name: str) -> list[str]:
    """The questions as strings; a missing one (None, NaN) is "" (the same as nothing)."""
    if isinstance(questions, str):
        raise TypeError(f"{name} must be a list of questions, not one string")
    return ["" if q is None or (isinstance(q, float) and q != q) else str(q) for q in questions]


def same_question(
    questions_a: Iterable[str | None], questions_b: Iterable[str | None]
) -> list[bool]:
    """Whether ``questions_a[i]`` asks the same thing as ``questions_b[i]``, for each i.

    >>> same_question(["Is glutamine bad for your liver?", "What is glutamate?"],
    ...               ["Can glutamine harm the liver?", "How is glutamate made?"])
    [True, False]
    """
    return match_pairs(questions_a, questions_b)["same"].tolist()


# ---- grouping --------------------------------------------------------------------------------


def _tfidf(questions: Sequence[Question], idf: dict[str, float]) -> tuple[sparse.csr_matrix, dict]:
    """L2-normalised binary TF-IDF rows over content words, and the word -> column map."""
    vocab = {w: i for i, w in enumerate(sorted(idf))}
    indptr, cols, vals = [0], [], []
    for q in questions:
        ws = sorted(q.content)
        cols += [vocab[w] for w in ws]
        vals += [idf[w] for w in ws]
        indptr.append(len(cols))
    x = sparse.csr_matrix(
        (np.array(vals, dtype=float), np.array(cols, dtype=np.int64), np.array(indptr)),
        shape=(len(questions), len(vocab)),
    )
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ x, vocab


def candidates(questions: Sequence[Question], idf: dict[str, float]) -> np.ndarray:
    """Pairs (i < j) worth asking the model about: sorted-neighbourhood blocking on the rarest
    words, then each question's :data:`NEIGHBOURS` best by cosine. At most
    ``len(questions) * NEIGHBOURS`` pairs."""
    n = len(questions)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    x, vocab = _tfidf(questions, idf)
    rare = [sorted(q.content, key=lambda w: (-idf[w], w))[:BLOCK_TERMS] for q in questions]
    order = sorted(range(n), key=lambda i: (rare[i], questions[i].norm))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    term = np.array([vocab[w] for r in rare for w in r], dtype=np.int64)
    doc = np.repeat(np.arange(n), [len(r) for r in rare])
    filed = np.lexsort((rank[doc], term))
    term, doc = term[filed], doc[filed]
    left, right = [], []
    for step in range(1, WINDOW + 1):
        same_list = term[step:] == term[:-step]
        left.append(doc[:-step][same_list])
        right.append(doc[step:][same_list])
    i, j = np.concatenate(left), np.concatenate(right)
    keep = i != j
    pairs = np.unique(np.sort(np.column_stack([i[keep], j[keep]]), axis=1), axis=0)
    if not len(pairs):
        return pairs
    cos = np.asarray(x[pairs[:, 0]].multiply(x[pairs[:, 1]]).sum(axis=1)).ravel()
    good = cos >= MIN_COSINE
    pairs, cos = pairs[good], cos[good]
    # each side keeps its best NEIGHBOURS (ties: the other's rank, never the input order)
    both = np.concatenate([pairs, pairs[:, ::-1]])
    bc = np.concatenate([cos, cos])
    by = np.lexsort((rank[both[:, 1]], -bc, both[:, 0]))
    both, bc = both[by], bc[by]
    starts = np.r_[0, np.flatnonzero(np.diff(both[:, 0])) + 1]
    pos = np.arange(len(both)) - np.repeat(starts, np.diff(np.r_[starts, len(both)]))
    chosen = both[pos < NEIGHBOURS]
    return np.unique(np.sort(chosen, axis=1), axis=0)


def _leaders(
    n: int,
    links: np.ndarray,
    scores: np.ndarray,
    nodes: Sequence[Question],
    model: PairModel,
    pages: Sequence[frozenset[str]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Star groups: every member is the same question as its group's leader, so no chain
    A~B~C joins A and C unless A~C too.

    Links are taken best first (ties: node order). Two free questions start a group led by
    the first; a free question joins a group when it links to the leader (asked of the model
    if the candidates did not pair them). A page does not ask one question twice, so two
    different questions of one page (``pages``: where each node is asked) never share a
    group. Returns each node's leader, and the score and other end of the link that put it
    in its group (-1: alone).
    """
    leader = np.arange(n)
    group_pages: dict[int, set[str]] = {}
    grouped = np.zeros(n, dtype=bool)
    link_score = np.full(n, np.nan)
    link_other = np.full(n, -1, dtype=np.int64)
    known = {(int(i), int(j)): float(s) for (i, j), s in zip(links, scores, strict=True)}
    order = sorted(known, key=lambda p: (-known[p], p))
    for i, j in order:
        if grouped[i] and grouped[j]:
            continue
        if not grouped[i] and not grouped[j]:
            if not pages[i].isdisjoint(pages[j]):
                continue
            group_pages[i] = set(pages[i]) | pages[j]
            grouped[i] = grouped[j] = True
            leader[j] = i
            link_score[i] = link_score[j] = known[(i, j)]
            link_other[i], link_other[j] = j, i
            continue
        member, free = (i, j) if grouped[i] else (j, i)
        head = int(leader[member])
        if not group_pages[head].isdisjoint(pages[free]):
            continue
        key = (min(head, free), max(head, free))
        if key not in known:
            s, ok = _decide([(nodes[key[0]], nodes[key[1]])], model)
            known[key] = float(s[0]) if ok[0] else -1.0
        if known[key] >= model.threshold:
            group_pages[head] |= pages[free]
            grouped[free] = True
            leader[free] = head
            link_score[free], link_other[free] = known[key], head
    return leader, link_score, link_other


def _empty_groups(index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": pd.array([], dtype="Int64"),
            "group_size": pd.array([], dtype="Int64"),
            "group_sources": pd.array([], dtype="Int64"),
            "group_leader": pd.array([], dtype="bool"),
            "group_score": pd.array([], dtype="Float64"),
            "group_terms": pd.array([], dtype="string"),
        },
        index=index,
    )


def check_block_frame(df: pd.DataFrame) -> None:
    """Raise ValueError unless ``df`` has what grouping reads: the columns ``source``, ``kind``
    and ``question``, and a unique index (the groups are joined back on it)."""
    missing = [c for c in ("source", "kind", "question") if c not in df.columns]
    if missing:
        raise ValueError(
            f"not a block frame of qa_lib.read_faq: no column {', '.join(map(repr, missing))}"
        )
    if not df.index.is_unique:
        raise ValueError(
            "the frame's index has repeated labels (pd.concat of read_faq frames?); "
            "pd.concat(frames, ignore_index=True) or df.reset_index(drop=True) gives a unique one"
        )


def question_groups(df: pd.DataFrame, model: PairModel | None = None) -> pd.DataFrame:
    """A group per qa row of ``df`` (a :func:`qa_lib.read_faq` frame): questions that ask the
    same thing, within and across sources.

    Indexed like ``df``'s qa rows, in their order. ``group`` numbers groups 0, 1, ... in
    order of first appearance; ``group_size`` and ``group_sources`` count its rows and
    distinct sources. Every member of a group matched its *leader* (``group_leader`` True: the
    question the group was started from, and its repeats in the same words); ``group_score``
    is a member's score against the leader, the leader's the score of the link that started
    the group (1 for a question repeated in the same words, NA alone), and ``group_terms`` the
    words that link's two questions share ("" alone).
    """
    check_block_frame(df)
    model = model or default_model()
    qa = df.loc[df["kind"].astype("string").eq("qa").fillna(False).to_numpy()]
    if qa.empty:
        return _empty_groups(qa.index)
    texts = qa["question"].astype("string").fillna("").tolist()
    parsed = {t: question(t) for t in set(texts)}
    # distinct questions: the same words (equal wording) are one node, ordered by that text; a
    # question with no word at all ("", "?") is a node of its own
    keys = [parsed[t].wording or f"\x00{i:012d}" for i, t in enumerate(texts)]
    by_key: dict[str, Question] = {}
    for k, t in sorted(zip(keys, texts, strict=True)):
        by_key.setdefault(k, parsed[t])
    norms = sorted(by_key)
    node = {k: i for i, k in enumerate(norms)}
    nodes = [by_key[k] for k in norms]
    idf = _idf(nodes)
    row_node = np.array([node[k] for k in keys], dtype=np.int64)

    sources = qa["source"].astype("string").fillna("").to_numpy()
    asked: list[set[str]] = [set() for _ in nodes]
    for v, page in zip(row_node.tolist(), sources.tolist(), strict=True):
        asked[v].add(page)
    pages = [frozenset(a) for a in asked]

    pairs = candidates(nodes, idf)
    score, same = _decide([(nodes[i], nodes[j]) for i, j in pairs], model)
    leader, link_score, link_other = _leaders(
        len(nodes), pairs[same], score[same], nodes, model, pages
    )
    repeats = np.bincount(row_node, minlength=len(nodes)) > 1
    comp = leader[row_node]
    first_seen = pd.unique(comp)
    group = pd.Series(np.arange(len(first_seen)), index=first_seen).loc[comp].to_numpy()
    sizes = np.bincount(group)
    n_sources = pd.DataFrame({"g": group, "s": sources}).groupby("g")["s"].nunique().to_numpy()

    terms_cache: dict[int, str] = {}
    scores, terms = [], []
    for v in row_node.tolist():
        if v not in terms_cache:
            other = int(link_other[v])
            terms_cache[v] = (
                shared_terms(nodes[v], nodes[other], idf)
                if other >= 0
                else shared_terms(nodes[v], nodes[v], idf)
                if repeats[v]
                else ""
            )
        terms.append(terms_cache[v])
        if link_other[v] >= 0:
            scores.append(float(link_score[v]))
        else:
            scores.append(1.0 if repeats[v] else None)
    return pd.DataFrame(
        {
            "group": pd.array(group, dtype="Int64"),
            "group_size": pd.array(sizes[group], dtype="Int64"),
            "group_sources": pd.array(n_sources[group], dtype="Int64"),
            "group_leader": pd.array((comp == row_node) & (sizes[group] > 1), dtype="bool"),
            "group_score": pd.array(scores, dtype="Float64"),
            "group_terms": pd.array(terms, dtype="string"),
        },
        index=qa.index,
    )
