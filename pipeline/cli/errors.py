"""The error mapping of the `kompass` commands: a named error of the library becomes one line
on stderr ("error: …") and exit code 2, never a traceback (--debug shows those of bugs)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

import click

from parsers import ReportError

F = TypeVar("F", bound=Callable)

#: The exit code of a refused document or command input.
REFUSED = 2


def fail(message: str) -> None:
    """One line on stderr."""
    click.echo(f"error: {message}", err=True)


def refuse(message: str) -> NoReturn:
    """One line on stderr, then exit code 2."""
    fail(message)
    sys.exit(REFUSED)


def report_errors(func: F) -> F:
    """A document the parser refuses: one line naming the file, exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReportError as e:
            refuse(str(e))

    return wrapper  # type: ignore[return-value]


def warehouse_errors(func: F) -> F:
    """Turn database problems into one line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from sqlalchemy.exc import SQLAlchemyError

        from warehouse.db import WarehouseError, describe

        try:
            return func(*args, **kwargs)
        except WarehouseError as e:
            fail(str(e))
        except SQLAlchemyError as e:
            fail(f"database error: {describe(e)}")
        sys.exit(REFUSED)

    return wrapper  # type: ignore[return-value]


def output_errors(func: F) -> F:
    """A file or folder the command was asked to write that cannot be written (a missing
    folder, no permission, /proc): one line naming it, exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from warehouse.files import OutputError

        try:
            return func(*args, **kwargs)
        except OutputError as e:
            refuse(str(e))

    return wrapper  # type: ignore[return-value]


def analysis_errors(func: F) -> F:
    """A question the warehouse cannot answer (no such evaluation, mixed versions): one line."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from warehouse.compare import AnalysisError

        try:
            return func(*args, **kwargs)
        except AnalysisError as e:
            refuse(str(e))

    return wrapper  # type: ignore[return-value]


def prefect_settings_problem(error: Exception) -> str | None:
    """One line for a PREFECT_* environment variable (or Prefect profile value) that Prefect
    refuses when it is first imported (pydantic's ValidationError of one of Prefect's settings
    models, e.g. PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=0.5); None for any other
    error, which stays a bug with its traceback."""
    from pydantic import ValidationError

    if not isinstance(error, ValidationError) or not error.title.endswith("Settings"):
        return None
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or error.title
    return (
        f"Prefect's settings are not valid: {error.title} {where}: {first.get('msg')} "
        f"(got {first.get('input')!r}); check the PREFECT_* environment variables and the "
        "Prefect profile"
    )
