"""The report's own score history: "Poäng i Kommunkompassen 2015 2017 2018", one row per area
and a total row. One to three year columns; values are matched to a year by x position."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.pdf import Box, Line, Word, box_of
from parsers.text import is_number, join_label, number
from parsers.tolerances import (
    FALLBACK_COLUMN_PITCH_PT,
    HISTORY_BOUNDARY_PITCHES,
    MAX_AREAS,
    MAX_HISTORY_YEARS,
    MIN_HISTORY_ROWS,
    SUMMARY_LOOKAHEAD_LINES,
    TABLE_LOOKAHEAD_LINES,
)
from parsers.vocabulary import AREA_ROW, TOTAL_LABELS, YEAR, year_columns


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
    row_boxes: list[tuple[int | None, Box]] = field(default_factory=list)  # for inspect
    start: int = -1  # index of the header line (title of a summary), for the ledger


@dataclass
class _Row:
    number: int | None  # None for the total row
    label: list[str]
    values: dict[int, int | float]
    page: int
    boxes: list[Box] = field(default_factory=list)


def _split(line: Line, years: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """Label words and value words of a line under year columns; None for a contents entry
    (dot leaders and a page number)."""
    pitch = (years[-1].xc - years[0].xc) / max(len(years) - 1, 1) or FALLBACK_COLUMN_PITCH_PT
    boundary = years[0].x0 - HISTORY_BOUNDARY_PITCHES * pitch
    label = [w for w in line.words if not (w.x0 >= boundary and is_number(w.text))]
    values = [w for w in line.words if w.x0 >= boundary and is_number(w.text)]
    if any(set(w.text) <= set(".…_") for w in label):
        return None
    return label, values


def _values(values: list[Word], years: list[Word]) -> dict[int, int | float] | None:
    """Values by year: in column order when there is one per year (headers and values need
    not share an alignment), else each under the nearest year (`_by_column`)."""
    by_column = _by_column(values, years)
    if by_column is None:
        return None
    return {int(years[k].text): v for k, v in by_column.items()}


def _is_repeated_header(line: Line, years: list[Word]) -> bool:
    found = year_columns(line)
    return found is not None and [w.text for w in found] == [w.text for w in years]


def _read_rows(lines: list[Line], start: int, years: list[Word]) -> list[_Row]:
    """Rows of the history table whose header is `lines[start]`.

    A row starts at an area number ("3." / "3)") or a total label; label lines without either
    continue the row's label (a wrapped name), value-only lines fill the row's values (numbers
    centred or at the bottom of a wrapped row). The table may continue on the next page, after
    a repeated header row; it ends at the first line that fits none of this, or once the total
    row has its values.
    """
    rows: list[_Row] = []
    prev_page = lines[start].page
    header_bold = all(w.bold for w in lines[start].words)
    in_header = True  # the header cell's wrapped rest ("Kommunkompa" / "ssen") may follow
    for line in lines[start + 1 : start + TABLE_LOOKAHEAD_LINES]:
        new_page = line.page != prev_page
        prev_page = line.page
        if new_page and _is_repeated_header(line, years):
            in_header = True
            continue
        if in_header and header_bold and all(w.bold and not is_number(w.text) for w in line.words):
            continue
        in_header = False
        if year_columns(line) and len(line.words) > len(years):
            break  # another table's header
        split = _split(line, years)
        if split is None:
            break
        label, value_words = split
        values = _values(value_words, years) if value_words else {}
        if values is None:
            break
        head = label[0].text if label else ""
        m = AREA_ROW.match(head)
        if m or head.casefold().rstrip(":") in TOTAL_LABELS:
            if rows and m and (rows[-1].number is None or int(m.group(1)) <= rows[-1].number):
                break  # area numbers only go up, and the total comes last
            rest = label[1:] if m else label
            text = " ".join(w.text for w in rest)
            rows.append(
                _Row(int(m.group(1)) if m else None, [text] if text else [], values, line.page)
            )
            rows[-1].boxes.append(box_of(line.words, line.page))
        elif not rows:
            break
        elif label:
            if values and rows[-1].values:
                break  # a labelled line with values of its own that is no row
            if new_page and rows[-1].values and rows[-1].number is None:
                break
            rows[-1].label.append(" ".join(w.text for w in label))
            rows[-1].values.update(values)
            rows[-1].boxes.append(box_of(line.words, line.page))
        elif values:
            if rows[-1].values:
                break
            rows[-1].values.update(values)
            rows[-1].boxes.append(box_of(line.words, line.page))
        if rows and rows[-1].number is None and rows[-1].values:
            break
    return rows


def find_history(lines: list[Line]) -> HistoryTable | None:
    """The first year-column table followed by at least four numbered area rows, or the first
    table of area-number columns with a row per year (`_transposed`)."""
    for i, line in enumerate(lines):
        years = year_columns(line)
        if not years:
            turned = _transposed(lines, i)
            if turned is not None:
                return turned
            continue
        rows = _read_rows(lines, i, years)
        if sum(1 for r in rows if r.number is not None and r.values) < MIN_HISTORY_ROWS:
            continue
        year_list = [int(w.text) for w in years]
        cells = [
            HistoryCell(year, r.number, join_label(r.label) or None, r.values.get(year))
            for year in year_list
            for r in rows
        ]
        boxes = [(r.number, b) for r in rows for b in r.boxes]
        return HistoryTable(line.page, year_list, cells, row_boxes=boxes, start=i)
    return None


def _area_columns(line: Line) -> tuple[list[Word], Word | None] | None:
    """The column titles of a history typed the other way round ("År 1 2 … 8 Totalt"): area
    numbers 1, 2, … in order (at least `MIN_HISTORY_ROWS`), maybe a total label after them,
    and at most one label word before them."""
    words = line.words
    k = next((k for k, w in enumerate(words) if w.text.rstrip(".") == "1"), None)
    if k is None or k > 1:
        return None
    areas = []
    for w in words[k:]:
        if w.text.rstrip(".") != str(len(areas) + 1) or len(areas) == MAX_AREAS:
            break
        areas.append(w)
    rest = words[k + len(areas) :]
    if len(areas) < MIN_HISTORY_ROWS or len(rest) > 1:
        return None
    if rest and rest[0].text.casefold().rstrip(":") not in TOTAL_LABELS:
        return None
    return areas, (rest[0] if rest else None)


def _transposed(lines: list[Line], start: int) -> HistoryTable | None:
    """A history whose columns are the areas (`_area_columns`) and whose rows are the years:
    "2015 25 58 … 371". Each row's numbers go to the columns in order when there is one per
    column, else under the nearest title. The areas' names are not printed. A page break may
    cut the table, its header row repeated at the next page's top."""
    head = _area_columns(lines[start])
    if head is None:
        return None
    areas, total = head
    cols: list[tuple[int | None, Word]] = [(n, w) for n, w in enumerate(areas, 1)]
    if total is not None:
        cols.append((None, total))
    cells: list[HistoryCell] = []
    years: list[int] = []
    boxes: list[tuple[int | None, Box]] = []
    header = [w.text for w in lines[start].words]
    prev = lines[start]
    for line in lines[start + 1 :]:
        if len(years) == MAX_HISTORY_YEARS:
            break
        if line.page != prev.page and [w.text for w in line.words] == header:
            prev = line
            continue  # the header row repeated where a page break cuts the table
        prev = line
        first = line.words[0].text
        values = line.words[1:]
        if not YEAR.match(first) or not values or not all(is_number(w.text) for w in values):
            break
        read = _by_column(values, [w for _, w in cols])
        if read is None:
            break
        year = int(first)
        years.append(year)
        for k, (n, w) in enumerate(cols):
            name = join_label([w.text]) if n is None else None
            cells.append(HistoryCell(year, n, name, read.get(k)))
        boxes.append((None, box_of(line.words, line.page)))
    if not years:
        return None
    return HistoryTable(lines[start].page, years, cells, row_boxes=boxes, start=start)


