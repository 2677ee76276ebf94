"""Database fixtures: a fresh SQLite file, or a fresh schema on the PostgreSQL test server.

PostgreSQL tests need KOMPASS_TEST_PG (a URL; `.ci/postgres.sh` starts a server and sets
it). Without it they skip, except under CI=true, where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

PG = os.environ.get("KOMPASS_TEST_PG")


def need_pg() -> str:
    if PG:
        return PG
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but KOMPASS_TEST_PG is not set: .ci/run must start PostgreSQL")
    pytest.skip("no PostgreSQL server (set KOMPASS_TEST_PG, e.g. via `. .ci/postgres.sh`)")


def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a new, empty schema; dropped afterwards."""
    base = need_pg()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'warehouse.db'}"
    else:
        yield from pg_schema_url()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The fixture warehouse: every fixture report loaded into one SQLite file, and one
    failed attempt (read it only)."""
    from pipeline.steps import load_file
    from tests.conftest import FIXTURES
    from warehouse.db import get_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'warehouse.db'}"
    engine = get_engine(url)
    for pdf in [*sorted(FIXTURES.glob("*.pdf")), FIXTURES / "bad" / "empty.pdf"]:
        load_file(pdf, engine)  # the last one fails: ingest_log has a failure to show
    return url
