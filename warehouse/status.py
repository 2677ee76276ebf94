"""What is in the warehouse, on one screen (`kompass status`).

Reads only the views (and the schema revision), through a read-only connection. "Failed"
counts documents the way `kompass review` lists them (`warehouse.failures`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, text

from warehouse.failures import failed_attempts
from warehouse.load import INTERRUPTED_CODE


@dataclass
class Status:
    database: str
    revision: str | None
    per_version: pd.DataFrame  #: instrument_version, evaluation_year, evaluations
    municipalities: int
    incomplete: int
    unknown: int  #: loaded before the parser said whether a record is complete
    outdated: int  #: parsed by another parser version than the current one
    failed: int
    interrupted: int  #: latest attempt interrupted by a stop (Ctrl-C, SIGTERM), not loaded
    attempts: dict[str, int]  #: status -> attempts in the ingest log
    last: tuple | None  #: (started_at, the report it was, status) of the latest attempt
    parser_version: str | None


def status(engine: Engine, database: str, parser_version: str | None = None) -> Status:
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        evals = pd.read_sql_query(
            text(
                "SELECT municipality_code, municipality, instrument_version, evaluation_year, "
                "complete, parser_version, sha256, source_url FROM evaluations"
            ),
            conn,
        )
        log = pd.read_sql_query(
            text(
                "SELECT attempt_id, started_at, source, sha256, status, error_code FROM ingest_log"
            ),
            conn,
        ).sort_values("attempt_id")
        failed = failed_attempts(conn)
    per_version = (
        evals.groupby(["instrument_version", "evaluation_year"])
        .size()
        .rename("evaluations")
        .reset_index()
    )
    stopped = sum(a.error_code == INTERRUPTED_CODE for a in failed)
    last = log.iloc[-1] if len(log) else None
    return Status(
        database=database,
        revision=revision,
        per_version=per_version,
        municipalities=evals.municipality_code.nunique(),
        incomplete=int((evals.complete.notna() & ~evals.complete.astype("boolean")).sum()),
        unknown=int(evals.complete.isna().sum()),
        outdated=int((evals.parser_version != parser_version).sum()) if parser_version else 0,
        failed=len(failed) - stopped,
        interrupted=stopped,
        attempts=log.status.value_counts().to_dict(),
        last=None if last is None else (last.started_at, named(last, evals), last.status),
        parser_version=parser_version,
    )


def named(attempt: pd.Series, evals: pd.DataFrame) -> str:
    """An attempt's document as people know it: 'Norsjö 2018 (norsjo.pdf)' when its bytes
    are loaded, else its file name or URL. A raw copy (raw_reports/<sha256>.pdf, the source a
    reprocess logged before 1.2) is named by the report's URL instead, or not at all."""
    source = str(attempt.source)
    name = source if "://" in source else Path(source).name
    if attempt.sha256 and Path(source).stem == attempt.sha256:
        name = None
    found = evals[evals.sha256 == attempt.sha256]
    if found.empty:
        return name or source
    e = found.iloc[0]
    name = name or (e.source_url if isinstance(e.source_url, str) else None)
    report = f"{e.municipality} {e.evaluation_year}"
    return f"{report} ({name})" if name else report


def fit(name: str, room: int) -> str:
    """A name cut to `room` characters keeping what tells it apart: the report ("Norsjö
    2018") and the end of its file name or URL; a bare path keeps its end too."""
    if len(name) <= room:
        return name
    report, sep, origin = name.partition(" (")
    if sep and len(report) + 4 < room:
        keep = room - len(report) - 3  # " (…" before what is kept of the origin
        return f"{report} (…{origin[-keep:]}"
    return "…" + name[-(room - 1) :]


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render(s: Status, width: int = 80) -> list[str]:
    """The status as lines no longer than `width` (but for the database URL, shown whole)."""
    out = [f"warehouse {s.database} (schema revision {s.revision})"]
    total = int(s.per_version.evaluations.sum())
    if not total:
        out.append("no evaluations yet: kompass demo, kompass load FILE.pdf or kompass ingest")
    else:
        years = s.per_version.evaluation_year
        out.append(
            f"{_n(total, 'evaluation')} of {_n(s.municipalities, 'municipality')}, "
            f"{years.min()}–{years.max()}".replace("municipalitys", "municipalities")
        )
        out += ["", "instrument  evaluations  per year"]
        for version, rows in s.per_version.groupby("instrument_version"):
            per_year = ", ".join(f"{r.evaluation_year}: {r.evaluations}" for r in rows.itertuples())
            lead = f"{version:<10}  {int(rows.evaluations.sum()):>11}  "
            out += textwrap.wrap(
                per_year, width, initial_indent=lead, subsequent_indent=" " * len(lead)
            )
        out.append("")
    out.append(
        f"incomplete: {_n(s.incomplete, 'evaluation')}"
        + (" (kompass review lists what is missing)" if s.incomplete else "")
    )
    if s.unknown:
        out.append(
            f"not known whether complete: {_n(s.unknown, 'evaluation')} "
            "(kompass reprocess --outdated)"
        )
    out.append(
        f"failed: {_n(s.failed, 'document')} not loaded"
        + (" (kompass review says why and how to retry)" if s.failed else "")
    )
    if s.interrupted:
        out.append(
            f"interrupted: {_n(s.interrupted, 'document')} not loaded because a run was "
            "stopped (run kompass ingest again)"
        )
    if s.parser_version:
        out.append(
            f"parser {s.parser_version}: "
            + (
                f"{_n(s.outdated, 'evaluation')} read by an older parser "
                "(kompass reprocess --outdated)"
                if s.outdated
                else "every evaluation read by it"
            )
        )
    if s.last is None:
        out.append("last ingest: none recorded")
    else:
        started, report, state = s.last
        when = pd.Timestamp(started).strftime("%Y-%m-%d %H:%M UTC")
        counts = ", ".join(f"{n} {k}" for k, n in sorted(s.attempts.items()))
        lead = f"last ingest: {when}, {state}: "
        out.append(lead + fit(report, width - len(lead)))
        out.append(f"ingest log: {_n(sum(s.attempts.values()), 'attempt')} ({counts})")
    return out
