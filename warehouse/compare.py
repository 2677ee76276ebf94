"""Side-by-side comparisons of evaluations, honest about instrument versions.

Scores are comparable only within one instrument version (area 2 of 2019 is not area 2 of
2016). `compare` refuses to mix versions unless asked to compare by cross-version theme, and
then says that the scores are not strictly comparable.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, text

from schema.instruments import instrument
from schema.kommuner import UnknownMunicipality, lookup

THEME_ORDER = [a.theme for a in instrument("2016").areas]


class AnalysisError(Exception):
    """A question the warehouse cannot answer as asked; `str()` is one line."""


class MixedVersions(AnalysisError):
    """Evaluations of different instrument versions put in one column."""


@dataclass(frozen=True)
class Chosen:
    evaluation_id: int
    municipality: str
    code: str
    year: int
    version: str

    @property
    def label(self) -> str:
        return f"{self.municipality} {self.year}"


class NoSuchMunicipality(AnalysisError):
    """A name or code that is no Swedish municipality (the message names the closest)."""


class NoSuchEvaluation(AnalysisError):
    """No evaluation of the municipality (in that year) in the warehouse."""


def municipality_code(name_or_code: str) -> tuple[str, str]:
    """(code, name) for "Norsjö", "norsjo", "NORSJÖ" or "2417" (`schema.kommuner.lookup`)."""
    try:
        k = lookup(name_or_code)
    except UnknownMunicipality as e:
        raise NoSuchMunicipality(str(e)) from e
    return k.code, k.name


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years))


def evaluation(engine: Engine, name_or_code: str, year: int | None = None) -> Chosen:
    """The evaluation of a municipality in `year`, or its latest one. When there is none in
    `year`, the message lists the years there are."""
    code, name = municipality_code(name_or_code)
    sql = (
        "SELECT evaluation_id, evaluation_year, instrument_version FROM evaluation "
        "WHERE municipality_code = :c"
    )
    with engine.connect() as conn:
        every = conn.execute(text(sql + " ORDER BY evaluation_year"), {"c": code}).all()
    rows = [r for r in every if year is None or r.evaluation_year == year]
    if not rows:
        if not every:
            raise NoSuchEvaluation(f"no evaluation of {name} in the warehouse")
        years = [r.evaluation_year for r in every]
        raise NoSuchEvaluation(
            f"no evaluation of {name} in {year} in the warehouse; "
            f"{name} has {'one' if len(years) == 1 else 'evaluations'} in {_years(years)}"
        )
    r = rows[-1]
    return Chosen(r.evaluation_id, name, code, r.evaluation_year, r.instrument_version)


def parse_choice(arg: str) -> tuple[str, int | None]:
    """ "Norsjö:2015" -> ("Norsjö", 2015); "Norsjö" -> ("Norsjö", None)."""
    name, sep, year = arg.rpartition(":")
    if not sep:
        return arg, None
    if not (year.strip().isdigit() and len(year.strip()) == 4 and name.strip()):
        raise AnalysisError(f"{arg!r}: write MUNICIPALITY or MUNICIPALITY:YEAR (Norsjö:2015)")
    return name.strip(), int(year)


def area_points(engine: Engine, evaluation_id: int) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql_query(
            text(
                "SELECT area_number, area_name, area_key, theme, points, max_points, page "
                "FROM area_score WHERE evaluation_id = :e ORDER BY area_number"
            ),
            conn,
            params={"e": evaluation_id},
        )


@dataclass
class Comparison:
    """Rows: areas (or themes), then "total"; columns: the area name in each instrument version
    (themes only), points per evaluation, then each one's difference to the first."""

    table: pd.DataFrame
    chosen: list[Chosen]
    names: list[str]  #: the Swedish area-name columns (one per version; themes only)
    note: str | None


