"""Profile and trend plots (matplotlib, no display), each with a caption that cites its source.

A plot that leaves the terminal becomes a figure in a paper, so it carries what a reader needs
to check it: the report (municipality, year, publisher, date, the pages of the scores), the
kompass and parser versions, whether the reference includes the plotted municipality (it does
not), and which drawn values carry a parser warning. Area names are those of each value's own
instrument version (`schema/instruments/*.toml`): a 2015 value is labelled with 2010 names.
"""

from __future__ import annotations

import itertools
import re
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from sqlalchemy import Engine, bindparam, text

from schema.instruments import instrument, instruments
from warehouse import kompass_version
from warehouse.compare import (
    THEME_ORDER,
    AnalysisError,
    Chosen,
    area_points,
    evaluation,
    municipality_code,
)
from warehouse.files import writing

#: What `--out` may end in; matplotlib picks the format from the suffix.
FORMATS = (".png", ".svg", ".pdf")
#: PNG resolution: print quality (journals ask for 300 dpi for line art, 200 is the least
#: that prints the 7-point caption sharply); SVG and PDF are vector and need none.
DPI = 200
#: Warnings about the findings or the printed history table say nothing about a score.
NOT_ABOUT_SCORES = {"missing_findings", "incomplete_history"}
WARNING_COLOUR = "#d35400"
BAR_COLOUR = "#1f5fa8"
#: A value with a warning keeps its own marker and colour; an orange ring goes around it.
WARNED = {
    "marker": "o",
    "markersize": 15,
    "fillstyle": "none",
    "markeredgewidth": 2,
    "color": WARNING_COLOUR,
    "linestyle": "none",
}
#: ... and a bar keeps its fill, with a dashed orange outline and its value in orange.
WARNED_BAR = {"edgecolor": WARNING_COLOUR, "linewidth": 2.5, "linestyle": "--"}
WARNED_LABEL = "value carries a parser warning (see the warnings view)"


class PlotError(AnalysisError):
    """A plot cannot be written as asked (e.g. an unknown file format)."""


@dataclass
class Plot:
    figure: Figure
    name: str  #: default file name, e.g. profile-norsjo-2018.png
    caption: str
    #: what the user should know about the plot they got (e.g. a profile instead of a trend)
    note: str | None = None


#: The trend's legend of areas, right of the area panel (drawn again when the total panel is
#: hidden and the marker legend shares the area panel).
AREA_LEGEND = {
    "fontsize": 7,
    "loc": "upper left",
    "bbox_to_anchor": (1.01, 1),
    "title": "area (number and name in each version)",
    "title_fontsize": 7,
}


def version_of_year(year: int) -> str | None:
    """The instrument version used for evaluations in `year` (for printed history rows)."""
    return next((i.version for i in instruments() if i.covers_year(year)), None)


def slug(name: str) -> str:
    """ "Ängelholm" -> "angelholm": a file name that every file system and shell accepts."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def wrap(label: str, width: int) -> str:
    """Wrapped at spaces only: never inside a word or after a word's hyphen."""
    return textwrap.fill(label, width, break_long_words=False, break_on_hyphens=False)


def pages(numbers: list[int | None]) -> str:
    known = sorted({int(p) for p in numbers if p is not None and not pd.isna(p)})
    if not known:
        return "pages not recorded"
    return f"p. {known[0]}" if len(known) == 1 else "pp. " + ", ".join(map(str, known))


def _sources(engine: Engine, ids: list[int]) -> pd.DataFrame:
    """Per evaluation: municipality, year, version, publisher, report date, parser, pages."""
    sql = text(
        "SELECT e.evaluation_id, m.name AS municipality, e.evaluation_year, "
        "e.instrument_version, e.publisher, e.report_date, r.parser_version "
        "FROM evaluation e JOIN municipality m ON m.code = e.municipality_code "
        "JOIN report r ON r.report_id = e.report_id WHERE e.evaluation_id IN :ids "
        "ORDER BY e.evaluation_year"
    ).bindparams(bindparam("ids", expanding=True))
    with engine.connect() as conn:
        return pd.read_sql_query(sql, conn, params={"ids": ids})


