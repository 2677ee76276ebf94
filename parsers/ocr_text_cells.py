"""Scanned reports: the text of a ruled table's cells read again, each cell from its own image
(issue 24).

Tesseract reads the words of a page badly right beside a table's ruling lines, even on a clean
render: Norsjö 2018 p. 9, a ruled findings table, "tige samt i efterhand" came out as "198
Samttenernana" and "En extern whistleblower-funktion" as "EN CKferiWhiSdeploWep funktion".
Whitening the rules on the whole page before the OCR read those verbatim but read other pages
worse (a score table's rows, descenders that touch a rule; benchmarks/README.md, "Eleventh
round"). Here the page reading stays wherever there is no table; only the words inside a cell
that rules close on all four sides (or above and below, the sides at the rules' ends) are
replaced, by the cell's own reading: the cell cut out with its rules, the rules whitened
(`_without_rules`), read as one block of text. Both findings cells of Norsjö p. 9 read
verbatim so. A score table's rows and header row keep the page reading (`_text_cells`).

The cell's reading takes the place of the page's line by line: each line the cell read goes on
the page line it overlaps (keeping that line's baseline and type size, which the layout groups
by), and a cell whose reading does not pair off with the page's lines keeps the page reading
(`_paired`). Readings are cached with the number cells' (`parsers.ocr.Cells`).
"""

from __future__ import annotations

import io
import json
import re
import subprocess

from parsers.ocr import LANGUAGES, NUMBER, POINTS_PER_INCH, WHITE, Cells
from parsers.ocr_cells import scan_dpi
from parsers.ocr_image import (
    INK_LEVEL,
    MIN_RULE_PT,
    PHANTOM_INK_SHARE,
    RULE_CLEARANCE_PT,
    RULE_SLACK_PX,
)
from parsers.reader import Word
from parsers.tolerances import CELL_PAD_PX, CELL_SPACING_PX, INK_MAX_SHARE
from parsers.vocabulary import HEADER_TITLE_MARKS, MAX_HEADERS, PERCENT_HEADERS, POINTS_HEADERS

#: A word with at least this many letters makes its cell a text cell (a number cell is read
#: as digits, `parsers.ocr_cells`).
TEXT_CELL_MIN_LETTERS = 2
#: The cell's reading is kept only when it has at least this share of the page reading's
#: letters: a crop that lost a line (or its rules' ink read as text) is no better reading.
TEXT_CELL_MIN_LETTER_SHARE = 0.8
#: A line with this many numbers is a score (or summary) table's row (points and max, maybe a
#: percent: "iu 15 1396", "50 100"), whose numbers are read as numbers (`parsers.ocr_cells`)
#: ...
SCORE_ROW_NUMBERS = 2
#: ... one of them of at least this many digits (a max is 5 or more, most often 10 or more; the
#: page OCR reads a rule's ink beside a findings cell's line as "9 9": Norsjö p. 29).
SCORE_ROW_NUMBER_DIGITS = 2
#: A question's number at a line's start ("4.5"; a list's label is "1." or "1)").
_QUESTION_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")
#: A word of marks only (what Tesseract reads into a justified line's stretched space).
_MARKS_ONLY = re.compile(r"^[^\w\s]+$")
#: Tesseract's page-segmentation mode for a cell: one uniform block of text.
TEXT_CELL_PSM = 6
#: A column of a one-line cell's image with ink over this share of its height is a ruling
#: line (a letter's stem is a line's height, half of such a cell or less).
RULE_SPAN_SHARE = 0.8
#: The cache key's prefix of a text cell (`Cells.known`; number cells have none), with the
#: version of how a cell is cut and read: bump it when that changes.
TEXT_KEY = "text8:"

Box = tuple[float, float, float, float]


def reread_text_cells(cells: Cells, pages: list) -> None:
    """Replace the page OCR's words inside each ruled text cell of the scanned `pages` (words
    still in `PageText.words`, rules found by `ocr_image.image_rules`) by the cell's reading."""
    todo: dict[int, list[Box]] = {}
    found: dict[int, dict[Box, list[int]]] = {}
    for page in pages:
        found[page.number] = _text_cells(page)
        for box in found[page.number]:
            if TEXT_KEY + Cells.key(page.number, box) not in cells.known:
                todo.setdefault(page.number, []).append(box)
    if todo:
        _read(cells, todo)
    for page in pages:
        drop: set[int] = set()
        new: list[Word] = []
        for box, members in found[page.number].items():
            saved = cells.known.get(TEXT_KEY + Cells.key(page.number, box))
            read = [tuple(w) for w in json.loads(saved)] if saved else []
            words = _paired([page.words[i] for i in members], read)
            if words is not None:
                drop.update(members)
                new += words
        if drop:
            page.words = [w for i, w in enumerate(page.words) if i not in drop] + new


