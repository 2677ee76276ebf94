"""What the parser saw on one page, drawn over the page: for whoever meets a report that parses
wrong. Words, headings, score-table rows, history rows, findings items and column gutters, each
in its own colour and labelled with what the parser made of it ("q 4.2: 4/10/40%"). Words the
ledger (`parsers.ledger`) could not account for are drawn in red, each labelled with where it
lies; the page's word counts per class head the text listing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parsers.errors import ReportError
from parsers.findings import AreaFindings
from parsers.history import HistoryTable
from parsers.ledger import CLASSES, Ledger, format_counts
from parsers.pdf import Box, Line, PageText
from parsers.report import parse_report
from parsers.scores import ScoreTable
from parsers.typography import BodyStyle, is_heading

COLOURS = {
    "word": (190, 190, 190),
    "heading": (128, 0, 160),
    "table": (0, 0, 0),
    "question": (0, 80, 220),
    "total": (0, 0, 110),
    "history": (0, 140, 140),
    "strength": (0, 150, 0),
    "improvement": (230, 120, 0),
    "gutter": (220, 0, 0),
    "tag": (200, 0, 120),  # structure-tree blocks of a tagged PDF (parsers.tags)
    "unaccounted": (255, 0, 200),
}


@dataclass
class Mark:
    kind: str
    label: str
    box: Box


def _fmt(v) -> str:
    return "?" if v is None else f"{v:g}"


def _numbers(n: dict) -> str:
    pct = n.get("percent")
    return f"{_fmt(n.get('points'))}/{_fmt(n.get('max'))}/{_fmt(pct)}{'' if pct is None else '%'}"


def marks(
    path: str | Path, page: int, reader: str | None = None, ocr: str | None = None
) -> list[Mark]:
    """Everything the parser recognised on `page` (1-based), in reading order per kind: the
    ledger's counts and unaccounted words, words and headings, score tables, history rows,
    findings, and a tagged PDF's structure blocks."""
    trace: dict = {}
    parse_report(path, reader=reader, trace=trace, ocr=ocr)
    doc = trace["doc"]
    if not 1 <= page <= len(doc.pages):
        raise ValueError(f"page {page} is out of range (the report has {len(doc.pages)} pages)")
    out = _ledger_marks(trace["ledger"], doc.pages[page - 1], page)
    out += _line_marks(doc.pages[page - 1].lines, trace["style"], page)
    out += _table_marks(trace["tables"], doc.lines, page)
    out += _history_marks(trace["history"], page)
    out += _findings_marks(trace["findings"], page)
    reading = trace.get("structure")  # a tagged PDF: the tree's blocks beside the layout's
    if reading is not None:
        from parsers.tags import page_blocks

        out.extend(Mark("tag", label, b) for label, b in page_blocks(reading.structure, page))
    return out


def _ledger_marks(book: Ledger, page_text: PageText, page: int) -> list[Mark]:
    """The page's word counts per class (a mark as large as the page), then each word the
    ledger could not account for, with where it lies."""
    counts = book.counts().get(page, dict.fromkeys(CLASSES, 0))
    size = (page, 0.0, 0.0, page_text.width, page_text.height)
    out = [Mark("ledger", f"words on page {page}: {format_counts(counts)}", size)]
    for e in book.unaccounted(page):
        w = e.word
        out.append(Mark("unaccounted", f"not read ({e.what})", (page, w.x0, w.top, w.x1, w.bottom)))
    return out


def _line_marks(lines: list[Line], style: BodyStyle, page: int) -> list[Mark]:
    """Every word of the page, and each line that is a heading by its typography."""
    out = []
    for ln in lines:
        for w in ln.words:
            out.append(Mark("word", "", (page, w.x0, w.top, w.x1, w.bottom)))
        if is_heading(ln, style):
            out.append(Mark("heading", "heading", (page, ln.x0, ln.top, ln.x1, ln.bottom)))
    return out


