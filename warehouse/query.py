"""Researchers' ad-hoc SQL (`kompass query`): read-only, and numbers printed as printed.

The connection itself is read-only (`db.get_read_only`: SQLite `mode=ro`, PostgreSQL
read-only transactions), so nothing can change the warehouse whatever the SQL says. The
statement check in front of it only turns what would fail deep in the driver ("attempt to
write a readonly database", "not authorized") into one sentence that says what is allowed.
"""

from __future__ import annotations

import difflib
import math
import re

import pandas as pd
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

READ_ONLY = "query is read-only: only SELECT/WITH statements"
#: Leading whitespace, comments and opening parentheses before the first keyword.
_PREFIX = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/|\()*", re.S)
#: What the drivers say when a statement tries to write (SQLite; PostgreSQL SQLSTATE 25006).
_WRITE_REFUSED = ("readonly database", "not authorized", "read-only transaction")


#: First words of statements that write or change the session: refused as "read-only".
_WRITES = frozenset(
    re.findall(
        r"\w+",
        "insert update delete replace upsert merge create drop alter attach detach pragma "
        "vacuum reindex analyze analyse begin commit rollback end savepoint release truncate "
        "grant revoke copy set reset lock call do comment cluster refresh discard listen "
        "notify load",
    )
)


class QueryRefused(Exception):
    """A statement other than SELECT/WITH; `str()` is the one line to print."""


class NotASelect(QueryRefused):
    """Not a statement at all that kompass knows (a typo such as "SELEC", or empty): said as
    such, not blamed on the read-only connection."""


def refusal(sql: str) -> QueryRefused | None:
    """Why `sql` is not run (None when it starts with SELECT or WITH): a writing statement
    is read-only's business; anything else (a typo) is not a SELECT/WITH statement."""
    rest = sql[_PREFIX.match(sql).end() :]
    word = re.match(r"[^\s(;]*", rest).group(0)
    if word.lower() in ("select", "with"):
        return None
    if word.lower() in _WRITES:
        return QueryRefused(READ_ONLY)
    if not word:
        return NotASelect("the query is empty: give one SELECT (or WITH … SELECT) statement")
    hint = difflib.get_close_matches(word.upper(), ["SELECT", "WITH"], n=1, cutoff=0.6)
    return NotASelect(
        f"not a SELECT or WITH statement: it begins with {word[:40]!r}"
        + (f" (did you mean {hint[0]}?)" if hint else "")
    )


def is_read_only(sql: str) -> bool:
    """Whether `sql` starts with SELECT or WITH (after comments and parentheses)."""
    rest = sql[_PREFIX.match(sql).end() :]
    return re.match(r"(select|with)\b", rest, re.I) is not None


def run(engine: Engine, sql: str) -> pd.DataFrame:
    """The result of one SELECT/WITH statement; QueryRefused for anything else (also for a
    data-modifying WITH, which the read-only connection refuses)."""
    refused = refusal(sql)
    if refused is not None:
        raise refused
    try:
        with engine.connect() as conn:
            return pd.read_sql_query(text(sql), conn)
    except DBAPIError as e:
        if getattr(e.orig, "sqlstate", None) == "25006" or any(
            m in str(e.orig) for m in _WRITE_REFUSED
        ):
            raise QueryRefused(READ_ONLY) from e
        raise


def as_printed(value: object) -> object:
    """69.0 -> 69 (a NULL in an integer column makes pandas read the column as floats),
    12.5 stays 12.5, NaN/None -> None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Float columns value by value through `as_printed`; other columns as they are."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = pd.Series([as_printed(v) for v in out[col]], index=out.index, dtype=object)
    return out


def table(df: pd.DataFrame) -> str:
    """A plain text table: integers without ".0", NULL for a missing value."""
    if df.empty:
        return f"(no rows; columns: {', '.join(map(str, df.columns))})"
    t = tidy(df)
    shown = t.astype(object).where(t.notna(), "NULL")
    with pd.option_context(
        "display.max_rows", None, "display.max_columns", None, "display.width", 200
    ):
        return shown.to_string(index=False, max_colwidth=80)


def csv(df: pd.DataFrame) -> str:
    """CSV text (the caller writes it as UTF-8): integers without ".0", NULL as empty."""
    return tidy(df).to_csv(index=False)
