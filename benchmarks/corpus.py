"""Generate the benchmark corpora: ~50 MB of pages in which no two blocks are identical, and
the seed page repeated 10,000 times.

Blocks come from the seed and ../shared/corpora; every copy swaps words and numbers for ones
drawn from other pages (seeded), so caching by text cannot hide what labelling costs.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import qa_lib
from qa_lib.paths import SEED_NAME

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "_data"
SHARED = ROOT.parent / "shared" / "corpora"
SEED = ROOT / "seeds" / SEED_NAME
WORD_RE = re.compile(r"[A-Za-z]{4,}|\d+")


def source_blocks() -> list[tuple[str, list[str]]]:
    """(question, answer lines with bullet marks) of every qa block of the seed and corpora."""
    paths = [SEED]
    if SHARED.is_dir():
        paths += sorted((SHARED / "faq_pages" / "block").glob("*.txt"))
        paths += sorted((SHARED / "medquad" / "pages").glob("*.txt"))
    df = qa_lib.read_faq(paths)
    qa = df[df["kind"] == "qa"]
    blocks = []
    for q, answer, bullets in zip(qa["question"], qa["answer"], qa["bullets"], strict=True):
        marked = set(bullets)
        lines = [f"• {x}" if x in marked else x for x in answer.split("\n") if x.strip()]
        blocks.append((q, lines))
    return blocks


def _vary(line: str, vocab: list[str], rng: random.Random, p: float) -> str:
    """Swap words (not a line's first) and numbers, keeping case and punctuation."""

    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if m.start() == 0 or rng.random() > p:
            return token
        if token.isdigit():
            return str(
                rng.randrange(10 ** (len(token) - 1) if len(token) > 1 else 0, 10 ** len(token))
            )
        word = rng.choice(vocab)
        return word.capitalize() if token[0].isupper() else word

    return WORD_RE.sub(swap, line)


def generate(target_mb: float = 50.0, page_kb: float = 4.4, seed: int = 2026) -> Path:
    """Write ``pages/page_00000.txt`` ... (about ``target_mb`` MB) under ``_data/corpus``."""
    out = DATA / "corpus" / "pages"
    if out.is_dir() and any(out.iterdir()):
        return out.parent
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    blocks = source_blocks()
    vocab = sorted(
        {
            w.lower()
            for q, lines in blocks
            for w in WORD_RE.findall(" ".join([q, *lines]))
            if w.isalpha()
        }
    )
    seen: set[bytes] = set()
    page: list[str] = []
    size, total, n = 0, 0, 0
    while total < target_mb * 1e6:
        q, lines = blocks[rng.randrange(len(blocks))]
        for attempt in range(30):
            p = 0.15 + 0.05 * attempt
            vq = _vary(q, vocab, rng, p)
            vlines = [_vary(x, vocab, rng, p) for x in lines]
            if attempt >= 10:  # short headings: add a number so the block is new
                vq = vq.rstrip("?") + f" {rng.randrange(10**6)}" + ("?" if vq.endswith("?") else "")
            key = hashlib.blake2b("\n".join([vq, *vlines]).encode(), digest_size=16).digest()
            if key not in seen:
                seen.add(key)
                break
        else:
            continue
        text = "\n".join([vq, *vlines]) + "\n\n"
        page.append(text)
        size += len(text.encode())
        if size >= page_kb * 1000:
            (out / f"page_{n:05d}.txt").write_text("".join(page), encoding="utf-8")
            total += size
            n += 1
            page, size = [], 0
    return out.parent


def pages(corpus: Path) -> list[Path]:
    return sorted((corpus / "pages").glob("*.txt"))


def subset(corpus: Path, share: float) -> tuple[list[Path], Path]:
    """The first ``share`` of the pages, and the same text as one page file."""
    chosen = pages(corpus)[: max(1, round(len(pages(corpus)) * share))]
    one = corpus / f"one_page_{share:g}.txt"
    if not one.exists():
        with one.open("w", encoding="utf-8") as f:
            for p in chosen:
                f.write(p.read_text(encoding="utf-8"))
    return chosen, one


def seed_repeated(times: int = 10_000) -> Path:
    """The seed page repeated ``times`` times, as one page."""
    path = DATA / f"seed_x{times}.txt"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        text = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        path.write_text(text * times, encoding="utf-8")
    return path
