"""Scanned reports: what a page's image shows that Tesseract's words do not (issue 24):
ruling lines (`image_rules`), bold type (`stroke_weights`), bullet glyphs the OCR read as
marks, letters or digits or lost (`bullets`, `image_bullets`), words glued to a preposition
(`split_glued_i`). Each works on the words and lines `parsers.pdf` read from the OCR'd PDF,
the page image rendered with PDFium; `parsers.ocr` made the text layer, `parsers.ocr_cells`
reads the number cells.
"""

from __future__ import annotations

import re
import statistics

from parsers.ocr import POINTS_PER_INCH, OcrWord
from parsers.tolerances import (
    COLUMN_START_ALIGN_EM,
    LINE_BASELINE_TOLERANCE,
    MIN_LIST_LABELS,
)

# --- ruling lines ----------------------------------------------------------------------------

#: Resolution the page image is searched for ruling lines at (a 0.5 pt rule is a pixel or two).
RULE_DPI = 150
#: A pixel darker than this (of 255) is ink; the scans' paper is ~250, a blurred rule ~100–180.
INK_LEVEL = 190
#: A straight run of ink at least this long (in points) is a ruling line: three lines of body
#: text (10–12 pt on a ~14 pt line pitch) are ~40 pt, and no glyph's stroke is longer than a
#: line's height, so a stroke this long is drawn, not written.
MIN_RULE_PT = 36.0
#: Ink this many pixels to either side still belongs to the run (what remains of the scan's tilt
#: after deskewing, and a rule's blurred edge).
RULE_SLACK_PX = 1
#: Runs this many pixels apart (or less) are one printed line (a rule is 1–3 pixels wide).
RULE_MERGE_PX = 1.5
#: A glyph is looked for this far right of a table's rule (the rule's own blurred edge).
RULE_CLEARANCE_PT = 1.5


def image_rules(data: bytes, pages: list) -> None:
    """Ruling lines of each page found in its image, as the text PDF's vector rules: a scan has
    none of those, but the parse uses a table's vertical rules as the gutter between findings
    columns (`parsers.findings`, `parsers.layout`). Only pages without rules of their own are
    searched. Vertical and horizontal runs of ink longer than `MIN_RULE_PT` become `Rule`s, and
    a word the OCR made of a vertical rule's ink ("|") or of blank paper ("=" in a stretched
    space) is dropped (`_on_rule`, `_phantom`)."""
    import numpy as np
    import pypdfium2 as pdfium

    from parsers.reader import Rule, merge_rules

    scale = RULE_DPI / POINTS_PER_INCH
    pdf = pdfium.PdfDocument(data)
    try:
        for page in pages:
            if page.rules:
                continue
            image = pdf[page.number - 1].render(scale=scale, grayscale=True).to_pil().convert("L")
            ink = np.asarray(image) < INK_LEVEL
            found: list[Rule] = []
            for vertical in (True, False):
                grid = ink if vertical else ink.T
                spread = grid.copy()
                for k in range(1, RULE_SLACK_PX + 1):
                    spread[:, k:] |= grid[:, :-k]
                    spread[:, :-k] |= grid[:, k:]
                for pos, lo, hi in _runs(spread, MIN_RULE_PT * scale):
                    p, a, b = pos / scale, lo / scale, hi / scale
                    found.append(Rule(p, a, p, b) if vertical else Rule(a, p, b, p))
            page.rules = merge_rules(_thin(found))
            page.words = [
                w
                for w in page.words
                if not _on_rule(w, page.vrules) and not _phantom(w, ink, scale)
            ]
    finally:
        pdf.close()


#: A word of marks alone ("=", "—", ":") whose box is less inked than this share is no
#: print: Tesseract reads marks into a justified line's stretched spaces (a real dash or
#: equals sign inks a tenth of its box or more, the widest gap's grain none).
PHANTOM_INK_SHARE = 0.05
_MARKS_ONLY = re.compile(r"^[^\w\s]+$")


def _phantom(w, ink, scale: float) -> bool:
    """A word of marks only that the image does not show (`PHANTOM_INK_SHARE`)."""
    if not _MARKS_ONLY.match(w.text):
        return False
    box = ink[
        int(w.top * scale) : int(w.bottom * scale) + 1, int(w.x0 * scale) : int(w.x1 * scale) + 1
    ]
    return box.size > 0 and float(box.mean()) < PHANTOM_INK_SHARE


