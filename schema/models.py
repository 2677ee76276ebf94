"""Warehouse base tables (SQLAlchemy 2). Researchers query the views (`warehouse/views.py`),
whose names and columns are the public contract; these tables may change with a migration.

Naming: tables are singular (`evaluation`), the contract's views plural (`evaluations`);
keys end in `_id`, SCB codes in `_code`, dates in `_date`, timestamps in `_at`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Municipality(Base):
    __tablename__ = "municipality"
    __table_args__ = {"comment": "Sweden's 290 municipalities (SCB), seeded by the first migration"}

    code: Mapped[str] = mapped_column(
        String(4), primary_key=True, comment="SCB kommunkod, e.g. 2417"
    )
    name: Mapped[str] = mapped_column(Text, comment="official name without 'kommun', e.g. Norsjö")
    county_code: Mapped[str] = mapped_column(String(2), comment="SCB länskod")
    county: Mapped[str] = mapped_column(Text, comment="county (län), e.g. Västerbottens län")


class Report(Base):
    __tablename__ = "report"
    __table_args__ = {"comment": "one row per distinct PDF (by sha256) that was loaded"}

    report_id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="surrogate key")
    sha256: Mapped[str] = mapped_column(String(64), unique=True, comment="of the PDF bytes")
    source_url: Mapped[str | None] = mapped_column(
        Text, comment="where the PDF came from; null for a local file"
    )
    source_path: Mapped[str | None] = mapped_column(Text, comment="path the PDF was loaded from")
    raw_path: Mapped[str | None] = mapped_column(
        Text, comment="copy in raw_reports/, if stored there"
    )
    pages: Mapped[int] = mapped_column(Integer, comment="page count")
    parser_version: Mapped[str] = mapped_column(Text, comment="parser that produced the rows")
    parsed_at: Mapped[datetime] = mapped_column(DateTime, comment="when it was parsed (UTC)")
    reader: Mapped[str | None] = mapped_column(
        Text, comment="character reader (pdfplumber or pdfium); null before revision 0005"
    )
    text_layer: Mapped[str] = mapped_column(
        Text, server_default="pdf", comment="pdf: the document's own text; ocr: recognised"
    )
    structure: Mapped[str] = mapped_column(
        Text, server_default="layout", comment="tags: from the structure tree; layout: positions"
    )
    ocr_engine: Mapped[str | None] = mapped_column(Text, comment="e.g. tesseract 5.3.0")
    ocr_languages: Mapped[str | None] = mapped_column(Text, comment="e.g. swe")
    ocr_mean_confidence: Mapped[float | None] = mapped_column(
        Float, comment="mean word confidence of the OCR (0-100)"
    )


class Evaluation(Base):
    __tablename__ = "evaluation"
    __table_args__ = (
        UniqueConstraint("municipality_code", "evaluation_year", name="uq_evaluation_natural_key"),
        {"comment": "one evaluation of a municipality in a year; its id is stable across reloads"},
    )

    evaluation_id: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="stable surrogate key"
    )
    municipality_code: Mapped[str] = mapped_column(
        ForeignKey("municipality.code"), comment="SCB kommunkod"
    )
    evaluation_year: Mapped[int] = mapped_column(Integer, comment="year the evaluation was made")
    report_id: Mapped[int] = mapped_column(
        ForeignKey("report.report_id"), comment="the PDF the current rows come from"
    )
    instrument_version: Mapped[str] = mapped_column(
        String(4), comment="instrument revision: 2002, 2010, 2016 or 2019"
    )
    total_points: Mapped[float | None] = mapped_column(
        Float, comment="total as printed (null if not printed)"
    )
    total_max: Mapped[float | None] = mapped_column(Float, comment="sum of the areas' max points")
    report_date: Mapped[date | None] = mapped_column(Date, comment="date printed on the report")
    publisher: Mapped[str | None] = mapped_column(Text, comment="SKL or SKR, as printed")
    loaded_at: Mapped[datetime] = mapped_column(
        DateTime, comment="when these rows were loaded (UTC)"
    )
    complete: Mapped[bool | None] = mapped_column(
        Boolean,
        comment="the record's complete flag; null for rows loaded before parser 1.1 "
        "(kompass reprocess --outdated fills it)",
    )


class AreaScore(Base):
    __tablename__ = "area_score"
    __table_args__ = (
        CheckConstraint("area_number BETWEEN 1 AND 8", name="ck_area_number"),
        {"comment": "points of one area (huvudområde) in one evaluation"},
    )

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.evaluation_id", ondelete="CASCADE"), primary_key=True
    )
    area_number: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="1–8, as numbered in its version"
    )
    area_name: Mapped[str] = mapped_column(Text, comment="area name as printed")
    area_key: Mapped[str] = mapped_column(Text, comment="canonical area key within the version")
    theme: Mapped[str | None] = mapped_column(Text, comment="cross-version theme (crosswalk)")
    points: Mapped[float | None] = mapped_column(Float, comment="points as printed")
    max_points: Mapped[float | None] = mapped_column(Float, comment="max points as printed")
    percent: Mapped[float | None] = mapped_column(Float, comment="percent as printed")
    page: Mapped[int | None] = mapped_column(Integer, comment="page of the area's score table")


class QuestionScore(Base):
    __tablename__ = "question_score"
    __table_args__ = {"comment": "points of one sub-question (delområde)"}

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.evaluation_id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(5), primary_key=True, comment="e.g. 5.2")
    area_number: Mapped[int] = mapped_column(Integer, comment="area the question belongs to")
    question_text: Mapped[str] = mapped_column(Text, comment="whole question, as printed")
    points: Mapped[float | None] = mapped_column(Float, comment="points as printed")
    max_points: Mapped[float | None] = mapped_column(Float, comment="max points as printed")
    percent: Mapped[float | None] = mapped_column(Float, comment="percent as printed")
    page: Mapped[int | None] = mapped_column(Integer, comment="page the question is printed on")


class Finding(Base):
    __tablename__ = "finding"
    __table_args__ = (
        CheckConstraint("kind IN ('strength', 'improvement')", name="ck_finding_kind"),
        {"comment": "one strength or improvement bullet"},
    )

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.evaluation_id", ondelete="CASCADE"), primary_key=True
    )
    area_number: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="area of the finding"
    )
    kind: Mapped[str] = mapped_column(
        String(11), primary_key=True, comment="strength or improvement"
    )
    position: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="1-based within area and kind"
    )
    text: Mapped[str] = mapped_column(Text, comment="the bullet, wrapped lines joined")
    page: Mapped[int | None] = mapped_column(Integer, comment="page the bullet starts on")


class Inspiration(Base):
    __tablename__ = "inspiration_example"
    __table_args__ = {"comment": "municipalities named as good examples for an area"}

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.evaluation_id", ondelete="CASCADE"), primary_key=True
    )
    area_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="1-based, order in the text"
    )
    municipality_name: Mapped[str] = mapped_column(Text, comment="as named in the report")


class HistoryRow(Base):
    __tablename__ = "history_row"
    __table_args__ = {"comment": "the report's own table of earlier and current scores, as printed"}

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.evaluation_id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, comment="order in the record")
    year: Mapped[int] = mapped_column(Integer, comment="the year the row is about")
    area_number: Mapped[int | None] = mapped_column(Integer, comment="null for the total row")
    area_name: Mapped[str | None] = mapped_column(Text, comment="row label as printed")
    points: Mapped[float | None] = mapped_column(Float, comment="points as printed")
    page: Mapped[int | None] = mapped_column(
        Integer, comment="page the table is printed on (null until the parser records it)"
    )


class ParseWarning(Base):
    __tablename__ = "parse_warning"
    __table_args__ = {"comment": "what the parser noticed: sums that do not add up, missing tables"}

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.evaluation_id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Text, comment="e.g. history_total_mismatch")
    message: Mapped[str] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)


class IngestAttempt(Base):
    __tablename__ = "ingest_attempt"
    __table_args__ = (
        CheckConstraint(
            "status IN ('loaded', 'loaded_incomplete', 'unchanged', 'failed')",
            name="ck_ingest_status",
        ),
        {"comment": "one row per attempt to ingest a document; failures are kept with reasons"},
    )

    attempt_id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="surrogate key")
    started_at: Mapped[datetime] = mapped_column(DateTime, comment="UTC")
    source: Mapped[str] = mapped_column(Text, comment="URL or path")
    sha256: Mapped[str | None] = mapped_column(String(64), comment="null if never downloaded")
    status: Mapped[str] = mapped_column(
        String(20), comment="loaded, loaded_incomplete, unchanged or failed"
    )
    error_code: Mapped[str | None] = mapped_column(Text, comment="exception name, e.g. NoTextLayer")
    error_message: Mapped[str | None] = mapped_column(Text, comment="one line")
    evaluation_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation.evaluation_id", ondelete="SET NULL"),
        comment="null unless loaded",
    )
