"""Pages and inspiration in the views; Swedish stemming for full-text search on SQLite.

- `history_row.page` (null until the parser records the page of a history table);
- the base table `inspiration` becomes `inspiration_example`, freeing the name for the view;
- views (frozen as `VIEWS_0004`): `evaluations.publisher`; `area_scores.page`; `reported_history` with municipality,
  evaluation_year (of the report that printed the table) and page; the `inspiration` view;
- SQLite: `finding_fts` and `question_fts` index the Snowball stems of each text
  (`warehouse/fulltext.py`), kept by triggers that call `kompass_stem()`, so inflected forms
  match as with PostgreSQL's `swedish` configuration (unchanged there).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warehouse import fulltext
from warehouse.frozen_views import VIEWS_0003, VIEWS_0004

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (fts table, content table, text column)
FTS = [("finding_fts", "finding", "text"), ("question_fts", "question_score", "question_text")]


def _views(drop: dict[str, str], create: dict[str, str]) -> None:
    for name in reversed(list(drop)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for name, sql in create.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def _drop_fts() -> None:
    for fts, table, _ in FTS:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def _stemmed_fts() -> None:
    fulltext.register(op.get_bind().connection.driver_connection)
    for fts, table, col in FTS:
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(stems, "
            "tokenize='unicode61 remove_diacritics 0')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, stems) VALUES (new.rowid, kompass_stem(new.{col})); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.rowid; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.rowid; "
            f"INSERT INTO {fts}(rowid, stems) VALUES (new.rowid, kompass_stem(new.{col})); END"
        )
        op.execute(
            f"INSERT INTO {fts}(rowid, stems) SELECT rowid, kompass_stem({col}) FROM {table}"
        )


def _plain_fts() -> None:
    """Revision 0002's tables: words as written."""
    for fts, table, col in FTS:
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({col}, content='{table}', "
            "content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {col}) VALUES (new.rowid, new.{col}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {col}) VALUES ('delete', old.rowid, old.{col}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {col}) VALUES ('delete', old.rowid, old.{col}); "
            f"INSERT INTO {fts}(rowid, {col}) VALUES (new.rowid, new.{col}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    _views(VIEWS_0003, {})
    op.add_column(
        "history_row",
        sa.Column(
            "page",
            sa.Integer(),
            nullable=True,
            comment="page the table is printed on (null until the parser records it)",
        ),
    )
    op.rename_table("inspiration", "inspiration_example")
    if op.get_bind().dialect.name == "sqlite":
        _drop_fts()
        _stemmed_fts()
    _views({}, VIEWS_0004)


def downgrade() -> None:
    _views(VIEWS_0004, {})
    if op.get_bind().dialect.name == "sqlite":
        _drop_fts()
        _plain_fts()
    op.rename_table("inspiration_example", "inspiration")
    op.drop_column("history_row", "page")
    _views({}, VIEWS_0003)
