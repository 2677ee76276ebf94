"""Area score tables ("Delpoäng"): header row, one row per sub-question, the area total.

    1. Offentlighet och demokrati                 Uppnått   Max   Procent
    1.1 Finns en plan/strategi for demokrati-
        utveckling och information?                   13    15       85%
    …                                                 69   100       69%

Columns are found from the header words' x positions, never from fixed coordinates. A question
cell may wrap over several lines and its numbers may sit on any of them, or on a line of their
own; each number line goes to the question it belongs to by position in the table.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from parsers.pdf import Box, Line, PageText, Word, alike_spaces, box_of
from parsers.text import (
    broken_word_rest,
    fills_to_edge,
    is_percent,
    join_label,
    join_lines,
    number,
)
from parsers.tolerances import (
    CELL_GAP_EM,
    FALLBACK_COLUMN_PITCH_PT,
    HEADER_SLACK_PT,
    JUSTIFIED_EDGE_EM,
    MIN_LINE_HEIGHT_PT,
    QUESTION_END_MAX_LETTERS,
    SCORE_BOUNDARY_PITCHES,
    TABLE_END_GAP_LINE_HEIGHTS,
    TABLE_LOOKAHEAD_LINES,
)
from parsers.typography import BodyStyle, is_heading
from parsers.vocabulary import (
    AREA_LABEL,
    COLUMN_TITLES,
    HEADER_TITLE_MARKS,
    QUESTION_ID,
    QUESTION_ID_GLUED,
    SECTION,
    TOTAL_LABELS,
    broken_title,
    findings_title,
    header_columns,
    is_header,
    is_side_header,
)
from parsers.words import bare, no_article


@dataclass
class QuestionRow:
    id: str
    lines: list[str]
    page: int
    top: float
    bottom: float
    numbers: dict[str, int | float] = field(default_factory=dict)
    boxes: list[Box] = field(default_factory=list)
    # per text line (`line_end`): where it ends, whether it is one word, its first letter's width,
    # its page
    ends: list[tuple[float, bool, float, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def line_end(text_words: list[Word], single: bool, page: int) -> tuple[float, bool, float, int]:
    """A question's text line as `glue_broken_words` sees it: where its text ends, whether it
    is one word, the mean letter width of its first word (what the line before would have
    needed to take one more letter), and its page."""
    first = text_words[0]
    return text_words[-1].x1, single, (first.x1 - first.x0) / max(1, len(first.text)), page


@dataclass
class ScoreTable:
    area_number: int | None
    name: str
    page: int
    start: int  # index of the header line in the document's line list
    end: int  # index after the last line of the table
    questions: list[QuestionRow]
    total: dict[str, int | float]
    total_box: Box | None = None


def _head_text(line: Line) -> str:
    cols = header_columns(line)
    left = min(w.x0 for w in cols.values()) if cols else line.x1
    return " ".join(w.text for w in line.words if w.x1 < left)


def _same_header(line: Line, header: Line, wrapped: list[str] | None = None) -> bool:
    """A header row repeated on the next page: same column words, same (or no) area name;
    the name may be whole here where the first page broke it in its narrow cell
    ("2. Samhällsutveckli" / "ng" under it: `wrapped`, the name's rest)."""
    if not is_header(line):
        return False
    name = _head_text(line)
    if not name or name == _head_text(header):
        return True
    return _name_overflow(line, header, wrapped) is not None


def _name_overflow(line: Line, header: Line, wrapped: list[str] | None) -> str | None:
    """What a repeated header row's area name prints beyond the first page's header line
    (spaces dropped): the name there wrapped otherwise, as the first header's line and the
    start of its wrapped rest (`wrapped`): "Nr 4 Ledarskap, ansvar och" over "delegation"
    where the first page printed "Nr 4 Ledarskap, ansvar" over "och delegation" (fresh seed
    4005 case 470: a fact box beside the table on the first page only). None when the
    name is not the first page's."""
    name = _head_text(line).replace(" ", "")
    first = _head_text(header).replace(" ", "")
    squeezed = "".join([first, *(wrapped or [])]).replace(" ", "")
    if name.startswith(first) and squeezed.startswith(name):
        return name[len(first) :]
    return None


def _split_line(
    line: Line,
    boundary: float,
    header_x0: float | None,
    columns: int | None = None,
    text_edge: float | None = None,
) -> tuple[list[Word], list[Word]]:
    """Text words left of the numeric columns, and the numbers in them ('85 %' merged).

    Words that are not numbers but sit under the column headers are the rest of a wrapped
    header ("Uppnådd" / "poäng") and belong to neither. With `columns` (the table's number
    columns), a line with more numbers right of the boundary than columns may hold the
    text's own number after a justified line's stretched space (`_stretched`); with
    `text_edge` (where the table's text lines end), a number inside the text cells' width is
    the text's (`_in_text_cell`).
    """
    text: list[Word] = []
    nums: list[Word] = []
    surplus = columns is not None and (
        sum(w.x0 >= boundary and number(w.text) is not None for w in line.words) > columns
    )
    for w in line.words:
        if (
            header_x0 is not None
            and w.x0 >= header_x0 - HEADER_SLACK_PT
            and number(w.text) is None
            and w.text != "%"
        ):
            continue
        # a number a word space after a text word is that text's ("Summa område 1" in a narrow
        # table, reaching past the boundary): cells stand apart by their padding; so is one
        # a justified line's stretched space after it, as wide as the space before that word
        # ("Förutom ‹12.2› de ‹12.2› 21 ‹cell› 8 30 27 %": fresh seed 4005 case 164)
        gap = w.x0 - text[-1].x1 if text else 0.0
        in_text = (
            bool(text)
            and not nums
            and (
                gap < CELL_GAP_EM * w.size
                or (surplus and _stretched(text, gap))
                or _in_text_cell(w, text_edge)
            )
        )
        if w.x0 >= boundary and (number(w.text) is not None or w.text == "%") and not in_text:
            if w.text == "%" and nums:
                prev = nums[-1]
                nums[-1] = Word(prev.text + "%", prev.x0, w.x1, prev.top, prev.bottom, prev.size)
            else:
                nums.append(w)
        else:
            text.append(w)
    return text, nums


def _in_text_cell(w: Word, text_edge: float | None) -> bool:
    """Does `w` end where the table's text lines end (`text_edge`, up to `JUSTIFIED_EDGE_EM`),
    inside the text cells' width? Cells do not overlap: a number there is a word of the text
    ("mäktiges ‹8.6› 21", a justified line's last word; fresh seed 4008 case 164), however
    wide the space before it."""
    return (
        text_edge is not None
        and w.x0 < text_edge
        and (w.x1 <= text_edge + JUSTIFIED_EDGE_EM * w.size)
    )


def _stretched(text: list[Word], gap: float) -> bool:
    """Is `gap`, after the text words `text`, as wide as the space between their last two
    (within `JUSTIFIED_EDGE_EM`): one more of a justified line's stretched spaces?"""
    if len(text) < 2:
        return False
    before = text[-1].x0 - text[-2].x1
    return before >= CELL_GAP_EM * text[-1].size and alike_spaces(gap, before, text[-1].size)


def _assign(nums: list[Word], cols: dict[str, Word]) -> dict[str, int | float]:
    """Put each number in its column: in order when the row has one number per column (so
    headers and numbers need not share an alignment), else under the nearest header."""
    out: dict[str, int | float] = {}
    if len(nums) == len(cols):
        order = sorted(cols, key=lambda k: cols[k].xc)
        pairs = zip(order, nums, strict=True)
        signed = any(is_percent(w.text) for w in nums)  # a "%" column may print bare numbers
        if not signed or all(
            is_percent(w.text) == (k == "percent") for k, w in pairs if "percent" in cols
        ):
            return {k: number(w.text) for k, w in zip(order, nums, strict=True)}
    for w in nums:
        if is_percent(w.text) and "percent" in cols:
            key = "percent"
        else:
            key = min(cols, key=lambda k: abs(cols[k].xc - w.xc))
            if key == "percent" and not is_percent(w.text) and "percent" in out:
                continue
        value = number(w.text)
        if value is not None and key not in out:
            out[key] = value
    return out


def _continues(
    lines: list[Line],
    i: int,
    boundary: float,
    header_x0: float,
    style: BodyStyle,
    in_header: bool = False,
) -> bool:
    """Does the table go on at `lines[i]`, the first line of a new page?

    Word lets a row break across pages: the rest of a question's text (and its numbers) or
    only the total row may land on the next page. Looking ahead on that page, a question id,
    a row of numbers or a total row before any heading says the table continues; and on the
    page after, when this one holds only text left of the numbers' columns (a question's text
    that fills a page of its narrow cell).
    """
    page, in_cells = lines[i].page, True  # whether the page so far is a question cell's text
    for line in lines[i : i + TABLE_LOOKAHEAD_LINES]:
        if line.page != page:
            # a question's text so long that it fills a whole page of its narrow cell: the
            # row goes on over one more page break
            if not in_cells:
                return False
            page = line.page
        if SECTION.match(line.text):
            return False
        if is_heading(line, style):
            if in_header:
                continue  # the header row itself broke over the page (a wrapped area name)
            return False
        text_words, nums = _split_line(line, boundary, header_x0)
        if nums:
            return True
        if text_words and (
            QUESTION_ID.match(text_words[0].text) or QUESTION_ID_GLUED.match(text_words[0].text)
        ):
            return True
        in_cells = in_cells and all(w.x1 < header_x0 for w in line.words)
    return False


@dataclass
class _Grid:
    """Where a score table's numbers are, from its header row's column titles."""

    cols: dict[str, Word]
    header_x0: float  # the first column title's left edge
    boundary: float  # numbers start right of this: half a column pitch left of the titles
    line_h: float  # the table's line height, to measure gaps in
    text_edge: float | None = None  # where the text lines read so far end (`_in_text_cell`)

    def learn_edge(self, cells: _Cells) -> None:
        """A line of text only, all of it left of the column titles, shows how far the
        table's text cells reach."""
        words = cells.text_words
        if words and not cells.nums and words[-1].x1 < self.header_x0:
            self.text_edge = max(self.text_edge or words[-1].x1, words[-1].x1)

    @classmethod
    def of(cls, header: Line) -> _Grid:
        cols = header_columns(header)
        assert cols is not None
        xs = sorted(w.xc for w in cols.values())
        pitch = (xs[-1] - xs[0]) / (len(xs) - 1) if len(xs) > 1 else FALLBACK_COLUMN_PITCH_PT
        header_x0 = min(w.x0 for w in cols.values())
        return cls(
            cols,
            header_x0,
            header_x0 - SCORE_BOUNDARY_PITCHES * pitch,
            max(header.bottom - header.top, MIN_LINE_HEIGHT_PT),
        )


@dataclass
class _Cells:
    """One line of a table split by the grid: its text cell and its numbers."""

    line: Line
    text_words: list[Word]
    nums: list[Word]
    qid: re.Match | None  # "1.1" as a word of its own
    glued: re.Match | None  # "1.1Finns": the id glued to the question

    @classmethod
    def of(cls, line: Line, grid: _Grid, titles: bool = True) -> _Cells:
        """With `titles` (right under a header row), words under the column titles are their
        wrapped rest; further down a table continued on a page of another width prints its
        text there."""
        text_words, nums = _split_line(
            line,
            grid.boundary,
            grid.header_x0 if titles else None,
            len(grid.cols),
            grid.text_edge,
        )
        first = text_words[0].text if text_words else None
        qid = QUESTION_ID.match(first) if first else None
        glued = QUESTION_ID_GLUED.match(first) if first and not qid else None
        return cls(line, text_words, nums, qid, glued)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.text_words)

    @property
    def starts_question(self) -> bool:
        return bool(self.qid or self.glued)


