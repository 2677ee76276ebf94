"""Load time per report into a fresh warehouse, and the row counts of each view.

    .venv/bin/python benchmarks/load_speed.py [--db URL]   (default: a temporary SQLite file)

Parsing is timed separately from the database work (one transaction per report).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from parsers import parse_report
from warehouse.db import get_engine, shown
from warehouse.load import load_record
from warehouse.views import VIEWS

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database URL (must be empty)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    t0 = time.perf_counter()
    engine = get_engine(url)
    migrate = time.perf_counter() - t0
    parse_s, load_s = [], []
    corpus = sorted((ROOT / "tests" / "fixtures").glob("*.pdf"))
    for path in corpus:
        t = time.perf_counter()
        record = parse_report(path)
        parse_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        with engine.begin() as conn:
            load_record(conn, record)
        load_s.append(time.perf_counter() - t)
    print(f"{shown(url)}: {len(corpus)} fixture reports; migrate from empty {migrate:.2f} s")
    print(f"  parse per report  median {statistics.median(parse_s) * 1000:7.1f} ms")
    print(
        f"  load per report   median {statistics.median(load_s) * 1000:7.1f} ms"
        f"  (max {max(load_s) * 1000:.1f} ms)"
    )
    with engine.connect() as conn:
        for view in VIEWS:
            n = conn.execute(text(f"SELECT COUNT(*) FROM {view}")).scalar()
            print(f"  {view:<17} {n:6d} rows")


if __name__ == "__main__":
    main()
