"""What the operator sees around a Prefect run, and what a run leaves behind: one line for a
listing that cannot be read, no telemetry banner, "starting Prefect…" while the temporary
server starts, no result files outside the checkout, honest final states with per-document
lines in the flow run's log, and a `.ci/postgres.sh` that leaves the caller's shell alone."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import flows
from tests.conftest import FIXTURES
from tests.http_fixtures import ReportServer

ROOT = Path(__file__).resolve().parent.parent
KOMPASS = str(Path(sys.executable).with_name("kompass"))
CI_VARS = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "TF_BUILD")


def _env(home: Path, api_url: str | None) -> dict[str, str]:
    """A clean environment: a fresh HOME, no Prefect settings of ours, no CI markers (Prefect
    is quieter in CI, which would hide what an operator sees)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PREFECT_") and k not in CI_VARS and k != "DO_NOT_TRACK"
    }
    env["HOME"] = str(home)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def _api_url() -> str:
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def _stores(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'w.db'}", "--raw-dir", str(tmp_path / "raw")]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def server():
    with ReportServer() as s:
        s.listing_status = 404
        yield s


def test_unreadable_listing_is_one_line(prefect, server: ReportServer, tmp_path: Path) -> None:
    """No task and flow tracebacks before the error (Prefect logs a raise twice)."""
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home, _api_url()) | {"PREFECT_HOME": str(tmp_path / "prefect-home")}
    proc = subprocess.run(
        [KOMPASS, "ingest", "--source", f"{server.base}/reports/", *_stores(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        f"error: cannot start: {server.base}/reports/: listing page cannot be read (HTTP 404)\n"
    )
    assert proc.stdout == ""


def test_a_flow_run_writes_nothing_to_home(prefect, server: ReportServer, tmp_path: Path) -> None:
    """Prefect keeps a raised exception as a result file in $PREFECT_HOME/storage (default
    ~/.prefect): a flow run with Prefect's defaults, as a script would start it, must not."""
    home = tmp_path / "home"
    home.mkdir()
    script = (
        "import sys; from pipeline import flows\n"
        "state = flows.ingest_flow(sys.argv[1:2], db_url=sys.argv[2], raw_dir=sys.argv[3],"
        " return_state=True)\n"
        "print(state.type.value, state.name, state.message)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, f"{server.base}/reports/", *_stores(tmp_path)[1::2]],
        capture_output=True,
        text=True,
        env=_env(home, _api_url()),
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert [f for f in _files(home) if "storage" in f] == []
    assert proc.stdout == (
        f"FAILED Cannot start {server.base}/reports/: listing page cannot be read (HTTP 404)\n"
    )
    assert "Traceback" not in proc.stderr


def test_the_harness_keeps_prefect_home_out_of_the_home_folder() -> None:
    """The test session's own Prefect state (the harness, flows run in-process) lives in a
    temporary folder (conftest.py), not ~/.prefect."""
    home = Path(os.environ["PREFECT_HOME"])
    assert not home.is_relative_to(Path.home()) and not home.is_relative_to(ROOT)


def _in_a_terminal(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run `cmd` on a pseudo-terminal (as an operator would): exit code and all it wrote."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: never returns to pytest's code
        try:
            os.chdir(ROOT)
            os.execve(cmd[0], cmd, env)
        finally:
            os._exit(127)
    out = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
    else:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


def test_first_run_in_a_terminal(tmp_path: Path) -> None:
    """A first run on a terminal (fresh PREFECT_HOME, temporary server): the bar says what
    the wait is for, and with telemetry off (kompass's default) there is no usage banner."""
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home, None) | {"PREFECT_HOME": str(tmp_path / "prefect-home"), "TERM": "xterm"}
    code, out = _in_a_terminal(
        [KOMPASS, "ingest", "--source", str(FIXTURES / "norsjo-2018.pdf"), *_stores(tmp_path)],
        env,
        timeout=180,
    )
    assert code == 0, out[-1500:]
    assert "starting Prefect…" in out
    assert "anonymous usage data" not in out
    assert "1 documents: 1 loaded, 0 loaded incomplete, 0 unchanged, 0 failed" in out
    assert _files(home) == []


def _flow_run(state, last_line: str):
    """The flow run as the server has it, and its log messages."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    run_id = state.state_details.flow_run_id
    APILogHandler().flush()
    with get_client(sync_client=True) as client:
        logs: list[str] = []
        for _ in range(50):  # logs arrive in batches
            flt = LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id]))
            logs = [log.message for log in client.read_logs(log_filter=flt)]
            if last_line in logs:
                break
            time.sleep(0.1)
        return client.read_flow_run(run_id).state, logs


def test_a_run_with_a_failed_document(prefect, tmp_path: Path) -> None:
    """Not plain Completed on the server, and each document's line in the run's log."""
    state = flows.ingest_flow(
        [str(FIXTURES / "bad" / "empty.pdf"), str(FIXTURES / "gavle-2022.pdf")],
        db_url=f"sqlite:///{tmp_path / 'w.db'}",
        raw_dir=str(tmp_path / "raw"),
        workers=1,
        return_state=True,
    )
    summary = flows.summary_of(state)
    first = "2 documents: 1 loaded, 0 loaded incomplete, 0 unchanged, 1 failed"
    assert summary["lines"][0] == first
    server_state, logs = _flow_run(state, first)
    assert (server_state.type.value, server_state.name) == ("FAILED", "Completed with failures")
    assert server_state.message == first
    assert any(m.startswith("failed     empty.pdf: ") for m in logs), logs
    assert any(m.startswith("loaded     gavle-2022.pdf → Gävle 2022") for m in logs), logs


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.skipif(
    not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")),
    reason="needs Debian's postgresql package (.ci/run installs it)",
)
def test_sourcing_postgres_sh_keeps_the_shell_options(tmp_path: Path) -> None:
    """`. .ci/postgres.sh` in an interactive shell must not leave `set -euo pipefail` on."""
    script = (
        f"set +o > {tmp_path}/before; . .ci/postgres.sh >/dev/null; set +o > {tmp_path}/after;"
        ' psql_ok=$([ -n "$KOMPASS_TEST_PG" ] && echo yes); kompass_pg_stop; echo "$psql_ok"'
    )
    env = {k: v for k, v in os.environ.items() if k != "KOMPASS_TEST_PG"}
    proc = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "yes\n"
    before = (tmp_path / "before").read_text()
    assert "set +o errexit" in before and "set +o pipefail" in before
    assert (tmp_path / "after").read_text() == before
