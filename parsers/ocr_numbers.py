"""The report's arithmetic as a check on OCR'd numbers (issue 24).

A score table checks itself: every question's percent is round(100 × points / max), the question
points add up to the area total (each printed rounded: within n/2 for n questions), the area
percent is the area points over the area max, the eight area totals add up to the report's total
(within 8/2), the question maxes add up to the area max, and where the instrument version
knows a question's max (2016) the printed one is that. On a text PDF a break of these is the
report's own inconsistency (`parsers.checks` warns); on a scan it is far more likely a misread
digit. So for a record whose text was recognised, every number that takes part in a broken
invariant gets an `ocr_inconsistent` warning naming area, question and page: a completeness
code, so the record is `complete: false`.

The rule for readings (`choose`): each number-like word has up to two readings, the page's
(OCRmyPDF over the whole page) and the cell's (Tesseract on the word's image with a digit-and-%
whitelist, `parsers.ocr.reread_numbers`). Where the two differ and exactly one set of readings
of a question row satisfies its arithmetic, that set is taken: it is what the cell says, read
twice, and the arithmetic picked the reading, not the value. Where none or several satisfy it,
the cell reading stays and the check above flags it. No value is ever computed from the others.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from parsers.text import number
from parsers.tolerances import CELL_SLACK_PT, PERCENT, ROUNDING
from schema.record import Area, HistoryRow, Warning


def _fmt(x: float | None) -> str:
    return "?" if x is None else f"{x:g}"


def percent_ok(points: float | None, max_: float | None, percent: float | None) -> bool:
    """True when the three agree within rounding, or when one is missing (nothing to check)."""
    if points is None or percent is None or not max_:
        return True
    low = (points - ROUNDING) / max_ * PERCENT - ROUNDING
    high = (points + ROUNDING) / max_ * PERCENT + ROUNDING
    return low <= percent <= high and 0 <= points <= max_


def row_ok(points, max_, percent, known_max: float | None) -> bool:
    if known_max is not None and max_ is not None and max_ != known_max:
        return False
    return percent_ok(points, max_, percent)


def choose(
    readings: dict[str, list[str]], known_max: float | None = None
) -> dict[str, int | float] | None:
    """Among a row's readings per column (points/max/percent → candidate texts, the first the
    default), the one combination that satisfies the row's arithmetic; None when no single
    combination does (then the default stays and the check flags it)."""
    keys = list(readings)
    good = []
    for combo in itertools.product(*(dict.fromkeys(readings[k]) for k in keys)):
        values = {k: number(t) for k, t in zip(keys, combo, strict=True)}
        if any(v is None for v in values.values()):
            continue
        if row_ok(values.get("points"), values.get("max"), values.get("percent"), known_max):
            good.append(values)
    unique = {tuple(sorted(v.items())) for v in good}
    return good[0] if len(unique) == 1 else None


def check(
    areas: Iterable[Area],
    known_max: dict[int, dict[str, float]],
    printed_total: float | None,
    total_page: int | None,
    history: Iterable[HistoryRow] = (),
    year: int | None = None,
) -> list[Warning]:
    """`ocr_inconsistent` for every OCR'd number that breaks an invariant."""
    out: list[Warning] = []
    areas = list(areas)

    def flag(area: int, question: str, page: int | None, why: str) -> None:
        out.append(
            Warning(
                "ocr_inconsistent",
                f"area {area}, {question}, page {_fmt(page)}: {why} (read by OCR; "
                "not corrected, check the scan)",
                page,
            )
        )

    for a in areas:
        known = known_max.get(a.number, {})
        for q in a.questions:
            if not percent_ok(q.points, q.max, q.percent):
                flag(
                    a.number,
                    f"question {q.id}",
                    q.page,
                    f"{_fmt(q.points)} of {_fmt(q.max)} is not {_fmt(q.percent)}%",
                )
            if q.id in known and q.max is not None and q.max != known[q.id]:
                flag(
                    a.number,
                    f"question {q.id}",
                    q.page,
                    f"max {_fmt(q.max)} is not the version's {_fmt(known[q.id])}",
                )
        if a.percent is None and a.points is not None and any(q.percent for q in a.questions):
            flag(a.number, "area total", a.page, "no percent read, though the questions have one")
        if not percent_ok(a.points, a.max, a.percent):
            flag(
                a.number,
                "area total",
                a.page,
                f"{_fmt(a.points)} of {_fmt(a.max)} is not {_fmt(a.percent)}%",
            )
        pts = [q.points for q in a.questions]
        summed = a.questions and a.points is not None and None not in pts
        if summed and abs(sum(pts) - a.points) > len(pts) * ROUNDING:
            ids = ", ".join(q.id for q in a.questions)
            flag(
                a.number,
                f"questions {ids}",
                a.page,
                f"question points add up to {_fmt(sum(pts))}, the area total is {_fmt(a.points)}",
            )
        maxes = [q.max for q in a.questions]
        if a.questions and a.max is not None and None not in maxes and sum(maxes) != a.max:
            flag(
                a.number,
                "area max",
                a.page,
                f"question maxes add up to {_fmt(sum(maxes))}, the area max is {_fmt(a.max)}",
            )
    by_number = {a.number: a for a in areas}
    for r in history:
        a = by_number.get(r.area_number) if r.area_number is not None else None
        if r.year == year and a and None not in (a.points, r.points) and a.points != r.points:
            flag(
                a.number,
                "history table",
                total_page,
                f"{year} is {_fmt(r.points)} there, the score table says {_fmt(a.points)}",
            )
    pts = [a.points for a in areas]
    summed = printed_total is not None and areas and None not in pts
    if summed and abs(sum(pts) - printed_total) > len(pts) * ROUNDING:
        out.append(
            Warning(
                "ocr_inconsistent",
                f"report total, page {_fmt(total_page)}: the areas add up to "
                f"{_fmt(sum(pts))}, the printed total is {_fmt(printed_total)} (read by OCR; "
                "not corrected, check the scan)",
                total_page,
            )
        )
    return out


