"""What researchers take away: plots, compare tables, query results, exports, status."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from matplotlib.colors import to_rgb
from matplotlib.container import ErrorbarContainer
from PIL import Image
from sqlalchemy import text

from parsers import PARSER_VERSION
from pipeline.cli import cli
from pipeline.steps import load_file
from tests.conftest import FIXTURES
from warehouse import compare as cmp
from warehouse import kompass_version, plots
from warehouse import query as q
from warehouse import status as st
from warehouse.db import get_engine, get_read_only, shown

CORPUS = sorted(FIXTURES.glob("*.pdf"))
KOMPASS = str(Path(sys.executable).with_name("kompass"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('outputs') / 'w.db'}"
    engine = get_engine(url)
    for p in CORPUS:
        load_file(p, engine)
    return url


def _one_line(label: str) -> str:
    return label.replace("\n", " ").replace("\u00a0", " ")


# --- plots -----------------------------------------------------------------------------------


def test_profile_bars_reference_without_the_municipality_and_caption(loaded: str) -> None:
    plot = plots.profile(get_engine(loaded), "Norsjö", 2018)
    ax = plot.figure.axes[0]
    bars = [p for p in ax.patches if p.get_height() > 0]
    assert [round(b.get_height()) for b in bars] == [69, 63, 72, 61, 61, 59, 55, 69]
    (err,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    # the other 2016-version evaluations: Ängelholm 44, Hudiksvall 47, Lidköping 62 (area 1);
    # with Norsjö's own 69 the mean would be 55.5
    assert err.lines[0].get_ydata()[0] == pytest.approx((44 + 47 + 62) / 3)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "Norsjö 2018",
        "mean and range (min–max) of 3 evaluations of other municipalities, version 2016 "
        "(Norsjö not included)",
    ]
    caption = _one_line(plot.caption)
    assert caption.startswith(
        "Source: Norsjö 2018: Kommunkompassen report, Sveriges Kommuner och Landsting, report "
        "dated 2019-02-08; area scores on pp. 9, 12, 15, 19, 22, 25, 28, 31. Reference: mean "
        "and range (min–max) of the 3 evaluations of other municipalities with instrument "
        "version 2016 in this warehouse; Norsjö is not included."
    )
    assert caption.endswith(f"kompass {kompass_version()}; values read by parser {PARSER_VERSION}")
    assert plot.figure.get_supxlabel() == plot.caption  # drawn under the plot
    assert plot.name == "profile-norsjo-2018.png"


def test_profile_labels_wrap_at_spaces_only_with_the_canonical_names(loaded: str) -> None:
    plot = plots.profile(get_engine(loaded), "Ängelholm", 2019)
    labels = [t.get_text() for t in plot.figure.axes[0].get_xticklabels()]
    # Ängelholm 2019 prints area 1 as "Offentlighet och dialog" and area 6 with
    # "– personalpolitik" (2016-version variants): the plot names the version's own areas,
    # as compare does, so two evaluations' plots say the same for the same area
    assert [_one_line(t) for t in labels] == [
        "1 Offentlighet och demokrati",
        "2 Tillgänglighet och brukarorientering",
        "3 Politisk styrning och kontroll",
        "4 Ledarskap, ansvar och delegation",
        "5 Resultat och effektivitet",
        "6 Kommunen som arbetsgivare",
        "7 Ständiga förbättringar",
        "8 Kommunen som samhällsbyggare",
    ]
    assert "brukarorientering" in labels[1].split("\n")  # a long word stays whole


def _outlined(ax) -> list[int]:
    """The areas whose bar wears the warning's dashed outline."""
    bars = [p for p in ax.patches if p.get_height() > 0]
    return [
        round(b.get_x() + b.get_width() / 2)
        for b in bars
        if b.get_linestyle() == "--" and b.get_edgecolor()[:3] == to_rgb(plots.WARNING_COLOUR)
    ]


