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
- `incomplete_history` also for a history header whose printed years are not the years read,
  and for a table-sized picture before area 1 when no history table was read there (a history
  pasted as a picture has no words: the image is all a text reader sees of it);
- `missing_findings`: a findings heading printed with nothing read under it;
- `unread_text` also for a finding whose text still starts with a list label ("1. …"): the
  list was not read as a list.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from parsers.findings import AreaFindings, header_kind
from parsers.history import HistoryTable, find_summary
from parsers.pdf import Box, Document, Line, Word
from parsers.scores import ScoreTable, is_header
from parsers.sections import INSPIRATION
from parsers.text import HYPHENS, is_number, is_percent, strip_label
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


def _quote_text(text: str) -> str:
    words = text.split()
    quoted = " ".join(words[:QUOTE_WORDS])
    return f"'{quoted} …'" if len(words) > QUOTE_WORDS else f"'{quoted}'"


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
    tag_findings: dict[int, AreaFindings] | None = None,
) -> Ledger:
    """Classify every word of `doc` against what the parser recorded; the warnings name each
    place where words were left unread. A tagged report's findings are the tags' reading
    (`tag_findings`) while its words are accounted against the layout's: a word the layout
    left unread in an area's findings that the tags' items of that area hold is read, and
    the layout's findings warnings of an area the tags read are not the record's.

    The walk, one step each (`_Walk`), in this order because a word keeps the first class it
    is given: the words inside the recorded boxes are fields; the recognised parts (score
    tables, history tables, findings sections) are claimed with their headings; headings and
    the inspiration sections outside the parts are fields; number tables outside the parts
    that became no field are warned about; text floating over or beside the running text is
    looked at; what is left in a part is unread text; then the findings' own warnings."""
    walk = _Walk(doc.lines, tag_findings)
    histories = _histories(walk.lines, history, year, points)
    walk.mark_recorded_boxes(tables, histories, findings)
    walk.claim_score_tables(tables)
    walk.claim_histories(histories, history)
    walk.claim_findings(findings)
    walk.mark_outside_parts(style)
    walk.warnings += _number_tables(
        walk.lines, walk.part_of, walk.cls, inst, len(doc.pages), history, points or {}, area_of
    )
    walk.flag_text_over_the_flow()
    walk.claim_text_beside_the_flow(area_of)
    walk.mark_unread_text()
    warnings = walk.warnings
    warnings += empty_headings(walk.lines, findings, tag_findings, tables)
    warnings += _labels_in_text(tag_findings or findings)  # the record's findings
    if not doc.ocr and not any(w.code == "incomplete_history" for w in warnings):
        warnings += _history_picture(doc, style, history, area_of)
    return Ledger(walk.entries(doc.footer_lines), warnings)


def _histories(
    lines: list[Line], history: HistoryTable | None, year: int, points: dict | None
) -> list[HistoryTable]:
    """The history tables whose words are fields: the one read, and the closing summary when
    the report prints both."""
    histories = [history] if history is not None else []
    if history is not None:
        # a report with a history table may print the closing summary too: read by the same
        # code as in reports without history, it is accounted for when it agrees with the
        # areas' points
        summary = _summary_copy(lines, year, points, history.start)
        if summary is not None:
            histories.append(summary)
    return histories


