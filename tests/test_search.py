"""Full-text search: Swedish stems on both engines, FTS5 syntax on SQLite, filters, and the
examples of `kompass search --help`."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from pipeline.cli import cli
from pipeline.steps import load_file
from tests.conftest import FIXTURES
from warehouse.db import get_engine
from warehouse.fulltext import fts_query, stem_text
from warehouse.search import BadQuery, EmptyQuery, UnknownMunicipality, count, run, search


def _texts_like(url: str, pattern: str) -> list[str]:
    """Every finding and question whose text contains `pattern` (case-insensitive), by SQL
    LIKE: what a search for the word must find."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            text("SELECT text FROM finding UNION ALL SELECT question_text FROM question_score")
        ).scalars()
        return sorted(t for t in rows if pattern in t.lower())


def test_stems_and_query_translation() -> None:
    assert stem_text("Årliga medborgardialoger i samtliga kommundelar.") == (
        "årl medborgardialog i samt kommundel"
    )
    assert fts_query("medborgardialog") == '"medborgardialog"*'
    assert fts_query('korruption OR whistleblower* "Externa visselblåsare"') == (
        '"korruption"* OR "whistleblow"* "ext visselblås"'
    )
    assert fts_query("whistleblower-funktion NOT (mutor AND jäv)") == (
        '"whistleblow funktion"* NOT ( "mut"* AND "jäv"* )'
    )
    assert fts_query(" - ") == ""


def test_inflected_forms_match(corpus_db: str) -> None:
    engine = get_engine(corpus_db)
    hits = search(engine, "medborgardialog", limit=500)
    assert sorted(hits.text) == _texts_like(corpus_db, "medborgardialog")
    assert len(hits) == 16 and set(hits.kind) == {"strength", "improvement"}
    # a quoted word matches by stem only: the inflections, not the compounds it begins
    plural = search(engine, '"medborgardialogerna"', limit=500)
    assert sorted(plural.text) == sorted(hits.text)
    inflected = search(engine, "visselblåsaren", limit=500)  # finds visselblåsarfunktion too
    assert sorted(inflected.text) == _texts_like(corpus_db, "visselblås")
    assert "Inför en extern visselblåsarfunktion för att anmäla oegentligheter." in set(
        inflected.text
    )
    either = search(engine, "korruption OR whistleblower*")
    assert sorted(either.text) == [
        "En extern whistleblower-funktion",
        "Styrdokument för att förhindra korruption, och mutor",
    ]


def test_filters(corpus_db: str) -> None:
    engine = get_engine(corpus_db)
    kalmar = search(engine, "medborgardialog", municipality="kalmar")
    assert kalmar.municipality.unique().tolist() == ["Kalmar"] and len(kalmar) == 4
    assert len(search(engine, "medborgardialog", municipality="0880")) == 4  # Kalmar's code
    assert search(engine, "medborgardialog", year=2018).municipality.tolist() == ["Norsjö"]
    assert set(search(engine, "medborgardialog", version="2016").evaluation_year) == {
        2017,
        2018,
        2019,
    }
    with pytest.raises(UnknownMunicipality, match="'Atlantis' is not a Swedish municipality"):
        search(engine, "x", municipality="Atlantis")
    # without å/ä/ö and in any case, as every command takes a municipality
    assert len(search(engine, "visselblåsare*", municipality="GAVLE")) == 2
    with pytest.raises(EmptyQuery):
        search(engine, "--")
    with pytest.raises(BadQuery):
        search(engine, "korruption OR")


def test_both_engines_stem(db_url: str) -> None:
    engine = get_engine(db_url)
    load_file(FIXTURES / "norsjo-2018.pdf", engine)
    load_file(FIXTURES / "gavle-2022.pdf", engine)
    assert search(engine, "korruptionen").text.tolist() == [
        "Styrdokument för att förhindra korruption, och mutor"
    ]
    assert search(engine, "medborgardialog").municipality.tolist() == ["Norsjö"]
    both = search(engine, "visselblåsarfunktionen OR whistleblower", kind="improvement")
    assert sorted(both.municipality) == ["Gävle", "Gävle", "Norsjö"]
    assert search(engine, "visselblåsarfunktion", version="2016").empty
    # the count behind "showing 1 of 3" and a question's id, on either engine
    lines = run(engine, "visselblåsarfunktionen OR whistleblower", limit=1, kind="improvement")
    assert lines[-1] == "showing 1 of 3 (--limit N to see more)"
    assert count(engine, "visselblåsarfunktionen OR whistleblower", kind="improvement") == 3
    question = search(engine, "politiska", kind="question", limit=1).iloc[0]
    assert question.question_id and "." in question.question_id


def test_help_examples_find_what_they_promise(corpus_db: str) -> None:
    runner = CliRunner()
    help_text = runner.invoke(cli, ["search", "--help"]).stdout
    examples = re.findall(r"^\s+kompass (search .+)$", help_text, re.M)
    assert len(examples) == 3
    outputs = {}
    for example in examples:
        result = runner.invoke(cli, [*shlex.split(example), "--db", corpus_db])
        assert result.exit_code == 0, (example, result.output)
        outputs[example] = result.stdout.splitlines()
    assert len(outputs["search medborgardialog"]) == len(_texts_like(corpus_db, "medborgardialog"))
    assert outputs['search "korruption OR whistleblower*" --kind improvement --version 2016'] == [
        "Norsjö 2018 · area 1 · improvement · p. 9: En extern whistleblower-funktion"
    ]
    assert outputs["search visselblåsare* --municipality Gävle --year 2022"] == [
        "Gävle 2022 · area 2 · improvement · p. 4: Inför en extern visselblåsarfunktion för att anmäla oegentligheter.",
        "Gävle 2022 · area 5 · improvement · p. 7: Inför en extern visselblåsarfunktion för att anmäla oegentligheter.",
    ]


def test_cli_errors_are_one_line(corpus_db: str) -> None:
    result = CliRunner().invoke(
        cli, ["search", "x", "--municipality", "Atlantis", "--db", corpus_db]
    )
    assert result.exit_code == 2
    assert result.stderr == "error: 'Atlantis' is not a Swedish municipality\n"
    close = CliRunner().invoke(cli, ["search", "x", "--municipality", "Kalmr", "--db", corpus_db])
    assert close.exit_code == 2
    assert close.stderr == "error: 'Kalmr' is not a Swedish municipality; did you mean Kalmar?\n"


def test_search_says_where_the_limit_cut_and_names_question_ids(corpus_db: str) -> None:
    runner = CliRunner()
    engine = get_engine(corpus_db)
    total = len(search(engine, "kommun*", limit=100_000))
    assert total > 50
    cut = runner.invoke(cli, ["search", "kommun*", "--db", corpus_db])
    lines = cut.stdout.splitlines()
    assert cut.exit_code == 0 and len(lines) == 51
    assert lines[-1] == f"showing 50 of {total} (--limit N to see more)"
    whole = runner.invoke(cli, ["search", "kommun*", "--limit", str(total), "--db", corpus_db])
    assert len(whole.stdout.splitlines()) == total  # everything shown: no such line
    questions = runner.invoke(
        cli, ["search", "kommun*", "--kind", "question", "--db", corpus_db]
    ).stdout.splitlines()
    hits = [q for q in questions if not q.startswith("showing ")]
    assert hits and all(re.search(r" · question \d+\.\d+ · p\. \d+: ", q) for q in hits)
    helped = " ".join(runner.invoke(cli, ["search", "--help"]).stdout.split())
    for option in ("--kind", "--version", "--limit"):
        assert re.search(re.escape(option) + r" [^-]*[a-z]{4}", helped), option
