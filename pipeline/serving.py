"""What `kompass serve` says when it starts and how it stops (the flow itself is served by
Prefect in `pipeline.flows`; nothing here imports Prefect).

The next run is computed with cronsim from the same five-field cron line Prefect schedules
by, in UTC (Prefect's default for a schedule without a time zone)."""

from __future__ import annotations

import contextlib
import signal
from datetime import UTC, datetime
from pathlib import Path


class BadSchedule(ValueError):
    """Not a cron schedule; `str()` is one line."""


def next_run(cron: str, after: datetime | None = None) -> datetime:
    """The first time after `after` (default: now) that `cron` fires, in UTC."""
    from cronsim import CronSim, CronSimError

    try:
        return next(CronSim(cron, after or datetime.now(UTC)))
    except (CronSimError, StopIteration) as e:
        raise BadSchedule(
            f"--cron {cron!r}: not a cron schedule ({e or 'never fires'}; five fields, "
            'e.g. "0 6 * * 1" for Mondays 06:00 UTC)'
        ) from e


def start_lines(cron: str, sources: list[str], database: str, raw_dir: Path, api: str) -> list[str]:
    """What serve prints before it waits: schedule and next run, database (password
    masked by the caller), raw folder, sources and the Prefect server."""
    when = next_run(cron).strftime("%Y-%m-%d %H:%M UTC (%A)")
    return [
        f"serving the ingest flow on schedule {cron!r} (UTC); next run {when}",
        f"  database   {database}",
        f"  raw folder {raw_dir.resolve()}",
        *(f"  source     {s}" for s in sources),
        f"  Prefect    {api} (deployment kompass-ingest/kompass-ingest)",
        "Ctrl-C stops it.",
    ]


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # Prefect's serve catches it and shuts its runner down


def serve_until_stopped(serve, **kwargs) -> None:
    """Run Prefect's `flow.serve(**kwargs)` until Ctrl-C (or SIGTERM, which Prefect's runner
    handles itself). A handler of our own for Ctrl-C, so that asyncio does not install its
    own; a Ctrl-C while the deployment is still being registered ends it as well."""
    signal.signal(signal.SIGINT, _stop)
    kwargs.setdefault("print_starting_message", False)  # start_lines said what matters
    with contextlib.suppress(KeyboardInterrupt):
        serve(**kwargs)
