"""Fixed start-up cost of `kompass ingest` and documents per minute by task runner.

    .venv/bin/python benchmarks/ingest_speed.py [N] [--workers 1 2] [--dask local:2]

Generates N reports (benchmarks/corpus.py) into a temporary folder, then times whole
`kompass ingest` processes into fresh SQLite warehouses, for each runner (Prefect's process
pool with `--workers N`, a Dask cluster with `--dask local:N` or `--dask tcp://…`): once on
an empty folder (the fixed cost: Prefect's temporary server, imports, migrations, the
cluster's start), then on the corpus; reports/min count the time after that start-up.
"""

from __future__ import annotations

import argparse
import os
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


def ingest(kompass: list[str], source: Path, work: Path, runner: list[str], env=None) -> float:
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
        *runner,
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
    ap.add_argument("--dask", nargs="*", default=["local:2"], help="--dask values to measure")
    ap.add_argument("--reader", help="KOMPASS_READER for the runs (default: pdfplumber)")
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
        runners = [["--workers", str(w)] for w in args.workers]
        runners += [["--dask", d] for d in args.dask]
        for label, kompass, env in versions:
            if args.reader:
                env = {**(env or os.environ), "KOMPASS_READER": args.reader}
            base = None
            for runner in runners:
                if runner[0] == "--dask" and label != "now":
                    continue  # older revisions have no --dask
                name = " ".join(runner)
                startup = statistics.median(
                    ingest(kompass, empty, work, runner, env) for _ in range(args.runs)
                )
                t = statistics.median(
                    ingest(kompass, corpus, work, runner, env) for _ in range(args.runs)
                )
                work_s = t - startup
                base = base or work_s
                print(
                    f"[{label}] {name}: start-up {startup:.1f} s; {args.n} reports in {t:.1f} s, "
                    f"{work_s:.1f} s after start-up: {args.n / work_s * 60:.0f} reports/min "
                    f"({base / work_s:.2f}x of {' '.join(runners[0])})",
                    flush=True,
                )


if __name__ == "__main__":
    main()
