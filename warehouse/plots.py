"""Profile and trend plots (matplotlib, written as PNG without a display)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import itertools

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from sqlalchemy import Engine, text

from schema.instruments import instrument, instruments
from warehouse.compare import AnalysisError, area_points, evaluation, municipality_code


def version_of_year(year: int) -> str | None:
    """The instrument version used for evaluations in `year` (for printed history rows)."""
    return next((i.version for i in instruments() if i.covers_year(year)), None)


def profile(engine: Engine, municipality: str, year: int | None = None) -> Figure:
    """The eight area scores of one evaluation against the mean and spread (min–max) of every
    evaluation of the same instrument version in the warehouse."""
    chosen = evaluation(engine, municipality, year)
    own = area_points(engine, chosen.evaluation_id)
    with engine.connect() as conn:
        peers = pd.read_sql_query(
            text(
                "SELECT a.area_number, a.points FROM area_score a JOIN evaluation e "
                "ON e.evaluation_id = a.evaluation_id WHERE e.instrument_version = :v"
            ),
            conn,
            params={"v": chosen.version},
        )
    stats = peers.groupby("area_number")["points"].agg(["mean", "min", "max", "count"])
    inst = instrument(chosen.version)
    numbers = [a.number for a in inst.areas]
    labels = [textwrap.fill(f"{a.number} {a.canonical_name}", 18) for a in inst.areas]
    points = own.set_index("area_number")["points"].reindex(numbers)
    st = stats.reindex(numbers)
    fig, ax = plt.subplots(figsize=(11, 5.5))
    ax.bar(numbers, points.to_numpy(), color="#1f5fa8", label=chosen.label)
    n = int(stats["count"].max()) if len(stats) else 0
    ax.errorbar(
        numbers,
        st["mean"].to_numpy(),
        yerr=[(st["mean"] - st["min"]).to_numpy(), (st["max"] - st["mean"]).to_numpy()],
        fmt="o",
        color="#c0392b",
        ecolor="#c0392b",
        capsize=5,
        label=f"mean and range of {n} evaluations, instrument {chosen.version}",
    )
    ax.set_xticks(numbers, labels, fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel("points (of 100)")
    ax.set_title(f"Kommunkompassen: {chosen.label} (instrument {chosen.version})")
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig


def trend(engine: Engine, municipality: str) -> Figure:
    """Total and area scores over the years: loaded evaluations (filled markers) and scores
    printed in reports' history tables (hollow markers), with a break where the instrument
    version changes. Lines never join two versions."""
    code, name = municipality_code(municipality)
    with engine.connect() as conn:
        loaded = pd.read_sql_query(
            text(
                "SELECT e.evaluation_year AS year, e.instrument_version AS version, "
                "a.area_number, a.points, e.total_points FROM evaluation e JOIN area_score a "
                "ON a.evaluation_id = e.evaluation_id WHERE e.municipality_code = :c"
            ),
            conn,
            params={"c": code},
        )
        printed = pd.read_sql_query(
            text(
                "SELECT h.year, h.area_number, h.points FROM history_row h JOIN evaluation e "
                "ON e.evaluation_id = h.evaluation_id WHERE e.municipality_code = :c"
            ),
            conn,
            params={"c": code},
        )
    if loaded.empty:
        raise AnalysisError(f"no evaluation of {name} in the warehouse")
    loaded_years = set(loaded.year)
    printed = printed[~printed.year.isin(loaded_years)].dropna(subset=["points"])
    printed = printed.drop_duplicates(subset=["year", "area_number"])
    printed["version"] = printed.year.map(version_of_year)
    totals = loaded.drop_duplicates("year")[["year", "version", "total_points"]].rename(
        columns={"total_points": "points"}
    )
    totals["source"] = "loaded"
    p_tot = printed[printed.area_number.isna()][["year", "version", "points"]].assign(
        source="printed"
    )
    areas = pd.concat(
        [
            loaded.assign(source="loaded")[["year", "version", "area_number", "points", "source"]],
            printed[printed.area_number.notna()].assign(source="printed"),
        ]
    )
    all_totals = pd.concat([totals, p_tot]).sort_values("year")

    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(10, 8), sharex=True, gridspec_kw={"height_ratios": [1, 2]}
    )
    colors = plt.get_cmap("tab10")
    for _version, seg in all_totals.groupby("version", sort=False):
        seg = seg.sort_values("year")
        top.plot(seg.year, seg.points, "-", color="black", label=None)
        for source, marker in (("loaded", "o"), ("printed", "o")):
            part = seg[seg.source == source]
            top.plot(
                part.year,
                part.points,
                marker,
                color="black",
                linestyle="none",
                fillstyle="full" if source == "loaded" else "none",
            )
    top.set_ylabel("total (of 800)")
    top.set_title(f"Kommunkompassen: {name} over the years")
    latest = instrument(loaded.sort_values("year").version.iloc[-1])
    for number in range(1, 9):
        rows = areas[areas.area_number == number]
        label = f"{number} {latest.area(number).canonical_name}"
        for i, (_, seg) in enumerate(rows.groupby("version", sort=False)):
            seg = seg.sort_values("year")
            bottom.plot(
                seg.year, seg.points, "-", color=colors(number - 1), label=label if i == 0 else None
            )
            for source in ("loaded", "printed"):
                part = seg[seg.source == source]
                bottom.plot(
                    part.year,
                    part.points,
                    "o",
                    color=colors(number - 1),
                    linestyle="none",
                    fillstyle="full" if source == "loaded" else "none",
                )
    years = sorted(set(all_totals.year) | set(areas.year))
    by_year = {y: version_of_year(y) for y in years}
    for a, b in itertools.pairwise(years):
        if by_year[a] != by_year[b]:
            x = (a + b) / 2
            for ax in (top, bottom):
                ax.axvline(x, color="grey", linestyle="--", linewidth=1)
            top.annotate(
                f" instrument {by_year[a]} → {by_year[b]}",
                (x, 0.95),
                xycoords=("data", "axes fraction"),
                ha="left",
                va="top",
                fontsize=8,
                color="grey",
            )
    bottom.set_ylim(0, 100)
    bottom.set_ylabel("area points (of 100)")
    bottom.set_xticks(years)
    bottom.legend(
        fontsize=7,
        ncol=2,
        loc="lower left",
        title="filled: evaluation loaded; hollow: printed in a later report",
        title_fontsize=7,
    )
    fig.tight_layout()
    return fig


def save(fig: Figure, out: str | Path) -> Path:
    out = Path(out)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
