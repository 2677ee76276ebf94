"""Tagged PDFs: tables, lists, headings and paragraphs from the structure tree (issue 23).

Word's "Save as PDF" and LibreOffice's tagged export write a structure tree: tables as
`Table/TR/TD`, Word lists as `L/LI/Lbl/LBody`, headings as `H1…H6`, paragraphs as `P`, each
pointing to the marked content (MCIDs) of its characters. The readers report, per page, the
tree's marked-content references (`RawPage.marks`, walked from the raw /K entries with each
reference's /Pg, so an element continued on the next page keeps its pieces on their pages) and
each character's MCID; this module joins them into the generic blocks the layout reading also
has, with the page and boxes of every piece:

    Block("table", rows=[[cell blocks, …], …])    Block("list", items=[ListItem(label, lines)])
    Block("heading", level=2, lines=[…])          Block("paragraph", lines=[…])

and maps them into the parser's own structures (`ScoreTable`/`QuestionRow`, `HistoryTable`,
findings `Item`s), so the rest of the parser and the record do not know where they came from.
Lines inside a block are built by the same code as the layout reading's (`lines_from_words`),
from the page's own words that belong to the block's MCIDs (a word carries its first
character's MCID), so both readings see the very same words.

The tree is used only where it covers the content: every printed character outside artifacts
(running headers and footers) must belong to a referenced MCID, on every page with text, and
every structure the parser reads (score tables, history, findings) must come out whole. Else
(untagged, partial, broken: empty cells, rows of the wrong width, unknown nesting) the layout
reading stands, and a warning says which pages had tags.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from parsers.findings import (
    AreaFindings,
    Item,
    ends_section,
    header_kind,
    lead_in_alone,
    rejoin_broken_words,
)
from parsers.history import HistoryCell, HistoryTable
from parsers.pdf import Box, Document, Line, box_of, lines_from_words
from parsers.reader import StructPath, Word
from parsers.scores import QuestionRow, ScoreTable, glue_broken_words, line_end, name_from_above
from parsers.text import HYPHENS, join_label, number, strip_label
from parsers.tolerances import CELL_HEADER_SLACK_EM, LINE_BASELINE_TOLERANCE, MIN_HISTORY_ROWS
from parsers.typography import BodyStyle
from parsers.vocabulary import (
    AREA_LABEL,
    AREA_ROW,
    IMPROVEMENT_WORDS,
    MAX_HEADERS,
    PERCENT_HEADERS,
    POINTS_HEADERS,
    QUESTION_ID,
    QUESTION_ID_GLUED,
    STRENGTH_WORDS,
    TOTAL_LABELS,
    YEAR,
    broken_title,
)
from parsers.words import bare
from schema.record import Area, Warning

__all__ = [
    "Block",
    "Element",
    "ListItem",
    "Structure",
    "TagReading",
    "readings_differ",
    "structure_of",
    "tag_findings",
    "tag_reading",
    "tree_of",
]

_HEADING = re.compile(r"^H([1-6])?$")
#: Grouping elements: their children are read in order, they make no block of their own.
_GROUPS = frozenset(
    [
        "Document",
        "Part",
        "Art",
        "Sect",
        "Div",
        "BlockQuote",
        "Caption",
        "TOC",
        "TOCI",
        "Index",
        "NonStruct",
        "Private",
        "THead",
        "TBody",
        "TFoot",
        "Form",
        "Annot",
        "Link",
        "Reference",
        "BibEntry",
        "Quote",
        "Note",
        "Code",
    ]
)


#: Grouping elements that, nested inside a paragraph, are a frame anchored there and drawn
#: elsewhere on the page (Word's and LibreOffice's floating text boxes are P/Div): an aside,
#: outside the text's flow.
_FRAMES = frozenset(["Div", "Sect", "Aside"])


@dataclass
class Piece:
    """One marked-content sequence of an element: its words on one page."""

    page: int
    mcid: int
    words: list[Word]


@dataclass
class Element:
    type: str
    path: StructPath
    kids: dict[int, Element | Piece] = field(default_factory=dict)  # by /K index

    def children(self) -> list[Element | Piece]:
        return [self.kids[k] for k in sorted(self.kids)]

    def pieces(self) -> list[Piece]:
        out: list[Piece] = []
        for kid in self.children():
            out.extend([kid] if isinstance(kid, Piece) else kid.pieces())
        return out


def lines_of(pieces: list[Piece]) -> list[Line]:
    """The lines of these pieces' words in content order: the pieces (marked-content
    sequences) in the tree's order, cut into runs where the next piece starts on a line above
    the previous one (the element goes on at the top of the next newspaper column, or of the
    next page); each run's words grouped into lines top to bottom by `lines_from_words`, the
    runs in the tree's order. So an item over a column break reads column 1 then column 2,
    never the two interleaved by height."""
    runs: list[tuple[int, list[Word]]] = []
    last: Word | None = None
    for p in pieces:
        if not p.words:
            continue
        first = min(p.words, key=lambda w: (w.baseline, w.x0))
        back_up = (
            last is not None
            and first.baseline < last.baseline - LINE_BASELINE_TOLERANCE * first.size
        )
        if not runs or runs[-1][0] != p.page or back_up:
            runs.append((p.page, []))
        runs[-1][1].extend(p.words)
        last = max(p.words, key=lambda w: (w.baseline, w.x0))
    out: list[Line] = []
    for page, words in runs:
        out.extend(lines_from_words(words, page))
    return out


@dataclass
class ListItem:
    label: str | None
    lines: list[Line]
    label_lines: list[Line] = field(default_factory=list)  # where the label is printed


@dataclass
class Block:
    kind: str  # "table" | "list" | "heading" | "paragraph" | "aside" (a floating text box)
    type: str  # the structure type it came from (Table, L, H2, P, …)
    lines: list[Line] = field(default_factory=list)  # heading, paragraph: its lines
    rows: list[list[list[Block]]] = field(default_factory=list)  # table: rows of cells
    items: list[ListItem] = field(default_factory=list)  # list
    level: int | None = None  # heading
    broken: str | None = None  # table: why its cells cannot be trusted (wrong nesting)

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)

    @property
    def page(self) -> int | None:
        first = self.all_lines()
        return first[0].page if first else None

    def all_lines(self) -> list[Line]:
        if self.kind == "table":
            return [ln for row in self.rows for cell in row for b in cell for ln in b.all_lines()]
        if self.kind == "list":
            return [ln for it in self.items for ln in it.lines]
        return list(self.lines)

    def boxes(self) -> list[Box]:
        """One box per line of every piece (a block over a page break has boxes on both)."""
        return [box_of(ln.words, ln.page) for ln in self.all_lines()]


class BrokenTree(Exception):
    """The structure tree cannot be read as blocks (wrong nesting); the layout reading stands."""


def tree_of(doc: Document) -> Element | None:
    """The structure tree with every marked-content reference's characters; None untagged."""
    if all(p.marks is None for p in doc.pages):
        return None
    root = Element("", ())
    for page in doc.pages:
        for path, kid, mcid in page.marks or []:
            node = root
            for depth, (index, kind) in enumerate(path):
                nxt = node.kids.get(index)
                if not isinstance(nxt, Element):
                    nxt = node.kids[index] = Element(kind, path[: depth + 1])
                node = nxt
            node.kids[kid] = Piece(page.number, mcid, page.marked.get(mcid, []))
    return root