def compare(
    engine: Engine, municipalities: list[str], year: int | None = None, themes: bool = False
) -> Comparison:
    """Areas (or cross-version themes) side by side, with differences to the first.

    Each of `municipalities` is a name or code, optionally with a year ("Norsjö:2015"), so
    one municipality can be compared over two evaluations ("Norsjö:2015", "Norsjö:2018");
    `year` applies to those without one (default: each one's latest)."""
    chosen = _choose(engine, municipalities, year)
    versions = list(dict.fromkeys(c.version for c in chosen))
    if len(versions) > 1 and not themes:
        which = ", ".join(f"{c.label} uses {c.version}" for c in chosen)
        raise MixedVersions(
            f"different instrument versions ({which}): scores are comparable only within one "
            "version; use --themes to compare by cross-version theme"
        )
    frames = {c.label: area_points(engine, c.evaluation_id) for c in chosen}
    if themes:
        table, names, note = _by_theme(frames, versions, chosen)
    else:
        table, names, note = _by_area(frames, chosen[0].version), [], None
    first = chosen[0].label
    for c in chosen[1:]:
        table[f"{c.label} − {first}"] = table[c.label] - table[first]
    total = table.sum(numeric_only=True, min_count=1)
    table.loc["total"] = total
    for col in names:
        table.loc["total", col] = "total" if col == names[0] else ""
    return Comparison(table, chosen, names, note)


def _choose(engine: Engine, municipalities: list[str], year: int | None) -> list[Chosen]:
    """The evaluations named, at least two, none twice."""
    if len(municipalities) < 2:
        raise AnalysisError(
            "compare needs at least two evaluations: two municipalities, or one municipality "
            "in two years (Norsjö:2015 Norsjö:2018)"
        )
    chosen = []
    for m in municipalities:
        name, own_year = parse_choice(m)
        chosen.append(evaluation(engine, name, own_year or year))
    seen: set[str] = set()
    for c in chosen:
        if c.label in seen:
            raise AnalysisError(
                f"{c.label} is named twice; to compare one municipality over the years, give "
                f"each year: {c.municipality}:2015 {c.municipality}:2018"
            )
        seen.add(c.label)
    return chosen


def _by_theme(
    frames: dict[str, pd.DataFrame], versions: list[str], chosen: list[Chosen]
) -> tuple[pd.DataFrame, list[str], str]:
    """A row per cross-version theme: each version's area names, then each evaluation's
    points; with the note saying what a theme is (and that versions differ, if they do)."""
    names: list[str] = []
    table = pd.DataFrame(index=pd.Index(THEME_ORDER, name="theme"))
    for v in versions:  # the areas of each version that form each theme, in Swedish
        by_theme = {a.theme: f"{a.number} {a.canonical_name}" for a in instrument(v).areas}
        names.append(f"area {v}")
        table[f"area {v}"] = [by_theme.get(t, "") for t in THEME_ORDER]
    for label, df in frames.items():
        table[label] = df.set_index("theme")["points"].reindex(THEME_ORDER).to_numpy()
    note = (
        "Rows are cross-version themes: each pairs the areas of the instrument versions "
        "that cover the same ground."
    )
    if len(versions) > 1:
        note += (
            " Compared by cross-version theme: "
            + ", ".join(f"{c.label} (instrument {c.version})" for c in chosen)
            + ". Scores from different instrument versions are not strictly comparable."
        )
    return table, names, note


def _by_area(frames: dict[str, pd.DataFrame], version: str) -> pd.DataFrame:
    """A row per area of the (one) instrument version, a column of points per evaluation."""
    inst = instrument(version)
    table = pd.DataFrame(
        index=pd.Index([f"{a.number} {a.canonical_name}" for a in inst.areas], name="area")
    )
    for label, df in frames.items():
        table[label] = (
            df.set_index("area_number")["points"].reindex([a.number for a in inst.areas]).to_numpy()
        )
    return table


def _number(x: object, signed: bool = False) -> str:
    if x is None or pd.isna(x):
        return "–"
    x = float(x)
    text = f"{int(x)}" if x.is_integer() else f"{x:g}"
    return f"+{text}" if signed and x > 0 else text


