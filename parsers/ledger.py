"""The ledger: after parsing, every word on every page is accounted for exactly once.

Each word is one of

- `field`: it became part of the record (a heading, a score-table row, an area total, a
  history or summary row, a finding, the inspiration section);
- `furniture`: a running header or footer or a page number (`footer.strip_furniture`);
- `prose`: running text outside the parts of the report the parser reads;
- `unaccounted`: evidence of loss.

The ledger does not re-read the report: it takes what the parser recorded (the boxes of the
rows and items it read, the line ranges of the parts it recognised) and looks at what is left.
A word is unaccounted when it sits inside a recognised part (an area's score table or findings
section, the history table, the closing summary) without being in anything read there, or when
it belongs to a number-bearing table row anywhere that became no field. Each such place is a
completeness warning with its page and first words:

- `unread_text`: "area 4 findings: 3 lines not read: 'Utveckla arbetsformer som …'";
- `unread_numbers`: "a table with numbers not read: 'Poäng i Kommunkompassen 2015 2017 …'";
- `incomplete_history`: a table that is the history by its content (area numbers or names
  against one to three years, in either orientation) that did not become history rows;
- `missing_findings`: a findings heading printed with nothing read under it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from parsers.findings import AreaFindings, header_kind
from parsers.history import HistoryTable, find_summary
from parsers.pdf import Box, Document, Line, Word
from parsers.scores import ScoreTable, is_header
from parsers.sections import INSPIRATION
from parsers.text import is_number, is_percent
from parsers.tolerances import (
    HEADER_WRAP_LINES,
    INSPIRATION_HEADING_MAX_CHARS,
    MAX_NUMBER_COLUMNS,
    MIN_HISTORY_AREA_ROWS,
    MIN_HISTORY_ROWS,
    TABLE_ROW_MAX_LINES_APART,
)
from parsers.typography import BodyStyle, is_heading
from parsers.vocabulary import MAX_HEADERS, PERCENT_HEADERS, POINTS_HEADERS, TOTAL_LABELS, YEAR
from schema.instruments import MATCH_THRESHOLD, Instrument
from schema.record import Warning

CLASSES = ("field", "furniture", "prose", "unaccounted")

#: A number is in a column of its own (a table cell) when the white space before it is wider
#: than this share of its font size: a word space is about 0.25–0.3 em, a justified line's
#: stretched space stays well under one em, table cells sit further apart.
COLUMN_GAP = 1.0
#: How far (pt) a word may stick out of a recorded box and still be inside it (rounding).
BOX_SLACK = 0.5
#: Words quoted from an unread place.
QUOTE_WORDS = 6

_AREA_LABEL = re.compile(r"^([1-8])[.):]?$")
_LEADER = re.compile(r"[.…_·]{4,}")  # dot leaders of a contents entry


@dataclass
class Entry:
    word: Word
    page: int
    cls: str  # one of CLASSES
    what: str  # field: question/total/history/finding/heading/…; unaccounted: the place


@dataclass
class Ledger:
    entries: list[Entry]
    warnings: list[Warning] = field(default_factory=list)

    def counts(self) -> dict[int, dict[str, int]]:
        """Per page (1-based): words per class."""
        out: dict[int, dict[str, int]] = {}
        for e in self.entries:
            out.setdefault(e.page, dict.fromkeys(CLASSES, 0))[e.cls] += 1
        return dict(sorted(out.items()))

    def totals(self) -> dict[str, int]:
        c = Counter(e.cls for e in self.entries)
        return {k: c[k] for k in CLASSES}

    def unaccounted(self, page: int | None = None) -> list[Entry]:
        return [
            e for e in self.entries if e.cls == "unaccounted" and (page is None or e.page == page)
        ]


def format_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {counts[k]}" for k in CLASSES)


def _inside(w: Word, box: Box) -> bool:
    _, x0, top, x1, bottom = box
    xc, yc = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return x0 - BOX_SLACK <= xc <= x1 + BOX_SLACK and top - BOX_SLACK <= yc <= bottom + BOX_SLACK


def _column_numbers(line: Line) -> list[Word]:
    """Numbers of `line` that stand in a column of their own (a table cell)."""
    out: list[Word] = []
    prev: Word | None = None
    for w in line.words:
        numeric = is_number(w.text) or is_percent(w.text)
        if numeric and prev is not None and w.x0 - prev.x1 > COLUMN_GAP * w.size:
            out.append(w)
        elif numeric and out and out[-1] is prev:
            out.append(w)  # "85 %" or numbers set close together after a column gap
        prev = w
    return out


def _copies_area_points(rows: list[tuple[Line, list[Word]]], points: dict) -> bool:
    """A score overview printed besides the history (area, points, max): every area row
    repeats the points read from the area's own table, so nothing in it is lost."""
    from parsers.text import number

    agree, total = 0, False
    known = [v for v in points.values() if v is not None]
    for ln, nums in rows:
        m = _AREA_LABEL.match(ln.words[0].text) if ln.words else None
        if not nums:
            continue
        if m is None:
            first = ln.words[0].text.casefold().rstrip(":")
            total = total or (first in TOTAL_LABELS and number(nums[0].text) == sum(known))
            continue
        if points.get(int(m.group(1))) != number(nums[0].text):
            return False
        agree += 1
    return agree >= 2 or (agree >= 1 and total)  # a summary's rest on the next page


