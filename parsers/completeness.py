"""Is the record complete? One warning per value the parser could not read, so nothing is
lost silently.

A record is complete when every area of its instrument version is present with points and
max; each area has questions (exactly the known ones where the instrument lists them, 2016)
and each question has points, max and percent; question points add up to the area total
within rounding (n rounded numbers may be n/2 off); each area has a strength or an
improvement; and a printed history table has a value in every cell (each year × each area of
the version, and the total row).

Messages start with "area N: " where an area applies; the page is where the parser looked
(the area's score table; for a missing area, where the next area begins). Warnings about what
the report itself prints wrongly (`parsers.checks`) are not completeness warnings.
"""

from __future__ import annotations

import re

from schema.instruments import Instrument
from schema.record import COMPLETENESS_CODES, Area, HistoryRow, Warning

CODES = COMPLETENESS_CODES


def _fmt(x: float) -> str:
    return f"{x:g}"


def _ids(ids: list[str]) -> str:
    return ", ".join(ids)


def assess(
    areas: list[Area],
    inst: Instrument,
    history: list[HistoryRow],
    history_page: int | None,
) -> tuple[bool, list[Warning]]:
    """(complete, completeness warnings) of an assembled record."""
    out: list[Warning] = []
    by_number = {a.number: a for a in areas}
    for adef in inst.areas:
        area = by_number.get(adef.number)
        if area is None:
            out.append(
                Warning(
                    "missing_area",
                    f"area {adef.number}: no score table found for {adef.canonical_name}",
                    _where_missing(adef.number, areas),
                )
            )
            continue
        out.extend(_area(area, list(adef.questions), inst.version))
    out.extend(_history(history, inst, history_page))
    return not out, out


def _where_missing(number: int, areas: list[Area]) -> int | None:
    """A missing area would have stood before the next area present (else after the last)."""
    after = [a.page for a in areas if a.number > number and a.page is not None]
    if after:
        return after[0]
    before = [a.page for a in areas if a.number < number and a.page is not None]
    return before[-1] if before else None


def _area(area: Area, known: list[str], version: str) -> list[Warning]:
    n, page, qs = area.number, area.page, area.questions
    out = []
    lacking = [k for k in ("points", "max") if getattr(area, k) is None]
    if lacking:
        out.append(
            Warning(
                "missing_area_total",
                f"area {n}: the score table has no area total ({' and '.join(lacking)} missing)",
                page,
            )
        )
    if not qs:
        out.append(Warning("missing_questions", f"area {n}: no sub-question scores found", page))
    else:
        count = _count_warning(n, [q.id for q in qs], known, version)
        if count:
            out.append(Warning("question_count", count, page))
    for q in qs:
        gaps = [k for k in ("points", "max", "percent") if getattr(q, k) is None]
        if gaps:
            out.append(
                Warning(
                    "missing_question_numbers",
                    f"area {n}: question {q.id} has no {', '.join(gaps)}",
                    q.page if q.page is not None else page,
                )
            )
    pts = [q.points for q in qs]
    if qs and area.points is not None and None not in pts:
        total = sum(pts)
        if abs(total - area.points) > len(qs) / 2:
            out.append(
                Warning(
                    "question_sum_mismatch",
                    f"area {n}: questions add up to {_fmt(total)}, but the area total is "
                    f"{_fmt(area.points)} (a question is probably missing or misread)",
                    page,
                )
            )
    if not (area.strengths or area.improvements):
        out.append(
            Warning("missing_findings", f"area {n}: no strengths or improvements found", page)
        )
    return out


def _number(qid: str) -> int:
    m = re.match(r"^\d+\.(\d+)$", qid)
    return int(m.group(1)) if m else 0


def _count_warning(n: int, found: list[str], known: list[str], version: str) -> str | None:
    """Known questions (2016): exactly those. Otherwise ids N.1…N.k without a gap."""
    if known:
        missing = [k for k in known if k not in found]
        extra = [f for f in found if f not in known]
        if not missing and not extra and len(found) == len(known):
            return None
        parts = [f"{len(found)} questions found, version {version} has {len(known)}"]
        if missing:
            parts.append(f"missing {_ids(missing)}")
        if extra:
            parts.append(f"not in the instrument: {_ids(extra)}")
        return f"area {n}: " + "; ".join(parts)
    # an id of another area ("1.2" among 7.1, 7.3: a scan's "7" read "1") is no question of
    # this one, whatever its number says
    foreign = [f for f in found if not f.startswith(f"{n}.")]
    if foreign:
        which = (
            f"questions {_ids(foreign)} are" if len(foreign) > 1 else f"question {foreign[0]} is"
        )
        return f"area {n}: {which} not of area {n} (found {_ids(found)})"
    numbers = sorted({_number(f) for f in found})
    gaps = [f"{n}.{i}" for i in range(1, max(numbers, default=0) + 1) if i not in numbers]
    if gaps:
        plural = "s" if len(gaps) > 1 else ""
        return f"area {n}: question{plural} {_ids(gaps)} missing (found {_ids(found)})"
    return None


def _history(rows: list[HistoryRow], inst: Instrument, page: int | None) -> list[Warning]:
    """Every cell of a printed history table: each year × each area, and the total row."""
    out = []
    for year in dict.fromkeys(r.year for r in rows):
        cells = {r.area_number: r for r in rows if r.year == year}
        for adef in inst.areas:
            cell = cells.get(adef.number)
            if cell is None or cell.points is None:
                out.append(
                    Warning(
                        "incomplete_history",
                        f"area {adef.number}: the history table has no value for {year}",
                        page,
                    )
                )
        total = cells.get(None)
        if total is None or total.points is None:
            label = (total.area_name if total else None) or "Totalt"
            out.append(
                Warning(
                    "incomplete_history",
                    f"history table: no {label} value for {year}",
                    page,
                )
            )
    return out
