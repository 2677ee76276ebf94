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
from warehouse.db import get_engine, resolve_url

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
        ds.app(),
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
