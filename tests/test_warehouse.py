"""The warehouse on both engines: migrations, idempotent loading, replacement, rollback,
concurrency, the contract's views and the commands over them."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import text

import pipeline.steps as steps_mod
from parsers import parse_report
from pipeline.cli import cli
from pipeline.steps import load_file
from schema.record import Question
from tests.conftest import FIXTURES
from tests.warehouse_fixtures import pg_schema_url
from warehouse.api import Warehouse
from warehouse.db import get_engine, head_revision, shown
from warehouse.dictionary import render
from warehouse.fields import BY_NAME
from warehouse.load import load_record
from warehouse.views import VIEWS

ROOT = Path(__file__).parent.parent
CORPUS = sorted(FIXTURES.glob("*.pdf"))
NORSJO = FIXTURES / "norsjo-2018.pdf"

# the contract (../shared/contract/warehouse.md), column by column
CONTRACT = {
    "evaluations": [
        "evaluation_id",
        "municipality",
        "municipality_code",
        "county",
        "evaluation_year",
        "instrument_version",
        "total_points",
        "total_max",
        "report_date",
        "source_url",
        "sha256",
        "pages",
        "parser_version",
        "loaded_at",
        "warning_count",
        "complete",
        "area_points_sum",
        "text_layer",
        "structure",
    ],
    "area_scores": [
        "evaluation_id",
        "municipality",
        "municipality_code",
        "evaluation_year",
        "instrument_version",
        "area_number",
        "area_name",
        "area_key",
        "theme",
        "points",
        "max_points",
        "percent",
    ],
    "question_scores": [
        "evaluation_id",
        "municipality",
        "municipality_code",
        "evaluation_year",
        "instrument_version",
        "area_number",
        "question_id",
        "question_text",
        "points",
        "max_points",
        "percent",
        "page",
    ],
    "findings": [
        "evaluation_id",
        "municipality",
        "municipality_code",
        "evaluation_year",
        "instrument_version",
        "area_number",
        "area_key",
        "kind",
        "position",
        "text",
        "page",
    ],
    "reported_history": [
        "evaluation_id",
        "municipality_code",
        "year",
        "area_number",
        "area_name",
        "points",
    ],
    "ingest_log": [
        "attempt_id",
        "started_at",
        "source",
        "sha256",
        "status",
        "error_code",
        "error_message",
        "evaluation_id",
    ],
    "warnings": [
        "evaluation_id",
        "municipality",
        "municipality_code",
        "evaluation_year",
        "code",
        "message",
        "page",
    ],
}


def counts(url: str) -> dict[str, int]:
    with get_engine(url).connect() as conn:
        return {v: conn.execute(text(f"SELECT COUNT(*) FROM {v}")).scalar() for v in VIEWS}


def test_migrates_from_empty_with_contract_views(db_url: str) -> None:
    engine = get_engine(db_url)
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == head_revision()
        )
        assert conn.execute(text("SELECT COUNT(*) FROM municipality")).scalar() == 290
        for view, columns in CONTRACT.items():  # every contracted column; additions last
            result = conn.execute(text(f"SELECT * FROM {view} WHERE 1 = 0"))
            assert list(result.keys())[: len(columns)] == columns, view
        for view in BY_NAME.values():  # the field table describes each view's columns
            result = conn.execute(text(f"SELECT * FROM {view.name} WHERE 1 = 0"))
            assert list(result.keys()) == view.columns, view.name


def test_cli_db_upgrade(db_url: str) -> None:
    result = CliRunner().invoke(cli, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith(f"is at revision {head_revision()}")


def test_load_twice_changes_nothing(db_url: str) -> None:
    engine = get_engine(db_url)
    first = [load_file(p, engine) for p in CORPUS]
    assert [r.status for r in first] == ["loaded"] * len(CORPUS)
    before = counts(db_url)
    second = [load_file(p, engine) for p in CORPUS]
    assert [r.status for r in second] == ["unchanged"] * len(CORPUS)
    assert [r.evaluation_id for r in second] == [r.evaluation_id for r in first]
    after = counts(db_url)
    assert after["ingest_log"] == before["ingest_log"] + len(CORPUS)
    assert {k: v for k, v in after.items() if k != "ingest_log"} == {
        k: v for k, v in before.items() if k != "ingest_log"
    }
    assert before["evaluations"] == len(CORPUS)


def test_changed_pdf_replaces_the_evaluation(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    first = load_file(NORSJO, engine)
    # another copy of the report (different bytes, same content)
    copy_path = tmp_path / "norsjo-2018-copy.pdf"
    copy_path.write_bytes(NORSJO.read_bytes() + b"% another copy\n%%EOF\n")
    second = load_file(copy_path, engine)
    assert second.status == "loaded" and second.evaluation_id == first.evaluation_id
    wh = Warehouse(db_url)
    ev = wh.evaluations()
    assert len(ev) == 1 and ev.sha256[0] == second.sha256 != first.sha256
    assert len(wh.findings()) == 118
    # a different record for the same evaluation: rows follow it exactly
    record = parse_report(NORSJO)
    record.areas[0].strengths = record.areas[0].strengths[:2]
    record.source.sha256 = "0" * 64
    with engine.begin() as conn:
        assert load_record(conn, record) == first.evaluation_id
    assert len(wh.findings()) == 118 - 12
    assert len(wh.evaluations()) == 1


def test_newer_parser_version_reloads_the_same_pdf(db_url: str, monkeypatch) -> None:
    engine = get_engine(db_url)
    assert load_file(NORSJO, engine).status == "loaded"
    assert load_file(NORSJO, engine).status == "unchanged"
    monkeypatch.setattr(steps_mod, "PARSER_VERSION", "99.0.0")
    record = parse_report(NORSJO)
    record.parser_version = "99.0.0"
    again = load_file(NORSJO, engine, parse=lambda stored: record)
    assert again.status == "loaded"
    assert Warehouse(db_url).evaluations().parser_version.tolist() == ["99.0.0"]


def test_failure_mid_load_rolls_back_and_keeps_old_rows(db_url: str, monkeypatch) -> None:
    engine = get_engine(db_url)
    ok = load_file(NORSJO, engine)
    before = counts(db_url)
    bad = parse_report(NORSJO)
    bad.source.sha256 = "f" * 64
    bad.areas[7].questions.append(copy.deepcopy(bad.areas[7].questions[0]))  # duplicate key
    assert isinstance(bad.areas[7].questions[-1], Question)
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        load_file(FIXTURES / "gavle-2022.pdf", engine, parse=lambda stored: bad)  # any file
    after = counts(db_url)
    assert after["ingest_log"] == before["ingest_log"] + 1
    assert {k: v for k, v in after.items() if k != "ingest_log"} == {
        k: v for k, v in before.items() if k != "ingest_log"
    }
    wh = Warehouse(db_url)
    assert wh.evaluations().sha256.tolist() == [ok.sha256]
    log = wh.ingest_log()
    assert log.status.tolist() == ["loaded", "failed"]
    assert log.error_code.iloc[-1] == "IntegrityError"


def test_failed_documents_are_logged_with_reasons(db_url: str) -> None:
    engine = get_engine(db_url)
    for name in ("empty.pdf", "scanned.pdf", "html-error-page.pdf"):
        assert load_file(FIXTURES / "bad" / name, engine).status == "failed"
    log = Warehouse(db_url).ingest_log()
    assert log.error_code.tolist() == ["EmptyFile", "NoTextLayer", "HtmlNotPdf"]
    assert log.error_message[1].startswith("PDF has no text layer")
    assert log.evaluation_id.isna().all() and log.sha256.notna().all()


def test_two_processes_load_into_one_sqlite_file_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    get_engine(url)  # migrate first, as the first command would
    kompass = str(Path(sys.executable).with_name("kompass"))
    halves = [CORPUS[0::2], CORPUS[1::2]]
    procs = [
        subprocess.Popen(
            [kompass, "load", *map(str, half), "--db", url, "--raw-dir", str(tmp_path / "raw")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in halves
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert counts(url)["evaluations"] == len(CORPUS)
    assert Warehouse(url).ingest_log().status.tolist().count("loaded") == len(CORPUS)


def _frames(url: str) -> dict[str, pd.DataFrame]:
    engine = get_engine(url)
    for p in CORPUS:
        load_file(p, engine, source=p.name)
    wh = Warehouse(url)
    out = {}
    for view in VIEWS:
        df = wh.view(view)
        out[view] = df.drop(columns=[c for c in ("loaded_at", "started_at") if c in df])
    return out


def test_views_answer_the_same_on_sqlite_and_postgresql(tmp_path: Path) -> None:
    lite = _frames(f"sqlite:///{tmp_path / 'a.db'}")
    gen = pg_schema_url()
    pg = _frames(next(gen))
    try:
        for view in VIEWS:
            pd.testing.assert_frame_equal(lite[view], pg[view], check_dtype=True, obj=view)
        assert len(lite["question_scores"]) == 450 and len(lite["findings"]) == 690
    finally:
        next(gen, None)


def test_unreachable_database_is_one_line_and_exit_2() -> None:
    url = "postgresql+psycopg://kompass:secret@127.0.0.1:1/nowhere"
    result = CliRunner().invoke(cli, ["load", str(NORSJO), "--db", url, "--raw-dir", "/tmp"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: database postgresql+psycopg://kompass:***@127.0.0.1:1/nowhere: cannot connect ("
    )
    assert result.stderr.count("\n") == 1 and "secret" not in result.stderr
    gone = CliRunner().invoke(cli, ["query", "SELECT 1", "--db", "sqlite:////no/such/dir/x.db"])
    assert gone.exit_code == 2
    assert (
        gone.stderr
        == "error: database sqlite:////no/such/dir/x.db: folder /no/such/dir does not exist\n"
    )


def test_cli_load_query_export(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    loaded = runner.invoke(
        cli,
        [
            "load",
            str(NORSJO),
            str(FIXTURES / "bad" / "empty.pdf"),
            "--db",
            db_url,
            "--raw-dir",
            str(tmp_path / "raw"),
        ],
    )
    assert loaded.exit_code == 1
    assert loaded.stdout.splitlines() == [
        "loaded     norsjo-2018.pdf → Norsjö 2018 (evaluation 1)",
        "failed     empty.pdf: file is empty (0 bytes of content)",
        # issue 26: a summary line, and where to look next, as the run was given
        "2 documents: 1 loaded, 0 loaded incomplete, 0 unchanged, 1 failed",
        "  details and the commands to retry: kompass review "
        f"--db {shown(db_url)} --raw-dir {tmp_path / 'raw'}",
    ]
    # the raw copy lets reprocess find the report without its original path
    raw = sorted(p.name for p in (tmp_path / "raw").glob("*.pdf"))
    assert len(raw) == 2  # the PDF and the empty file, by sha256
    again = runner.invoke(
        cli, ["reprocess", "Norsjö", "2018", "--db", db_url, "--raw-dir", str(tmp_path / "raw")]
    )
    assert again.exit_code == 0 and "→ Norsjö 2018 (evaluation 1)" in again.stdout
    q = runner.invoke(
        cli,
        [
            "query",
            "SELECT area_number, points FROM area_scores ORDER BY area_number",
            "--csv",
            "--db",
            db_url,
        ],
    )
    assert q.exit_code == 0
    assert q.stdout.splitlines()[:3] == ["area_number,points", "1,69", "2,63"]
    bad = runner.invoke(cli, ["query", "SELECT * FROM no_such_view", "--db", db_url])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: query failed: ")
    out = tmp_path / "export"
    ex = runner.invoke(cli, ["export", "--format", "parquet", "--out", str(out), "--db", db_url])
    assert ex.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{v}.parquet" for v in VIEWS)
    assert pd.read_parquet(out / "findings.parquet").shape == (118, 11)
    runner.invoke(cli, ["export", "--out", str(tmp_path / "csv"), "--db", db_url])
    hist = pd.read_csv(tmp_path / "csv" / "reported_history.csv")
    assert hist[hist.year == 2017].points.tolist() == [48, 42, 72, 60, 61, 53, 56, 63, 475]


def test_api_frames_have_contract_columns_and_values(db_url: str) -> None:
    load_file(NORSJO, get_engine(db_url))
    wh = Warehouse(db_url)
    ev = wh.evaluations()
    assert list(ev.columns)[: len(CONTRACT["evaluations"])] == CONTRACT["evaluations"]
    row = ev.iloc[0]
    assert (row.municipality, row.municipality_code, row.county) == (
        "Norsjö",
        "2417",
        "Västerbottens län",
    )
    assert (row.total_points, row.total_max, row.warning_count) == (509.0, 800.0, 1)
    assert row.report_date == pd.Timestamp("2019-02-08")
    q = wh.question_scores()
    assert q[q.question_id == "5.2"].iloc[0][
        ["points", "max_points", "percent", "page"]
    ].tolist() == [14, 25, 57, 22]
    f = wh.findings()
    assert (
        f[(f.area_number == 1) & (f.kind == "improvement")].text.iloc[-1]
        == "En extern whistleblower-funktion"
    )


def test_data_dictionary_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")
    assert committed == render() + "\n", "run `kompass db dictionary` and commit the result"