def _warnings(engine: Engine, ids: list[int]) -> pd.DataFrame:
    sql = text(
        "SELECT evaluation_id, code, message, page FROM parse_warning "
        "WHERE evaluation_id IN :ids ORDER BY evaluation_id, position"
    ).bindparams(bindparam("ids", expanding=True))
    with engine.connect() as conn:
        return pd.read_sql_query(sql, conn, params={"ids": ids})


def warned_areas(warnings: pd.DataFrame) -> dict[int, list[str]]:
    """Area number -> codes of the warnings that name the area or one of its questions."""
    out: dict[int, list[str]] = {}
    for w in warnings.itertuples():
        m = re.match(r"(?:area (\d+)\b|question (\d+)\.)", w.message)
        if m and w.code not in NOT_ABOUT_SCORES:
            out.setdefault(int(m.group(1) or m.group(2)), []).append(w.code)
    return out


def warned_history(warnings: pd.DataFrame) -> dict[tuple[int, int | None], list[str]]:
    """(year, area number or None for the total) of printed history values with a warning ->
    the warnings' codes."""
    out: dict[tuple[int, int | None], list[str]] = {}
    for w in warnings.itertuples():
        if w.code == "history_total_mismatch":
            m = re.search(r"the (\d{4}) rows", w.message)
            if m:
                out.setdefault((int(m.group(1)), None), []).append(w.code)
        elif w.code == "history_differs_from_area":
            m = re.search(r"area (\d+) in (\d{4})", w.message)
            if m:
                out.setdefault((int(m.group(2)), int(m.group(1))), []).append(w.code)
    return out


def warnings_line(codes: list[list[str]], drawn: int, query: str, mark: str) -> str:
    """The caption's one line on warnings: how many drawn values carry one, each code with
    the number of values it is on, and the query that lists them with pages."""
    counts = Counter(code for value in codes for code in dict.fromkeys(value))
    by_code = ", ".join(f"{code} ({n})" for code, n in sorted(counts.items(), key=_most))
    return (
        f"Parser warnings on {len(codes)} of {drawn} values ({mark}): "
        f"{by_code}; details with pages: kompass query {query}"
    )


