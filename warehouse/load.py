"""Loading report records into the warehouse: each in one transaction, idempotent.

- the same PDF (sha256) already loaded by this parser version: nothing changes, `unchanged`;
- a different PDF for the same (municipality, year), or the same PDF parsed by a newer
  parser: the evaluation keeps its id and all its rows are replaced at once;
- any failure rolls the whole load back; the attempt is logged as `failed` with its reason;
- a record that is not complete is loaded all the same (partial data is still data) and the
  attempt says `loaded_incomplete`; the record's warnings say what is missing.
Every attempt lands in `ingest_attempt` (the `ingest_log` view).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from parsers import PARSER_VERSION, ReportError, parse_report
from schema.models import (
    AreaScore,
    Evaluation,
    Finding,
    HistoryRow,
    IngestAttempt,
    Inspiration,
    ParseWarning,
    QuestionScore,
    Report,
)
from schema.record import ReportRecord
from warehouse.db import describe
from warehouse.views import COMPLETENESS_CODES as INCOMPLETE

Status = Literal["loaded", "loaded_incomplete", "unchanged", "failed"]
LOADED = ("loaded", "loaded_incomplete")
CHILDREN = (AreaScore, QuestionScore, Finding, Inspiration, HistoryRow, ParseWarning)


@dataclass
class LoadResult:
    source: str
    status: Status
    sha256: str | None = None
    evaluation_id: int | None = None
    error_code: str | None = None
    error_message: str | None = None
    record: ReportRecord | None = None

    @property
    def line(self) -> str:
        """One line for people: what happened to this document."""
        name = Path(self.source).name if "://" not in self.source else self.source
        if self.status == "failed":
            return f"failed     {name}: {self.error_message}"
        what = ""
        if self.record is not None:
            r = self.record
            what = f" → {r.municipality.name} {r.evaluation_year} (evaluation {self.evaluation_id})"
        if self.status == "loaded_incomplete":
            what += f"; incomplete: {', '.join(self.missing)}"
        return f"{self.status:<10} {name}{what}"

    @property
    def missing(self) -> list[str]:
        """The record's completeness warning codes, each once (empty for a complete record)."""
        if self.record is None or self.record.complete:
            return []
        return list(dict.fromkeys(w.code for w in self.record.warnings if w.code in INCOMPLETE))


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def current_evaluation(conn: Connection, sha256: str) -> int | None:
    """Evaluation id if this exact PDF is already loaded by this parser version."""
    row = conn.execute(
        select(Report.report_id, Report.parser_version).where(Report.sha256 == sha256)
    ).first()
    if row is None or row.parser_version != PARSER_VERSION:
        return None
    return conn.execute(
        select(Evaluation.evaluation_id).where(Evaluation.report_id == row.report_id)
    ).scalar()


def log_attempt(engine: Engine, result: LoadResult, started_at: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(IngestAttempt).values(
                started_at=started_at,
                source=result.source,
                sha256=result.sha256,
                status=result.status,
                error_code=result.error_code,
                error_message=result.error_message,
                evaluation_id=result.evaluation_id if result.status in LOADED else None,
            )
        )


def load_record(
    conn: Connection,
    record: ReportRecord,
    *,
    source_url: str | None = None,
    raw_path: str | None = None,
) -> int:
    """Write one record inside the caller's transaction; returns the evaluation id."""
    now = utcnow()
    src = record.source
    report_values = {
        "source_url": source_url or src.url,
        "source_path": src.path,
        "raw_path": raw_path,
        "pages": src.pages,
        "parser_version": record.parser_version,
        "parsed_at": now,
    }
    report_id = conn.execute(select(Report.report_id).where(Report.sha256 == src.sha256)).scalar()
    if report_id is None:
        report_id = conn.execute(
            insert(Report).values(sha256=src.sha256, **report_values).returning(Report.report_id)
        ).scalar_one()
    else:  # a reprocess from raw_reports/ knows no URL: keep what an earlier load recorded
        keep = {
            k: v
            for k, v in report_values.items()
            if v is not None or k not in ("source_url", "source_path", "raw_path")
        }
        conn.execute(update(Report).where(Report.report_id == report_id).values(**keep))

    code = record.municipality.code
    eval_values = {
        "report_id": report_id,
        "instrument_version": record.instrument_version,
        "total_points": record.total.points,
        "total_max": record.total.max,
        "report_date": date.fromisoformat(record.report_date) if record.report_date else None,
        "publisher": record.publisher,
        "loaded_at": now,
        "complete": record.complete,
    }
    evaluation_id = conn.execute(
        select(Evaluation.evaluation_id).where(
            Evaluation.municipality_code == code,
            Evaluation.evaluation_year == record.evaluation_year,
        )
    ).scalar()
    if evaluation_id is None:
        evaluation_id = conn.execute(
            insert(Evaluation)
            .values(municipality_code=code, evaluation_year=record.evaluation_year, **eval_values)
            .returning(Evaluation.evaluation_id)
        ).scalar_one()
    else:
        conn.execute(
            update(Evaluation)
            .where(Evaluation.evaluation_id == evaluation_id)
            .values(**eval_values)
        )
        for model in CHILDREN:
            conn.execute(delete(model).where(model.evaluation_id == evaluation_id))
    insert_children(conn, evaluation_id, record)
    return evaluation_id