#: What the page OCR makes of a vertical rule's ink beside text: "|", "[", "]", "l", "I".
_RULE_MARK = re.compile(r"^[|\[\]!lI]{1,2}$")


def _on_rule(w, vrules: list[tuple[float, float, float]]) -> bool:
    """A word that is a vertical rule's ink the OCR read as a character ("chefer. |"): a mark
    like "|" whose box holds a rule found in the image (within `RULE_CLEARANCE_PT`)."""
    if not _RULE_MARK.match(w.text):
        return False
    return any(
        w.x0 - RULE_CLEARANCE_PT <= x <= w.x1 + RULE_CLEARANCE_PT
        and top < w.bottom
        and bottom > w.top
        for x, top, bottom in vrules
    )


def _runs(grid, min_len: float) -> list[tuple[float, int, int]]:
    """(column, start row, end row) of every run of True at least `min_len` long, per column."""
    import numpy as np

    padded = np.zeros((grid.shape[0] + 2, grid.shape[1]), dtype=np.int8)
    padded[1:-1] = grid
    edges = np.diff(padded, axis=0)
    out = []
    for col in np.nonzero(grid.sum(axis=0) >= min_len)[0]:
        starts = np.nonzero(edges[:, col] == 1)[0]
        ends = np.nonzero(edges[:, col] == -1)[0]
        for a, b in zip(starts, ends, strict=True):
            if b - a >= min_len:
                out.append((float(col), int(a), int(b)))
    return out


def _thin(rules: list) -> list:
    """One rule per printed line: the pixel columns (or rows) of one line's width, next to each
    other and overlapping, become their middle one."""
    from parsers.reader import Rule

    out = []
    for vertical in (True, False):
        segs = sorted(
            (r.x0, r.top, r.bottom) if vertical else (r.top, r.x0, r.x1)
            for r in rules
            if (r.x1 - r.x0 < r.bottom - r.top) == vertical
        )
        groups: list[list[tuple[float, float, float]]] = []
        for s in segs:
            g = next(
                (
                    g
                    for g in groups
                    if s[0] - g[-1][0] <= RULE_MERGE_PX * POINTS_PER_INCH / RULE_DPI
                    and s[1] < g[-1][2]
                    and s[2] > g[-1][1]
                ),
                None,
            )
            if g is None:
                groups.append([s])
            else:
                g.append(s)
        for g in groups:
            pos = round(sum(s[0] for s in g) / len(g), 1)
            lo, hi = min(s[1] for s in g), max(s[2] for s in g)
            out.append(Rule(pos, lo, pos, hi) if vertical else Rule(lo, pos, hi, pos))
    return out


# --- type weight -------------------------------------------------------------------------------

#: A word's stroke width is measured as its ink's area over half its outline (a stroke of
#: width w and length L has area wL and outline 2L, in whichever direction it runs: stems,
#: arches and bars alike), in font sizes, at the ink's core: darker than mid-grey, not the
#: blurred edge of a stroke.
STROKE_INK_LEVEL = 128
#: Words of fewer characters than this give too little outline to measure; they take the
#: weight of their measured neighbours on the line.
STROKE_MIN_CHARS = 3
#: A word is bold when its strokes are this many times the document's median (most words are
#: regular). Measured on seven scans (18,400 words, their weight known from the text PDFs):
#: regular words reach 1.15 of the median at the 99th percentile, bold ones 1.28 at the 1st
#: (7 regular words of 18,396 over this ratio, 1 bold one of 990 under it).
BOLD_STROKE_RATIO = 1.25
#: A short word gives a noisy measure, up to 1.45 of the median for regular type in the CI's
#: scans (a hyphenated word's rest, "ionen?"). Without a neighbour and in lower case it is
#: never bold (a heading or a lead-in starts with a capital or a digit); alone on its line
#: (a heading, then, if bold) it is bold only over this ratio.
BOLD_ALONE_RATIO = 1.4
#: ... words under this many characters count as short.
STROKE_LONG_CHARS = 8


