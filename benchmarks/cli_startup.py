"""Start-up of the `kompass` command: `kompass --help` wall time (median of 10 processes) and
whether parse, load, query and --help import Prefect (they must not).

    .venv/bin/python benchmarks/cli_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NORSJO = ROOT / "tests" / "fixtures" / "norsjo-2018.pdf"


def main() -> None:
    kompass = str(Path(sys.executable).with_name("kompass"))
    times = []
    for _ in range(10):
        t = time.perf_counter()
        subprocess.run([kompass, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    print(f"kompass --help: median {statistics.median(times) * 1000:.0f} ms over 10 processes")
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/w.db"
        for args in (
            ["--help"],
            ["parse", str(NORSJO), "--json"],
            ["load", str(NORSJO), "--db", db],
            ["query", "SELECT COUNT(*) FROM evaluations", "--db", db],
        ):
            proc = subprocess.run(
                [
                    sys.executable,
                    "-X",
                    "importtime",
                    "-c",
                    "import sys; from pipeline.cli import main; sys.argv[0] = 'kompass'; main()",
                    *args,
                ],
                capture_output=True,
                text=True,
                cwd="/",
            )
            imported = any(
                line.split("|")[-1].strip().startswith("prefect")
                for line in proc.stderr.splitlines()
                if line.startswith("import time")
            )
            print(f"kompass {args[0]:<7} imports Prefect: {'YES' if imported else 'no'}")


if __name__ == "__main__":
    main()
