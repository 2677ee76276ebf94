"""`kompass ingest` per task runner against a plain `kompass load` of the same files, one run.

    .venv/bin/python benchmarks/ingest_speed.py [N] [--workers 1 2] [--dask local:2]
        [--readers pdfplumber pdfium] [--runs 1] [--before REV]

Generates N reports (benchmarks/corpus.py) into a temporary folder, then times whole
processes into fresh SQLite warehouses and raw folders, per reader: `kompass load` of the N
files (the sequential baseline, no Prefect), and for each runner (Prefect's process pool with
`--workers N`, a Dask cluster with `--dask local:N` or `--dask tcp://…`) `kompass ingest` once
on an empty folder (the fixed start-up: imports, migrations, Prefect's temporary server, the
workers) and once on the corpus. Throughput counts the time after that start-up. Each row
prints its ratio to the `load` baseline and to the first runner, the CPU seconds the whole
process tree used (children included: the server, the workers, the parse children), and the
load average when it ran: on a shared machine the wall-clock ratios are only as good as the
load was steady, the CPU seconds are what the flow itself costs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import make  # noqa: E402
from benchmarks.revision import KOMPASS_AT, extract  # noqa: E402


@dataclass
class Timing:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and every child it waited for


def timed(cmd: list[str], env: dict | None) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    # cwd "/": `python -c` puts the working folder first on sys.path, which must not be a checkout
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd="/")
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(
            f"{' '.join(cmd[:3])} failed ({proc.returncode}):\n"
            f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def fresh(work: Path) -> list[str]:
    n = time.monotonic_ns()
    return ["--db", f"sqlite:///{work}/w{n}.db", "--raw-dir", str(work / f"raw{n}")]


def median(timings: list[Timing]) -> Timing:
    return Timing(
        statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
    )


def load_avg() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def autogroup_nice() -> str:
    """Linux with autogroup scheduling shares the CPU between sessions first: `nice` then
    only ranks processes within one session, and a benchmark needs its session's own nice
    value (as root: `echo -15 > /proc/self/autogroup` in the shell that starts it)."""
    try:
        with open("/proc/self/autogroup", encoding="ascii") as f:
            return f.read().split("nice")[-1].strip()
    except OSError:
        return "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=48)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--dask", nargs="*", default=[], help="--dask values to measure")
    ap.add_argument("--readers", nargs="+", default=["pdfplumber"], help="pdfplumber, pdfium")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--before", metavar="REV", help="also measure the code at this git revision")
    args = ap.parse_args()
    print(
        f"{os.cpu_count()} cores, load average {load_avg()} (1/5/15 min) at the start; "
        f"nice {os.nice(0)}, autogroup nice {autogroup_nice()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        files = [str(p) for p in sorted(make(corpus, args.n))]
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
        per_reader: dict[tuple[str, str], float] = {}
        for label, kompass, env in versions:
            # Prefect's database (PREFECT_HOME) is created and migrated by the first run that
            # needs it: once per checkout, seconds long, no part of any runner's start-up
            first = timed([*kompass, "ingest", "--source", str(empty), *fresh(work)], env)
            print(
                f"[{label}] first ingest (creates Prefect's database if missing, untimed "
                f"below): {first.wall:.1f} s, CPU {first.cpu:.1f} s",
                flush=True,
            )
            for reader in args.readers:
                renv = {**(env or os.environ), "KOMPASS_READER": reader}
                load = median(
                    [
                        timed([*kompass, "load", *files, *fresh(work)], renv)
                        for _ in range(args.runs)
                    ]
                )
                print(
                    f"[{label}, {reader}] load: {args.n} reports in {load.wall:.1f} s "
                    f"({args.n / load.wall * 60:.0f} reports/min), CPU {load.cpu:.1f} s; "
                    f"load average {load_avg()}",
                    flush=True,
                )
                first = None
                for runner in runners:
                    if runner[0] == "--dask" and label != "now":
                        continue  # older revisions have no --dask
                    ingest = [*kompass, "ingest", *runner]
                    startup = median(
                        [
                            timed([*ingest, "--source", str(empty), *fresh(work)], renv)
                            for _ in range(args.runs)
                        ]
                    )
                    whole = median(
                        [
                            timed([*ingest, "--source", str(corpus), *fresh(work)], renv)
                            for _ in range(args.runs)
                        ]
                    )
                    after = whole.wall - startup.wall
                    first = first or after
                    per_reader[(label, reader, " ".join(runner))] = after
                    print(
                        f"[{label}, {reader}] ingest {' '.join(runner)}: start-up "
                        f"{startup.wall:.1f} s (CPU {startup.cpu:.1f} s); {args.n} reports in "
                        f"{whole.wall:.1f} s, {after:.1f} s after start-up: "
                        f"{args.n / after * 60:.0f} reports/min, "
                        f"{load.wall / after:.2f}x load, {first / after:.2f}x "
                        f"{' '.join(runners[0])}; CPU after start-up "
                        f"{whole.cpu - startup.cpu:.1f} s (load: {load.cpu:.1f} s); "
                        f"load average {load_avg()}",
                        flush=True,
                    )
        if len(args.readers) > 1:
            base = args.readers[0]
            for (label, reader, runner), after in per_reader.items():
                if reader != base and (label, base, runner) in per_reader:
                    print(
                        f"[{label}] ingest {runner}: {reader} "
                        f"{per_reader[(label, base, runner)] / after:.2f}x {base}"
                    )


if __name__ == "__main__":
    main()
