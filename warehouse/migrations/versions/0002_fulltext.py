"""Full-text search over findings and sub-questions.

SQLite: FTS5 tables over `finding.text` and `question_score.question_text` (external content,
kept in sync by triggers). PostgreSQL: GIN indexes on Swedish tsvectors (stemming included).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (fts table, content table, text column)
FTS = [("finding_fts", "finding", "text"), ("question_fts", "question_score", "question_text")]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
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
    else:
        for fts, table, col in FTS:
            op.execute(
                f"CREATE INDEX ix_{fts} ON {table} USING gin (to_tsvector('swedish', {col}))"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts, table, _ in FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    else:
        for fts, _, _ in FTS:
            op.execute(f"DROP INDEX IF EXISTS ix_{fts}")
