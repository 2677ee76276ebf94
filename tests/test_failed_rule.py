"""The one rule for "a failed document", as `kompass status` counts them and `kompass review`
lists them: a source whose latest attempt failed, unless the same bytes are loaded by now
(e.g. by a reprocess, which logs the raw copy's path as its source)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert

from pipeline.review import failed_documents
from pipeline.steps import load_file
from schema.models import IngestAttempt
from tests.conftest import FIXTURES
from warehouse import status as st
from warehouse.db import get_engine, get_read_only

T0 = datetime(2026, 1, 5, 6, 0)


def attempt(engine, minute: int, source: str, sha256: str | None, status: str) -> None:
    failed = status == "failed"
    with engine.begin() as conn:
        conn.execute(
            insert(IngestAttempt).values(
                started_at=T0 + timedelta(minutes=minute),
                source=source,
                sha256=sha256,
                status=status,
                error_code="NoTextLayer" if failed else None,
                error_message="PDF has no text layer" if failed else None,
            )
        )


def test_status_and_review_agree_on_the_failed_documents(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = get_engine(url)
    norsjo = load_file(FIXTURES / "norsjo-2018.pdf", engine, source="raw/norsjo.pdf")
    attempt(engine, 1, "https://a/norsjo.pdf", norsjo.sha256, "failed")  # bytes loaded since
    attempt(engine, 2, "https://a/never.pdf", None, "failed")  # never downloaded
    attempt(engine, 3, "https://a/fixed.pdf", "ab" * 32, "failed")
    attempt(engine, 4, "https://a/fixed.pdf", "ab" * 32, "unchanged")  # latest attempt counts
    attempt(engine, 5, "https://a/broke.pdf", "cd" * 32, "loaded")
    attempt(engine, 6, "https://a/broke.pdf", "ef" * 32, "failed")  # a new version failed
    load_file(FIXTURES / "bad" / "empty.pdf", engine, source="empty.pdf")

    listed = [f.source for f in failed_documents(engine)]
    assert listed == ["https://a/never.pdf", "https://a/broke.pdf", "empty.pdf"]
    assert st.status(get_read_only(url), url).failed == len(listed)
