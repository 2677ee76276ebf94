"""The report's own score history: "Poäng i Kommunkompassen 2015 2017 2018", one row per area
and a total row. One to three year columns; values are matched to a year by x position."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.pdf import Line, Word
from parsers.scores import TOTAL_LABELS
from parsers.text import is_number, join_lines, number

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
    maxes: dict[int, int | float] = field(default_factory=dict)  # area → max, if printed


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
    """(area number or None for the total, label, {year: value}) if the line is a table row,
    ("", label, {}) if it is only text (perhaps the wrapped rest of the previous label).

    A row with one value per year takes them in column order, so headers and values need not
    share an alignment; with values missing, each goes to the nearest year. A contents entry
    with dot leaders and a page number is not a row.
    """
    pitch = (years[-1].xc - years[0].xc) / max(len(years) - 1, 1) or 40.0
    boundary = years[0].x0 - 0.6 * pitch
    label = [w for w in line.words if not (w.x0 >= boundary and is_number(w.text))]
    values = [w for w in line.words if w.x0 >= boundary and is_number(w.text)]
    if not label or any(set(w.text) <= set(".…_") for w in label):
        return None
    if not values:
        return "", " ".join(w.text for w in label), {}
    out: dict[int, int | float] = {}
    if len(values) == len(years):
        out = {int(y.text): number(v.text) for y, v in zip(years, values, strict=True)}
    else:
        for w in values:
            col = min(years, key=lambda y: abs(y.xc - w.xc))
            if abs(col.xc - w.xc) > pitch:
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
        rows: list[tuple[int | None, list[str], dict[int, int | float]]] = []
        for nxt in lines[i + 1 : i + 30]:
            parsed = _row(nxt, years)
            if parsed is None:
                break
            number_, label, values = parsed
            if number_ == "":  # text only: the wrapped rest of an area row's label
                if not rows or rows[-1][0] is None or nxt.page != line.page:
                    break
                rows[-1][1].append(label)
                continue
            rows.append((number_, [label], values))
            if number_ is None:  # the total row ends the table
                break
        if sum(1 for r in rows if r[0] is not None) < 4:
            continue
        year_list = [int(w.text) for w in years]
        cells = [
            HistoryCell(year, n, join_lines(name) or None, values.get(year))
            for year in year_list
            for n, name, values in rows
        ]
        return HistoryTable(line.page, year_list, cells)
    return None


_SUMMARY = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?poängsammanställning\b", re.I)


def find_summary(lines: list[Line], year: int) -> HistoryTable | None:
    """The closing "Poängsammanställning" of older reports: one row per area with its points
    (then max), and a total. Kept as the report's own table for the evaluation year."""
    for i, line in enumerate(lines):
        if not _SUMMARY.match(line.text.strip()):
            continue
        rows: list[tuple[int | None, list[str], int | float | None]] = []
        maxes: dict[int, int | float] = {}
        for nxt in lines[i + 1 : i + 40]:
            words = nxt.words
            values = [w for w in words if is_number(w.text)]
            label = [w for w in words if w not in values]
            if not label:
                continue
            first = label[0].text.casefold().rstrip(":")
            m = _ROW.match(label[0].text)
            if m and values and values[0].x0 > label[-1].x1:
                rows.append(
                    (int(m.group(1)), [" ".join(w.text for w in label[1:])], number(values[0].text))
                )
                if len(values) > 1:
                    maxes[int(m.group(1))] = number(values[1].text)
            elif first in TOTAL_LABELS and values:
                rows.append((None, [" ".join(w.text for w in label)], number(values[0].text)))
                break
            elif rows and rows[-1][0] is not None and not values:
                rows[-1][1].append(nxt.text)  # a wrapped area name
            elif rows:
                break
        if sum(1 for r in rows if r[0] is not None) >= 4:
            cells = [HistoryCell(year, n, join_lines(name) or None, v) for n, name, v in rows]
            return HistoryTable(line.page, [year], cells, maxes)
    return None