def _area_of_header(header: Line, grid: _Grid) -> tuple[int | None, str]:
    """The area number and name printed in the header row, left of the column titles."""
    head_words = [w for w in header.words if w.x1 < min(c.x0 for c in grid.cols.values())]
    if (
        len(head_words) > 1
        and not AREA_LABEL.match(head_words[0].text)
        and head_words[1].x0 - head_words[0].x1 >= CELL_GAP_EM * header.size
    ):
        head_words = head_words[1:]  # the title of a column of question ids ("Nr")
    area_number = None
    if head_words and AREA_LABEL.match(head_words[0].text):
        area_number = int(AREA_LABEL.match(head_words[0].text).group(1))
        head_words = head_words[1:]
    return area_number, " ".join(w.text for w in head_words)


@dataclass
class _Draft:
    """A score table while its rows are read."""

    grid: _Grid
    name_lines: list[str]
    questions: list[QuestionRow] = field(default_factory=list)
    orphans: list[tuple[Line, dict[str, int | float]]] = field(default_factory=list)
    total: dict[str, int | float] = field(default_factory=dict)
    total_box: Box | None = None

    def ends_at(
        self, lines: list[Line], i: int, cells: _Cells, prev: Line, style: BodyStyle
    ) -> bool:
        """Does the table end before `lines[i]` (split into `cells`): a new page that does not
        continue it, a sub-heading, a wide gap?"""
        line = lines[i]
        new_page = line.page != prev.page
        g = self.grid
        if new_page and not (
            cells.starts_question
            or cells.nums
            or _continues(lines, i, g.boundary, g.header_x0, style, not self.questions)
        ):
            return True  # a new page that does not continue the table
        if self.questions and not (cells.nums or cells.starts_question) and is_heading(line, style):
            return True  # a sub-heading set apart by typography only
        gap = line.top - prev.bottom if not new_page else 0.0
        return gap > TABLE_END_GAP_LINE_HEIGHTS * g.line_h and not cells.starts_question

    def add(self, cells: _Cells) -> bool:
        """Read one row line: a question's first line, the rest of its text, the area name's
        wrapped rest, a line of numbers only, or the total row (then True: the table ends)."""
        line = cells.line
        values = _assign(cells.nums, self.grid.cols) if cells.nums else {}
        text = cells.text
        if cells.starts_question:
            self._question(cells, values)
        elif cells.text_words and text.casefold().split()[0].rstrip(":") in TOTAL_LABELS and values:
            self.total, self.total_box = values, box_of(line.words, line.page)
            return True
        elif cells.text_words:
            if self.questions:
                q = self.questions[-1]
                q.lines.append(text)
                q.ends.append(line_end(cells.text_words, len(cells.text_words) == 1, line.page))
                q.bottom = line.bottom
                q.boxes.append(box_of(line.words, line.page))
                if values and not values.keys() & q.numbers.keys():
                    # the row's numbers, or the rest of them: a cell set lower in its row
                    # (space before it) prints on a later line of the question's text
                    q.numbers.update(values)
            elif not cells.nums:
                self.name_lines.append(text)
        elif values:
            self.orphans.append((line, values))
        return False

    def _question(self, cells: _Cells, values: dict[str, int | float]) -> None:
        m = cells.qid or cells.glued
        text, line = cells.text, cells.line
        rest = (text.split(" ", 1)[1] if " " in text else "") if cells.qid else m.group(3)
        row = QuestionRow(
            f"{m.group(1)}.{m.group(2)}", [rest] if rest else [], line.page, line.top, line.bottom
        )
        row.boxes.append(box_of(line.words, line.page))
        if rest:
            row.ends.append(
                line_end(
                    cells.text_words, len(cells.text_words) == 2 and not cells.glued, line.page
                )
            )
        row.numbers.update(values)
        self.questions.append(row)

    def total_from_numbers(self) -> bool:
        """A number-only line once every question has its numbers (or a number-only line of
        its own to take them from: a tall row's numbers set between its text lines, as
        `place_orphans` gives them) is the total row, if it lies below the last question's
        row: a number line beside the lines of that row's text (a tall row whose numbers a
        scan's OCR read apart from it) is no total."""
        lacking = sum(1 for q in self.questions if not q.numbers)
        if (
            self.questions
            and len(self.orphans) > lacking  # one each for those, and one more: the total
            and _below(self.orphans[-1][0], self.questions[-1])
        ):
            last, self.total = self.orphans.pop()
            self.total_box = box_of(last.words, last.page)
            return True
        return False

    def place_orphans(self) -> None:
        """Number-only lines: to the nearest question above that still lacks numbers, else
        the total."""
        for line, values in self.orphans:
            above = [q for q in self.questions if (q.page, q.top) <= (line.page, line.top)]
            target = next((q for q in reversed(above) if not q.numbers), None)
            if target is not None:
                target.numbers.update(values)
                target.boxes.append(box_of(line.words, line.page))
            elif not self.total:
                self.total, self.total_box = values, box_of(line.words, line.page)