class _Walk:
    """The ledger's state while it walks the document: each word's class so far (a word keeps
    the first class it is given, except that a recorded box makes it a field), the recognised
    part each line lies in, and the warnings in the order they are found."""

    def __init__(
        self, lines: list[Line], tag_findings: dict[int, AreaFindings] | None = None
    ) -> None:
        self.lines = lines
        self.n = len(lines)
        self.spans = [(ln.top, ln.bottom) for ln in lines]  # (top, bottom): computed once
        self.cls: dict[int, tuple[str, str]] = {}  # id(word) → (class, what)
        self.part_of: list[str | None] = [None] * self.n  # the recognised part a line lies in
        self.warnings: list[Warning] = []
        #: per area, the words of the tags' findings (a tagged report)
        self.tag_words: dict[int, Counter[str]] = {
            n: Counter(w for i in f.strengths + f.improvements for w in i.text.split())
            for n, f in (tag_findings or {}).items()
        }
        #: per area, the words of text boxes anchored in the tags' findings (`tag_losses` says
        #: them unread already)
        self.aside_words: dict[int, Counter[str]] = {
            n: Counter(w.text for w in f.aside_words()) for n, f in (tag_findings or {}).items()
        }

    def mark(self, words: list[Word], c: str, what: str) -> None:
        """Give the words a class, unless an earlier step gave them one."""
        for w in words:
            self.cls.setdefault(id(w), (c, what))

    def claim(self, start: int, end: int, label: str) -> None:
        """Lines `start`…`end - 1` lie in the recognised part `label` (unless already in one)."""
        for k in range(max(0, start), min(self.n, end)):
            if self.part_of[k] is None:
                self.part_of[k] = label

    def mark_recorded_boxes(
        self,
        tables: dict[int, ScoreTable],
        histories: list[HistoryTable],
        findings: dict[int, AreaFindings],
    ) -> None:
        """Fields: every word inside a box the parser recorded as read (a question row, an
        area total, a history row, a finding). First, because it is what the parser read."""
        boxes: dict[int, list[tuple[Box, str]]] = {}

        def add_box(b: Box | None, what: str) -> None:
            if b is not None:
                boxes.setdefault(b[0], []).append((b, what))

        for t in tables.values():
            for q in t.questions:
                for b in q.boxes:
                    add_box(b, "question")
            add_box(t.total_box, "total")
        for h in histories:
            for _, b in h.row_boxes:
                add_box(b, "history")
        for found in findings.values():
            for kind, items in (("strength", found.strengths), ("improvement", found.improvements)):
                for item in items:
                    for b in item.boxes:
                        add_box(b, kind)
        for ln, (top, bottom) in zip(self.lines, self.spans, strict=True):
            page_boxes = boxes.get(ln.page)
            if not page_boxes:
                continue
            top, bottom = top - BOX_SLACK, bottom + BOX_SLACK
            near = [(b, what) for b, what in page_boxes if b[2] <= bottom and b[4] >= top]
            for w in ln.words:
                for b, what in near:
                    if _inside(w, b):
                        self.cls[id(w)] = ("field", what)
                        break

    def claim_score_tables(self, tables: dict[int, ScoreTable]) -> None:
        """Recognised parts: each area's score table, its header, repeated header rows, the
        area name's lines and wrapped column titles as headings."""
        lines = self.lines
        for number, t in tables.items():
            if t.start < 0:
                continue
            self.claim(t.start, t.end, f"area {number} score table")
            self.mark(lines[t.start].words, "field", "heading")
            first_q = min(
                (k for k in range(t.start + 1, t.end) if _has_field(lines[k], self.cls)),
                default=t.end,
            )
            cols_x0 = _columns_x0(lines[t.start])
            titles = True  # right under a header row (the first, or one repeated)
            under_name = False  # right under a header row's name or its wrapped part
            for k in range(t.start + 1, t.end):
                ln = lines[k]
                repeated = is_header(ln)
                name_line = k < first_q and not _column_numbers(ln)
                wrapped_name = (
                    not _column_numbers(ln) and ln.text in t.name and not _has_field(ln, self.cls)
                )
                # a piece of the name of two letters or fewer only right under the rest of it
                # ("Verksamhetsutvecklin" / "g" in a header row repeated on the next page)
                if repeated or name_line or (wrapped_name and (len(ln.text) > 2 or under_name)):
                    self.mark(ln.words, "field", "heading")
                    titles = repeated or titles
                    under_name = True
                    continue
                under_name = False
                if _has_field(ln, self.cls) or _column_numbers(ln):
                    titles = False  # a question's row: its text and numbers are read
                if titles and cols_x0 is not None:  # a wrapped column title ("Uppnådd" / "poäng")
                    under = [w for w in ln.words if w.x0 >= cols_x0 - 2 and not is_number(w.text)]
                    self.mark([w for w in under if w.text != "%"], "field", "heading")

    def claim_histories(self, histories: list[HistoryTable], history: HistoryTable | None) -> None:
        """Recognised parts: the history table (and a closing summary) down to its last row
        read, its header and header rows as headings; a header whose years are not the years
        read is `incomplete_history` (once)."""
        misread = False
        for h in histories:
            if h.start < 0 or not h.row_boxes:
                continue
            end = self._history_end(h)
            titled = self.lines[h.start].words[-1].text  # a history header ends with its years
            label = "history table" if YEAR.match(titled) else "closing summary"
            self.claim(h.start, end, label)
            self.mark(self.lines[h.start].words, "field", "heading")
            misread, header_texts = self._history_headers(h, end, h is history, misread)
            # the header row repeated at the top of the next page after the last row (Word
            # and LibreOffice repeat it when the table ends right at the foot of a page)
            k = end
            while (
                k < self.n
                and self.lines[k].page != self.lines[end - 1].page
                and self.lines[k].text in header_texts
            ):
                self.claim(k, k + 1, label)
                self.mark(self.lines[k].words, "field", "heading")
                k += 1

    def _history_end(self, h: HistoryTable) -> int:
        """The line after the history's last row read."""
        lines = self.lines
        last_page = max(b[0] for _, b in h.row_boxes)
        last_bottom = max(b[4] for _, b in h.row_boxes if b[0] == last_page)
        end = h.start + 1
        while end < self.n and (lines[end].page, lines[end].top) <= (last_page, last_bottom):
            end += 1
        return end

    def _history_headers(
        self, h: HistoryTable, end: int, the_one: bool, misread: bool
    ) -> tuple[bool, set[str]]:
        """Mark the history's header rows (its wrapped rest, a repeated header) as headings,
        and warn when the years printed are not the years read (`the_one`: the history table
        read, not a summary copy). Returns whether that was warned (so far), and the header
        rows' texts."""
        lines = self.lines
        first_row = min(
            (k for k in range(h.start + 1, end) if _has_field(lines[k], self.cls)), default=end
        )
        header_texts = {lines[h.start].text}
        printed = [str(y) for y in h.years]
        head_years = [w.text for w in lines[h.start].words if YEAR.match(w.text)]
        if the_one and len(head_years) >= 2 and head_years != printed:
            misread = True
            self.warnings.append(_misread_years(head_years, printed, lines[h.start].page))
        for k in range(h.start + 1, end):
            ln = lines[k]
            years = [w.text for w in ln.words if YEAR.match(w.text)]
            # the header's wrapped rest (or a column-title row): right under it
            rest = k < first_row and k - h.start <= HEADER_WRAP_LINES and not _column_numbers(ln)
            if rest or ln.text in header_texts or years == printed:
                self.mark(ln.words, "field", "heading")  # the header's wrapped rest, or repeated
                if k < first_row:
                    header_texts.add(ln.text)
            elif len(years) >= 2 and the_one and not misread:
                misread = True
                self.warnings.append(_misread_years(years, printed, ln.page))
        return misread, header_texts

    def claim_findings(self, findings: dict[int, AreaFindings]) -> None:
        """Recognised parts: each area's findings sections, their headings as headings."""
        for number, found in findings.items():
            label = f"area {number} findings"
            for start, end in found.spans:
                self.claim(start, end, label)
                for k in range(start, end):
                    if header_kind(self.lines[k]) is not None:
                        self.mark(self.lines[k].words, "field", "heading")

    def mark_outside_parts(self, style: BodyStyle) -> None:
        """Outside the parts: headings, and the inspiration sections (heading and text) as
        fields; the rest stays prose (or is found in a number table next)."""
        lines, n, part_of = self.lines, self.n, self.part_of
        k = 0
        while k < n:
            ln = lines[k]
            if (
                part_of[k] is None
                and INSPIRATION.match(ln.text.strip())
                and len(ln.text) <= INSPIRATION_HEADING_MAX_CHARS
            ):
                self.mark(ln.words, "field", "heading")
                j = k + 1
                while j < n and part_of[j] is None and not is_heading(lines[j], style):
                    if re.match(r"^\d+(?:\.\d+)*\.?\s+[A-ZÅÄÖ]", lines[j].text):
                        break
                    self.mark(lines[j].words, "field", "inspiration")
                    j += 1
                k = j
                continue
            if part_of[k] is not None:
                k += 1
                continue
            heading = is_heading(ln, style) or header_kind(ln) is not None
            if heading and not _column_numbers(ln):
                self.mark(ln.words, "field", "heading")
            k += 1

    def flag_text_over_the_flow(self) -> None:
        """`unread_text` for a findings part whose lines lie over the running text (a floating
        text box read into it), unless the tags read that area."""
        lines = self.lines
        for label, k in _over_the_flow(lines, self.spans, self.part_of):
            if _area_in(label) in self.tag_words:
                continue  # the tags' list is read from the structure tree, not from positions
            self.warnings.append(
                Warning(
                    "unread_text",
                    f"{label}: text that lies over the running text (a floating text box?) was "
                    f"read into it: {_quote(lines[k].words)}",
                    lines[k].page,
                )
            )

    def claim_text_beside_the_flow(self, area_of: Callable[[int], int | None] | None) -> None:
        """Running text beside other running text (a floating text box) in an area, after the
        area's first part, is a part of its own: its words are then unread text."""
        first_part: dict[int | None, int] = {}
        for k, label in enumerate(self.part_of):
            if label is not None:
                first_part.setdefault(_area_in(label), k)
        for k in _beside_the_flow(self.lines, self.spans, self.part_of, self.cls):
            area = area_of(k) if area_of is not None else None
            if area is None or first_part.get(area, len(self.lines)) > k:
                continue  # an aside (a fact box) beside an introduction, before any part: prose
            self.part_of[k] = f"area {area}: text beside the running text"

    def mark_unread_text(self) -> None:
        """Words in a recognised part that are in nothing read: unaccounted, one `unread_text`
        per part (a word the tags' findings of the area hold is read)."""
        unread: dict[str, list[Line]] = {}
        pieces = self._broken_pieces()
        for k, ln in enumerate(self.lines):
            label = self.part_of[k]
            if label is None:
                continue
            left = [w for w in ln.words if id(w) not in self.cls]
            held = self.tag_words.get(_area_in(label), Counter())
            if left and held and all(held[w.text] or id(w) in pieces for w in left):
                self.mark(left, "field", "finding (tags)")
                continue
            if left:
                self.mark(left, "unaccounted", label)
                boxed = self.aside_words.get(_area_in(label), Counter())
                if not all(boxed[w.text] for w in left):
                    unread.setdefault(label, []).append(Line(left, ln.page))
        for label, got in unread.items():
            words = [w for ln in got for w in ln.words]
            self.warnings.append(
                Warning(
                    "unread_text",
                    f"{label}: {_plural(len(got), 'line')} not read: {_quote(words)}",
                    got[0].page,
                )
            )

    def _broken_pieces(self) -> set[int]:
        """Ids of the words of each area's findings parts that are the two pieces of a word of
        the tags' findings broken at a line end with a hyphen ("civilsam-" / "hällets")."""
        by_area: dict[int, list[Word]] = {}
        for k, ln in enumerate(self.lines):
            area = _area_in(self.part_of[k] or "")
            if area in self.tag_words:
                by_area.setdefault(area, []).extend(w for w in ln.words if id(w) not in self.cls)
        out: set[int] = set()
        for area, words in by_area.items():
            joined = rejoined([w.text for w in words], self.tag_words[area])
            out.update(id(words[i]) for i in joined)
        return out

    def entries(self, footer_lines: list[Line]) -> list[Entry]:
        """Every word with its class: the running headers and footers first, then each line's
        words (a word no step classed is prose)."""
        entries = [
            Entry(w, ln.page, "furniture", "furniture") for ln in footer_lines for w in ln.words
        ]
        for ln in self.lines:
            for w in ln.words:
                c, what = self.cls.get(id(w), ("prose", "prose"))
                entries.append(Entry(w, ln.page, c, what))
        return entries


