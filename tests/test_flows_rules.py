"""Issue 27 for the flow: no private attribute of a dependency is read (a Prefect upgrade
would silently change what it means), and the parse slots come from what the run was given."""

from __future__ import annotations

import ast
import contextlib
from pathlib import Path

from pipeline import flows

ROOT = Path(__file__).resolve().parent.parent
#: documented functions whose names start with an underscore
PUBLIC_UNDERSCORED = {("os", "_exit")}


def private_reads(source: str) -> list[str]:
    """`x._name` for any x but `self`/`cls` (dunders and the documented exceptions aside)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if node.attr.startswith("__") or owner in ("self", "cls"):
                continue
            if (owner, node.attr) not in PUBLIC_UNDERSCORED:
                out.append(f"line {node.lineno}: {ast.unparse(node)}")
    return out


def test_the_flow_modules_read_no_private_attributes() -> None:
    for name in ("pipeline/flows.py", "pipeline/stream.py"):
        assert private_reads((ROOT / name).read_text("utf-8")) == [], name


def test_private_reads_are_found() -> None:
    assert private_reads("n = runner._max_workers\nos._exit(1)\nself._x\n") == [
        "line 1: runner._max_workers"
    ]


def test_parse_slots_are_what_the_run_was_given() -> None:
    assert flows.slots_for(3) == 3
    assert flows.slots_for(None) >= 1
    assert flows.slots_for(0) >= 1


def test_one_temporary_prefect_server_for_the_run_and_its_workers(tmp_path: Path) -> None:
    """Issue 25: without PREFECT_API_URL each process-pool worker started a temporary Prefect
    server of its own (three servers for `--workers 2`); the run starts one and hands its
    address to the workers."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    import psutil

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("norsjo-2018.pdf", "gavle-2022.pdf", "kalmar-2012.pdf"):
        shutil.copy(ROOT / "tests" / "fixtures" / name, folder / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "120"
    kompass = str(Path(sys.executable).with_name("kompass"))
    args = ["--db", f"sqlite:///{tmp_path / 'w.db'}", "--raw-dir", str(tmp_path / "raw")]
    proc = subprocess.Popen(
        [kompass, "ingest", "--source", str(folder), "--workers", "2", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    servers: set[int] = set()
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            for p in psutil.Process(proc.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if "uvicorn" in " ".join(p.cmdline()):
                        servers.add(p.pid)
        time.sleep(0.1)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert (
        out.splitlines()[-1] == "3 documents: 3 loaded, 0 loaded incomplete, 0 unchanged, 0 failed"
    )
    assert len(servers) == 1