def test_profile_marks_a_value_with_a_warning(loaded: str) -> None:
    """Strängnäs 2014 prints question 5.2 as "12 of 25 = 99 %": area 5 carries a warning. The
    bar keeps its colour (an outline, nothing drawn over it) and its value is written on it."""
    plot = plots.profile(get_engine(loaded), "Strängnäs", 2014)
    ax = plot.figure.axes[0]
    assert _outlined(ax) == [5]
    assert {to_rgb(p.get_facecolor()) for p in ax.patches} == {to_rgb(plots.BAR_COLOUR)}
    values = {t.get_text(): t.get_color() for t in ax.texts}
    assert values["53"] == plots.WARNING_COLOUR and values["40"] == "black"
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == plots.WARNED_LABEL
    assert (
        "Parser warnings on 1 of 8 values (dashed orange outline): percent_mismatch (1); "
        'details with pages: kompass query "SELECT * FROM warnings WHERE municipality_code = '
        "'0486' AND evaluation_year = 2014\""
    ) in _one_line(plot.caption)
    clean = plots.profile(get_engine(loaded), "Norsjö", 2018).figure.axes[0]
    assert _outlined(clean) == []


def test_many_warnings_are_one_caption_line_and_hide_no_colour(loaded: str, tmp_path) -> None:
    """Every area of Norsjö 2018 with a warning: the caption counts them by code in one line,
    and every value keeps its colour (a ring around the marker, not a marker over it)."""
    url = f"sqlite:///{tmp_path / 'many.db'}"
    _copy(loaded, url)
    with get_engine(url).begin() as conn:
        (e,) = conn.execute(
            text("SELECT evaluation_id FROM evaluations WHERE municipality = 'Norsjö'")
        ).one()
        for a in range(1, 9):
            conn.execute(
                text("INSERT INTO parse_warning VALUES (:e, :p, 'question_sum_mismatch', :m, 9)"),
                {"e": e, "p": 100 + a, "m": f"area {a}: the questions add up to 1 more"},
            )
        for a in (1, 3):
            conn.execute(
                text("INSERT INTO parse_warning VALUES (:e, :p, 'percent_mismatch', :m, 9)"),
                {"e": e, "p": 200 + a, "m": f"question {a}.2: 12 of 25 is not 99 %"},
            )
    profile = plots.profile(get_engine(url), "Norsjö")
    lines = [ln for ln in profile.caption.splitlines() if "Parser warnings" in ln]
    assert (
        _one_line(profile.caption).count(
            "Parser warnings on 8 of 8 values (dashed orange outline): question_sum_mismatch (8), percent_mismatch (2);"
        )
        == 1
    )
    assert len(lines) == 1 and _outlined(profile.figure.axes[0]) == list(range(1, 9))
    trend = plots.trend(get_engine(url), "Norsjö")
    _top, bottom = trend.figure.axes
    rings = [ln for ln in bottom.get_lines() if ln.get_color() == plots.WARNING_COLOUR]
    assert all(r.get_fillstyle() == "none" and r.get_marker() == "o" for r in rings)
    assert sum(len(r.get_xdata()) for r in rings) == 8
    coloured = {
        (x, y)
        for ln in bottom.get_lines()
        if ln.get_color() != plots.WARNING_COLOUR and ln.get_linestyle() == "None"
        for x, y in zip(ln.get_xdata(), ln.get_ydata(), strict=True)
    }
    assert {
        (x, y) for r in rings for x, y in zip(r.get_xdata(), r.get_ydata(), strict=True)
    } <= coloured
    assert (
        "Parser warnings on 9 of 27 values (orange ring): question_sum_mismatch (8), percent_mismatch (2), history_total_mismatch (1);"
        in _one_line(trend.caption)
    )


def test_trend_names_each_version_and_marks_the_misprinted_total(loaded: str) -> None:
    plot = plots.trend(get_engine(loaded), "Norsjö")
    top, bottom = plot.figure.axes
    names = [_one_line(t.get_text()) for t in bottom.get_legend().get_texts()]
    # 2015 is a 2010-version evaluation: its area 7 is Verksamhetsutveckling
    assert names[6] == "7 Verksamhetsutveckling (2010) → 7 Ständiga förbättringar (2016)"
    assert names[0] == "1 Offentlighet och demokrati"
    assert len(names) == 8
    breaks = [ln for ln in bottom.get_lines() if ln.get_linestyle() == "--"]
    assert [ln.get_xdata()[0] for ln in breaks] == [2016.0]
    totals = sorted(
        y
        for ln in top.get_lines()
        if ln.get_linestyle() == "None" and ln.get_color() != plots.WARNING_COLOUR
        for y in ln.get_ydata()
    )
    assert totals == [401, 475, 509]
    (warned,) = [
        ln
        for ln in top.get_lines()
        if ln.get_color() == plots.WARNING_COLOUR and len(ln.get_xdata())
    ]
    assert (list(warned.get_xdata()), list(warned.get_ydata())) == ([2017], [475])  # 455 add up
    assert top.get_ylim() == (0, 800)  # from 0: 401 → 509 does not look like a tripling
    markers = [_one_line(t.get_text()) for t in top.get_legend().get_texts()]
    assert markers == [
        "evaluation loaded",
        "printed in a later report's history table",
        plots.WARNED_LABEL,
    ]
    caption = _one_line(plot.caption)
    assert "Hollow markers: 2015, 2017 as printed in the history table of the 2018 report." in (
        caption
    )
    assert (
        "Parser warnings on 1 of 27 values (orange ring): history_total_mismatch (1) on 2017 "
        'total; details with pages: kompass query "SELECT * FROM warnings WHERE '
        "municipality_code = '2417'\""
    ) in caption
    assert plot.name == "trend-norsjo-2015-2018.png"