def _misread_years(printed: list[str], read: list[str], page: int) -> Warning:
    """`incomplete_history`: the history prints other years than its rows were read for."""
    return Warning(
        "incomplete_history",
        f"the history table prints the years {' '.join(printed)}, but its rows "
        f"were read for {' '.join(read)}",
        page,
    )


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


#: A picture stands for a table when it is at least this share of the page's width wide (a
#: logo or a photo in a margin is narrower than a table across the text block) …
PICTURE_WIDTH = 1 / 3
#: … and at least this many body lines tall (a header row and a few area rows).
PICTURE_LINES = 4
#: A body line's pitch as a share of its font size (single spacing: the usual leading).
LINE_PITCH_EM = 1.2


def _history_picture(
    doc: Document,
    style: BodyStyle,
    history: HistoryTable | None,
    area_of: Callable[[int], int | None] | None,
) -> list[Warning]:
    """A history table printed as a picture: no words at all, only an image. When nothing
    was read as the history before the first area (where reports print it: the summary after
    the introduction), a table-sized image there, after the cover, is where the history went.
    (A chart there is flagged too: a picture of numbers is never read without OCR.)"""
    lines = doc.lines
    if area_of is None or not lines:
        return []
    first = next((k for k in range(len(lines)) if area_of(k) is not None), None)
    if first is None:
        return []
    if history is not None and history.row_boxes and 0 <= history.start < first:
        return []
    end = (lines[first].page, lines[first].top)
    tall = PICTURE_LINES * style.size * LINE_PITCH_EM
    for page in doc.pages:
        if page.number == 1 or page.number > end[0]:
            continue
        for x0, top, x1, bottom in page.images:
            if (page.number, top) >= end:
                continue
            if x1 - x0 >= PICTURE_WIDTH * page.width and bottom - top >= tall:
                return [
                    Warning(
                        "incomplete_history",
                        f"a picture ({x1 - x0:.0f} × {bottom - top:.0f} pt) stands before area 1, "
                        "where a report prints its history table, and no history table was "
                        "read: a table printed as a picture has no text to read (OCR could)",
                        page.number,
                    )
                ]
    return []


