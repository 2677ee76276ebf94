"""The progress display of `kompass ingest`: a bar on a terminal, one plain line per document
otherwise. Imported only by the commands that run the flow (it brings the warehouse's load
module with it)."""

from __future__ import annotations

import click

from pipeline.ingest import Progress
from warehouse.load import LoadResult


class Display(Progress):
    """What the flow reports, shown: `start` before the flow (Prefect's temporary server may
    take many seconds to start), `total` when the documents are found, `advance` per document,
    `close` at the end (idempotent)."""

    def __init__(self, tty: bool):
        self.tty = tty
        self.bar = None

    def __getstate__(self) -> dict:
        # Prefect may pickle the flow's arguments into task workers: they get an inert copy
        return {"tty": False, "bar": None}

    def start(self) -> None:
        if self.tty:
            from rich.progress import Progress as Bar

            self.bar = Bar(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("starting Prefect…", total=None)

    def total(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description="ingesting", total=n)

    def advance(self, result: LoadResult) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
        else:
            click.echo(result.line)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