def _is_contents(rows: list[tuple[Line, list[Word]]], pages: int) -> bool:
    """A table of contents: dot leaders, or one increasing page number per row."""
    if any(_LEADER.search(w.text) for ln, _ in rows for w in ln.words):
        return True
    if all(len(nums) == 1 for _, nums in rows):
        values = [nums[0].text for _, nums in rows]
        if all(v.isdigit() and int(v) <= pages for v in values):
            ints = [int(v) for v in values]
            return ints == sorted(ints)
    return False


def _looks_like_history(rows: list[tuple[Line, list[Word]]], inst: Instrument) -> bool:
    """Area numbers or names against one to three years, in either orientation."""
    year_rows = [ln for ln, _ in rows if sum(1 for w in ln.words if YEAR.match(w.text)) >= 1]
    area_rows = 0
    for ln, nums in rows:
        head = ln.words[0].text if ln.words else ""
        label = " ".join(w.text for w in ln.words if w not in nums)
        named = any(
            a.match(re.sub(r"^[1-8][.):]?\s*", "", label)) >= MATCH_THRESHOLD for a in inst.areas
        )
        if (_AREA_LABEL.match(head) or named) and 1 <= len(nums) <= MAX_NUMBER_COLUMNS:
            area_rows += 1
    if year_rows and area_rows >= MIN_HISTORY_AREA_ROWS:
        return True
    # transposed: a row of area numbers 1…8 as column titles, a row per year
    for ln, _ in rows:
        small = [w.text.rstrip(".") for w in ln.words if w.text.rstrip(".").isdigit()]
        if len(small) >= MIN_HISTORY_ROWS and [int(s) for s in small] == list(
            range(1, len(small) + 1)
        ):
            years = [r for r, _ in rows if r.words and YEAR.match(r.words[0].text)]
            if 1 <= len(years) <= MAX_NUMBER_COLUMNS:
                return True
    return False


