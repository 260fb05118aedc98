"""``make bench``: build the corpora, measure, print one line per figure with its bar, and
write ``results.json`` and ``throughput.png`` beside this file.

Every measurement runs in a fresh process (its peak memory is its own). Ratios compare
figures measured in the same run on the same machine; lone seconds are for context only.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure

from qa_lib.corpus import cores

from . import adversarial, corpus, questions

HERE = Path(__file__).resolve().parent
SHARES = (0.01, 0.1, 1.0)


def _measure(kind: str, arg: str) -> dict:
    """One ``benchmarks.measure`` run in a fresh process."""
    return _in_fresh_process("benchmarks.measure", kind, arg)


def _in_fresh_process(module: str, *args: str) -> dict:
    """Run ``python -m module args`` and return the JSON of its last line of output."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE.parent,
        env={k: v for k, v in os.environ.items() if k != "MPLBACKEND"},
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark {module} {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _results(name: str, summarise_only: bool, measure_them: Callable[[], dict]) -> dict:
    """The results in ``HERE/name``: read back with ``summarise_only``, else measured and
    written there."""
    path = HERE / name
    if summarise_only:
        return json.loads(path.read_text())
    results = measure_them()
    path.write_text(json.dumps(results, indent=1) + "\n")
    return results


def _listfile(name: str, paths: list[Path]) -> str:
    path = corpus.DATA / f"{name}.list"
    path.write_text("\n".join(str(p) for p in paths) + "\n")
    return str(path)


LINES: list[str] = []


def _line(name: str, value: str, bar: str = "", holds: bool | None = None) -> None:
    verdict = "" if holds is None else ("  HOLDS" if holds else "  FAILS")
    text = f"{name:<58} {value:>22}  {bar:<28}{verdict}"
    LINES.append(text.rstrip())
    print(text, flush=True)


def _record(results: dict, markers: str = "results") -> None:
    """Write the printed lines, with the machine, into README.md between the result markers."""
    m = results["machine"]
    body = "\n".join(
        [
            f"Run of {results['date']} on {m['cpu']}, {m['cores']} cores, {m['memory']} memory, "
            f"Python {m['python']}, {m['platform']} (commit {results['commit']}).",
            "",
            "```",
            *LINES,
            "```",
            *(
                ["", "![read_faq time against input size](throughput.png)"]
                if markers == "results"
                else []
            ),
        ]
    )
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {markers}: written by `make bench` -->", f"<!-- /{markers} -->"
    head, rest = text.split(start, 1)
    readme.write_text(f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


def _machine() -> dict:
    mem = next(
        (x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")), ""
    )
    cpu = next(
        (
            x.split(":", 1)[1].strip()
            for x in Path("/proc/cpuinfo").read_text().splitlines()
            if x.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem.split(":", 1)[-1].strip(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def measure() -> dict:
    """Run every measurement (each in its own process) and return the numbers."""
    results: dict = _header()
    root = corpus.generate()
    all_pages = corpus.pages(root)
    results["corpus"] = {"pages": len(all_pages), "bytes": sum(p.stat().st_size for p in all_pages)}
    print(f"corpus: {len(all_pages)} pages, {results['corpus']['bytes'] / 1e6:.1f} MB", flush=True)
    reads = []
    for share in SHARES:
        chosen, one = corpus.subset(root, share)
        for mode, paths in (("folder", chosen), ("one page", [one])):
            r = _measure("read", _listfile(f"read_{mode.replace(' ', '_')}_{share:g}", paths))
            r.update(share=share, mode=mode)
            reads.append(r)
            print(f"  read {mode} {share:.0%}: {r['seconds']:.1f} s", flush=True)
    results["read"] = reads
    _, one_full = corpus.subset(root, 1.0)
    results["baseline"] = _measure("baseline", _listfile("baseline", [one_full]))
    results["simple"] = _measure("simple", _listfile("simple", [one_full]))
    _, one_tenth = corpus.subset(root, 0.1)
    results["parts"] = _measure("parts", _listfile("parts", [one_tenth]))
    seed = corpus.seed_repeated()
    results["seed_x10000"] = _measure("read", _listfile("seed_x10000", [seed]))
    results["filter"] = _measure("filter", _listfile("filter", [one_full, seed]))
    results["report"] = _measure("report", str(root / "pages"))
    corpora = HERE.parent.parent / "shared" / "corpora"  # ../shared/corpora, where it exists
    if (corpora / "hedging" / "sentences.csv").is_file():
        results["sentences"] = _measure("sentences", str(corpora))
    return results


def summarise(results: dict) -> None:
    """Print one line per figure with its bar, from the numbers alone."""
    m = results["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']}")
    c = results["corpus"]
    _line(f"corpus: {c['pages']} pages, no two blocks identical", f"{c['bytes'] / 1e6:.1f} MB")
    reads = results["read"]
    for r in reads:
        _line(
            f"read_faq {r['mode']}, {r['share']:.0%} ({r['bytes'] / 1e6:.1f} MB)",
            f"{r['bytes'] / 1e6 / r['seconds']:.2f} MB/s {r['rows'] / r['seconds']:.0f} rows/s",
        )
        full = r["share"] == 1.0
        ratio = r["peak_mb"] * 2**20 / r["bytes"]  # peak RSS growth (MiB) over input bytes
        _line(
            "  peak memory over input size",
            f"{r['peak_mb']:.0f} MB = {ratio:.1f}x",
            "bar: under 10x" if full else "(fixed costs weigh more)",
            ratio < 10 if full else None,
        )
    for mode in ("folder", "one page"):
        small = next(r for r in reads if r["mode"] == mode and r["share"] == SHARES[0])
        big = next(r for r in reads if r["mode"] == mode and r["share"] == 1.0)
        growth = (big["seconds"] / small["seconds"]) / (big["bytes"] / small["bytes"])
        _line(
            f"linearity, {mode}: (time ratio)/(size ratio) 1% -> 100%",
            f"{growth:.2f}",
            "bar: 0.5 to 1.5 (linear)",
            0.5 <= growth <= 1.5,
        )
    base = results["baseline"]
    one = next(r for r in reads if r["mode"] == "one page" and r["share"] == 1.0)
    ratio = one["seconds"] / base["seconds"]
    _line(
        f"one pass of one regex with all {base['patterns']} cues, 100%",
        f"{base['bytes'] / 1e6 / base['seconds']:.2f} MB/s",
    )
    _line("read_faq (one page, 100%) / that pass", f"{ratio:.2f}x", "bar: within 3x", ratio <= 3)
    simple = results.get("simple")
    if simple:
        _simple_lines(one, simple)
    parts = results.get("parts")
    if parts and simple:  # parts are timed on the 10% page: set beside its own read
        tenth = next(r for r in reads if r["mode"] == "one page" and r["share"] == 0.1)
        _parts_lines(tenth, parts, simple)
    r = results["seed_x10000"]
    _line(
        f"read_faq seed x10000 ({r['bytes'] / 1e6:.1f} MB, repeats labelled once)",
        f"{r['bytes'] / 1e6 / r['seconds']:.2f} MB/s {r['rows'] / r['seconds']:.0f} rows/s",
    )
    f = results["filter"]
    _line(
        f"explorer filter (filter_mask), {f['rows']} rows: label change",
        f"{f['label_ms']:.1f} ms median",
        "bar: under 50 ms",
        f["label_ms"] < 50,
    )
    _line(
        f"explorer filter (filter_mask), {f['rows']} rows: search",
        f"{f['search_ms']:.1f} ms median",
        "bar: under 250 ms",
        f["search_ms"] < 250,
    )
    _line("  its search index, built once when the explorer opens", f"{f['index_ms']:.0f} ms")
    _line(
        "  filter_blocks (copies the rows out): label change / search",
        f"{f['frame_label_ms']:.0f} / {f['frame_search_ms']:.0f} ms",
    )
    sent = results.get("sentences")
    if sent:
        _line(
            f"label_sentences on {sent['sentences']} corpus sentences (one core)",
            f"{sent['per_second']:,.0f} /s",
            "bar: >= 5,000 sentences/s",
            sent["per_second"] >= 5000,
        )
    rep = results["report"]
    _line(
        f"make report on a folder of {rep['pages']} pages",
        f"{rep['seconds']:.0f} s, {rep['html_bytes'] / 1e6:.2f} MB",
        "bar: HTML under 3 MB (capped)",
        rep["html_bytes"] < 3e6,
    )


def _simple_lines(read: dict, simple: dict, parts: dict | None = None) -> None:
    """read_faq beside the simplest reader (issue 10's bars: within 4x of it, >= 5 MB/s), and
    where its time goes."""
    mbs = read["bytes"] / 1e6 / read["seconds"]
    _line(
        f"simple reader: lines, '?' marks, findall of {simple['words']} cue words",
        f"{simple['bytes'] / 1e6 / simple['seconds']:.2f} MB/s",
    )
    ratio = read["seconds"] / simple["seconds"]
    _line("read_faq (one page) / the simple reader", f"{ratio:.1f}x", "bar: within 4x", ratio <= 4)
    _line("read_faq, one process", f"{mbs:.2f} MB/s", "bar: >= 5 MB/s", mbs >= 5)
    if parts:
        _parts_lines(read, parts, simple)


def _parts_lines(read: dict, parts: dict, simple: dict) -> None:
    """read_faq's seconds per MB split into segmentation, labelling and the rest (rows, hashing,
    the frame), and how fast labelling alone would have to run for each bar, the rest unchanged."""
    mb = parts["bytes"] / 1e6
    seg, lab = parts["segment_seconds"] / mb, parts["label_seconds"] / mb
    rest = read["seconds"] / (read["bytes"] / 1e6) - seg - lab  # negative: the parts cost more
    _line(
        f"  of read_faq on that page ({mb:.1f} MB): split + segment",
        f"{1 / seg:.2f} MB/s",
    )
    _line(f"  label_many on its {parts['blocks']} question/answer blocks", f"{1 / lab:.2f} MB/s")
    _line("  the rest (rows, hashing, the frame, overheads), per MB", f"{rest:.2f} s")
    four = 4 * simple["seconds"] / (simple["bytes"] / 1e6)
    for bar, total in (("4x the simple reader", four), ("5 MB/s", 1 / 5)):
        left = total - seg - rest  # seconds per MB labelling may take
        _line(
            f"  labelling speed that {bar} needs",
            f"{1 / left:.1f} MB/s" if left > 0 else "(no time left)",
        )


def run_engine(summarise_only: bool, share: float = 0.05, rounds: int = 3) -> None:
    """The cue engine before and after issue 10 in one run: read_faq with every cue matched by
    plain ``re`` (the reference taxonomy), with the prefilter, and the simple reader, over the
    same one-page text, alternating, each in a fresh process; best of ``rounds``."""

    def measure_them() -> dict:
        _, one = corpus.subset(corpus.generate(), share)
        listfile = _listfile("engine", [one])
        runs: dict[str, list[dict]] = {"reference": [], "prefilter": [], "simple": []}
        for _ in range(rounds):
            runs["reference"].append(_measure("read_reference", listfile))
            runs["prefilter"].append(_measure("read", listfile))
            runs["simple"].append(_measure("simple", listfile))
        return {**_header(), "runs": runs, "parts": _measure("parts", listfile)}

    path = HERE / "results_engine.json"
    results = _results(path.name, summarise_only, measure_them)
    LINES.clear()
    best = {k: min(v, key=lambda r: r["seconds"]) for k, v in results["runs"].items()}
    old, new = best["reference"], best["prefilter"]
    print(f"cue engine, one process, {new['bytes'] / 1e6:.1f} MB as one page (best of 3):")
    _line("read_faq, cues by plain re (before)", f"{old['bytes'] / 1e6 / old['seconds']:.2f} MB/s")
    _line("read_faq, cues through the prefilter", f"{new['bytes'] / 1e6 / new['seconds']:.2f} MB/s")
    _line("  speed-up, same run", f"{old['seconds'] / new['seconds']:.1f}x")
    _simple_lines(new, best["simple"], results.get("parts"))
    _record(results, "engine")
    print(f"wrote {path} and the engine results in README.md")


def _header() -> dict:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=HERE,
        check=False,
    )
    return {
        "machine": _machine(),
        "date": datetime.date.today().isoformat(),
        "commit": commit.stdout.strip() or "unknown",
    }


def run_adversarial(summarise_only: bool) -> None:
    """The adversarial section alone: measure (or reload), print, record in README.md."""
    path = HERE / "results_adversarial.json"
    results = _results(path.name, summarise_only, lambda: {**_header(), **adversarial.measure()})
    LINES.clear()
    print("adversarial pages (each shape at 1x and 4x size):")
    adversarial.summarise(results, _line)
    _record(results, "adversarial")
    print(f"wrote {path} and the adversarial results in README.md")


def run_workers(summarise_only: bool) -> None:
    """read_faq over 1, 2 and all cores on the 10% folder (same pages each time), recorded."""

    def measure_them() -> dict:
        chosen, _ = corpus.subset(corpus.generate(), 0.1)
        listfile = _listfile("workers", chosen)
        counts = sorted({1, 2, cores()})
        return {**_header(), "runs": [_measure("read_workers", f"{listfile},{n}") for n in counts]}

    path = HERE / "results_workers.json"
    results = _results(path.name, summarise_only, measure_them)
    LINES.clear()
    runs = results["runs"]
    one = next(r for r in runs if r["workers"] == 1)
    print(f"read_faq(folder, workers=N) on {one['bytes'] / 1e6:.1f} MB ({one['rows']} rows):")
    for r in runs:
        speedup = one["seconds"] / r["seconds"]
        bar, holds = ("bar: at least 1.3x", speedup >= 1.3) if r["workers"] == 2 else ("", None)
        _line(
            f"  workers={r['workers']}",
            f"{r['bytes'] / 1e6 / r['seconds']:.2f} MB/s = {speedup:.2f}x",
            bar,
            holds,
        )
    _record(results, "workers")
    print(f"wrote {path} and the workers results in README.md")


def run_questions(summarise_only: bool) -> None:
    """question_groups at 25,000 and 100,000 questions and on degenerate pages, recorded."""

    def measure_them() -> dict:
        sizes = [(n, "varied") for n in questions.SIZES]
        sizes += [(questions.SIZES[-1], shape) for shape in questions.SHAPES[1:]]
        runs = [_in_fresh_process("benchmarks.questions", str(n), shape) for n, shape in sizes]
        return {**_header(), "runs": runs}

    path = HERE / "results_questions.json"
    results = _results(path.name, summarise_only, measure_them)
    LINES.clear()
    print("question_groups (one process, a fresh one per run):")
    runs = results["runs"]
    small, large = runs[0], runs[1]
    for r in runs:
        bar, holds = ("bar: under 60 s", r["seconds"] < 60) if r["n"] >= 100_000 else ("", None)
        _line(
            f"  {r['n']:,} questions, {r['shape']} ({r['distinct']:,} distinct)",
            f"{r['seconds']:.1f} s, {r['groups']:,} groups",
            bar,
            holds,
        )
    ratio = large["seconds"] / small["seconds"]
    _line(
        f"  100k / 25k time (distinct questions: {large['distinct'] / small['distinct']:.1f}x)",
        f"{ratio:.1f}x",
        "bar: at most 6x",
        ratio <= 6,
    )
    _record(results, "questions")
    print(f"wrote {path} and the question_groups results in README.md")


def main(argv: list[str]) -> None:
    """Measure and record; ``--summarise`` reprints and re-records the last results;
    ``--adversarial`` (or ``--workers``, ``--engine``, ``--questions``) runs, or with
    ``--summarise`` reprints, only that section."""
    sections = {
        "--adversarial": run_adversarial,
        "--workers": run_workers,
        "--questions": run_questions,
        "--engine": run_engine,
    }
    unknown = [a for a in argv if a not in (*sections, "--summarise")]
    if unknown:  # --help included: say what there is instead of measuring for minutes
        flags = " | ".join(sections)
        sys.exit(f"usage: python -m benchmarks [{flags}] [--summarise]\n{main.__doc__}")
    for flag, run in sections.items():
        if flag in argv:
            run("--summarise" in argv)
            return
    path = HERE / "results.json"
    results = _results(path.name, "--summarise" in argv, measure)
    summarise(results)
    _plot(results["read"])
    _record(results)
    print(f"wrote {path}, {HERE / 'throughput.png'} and the results in README.md")
    run_engine("--summarise" in argv)
    run_workers("--summarise" in argv)
    run_adversarial("--summarise" in argv)
    run_questions("--summarise" in argv)


def _plot(reads: list[dict]) -> None:
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.add_subplot()
    for mode, marker in (("folder", "o"), ("one page", "s")):
        rs = [r for r in reads if r["mode"] == mode]
        ax.plot(
            [r["bytes"] / 1e6 for r in rs], [r["seconds"] for r in rs], marker=marker, label=mode
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("input (MB)")
    ax.set_ylabel("read_faq time (s)")
    ax.set_title("read_faq cost grows linearly with input (log-log, slope 1)")
    ax.legend(frameon=False)
    fig.savefig(HERE / "throughput.png", dpi=100, metadata={"Software": None})


if __name__ == "__main__":
    main(sys.argv[1:])
