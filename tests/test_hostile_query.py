"""`kompass query` and the reader engine against hostile URLs and SQL (issue 28, 8-9)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from pipeline.cli import cli
from warehouse import query as q
from warehouse.db import WarehouseUnavailable, get_engine, get_read_only


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    get_engine(f"sqlite:///{path}")
    with get_engine(f"sqlite:///{path}").begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO probe (id) VALUES (1), (2)"))
    return path


def test_a_file_uri_gets_the_read_only_engine(warehouse: Path) -> None:
    """Before: `sqlite:///file:…?uri=true` got the writer: a data-modifying WITH printed the
    deleted ids before the rollback, holding the write lock."""
    url = f"sqlite:///file:{warehouse}?uri=true"
    sql = "WITH x AS (SELECT 1) DELETE FROM probe RETURNING id"
    with pytest.raises(q.QueryRefused):
        q.run(get_read_only(url), sql)
    with pytest.raises(q.QueryRefused):  # a mode in the URI changes nothing
        q.run(get_read_only(f"sqlite:///file:{warehouse}?mode=rwc&uri=true"), sql)
    assert list(q.run(get_read_only(url), "SELECT id FROM probe ORDER BY id")["id"]) == [1, 2]


def test_a_file_uri_to_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    with pytest.raises(WarehouseUnavailable, match="no such file"):
        get_read_only(f"sqlite:///file:{missing}?mode=rwc&uri=true")
    assert not missing.exists()


def test_fts3_tokenizer_is_not_callable(warehouse: Path) -> None:
    """Before: `SELECT fts3_tokenizer('simple')` returned a native pointer."""
    engine = get_read_only(f"sqlite:///{warehouse}")
    with pytest.raises(q.QueryRefused):
        q.run(engine, "SELECT fts3_tokenizer('simple')")
    with pytest.raises(q.QueryRefused):
        q.run(engine, "SELECT FTS3_Tokenizer('porter')")


def test_query_on_a_folder_says_so(tmp_path: Path) -> None:
    """Before: "disk I/O error"."""
    result = CliRunner().invoke(cli, ["query", "SELECT 1", "--db", f"sqlite:///{tmp_path}"])
    assert result.exit_code == 2
    assert result.output.strip().endswith("is a folder, not a database file")
    assert "Traceback" not in result.output


_FULL_STORE = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
from pipeline.raw import RawStore, StoreWriteError
store = RawStore(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
try:
    store.add_local(sys.argv[2])
except StoreWriteError as e:
    print("StoreWriteError", e.reason)
except OSError as e:
    print("OSError", e)
"""