def _quote(words: list[Word]) -> str:
    text = " ".join(w.text for w in words[:QUOTE_WORDS])
    return f"'{text} …'" if len(words) > QUOTE_WORDS else f"'{text}'"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def account(
    doc: Document,
    style: BodyStyle,
    tables: dict[int, ScoreTable],
    history: HistoryTable | None,
    findings: dict[int, AreaFindings],
    inst: Instrument,
    year: int,
    points: dict[int, float | None] | None = None,
    area_of: Callable[[int], int | None] | None = None,
) -> Ledger:
    """Classify every word of `doc` against what the parser recorded; the warnings name each
    place where words were left unread."""
    lines = doc.lines
    n = len(lines)
    cls: dict[int, tuple[str, str]] = {}  # id(word) → (class, what)
    part_of: list[str | None] = [None] * n  # the recognised part a line lies in

    def mark(words: list[Word], c: str, what: str) -> None:
        for w in words:
            cls.setdefault(id(w), (c, what))

    # fields: everything inside a box the parser recorded as read
    boxes: dict[int, list[tuple[Box, str]]] = {}

    def add_box(b: Box | None, what: str) -> None:
        if b is not None:
            boxes.setdefault(b[0], []).append((b, what))

    for t in tables.values():
        for q in t.questions:
            for b in q.boxes:
                add_box(b, "question")
        add_box(t.total_box, "total")
    histories = [history] if history is not None else []
    if history is not None:
        # a report with a history table may print the closing summary too: read by the same
        # code as in reports without history, it is accounted for when it agrees with the
        # areas' points
        summary = _summary_copy(lines, year, points, history.start)
        if summary is not None:
            histories.append(summary)
    for h in histories:
        for _, b in h.row_boxes:
            add_box(b, "history")
    for found in findings.values():
        for kind, items in (("strength", found.strengths), ("improvement", found.improvements)):
            for item in items:
                for b in item.boxes:
                    add_box(b, kind)
    for ln in lines:
        page_boxes = boxes.get(ln.page)
        if not page_boxes:
            continue
        top, bottom = ln.top - BOX_SLACK, ln.bottom + BOX_SLACK
        near = [(b, what) for b, what in page_boxes if b[2] <= bottom and b[4] >= top]
        for w in ln.words:
            for b, what in near:
                if _inside(w, b):
                    cls[id(w)] = ("field", what)
                    break

    # recognised parts: the line ranges the parser read
    def claim(start: int, end: int, label: str) -> None:
        for k in range(max(0, start), min(n, end)):
            if part_of[k] is None:
                part_of[k] = label

    for number, t in tables.items():
        if t.start < 0:
            continue
        label = f"area {number} score table"
        claim(t.start, t.end, label)
        mark(lines[t.start].words, "field", "heading")
        first_q = min(
            (k for k in range(t.start + 1, t.end) if _has_field(lines[k], cls)), default=t.end
        )
        cols_x0 = _columns_x0(lines[t.start])
        for k in range(t.start + 1, t.end):
            ln = lines[k]
            repeated = is_header(ln)
            name_line = k < first_q and not _column_numbers(ln)
            wrapped_name = not _column_numbers(ln) and ln.text in t.name and not _has_field(ln, cls)
            if repeated or name_line or (wrapped_name and len(ln.text) > 2):
                mark(ln.words, "field", "heading")
            elif cols_x0 is not None:  # a wrapped column title ("Uppnådd" / "poäng")
                under = [w for w in ln.words if w.x0 >= cols_x0 - 2 and not is_number(w.text)]
                mark([w for w in under if w.text != "%"], "field", "heading")
    warnings: list[Warning] = []
    misread = False
    for h in histories:
        if h.start < 0 or not h.row_boxes:
            continue
        last_page = max(b[0] for _, b in h.row_boxes)
        last_bottom = max(b[4] for _, b in h.row_boxes if b[0] == last_page)
        end = h.start + 1
        while end < n and (lines[end].page, lines[end].top) <= (last_page, last_bottom):
            end += 1
        titled = lines[h.start].words[-1].text  # a history header ends with its years
        claim(h.start, end, "history table" if YEAR.match(titled) else "closing summary")
        mark(lines[h.start].words, "field", "heading")
        first_row = min(
            (k for k in range(h.start + 1, end) if _has_field(lines[k], cls)), default=end
        )
        header_texts = {lines[h.start].text}
        printed = [str(y) for y in h.years]
        for k in range(h.start + 1, end):
            ln = lines[k]
            years = [w.text for w in ln.words if YEAR.match(w.text)]
            # the header's wrapped rest (or a column-title row): right under it
            rest = k < first_row and k - h.start <= HEADER_WRAP_LINES and not _column_numbers(ln)
            if rest or ln.text in header_texts or years == printed:
                mark(ln.words, "field", "heading")  # the header's wrapped rest, or repeated
                if k < first_row:
                    header_texts.add(ln.text)
            elif len(years) >= 2 and h is history and not misread:
                misread = True
                warnings.append(
                    Warning(
                        "incomplete_history",
                        f"the history table prints the years {' '.join(years)}, but its rows "
                        f"were read for {' '.join(printed)}",
                        ln.page,
                    )
                )
    for number, found in findings.items():
        label = f"area {number} findings"
        for start, end in found.spans:
            claim(start, end, label)
            for k in range(start, end):
                if header_kind(lines[k]) is not None:
                    mark(lines[k].words, "field", "heading")

    # outside the parts: headings, the inspiration sections, number-bearing rows, prose
    k = 0
    while k < n:
        ln = lines[k]
        if (
            part_of[k] is None
            and INSPIRATION.match(ln.text.strip())
            and len(ln.text) <= INSPIRATION_HEADING_MAX_CHARS
        ):
            mark(ln.words, "field", "heading")
            j = k + 1
            while j < n and part_of[j] is None and not is_heading(lines[j], style):
                if re.match(r"^\d+(?:\.\d+)*\.?\s+[A-ZÅÄÖ]", lines[j].text):
                    break
                mark(lines[j].words, "field", "inspiration")
                j += 1
            k = j
            continue
        heading = is_heading(ln, style) or header_kind(ln) is not None
        if part_of[k] is None and heading and not _column_numbers(ln):
            mark(ln.words, "field", "heading")
        k += 1

    warnings += _number_tables(
        lines, part_of, cls, inst, len(doc.pages), history, points or {}, area_of
    )

    # words in a recognised part that are in nothing read: unread_text, one warning per part
    unread: dict[str, list[Line]] = {}
    for label, k in _over_the_flow(lines, part_of):
        warnings.append(
            Warning(
                "unread_text",
                f"{label}: text that lies over the running text (a floating text box?) was "
                f"read into it: {_quote(lines[k].words)}",
                lines[k].page,
            )
        )
    for k in _beside_the_flow(doc, lines, part_of, cls):
        area = area_of(k) if area_of is not None else None
        part_of[k] = (
            f"area {area}: text beside the running text" if area else "text beside the running text"
        )
    for k, ln in enumerate(lines):
        label = part_of[k]
        if label is None:
            continue
        left = [w for w in ln.words if id(w) not in cls]
        if left:
            mark(left, "unaccounted", label)
            unread.setdefault(label, []).append(Line(left, ln.page))
    for label, got in unread.items():
        words = [w for ln in got for w in ln.words]
        warnings.append(
            Warning(
                "unread_text",
                f"{label}: {_plural(len(got), 'line')} not read: {_quote(words)}",
                got[0].page,
            )
        )

    warnings += _empty_findings(lines, findings, tables)

    entries = [
        Entry(w, ln.page, "furniture", "furniture") for ln in doc.footer_lines for w in ln.words
    ]
    for ln in lines:
        for w in ln.words:
            c, what = cls.get(id(w), ("prose", "prose"))
            entries.append(Entry(w, ln.page, c, what))
    return Ledger(entries, warnings)


