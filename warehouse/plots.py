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
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from sqlalchemy import Engine, bindparam, text

from schema.instruments import instrument, instruments
from warehouse import kompass_version
from warehouse.compare import THEME_ORDER, AnalysisError, area_points, evaluation, municipality_code

#: What `--out` may end in; matplotlib picks the format from the suffix.
FORMATS = (".png", ".svg", ".pdf")
#: Warnings about the findings or the printed history table say nothing about a score.
NOT_ABOUT_SCORES = {"missing_findings", "incomplete_history"}
WARNED = {"marker": "X", "markersize": 10, "color": "#d35400", "linestyle": "none"}
WARNED_LABEL = "value carries a parser warning (see the warnings view)"


class PlotError(AnalysisError):
    """A plot cannot be written as asked (e.g. an unknown file format)."""


@dataclass
class Plot:
    figure: Figure
    name: str  #: default file name, e.g. profile-norsjo-2018.png
    caption: str


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


def warned_history(warnings: pd.DataFrame) -> set[tuple[int, int | None]]:
    """(year, area number or None for the total) of printed history values with a warning."""
    out: set[tuple[int, int | None]] = set()
    for w in warnings.itertuples():
        if w.code == "history_total_mismatch":
            m = re.search(r"the (\d{4}) rows", w.message)
            if m:
                out.add((int(m.group(1)), None))
        elif w.code == "history_differs_from_area":
            m = re.search(r"area (\d+) in (\d{4})", w.message)
            if m:
                out.add((int(m.group(2)), int(m.group(1))))
    return out


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


def profile(engine: Engine, municipality: str, year: int | None = None) -> Plot:
    """The eight area scores of one evaluation against the mean and range (min–max) of the
    evaluations of *other* municipalities with the same instrument version."""
    chosen = evaluation(engine, municipality, year)
    own = area_points(engine, chosen.evaluation_id).set_index("area_number")
    stats = _peer_stats(engine, chosen)
    flagged = warned_areas(_warnings(engine, [chosen.evaluation_id]))
    fig, marked, n_peers = _draw_profile(chosen, own, stats, flagged)
    (src,) = _sources(engine, [chosen.evaluation_id]).itertuples()
    lines = _profile_caption(chosen, own, src, flagged, marked, n_peers)
    caption = _caption(fig, lines)
    return Plot(fig, f"profile-{slug(chosen.municipality)}-{chosen.year}.png", caption)


def _peer_stats(engine: Engine, chosen) -> pd.DataFrame:
    """Per area number: mean, min, max and count of the points of the evaluations of other
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


def _draw_profile(
    chosen, own: pd.DataFrame, stats: pd.DataFrame, flagged: dict[int, list[str]]
) -> tuple[Figure, list[int], int]:
    """The bars of the evaluation, the reference's mean and range, the warning markers;
    returns the figure, the area numbers marked with a warning and the number of peers."""
    inst = instrument(chosen.version)
    numbers = [a.number for a in inst.areas]
    names = own["area_name"].reindex(numbers)
    labels = [
        wrap(f"{a.number} {names[a.number] if pd.notna(names[a.number]) else a.canonical_name}", 16)
        for a in inst.areas
    ]
    points = own["points"].reindex(numbers).astype("float64")

    fig, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
    ax.bar(numbers, points.fillna(0).to_numpy(), color="#1f5fa8", label=chosen.label)
    for n in numbers:
        if pd.isna(points[n]):
            ax.text(n, 2, "not read", ha="center", va="bottom", rotation=90, fontsize=8)
    marked = [n for n in numbers if n in flagged]
    if marked:
        ax.plot(marked, [(points[n] if pd.notna(points[n]) else 0) + 4 for n in marked], **WARNED)
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
    if marked:
        ax.plot([], [], label=WARNED_LABEL, **WARNED)
    ax.set_xticks(numbers, labels, fontsize=8)
    ax.set_ylim(0, 105)
    ax.set_ylabel("points (of 100)")
    fig.suptitle(f"Kommunkompassen: {chosen.label} (instrument version {chosen.version})")
    handles, names_ = ax.get_legend_handles_labels()
    order = sorted(range(len(names_)), key=lambda i: names_[i] == WARNED_LABEL)  # warning last
    ax.legend(
        [handles[i] for i in order],
        [names_[i] for i in order],
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        fontsize=8,
        frameon=False,
    )
    return fig, marked, n_peers


def _profile_caption(
    chosen, own: pd.DataFrame, src, flagged: dict[int, list[str]], marked: list[int], n_peers: int
) -> list[str]:
    """The caption's lines: the source and pages, the reference, the warnings, the versions."""
    reference = (
        f"Reference: mean and range (min–max) of the {_evaluations(n_peers)} of other "
        f"municipalities with instrument version {chosen.version} in this warehouse; "
        f"{chosen.municipality} is not included."
        if n_peers
        else f"No evaluation of another municipality with instrument version "
        f"{chosen.version} in this warehouse: no reference drawn."
    )
    lines = [
        f"Source: {_source_line(src)}; area scores on {pages(own['page'].tolist())}.",
        reference,
    ]
    if marked:
        lines.append(
            "Warnings: "
            + "; ".join(f"area {n}: {', '.join(flagged[n])}" for n in marked)
            + ' (kompass query "SELECT * FROM warnings WHERE municipality_code = '
            + f"'{chosen.code}' AND evaluation_year = {chosen.year}\")"
        )
    lines.append(_versions_line([src.parser_version]))
    return lines


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
    loaded, printed = _trend_rows(engine, code, name)
    ids = sorted(set(loaded.evaluation_id))
    values = _drawn_values(loaded, printed, _warnings(engine, ids))
    fig, top, years = _draw_trend(values, name)
    src = _sources(engine, ids)
    lines = _trend_caption(values, loaded, printed, src, code, totals_drawn=top is not None)
    caption = _caption(fig, lines)
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else f"{years[0]}"
    return Plot(fig, f"trend-{slug(name)}-{span}.png", caption)


