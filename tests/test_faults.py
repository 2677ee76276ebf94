"""Faults during an ingest: a download that trickles forever, links that point at the local
disk, Ctrl-C, and SIGKILL. Real HTTP server on 127.0.0.1, real SQLite files, real Prefect
runs, and for signals the real `kompass` command in processes of its own."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from pipeline import flows
from pipeline.cli import cli
from pipeline.ingest import Progress
from tests.conftest import FIXTURES
from tests.http_fixtures import ReportServer
from warehouse.db import get_engine

KOMPASS = str(Path(sys.executable).with_name("kompass"))


@pytest.fixture
def server():
    with ReportServer(drip_seconds=20) as s:
        yield s


def log_of(db: str) -> dict[str, tuple[str, str | None, str | None]]:
    """source → (status, error_code, error_message) of its last attempt."""
    with get_engine(db).connect() as conn:
        rows = conn.execute(
            text("SELECT source, status, error_code, error_message FROM ingest_log ORDER BY 1")
        ).all()
    return {r.source: (r.status, r.error_code, r.error_message) for r in rows}


def test_a_download_that_trickles_is_cut_at_its_deadline_and_delays_only_itself(
    prefect, server: ReportServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 1: 1 byte at a time kept the ingest running with nothing loaded, not even the
    local file given alongside."""
    db = f"sqlite:///{tmp_path / 'w.db'}"
    drip = f"{server.base}/reports/drip.pdf"
    local = str(FIXTURES / "gavle-2022.pdf")
    good = f"{server.base}/reports/kalmar-2012.pdf"
    order: list[str] = []

    class Order(Progress):
        def advance(self, result) -> None:
            order.append(result.source)

    state = flows.ingest_flow(
        [drip, local, good],
        db_url=db,
        raw_dir=str(tmp_path / "raw"),
        workers=1,
        timeout=1.0,
        retry_delays=[0.1],
        # long enough for Prefect's process pool to spawn its worker and parse the local file
        download_deadline=12.0,
        progress=Order(),
        return_state=True,
    )
    out = flows.summary_of(state)
    log = log_of(db)
    assert log[drip] == (
        "failed",
        "Timeout",
        "download took more than 12 s (deadline per download)",
    )
    assert log[local][0] == "loaded" and log[good][0] == "loaded"
    assert out["lines"][0] == "3 documents: 2 loaded, 0 loaded incomplete, 0 unchanged, 1 failed"
    # streaming: the others were loaded while the slow one was still coming in
    assert order.index(local) < order.index(drip)
    assert order.index(good) < order.index(drip)
    assert server.hits["/reports/drip.pdf"] == 1  # a deadline is not retried
    assert not list((tmp_path / "raw").glob(".*.part"))


