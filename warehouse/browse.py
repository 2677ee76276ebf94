"""Datasette over the SQLite warehouse (`kompass browse`, needs the `browse` extra): a tool
made for this data rather than Datasette's defaults.

The database is always named `kommunkompassen` (links in docs hold whatever the file is
called); the home and database pages list the views first with their one-line descriptions
from the field table, then the canned queries; base tables, `alembic_version` and the FTS
internals are hidden; each view opens with the columns a researcher reads first, ids last,
with its column descriptions and facets (municipality, year, version, area); `findings` and
`question_scores` have a search box with Swedish stemming and FTS5 syntax
(`warehouse/browse_plugin.py`). What both show, the database's name and the canned queries,
is `warehouse/browse_site.py`: the arrows go browse → browse_plugin → browse_site.

Datasette runs in this process (no child, no temporary files): Ctrl-C or SIGTERM ends it.

Security (`_guarded`): only a `Host` of 127.0.0.1:PORT or localhost:PORT is answered (a
page on another site cannot reach it through DNS rebinding), only GET and HEAD (the
warehouse is read here, never written: a POST is a clean 405, not a 500 with a traceback),
and `fts3_tokenizer` cannot be called from SQL (it hands out a native pointer).
"""

from __future__ import annotations

import importlib.util
import socket
import sqlite3
from pathlib import Path
from urllib.request import pathname2url

from sqlalchemy.engine import make_url

from warehouse import fields
from warehouse.browse_site import CANNED, NAME
from warehouse.db import deny_functions, get_engine, resolve_url

TEMPLATES = Path(__file__).resolve().parent / "browse_templates"


class BrowseError(Exception):
    """`kompass browse` cannot start; `str()` is one line saying why."""


#: Facets are the field table's; Datasette's own suggestions (ids, pages) would be noise.
SETTINGS = {
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
    "default_facet_size": 10,
    "suggest_facets": False,
    "default_page_size": 100,
}


def available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def table_names(db_path: Path) -> list[str]:
    """Every base table of the file (the FTS tables and their shadow tables included)."""
    uri = f"file:{pathname2url(str(db_path.resolve()))}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [r[0] for r in rows]


def metadata(hidden: list[str]) -> dict:
    """Datasette's metadata, from the field table; `hidden` are the base tables."""
    views = {
        v.name: {
            "description": v.description,
            "columns": {c.name: c.description for c in v.fields},
            "facets": list(v.facets),
        }
        for v in fields.VIEWS
    }
    return {
        "title": "Kommunkompassen warehouse",
        "description": "Evaluations of Swedish municipalities (SKL/SKR Kommunkompassen). "
        "Query the views; scores compare only within one instrument version.",
        "databases": {
            NAME: {
                "queries": CANNED,
                "tables": {**{t: {"hidden": True} for t in hidden}, **views},
            }
        },
    }


def prepare(db_url: str | None, port: int) -> Path:
    """The SQLite file to serve, migrated; refuses what cannot be browsed."""
    if not available():
        raise BrowseError("kompass browse needs Datasette: .venv/bin/pip install -e '.[browse]'")
    url = resolve_url(db_url)
    if make_url(url).get_backend_name() != "sqlite":
        raise BrowseError(
            "kompass browse works on an SQLite warehouse (Datasette reads SQLite files)"
        )
    get_engine(url)  # creates or migrates it (WarehouseError when it cannot)
    if not _port_free(port):
        raise BrowseError(f"port {port} on 127.0.0.1 is in use; choose another with --port")
    return Path(make_url(url).database)


def serve(db_path: Path, port: int, open_browser: bool = False) -> None:
    """Serve until Ctrl-C or SIGTERM (uvicorn ends gracefully on both)."""
    import asyncio
    import webbrowser

    import uvicorn
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from warehouse import browse_plugin

    if not pm.is_registered(browse_plugin):
        pm.register(browse_plugin, name="kompass-browse")
    if pm.get_plugin("kompass-browse-security") is None:
        pm.register(_security_plugin(), name="kompass-browse-security")
    ds = Datasette(
        metadata=metadata(table_names(db_path)), template_dir=str(TEMPLATES), settings=SETTINGS
    )
    ds.add_database(Database(ds, path=str(db_path), is_mutable=True), name=NAME)
    if "_memory" in ds.databases:  # added when Datasette is given no files
        ds.remove_database("_memory")
    asyncio.run(ds.invoke_startup())
    if open_browser:
        webbrowser.open(f"http://127.0.0.1:{port}/")
    uvicorn.run(
        _guarded(ds.app(), port),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=5,
    )


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _security_plugin() -> object:
    """Datasette plugin (a module, as Datasette lists plugins by name): every connection
    refuses `warehouse.db.DENIED_FUNCTIONS`."""
    import types

    from datasette import hookimpl

    def prepare_connection(conn: sqlite3.Connection) -> None:
        conn.set_authorizer(deny_functions)

    plugin = types.ModuleType("kompass_browse_security")
    plugin.prepare_connection = hookimpl(prepare_connection)  # type: ignore[attr-defined]
    return plugin


#: Methods the browser is answered for: it only reads.
SAFE_METHODS = ("GET", "HEAD")


def _guarded(app, port: int):
    """`app` answering only requests for this server by its loopback names, GET or HEAD."""
    hosts = {f"127.0.0.1:{port}".encode(), f"localhost:{port}".encode()}

    async def guarded(scope, receive, send) -> None:
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").lower()
            if host not in hosts:
                await _plain(send, 421, "this server answers only to 127.0.0.1 or localhost")
                return
            if scope["method"] not in SAFE_METHODS:
                await _plain(send, 405, "kompass browse is read-only: GET only", allow=True)
                return
        await app(scope, receive, send)

    return guarded


async def _plain(send, status: int, text: str, allow: bool = False) -> None:
    body = (text + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    headers.append((b"content-length", str(len(body)).encode()))
    if allow:
        headers.append((b"allow", ", ".join(SAFE_METHODS).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
