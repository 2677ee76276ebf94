"""What a user trips over at the command line: every path that writes a file refuses in one
line with exit code 2 (never a traceback), `review` says by its exit code whether something
needs a look, `serve` says what it serves and stops with 130, `--db` takes a file's path, and
every command that takes a municipality knows it without å/ä/ö."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from parsers.report import parse_report
from pipeline.cli import cli
from pipeline.steps import load_file
from tests.conftest import FIXTURES
from warehouse.db import get_engine
from warehouse.load import store_record

KOMPASS = str(Path(sys.executable).with_name("kompass"))
NORSJO = FIXTURES / "norsjo-2018.pdf"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('errors') / 'w.db'}"
    engine = get_engine(url)
    for name in ("norsjo-2018", "angelholm-2019", "strangnas-2014", "kalmar-2012"):
        load_file(FIXTURES / f"{name}.pdf", engine)
    # a second evaluation of Norsjö (2019, the same instrument version), 5 points more in
    # area 1, to compare one municipality over two evaluations
    record = parse_report(NORSJO)
    record.evaluation_year = 2019
    record.source = replace(record.source, sha256="f" * 64)
    record.areas[0].points += 5
    store_record(engine, record, source="norsjo-2019 (test)")
    return url


def _kompass(*args: str, cwd: Path | None = None, env: dict | None = None):
    return subprocess.run(
        [KOMPASS, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def _one_line(proc, start: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(start), proc.stderr


# --- every path that writes a file -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (
            ["query", "SELECT 1 AS x", "--excel", "nodir/x.xlsx"],
            "error: nodir/x.xlsx: cannot write it (there is no folder nodir)",
        ),
        (
            ["query", "SELECT 1 AS x", "--excel", "x.csv"],
            "error: x.csv: an Excel workbook's name ends in .xlsx",
        ),
        (
            ["query", "SELECT 1 AS x", "--excel", "/proc/x.xlsx"],
            "error: /proc/x.xlsx: cannot write it (",
        ),
        (["export", "--out", "/proc/nope"], "error: /proc/nope: cannot create the folder ("),
        (
            ["export", "--excel", "--out", "/proc/nope"],
            "error: /proc/nope: cannot create the folder (",
        ),
        (
            ["export", "--format", "parquet", "--out", "/proc/nope"],
            "error: /proc/nope: cannot create the folder (",
        ),
        (
            ["plot", "profile", "Norsjö", "--out", "nodir/p.png"],
            "error: nodir/p.png: cannot write it (there is no folder nodir)",
        ),
        (
            ["plot", "trend", "Norsjö", "--out", "/proc/t.svg"],
            "error: /proc/t.svg: cannot write it (",
        ),
        (
            ["db", "dictionary", "--out", "nodir/dd.md"],
            "error: nodir/dd.md: cannot write it (there is no folder nodir)",
        ),
        (
            ["inspect", str(NORSJO), "--page", "9", "--out", "nodir/p9.png"],
            "error: nodir/p9.png: cannot write it (there is no folder nodir)",
        ),
        (
            ["inspect", str(NORSJO), "--page", "9", "--out", "p9.jpg"],
            "error: p9.jpg: inspect writes PNG; use a name ending in .png",
        ),
    ],
    ids=lambda v: " ".join(v[:3]) if isinstance(v, list) else None,
)
def test_a_file_that_cannot_be_written_is_one_line(
    loaded: str, tmp_path: Path, args: list[str], start: str
) -> None:
    (tmp_path / "afile").write_text("x")
    proc = (
        _kompass(*args, "--db", loaded, cwd=tmp_path)
        if args[0] not in ("db", "inspect")
        else _kompass(*args, cwd=tmp_path)
    )
    _one_line(proc, start)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]  # nothing half-written


def test_inspect_text_writes_no_picture(tmp_path: Path) -> None:
    proc = _kompass("inspect", str(NORSJO), "--page", "9", "--text", cwd=tmp_path)
    assert proc.returncode == 0 and "q 1.1: 13/15/85%" in proc.stdout
    assert "wrote" not in proc.stdout and list(tmp_path.iterdir()) == []
    drawn = _kompass(
        "inspect", str(NORSJO), "--page", "9", "--text", "--out", "p9.png", cwd=tmp_path
    )
    assert drawn.returncode == 0 and drawn.stdout.endswith("wrote p9.png\n")
    assert (tmp_path / "p9.png").read_bytes()[:4] == b"\x89PNG"


def test_db_dictionary_outside_the_checkout(tmp_path: Path) -> None:
    """Run from another folder, it regenerates the checkout's docs/data-dictionary.md (not
    docs/ of the working folder); --out - prints it."""
    target = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"
    before = target.read_text("utf-8")
    proc = _kompass("db", "dictionary", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == f"{target}\n"
    assert target.read_text("utf-8") == before and list(tmp_path.iterdir()) == []
    printed = _kompass("db", "dictionary", "--out", "-", cwd=tmp_path)
    assert printed.returncode == 0 and printed.stdout == before


# --- exit codes ------------------------------------------------------------------------------


def test_review_exit_code_says_whether_something_needs_a_look(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    raw = str(tmp_path / "raw")
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(NORSJO), "--db", db, "--raw-dir", raw]).exit_code == 0
    clean = runner.invoke(cli, ["review", "--db", db, "--raw-dir", raw])
    assert clean.exit_code == 0
    assert (
        clean.stdout == "nothing to review: every evaluation is complete and no document failed\n"
    )
    runner.invoke(cli, ["load", str(FIXTURES / "bad" / "empty.pdf"), "--db", db, "--raw-dir", raw])
    failed = runner.invoke(cli, ["review", "--db", db, "--raw-dir", raw])
    assert failed.exit_code == 1 and "Failed documents (1): not loaded" in failed.stdout
    helped = " ".join(runner.invoke(cli, ["review", "--help"]).stdout.split())
    assert (
        "Exit code 0 when there is nothing to review, 1 when some evaluation is incomplete or some document failed"
        in helped
    )


def test_serve_says_what_it_serves_and_ctrl_c_exits_130(prefect, tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "ph"), PREFECT_API_URL=PREFECT_API_URL.value())
    db = tmp_path / "s.db"
    proc = subprocess.Popen(
        [
            KOMPASS,
            "serve",
            "--cron",
            "0 6 * * 1",
            "--source",
            str(FIXTURES),
            "--db",
            str(db),
            "--raw-dir",
            str(tmp_path / "raw"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        lines = [proc.stdout.readline() for _ in range(6)]
        time.sleep(8)  # registered, the runner polls
        assert proc.poll() is None, proc.stderr.read()
        os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert lines[0].startswith("serving the ingest flow on schedule '0 6 * * 1' (UTC); next run 20")
    assert lines[0].rstrip().endswith("UTC (Monday)")
    assert lines[1] == f"  database   sqlite:///{db}\n"
    assert lines[2] == f"  raw folder {tmp_path / 'raw'}\n"
    assert lines[3] == f"  source     {FIXTURES}\n"
    assert lines[4].startswith("  Prefect    http://127.0.0.1:")
    assert lines[5] == "Ctrl-C stops it.\n"
    assert code == 130, proc.stderr.read()
    assert "Traceback" not in proc.stderr.read()


def test_serve_refuses_a_schedule_that_is_not_cron(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "ph"), PREFECT_API_URL="http://127.0.0.1:9/api")
    proc = _kompass("serve", "--cron", "every monday", "--source", str(FIXTURES), env=env)
    _one_line(proc, "error: --cron 'every monday': not a cron schedule")


# --- names, years, paths ---------------------------------------------------------------------


def test_db_takes_the_path_of_an_sqlite_file(loaded: str, tmp_path: Path) -> None:
    path = loaded.removeprefix("sqlite:///")
    (tmp_path / "heldout.db").symlink_to(path)
    proc = _kompass(
        "query", "SELECT COUNT(*) AS n FROM evaluations", "--db", "heldout.db", cwd=tmp_path
    )
    assert proc.returncode == 0 and proc.stdout.split() == ["n", "5"]
    missing = _kompass("query", "SELECT 1", "--db", "nosuch.db", cwd=tmp_path)
    _one_line(missing, f"error: database sqlite:///{tmp_path / 'nosuch.db'}: no such file")
    helped = " ".join(CliRunner().invoke(cli, ["query", "--help"]).stdout.split())
    assert "or the path of an SQLite file" in helped


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["plot", "profile", "norsjo", "--out", "p.svg"], "p.svg"),
        (["plot", "trend", "NORSJO", "--out", "t.svg"], "t.svg"),
        (["compare", "Norsjo", "Angelholm"], "Ängelholm"),
        (["search", "medborgardialog", "--municipality", "strangnas"], "Strängnäs 2014"),
    ],
)
def test_every_command_knows_a_name_without_diacritics(
    loaded: str, tmp_path: Path, monkeypatch, args, expected
) -> None:
    monkeypatch.chdir(tmp_path)  # the plots are written here
    result = CliRunner().invoke(cli, [*args, "--db", loaded])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_an_unknown_name_or_year_is_answered_with_what_there_is(loaded: str) -> None:
    runner = CliRunner()
    typo = runner.invoke(cli, ["plot", "profile", "Norsjx", "--db", loaded])
    assert typo.exit_code == 2
    assert typo.stderr == "error: 'Norsjx' is not a Swedish municipality; did you mean Norsjö?\n"
    year = runner.invoke(cli, ["plot", "profile", "Norsjö", "--year", "2016", "--db", loaded])
    assert year.exit_code == 2
    assert year.stderr == (
        "error: no evaluation of Norsjö in 2016 in the warehouse; Norsjö has evaluations in "
        "2018, 2019\n"
    )
    cmp_year = runner.invoke(
        cli, ["compare", "Norsjö", "Ängelholm", "--year", "2018", "--db", loaded]
    )
    assert (
        cmp_year.stderr
        == "error: no evaluation of Ängelholm in 2018 in the warehouse; Ängelholm has one in 2019\n"
    )
    search = runner.invoke(cli, ["search", "medborgardialog", "--year", "2013", "--db", loaded])
    assert search.exit_code == 0
    assert search.stdout == (
        "no matches: the warehouse has no evaluation of 2013 (years: 2012, 2014, 2018, 2019)\n"
    )


def test_compare_one_municipality_over_two_evaluations(loaded: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["compare", "norsjo:2018", "Norsjö:2019", "--db", loaded])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Norsjö", "Norsjö", "2019"]
    assert lines[1].split()[-4:] == ["2018", "2019", "−", "2018"]  # the difference: 2019 − 2018
    assert lines[3].split()[-3:] == ["69", "74", "+5"]
    twice = runner.invoke(cli, ["compare", "Norsjö", "Norsjö", "--db", loaded])
    assert twice.exit_code == 2
    assert twice.stderr == (
        "error: Norsjö 2019 is named twice; to compare one municipality over the years, give "
        "each year: Norsjö:2015 Norsjö:2018\n"
    )
    bad = runner.invoke(cli, ["compare", "Norsjö:18", "Ängelholm", "--db", loaded])
    assert (
        bad.stderr == "error: 'Norsjö:18': write MUNICIPALITY or MUNICIPALITY:YEAR (Norsjö:2015)\n"
    )