def _by_column(values: list[Word], titles: list[Word]) -> dict[int, int | float] | None:
    """Values by column index: in order when there is one per title, else under the nearest
    title (`_nearest_column`)."""
    if len(values) == len(titles):
        return {k: number(v.text) for k, v in enumerate(values)}
    return _nearest_column(values, titles)


def _nearest_column(values: list[Word], titles: list[Word]) -> dict[int, int | float] | None:
    """Each value under the nearest title; None when one is further than a column pitch from
    every title."""
    pitch = (titles[-1].xc - titles[0].xc) / max(len(titles) - 1, 1) or FALLBACK_COLUMN_PITCH_PT
    out: dict[int, int | float] = {}
    for v in values:
        k = min(range(len(titles)), key=lambda k: abs(titles[k].xc - v.xc))
        if abs(titles[k].xc - v.xc) > pitch:
            return None
        out.setdefault(k, number(v.text))
    return out


# The closing score overview: "Poängsammanställning" (2002-version reports), "Översikt av
# poängfördelning" (2010-version reports).
_SUMMARY = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:poängsammanställning|översikt av poängfördelning"
    r"|poängfördelning|sammanställning av poäng)\b",
    re.I,
)


def find_summary(lines: list[Line], year: int) -> HistoryTable | None:
    """The closing "Poängsammanställning" of older reports: one row per area with its points
    (then max), and a total. Kept as the report's own table for the evaluation year."""
    for i, line in enumerate(lines):
        if not _SUMMARY.match(line.text.strip()):
            continue
        rows: list[tuple[int | None, list[str], int | float | None]] = []
        maxes: dict[int, int | float] = {}
        boxes: list[tuple[int | None, Box]] = []  # what was read, for inspect and the ledger
        header: str | None = None  # the column header ("Område Poäng Max"), maybe repeated
        for nxt in lines[i + 1 : i + SUMMARY_LOOKAHEAD_LINES]:
            words = nxt.words
            values = [w for w in words if is_number(w.text)]
            label = [w for w in words if w not in values]
            if not label or nxt.text == header:
                continue
            if not rows and not values and header is None:
                header = nxt.text
                continue
            first = label[0].text.casefold().rstrip(":")
            m = AREA_ROW.match(label[0].text)
            if m and values and values[0].x0 > label[-1].x1:
                rows.append(
                    (int(m.group(1)), [" ".join(w.text for w in label[1:])], number(values[0].text))
                )
                if len(values) > 1:
                    maxes[int(m.group(1))] = number(values[1].text)
                boxes.append((int(m.group(1)), box_of(words, nxt.page)))
            elif first in TOTAL_LABELS and values:
                rows.append((None, [" ".join(w.text for w in label)], number(values[0].text)))
                boxes.append((None, box_of(words, nxt.page)))
                break
            elif rows and rows[-1][0] is not None and not values:
                rows[-1][1].append(nxt.text)  # a wrapped area name
                boxes.append((rows[-1][0], box_of(words, nxt.page)))
            elif rows:
                break
        if sum(1 for r in rows if r[0] is not None) >= MIN_HISTORY_ROWS:
            cells = [HistoryCell(year, n, join_label(name) or None, v) for n, name, v in rows]
            return HistoryTable(line.page, [year], cells, maxes, boxes, start=i)
    return None
