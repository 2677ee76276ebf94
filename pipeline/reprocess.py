"""`kompass reprocess`: which stored PDFs to re-parse (by sha256 prefix, path, municipality
and year, or every report parsed by an older parser version), then each one's way in again
(`pipeline.steps`, forced). Reads only the warehouse (through `warehouse.api`) and the raw
store; no network."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from parsers import PARSER_VERSION
from parsers.ocr import Settings
from pipeline import steps
from pipeline.raw import RawStore, Stored
from warehouse.api import (
    StoredReport,
    evaluated_municipalities,
    outdated_reports,
    report_of,
    stored_report,
)
from warehouse.load import LoadResult


class ReprocessError(Exception):
    """Nothing (or more than one thing) matches what was asked for."""


def _stored(store: RawStore, report: StoredReport) -> Stored:
    """The raw copy of a loaded report, named by where it came from (its URL or original
    path), so that the log, the summary and `kompass status` name the report, not the copy."""
    for candidate in (
        Path(report.raw_path) if report.raw_path else None,
        store.path_for(report.sha256),
    ):
        if candidate is not None and candidate.exists():
            return Stored(
                report.origin or str(candidate), report.sha256, candidate, report.source_url
            )
    raise ReprocessError(
        f"{describe(report)}: the PDF is not in {store.root} (nothing to re-parse)"
    )


def describe(report: StoredReport) -> str:
    """'Norsjö 2018 (norsjo.pdf)' or 'Norsjö 2018 (https://…/norsjo.pdf)'."""
    origin = report.origin
    name = origin if origin is None or "://" in origin else Path(origin).name
    what = f"{report.municipality} {report.year}" if report.municipality else report.sha256[:12]
    return f"{what} ({name})" if name else what


def _named(engine: Engine, stored: Stored) -> Stored:
    """A raw copy found by sha256 prefix or path: named by its report's origin if loaded."""
    report = stored_report(engine, stored.sha256)
    if report is None or report.origin is None:
        return stored
    return replace(stored, source=report.origin, url=report.source_url)


def outdated(engine: Engine, store: RawStore) -> list[Stored]:
    """Every loaded report whose rows come from an older parser version."""
    return [_stored(store, r) for r in outdated_reports(engine, PARSER_VERSION)]


def by_municipality(engine: Engine, store: RawStore, municipality: str, year: int) -> Stored:
    found = report_of(engine, municipality, year)
    if found is None:
        raise ReprocessError(_not_found(engine, municipality, year))
    return _stored(store, found)


def _fold(name: str) -> str:
    """'Norsjö' and 'norsjo' alike: lower case without diacritics."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _not_found(engine: Engine, municipality: str, year: int) -> str:
    """One line: nothing for that name and year, with the closest name or the years there are."""
    message = f"no evaluation of {municipality} {year} in the warehouse"
    evaluated = evaluated_municipalities(engine)
    same = [n for n in evaluated if n.lower() == municipality.lower()]
    if same:
        years = ", ".join(map(str, evaluated[same[0]]))
        return f"{message}; {same[0]} has {years}"
    folded = {_fold(n): n for n in evaluated}
    close = [n for n in evaluated if _fold(n) == _fold(municipality)]
    close = close or [
        folded[f] for f in difflib.get_close_matches(_fold(municipality), folded, n=1, cutoff=0.6)
    ]
    if close:
        return f"{message}; did you mean {close[0]}? ({', '.join(map(str, evaluated[close[0]]))})"
    return message


def targets(args: list[str], engine: Engine, store: RawStore) -> list[Stored]:
    """SHA256-PREFIX | PATH | MUNICIPALITY YEAR | --outdated → the stored PDF(s) to re-parse.

    A PATH is hashed and its copy in the store is what gets re-parsed and recorded (a copy is
    made if the store has none), so the warehouse keeps pointing into the store."""
    if args and args[0] == "--outdated":
        if len(args) > 1:
            raise ReprocessError("--outdated takes no other arguments")
        return outdated(engine, store)
    if len(args) == 2 and re.fullmatch(r"\d{4}", args[1]):
        return [by_municipality(engine, store, args[0], int(args[1]))]
    if len(args) != 1:
        raise ReprocessError("give one SHA256-PREFIX or PATH, or MUNICIPALITY YEAR, or --outdated")
    arg = args[0]
    if Path(arg).is_file():
        try:
            return [store.add_local(arg)]
        except OSError as e:
            raise ReprocessError(f"{arg}: cannot read it ({e.strerror})") from e
    if re.fullmatch(r"[0-9a-fA-F]{4,64}", arg):
        found = store.find(arg.lower())
        if len(found) == 1:
            return [_named(engine, Stored(str(found[0]), found[0].stem, found[0]))]
        if not found:
            raise ReprocessError(f"no stored PDF in {store.root} starts with {arg}")
        raise ReprocessError(f"{arg} is ambiguous: {len(found)} stored PDFs start with it")
    raise ReprocessError(f"{arg}: not a file, and not a sha256 prefix (4–64 hex digits)")


def run(
    targets: list[Stored],
    engine: Engine,
    reader: str | None = None,
    on_result: Callable[[LoadResult], None] | None = None,
    ocr: Settings | None = None,
) -> list[LoadResult]:
    """Re-parse each target and replace its rows (one transaction each). `ocr`: the OCR mode
    and the store's OCR cache (`RawStore.ocr_cache`), so a scan is not OCR'd again."""
    parse = steps.parse_here(reader, ocr)
    results = []
    for stored in targets:
        result = steps.ingest_document(stored, engine, parse, force=True)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results
