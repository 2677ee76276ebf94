"""Generate a benchmark corpus: N invented reports of all four versions, into a folder.

    .venv/bin/python benchmarks/corpus.py OUT_DIR [N]

The generator is tests/fixturegen/corpus.py (needs the dev extra); nothing is committed.
Layouts rotate through table/list findings, bullets, producers and history columns.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixturegen.corpus import make, params  # noqa: E402

__all__ = ["make", "params"]

if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    made = make(target, count)
    print(f"{len(made)} reports in {target}")