#: Two lines side by side share this share of their height: one floats beside the other.
SIDE_BY_SIDE = 0.3


class _Band:
    """The vertical extents of some lines of a page, to ask which of them one line overlaps."""

    def __init__(self, spans: list[tuple[float, float]]):
        self.spans = sorted(spans)
        self.tops = [t for t, _ in self.spans]
        self.tallest = max((b - t for t, b in self.spans), default=0.0)

    def overlaps(self, span: tuple[float, float]) -> bool:
        """Does a line share more than SIDE_BY_SIDE of `span`'s height with one of them?"""
        top, bottom = span
        need = SIDE_BY_SIDE * (bottom - top)
        for i in range(bisect_left(self.tops, bottom) - 1, -1, -1):
            t, b = self.spans[i]
            if t < top - self.tallest:
                break  # every line further up ends above `span`
            if min(bottom, b) - max(top, t) > need:
                return True
        return False


def _beside_the_flow(
    lines: list[Line],
    spans: list[tuple[float, float]],
    part_of: list[str | None],
    cls: dict,
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
        flow = _Band([spans[j] for j in ks if abs(lines[j].x0 - left) < 2 * lines[j].size])
        for k in ks:
            a = lines[k]
            if part_of[k] is not None or any(id(w) in cls for w in a.words):
                continue
            if abs(a.x0 - left) < 2 * a.size:
                continue
            if flow.overlaps(spans[k]):
                out.append(k)
    return out


def _over_the_flow(
    lines: list[Line], spans: list[tuple[float, float]], part_of: list[str | None]
) -> list[tuple[str, int]]:
    """(part, index) of the first line of a findings part that overlaps, in height, a line
    outside every part on its page: two flows of text over each other, one of them floating.
    Lines of one flow never overlap, and a part ends before the heading that follows it."""
    out: list[tuple[str, int]] = []
    by_page: dict[int, list[int]] = {}
    for k, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append(k)
    seen: set[str] = set()
    for ks in by_page.values():
        outside = _Band([spans[j] for j in ks if part_of[j] is None])
        for k in ks:
            label = part_of[k]
            if label is None or not label.endswith("findings") or label in seen:
                continue
            if outside.overlaps(spans[k]):
                out.append((label, k))
                seen.add(label)
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
    parser did not read. Rows a few label lines apart form one table (`_row_groups`)."""
    out: list[Warning] = []
    for g in _row_groups(lines, part_of, cls):  # grouped before any word is classed below
        table = [(lines[k], nums) for k, nums in g]
        if sum(len(nums) for _, nums in table) < 2 or _is_contents(table, pages):
            continue
        first, last = g[0][0], g[-1][0]
        # a copy of the areas' points is a closing summary beside what was read, unless no
        # history was read at all and it looks like one: a one-year history (the evaluation's
        # own year) prints the same numbers
        copy = _copies_area_points(table, points)
        if copy and (history is not None or not _looks_like_history(table, inst)):
            for k in range(first, last + 1):
                for w in lines[k].words:
                    cls.setdefault(id(w), ("field", "summary"))
            continue
        out.append(_unread_table(lines, table, first, last, cls, inst, history, area_of))
    return out


def _row_groups(
    lines: list[Line], part_of: list[str | None], cls: dict[int, tuple[str, str]]
) -> list[list[tuple[int, list[Word]]]]:
    """The number-bearing rows outside the parts that became no field, (line index, its
    column numbers), grouped into tables: rows a few label lines apart (`_next_row`), on one
    page or across a page break."""
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
        # a title row of years only ("Poäng i 2015 2018" over a wrapped, bold "Kommunkompassen"
        # taken for a heading) belongs to the rows under it
        titled = g is not None and all(YEAR.match(w.text) for _, ns in g for w in ns)
        near = g and _next_row(lines, (g[0][0], g[-1][0]), k, cls)
        if near and (loose or titled):
            g.append((k, nums))
        else:
            groups.append([(k, nums)])
    return groups


def _next_row(
    lines: list[Line], rows: tuple[int, int], k: int, cls: dict[int, tuple[str, str]]
) -> bool:
    """Is line `k` near enough to the table's last row to be its next row (`rows`: the
    table's first and last row so far): on the same page, or at the top of the next (a table
    broken by the page: "1. Offentlighet och" at a page's foot, "2. Tillgänglighet …" at the
    next page's head), with at most `TABLE_ROW_MAX_LINES_APART` lines between them that are
    no running furniture and do not repeat a line of the table so far (a header row repeated
    on the next page brings its wrapped rest again, "Kommunkompa" / "ssen")?"""
    first, last = rows
    if lines[k].page - lines[last].page not in (0, 1):
        return False
    between = [
        j
        for j in range(last + 1, k)
        if not all(cls.get(id(w), ("", ""))[0] == "furniture" for w in lines[j].words)
    ]
    if len(between) <= TABLE_ROW_MAX_LINES_APART:
        return True
    seen = {lines[j].text for j in range(first, last + 1)}  # asked only of a far row
    return sum(lines[j].text not in seen for j in between) <= TABLE_ROW_MAX_LINES_APART


def _unread_table(
    lines: list[Line],
    table: list[tuple[Line, list[Word]]],
    first: int,
    last: int,
    cls: dict[int, tuple[str, str]],
    inst: Instrument,
    history: HistoryTable | None,
    area_of: Callable[[int], int | None] | None,
) -> Warning:
    """The warning for a table of lines `first`…`last` that was not read (`incomplete_history`
    when it looks like the history table, else `unread_numbers`); its words are unaccounted."""
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
        warning = Warning("incomplete_history", f"{head} was not read: {_quote(words)}", page)
    else:
        what = "table (not read)"
        warning = Warning(
            "unread_numbers", f"{where}a table with numbers not read: {_quote(words)}", page
        )
    for k in span:
        for w in lines[k].words:
            cls.setdefault(id(w), ("unaccounted", what))
    return warning


def empty_headings(
    lines: list[Line],
    findings: dict[int, AreaFindings],
    tag_findings: dict[int, AreaFindings] | None,
    tables: dict[int, ScoreTable],
) -> list[Warning]:
    """`missing_findings` for a findings heading with nothing read under it: in the layout's
    reading (unless the tags read that list), and in a tagged report's record, the tags'
    reading under the headings the layout found (an empty improvements list the layout had
    filled with a misplaced strength: fresh seed 4003, damaged cases 37, 245, 288)."""
    empty = [
        w
        for w in _empty_findings(lines, findings, tables)
        if not (tag_findings and _tags_have(tag_findings, w.message))
    ]
    if tag_findings:
        read = {
            n: replace(found, strengths=got.strengths, improvements=got.improvements)
            for n, found in findings.items()
            if (got := tag_findings.get(n)) is not None
        }
        empty += [w for w in _empty_findings(lines, read, tables) if w not in empty]
    return empty


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


def _labels_in_text(findings: dict[int, AreaFindings]) -> list[Warning]:
    """Findings whose text still starts with a list label ("1. Medarbetarundersökning …"): the
    list was not read as a list (its labels are never part of an item's text), so items may
    have been merged or lost with them. One warning per area."""
    out = []
    for number, found in sorted(findings.items()):
        for item in found.strengths + found.improvements:
            label, _ = strip_label(item.text)
            if label is not None:
                out.append(
                    Warning(
                        "unread_text",
                        f"area {number} findings: a list label read as part of a finding's "
                        f"text: {_quote_text(item.text)}",
                        item.page,
                    )
                )
                break
    return out


#: Words of the layout's findings of an area that the tags' findings lack, at least: fewer are
#: a hyphenation or a glyph read differently, not a lost item (an item has a few words).
MIN_LOST_WORDS = 3


def tag_losses(kept: dict[int, AreaFindings], layout: dict[int, AreaFindings]) -> list[Warning]:
    """A tagged report keeps the tags' findings; the words are accounted against the layout's
    reading. A text box anchored in an area's list (`AreaFindings.asides`) is no item of it:
    `unread_text` for that area. Words the layout reads in an area's findings that the tags'
    items (and text boxes) of that area do not hold are lost from the record: `unread_text`
    too. Words in another order (an item merged or split differently) are no loss."""
    out = []
    for number, got in sorted(kept.items()):
        boxed = got.aside_words()
        if boxed:
            out.append(
                Warning(
                    "unread_text",
                    f"area {number} findings: a text box anchored in the list is no item of it, "
                    f"not read: {_quote(boxed)}",
                    got.asides[0][0].page,
                )
            )
    for number, seen in sorted(layout.items()):
        got = kept.get(number, AreaFindings())
        have = Counter(w for i in got.strengths + got.improvements for w in i.text.split())
        have.update(w.text for w in got.aside_words())
        lost: list[str] = []
        page = None
        words = [(w, i.page) for i in seen.strengths + seen.improvements for w in i.text.split()]
        pieces = rejoined([w for w, _ in words], have)
        for k, (w, at) in enumerate(words):
            if strip_label(w) == (w, "") or k in pieces:
                continue  # a list label the layout kept in the text, or a broken word's piece
            if have[w] > 0:
                have[w] -= 1
            else:
                lost.append(w)
                page = page or at
        if len(lost) >= MIN_LOST_WORDS:
            out.append(
                Warning(
                    "unread_text",
                    f"area {number} findings: {len(lost)} words read from the page are not in "
                    f"the tags' reading: {_quote_text(' '.join(lost))}",
                    page,
                )
            )
    return out


def rejoined(words: list[str], held: Counter[str]) -> set[int]:
    """Indices of the words that are the two pieces of a word `held` holds, broken at a line
    end with a hyphen ("regel-" / "bundet," of "regelbundet,"): the layout's reading of a list
    it took apart line by line keeps the pieces the tags' reading joined."""
    out: set[int] = set()
    for k in range(len(words) - 1):
        head = words[k]
        if len(head) > 1 and head[-1] in HYPHENS and held[head[:-1] + words[k + 1]] > 0:
            out.update((k, k + 1))
    return out


def _area_in(label: str) -> int | None:
    m = re.match(r"^area (\d+)", label)
    return int(m.group(1)) if m else None


def _tags_have(tag_findings: dict[int, AreaFindings], message: str) -> bool:
    """Did the tags read the findings an `_empty_findings` message misses?"""
    found = tag_findings.get(_area_in(message) or 0)
    kind = "strengths" if "no strengths" in message else "improvements"
    return found is not None and bool(getattr(found, kind))
