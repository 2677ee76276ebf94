"""Fixed start-up cost of `kompass ingest` and documents per minute by --workers.

    .venv/bin/python benchmarks/ingest_speed.py [N] [--workers 1 2]

Generates N reports (benchmarks/corpus.py) into a temporary folder, then times whole
`kompass ingest` processes into fresh SQLite warehouses: once on an empty folder (the fixed
cost: Prefect's temporary server, imports, migrations), then on the corpus per worker count.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import make  # noqa: E402
from benchmarks.revision import KOMPASS_AT, extract  # noqa: E402


def ingest(kompass: list[str], source: Path, work: Path, workers: int, env=None) -> float:
    db = work / f"w{time.monotonic_ns()}.db"
    raw = work / f"raw{time.monotonic_ns()}"
    cmd = [
        *kompass,
        "ingest",
        "--source",
        str(source),
        "--db",
        f"sqlite:///{db}",
        "--raw-dir",
        str(raw),
        "--workers",
        str(workers),
    ]
    t = time.perf_counter()
    # cwd "/": `python -c` puts the working folder first on sys.path, which must not be a checkout
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd="/")
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(
            f"ingest failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        )
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=40)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", metavar="REV", help="also measure the code at this git revision")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        make(corpus, args.n)
        empty = work / "empty"
        empty.mkdir()
        versions: list[tuple[str, list[str], dict | None]] = [
            ("now", [str(Path(sys.executable).with_name("kompass"))], None)
        ]
        if args.before:
            env = extract(args.before, work / "before")
            versions.append((args.before, [sys.executable, "-c", KOMPASS_AT], env))
        for label, kompass, env in versions:
            startup = statistics.median(
                ingest(kompass, empty, work, 1, env) for _ in range(args.runs)
            )
            print(f"[{label}] kompass ingest, fixed start-up (empty folder): {startup:.1f} s")
            base = None
            for w in args.workers:
                t = statistics.median(
                    ingest(kompass, corpus, work, w, env) for _ in range(args.runs)
                )
                work_s = t - startup
                base = base or work_s
                print(
                    f"[{label}] --workers {w}: {args.n} reports in {t:.1f} s, {work_s:.1f} s "
                    f"after start-up: {args.n / work_s * 60:.0f} reports/min "
                    f"({base / work_s:.2f}x of --workers {args.workers[0]})"
                )


if __name__ == "__main__":
    main()