def _cell_blocks(cell: Element) -> list[Block]:
    return _blocks(cell.children(), cell)


def _blocks(kids: list[Element | Piece], parent: Element) -> list[Block]:
    out: list[Block] = []
    loose: list[Piece] = []  # pieces straight under a grouping element or a cell
    for kid in kids:
        if isinstance(kid, Piece):
            loose.append(kid)
            continue
        if loose:
            out.append(Block("paragraph", parent.type, lines_of(loose)))
            loose = []
        out.extend(_element_blocks(kid))
    if loose:
        out.append(Block("paragraph", parent.type, lines_of(loose)))
    return [b for b in out if b.kind in ("table", "list") or b.lines]


def _element_blocks(el: Element) -> list[Block]:
    t = el.type
    if t == "Table":
        rows, broken = _rows(el)
        return [Block("table", t, rows=rows, broken=broken)]
    if t == "L":
        return [Block("list", t, items=_items(el))]
    m = _HEADING.match(t)
    if m:
        return [Block("heading", t, lines_of(el.pieces()), level=int(m.group(1) or 1))]
    if t in _GROUPS or t in ("", "TR", "TD", "TH", "LI", "LBody"):
        return _blocks(el.children(), el)
    if any(isinstance(k, Element) and k.type in ("Table", "L") for k in el.children()):
        return _blocks(el.children(), el)  # a paragraph holding a table or a list: a group
    frames = [k for k in el.children() if isinstance(k, Element) and k.type in _FRAMES]
    if frames:  # a paragraph that anchors text boxes: its own text, then each box aside
        own = [k for k in el.children() if isinstance(k, Piece)]
        out = [Block("paragraph", t, lines_of(own))] if own else []
        return out + [Block("aside", f.type, lines_of(f.pieces())) for f in frames]
    return [Block("paragraph", t, lines_of(el.pieces()))]


