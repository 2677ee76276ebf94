"""The ingest flow for real: an HTTP server on 127.0.0.1, a Prefect run, an SQLite file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from pipeline import flows
from pipeline.cli import cli
from pipeline.discover import discover, parse_listing
from tests.conftest import FIXTURES
from tests.http_fixtures import FLAKY_SERVES, GOOD, ReportServer
from warehouse.api import Warehouse
from warehouse.db import get_engine

GOOD_SHAS = {
    hashlib.sha256((FIXTURES / f"{n}.pdf").read_bytes()).hexdigest() for n in [*GOOD, FLAKY_SERVES]
}


@pytest.fixture
def server():
    with ReportServer(slow_seconds=2.5) as s:
        yield s


def run(server: ReportServer, db: str, raw: Path) -> dict:
    state = flows.ingest_flow(
        [f"{server.base}/reports/"],
        db_url=db,
        raw_dir=str(raw),
        workers=2,
        timeout=1.0,
        retry_delays=[0.1, 0.1],
        return_state=True,
    )
    assert (state.type.value, state.name) == ("FAILED", "Completed with failures")  # 5 failed
    return {**flows.summary_of(state), "flow_run_id": state.state_details.flow_run_id}


def flow_run_levels(flow_run_id) -> dict[str, str]:
    """Each message of the flow run's log (on the Prefect server) → its level name."""
    import logging

    from prefect import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()  # the log lines still queued in this process
    with get_client(sync_client=True) as client:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
    return {log.message: logging.getLevelName(log.level) for log in logs}


def test_listing_links_are_absolute_and_next_pages_found() -> None:
    html = (
        '<a href="a.pdf">A (PDF)</a><a href="/x/b.PDF?v=2">B</a><a href="/om">Om</a>'
        '<a href="c.pdf">A again</a><a rel="next" href="?page=2">2</a><a href="/p3">Nästa sida</a>'
    )
    docs, nexts = parse_listing(html, "https://skr.se/list/index.html")
    assert [d.location for d in docs] == [
        "https://skr.se/list/a.pdf",
        "https://skr.se/x/b.PDF?v=2",
        "https://skr.se/list/c.pdf",
    ]
    assert docs[0].hint == "A (PDF)"
    assert nexts == ["https://skr.se/list/index.html?page=2", "https://skr.se/p3"]


def test_discover_local_folder_and_url_list(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "# reports\nhttps://example.org/a.pdf\n\n" + str(FIXTURES / "gavle-2022.pdf") + "\n"
    )
    docs = discover([str(FIXTURES), str(urls)])
    locs = [d.location for d in docs]
    assert locs[:10] == [str(p) for p in sorted(FIXTURES.glob("*.pdf"))]
    assert locs[10:] == ["https://example.org/a.pdf"]  # gavle is already in the folder