def test_links_on_a_web_page_are_followed_only_if_http(
    prefect,
    server: ReportServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Defect 6: a file: link on a remote listing page was read as a local path relative to
    the working directory, and loaded if it existed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file:").mkdir()
    shutil.copy(FIXTURES / "norsjo-2018.pdf", tmp_path / "file:" / "secret.pdf")
    shutil.copy(FIXTURES / "norsjo-2018.pdf", tmp_path / "secret.pdf")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    out = flows.summary_of(
        flows.ingest_flow(
            [f"{server.base}/hostile/"],
            db_url=db,
            raw_dir=str(tmp_path / "raw"),
            workers=1,
            return_state=True,
        )
    )
    log = log_of(db)
    assert log == {
        f"{server.base}/reports/gavle-2022.pdf": ("loaded", None, None),
        "file:///secret.pdf": (
            "failed",
            "RefusedScheme",
            "refused: a file: link on a web page (only http(s))",
        ),
        "file:secret.pdf": (
            "failed",
            "RefusedScheme",
            "refused: a file: link on a web page (only http(s))",
        ),
        "ftp://127.0.0.1/x.pdf": (
            "failed",
            "RefusedScheme",
            "refused: a ftp: link on a web page (only http(s))",
        ),
    }
    assert out["lines"][0] == "4 documents: 1 loaded, 0 loaded incomplete, 0 unchanged, 3 failed"


def _env(tmp_path: Path) -> dict[str, str]:
    """No Prefect server configured: the command starts its own temporary one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    # a fresh server migrates its database first: slow on a busy CI machine
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "120"
    return env


def _ingest(server: ReportServer, tmp_path: Path, folder: Path) -> subprocess.Popen:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    return subprocess.Popen(
        [
            KOMPASS,
            "ingest",
            "--source",
            str(folder),
            "--source",
            f"{server.base}/reports/drip.pdf",
            "--source",
            f"{server.base}/reports/missing.pdf",
            "--db",
            db,
            "--raw-dir",
            str(tmp_path / "raw"),
            "--workers",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
        start_new_session=True,  # like a shell job: its own group, as a terminal has
    )


def _wait_for_a_loaded_line(proc: subprocess.Popen) -> list[str]:
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("loaded "):
            return lines
    raise AssertionError(f"no document loaded: {lines} {proc.stderr.read()}")


def _many_reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for pdf in sorted(FIXTURES.glob("*.pdf")):
        shutil.copy(pdf, folder / pdf.name)
    return folder


def test_first_ctrl_c_stops_the_ingest_with_a_summary_and_exit_130(
    server: ReportServer, tmp_path: Path
) -> None:
    """Defect 2: the first Ctrl-C did not stop `kompass ingest`; the second printed "Crash
    detected… Aborted!" with no summary."""
    folder = _many_reports(tmp_path)
    proc = _ingest(server, tmp_path, folder)
    try:
        before = _wait_for_a_loaded_line(proc)
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    out = "".join(before) + rest
    assert "Traceback" not in err and "Aborted" not in err and "Crash" not in err
    assert err.startswith("stopping: no new downloads;")
    summary = [ln for ln in out.splitlines() if " documents: " in ln]
    assert len(summary) == 1
    log = log_of(f"sqlite:///{tmp_path / 'w.db'}")
    drip = f"{server.base}/reports/drip.pdf"
    missing = f"{server.base}/reports/missing.pdf"
    sources = {str(p) for p in folder.glob("*.pdf")} | {drip, missing}
    assert set(log) == sources  # every document is accounted for
    assert log[drip][:2] == ("failed", "Interrupted")
    # defect 11: a failed download is one line, not Prefect's traceback on stderr
    assert log[missing] == ("failed", "HTTP404", "HTTP 404 Not Found")
    assert f"failed     {missing}: HTTP 404 Not Found" in out.splitlines()
    loaded = [s for s, (status, _, _) in log.items() if status == "loaded"]
    interrupted = [s for s, (_, code, _) in log.items() if code == "Interrupted"]
    assert loaded and len(loaded) + len(interrupted) + 1 == len(sources)
    # issue 26: interrupted documents are not failures, and the advice is to run again
    n = len(interrupted)
    assert summary[0] == (
        f"{len(sources)} documents: {len(loaded)} loaded, 0 loaded incomplete, 0 unchanged, "
        f"1 failed, {n} interrupted"
    )
    them = "them" if n != 1 else "it"
    assert (
        f"  interrupted: {n} document{'s' * (n != 1)} not finished, nothing wrong with {them}: "
        "run the same kompass ingest again (what is loaded is skipped)"
    ) in out.splitlines()
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with get_engine(db).connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM evaluation")).scalar() == len(loaded)
    review = CliRunner().invoke(cli, ["review", "--db", db, "--raw-dir", str(tmp_path / "raw")])
    lines = review.stdout.splitlines()
    assert lines[0] == (
        f"Interrupted documents ({n}): a run was stopped before they were loaded; "
        "nothing is wrong with them"
    )
    assert sorted(line.strip() for line in lines[1 : n + 1]) == sorted(interrupted)
    assert lines[n + 1].startswith(
        "    to finish them: run the same kompass ingest again (what is loaded is skipped), "
        "e.g. kompass ingest --source "
    )
    assert lines[n + 2 :] == [
        "Failed documents (1): not loaded",
        f"  {missing}",
        "    HTTP404: HTTP 404 Not Found",
        f"    to try again: kompass ingest --source {missing} --db {db} "
        f"--raw-dir {tmp_path / 'raw'}",
    ]
    status = CliRunner().invoke(cli, ["status", "--db", db]).stdout.splitlines()
    assert "failed: 1 document not loaded (kompass review says why and how to retry)" in status
    assert (
        f"interrupted: {n} document{'s' * (n != 1)} not loaded because a run was stopped "
        "(run kompass ingest again)"
    ) in status


def _descendants(root: int) -> dict[int, str]:
    """pid → start time (field 22 of /proc/PID/stat) of every process below `root`."""
    children: dict[int, list[int]] = {}
    start: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        start[int(entry.name)] = fields[19]
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            out[child] = start[child]
            todo.append(child)
    return out


def _alive(pids: dict[int, str]) -> list[str]:
    left = []
    for pid, started in pids.items():
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields[19] == started and fields[0] != "Z":
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            left.append(f"{pid} {cmd.decode(errors='replace')[:120]}")
    return left


def _listening_ports(pids: dict[int, str]) -> set[int]:
    """TCP ports in LISTEN state whose socket one of `pids` holds."""
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    return _ports_of(inodes)


def _ports_of(inodes: set[str] | None) -> set[int]:
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in list(f)[1:]:
                cols = line.split()
                if cols[3] == "0A" and (inodes is None or cols[9] in inodes):
                    ports.add(int(cols[1].rsplit(":", 1)[1], 16))
    return ports


def _holders(ports: set[int]) -> list[str]:
    """Every process holding a listening socket on one of `ports`, to say who in a failure."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in list(f)[1:]:
                cols = line.split()
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) in ports:
                    inodes.add(f"socket:[{cols[9]}]")
    out = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and any(
                os.readlink(fd) in inodes for fd in (entry / "fd").iterdir()
            ):
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
                out.append(f"{entry.name} {cmd.decode(errors='replace')[:120]}")
    return out


def test_sigkill_of_ingest_leaves_no_process_or_port_behind(
    server: ReportServer, tmp_path: Path
) -> None:
    """Defect 4: SIGKILL left Prefect's temporary server, the resource tracker, the
    forkserver and 2 workers holding the SQLite file, and 3 listening ports, for minutes."""
    folder = _many_reports(tmp_path)
    proc = _ingest(server, tmp_path, folder)
    tree: dict[int, str] = {}
    try:
        _wait_for_a_loaded_line(proc)
        tree = _descendants(proc.pid)
        ports = _listening_ports(tree)
        assert len(tree) >= 4, tree  # server, forkserver, tracker, workers
        assert ports  # at least Prefect's temporary server
        proc.kill()  # SIGKILL to the process the shell started
        proc.wait()
        # A killed multi-threaded process shows "Z" as soon as its main thread has exited,
        # while its other threads still hold its sockets for a moment (CI, stop 33): wait
        # for the ports as well as the processes.
        deadline = time.monotonic() + 10
        while (_alive(tree) or ports & _ports_of(None)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _alive(tree) == []
        left = ports & _ports_of(None)
        assert left == set(), _holders(left)
    finally:  # do not leave them to the rest of the suite if the test failed
        for line in _alive(tree):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(line.split()[0]), signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