def _name_goes_on(line: Line, rest: list[str], read: str) -> bool:
    """Does `line` go on spelling the area name's wrapped rest (`rest`, the first page's
    lines under the header) after what the lines before it spelled (`read`)?"""
    text = line.text.replace(" ", "")
    return bool(text) and "".join(rest).replace(" ", "").startswith(read + text)


def _below(line: Line, row: QuestionRow) -> bool:
    return (line.page, line.top) >= (row.page, row.bottom)


def _read_rows(lines: list[Line], start: int, draft: _Draft, style: BodyStyle) -> int:
    """Walk the lines after the header `lines[start]` into `draft`, over page breaks (Word
    repeats the header row, maybe with its wrapped area name, at the top of the next page);
    returns the index after the table."""
    header = lines[start]
    prev = header
    repeated = False
    titles = True  # lines right under a header row may hold its wrapped column titles,
    head_page = header.page  # on the header row's page only
    name_read = ""  # of the repeated header's wrapped area name, what its lines gave so far
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if line.page != prev.page and _same_header(line, header, draft.name_lines[1:]):
            repeated = titles = True  # Word's repeated header row at the top of the next page
            head_page = line.page
            name_read = _name_overflow(line, header, draft.name_lines[1:]) or ""
            # the columns on this page stand where this page's header puts them (a fact box
            # beside the table on the page before squeezed it narrower there)
            draft.grid = _Grid.of(line)
        elif repeated and _name_goes_on(line, draft.name_lines[1:], name_read):
            # the repeated header's wrapped area name, wrapped as on the first page or
            # otherwise where its cell is wider here ("Kvalitets" / "utvecklin" / "g" there,
            # "Kvalitetsutveckl" / "ing" here)
            name_read += line.text.replace(" ", "")
        else:
            repeated = False
            if SECTION.match(line.text) or is_header(line):
                break  # a sub-section, or the next table
            titles = titles and line.page == head_page
            cells = _Cells.of(line, draft.grid, titles)
            draft.grid.learn_edge(cells)
            titles = titles and not (cells.starts_question or cells.nums)
            if draft.ends_at(lines, i, cells, prev, style):
                break
            if draft.add(cells):
                return i + 1  # the total row
        prev = line
        i += 1
        if draft.total_from_numbers():
            break
    return i