def test_ingest_end_to_end(prefect, server: ReportServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    raw = tmp_path / "raw"
    first = run(server, db, raw)
    wh = Warehouse(db)
    ev = wh.evaluations()
    # every good report loaded exactly once (the duplicate link included)
    assert sorted(ev.sha256) == sorted(GOOD_SHAS)
    assert sorted(ev.municipality) == ["Gävle", "Kalmar", "Lidköping", "Norsjö", "Ängelholm"]
    log = wh.ingest_log()
    failed = dict(
        zip(
            log[log.status == "failed"].source.str.rsplit("/", n=1).str[-1],
            log[log.status == "failed"].error_code,
            strict=True,
        )
    )
    assert failed == {
        "missing.pdf": "HTTP404",
        "slow.pdf": "Timeout",
        "error-page.pdf": "NotAPdf",
        "truncated.pdf": "CorruptPdf",
        "cut.pdf": "ConnectionError",
    }
    assert first["failed"] == 5
    assert first["lines"][0] == "10 documents: 5 loaded, 0 loaded incomplete, 0 unchanged, 5 failed"
    # issue 26: a sentence, naming the folder the run used; the review hint as the run was given
    (rejected,) = (raw / "rejected").iterdir()
    assert (
        f"  failed  {server.base}/reports/error-page.pdf: the server sent an HTML page instead "
        f"of a PDF (kept as {rejected})"
    ) in first["lines"]
    assert first["lines"][-1] == (
        f"  details and the commands to retry: kompass review --db {db} --raw-dir {raw}"
    )
    # the flow run's own log: failed documents at ERROR, the rest at INFO (none incomplete)
    levels = flow_run_levels(first["flow_run_id"])
    failed_lines = {m for m, lvl in levels.items() if m.startswith("failed ")}
    assert len(failed_lines) == 5 and {levels[m] for m in failed_lines} == {"ERROR"}
    assert {lvl for m, lvl in levels.items() if m.startswith("loaded ")} == {"INFO"}
    assert server.hits["/reports/flaky.pdf"] == 2  # a 500, then success on retry
    assert server.hits["/reports/missing.pdf"] == 1  # no retry on 404
    assert server.hits["/reports/slow.pdf"] == 3  # timeouts are retried
    # raw bytes: good PDFs by sha256, the HTML page kept aside, nothing half-written
    stored = {p.stem for p in raw.glob("*.pdf")}
    assert stored >= GOOD_SHAS
    assert not list(raw.glob(".*.part")) and not list(raw.glob("*.part"))
    cut_sha = hashlib.sha256((FIXTURES / "strangnas-2014.pdf").read_bytes()).hexdigest()
    assert cut_sha not in stored
    assert [p.suffix for p in (raw / "rejected").iterdir()] == [".html"]
    assert len((raw / "manifest.jsonl").read_text().splitlines()) == len(stored)

    # a second run loads nothing new and asks with conditional GETs
    with get_engine(db).connect() as conn:
        before = conn.execute(text("SELECT COUNT(*) FROM question_scores")).scalar()
    second = run(server, db, raw)
    assert (
        second["lines"][0] == "10 documents: 0 loaded, 0 loaded incomplete, 5 unchanged, 5 failed"
    )
    log = wh.ingest_log()
    unchanged = log[log.status == "unchanged"]
    assert sorted(unchanged.sha256) == sorted(GOOD_SHAS)
    # (the truncated PDF was stored too: it is what the server sent, and it fails again)
    assert set(server.not_modified) == {f"/reports/{n}.pdf" for n in GOOD} | {
        "/reports/flaky.pdf",
        "/reports/truncated.pdf",
    }
    with get_engine(db).connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM question_scores")).scalar() == before

    # reprocess needs no network: stop the server first
    server.stop()
    norsjo_sha = hashlib.sha256((FIXTURES / "norsjo-2018.pdf").read_bytes()).hexdigest()
    runner = CliRunner()
    old_loaded = ev.set_index("municipality").loaded_at
    by_sha = runner.invoke(cli, ["reprocess", norsjo_sha[:10], "--db", db, "--raw-dir", str(raw)])
    assert by_sha.exit_code == 0, by_sha.output
    # named by where the report came from, not by its raw copy (issue 26)
    norsjo_url = f"{server.base}/reports/norsjo-2018.pdf"
    assert by_sha.stdout.startswith(f"loaded     {norsjo_url} → Norsjö 2018")
    by_name = runner.invoke(cli, ["reprocess", "Kalmar", "2012", "--db", db, "--raw-dir", str(raw)])
    assert by_name.exit_code == 0 and "→ Kalmar 2012" in by_name.stdout
    now = wh.evaluations().set_index("municipality")
    assert now.loaded_at["Norsjö"] > old_loaded["Norsjö"]
    assert now.loaded_at["Kalmar"] > old_loaded["Kalmar"]
    assert now.loaded_at["Gävle"] == old_loaded["Gävle"]
    assert now.source_url["Norsjö"] == f"{server.base}/reports/norsjo-2018.pdf"  # kept

    # --outdated: exactly the reports of an older parser version
    with get_engine(db).begin() as conn:
        conn.execute(
            text("UPDATE report SET parser_version = '0.0.1' WHERE sha256 = :s"), {"s": norsjo_sha}
        )
    outdated = runner.invoke(cli, ["reprocess", "--outdated", "--db", db, "--raw-dir", str(raw)])
    assert outdated.exit_code == 0
    assert outdated.stdout.splitlines() == [
        f"loaded     {norsjo_url} → Norsjö 2018 (evaluation {int(now.evaluation_id['Norsjö'])})"
    ]
    again = runner.invoke(cli, ["reprocess", "--outdated", "--db", db, "--raw-dir", str(raw)])
    assert again.stdout == "nothing to reprocess: every report is from the current parser\n"
    missing = runner.invoke(cli, ["reprocess", "ffff", "--db", db, "--raw-dir", str(raw)])
    assert missing.exit_code == 2 and missing.stderr.startswith("error: no stored PDF in ")


def test_cli_ingest_exit_codes(prefect, server: ReportServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    runner = CliRunner()
    ok = runner.invoke(
        cli,
        [
            "ingest",
            "--source",
            str(FIXTURES / "norsjo-2018.pdf"),
            "--db",
            db,
            "--raw-dir",
            str(tmp_path / "raw"),
            "--workers",
            "1",
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert (
        ok.stdout.splitlines()[-1]
        == "1 documents: 1 loaded, 0 loaded incomplete, 0 unchanged, 0 failed"
    )
    some = runner.invoke(
        cli,
        [
            "ingest",
            "--source",
            str(FIXTURES / "bad" / "empty.pdf"),
            "--source",
            str(FIXTURES / "norsjo-2018.pdf"),
            "--db",
            db,
            "--raw-dir",
            str(tmp_path / "raw"),
        ],
    )
    assert some.exit_code == 1
    assert "2 documents: 0 loaded, 0 loaded incomplete, 1 unchanged, 1 failed" in some.stdout
    server.listing_status = 404
    cannot = runner.invoke(
        cli,
        [
            "ingest",
            "--source",
            f"{server.base}/reports/",
            "--db",
            db,
            "--raw-dir",
            str(tmp_path / "raw"),
        ],
    )
    assert cannot.exit_code == 2
    assert (
        cannot.stderr
        == f"error: cannot start: {server.base}/reports/: listing page cannot be read (HTTP 404)\n"
    )
    nodb = runner.invoke(
        cli, ["ingest", "--source", str(FIXTURES), "--db", "sqlite:////no/dir/x.db"]
    )
    assert nodb.exit_code == 2 and nodb.stderr.startswith("error: database sqlite:////no/dir/x.db")


def test_serve_without_a_prefect_server_says_so(tmp_path: Path) -> None:
    """In a process of its own: the test harness configures a server for this one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    kompass = str(Path(sys.executable).with_name("kompass"))
    proc = subprocess.run(
        [kompass, "serve", "--cron", "0 6 * * 1", "--source", str(FIXTURES)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "error: kompass serve needs a Prefect server: run `prefect server start` "
        "and set PREFECT_API_URL=http://127.0.0.1:4200/api\n"
    )