def _copy(source_url: str, target_url: str) -> None:
    """A copy of an SQLite warehouse (sqlite3's backup) to change without touching the
    module's."""
    with (
        sqlite3.connect(source_url.removeprefix("sqlite:///")) as src,
        sqlite3.connect(target_url.removeprefix("sqlite:///")) as dst,
    ):
        src.backup(dst)


def test_trend_without_any_total_has_no_empty_panel(loaded: str, tmp_path) -> None:
    """Norsjö with its totals gone (as in a report that prints none): no empty total panel."""
    url = f"sqlite:///{tmp_path / 'no-total.db'}"
    _copy(loaded, url)
    with get_engine(url).begin() as conn:
        conn.execute(text("UPDATE evaluation SET total_points = NULL"))
        conn.execute(text("DELETE FROM history_row WHERE area_number IS NULL"))
    plot = plots.trend(get_engine(url), "Norsjö")
    assert len(plot.figure.axes) == 1
    assert "No report prints a total: the total panel is left out." in _one_line(plot.caption)
    assert plot.name == "trend-norsjo-2015-2018.png"


def test_a_single_year_trend_is_the_profile_and_says_so(loaded: str) -> None:
    """Hudiksvall: one evaluation and no history table of other years."""
    plot = plots.trend(get_engine(loaded), "Hudiksvall")
    assert plot.name == "profile-hudiksvall-2016.png"
    assert plot.note == (
        "Only one year of Hudiksvall is in the warehouse (2016; no report prints another "
        "year's scores): a trend needs two, so this is the profile of that evaluation."
    )
    assert _one_line(plot.caption).startswith(plot.note + " Source: Hudiksvall 2016")


