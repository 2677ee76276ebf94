"""A fixed-seed sample of the byte fuzzer (benchmarks/fuzz_bytes.py): every mutant is parsed
as an ingest worker parses it, and none may crash, hang, print a traceback or grow past the
memory limit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_fixed_seed_sample_has_no_crash_hang_traceback_or_runaway_memory() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "fuzz_bytes.py"),
            "54",
            "--seed",
            "13",
            "--crafted-runs",
            "1",
            # every refused mutant parsed twice: the same code and message both times
            "--runs",
            "2",
            "--parsed-sample",
            "0",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=1500,  # about 5 min on an idle machine; 15 min were not enough at load 32
    )
    summary = json.loads(proc.stdout)
    assert summary["mutants"] == 54
    assert all(sum(c.values()) == 6 for c in summary["by_mutation"].values())  # 9 kinds × 6
    assert summary["outcomes"]["crash"] == 0, summary["bad"]
    assert summary["outcomes"]["timeout"] == 0, summary["bad"]
    assert summary["tracebacks"] == 0, summary["bad"]
    # issue 28: anything on stderr is a failure, not only a traceback
    assert summary["noise"] == 0, summary["bad"]
    assert all(len(c["answers"]) == 1 for c in summary["crafted"].values())
    assert summary["repeated_mutants"] == summary["mutants"] - summary["outcomes"]["parsed"]
    assert summary["unstable_mutants"] == {}
    assert all(a.startswith("refused: ") for c in summary["crafted"].values() for a in c["answers"])
    # RLIMIT_AS is the child's address space at fork (the interpreter and its libraries, well
    # under 256 MB) plus the limit; resident memory cannot exceed it. With the pdfplumber reader
    # a text bomb gets close to it before the limit stops it.
    assert summary["peak_rss_mb"] < 256 + summary["limit_mb"]
    # the hostile ones are refused, the harmless ones still parse
    assert summary["by_mutation"]["bomb"]["parsed"] == 0
    assert summary["by_mutation"]["junk"]["parsed"] == 6
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
