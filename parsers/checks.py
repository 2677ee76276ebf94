"""Consistency checks on printed numbers. They never change a value; they add warnings.

Points are printed rounded and percentages come from unrounded values, so every check allows
for rounding: a sum of n rounded numbers may differ from the rounded sum by up to n/2.
"""

from __future__ import annotations

from parsers.tolerances import PERCENT, ROUNDING
from schema.record import Area, HistoryRow, Warning


def _fmt(x: float) -> str:
    return f"{x:g}"


def check_area(area: Area, known_max: dict[str, float]) -> list[Warning]:
    out = []
    qs = area.questions
    # question points against the area total: parsers.completeness (question_sum_mismatch)
    maxes = [q.max for q in qs]
    if qs and area.max is not None and None not in maxes and sum(maxes) != area.max:
        out.append(
            Warning(
                "area_max_mismatch",
                f"area {area.number}: question max points add up to {_fmt(sum(maxes))}, "
                f"but the printed max is {_fmt(area.max)}",
                area.page,
            )
        )
    for q in qs:
        if q.id in known_max and q.max is not None and q.max != known_max[q.id]:
            out.append(
                Warning(
                    "question_max_differs",
                    f"question {q.id}: printed max {_fmt(q.max)} differs from the instrument's "
                    f"{_fmt(known_max[q.id])}",
                    q.page,
                )
            )
    for label, item in [(f"question {q.id}", q) for q in qs] + [(f"area {area.number}", area)]:
        if item.points is None or not item.max or item.percent is None:
            continue
        low = (item.points - ROUNDING) / item.max * PERCENT - ROUNDING
        high = (item.points + ROUNDING) / item.max * PERCENT + ROUNDING
        if not low <= item.percent <= high:
            out.append(
                Warning(
                    "percent_mismatch",
                    f"{label}: {_fmt(item.points)} of {_fmt(item.max)} is printed as "
                    f"{_fmt(item.percent)}%",
                    item.page,
                )
            )
    return out


def check_history(rows: list[HistoryRow], page: int | None) -> list[Warning]:
    out = []
    for year in dict.fromkeys(r.year for r in rows):
        cells = [r for r in rows if r.year == year]
        areas = [r.points for r in cells if r.area_number is not None]
        totals = [r.points for r in cells if r.area_number is None and r.points is not None]
        if not totals or None in areas or not areas:
            continue
        if abs(sum(areas) - totals[0]) > len(areas) / 2:
            out.append(
                Warning(
                    "history_total_mismatch",
                    f"history table: the {year} rows add up to {_fmt(sum(areas))}, "
                    f"but the printed total is {_fmt(totals[0])}",
                    page,
                )
            )
    return out


def check_history_against_areas(
    rows: list[HistoryRow], areas: list[Area], year: int, page: int | None
) -> list[Warning]:
    out = []
    by_number = {a.number: a for a in areas}
    for r in rows:
        a = by_number.get(r.area_number) if r.area_number is not None else None
        same_year = r.year == year and a is not None and r.points is not None
        if same_year and a.points is not None and r.points != a.points:
            out.append(
                Warning(
                    "history_differs_from_area",
                    f"history table: area {a.number} in {year} is {_fmt(r.points)}, "
                    f"but its score table says {_fmt(a.points)}",
                    page,
                )
            )
    return out


def check_total(total: float | None, areas: list[Area], page: int | None) -> list[Warning]:
    pts = [a.points for a in areas]
    if total is None or not areas or None in pts:
        return []
    if abs(sum(pts) - total) > len(areas) / 2:
        return [
            Warning(
                "total_mismatch",
                f"areas add up to {_fmt(sum(pts))}, but the printed total is {_fmt(total)}",
                page,
            )
        ]
    return []
