"""`kompass browse` over HTTP: the stable database name, search on the views, hidden base
tables, the reading order, canned queries, and a clean stop (no process left behind).

The same pages in a real browser: test_browser.py."""

from __future__ import annotations

import json
import re
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from tests.browse_server import KOMPASS, Browse, need_datasette, session_processes
from warehouse.browse import metadata
from warehouse.fields import BY_NAME


@pytest.fixture(scope="module")
def browse(tmp_path_factory: pytest.TempPathFactory, corpus_db: str) -> Iterator[Browse]:
    """Served from a copy named unlike the default, to show the stable database name."""
    need_datasette()
    copy = tmp_path_factory.mktemp("browse") / "wh.db"
    with sqlite3.connect(corpus_db.removeprefix("sqlite:///")) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)  # the WAL's pages too
    b = Browse(f"sqlite:///{copy}")
    yield b
    if b.proc.poll() is None:
        b.stop()
    deadline = time.monotonic() + 10
    while session_processes(b.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert session_processes(b.proc.pid) == [], "kompass browse left processes behind"


def test_stable_database_name_and_hidden_tables(browse: Browse) -> None:
    dbs = json.loads(browse.get("/-/databases.json"))
    assert [d["name"] for d in dbs] == ["kommunkompassen"]  # the file is wh.db
    info = json.loads(browse.get("/kommunkompassen.json"))
    shown = [t["name"] for t in info["tables"] if not t["hidden"]]
    assert shown == []  # base tables, alembic_version, FTS tables and their shadows
    assert {"alembic_version", "finding", "finding_fts", "finding_fts_data"} <= {
        t["name"] for t in info["tables"]
    }
    assert sorted(v["name"] for v in info["views"]) == sorted(BY_NAME)


def test_home_and_database_pages_put_the_views_first(browse: Browse) -> None:
    home = browse.get("/")
    first_view = home.index(">evaluations</a>")
    assert home.index('id="views"') < first_view < home.index('id="queries"')
    for name in BY_NAME:  # every view, with its one-line description
        assert BY_NAME[name].description.replace("'", "&#39;") in home
    db = browse.get("/kommunkompassen")
    assert db.index('id="queries"') < db.index('id="views"') < db.index("Custom SQL query")
    assert "alembic_version" not in db
    assert "from findings" in db


def test_search_on_the_views_stems_and_takes_fts_syntax(browse: Browse) -> None:
    rows = browse.rows("/kommunkompassen/findings", _search="korruption OR whistleblower*")
    assert sorted((r["municipality"], r["text"]) for r in rows) == [
        ("Norsjö", "En extern whistleblower-funktion"),
        ("Norsjö", "Styrdokument för att förhindra korruption, och mutor"),
    ]
    inflected = browse.rows("/kommunkompassen/findings", _search="medborgardialog")
    assert len(inflected) == 16
    assert all("medborgardialog" in r["text"].lower() for r in inflected)
    assert len(browse.rows("/kommunkompassen/findings")) == 100  # a page of all 690
    questions = browse.rows("/kommunkompassen/question_scores", _search="invånaren")
    assert questions and all("invånar" in r["question_text"].lower() for r in questions)
    page = browse.get("/kommunkompassen/findings?_search=medborgardialog")
    assert '<input id="_search" type="search" name="_search" value="medborgardialog">' in page
    assert "16 rows where search matches" in page


def test_views_open_in_reading_order_with_facets(browse: Browse) -> None:
    page = browse.get("/kommunkompassen/findings")
    columns = re.findall(r'<th [^>]*class="col-[^"]*" scope="col" data-column="([^"]+)"', page)
    assert columns[:6] == ["municipality", "evaluation_year", "area_number", "kind", "text", "page"]
    assert columns[-2:] == ["evaluation_id", "municipality_code"]
    for facet in ("municipality", "evaluation_year", "instrument_version", "area_number"):
        assert f'id="facet-{facet}"' in page
    # the JSON API keeps the view's own column order (the contract's)
    row = browse.rows("/kommunkompassen/findings", _size=1)[0]
    assert list(row) == BY_NAME["findings"].columns


def test_canned_queries(browse: Browse) -> None:
    means = browse.rows("/kommunkompassen/version_means")
    row = next(r for r in means if r["instrument_version"] == "2016" and r["area_number"] == 1)
    assert row["evaluations"] == 4 and row["max_points"] == 69
    found = browse.rows("/kommunkompassen/findings_search", q="korruptionen")
    assert [r["municipality"] for r in found] == ["Norsjö"]
    # the municipality as every command takes it: any case, å/ä/ö optional
    profile = browse.rows("/kommunkompassen/profile", municipality="norsjo", year="2018")
    assert [r["points"] for r in profile] == [69, 63, 72, 61, 61, 59, 55, 69]


def test_canned_search_with_an_empty_box_logs_no_error(corpus_db: str) -> None:
    """Opening the canned search (its box empty) ran MATCH '' and logged three ERROR lines."""
    need_datasette()
    b = Browse(corpus_db)
    try:
        page = b.get("/kommunkompassen/findings_search")
        assert b.rows("/kommunkompassen/findings_search", q="") == []
        assert b.rows("/kommunkompassen/findings_search", q="  ") == []
    finally:
        b.stop()
    _out, err = b.proc.communicate()
    assert "fts5" not in page
    assert b"ERROR" not in err and b"fts5" not in err, err.decode()


def test_metadata_comes_from_the_field_table() -> None:
    meta = metadata(["finding"])["databases"]["kommunkompassen"]["tables"]
    assert meta["finding"] == {"hidden": True}
    assert meta["area_scores"]["columns"]["page"] == "page of the area's score table"
    assert meta["findings"]["description"] == BY_NAME["findings"].description


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_leaves_nothing_behind(corpus_db: str, sig: int) -> None:
    need_datasette()
    b = Browse(corpus_db)
    assert b.rows("/kommunkompassen/evaluations", _size=1)
    assert session_processes(b.proc.pid)  # it runs
    assert b.stop(sig) in (0, -sig)  # uvicorn ends gracefully, then re-raises the signal
    deadline = time.monotonic() + 10
    while session_processes(b.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert session_processes(b.proc.pid) == []  # no Datasette or anything else of it left
    with pytest.raises(OSError):
        urllib.request.urlopen(b.base + "/", timeout=2)
    _out, err = b.proc.communicate()
    assert b"Traceback" not in err


def test_port_in_use_is_one_line(corpus_db: str) -> None:
    need_datasette()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = subprocess.run(
            [KOMPASS, "browse", "--db", corpus_db, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"error: port {port} on 127.0.0.1 is in use; choose another with --port\n"
    )