def stroke_weights(data: bytes, pages: list) -> None:
    """Bold in a scan, as a text PDF names it in its fonts: the layout tells a header row of
    bold labels from newspaper columns by it (`parsers.layout`), and headings and lead-ins
    are bold (`parsers.typography`, `parsers.findings`). The page OCR gives every word the
    same weight; the image shows which strokes are thicker."""
    import numpy as np
    import pypdfium2 as pdfium

    scale = RULE_DPI / POINTS_PER_INCH
    pdf = pdfium.PdfDocument(data)
    strokes: dict[int, float] = {}
    try:
        for page in pages:
            if not page.words:
                continue
            image = pdf[page.number - 1].render(scale=scale, grayscale=True).to_pil().convert("L")
            core = np.asarray(image) < STROKE_INK_LEVEL
            for w in page.words:
                if _measured(w) and (run := _stroke(core, scale, w)) is not None:
                    strokes[id(w)] = run
    finally:
        pdf.close()
    if not strokes:
        return
    regular = statistics.median(strokes.values())
    for page in pages:
        measured = [v for v in page.words if id(v) in strokes]
        near = {id(w): _neighbours(w, measured) for w in page.words}
        for w in measured:
            if not near[id(w)] and w.text[:1].islower():
                continue  # a word's rest or a sentence's end ("ionen?"): no heading, no lead-in
            alone = not any(_level(v, w) for v in page.words if v is not w)
            short = alone and sum(c.isalnum() for c in w.text) < STROKE_LONG_CHARS
            ratio = BOLD_ALONE_RATIO if short else BOLD_STROKE_RATIO
            w.bold = strokes[id(w)] >= ratio * regular
        for w in page.words:
            if id(w) not in strokes:
                w.bold = bool(near[id(w)]) and all(v.bold for v in near[id(w)])


def _measured(w) -> bool:
    return sum(c.isalnum() for c in w.text) >= STROKE_MIN_CHARS


def _stroke(core, scale: float, w) -> float | None:
    """The word's stroke width (area over half the outline), in font sizes."""
    import numpy as np

    box = core[
        int(w.top * scale) : int(w.bottom * scale) + 1, int(w.x0 * scale) : int(w.x1 * scale) + 1
    ]
    if not box.size or not w.size:
        return None
    ink = box.astype(np.int8)
    across = int((np.diff(np.pad(ink, ((0, 0), (1, 1))), axis=1) == 1).sum())
    down = int((np.diff(np.pad(ink, ((1, 1), (0, 0))), axis=0) == 1).sum())
    if not across or not down:
        return None
    return float(ink.sum()) / (across + down) / (w.size * scale)


def _level(v, w) -> bool:
    """Do the two words stand on one baseline?"""
    return abs(v.baseline - w.baseline) <= LINE_BASELINE_TOLERANCE * w.size


def _neighbours(w, measured: list) -> list:
    """The measured words next to `w` on its line, within a font size left and right."""
    out = []
    for v in measured:
        if v is w or not _level(v, w):
            continue
        if 0 <= w.x0 - v.x1 <= w.size or 0 <= v.x0 - w.x1 <= w.size:
            out.append(v)
    return out


# --- glued words --------------------------------------------------------------------------------

#: A word the page OCR glued to the preposition "i" after it ("synpunkteri", "utfalleti",
#: "åri"): Tesseract reads the narrow "i" and the space before it as one more letter.
_GLUED_I = re.compile(r"^(\w{2,})i([.,;:!?]?)$")


def split_glued_i(pages: list) -> None:
    """A word ending in "i" is the word before it and the preposition "i" when the document
    prints the word before it elsewhere, and the glued form no more often than that (a word that
    ends in "i", "strategi", "demokrati", has no stem printed as a word). Only the text is
    split, the box shared by the letters' count."""
    from collections import Counter

    from parsers.words import bare

    counts = Counter(bare(w.text) for page in pages for line in page.lines for w in line.words)
    for page in pages:
        for line in page.lines:
            out = []
            for w in line.words:
                m = _GLUED_I.match(w.text)
                stem = m.group(1) if m else ""
                if not m or counts[stem.casefold()] < counts[bare(w.text)]:
                    out.append(w)
                    continue
                cut = w.x0 + (w.x1 - w.x0) * len(stem) / len(w.text)
                out.append(OcrWord.of(w, text=stem, x1=cut))
                out.append(OcrWord.of(w, text="i" + m.group(2), x0=cut))
            line.words = out


