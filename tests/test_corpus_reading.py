"""Reading a corpus: folders over processes, and the same frame from a Dask cluster."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time

import pandas as pd
import psutil
import pytest

import qa_lib
from qa_lib.corpus import default_workers
from qa_lib.errors import UnreadableFileError, UnreadableFileWarning
from qa_lib.frame import page_paths
from qa_lib.provenance import unreadable
from tests.conftest import SEED, TINY_PAGE


@pytest.fixture(scope="module")
def pages(tmp_path_factory, request):
    """Ten pages: the seed, a tiny page, and the development corpora's pages where present."""
    folder = tmp_path_factory.mktemp("pages")
    shutil.copy(SEED, folder / "a_seed.txt")
    (folder / "b_tiny.txt").write_text(TINY_PAGE, encoding="utf-8")
    corpora = request.config.rootpath.parent / "shared" / "corpora" / "faq_pages" / "block"
    for page in sorted(corpora.glob("*.txt"))[:8]:
        shutil.copy(page, folder / f"c_{page.name}")
    return folder


def test_processes_give_the_same_frame_in_the_same_order(pages):
    one = qa_lib.read_faq(pages, workers=1)
    two = qa_lib.read_faq(pages, workers=2)
    pd.testing.assert_frame_equal(one, two)
    assert two.attrs == one.attrs
    assert two["source"].drop_duplicates().tolist() == sorted(p.name for p in pages.iterdir())


def test_claims_labelled_in_processes_are_the_same_claims(pages, tmp_path):
    df = qa_lib.read_faq(pages, workers=1)
    one = qa_lib.claims(df, workers=1)
    two = qa_lib.claims(df, workers=2)
    pd.testing.assert_frame_equal(one, two)
    assert two.attrs == one.attrs
    # a taxonomy of one's own travels to the other processes too ("may" is no hedge in it)
    toml = tmp_path / "mine.toml"
    text = qa_lib.taxonomy_path().read_text(encoding="utf-8")
    toml.write_text(text.replace("'\\bmay\\b(?! \\d)(?!,? 20\\d\\d)', ", ""), encoding="utf-8")
    mine = qa_lib.read_faq(pages, taxonomy=toml)
    in_two = qa_lib.claims(mine, workers=2)
    pd.testing.assert_frame_equal(in_two, qa_lib.claims(mine, workers=1))
    assert in_two["hedged"].sum() < two["hedged"].sum()
    for bad in (0, "2", 1.5, True):
        with pytest.raises(ValueError, match="workers must be a positive integer"):
            qa_lib.claims(df, workers=bad)
        with pytest.raises(ValueError, match="workers must be a positive integer"):
            qa_lib.read_faq(pages, workers=bad)


def test_a_bad_page_read_in_another_process_is_skipped_and_listed(pages, tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(pages, folder)
    (folder / "b_broken.txt").write_bytes(b"\x00\x01" * 200)
    with pytest.warns(UnreadableFileWarning, match=r"b_broken\.txt: skipped"):
        df = qa_lib.read_faq(folder, workers=2)
    assert [u["file"] for u in unreadable(df)] == [str(folder / "b_broken.txt")]
    with pytest.raises(UnreadableFileError, match=r"b_broken\.txt: looks binary"):
        qa_lib.read_faq(folder, workers=2, strict=True)


def test_small_folders_stay_in_one_process(pages):
    assert default_workers(page_paths(pages)) == 1
    assert default_workers(page_paths(SEED)) == 1


def test_dask_on_a_local_cluster_gives_read_faqs_frame(pages):
    distributed = pytest.importorskip("distributed")
    expected = qa_lib.read_faq(pages)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        ddf = qa_lib.read_faq_dask(str(pages / "*.txt"))
        assert ddf.npartitions == len(list(pages.iterdir()))
        got = ddf.compute().reset_index(drop=True)
        got_claims = qa_lib.claims_dask(ddf).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(got_claims, qa_lib.claims(expected))


def _run(args: list[str], tty: bool) -> str:
    """Run ``python -m qa_lib`` with stderr on a terminal (a pty) or a pipe; return stderr."""
    if not tty:
        done = subprocess.run(
            [sys.executable, "-m", "qa_lib", *args], capture_output=True, text=True, check=True
        )
        return done.stderr
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # 100 columns
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa_lib", *args], stdout=subprocess.DEVNULL, stderr=follower
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait() == 0
    return b"".join(chunks).decode(errors="replace")


def test_a_progress_bar_on_a_terminal_and_silence_in_a_pipe(pages, tmp_path):
    args = [str(pages), "-o", str(tmp_path / "blocks.csv")]
    bar = _run(args, tty=True)
    assert f"reading {len(list(pages.iterdir()))} pages" in bar and "B/s" in bar
    assert _run(args, tty=False) == ""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_folder_read_in_processes_stops_on_ctrl_c(pages, tmp_path, signum):
    """Workers took qa-lib's signal handlers with them: one stopped while sending its frame
    back could block the pool's shut-down, and the command, forever."""
    folder = tmp_path / "many"
    folder.mkdir()
    for copy in range(24):  # past PARALLEL_MIN_BYTES: read in processes by default
        for page in pages.iterdir():
            shutil.copy(page, folder / f"{copy:02d}_{page.name}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa_lib", str(folder), "-o", str(tmp_path / "blocks.csv")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    workers: list[psutil.Process] = []
    while len(workers) < 2:
        assert proc.poll() is None, proc.communicate()
        workers = psutil.Process(proc.pid).children()
        time.sleep(0.02)
    time.sleep(0.3)  # the workers are reading
    os.killpg(proc.pid, signum)
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the command hung after the signal")
    assert (proc.returncode, stderr) == (
        128 + signum,
        "qa-lib: interrupted; no file was left half-written\n",
    )
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert alive == [], f"left running: {alive}"
