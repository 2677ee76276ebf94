"""The ingest progress display (issue 26): done/total and the last document on the bar, and
after Ctrl-C the count where the run got to, not a jump to 100 %."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pipeline.cli.progress import Display
from warehouse.load import INTERRUPTED_CODE, LoadResult


def _display() -> Display:
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    display = Display(tty=True, console=console)
    display.start()
    return display


def test_the_bar_counts_done_of_total_and_names_the_last_document() -> None:
    display = _display()
    task = display.bar.tasks[0]
    assert (task.description, task.total) == ("starting Prefect…", None)
    display.total(3)
    display.advance(LoadResult("/in/norsjo-2018.pdf", "loaded", "a" * 64, 1))
    display.advance(LoadResult("https://skr.se/r/gavle.pdf", "failed", error_message="404"))
    task = display.bar.tasks[0]
    assert (task.description, task.completed, task.total) == ("ingesting", 2, 3)
    assert task.fields["current"] == "last: https://skr.se/r/gavle.pdf"
    display.bar.refresh()
    last_frame = display.console.file.getvalue().rsplit("\r", 1)[-1]
    assert "ingesting" in last_frame and "2/3" in last_frame and "gavle.pdf" in last_frame
    display.close()
    assert display.bar is None


def test_after_ctrl_c_the_bar_stays_where_the_run_got_to(
    capsys: pytest.CaptureFixture[str],
) -> None:
    display = _display()
    display.total(4)
    display.advance(LoadResult("/in/a.pdf", "loaded", "a" * 64, 1))
    for name in ("b.pdf", "c.pdf", "d.pdf"):
        display.advance(
            LoadResult(f"/in/{name}", "failed", error_code=INTERRUPTED_CODE, error_message="stop")
        )
    task = display.bar.tasks[0]
    assert (task.description, task.completed, task.total) == ("stopping", 1, 4)
    assert task.fields["current"] == "3 interrupted"
    display.close()
    assert capsys.readouterr().out == "stopped after 1 of 4 documents (3 interrupted)\n"


def test_without_a_terminal_one_line_per_document(capsys: pytest.CaptureFixture[str]) -> None:
    display = Display(tty=False)
    display.start()
    display.total(1)
    display.advance(LoadResult("/in/a.pdf", "failed", error_message="file is empty"))
    display.close()
    assert capsys.readouterr().out == "failed     a.pdf: file is empty\n"
