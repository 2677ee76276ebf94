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

The rule for readings (`choose`): each number-like word has several readings, the page's
(OCRmyPDF over the whole page) and the cell's (Tesseract on the word's image with a digit-and-%
whitelist, once per way of preparing the image, `parsers.ocr_cells.reread_numbers`). Where they
differ and one set of readings of a question row satisfies its arithmetic, that set is taken:
it is what the cell says, read more than once, and the arithmetic picked the reading, not the
value. Where several sets satisfy it, the one whose values were read most often is taken, and a
tie is no choice. Where none satisfies it, the cell reading stays and the check above flags it.
No value is ever computed from the others.

A percent cell has one more kind of candidate (`percent_sign_readings`): Tesseract often reads
the "%" sign itself as digits ("60%" → "6090", "604", "600"; "33%" → "3340%"), also with the
whitelist. A reading that is no percent (over 100) and ends in one to three such characters
("0", "4", "6", "9", "%": the sign's two rings and stroke) has its leading digits as a
candidate; the arithmetic must pick it like any other reading. The digits are the printed ones,
read: nothing is computed.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable

from parsers.text import number
from parsers.tolerances import CELL_SLACK_PT, PERCENT, ROUNDING, WHOLE_POINTS_PERCENT_SLACK
from schema.record import Area, HistoryRow, Warning

#: A "," or "." at either end of a reading is a speck the whitelist let through ("3394,"): no
#: number or question id is printed with one there.
READING_EDGE_MARKS = ",."
#: What Tesseract makes of a "%" sign after the digits (its rings read as 0/6/9, its stroke as 4).
PERCENT_SIGN_CHARS = "0469%"
#: ... in at most this many characters.
PERCENT_SIGN_MAX_CHARS = 3
#: A "%" sign read as characters: those above, or its stroke read "2" and its rings "4", "6" or
#: "0" ("80246", "50240", "8024": simrishamn-2021 and wp-word-lettered-lists-in-side-table
#: scanned); "200" is no sign ("17200").
_PERCENT_SIGN = re.compile(rf"^(?:[{PERCENT_SIGN_CHARS}]{{1,{PERCENT_SIGN_MAX_CHARS}}}|24[06]?)$")
#: A percent has at most this many digits (100).
PERCENT_DIGITS = 3


def _fmt(x: float | None) -> str:
    return "?" if x is None else f"{x:g}"


def percent_ok(points: float | None, max_: float | None, percent: float | None) -> bool:
    """True when the three agree within rounding, or when one is missing (nothing to check).
    Whole points and max give a percent within `WHOLE_POINTS_PERCENT_SLACK` of their share;
    half points (a point off by half, `ROUNDING`) a looser one."""
    if points is None or percent is None or not max_:
        return True
    if float(points).is_integer() and float(max_).is_integer():
        exact = points / max_ * PERCENT
        return abs(percent - exact) < WHOLE_POINTS_PERCENT_SLACK and 0 <= points <= max_
    low = (points - ROUNDING) / max_ * PERCENT - ROUNDING
    high = (points + ROUNDING) / max_ * PERCENT + ROUNDING
    return low <= percent <= high and 0 <= points <= max_


def row_ok(points, max_, percent, known_max: float | None) -> bool:
    if known_max is not None and max_ is not None and max_ != known_max:
        return False
    return percent_ok(points, max_, percent)


def percent_sign_readings(text: str) -> list[str]:
    """The leading digits of a percent reading that is no percent ("6090" → ["60", "6"],
    "3340%" → ["33"], "09" → ["0"]): each split whose rest is a "%" sign read as characters."""
    value = number(text)
    leading_zero = len(text) > 1 and text[0] == "0"  # no number is printed so: "0%" read "09"
    if value is not None and _a_percent(value) and not leading_zero:
        return []
    out = []
    for i in range(1, min(PERCENT_DIGITS, len(text) - 1) + 1):
        head, rest = text[:i], text[i:]
        if head.isdigit() and _PERCENT_SIGN.match(rest) and _a_percent(int(head)):
            out.append(head)
    return out


def options(readings: dict[str, list[str]], known_max: float | None = None) -> dict[tuple, int]:
    """Every combination of a row's readings per column (points/max/percent → candidate texts,
    a text as often as it was read) that satisfies the row's arithmetic, with its support: how
    often its values were read, summed over the row's cells."""
    keys = list(readings)
    support = {k: Counter(number(t) for t in readings[k]) for k in keys}
    good: dict[tuple, int] = {}
    for combo in itertools.product(*(dict.fromkeys(readings[k]) for k in keys)):
        values = {k: number(t) for k, t in zip(keys, combo, strict=True)}
        if any(v is None for v in values.values()) or not _printable(values):
            continue
        if row_ok(values.get("points"), values.get("max"), values.get("percent"), known_max):
            good[tuple(values.items())] = sum(support[k][v] for k, v in values.items())
    return good


def _printable(values: dict[str, float | None]) -> bool:
    """Could a score table print these? A max of 0 or a percent over 100 it could not: such a
    reading is a misread cell, however well the rest of the row then "adds up" (`percent_ok`
    has nothing to check against a max of 0). Simrishamn 2021 scanned, 5.4: "16 20 80946%"
    with "20" also read "0" gave seven combinations of equal support, "16 of 0 is 80946 %"
    among them, and the row's one answer, 16 of 20 is 80 %, was lost in the tie."""
    max_, percent = values.get("max"), values.get("percent")
    return (max_ is None or max_ > 0) and (percent is None or _a_percent(percent))


def _a_percent(value: float) -> bool:
    """Could a score table print this as a percent (0 to 100)?"""
    return 0 <= value <= PERCENT


def choose(
    readings: dict[str, list[str]], known_max: float | None = None
) -> dict[str, int | float] | None:
    """Among a row's readings per column (points/max/percent → candidate texts, the first the
    default, a text as often as it was read), the combination that satisfies the row's
    arithmetic; None when none does (then the default stays and the check flags it).

    Where several do ("10 of 20 is 50 %" and "1 of 20 is 5 %" from a "10" also read "1" and a
    "50%" also read "5"), the one the readings agree on most is taken: its values were read
    more often, summed over the row's cells. A tie is None (`reconsider` may still settle it
    by the area's sums), and the check flags the row."""
    return _best(options(readings, known_max))


def _best(good: dict) -> dict | None:
    """The combination of highest support as values, if no other has as much."""
    winner = _winner(good)
    return None if winner is None else dict(winner)


def _winner(support: dict):
    """The key of highest support, if no other has as much; None for none or a tie."""
    if not support:
        return None
    best = max(support.values())
    winners = [key for key, n in support.items() if n == best]
    return winners[0] if len(winners) == 1 else None


def check(
    areas: Iterable[Area],
    known_max: dict[int, dict[str, float]],
    printed_total: float | None,
    total_page: int | None,
    history: Iterable[HistoryRow] = (),
    year: int | None = None,
) -> list[Warning]:
    """`ocr_inconsistent` for every OCR'd number that breaks an invariant: per area its
    question rows and its total row, then the history's year against the areas, then the
    report total."""
    out: list[Warning] = []
    areas = list(areas)
    for a in areas:
        out += _question_flags(a, known_max.get(a.number, {}))
        out += _area_flags(a)
    out += _history_flags(areas, history, year, total_page)
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


def _flag(area: int, question: str, page: int | None, why: str) -> Warning:
    """One `ocr_inconsistent` warning: where, and which invariant the numbers break."""
    return Warning(
        "ocr_inconsistent",
        f"area {area}, {question}, page {_fmt(page)}: {why} (read by OCR; "
        "not corrected, check the scan)",
        page,
    )


def _question_flags(a: Area, known: dict[str, float]) -> list[Warning]:
    """Each question row: its percent is its points over its max, and its max is the one the
    instrument version knows (`known`, question id → max)."""
    out = []
    for q in a.questions:
        if not percent_ok(q.points, q.max, q.percent):
            out.append(
                _flag(
                    a.number,
                    f"question {q.id}",
                    q.page,
                    f"{_fmt(q.points)} of {_fmt(q.max)} is not {_fmt(q.percent)}%",
                )
            )
        if q.id in known and q.max is not None and q.max != known[q.id]:
            out.append(
                _flag(
                    a.number,
                    f"question {q.id}",
                    q.page,
                    f"max {_fmt(q.max)} is not the version's {_fmt(known[q.id])}",
                )
            )
    return out


def _area_flags(a: Area) -> list[Warning]:
    """The area's total row: a percent where the questions have one, the percent its points
    over its max, the question points adding up to it (each rounded: within n/2), and the
    question maxes adding up to its max."""
    out = []
    if a.percent is None and a.points is not None and any(q.percent for q in a.questions):
        out.append(
            _flag(a.number, "area total", a.page, "no percent read, though the questions have one")
        )
    if not percent_ok(a.points, a.max, a.percent):
        out.append(
            _flag(
                a.number,
                "area total",
                a.page,
                f"{_fmt(a.points)} of {_fmt(a.max)} is not {_fmt(a.percent)}%",
            )
        )
    pts = [q.points for q in a.questions]
    summed = a.questions and a.points is not None and None not in pts
    if summed and (abs(sum(pts) - a.points) > len(pts) * ROUNDING or not _shares_add_up(a)):
        ids = ", ".join(q.id for q in a.questions)
        out.append(
            _flag(
                a.number,
                f"questions {ids}",
                a.page,
                f"question points add up to {_fmt(sum(pts))}, the area total is {_fmt(a.points)}",
            )
        )
    maxes = [q.max for q in a.questions]
    if a.questions and a.max is not None and None not in maxes and sum(maxes) != a.max:
        out.append(
            _flag(
                a.number,
                "area max",
                a.page,
                f"question maxes add up to {_fmt(sum(maxes))}, the area max is {_fmt(a.max)}",
            )
        )
    return out


def unrounded(
    points: float | None, max_: float | None, percent: float | None
) -> tuple[float, float] | None:
    """Where a row's unrounded points lie: within half a point of the printed points, and,
    since the percent is printed from the unrounded value ("13 of 15" as 85 %), within
    `WHOLE_POINTS_PERCENT_SLACK` percent of the percent's share of the max (unless the row
    breaks its own percent, which `percent_ok` flags). None without points."""
    if points is None:
        return None
    lo, hi = points - ROUNDING, points + ROUNDING
    if percent is None or not max_:
        return lo, hi
    share_lo = (percent - WHOLE_POINTS_PERCENT_SLACK) * max_ / PERCENT
    share_hi = (percent + WHOLE_POINTS_PERCENT_SLACK) * max_ / PERCENT
    if share_lo > hi or share_hi < lo:  # the row breaks its own percent: flagged as such
        return lo, hi
    return max(lo, share_lo), min(hi, share_hi)


def _shares_add_up(a: Area) -> bool:
    """The questions' unrounded points (`unrounded`) can add up to the area's. Tighter than
    "within n/2 of the printed sum": each question's percent pins its share, so a misread that
    keeps its own row consistent ("1 of 20, 5 %" read "4 of 20, 20 %") still breaks the sum
    (a scan, case wp-header-row-and-long-question-split-over-pages, area 7: 53 against 50,
    within 7/2). True where a number is missing (nothing to add up)."""
    area = unrounded(a.points, a.max, a.percent)
    rows = [unrounded(q.points, q.max, q.percent) for q in a.questions]
    if area is None or None in rows:
        return True
    low = sum(r[0] for r in rows)
    high = sum(r[1] for r in rows)
    return low <= area[1] and area[0] <= high


def _history_flags(
    areas: list[Area], history: Iterable[HistoryRow], year: int | None, page: int | None
) -> list[Warning]:
    """The history table's points for the evaluation year against each area's total."""
    out = []
    by_number = {a.number: a for a in areas}
    for r in history:
        a = by_number.get(r.area_number) if r.area_number is not None else None
        if r.year == year and a and None not in (a.points, r.points) and a.points != r.points:
            out.append(
                _flag(
                    a.number,
                    "history table",
                    page,
                    f"{year} is {_fmt(r.points)} there, the score table says {_fmt(a.points)}",
                )
            )
    return out


def reconsider(tables: dict, lines: list, known_max: dict[int, dict[str, float]]) -> int:
    """Apply `choose` to every question row of the score tables (`parsers.scores.ScoreTable`
    by area number) whose numbers break the row's arithmetic: the row's number words that
    carry a second reading (`parsers.ocr.OcrWord`) are the candidates. Where the rows alone
    leave a choice open, the area's sums settle it (`_by_area_sums`). Returns how many rows
    took another reading."""
    from parsers.ocr import OcrWord

    words = [(ln.page, w) for ln in lines for w in ln.words if isinstance(w, OcrWord)]
    changed = 0
    for area, table in tables.items():
        known = known_max.get(area, {})
        total = table.total
        if (
            total
            and table.total_box is not None
            and not row_ok(total.get("points"), total.get("max"), total.get("percent"), None)
        ):
            picked = _pick(total, words, [table.total_box], None)
            if picked is not None:
                total.update(picked)
                changed += 1
        rows = {}  # row index → its combinations that add up, with their support
        for i, row in enumerate(table.questions):
            values = row.numbers
            k_max = known.get(row.id)
            if row_ok(values.get("points"), values.get("max"), values.get("percent"), k_max):
                continue
            readings = _readings(values, words, row.boxes)
            if readings is not None:
                rows[i] = options(readings, k_max)
        chosen = _by_area_sums(table, rows) or {
            i: _best(good) for i, good in rows.items() if _best(good) is not None
        }
        for i, picked in chosen.items():
            if picked and picked != table.questions[i].numbers:
                table.questions[i].numbers.update(picked)
                changed += 1
    return changed


#: The area's sums are tried over at most this many combinations of its rows' readings.
AREA_COMBINATIONS_MAX = 4096


def _by_area_sums(table, rows: dict[int, dict]) -> dict[int, dict] | None:
    """The rows' readings chosen together: of every combination of the open rows' readings
    that add up (`rows`, row index → combinations), the ones whose question maxes add up to
    the area's max and whose points add up to its points (each printed rounded: within n/2),
    the area's total row itself adding up; the one read most often, if no other is. None
    when the area gives no such answer (then each row is chosen alone)."""
    total = table.total or {}
    if total.get("points") is None or not total.get("max") or not rows:
        return None
    if not row_ok(total["points"], total["max"], total.get("percent"), None):
        return None
    open_rows = [i for i, good in rows.items() if good]
    if not open_rows or math.prod(len(rows[i]) for i in open_rows) > AREA_COMBINATIONS_MAX:
        return None
    fixed = [q.numbers for i, q in enumerate(table.questions) if i not in rows]
    found: dict[tuple, int] = {}
    for pick in itertools.product(*(list(rows[i].items()) for i in open_rows)):
        numbers = fixed + [dict(combo) for combo, _ in pick]
        if len(numbers) != len(table.questions):  # a row with no reading that adds up
            continue
        points = [n.get("points") for n in numbers]
        maxes = [n.get("max") for n in numbers]
        if None in points or None in maxes or sum(maxes) != total["max"]:
            continue
        if abs(sum(points) - total["points"]) > len(points) * ROUNDING:
            continue
        found[tuple(combo for combo, _ in pick)] = sum(n for _, n in pick)
    winner = _winner(found)
    if winner is None:  # nothing adds up, or a tie
        return None
    return {i: dict(combo) for i, combo in zip(open_rows, winner, strict=True)}


def _readings(values: dict, words: list, boxes: list) -> dict[str, list[str]] | None:
    """The row's readings per column: its words' other readings (page, cell, column) and a
    percent's sign read as digits; None when no cell has a second reading."""
    readings = {k: [_text(v)] for k, v in values.items()}
    taken: set[str] = set()  # columns whose word was found (`_first_reading`)
    for page, w in words:
        if not any(_inside(page, w, box) for box in boxes):
            continue
        for k, v in values.items():
            if number(w.text) == v and w.readings() and _first_reading(k, taken):
                votes = list(w.votes) or [w.text, *w.readings()]
                readings[k] = [t for t in votes if number(t) == v] or readings[k]
                readings[k] += [t for t in votes if number(t) != v]
                readings[k] += [r for r in w.readings() if r not in readings[k]]
                break
    readings = {k: [t.strip(READING_EDGE_MARKS) or t for t in ts] for k, ts in readings.items()}
    if "percent" in readings:
        readings["percent"] += [
            head for t in list(readings["percent"]) for head in percent_sign_readings(t)
        ]
    if all(len(r) == 1 for r in readings.values()):
        return None
    return readings


def _first_reading(column: str, taken: set[str]) -> bool:
    """Whether a word read as a column's value is the first in the row so read (and note it):
    the first, in reading order, is the cell's; a later one of the same value is a speck
    further down the row (lidkoping-2017 scanned, 4.2: "60%" read "0%", its readings "6094"
    and "6%" replaced by a "0" below it read "70", "S", and the row left at 0 %)."""
    if column in taken:
        return False
    taken.add(column)
    return True


def _pick(values: dict, words: list, boxes: list, known_max: float | None) -> dict | None:
    """`choose` among the row's readings (`_readings`); None when nothing else is chosen."""
    readings = _readings(values, words, boxes)
    if readings is None:
        return None
    picked = choose(readings, known_max)
    return picked if picked is not None and picked != values else None


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
