"""Bad configurations: refused before any work, in one line naming the problem, exit code 2.

A file without write permission is writable for root, so where a test needs one it runs the
real `kompass` command without the capabilities that let root ignore file modes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import FIXTURES
from warehouse.browse import available
from warehouse.db import get_engine

KOMPASS = str(Path(sys.executable).with_name("kompass"))
NORSJO = str(FIXTURES / "norsjo-2018.pdf")


def as_ordinary_user(args: list[str], **kw) -> subprocess.CompletedProcess:
    """Run kompass so that file modes apply (root without CAP_DAC_OVERRIDE)."""
    cmd = [KOMPASS, *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: file modes cannot be tested")
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def test_load_refuses_a_raw_dir_that_cannot_be_created(tmp_path: Path) -> None:
    """Defect 7: `load` printed "loaded" and kept no raw copy (or, here, a traceback)."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    result = CliRunner().invoke(
        cli, ["load", NORSJO, "--db", db, "--raw-dir", str(blocker / "raw")]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: raw folder {blocker / 'raw'}: cannot create it (")
    assert result.stderr.count("\n") == 1


def test_load_refuses_an_unwritable_raw_dir_before_loading(tmp_path: Path) -> None:
    """Defect 7: `kompass load` with an unwritable --raw-dir printed "loaded"."""
    raw = tmp_path / "raw"
    raw.mkdir()
    raw.chmod(0o555)
    db = tmp_path / "w.db"
    result = as_ordinary_user(["load", NORSJO, "--db", f"sqlite:///{db}", "--raw-dir", str(raw)])
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr == f"error: raw folder {raw}: not writable\n"
    assert (
        not db.exists()
        or get_engine(f"sqlite:///{db}")
        .connect()
        .exec_driver_sql("SELECT COUNT(*) FROM evaluation")
        .scalar()
        == 0
    )


@pytest.mark.parametrize("command", ["ingest", "load"])
def test_a_read_only_database_refuses_to_start(tmp_path: Path, command: str) -> None:
    """Defect 8: `ingest` failed every document (exit 1); `load` did not name the file."""
    db = tmp_path / "w.db"
    url = f"sqlite:///{db}"
    get_engine(url).dispose()  # created and migrated
    db.chmod(0o444)
    args = ["--source", NORSJO] if command == "ingest" else [NORSJO]
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    result = as_ordinary_user(
        [command, *args, "--db", url, "--raw-dir", str(tmp_path / "raw")], env=env
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == (
        f"error: database {url}: cannot write to it (attempt to write a readonly database)\n"
    )
    # reading a read-only warehouse still works
    query = as_ordinary_user(["query", "SELECT COUNT(*) AS n FROM evaluations", "--db", url])
    assert query.returncode == 0 and query.stdout.split() == ["n", "0"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "mysql://kompass:s3cret@db.example/kompass",
            "database mysql://kompass:***@db.example/kompass: the driver for mysql is not "
            "installed (no module MySQLdb): .venv/bin/pip install mysqlclient",
        ),
        (
            "postgresql+psycopg2://kompass:s3cret@localhost/kompass",
            "database postgresql+psycopg2://kompass:***@localhost/kompass: the driver for "
            "postgresql+psycopg2 is not installed (no module psycopg2): .venv/bin/pip install "
            "psycopg2-binary, or use postgresql+psycopg:// (installed)",
        ),
        (
            "postgresql+psycopg://kompass:s3cret@localhost:54x2/kompass",
            "database postgresql+psycopg://kompass:***@localhost:54x2/kompass: not a database "
            "URL (the port must be a number)",
        ),
        (
            "nosuchdb://kompass:s3cret@localhost/kompass",
            "database nosuchdb://kompass:***@localhost/kompass: unknown database type nosuchdb "
            "(kompass uses sqlite:///FILE or postgresql+psycopg://…)",
        ),
    ],
)
def test_a_database_url_without_its_driver_is_one_line(url: str, message: str) -> None:
    """Defect 9: a missing driver or a bad port printed a 40-line traceback, exit 1."""
    proc = subprocess.run(
        [KOMPASS, "query", "SELECT 1", "--db", url], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr == f"error: {message}\n"
    assert "s3cret" not in proc.stderr


def test_browse_on_a_busy_port_fails(tmp_path: Path) -> None:
    """Defect 11: `browse` on a port in use exited 0."""
    if not available():
        pytest.skip("the browse extra is not installed")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    get_engine(db).dispose()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [KOMPASS, "browse", "--db", db, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 2
    assert proc.stderr == f"error: port {port} on 127.0.0.1 is in use; choose another with --port\n"


def test_a_prefect_setting_prefect_refuses_is_one_error_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    """A PREFECT_* variable Prefect's settings refuse (here a float where Prefect wants whole
    seconds) raised pydantic's ValidationError out of `import prefect`: a 60-line traceback
    and exit 1. Prefect logs its own "Failed to initialize plugins" lines first (its import
    does, not ours); the command then ends with one error line naming the setting, exit 2."""
    (tmp_path / "src").mkdir()
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "0.5"}
    args = ["ingest", "--source", str(tmp_path / "src"), "--db", str(tmp_path / "w.db")]
    args += ["--raw-dir", str(tmp_path / "raw")]
    done = subprocess.run([KOMPASS, *args], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: Prefect's settings are not valid: ServerEphemeralSettings")
    assert "startup_timeout_seconds" in last and "'0.5'" in last
