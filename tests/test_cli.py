"""The command line: tables out, one clear line on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd

from qa_lib.cli import main


def test_csv_to_stdout(seed_path, capsys):
    assert main([str(seed_path)]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert (df["kind"] == "qa").sum() == 16
    assert json.loads(df.loc[0, "citations"]) == ["19"]


def test_claims_as_json_and_parquet(seed_path, tmp_path, capsys):
    assert main([str(seed_path.parent), "--claims", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["source"] == seed_path.name and "claim_type" in rows[0]
    out = tmp_path / "blocks.parquet"
    assert main([str(seed_path), "--format", "parquet", "-o", str(out)]) == 0
    back = pd.read_parquet(out)
    assert list(back["citations"].iloc[0]) == ["19"]


def test_bad_input_is_one_line_on_stderr(tmp_path, capsys):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    for args in (
        [str(tmp_path / "missing.txt")],
        [str(binary)],
        [str(binary), "--format", "parquet"],
    ):
        assert main(args) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("qa-lib: error: ")
    assert main([str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_parquet_needs_an_output_file(seed_path, capsys):
    assert main([str(seed_path), "--format", "parquet"]) == 1
    assert "-o" in capsys.readouterr().err


def test_python_dash_m_runs(seed_path):
    proc = subprocess.run(
        [sys.executable, "-m", "qa_lib", str(seed_path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 19
