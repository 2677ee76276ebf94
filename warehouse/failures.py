"""The one rule for "a failed document", shared by `kompass status` (which counts them) and
`kompass review` (which lists them): a source whose latest attempt in the ingest log failed,
unless the same bytes are loaded by now (e.g. by a reprocess, which logs the raw copy's path
as its source, or by another URL serving the same file)."""

from __future__ import annotations

from sqlalchemy import Connection, Row, text


def failed_attempts(conn: Connection) -> list[Row]:
    """The latest attempt of each failed document (source, sha256, error_code,
    error_message), in the order of the log."""
    attempts = conn.execute(
        text(
            "SELECT source, sha256, status, error_code, error_message FROM ingest_log "
            "ORDER BY attempt_id"
        )
    ).all()
    loaded = {r.sha256 for r in conn.execute(text("SELECT sha256 FROM evaluations"))}
    latest = {a.source: a for a in attempts}
    return [a for a in latest.values() if a.status == "failed" and a.sha256 not in loaded]
