"""`--reader` travels as a value down to the parse, never through `os.environ`: a command run
in-process (as the tests and notebooks do) must leave the environment as it found it, and the
next command must not inherit the previous one's reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

NORSJO = str(FIXTURES / "norsjo-2018.pdf")

#: Runs commands in-process one after another; prints whether the environment kept a reader
#: and whether PDFium's reader module was loaded (it is only imported to read with PDFium).
PROBE = """
import os, sys
from click.testing import CliRunner
from pipeline.cli import cli
for args in sys.argv[1:]:
    result = CliRunner().invoke(cli, args.split("|"))
    assert result.exit_code == 0, result.output
print(os.environ.get("KOMPASS_READER"), "parsers.reader_pdfium" in sys.modules)
"""


def probe(*commands: list[str], cwd: Path) -> str:
    env_free = {k: v for k, v in __import__("os").environ.items() if k != "KOMPASS_READER"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *("|".join(c) for c in commands)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env_free,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_parse_reads_with_the_reader_it_was_given(reader: str, tmp_path: Path) -> None:
    """--debug parses in this process: PDFium's module is loaded exactly when asked for."""
    found = probe(["--debug", "parse", "--reader", reader, "--json", NORSJO], cwd=tmp_path)
    assert found == f"None {reader == 'pdfium'}"


def test_inspect_reads_with_the_reader_it_was_given(tmp_path: Path) -> None:
    out = str(tmp_path / "p9.png")
    found = probe(
        ["inspect", "--reader", "pdfium", NORSJO, "--page", "9", "--out", out], cwd=tmp_path
    )
    assert found == "None True"


def test_the_reader_does_not_leak_into_the_next_command(tmp_path: Path) -> None:
    """A load with --reader pdfium, then a parse without: the parse reads with pdfplumber."""
    db = f"sqlite:///{tmp_path / 'w.db'}"
    load = ["load", "--reader", "pdfium", NORSJO, "--db", db, "--raw-dir", str(tmp_path / "raw")]
    found = probe(load, ["--debug", "parse", "--json", NORSJO], cwd=tmp_path)
    assert found == "None False"
