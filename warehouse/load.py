"""Storing report records in the warehouse: each in one transaction, idempotent.

The warehouse never reads a PDF: the pipeline (`pipeline.steps`) hashes, parses and hands
over a `ReportRecord`; this module writes it and logs every attempt.

- the same PDF (sha256) already loaded by this parser version: nothing changes, `unchanged`;
- a different PDF for the same (municipality, year), or the same PDF parsed by a newer
  parser: the evaluation keeps its id and all its rows are replaced at once;
- any failure rolls the whole load back; the attempt is logged as `failed` with its reason;
- a record that is not complete is loaded all the same (partial data is still data) and the
  attempt says `loaded_incomplete`; the record's warnings say what is missing.
Every attempt lands in `ingest_attempt` (the `ingest_log` view).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

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
from schema.record import Area, ReportRecord
from warehouse.db import describe
from warehouse.views import COMPLETENESS_CODES as INCOMPLETE

Status = Literal["loaded", "loaded_incomplete", "unchanged", "failed"]
LOADED = ("loaded", "loaded_incomplete")
CHILDREN = (AreaScore, QuestionScore, Finding, Inspiration, HistoryRow, ParseWarning)


#: error_code in ingest_log of a document a stop (Ctrl-C, SIGTERM) left unloaded: nothing is
#: wrong with it, the next run loads it (counted apart from failures by summaries and status).
INTERRUPTED_CODE = "Interrupted"


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


def current_evaluation(conn: Connection, sha256: str, parser_version: str) -> int | None:
    """Evaluation id if this exact PDF is already loaded by `parser_version`."""
    row = conn.execute(
        select(Report.report_id, Report.parser_version).where(Report.sha256 == sha256)
    ).first()
    if row is None or row.parser_version != parser_version:
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
    """Write one record inside the caller's transaction; returns the evaluation id. The
    report (by sha256), then the evaluation (by municipality and year, its children replaced),
    then the children (`child_rows`)."""
    now = utcnow()
    report_id = _upsert_report(conn, record, now, source_url, raw_path)
    evaluation_id = _upsert_evaluation(conn, record, report_id, now)
    insert_children(conn, evaluation_id, record)
    return evaluation_id


def _upsert_report(
    conn: Connection,
    record: ReportRecord,
    now: datetime,
    source_url: str | None,
    raw_path: str | None,
) -> int:
    """The report row of the record's PDF: inserted, or updated where it was loaded before."""
    src = record.source
    report_values = {
        "source_url": source_url or src.url,
        "source_path": src.path,
        "raw_path": raw_path,
        "pages": src.pages,
        "parser_version": record.parser_version,
        "parsed_at": now,
        "reader": src.reader,
        "text_layer": src.text_layer,
        "structure": src.structure,
        "ocr_engine": (src.ocr or {}).get("engine"),
        "ocr_languages": (src.ocr or {}).get("languages"),
        "ocr_mean_confidence": (src.ocr or {}).get("mean_confidence"),
    }
    report_id = conn.execute(select(Report.report_id).where(Report.sha256 == src.sha256)).scalar()
    if report_id is None:
        return conn.execute(
            insert(Report).values(sha256=src.sha256, **report_values).returning(Report.report_id)
        ).scalar_one()
    # a reprocess from raw_reports/ knows no URL: keep what an earlier load recorded
    keep = {
        k: v
        for k, v in report_values.items()
        if v is not None or k not in ("source_url", "source_path", "raw_path")
    }
    conn.execute(update(Report).where(Report.report_id == report_id).values(**keep))
    return report_id


def _upsert_evaluation(
    conn: Connection, record: ReportRecord, report_id: int, now: datetime
) -> int:
    """The evaluation row (one per municipality and year): inserted, or updated with its
    child rows deleted, to be written anew."""
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
        return conn.execute(
            insert(Evaluation)
            .values(municipality_code=code, evaluation_year=record.evaluation_year, **eval_values)
            .returning(Evaluation.evaluation_id)
        ).scalar_one()
    conn.execute(
        update(Evaluation).where(Evaluation.evaluation_id == evaluation_id).values(**eval_values)
    )
    for model in CHILDREN:
        conn.execute(delete(model).where(model.evaluation_id == evaluation_id))
    return evaluation_id


def child_rows(evaluation_id: int, record: ReportRecord) -> dict[type, list[dict]]:
    """The record flattened into rows of each child table: each area's rows, then the printed
    history table and the warnings."""
    e = evaluation_id
    rows: dict[type, list[dict]] = {model: [] for model in CHILDREN}
    for a in record.areas:
        for model, part in area_rows(e, a).items():
            rows[model] += part
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


def area_rows(e: int, a: Area) -> dict[type, list[dict]]:
    """One area's rows: its score, its sub-questions, its findings (strengths first, each
    kind numbered from 1) and the municipalities it names as inspiration."""
    return {
        AreaScore: [
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
        ],
        QuestionScore: [
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
            for q in a.questions
        ],
        Finding: [
            {
                "evaluation_id": e,
                "area_number": a.number,
                "kind": kind,
                "position": pos,
                "text": f.text,
                "page": f.page,
            }
            for kind, items in (("strength", a.strengths), ("improvement", a.improvements))
            for pos, f in enumerate(items, start=1)
        ],
        Inspiration: [
            {"evaluation_id": e, "area_number": a.number, "position": pos, "municipality_name": n}
            for pos, n in enumerate(a.inspiration, start=1)
        ],
    }


def insert_children(conn: Connection, evaluation_id: int, record: ReportRecord) -> None:
    for model, rows in child_rows(evaluation_id, record).items():
        if rows:
            conn.execute(insert(model), rows)


def loaded_by(engine: Engine, sha256: str, parser_version: str) -> int | None:
    """Evaluation id if this exact PDF is loaded by `parser_version` (nothing to do)."""
    with engine.connect() as conn:
        return current_evaluation(conn, sha256, parser_version)


def log_result(
    engine: Engine,
    source: str,
    status: Status,
    sha256: str | None = None,
    *,
    evaluation_id: int | None = None,
    error_code: str | None = None,
    error_message: str | None = None,
    started_at: datetime | None = None,
) -> LoadResult:
    """Record an attempt that stored nothing (unchanged, or failed with its reason)."""
    result = LoadResult(source, status, sha256, evaluation_id, error_code, error_message)
    log_attempt(engine, result, started_at or utcnow())
    return result


def store_record(
    engine: Engine,
    record: ReportRecord,
    *,
    source: str,
    raw_path: str | None = None,
    started_at: datetime | None = None,
) -> LoadResult:
    """Load one record in one transaction and log the attempt (`loaded` or
    `loaded_incomplete`). A database error is logged as `failed` and re-raised: the
    transaction rolled back and the rows from before stay."""
    started = started_at or utcnow()
    result = LoadResult(source=source, status="failed", sha256=record.source.sha256)
    result.record = record
    try:
        with engine.begin() as conn:
            result.evaluation_id = load_record(
                conn, record, source_url=record.source.url, raw_path=raw_path
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
