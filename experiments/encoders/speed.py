"""Throughput of one encoder on ONE core: questions and strength sentences, batch 32-256.

Run as: taskset -c 0 env OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 python speed.py ENCODER
(torch.set_num_threads(1) is done by Encoder(threads=1)). Prints texts/second (best of 2
passes over each set), model load time, and peak RSS of the process.
"""

from __future__ import annotations

import os
import resource
import sys
import time

from common import CORPORA, Encoder, rows

BATCHES = (32, 64, 128, 256)


def main(name: str) -> None:
    t0 = time.perf_counter()
    enc = Encoder(name, threads=1)
    load = time.perf_counter() - t0
    mqp = rows(CORPORA / "question_pairs" / "pairs.csv")
    mqp_q = sorted({r["question_1"] for r in mqp} | {r["question_2"] for r in mqp})[:2000]
    faq_q = [r["question"] for r in rows(CORPORA / "faq_pages" / "gold_pairs.csv")]
    faq_q += [r["question"] for r in rows(CORPORA / "medquad" / "pairs.csv")]
    sents = [r["sentence"] for r in rows(CORPORA / "strength" / "sentences.csv")]
    sets = {"MQP questions": mqp_q, "FAQ/MedQuAD questions": faq_q, "strength sentences": sents}
    print(f"{name}: load {load:.2f}s, affinity {sorted(os.sched_getaffinity(0))}", flush=True)
    enc.encode(mqp_q[:64])  # warm-up
    for label, texts in sets.items():
        chars = sum(map(len, texts)) / len(texts)
        out = []
        for b in BATCHES:
            best = float("inf")
            for _ in range(2):
                t = time.perf_counter()
                enc.encode(texts, batch=b)
                best = min(best, time.perf_counter() - t)
            out.append(f"b{b} {len(texts) / best:,.0f}/s")
        print(f"  {label} ({len(texts)}, mean {chars:.0f} chars): " + ", ".join(out), flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {rss:.0f} MB", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
