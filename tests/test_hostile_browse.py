"""`kompass browse` against a hostile page in the user's browser (issue 28, 8): DNS
rebinding, writes, native pointers from SQL."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browse_server import Browse, need_datasette
from warehouse.db import get_engine


@pytest.fixture(scope="module")
def browse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browse]:
    need_datasette()
    db = tmp_path_factory.mktemp("hostile-browse") / "w.db"
    get_engine(f"sqlite:///{db}")
    b = Browse(f"sqlite:///{db}")
    yield b
    if b.proc.poll() is None:
        b.stop()


def _request(b: Browse, method: str, path: str, host: str | None = None, body: bytes = b""):
    conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=30)
    headers = {"Host": host or f"127.0.0.1:{b.port}", "Content-Type": "application/json"}
    conn.request(method, path, body=body or None, headers=headers)
    resp = conn.getresponse()
    out = resp.status, resp.read().decode("utf-8", "replace"), dict(resp.getheaders())
    conn.close()
    return out


def test_another_host_name_is_not_answered(browse: Browse) -> None:
    """Before: any Host header was answered, so a rebinding DNS name reached the data."""
    status, body, _ = _request(browse, "GET", "/kommunkompassen.json", host="evil.example:80")
    assert status == 421
    assert body == "this server answers only to 127.0.0.1 or localhost\n"
    assert _request(browse, "GET", "/-/versions.json", host=f"localhost:{browse.port}")[0] == 200


def test_a_post_is_a_clean_405(browse: Browse) -> None:
    """Before: a POST to a table's insert URL was a 500 with a traceback in the terminal."""
    body = json.dumps({"row": {"version_num": "x"}}).encode()
    status, text, headers = _request(
        browse, "POST", "/kommunkompassen/alembic_version/-/insert", body=body
    )
    assert status == 405
    assert text == "kompass browse is read-only: GET only\n"
    assert headers["allow"] == "GET, HEAD"


def test_fts3_tokenizer_is_refused(browse: Browse) -> None:
    """Before: `SELECT fts3_tokenizer('simple')` returned a native pointer over HTTP."""
    sql = urllib.parse.quote("SELECT fts3_tokenizer('simple') AS p")
    status, text, _ = _request(browse, "GET", f"/kommunkompassen.json?sql={sql}&_shape=array")
    assert status == 400
    assert "not authorized" in text


def test_the_terminal_shows_no_traceback(browse: Browse, tmp_path: Path) -> None:
    browse.stop()
    _out, err = browse.proc.communicate(timeout=30)
    assert b"Traceback" not in err, err.decode()