def _trend_rows(engine: Engine, code: str, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The municipality's loaded area scores (with each evaluation's total), and the history
    rows printed in its reports for years not loaded (the latest report's, with the version of
    their year). Raises `AnalysisError` when nothing of it is loaded."""
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
    if loaded.empty:
        raise AnalysisError(f"no evaluation of {name} in the warehouse")
    printed = printed[~printed.year.isin(set(loaded.year))].dropna(subset=["points"])
    printed = printed.drop_duplicates(subset=["year", "area_number"])  # the latest report's
    printed["version"] = printed.year.map(version_of_year)
    return loaded, printed.dropna(subset=["version"])


def _drawn_values(loaded: pd.DataFrame, printed: pd.DataFrame, warns: pd.DataFrame) -> pd.DataFrame:
    """One frame of drawn values, by year: year, version, area (None = total), points,
    source ("loaded" or "printed"), warned, theme."""
    ids = sorted(set(loaded.evaluation_id))
    by_eval = {e: set(warned_areas(warns[warns.evaluation_id == e])) for e in ids}
    total_warned = set(warns[warns.code == "total_mismatch"].evaluation_id)
    hist_warned = warned_history(warns)
    rows = []
    for r in loaded.itertuples():
        rows.append(
            (
                r.year,
                r.version,
                r.area_number,
                r.points,
                "loaded",
                r.area_number in by_eval[r.evaluation_id] or (r.year, r.area_number) in hist_warned,
            )
        )
    for r in loaded.drop_duplicates("evaluation_id").itertuples():
        rows.append(
            (r.year, r.version, None, r.total_points, "loaded", r.evaluation_id in total_warned)
        )
    for r in printed.itertuples():
        area = None if pd.isna(r.area_number) else int(r.area_number)
        rows.append((r.year, r.version, area, r.points, "printed", (r.year, area) in hist_warned))
    values = pd.DataFrame(rows, columns=["year", "version", "area", "points", "source", "warned"])
    values = values.dropna(subset=["points"]).sort_values("year")
    values["theme"] = [
        None if pd.isna(a) else instrument(v).area(int(a)).theme
        for v, a in zip(values.version, values.area, strict=True)
    ]
    return values


def _draw_trend(values: pd.DataFrame, name: str) -> tuple[Figure, object, list[int]]:
    """The total panel (when a total is printed) over the area panel, the version breaks and
    the legends; returns the figure, the total panel (None when left out) and the years."""
    totals = values[values.area.isna()]
    areas = values[values.area.notna()]
    present = sorted(set(values.version), key=lambda v: instrument(v).first_year)

    if totals.empty:
        fig, bottom = plt.subplots(figsize=(12, 6.5), layout="constrained")
        panels = [bottom]
        top = None
    else:
        fig, (top, bottom) = plt.subplots(
            2,
            1,
            figsize=(12, 9),
            sharex=True,
            gridspec_kw={"height_ratios": [1, 2]},
            layout="constrained",
        )
        panels = [top, bottom]
        _series(top, totals, "black")
        top.set_ylabel("total (of 800)")
    colors = plt.get_cmap("tab10")
    labels = _theme_labels(present)
    for i, theme in enumerate(THEME_ORDER):
        part = areas[areas.theme == theme]
        if part.empty:
            continue
        _series(bottom, part, colors(i))
        bottom.plot([], [], "-o", color=colors(i), label=wrap(labels[theme], 42))
    years = sorted(set(values.year))
    _version_breaks(panels, years)
    panels[0].set_title(f"Kommunkompassen: {name} over the years")
    bottom.set_ylim(0, 100)
    bottom.set_ylabel("area points (of 100)")
    bottom.set_xticks(years)
    bottom.legend(**AREA_LEGEND)
    _marker_legend(top, bottom, warned=values.warned.any())
    return fig, top, years


def _version_breaks(panels: list, years: list[int]) -> None:
    """A dashed line between two years of different instrument versions, named on the top."""
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


def _marker_legend(top, bottom, warned: bool) -> None:
    """What the markers mean, right of the total panel (or of the area panel, under the area
    legend, when the total panel is left out)."""
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
    if warned:
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
    values: pd.DataFrame,
    loaded: pd.DataFrame,
    printed: pd.DataFrame,
    src: pd.DataFrame,
    code: str,
    totals_drawn: bool,
) -> list[str]:
    """The caption's lines: the sources with their pages, where the hollow markers come from,
    a left-out total panel, the warnings, the versions."""
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
    if not totals_drawn:
        lines.append("No report prints a total: the total panel is left out.")
    if values.warned.any():
        flagged = values[values.warned]
        lines.append(
            "Warnings on: "
            + ", ".join(
                f"{int(r.year)} {'total' if pd.isna(r.area) else f'area {int(r.area)}'}"
                for r in flagged.itertuples()
            )
            + f" (kompass query \"SELECT * FROM warnings WHERE municipality_code = '{code}'\")"
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
        plot.figure.savefig(target, dpi=110, metadata={"Title": title, key: plot.caption})
    except OSError as e:
        raise PlotError(f"{target}: cannot write it ({e.strerror or e})") from e
    finally:
        plt.close(plot.figure)
    return target
