"""`kompass browse` started for a test: in a process session of its own, on a free port."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from warehouse.browse import available

KOMPASS = str(Path(sys.executable).with_name("kompass"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need_datasette() -> None:
    if not available():
        if os.environ.get("CI") == "true":
            pytest.fail("Datasette must be installed in CI (dev extra)")
        pytest.skip("the browse extra is not installed")


def session_processes(sid: int) -> list[str]:
    """Every live process of session `sid` (what `kompass browse`, started as a session
    leader, and anything it started have in common, even once orphaned)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(stat.parent.name)
    return found


class Browse:
    """`kompass browse` in a session of its own, on a free port."""

    def __init__(self, db_url: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [KOMPASS, "browse", "--db", db_url, "--port", str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/-/versions.json")
                return
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.proc.kill()
                    _out, err = self.proc.communicate()
                    raise RuntimeError(f"kompass browse did not start: {err.decode()}") from None
                time.sleep(0.3)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=30) as resp:
            return resp.read().decode("utf-8")

    def rows(self, path: str, **params) -> list[dict]:
        query = urllib.parse.urlencode({**params, "_shape": "array"})
        return json.loads(self.get(f"{path}.json?{query}"))

    def stop(self, sig: int = signal.SIGTERM) -> int:
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=30)
