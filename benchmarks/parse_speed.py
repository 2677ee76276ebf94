"""Whole-process parse time of `kompass parse --json` against a plain pdfplumber pass.

    .venv/bin/python benchmarks/parse_speed.py [REPORT.pdf] [--runs N]

Both sides run as fresh processes (imports included), alternately, in one run; the script
prints the median wall time and peak memory (max RSS) of each and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAIN = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.extract_tables()
        page.close()
"""


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and max RSS (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", default=str(ROOT / "tests/fixtures/norsjo-2018.pdf"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    kompass = str(Path(sys.executable).with_name("kompass"))
    sides = {
        "kompass parse --json": [kompass, "parse", args.report, "--json"],
        "plain pdfplumber pass": [sys.executable, "-c", PLAIN, args.report],
    }
    results: dict[str, list[tuple[float, float]]] = {k: [] for k in sides}
    for _ in range(args.runs):
        for name, cmd in sides.items():
            results[name].append(run(cmd))
    import pdfplumber

    with pdfplumber.open(args.report) as pdf:
        pages = len(pdf.pages)
    print(f"{Path(args.report).name}: {pages} pages, median of {args.runs} whole-process runs")
    medians = {}
    for name, rows in results.items():
        t = statistics.median(r[0] for r in rows)
        rss = max(r[1] for r in rows)
        medians[name] = t
        print(f"  {name:<24} {t:6.2f} s  {pages / t:6.1f} pages/s  max RSS {rss:5.0f} MB")
    ratio = medians["kompass parse --json"] / medians["plain pdfplumber pass"]
    print(f"  ratio kompass / plain    {ratio:6.2f}")


if __name__ == "__main__":
    main()
