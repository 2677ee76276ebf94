"""The Python API for researchers: every view as a pandas DataFrame.

    from warehouse.api import Warehouse
    wh = Warehouse()                      # KOMPASS_DB or the default SQLite file
    wh.area_scores().query("municipality == 'Norsjö'")
    wh.query("SELECT * FROM findings WHERE text LIKE :w", w="%visselblås%")

Dates and timestamps come back as pandas datetimes, numbers as floats and flags as pandas
nullable booleans on every engine, so a notebook gives the same frame on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select, text

from schema.kommuner import UnknownMunicipality, lookup
from schema.models import Evaluation, Municipality, Report
from warehouse import export, kompass_version
from warehouse.db import get_reader, resolve_url, shown
from warehouse.views import COLUMNS, ORDER_BY, VIEWS

FORMATS = export.FORMATS


def _typed(df: pd.DataFrame, view: str | None) -> pd.DataFrame:
    for col, (kind, _) in (COLUMNS.get(view, {}) if view else {}).items():
        if col not in df:
            continue
        if kind in ("date", "timestamp"):
            df[col] = pd.to_datetime(df[col])
        elif kind == "numeric":
            df[col] = pd.to_numeric(df[col]).astype("float64")
        elif kind == "integer":
            df[col] = pd.to_numeric(df[col]).astype("Int64")
        elif kind == "boolean":  # SQLite has 0/1, PostgreSQL true/false: both become boolean
            df[col] = df[col].astype("boolean")
    return df


class Warehouse:
    def __init__(self, url: str | None = None):
        self.url = resolve_url(url)
        self.engine = get_reader(self.url)  # read-only: a long query never blocks a load

    def query(self, sql: str, **params) -> pd.DataFrame:
        """Any SQL, with :named parameters."""
        with self.engine.connect() as conn:
            return pd.read_sql_query(text(sql), conn, params=params or None)

    def view(self, name: str) -> pd.DataFrame:
        if name not in VIEWS:
            raise KeyError(f"no view {name!r}; views: {', '.join(VIEWS)}")
        df = self.query(f"SELECT * FROM {name} ORDER BY {ORDER_BY[name]}")
        return _typed(df, name)

    def evaluations(self) -> pd.DataFrame:
        """One row per evaluation of a municipality."""
        return self.view("evaluations")

    def area_scores(self) -> pd.DataFrame:
        """One row per evaluation and area."""
        return self.view("area_scores")

    def question_scores(self) -> pd.DataFrame:
        """One row per evaluation and sub-question."""
        return self.view("question_scores")

    def findings(self) -> pd.DataFrame:
        """One row per strength or improvement bullet."""
        return self.view("findings")

    def reported_history(self) -> pd.DataFrame:
        """Score tables as printed inside reports."""
        return self.view("reported_history")

    def ingest_log(self) -> pd.DataFrame:
        """One row per attempt to ingest a document."""
        return self.view("ingest_log")

    def warnings(self) -> pd.DataFrame:
        """One row per warning the parser raised (completeness codes and data-quality ones)."""
        return self.view("warnings")

    def export(self, out_dir: str | Path, fmt: str = "csv") -> list[Path]:
        """Write every view into `out_dir` (one file per view; xlsx: one workbook with a
        sheet per view and an "about" sheet); returns the paths."""
        about = export.about_rows(shown(self.url), kompass_version(), COLUMNS)
        frames = {name: (lambda name=name: self.view(name)) for name in VIEWS}
        return export.export_views(frames, out_dir, fmt, about)


# --- what to re-parse (`kompass reprocess` asks here; the pipeline runs no ORM query) ------


@dataclass(frozen=True)
class StoredReport:
    """A loaded report's PDF: its sha256, where the raw copy was kept, where it came from
    (the URL, or the path it was first loaded from) and what it is (municipality, year)."""

    sha256: str
    raw_path: str | None
    source_url: str | None = None
    source_path: str | None = None
    municipality: str | None = None
    year: int | None = None

    @property
    def origin(self) -> str | None:
        """The URL, else the original file's path (None when neither was recorded)."""
        return self.source_url or self.source_path


_STORED = (
    Report.sha256,
    Report.raw_path,
    Report.source_url,
    Report.source_path,
    Municipality.name,
    Evaluation.evaluation_year,
)


def _stored_reports(engine: Engine, *where) -> list[StoredReport]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_STORED)
            .join(Evaluation, Evaluation.report_id == Report.report_id)
            .join(Municipality, Municipality.code == Evaluation.municipality_code)
            .where(*where)
            .order_by(Report.report_id)
        ).all()
    return [StoredReport(*r) for r in rows]


def stored_report(engine: Engine, sha256: str) -> StoredReport | None:
    """The loaded report with these bytes, if any."""
    found = _stored_reports(engine, Report.sha256 == sha256)
    return found[0] if found else None


def outdated_reports(engine: Engine, parser_version: str) -> list[StoredReport]:
    """Every loaded report whose rows come from another parser version than `parser_version`."""
    return _stored_reports(engine, Report.parser_version != parser_version)


def report_of(engine: Engine, municipality: str, year: int) -> StoredReport | None:
    """The report loaded for a municipality (name in any case, å/ä/ö optional, or SCB code:
    `schema.kommuner.lookup`) and year; None when there is none (or no such municipality)."""
    try:
        code = lookup(municipality).code
    except UnknownMunicipality:
        return None
    found = _stored_reports(engine, Municipality.code == code, Evaluation.evaluation_year == year)
    return found[0] if found else None


def evaluated_municipalities(engine: Engine) -> dict[str, list[int]]:
    """Municipality name → the years it has an evaluation of in the warehouse."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Municipality.name, Evaluation.evaluation_year)
            .join(Evaluation, Evaluation.municipality_code == Municipality.code)
            .order_by(Municipality.name, Evaluation.evaluation_year)
        ).all()
    out: dict[str, list[int]] = {}
    for name, year in rows:
        out.setdefault(name, []).append(year)
    return out
