"""Strengths and improvement suggestions ("Styrkor" / "Förbättringsmöjligheter").

Two layouts:
- a two-column table, headers side by side; words go to a column by x position, so a table
  broken across pages (where the left column's rest follows the right column in reading order)
  still comes out right;
- headed lists: a line "Styrkor", bullets, a line "Förbättringsområden", bullets.

An item starts at a bullet glyph; without glyphs, at a vertical gap larger than the line spacing.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from parsers.pdf import Box, Line, PageText, Word, box_of
from parsers.text import (
    HYPHENS,
    broken_word_rest,
    fills_to_edge,
    join_lines,
    label_ordinal,
    strip_label,
)
from parsers.tolerances import (
    CELLS_END_APART_EM,
    DASH_LABEL_GAP_EM,
    FIT_RIGHT_MARGIN_EM,
    FIT_WORD_SPACE_EM,
    HANGING_INDENT_PT,
    HEADER_SLACK_PT,
    INSIDE_GAP_QUANTILE,
    JUSTIFIED_EDGE_EM,
    JUSTIFIED_MIN_LINES,
    LEAD_IN_LOOKAHEAD_LINES,
    LINE_BASELINE_TOLERANCE,
    MIN_LIST_LABELS,
    MISREAD_GLYPH_CHARS,
    NUMBERED_HEADING_SIZE_RATIO,
    PARAGRAPH_GAP_EXTRA_EM,
    PARAGRAPH_GAP_MIN_EM,
    ROW_CELLS_ALIGN_EM,
    RUN_GAP_EM,
    SAME_INDENT_EM,
    SAME_ROW_PITCH_EM,
    STRADDLE_PT,
    STRAY_INDENT_SHARE,
)
from parsers.typography import BodyStyle, is_heading
from parsers.vocabulary import SECTION, broken_title, findings_title, is_header, is_side_header
from parsers.words import ENDS_LINE_GOING_ON

_END_WORDS = ("kommentar", "kommentarer", "inspiration", "goda exempel")

#: Whether the document's text is a scan's OCR (`reading_a_scan`): its lists' labels may be
#: lost, so a labelled list's item may begin without one (`_Column._lost_label`).
_SCANNED: ContextVar[bool] = ContextVar("scanned", default=False)


@contextmanager
def reading_a_scan(scanned: bool) -> Iterator[None]:
    """A scope in which the findings read are a scan's OCR (`scanned`) or a text layer's."""
    token = _SCANNED.set(scanned)
    try:
        yield
    finally:
        _SCANNED.reset(token)


_DASHES = ("-", "–")


@dataclass
class Item:
    lines: list[str]
    page: int
    boxes: list[Box] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class AreaFindings:
    strengths: list[Item] = field(default_factory=list)
    improvements: list[Item] = field(default_factory=list)
    gutters: list[Box] = field(default_factory=list)  # the column boundary per page, for inspect
    spans: list[tuple[int, int]] = field(default_factory=list)  # line ranges read, for the ledger
    #: text boxes anchored in the findings (a tagged report's P/Div): read as no item, their
    #: lines for the ledger's `unread_text`
    asides: list[list[Line]] = field(default_factory=list)

    def aside_words(self) -> list[Word]:
        """The words of the text boxes anchored in the findings, in reading order."""
        return [w for lines in self.asides for ln in lines for w in ln.words]


def _label(text: str) -> str:
    return text.casefold().strip().rstrip(":").strip()


def header_kind(line: Line) -> str | None:
    """'table' for side-by-side headers, 'strengths'/'improvements' for a list heading. A
    heading starts with a capital: "förbättringsområden" alone on a line of a narrow cell is
    the text's ("… Till utpekade" / "förbättringsområden" / "blir det …": fresh seed 4003
    case 44)."""
    if is_side_header(line):
        return "table"
    if line.text[:1].islower():
        return None
    return findings_title(line.text) or _marked_title(line)


def _marked_title(line: Line) -> str | None:
    """The kind of a findings title with a lone mark before it ("• Förbättringsområden": a
    scan's speck read as a bullet, score-total-row-next-page scanned, p. 10, where the
    improvements' ten items went on the strengths and the title became one of them). No
    finding is a title's word alone, so a title it stays, bulleted or not."""
    words = line.words
    if len(words) != 2 or len(words[0].text) != 1 or words[0].text.isalnum():
        return None
    return findings_title(words[1].text)


_NUMBERED = re.compile(r"^\d+(\.\d+)*\.?\s+[A-ZÅÄÖ]")


def ends_section(line: Line, style: BodyStyle) -> bool:
    """A line that cannot belong to a findings section: the next (sub-)heading, a score table,
    "Kommentar"/"Inspiration", a line set apart by typography. A numbered line counts as a
    heading when it is bold or larger than body text (so a numbered bullet does not end the
    list)."""
    text = line.text.strip()
    if SECTION.match(text) or _label(text) in _END_WORDS or is_header(line):
        return True
    if is_heading(line, style):
        return True
    if _NUMBERED.match(text):
        # a numbered heading is bold (or larger) throughout; a numbered item may only have a
        # bold lead-in ("1. Medborgardialog: …")
        return (
            all(w.bold for w in line.words) or line.size > style.size * NUMBERED_HEADING_SIZE_RATIO
        )
    return False


def _region_end(lines: list[Line], i: int, style: BodyStyle) -> int:
    """End of the findings region that starts with the header `lines[i]`. A table header
    repeated at the top of the next page (Word's "repeat as header row") does not end it; nor
    does a line inside a side-by-side table's right-hand cell (a heading starts at the left
    margin) or an item's bold lead-in on a line of its own (`lead_in_alone`)."""
    end = i + 1
    kind = header_kind(lines[i])
    right_cell = _right_cell(lines[i]) if kind == "table" else None
    while end < len(lines):
        here = header_kind(lines[end])
        repeated = (
            here == kind
            and lines[end].page != lines[end - 1].page
            and lines[end].text == lines[i].text
        )
        inside = here is None and (
            (right_cell is not None and lines[end].x0 >= right_cell) or lead_in_alone(lines, end)
        )
        if not repeated and not inside and (here is not None or ends_section(lines[end], style)):
            break
        end += 1
    return end


def _right_cell(header: Line) -> float | None:
    """Where a side-by-side findings table's right-hand cell starts: under its title."""
    title = next(w for w in header.words if findings_title(w.text) == "improvements")
    return title.x0 - HEADER_SLACK_PT


def lead_in_alone(lines: list[Line], k: int) -> bool:
    """An item's lead-in alone on its line ("Kompetensutveckling:", bold, the item's text too
    long to follow on the same line; "Styrning:" before "”Ungdomsinitiativet” och …"): it
    ends in a colon, is no word that ends findings ("Kommentar:") nor a numbered section, and
    its item goes on, on the next line of its column on the same page (the same left edge,
    within the next few lines: a cell beside it may interleave its lines)."""
    line = lines[k]
    text = line.text.strip()
    if not text.endswith(":") or _label(text) in _END_WORDS or SECTION.match(text):
        return False
    nxt = next(
        (
            m
            for m in lines[k + 1 : k + LEAD_IN_LOOKAHEAD_LINES + 1]
            if abs(m.x0 - line.x0) <= HEADER_SLACK_PT
        ),
        None,
    )
    return nxt is not None and nxt.page == line.page


def _spans(line: Line) -> list[tuple[float, float]]:
    """Runs of text: words closer than a wide word space belong to one run."""
    spans: list[tuple[float, float]] = []
    for w in line.words:
        if spans and w.x0 - spans[-1][1] < RUN_GAP_EM * w.size:
            spans[-1] = (spans[-1][0], w.x1)
        else:
            spans.append((w.x0, w.x1))
    return spans


def _straddles(line: Line, x: float) -> bool:
    """Full-width text runs across the column boundary: the table has ended."""
    return any(x0 < x - STRADDLE_PT and x1 > x + STRADDLE_PT for x0, x1 in _spans(line))


def _boundary(header: Line, body: list[Line], page: PageText) -> float:
    """x between the two columns.

    A vertical rule between the two headers if the table has one; else the x that the fewest
    body lines cover with a word (the gutter; full-width prose after the table covers it
    too, which is how `_straddles` finds the table's end), in the middle of the one that ends
    where the right-hand title starts, or else of the widest such stretch; else just left of
    the right header.
    """
    left = next(w for w in header.words if findings_title(w.text) == "strengths")
    right = next(w for w in header.words if findings_title(w.text) == "improvements")
    if body:
        top, bottom = min(ln.top for ln in body), max(ln.bottom for ln in body)
        rules = [
            x for x, t, b in page.vrules if left.x1 < x < right.x0 + 1 and t < bottom and b > top
        ]
        if rules:
            return max(rules)
    lo, hi = int(left.x1) + 1, int(right.x0) + 2
    if not body or hi <= lo:
        return right.x0 - 1
    cover = [0] * (hi - lo)
    for ln in body:
        for x0, x1 in _spans(ln):
            for x in range(max(lo, int(x0)), min(hi, int(x1) + 1)):
                cover[x - lo] += 1
    least = min(cover)
    runs, run_start = [], None  # (first x, last x) of each least-covered stretch
    for k, c in enumerate([*cover, least + 1]):
        if c == least and run_start is None:
            run_start = k
        elif c != least and run_start is not None:
            runs.append((lo + run_start, lo + k - 1))
            run_start = None
    # the stretch that ends where the right-hand title starts (cells and their titles start
    # at one edge): a justified left cell's stretched word spaces may be wider
    at_title = [r for r in runs if abs(r[1] + 1 - right.x0) <= HEADER_SLACK_PT + 1]
    if not runs:
        return right.x0 - 1
    a, b = max(at_title or runs, key=lambda r: r[1] - r[0])
    return (a + b) / 2


def _item_label(words: list[Word]) -> tuple[str | None, str]:
    """The item label of a line (`strip_label`) and the rest of its text."""
    glyph, rest = strip_label(" ".join(w.text for w in words))
    if (
        glyph in _DASHES
        and len(words) > 1
        and words[0].text == glyph
        and words[1].x0 - words[0].x1 < DASH_LABEL_GAP_EM * words[0].size
    ):
        return None, " ".join(w.text for w in words)
    return glyph, rest


def _labels(
    pending: list[tuple[list[Word], tuple[int, int]]],
    last_label: str | None,
    bulleted: bool,
    kinds: Counter[str] | None = None,
) -> list[tuple[str | None, str]]:
    """The (label, text) of each of a list's lines (words, (page, text column)): a line's own
    label (`_item_label`) unless the list shows it is the text's (`_glued_before_numbers`,
    `_lone_label`, `_consistent_labels` with the `kinds` of the labels its items showed on
    pages before, `_labels_at_their_edge`)."""
    labelled = [_item_label(ws) for ws, _ in pending]
    labelled = _glued_before_numbers(labelled, last_label)
    labelled = _consistent_labels(_lone_label(labelled, bulleted), kinds)
    return _labels_by_place(_labels_at_their_edge(labelled, pending), pending)


def _labels_by_place(
    labelled: list[tuple[str | None, str]], pending: list[tuple[list[Word], tuple[int, int]]]
) -> list[tuple[str | None, str]]:
    """The lines' (label, text), where a line without a label starts where at least
    `MIN_LIST_LABELS` labels of its text column start (on any page of the list: a column's
    last items may stand alone on a page, each label misread, as in the scan of
    wp-newspaper-columns-word-numbered-lists-continuing, p. 4), within `HANGING_INDENT_PT`,
    left of the edge their text starts at: a label its reading got wrong. A scan's OCR loses
    or changes the stop of "20.", "21." ("20:", "2": `_MISREAD_LABEL`), and reads a bullet as
    letters in the bullet's own box ("• Årlig" as "Od Årlig": the scan of
    wp-long-word-wrap-and-broken-area-name, p. 13; `_misread_glyph`). A word at the text's
    edge is the text's."""
    edges: dict[int, dict[str, list[Word]]] = {}
    starts: dict[int, list[float]] = {}
    for (glyph, rest), (words, (_, column)) in zip(labelled, pending, strict=True):
        if glyph and rest and len(words) > 1 and words[0].text == glyph:
            edges.setdefault(column, {}).setdefault(_label_kind(glyph), []).append(words[0])
            starts.setdefault(column, []).append(words[1].x0)
    out = []
    for (glyph, rest), (words, (_, column)) in zip(labelled, pending, strict=True):
        if glyph is None and len(words) > 1:
            for kind, labels in edges.get(column, {}).items():
                if len(labels) < MIN_LIST_LABELS:
                    continue
                misread = (
                    _misread_glyph(words, labels, starts[column])
                    if kind == "glyph"
                    else _misread_label(words, labels, starts[column], kind)
                )
                if misread:
                    glyph, rest = words[0].text, " ".join(w.text for w in words[1:])
                    break
        out.append((glyph, rest))
    return out


def _misread_label(words: list[Word], labels: list[Word], texts: list[float], kind: str) -> bool:
    """Is the line's first word a number or letter label misread (`kind`: "20:", "2" by
    `_MISREAD_LABEL`, "f])" by `_MISREAD_LETTER`), where the page's labels start, left of
    where their text starts, its next word no further left? Where their text starts is the
    leftmost start of any label's text, not that of one label paired with it: labels of
    different widths ("9." and "10.", "i)" and "m)") share a tab stop or push their text
    right by their own width, and a misread label's width ("f])") matches none of them."""
    pattern = _MISREAD_LABEL if kind == "number" else _MISREAD_LETTER
    return (
        bool(pattern.match(words[0].text))
        and any(abs(words[0].x0 - label.x0) <= HANGING_INDENT_PT for label in labels)
        and words[1].x0 - min(texts) > -HANGING_INDENT_PT
        and words[0].x0 < min(texts) - HANGING_INDENT_PT
    )


def _misread_glyph(words: list[Word], labels: list[Word], texts: list[float]) -> bool:
    """Is the line's first word a bullet read as letters ("Od", "d")? At most
    `MISREAD_GLYPH_CHARS` characters, no digit, in the box of the page's bullets (both edges
    within `HANGING_INDENT_PT`), its next word where their text starts, a tab's gap after it
    (wider than twice the line's word spaces: `_tab_after`). "I dialog …" or "är en …" at
    the left edge of a list whose lines go back under its labels is followed by a word
    space, however close to the bullets' box and their text it comes (fresh seed 2104 case
    6: a Wingdings bullet, "är" ending where it does, "en" 3 pt from the tab stop)."""
    first = words[0]
    return (
        len(first.text) <= MISREAD_GLYPH_CHARS
        and _tab_after(words)
        and not any(c.isdigit() for c in first.text)
        and any(
            abs(first.x0 - label.x0) <= HANGING_INDENT_PT
            and abs(first.x1 - label.x1) <= HANGING_INDENT_PT
            for label in labels
        )
        and any(abs(words[1].x0 - text) <= HANGING_INDENT_PT for text in texts)
    )


def _tab_after(words: list[Word]) -> bool:
    """Is the gap after the line's first word wider than twice its other word spaces (their
    median; an em when the line has no other)? Justified text stretches every space alike."""
    gap = words[1].x0 - words[0].x1
    spaces = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(words[1:]))
    usual = spaces[len(spaces) // 2] if spaces else words[0].size / 2
    return gap > 2 * usual


def _label_kind(label: str) -> str:
    """'glyph' ("•", "-"), 'number' ("3.", "12)") or 'letter' ("c)", "iv)", "bb)")."""
    core = label.rstrip(".)")
    if label_ordinal(label) is None:
        return "glyph"
    return "number" if core.isdigit() else "letter"


def _lone_label(
    labelled: list[tuple[str | None, str]], bulleted: bool
) -> list[tuple[str | None, str]]:
    """The lines' (label, text), where one label starting a line in the middle of a column
    that shows no other label is the text's own: a dash ("… samverkan skola" / "– näringsliv
    I …" in a justified cell, its space stretched like the line's others), a numeral
    ("projektet BitStream" / "II. …"). A list shows more than one label, or begins with
    one."""
    glyphs = [k for k, (glyph, _) in enumerate(labelled) if glyph]
    if bulleted or len(glyphs) != 1 or glyphs[0] == 0:
        return labelled
    k = glyphs[0]
    glyph, rest = labelled[k]
    return [*labelled[:k], (None, f"{glyph} {rest}".strip()), *labelled[k + 1 :]]


def _consistent_labels(
    labelled: list[tuple[str | None, str]], before: Counter[str] | None = None
) -> list[tuple[str | None, str]]:
    """The lines' (label, text), where a label of another kind than the list's own is the
    line's text ("i." starting a wrapped line, the sentence's last word, in a list of "•"
    items): the kind that at least `MIN_LIST_LABELS` of the lines show is the list's, counting
    the labels of the list's items on the pages `before` (a page's last item "5)" and a
    justified line's "– process …" under it: fresh seed 4013 case 328)."""
    kinds = Counter(_label_kind(glyph) for glyph, _ in labelled if glyph) + (before or Counter())
    if not kinds:
        return labelled
    main, seen = kinds.most_common(1)[0]
    if seen < MIN_LIST_LABELS:
        return labelled
    return [
        (None, f"{glyph} {rest}".strip()) if glyph and _label_kind(glyph) != main else (glyph, rest)
        for glyph, rest in labelled
    ]


def _labels_at_their_edge(
    labelled: list[tuple[str | None, str]], pending: list[tuple[list[Word], tuple[int, int]]]
) -> list[tuple[str | None, str]]:
    """The lines' (label, text), where a label alone on its line that stands right of where
    the other labels of its page (and text column) stand, by more than `HANGING_INDENT_PT`, is
    the text's: a wrapped line's last letters at the body's edge ("information/kommunikatio" /
    "n." under "c) Omfattande …", the labels hanging 17 pt further left)."""
    edges: dict[tuple[int, int], float] = {}
    for (glyph, rest), (words, page) in zip(labelled, pending, strict=True):
        if glyph and rest:
            edges[page] = min(edges.get(page, words[0].x0), words[0].x0)
    out = []
    for (glyph, rest), (words, page) in zip(labelled, pending, strict=True):
        if glyph and not rest and page in edges and words[0].x0 > edges[page] + HANGING_INDENT_PT:
            glyph, rest = None, glyph
        out.append((glyph, rest))
    return out


#: A numbered list's label as a scan's OCR may read it: its stop changed or lost ("20:", "2").
_MISREAD_LABEL = re.compile(r"^\d{1,3}[.:;,)]?$")
#: A lettered list's label as a scan's OCR may read it: its parenthesis read as a bracket or
#: a bar, or doubled ("f]", "f])" for "f)": wp-word-lettered-lists-in-side-table scanned, p. 6).
_MISREAD_LETTER = re.compile(r"^[a-zåäö]{1,2}[\])}|]{1,2}$")
_NUMBER_AFTER_LABEL = re.compile(r"^(\d{1,3}[.)])(?=[^\s\w]|\d)")


def _glued_before_numbers(
    labelled: list[tuple[str | None, str]], last: str | None
) -> list[tuple[str | None, str]]:
    """The lines' (label, text), where a line that starts with the number between the list's
    label before it and the one after it, glued to a text starting with a number or a
    quotation mark ("25.Tydlig …" then "26.12 av 14 chefer …", "83.”Ungdomsinitiativet”
    …", a list's first item "75.10-gruppen …" before "76.…"), has that label: `strip_label`
    leaves "26.12" alone (a number, a date), the list's order decides."""
    out = []
    for k, (glyph, rest) in enumerate(labelled):
        m = _NUMBER_AFTER_LABEL.match(rest) if glyph is None else None
        if m and (
            _follows(m.group(1), last)
            or _follows(next((g for g, _ in labelled[k + 1 :] if g), None), m.group(1))
        ):
            glyph, rest = m.group(1), rest[m.end() :]
        out.append((glyph, rest))
        last = glyph or last
    return out


def _left_edges(pending: list[tuple[list[Word], tuple[int, int]]]) -> dict[tuple[int, int], float]:
    """Per page (and text column): where its lines begin at the left."""
    left: dict[tuple[int, int], float] = {}
    for words, page in pending:
        left[page] = min(left.get(page, words[0].x0), words[0].x0)
    return left


def column_extents(
    lines: list[Line], pages: set[int]
) -> dict[tuple[int, int], tuple[float, float]]:
    """Per page of `pages` and text column: where its lines begin and end at most (a page's
    full width as wide as its newspaper columns: `_full_width`)."""
    out: dict[tuple[int, int], tuple[float, float]] = {}
    for ln in lines:
        if ln.page in pages:
            left, right = out.get((ln.page, ln.column), (ln.x0, ln.x1))
            out[ln.page, ln.column] = (min(left, ln.x0), max(right, ln.x1))
    return _full_width(out)


def _full_width(
    extents: dict[tuple[int, int], tuple[float, float]],
) -> dict[tuple[int, int], tuple[float, float]]:
    """`extents` with each page's column 0 spanning that page's newspaper columns too:
    column 0 is the page's full width (`Line.column`), however far its own lines reach.
    Measured by its own lines alone, a floating text box drawn under the columns is a column
    of its own, begun at its edge (fresh seed 4012 damaged case 74: the box at x = 425 under
    columns at 71 and 435 went on the list as one more improvement, `complete: true`); as
    wide as the columns, it begins half-way in, no line of the list (`_Column._mid_column`)."""
    out = dict(extents)
    for (page, column), (left, right) in extents.items():
        if column and (page, 0) in out:
            full_left, full_right = out[page, 0]
            out[page, 0] = (min(full_left, left), max(full_right, right))
    return out


def _right_edges(
    pending: list[tuple[list[Word], tuple[int, int]]],
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """Per page (and text column): where its lines end at most, and where its lines of
    several words do (a line of one word may be a word broken at the edge)."""
    right: dict[tuple[int, int], float] = {}
    full: dict[tuple[int, int], float] = {}
    for words, page in pending:
        right[page] = max(right.get(page, 0.0), max(w.x1 for w in words))
        if len(words) > 1:
            full[page] = max(full.get(page, 0.0), words[-1].x1)
    return right, full


class _Column:
    """Collects one column's lines into items across pages."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.bulleted = False  # once a column shows bullet glyphs, only glyphs start items
        self.pending: list[tuple[list[Word], tuple[int, int]]] = []
        # the last line put into an item, and where: (page, text column)
        self.last: tuple[list[Word], tuple[int, int]] | None = None
        self.last_right = 0.0  # the column's right edge on that line's page
        self.last_justified = False  # whether that page's lines are justified
        self.last_label: str | None = None  # the label of the last item ("c)"), if it had one
        self.first_label: str | None = None  # the label of the first item, if it had one
        self.kinds: Counter[str] = Counter()  # the kinds of its items' labels (`_label_kind`)
        self.run = False  # whether the items' labels number on one by one ("36.", "37.", …)
        self.stray = False  # whether the last line was a paragraph outside the list (`_outside`)
        #: per page (and text column), where the list's paragraphs began (`_outside`)
        self.firsts: dict[tuple[int, int], list[float]] = {}
        #: per page (and text column) of a list in the running text, where all its lines begin
        #: and end (`column_extents`); empty for a list in a table's cell
        self.extents: dict[tuple[int, int], tuple[float, float]] = {}
        #: where the list's lines began, and how far in from their column's left edge
        #: (`_mid_column`)
        self.starts: list[tuple[float, float]] = []

    def add(self, words: list[Word], page: int, column: int = 0) -> None:
        """A line of the column; `column` (parsers.layout) tells a newspaper column's lines
        apart: the left column's bottom and the right column's top are like a page break."""
        if words:
            self.pending.append((words, (page, column)))

    def gaps(self) -> list[float]:
        """Vertical white space between consecutive pending lines on the same page."""
        pitches = [
            (_pitch(a, b), b[0].size)
            for (a, pa), (b, pb) in itertools.pairwise(self.pending)
            if pa == pb
        ]
        return _white(pitches)

    def flush(self, continues: bool, line_gap: float | None = None, goes_on: bool = False) -> None:
        """Turn pending lines into items; the first line may continue the last item.

        With bullet glyphs only a glyph starts an item. Without them an item ends where a word
        processor ended the paragraph: at a gap clearly wider than `line_gap` (the space
        between lines inside one item, the smallest gap seen in the table), or where the next
        line's first word would still have fitted on the line before (a wrapped line is full).
        Across a page break only the second sign is there, helped by sentence ends; or the
        table's row says the first line goes on its item (`goes_on`, `_row_goes_on`).
        """
        if not self.pending:
            return
        labelled = _labels(self.pending, self.last_label, self.bulleted, self.kinds)
        any_bullet = self.bulleted or any(glyph for glyph, _ in labelled)
        self.bulleted = any_bullet
        if line_gap is None:
            line_gap = _inside_gap(self.gaps(), None)
        right, full = _right_edges(self.pending)
        if self.last is not None:
            right.setdefault(self.last[1], self.last_right)
        justified = _justified(self.pending, right)
        if self.last is not None:
            justified.setdefault(self.last[1], self.last_justified)
        lefts = _left_edges(self.pending)
        for idx, (words, page) in enumerate(self.pending):
            glyph, rest = labelled[idx]
            if any_bullet and glyph is None and self._lost_label(words, rest, page, right):
                glyph = ""  # an item whose label OCR lost: it begins here, as one with a label
            if any_bullet:
                new = glyph is not None
            elif self.last is None or (idx == 0 and not continues):
                new = True
            elif idx == 0 and goes_on:
                new = False
            else:
                new = self._new_paragraph(words, rest, page, right, justified, line_gap)
            if self._outside(words, page, new, glyph if any_bullet else "", lefts, right, line_gap):
                continue  # not the list's: left unread, the ledger reports it
            if not new and not self.items:
                new = True
            if new:
                self.items.append(Item([rest], page[0]))
                self.run = len(self.items) == 1 or (self.run and _follows(glyph, self.last_label))
                self.last_label = glyph
                if glyph:
                    self.kinds[_label_kind(glyph)] += 1
                if len(self.items) == 1:
                    self.first_label = glyph
            elif self._broken_before(words, rest, full):
                self.items[-1].lines[-1] += rest  # a word too long for the column, broken
            else:
                self.items[-1].lines.append(rest)
            self.items[-1].boxes.append(box_of(words, page[0]))
            self.last = (words, page)
        self.last_right = right[self.last[1]]
        self.last_justified = justified.get(self.last[1], False)
        self.pending = []

    def _new_paragraph(
        self,
        words: list[Word],
        rest: str,
        page: tuple[int, int],
        right: dict[tuple[int, int], float],
        justified: dict[tuple[int, int], bool],
        line_gap: float,
    ) -> bool:
        """Without labels: does this line begin a paragraph (an item) after `self.last`?"""
        prev, prev_page = self.last
        fits = _would_fit(prev, words, right[prev_page])
        if page == prev_page:
            return fits or self._apart(words, line_gap)
        # a line of justified text that reaches the right edge is no paragraph's last line
        # (that one keeps its natural word spaces): the item goes on
        stretched = justified.get(prev_page, False) and (
            prev[-1].x1 >= right[prev_page] - JUSTIFIED_EDGE_EM * prev[-1].size
        )
        return fits or (_starts_item(self.items[-1].lines[-1], rest) and not stretched)

    def _lost_label(self, words: list[Word], rest: str, page: tuple[int, int], right: dict) -> bool:
        """On a scan (`reading_a_scan`), does a line of a labelled list without a label begin
        an item whose label OCR lost? It does where the word processor ended a paragraph: its
        first word would have fitted on the line before, on the same page (`_would_fit`), and
        it begins with a capital, as every item does (the scan of history-narrow-label-column,
        p. 7: the right column's dashes lost, eight improvements read as one). Over a page or
        column break, where the last line's end tells nothing, as in a list without labels
        (`_starts_item`: a capital after a line that may end an item). A text layer's labels
        are all there: a line without one goes on the item."""
        if not _SCANNED.get() or self.last is None or not self.items or not rest[:1].isupper():
            return False
        if page != self.last[1]:
            return _starts_item(self.items[-1].lines[-1], rest)
        return _would_fit(self.last[0], words, right[page])

    def _apart(self, words: list[Word], line_gap: float) -> bool:
        """Is the line set off from `self.last` (on its page) by more than the space between
        lines inside one paragraph? Baseline to baseline, not the boxes: a scan's vary. And
        top to top too (`_tops_apart`), the smaller of the two: a paragraph's gap shows in
        both, while OCR can set one line's baseline lower than its print (the scan of
        side-bullet-split-by-page-break, p. 6: "kända för medarbetarna." 3.7 pt low, its top
        where it belongs, read as a text box under the list and left unread)."""
        height = words[0].size
        gap = min(_pitch(self.last[0], words), _tops_apart(self.last[0], words)) - height
        return gap > max(PARAGRAPH_GAP_MIN_EM * height, line_gap + PARAGRAPH_GAP_EXTRA_EM * height)

    def _outside(
        self,
        words: list[Word],
        page: tuple[int, int],
        new: bool,
        glyph: str | None,
        lefts: dict[tuple[int, int], float],
        right: dict[tuple[int, int], float],
        line_gap: float,
    ) -> bool:
        """Is the line a paragraph outside the list, such as a floating text box drawn under
        or beside it? In a list whose items carry labels (`glyph` is "" in a list without
        them), an unlabelled line set off from the one before by a paragraph's gap: an item's
        lines follow each other at the line pitch. In a list without labels, a paragraph
        that begins further into the column than `STRAY_INDENT_SHARE` of its width (items
        begin at the column's edge or a first-line indent of a few ems), or left of where
        every earlier paragraph of the list on its page began, by more than
        `HANGING_INDENT_PT` (a box drawn under the list, 10 pt left of the column: fresh seed
        4003 damaged case 166). The lines that follow such a paragraph without starting an
        item are outside too. And in either list, a line that begins a new page or column
        further into the running text's column than `STRAY_INDENT_SHARE` of its width
        (`_mid_column`): an item goes on at the column's edge or its hanging indent."""
        moved = self.last is not None and page != self.last[1] and self._mid_column(words, page)
        if self.last is None or not self.items:
            self.stray = False
        elif glyph != "":  # a labelled list (an item whose label stood alone goes on below)
            same = page == self.last[1] and bool(self.items[-1].text)
            apart = same and self._apart(words, line_gap)
            self.stray = glyph is None and (self.stray or moved or apart)
        elif new or moved:
            width = right[page] - lefts[page]
            seen = self.firsts.get(page)
            self.stray = (
                moved
                or words[0].x0 - lefts[page] > STRAY_INDENT_SHARE * width
                or bool(seen and words[0].x0 < min(seen) - HANGING_INDENT_PT)
            )
        if new and not self.stray:
            self.firsts.setdefault(page, []).append(words[0].x0)
        if not self.stray and page in self.extents:
            # where the line begins, and after a label where its text does (the hanging
            # indent, where an item's later lines go on)
            for w in words[: 2 if glyph and len(words) > 1 else 1]:
                self.starts.append((w.x0, w.x0 - self.extents[page][0]))
        return self.stray

    def _mid_column(self, words: list[Word], page: tuple[int, int]) -> bool:
        """Does the line begin further into its page's column than `STRAY_INDENT_SHARE` of
        the column's width (fresh seed 4004 damaged case 95: a floating box drawn at x = 214
        at the next page's top, the column's lines at 49.7), and neither at an x nor at an
        indent where the list's lines began before (a row-titled table's items begin right of
        the titles' column on every page, whether the layout split its rows into columns on
        that page or not)?"""
        if page not in self.extents:
            return False
        left, right = self.extents[page]
        x, indent = words[0].x0, words[0].x0 - left
        near = SAME_INDENT_EM * words[0].size
        return indent > STRAY_INDENT_SHARE * (right - left) and all(
            abs(x - x_seen) > near and abs(indent - indent_seen) > near
            for x_seen, indent_seen in self.starts
        )

    def _broken_before(
        self, words: list[Word], rest: str, right: dict[tuple[int, int], float]
    ) -> bool:
        """Does this line (of the item, `rest` its text) begin with the rest of a word that
        the item's last line, one word filling the column to its edge, could not hold
        ("Kommunövergripand" / "e dialog")? `right`: per page, where the column's lines of
        several words end at most (a line of one word is no measure of the edge: it may be
        the broken word itself). (`text.fills_to_edge`, `text.broken_word_rest`)"""
        if self.last is None:  # the item began in another section: no line to measure
            return False
        prev, prev_page = self.last
        head = self.items[-1].lines[-1]
        first = words[-len(rest.split())] if rest.split() else None
        if " " in head or first is None or prev_page not in right:
            return False
        letter = (first.x1 - first.x0) / max(1, len(first.text))
        return fills_to_edge(
            prev[-1].x1, right[prev_page], prev[-1].size, letter
        ) and broken_word_rest(head, rest.split(" ", 1)[0])


def _one_under_other(pitch: float, size: float) -> bool:
    """Are two lines `pitch` apart (baseline to baseline) one under the other? Closer than
    `SAME_ROW_PITCH_EM` of the size they are pieces of one printed line (a list label set on
    its own baseline, a cell offset in its row), and out of order below zero: no measure of
    the space between lines."""
    return pitch > SAME_ROW_PITCH_EM * size


def _white(pitches: list[tuple[float, float]]) -> list[float]:
    """The white between lines one under the other, of (pitch, size) pairs: the pitch less
    the size, where that is none below zero. Lines closer than their size overlap: pieces of
    one printed line set on two baselines (a scan's bullet boxed apart from its text, 6.1 pt
    above it at 9 pt type: numbers-centred-in-tall-rows scanned, p. 15), and no measure of
    the space inside a paragraph, which `_apart` holds a line's gap against (and any pitch
    `_one_under_other` refuses is under the size too)."""
    return [pitch - size for pitch, size in pitches if pitch >= size]


def _inside_gap(gaps: list[float], body: float | None) -> float:
    """The white between the lines inside one paragraph of a list or table, from the gaps
    between its lines one under the other: the smallest, and no more than the body text's
    (`body`). On a scan (`reading_a_scan`) the lower quartile (`INSIDE_GAP_QUANTILE`): each
    line's box is the OCR's, a point or two off, and the smallest gap is one line set high;
    held against it, every ordinary gap looked like a paragraph's, and an item's lines were
    left unread as a box under the list (side-bullet-split-by-page-break scanned, p. 6: 0.5 pt
    for a white of 4 pt)."""
    if not gaps:
        return body if body is not None else 0.0
    ordered = sorted(gaps)
    at = min(len(ordered) - 1, int(len(ordered) * INSIDE_GAP_QUANTILE))
    gap = ordered[at] if _SCANNED.get() else ordered[0]
    return gap if body is None else min(gap, body)


def _tops_apart(above: list[Word], below: list[Word]) -> float:
    """Top to top, from a line to the next (a text PDF's boxes are one size high from the
    baseline, so this is `_pitch` there)."""
    return min(w.top for w in below) - min(w.top for w in above)


def _pitch(above: list[Word], below: list[Word]) -> float:
    """Baseline to baseline, from a line to the next: less one size, the white between them.
    Not measured between the boxes: a scan's word boxes are its OCR line boxes, as high as
    their letters reach (a text PDF's are one size high, and both measures agree there)."""
    return min(w.baseline for w in below) - max(w.baseline for w in above)


def rejoin_broken_words(texts: list[str], lines: list[Line]) -> list[str]:
    """An item's line texts (one per line of `lines`) with a word broken at the column's edge
    joined to its rest, as `_Column._broken_before` does in the layout reading; the edge is
    where the item's own lines of several words end at most (the tags' reading builds an item
    from its structure element, without the column around it)."""
    full = [ln.words[-1].x1 for ln in lines if len(ln.words) > 1]
    if not full or len(texts) != len(lines):
        return texts
    right = max(full)
    out = [texts[0]]
    for prev, line, text in zip(lines, lines[1:], texts[1:], strict=False):
        first = line.words[0]
        letter = (first.x1 - first.x0) / max(1, len(first.text))
        end = prev.words[-1]
        if (
            out[-1]
            and " " not in out[-1]
            and fills_to_edge(end.x1, right, end.size, letter)
            and broken_word_rest(out[-1], text.split(" ", 1)[0])
        ):
            out[-1] += text
        else:
            out.append(text)
    return out


def _starts_item(previous: str, line: str) -> bool:
    """Across a page break, with no glyphs and no spacing to see: does `line` start a new
    item after `previous`? Items begin with a capitalised word or a number; a line inside an
    item rarely does, and never after a line that ends in a conjunction, preposition, comma
    or hyphen (a number or an acronym: only after a sentence's end)."""
    previous = previous.rstrip()
    first = line.split(" ", 1)[0]
    if (first[:1].isdigit() or _acronym(first)) and previous:
        # an item may begin with a number ("10-gruppen …", "2017 infördes …") or an acronym
        # ("KKiK-resultaten redovisas …"); a line inside one does too ("… från" / "2013.",
        # "… med stöd av" / "HME-enkäten"), but not after a sentence's end
        return _finished(previous)
    if not first[:1].isupper() or not previous:
        return False
    if _finished(previous):
        return True
    last = previous.rsplit(" ", 1)[-1].casefold()
    return not (previous.endswith((",", *HYPHENS, "–", ":", "/")) or last in ENDS_LINE_GOING_ON)


def _would_fit(prev: list[Word], words: list[Word], right: float) -> bool:
    """Would the first word of `words` have fitted at the end of line `prev`? Then the word
    processor did not wrap there: the paragraph (the item) ended."""
    if prev[-1].text.endswith((*HYPHENS, "/")):
        return False  # a word broken at the line end goes on
    first = words[0]
    if strip_label(first.text)[0] and len(words) > 1:
        first = words[1]
    space = FIT_WORD_SPACE_EM * first.size
    return prev[-1].x1 + space + (first.x1 - first.x0) < right - FIT_RIGHT_MARGIN_EM * first.size


def join_side_headers(pages: list[PageText]) -> None:
    """A findings table's header row that the layout cut into the tops of two columns
    ("Styrkor" left, "Förbättringsområden" right, on one baseline) is one line again, so that
    the table is read as one (`_read_table`), cell by cell under its titles. Read as two
    headed lists in columns, the right one took the left column's lines below its end (the
    scan of side-bullet-split-by-page-break, p. 5: a table going on from the page before,
    its header repeated, only strengths under it). Done on the lines before findings are
    looked for, like `split_row_titles`."""
    for page in pages:
        for left in [ln for ln in page.lines if ln.column == 1]:
            right = next((ln for ln in page.lines if _beside_on_baseline(left, ln)), None)
            if right is None:
                continue
            joined = Line(sorted(left.words + right.words, key=lambda w: w.x0), page.number)
            if is_side_header(joined):
                page.lines = [joined if ln is left else ln for ln in page.lines if ln is not right]


def _beside_on_baseline(left: Line, line: Line) -> bool:
    """Is `line` the right column's line on `left`'s baseline (a row's other cell)?"""
    base = left.words[0].baseline
    return (
        line.column == 2
        and line.x0 > left.x1
        and abs(line.words[0].baseline - base) <= LINE_BASELINE_TOLERANCE * left.size
    )


def split_row_titles(pages: list[PageText]) -> None:
    """A findings table whose titles are row headers: "Styrkor" in a narrow left cell beside
    the strengths, the improvements' title in the row below, maybe broken inside the word in
    its cell ("Förbättringsmöjl" / "igheter"). Each title is set on a line of its own above
    its row's text, so that the rows read as headed lists (`_read_list`). Done on the lines
    before findings are looked for, like `scores.join_broken_titles`."""
    # a row may go on over the page, its title too ("Förbättringso" / "mråden")
    lines = _rows_of_titled_columns([ln for page in pages for ln in page.lines])
    out: list[Line] = []
    k = 0
    while k < len(lines):
        got = _row_title(lines, k)
        if got is None:
            out.append(lines[k])
            k += 1
            continue
        title, rests = got
        out.append(replace(lines[k], words=[title]))
        out.extend(ln for ln in rests if ln.words)
        k += len(rests)
    by_page: dict[int, list[Line]] = {}
    for ln in out:
        by_page.setdefault(ln.page, []).append(ln)
    for page in pages:
        page.lines = by_page.get(page.number, [])


def _rows_of_titled_columns(lines: list[Line]) -> list[Line]:
    """A region the layout read as two columns (`Line.column`) whose left column holds
    findings titles only (maybe broken inside the word over two lines, or over a page
    break): the titles of a table's rows, not a text. Its lines go back in row order, each
    title (joined) before the right-hand lines from its row down. Regions on consecutive
    pages are looked at as one, then page by page."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and lines[j].column in (1, 2):
            j += 1
        if j == k:
            out.append(lines[k])
            k += 1
            continue
        region = lines[k:j]
        rows = _titled_rows(region)
        if rows is None and j < len(lines) and _rest_below(region, lines[j]):
            # a title broken in its cell's last row ("Förbättringso" / "mråden"), its rest
            # alone below the region's last line: the layout ended the columns before it
            region, j = [*region, replace(lines[j], column=1)], j + 1
            rows = _titled_rows(region)
        if rows is None:
            pieces = [
                [ln for ln in region if ln.page == p]
                for p in dict.fromkeys(ln.page for ln in region)
            ]
            rows = [ln for piece in pieces for ln in (_titled_rows(piece) or piece)]
        out += rows
        k = j
    return out


def _titled_rows(region: list[Line]) -> list[Line] | None:
    """The region's lines in row order (`_rows_of_titled_columns`), or None when its left
    column is no column of titles."""
    titles = _titles([ln for ln in region if ln.column == 1])
    right = [ln for ln in region if ln.column == 2]
    if titles is None or not right:
        return None
    rows = [(t.page, t.top, 0, t) for t in titles] + [(ln.page, ln.top, 1, ln) for ln in right]
    return [ln for *_, ln in sorted(rows, key=lambda r: r[:3])]


def _rest_below(region: list[Line], below: Line) -> bool:
    """Is `below`, one word on the page of the region's last line, the rest of a title broken
    in the region's last left-hand line (`_joined_title`)?"""
    left = [ln for ln in region if ln.column == 1]
    if not left or len(below.words) != 1 or below.page != left[-1].page:
        return False
    last = left[-1]
    return (
        len(last.words) == 1 and _joined_title(last.words[0].text, below.words[0].text) is not None
    )


def _titles(left: list[Line]) -> list[Line] | None:
    """The lines of a left column as findings titles (a title broken inside the word over two
    of them joined), or None when any is something else."""
    out: list[Line] = []
    k = 0
    while k < len(left):
        ln = left[k]
        if findings_title(ln.text) is not None:
            out.append(ln)
            k += 1
            continue
        nxt = left[k + 1] if k + 1 < len(left) else None
        if nxt is None or len(ln.words) != 1 or len(nxt.words) != 1:
            return None
        first, rest = ln.words[0], nxt.words[0]
        joined = _joined_title(first.text, rest.text)
        if joined is None:
            return None
        word = replace(first, text=joined, x1=max(first.x1, rest.x1), bottom=rest.bottom)
        out.append(Line([word], ln.page, ln.column))
        k += 2
    return out or None


def _joined_title(first: str, rest: str) -> str | None:
    """A findings title broken in its narrow cell, joined: inside the word
    (`vocabulary.broken_title`: "Förbättringsmöjl" / "igheter") or at a hyphen
    ("Förbättrings-" / "områden"); None when the two make none (a dash "-" is no piece)."""
    if broken_title(first, rest) is not None:
        return first + rest
    stem = first.rstrip(HYPHENS)
    if stem != first and stem.isalpha() and findings_title(stem + rest) is not None:
        return stem + rest
    return None


def _row_title(lines: list[Line], k: int) -> tuple[Word, list[Line]] | None:
    """(the title as one word, the lines it stood on without it) when `lines[k]` begins with
    a findings title in a cell of its own (a cell's white after it, text beside it), its
    rest maybe on the next line left of that text; else None."""
    line = lines[k]
    words = line.words
    if len(words) < 2 or header_kind(line) is not None:
        return None
    first, beside = words[0], words[1]
    if not first.text[:1].isupper():
        return None  # a title starts with a capital ("… förbättringsområden ‹› blir det …")
    # the cell's text starts at its edge, or after its list label ("5. Regelbunden …")
    starts = [(w.x0, HEADER_SLACK_PT) for w in words[1:3]]
    glued = _glued_text_start(beside)
    if glued is not None:
        starts.append(glued)
    if beside.x0 - first.x1 < RUN_GAP_EM * beside.size or not (
        _cell_edge(lines, k, starts) or _column_below(lines, k, first)
    ):
        return None
    edge = beside.x0 - HEADER_SLACK_PT
    if findings_title(first.text) is not None:
        return first, [replace(line, words=words[1:])]
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if nxt is None or not nxt.words or nxt.words[0].x1 > edge:  # (the next page's top too)
        return None
    rest = nxt.words[0]
    joined = _joined_title(first.text, rest.text)
    if joined is None:
        return None
    bottom = rest.bottom if nxt.page == line.page else first.bottom
    title = replace(first, text=joined, x1=max(first.x1, rest.x1), bottom=bottom)
    return title, [replace(line, words=words[1:]), replace(nxt, words=nxt.words[1:])]


def _glued_text_start(word: Word) -> tuple[float, float] | None:
    """Where the text after a label glued to it starts ("24.Kvalitetsarbete:", a label wider
    than the list's tab), estimated by the word's mean letter width, within one such width
    (digits are narrower than "m"): the x at which the item's later lines hang; None when
    the word starts with no glued label."""
    label, rest = strip_label(word.text)
    if not label or not rest or not word.text.startswith(label + rest[:1]):
        return None
    letter = (word.x1 - word.x0) / len(word.text)
    return word.x0 + len(label) * letter, letter


def _column_below(lines: list[Line], k: int, title: Word) -> bool:
    """Do the lines below `lines[k]` (`LEAD_IN_LOOKAHEAD_LINES` of them; a row begun at a
    page's foot goes on at the next one's top) all start at one x, a cell's gap right of
    `title`: the cell beside the title's, whose list hangs its labels left of where its
    lines wrap ("Styrkor ‹› 14. ‹› Yrk-In …" over "stärka …" at 279, the label at 262, the
    text at 298: fresh seed 4005 case 143)? A justified paragraph's lines wrap back under
    its first word."""
    below = lines[k + 1 : k + 1 + LEAD_IN_LOOKAHEAD_LINES]
    if len(below) < LEAD_IN_LOOKAHEAD_LINES:
        return False
    xs = [ln.x0 for ln in below]
    return max(xs) - min(xs) <= HEADER_SLACK_PT and min(xs) - title.x1 >= RUN_GAP_EM * title.size


def _cell_edge(lines: list[Line], k: int, xs: list[tuple[float, float]]) -> bool:
    """Does a line above or below `lines[k]` (within `LEAD_IN_LOOKAHEAD_LINES`; below, on the
    next page too: a row begun at a page's foot) start a word at one of `xs` (x, within a
    tolerance): the edge of a table cell (the row above or the row's own next line), not a
    justified line's stretched space?"""
    near = (
        lines[max(0, k - LEAD_IN_LOOKAHEAD_LINES) : k]
        + lines[k + 1 : k + 1 + LEAD_IN_LOOKAHEAD_LINES]
    )
    return any(abs(w.x0 - x) <= tol for ln in near for w in ln.words for x, tol in xs)


def find_findings(
    lines: list[Line], pages: dict[int, PageText], area_of, style: BodyStyle | None = None
) -> dict[int, AreaFindings]:
    """Findings per area number; `area_of(index)` tells which area a line index belongs to."""
    out: dict[int, AreaFindings] = {}
    style = style or BodyStyle.of(lines)
    i = 0
    while i < len(lines):
        kind = header_kind(lines[i])
        if kind is None:
            i += 1
            continue
        area = area_of(i)
        found = out.setdefault(area, AreaFindings()) if area else AreaFindings()
        read = _read_table if kind == "table" else _read_list
        start, i = i, read(lines, i, pages, found, style)
        found.spans.append((start, i))
    return out


def _read_table(
    lines: list[Line], i: int, pages: dict[int, PageText], found: AreaFindings, style: BodyStyle
) -> int:
    header = lines[i]
    end = _region_end(lines, i, style)
    # The boundary is measured per page (a repeated header row starts a new section that
    # adds to the same area's lists).
    by_page: dict[int, list[Line]] = {}
    for ln in lines[i + 1 : end]:
        if header_kind(ln) != "table":  # a repeated header row
            by_page.setdefault(ln.page, []).append(ln)
    split: list[tuple[int, list[Line], float]] = []
    for page_no, page_lines in by_page.items():
        x = _boundary(header, page_lines, pages[page_no])
        stop = next((k for k, ln in enumerate(page_lines) if _straddles(ln, x)), None)
        if stop is not None:  # prose after the table without a heading
            page_lines = page_lines[:stop]
            x = _boundary(header, page_lines, pages[page_no])
            end = (
                lines.index(page_lines[-1], i) + 1
                if page_lines
                else lines.index(by_page[page_no][0], i)
            )
        split.append((page_no, page_lines, x))
        if page_lines:
            top, bottom = min(ln.top for ln in page_lines), max(ln.bottom for ln in page_lines)
            found.gutters.append((page_no, x, top, x, bottom))
        if stop is not None:
            break
    split = _under_repeated_headers(split, lines, i, end, style)
    # the space between lines inside one item, over the whole table (a continuation page
    # may hold only one-line items)
    gaps = []
    for _, page_lines, x in split:
        for side in (lambda w, x=x: w.x0 < x, lambda w, x=x: w.x0 >= x):
            rows = [[w for w in ln.words if side(w)] for ln in page_lines]
            rows = [r for r in rows if r]
            pitches = [(_pitch(a, b), b[0].size) for a, b in itertools.pairwise(rows)]
            gaps += _white(pitches)
    _read_sides(split, found, _inside_gap(gaps, style.line_gap))
    return end


def _under_repeated_headers(
    split: list[tuple[int, list[Line], float]],
    lines: list[Line],
    i: int,
    end: int,
    style: BodyStyle,
) -> list[tuple[int, list[Line], float]]:
    """The table's pages up to the first one it cannot have gone on to. In a document whose
    side-by-side findings tables repeat their header row on the pages they go on to (Word's
    "repeat as header row", seen in any of its tables: `_repeats_headers`), a table goes on
    only under its repeated header: a page of the region without one is no more of it (fresh
    seed 4005 damaged case 158: a floating box drawn at the next page's top, beside where
    the improvements' column stood, read as one more improvement). Left unread, the ledger
    says so."""
    if len(split) < 2 or not _repeats_headers(lines, style):  # (asked only of a page break)
        return split
    heads = {ln.page for ln in lines[i + 1 : end] if header_kind(ln) == "table"}
    for k in range(1, len(split)):
        if split[k][0] not in heads:
            return split[:k]
    return split


def _repeats_headers(lines: list[Line], style: BodyStyle) -> bool:
    """Does a side-by-side findings table of the document print its header row again on a
    later page of its region?"""
    for k, ln in enumerate(lines):
        if header_kind(ln) == "table":
            region = lines[k + 1 : _region_end(lines, k, style)]
            if any(header_kind(r) == "table" and r.page > ln.page for r in region):
                return True
    return False


def _read_sides(
    split: list[tuple[int, list[Line], float]], found: AreaFindings, line_gap: float
) -> None:
    """The table's pages, each cut at its boundary: the left side's lines into strengths and
    the right side's into improvements, column by column over the page breaks; or, once the
    text shows newspaper columns flowing on (`_flows_on`), every page's both sides into the
    right column's list."""
    left = _Column(found.strengths)
    right = _Column(found.improvements)
    flowing = False
    for k, (page_no, page_lines, x) in enumerate(split):
        halves = [
            [[w for w in ln.words if w.x0 < x] for ln in page_lines],
            [[w for w in ln.words if w.x0 >= x] for ln in page_lines],
        ]
        flowing = flowing or (k > 0 and _flows_on(left, right, *halves))
        if flowing:
            # newspaper columns under side-by-side headers: the page goes on with the right
            # column's list, its left column first, then its right one
            for column, half in enumerate(halves, 1):
                for words in half:
                    right.add(words, page_no, column)
            right.flush(continues=True, line_gap=line_gap)
            continue
        row_on = k > 0 and _row_goes_on(left, right, *halves)
        for left_words, right_words in zip(*halves, strict=True):
            left.add(left_words, page_no)
            right.add(right_words, page_no)
        left.flush(
            continues=k > 0 and not _starts_below(*halves, line_gap),
            line_gap=line_gap,
            goes_on=row_on,
        )
        right.flush(
            continues=k > 0 and not _starts_below(*halves[::-1], line_gap),
            line_gap=line_gap,
            goes_on=row_on,
        )


def _row_goes_on(
    left: _Column, right: _Column, left_half: list[list[Word]], right_half: list[list[Word]]
) -> bool:
    """On a continuation page of a table of one item per row: do both cells of the row the
    page break split go on at the page's top? The two lists ended together at the page's
    foot (not `_ended_apart`), their whole items on that page stood in rows (`_in_rows`),
    the page's two columns begin side by side, and one of them plainly goes on its item (no
    label, lower case, after an open sentence). A new row cannot start beside a row that
    goes on, so the other column's first line is its cell's too, whatever its capital says
    (fresh seed 4013 case 212)."""
    firsts = [next((ws for ws in half if ws), None) for half in (left_half, right_half)]
    if None in firsts or not left.items or not right.items or _ended_apart(left, right):
        return False
    if left.last is None or right.last is None or left.last[1][0] != right.last[1][0]:
        return False
    size = firsts[0][0].size
    if abs(firsts[0][0].top - firsts[1][0].top) > ROW_CELLS_ALIGN_EM * size:
        return False
    plainly = any(
        _goes_on(first) and not _finished(col.items[-1].lines[-1])
        for first, col in zip(firsts, (left, right), strict=True)
    )
    return plainly and _in_rows(left, right, left.last[1][0], size)


def _in_rows(left: _Column, right: _Column, page: int, size: float) -> bool:
    """Did the two lists' items on `page` stand in a table's rows, one item per cell? A row
    ends below both its cells: where one list's item ended more than `ROW_CELLS_ALIGN_EM`
    above the other's, its next item still began below the other's end, waiting for the row
    (in a table of one cell per list each item follows its own list's last). At least one
    row shows it, and none shows otherwise."""
    spans = [
        [
            (min(top for _, _, top, _, _ in it.boxes), max(bot for *_, bot in it.boxes))
            for it in col.items
            if it.boxes[0][0] == page
        ]
        for col in (left, right)
    ]
    near = ROW_CELLS_ALIGN_EM * size
    shown = False
    for (a, b), (next_a, next_b) in itertools.pairwise(zip(*spans, strict=False)):
        if abs(a[1] - b[1]) <= near:
            continue  # cells of one height say nothing
        waited, other_end = (next_a[0], b[1]) if a[1] < b[1] else (next_b[0], a[1])
        if waited < other_end:
            return False
        shown = True
    return shown


def _starts_below(mine: list[list[Word]], other: list[list[Word]], line_gap: float) -> bool:
    """On a continuation page: does this column start below the other column's first lines,
    after more than a line's gap? Then its cell of the row split by the page break is empty
    on this page: its item ended at the break. (A cell centred in its row would start lower
    too, but beside the other cell's lines, not below them.)"""
    first = next((words for words in mine if words), None)
    if first is None:
        return False
    top = min(w.top for w in first)
    above = [w for words in other for w in words if w.bottom <= top]
    if not above:
        return False
    beside = [w for words in other for w in words if w.top < top < w.bottom]
    size = first[0].size
    return (
        not beside and top - max(w.bottom for w in above) > line_gap + PARAGRAPH_GAP_EXTRA_EM * size
    )


def _justified(
    pending: list[tuple[list[Word], tuple[int, int]]], right: dict[tuple[int, int], float]
) -> dict[tuple[int, int], bool]:
    """Per page (and text column): are its lines justified? At least `JUSTIFIED_MIN_LINES`
    of them end at its right edge."""
    at_edge: dict[tuple[int, int], int] = {}
    for words, page in pending:
        if words[-1].x1 >= right[page] - JUSTIFIED_EDGE_EM * words[-1].size:
            at_edge[page] = at_edge.get(page, 0) + 1
    return {page: n >= JUSTIFIED_MIN_LINES for page, n in at_edge.items()}


def _flows_on(
    left: _Column, right: _Column, left_half: list[list[Word]], right_half: list[list[Word]]
) -> bool:
    """Does a continuation page go on with the right column's list, not side by side?

    Under "Styrkor" and "Förbättringsområden" printed side by side, a table goes on over a
    page break column by column, and newspaper columns (the improvements begun at the top of
    the right column) flow from the right column into the next page's left one, and on into
    its right one. The text tells which (`_by_text`), or the lists' labels, or where the two
    lists ended on the page before (`_ended_apart`)."""
    lines = [words for words in left_half if words]
    tops = [words for words in right_half if words]
    if not lines or not left.items:
        return False
    if not right.items:
        # the right title stood at the foot of its column with nothing under it yet, and
        # this page has text in both columns: a table's cells start side by side at their
        # row's top, so the right list begins here, in the left column
        return bool(tops)
    # numbered or lettered lists: the right column's first label follows the page's left
    # column's last one ("d)" then "e)"), not the right list's last ("b)"), and is printed
    # higher up than it (a table numbered on from cell to cell has the two in one row), or
    # the two lists numbered on their own runs before (`_own_runs`)
    left_labels = [(label, words) for words in lines if (label := _item_label(words)[0])]
    right_first = next(((lb, words) for words in tops if (lb := _item_label(words)[0])), None)
    by_labels = (
        bool(left_labels)
        and right_first is not None
        and _follows(right_first[0], left_labels[-1][0])
        and not _follows(right_first[0], right.last_label)
        and (right_first[1][0].bottom <= left_labels[-1][1][0].top or _own_runs(left, right))
    )
    # ... or the lists are numbered on in one run, the right one after the left ("33."–"35.",
    # then "36."–"38."), and the left column goes on with the number after the right list's
    # last ("39."): Word numbers a list run on through a table's left cell before its right
    # one, so a table's left cell could not go on there (a table of a row per item numbers
    # the rows' cells in turn, "7)" left, "8)" right, "9)" left: no run)
    left_first = left_labels[0][0] if left_labels else None
    by_order = (
        len(right.items) > 1
        and right.run
        and _follows(right.first_label, left.last_label)
        and _follows(left_first, right.last_label)
    )
    # ... or the left list ended above the right one's last line on the page before, so
    # that a table's left cell was whole there, and this page's items are no rows of one
    by_ends = _ended_apart(left, right) and _not_rows(lines, tops)
    return _by_text(left, right, lines, tops) or by_labels or by_order or by_ends


def _own_runs(left: _Column, right: _Column) -> bool:
    """Did the two lists each number on in a run of their own on the pages before ("1)"–"6)"
    at the left and "1)"–"6)" at the right)? Then no numbering ran from cell to cell through
    a table's rows ("7)" left, "8)" right), and a right label that follows the left column's
    in the same row follows it in one flow (fresh seed 4013 case 178)."""
    return all(len(c.items) > 1 and c.run and c.first_label for c in (left, right))


def _by_text(
    left: _Column, right: _Column, lines: list[list[Word]], tops: list[list[Word]]
) -> bool:
    """`_flows_on` by the text, where an item goes on at the top of a column (no label,
    lower case): at the left, when only the right list is open (not at a sentence's end);
    at the right, when the right list is done and the page's left column ends in
    mid-sentence. (That only the right list hangs on a word that must go on is no sign: a
    table's cells both break in mid-sentence, the left one on any word; tried for fresh
    seed 4005 case 232, it broke 16 pinned and sample side-by-side tables.)"""
    left_done, right_done = (_finished(c.items[-1].lines[-1]) for c in (left, right))
    # ... or the left list's last line had room for the page's first word: a wrapped line is
    # full, so that item ended there, though on no full stop (fresh seed 4013 case 236)
    left_done = left_done or _would_fit(left.last[0], lines[0], left.last_right)
    at_left = _goes_on(lines[0]) and left_done and not right_done
    page_left_open = not _finished(_item_label(lines[-1])[1])
    return at_left or (bool(tops) and _goes_on(tops[0]) and right_done and page_left_open)


def _ended_apart(left: _Column, right: _Column) -> bool:
    """Did the left list's last line on the page before end higher than the right list's
    by more than `CELLS_END_APART_EM`? A table row broken by a page break breaks its cells at
    the page's foot, so a left cell that ended higher was whole (fresh seed 4005 cases 206
    and 470: newspaper columns whose right column began with the improvements' title)."""
    if left.last is None or right.last is None or left.last[1][0] != right.last[1][0]:
        return False
    (lw, _), (rw, _) = left.last, right.last
    size = rw[0].size
    return max(w.bottom for w in rw) - max(w.bottom for w in lw) > CELLS_END_APART_EM * size


def _not_rows(lines: list[list[Word]], tops: list[list[Word]]) -> bool:
    """Do the page's two columns start their second items at different heights (more than
    a line's size apart), so that they are no table's rows of one item each (whose cells
    start together)? Only with labels on both sides, two items each at least."""
    left = [ws[0].top for ws in lines if _item_label(ws)[0]]
    right = [ws[0].top for ws in tops if _item_label(ws)[0]]
    if len(left) < 2 or len(right) < 2:
        return False
    return abs(left[1] - right[1]) > lines[0][0].size


def _follows(label: str | None, before: str | None) -> bool:
    a, b = label_ordinal(label), label_ordinal(before)
    return a is not None and b is not None and a == b + 1


def _goes_on(words: list[Word]) -> bool:
    """A line that goes on an item: no label, and a first word in lower case or an acronym
    ("HME-enkäten"), which goes on a sentence as readily as it starts one; the callers ask
    for the sentence left open before it (fresh seed 4017 case 380: "… med stöd av
    resultaten från" / "HME-enkäten vilket …" over a newspaper column's page break)."""
    label, text = _item_label(words)
    return label is None and (text[:1].islower() or _acronym(text))


def _acronym(text: str) -> bool:
    """Does the text begin with an acronym ("KKiK-resultaten", "HME-enkäten")?"""
    return text[:1].isupper() and text[1:2].isupper()


def _finished(text: str) -> bool:
    """The text ends a sentence (behind a closing quote or bracket)."""
    return text.rstrip().rstrip("”\"'»)").endswith((".", "!", "?"))


def _read_list(
    lines: list[Line], i: int, _pages: dict, found: AreaFindings, style: BodyStyle
) -> int:
    kind = header_kind(lines[i])
    col = _Column(found.strengths if kind == "strengths" else found.improvements)
    end = stop = _region_end(lines, i, style)
    col.extents = column_extents(lines, {ln.page for ln in lines[i:end]})
    # Where bullet text starts. A line left of it is either an item's continuation (a typed
    # bullet and a tab without hanging indent wraps back to the glyph's x) or prose after the
    # list: continuation lines follow at the paragraph's own line spacing, prose after a gap.
    # Labels as the whole region shows them: a lone dash starting a justified line of an
    # unlabelled list is the text's, and sets no text edge (fresh seed 4013 case 120)
    body = [k for k in range(i + 1, end) if header_kind(lines[k]) != kind]  # no repeated header
    pending = [(lines[k].words, (lines[k].page, lines[k].column)) for k in body]
    labels = dict(zip(body, _labels(pending, None, False), strict=True))
    text_x = None
    line_gap = style.line_gap
    gaps: list[float] = []
    prev: Line | None = None
    for k in body:
        ln = lines[k]
        glyph, rest = labels[k]  # (a text's own dash at a line's start is none)
        same = prev is not None and (prev.page, prev.column) == (ln.page, ln.column)
        gap = ln.top - prev.bottom if same else None
        if glyph and rest:  # (a label alone is no bullet: "… som Trosa deltar" / "i.")
            text_x = ln.words[1].x0 if len(ln.words) > 1 and len(ln.words[0].text) == 1 else ln.x0
        elif text_x is not None and ln.x0 < text_x - HANGING_INDENT_PT:
            tight = (min(gaps) if gaps else line_gap) + PARAGRAPH_GAP_EXTRA_EM * ln.size
            if gap is not None and gap > tight:
                end = _list_tail(lines, k, stop, lines[i].x0, tight)
                break
        if gap is not None:
            gaps.append(gap)
        prev = ln
        col.add(ln.words, ln.page, ln.column)
    col.flush(continues=False, line_gap=_inside_gap(col.gaps(), style.line_gap))
    return end


def _list_tail(lines: list[Line], k: int, stop: int, margin: float, tight: float) -> int:
    """Where a list's part ends when its reading stopped at `lines[k]` (left of the list's
    text edge after a paragraph's gap, `_read_list`), `stop` the region's end. Prose after a
    list goes back to the margin its title stands at (`margin`); a paragraph none of whose
    lines does stands in the list's column (a table's cell, an indented list): it is the
    list's, though not read as an item. The part takes such paragraphs in, so that the ledger
    reports their words as `unread_text`, rather than as prose, silently (fresh seed 4013
    case 120: a list cut short by a label that was the text's, its last items left as prose).
    Paragraphs end at a gap wider than `tight` or at a page or column break."""
    start = k
    for j in range(k, stop):
        ln, before = lines[j], lines[j - 1]
        if j > k and (
            (ln.page, ln.column) != (before.page, before.column) or ln.top - before.bottom > tight
        ):
            start = j  # a new paragraph
        if ln.x0 <= margin + HANGING_INDENT_PT:
            return start
    return stop
