"""The adversarial section of ``make bench``: crafted pages at 1x and 4x size.

``python -m benchmarks --adversarial`` runs this section alone. Each shape is a page anyone
could write that once made a path quadratic (or worse); each runs in a fresh process with a
time limit. Printed per shape: seconds at 1x and 4x, the time ratio (bar: at most 6; linear
is 4) and the throughput at 4x beside ordinary text (bar: no slower than a tenth of it per MB).
Two hostile taxonomies are timed too: a pattern that never terminates must be rejected in
under a second, and a cue that rescans every start must run in linear time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data" / "adversarial"
RATIO_BAR = 6.0
SPEED_BAR = 10.0  # hostile text may be at most this many times slower per MB than ordinary
TIMEOUT = float(os.environ.get("QA_BENCH_TIMEOUT", "300"))
REPEATS = int(os.environ.get("QA_BENCH_REPEATS", "3"))
NEVER_ENDING = "(a+)+$"


def _heading(i: int) -> str:
    """A capitalised, heading-like line, different for each ``i``."""
    words = []
    for _ in range(3):
        words.append("".join(chr(97 + (i // 26**j) % 26) for j in range(3)).capitalize() + "ton")
        i = i * 7 + 3
    return " ".join(words)


# name -> (what it stresses, owner, page builder for size n, n at 1x)
SHAPES = {
    "question, then many short lines": (
        "segmenter: a question followed by many `ab` lines",
        "segmenter",
        lambda n: "Is it safe?\n" + "ab\n" * n,
        50_000,  # the 200,000 lines at 4x
    ),
    "many capitalised heading-like lines": (
        "segmenter: section-heading rule",
        "segmenter",
        lambda n: "Is it safe?\n" + "".join(f"{_heading(i)}\n\n" for i in range(n)),
        10_000,
    ),
    "long question, repeated words": (
        "subject template `[^?]+?\\s*\\??$`",
        "labels",
        lambda n: "What are the symptoms of " + "causes of " * n + "x??\nIt hurts.\n",
        20000,
    ),
    "digits with thousands separators": (
        "evidence cue `\\b\\d+(,\\d{3})* (people...)`",
        "labels",
        lambda n: "Is it safe?\nIn 1" + ",000" * n + " apples it was.\n",
        40000,
    ),
    "one long hyphenated token": (
        "topic cue `covid\\S*`, overlapping-match restart",
        "labels",
        lambda n: "Is it safe?\nThe " + "covid-" * n + "19 thing.\n",
        30000,
    ),
    "many citation markers": (
        "citation spans: overlap check against every earlier span",
        "labels",
        lambda n: "Is it safe?\nIt is" + " [1]" * n + ".\n",
        40000,
    ),
    "many bullet items (claims)": (
        "claims: bullet matching with pop(0)",
        "labels",
        lambda n: "Is it safe?\nIt is:\n" + "".join(f"• item {i}\n" for i in range(n)),
        3000,
    ),
}
# A condition pattern with no \b: every position of a long word starts a match, and each
# match ran to the end of the word (old: quadratic time and output).
USER_CUE = r"a\w*"


def _ordinary_paths() -> list[Path]:
    from . import corpus

    paths = [corpus.SEED]
    if corpus.SHARED.is_dir():
        paths += sorted((corpus.SHARED / "faq_pages" / "block").glob("*.txt"))
        paths += sorted((corpus.SHARED / "medquad" / "pages").glob("*.txt"))
    return paths


def _user_taxonomy(cue: str, where: str = "topic") -> Path:
    """The packaged taxonomy plus ``cue`` as a topic cue (wrapped in ``\\b(?:...)``) or as a
    condition's pattern (matched at every start position, as claim cues are)."""
    import qa_lib

    text = qa_lib.taxonomy_path().read_text(encoding="utf-8")
    if where == "topic":
        text = text.replace(
            "[topics.general]", f"[topics.hostile]\ncues = ['{cue}']\n\n[topics.general]"
        )
    else:
        text = text.replace(
            "[conditions]\n",
            f"[conditions]\nhostile = {{ topic = 'general', pattern = '{cue}' }}\n",
        )
    path = DATA / f"taxonomy_{abs(hash(cue)) % 10**8}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_one(kind: str, arg: str) -> dict:
    """One measurement, in this (fresh) process."""
    import qa_lib

    qa_lib.parse_faq("Warm up?\nYes.\n")
    if kind == "ordinary":
        paths = [Path(p) for p in arg.split(os.pathsep)]
        t = time.perf_counter()
        df = qa_lib.read_faq(paths)
        return {
            "seconds": time.perf_counter() - t,
            "bytes": sum(p.stat().st_size for p in paths),
            "rows": len(df),
        }
    if kind == "shape":
        path = Path(arg)
        t = time.perf_counter()
        df = qa_lib.read_faq(path)
        if "claims" in path.name:
            qa_lib.claims(df)
        return {"seconds": time.perf_counter() - t, "bytes": path.stat().st_size, "rows": len(df)}
    if kind == "reject":
        t = time.perf_counter()
        try:
            qa_lib.load_taxonomy(_user_taxonomy(arg))
        except qa_lib.TaxonomyError as exc:
            return {"seconds": time.perf_counter() - t, "error": str(exc)}
        return {"seconds": time.perf_counter() - t, "error": ""}
    if kind == "user_cue":
        cue, size = arg.split("|")
        tax = qa_lib.load_taxonomy(_user_taxonomy(cue, "condition"))
        text = "Is it safe?\nThe " + "a" * int(size) + " thing.\n"
        t = time.perf_counter()
        df = qa_lib.parse_faq(text, taxonomy=tax)
        return {"seconds": time.perf_counter() - t, "bytes": len(text.encode()), "rows": len(df)}
    raise SystemExit(f"unknown measurement {kind}")