def _table_marks(tables: dict[int, ScoreTable], all_lines: list[Line], page: int) -> list[Mark]:
    """The score tables on the page: header line, question rows (labelled with their
    numbers) and total rows."""
    out = []
    for number, table in sorted(tables.items()):
        head = all_lines[table.start]
        if head.page == page:
            box = (page, head.x0, head.top, head.x1, head.bottom)
            out.append(Mark("table", f"score table, area {number}", box))
        for q in table.questions:
            for i, b in enumerate(q.boxes):
                if b[0] == page:
                    label = f"q {q.id}: {_numbers(q.numbers)}" if i == 0 else f"q {q.id} (cont.)"
                    out.append(Mark("question", label, b))
        if table.total_box and table.total_box[0] == page:
            out.append(
                Mark("total", f"area {number} total: {_numbers(table.total)}", table.total_box)
            )
    return out


def _history_marks(history: HistoryTable | None, page: int) -> list[Mark]:
    """The history table's rows on the page, each with its values."""
    out: list[Mark] = []
    if history is not None:
        for number, b in history.row_boxes:
            if b[0] == page:
                row = "Totalt" if number is None else f"area {number}"
                values = " ".join(_fmt(c.points) for c in history.cells if c.area_number == number)
                out.append(Mark("history", f"history {row}: {values}", b))
    return out


def _findings_marks(findings: dict[int, AreaFindings], page: int) -> list[Mark]:
    """The findings items on the page (numbered per area and kind) and the column gutters
    their sections were read across."""
    out = []
    for area, found in sorted(findings.items()):
        for kind, items in (("strength", found.strengths), ("improvement", found.improvements)):
            for n, item in enumerate(items, start=1):
                for i, b in enumerate(item.boxes):
                    if b[0] == page:
                        suffix = "" if i == 0 else " (cont.)"
                        out.append(Mark(kind, f"area {area} {kind} {n}{suffix}", b))
        for b in found.gutters:
            if b[0] == page:
                out.append(Mark("gutter", f"area {area} column gutter", b))
    return out


def text_dump(found: list[Mark]) -> str:
    """The page's word counts per class (field, furniture, prose, unaccounted), then one line
    per mark (words left out): kind, label and box, top to bottom."""
    head = [m.label for m in found if m.kind == "ledger"]
    rows = sorted(
        (m for m in found if m.kind not in ("word", "ledger")), key=lambda m: (m.box[2], m.box[1])
    )
    return "\n".join(
        head
        + [f"{m.box[2]:7.1f} {m.box[1]:6.1f}–{m.box[3]:6.1f}  {m.kind:<11} {m.label}" for m in rows]
    )


def render(path: str | Path, page: int, found: list[Mark], out: str | Path) -> Path:
    """The page as PNG with the marks drawn over it (pdfplumber's `to_image`)."""
    import pdfplumber
    from PIL import ImageDraw

    with pdfplumber.open(path) as pdf:
        image = pdf.pages[page - 1].to_image(resolution=110)
        scale = image.scale
        canvas = image.annotated.convert("RGB")
    draw = ImageDraw.Draw(canvas)
    labelled: set[str] = set()
    for m in found:
        if m.kind == "ledger":
            continue
        _, x0, top, x1, bottom = m.box
        colour = COLOURS[m.kind]
        xy = [x0 * scale, top * scale, x1 * scale, bottom * scale]
        if m.kind == "gutter":
            draw.line(xy, fill=colour, width=2)
        else:
            draw.rectangle(xy, outline=colour, width=1 if m.kind == "word" else 2)
            if m.kind == "unaccounted":
                if m.label in labelled:
                    continue  # one label per place, not per word
                labelled.add(m.label)
        if m.label and "(cont.)" not in m.label:
            draw.text((xy[0], max(0, xy[1] - 10)), m.label, fill=colour)
    out = Path(out)
    canvas.save(out)
    return out


def draw(
    path: str | Path, page: int, out: str | Path | None = None, reader: str | None = None
) -> tuple[Path, list[Mark]]:
    """`marks` drawn by `render` into `out` (default: <report>-p<N>.png in the working
    folder): the PNG's path and the marks. A missing file or a page out of range is a
    `ReportError` naming the file, like any document the parser refuses."""
    path = Path(path)
    if not path.exists():
        raise ReportError(path, "no such file")
    try:
        found = marks(path, page, reader)
    except ValueError as e:
        raise ReportError(path, str(e)) from e
    return render(path, page, found, out or Path(f"{path.stem}-p{page}.png")), found
