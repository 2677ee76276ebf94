"""`kompass query` and the reader engine against hostile URLs and SQL (issue 28, 8-9)."""

from __future__ import annotations

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