def parse_table(
    lines: list[Line],
    start: int,
    style: BodyStyle | None = None,
) -> ScoreTable:
    """Read the score table whose header is `lines[start]`; it may continue over pages.

    The steps: the grid from the header's column titles (`_Grid`), the area in the header
    cell (`_area_of_header`), the rows (`_read_rows`: each line split into its text and number
    cells, `_Cells`, and read into the table, `_Draft.add`), then number-only lines placed
    (`_Draft.place_orphans`)."""
    style = style or BodyStyle.of(lines)
    header = lines[start]
    grid = _Grid.of(header)
    area_number, name = _area_of_header(header, grid)
    draft = _Draft(grid, [name])
    end = _read_rows(lines, start, draft, style)
    draft.place_orphans()
    return ScoreTable(
        area_number=area_number,
        name=join_label(draft.name_lines).strip(),
        page=header.page,
        start=start,
        end=end,
        questions=draft.questions,
        total=draft.total,
        total_box=draft.total_box,
    )


def glue_broken_words(
    tables: list[list[QuestionRow]], size: float, vocabulary: Counter[str]
) -> None:
    """A word too long for its cell is broken without a hyphen by the word processor
    ("medarbetarundersökninga" / "r och …"). Its first part is the only word on its line and
    fills the line to the cell's right edge, which the lines of several words show (they end
    at most there): less room is left than the next letter needs (`text.fills_to_edge`).
    Where geometry cannot tell this from a long word that simply wrapped
    ("brukarundersökningar" / "och …"), the text decides (`text.broken_word_rest`, with the
    report's words as `vocabulary`), or a rest of at most `QUESTION_END_MAX_LETTERS` letters
    that ends the question ("…undersöknin" / "gar?").

    The edge is each table's own on each page (`tables`: the questions of each score table):
    a report's tables need not share their column widths, nor one table's pages (fresh seed
    4013 case 181: area 1's question column ended at 135 pt on its first page and at 193 pt
    under its header repeated on the next, area 8's at 204 pt, so "tjänstemannagrupp" / "en."
    never reached the edge). A page of a table with no line of several words takes the
    table's widest, a table with none the report's.
    """
    every = [x for qs in tables for q in qs for x, single, _, _ in q.ends if not single]
    if not every:
        return
    for qs in tables:
        edges: dict[int, float] = {}
        for q in qs:
            for x, single, _, page in q.ends:
                if not single:
                    edges[page] = max(x, edges.get(page, x))
        widest = max(edges.values(), default=max(every))
        for q in qs:
            if len(q.ends) == len(q.lines):
                _glue_question(q, edges, widest, size, vocabulary)


