"""Nothing lost silently: a record says whether it is complete, and an incomplete evaluation
is visible in the record, the warehouse, `kompass review` and the Prefect flow run.

Three broken reports are generated from committed specs (tests/fixturegen/broken.py): a score
table cut mid-way, a history table whose last column has no values, and a report without one
of its areas.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, insert, text

from parsers import parse_report
from parsers.completeness import CODES, assess
from pipeline import flows
from pipeline.cli import cli
from pipeline.raw import RawStore
from pipeline.review import render
from pipeline.steps import load_file
from schema.instruments import instrument
from schema.models import Evaluation, IngestAttempt, Report
from schema.record import Area, Finding, HistoryRow, Question
from tests.conftest import FIXTURES, golden_cases, load_expected
from tests.fixturegen.broken import VARIANTS, build
from tests.fixturegen.expected import expected_record
from tests.test_golden import differences
from warehouse.api import Warehouse
from warehouse.db import _alembic_config, get_engine
from warehouse.frozen_views import VIEWS_0005
from warehouse.load import child_rows
from warehouse.search import search
from warehouse.views import COMPLETENESS_CODES, VIEWS

KOMPASS = str(Path(sys.executable).with_name("kompass"))

# variant → (municipality, year, [(code, page key)]) as the spec changes them
EXPECTED = {
    "cut-table": (
        "Ängelholm",
        2019,
        [("missing_area_total", ("area", 4)), ("question_count", ("area", 4))],
    ),
    "history-column": (
        "Norsjö",
        2018,
        [("incomplete_history", ("history",))] * 9,
    ),
    "missing-area": ("Strängnäs", 2014, [("missing_area", ("area", 8))]),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    out = tmp_path_factory.mktemp("broken")
    return {v: build(v, out) for v in VARIANTS}


# -- the rules, one by one -------------------------------------------------------------------


def _area(number: int = 4, **kw) -> Area:
    qs = kw.pop(
        "questions",
        [Question(f"{number}.{i}", "Fråga?", 10, 20, 50, 6) for i in range(1, 6)],
    )
    base = {
        "number": number,
        "name": "Område",
        "key": "k",
        "theme": None,
        "points": 50,
        "max": 100,
        "percent": 50,
        "page": 6,
        "questions": qs,
        "strengths": [Finding("Bra.", 6)],
        "improvements": [],
    }
    return Area(**{**base, **kw})


def _only(area: Area, version: str = "2010") -> list[tuple[str, str, int | None]]:
    """Completeness warnings of a record whose other seven areas are fine."""
    inst = instrument(version)
    areas = [area if a.number == area.number else _area(a.number, questions=[]) for a in inst.areas]
    for a in areas:
        if a is not area:
            n = len(a_def.questions) if (a_def := inst.area(a.number)).questions else 5
            a.questions = [
                Question(f"{a.number}.{i}", "F?", 10, 20, 50, 6) for i in range(1, n + 1)
            ]
            a.points = 10 * n
    complete, warnings = assess(areas, inst, [], None)
    assert complete == (not warnings)
    return [(w.code, w.message, w.page) for w in warnings]


def test_a_complete_area_raises_nothing() -> None:
    assert _only(_area()) == []


def test_question_sum_within_rounding_is_fine_beyond_it_is_a_mismatch() -> None:
    assert _only(_area(points=52)) == []  # 5 questions: up to 2.5 off is rounding
    assert _only(_area(points=53)) == [
        (
            "question_sum_mismatch",
            "area 4: questions add up to 50, but the area total is 53 "
            "(a question is probably missing or misread)",
            6,
        )
    ]


def test_each_missing_number_of_a_question_is_named() -> None:
    qs = [Question("4.1", "F?", 10, 20, 50, 6), Question("4.2", "F?", None, 20, None, 7)]
    assert _only(_area(questions=qs, points=None)) == [
        ("missing_area_total", "area 4: the score table has no area total (points missing)", 6),
        ("missing_question_numbers", "area 4: question 4.2 has no points, percent", 7),
    ]


def test_no_questions_and_no_findings() -> None:
    assert _only(_area(questions=[], strengths=[])) == [
        ("missing_questions", "area 4: no sub-question scores found", 6),
        ("missing_findings", "area 4: no strengths or improvements found", 6),
    ]


def test_question_ids_with_a_gap_are_a_missing_question() -> None:
    qs = [Question(f"4.{i}", "F?", 10, 20, 50, 6) for i in (1, 2, 4)]
    assert _only(_area(questions=qs, points=30)) == [
        ("question_count", "area 4: question 4.3 missing (found 4.1, 4.2, 4.4)", 6)
    ]


def test_a_question_of_another_area_is_named() -> None:
    """The scan of numbers-centred-in-tall-rows read area 7's "7.2" as "1.2" (its numbers
    right): ids 7.1, 1.2, 7.3 have no gap in their question numbers, and the record said
    nothing (area 7 had no question 7.2)."""
    qs = [Question(q, "F?", 10, 20, 50, 6) for q in ("4.1", "1.2", "4.3")]
    assert _only(_area(questions=qs, points=30)) == [
        ("question_count", "area 4: question 1.2 is not of area 4 (found 4.1, 1.2, 4.3)", 6)
    ]


def test_2016_needs_exactly_its_known_questions() -> None:
    known = [f"4.{i}" for i in range(1, 7)]
    qs = [Question(q, "F?", 10, 20, 50, 6) for q in [*known, "4.7"]]
    assert _only(_area(questions=qs, points=70), "2016") == [
        (
            "question_count",
            "area 4: 7 questions found, version 2016 has 6; not in the instrument: 4.7",
            6,
        )
    ]


def test_a_history_table_without_its_total_row_is_incomplete() -> None:
    inst = instrument("2010")
    rows = [HistoryRow(2011, n, "x", 50) for n in range(1, 9)]
    assert assess([], inst, rows, 3)[1][-1].message == "history table: no Totalt value for 2011"
    rows.append(HistoryRow(2011, None, "Summa", None))
    last = assess([], inst, rows, 3)[1][-1]
    assert (last.code, last.message, last.page) == (
        "incomplete_history",
        "history table: no Summa value for 2011",
        3,
    )


def test_the_warehouse_knows_the_same_codes() -> None:
    assert COMPLETENESS_CODES == CODES


def test_every_fixture_is_complete() -> None:
    for case in golden_cases():
        assert load_expected(case)["complete"] is True, case
        record = parse_report(FIXTURES / f"{case}.pdf")
        assert record.complete, [w.code for w in record.warnings]


# -- the three broken reports ----------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_broken_report_record_says_what_is_missing_and_where(
    variant: str, broken: dict, validator
) -> None:
    path, spec, pdf, n_pages, placed = broken[variant]
    record = parse_report(path)
    got = record.to_dict()
    validator.validate(got)
    del got["source"]["path"], got["source"]["url"], got["parser_version"]
    assert not differences(got, expected_record(spec, pdf, n_pages, placed))
    municipality, year, codes = EXPECTED[variant]
    assert (record.municipality.name, record.evaluation_year, record.complete) == (
        municipality,
        year,
        False,
    )
    lost = [(w.code, w.page) for w in record.warnings if w.code in CODES]
    assert lost == [(code, placed[key]) for code, key in codes]


def test_broken_report_messages() -> None:
    """The exact wording, as the tests above derive it from the spec."""
    from tests.fixturegen.broken import cut_table, history_column, missing_area

    assert [w["message"] for w in cut_table()["expected"]["warnings"]] == [
        "area 4: the score table has no area total (points and max missing)",
        "area 4: 3 questions found, version 2016 has 6; missing 4.4, 4.5, 4.6",
    ]
    assert [w["message"] for w in history_column()["expected"]["warnings"]][-2:] == [
        "area 8: the history table has no value for 2018",
        "history table: no Totalt value for 2018",
    ]
    assert missing_area()["expected"]["warnings"][-1]["message"] == (
        "area 7: no score table found for Verksamhetsutveckling"
    )


def test_parse_shows_incomplete_and_strict_exits_1(broken: dict) -> None:
    path = broken["cut-table"][0]
    proc = subprocess.run([KOMPASS, "parse", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[-4:] == [
        "INCOMPLETE: the parser could not read everything (2):",
        "    p. 7  missing_area_total: area 4: the score table has no area total "
        "(points and max missing)",
        "    p. 7  question_count: area 4: 3 questions found, version 2016 has 6; "
        "missing 4.4, 4.5, 4.6",
        "warnings: none",
    ]
    runner = CliRunner()
    assert runner.invoke(cli, ["parse", str(path), "--strict"]).exit_code == 1
    assert runner.invoke(cli, ["parse", str(path), "--strict", "--json"]).exit_code == 1
    norsjo = runner.invoke(cli, ["parse", str(FIXTURES / "norsjo-2018.pdf"), "--strict"])
    assert norsjo.exit_code == 0 and "INCOMPLETE" not in norsjo.stdout
    bad = [str(path), str(FIXTURES / "bad" / "empty.pdf"), "--strict"]
    assert runner.invoke(cli, ["parse", *bad]).exit_code == 2  # unreadable wins


def test_broken_reports_load_incomplete_on_both_engines(
    broken: dict, db_url: str, tmp_path: Path
) -> None:
    engine = get_engine(db_url)
    results = [load_file(broken[v][0], engine) for v in VARIANTS]
    results.append(load_file(FIXTURES / "gavle-2022.pdf", engine))
    assert [r.status for r in results] == ["loaded_incomplete"] * 3 + ["loaded"]
    assert results[0].line.endswith(
        "→ Ängelholm 2019 (evaluation 1); incomplete: missing_area_total, question_count"
    )
    wh = Warehouse(db_url)
    ev = wh.evaluations().set_index("municipality")
    assert ev.complete.to_dict() == {
        "Strängnäs": False,
        "Ängelholm": False,
        "Norsjö": False,
        "Gävle": True,
    }
    assert str(ev.complete.dtype) == "boolean"
    # Ängelholm's area 4 has no points: the sum of the other seven, as printed
    tables = [
        b["scores"] for page in broken["cut-table"][1]["pages"] for b in page if "scores" in b
    ]
    seven = sum(t["total"][0] for t in tables if t["total"][0] is not None)
    assert ev.area_points_sum["Ängelholm"] == seven == 475
    assert ev.total_points.isna()["Norsjö"]  # the 2018 column was empty
    log = wh.ingest_log()
    assert log.status.tolist() == ["loaded_incomplete"] * 3 + ["loaded"]
    assert log.evaluation_id.tolist() == [1, 2, 3, 4]
    w = wh.warnings()
    lost = w[w.code.isin(CODES)]
    assert sorted(set(zip(lost.municipality, lost.code, strict=True))) == [
        ("Norsjö", "incomplete_history"),
        ("Strängnäs", "missing_area"),
        ("Ängelholm", "missing_area_total"),
        ("Ängelholm", "question_count"),
    ]
    placed = broken["missing-area"][4]
    row = lost[lost.code == "missing_area"].iloc[0]
    assert (row.message, row.page, row.evaluation_year, row.municipality_code) == (
        "area 7: no score table found for Verksamhetsutveckling",
        placed[("area", 8)],
        2014,
        "0486",
    )


def test_review_lists_incomplete_evaluations_and_failed_documents(
    broken: dict, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    raw = tmp_path / "raw"
    loaded = subprocess.run(
        [
            *(KOMPASS, "load", str(broken["missing-area"][0]), str(FIXTURES / "bad" / "empty.pdf")),
            *("--db", db, "--raw-dir", str(raw)),
        ],
        capture_output=True,
        text=True,
    )
    assert loaded.returncode == 1, loaded.stderr
    assert loaded.stdout.splitlines()[0] == (
        "loaded_incomplete broken-missing-area.pdf → Strängnäs 2014 (evaluation 1); "
        "incomplete: missing_area"
    )
    proc = subprocess.run(
        [KOMPASS, "review", "--db", db, "--raw-dir", str(raw)], capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr  # something needs a look: cron can alert on it
    sha = hashlib.sha256(broken["missing-area"][0].read_bytes()).hexdigest()[:12]
    empty = "e3b0c44298fc"  # sha256 of no bytes
    opts = f" --db {db} --raw-dir {raw}"
    page = broken["missing-area"][4][("area", 8)]
    assert proc.stdout.splitlines() == [
        "Incomplete evaluations (1): loaded, but values are missing",
        f"  Strängnäs 2014 · sha256 {sha} · evaluation 1",
        f"     p. {page}  missing_area: area 7: no score table found for Verksamhetsutveckling",
        f"    after a parser fix: kompass reprocess {sha}{opts}",
        "Failed documents (1): not loaded",
        f"  {FIXTURES / 'bad' / 'empty.pdf'} · sha256 {empty}",
        "    EmptyFile: file is empty (0 bytes of content)",
        f"    after a parser fix: kompass reprocess {empty}{opts}",
    ]
    # the printed command works and reports the outcome the same way
    again = subprocess.run(
        [KOMPASS, "reprocess", sha, "--db", db, "--raw-dir", str(raw)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1
    # named by the report's original file, not its raw copy (issue 26)
    assert again.stdout.startswith("loaded_incomplete broken-missing-area.pdf → Strängnäs 2014")


def test_review_of_a_clean_warehouse(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    load_file(FIXTURES / "gavle-2022.pdf", get_engine(db))
    assert render(get_engine(db), RawStore(tmp_path / "raw")) == [
        "nothing to review: every evaluation is complete and no document failed"
    ]


# -- Prefect ---------------------------------------------------------------------------------


def _flow_run(state):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    run_id = state.state_details.flow_run_id
    APILogHandler().flush()
    with get_client(sync_client=True) as client:
        logs: list[str] = []
        for _ in range(50):  # logs arrive in batches
            logs = [
                log.message
                for log in client.read_logs(
                    log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id]))
                )
            ]
            if any(m.startswith("1 documents:") for m in logs):
                break
            time.sleep(0.1)
        return client.read_flow_run(run_id).state, logs


@pytest.mark.parametrize("variant", VARIANTS)
def test_prefect_run_with_an_incomplete_report_is_not_plain_completed(
    prefect, variant: str, broken: dict, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    path = broken[variant][0]
    state = flows.ingest_flow(
        [str(path)], db_url=db, raw_dir=str(tmp_path / "raw"), workers=1, return_state=True
    )
    summary = flows.summary_of(state)
    assert (
        summary["lines"][0] == "1 documents: 0 loaded, 1 loaded incomplete, 0 unchanged, 0 failed"
    )
    server_state, logs = _flow_run(state)
    # what the UI, `prefect flow-run ls` and automations see: the type, not only the name
    assert (server_state.type.value, server_state.name) == ("FAILED", "Completed with failures")
    assert not server_state.is_completed()
    assert server_state.message == summary["lines"][0]
    municipality, year, _ = EXPECTED[variant]
    doc_lines = [m for m in logs if m.startswith("loaded_incomplete ")]
    assert len(doc_lines) == 1 and f"→ {municipality} {year} (evaluation 1)" in doc_lines[0]
    assert Warehouse(db).evaluations().complete.tolist() == [False]
    assert Warehouse(db).ingest_log().status.tolist() == ["loaded_incomplete"]
    review = subprocess.run([KOMPASS, "review", "--db", db], capture_output=True, text=True)
    assert f"  {municipality} {year} · sha256 " in review.stdout


def test_prefect_run_of_complete_reports_is_completed(prefect, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    state = flows.ingest_flow(
        [str(FIXTURES / "gavle-2022.pdf")],
        db_url=db,
        raw_dir=str(tmp_path / "raw"),
        workers=1,
        return_state=True,
    )
    server_state, logs = _flow_run(state)
    assert (server_state.type.value, server_state.name) == ("COMPLETED", "Completed")
    assert any(m.startswith("loaded     gavle-2022.pdf → Gävle 2022") for m in logs)
    assert flows.summary_of(state)["lines"] == [
        "1 documents: 1 loaded, 0 loaded incomplete, 0 unchanged, 0 failed"
    ]


# -- migrations ------------------------------------------------------------------------------


def test_the_newest_migration_creates_the_current_views() -> None:
    assert VIEWS_0005 == VIEWS


def test_a_warehouse_at_0002_with_data_upgrades(db_url: str) -> None:
    """Old rows: complete is NULL (not known) until `reprocess --outdated` re-parses them."""
    from alembic import command

    engine = get_engine(db_url, migrate=False)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    record = parse_report(FIXTURES / "norsjo-2018.pdf")
    with engine.begin() as conn:  # what parser 1.0 loaded, written as 0002's tables were
        report_id = conn.execute(
            insert(Report)
            .values(sha256=record.source.sha256, pages=34, parser_version="1.0.0", parsed_at=_t())
            .returning(Report.report_id)
        ).scalar_one()
        values = {
            "municipality_code": "2417",
            "evaluation_year": 2018,
            "report_id": report_id,
            "instrument_version": "2016",
            "total_points": 509,
            "total_max": 800,
            "loaded_at": _t(),
        }
        cols = ", ".join(values)
        conn.execute(
            text(f"INSERT INTO evaluation ({cols}) VALUES (:{', :'.join(values)})"), values
        )
        for model, rows in child_rows(1, record).items():
            if rows:
                table = model.__table__
                if table.name == "inspiration_example":  # its name before revision 0004
                    table = table.to_metadata(MetaData(), name="inspiration")
                conn.execute(insert(table), rows)
        conn.execute(
            text(
                "INSERT INTO ingest_attempt (started_at, source, sha256, status, evaluation_id) "
                "VALUES (:t, 'norsjo-2018.pdf', :s, 'loaded', 1)"
            ),
            {"t": _t(), "s": record.source.sha256},
        )
    engine = get_engine(db_url)  # migrates to head
    wh = Warehouse(db_url)
    ev = wh.evaluations()
    assert ev.complete.isna().tolist() == [True]
    assert ev.area_points_sum.tolist() == [509.0]
    assert wh.ingest_log().status.tolist() == ["loaded"]
    assert wh.warnings().code.tolist() == ["history_total_mismatch"]
    # rows loaded before revision 0004 are found by their stems (SQLite's index is rebuilt)
    assert search(engine, "korruptionen").text.tolist() == [
        "Styrdokument för att förhindra korruption, och mutor"
    ]
    # the widened status column takes the new status (PostgreSQL would refuse it in varchar(9))
    with engine.begin() as conn:
        conn.execute(
            insert(IngestAttempt).values(
                started_at=_t(), source="x.pdf", status="loaded_incomplete", evaluation_id=1
            )
        )
        with pytest.raises(Exception, match=r"(?i)check"), conn.begin_nested():
            conn.execute(insert(IngestAttempt).values(started_at=_t(), source="y", status="x"))
    # the downgrade goes back cleanly
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM ingest_attempt WHERE source = 'x.pdf'"))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        assert "complete" not in _columns(conn, "evaluations")
        command.upgrade(cfg, "head")
        assert _columns(conn, "evaluations")[15:17] == ["complete", "area_points_sum"]
    assert Evaluation.__table__.c.complete.nullable


def _columns(conn, view: str) -> list[str]:
    return list(conn.execute(text(f"SELECT * FROM {view} WHERE 1 = 0")).keys())


def _t():
    from warehouse.load import utcnow

    return utcnow()
