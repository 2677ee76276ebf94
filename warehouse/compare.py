"""Side-by-side comparisons of evaluations, honest about instrument versions.

Scores are comparable only within one instrument version (area 2 of 2019 is not area 2 of
2016). `compare` refuses to mix versions unless asked to compare by cross-version theme, and
then says that the scores are not strictly comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, text

from schema.instruments import instrument
from schema.kommuner import by_name, kommuner

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


def municipality_code(name_or_code: str) -> tuple[str, str]:
    """(code, name) for "Norsjö", "norsjö" or "2417"."""
    k = by_name(name_or_code) or next((k for k in kommuner() if k.code == name_or_code), None)
    if k is None:
        raise AnalysisError(f"{name_or_code!r} is not a Swedish municipality")
    return k.code, k.name


def evaluation(engine: Engine, name_or_code: str, year: int | None = None) -> Chosen:
    """The evaluation of a municipality in `year`, or its latest one."""
    code, name = municipality_code(name_or_code)
    sql = (
        "SELECT evaluation_id, evaluation_year, instrument_version FROM evaluation "
        "WHERE municipality_code = :c"
    )
    with engine.connect() as conn:
        rows = conn.execute(text(sql + " ORDER BY evaluation_year"), {"c": code}).all()
    if year is not None:
        rows = [r for r in rows if r.evaluation_year == year]
    if not rows:
        when = f" in {year}" if year else ""
        raise AnalysisError(f"no evaluation of {name}{when} in the warehouse")
    r = rows[-1]
    return Chosen(r.evaluation_id, name, code, r.evaluation_year, r.instrument_version)


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


def compare(
    engine: Engine, municipalities: list[str], year: int | None = None, themes: bool = False
) -> tuple[pd.DataFrame, str | None]:
    """Areas (or themes) as rows, one column of points per evaluation, then differences to
    the first. Returns the table and a note to print with it (or None)."""
    if len(municipalities) < 2:
        raise AnalysisError("compare needs at least two municipalities")
    chosen = [evaluation(engine, m, year) for m in municipalities]
    versions = {c.version for c in chosen}
    if len(versions) > 1 and not themes:
        which = ", ".join(f"{c.label} uses {c.version}" for c in chosen)
        raise MixedVersions(
            f"different instrument versions ({which}): scores are comparable only within one "
            "version; use --themes to compare by cross-version theme"
        )
    frames = {c.label: area_points(engine, c.evaluation_id) for c in chosen}
    if themes:
        index = THEME_ORDER
        table = pd.DataFrame(index=pd.Index(index, name="theme"))
        for label, df in frames.items():
            table[label] = df.set_index("theme")["points"].reindex(index).to_numpy()
        note = (
            "Compared by cross-version theme: "
            + ", ".join(f"{c.label} (instrument {c.version})" for c in chosen)
            + ". Scores from different instrument versions are not strictly comparable."
        )
        if len(versions) == 1:
            note = None
    else:
        inst = instrument(chosen[0].version)
        table = pd.DataFrame(
            index=pd.Index([f"{a.number} {a.canonical_name}" for a in inst.areas], name="area")
        )
        for label, df in frames.items():
            table[label] = (
                df.set_index("area_number")["points"]
                .reindex([a.number for a in inst.areas])
                .to_numpy()
            )
        note = None
    first = chosen[0].label
    for c in chosen[1:]:
        table[f"{c.label} − {first}"] = table[c.label] - table[first]
    total = table.sum(numeric_only=True, min_count=1)
    table.loc["total"] = total
    return table, note