def _glue_question(
    q: QuestionRow, edges: dict[int, float], widest: float, size: float, vocabulary: Counter[str]
) -> None:
    """`glue_broken_words` for one question, its cell's right edge per page in `edges`."""
    for k in range(len(q.lines) - 1, 0, -1):
        x1, single, _, page = q.ends[k - 1]
        if not (single and fills_to_edge(x1, edges.get(page, widest), size, q.ends[k][2])):
            continue
        tail, *after = q.lines[k].split(" ", 2)[:2]
        ends_question = (
            q.lines[k] == tail
            and tail.endswith("?")
            and q.lines[k - 1][-1:].isalpha()
            and tail[:1].islower()
            and len(bare(tail)) <= QUESTION_END_MAX_LETTERS
        )
        # an article that starts no noun phrase is a word's end ("verksamhetsplanering" /
        # "en samt hur …"), though the document prints the whole word nowhere
        no_noun = no_article(tail, after[0] if after else None)
        if ends_question or no_noun or broken_word_rest(q.lines[k - 1], tail, vocabulary):
            q.lines[k - 1] += q.lines.pop(k)
            x1, last_single, _, page = q.ends.pop(k)
            q.ends[k - 1] = (x1, last_single and single, q.ends[k - 1][2], page)


#: "Område 3 Styrning och kontroll – delpoäng", "4.3 Styrning …", "3. Styrning …": a line
#: that names an area by number, wherever it is printed.
_NAMED_AREA = re.compile(r"^(?:område\s+)?(?:\d\.)?([1-8])\.?\s+(\S.*)$", re.I)