#: What Tesseract makes of a round bullet glyph at the start of a line: one to three marks
#: that are neither letters nor digits ("—", "—-", "«", "»", "+»", "."), maybe two such words.
_BULLET_MARK = re.compile(r"^(?!.*%)[^\w\s]{1,3}$")  # "%" is a score table's
#: ... or a round glyph read as one letter next to a guillemet or a similar mark ("e«", "«e",
#: "o»"): a letter alone, or with "." or ")" ("a)"), is text or a list label and stays.
_BULLET_WITH_LETTER = re.compile(r"^(?:[a-zA-Z][«»•·*©®°]{1,2}|[«»•·*©®°]{1,2}[a-zA-Z]|[eo])$")
#: (a lone "e" or "o" is what Tesseract reads a round bullet as; no Swedish word is one of
#: them, and it counts only at a line's or a column's start, before more text)
#: A gap wider than this many font sizes separates two columns of one line.
COLUMN_GAP = 1.5


def bullets(pages: list) -> None:
    """Marks that are no letters or digits, at the start of a line or of a column (after a gap
    of more than `COLUMN_GAP` font sizes) and followed by text, are a bullet glyph: they
    become "•", the glyph `parsers.text` knows. So does a glyph read as one and the same digit
    at the start of several lines or columns (`_repeated_marks`). Only the glyph changes,
    never the item's text."""
    _repeated_marks(pages)
    _glued_marks(pages)
    for page in pages:
        vrules = page.vrules
        for line in page.lines:
            words, out, i = line.words, [], 0
            while i < len(words):
                w = words[i]
                starts = not out or _column_starts(vrules, out[-1], w)
                n = 0
                while (
                    starts
                    and n < 2
                    and i + n + 1 < len(words)
                    and _is_bullet_mark(words[i + n].text)
                ):
                    n += 1
                if n and not (n == 1 and w.text == "•"):
                    last = words[i + n - 1]
                    marks = " ".join(x.text for x in words[i : i + n])
                    w = OcrWord.of(w, text="•", x1=last.x1, page_reading=marks)
                out.append(w)
                i += max(n, 1)
            line.words = out


#: A bullet mark read glued to its item's first word ("«God", "«Formulera"): the tab between
#: the two read as no space.
_GLUED_MARK = re.compile(r"^([«»•·*©®°]{1,2})([A-ZÅÄÖ]\w*.*)$")


def _glued_marks(pages: list) -> None:
    """A word that begins a line or a column with a bullet mark glued to a capitalised word
    ("«God information …", score-total-row-next-page scanned, p. 10: the list of one item per
    row ended there, and its last five items were left as prose), standing where the page's
    other lines of the list have their bullet (within `COLUMN_START_ALIGN_EM`), is the bullet
    and the word: two words. The word begins where those lines' text begins, when that lies
    inside the glued word's box (the tab's width is unknown from the word alone)."""
    for page in pages:
        vrules = page.vrules
        marks = [
            (ln.words[k], ln.words[k + 1])
            for ln in page.lines
            for k in range(len(ln.words) - 1)
            if (ln.words[k].text == "•" or _is_bullet_mark(ln.words[k].text))
            and (k == 0 or _column_starts(vrules, ln.words[k - 1], ln.words[k]))
        ]
        for line in page.lines:
            out = []
            for k, w in enumerate(line.words):
                m = _GLUED_MARK.match(w.text)
                if m and (k == 0 or _column_starts(vrules, line.words[k - 1], w)):
                    slack = COLUMN_START_ALIGN_EM * w.size
                    beside = [t.x0 for b, t in marks if abs(b.x0 - w.x0) <= slack]
                else:
                    beside = []
                if not beside:
                    out.append(w)
                    continue
                text_x = statistics.median(beside)
                if not w.x0 < text_x < w.x1:
                    text_x = w.x0 + (w.x1 - w.x0) * len(m.group(1)) / len(w.text)
                glyph = OcrWord.of(w, text="•", x1=text_x, page_reading=w.text)
                out += [glyph, OcrWord.of(w, text=m.group(2), x0=text_x, page_reading=w.text)]
            line.words = out


def _column_starts(vrules: list[tuple[float, float, float]], before, w) -> bool:
    """Does `w` begin a column of its line, after `before`: a gap of more than `COLUMN_GAP`
    font sizes, or a vertical rule of `vrules` (the page's, `PageText.vrules`) between the
    two: a table's cell border found in the image (`image_rules`; Kalmar 2012 scanned, p. 7:
    the improvements' bullet 13.7 pt right of the strengths' line end, 1.4 times the type
    size Tesseract measured, with the table's rule between)."""
    if w.x0 - before.x1 > COLUMN_GAP * w.size:
        return True
    return any(
        before.x1 <= x <= w.x0 and top < w.bottom and bottom > w.top for x, top, bottom in vrules
    )


