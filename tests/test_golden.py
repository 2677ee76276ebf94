"""Every fixture report parses to exactly its expected record, field by field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from parsers import PARSER_VERSION, parse_report
from tests.conftest import FIXTURES, golden_cases, load_expected


def differences(got: Any, exp: Any, path: str = "") -> list[str]:
    if isinstance(got, dict) and isinstance(exp, dict):
        out = []
        for k in sorted(set(got) | set(exp)):
            out += differences(got.get(k, "<missing>"), exp.get(k, "<missing>"), f"{path}.{k}")
        return out
    if isinstance(got, list) and isinstance(exp, list):
        out = [f"{path}: {len(got)} items, expected {len(exp)}"] if len(got) != len(exp) else []
        for i, (g, e) in enumerate(zip(got, exp, strict=False)):
            out += differences(g, e, f"{path}[{i}]")
        return out
    return (
        [] if got == exp and type(got) is type(exp) else [f"{path}: got {got!r}, expected {exp!r}"]
    )


@pytest.fixture(scope="module", params=golden_cases())
def parsed(request: pytest.FixtureRequest) -> tuple[str, dict]:
    case = request.param
    return case, parse_report(FIXTURES / f"{case}.pdf").to_dict()


def test_record_matches_expected(parsed: tuple[str, dict]) -> None:
    case, got = parsed
    got = json.loads(json.dumps(got))  # the module's record stays whole for the other tests
    exp = load_expected(case)
    assert got["source"].pop("path").endswith(f"{case}.pdf")
    assert got["source"].pop("url") is None
    assert got.pop("parser_version") == PARSER_VERSION
    diffs = differences(got, exp)
    assert not diffs, f"{case}: {len(diffs)} differences:\n" + "\n".join(diffs[:40])


def test_record_is_valid_per_contract(parsed: tuple[str, dict], validator) -> None:
    _, got = parsed
    errors = sorted(validator.iter_errors(got), key=str)
    assert not errors, "\n".join(e.message for e in errors[:10])


def test_expected_files_are_valid_per_contract(validator) -> None:
    for case in golden_cases():
        exp = load_expected(case)
        exp["parser_version"] = PARSER_VERSION
        validator.validate(exp)