@functools.cache
def _name_score(text: str) -> float:
    """How well `text` matches the best area name of any instrument version (0–1). Cached: a
    pure function of the text, asked again for the same lines by the tag and layout readings."""
    from schema.instruments import instruments

    return max(a.match(text) for inst in instruments() for a in inst.areas)


def known_area_name(text: str) -> bool:
    """Is `text` the name of an area in some instrument version (its vocabulary)?"""
    from schema.instruments import MATCH_THRESHOLD

    return _name_score(text) >= MATCH_THRESHOLD


def area_named_in(text: str) -> tuple[int, str] | None:
    """(number, name) of a line that names an area: the number, then the run of words from
    the start that best matches a known area name (a suffix such as "– delpoäng" is not part
    of it; the longer run wins a tie)."""
    from schema.instruments import MATCH_THRESHOLD

    m = _NAMED_AREA.match(text.strip())
    if not m:
        return None
    words = m.group(2).split()
    best: tuple[float, int, str] | None = None
    for k in range(len(words), 0, -1):
        name = " ".join(words[:k]).rstrip(" –-:,")
        score = _name_score(name) if name else 0.0
        if score >= MATCH_THRESHOLD and (best is None or score > best[0]):
            best = (score, k, name)
    return (int(m.group(1)), best[2]) if best else None


