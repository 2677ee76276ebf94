"""`kompass parse`: the JSON contract and the readable summary."""

from __future__ import annotations

import json

from click.testing import CliRunner

from parsers import PARSER_VERSION
from pipeline.cli import cli
from tests.conftest import FIXTURES, load_expected
from warehouse import kompass_version

NORSJO = str(FIXTURES / "norsjo-2018.pdf")


def test_parse_json_prints_the_contract(validator) -> None:
    result = CliRunner().invoke(cli, ["parse", NORSJO, "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    validator.validate(record)
    assert record["parser_version"] == PARSER_VERSION
    assert record["source"]["path"] == NORSJO
    exp = load_expected("norsjo-2018")
    assert record["areas"] == exp["areas"] and record["history"] == exp["history"]
    assert list(record)[:2] == ["schema_version", "source"]


def test_parse_summary_shows_areas_findings_and_warnings() -> None:
    result = CliRunner().invoke(cli, ["parse", NORSJO])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Norsjö (2417, Västerbottens län): evaluation 2018, instrument version 2016"
    assert "34 pages · Sveriges Kommuner och Landsting · 2019-02-08" in lines[1]
    rows = [ln.split() for ln in lines if ln[:3].strip().isdigit()]
    assert [r[0] for r in rows] == [str(n) for n in range(1, 9)]
    # number, points, max, percent, questions, strengths, improvements are the last 6 columns
    assert rows[0][-6:] == ["69", "100", "69", "5", "14", "7"]
    assert rows[7][-6:] == ["69", "100", "69", "7", "10", "3"]
    assert any(ln.split()[:3] == ["total", "509", "800"] for ln in lines)
    assert "history table: 2015, 2017, 2018" in lines
    assert lines[-2:] == [
        "warnings (1):",
        "    p. 7  history_total_mismatch: history table: the 2017 rows add up to 455, "
        "but the printed total is 475",
    ]


def test_help_explains_every_command() -> None:
    top = CliRunner().invoke(cli, ["--help"])
    assert top.exit_code == 0 and "parse" in top.stdout and "Kommunkompassen" in top.stdout
    sub = CliRunner().invoke(cli, ["parse", "--help"])
    assert sub.exit_code == 0
    assert "--json" in sub.stdout and "Examples" in sub.stdout


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.stdout.strip() == f"kompass {kompass_version()} (parser {PARSER_VERSION})"
