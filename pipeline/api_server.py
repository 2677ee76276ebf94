"""The temporary Prefect API server of a `kompass ingest` run, started before Prefect is
imported in this process, so that the server's own start (its imports, its database, seconds
of one core) runs while this process imports Prefect, the flow and the parsers and checks the
warehouse on the other core.

Prefect's `SubprocessASGIServer` does the same job, but only after this process has imported
Prefect's whole server application (FastAPI, every API route: about 2 s of CPU spent only to
learn the command line), and it waits for the server before returning. Here the server is the
same command Prefect runs (`uvicorn prefect.server.api.server:create_app`, the UI off, marked
ephemeral), found with `importlib.util.find_spec` instead of an import, and `wait` is called
when the flow needs the API (`pipeline.flows.prefect_api`). No Prefect import here (only
pipeline/flows.py imports Prefect). One server per process, stopped at exit like Prefect's
own: the exit handler is registered before Prefect's log and event workers start, so it runs
after they have sent what they hold.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

#: Seconds between two health checks while the server starts.
POLL_S = 0.05
#: uvicorn's exit status when its port was taken meanwhile: start again on another port.
_PORT_IN_USE = 3


class ServerError(Exception):
    """The temporary server did not come up."""


class TemporaryServer:
    """A Prefect API server process on 127.0.0.1 for this process's runs."""

    def __init__(self) -> None:
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.ready = False
        self._start()
        atexit.register(self.stop)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _start(self) -> None:
        spec = importlib.util.find_spec("prefect")
        if spec is None or not spec.submodule_search_locations:
            raise ServerError("Prefect is not installed")
        app_dir = Path(next(iter(spec.submodule_search_locations))).parent
        self.port = _free_port()
        env = {
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(app_dir),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
        )

    def wait(self, timeout: float) -> str:
        """The API's address once it answers its health check; ServerError after `timeout`
        seconds or when the server process ended."""
        deadline = time.monotonic() + timeout
        while not self.ready:
            if self.process is None:
                raise ServerError("the temporary Prefect server was stopped")
            code = self.process.poll()
            if code == _PORT_IN_USE:
                self._start()
            elif code is not None:
                raise ServerError(f"the temporary Prefect server ended (exit status {code})")
            elif _healthy(self.api_url):
                self.ready = True
            elif time.monotonic() > deadline:
                raise ServerError(f"the temporary Prefect server did not answer in {timeout:g} s")
            else:
                time.sleep(POLL_S)
        return self.api_url

    def stop(self) -> None:
        process, self.process = self.process, None
        self.ready = False
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_server: TemporaryServer | None = None


def start() -> TemporaryServer | None:
    """This process's temporary server, started now (once per process) unless the
    environment names a Prefect API or turns the temporary server off (a Prefect profile
    may still name one: `pipeline.flows.prefect_api` then stops this one)."""
    global _server
    if os.environ.get("PREFECT_API_URL") or os.environ.get(
        "PREFECT_SERVER_EPHEMERAL_ENABLED", ""
    ).strip().lower() in ("false", "0", "no"):
        return None
    if _server is None or _server.process is None:
        try:
            _server = TemporaryServer()
        except (OSError, ServerError):
            return None  # Prefect starts its own when the flow needs it
    return _server


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: Straight to 127.0.0.1, whatever proxy the environment names.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _healthy(api_url: str) -> bool:
    try:
        with _opener.open(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False
