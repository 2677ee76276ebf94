"""For researchers: profile and trend plots, compare (search: test_search.py, Datasette:
test_browse.py and test_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib.container import ErrorbarContainer

from pipeline.cli import cli
from tests.conftest import FIXTURES
from warehouse import plots
from warehouse.compare import MixedVersions, compare
from warehouse.db import get_engine

CORPUS = sorted(FIXTURES.glob("*.pdf"))


@pytest.fixture(scope="module")
def loaded(corpus_db: str) -> str:
    return corpus_db


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
