"""Prefect's environment for the commands that run the flow, set at their start (the one place
the CLI writes `os.environ`, and only defaults: an operator's own settings win)."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout: Prefect's state is kept in its .prefect/ unless PREFECT_HOME says otherwise.
ROOT = Path(__file__).resolve().parent.parent.parent


def prefect_home() -> None:
    """Keep Prefect's state inside the checkout unless the operator says otherwise."""
    os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
    # no usage telemetry from a research pipeline (and no internet on many of its machines);
    # the client's first-run banner only listens to DO_NOT_TRACK, so off means both
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"].strip().lower() in ("false", "0", "no"):
        os.environ.setdefault("DO_NOT_TRACK", "1")
    # the temporary server's first start creates its database: on a busy machine that takes
    # longer than Prefect's 20 s default
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


def quiet_task_lines() -> None:
    """Our own lines (or the bar) report each document; Prefect's per-task lines are noise on
    the terminal, but the flow run's log on the server keeps them (INFO and up)."""
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
