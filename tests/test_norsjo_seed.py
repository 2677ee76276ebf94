"""The Norsjö fixture is faithful to the real report: every value of its expected record is
taken from the seed text (tests/fixtures/norsjo-2018.seed.txt, the text extracted from the
real PDF), and nothing of the seed's tables is left out."""

from __future__ import annotations

import re

import pytest

from parsers import parse_report
from parsers.text import join_lines
from tests.conftest import FIXTURES, load_expected

SEED = (FIXTURES / "norsjo-2018.seed.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def seed_flat() -> str:
    """The seed as one string, wrapped lines joined the same way for every line."""
    return join_lines([ln.replace("§", " ").replace("•", " ") for ln in SEED.splitlines()])


@pytest.fixture(scope="module")
def expected() -> dict:
    return load_expected("norsjo-2018")


def test_every_question_row_of_the_seed_is_expected(expected: dict) -> None:
    tables = re.findall(r"Uppnått Max Procent\s*$(.*?^\s+\d+ 100 \d+%)", SEED, re.M | re.S)
    assert len(tables) == 8
    rows = [r for t in tables for r in re.findall(r"^([1-8]\.\d) ", t, re.M)]
    triples = [x for t in tables for x in re.findall(r"(\d+) (\d+) (\d+)%", t)]
    questions = [q for a in expected["areas"] for q in a["questions"]]
    assert [q["id"] for q in questions] == rows
    area_totals = [(a["points"], a["max"], a["percent"]) for a in expected["areas"]]
    printed = [(int(p), int(m), int(c)) for p, m, c in triples]
    assert printed == [
        t
        for a in expected["areas"]
        for t in [(q["points"], q["max"], q["percent"]) for q in a["questions"]]
        + [(a["points"], a["max"], a["percent"])]
    ]
    assert len(area_totals) == 8


def test_question_texts_are_in_the_seed(expected: dict, seed_flat: str) -> None:
    for a in expected["areas"]:
        for q in a["questions"]:
            assert q["text"] in seed_flat, q["id"]


def test_every_bullet_of_the_seed_findings_is_expected(expected: dict, seed_flat: str) -> None:
    # bullets between a "Styrkor Förbättringsmöjligheter" header and the next "4.N.4 Kommentar"
    sections = re.findall(
        r"^Styrkor Förbättringsmöjligheter\s*$(.*?)^\s*4\.\d\.4 ", SEED, re.M | re.S
    )
    n_bullets = sum(len(re.findall(r"^\s*[§•]\s", s, re.M)) for s in sections)
    findings = [
        f for a in expected["areas"] for kind in ("strengths", "improvements") for f in a[kind]
    ]
    assert len(sections) == 8
    assert len(findings) == n_bullets == 118
    for f in findings:
        assert f["text"] in seed_flat, f["text"]


def test_history_and_inspiration_are_in_the_seed(expected: dict) -> None:
    assert "Poäng i Kommunkompassen 2015 2017 2018" in SEED
    for year in (2015, 2017, 2018):
        cells = [h for h in expected["history"] if h["year"] == year]
        for h in cells:
            label = (
                "Totalt" if h["area_number"] is None else f"{h['area_number']}. {h['area_name']}"
            )
            assert re.search(rf"^{re.escape(label)} .*\b{h['points']}\b", SEED, re.M), (year, label)
    flat = " ".join(SEED.split())
    for a in expected["areas"]:
        for name in a["inspiration"]:
            assert name.replace(" ", "") in flat.replace("-", "").replace(" ", ""), name


def test_parse_reproduces_the_seed_and_warns_about_2017(expected: dict) -> None:
    record = parse_report(FIXTURES / "norsjo-2018.pdf")
    got = record.to_dict()
    assert [a["points"] for a in got["areas"]] == [69, 63, 72, 61, 61, 59, 55, 69]
    assert got["total"] == {"points": 509, "max": 800}
    assert [(w.code, w.page) for w in record.warnings] == [("history_total_mismatch", 7)]
    assert "455" in record.warnings[0].message and "475" in record.warnings[0].message
    assert got["areas"] == expected["areas"]
