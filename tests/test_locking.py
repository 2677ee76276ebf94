"""Reads never block loads: readers use a read-only connection with deferred transactions,
only writes take SQLite's write lock (BEGIN IMMEDIATE). Real processes, real SQLite files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from pipeline.cli import cli
from pipeline.steps import load_file
from tests.conftest import FIXTURES
from warehouse.api import Warehouse
from warehouse.db import get_engine

KOMPASS = str(Path(sys.executable).with_name("kompass"))
LONG_SQL = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000) "
    "SELECT COUNT(*) FROM c"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    load_file(FIXTURES / "gavle-2022.pdf", get_engine(url))
    return url


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path) for fd in fds.iterdir())
    except OSError:
        return False


def load(db: str, tmp_path: Path, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            KOMPASS,
            "load",
            str(FIXTURES / "norsjo-2018.pdf"),
            "--db",
            db,
            "--raw-dir",
            str(tmp_path / "raw"),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_load_succeeds_while_a_long_query_runs(db: str, tmp_path: Path) -> None:
    """Defect 5: a long `kompass query` made a concurrent `kompass load` fail after 60 s."""
    path = (tmp_path / "w.db").resolve()
    query = subprocess.Popen(
        [KOMPASS, "query", LONG_SQL, "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        for _ in range(300):  # until the query process has the database open
            if _has_open(query.pid, path) or query.poll() is not None:
                break
            time.sleep(0.05)
        time.sleep(0.5)
        assert query.poll() is None, "the query ended before the load could overlap it"
        loaded = load(db, tmp_path)
        assert loaded.returncode == 0, loaded.stderr
        assert loaded.stdout.startswith("loaded     norsjo-2018.pdf → Norsjö 2018")
        assert query.poll() is None  # the load finished while the query was still running
    finally:
        query.kill()
        query.wait()


def test_open_read_transactions_do_not_queue_behind_each_other_or_block_a_load(
    db: str, tmp_path: Path
) -> None:
    wh = Warehouse(db)
    with wh.engine.connect() as first, wh.engine.connect() as second:
        assert first.execute(text("SELECT COUNT(*) FROM evaluations")).scalar() == 1
        assert second.execute(text("SELECT COUNT(*) FROM evaluations")).scalar() == 1
        loaded = load(db, tmp_path, timeout=20)
        assert loaded.returncode == 0, loaded.stderr
        # both readers still see their snapshot; a new reader sees the load
        assert first.execute(text("SELECT COUNT(*) FROM evaluations")).scalar() == 1
    assert len(wh.evaluations()) == 2


def test_query_cannot_attach_or_write(db: str, tmp_path: Path) -> None:
    """Defect 11: ATTACH created an empty file; UPDATE … RETURNING printed rows, exit 0."""
    target = tmp_path / "x.db"
    runner = CliRunner()
    attach = runner.invoke(cli, ["query", f"ATTACH DATABASE '{target}' AS x", "--db", db])
    assert attach.exit_code == 2
    assert attach.stderr == "error: query is read-only: only SELECT/WITH statements\n"
    assert not target.exists()
    update = runner.invoke(
        cli, ["query", "UPDATE evaluation SET total_points = 0 RETURNING evaluation_id", "--db", db]
    )
    assert update.exit_code == 2
    assert update.stdout == ""
    assert update.stderr == "error: query is read-only: only SELECT/WITH statements\n"
    assert Warehouse(db).evaluations().total_points.isna().all()  # Gävle prints no total
    fine = runner.invoke(cli, ["query", "SELECT municipality FROM evaluations", "--db", db])
    assert fine.exit_code == 0 and "Gävle" in fine.stdout


def test_readers_cannot_write_on_either_engine(db_url: str) -> None:
    load_file(FIXTURES / "gavle-2022.pdf", get_engine(db_url))
    result = CliRunner().invoke(
        cli,
        ["query", "UPDATE evaluation SET publisher = 'x' RETURNING evaluation_id", "--db", db_url],
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "error: query is read-only: only SELECT/WITH statements\n"
    assert list(Warehouse(db_url).query("SELECT publisher FROM evaluation").publisher) != ["x"]
