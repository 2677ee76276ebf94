"""Initial schema, the contract's views, and the 290 municipalities.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from schema.kommuner import kommuner
from warehouse.frozen_views import VIEWS_0001

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "municipality",
        sa.Column("code", sa.String(length=4), nullable=False, comment="SCB kommunkod, e.g. 2417"),
        sa.Column(
            "name", sa.Text(), nullable=False, comment="official name without 'kommun', e.g. Norsjö"
        ),
        sa.Column("county_code", sa.String(length=2), nullable=False, comment="SCB länskod"),
        sa.Column(
            "county", sa.Text(), nullable=False, comment="county (län), e.g. Västerbottens län"
        ),
        sa.PrimaryKeyConstraint("code"),
        comment="Sweden's 290 municipalities (SCB), seeded by the first migration",
    )
    op.create_table(
        "report",
        sa.Column("report_id", sa.Integer(), nullable=False, comment="surrogate key"),
        sa.Column("sha256", sa.String(length=64), nullable=False, comment="of the PDF bytes"),
        sa.Column(
            "source_url",
            sa.Text(),
            nullable=True,
            comment="where the PDF came from; null for a local file",
        ),
        sa.Column("source_path", sa.Text(), nullable=True, comment="path the PDF was loaded from"),
        sa.Column(
            "raw_path", sa.Text(), nullable=True, comment="copy in raw_reports/, if stored there"
        ),
        sa.Column("pages", sa.Integer(), nullable=False, comment="page count"),
        sa.Column(
            "parser_version", sa.Text(), nullable=False, comment="parser that produced the rows"
        ),
        sa.Column("parsed_at", sa.DateTime(), nullable=False, comment="when it was parsed (UTC)"),
        sa.PrimaryKeyConstraint("report_id"),
        sa.UniqueConstraint("sha256"),
        comment="one row per distinct PDF (by sha256) that was loaded",
    )
    op.create_table(
        "evaluation",
        sa.Column("evaluation_id", sa.Integer(), nullable=False, comment="stable surrogate key"),
        sa.Column(
            "municipality_code", sa.String(length=4), nullable=False, comment="SCB kommunkod"
        ),
        sa.Column(
            "evaluation_year", sa.Integer(), nullable=False, comment="year the evaluation was made"
        ),
        sa.Column(
            "report_id", sa.Integer(), nullable=False, comment="the PDF the current rows come from"
        ),
        sa.Column(
            "instrument_version",
            sa.String(length=4),
            nullable=False,
            comment="instrument revision: 2002, 2010, 2016 or 2019",
        ),
        sa.Column(
            "total_points",
            sa.Float(),
            nullable=True,
            comment="total as printed (null if not printed)",
        ),
        sa.Column("total_max", sa.Float(), nullable=True, comment="sum of the areas' max points"),
        sa.Column("report_date", sa.Date(), nullable=True, comment="date printed on the report"),
        sa.Column("publisher", sa.Text(), nullable=True, comment="SKL or SKR, as printed"),
        sa.Column(
            "loaded_at", sa.DateTime(), nullable=False, comment="when these rows were loaded (UTC)"
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["report.report_id"],
        ),
        sa.PrimaryKeyConstraint("evaluation_id"),
        sa.UniqueConstraint(
            "municipality_code", "evaluation_year", name="uq_evaluation_natural_key"
        ),
        comment="one evaluation of a municipality in a year; its id is stable across reloads",
    )
    op.create_table(
        "area_score",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column(
            "area_number", sa.Integer(), nullable=False, comment="1–8, as numbered in its version"
        ),
        sa.Column("area_name", sa.Text(), nullable=False, comment="area name as printed"),
        sa.Column(
            "area_key", sa.Text(), nullable=False, comment="canonical area key within the version"
        ),
        sa.Column("theme", sa.Text(), nullable=True, comment="cross-version theme (crosswalk)"),
        sa.Column("points", sa.Float(), nullable=True, comment="points as printed"),
        sa.Column("max_points", sa.Float(), nullable=True, comment="max points as printed"),
        sa.Column("percent", sa.Float(), nullable=True, comment="percent as printed"),
        sa.Column("page", sa.Integer(), nullable=True, comment="page of the area's score table"),
        sa.CheckConstraint("area_number BETWEEN 1 AND 8", name="ck_area_number"),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.evaluation_id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "area_number"),
        comment="points of one area (huvudområde) in one evaluation",
    )
    op.create_table(
        "finding",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("area_number", sa.Integer(), nullable=False, comment="area of the finding"),
        sa.Column("kind", sa.String(length=11), nullable=False, comment="strength or improvement"),
        sa.Column("position", sa.Integer(), nullable=False, comment="1-based within area and kind"),
        sa.Column("text", sa.Text(), nullable=False, comment="the bullet, wrapped lines joined"),
        sa.Column("page", sa.Integer(), nullable=True, comment="page the bullet starts on"),
        sa.CheckConstraint("kind IN ('strength', 'improvement')", name="ck_finding_kind"),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.evaluation_id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "area_number", "kind", "position"),
        comment="one strength or improvement bullet",
    )
    op.create_table(
        "history_row",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="order in the record"),
        sa.Column("year", sa.Integer(), nullable=False, comment="the year the row is about"),
        sa.Column("area_number", sa.Integer(), nullable=True, comment="null for the total row"),
        sa.Column("area_name", sa.Text(), nullable=True, comment="row label as printed"),
        sa.Column("points", sa.Float(), nullable=True, comment="points as printed"),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.evaluation_id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "position"),
        comment="the report's own table of earlier and current scores, as printed",
    )
    op.create_table(
        "ingest_attempt",
        sa.Column("attempt_id", sa.Integer(), nullable=False, comment="surrogate key"),
        sa.Column("started_at", sa.DateTime(), nullable=False, comment="UTC"),
        sa.Column("source", sa.Text(), nullable=False, comment="URL or path"),
        sa.Column(
            "sha256", sa.String(length=64), nullable=True, comment="null if never downloaded"
        ),
        sa.Column(
            "status", sa.String(length=9), nullable=False, comment="loaded, unchanged or failed"
        ),
        sa.Column(
            "error_code", sa.Text(), nullable=True, comment="exception name, e.g. NoTextLayer"
        ),
        sa.Column("error_message", sa.Text(), nullable=True, comment="one line"),
        sa.Column("evaluation_id", sa.Integer(), nullable=True, comment="null unless loaded"),
        sa.CheckConstraint("status IN ('loaded', 'unchanged', 'failed')", name="ck_ingest_status"),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.evaluation_id"], ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("attempt_id"),
        comment="one row per attempt to ingest a document; failures are kept with reasons",
    )
    op.create_table(
        "inspiration",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("area_number", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="1-based, order in the text"),
        sa.Column("municipality_name", sa.Text(), nullable=False, comment="as named in the report"),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.evaluation_id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "area_number", "position"),
        comment="municipalities named as good examples for an area",
    )
    op.create_table(
        "parse_warning",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False, comment="e.g. history_total_mismatch"),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.evaluation_id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "position"),
        comment="what the parser noticed: sums that do not add up, missing tables",
    )
    op.create_table(
        "question_score",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=5), nullable=False, comment="e.g. 5.2"),
        sa.Column(
            "area_number", sa.Integer(), nullable=False, comment="area the question belongs to"
        ),
        sa.Column("question_text", sa.Text(), nullable=False, comment="whole question, as printed"),
        sa.Column("points", sa.Float(), nullable=True, comment="points as printed"),
        sa.Column("max_points", sa.Float(), nullable=True, comment="max points as printed"),
        sa.Column("percent", sa.Float(), nullable=True, comment="percent as printed"),
        sa.Column("page", sa.Integer(), nullable=True, comment="page the question is printed on"),
        sa.ForeignKeyConstraint(
            ["evaluation_id"], ["evaluation.evaluation_id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "question_id"),
        comment="points of one sub-question (delområde)",
    )
    municipality = sa.table(
        "municipality",
        sa.column("code"),
        sa.column("name"),
        sa.column("county_code"),
        sa.column("county"),
    )
    op.bulk_insert(
        municipality,
        [
            {"code": k.code, "name": k.name, "county_code": k.county_code, "county": k.county}
            for k in kommuner()
        ],
    )
    # The views are the public contract. A later change to a view needs a new migration
    # (DROP VIEW + CREATE VIEW); the SQL of this revision is frozen above.
    for name, sql in VIEWS_0001.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def downgrade() -> None:
    for name in reversed(list(VIEWS_0001)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("question_score")
    op.drop_table("parse_warning")
    op.drop_table("inspiration")
    op.drop_table("ingest_attempt")
    op.drop_table("history_row")
    op.drop_table("finding")
    op.drop_table("area_score")
    op.drop_table("evaluation")
    op.drop_table("report")
    op.drop_table("municipality")
