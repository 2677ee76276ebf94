"""Whole-process parse time of `kompass parse --json` (pdfplumber, the default, and PDFium)
against a plain pdfplumber pass, and peak memory by page count.

    .venv/bin/python benchmarks/parse_speed.py [REPORT.pdf] [--runs N] [--before REV] [--untagged]

All sides run as fresh processes (imports included), alternately, in one run; medians of
--runs. --before REV also times the parser as it was at git revision REV (checked out into a
temporary folder and run with the same interpreter). Memory: the report joined with itself
to 2x and 4x its pages, max RSS of `kompass parse --json` on each. Ledger: in one process,
the median time of `parse_report` and of the ledger step alone (`parsers.ledger.account` on the
same parsed structures), and their ratio (issue 22: at most 10 %).
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
from benchmarks.revision import KOMPASS_AT, extract  # noqa: E402

PLAIN = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.extract_tables()
        page.close()
"""


def run(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and max RSS (MB) of one process."""
    start = time.perf_counter()
    # cwd "/": `python -c` puts the working folder first on sys.path, which must not be a checkout
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd="/"
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def joined(report: Path, times: int, out: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(report)
    dst = pdfium.PdfDocument.new()
    for _ in range(times):
        dst.import_pages(src)
    dst.save(out)
    return out


def untagged(report: Path, out: Path) -> Path:
    """The report with its structure tree taken out of the catalogue (`/StructTreeRoot`,
    `/MarkInfo`): the same pages, content streams and marks, read by the layout alone. The
    measure of issue 23's limit (a tagged parse at most 1.3x the layout-only parse of the same
    report, by the same parser), where --before compares with an older parser too. pikepdf
    comes with OCRmyPDF (the dev extra)."""
    import pikepdf

    with pikepdf.open(report) as pdf:
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
        pdf.save(out)
    return out


def parse_and_ledger_seconds(report: str | Path, reader: str | None = None):
    """One whole `parse_report` (ledger included) and the ledger alone on its trace:
    (record, seconds of the parse, seconds of the ledger)."""
    from parsers import parse_report
    from parsers.ledger import account
    from schema.instruments import instrument

    trace: dict = {}
    t0 = time.perf_counter()
    record = parse_report(report, trace=trace, **({"reader": reader} if reader else {}))
    whole = time.perf_counter() - t0
    t0 = time.perf_counter()
    account(
        trace["doc"],
        trace["style"],
        trace["tables"],
        trace["history"],
        trace["findings"],
        instrument(record.instrument_version),
        record.evaluation_year,
        {a.number: a.points for a in record.areas},
        trace.get("area_of"),
    )
    return record, whole, time.perf_counter() - t0


def ledger_share(report: str, runs: int) -> tuple[float, float]:
    """Median seconds of a whole `parse_report` (ledger included) and of the ledger alone."""
    times = [parse_and_ledger_seconds(report)[1:] for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "report",
        nargs="?",
        default=str(ROOT / "tests/fixtures/norsjo-2018.pdf"),
        type=lambda p: str(Path(p).resolve()),
    )
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", metavar="REV", help="also time the parser at this git revision")
    ap.add_argument(
        "--untagged",
        action="store_true",
        help="also time the report with its structure tree taken out (a tagged report's "
        "layout-only parse)",
    )
    args = ap.parse_args()
    kompass = str(Path(sys.executable).with_name("kompass"))
    sides: dict[str, tuple[list[str], dict | None]] = {
        "kompass parse --json": ([kompass, "parse", args.report, "--json"], None),
        "kompass parse --reader pdfium": (
            [kompass, "parse", "--reader", "pdfium", args.report, "--json"],
            None,
        ),
        "plain pdfplumber pass": ([sys.executable, "-c", PLAIN, args.report], None),
    }
    with tempfile.TemporaryDirectory() as tmp:
        if args.before:
            env = extract(args.before, Path(tmp) / "before")
            cmd = [sys.executable, "-c", KOMPASS_AT, "parse", args.report, "--json"]
            sides[f"parser at {args.before}"] = (cmd, env)
            pdfium = [sys.executable, "-c", KOMPASS_AT, "parse", "--reader", "pdfium"]
            sides[f"pdfium at {args.before}"] = ([*pdfium, args.report, "--json"], env)
        if args.untagged:
            twin = str(untagged(Path(args.report), Path(tmp) / "untagged.pdf"))
            sides["untagged twin"] = ([kompass, "parse", twin, "--json"], None)
            sides["untagged twin, pdfium"] = (
                [kompass, "parse", "--reader", "pdfium", twin, "--json"],
                None,
            )
        results: dict[str, list[tuple[float, float]]] = {k: [] for k in sides}
        for _ in range(args.runs):
            for name, (cmd, env) in sides.items():
                results[name].append(run(cmd, env))
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(args.report))
        print(f"{Path(args.report).name}: {pages} pages, median of {args.runs} whole-process runs")
        medians = {}
        for name, rows in results.items():
            t = statistics.median(r[0] for r in rows)
            rss = max(r[1] for r in rows)
            medians[name] = t
            print(f"  {name:<28} {t:6.2f} s  {pages / t:6.1f} pages/s  max RSS {rss:5.0f} MB")
        plain = medians["plain pdfplumber pass"]
        for name, t in medians.items():
            if name != "plain pdfplumber pass":
                print(f"  ratio {name} / plain pass: {t / plain:.2f}")
        if args.before:  # e.g. a tagged report against the layout-only parser (issue 23)
            for now, then in (
                ("kompass parse --json", f"parser at {args.before}"),
                ("kompass parse --reader pdfium", f"pdfium at {args.before}"),
            ):
                print(f"  ratio {now} / {then}: {medians[now] / medians[then]:.2f}")
        if args.untagged:  # the same parser, the same pages, with and without the tags
            for now, then in (
                ("kompass parse --json", "untagged twin"),
                ("kompass parse --reader pdfium", "untagged twin, pdfium"),
            ):
                print(f"  ratio {now} / {then}: {medians[now] / medians[then]:.2f}")
        whole, alone = ledger_share(args.report, args.runs)
        print(
            f"  ledger: {alone * 1000:.1f} ms of {whole * 1000:.0f} ms parse_report "
            f"(in process, median of {args.runs}): {100 * alone / whole:.1f} %"
        )
        print("peak memory of kompass parse --json by page count:")
        for times in (1, 2, 4):
            path = (
                Path(args.report)
                if times == 1
                else joined(Path(args.report), times, Path(tmp) / f"x{times}.pdf")
            )
            _, rss = run([kompass, "parse", str(path), "--json"])
            print(f"  {pages * times:4d} pages  max RSS {rss:5.0f} MB")


if __name__ == "__main__":
    main()
