"""Scanned reports: the number cells of a score table read again from the page image, cut at
the scan's own resolution, prepared and read once per enlargement with a digit-and-% whitelist
(`reread_numbers`, `reread_pages`), and lost cells, column titles, signs and question ids read
where the table's rows show them (`fill_number_cells`) (issue 24). `parsers.ocr_numbers` lets
the report's arithmetic choose between the readings; `parsers.ocr` made the text layer and
caches the readings (`Cells`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
import subprocess
import unicodedata

from parsers.ocr import (
    CELL_DPI,
    CELL_GRAIN_PX,
    CELL_PAD,
    CELL_UPSCALES,
    GREY_LEVELS,
    LANGUAGES,
    NUMBER,
    NUMBER_LANGUAGE,
    POINTS_PER_INCH,
    WHITE,
    Cells,
    OcrWord,
)
from parsers.ocr_image import INK_LEVEL
from parsers.text import number as number_value
from parsers.tolerances import (
    CELL_GAP_EM,
    CELL_PAD_PX,
    CELL_READ_SLACK_PX,
    CELL_SPACING_HEIGHTS,
    CELL_SPACING_PX,
    INK_MAX_SHARE,
    NUMBER_MAX_CHARS,
    PERCENT,
    TABLE_END_GAP_LINE_HEIGHTS,
)
from parsers.vocabulary import (
    AREA_LABEL,
    HEADER_TITLE_MARKS,
    SECTION,
    TOTAL_LABELS,
    header_columns,
)
from schema.instruments import MATCH_THRESHOLD
from schema.names import similarity

# --- number cells --------------------------------------------------------------------------


#: Words worth re-reading: digits, "%", and the letters Tesseract puts for digits on a page.
_NUMBERISH = re.compile(r"^[\dTZzOoIl|SB%,.\-–]{1,8}$")


def is_numberish(text: str) -> bool:
    """A short word with a digit in it ("53N", "6090"), or one or two characters Tesseract
    puts for a digit ("T", "Zz")."""
    if len(text) <= NUMBER_MAX_CHARS and any(c.isdigit() for c in text):
        return True
    return bool(_NUMBERISH.match(text)) and len(text) <= 2 and text not in {"-", "–", ".", ","}


def reread_numbers(
    cells: Cells, boxes: dict[int, list[tuple[float, float, float, float]]]
) -> dict[tuple[int, int], list[str]]:
    """Tesseract on each box's image (page number → [(x0, top, x1, bottom)] in points), read as
    one line of digits, "%", "," and "." once per way of preparing the image
    (`CELL_UPSCALES`); returns {(page, index): [readings, most agreed first]} for every box
    read. Boxes read before (`cells.known`) are not read again."""
    out: dict[tuple[int, int], list[str]] = {}
    todo: dict[int, list[tuple[int, tuple[float, float, float, float]]]] = {}
    for number, page_boxes in boxes.items():
        for i, box in enumerate(page_boxes):
            known = cells.known.get(Cells.key(number, box))
            if known is None:
                todo.setdefault(number, []).append((i, box))
            elif _order(known.split(READINGS_SEP)):
                out[(number, i)] = _order(known.split(READINGS_SEP))
    if todo:
        read = _reread(cells.data, {n: [b for _, b in todo[n]] for n in todo})
        for number, items in todo.items():
            for k, (i, box) in enumerate(items):
                readings = read.get((number, k), [])
                cells.known[Cells.key(number, box)] = READINGS_SEP.join(readings)
                cells.changed = True
                if readings:
                    out[(number, i)] = readings
    return out


#: Between a cell's readings in the cache (no reading contains it).
READINGS_SEP = "|"


def _order(readings: list[str]) -> list[str]:
    """The distinct readings, numbers first, the one read most often first (then the first way
    of preparing the image's). A "." or "," at an end stays: "1." is a list's label (the
    arithmetic drops such specks from its candidates, `parsers.ocr_numbers`)."""
    seen = [r for r in dict.fromkeys(readings) if r]
    return sorted(seen, key=lambda r: (not NUMBER.match(r), -readings.count(r), readings.index(r)))


def scan_dpi(page) -> float:
    """The resolution of the page's scan: its largest image's pixels over the points it covers
    (a cell is cut out at the scan's own pixels, then enlarged; rendering the page finer only
    interpolates). `CELL_DPI` / 2 when the page has no image."""
    import pypdfium2.raw as pdfium_c

    best = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        with contextlib.suppress(Exception):
            px_w, _ = obj.get_px_size()
            left, _, right, _ = obj.get_pos()
            if right > left and (best is None or px_w > best[0]):
                best = (px_w, right - left)
    if best is None:
        return CELL_DPI / 2
    return best[0] / best[1] * POINTS_PER_INCH


def prepare_cell(crop, upscale: int):
    """A cell's image as Tesseract reads digits best: the scan's grain smoothed away
    (a median over `CELL_GRAIN_PX`), enlarged `upscale` times (Lanczos), and made black on
    white at the threshold that best separates its two tones (Otsu's); a cell without ink
    stays white (Otsu would split its grain into black and white). On the seeded scans of
    two fixtures (378 number cells cut at their printed boxes) this read 96.6 % (2×) and
    95.0 % (3×) of the cells right, where the page rendered at 400 dpi in grey read 83 %.
    Type never covers more than `INK_MAX_SHARE` of its box: more dark than that is a fill
    with light type on it (a score table's header row, "Uppnått Max" white on dark grey),
    turned black on white too (Tesseract read it "Uppnätt" / "ax", or nothing)."""
    import numpy as np
    from PIL import Image, ImageFilter

    grey = crop.filter(ImageFilter.MedianFilter(CELL_GRAIN_PX))
    big = grey.resize((grey.width * upscale, grey.height * upscale), Image.Resampling.LANCZOS)
    if grey.getextrema()[0] >= INK_LEVEL:  # no ink: the threshold would make digits of grain
        return Image.new("L", big.size, WHITE)
    pixels = np.asarray(big)
    hist = np.bincount(pixels.ravel(), minlength=GREY_LEVELS).astype(float)
    weight = np.cumsum(hist)
    mass = np.cumsum(hist * np.arange(GREY_LEVELS))
    spread = (mass[-1] * weight - mass * weight[-1]) ** 2
    parts = weight * (weight[-1] - weight)  # 0 where one side is empty: no threshold there
    between = np.divide(spread, parts, out=np.zeros_like(spread), where=parts > 0)
    level = int(np.argmax(between))
    light = pixels > level
    if 1 - light.mean() > INK_MAX_SHARE:  # light type on a dark fill (a header row's shading)
        light = ~light
    return Image.fromarray(np.where(light, WHITE, 0).astype(np.uint8), mode="L")


def _reread(data: bytes, boxes: dict[int, list[tuple[float, float, float, float]]]):
    import pypdfium2 as pdfium

    out: dict[tuple[int, int], list[str]] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for number, page_boxes in boxes.items():
            if not page_boxes:
                continue
            page = pdf[number - 1]
            dpi = scan_dpi(page)
            scale = dpi / POINTS_PER_INCH
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            raw = []
            for x0, top, x1, bottom in page_boxes:
                box = (
                    max(0, int((x0 - CELL_PAD) * scale)),
                    max(0, int((top - CELL_PAD) * scale)),
                    min(image.width, int((x1 + CELL_PAD) * scale) + 1),
                    min(image.height, int((bottom + CELL_PAD) * scale) + 1),
                )
                raw.append(image.crop(box))
            readings: list[list[str]] = [[] for _ in raw]
            for upscale in CELL_UPSCALES:
                crops = [prepare_cell(c, upscale) for c in raw]
                read = _read_crops(crops, round(dpi * upscale))
                for i, text in enumerate(read):
                    readings[i].append(text)
            for i, texts in enumerate(readings):
                ordered = _order(texts)
                if ordered:
                    out[(number, i)] = ordered
    finally:
        pdf.close()
    return out


def _read_crops(crops: list, dpi: int) -> list[str]:
    """Each crop's reading: all of them stacked on one sheet, one Tesseract run for the page;
    a crop not read as a number there is read again alone, as one line."""
    from PIL import Image

    # one Tesseract run per page: the crops stacked, one per text line, far apart
    # no two crops on one line
    gap = int(CELL_SPACING_HEIGHTS * max(c.height for c in crops)) + CELL_SPACING_PX
    width = max(c.width for c in crops) + 2 * gap
    height = sum(c.height + gap for c in crops) + gap
    sheet = Image.new("L", (width, height), 255)
    spans = []
    y = gap
    for c in crops:
        sheet.paste(c, (gap, y))
        spans.append((y, y + c.height))
        y += c.height + gap
    read = _read_sheet(sheet, spans, dpi)
    out = []
    for i, crop in enumerate(crops):
        text = read.get(i, "")
        if not NUMBER.match(text):  # alone, as one line
            text = _read_one(crop, 7, dpi) or text
        out.append(text)
    return out


def _tesseract_digits(png: bytes, psm: int, fmt: str, dpi: int = CELL_DPI) -> str:
    """Tesseract's reading of a digits-only image ("" when it cannot run: the page reading
    stays, and the arithmetic check flags what is wrong)."""
    try:
        proc = _run_tesseract(png, psm, fmt, dpi)
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.decode("utf-8", "replace")


def _run_tesseract(png: bytes, psm: int, fmt: str, dpi: int = CELL_DPI):
    return subprocess.run(
        [
            "tesseract",
            "stdin",
            "stdout",
            "-l",
            NUMBER_LANGUAGE,
            "--psm",
            str(psm),
            "--dpi",
            str(dpi),
            "-c",
            "tessedit_char_whitelist=0123456789%,.",
            *([fmt] if fmt else []),
        ],
        input=png,
        capture_output=True,
        timeout=300,
    )


def _padded(crop) -> tuple[object, int]:
    """The crop on white, with a margin of half its height (at least `CELL_PAD_PX`): Tesseract
    reads a word at the image's edge badly. Returns the sheet and the margin."""
    from PIL import Image

    pad = max(CELL_PAD_PX, crop.height // 2)
    sheet = Image.new("L", (crop.width + 2 * pad, crop.height + 2 * pad), WHITE)
    sheet.paste(crop, (pad, pad))
    return sheet, pad


def _read_one(crop, psm: int, dpi: int = CELL_DPI) -> str:
    """One cell alone, padded with white; "" unless it reads as a number."""
    sheet, _ = _padded(crop)
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", dpi=(dpi, dpi))
    text = "".join(_tesseract_digits(buf.getvalue(), psm, "", dpi).split())
    return text if NUMBER.match(text) else ""


def _read_sheet(sheet, spans: list[tuple[int, int]], dpi: int = CELL_DPI) -> dict[int, str]:
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", dpi=(dpi, dpi))
    tsv = _tesseract_digits(buf.getvalue(), 6, "tsv", dpi)
    words: dict[int, list[tuple[int, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, height = int(cols[6]), int(cols[7]), int(cols[9])
        for i, (a, b) in enumerate(spans):
            if (
                a - CELL_READ_SLACK_PX <= top and top + height <= b + CELL_READ_SLACK_PX
            ):  # a word inside one crop, else unread
                words.setdefault(i, []).append((left, cols[11].strip()))
                break
    return {i: "".join(t for _, t in sorted(ws)) for i, ws in words.items()}


def reread_pages(cells: Cells, pages: list) -> None:
    """Read each number-like word of the pages (`PageText.words`) again from its cell image.

    The cell reading (Tesseract's English model, digits and "%" only) replaces the page reading
    ("6090" → "60%", "T" → "7", "53N" → "53%") unless it is the page reading with characters
    missing (the whitelist read may lose the dot of a question id: "1.1" → "1"). Either way
    the word keeps the other reading (`OcrWord.page_reading`) for `parsers.ocr_numbers`."""
    targets: dict[int, list[int]] = {}
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    for page in pages:
        for i, w in enumerate(page.words):
            if is_numberish(w.text):
                targets.setdefault(page.number, []).append(i)
                boxes.setdefault(page.number, []).append((w.x0, w.top, w.x1, w.bottom))
    if not boxes:
        return
    readings = reread_numbers(cells, boxes)
    by_number = {p.number: p for p in pages}
    for (number, k), read in readings.items():
        page = by_number[number]
        i = targets[number][k]
        w = page.words[i]
        cell, votes = read[0], _numbers(w.text, *read)
        if not NUMBER.match(cell) or cell == w.text:
            if len(set(votes)) > 1:
                page.words[i] = OcrWord.of(w, votes=votes)
            continue
        take = _cell_first(cell, w.text)
        text, other = (cell, w.text) if take else (w.text, cell)
        page.words[i] = OcrWord.of(w, text=text, page_reading=other, votes=votes)


def _numbers(*readings: str) -> tuple[str, ...]:
    """The readings that are numbers, as often as they were read."""
    return tuple(r for r in readings if NUMBER.match(r))


def _cell_first(cell: str, page: str) -> bool:
    """Whether the cell's reading goes first (the page's stays the alternative): when the page's
    is no number ("T", "53N"), no percent ("6090", over 100), or lost a "%" the cell has; not
    when the cell's drops characters of it ("1.1" → "1"), and not when both are plain numbers
    that differ in a digit (6 or 3: a coin toss; the page's stays and the arithmetic may pick)."""
    if _drops_characters(cell, page):  # "1.1" → "1", a list's "16." → "16"
        return False
    if not NUMBER.match(page):
        return True
    value = number_value(page)
    if value is not None and value > PERCENT:
        return True
    return "%" in cell and "%" not in page


def _drops_characters(cell: str, page: str) -> bool:
    """The cell reading is the page reading with characters missing ("1.1" → "1": the
    whitelist read lost the dot), so the page reading has seen more."""
    rest = iter(page)
    return len(cell) < len(page) and all(c in rest for c in cell)


def fill_number_cells(cells: Cells, pages: list) -> None:
    """Numbers the page OCR lost (a lone "7" is often not even a word): in a score table found
    by its header row (`parsers.scores`), a row that has numbers in some columns but no number
    under another gets that column's cell read from the image; a number read there becomes a
    word of the row (`OcrWord`), in place of what the page OCR read there, if anything ("FR"
    for a "7", kept as its page reading)."""
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    where: dict[int, list] = {}
    ids: dict[int, list] = {}  # page → [(line, its first word)] whose question id is unread
    whole: dict[int, list] = {}  # page → [(line, the one word in a column, the column's box)]
    signs: dict[int, list] = {}  # page → [(line, a word that may be a "%" printed apart)]
    _reread_points_titles(cells, pages)
    _reread_percent_titles(cells, pages)
    _rejoin_split_rows(pages)
    cols = None  # a table goes on over a page break, its header on the page before
    in_row = False  # since a line that starts with a question id (and no total row since)
    area = None  # the table's area, by the first question id read in it
    for page in pages:
        for line in page.lines:
            found = header_columns(line)
            if found:
                cols, in_row, area = _column_spans(found), False, _header_area(line)
                continue
            if cols is None:
                continue
            if SECTION.match(line.text):
                cols = None
                continue
            first = line.words[0]
            left = min(a for a, _ in cols.values())
            if (
                first.x1 < left
                and not QUESTION_ID.match(first.text)
                and len(first.text) <= QUESTION_ID_MAX_CHARS
                and (
                    any(NUMBER.match(w.text) for w in line.words[1:])
                    or _ID_LIKE.match(first.text)  # a row's first line, its numbers below
                )
            ):
                ids.setdefault(page.number, []).append((line, _id_words(line.words), area))
            if first.x1 < left and QUESTION_ID.match(first.text):
                in_row = True
                area = area or first.text[0]
            elif first.text.casefold() in TOTAL_LABELS:
                in_row = False
            in_question = in_row and line is not page.lines[-1]  # a footer is no row
            for a, b in cols.values():
                inside = [w for w in line.words if w.x1 > a and w.x0 < b]
                if len(inside) == 1 and NUMBER.match(inside[0].text):
                    whole.setdefault(page.number, []).append((line, inside[0], (a, b)))
            signs.setdefault(page.number, []).extend((line, w) for w in _sign_words(line, cols))
            for a, b in _row_gaps(line, cols, in_question):
                boxes.setdefault(page.number, []).append((a, line.top, b, line.bottom))
                where.setdefault(page.number, []).append(line)
    _reread_signs(cells, signs)
    _reread_ids(cells, ids)
    _reread_columns(cells, whole)
    _fill(cells, boxes, where)
    _fill_rows(cells, pages)


def _fill_rows(cells: Cells, pages: list) -> None:
    """After the cells of rows that show some numbers: whole rows. A row id line's rest read
    apart joins it (once `_reread_ids` has read the ids), then rows with no number read and
    totals lost whole are read from the image."""
    _rejoin_row_pieces(pages)
    _fill_bare_rows(cells, pages)
    _fill_lost_totals(cells, pages)


def _rejoin_split_rows(pages: list) -> None:
    """A score table's rows the layout read as two newspaper columns (wp-summary-header-
    repeated-on-next-page-2016 scanned, pp. 7 and 13: the percent signs read as letters,
    "56 Ho", the rows end in no number cell, and the question texts leave a strip of white
    beside the numbers): a right column's line (`Line.column` 2) under a score table's header
    whose every word stands under its number columns joins the left column's line it stands
    beside (the middle of each inside the other's height), in that line's place. Before,
    each half lost the other's numbers, they were read again for both, and every number of
    those rows came out twice, the right halves after the table's last row."""
    cols = None
    for page in pages:
        for line in list(page.lines):
            found = header_columns(line)
            if found or SECTION.match(line.text):
                cols = _column_spans(found) if found else None
                continue
            if cols is None or line.column != 2 or not _under_columns(line, cols):
                continue
            twin = next((ln for ln in page.lines if ln.column == 1 and _beside(ln, line)), None)
            if twin is not None:
                twin.words = sorted(twin.words + line.words, key=lambda w: w.x0)
                page.lines = [ln for ln in page.lines if ln is not line]


def _rejoin_row_pieces(pages: list) -> None:
    """A question row's first line the page OCR read as two lines at one height (wp-summary-
    header-repeated-on-next-page-2016 scanned, p. 7: "2.3 Hur informerar kommunen" and, a few
    points higher and so first, "om service och 5 50 35"): under a score table's header, a
    line beside a row's id line (`_beside`), wholly right of it, with a number under the
    columns and nothing longer than a misread number there (`_row_gaps`' test), is the rest
    of that line and joins it. Before, the numbers went to the row above (which had its own),
    the row was left without, and the table's total line was taken for its numbers."""
    cols = None
    for page in pages:
        for line in list(page.lines):
            found = header_columns(line)
            if found or SECTION.match(line.text):
                cols = _column_spans(found) if found else None
                continue
            if cols is None or not QUESTION_ID.match(line.words[0].text):
                continue
            rest = next((ln for ln in page.lines if _rest_of(line, ln, cols)), None)
            if rest is not None:
                line.words = line.words + rest.words
                page.lines = [ln for ln in page.lines if ln is not rest]


def _rest_of(line, other, cols: dict[str, tuple[float, float]]) -> bool:
    """`other` is the rest of the row's id line `line`, read apart (`_rejoin_row_pieces`)."""
    if other is line or other.column != line.column or other.x0 <= line.x1:
        return False
    under = [w for w in other.words if any(w.x1 > a and w.x0 < b for a, b in cols.values())]
    return (
        _beside(line, other)
        and any(NUMBER.match(w.text) for w in under)
        and all(NUMBER.match(w.text) or len(w.text) <= STRAY_MAX_CHARS for w in under)
    )


def _under_columns(line, cols: dict[str, tuple[float, float]]) -> bool:
    """Every word of the line stands under the table's number columns, a number or as short
    as what the OCR makes of one (`STRAY_MAX_CHARS`: "Ho" for "%"), and one is a number: a
    row's cells, no line of findings in a right column that begins under the columns."""
    left = min(a for a, _ in cols.values())
    return (
        all(w.x0 >= left for w in line.words)
        and all(NUMBER.match(w.text) or len(w.text) <= STRAY_MAX_CHARS for w in line.words)
        and any(NUMBER.match(w.text) for w in line.words)
    )


def _beside(a, b) -> bool:
    """Two lines at one height: the middle of each inside the other's height."""
    a_mid, b_mid = (a.top + a.bottom) / 2, (b.top + b.bottom) / 2
    return a.top <= b_mid <= a.bottom and b.top <= a_mid <= b.bottom


def _fill_bare_rows(cells: Cells, pages: list) -> None:
    """A question row the page OCR read no number of at all (wp-summary-header-repeated-on-
    next-page-2016 scanned, 1.1, 4.6 and 6.6: a two-line row whose "14 15 93 %", set in the
    middle of the row's height, is no word of the text layer): each number column's cell is
    read from the image over the whole row's height, and a number read becomes a word of the
    row's first line (`_fill`). Without them the table's total line was taken for the last
    bare row's numbers, and the table had no total. The printed digits, read; the arithmetic
    checks them like any other reading (`parsers.ocr_numbers`)."""
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    where: dict[int, list] = {}
    for page, row, cols, _ in _question_rows(pages):
        top, bottom = row[0].top, max(ln.bottom for ln in row)
        if _numbers_between(page, cols, top, bottom):
            continue
        for a, b in cols.values():
            boxes.setdefault(page.number, []).append((a, top, b, bottom))
            where.setdefault(page.number, []).append(row[0])
    _fill(cells, boxes, where)


def _fill_lost_totals(cells: Cells, pages: list) -> None:
    """A score table's total row the page OCR lost whole (wp-summary-header-repeated-on-next-
    page-2016 scanned, p. 15: "48 100 48 %", bold and with no label, under 6.6; the area had no
    total, `missing_area_total`): where a table's last question row is followed on its page by
    a line with no number under the columns (the findings' title), the white between them is
    read column by column (`reread_numbers`); points and max read there become a line of the
    page, the total row `parsers.scores` takes a number line below the last row for. Nothing
    is read where the table goes on to the next page (its total may be there)."""
    bands = []  # (page, the line after the row, the row's last line, its boxes, where they begin)
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    for page, row, cols, after in _question_rows(pages):
        top = max(ln.bottom for ln in row)
        if after is None or after.top <= top or _numbers_between(page, cols, top, after.bottom):
            continue
        spans = {k: (a, top, b, after.top) for k, (a, b) in cols.items()}
        start = len(boxes.setdefault(page.number, []))
        boxes[page.number].extend(spans.values())
        bands.append((page, after, row[-1], spans, start))
    if not bands:
        return
    read = reread_numbers(cells, boxes)
    for page, after, last, spans, start in bands:
        found = {k: read.get((page.number, start + j), []) for j, k in enumerate(spans)}
        numbers = {k: r for k, r in found.items() if r and NUMBER.match(r[0])}
        if "points" not in numbers or "max" not in numbers:
            continue
        mid, half = (spans["points"][1] + spans["points"][3]) / 2, (last.bottom - last.top) / 2
        words = [
            OcrWord(r[0], a, b, mid - half, mid + half, last.size, votes=_numbers(*r))
            for k, r in numbers.items()
            for a, _, b, _ in [spans[k]]
        ]
        at = next((i for i, ln in enumerate(page.lines) if ln is after), len(page.lines))
        page.lines.insert(at, dataclasses.replace(last, words=words))  # a line like the row's


def _numbers_between(page, cols: dict[str, tuple[float, float]], top: float, bottom: float):
    """Whether any line of the page whose middle lies between `top` and `bottom` has a number
    under one of the columns (in whatever order the page's lines were put)."""
    for line in page.lines:
        if not top <= (line.top + line.bottom) / 2 <= bottom:
            continue
        for w in line.words:
            if NUMBER.match(w.text) and any(w.x1 > a and w.x0 < b for a, b in cols.values()):
                return True
    return False


def _question_rows(pages: list):
    """(page, the row's lines, the table's column spans, the line after the row unless it
    starts the next row or the page ended) of each question row of the score tables (found by
    their header rows, as in `fill_number_cells`): a line that starts with a question id left
    of the columns, of the table's area and not one of its rows before (a section heading
    "4.2 …" or "4.5 …" at the top of the next page is no row of the table before it), and the
    lines after it that go on the row (`_row_goes_on`); a page break, a header or a section
    ends the row."""
    table: tuple | None = None  # the column spans, the area, the ids of the rows so far
    for page in pages:
        row: list = []
        for line in page.lines:
            found = header_columns(line)
            if found or SECTION.match(line.text):
                if row:
                    yield page, row, table[0], line
                row = []
                table = (_column_spans(found), _header_area(line), set()) if found else None
                continue
            if table is None or not line.words:
                continue
            cols, area, seen = table
            left = min(a for a, _ in cols.values())
            first = line.words[0]
            if _starts_row(first, left, area, seen):
                if row:
                    yield page, row, cols, None
                row = [line]
                seen.add(first.text.rstrip("."))
            elif row and _row_goes_on(row, line, left):
                row.append(line)
            elif row:
                yield page, row, cols, line
                row = []
        if row:
            yield page, row, table[0], None


def _starts_row(first, left: float, area: str | None, seen: set) -> bool:
    """A line's first word is a new question id of the table's area, left of its columns."""
    if first.x1 >= left or not QUESTION_ID.match(first.text):
        return False
    return area in (None, first.text[0]) and first.text.rstrip(".") not in seen


def _row_goes_on(row: list, line, left: float) -> bool:
    """Does `line` belong to the question row `row` (its lines so far)? A line of the
    question's text (a word left of the columns) close under it, or a line of numbers beside
    the row's text (set in the middle of a tall row); not numbers below it, nor a total label's
    line (the total row)."""
    last = row[-1]
    if line.words[0].text.casefold() in TOTAL_LABELS:
        return False
    gap = line.top - max(ln.bottom for ln in row)
    if gap > TABLE_END_GAP_LINE_HEIGHTS * (last.bottom - last.top):
        return False
    text = any(w.x1 < left and not NUMBER.match(w.text) for w in line.words)
    return text or line.top < max(ln.bottom for ln in row)


def _reread_points_titles(cells: Cells, pages: list) -> None:
    """A score table's column titles the page OCR lost (`_lost_titles`): the gap where they
    stand is read again as one line of words (`LANGUAGES`). Titles read there
    (`_title_hits`) become words of the line, where Tesseract found them, in place of the
    page's words under them. The table's cells are then read like any lost cell."""
    for page in pages:
        edge = max((ln.x1 for ln in page.lines), default=0.0)
        for line in page.lines:
            lost = _lost_titles(line, edge)
            if lost is None:
                continue
            box, wanted = lost
            hits = _title_hits(_read_words(cells, page.number, box), wanted)
            if hits is not None:
                _put_titles(line, hits)


def _lost_titles(line, edge: float) -> tuple[tuple[float, float, float, float], tuple] | None:
    """(the box where they stand, the title groups wanted in order) of the column titles a
    header line lacks, or None. A header prints points, max and percent titles in that order,
    the last ending the line; one or two of them read and in order, the rest is one run
    between them or at either end:
    - "Chefs- och ledarskap … Max Procent" ("Uppnått" gone, and with it every points cell of
      the table): the gap left of "Max", from the word before it;
    - "2. Tillgänglighet … Uppn= åMtatx = Procent", "3 Klarhet … och Procent": the line left
      of the percent title;
    - "2. Tillgänglighet och brukarorientering Uppnått Ma=x Procent": the gap between the two;
    - "1. Offentlighet och demokrati Uppnått" (side-bullet-split-by-page-break, scanned, p. 4):
      the line right of a capitalised points title, to the page's text edge `edge`."""
    from parsers.vocabulary import MAX_HEADERS, PERCENT_HEADERS, POINTS_HEADERS

    groups = (POINTS_HEADERS, MAX_HEADERS, PERCENT_HEADERS)
    texts = [w.text.casefold().strip(HEADER_TITLE_MARKS) for w in line.words]
    at = [next((i for i, t in enumerate(texts) if t in g), None) for g in groups]
    present = [i for i in at if i is not None]
    missing = [g for g, i in enumerate(at) if i is None]
    if not present or not missing or present != sorted(present) or present[-1] != len(texts) - 1:
        return None
    if missing != list(range(missing[0], missing[-1] + 1)) or present[0] == 0:
        return None  # lost on both sides of a title read, or no text before the titles
    words = line.words
    before = at[missing[0] - 1] if missing[0] > 0 else None
    after = at[missing[-1] + 1] if missing[-1] < len(groups) - 1 else None
    if after is None:
        if len(present) == 1 and not words[before].text[:1].isupper():
            return None  # "… har uppnått": no title
        x0, x1 = words[before].x1, edge
    elif before is None:
        x0 = words[after - 1].x1 if len(missing) == 1 else words[0].x0
        x1 = words[after].x0
    else:
        x0, x1 = words[before].x1, words[after].x0
    return (x0, line.top, x1, line.bottom), tuple(groups[g] for g in missing)


def _fold(text: str) -> str:
    """A title as Tesseract's Swedish model may read it: case, marks around it and the
    diacritics of å, ä, ö left out ("Uppnätt" for "Uppnått": the ring read as two dots)."""
    plain = unicodedata.normalize("NFKD", text.casefold().strip(HEADER_TITLE_MARKS))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _title(text: str, titles: tuple[str, ...]) -> str | None:
    """The title of `titles` that `text` is as read (`_fold`), or is as similar to as a
    printed area name must be to a known one (`MATCH_THRESHOLD`: "Uppnäått", the ring read
    as a letter of its own; "ax" is no "Max"), in the case it was read in."""
    for t in titles:
        if similarity(_fold(text), _fold(t)) >= MATCH_THRESHOLD:
            return t.capitalize() if text[:1].isupper() else t
    return None


def _title_hits(found: list, wanted: tuple) -> list | None:
    """The words read (text, x0, x1) that are the wanted column titles, one per group of
    titles and in that order, as the titles they are, or None unless every one was read."""
    hits, k = [], 0
    for t, x0, x1 in found:
        title = _title(t, wanted[k]) if k < len(wanted) else None
        if title is not None:
            hits.append((title, x0, x1))
            k += 1
    return hits if k == len(wanted) else None


def _put_titles(line, hits: list) -> None:
    """The titles read again become words of the line at their places; the page's words
    under them (its misreading, "åMtatx") are their page readings."""
    for text, x0, x1 in hits:
        under = [w for w in line.words if w.x1 > x0 and w.x0 < x1]
        size = under[0].size if under else line.words[-1].size
        top, bottom = line.words[-1].top, line.words[-1].bottom
        word = OcrWord(
            text, x0, x1, top, bottom, size, page_reading=" ".join(w.text for w in under)
        )
        keep = [w for w in line.words if all(w is not u for u in under)]
        at = next((i for i, w in enumerate(keep) if w.x0 >= x1), len(keep))
        line.words[:] = [*keep[:at], word, *keep[at:]]


def _read_words(cells: Cells, number: int, box: tuple[float, float, float, float]):
    """Tesseract's words (text, x0, x1 in points) in a box of the page, read as one line
    (`LANGUAGES`); kept in `cells` like a cell's readings."""
    key = "words:" + Cells.key(number, box)
    known = cells.known.get(key)
    if known is None:
        known = json.dumps(_tesseract_words(cells.data, number, box))
        cells.known[key] = known
        cells.changed = True
    return [tuple(w) for w in json.loads(known)]


def _tesseract_words(data: bytes, number: int, box: tuple[float, float, float, float]) -> list:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[number - 1]
        dpi = scan_dpi(page)
        scale = dpi / POINTS_PER_INCH
        image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
        x0, top, x1, bottom = box
        left = max(0, int((x0 - CELL_PAD) * scale))
        crop = image.crop(
            (
                left,
                max(0, int((top - CELL_PAD) * scale)),
                int((x1 + CELL_PAD) * scale) + 1,
                int((bottom + CELL_PAD) * scale) + 1,
            )
        )
    finally:
        pdf.close()
    upscale = CELL_UPSCALES[0]
    padded, pad = _padded(prepare_cell(crop, upscale))
    buf = io.BytesIO()
    padded.save(buf, format="PNG")
    try:
        proc = subprocess.run(
            [
                "tesseract",
                "stdin",
                "stdout",
                "-l",
                "+".join(LANGUAGES),
                "--psm",
                "7",
                "--dpi",
                str(round(dpi * upscale)),
                "tsv",
            ],
            input=buf.getvalue(),
            capture_output=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    out = []
    px = scale * upscale
    for row in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        a = (int(cols[6]) - pad) / px + left / scale
        out.append((cols[11].strip(), a, a + int(cols[8]) / px))
    return out


def _reread_percent_titles(cells: Cells, pages: list) -> None:
    """A score table's "%" column title the page OCR read as letters ("WC"): in a header row
    with points and max titles and no percent title, the short word right of "Max" is read
    again with the digit-and-% whitelist, and a reading that is "%" alone becomes its text
    (the page's kept as its page reading). Without it the table has no percent column."""
    found: dict[int, list] = {}
    for page in pages:
        for line in page.lines:
            cols = header_columns(line)
            if not cols or "percent" in cols:
                continue
            after = [w for w in line.words if w.x0 > cols["max"].x1]
            if after and len(after[0].text) <= STRAY_MAX_CHARS:
                found.setdefault(page.number, []).append((line, after[0]))
    _reread_signs(cells, found)


#: A "%" printed apart from its number ("73 %") stands within this many font sizes of it.
SIGN_GAP_EM = 0.6


def _sign_words(line, cols: dict[str, tuple[float, float]]) -> list:
    """Words of a score-table row that may be a "%" printed apart from its number ("73 %") and
    read as something else ("HW", "94", "SE"): in the percent column, at most two characters,
    right after a number within `SIGN_GAP_EM` font sizes."""
    if "percent" not in cols:
        return []
    a, b = cols["percent"]
    out = []
    for before, w in zip(line.words, line.words[1:], strict=False):
        if (
            a < w.x1
            and w.x0 < b
            and len(w.text) <= 2
            and w.text != "%"
            and NUMBER.match(before.text)
            and "%" not in before.text
            and 0 <= w.x0 - before.x1 < SIGN_GAP_EM * w.size
        ):
            out.append(w)
    return out


def _reread_signs(cells: Cells, signs: dict[int, list]) -> None:
    """Each word that may be a "%" (page → [(line, word)]: `_sign_words`, a percent title),
    read again with the digit-and-% whitelist: read as "%", it becomes "%" (the page's
    reading kept)."""
    boxes = {n: [(w.x0, w.top, w.x1, w.bottom) for _, w in items] for n, items in signs.items()}
    if not any(boxes.values()):
        return
    for (number, k), read in reread_numbers(cells, boxes).items():
        if "%" not in read:
            continue
        line, w = signs[number][k]
        i = _index(line, w)
        if i is not None:
            line.words[i] = OcrWord.of(w, text="%", page_reading=w.text)


#: What the page OCR makes of a lost number cell is at most this many characters ("TF" for
#: "11", "FR" for "7"); a longer word under the number columns is prose across them.
STRAY_MAX_CHARS = 3


def _row_gaps(
    line, cols: dict[str, tuple[float, float]], in_question: bool = False
) -> list[tuple[float, float]]:
    """The column spans a score-table row lost its number in: the line has numbers under at
    least half of the columns (or one, in a question's row: `in_question`, or nothing but
    numbers: a tall row's numbers the OCR put on a line of their own), and every word under
    the columns is a number or as short as what the OCR makes of one (`STRAY_MAX_CHARS`). A
    line of prose with a number in it ("25 anställda") has longer words under the columns,
    and a footer's page number after its text fills no half.

    The question's text may reach into the first column's span (wp-summary-header-repeated-
    on-next-page-2016 scanned, p. 19: the points title read again wide, "… förtroendevalda"
    and "… nämnderna och" ending inside it, and 8.1's "6" and 8.4's "1" lost): its words
    (`_text_run`) are no cell's, and a gap's span begins a cell's gap after them."""
    n_text, text_end = _text_run(line, min(a for a, _ in cols.values()))
    under = [w for w in line.words[n_text:] if any(w.x1 > a and w.x0 < b for a, b in cols.values())]
    if any(not NUMBER.match(w.text) and len(w.text) > STRAY_MAX_CHARS for w in under):
        return []
    numbers = [w for w in under if NUMBER.match(w.text)]
    hit = {k for k, (a, b) in cols.items() for w in numbers if w.x1 > a and w.x0 < b}
    alone = len(under) == len(line.words)  # the row's numbers on a line of their own
    if not hit or hit == set(cols) or (2 * len(hit) < len(cols) and not (alone or in_question)):
        return []
    return [(max(a, text_end), b) for k, (a, b) in cols.items() if k not in hit and text_end < b]


def _text_run(line, left: float) -> tuple[int, float]:
    """How many of a score-table row line's first words are its question's text, and where a
    cell may begin after them: the words from the first, which begins left of the columns
    (`left`), each a word space after the one before (less than `CELL_GAP_EM`, the gap
    `parsers.scores` tells a cell by) and no number; a cell begins that gap after the last.
    (0, `left`) for a line that begins under the columns."""
    k, end = 0, left
    if not line.words:
        return 0, left
    for w in line.words:
        if k and (NUMBER.match(w.text) or w.x0 - end >= CELL_GAP_EM * w.size):
            break
        if not k and w.x0 >= left:
            return 0, left
        k, end = k + 1, w.x1
    return k, end + CELL_GAP_EM * line.words[k - 1].size


def _fill(cells: Cells, boxes: dict[int, list], where: dict[int, list]) -> None:
    """Each box's reading, where it is a number, as a word of its line (`fill_number_cells`)."""
    if not boxes:
        return
    for (number, k), read in reread_numbers(cells, boxes).items():
        text = read[0]
        if not NUMBER.match(text):
            continue
        line = where[number][k]
        x0, _, x1, _ = boxes[number][k]
        ref = line.words[-1]
        # what the page OCR read there instead ("FR" for a "7") gives way to the number
        stray = [
            w for w in line.words if x0 <= w.x0 and w.x1 <= x1 and len(w.text) <= NUMBER_MAX_CHARS
        ]
        line.words = [w for w in line.words if not any(w is x for x in stray)]
        word = OcrWord(
            text,
            x0,
            x1,
            ref.top,
            ref.bottom,
            ref.size,
            page_reading=" ".join(w.text for w in stray),
            votes=_numbers(*read),
        )
        line.words.append(word)
        line.words.sort(key=lambda w: w.x0)


#: A first word that may be a question id read without its dot ("11", '"13'), with a comma
#: for it ("4,1") or with a speck before it ('"2.1', wp-summary-header-repeated-on-next-page-
#: 2016 scanned, p. 7: question 2.1 lost): read again even on a line without numbers (a tall
#: row's first line); only an id read replaces it.
_ID_LIKE = re.compile(r"^[\"'«]?[1-8][,.]?\d{1,2}$")
#: ... its area's digit and the question's number, as read without the dot (`dot_lost`).
_ID_WITHOUT_DOT = re.compile(r"^[\"'«]?([1-8])(\d{1,2})$")
#: A question id as printed ("4.4"); the page OCR may read it "SR", "Sd" or "55".
QUESTION_ID = re.compile(r"^[1-8]\.\d{1,2}\.?$")
#: ... in at most this many characters (an id is 3–5; a longer word is the question's text).
QUESTION_ID_MAX_CHARS = 4


def _reread_columns(cells: Cells, whole: dict[int, list]) -> None:
    """Each number word of a score-table row read again as its whole column cell (the column's
    span, the word's height): where that reading differs, it becomes the word's
    `column_reading`, a candidate `parsers.ocr_numbers` weighs with the others."""
    boxes = {
        n: [(a, min(w.top, line.top), b, max(w.bottom, line.bottom)) for line, w, (a, b) in items]
        for n, items in whole.items()
    }
    if not boxes:
        return
    for (number, k), read in reread_numbers(cells, boxes).items():
        line, w, _ = whole[number][k]
        new = [r for r in _numbers(*read) if r != w.text]
        if not new:
            continue
        i = _index(line, w)
        if i is None:
            continue
        if isinstance(w, OcrWord):
            w.column_reading = new[0]
            w.votes = (w.votes or (w.text,)) + _numbers(*read)
        else:
            line.words[i] = OcrWord.of(w, column_reading=new[0], votes=(w.text, *_numbers(*read)))


def _id_words(words: list) -> list:
    """The words a row's question id may have been read as: the first, and the next too when
    it is a digit or two within a font size of it (the id's dot lost: "5.2" read "3 2")."""
    first = words[0]
    if len(words) > 1:
        nxt = words[1]
        if nxt.text.isdigit() and len(nxt.text) <= 2 and nxt.x0 - first.x1 < first.size:
            return [first, nxt]
    return [first]


def _index(line, word) -> int | None:
    """Where `word` (this very object) stands in its line, if it is still there."""
    return next((j for j, x in enumerate(line.words) if x is word), None)


def _span(words: list) -> tuple[float, float, float, float]:
    return (words[0].x0, min(w.top for w in words), words[-1].x1, max(w.bottom for w in words))


def _reread_ids(cells: Cells, ids: dict[int, list]) -> None:
    """The first word of a score-table row with numbers, left of the number columns, that does
    not read as a question id (with the digits after it, `_id_words`): read again from its
    image with the digit whitelist. A reading that is a question id replaces the page's (kept
    as `OcrWord.page_reading`); the row then finds its question. The printed id, read again,
    not inferred from its neighbours."""
    boxes = {n: [_span(ws) for _, ws, _ in items] for n, items in ids.items()}
    if not boxes:
        return
    for (number, k), read in reread_numbers(cells, boxes).items():
        line, ws, area = ids[number][k]
        page_text = " ".join(w.text for w in ws)
        text = next((r for r in read if QUESTION_ID.match(r)), None)
        after = line.words[len(ws) : len(ws) + 1] if line.words[: len(ws)] == ws else []
        if not after or after[0].text[:1].isupper():  # a question begins, no "15 procent …"
            text = text or dot_lost([*read, page_text.replace(" ", "")], area)
        if text is None:
            continue
        i = _index(line, ws[0])
        if i is not None:
            word = OcrWord.of(ws[0], text=text, x1=ws[-1].x1, page_reading=page_text)
            line.words[i : i + len(ws)] = [word]


def _header_area(line) -> str | None:
    """The area digit a score table's header line begins with ("4. Ledarskap …", read "4,"
    or "4" too), else None: the area of the ids in its rows before one is read (`dot_lost`
    for the table's first row, "4,1" read "41" again)."""
    m = AREA_LABEL.match(line.words[0].text) if line.words else None
    return m.group(1) if m else None


def dot_lost(readings: list[str], area: str | None) -> str | None:
    """A question id whose dot neither reading saw ("1.4" read "14" on the page and in its
    cell): two or three digits, the first the area of the table's ids read before it. The
    area's digit ends where the id's number begins, so the digits tell where the dot was:
    they are the printed ones, read; nothing is taken from the neighbouring rows' numbers.
    (Only where a question begins after it, with a capital: a line of a question's text may
    begin with a number, "15 procent av …".)"""
    for r in readings:
        m = _ID_WITHOUT_DOT.match(r)
        if m and m.group(1) == area:
            return f"{area}.{m.group(2)}"
    return None


def _column_spans(cols: dict) -> dict[str, tuple[float, float]]:
    """Each number column's x span: from halfway to the header on its left to halfway to the
    one on its right (the first and last as wide on their open side)."""
    order = sorted(cols, key=lambda k: cols[k].xc)
    centres = [cols[k].xc for k in order]
    spans = {}
    for j, k in enumerate(order):
        left = (centres[j] - centres[j - 1]) / 2 if j else None
        right = (centres[j + 1] - centres[j]) / 2 if j + 1 < len(order) else None
        left = left if left is not None else right
        right = right if right is not None else left
        spans[k] = (centres[j] - left, centres[j] + right)
    return spans