def _columns_x0(header: Line) -> float | None:

    titles = (*POINTS_HEADERS, *MAX_HEADERS, *PERCENT_HEADERS)
    xs = [w.x0 for w in header.words if w.text.casefold().rstrip(":") in titles]
    return min(xs) if xs else None


def _summary_copy(
    lines: list[Line], year: int, points: dict[int, float | None] | None, history_start: int
) -> HistoryTable | None:
    """The closing summary printed besides a history table, if its points are the areas'."""
    if not points:
        return None
    k = 0
    while k < len(lines):
        found = find_summary(lines[k:], year)
        if found is None:
            return None
        found.start += k
        got = {c.area_number: c.points for c in found.cells if c.area_number is not None}
        title = lines[found.start]
        contents = any(_LEADER.search(w.text) for w in title.words)  # a contents entry
        agrees = got and all(points.get(a) == v for a, v in got.items())
        if found.start != history_start and agrees and not contents:
            return found
        k = found.start + 1
    return None


#: Two lines side by side share this share of their height: one floats beside the other.
SIDE_BY_SIDE = 0.3


def _beside_the_flow(
    doc: Document, lines: list[Line], part_of: list[str | None], cls: dict
) -> list[int]:
    """Indices of running-text lines that sit beside other running text, overlapping it in
    height, away from the page's left text edge: a floating text box or frame, whose text the
    parser does not follow (one flow of text never overlaps itself)."""
    out: list[int] = []
    by_page: dict[int, list[int]] = {}
    for k, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append(k)
    for ks in by_page.values():
        if len(ks) < 2:
            continue
        left = Counter(round(lines[k].x0) for k in ks).most_common(1)[0][0]
        flow = [lines[j] for j in ks if abs(lines[j].x0 - left) < 2 * lines[j].size]
        for k in ks:
            a = lines[k]
            if part_of[k] is not None or any(id(w) in cls for w in a.words):
                continue
            if abs(a.x0 - left) < 2 * a.size:
                continue
            for b in flow:
                overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
                if overlap > SIDE_BY_SIDE * (a.bottom - a.top):
                    out.append(k)
                    break
    return out