def _repeated_marks(pages: list) -> None:
    """A list's bullet glyph that the page OCR read as a digit (a hollow "▫" as "0"): the same
    one or two digits starting `MIN_LIST_LABELS` or more lines of the document, or columns of
    a line (after a gap of `COLUMN_GAP` font sizes), at one edge, each followed by text
    starting at one edge (`COLUMN_START_ALIGN_EM`), become "•": a report's lists keep their
    style, page after page. A numbered list counts (1, 2, 3), a bullet repeats; a table's
    column of one value starts no line with text after it. Letters stay: a word ("I", "En")
    may start several items."""
    groups: dict[tuple, list] = {}
    for page in pages:
        vrules = page.vrules
        for line in page.lines:
            words = line.words
            for k, mark in enumerate(words[:-1]):
                text = words[k + 1]
                starts = k == 0 or _column_starts(vrules, words[k - 1], mark)
                if not (starts and _REPEATED_MARK.match(mark.text) and text.text[0].isalpha()):
                    continue
                slack = COLUMN_START_ALIGN_EM * mark.size
                for (t, x, tx), same in groups.items():
                    if t == mark.text and abs(x - mark.x0) <= slack and abs(tx - text.x0) <= slack:
                        same.append((line, k))
                        break
                else:
                    groups[(mark.text, mark.x0, text.x0)] = [(line, k)]
    for same in groups.values():
        if len(same) >= MIN_LIST_LABELS:
            for line, k in same:
                w = line.words[k]
                line.words[k] = OcrWord.of(w, text="•", page_reading=w.text)


#: What the page OCR makes of a bullet glyph when it reads it as digits ("0", "00", "8").
_REPEATED_MARK = re.compile(r"^\d{1,2}$")


#: A bullet glyph the page OCR dropped is looked for this far left of a line's (or a column's)
#: first word, in font sizes: a hanging indent puts the text 1–2 sizes after the glyph.
BULLET_SEARCH_EM = 3.0
#: A bullet glyph ("•", "▪", "§", "o", "➢") is a fifth of the font size to its full height
#: across and high (a full stop is under a fifth, a dash is flatter than BULLET_MAX_ASPECT; the
#: size is the OCR's median, ~0.8 of the printed one, hence up to 1.2).
BULLET_MIN_EM, BULLET_MAX_EM = 0.2, 1.2
BULLET_MAX_ASPECT = 3.0
#: ... and ends this far (in font sizes) before the word: the space after a glyph.
BULLET_GAP_EM = 0.3


def image_bullets(data: bytes, pages: list) -> None:
    """Bullet glyphs the page OCR lost (Tesseract drops a "•" or a "§" often, and the item then
    runs into the one above it): left of a line's first word, or of a word after a column gap,
    one lone mark of a glyph's size in the image (`BULLET_*`), where the OCR read nothing,
    becomes a "•" word, the glyph `parsers.text` knows (as `bullets` does for marks the OCR
    read as punctuation). The item's text is not touched."""
    import numpy as np
    import pypdfium2 as pdfium

    scale = RULE_DPI / POINTS_PER_INCH
    pdf = pdfium.PdfDocument(data)
    try:
        for page in pages:
            ink = None
            for line in page.lines:
                words = line.words
                starts = [
                    k
                    for k, w in enumerate(words)
                    if k == 0 or w.x0 - words[k - 1].x1 > COLUMN_GAP * w.size
                ]
                added = []
                for k in starts:
                    w = words[k]
                    if _is_bullet_mark(w.text) or w.text == "•":
                        continue
                    if ink is None:
                        image = pdf[page.number - 1].render(scale=scale, grayscale=True)
                        ink = np.asarray(image.to_pil().convert("L")) < INK_LEVEL
                    short = (
                        len(w.text) <= SOLID_MAX_CHARS
                        and k + 1 < len(words)
                        and words[k + 1].text[:1].isalpha()  # an item's text, not a cell's number
                    )
                    if short and _solid(ink, scale, w):  # a "▪" read as "H", "ms", "Bm"
                        words[k] = OcrWord.of(w, text="•", page_reading=w.text)
                        continue
                    left = max(words[k - 1].x1 + 1 if k else 0.0, _read_left(page, line, w))
                    for x, t, b in page.vrules:  # a table's rule left of the glyph is no glyph
                        if x < w.x0 and t < line.bottom and b > line.top:
                            left = max(left, x + RULE_CLEARANCE_PT)
                    x0 = max(left, w.x0 - BULLET_SEARCH_EM * w.size)
                    disc = _disc(
                        ink, scale, x0, line.top, w.x0 - BULLET_GAP_EM * w.size, line.bottom, w.size
                    )
                    if disc is not None:
                        a, b = disc
                        added.append(OcrWord.of(w, text="•", x0=a, x1=b))
                if added:
                    line.words = sorted(words + added, key=lambda x: x.x0)
    finally:
        pdf.close()