def _text_cells(page) -> dict[Box, list[int]]:
    """Each ruled cell of the page holding a word with letters, not a score table's: its box
    (its rules' positions) → the indices of the page's words inside it."""
    hrules = [(r.top, r.x0, r.x1) for r in page.rules if not r.vertical]
    vrules = page.vrules
    if not hrules:
        return {}
    out: dict[Box, list[int]] = {}
    for i, w in enumerate(page.words):
        box = _cell_of(w, hrules, vrules)
        if box is not None:
            out.setdefault(box, []).append(i)
    out = _merged(out)
    text = {
        box
        for box, members in out.items()
        if any(_letters(page.words[i].text) >= TEXT_CELL_MIN_LETTERS for i in members)
        and not _scored([page.words[i] for i in members])
    }
    # a row of cells with numbers in it is a score (or history) table's: its numbers are read
    # as numbers (`parsers.ocr_cells`), which goes by the row's words as the page read them;
    # so is its header row's, whose titles `parsers.ocr_cells` reads again where they stand
    # (g3-justified-cell-stretched-spaces-line-up p. 11: "och | Max Procent" read again, area
    # 4's three questions lost)
    numbered = [
        box
        for box, members in out.items()
        if box not in text or any(_title(page.words[i].text) for i in members)
    ]
    return {
        box: out[box]
        for box in text
        if not any(_overlap((box[1], box[3]), (b[1], b[3])) > 0 for b in numbered)
    }


def _title(text: str) -> bool:
    """Is the word a score table's column title ("Uppnått", "Max", "%")?"""
    t = text.casefold().strip(HEADER_TITLE_MARKS)
    return t in POINTS_HEADERS or t in MAX_HEADERS or t in PERCENT_HEADERS


def _scored(words: list[Word]) -> bool:
    """Does a line of the cell hold numbers (points, max, maybe a percent), or begin with a
    question's number ("4.5"): a score table's row ruled above and below only, its numbers in
    the same "cell" as its question (Kristianstad 2005: "SR Tydliggörs … iu 15 1396", the id
    misread)?"""
    from parsers.pdf import lines_from_words  # (parsers.pdf calls this module)

    lines = lines_from_words(words, 0)
    for ln in lines:
        numbers = [w.text for w in ln.words if NUMBER.match(w.text)]  # not a label ("1.")
        digits = max((sum(c.isdigit() for c in t) for t in numbers), default=0)
        if len(numbers) >= SCORE_ROW_NUMBERS and digits >= SCORE_ROW_NUMBER_DIGITS:
            return True
    return any(_QUESTION_ID.match(ln.words[0].text) for ln in lines)


def _merged(cells: dict[Box, list[int]]) -> dict[Box, list[int]]:
    """Cells that overlap are one: a rule the scan's tilt broke into pieces a little apart
    (Norsjö p. 29: a cell's bottom rule at 368.6 under its left half, 369.4 under its right)
    gives the words of one cell two boxes, and each box would be read and put in."""
    boxes = list(cells.items())
    k = 0
    while k < len(boxes):
        (a, wa), rest = boxes[k], boxes[k + 1 :]
        other = next((j for j, (b, _) in enumerate(rest) if _overlap_2d(a, b)), None)
        if other is None:
            k += 1
            continue
        b, wb = rest[other]
        union = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        del boxes[k + 1 + other]
        boxes[k] = (union, wa + wb)
    return dict(boxes)


def _overlap_2d(a: Box, b: Box) -> bool:
    return _overlap((a[0], a[2]), (b[0], b[2])) > 0 and _overlap((a[1], a[3]), (b[1], b[3])) > 0


def _cell_of(w: Word, hrules: list, vrules: list) -> Box | None:
    """The cell around a word: the nearest horizontal rules above and below it that run over
    its middle, and the nearest vertical rules to its left and right that run beside it (a
    side without one ends where the rules above and below end)."""
    mid_x, mid_y = w.xc, (w.top + w.bottom) / 2
    over = [(y, a, b) for y, a, b in hrules if a <= mid_x <= b]
    above = [r for r in over if r[0] <= w.top + RULE_CLEARANCE_PT]
    below = [r for r in over if r[0] >= w.bottom - RULE_CLEARANCE_PT]
    if not above or not below:
        return None
    top, bottom = max(above), min(below)
    beside = [x for x, t, b in vrules if t <= mid_y <= b]
    left = max((x for x in beside if x <= w.x0 + RULE_CLEARANCE_PT), default=None)
    right = min((x for x in beside if x >= w.x1 - RULE_CLEARANCE_PT), default=None)
    if left is None:
        left = max(top[1], bottom[1])
    if right is None:
        right = min(top[2], bottom[2])
    if right - left <= w.x1 - w.x0:
        return None
    return (round(left, 1), round(top[0], 1), round(right, 1), round(bottom[0], 1))


