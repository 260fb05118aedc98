"""The exported report: one offline file, scraped markup shown as text, rows capped with a note."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import psutil
import pytest

import qa_lib
from qa_lib import report
from qa_lib.build_report import OUTPUTS, alongside, build
from qa_lib.cli import main
from qa_lib.errors import ReportError
from tests.conftest import TINY_PAGE

HOSTILE = """\
Is <b>glutamate</b> safe?
<script>alert("pwned")</script> Glutamate may be safe [3].
<img src=x onerror=alert(2)> Some say it is not.

What is glutamate?
Glutamate is a neurotransmitter.
"""


class _Resources(HTMLParser):
    """Collect every URL the page would load (scripts, styles, images, frames)."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and a.get("src"):
            self.loaded.append(a["src"])
        if tag == "link" and a.get("href"):
            self.loaded.append(a["href"])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    page = folder / "hostile.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    html_path = build(str(page), folder / "out")
    return html_path.read_text(encoding="utf-8")


def test_report_loads_nothing_from_the_network(hostile_report):
    parser = _Resources()
    parser.feed(hostile_report)
    assert parser.loaded, "the charts should be embedded images"
    assert all(url.startswith("data:") for url in parser.loaded), parser.loaded
    for script in parser.scripts:
        assert not re.search(r"""(import|fetch|src)\s*\(?\s*['"]https?://""", script)
    assert "require.js" not in hostile_report and "mathjax" not in hostile_report.lower()


def test_scraped_markup_is_text_not_html(hostile_report):
    assert '<script>alert("pwned")' not in hostile_report
    assert "<img src=x onerror" not in hostile_report
    assert "<b>glutamate</b>" not in hostile_report
    assert "&lt;script&gt;alert" in hostile_report  # shown, escaped, in the question table


def test_report_has_header_toc_and_folded_code(hostile_report):
    assert "hostile.txt" in hostile_report and qa_lib.__version__ in hostile_report
    headings = re.findall(r"<h2[^>]*>(.*?)<", hostile_report)  # the table of contents links them
    assert headings[:3] == ["What was read", "Topics", "Claim types"], headings
    assert '<details class="qa-code">' in hostile_report
    # topics, claim types, topic x claim type, evidence/hedging, strength/hedging
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', hostile_report)) == 5


def test_seed_report_is_under_3_mb(tmp_path, seed_path):
    html_path = build(str(seed_path), tmp_path)
    assert html_path.stat().st_size < 3_000_000
    assert {p.name for p in tmp_path.iterdir()} >= {"report.html", "blocks.csv", "claims.csv"}


def test_question_table_caps_rows_and_says_so(seed_path):
    df = qa_lib.read_faq([seed_path] * 3)
    table, total = report.question_table(df, max_rows=20)
    assert (len(table), total) == (20, 48)
    assert "first 20 of 48" in report.table_note(len(table), total)
    assert report.table_note(48, 48) == "All 48 questions are in the table."


def test_set_aside_rows_say_why(seed_path):
    aside = report.set_aside(qa_lib.read_faq(seed_path))
    assert aside["kind"].tolist() == ["related", "related", "boilerplate"]
    assert aside["text"].iloc[-1] == "Run to meet life"
    assert aside["why"].iloc[-1] == "closing tagline, copyright or navigation"