def _read_left(page, line, w) -> float:
    """Where the ink the OCR read ends left of `w` at the line's height, on any line: the
    last letters of a neighbouring column's line ("för", "utveckling.") sit a point higher or
    lower than the line, in a line of their own, and are no bullet of it. Only words beside
    the line count, over half its height: the line above or below may reach into its box. A
    mark read as a bullet is the glyph itself (the layout may have put it in the line beside,
    "«" before a right-hand column's item), not a neighbour's ink."""
    half = (line.bottom - line.top) / 2
    ends = [
        v.x1 + 1
        for other in page.lines
        if other is not line and other.top < line.bottom and other.bottom > line.top
        for v in other.words
        if v.x1 <= w.x0
        and min(v.bottom, line.bottom) - max(v.top, line.top) > half
        and not (_is_bullet_mark(v.text) or v.text == "•")  # the glyph itself, read apart
    ]
    return max(ends, default=0.0)


def _disc(ink, scale: float, x0: float, top: float, x1: float, bottom: float, size: float):
    """(x0, x1) in points of the one glyph-sized mark in the box, else None."""
    c0, c1 = max(0, int(x0 * scale)), int(x1 * scale)
    r0, r1 = max(0, int(top * scale)), int(bottom * scale) + 1
    if c1 - c0 < 2 or r1 - r0 < 2:
        return None
    glyph = _glyph(ink, scale, (c0, c1, r0, r1), size)
    return None if glyph is None else (glyph[0] / scale, (glyph[1] + 1) / scale)


def _glyph(ink, scale: float, box: tuple[int, int, int, int], size: float):
    """The one mark of a glyph's size and shape (`BULLET_*`) in the pixel box (c0, c1, r0,
    r1): (its first and last pixel column, its pixels), else None (nothing, two marks)."""
    import numpy as np

    c0, c1, r0, r1 = box
    pixels = ink[r0:r1, c0:c1]
    cols = np.nonzero(pixels.any(axis=0))[0]
    rows = np.nonzero(pixels.any(axis=1))[0]
    if not len(cols) or len(cols) != cols[-1] - cols[0] + 1:  # nothing, or two marks
        return None
    mark = pixels[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = mark.shape
    lo, hi = BULLET_MIN_EM * size * scale, BULLET_MAX_EM * size * scale
    if not (lo <= width <= hi and lo <= height <= hi):
        return None
    if not 1 / BULLET_MAX_ASPECT <= width / height <= BULLET_MAX_ASPECT:
        return None
    return c0 + cols[0], c0 + cols[-1], mark


#: A solid bullet glyph ("▪", "●") is read by the page OCR as one or two letters ("H", "ms",
#: "Bm") ...
SOLID_MAX_CHARS = 2
#: ... and is told from them by its ink: it covers at least this share of its own box (a
#: square nearly all of it, a disc π/4 ≈ 0.79), where a letter or digit has a counter or open
#: sides ("H" ≈ 0.5, "m" ≈ 0.55, "0" ≈ 0.5; a stroke like "l" is too narrow for a glyph,
#: `BULLET_MAX_ASPECT`).
SOLID_FILL = 0.75


def _solid(ink, scale: float, w) -> bool:
    """The word's box in the image holds one glyph-sized mark of solid ink."""
    c0, c1 = max(0, int(w.x0 * scale)), int(w.x1 * scale) + 1
    r0, r1 = max(0, int(w.top * scale)), int(w.bottom * scale) + 1
    glyph = _glyph(ink, scale, (c0, c1, r0, r1), w.size)
    return glyph is not None and float(glyph[2].mean()) >= SOLID_FILL


def _is_bullet_mark(text: str) -> bool:
    return bool(_BULLET_MARK.match(text) or _BULLET_WITH_LETTER.match(text))
