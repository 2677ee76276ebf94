"""Completeness: `evaluation.complete`, the `loaded_incomplete` ingest status, the
`evaluations` view with `complete` and `area_points_sum`, and the new `warnings` view.

Rows loaded before this revision get `complete = NULL` ("not known"): the rules live in the
parser, which a migration does not run. Their parser version is older than 1.1, so
`kompass reprocess --outdated` re-parses exactly them and fills the flag.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warehouse.frozen_views import VIEWS_0001, VIEWS_0003

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('loaded', 'unchanged', 'failed')"
NEW_STATUSES = "status IN ('loaded', 'loaded_incomplete', 'unchanged', 'failed')"


def _drop_views(names) -> None:
    for name in reversed(list(names)):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def _status(width: int, check: str) -> None:
    """SQLite cannot alter a CHECK constraint: batch mode copies the table."""
    with op.batch_alter_table("ingest_attempt") as batch:
        batch.drop_constraint("ck_ingest_status", type_="check")
        batch.alter_column(
            "status",
            type_=sa.String(length=width),
            existing_nullable=False,
            comment="loaded, loaded_incomplete, unchanged or failed",
        )
        batch.create_check_constraint("ck_ingest_status", check)


def upgrade() -> None:
    _drop_views(VIEWS_0001)  # views name the tables batch mode copies
    op.add_column(
        "evaluation",
        sa.Column(
            "complete",
            sa.Boolean(),
            nullable=True,
            comment="the record's complete flag; null for rows loaded before parser 1.1 "
            "(kompass reprocess --outdated fills it)",
        ),
    )
    _status(20, NEW_STATUSES)
    for name, sql in VIEWS_0003.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def downgrade() -> None:
    _drop_views(VIEWS_0003)
    op.execute("UPDATE ingest_attempt SET status = 'loaded' WHERE status = 'loaded_incomplete'")
    _status(9, OLD_STATUSES)
    # not batch mode: copying `evaluation` on SQLite would cascade-delete its child rows;
    # SQLite (3.35+) and PostgreSQL both drop a column in place
    op.drop_column("evaluation", "complete")
    for name, sql in VIEWS_0001.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")