def name_from_above(lines: list[Line], table: ScoreTable, floor: int) -> None:
    """A table whose header cell holds a column title ("Fråga", "Delområde") and not the area:
    the area's name is printed above it (a line of its own, or the heading). The nearest line
    above, back to the previous table, that names an area by number and a known name wins;
    a name wrapped onto the next line ("Område 3 Klarhet i samspelet mellan politik och" /
    "administration – delpoäng") is read whole when that matches a known name better."""
    if table.name and known_area_name(table.name):
        return
    for k in range(table.start - 1, floor - 1, -1):
        found = area_named_in(lines[k].text)
        if found and k + 1 < table.start:
            wrapped = area_named_in(join_lines([lines[k].text, lines[k + 1].text]))
            if (
                wrapped
                and wrapped[0] == found[0]
                and len(wrapped[1]) > len(found[1])
                and _name_score(wrapped[1]) > _name_score(found[1])
            ):
                found = wrapped
        if found and table.area_number in (None, found[0]):
            table.area_number, table.name = found
            return


def join_broken_titles(pages: list[PageText]) -> None:
    """A column title broken inside the word when its cell is too narrow for it ("Uppnå" /
    "tt", "Proce" / "nt": a fact box beside the table squeezes it; "Förbättringsmöjlighet" /
    "er" over a findings table's narrow column on A5): the piece printed under a title, within
    the title's width, joins it when the joined words make the line a header row (a score
    table's, or a findings table's with the joined title a findings title). Done on the lines
    before any table is looked for, so that every reader of a header row (tables, furniture,
    findings, the ledger) sees whole titles."""
    for page in pages:
        lines = page.lines
        for line, nxt in itertools.pairwise(lines):
            if not line.words or not nxt.words or is_header(line):
                continue
            if nxt.top - line.bottom > line.size:
                continue
            joined = _joined_titles(line, nxt)
            if joined is not None:
                line.words, nxt.words = joined
        page.lines = [ln for ln in lines if ln.words]


def join_broken_cells(pages: list[PageText]) -> None:
    """What a cell too narrow for it broke inside a word, joined before any table is looked
    for: column titles ("Uppnå" / "tt": `join_broken_titles`) and question ids ("4." / "1":
    `join_broken_ids`)."""
    join_broken_titles(pages)
    join_broken_ids(pages)


def join_broken_ids(pages: list[PageText]) -> None:
    """A question id broken after its dot in a column of ids too narrow for it ("4." on the
    row's first line, "1" under it: fresh seed 4005 case 167, A5): the digits printed right
    under an area number's "4.", starting at its x, with the next cell's text beside both
    starting at one edge, join it. A numbered list's "4." over a line beginning with a
    number ("1 000 kronor") has no such cell beside. Done with `join_broken_titles`, before
    any table is looked for."""
    for page in pages:
        for line, nxt in itertools.pairwise(page.lines):
            if _broken_id(line, nxt):
                head, rest = line.words[0], nxt.words[0]
                line.words[0] = replace(head, text=head.text + rest.text, x1=max(head.x1, rest.x1))
                nxt.words = nxt.words[1:]
        page.lines = [ln for ln in page.lines if ln.words]