def test_build_report_names_a_missing_source(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.txt"):
        build(str(tmp_path / "nope.txt"), tmp_path / "out")


def _report_process(*args: str) -> subprocess.Popen[str]:
    """``python -m qa_lib report`` in a session of its own, as a terminal runs a command."""
    return subprocess.Popen(
        [sys.executable, "-m", "qa_lib", "report", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_the_command_says_where_the_report_is(tmp_path, seed_path, capsys):
    assert main(["report", str(seed_path), "-o", str(tmp_path / "out")]) == 0
    lines = capsys.readouterr().out.splitlines()
    html = tmp_path / "out" / "report.html"
    assert lines[0].startswith(f"qa-lib report: wrote {html} (")
    assert lines[-1] == f"Open it in a browser (it works offline): {html.as_uri()}"
    assert sorted(p.name for p in html.parent.iterdir() if not p.name.startswith(".")) == sorted(
        OUTPUTS
    )


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"]
)
def test_a_stopped_run_leaves_the_folder_as_it_was(tmp_path, seed_path, signum, status):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("the previous report", encoding="utf-8")
    proc = _report_process(str(seed_path), "-o", str(out))
    while not any(p.name.startswith(".qa-lib-report-") for p in out.iterdir()):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    time.sleep(0.5)  # the kernel is starting or running the notebook
    group = psutil.Process(proc.pid).children(recursive=True)
    os.killpg(proc.pid, signum)  # to the whole group, as a terminal's Ctrl-C does
    stdout, stderr = proc.communicate(timeout=60)
    assert (proc.returncode, stdout) == (status, "")
    assert stderr == "qa-lib: interrupted; no file was left half-written\n"
    assert [p.name for p in out.iterdir()] == ["report.html"]
    assert (out / "report.html").read_text(encoding="utf-8") == "the previous report"
    _, alive = psutil.wait_procs(group, timeout=20)
    assert alive == [], f"left running: {alive}"


def test_sigterm_to_the_command_alone_stops_its_kernel_too(tmp_path, seed_path):
    """A supervisor (or ``timeout``) signals the command, not its group: the notebook runs in
    a child process and a kernel of its own session, and neither may be left running."""
    out = tmp_path / "out"
    proc = _report_process(str(seed_path), "-o", str(out))
    kernel = None
    while kernel is None:
        assert proc.poll() is None, proc.communicate()
        family = psutil.Process(proc.pid).children(recursive=True)
        kernel = next((p for p in family if "ipykernel_launcher" in _cmdline(p)), None)
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert stderr.endswith("qa-lib: interrupted; no file was left half-written\n")
    _, alive = psutil.wait_procs(family, timeout=20)
    assert alive == [], f"left running: {alive}"
    assert not (out / "report.html").exists()


def _cmdline(process: psutil.Process) -> str:
    with contextlib.suppress(psutil.Error):
        return " ".join(process.cmdline())
    return ""


def test_what_the_notebook_process_raises_reaches_the_build():
    failed = pytest.raises(ReportError, match="cell 3 failed")
    with failed, alongside(_fail, "cell 3 failed") as wait:
        wait()
    unpicklable = pytest.raises(ReportError, match="Unpicklable: no way back")  # its message
    with unpicklable, alongside(_fail_unpicklably) as wait:
        wait()


def test_a_failing_build_stops_its_notebook_process():
    with pytest.raises(ValueError, match="claims failed"), alongside(time.sleep, 600):
        (child,) = multiprocessing.active_children()
        raise ValueError("claims failed")
    assert not child.is_alive()
    assert multiprocessing.active_children() == []


def _fail(message: str) -> None:
    raise ReportError(message)


class Unpicklable(Exception):
    def __init__(self, message: str, handle: object) -> None:
        super().__init__(message)
        self.handle = handle


def _fail_unpicklably() -> None:
    raise Unpicklable("no way back", lambda: None)


def test_bad_options_are_one_line(tmp_path, seed_path, capsys):
    with pytest.raises(SystemExit):
        main(["report", str(seed_path), "--max-rows", "-5"])
    assert "--max-rows: must be 1 or more, not -5" in capsys.readouterr().err
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert main(["report", str(seed_path), "-o", str(tmp_path / "file")]) == 1
    assert capsys.readouterr().err == (
        f"qa-lib: error: {tmp_path / 'file'}: is a file; name a folder for the report\n"
    )


def test_two_runs_into_one_folder_never_mix(tmp_path, seed_path):
    page = tmp_path / "tiny.txt"
    page.write_text(TINY_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    runs = [_report_process(str(src), "-o", str(out)) for src in (seed_path, page)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    blocks = pd.read_csv(out / "blocks.csv")
    claims = pd.read_csv(out / "claims.csv")
    (source,) = blocks["source"].unique()
    assert claims["source"].unique().tolist() == [source]
    header = re.search(r"<b>Source:</b> ([^ <]+)", (out / "report.html").read_text("utf-8"))
    assert header is not None and Path(header.group(1)).name == source
    assert [p.name for p in out.iterdir() if p.name.startswith(".qa-lib-report-")] == []


def test_the_notebook_caps_the_table_as_the_library_does():
    import nbformat

    from qa_lib.paths import report_notebook

    nb = nbformat.read(report_notebook(), as_version=4)
    (params,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert f"MAX_ROWS = {report.MAX_ROWS} " in params.source
