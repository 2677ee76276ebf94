"""For researchers: profile and trend plots, compare, full-text search, Datasette."""

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
from matplotlib.container import ErrorbarContainer

from pipeline.cli import cli
from pipeline.steps import load_file
from tests.conftest import FIXTURES
from warehouse import plots
from warehouse.browse import available
from warehouse.compare import MixedVersions, compare
from warehouse.db import get_engine
from warehouse.search import search, stems

CORPUS = sorted(FIXTURES.glob("*.pdf"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('research') / 'w.db'}"
    engine = get_engine(url)
    for p in CORPUS:
        load_file(p, engine)
    return url


def test_profile_plot_bars_mean_and_names(loaded: str, tmp_path: Path) -> None:
    fig = plots.profile(get_engine(loaded), "Norsjö", 2018)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_height() > 0]
    assert [round(b.get_height()) for b in bars] == [69, 63, 72, 61, 61, 59, 55, 69]
    (err,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    means = err.lines[0].get_ydata()
    assert len(means) == 8  # the mean of the four 2016-version evaluations per area
    assert [t.get_text().split()[0] for t in ax.get_xticklabels()] == [str(n) for n in range(1, 9)]
    assert "Ständiga\nförbättringar" in ax.get_xticklabels()[6].get_text()
    out = plots.save(fig, tmp_path / "p.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_trend_plot_lines_markers_and_version_break(loaded: str) -> None:
    fig = plots.trend(get_engine(loaded), "Norsjö")
    top, bottom = fig.axes
    breaks = [ln for ln in bottom.get_lines() if ln.get_linestyle() == "--"]
    assert [ln.get_xdata()[0] for ln in breaks] == [2016.0]  # between 2015 (2010) and 2017 (2016)
    assert len(bottom.get_legend().get_texts()) == 8
    area_lines = [ln for ln in bottom.get_lines() if ln.get_linestyle() == "-"]
    assert len(area_lines) == 16  # 8 areas × 2 version segments (2015 alone; 2017–2018)
    hollow = [
        ln for ln in bottom.get_lines() if ln.get_fillstyle() == "none" and len(ln.get_xdata())
    ]
    assert {x for ln in hollow for x in ln.get_xdata()} == {2015, 2017}
    totals = sorted(
        y for ln in top.get_lines() if ln.get_linestyle() == "None" for y in ln.get_ydata()
    )
    assert totals == [401, 475, 509]


def test_compare_same_version_and_refusal(loaded: str) -> None:
    engine = get_engine(loaded)
    table, note = compare(engine, ["Norsjö", "Ängelholm"])
    assert note is None
    assert table.loc["1 Offentlighet och demokrati", "Norsjö 2018"] == 69
    assert table.loc["total", "Norsjö 2018"] == 509
    assert (
        table.loc["total", "Ängelholm 2019 − Norsjö 2018"]
        == table.loc["total", "Ängelholm 2019"] - 509
    )
    with pytest.raises(MixedVersions):
        compare(engine, ["Norsjö", "Simrishamn"])
    result = CliRunner().invoke(cli, ["compare", "Norsjö", "Simrishamn", "--db", loaded])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: different instrument versions (Norsjö 2018 uses 2016, Simrishamn 2021 uses "
        "2019): scores are comparable only within one version; use --themes to compare by "
        "cross-version theme\n"
    )
    themed = CliRunner().invoke(
        cli, ["compare", "Norsjö", "Simrishamn", "--themes", "--db", loaded]
    )
    assert themed.exit_code == 0
    assert themed.stdout.strip().endswith(
        "Scores from different instrument versions are not strictly comparable."
    )
    # the 2019 version reorders: community development is area 2 there, area 8 in 2016
    table, _ = compare(engine, ["Norsjö", "Simrishamn"], themes=True)
    assert table.loc["community", "Norsjö 2018"] == 69


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
