"""How the commands print: a result per line, CSV as UTF-8 bytes, and the exit code of a run."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import click


def echo_line(result: Any) -> None:
    """A document's one-line outcome (`LoadResult.line`), as it finishes."""
    click.echo(result.line)


def echo_utf8(data: str) -> None:
    """CSV goes out as UTF-8 whatever the terminal's locale says (a file for other tools)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (e.g. redirected in a notebook): as it is
        click.echo(data, nl=False)
        return
    sys.stdout.flush()
    buffer.write(data.encode("utf-8"))
    buffer.flush()


def exit_code(results: Iterable[Any]) -> int:
    """1 when some document failed or loaded incomplete, else 0."""
    return int(any(r.status in ("failed", "loaded_incomplete") for r in results))