def test_plot_cli_default_names_formats_and_a_bad_suffix(
    loaded: str, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(cli, ["plot", "profile", "Norsjö", "--db", loaded])
    assert first.exit_code == 0 and first.stdout == "profile-norsjo-2018.png\n"
    assert (tmp_path / "profile-norsjo-2018.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(tmp_path / "profile-norsjo-2018.png") as png:  # print quality: 200 dpi
        assert png.size == (11 * 200, round(6.5 * 200))
        assert [round(d) for d in png.info["dpi"]] == [200, 200]
    trend = runner.invoke(cli, ["plot", "trend", "Norsjö", "--db", loaded])
    assert trend.stdout == "trend-norsjo-2015-2018.png\n"
    svg = runner.invoke(cli, ["plot", "trend", "Norsjö", "--out", "t.svg", "--db", loaded])
    assert svg.exit_code == 0 and b"<svg" in (tmp_path / "t.svg").read_bytes()[:500]
    assert "Norsjö 2018: Kommunkompassen report" in (tmp_path / "t.svg").read_text("utf-8")
    pdf = runner.invoke(cli, ["plot", "profile", "Norsjö", "--out", "p.pdf", "--db", loaded])
    assert pdf.exit_code == 0 and (tmp_path / "p.pdf").read_bytes()[:5] == b"%PDF-"
    bad = runner.invoke(cli, ["plot", "profile", "Norsjö", "--out", "p.jpg", "--db", loaded])
    assert bad.exit_code == 2
    assert (
        bad.stderr
        == "error: p.jpg: unknown image format; use a name ending in .png, .svg or .pdf\n"
    )
    helped = " ".join(runner.invoke(cli, ["plot", "profile", "--help"]).stdout.split())
    assert "the format follows the suffix: .png, .svg or .pdf" in helped


@pytest.mark.parametrize(
    "args",
    [
        ["profile", "Norsjö", "--year", "2018"],
        ["profile", "Strängnäs"],
        ["trend", "Norsjö"],
        ["trend", "Strängnäs"],
        ["trend", "Hudiksvall"],
    ],
)
def test_plots_print_no_warnings(loaded: str, tmp_path: Path, args: list[str]) -> None:
    proc = subprocess.run(
        [KOMPASS, "plot", *args, "--db", loaded],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "default"},
    )
    # one year of Hudiksvall only: the profile, and a note saying so (nothing else)
    note = (
        "note: Only one year of Hudiksvall is in the warehouse (2016; no report prints "
        "another year's scores): a trend needs two, so this is the profile of that "
        "evaluation.\n"
    )
    assert proc.returncode == 0
    assert proc.stderr == (note if args == ["trend", "Hudiksvall"] else "")
    assert (tmp_path / proc.stdout.strip()).stat().st_size > 10_000


# --- compare ---------------------------------------------------------------------------------


def test_compare_same_version_values_and_refusal(loaded: str) -> None:
    engine = get_engine(loaded)
    result = cmp.compare(engine, ["Norsjö", "Ängelholm"])
    table = result.table
    assert result.note is None
    assert table.loc["1 Offentlighet och demokrati", "Norsjö 2018"] == 69
    assert table.loc["total", "Norsjö 2018"] == 509
    assert table.loc["total", "Ängelholm 2019 − Norsjö 2018"] == 514 - 509
    with pytest.raises(cmp.MixedVersions):
        cmp.compare(engine, ["Norsjö", "Simrishamn"])
    refused = CliRunner().invoke(cli, ["compare", "Norsjö", "Simrishamn", "--db", loaded])
    assert refused.exit_code == 2
    assert refused.stderr == (
        "error: different instrument versions (Norsjö 2018 uses 2016, Simrishamn 2021 uses "
        "2019): scores are comparable only within one version; use --themes to compare by "
        "cross-version theme\n"
    )


def test_compare_fits_80_columns_or_goes_wide(loaded: str) -> None:
    args = ["compare", "Norsjö", "Lidköping", "Hudiksvall", "Ängelholm", "--db", loaded]
    narrow = CliRunner().invoke(cli, args)
    assert narrow.exit_code == 0
    lines = narrow.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    # the four evaluations first, the three differences in a block of their own below
    assert lines[:3] == [
        "                                        Norsjö  Lidköping  Hudiksvall  Ängelholm",
        "area                                      2018       2017        2016       2019",
        "─" * 80,
    ]
    assert (
        "1 Offentlighet och demokrati                69         62          47         44" in lines
    )
    assert "1 Offentlighet och demokrati                   -7         -22        -25" in lines
    wide = CliRunner().invoke(cli, [*args, "--wide"]).stdout.splitlines()
    assert len(wide) == 13 and max(map(len, wide)) > 80  # 2 header lines, rule, 8, blank, total
    assert wide[-1].split() == ["total", "509", "525", "417", "514", "+16", "-92", "+5"]


def test_compare_themes_names_the_areas_of_each_version_in_swedish(loaded: str) -> None:
    themed = CliRunner().invoke(
        cli, ["compare", "Norsjö", "Simrishamn", "--themes", "--db", loaded]
    )
    assert themed.exit_code == 0
    lines = themed.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    assert lines[1].split()[:4] == ["area", "2016", "area", "2019"]
    # the 2019 version reorders: community development is area 2 there, area 8 in 2016
    at = next(i for i, line in enumerate(lines) if line.startswith("8 Kommunen"))
    assert lines[at : at + 2] == [
        "8 Kommunen som          2 Samhällsutveckling        69          53         -16",
        "samhällsbyggare",
    ]
    assert " ".join(lines[-4:]).endswith(
        "Scores from different instrument versions are not strictly comparable."
    )
    csv = CliRunner().invoke(
        cli, ["compare", "Norsjö", "Simrishamn", "--themes", "--csv", "--db", loaded]
    )
    rows = csv.stdout.splitlines()
    assert (
        rows[0]
        == "theme,area 2016,area 2019,Norsjö 2018,Simrishamn 2021,Simrishamn 2021 − Norsjö 2018"
    )
    assert rows[8] == "community,8 Kommunen som samhällsbyggare,2 Samhällsutveckling,69,53,-16"
    assert rows[9] == "total,total,,509,424,-85"


# --- query -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM evaluation",
        "UPDATE evaluation SET total_points = 0 RETURNING evaluation_id",
        "ATTACH DATABASE 'x.db' AS x",
        "PRAGMA table_info(evaluations)",
        "/* a comment first */ DROP VIEW evaluations",
        "CREATE TABLE t (x int)",
    ],
)
def test_query_refuses_anything_but_select(loaded: str, sql: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["query", sql, "--db", loaded])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "error: query is read-only: only SELECT/WITH statements\n"
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "SELEC * FROM evaluations",
            "not a SELECT or WITH statement: it begins with 'SELEC' (did you mean SELECT?)",
        ),
        ("  -- nothing\n", "the query is empty: give one SELECT (or WITH … SELECT) statement"),
        ("EXPLAIN SELECT 1", "not a SELECT or WITH statement: it begins with 'EXPLAIN'"),
    ],
)
def test_a_typo_is_not_called_a_write(loaded: str, sql: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["query", sql, "--db", loaded])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"error: {message}\n"