def child_rows(evaluation_id: int, record: ReportRecord) -> dict[type, list[dict]]:
    """The record flattened into rows of each child table."""
    e = evaluation_id
    rows: dict[type, list[dict]] = {model: [] for model in CHILDREN}
    for a in record.areas:
        rows[AreaScore].append(
            {
                "evaluation_id": e,
                "area_number": a.number,
                "area_name": a.name,
                "area_key": a.key,
                "theme": a.theme,
                "points": a.points,
                "max_points": a.max,
                "percent": a.percent,
                "page": a.page,
            }
        )
        for q in a.questions:
            rows[QuestionScore].append(
                {
                    "evaluation_id": e,
                    "question_id": q.id,
                    "area_number": a.number,
                    "question_text": q.text,
                    "points": q.points,
                    "max_points": q.max,
                    "percent": q.percent,
                    "page": q.page,
                }
            )
        for kind, items in (("strength", a.strengths), ("improvement", a.improvements)):
            for pos, f in enumerate(items, start=1):
                rows[Finding].append(
                    {
                        "evaluation_id": e,
                        "area_number": a.number,
                        "kind": kind,
                        "position": pos,
                        "text": f.text,
                        "page": f.page,
                    }
                )
        for pos, name in enumerate(a.inspiration, start=1):
            rows[Inspiration].append(
                {
                    "evaluation_id": e,
                    "area_number": a.number,
                    "position": pos,
                    "municipality_name": name,
                }
            )
    for pos, h in enumerate(record.history, start=1):
        rows[HistoryRow].append(
            {
                "evaluation_id": e,
                "position": pos,
                "year": h.year,
                "area_number": h.area_number,
                "area_name": h.area_name,
                "points": h.points,
            }
        )
    for pos, w in enumerate(record.warnings, start=1):
        rows[ParseWarning].append(
            {
                "evaluation_id": e,
                "position": pos,
                "code": w.code,
                "message": w.message,
                "page": w.page,
            }
        )
    return rows


def insert_children(conn: Connection, evaluation_id: int, record: ReportRecord) -> None:
    for model, rows in child_rows(evaluation_id, record).items():
        if rows:
            conn.execute(insert(model), rows)


def load_file(
    path: str | Path,
    engine: Engine,
    *,
    source: str | None = None,
    source_url: str | None = None,
    raw_path: str | None = None,
    force: bool = False,
    parse: Callable[..., ReportRecord] | None = None,
) -> LoadResult:
    """Parse one PDF (unless already loaded by this parser) and load it; log the attempt.

    Bad documents come back as a `failed` result; database errors are logged and re-raised.
    `parse` replaces `parse_report` (the pipeline parses in a child process with limits).
    """
    path = Path(path)
    started = utcnow()
    result = LoadResult(source=source or source_url or str(path), status="failed")
    try:
        result.sha256 = sha256_of(path)
    except OSError as e:
        result.error_code, result.error_message = "FileNotFoundError", f"cannot read: {e.strerror}"
        log_attempt(engine, result, started)
        return result
    if not force:
        with engine.connect() as conn:
            existing = current_evaluation(conn, result.sha256)
        if existing is not None:
            result.status, result.evaluation_id = "unchanged", existing
            log_attempt(engine, result, started)
            return result
    try:
        record = (parse or parse_report)(path, url=source_url)
    except ReportError as e:
        result.error_code, result.error_message = type(e).__name__, e.reason
        log_attempt(engine, result, started)
        return result
    result.record = record
    try:
        with engine.begin() as conn:
            result.evaluation_id = load_record(
                conn, record, source_url=source_url, raw_path=raw_path
            )
    except SQLAlchemyError as e:
        result.error_code, result.error_message = type(e).__name__, describe(e)
        result.evaluation_id = None
        try:
            log_attempt(engine, result, started)
        finally:
            raise
    result.status = "loaded" if record.complete else "loaded_incomplete"
    log_attempt(engine, result, started)
    return result
