"""The report's own score history: "Poäng i Kommunkompassen 2015 2017 2018", one row per area
and a total row. One to three year columns; values are matched to a year by x position."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.pdf import Line, Word
from parsers.scores import TOTAL_LABELS
from parsers.text import is_number, number

_YEAR = re.compile(r"^(19|20)\d\d$")
_ROW = re.compile(r"^([1-8])[.)]?$")


@dataclass
class HistoryCell:
    year: int
    area_number: int | None
    area_name: str | None
    points: int | float | None


@dataclass
class HistoryTable:
    page: int
    years: list[int]
    cells: list[HistoryCell]


def _year_columns(line: Line) -> list[Word] | None:
    """Trailing year words of a line ('Poäng i Kommunkompassen 2015 2017 2018')."""
    years = []
    for w in reversed(line.words):
        if _YEAR.match(w.text):
            years.insert(0, w)
        else:
            break
    return years or None


def _row(line: Line, years: list[Word]) -> tuple[int | None, str, dict[int, int | float]] | None:
    """(area number or None for the total, label, {year: value}) if the line is a table row.

    With several year columns a value must sit under its year (within one column pitch); a
    contents entry with dot leaders and a page number is not a row.
    """
    pitch = (years[-1].xc - years[0].xc) / max(len(years) - 1, 1) or 40.0
    boundary = years[0].x0 - 0.6 * pitch
    label = [w for w in line.words if not (w.x0 >= boundary and is_number(w.text))]
    values = [w for w in line.words if w.x0 >= boundary and is_number(w.text)]
    if not label or not values or any(set(w.text) <= set(".…_") for w in label):
        return None
    out: dict[int, int | float] = {}
    for w in values:
        col = min(years, key=lambda y: abs(y.xc - w.xc))
        if len(years) > 1 and abs(col.xc - w.xc) > pitch:
            return None
        out.setdefault(int(col.text), number(w.text))
    m = _ROW.match(label[0].text)
    if m:
        return int(m.group(1)), " ".join(w.text for w in label[1:]), out
    if label[0].text.casefold().rstrip(":") in TOTAL_LABELS:
        return None, " ".join(w.text for w in label), out
    return None


def find_history(lines: list[Line]) -> HistoryTable | None:
    """The first year-column table followed by at least four numbered area rows."""
    for i, line in enumerate(lines):
        years = _year_columns(line)
        if not years:
            continue
        rows = []
        for nxt in lines[i + 1 : i + 12]:
            parsed = _row(nxt, years)
            if parsed is None:
                break
            rows.append(parsed)
            if parsed[0] is None:  # the total row ends the table
                break
        if sum(1 for r in rows if r[0] is not None) < 4:
            continue
        year_list = [int(w.text) for w in years]
        cells = [
            HistoryCell(year, n, name or None, values.get(year))
            for year in year_list
            for n, name, values in rows
        ]
        return HistoryTable(line.page, year_list, cells)
    return None