def _most(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def _points(x: float) -> str:
    """69.0 -> "69", 12.5 -> "12.5": points as printed."""
    return f"{int(x)}" if float(x).is_integer() else f"{x:g}"


def _evaluations(n: int) -> str:
    return f"{n} evaluation" if n == 1 else f"{n} evaluations"


def _named(number: int, name: str) -> str:
    """ "7 Ständiga förbättringar" with a no-break space: a wrap never strands the number."""
    return f"{number}\u00a0{name}"


def _source_line(s) -> str:
    date = f"report dated {s.report_date}" if s.report_date else "no report date printed"
    return (
        f"{s.municipality} {s.evaluation_year}: Kommunkompassen report, "
        f"{s.publisher or 'publisher not printed'}, {date}"
    )


def _versions_line(parsers: list[str]) -> str:
    return f"kompass {kompass_version()}; values read by parser {', '.join(sorted(set(parsers)))}"


def _caption(fig: Figure, lines: list[str]) -> str:
    caption = "\n".join(wrap(line, 160) for line in lines)
    # supxlabel is laid out by the constrained layout: the caption never overlaps the axes
    fig.supxlabel(caption, x=0.01, ha="left", fontsize=7, color="#333333")
    return caption


def profile(
    engine: Engine, municipality: str, year: int | None = None, note: str | None = None
) -> Plot:
    """The eight area scores of one evaluation against the mean and range (min–max) of the
    evaluations of *other* municipalities with the same instrument version. `note` goes
    first in the caption and into `Plot.note`."""
    chosen = evaluation(engine, municipality, year)
    own = area_points(engine, chosen.evaluation_id).set_index("area_number")
    stats = _peer_stats(engine, chosen)
    inst = instrument(chosen.version)
    numbers = [a.number for a in inst.areas]
    # the instrument version's own names (as `compare` shows them), whatever the report printed
    labels = [wrap(f"{a.number} {a.canonical_name}", 16) for a in inst.areas]
    points = own["points"].reindex(numbers).astype("float64")
    flagged = warned_areas(_warnings(engine, [chosen.evaluation_id]))
    marked = [n for n in numbers if n in flagged]

    fig, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
    _profile_bars(ax, numbers, points, flagged)
    n_peers = _peer_range(ax, numbers, stats, chosen)
    ax.set_xticks(numbers, labels, fontsize=8)
    ax.set_ylim(0, 105)
    ax.set_ylabel("points (of 100)")
    fig.suptitle(f"Kommunkompassen: {chosen.label} (instrument version {chosen.version})")
    _profile_legend(ax, chosen.label, bool(marked))

    (src,) = _sources(engine, [chosen.evaluation_id]).itertuples()
    lines = [
        *([note] if note else []),
        f"Source: {_source_line(src)}; area scores on {pages(own['page'].tolist())}.",
        _reference_line(chosen, n_peers),
    ]
    if marked:
        lines.append(
            warnings_line(
                [flagged[n] for n in marked],
                int(points.notna().sum()),
                '"SELECT * FROM warnings WHERE municipality_code = '
                + f"'{chosen.code}' AND evaluation_year = {chosen.year}\"",
                "dashed orange outline",
            )
        )
    lines.append(_versions_line([src.parser_version]))
    caption = _caption(fig, lines)
    return Plot(fig, f"profile-{slug(chosen.municipality)}-{chosen.year}.png", caption, note)


def _peer_stats(engine: Engine, chosen: Chosen) -> pd.DataFrame:
    """Mean, min, max and count of each area's points over the evaluations of other
    municipalities with the chosen evaluation's instrument version."""
    with engine.connect() as conn:
        peers = pd.read_sql_query(
            text(
                "SELECT a.area_number, a.points FROM area_score a JOIN evaluation e "
                "ON e.evaluation_id = a.evaluation_id WHERE e.instrument_version = :v "
                "AND e.municipality_code <> :c"
            ),
            conn,
            params={"v": chosen.version, "c": chosen.code},
        )
    return peers.dropna().groupby("area_number")["points"].agg(["mean", "min", "max", "count"])


def _profile_bars(ax: Axes, numbers: list[int], points: pd.Series, flagged: dict) -> None:
    """A bar per area with its value written on it; "not read" where there is none; a dashed
    orange outline and value where the value carries a warning."""
    bars = ax.bar(numbers, points.fillna(0).to_numpy(), color=BAR_COLOUR)
    for n, bar in zip(numbers, bars, strict=True):
        if pd.isna(points[n]):
            ax.text(n, 2, "not read", ha="center", va="bottom", rotation=90, fontsize=8)
            continue
        if n in flagged:
            bar.set(**WARNED_BAR)
        ax.annotate(  # the value itself, left of the reference marker so neither hides it
            _points(points[n]),
            (n - 0.2, points[n]),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color=WARNING_COLOUR if n in flagged else "black",
            fontweight="bold" if n in flagged else "normal",
        )


def _peer_range(ax: Axes, numbers: list[int], stats: pd.DataFrame, chosen: Chosen) -> int:
    """The peers' mean and range per area, if there are peers; returns how many."""
    st = stats.reindex(numbers)
    n_peers = int(stats["count"].max()) if len(stats) else 0
    if n_peers:
        ax.errorbar(
            numbers,
            st["mean"].to_numpy(),
            yerr=[(st["mean"] - st["min"]).to_numpy(), (st["max"] - st["mean"]).to_numpy()],
            fmt="o",
            color="#c0392b",
            ecolor="#c0392b",
            capsize=5,
            label=f"mean and range (min–max) of {_evaluations(n_peers)} of other "
            f"municipalities, version {chosen.version} ({chosen.municipality} not included)",
        )
    return n_peers


def _profile_legend(ax: Axes, label: str, marked: bool) -> None:
    """The bars' own entry first (a plain patch: the first bar may wear the warning outline),
    the reference, and last what the dashed outline means."""
    handles, names_ = ax.get_legend_handles_labels()
    handles.insert(0, Patch(facecolor=BAR_COLOUR))
    names_.insert(0, label)
    if marked:
        handles.append(Patch(facecolor=BAR_COLOUR, **WARNED_BAR))
        names_.append(WARNED_LABEL)
    ax.legend(
        handles,
        names_,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        fontsize=8,
        frameon=False,
    )


def _reference_line(chosen: Chosen, n_peers: int) -> str:
    if n_peers:
        return (
            f"Reference: mean and range (min–max) of the {_evaluations(n_peers)} of other "
            f"municipalities with instrument version {chosen.version} in this warehouse; "
            f"{chosen.municipality} is not included."
        )
    return (
        f"No evaluation of another municipality with instrument version "
        f"{chosen.version} in this warehouse: no reference drawn."
    )


def _theme_labels(present: list[str]) -> dict[str, str]:
    """Theme -> legend label with each present version's own number and name; where they
    differ between versions, every version is named ("7 Verksamhetsutveckling (2010) →
    7 Ständiga förbättringar (2016)")."""
    out = {}
    for theme in THEME_ORDER:
        named = []
        for v in present:
            a = next((a for a in instrument(v).areas if a.theme == theme), None)
            if a is not None:
                named.append((v, _named(a.number, a.canonical_name)))
        distinct = list(dict.fromkeys(name for _, name in named))
        if len(distinct) == 1:
            out[theme] = distinct[0]
        else:
            out[theme] = " → ".join(f"{name} ({v})" for v, name in named)
    return out


def trend(engine: Engine, municipality: str) -> Plot:
    """Total and area scores over the years: loaded evaluations (filled markers) and scores
    printed in reports' history tables (hollow markers). Lines never join two instrument
    versions; areas are coloured by cross-version theme and named as in each version."""
    code, name = municipality_code(municipality)
    loaded, printed = _trend_rows(engine, code)
    if loaded.empty:
        raise AnalysisError(f"no evaluation of {name} in the warehouse")
    ids = sorted(set(loaded.evaluation_id))
    printed = _printed_only(printed, set(loaded.year))
    values = _drawn_values(loaded, printed, _warnings(engine, ids), ids)
    if values.year.nunique() == 1:  # a trend of one point per line says nothing
        (year,) = set(values.year)
        return profile(
            engine,
            code,
            int(year),
            note=f"Only one year of {name} is in the warehouse ({year}; no report prints "
            "another year's scores): a trend needs two, so this is the profile of that "
            "evaluation.",
        )
    fig, top, bottom = _trend_panels(values)
    years = sorted(set(values.year))
    _mark_version_changes([ax for ax in (top, bottom) if ax is not None], years)
    (top or bottom).set_title(f"Kommunkompassen: {name} over the years")
    bottom.set_xticks(years)
    _trend_legends(top, bottom, values)
    src = _sources(engine, ids)
    lines = _trend_caption(src, loaded, printed, values, code, top is not None)
    caption = _caption(fig, lines)
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else f"{years[0]}"
    return Plot(fig, f"trend-{slug(name)}-{span}.png", caption)


def _trend_rows(engine: Engine, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The municipality's loaded area scores (with the evaluation's total), and the scores
    its reports print in their history tables (the latest report first)."""
    with engine.connect() as conn:
        loaded = pd.read_sql_query(
            text(
                "SELECT e.evaluation_id, e.evaluation_year AS year, "
                "e.instrument_version AS version, a.area_number, a.points, a.page, "
                "e.total_points FROM evaluation e JOIN area_score a "
                "ON a.evaluation_id = e.evaluation_id WHERE e.municipality_code = :c"
            ),
            conn,
            params={"c": code},
        )
        printed = pd.read_sql_query(
            text(
                "SELECT h.evaluation_id, e.evaluation_year AS printed_in, h.year, "
                "h.area_number, h.points FROM history_row h JOIN evaluation e "
                "ON e.evaluation_id = h.evaluation_id WHERE e.municipality_code = :c "
                "ORDER BY e.evaluation_year DESC, h.position"
            ),
            conn,
            params={"c": code},
        )
    return loaded, printed


def _printed_only(printed: pd.DataFrame, loaded_years: set[int]) -> pd.DataFrame:
    """Printed scores of years not loaded, the latest report's where several print a year,
    with the instrument version of their year."""
    printed = printed[~printed.year.isin(loaded_years)].dropna(subset=["points"])
    printed = printed.drop_duplicates(subset=["year", "area_number"])  # the latest report's
    printed["version"] = printed.year.map(version_of_year)
    return printed.dropna(subset=["version"])


def _drawn_values(
    loaded: pd.DataFrame, printed: pd.DataFrame, warns: pd.DataFrame, ids: list[int]
) -> pd.DataFrame:
    """One frame of drawn values: year, version, area (None = total), points, source, the
    codes of the warnings on it (empty: none), whether warned, and the area's theme."""
    by_eval = {e: warned_areas(warns[warns.evaluation_id == e]) for e in ids}
    total_warned = {
        e: list(g.code) for e, g in warns[warns.code == "total_mismatch"].groupby("evaluation_id")
    }
    hist_warned = warned_history(warns)
    rows = []
    for r in loaded.itertuples():
        codes = by_eval[r.evaluation_id].get(r.area_number, [])
        codes = codes + hist_warned.get((r.year, r.area_number), [])
        rows.append((r.year, r.version, r.area_number, r.points, "loaded", tuple(codes)))
    for r in loaded.drop_duplicates("evaluation_id").itertuples():
        codes = total_warned.get(r.evaluation_id, []) + hist_warned.get((r.year, None), [])
        rows.append((r.year, r.version, None, r.total_points, "loaded", tuple(codes)))
    for r in printed.itertuples():
        area = None if pd.isna(r.area_number) else int(r.area_number)
        codes = hist_warned.get((r.year, area), [])
        rows.append((r.year, r.version, area, r.points, "printed", tuple(codes)))
    values = pd.DataFrame(rows, columns=["year", "version", "area", "points", "source", "codes"])
    values = values.dropna(subset=["points"]).sort_values("year")
    values["warned"] = values.codes.map(bool)
    values["theme"] = [
        None if pd.isna(a) else instrument(v).area(int(a)).theme
        for v, a in zip(values.version, values.area, strict=True)
    ]
    return values


def _trend_panels(values: pd.DataFrame) -> tuple[Figure, Axes | None, Axes]:
    """The figure: a total panel on top (left out when no report prints a total) and the
    area panel, a line per theme, with their series drawn."""
    totals = values[values.area.isna()]
    areas = values[values.area.notna()]
    present = sorted(set(values.version), key=lambda v: instrument(v).first_year)
    top: Axes | None = None
    if totals.empty:
        fig, bottom = plt.subplots(figsize=(12, 6.5), layout="constrained")
    else:
        fig, (top, bottom) = plt.subplots(
            2,
            1,
            figsize=(12, 9),
            sharex=True,
            gridspec_kw={"height_ratios": [1, 2]},
            layout="constrained",
        )
        _series(top, totals, "black")
        top.set_ylabel("total (of 800)")
        # from 0, as the area panel: a change of 100 points looks like one, not like a tripling
        top.set_ylim(0, 800)
        top.set_yticks(range(0, 801, 200))
    colors = plt.get_cmap("tab10")
    labels = _theme_labels(present)
    for i, theme in enumerate(THEME_ORDER):
        part = areas[areas.theme == theme]
        if part.empty:
            continue
        _series(bottom, part, colors(i))
        bottom.plot([], [], "-o", color=colors(i), label=wrap(labels[theme], 42))
    bottom.set_ylim(0, 100)
    bottom.set_ylabel("area points (of 100)")
    return fig, top, bottom


def _mark_version_changes(panels: list[Axes], years: list[int]) -> None:
    """A dashed line between two years of different instrument versions, named on the first
    panel."""
    for a, b in itertools.pairwise(years):
        if version_of_year(a) != version_of_year(b):
            x = (a + b) / 2
            for ax in panels:
                ax.axvline(x, color="grey", linestyle="--", linewidth=1)
            panels[0].annotate(
                f" instrument {version_of_year(a)} → {version_of_year(b)}",
                (x, 0.97),
                xycoords=("data", "axes fraction"),
                ha="left",
                va="top",
                fontsize=8,
                color="grey",
            )


def _trend_legends(top: Axes | None, bottom: Axes, values: pd.DataFrame) -> None:
    """The areas' legend, and the markers' (loaded, printed, warned) beside the top panel."""
    bottom.legend(**AREA_LEGEND)
    markers = [
        Line2D([], [], marker="o", color="grey", linestyle="none", label="evaluation loaded"),
        Line2D(
            [],
            [],
            marker="o",
            color="grey",
            fillstyle="none",
            linestyle="none",
            label="printed in a later report's history table",
        ),
    ]
    if values.warned.any():
        markers.append(Line2D([], [], label=wrap(WARNED_LABEL, 30), **WARNED))
    host = top or bottom
    legend = host.legend(
        handles=markers,
        fontsize=7,
        loc="upper left" if top is not None else "lower left",
        bbox_to_anchor=(1.01, 1) if top is not None else (1.01, 0),
    )
    if top is None:
        bottom.add_artist(legend)
        bottom.legend(**AREA_LEGEND)


def _trend_caption(
    src: pd.DataFrame,
    loaded: pd.DataFrame,
    printed: pd.DataFrame,
    values: pd.DataFrame,
    code: str,
    has_total: bool,
) -> list[str]:
    """The caption's lines: sources and pages, where hollow markers come from, a missing
    total panel, the warnings on drawn values, the parser versions."""
    page_of = loaded.groupby("evaluation_id")["page"].apply(list)
    lines = [
        "Sources: "
        + "; ".join(
            f"{_source_line(s)}, scores on {pages(page_of[s.evaluation_id])}"
            for s in src.itertuples()
        )
        + "."
    ]
    if not printed.empty:
        by = printed.groupby("printed_in")["year"].apply(lambda y: sorted(set(y)))
        lines.append(
            "Hollow markers: "
            + "; ".join(
                f"{', '.join(map(str, ys))} as printed in the history table of the {yr} report"
                for yr, ys in by.items()
            )
            + "."
        )
    if not has_total:
        lines.append("No report prints a total: the total panel is left out.")
    if values.warned.any():
        flagged = values[values.warned]
        on = ", ".join(
            f"{int(r.year)} {'total' if pd.isna(r.area) else f'area {int(r.area)}'}"
            for r in flagged.itertuples()
        )
        query = f"\"SELECT * FROM warnings WHERE municipality_code = '{code}'\""
        line = warnings_line(list(flagged.codes), len(values), query, "orange ring")
        # the values themselves when few; with many the counts by code say enough
        lines.append(
            line.replace("; details", f" on {on}; details", 1) if len(flagged) <= 4 else line
        )
    lines.append(_versions_line(src.parser_version.tolist()))
    return lines


def _series(ax, part: pd.DataFrame, color) -> None:
    """One line per instrument version (never across a version change); filled markers for
    loaded values, hollow for printed ones, the warning marker over values with a warning."""
    for _version, seg in part.groupby("version", sort=False):
        seg = seg.sort_values("year")
        ax.plot(seg.year, seg.points, "-", color=color)
        for source in ("loaded", "printed"):
            pts = seg[seg.source == source]
            if not pts.empty:
                ax.plot(
                    pts.year,
                    pts.points,
                    "o",
                    color=color,
                    linestyle="none",
                    fillstyle="full" if source == "loaded" else "none",
                )
        warned = seg[seg.warned]
        if not warned.empty:
            ax.plot(warned.year, warned.points, **WARNED)


def save(plot: Plot, out: str | Path | None = None) -> Path:
    """Write `plot` as PNG, SVG or PDF (by the suffix of `out`; default: its own name), with
    the caption also in the file's metadata."""
    target = Path(out) if out else Path(plot.name)
    if target.suffix.lower() not in FORMATS:
        raise PlotError(f"{target}: unknown image format; use a name ending in .png, .svg or .pdf")
    title = plot.figure.get_suptitle() or plot.figure.axes[0].get_title()
    key = "Subject" if target.suffix.lower() == ".pdf" else "Description"
    try:
        with writing(target):  # OutputError: one line naming the file
            plot.figure.savefig(target, dpi=DPI, metadata={"Title": title, key: plot.caption})
    finally:
        plt.close(plot.figure)
    return target