def test_query_is_read_only_on_either_engine(db_url: str) -> None:
    """A data-modifying WITH passes the keyword check; the read-only connection refuses it
    (PostgreSQL: a read-only transaction; SQLite has no DELETE inside WITH)."""
    load_file(FIXTURES / "gavle-2022.pdf", get_engine(db_url))
    engine = get_read_only(db_url)
    sql = "WITH gone AS (DELETE FROM evaluation RETURNING evaluation_id) SELECT * FROM gone"
    if db_url.startswith("postgresql"):
        with pytest.raises(q.QueryRefused, match=r"^query is read-only: only SELECT/WITH"):
            q.run(engine, sql)
    assert q.run(engine, "SELECT COUNT(*) AS n FROM evaluations").n.tolist() == [1]
    # a NULL in an integer column still prints whole numbers
    df = q.run(
        engine,
        "SELECT municipality, total_points, area_points_sum, pages FROM evaluations "
        "UNION ALL SELECT 'x', NULL, 12.5, NULL FROM evaluations",
    )
    assert q.table(df).splitlines() == [
        "municipality total_points area_points_sum pages",
        "       Gävle         NULL             438    10",
        "           x         NULL            12.5  NULL",
    ]
    assert q.csv(df).splitlines() == [
        "municipality,total_points,area_points_sum,pages",
        "Gävle,,438,10",
        "x,,12.5,",
    ]


def test_query_does_not_create_a_missing_file(tmp_path: Path) -> None:
    target = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, ["query", "SELECT 1", "--db", f"sqlite:///{target}"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: database sqlite:///{target}: no such file (kompass load, ingest or demo "
        "creates it)\n"
    )
    assert not target.exists()


def test_query_csv_is_utf8_whatever_the_locale(loaded: str) -> None:
    proc = subprocess.run(
        [
            KOMPASS,
            "query",
            "SELECT municipality, municipality_code, total_points FROM evaluations "
            "WHERE municipality_code IN ('0486', '2180') ORDER BY 1",
            "--csv",
            "--db",
            loaded,
        ],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").splitlines() == [
        "municipality,municipality_code,total_points",
        "Gävle,2180,",
        "Strängnäs,0486,505",
    ]


