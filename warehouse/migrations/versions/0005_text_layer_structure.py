"""Where a report's text and structure came from: `report.reader`, `text_layer`, `structure`
and the OCR's engine, languages and mean confidence; `evaluations.text_layer` and `structure`
(the contract's), then `publisher`, `reader` and `ocr_mean_confidence` (views frozen as
`VIEWS_0005`).

Rows loaded before this revision were all read from their own text layer by the layout
reading, so `text_layer = 'pdf'` and `structure = 'layout'` are true of them; the reader was
not recorded and stays null.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warehouse.frozen_views import VIEWS_0004, VIEWS_0005

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = [
    sa.Column("reader", sa.Text(), nullable=True, comment="character reader; null before 0005"),
    sa.Column(
        "text_layer",
        sa.Text(),
        nullable=False,
        server_default="pdf",
        comment="pdf: the document's own text; ocr: recognised",
    ),
    sa.Column(
        "structure",
        sa.Text(),
        nullable=False,
        server_default="layout",
        comment="tags: from the structure tree; layout: positions",
    ),
    sa.Column("ocr_engine", sa.Text(), nullable=True, comment="e.g. tesseract 5.3.0"),
    sa.Column("ocr_languages", sa.Text(), nullable=True, comment="e.g. swe"),
    sa.Column(
        "ocr_mean_confidence",
        sa.Float(),
        nullable=True,
        comment="mean word confidence of the OCR (0-100)",
    ),
]


def _views(drop: dict[str, str], create: dict[str, str]) -> None:
    for name in reversed(list(drop)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for name, sql in create.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def upgrade() -> None:
    _views(VIEWS_0004, {})
    for column in COLUMNS:
        op.add_column("report", column)
    _views({}, VIEWS_0005)


def downgrade() -> None:
    _views(VIEWS_0005, {})
    for column in reversed(COLUMNS):
        op.drop_column("report", column.name)
    _views({}, VIEWS_0004)
