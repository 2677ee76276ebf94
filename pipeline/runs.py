"""A run of the ingest flow as a command starts it (`kompass ingest`, `kompass demo`): the
checks that refuse before any work, the flow run with its progress display, and the exit
code of its summary. The flow itself is `pipeline.flows`; Prefect is imported only here,
at the run (the other commands start without it)."""

from __future__ import annotations

from pathlib import Path

from pipeline import api_server, signals
from pipeline.ingest import Progress
from pipeline.raw import RawDirError, usable_dir


class CannotStart(Exception):
    """The run refused before any document: a database that cannot be written, a raw folder
    that cannot be, sources that cannot be found, a runner that cannot start."""


def check(db_url: str | None, raw_dir: Path | None) -> Path:
    """Refuse before any work: a read-only database (not every document), a raw folder that
    cannot be written. Returns the raw folder."""
    from warehouse.db import WarehouseError, get_writer

    try:
        get_writer(db_url)
    except WarehouseError as e:
        raise CannotStart(str(e)) from e
    try:
        return usable_dir(raw_dir)
    except RawDirError as e:
        raise CannotStart(str(e)) from e


def ingest(
    sources: list[str],
    *,
    db_url: str | None,
    raw_dir: Path | None,
    workers: int | None,
    timeout: float,
    download_deadline: float,
    dask: str | None,
    reader: str | None = None,
    progress: Progress,
    ocr: str | None = None,
) -> dict:
    """Check, then run the ingest flow; returns its summary (`flows.summary_of`). The progress
    display is started after the checks and closed however the run ends."""
    # the temporary Prefect server starts first: it boots on one core while this process
    # checks the warehouse and imports Prefect, the flow and the parsers on the other
    server = api_server.start()
    try:
        target = check(db_url, raw_dir)
    except CannotStart:
        if server is not None:
            server.stop()
        raise
    from pipeline import flows
    from pipeline.discover import DiscoveryError

    progress.start()
    try:
        state = flows.run_ingest(  # one temporary Prefect server for the run and its workers
            sources,
            server=server,
            db_url=db_url,
            raw_dir=str(target),
            workers=workers,
            timeout=timeout,
            download_deadline=download_deadline,
            dask=dask,
            reader=reader,
            ocr=ocr,
            progress=progress,
        )
        return flows.summary_of(state)
    except (DiscoveryError, flows.RunnerError, api_server.ServerError) as e:
        raise CannotStart(f"cannot start: {e}") from e
    finally:
        progress.close()


def exit_code(summary: dict) -> int:
    """130 when stopped by Ctrl-C or SIGTERM, 1 when a document failed or loaded incomplete,
    else 0."""
    if summary.get("interrupted"):
        return signals.EXIT_INTERRUPTED
    return 1 if summary["failed"] or summary["incomplete"] else 0
