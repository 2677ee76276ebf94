"""The everyday commands stay light: parse, load, query and --help never import Prefect."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import FIXTURES

PROBE = """
import sys
from click.testing import CliRunner
from pipeline.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
assert result.exit_code in (0, 1), result.output
print(sorted(m for m in sys.modules if m == "prefect" or m.startswith("prefect.")))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["parse", str(FIXTURES / "norsjo-2018.pdf"), "--json"],
        ["load", "DB"],
        ["query", "SELECT 1", "--db", "DB"],
    ],
    ids=["help", "parse", "load", "query"],
)
def test_command_does_not_import_prefect(args: list[str], tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    args = [db if a == "DB" else a for a in args]
    if args[0] == "load":
        args = ["load", str(FIXTURES / "norsjo-2018.pdf"), "--db", db, "--raw-dir", str(tmp_path)]
    if args[0] == "query":  # query opens an existing warehouse read-only; it creates none
        from warehouse.db import get_engine

        get_engine(db)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