def _rows(table: Element) -> tuple[list[list[list[Block]]], str | None]:
    """Rows of cells; a cell's place is its index in the row's /K, so an empty cell (which
    has no marked content, and so is in no page's tree) leaves its place empty."""
    rows: list[dict[int, list[Block]]] = []
    broken: list[str] = []

    def collect(el: Element) -> None:
        for kid in el.children():
            if isinstance(kid, Piece):
                continue  # loose content in a table: ignored (a caption without Caption)
            if kid.type in ("THead", "TBody", "TFoot"):
                collect(kid)
            elif kid.type == "TR":
                cells: dict[int, list[Block]] = {}
                for index, c in sorted(kid.kids.items()):
                    if isinstance(c, Piece) or c.type not in ("TD", "TH"):
                        raise BrokenTree("a table row holds content outside its cells")
                    cells[index] = _cell_blocks(c)
                    why = _in_order(cells[index])
                    if why:
                        broken.append(why)
                rows.append(cells)
            else:
                raise BrokenTree(f"a Table holds a {kid.type} element")

    collect(table)
    width = max((max(r) + 1 for r in rows if r), default=0)
    return [[r.get(k, []) for k in range(width)] for r in rows], (broken[0] if broken else None)


def _start(lines: list[Line]) -> tuple[int, float]:
    return (lines[0].page, lines[0].top) if lines else (0, 0.0)


def _in_order(blocks: list[Block]) -> str | None:
    """Blocks of one cell, and items of one list, follow each other down the pages. A tree
    that goes back up (LibreOffice files a list continued in the next cell under the first
    cell) is nested wrongly."""
    starts = []
    for b in blocks:
        if b.kind == "list":
            starts += [_start(it.lines) for it in b.items if it.lines]
        elif b.all_lines():
            starts.append(_start(b.all_lines()))
    for a, b in itertools.pairwise(starts):
        if b <= a:
            return f"one cell's content goes back up page {b[0]} (wrong nesting)"
    return None


def _items(lst: Element) -> list[ListItem]:
    items: list[ListItem] = []
    for li in lst.children():
        if isinstance(li, Piece) or li.type != "LI":
            if isinstance(li, Element) and li.type == "L":  # a nested list: its items follow
                items.extend(_items(li))
                continue
            raise BrokenTree("a list holds content outside list items")
        label: str | None = None
        label_pieces: list[Piece] = []
        body: list[Piece] = []
        for part in li.children():
            if isinstance(part, Element) and part.type == "Lbl":
                label_pieces = part.pieces()
                label = " ".join(ln.text for ln in lines_of(label_pieces)) or None
            elif isinstance(part, Element):
                body.extend(part.pieces())
            else:
                body.append(part)
        if label is None and len(body) > 1:
            # no Lbl: Word's/LibreOffice's label is the first piece of the body's paragraph
            # (the same labels as the layout reading strips: `text.strip_label`)
            first = "".join(w.text for w in body[0].words).strip()
            glyph, rest = strip_label(first)
            if glyph is not None and not rest:
                label, label_pieces, body = first, body[:1], body[1:]
        items.append(ListItem(label, lines_of(body), lines_of(label_pieces)))
    return items


# --- coverage ---------------------------------------------------------------------------------


@dataclass
class Structure:
    """What the tree covers: pages whose printed content all belongs to it, and the rest."""

    tagged: list[int]
    untagged: list[int]
    blocks: list[Block]
    broken: str | None = None


def structure_of(doc: Document) -> Structure | None:
    """The tree's blocks and its coverage per page; None for an untagged PDF."""
    root = tree_of(doc)
    if root is None:
        return None
    tagged, untagged = [], []
    for page in doc.pages:
        if not page.content_chars:
            continue  # an empty page counts for neither
        (untagged if page.unmarked_chars else tagged).append(page.number)
    try:
        blocks = _blocks(root.children(), root)
    except BrokenTree as e:
        return Structure(tagged, untagged, [], str(e))
    return Structure(tagged, untagged, blocks)


def flat(blocks: list[Block]) -> list[Block]:
    """Blocks in reading order, tables' cell contents after their table."""
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        for row in b.rows:
            for cell in row:
                out.extend(flat(cell))
    return out


# --- the parser's structures from blocks ------------------------------------------------------


class LineIndex:
    """The index of a block's line in the document's line list (`area_of` works on those)."""

    def __init__(self, lines: list[Line]):
        self.by_page: dict[int, list[tuple[float, float, int]]] = {}
        for i, ln in enumerate(lines):
            self.by_page.setdefault(ln.page, []).append((ln.top, ln.bottom, i))

    def __call__(self, line: Line) -> int | None:
        return self.at(line.page, (line.top + line.bottom) / 2)

    def at(self, page: int, mid: float) -> int | None:
        for top, bottom, i in self.by_page.get(page, []):
            if top <= mid <= bottom:
                return i
        return None


def _cell_lines(cell: list[Block]) -> list[Line]:
    return [ln for b in cell for ln in b.all_lines()]


def _cell_text(cell: list[Block]) -> str:
    return " ".join(ln.text for ln in _cell_lines(cell))


def _cell_number(cell: list[Block]) -> int | float | None:
    return number(_cell_text(cell).replace(" %", "%"))


