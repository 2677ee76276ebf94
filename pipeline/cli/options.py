"""Options several `kompass` commands share, defined once so their names, types and help
texts cannot drift apart between commands."""

from __future__ import annotations

import os
from pathlib import Path

import click

RAW_HELP = "Folder of raw PDFs and their manifest (default: raw_reports/ in the checkout)."
DB_HELP = "Database URL (default: $KOMPASS_DB, else warehouse/kommunkompassen.db in the checkout)."


def _set_reader(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--reader: through the environment, so worker processes read with the same library."""
    if value:
        os.environ["KOMPASS_READER"] = value
    return value


reader_option = click.option(
    "--reader",
    type=click.Choice(["pdfplumber", "pdfium"]),
    callback=_set_reader,
    expose_value=False,
    is_eager=True,
    help="PDF reader: pdfplumber (default) or pdfium (faster, same records). "
    "Default: $KOMPASS_READER, else pdfplumber.",
)


def _set_ocr(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--ocr: through the environment, like --reader, so worker processes do the same."""
    if value:
        os.environ["KOMPASS_OCR"] = value
    return value


ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "never", "force"]),
    callback=_set_ocr,
    expose_value=False,
    is_eager=True,
    help="OCR of scanned (image-only) PDFs with Tesseract: auto (default: only PDFs without a "
    "text layer), never (refuse them), force (every PDF). Default: $KOMPASS_OCR, else auto.",
)

db_option = click.option("--db", "db_url", metavar="URL", help=DB_HELP)

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