def _difference_head(ch: Chosen, first: Chosen) -> list[str]:
    """The two header lines of a difference column: "Ängelholm" over "− Norsjö", or for one
    municipality over the years "2018" over "− 2015"."""
    if ch.municipality == first.municipality:
        return [str(ch.year), f"− {first.year}"]
    return [ch.municipality, f"− {first.municipality}"]


def render(c: Comparison, width: int | None = 80) -> str:
    """A text table no wider than `width`: area names wrap at word boundaries and, when the
    evaluations do not fit side by side, they continue in a second block under the first
    (area names repeated), as pandas wraps a wide frame. `width=None`: one line per row."""
    first = c.chosen[0]
    labels = [[str(v) for v in c.table[n]] for n in c.names] or [list(map(str, c.table.index))]
    heads = c.names or [str(c.table.index.name)]
    numbers = [
        ([ch.municipality, str(ch.year)], [_number(v) for v in c.table[ch.label]])
        for ch in c.chosen
    ] + [
        (
            _difference_head(ch, first),
            [_number(v, True) for v in c.table[f"{ch.label} − {first.label}"]],
        )
        for ch in c.chosen[1:]
    ]
    gap = 2
    widths = [max(map(len, h + v)) for h, v in numbers]
    natural = [max(map(len, [h, *col])) for h, col in zip(heads, labels, strict=True)]
    if width is None or sum(natural) + sum(w + gap for w in widths) <= width:
        label_widths = natural
    else:  # narrower names, but never narrower than "7 Ständiga" (a number and one word)
        share = max(12, (width - (max(widths) + gap) * min(3, len(widths))) // len(labels))
        floor = [max(len(" ".join(v.split()[:2])) for v in col) for col in labels]
        label_widths = [max(f, min(n, share)) for f, n in zip(floor, natural, strict=True)]
    room = None if width is None else width - sum(label_widths) - gap * (len(labels) - 1)
    blocks: list[list[int]] = [[]]
    for i, w in enumerate(widths):
        used = sum(widths[j] + gap for j in blocks[-1])
        if blocks[-1] and room is not None and used + w + gap > room:
            blocks.append([])
        blocks[-1].append(i)
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines += _block(heads, labels, label_widths, [numbers[i] for i in block], gap)
    if c.note:
        lines += ["", *(textwrap.wrap(c.note, width) if width else [c.note])]
    return "\n".join(lines)


def _block(heads, labels, label_widths, numbers, gap: int) -> list[str]:
    widths = [max(map(len, h + v)) for h, v in numbers]
    sep = " " * gap

    def line(left: list[str], right: list[str]) -> str:
        cells = [x.ljust(w) for x, w in zip(left, label_widths, strict=True)]
        cells += [x.rjust(w) for x, w in zip(right, widths, strict=True)]
        return sep.join(cells).rstrip()

    out = [
        line([""] * len(heads), [h[0] for h, _ in numbers]),
        line(heads, [h[1] for h, _ in numbers]),
    ]
    total = sum(label_widths) + gap * (len(label_widths) - 1) + sum(w + gap for w in widths)
    out.append("─" * total)
    n_rows = len(labels[0])
    for r in range(n_rows):
        if r == n_rows - 1:
            out.append("")  # the total row stands apart
        wrapped = [
            textwrap.wrap(col[r], w, break_long_words=False, break_on_hyphens=False) or [""]
            for col, w in zip(labels, label_widths, strict=True)
        ]
        for k in range(max(map(len, wrapped))):
            left = [cell[k] if k < len(cell) else "" for cell in wrapped]
            out.append(line(left, [v[r] for _, v in numbers] if k == 0 else [""] * len(numbers)))
    return out


def to_csv(c: Comparison) -> str:
    """The same table as CSV: the row key first (area label or theme key), whole numbers
    without ".0", a missing value as an empty field."""
    df = c.table.reset_index()
    for col in df.columns[len(c.names) + 1 :]:
        df[col] = [None if pd.isna(v) else int(v) if float(v).is_integer() else v for v in df[col]]
    return df.to_csv(index=False)
