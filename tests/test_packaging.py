"""Dependencies are declared once in pyproject.toml; environment.yml must say the same."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQ_RE = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*?)\s*$")  # extras dropped


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    out = {}
    for req in reqs:
        m = REQ_RE.match(req)
        assert m, req
        out[_norm(m.group(1))] = m.group(2).replace(" ", "")
    out["python"] = project["requires-python"].replace(" ", "")
    return out


def _environment() -> dict[str, str]:
    out = {}
    in_deps = False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^  - ([A-Za-z0-9_.\-]+)\s*(.*?)\s*$", line)
        if in_deps and m and m.group(1) != "pip":
            out[_norm(m.group(1))] = m.group(2).replace(" ", "")
    return out


def test_environment_yml_matches_pyproject():
    assert _environment() == _pyproject()


def test_every_dependency_has_lower_and_upper_bounds():
    for name, spec in _pyproject().items():
        assert ">=" in spec and "<" in spec.replace("<=", ""), f"{name} {spec!r} needs both bounds"