def test_query_to_excel_keeps_codes_as_text(loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "q.xlsx"
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "SELECT municipality, municipality_code, question_id, points FROM question_scores "
            "WHERE municipality_code = '0486' AND question_id = '5.2'",
            "--excel",
            str(out),
            "--db",
            loaded,
        ],
    )
    assert result.exit_code == 0 and result.stdout == f"{out}\n"
    ws = openpyxl.load_workbook(out)["query"]
    row = [(c.value, c.data_type, c.number_format) for c in ws[2]]
    assert row == [
        ("Strängnäs", "s", "@"),
        ("0486", "s", "@"),
        ("5.2", "s", "@"),
        (12, "n", "General"),
    ]
    formula = tmp_path / "f.xlsx"
    CliRunner().invoke(
        cli, ["query", "SELECT '=1+1' AS x", "--excel", str(formula), "--db", loaded]
    )
    cell = openpyxl.load_workbook(formula)["query"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")  # text, never a formula


# --- export ----------------------------------------------------------------------------------


def test_export_excel_and_csv(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    for name in ("strangnas-2014.pdf", "norsjo-2018.pdf"):
        load_file(FIXTURES / name, engine)
    runner = CliRunner()
    xlsx = runner.invoke(cli, ["export", "--excel", "--out", str(tmp_path / "x"), "--db", db_url])
    assert xlsx.exit_code == 0 and xlsx.stdout == f"{tmp_path / 'x' / 'kommunkompassen.xlsx'}\n"
    same = runner.invoke(
        cli, ["export", "--format", "xlsx", "--out", str(tmp_path / "y"), "--db", db_url]
    )
    assert same.exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "x" / "kommunkompassen.xlsx")
    assert wb.sheetnames[:3] == ["about", "evaluations", "area_scores"]
    ws = wb["evaluations"]
    header = [c.value for c in ws[1]]
    first = {h: c for h, c in zip(header, ws[2], strict=True)}  # ordered by code: 0486 first
    assert (first["municipality"].value, first["county"].value) == (
        "Strängnäs",
        "Södermanlands län",
    )
    code = first["municipality_code"]
    assert (code.value, code.data_type, code.number_format) == ("0486", "s", "@")
    assert (first["total_points"].value, first["total_points"].data_type) == (505, "n")
    assert first["report_date"].number_format == "YYYY-MM-DD"
    assert first["complete"].value is True
    assert ws.freeze_panes == "A2"
    questions = wb["question_scores"]
    qid = [c for c in questions[1]].index(next(c for c in questions[1] if c.value == "question_id"))
    assert {r[qid].value for r in questions.iter_rows(min_row=2)} >= {"5.2", "1.1"}
    about = [r for r in wb["about"].iter_rows(values_only=True)]
    assert about[3] == ("kompass version", kompass_version(), None, None)
    assert ("evaluations", "municipality_code", "char(4)", "SCB kommunkod, e.g. 2417") in about

    csv = runner.invoke(cli, ["export", "--out", str(tmp_path / "c"), "--db", db_url])
    assert csv.exit_code == 0
    raw = (tmp_path / "c" / "evaluations.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM: see warehouse/export.py
    lines = raw.decode("utf-8").splitlines()
    assert lines[1].split(",")[1:9] == [
        "Strängnäs",
        "0486",
        "Södermanlands län",
        "2014",
        "2010",
        "505",
        "800",
        "2014-10-03",
    ]


# --- status and version ----------------------------------------------------------------------


def test_status_on_one_screen(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("strangnas-2014.pdf", "norsjo-2018.pdf", "hudiksvall-2016.pdf"):
        load_file(FIXTURES / name, get_engine(db_url))
    load_file(FIXTURES / "bad" / "empty.pdf", get_engine(db_url))
    result = runner.invoke(cli, ["status", "--db", db_url])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"warehouse {shown(db_url)} (schema revision 0005)"
    assert lines[1:] == [
        "3 evaluations of 3 municipalities, 2014–2018",
        "",
        "instrument  evaluations  per year",
        "2010                  1  2014: 1",
        "2016                  2  2016: 1, 2018: 1",
        "",
        "incomplete: 0 evaluations",
        "failed: 1 document not loaded (kompass review says why and how to retry)",
        f"parser {PARSER_VERSION}: every evaluation read by it",
        lines[-2],
        "ingest log: 4 attempts (1 failed, 3 loaded)",
    ]
    assert lines[-2].startswith("last ingest: ") and " UTC, failed: " in lines[-2]
    assert lines[-2].endswith(" UTC, failed: empty.pdf")  # the file's name (issue 26)
    assert len(lines) <= 24 and max(map(len, lines[1:])) <= 80


def test_status_of_an_empty_warehouse(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    get_engine(url)
    found = st.status(get_read_only(url), url, "9.9")
    assert st.render(found)[1:] == [
        "no evaluations yet: kompass demo, kompass load FILE.pdf or kompass ingest",
        "incomplete: 0 evaluations",
        "failed: 0 documents not loaded",
        "parser 9.9: every evaluation read by it",
        "last ingest: none recorded",
    ]


def test_version_names_package_and_parser() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.stdout == f"kompass {kompass_version()} (parser {PARSER_VERSION})\n"
    assert kompass_version() == "0.1.0"  # pyproject.toml
