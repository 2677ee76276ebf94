"""The repository keeps its promises: CI runs the README's test command, lint is clean, the
JSON contract is the shared one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev]' && .venv/bin/pytest"
    assert command in readme
    assert ci.strip().splitlines()[-1] == command


def test_ruff_is_clean() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    proc = subprocess.run([str(ruff), "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_copy_is_the_shared_contract() -> None:
    shared = ROOT.parent / "shared" / "contract" / "report.schema.json"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    ours = json.loads((ROOT / "schema" / "report.schema.json").read_text("utf-8"))
    assert ours == json.loads(shared.read_text("utf-8"))
