"""Where the warehouse is and how to open it.

URL: `--db URL`, else `KOMPASS_DB`, else an SQLite file `warehouse/kommunkompassen.db` in
the checkout. SQLite runs in WAL mode with a busy timeout and takes the write lock at the
start of each transaction (BEGIN IMMEDIATE), so two processes loading at once queue instead
of failing. Migrations run automatically the first time an engine is opened.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

DEFAULT_PATH = Path(__file__).resolve().parent / "kommunkompassen.db"
BUSY_TIMEOUT_S = 60


class WarehouseError(Exception):
    """The database cannot be used; `str()` is one line naming it (password hidden)."""


class WarehouseUnavailable(WarehouseError):
    """Cannot connect: a server that is down, a path that does not exist, bad credentials."""


class WarehouseLocked(WarehouseError):
    """Another process held the SQLite write lock longer than the busy timeout."""


def resolve_url(url: str | None = None) -> str:
    return url or os.environ.get("KOMPASS_DB") or f"sqlite:///{DEFAULT_PATH}"


def shown(url: str) -> str:
    """The URL for messages: password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:  # pragma: no cover - exercised via engine
        dbapi_conn.isolation_level = None  # transactions are begun below, explicitly
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _check_sqlite_path(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().resolve().parent
        if not folder.is_dir():
            raise WarehouseUnavailable(f"database {shown(url)}: folder {folder} does not exist")


@cache
def _engine(url: str) -> Engine:
    try:
        sa_url = make_url(url)
    except ArgumentError as e:
        raise WarehouseUnavailable(f"database {url!r}: not a database URL") from e
    if sa_url.get_backend_name() == "sqlite":
        _check_sqlite_path(url)
        engine = create_engine(url)
        _sqlite_setup(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True, connect_args=_connect_args(sa_url))
    return engine


def _connect_args(sa_url) -> dict:
    if sa_url.get_backend_name() == "postgresql":
        return {"connect_timeout": 10}
    return {}


def describe(e: SQLAlchemyError) -> str:
    """The driver's own first line, without SQLAlchemy's background links."""
    orig = getattr(e, "orig", None) or e
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return first[:200]


def get_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for the warehouse at `url`, schema migrated to the newest revision."""
    url = resolve_url(url)
    engine = _engine(url)
    if migrate:
        try:
            _ensure_schema(engine, url)
        except WarehouseError:
            raise
        except OperationalError as e:
            msg = describe(e)
            if "locked" in msg:
                raise WarehouseLocked(
                    f"database {shown(url)}: locked by another process ({msg})"
                ) from e
            raise WarehouseUnavailable(f"database {shown(url)}: cannot connect ({msg})") from e
        except SQLAlchemyError as e:
            raise WarehouseUnavailable(f"database {shown(url)}: {describe(e)}") from e
    return engine


_migrated: set[str] = set()


def _ensure_schema(engine: Engine, url: str) -> None:
    if url in _migrated:
        return
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = None
        if "alembic_version" in tables:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if current != head_revision():
        upgrade(engine)
    _migrated.add(url)


def _alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    return cfg


@cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied, in one transaction."""
    from alembic import command

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