def _span(line) -> tuple[float, float]:
    return min(w.top for w in line.words), max(w.bottom for w in line.words)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _read(cells: Cells, todo: dict[int, list[Box]]) -> None:
    """Read each page's text cells, all of them stacked on one sheet (one Tesseract run per
    page), and keep each cell's words (text, x0, top, x1, bottom in points, line number) in
    `cells.known`."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(cells.data)
    try:
        for number, boxes in todo.items():
            page = pdf[number - 1]
            dpi = scan_dpi(page)
            scale = dpi / POINTS_PER_INCH
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            # the cell with its rules, cut a little outside them, the rules then whitened
            outside = [
                (
                    x0 - RULE_CLEARANCE_PT,
                    top - RULE_CLEARANCE_PT,
                    x1 + RULE_CLEARANCE_PT,
                    bottom + RULE_CLEARANCE_PT,
                )
                for x0, top, x1, bottom in boxes
            ]
            crops = [
                _without_rules(image.crop(tuple(int(v * scale) for v in box)), scale)
                for box in outside
            ]
            # light type on a dark fill (a header row's shading, more of the cell dark than
            # `INK_MAX_SHARE`) keeps the page's reading: read as it is, g3-justified-cell-
            # stretched-spaces-line-up p. 10 "4 Ledni och Uppnått Max Procent" came out "JT
            # FITA VN EE …"
            dark = [_dark(c) for c in crops]
            words = _read_stacked(
                [c for c, d in zip(crops, dark, strict=True) if not d], round(dpi)
            )
            order = [k for k, d in enumerate(dark) if not d]
            words = {
                order[k]: [w for w in ws if _printed(w, crops[order[k]])] for k, ws in words.items()
            }
            for k, box in enumerate(boxes):
                x0, top = (int(v * scale) / scale for v in outside[k][:2])
                placed = [
                    (t, x0 + a / scale, top + b / scale, x0 + c / scale, top + d / scale, ln)
                    for t, a, b, c, d, ln in words.get(k, [])
                ]
                cells.known[TEXT_KEY + Cells.key(number, box)] = json.dumps(
                    [[t, *(round(v, 2) for v in xy), ln] for t, *xy, ln in placed],
                    ensure_ascii=False,
                )
                cells.changed = True
    finally:
        pdf.close()


def _without_rules(crop, scale: float):
    """The cell's image with its ruling lines whitened, except where a stroke crosses into a
    rule from either side: the descenders of a tight row touch its bottom rule (Kalmar 2012:
    cut inside the rules, "brukarorientering" read "brukarorienterina"). A rule is a row (a
    column) with a straight run of ink as long as `ocr_image.MIN_RULE_PT`, or most of the
    crop's height (`RULE_SPAN_SHARE`: a one-line cell is shorter than that), as
    `ocr_image.image_rules` finds them; with a pixel of its blurred edge on either side
    (`RULE_SLACK_PX`)."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(crop).copy()
    for axis in (0, 1):  # rows across, then columns down (where rows left a crossing's ink)
        ink = pixels < INK_LEVEL
        grid, out = (ink, pixels) if axis == 0 else (ink.T, pixels.T)
        need = min(MIN_RULE_PT * scale, RULE_SPAN_SHARE * grid.shape[1])
        ruled = np.array([_longest_run(row) >= need for row in grid], dtype=bool)
        edge = round(2 * RULE_CLEARANCE_PT * scale)  # a rule this near the crop's edge: the cell's
        for _ in range(RULE_SLACK_PX):
            ruled[1:] |= ruled[:-1].copy()
            ruled[:-1] |= ruled[1:].copy()
        for k in np.nonzero(ruled)[0]:
            before, after = k, k
            while before >= 0 and ruled[before]:
                before -= 1
            while after < len(ruled) and ruled[after]:
                after += 1
            # a stroke from the cell's inside only: at the cell's own edge, what crosses in from
            # outside is the next cell's ("Styrkor"'s "y" above the first bullet read '"')
            keep = np.zeros(grid.shape[1], dtype=bool)
            if before >= 0 and before >= edge:
                keep |= grid[before]
            if after < len(ruled) and after < len(ruled) - edge:
                keep |= grid[after]
            out[k, ~keep] = WHITE
        # beyond the cell's own rules: the next cell's ascenders, cut into by the margin
        found = np.nonzero(ruled)[0]
        if len(found) and found[0] < edge:
            out[: found[0]] = WHITE
        if len(found) and found[-1] >= len(ruled) - edge:
            out[found[-1] + 1 :] = WHITE
    return Image.fromarray(pixels, mode="L")


