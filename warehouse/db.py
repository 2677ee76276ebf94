"""Where the warehouse is and how to open it.

URL: `--db URL` (or a path to an SQLite file), else `KOMPASS_DB`, else an SQLite file
`warehouse/kommunkompassen.db` in the checkout (installed from a wheel: in the user's data
folder, `warehouse.home`). SQLite runs in WAL mode with a busy timeout. The engine of
`get_engine` writes: it takes the write lock at the start of each transaction (BEGIN
IMMEDIATE), so two processes loading at once queue instead of failing. Readers (`kompass
query`, the API, plots, compare, search) use `get_reader`: a read-only connection with
deferred transactions, which in WAL mode neither waits for nor blocks a writer, cannot
ATTACH files and cannot write. Migrations run automatically the first time an engine is
opened.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode
from urllib.request import pathname2url, url2pathname

from sqlalchemy import Engine, create_engine, event, inspect, pool, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from warehouse import fulltext, home

#: warehouse/kommunkompassen.db in a checkout, else in the user's data folder (`home.py`)
DEFAULT_PATH = home.default_database()
BUSY_TIMEOUT_S = 60


class WarehouseError(Exception):
    """The database cannot be used; `str()` is one line naming it (password hidden)."""


class WarehouseUnavailable(WarehouseError):
    """Cannot connect: a server that is down, a path that does not exist, bad credentials."""


class WarehouseLocked(WarehouseError):
    """Another process held the SQLite write lock longer than the busy timeout."""


def resolve_url(url: str | None = None) -> str:
    """The database URL to use. A path (no "scheme:" in front) is an SQLite file:
    `--db heldout.db` means `sqlite:////…/heldout.db`, relative to the working folder."""
    if not (url or os.environ.get("KOMPASS_DB")) and not DEFAULT_PATH.parent.is_dir():
        # the user's data folder (installed from a wheel); if it cannot be made, the engine
        # refuses in one line, naming the folder
        with contextlib.suppress(OSError):
            DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    url = url or os.environ.get("KOMPASS_DB") or f"sqlite:///{DEFAULT_PATH}"
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url):
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


#: Python module of a database driver → the package that provides it.
DRIVERS = {
    "MySQLdb": "mysqlclient",
    "pymysql": "pymysql",
    "psycopg2": "psycopg2-binary",
    "oracledb": "oracledb",
    "cx_Oracle": "cx_Oracle",
    "pyodbc": "pyodbc",
    "pymssql": "pymssql",
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
    "pysqlcipher3": "sqlcipher3",
}


def shown(url: str) -> str:
    """The URL for messages: password masked (also in a URL SQLAlchemy cannot parse)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:  # pragma: no cover - exercised via engine
        dbapi_conn.isolation_level = None  # transactions are begun below, explicitly
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()
        fulltext.register(dbapi_conn)  # the full-text triggers stem with kompass_stem()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


_SQLITE_ATTACH, _SQLITE_DETACH, _SQLITE_FUNCTION = 24, 25, 31
#: SQL functions a reader may not call: fts3_tokenizer('simple') returns a native pointer
#: (and with two arguments installs one).
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer"})


def _deny_attach(action: int, _arg1: str | None = None, arg2: str | None = None, *_rest) -> int:
    """A reader must not create or open other database files (ATTACH 'x.db' creates it) nor
    call `DENIED_FUNCTIONS`."""
    if action in (_SQLITE_ATTACH, _SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == _SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def deny_functions(action: int, _arg1: str | None = None, arg2: str | None = None, *_rest) -> int:
    """Authorizer for connections that are not ours to restrict further (Datasette's)."""
    if action == _SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _read_only_uri(database: str) -> str:
    """`file:` URI of `database` (a path, or a `file:` URI with its own parameters) opened
    read-only: `mode=ro` whatever the caller asked, plus what a folder this process cannot
    write needs (`_unwritable_folder`)."""
    if database.startswith("file:"):
        path_part, _, query = database[len("file:") :].partition("?")
        params = [(k, v) for k, v in parse_qsl(query) if k not in ("mode", "uri", "immutable")]
        path = Path(url2pathname(path_part))
    else:
        params, path = [], Path(database).expanduser().resolve()
    params.append(("mode", "ro"))
    if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        params += _unwritable_folder(path)
    return f"file:{pathname2url(str(path))}?{urlencode(params)}"


class WarehouseUnreadable(WarehouseError):
    """The file is there but cannot be read as it is (e.g. its WAL on a read-only folder)."""


def _unwritable_folder(path: Path) -> list[tuple[str, str]]:
    """A WAL database in a folder this process cannot write (a read-only filesystem, or
    another user's folder): SQLite cannot create the `-shm` index there.

    - `-shm` is there (a writer has it open, or left it): plain `mode=ro` reads through it,
      committed changes still in `-wal` included.
    - no `-wal` (or an empty one): everything is in the file; `immutable=1` reads it
      without any `-shm`.
    - a `-wal` with content but no `-shm`: `immutable=1` would ignore the `-wal` and show
      the warehouse as it was before its last loads, silently; refused instead."""
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    if shm.exists():
        return []
    if wal.exists() and wal.stat().st_size > 0:
        raise WarehouseUnreadable(
            f"database {path}: its last changes are in {wal.name}, which cannot be read "
            f"without {shm.name} in a folder that cannot be written; copy the folder somewhere "
            f"writable, or where it can be written run: sqlite3 {path.name} "
            "'PRAGMA wal_checkpoint(TRUNCATE)'"
        )
    return [("immutable", "1")]


def _uri_path(database: str) -> Path:
    """The file a SQLite database name (path or `file:` URI) points to."""
    if database.startswith("file:"):
        return Path(url2pathname(database[len("file:") :].partition("?")[0]))
    return Path(database).expanduser()


def _sqlite_reader(database: str) -> Engine:
    """Read-only (`mode=ro`, `query_only`), deferred BEGIN: takes no lock a writer waits for.
    The URI is made per connection: whether `-shm` and `-wal` are there may change."""

    def connect() -> sqlite3.Connection:
        uri = _read_only_uri(database)
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(_deny_attach)
        fulltext.register(conn)
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=pool.QueuePool)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # pragma: no cover - exercised via engine
        conn.exec_driver_sql("BEGIN")

    return engine


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
        raise WarehouseUnavailable(f"database {shown(url)!r}: not a database URL") from e
    except ValueError as e:  # int() of the port
        raise WarehouseUnavailable(
            f"database {shown(url)}: not a database URL (the port must be a number)"
        ) from e
    try:
        if sa_url.get_backend_name() == "sqlite":
            _check_sqlite_path(url)
            engine = create_engine(url)
            _sqlite_setup(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args=_connect_args(sa_url))
    except NoSuchModuleError as e:
        raise WarehouseUnavailable(
            f"database {shown(url)}: unknown database type {sa_url.drivername} "
            "(kompass uses sqlite:///FILE or postgresql+psycopg://…)"
        ) from e
    except ImportError as e:
        raise WarehouseUnavailable(_missing_driver(url, sa_url.drivername, e)) from e
    return engine


