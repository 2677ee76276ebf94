"""Run the code of another git revision beside this checkout, for before/after figures."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: `python -c KOMPASS_AT args…` runs the `kompass` CLI of whatever `pipeline` is importable.
KOMPASS_AT = "import sys; from pipeline.cli import main; sys.argv[0] = 'kompass'; main()"


def extract(rev: str, dest: Path) -> dict[str, str]:
    """Write the tree of `rev` into `dest`; returns an environment that imports it first.

    Run commands with cwd="/" too: `python -c` puts the working folder first on sys.path.
    """
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return {**os.environ, "PYTHONPATH": str(dest)}
