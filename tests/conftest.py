from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from schema.record import json_schema

pytest_plugins = ["tests.warehouse_fixtures"]  # db_url: SQLite and PostgreSQL

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = sorted(FIXTURES.glob("*.expected.json"))


def golden_cases() -> list[str]:
    return [p.name.removesuffix(".expected.json") for p in GOLDEN]


@pytest.fixture(scope="session")
def validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def prefect():
    """One Prefect test server for the session (flows called in-process use it)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


def load_expected(case: str) -> dict:
    return json.loads((FIXTURES / f"{case}.expected.json").read_text("utf-8"))