def _missing_driver(url: str, drivername: str, e: ImportError) -> str:
    """One line: which driver is missing and what to install."""
    module = (e.name or str(e)).split(".")[0]
    package = DRIVERS.get(module, module)
    hint = f".venv/bin/pip install {package}"
    if drivername.startswith("postgresql"):
        hint += ", or use postgresql+psycopg:// (installed)"
    return (
        f"database {shown(url)}: the driver for {drivername} is not installed "
        f"(no module {module}): {hint}"
    )


@cache
def _reader(url: str) -> Engine:
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "postgresql":
        return _engine(url).execution_options(postgresql_readonly=True)
    database = sa_url.database
    if sa_url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return _engine(url)
    return _sqlite_reader(database)  # a file: URI too: read-only whatever mode it names


def get_reader(url: str | None = None) -> Engine:
    """An engine for reading the warehouse at `url`: read-only, never takes the write lock.

    Migrates first (through the writer) when the schema is not at the newest revision."""
    url = resolve_url(url)
    get_engine(url)
    return _reader(url)


def get_read_only(url: str | None = None) -> Engine:
    """For `kompass query` and `status`: the reader of `get_reader` (SQLite `mode=ro`,
    PostgreSQL read-only transactions) without creating or migrating anything: a SQLite file
    that does not exist is refused instead of being created empty."""
    url = resolve_url(url)
    _engine(url)  # a URL that does not parse or lacks its driver: one line
    sa_url = make_url(url)
    database = sa_url.database
    local = sa_url.get_backend_name() == "sqlite" and database not in (None, "", ":memory:")
    if local:
        path = _uri_path(database)
        if path.is_dir():
            raise WarehouseUnavailable(f"database {shown(url)}: is a folder, not a database file")
        if not path.exists():
            raise WarehouseUnavailable(
                f"database {shown(url)}: no such file (kompass load, ingest or demo creates it)"
            )
    return _reader(url)


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
        except SQLAlchemyError as e:
            raise _database_error(e, url, CONNECT) from e
    return engine


CONNECT = "cannot connect"


def _database_error(e: SQLAlchemyError, url: str, doing: str) -> WarehouseError:
    """The named error for a driver failure: locked by another writer, or unusable."""
    msg = describe(e)
    if isinstance(e, OperationalError) and "locked" in msg:
        return WarehouseLocked(f"database {shown(url)}: locked by another process ({msg})")
    if isinstance(e, OperationalError) or doing != CONNECT:
        return WarehouseUnavailable(f"database {shown(url)}: {doing} ({msg})")
    # a bad URL or a missing driver says enough on its own
    return WarehouseUnavailable(f"database {shown(url)}: {msg}")


_migrated: set[str] = set()


def _ensure_schema(engine: Engine, url: str) -> None:
    if url in _migrated:
        return
    try:  # look without the write lock: a read-only file or a busy writer is fine for this
        current = _revision(_reader(url))
    except OperationalError:  # e.g. the SQLite file does not exist yet: the writer creates it
        current = _revision(engine)
    if current != head_revision():
        upgrade(engine)
    _migrated.add(url)


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if "alembic_version" not in set(inspect(conn).get_table_names()):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


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


def get_writer(url: str | None = None) -> Engine:
    """`get_engine`, checked to accept writes: a read-only file (or a read-only PostgreSQL
    session, or no INSERT right) is refused before any work with `WarehouseUnavailable`.

    The probe is a write that changes nothing, rolled back: SQLite takes BEGIN IMMEDIATE on
    a read-only file and fails only at the first real write."""
    url = resolve_url(url)
    engine = get_engine(url)
    try:
        with engine.connect() as conn, conn.begin() as tx:
            conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
            tx.rollback()
    except SQLAlchemyError as e:
        raise _database_error(e, url, "cannot write to it") from e
    return engine
