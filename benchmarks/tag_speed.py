"""What the structure tree costs a parse (issue 23): CPU time of `parse_report` on a tagged
PDF with the tags, against the very same code with the reader told there is no tree (a
layout-only parse of the same file). Each parse in a fresh process (no cache warmed by an
earlier parse), its CPU time (`time.process_time`, imports excluded) rather than wall-clock,
so that a loaded machine blurs it less; alternating, median of N.

    .venv/bin/python -m benchmarks.tag_speed tests/fixtures/wp/tagged-across-pages.pdf --runs 5

The tagged parse includes the reader's walk of the raw /K tree, the blocks, the tag reading
of tables, history and findings, and the layout reading held against it (readings_differ).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

_CHILD = """
import sys, time
from parsers import parse_report, reader_pdfium, reader_pdfplumber
pdf, reader, tagged = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
if not tagged:  # the reader finds no tree: the layout reading alone
    reader_pdfplumber.structure_marks = lambda *a: None
    reader_pdfium.has_structure_tree = lambda *a: False
t = time.process_time()
rec = parse_report(pdf, reader=reader)
dt = time.process_time() - t
want = "tags" if tagged else "layout"
if rec.source.structure != want:
    raise SystemExit(f"{pdf}: structure {rec.source.structure!r}, expected {want!r}")
print(dt)
"""


def _parse(pdf: Path, reader: str, tagged: bool) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(pdf), reader, "1" if tagged else "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", type=Path, nargs="+")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--reader", choices=["pdfplumber", "pdfium"], nargs="+")
    a = ap.parse_args(argv)
    for pdf in a.pdf:
        for reader in a.reader or ["pdfplumber", "pdfium"]:
            tagged, layout = [], []
            for _ in range(a.runs):
                tagged.append(_parse(pdf, reader, True))
                layout.append(_parse(pdf, reader, False))
            t, m = statistics.median(tagged), statistics.median(layout)
            print(
                f"{pdf.name} {reader:10s} tagged {t:6.3f} s  layout-only {m:6.3f} s  "
                f"(CPU, median of {a.runs})  ratio {t / m:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
