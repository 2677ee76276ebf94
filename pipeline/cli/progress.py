"""The progress display of `kompass ingest`: a bar on a terminal, one plain line per document
otherwise. Imported only by the commands that run the flow (it brings the warehouse's load
module with it)."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline import signals
from pipeline.ingest import Progress, interrupted
from warehouse.load import LoadResult


class Display(Progress):
    """What the flow reports, shown: `start` before the flow (Prefect's temporary server may
    take many seconds to start), `total` when the documents are found, `advance` per document,
    `close` at the end (idempotent).

    The bar counts documents done of those found ("12/48") and names the last one finished.
    A document a stop (Ctrl-C) left unfinished is not counted as done: after a stop the bar
    stays where the run got to and says "stopping", it does not jump to the end."""

    def __init__(self, tty: bool, console=None):
        self.tty = tty
        self.console = console  # a rich Console; None: the terminal
        self.bar = None
        self.done = 0
        self.found: int | None = None
        self.stopped = 0

    def __getstate__(self) -> dict:
        # Prefect may pickle the flow's arguments into task workers: they get an inert copy
        return {"tty": False, "console": None, "bar": None, "done": 0, "found": None, "stopped": 0}

    def start(self) -> None:
        if self.tty:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as Bar

            self.bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[current]}"),
                transient=True,
                console=self.console,
            )
            self.bar.start()
            self.task = self.bar.add_task("starting Prefect…", total=None, current="")

    def total(self, n: int) -> None:
        self.found = n
        if self.bar is not None:
            self.bar.update(self.task, description="ingesting", total=n)

    def advance(self, result: LoadResult) -> None:
        if interrupted(result):
            self.stopped += 1
        else:
            self.done += 1
        if self.bar is not None:
            name = result.source if "://" in result.source else Path(result.source).name
            if self.stopped or signals.stopping():
                self.bar.update(
                    self.task, description="stopping", current=f"{self.stopped} interrupted"
                )
            else:
                self.bar.update(self.task, completed=self.done, current=f"last: {name}")
        else:
            click.echo(result.line)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
            if self.stopped and self.found is not None:
                click.echo(
                    f"stopped after {self.done} of {self.found} documents "
                    f"({self.stopped} interrupted)"
                )
