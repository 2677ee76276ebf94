"""`kompass parse`: parse report PDFs one by one and print what each holds, as it is parsed;
stores nothing. Each parse runs in a child process with bounded memory and time
(`pipeline.limits`), so one hostile PDF cannot take the others down."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from parsers import ReportError, parse_report
from parsers.ocr import Settings
from parsers.summary import summary
from pipeline.limits import parse_limited
from schema.record import ReportRecord


def parse_one(
    path: Path, in_process: bool = False, reader: str | None = None, ocr: str | None = None
) -> ReportRecord | str:
    """The record, or the one-line reason it could not be read. `in_process` parses here
    instead of in a child and lets unexpected errors raise (for their tracebacks); `reader`
    names the PDF reader (default: `parsers.reader.reader_name`), `ocr` the OCR mode
    (`parsers.ocr.mode`)."""
    try:
        if not path.exists():
            raise ReportError(path, "no such file")
        if in_process:
            return parse_report(path, reader=reader, ocr=ocr)
        return parse_limited(path, reader=reader, ocr_settings=Settings(ocr))
    except ReportError as e:
        return str(e)
    except Exception as e:  # a bug: still one line unless asked for the traceback
        if in_process:
            raise
        return f"{path.name}: unexpected {type(e).__name__}: {e} (rerun with --debug)"


def print_reports(
    paths: Iterable[Path],
    as_json: bool,
    strict: bool,
    *,
    in_process: bool = False,
    reader: str | None = None,
    ocr: str | None = None,
    echo: Callable[[str], None] = print,
    fail: Callable[[str], None] = print,
) -> int:
    """Parse and print each report (JSON, or the summary); errors go to `fail`. Returns the
    exit code: 2 when a file is not a readable report, 1 with `strict` when a record is
    incomplete, else 0."""
    paths = list(paths)
    failed = incomplete = 0
    for i, path in enumerate(paths):
        record = parse_one(path, in_process, reader, ocr)
        if isinstance(record, str):
            fail(record)
            failed += 1
            continue
        incomplete += not record.complete
        if as_json:  # several reports: one compact object per line
            echo(record.to_json(indent=2 if len(paths) == 1 else None))
        else:
            if i > failed:  # a blank line between summaries
                echo("")
            echo(summary(record))
    return 2 if failed else 1 if strict and incomplete else 0