def reconsider(tables: dict, lines: list, known_max: dict[int, dict[str, float]]) -> int:
    """Apply `choose` to every question row of the score tables (`parsers.scores.ScoreTable`
    by area number) whose numbers break the row's arithmetic: the row's number words that
    carry a second reading (`parsers.ocr.OcrWord`) are the candidates. Returns how many rows
    took their other reading."""
    from parsers.ocr import OcrWord

    words = [(ln.page, w) for ln in lines for w in ln.words if isinstance(w, OcrWord)]
    changed = 0
    for area, table in tables.items():
        known = known_max.get(area, {})
        for row in table.questions:
            values = row.numbers
            k_max = known.get(row.id)
            if row_ok(values.get("points"), values.get("max"), values.get("percent"), k_max):
                continue
            readings = {k: [_text(v)] for k, v in values.items()}
            for page, w in words:
                if not any(_inside(page, w, box) for box in row.boxes):
                    continue
                for k, v in values.items():
                    if number(w.text) == v and w.page_reading:
                        readings[k].append(w.page_reading)
                        break
            if all(len(r) == 1 for r in readings.values()):
                continue
            picked = choose(readings, k_max)
            if picked is not None and picked != values:
                row.numbers.update(picked)
                changed += 1
    return changed


def _text(v: float) -> str:
    return f"{v:g}"


def _inside(page: int, w, box) -> bool:
    p, x0, top, x1, bottom = box
    return (
        page == p
        and w.x0 >= x0 - CELL_SLACK_PT
        and w.x1 <= x1 + CELL_SLACK_PT
        and w.top >= top - CELL_SLACK_PT
        and (w.bottom <= bottom + CELL_SLACK_PT)
    )