def _broken_id(line: Line, nxt: Line) -> bool:
    """Is `nxt`'s first word the rest of `line`'s first word, a question id broken in its
    cell (see `join_broken_ids`)?"""
    if len(line.words) < 2 or len(nxt.words) < 2 or nxt.top - line.bottom > line.size:
        return False
    (head, text), (rest, beside) = line.words[:2], nxt.words[:2]
    gap = CELL_GAP_EM * line.size
    return (
        AREA_LABEL.match(head.text) is not None
        and head.text.endswith(".")
        and rest.text.isdigit()  # "6." under "5." is a numbered list's next label
        and QUESTION_ID.match(head.text + rest.text) is not None
        and abs(rest.x0 - head.x0) <= HEADER_SLACK_PT
        and abs(beside.x0 - text.x0) <= HEADER_SLACK_PT
        and text.x0 - head.x1 >= gap
        and beside.x0 - rest.x1 >= gap
    )


def _under(v: Word, w: Word) -> bool:
    """Is `v` printed under the word `w`, as the rest of it in the same cell: within its
    width; or, when the two make a column title, centred under it (a centred cell's longer
    rest reaches out on both sides: "Pro" / "cent") or ending where it ends (right-aligned).
    Not any word ending where another ends: "och" / "samt" in a wrapped area name."""
    if w.x0 - HEADER_SLACK_PT <= v.x0 and v.x1 <= w.x1 + HEADER_SLACK_PT:
        return True
    aligned = abs(v.xc - w.xc) <= HEADER_SLACK_PT or abs(v.x1 - w.x1) <= HEADER_SLACK_PT
    title = (w.text + v.text).casefold().strip(HEADER_TITLE_MARKS)
    return aligned and (title in COLUMN_TITLES or findings_title(title) is not None)


def _joined_titles(line: Line, nxt: Line) -> tuple[list[Word], list[Word]] | None:
    """(the header row's words with their broken titles joined, what is left of `nxt`), or
    None when joining makes no header row (or no findings heading of one word)."""
    words, rest = list(line.words), []
    titles = []  # the findings titles that joining made
    for before, v in zip([None, *nxt.words], nxt.words, strict=False):
        # only a piece of a word in lower case is a title's rest (asked first: it is cheap),
        # and it begins its cell's line: a word a word space after another is that text's
        # next word ("4 Ledarskap, ansvar" / "och delegation" in a justified name cell put
        # "delegation" under "Ledarskap,": fresh seed 4005 case 470)
        shaped = v.text.isalpha() and v.text.islower()
        shaped = shaped and (before is None or v.x0 - before.x1 >= CELL_GAP_EM * v.size)
        k = next((k for k, w in enumerate(words) if _under(v, w)), None) if shaped else None
        if k is None:
            rest.append(v)
            continue
        w = words[k]
        words[k] = replace(
            w, text=w.text + v.text, x1=max(w.x1, v.x1), bottom=max(w.bottom, v.bottom)
        )
        titles.append(broken_title(w.text, v.text))
    if len(rest) == len(nxt.words):
        return None
    joined = Line(words, line.page)
    if is_header(joined) or (all(titles) and is_side_header(joined)):
        return words, rest
    # a findings heading alone on its line, broken inside the word in a narrow newspaper
    # column ("Förbättringsmöjlighe" / "ter")
    if len(words) == 1 == len(nxt.words) and titles[0]:
        return words, rest
    return None


def find_tables(lines: list[Line], style: BodyStyle | None = None) -> list[ScoreTable]:
    style = style or BodyStyle.of(lines)
    tables = []
    i = 0
    floor = 0
    while i < len(lines):
        if is_header(lines[i]):
            table = parse_table(lines, i, style)
            if table.questions:
                name_from_above(lines, table, floor)
                tables.append(table)
                floor = table.end
            i = max(table.end, i + 1)
        else:
            i += 1
    vocabulary = Counter(bare(w.text) for ln in lines for w in ln.words)
    glue_broken_words([t.questions for t in tables], style.size, vocabulary)
    return tables