class NotRead(Exception):
    """A table the tags hold cannot be read whole (an empty cell, a row of the wrong width)."""


def _score_columns(header: list[list[Block]]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for j, cell in enumerate(header[1:], start=1):
        words = [w.casefold().rstrip(":") for w in _cell_text(cell).split()]
        # a title broken inside the word in a narrow cell ("Upp" / "nått", "Proc" / "ent"),
        # as the layout joins it (`scores.join_broken_titles`)
        words.append("".join(ln.text for ln in _cell_lines(cell)).casefold().rstrip(":"))
        if any(w in POINTS_HEADERS for w in words) and "points" not in cols:
            cols["points"] = j
        elif any(w in MAX_HEADERS for w in words) and "points" in cols:
            cols["max"] = j
        elif any(w in PERCENT_HEADERS for w in words) and "max" in cols:
            cols["percent"] = j
    return cols if "points" in cols and "max" in cols else None


def _same_row(a: list[list[Block]], b: list[list[Block]]) -> bool:
    return [_cell_text(c) for c in a] == [_cell_text(c) for c in b]


def score_table(block: Block, index: LineIndex) -> ScoreTable | None:
    """A score table from a tagged Table whose first row is a score header; None if it is
    not one. Raises NotRead when it is one but cannot be read whole. Steps: the header's
    columns and area name cell (`_area_in_header`), then each row's numbers (`_row_values`)
    as a question row (`_question_row`), the total row, or a stray row."""
    if not block.rows or not block.rows[0]:
        return None
    header = block.rows[0]
    cols = _score_columns(header)
    if cols is None:
        return None
    if block.broken:
        raise NotRead(f"a score table: {block.broken}")
    id_col = _id_column(block, min(cols.values()))
    head = _cell_lines(header[1] if id_col else header[0])
    if not head:
        raise NotRead("a score table's header has no area name cell")
    area_number, name_lines = _area_in_header(head)
    questions: list[QuestionRow] = []
    stray: list[str] = []
    total: dict[str, int | float] = {}
    total_box: Box | None = None
    last_line = head[-1]
    for row in block.rows[1:]:
        if _same_row(row, header):
            continue  # the header row repeated on the next page
        values = _row_values(row, header, cols)
        first = _text_lines(row, id_col)
        all_lines = [ln for cell in row for ln in _cell_lines(cell)]
        last_line = max(all_lines, key=lambda ln: (ln.page, ln.bottom))
        q = _question_row(first, all_lines, values)
        if q is not None:
            questions.append(q)
        elif not first or first[0].words[0].text.casefold().rstrip(":") in TOTAL_LABELS:
            total = values
            total_box = box_of([w for ln in all_lines for w in ln.words], all_lines[0].page)
        else:
            stray.append(first[0].text)
    if not questions:
        return None  # a score overview ("Översikt av poängfördelning"), not an area's table
    if stray:
        raise NotRead(f"a score table row starts {stray[0]!r}, no question id")
    start = index(head[0])
    end = index(last_line)
    if start is None or end is None:
        raise NotRead("a score table's lines are not among the page's lines")
    return ScoreTable(
        area_number,
        join_label(name_lines).strip(),
        head[0].page,
        start,
        end + 1,
        questions,
        total,
        total_box,
    )


def _id_column(block: Block, text_end: int) -> bool:
    """Is the table's first column its questions' ids ("Nr | Fråga | Poäng …"): more than one
    cell left of the numbers, and every row's first cell a question id alone or empty (the
    total row's)?"""
    if text_end < 2:
        return False
    header = block.rows[0]
    firsts = [row[0] for row in block.rows[1:] if row and not _same_row(row, header)]
    return any(map(_cell_text, firsts)) and all(
        not _cell_text(c) or _cell_id(c) is not None for c in firsts
    )


def _cell_id(cell: list[Block]) -> Word | None:
    """The question id a cell of the id column holds, as one word; a cell too narrow for it
    breaks it after the dot ("4." / "1": fresh seed 4005 case 167), and its pieces join
    (as the layout joins them: `scores.join_broken_ids`)."""
    words = [w for ln in _cell_lines(cell) for w in ln.words]
    text = "".join(w.text for w in words)
    if not words or QUESTION_ID.match(text) is None:
        return None
    return replace(words[0], text=text, x1=max(w.x1 for w in words))


def _text_lines(row: list[list[Block]], id_col: bool) -> list[Line]:
    """The lines of a row's question cell; with an id column (`_id_column`) the id goes in
    front of the text's first line, as a question cell that holds both prints it."""
    if not id_col:
        return _cell_lines(row[0])
    ids, text = _cell_lines(row[0]), _cell_lines(row[1])
    qid = _cell_id(row[0])
    if qid is not None and text:
        return [Line([qid, *text[0].words], text[0].page), *text[1:]]
    return ids + text


def _area_in_header(head: list[Line]) -> tuple[int | None, list[str]]:
    """The area number leading the header's first cell ("3 Verksamhetsutveckling"), if any,
    and the lines of the area name without it."""
    words = [w.text for ln in head for w in ln.words]
    area_number = None
    name_lines = [ln.text for ln in head]
    if words and AREA_LABEL.match(words[0]):
        area_number = int(AREA_LABEL.match(words[0]).group(1))
        name_lines[0] = name_lines[0].split(" ", 1)[1] if " " in name_lines[0] else ""
    return area_number, name_lines


def _row_values(
    row: list[list[Block]], header: list[list[Block]], cols: dict[str, int]
) -> dict[str, int | float]:
    """A row's numbers under the header's columns (points/max/percent). Raises NotRead for a
    row of another width than the header or a cell that is no number."""
    if len(row) != len(header):
        raise NotRead(f"a score table row has {len(row)} cells, its header {len(header)}")
    values: dict[str, int | float] = {}
    for key, j in cols.items():
        v = _cell_number(row[j])
        if v is None:
            raise NotRead(f"a score table cell reads {_cell_text(row[j])!r}, not a number")
        values[key] = v
    return values


def _question_row(
    first: list[Line], all_lines: list[Line], values: dict[str, int | float]
) -> QuestionRow | None:
    """The question row whose first cell (`first`: its lines) starts with a question id
    ("4.2", or glued to its word: "4.2Har"), with its text lines, their ends, and the boxes
    of every cell's lines; None when the cell starts with no question id."""
    text_words = first[0].words if first else []
    qid = QUESTION_ID.match(text_words[0].text) if text_words else None
    glued = None if qid else (QUESTION_ID_GLUED.match(text_words[0].text) if text_words else None)
    if not (qid or glued):
        return None
    m = qid or glued
    line0 = first[0].text
    rest = line0.split(" ", 1)[1] if qid and " " in line0 else ("" if qid else m.group(3))
    q = QuestionRow(
        f"{m.group(1)}.{m.group(2)}",
        [rest] if rest else [],
        first[0].page,
        first[0].top,
        first[-1].bottom,
        values,
    )
    if rest:
        q.ends.append(line_end(text_words, len(text_words) == 2 and not glued, first[0].page))
    for ln in first[1:]:
        q.lines.append(ln.text)
        q.ends.append(line_end(ln.words, len(ln.words) == 1, ln.page))
    q.boxes = [box_of(ln.words, ln.page) for ln in all_lines]  # every cell's lines
    return q


def history_table(block: Block, index: LineIndex) -> HistoryTable | None:
    """The history table ("Poäng i Kommunkompassen 2015 2017 2018") from a tagged Table;
    its row boxes cover every cell (the ledger accounts the words against them)."""
    if not block.rows or len(block.rows[0]) < 2:
        return None
    header = block.rows[0]
    years = [_cell_text(c) for c in header[1:]]
    if not all(YEAR.match(y) for y in years):
        return None
    year_list = [int(y) for y in years]
    rows: list[tuple[int | None, list[str], dict[int, int | float]]] = []
    boxes: list[tuple[int | None, Box]] = []
    for row in block.rows[1:]:
        if _same_row(row, header):
            continue
        if len(row) != len(header):
            raise NotRead(f"a history row has {len(row)} cells, its header {len(header)}")
        label = _cell_lines(row[0])
        if not label:
            raise NotRead("a history row has no label")
        head = label[0].words[0].text
        m = AREA_ROW.match(head)
        if not m and head.casefold().rstrip(":") not in TOTAL_LABELS:
            raise NotRead(f"a history row starts {head!r}, no area number")
        texts = [ln.text for ln in label]
        if m:
            texts[0] = texts[0].split(" ", 1)[1] if " " in texts[0] else ""
        values: dict[int, int | float] = {}
        for y, cell in zip(year_list, row[1:], strict=True):
            v = _cell_number(cell)
            if v is not None:
                values[y] = v
            elif _cell_text(cell):
                raise NotRead(f"a history cell reads {_cell_text(cell)!r}")
        number_ = int(m.group(1)) if m else None
        rows.append((number_, [t for t in texts if t] if m else texts, values))
        boxes += [(number_, box_of(ln.words, ln.page)) for c in row for ln in _cell_lines(c)]
    if sum(1 for n, _, v in rows if n is not None and v) < MIN_HISTORY_ROWS:
        return None
    cells = [
        HistoryCell(y, n, join_label(label) or None, v.get(y))
        for y in year_list
        for n, label, v in rows
    ]
    head = _cell_lines(header[0]) or _cell_lines(header[1])
    start = index(head[0]) if head else None
    return HistoryTable(
        block.page or 0, year_list, cells, row_boxes=boxes, start=-1 if start is None else start
    )


def _items_of(blocks: list[Block]) -> list[tuple[Item, list[Line]]]:
    """Findings items, each with its text lines: each paragraph (a typed label stripped: any
    bullet glyph, "1." or "a)", as the layout reading does, `text.strip_label`) and each list
    item. An item's boxes cover its label too (the ledger accounts every printed word)."""
    out: list[tuple[Item, list[Line]]] = []
    for b in blocks:
        if b.kind == "list":
            for it in b.items:
                if it.lines:
                    item = _item([ln.text for ln in it.lines], it.lines)
                    item.boxes += [box_of(ln.words, ln.page) for ln in it.label_lines]
                    out.append((item, it.lines))
        elif b.kind == "paragraph" and b.lines:
            texts = [ln.text for ln in b.lines]
            texts[0] = strip_label(texts[0])[1]
            out.append((_item(texts, b.lines), b.lines))
        elif b.kind == "table":
            raise NotRead("a table inside a findings cell")
    return [(i, lines) for i, lines in out if i.lines]


def _typed_label(block: Block) -> bool:
    """A paragraph that starts with a typed list label or glyph (`text.strip_label`)."""
    return (
        block.kind == "paragraph"
        and bool(block.lines)
        and (strip_label(block.lines[0].text)[0] is not None)
    )


def _item(texts: list[str], lines: list[Line]) -> Item:
    texts = rejoin_broken_words(texts, lines)
    return Item([t for t in texts if t], lines[0].page, [box_of(ln.words, ln.page) for ln in lines])


def _label(text: str) -> str:
    return text.casefold().strip().rstrip(":").strip()


def _title_kind(cell: list[Block]) -> str:
    """'strengths' or 'improvements' for a cell holding a findings title: as printed, or
    broken inside the word in a narrow cell ("Förbättringsmöjlighete" / "r" on A5) or at a
    hyphen, as the layout joins it; else ''."""
    lines = [ln.text for ln in _cell_lines(cell)]
    texts = {
        _label(_cell_text(cell)),
        _label("".join(lines)),
        _label("".join(t.rstrip(HYPHENS) for t in lines)),
    }
    if texts & set(STRENGTH_WORDS):
        return "strengths"
    return "improvements" if texts & set(IMPROVEMENT_WORDS) else ""


def _findings_columns(header: list[list[Block]]) -> list[str] | None:
    kinds = [_title_kind(cell) for cell in header]
    return kinds if any(kinds) and all(kinds) else None


def _row_titles(table: Block) -> list[str] | None:
    """Per row, the findings kind of a table whose titles are row headers ("Styrkor" in the
    first cell beside the strengths, the improvements' title in a row below; a row with an
    empty first cell goes on under the title above), or None when it is no such table."""
    kinds: list[str] = []
    for row in table.rows:
        if len(row) < 2:
            return None
        if not _cell_text(row[0]):
            if not kinds:
                return None
            kinds.append(kinds[-1])
            continue
        kind = _title_kind(row[0])
        if not kind:
            return None
        kinds.append(kind)
    return kinds or None


def _by_column(table: Block, kinds: list[str], found: AreaFindings) -> None:
    """The items of a findings table, each in the column whose header starts left of it (by
    at most half the body's font size: a list's text starts at or right of its cell's edge).

    Not by the cell the tree files an item under: LibreOffice files a Word list continued in
    the next cell under the first cell's list (an item on the same row, a little lower, in the
    wrong column), so the items are taken from the tree whole and placed by the layout."""
    heads = []
    for cell in table.rows[0]:
        lines = _cell_lines(cell)
        if not lines:
            raise NotRead("a findings table header without text")
        heads.append(lines[0].x0)
    for row in table.rows[1:]:
        if _same_row(row, table.rows[0]):
            continue
        for cell in row:
            for item, lines in _items_of(cell):
                x0 = min(ln.x0 for ln in lines)
                size = min(ln.size for ln in lines)
                col = max(
                    (k for k, x in enumerate(heads) if x <= x0 + CELL_HEADER_SLACK_EM * size),
                    default=None,
                )
                if col is None:
                    raise NotRead("a findings item left of its table's first column")
                getattr(found, kinds[col]).append(item)


@dataclass
class TagReading:
    """The parser's structures as the tags give them; `note` is the warning saying why the
    layout reading stands instead (None: the tags are used)."""

    structure: Structure
    tables: list[ScoreTable] = field(default_factory=list)
    history: HistoryTable | None = None
    note: Warning | None = None


def _pages(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5"."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("–")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('–')[0]}–{n}"
        else:
            out.append(str(n))
    return ", ".join(out) or "none"


def _fallback(structure: Structure, why: str, page: int | None = None) -> Warning:
    return Warning(
        "structure_from_layout",
        f"tagged PDF, but {why}: structure read from the layout on every page "
        + (
            f"(tags cover pages {_pages(structure.tagged)}; not pages {_pages(structure.untagged)})"
            if structure.untagged
            else "(tags cover every page)"
        ),
        page,
    )


def tag_reading(
    doc: Document,
    lines: list[Line],
    style: BodyStyle,
    layout_tables: list[ScoreTable],
    layout_history: HistoryTable | None,
) -> TagReading | None:
    """Score tables and history from the tree's blocks; None for an untagged PDF. Where the
    tree does not cover the content or a table cannot be read whole, the reading carries a
    note (the warning) and the layout's structures stand."""
    structure = structure_of(doc)
    if structure is None:
        return None
    reading = TagReading(structure)
    if structure.broken:
        reading.note = _fallback(structure, f"its structure tree is broken ({structure.broken})")
        return reading
    if structure.untagged:
        reading.note = _fallback(
            structure, "the structure tree leaves printed text untagged", structure.untagged[0]
        )
        return reading
    index = LineIndex(lines)
    try:
        for b in flat(structure.blocks):
            if b.kind != "table":
                continue
            t = score_table(b, index)
            if t is not None:
                if t.questions:
                    reading.tables.append(t)
                continue
            if reading.history is None:
                reading.history = history_table(b, index)
    except NotRead as e:
        reading.note = _fallback(structure, str(e))
        return reading
    if layout_tables and not reading.tables:
        reading.note = _fallback(structure, "no score table is tagged as a table")
        return reading
    floor = 0
    for t in sorted(reading.tables, key=lambda t: t.start):
        # a header cell with a column title ("Fråga"): the area's name is printed above the
        # table, read the same way as the layout reading does (scores.name_from_above)
        name_from_above(lines, t, floor)
        floor = t.end
    vocabulary = Counter(bare(w.text) for ln in lines for w in ln.words)
    glue_broken_words([t.questions for t in reading.tables], style.size, vocabulary)
    return reading


def tag_findings(
    reading: TagReading, lines: list[Line], style: BodyStyle, area_of
) -> tuple[dict[int, AreaFindings], Warning | None]:
    """Findings from the tags, or a warning why the layout's stand."""
    try:
        return read_findings(reading.structure, lines, style, area_of), None
    except NotRead as e:
        return {}, Warning(
            "structure_from_layout",
            f"tagged PDF, but findings are not tagged whole ({e}): findings read from the layout",
            None,
        )


def readings_differ(
    areas: list[Area],
    layout_areas: list[Area],
    history: HistoryTable | None,
    layout_history: HistoryTable | None,
) -> list[Warning]:
    """Two readings, one answer: every value the layout reading gives otherwise than the tags
    (which the record keeps), as a warning naming the field and the page."""
    out: list[Warning] = []

    def differ(field_: str, tag_value, layout_value, page: int | None) -> None:
        if tag_value != layout_value or type(tag_value) is not type(layout_value):
            out.append(
                Warning(
                    "readings_differ",
                    f"{field_}: tags read {tag_value!r}, the layout {layout_value!r} "
                    "(the tags' value is kept)",
                    page,
                )
            )

    by_number = {a.number: a for a in layout_areas}
    for a in areas:
        b = by_number.pop(a.number, None)
        where = f"area {a.number}"
        if b is None:
            differ(where, "read", "missing", a.page)
            continue
        for f in ("name", "points", "max", "percent", "page"):
            differ(f"{where} {f}", getattr(a, f), getattr(b, f), a.page)
        for kind in ("questions", "strengths", "improvements"):
            mine, theirs = getattr(a, kind), getattr(b, kind)
            if len(mine) != len(theirs):
                page = (mine or theirs)[0].page
                differ(f"{where} {kind} (count)", len(mine), len(theirs), page)
            for k, (x, y) in enumerate(zip(mine, theirs, strict=False)):
                for f in ("id", "text", "points", "max", "percent", "page"):
                    if hasattr(x, f):
                        differ(f"{where} {kind}[{k}].{f}", getattr(x, f), getattr(y, f), x.page)
    for b in by_number.values():
        differ(f"area {b.number}", "missing", "read", b.page)
    if history is not layout_history:
        mine = (
            [(c.year, c.area_number, c.area_name, c.points) for c in history.cells]
            if history
            else []
        )
        theirs = (
            [(c.year, c.area_number, c.area_name, c.points) for c in layout_history.cells]
            if layout_history
            else []
        )
        page = history.page if history else None
        if len(mine) != len(theirs):
            differ("history (cells)", len(mine), len(theirs), page)
        for x, y in zip(mine, theirs, strict=False):
            label = f"history {x[0]} area {x[1] if x[1] is not None else 'total'}"
            differ(f"{label} name", x[2], y[2], page)
            differ(f"{label} points", x[3], y[3], page)
    return out


def read_findings(
    structure: Structure, lines: list[Line], style: BodyStyle, area_of
) -> dict[int, AreaFindings]:
    """Findings per area from tagged tables ("Styrkor | Förbättringsområden", or one column
    each) and headed lists ("Styrkor" then a list or bullet paragraphs)."""
    index = LineIndex(lines)
    out: dict[int, AreaFindings] = {}

    def area(line: Line) -> AreaFindings:
        i = index(line)
        if i is None:
            raise NotRead(f"a findings header on page {line.page} is not among the page's lines")
        n = area_of(i)
        return out.setdefault(n, AreaFindings()) if n else AreaFindings()

    last: list[AreaFindings] = []  # the findings part just read, while nothing else follows

    def walk(blocks: list[Block]) -> None:
        k = 0
        while k < len(blocks):
            b = blocks[k]
            k += 1
            if b.kind == "aside":  # a text box anchored after a findings part: none of its
                if last:  # items, its words unread (ledger.tag_losses)
                    last[0].asides.append(b.lines)
                continue
            last.clear()
            if b.kind == "table" and b.rows and (titled := _row_titles(b)) is not None:
                found = area(_cell_lines(b.rows[0][0])[0])
                for row, kind in zip(b.rows, titled, strict=True):
                    for cell in row[1:]:
                        getattr(found, kind).extend(item for item, _ in _items_of(cell))
                last.append(found)
                continue
            if b.kind == "table" and b.rows:
                kinds = _findings_columns(b.rows[0])
                if kinds is None:
                    for row in b.rows:
                        for cell in row:
                            walk(cell)
                    continue
                found = area(_cell_lines(b.rows[0][0])[0])
                _by_column(b, kinds, found)
                last.append(found)
                continue
            if b.kind != "paragraph" or not b.lines:
                continue
            kind = header_kind(b.lines[0]) if len(b.lines) == 1 else _broken_heading(b.lines)
            if kind not in ("strengths", "improvements"):
                continue
            found = area(b.lines[0])
            body, k = _list_body(blocks, k, style, found)
            getattr(found, kind).extend(item for item, _ in _items_of(body))
            last.append(found)

    walk(structure.blocks)
    return out


def _broken_heading(lines: list[Line]) -> str | None:
    """A findings heading of one word broken inside it in a narrow column, its paragraph's
    two lines ("Förbättringsmöjlighete" / "r"), by the rule the layout reading joins it by
    (`vocabulary.broken_title`): 'strengths' or 'improvements', else None."""
    if len(lines) != 2 or len(lines[0].words) != 1 or len(lines[1].words) != 1:
        return None
    return broken_title(lines[0].text, lines[1].words[0].text)


def _list_body(
    blocks: list[Block], k: int, style: BodyStyle, found: AreaFindings
) -> tuple[list[Block], int]:
    """The blocks from `blocks[k]` on that are a findings heading's list (its items), and the
    index after them; text boxes anchored in the list go to `found.asides`."""
    body: list[Block] = []
    while k < len(blocks):
        nxt = blocks[k]
        if nxt.kind in ("table", "heading"):
            break
        if nxt.kind == "aside":  # a text box anchored in the list: no item of it;
            found.asides.append(nxt.lines)  # its words unread (ledger.tag_losses)
            k += 1
            continue
        if nxt.kind == "paragraph" and (
            header_kind(nxt.lines[0]) is not None
            or (ends_section(nxt.lines[0], style) and not lead_in_alone(nxt.lines, 0))
            or (body and all(map(_typed_label, body)) and not _typed_label(nxt))
        ):
            # after items with typed labels ("•", "1.", "a)"), a paragraph without one is no
            # item of the list (a floating text box anchored after it, a note): left unread,
            # the ledger reports it
            break
        body.append(nxt)
        k += 1
    return body, k


def page_blocks(structure: Structure, page: int) -> list[tuple[str, Box]]:
    """For `kompass inspect`: the element type of every block on `page` and its box there
    (a table also per row, a list per item)."""
    out: list[tuple[str, Box]] = []

    def box(lines: list[Line]) -> Box | None:
        here = [w for ln in lines if ln.page == page for w in ln.words]
        return box_of(here, page) if here else None

    def add(label: str, lines: list[Line]) -> None:
        b = box(lines)
        if b is not None:
            out.append((label, b))

    def walk(blocks: list[Block]) -> None:
        for b in blocks:
            if b.kind == "table":
                add(f"tag {b.type}" + (" (broken)" if b.broken else ""), b.all_lines())
                for r, row in enumerate(b.rows):
                    add(
                        f"tag TR {r + 1}",
                        [ln for cell in row for x in cell for ln in x.all_lines()],
                    )
                    for cell in row:
                        walk(cell)
            elif b.kind == "list":
                add(f"tag {b.type}", b.all_lines())
                for k, it in enumerate(b.items, start=1):
                    add(f"tag LI {k}" + (f" label {it.label!r}" if it.label else ""), it.lines)
            else:
                add(f"tag {b.type}", b.lines)

    walk(structure.blocks)
    return out