def _measure(kind: str, arg: str, timeout: float = TIMEOUT) -> dict:
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.adversarial", kind, arg],
            capture_output=True,
            text=True,
            check=False,
            cwd=HERE.parent,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timeout": timeout}
    if proc.returncode != 0:
        raise SystemExit(f"adversarial {kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _best(kind: str, arg: str, timeout: float = TIMEOUT) -> dict:
    """The fastest of ``REPEATS`` runs (the machine is shared: the minimum is the cost)."""
    runs = []
    for _ in range(REPEATS):
        runs.append(_measure(kind, arg, timeout))
        if runs[-1].get("seconds") is None:
            break
    if any(r.get("seconds") is None for r in runs):
        return next(r for r in runs if r.get("seconds") is None)
    return min(runs, key=lambda r: r["seconds"])


def measure() -> dict:
    """Every adversarial measurement, each in a fresh process."""
    DATA.mkdir(parents=True, exist_ok=True)
    out: dict = {"ordinary": _best("ordinary", os.pathsep.join(map(str, _ordinary_paths())))}
    shapes = {}
    for name, (_, _, build, n) in SHAPES.items():
        runs = {}
        for scale in (1, 4):
            slug = name.replace(" ", "_").replace(",", "").replace("(", "").replace(")", "")
            path = DATA / f"{slug}_{scale}x.txt"
            path.write_text(build(n * scale), encoding="utf-8")
            runs[f"{scale}x"] = _best("shape", str(path))
        shapes[name] = runs
        print(f"  {name}: {runs}", flush=True)
    out["shapes"] = shapes
    out["reject"] = _best("reject", NEVER_ENDING, timeout=30)
    out["user_cue"] = {f"{s}x": _best("user_cue", f"{USER_CUE}|{50000 * s}") for s in (1, 4)}
    return out


def summarise(results: dict, line) -> None:
    """Print one line per shape with its bars (``line(name, value, bar, holds)``)."""
    o = results["ordinary"]
    ordinary = o["bytes"] / 1e6 / o["seconds"]
    line(
        f"ordinary text ({o['bytes'] / 1e6:.1f} MB of seed and corpus pages)",
        f"{ordinary:.2f} MB/s",
    )
    rows = [
        *results["shapes"].items(),
        (f"user condition `{USER_CUE}`, one long word", results["user_cue"]),
    ]
    for name, runs in rows:
        one, four = runs["1x"], runs["4x"]
        owner = SHAPES[name][1] if name in SHAPES else "labels"
        tag = " [segmenter]" if owner == "segmenter" else ""
        if one.get("seconds") is None or four.get("seconds") is None:
            line(f"{name}{tag}", f"timeout > {TIMEOUT:.0f} s", "bar: ratio <= 6", False)
            continue
        ratio = four["seconds"] / one["seconds"]
        speed = four["bytes"] / 1e6 / four["seconds"]
        line(
            f"{name}{tag}: {one['bytes'] / 1e6:.2f} -> {four['bytes'] / 1e6:.2f} MB",
            f"{one['seconds']:.2f} -> {four['seconds']:.2f} s = {ratio:.1f}x",
            "bar: <= 6 (linear: 4)",
            ratio <= RATIO_BAR,
        )
        line(
            "  throughput at 4x / ordinary",
            f"{speed:.2f} MB/s = {speed / ordinary:.2f}",
            "bar: >= 0.10",
            speed >= ordinary / SPEED_BAR,
        )
    r = results["reject"]
    if r.get("seconds") is None:
        line(
            f"taxonomy with `{NEVER_ENDING}`",
            f"no answer in {r['timeout']:.0f} s",
            "bar: under 1 s",
            False,
        )
        return
    line(
        f"taxonomy with `{NEVER_ENDING}`: rejected, naming file and entry",
        f"{r['seconds'] * 1000:.0f} ms",
        "bar: under 1 s",
        bool(r["error"]) and r["seconds"] < 1 and "topics.hostile.cues[0]" in r["error"],
    )


if __name__ == "__main__":
    print(json.dumps(run_one(sys.argv[1], sys.argv[2])))