def test_a_raw_folder_that_cannot_take_the_file_is_not_a_file_that_cannot_be_read(
    tmp_path: Path,
) -> None:
    """Issue 28 (9): a full raw folder was logged as FileNotFoundError "cannot read: No
    space left on device". A real write failure here: a file-size limit (EFBIG)."""
    import subprocess
    import sys

    from tests.conftest import FIXTURES

    raw = tmp_path / "raw"
    out = subprocess.run(
        [sys.executable, "-c", _FULL_STORE, str(raw), str(FIXTURES / "norsjo-2018.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == (
        f"StoreWriteError cannot write to the raw folder {raw}: File too large"
    ), out.stderr
    assert not list(raw.glob(".*.part"))


# --- a warehouse in a folder that cannot be written (issue 28, 9) --------------------------

KOMPASS = str(Path(sys.executable).with_name("kompass"))
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _mount_read_only(folder: Path) -> list[str] | None:
    """A command prefix that runs its command with `folder` bind-mounted read-only in a
    private mount namespace (a real read-only filesystem), or None where that is not allowed."""
    script = 'mount --bind -o ro "$0" "$0" && ! touch "$0/.probe" 2>/dev/null && exec "$@"'
    prefix = ["unshare", "-m", "sh", "-c", script, str(folder)]
    if not shutil.which("unshare"):
        return None
    probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=30)
    return prefix if probe.returncode == 0 else None


def _as_nobody() -> list[str] | None:
    """A command prefix that runs its command as an unprivileged user (root's DAC override
    gone), or None."""
    if not shutil.which("setpriv") or os.geteuid() != 0:
        return None
    # the user must be able to run this checkout's kompass: a clone under `mktemp -d` (0700,
    # as in the fresh-clone check) is root's alone
    probe = subprocess.run([*NOBODY, KOMPASS, "--version"], capture_output=True, timeout=60)
    return NOBODY if probe.returncode == 0 else None


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder everyone may read (pytest's own tmp folders are root's alone)."""
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="kompass-ro-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield folder


def _read_only_prefix(folder: Path) -> list[str]:
    prefix = _mount_read_only(folder) or _as_nobody()
    if prefix is None:
        pytest.skip("neither a read-only bind mount (unshare -m) nor setpriv to another user")
    return prefix


def _query(prefix: list[str], db: Path, sql: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, KOMPASS, "query", sql, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _warehouse_with_rows(db: Path, ids: list[int]) -> None:
    with get_engine(f"sqlite:///{db}").begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO probe (id) VALUES " + ", ".join(f"({i})" for i in ids)))
    for path in db.parent.iterdir():
        path.chmod(0o644)


def test_a_closed_warehouse_on_a_read_only_filesystem_can_be_queried(shared_folder: Path) -> None:
    """Nothing but the database file: WAL's -shm cannot be made, so it is read immutable."""
    db = shared_folder / "w.db"
    _warehouse_with_rows(db, [1, 2])
    get_engine(f"sqlite:///{db}").dispose()  # the last connection closes: -wal, -shm go
    assert sorted(p.name for p in shared_folder.iterdir()) == ["w.db"]
    out = _query(_read_only_prefix(shared_folder), db, "SELECT count(*) AS n FROM probe")
    assert (out.returncode, out.stdout.split(), out.stderr) == (0, ["n", "2"], "")


def test_changes_still_in_the_wal_are_read_on_a_read_only_filesystem(shared_folder: Path) -> None:
    """A writer has the warehouse open (or was stopped with it open): the last rows are in
    -wal. Before: opened immutable, which ignores -wal: the query said 2 rows, not 5,
    without a word. Now plain read-only through the -shm that is there."""
    db = shared_folder / "w.db"
    _warehouse_with_rows(db, [1, 2])
    _warehouse_with_rows(db, [3, 4, 5])  # the writer's pool keeps a connection: no checkpoint
    assert Path(f"{db}-wal").stat().st_size > 0
    out = _query(_read_only_prefix(shared_folder), db, "SELECT count(*) AS n FROM probe")
    assert (out.returncode, out.stdout.split(), out.stderr) == (0, ["n", "5"], "")


def test_an_unprivileged_reader_sees_a_live_writers_last_rows(shared_folder: Path) -> None:
    """Another user's warehouse folder (readable, not writable), a loader still running."""
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip(
            "no unprivileged user can run this checkout's kompass here (no setpriv, not root, "
            "or the checkout is in a folder only root may enter)"
        )
    db = shared_folder / "w.db"
    _warehouse_with_rows(db, [1, 2])
    for new_id, expected in ((3, "2"), (4, "3")):
        out = _query(prefix, db, "SELECT count(*) AS n FROM probe")
        assert (out.returncode, out.stdout.split(), out.stderr) == (0, ["n", expected], "")
        _warehouse_with_rows(db, [new_id])


_STOPPED_WRITER = """
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY)")
c.execute("INSERT INTO probe VALUES (1), (2)")
c.commit()
os._exit(0)  # killed: no checkpoint, -wal and -shm stay
"""


def test_a_wal_without_its_shm_on_a_read_only_filesystem_is_refused_in_one_line(
    shared_folder: Path,
) -> None:
    """immutable would ignore -wal (here: "no such table", elsewhere silently old rows)."""
    db = shared_folder / "w.db"
    subprocess.run([sys.executable, "-c", _STOPPED_WRITER, str(db)], check=True, timeout=60)
    Path(f"{db}-shm").unlink()
    for path in shared_folder.iterdir():
        path.chmod(0o644)
    out = _query(_read_only_prefix(shared_folder), db, "SELECT count(*) AS n FROM probe")
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.splitlines() == [
        f"error: database {db}: its last changes are in w.db-wal, which cannot be read without "
        "w.db-shm in a folder that cannot be written; copy the folder somewhere writable, or "
        "where it can be written run: sqlite3 w.db 'PRAGMA wal_checkpoint(TRUNCATE)'"
    ]


def test_a_full_raw_folder_is_one_store_failed_row_with_its_reason(tmp_path: Path) -> None:
    """Issue 28 (9), on a real full filesystem: a 64 KB tmpfs as the raw folder takes the
    first report (17 KB) and not the second (79 KB): ENOSPC. Before: FileNotFoundError
    "cannot read: No space left on device"."""
    from tests.conftest import FIXTURES

    raw = tmp_path / "raw"
    raw.mkdir()
    mount = 'mount -t tmpfs -o size=64k tmpfs "$0" && exec "$@"'
    if (
        not shutil.which("unshare")
        or subprocess.run(
            ["unshare", "-m", "sh", "-c", mount, str(raw), "true"], capture_output=True, timeout=30
        ).returncode
    ):
        pytest.skip("no private mount namespace (unshare -m) for a small tmpfs")
    db = tmp_path / "w.db"
    small, big = FIXTURES / "gavle-2022.pdf", FIXTURES / "norsjo-2018.pdf"
    out = subprocess.run(
        [
            *["unshare", "-m", "sh", "-c", mount, str(raw)],
            KOMPASS,
            "load",
            str(small),
            str(big),
            "--db",
            str(db),
            "--raw-dir",
            str(raw),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout.splitlines()[1] == (
        f"failed     norsjo-2018.pdf: cannot write to the raw folder {raw}: No space left on device"
    )
    with get_engine(f"sqlite:///{db}").connect() as conn:
        rows = conn.execute(text("SELECT status, error_code FROM ingest_log ORDER BY 1")).all()
    assert [tuple(r) for r in rows] == [("failed", "StoreFailed"), ("loaded", None)]