def _over_the_flow(lines: list[Line], part_of: list[str | None]) -> list[tuple[str, int]]:
    """(part, index) of the first line of a findings part that overlaps, in height, a line
    outside every part on its page: two flows of text over each other, one of them floating.
    Lines of one flow never overlap, and a part ends before the heading that follows it."""
    out: list[tuple[str, int]] = []
    by_page: dict[int, list[int]] = {}
    for k, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append(k)
    seen: set[str] = set()
    for ks in by_page.values():
        outside = [lines[j] for j in ks if part_of[j] is None]
        for k in ks:
            label = part_of[k]
            if label is None or not label.endswith("findings") or label in seen:
                continue
            a = lines[k]
            for b in outside:
                overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
                if overlap > SIDE_BY_SIDE * (a.bottom - a.top):
                    out.append((label, k))
                    seen.add(label)
                    break
    return out


def _has_field(line: Line, cls: dict[int, tuple[str, str]]) -> bool:
    return any(cls.get(id(w), ("", ""))[0] == "field" for w in line.words)


def _number_tables(
    lines: list[Line],
    part_of: list[str | None],
    cls: dict[int, tuple[str, str]],
    inst: Instrument,
    pages: int,
    history: HistoryTable | None,
    points: dict[int, float | None],
    area_of: Callable[[int], int | None] | None,
) -> list[Warning]:
    """Number-bearing rows outside every recognised part that became no field: a table the
    parser did not read. Rows on one page, at most one label line apart, form one table."""
    out: list[Warning] = []
    rows: list[tuple[int, list[Word]]] = []
    for k, ln in enumerate(lines):
        if part_of[k] is not None or _has_field(ln, cls):
            continue
        nums = [w for w in _column_numbers(ln) if id(w) not in cls]
        if nums:
            rows.append((k, nums))
    groups: list[list[tuple[int, list[Word]]]] = []
    for k, nums in rows:
        g = groups[-1] if groups else None
        between = range(g[-1][0] + 1, k) if g else range(0)
        loose = all(part_of[j] is None and not _has_field(lines[j], cls) for j in between)
        if (
            g
            and lines[g[-1][0]].page == lines[k].page
            and len(between) <= TABLE_ROW_MAX_LINES_APART
            and loose
        ):
            g.append((k, nums))
        else:
            groups.append([(k, nums)])
    for g in groups:
        table = [(lines[k], nums) for k, nums in g]
        if sum(len(nums) for _, nums in table) < 2 or _is_contents(table, pages):
            continue
        first, last = g[0][0], g[-1][0]
        if _copies_area_points(table, points):
            for k in range(first, last + 1):
                for w in lines[k].words:
                    cls.setdefault(id(w), ("field", "summary"))
            continue
        # the title row just above ("Poäng i Kommunkompassen" with the years) belongs to it
        span = range(first, last + 1)
        words = [w for k in span for w in lines[k].words if id(w) not in cls]
        page = lines[first].page
        area = area_of(first) if area_of is not None else None
        where = f"area {area}: " if area is not None else ""
        if _looks_like_history(table, inst):
            what = "history table (not read)"
            head = "a table that looks like the history table"
            if history is not None and history.row_boxes:
                head += f" (besides the one read on p. {history.page})"
            out.append(
                Warning(
                    "incomplete_history",
                    f"{head} was not read: {_quote(words)}",
                    page,
                )
            )
        else:
            what = "table (not read)"
            out.append(
                Warning(
                    "unread_numbers", f"{where}a table with numbers not read: {_quote(words)}", page
                )
            )
        for k in span:
            for w in lines[k].words:
                cls.setdefault(id(w), ("unaccounted", what))
    return out


def _empty_findings(
    lines: list[Line], findings: dict[int, AreaFindings], tables: dict[int, ScoreTable]
) -> list[Warning]:
    """A findings heading printed with nothing read under it (an empty column, a list
    whose items the parser could not follow)."""
    out = []
    for number, found in sorted(findings.items()):
        kinds: set[str] = set()
        for start, _ in found.spans:
            kind = header_kind(lines[start])
            kinds |= {"strengths", "improvements"} if kind == "table" else {kind or ""}
        page = lines[found.spans[0][0]].page if found.spans else None
        if not (found.strengths or found.improvements):
            continue  # completeness.assess says it (missing_findings)
        for kind in sorted(kinds & {"strengths", "improvements"}):
            if not getattr(found, kind):
                name = "strengths" if kind == "strengths" else "improvements"
                t = tables.get(number)
                out.append(
                    Warning(
                        "missing_findings",
                        f"area {number}: the findings print a heading for {name}, "
                        f"but no {name} were read under it",
                        page if page is not None else (t.page if t else None),
                    )
                )
    return out
