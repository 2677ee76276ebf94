from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import jsonschema
import pytest

from schema.record import json_schema

#: Prefect's state for the whole session (harness database, memo store, result storage) in a
#: temporary folder, not ~/.prefect: set before anything imports Prefect, which reads it once.
PREFECT_HOME = Path(tempfile.mkdtemp(prefix="kompass-test-prefect-"))
os.environ["PREFECT_HOME"] = str(PREFECT_HOME)

pytest_plugins = ["tests.warehouse_fixtures"]  # db_url: SQLite and PostgreSQL

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = sorted(FIXTURES.glob("*.expected.json"))


def golden_cases() -> list[str]:
    return [p.name.removesuffix(".expected.json") for p in GOLDEN]


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(PREFECT_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def prefect():
    """One temporary Prefect server for the whole session (real flow runs, real API)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture(scope="session")
def validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def load_expected(case: str) -> dict:
    return json.loads((FIXTURES / f"{case}.expected.json").read_text("utf-8"))
