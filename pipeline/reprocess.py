"""Which stored PDFs to re-parse: by sha256 prefix, path, municipality and year, or every
report parsed by an older parser version. Reads only the warehouse and raw_reports/."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, func, select

from parsers import PARSER_VERSION
from pipeline.download import RawStore
from schema.models import Evaluation, Municipality, Report


class ReprocessError(Exception):
    """Nothing (or more than one thing) matches what was asked for."""


def _stored(store: RawStore, sha: str, raw_path: str | None) -> Path:
    for candidate in (Path(raw_path) if raw_path else None, store.path_for(sha)):
        if candidate is not None and candidate.exists():
            return candidate
    raise ReprocessError(f"{sha[:12]}: the PDF is not in {store.root} (nothing to re-parse)")


def outdated(engine: Engine, store: RawStore) -> list[Path]:
    """Every loaded report whose rows come from an older parser version."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Report.sha256, Report.raw_path)
            .join(Evaluation, Evaluation.report_id == Report.report_id)
            .where(Report.parser_version != PARSER_VERSION)
            .order_by(Report.report_id)
        ).all()
    return [_stored(store, r.sha256, r.raw_path) for r in rows]


def by_municipality(engine: Engine, store: RawStore, municipality: str, year: int) -> Path:
    with engine.connect() as conn:
        row = conn.execute(
            select(Report.sha256, Report.raw_path)
            .join(Evaluation, Evaluation.report_id == Report.report_id)
            .join(Municipality, Municipality.code == Evaluation.municipality_code)
            .where(
                (func.lower(Municipality.name) == municipality.lower())
                | (Municipality.code == municipality),
                Evaluation.evaluation_year == year,
            )
        ).first()
    if row is None:
        raise ReprocessError(f"no evaluation of {municipality} {year} in the warehouse")
    return _stored(store, row.sha256, row.raw_path)


def targets(args: list[str], engine: Engine, store: RawStore) -> list[Path]:
    """SHA256-PREFIX | PATH | MUNICIPALITY YEAR → the stored PDF(s) to re-parse."""
    if len(args) == 2 and re.fullmatch(r"\d{4}", args[1]):
        return [by_municipality(engine, store, args[0], int(args[1]))]
    if len(args) != 1:
        raise ReprocessError("give one SHA256-PREFIX or PATH, or MUNICIPALITY YEAR, or --outdated")
    arg = args[0]
    if Path(arg).is_file():
        return [Path(arg)]
    if re.fullmatch(r"[0-9a-fA-F]{4,64}", arg):
        found = store.find(arg.lower())
        if len(found) == 1:
            return found
        if not found:
            raise ReprocessError(f"no stored PDF in {store.root} starts with {arg}")
        raise ReprocessError(f"{arg} is ambiguous: {len(found)} stored PDFs start with it")
    raise ReprocessError(f"{arg}: not a file, and not a sha256 prefix (4–64 hex digits)")
