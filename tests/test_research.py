"""For researchers: full-text search, Datasette (plots, compare, query, export and status:
test_research_outputs.py)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import FIXTURES
from warehouse.browse import available
from warehouse.db import get_engine
from warehouse.load import load_file
from warehouse.search import search, stems

CORPUS = sorted(FIXTURES.glob("*.pdf"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('research') / 'w.db'}"
    engine = get_engine(url)
    for p in CORPUS:
        load_file(p, engine)
    return url


def test_search_finds_a_norsjo_bullet(db_url: str) -> None:
    engine = get_engine(db_url)
    load_file(FIXTURES / "norsjo-2018.pdf", engine)
    load_file(FIXTURES / "gavle-2022.pdf", engine)
    hits = search(engine, "korruption")
    assert hits[
        ["municipality", "evaluation_year", "area_number", "kind", "page"]
    ].values.tolist() == [["Norsjö", 2018, 1, "strength", 10]]
    assert hits.text[0] == "Styrdokument för att förhindra korruption, och mutor"
    both = search(engine, "visselblåsarfunktion OR whistleblower", kind="improvement")
    assert sorted(both.municipality) == ["Gävle", "Gävle", "Norsjö"]
    assert search(engine, "visselblåsarfunktion", version="2016").empty
    assert (
        search(engine, "medborgardialog", kind="question").empty
        and not search(engine, "demokratiutveckling", kind="question").empty
    )
    if stems(engine):  # PostgreSQL's Swedish stemmer: an inflected form finds the same bullet
        assert search(engine, "korruptionen").text.tolist() == [hits.text[0]]


def test_search_cli(loaded: str) -> None:
    result = CliRunner().invoke(cli, ["search", "whistleblower*", "--db", loaded])
    assert result.exit_code == 0
    assert result.stdout == (
        "Norsjö 2018 · area 1 · improvement · p. 9: En extern whistleblower-funktion\n"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_serves_a_canned_query(loaded: str) -> None:
    if not available():
        if os.environ.get("CI") == "true":
            pytest.fail("Datasette must be installed in CI (dev extra)")
        pytest.skip("the browse extra is not installed")
    port = _free_port()
    kompass = str(Path(sys.executable).with_name("kompass"))
    proc = subprocess.Popen(
        [kompass, "browse", "--db", loaded, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/w/version_means.json?_shape=array"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    rows = json.load(resp)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        row = next(r for r in rows if r["instrument_version"] == "2016" and r["area_number"] == 1)
        assert row["evaluations"] == 4 and row["max_points"] == 69
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/w/findings_search.json?_shape=array&q=korruption", timeout=5
        ) as resp:
            assert [r["municipality"] for r in json.load(resp)] == ["Norsjö"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # Datasette (a child of `kompass browse`) goes with it: nothing serves the port any more
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
        except OSError:
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"Datasette still serves port {port} after `kompass browse` ended")
