"""What the ledger (issue 22) costs of a parse, with each reader, in one run:

    .venv/bin/python benchmarks/ledger_cost.py [REPORT ...] [--runs N]

Per report and reader, in one process: the median time of a whole `parse_report` (ledger
included), of the ledger step alone (`parsers.ledger.account` on the same parsed structures)
and of collecting the pages' image boxes (read only for the ledger: a table printed as a
picture), and the share of both in the parse (the budget: at most 10 %).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

READERS = ("pdfplumber", "pdfium")


def _images_seconds(report: Path, reader: str) -> float:
    """Time to collect the image boxes of every page, as the reader does."""
    data = report.read_bytes()
    if reader == "pdfium":
        import pypdfium2 as pdfium

        from parsers.reader_pdfium import _images

        spent = 0.0
        pdf = pdfium.PdfDocument(data)
        try:
            for i in range(len(pdf)):
                page = pdf[i]  # loaded by the reader anyway
                t0 = time.perf_counter()
                _images(page, page.get_height())
                spent += time.perf_counter() - t0
                page.close()
        finally:
            pdf.close()
        return spent
    return _plumber_images(data)


def _plumber_images(data: bytes) -> float:
    """Time of `page.images` alone, the page's objects already parsed (as in the reader)."""
    import io

    import pdfplumber

    spent = 0.0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.chars  # noqa: B018 — parsed by the reader anyway
            t0 = time.perf_counter()
            page.images  # noqa: B018
            spent += time.perf_counter() - t0
            page.flush_cache()
    return spent


def measure(report: Path, reader: str, runs: int) -> tuple[float, float, float]:
    """Median seconds of (parse_report, ledger alone, image boxes)."""
    from benchmarks.parse_speed import parse_and_ledger_seconds

    whole, alone, images = [], [], []
    for _ in range(runs):
        _, parse_s, ledger_s = parse_and_ledger_seconds(report, reader)
        whole.append(parse_s)
        alone.append(ledger_s)
        images.append(_images_seconds(report, reader))
    return statistics.median(whole), statistics.median(alone), statistics.median(images)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "reports", nargs="*", type=Path, default=[ROOT / "tests/fixtures/norsjo-2018.pdf"]
    )
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    worst = 0.0
    for report in a.reports:
        for reader in READERS:
            whole, alone, images = measure(report, reader, a.runs)
            share = (alone + images) / whole
            worst = max(worst, share)
            print(
                f"{report.name:24} {reader:10} parse {whole * 1000:6.0f} ms, ledger "
                f"{alone * 1000:5.1f} ms + images {images * 1000:4.1f} ms = {100 * share:4.1f} %"
            )
    print(f"largest share: {100 * worst:.1f} % (budget 10 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
