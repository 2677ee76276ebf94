"""Options several `kompass` commands share, defined once so their names, types and help
texts cannot drift apart between commands."""

from __future__ import annotations

from pathlib import Path

import click

RAW_HELP = (
    "Folder of raw PDFs and their manifest (default: raw_reports/ in the checkout; installed "
    "from a wheel, in the user's data folder)."
)
DB_HELP = (
    "Database URL (sqlite:///FILE, postgresql+psycopg://…) or the path of an SQLite file "
    "(default: $KOMPASS_DB, else warehouse/kommunkompassen.db in the checkout; installed from "
    "a wheel, in the user's data folder)."
)


#: --reader: a value the command passes down to the parse (to worker processes too), never
#: through the environment; without it, the parse asks `parsers.reader.reader_name` (the
#: environment's KOMPASS_READER, else pdfplumber).
reader_option = click.option(
    "--reader",
    type=click.Choice(["pdfplumber", "pdfium"]),
    help="PDF reader: pdfplumber (default) or pdfium (faster, same records). "
    "Default: $KOMPASS_READER, else pdfplumber.",
)


#: --ocr: a value passed down to the parse (to worker processes too) like --reader, never
#: through the environment; without it, the parse asks `parsers.ocr.mode` ($KOMPASS_OCR, else
#: auto).
ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "never", "force"]),
    help="OCR of scanned (image-only) PDFs with Tesseract: auto (default: only PDFs without a "
    "text layer), never (refuse them), force (every PDF). Default: $KOMPASS_OCR, else auto.",
)

db_option = click.option("--db", "db_url", metavar="URL|FILE", help=DB_HELP)

raw_dir_option = click.option(
    "--raw-dir", type=click.Path(file_okay=False, path_type=Path), help=RAW_HELP
)

workers_option = click.option(
    "--workers", type=click.IntRange(min=1), help="Parse processes (default: cores)."
)

sources_option = click.option(
    "--source",
    "sources",
    multiple=True,
    required=True,
    metavar="URL|DIR|FILE",
    help="A listing page URL, a PDF URL, a folder of PDFs, a text file of URLs, or a PDF. "
    "Repeatable.",
)

DASK_HELP = (
    "Parse on a Dask cluster: a scheduler's address (tcp://HOST:8786), or local:N for a "
    "local cluster of N worker processes for this run. Needs the dask extra."
)

dask_option = click.option("--dask", metavar="tcp://HOST:PORT|local:N", help=DASK_HELP)