def _printed(word: tuple, crop) -> bool:
    """Is a word of marks only ("=") inked in the cell's image (`ocr_image.PHANTOM_INK_SHARE`),
    not read into a justified line's stretched space (g3-side-table-stretched-left-cell p. 9:
    "Strukturerad = satsning på = invånarnas")? Letters and digits always are."""
    import numpy as np

    text, x0, top, x1, bottom = word[:5]
    if not _MARKS_ONLY.match(text):
        return True
    box = np.asarray(crop)[max(0, top) : bottom + 1, max(0, x0) : x1 + 1] < INK_LEVEL
    return box.size > 0 and float(box.mean()) >= PHANTOM_INK_SHARE


def _dark(crop) -> bool:
    import numpy as np

    return float((np.asarray(crop) < INK_LEVEL).mean()) > INK_MAX_SHARE


def _longest_run(row) -> int:
    """The longest run of True in a row of booleans."""
    import numpy as np

    edges = np.diff(np.concatenate(([0], row.astype(np.int8), [0])))
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    return int((ends - starts).max()) if len(starts) else 0


def _read_stacked(crops: list, dpi: int) -> dict[int, list[tuple]]:
    """Tesseract on the crops stacked one below the other on white: per crop, its words as
    (text, x0, top, x1, bottom in the crop's pixels, line number)."""
    from PIL import Image

    if not crops:
        return {}
    gap = CELL_SPACING_PX + CELL_PAD_PX
    width = max(c.width for c in crops) + 2 * gap
    sheet = Image.new("L", (width, sum(c.height + gap for c in crops) + gap), WHITE)
    spans, y = [], gap
    for c in crops:
        sheet.paste(c, (gap, y))
        spans.append((y, y + c.height))
        y += c.height + gap
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", dpi=(dpi, dpi))
    try:
        proc = subprocess.run(
            [
                *("tesseract", "stdin", "stdout", "-l", "+".join(LANGUAGES)),
                *("--psm", str(TEXT_CELL_PSM), "--dpi", str(dpi), "tsv"),
            ],
            input=buf.getvalue(),
            capture_output=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return {}  # the page reading stays
    out: dict[int, list[tuple]] = {}
    for row in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, w, h = (int(v) for v in cols[6:10])
        line = (int(cols[2]), int(cols[3]), int(cols[4]))
        for k, (a, b) in enumerate(spans):
            if a <= top + h / 2 <= b:
                item = (cols[11].strip(), left - gap, top - a, left + w - gap, top + h - a)
                out.setdefault(k, []).append((*item, "{}.{}.{}".format(*line)))
                break
    return out


def _paired(page_words: list[Word], read: list[tuple]) -> list[Word] | None:
    """The cell's reading as words on the page's lines, or None (keep the page reading): each
    line the cell read goes on the page line its ink overlaps most, one to one, and every page
    line lies where the cell read one; the words take the page line's baseline, size and type."""
    from parsers.pdf import lines_from_words  # (parsers.pdf calls this module)

    if not read:
        return None
    page_lines = lines_from_words(page_words, 0)
    by_line: dict[str, list[tuple]] = {}
    for w in read:
        by_line.setdefault(w[5], []).append(w)
    taken: dict[int, list[tuple]] = {}
    spans = [(min(w[2] for w in words), max(w[4] for w in words)) for words in by_line.values()]
    for words, (top, bottom) in zip(by_line.values(), spans, strict=True):
        overlaps = [_overlap((top, bottom), _span(ln)) for ln in page_lines]
        best = max(range(len(page_lines)), key=overlaps.__getitem__)
        if overlaps[best] <= 0 or best in taken:
            return None
        taken[best] = words
    # a page line the cell did not read: the cell lost it, unless it lies where the cell read
    # a line too (what the page OCR made of the ink beside a rule: "Tvdli : :", ";")
    if any(all(_overlap(_span(ln), s) <= 0 for s in spans) for ln in page_lines):
        return None
    have = sum(_letters(w[0]) for w in read)
    if have < TEXT_CELL_MIN_LETTER_SHARE * sum(_letters(w.text) for w in page_words):
        return None
    out: list[Word] = []
    for k, words in taken.items():
        model = page_lines[k].words[0]
        for text, x0, _top, x1, _bottom, _line in words:
            out.append(Word(text, x0, x1, model.top, model.bottom, model.size, font=model.font))
    return out
