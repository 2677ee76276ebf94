"""Open a PDF safely and turn its pages into positioned words and lines.

Everything later works on `Line`s (words that share a baseline) with coordinates, never on a
flat text dump: columns are told apart by x position, table rows by y position. The characters
come from a reader (`parsers.reader`: pdfplumber by default, PDFium with `--reader pdfium`);
from words on, nothing depends on which reader it was.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from parsers import limits, ocr, ocr_cells, ocr_image, ocr_text_cells
from parsers.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    HtmlNotPdf,
    NotAPdf,
    NoTextLayer,
    ReportError,
)
from parsers.reader import (
    Mark,
    RawPage,
    Rule,
    Word,
    get_reader,
    merge_rules,
    soft_hyphens,
    words_from_chars,
)
from parsers.tolerances import JUSTIFIED_EDGE_EM, LINE_BASELINE_TOLERANCE

__all__ = [
    "Box",
    "Document",
    "Line",
    "PageText",
    "Word",
    "alike_spaces",
    "box_of",
    "check_bytes",
    "read_document",
]


#: Where something was read: (page, x0, top, x1, bottom), for `kompass inspect`.
Box = tuple[int, float, float, float, float]


def alike_spaces(a: float, b: float, size: float) -> bool:
    """Are two spaces of a line equally wide, within `JUSTIFIED_EDGE_EM` of the type size? A
    justified line stretches all its word spaces alike, so a space as wide as another of the
    line's is one more of them, no gutter or cell boundary (`layout._stretched_like`,
    `layout._stretched_twice`, `scores._stretched`)."""
    return abs(a - b) <= JUSTIFIED_EDGE_EM * size


def box_of(words: list[Word], page: int) -> Box:
    return (
        page,
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    )


@dataclass
class Line:
    words: list[Word]
    page: int  # 1-based
    column: int = 0  # 0: the page's full width; 1, 2: left / right text column (parsers.layout)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)


@dataclass
class PageText:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule] = field(default_factory=list)
    # tagged PDFs (parsers.tags): the structure tree's references on this page, the characters
    # of each referenced MCID, printed characters outside artifacts, and those of them that no
    # reference covers
    marks: list[Mark] | None = None
    marked: dict[int, list[Word]] = field(default_factory=dict)
    content_chars: int = 0
    unmarked_chars: int = 0
    #: boxes (x0, top, x1, bottom) of the raster images on the page (`RawPage.images`)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)
    chars: int = 0  # characters the reader found (before words)
    words: list[Word] = field(default_factory=list, repr=False)  # only while reading
    #: the gutter of two-sided lines at the page's foot too short to be columns on their own
    #: (`parsers.layout.split_columns`): columns if the next page goes on with them
    foot_strip: tuple[float, float] | None = None

    @property
    def vrules(self) -> list[tuple[float, float, float]]:
        """Vertical rules as (x, top, bottom)."""
        return [(r.x0, r.top, r.bottom) for r in self.rules if r.vertical]


@dataclass
class Document:
    path: Path
    sha256: str
    pages: list[PageText]
    footer_lines: list[Line] = field(default_factory=list)
    #: engine, languages, mean_confidence when the text was recognised (parsers/ocr.py)
    ocr: dict | None = None

    @property
    def scanned(self) -> bool:
        """Is the text a scan's OCR? The one flag the rules for scans read (a footer's page
        number read without its brackets, a list's lost labels, the white inside a paragraph)."""
        return self.ocr is not None

    @property
    def lines(self) -> list[Line]:
        """Body lines of all pages in reading order (page, then top to bottom)."""
        return [line for page in self.pages for line in page.lines]


def check_bytes(path: Path, data: bytes) -> None:
    """Refuse what is plainly not a PDF before handing it to a PDF library."""
    if not data.strip():
        raise EmptyFile(path, "file is empty (0 bytes of content)")
    head = data[:1024]
    if b"%PDF-" in head:
        # A cut-off download has no %%EOF at all; junk after it (proxies, mail gateways)
        # is ignored by PDF readers, and so is an earlier revision's marker: they decide.
        if b"%%EOF" not in data:
            raise CorruptPdf(path, "PDF is truncated (no end-of-file marker); download it again")
        return
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in sniff:
        title = re.search(rb"<title>(.*?)</title>", data[:4096], re.I | re.S)
        what = f" ({title.group(1).decode('utf-8', 'replace').strip()})" if title else ""
        raise HtmlNotPdf(path, f"an HTML page saved as .pdf{what}, probably a server error page")
    raise NotAPdf(path, f"not a PDF (starts with {data[:8]!r}, not b'%PDF-')")


def lines_from_words(words: list[Word], page: int, tilt: float = 0.0) -> list[Line]:
    """Group words into lines by baseline, each line compared with its first word's baseline
    (not the last one's, so a slowly drifting chain cannot swallow the next line). `tilt`: a
    scan's lines rise by this many points per point across (`parsers.ocr.tilt`); baselines are
    compared as if the page were level."""

    def level(w: Word) -> float:
        return w.baseline - tilt * w.x0

    lines: list[Line] = []
    anchors: list[float] = []
    for w in sorted(words, key=lambda w: (level(w), w.x0)):
        base = level(w)
        if lines and base - anchors[-1] <= LINE_BASELINE_TOLERANCE * w.size:
            lines[-1].words.append(w)
        else:
            lines.append(Line([w], page))
            anchors.append(base)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def read_document(
    path: str | Path,
    reader: str | None = None,
    ocr_mode: str | None = None,
    ocr_cache: str | Path | None = None,
) -> Document:
    """Read and validate a PDF; raise a named `ReportError` subclass for bad input.

    PDFium opens the file first whichever reader is chosen: it is fast and its reasons are
    short, so bad input gets the same one-line error from both readers.
    """
    import pypdfium2 as pdfium

    read_pages = get_reader(reader)  # ValueError for an unknown reader name, before any I/O
    path = Path(path)
    data = path.read_bytes()
    check_bytes(path, data)
    limits.check_raw(path, data)  # limits: declared pages, inflated stream sizes
    sha = hashlib.sha256(data).hexdigest()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise EncryptedPdf(path, "PDF is encrypted (password-protected)") from e
        raise CorruptPdf(path, f"PDF is corrupt and cannot be read ({_pdfium_reason(e)})") from e
    n_pages = len(pdf)
    pdf.close()
    if not n_pages:
        raise CorruptPdf(path, "PDF has no pages")
    limits.check_page_count(path, n_pages)  # limits: pages found
    chosen = ocr.mode(ocr_mode)
    pages = _read_pages(path, data, read_pages)
    ocr_info = None
    if ocr.needs_ocr([p.chars for p in pages], chosen, data):  # a scan (parsers/ocr.py)
        if chosen == "never" or (ocr.missing() and not ocr.cached(sha, ocr_cache)):
            raise ocr.refusal(path, len(pages), chosen)
        result = ocr.add_text_layer(path, data, sha, len(pages), ocr_cache)
        cells = ocr.Cells.of(result, sha, ocr_cache)
        pages = _read_pages(path, result.data, read_pages, reread=cells)
        cells.save()
        ocr_info = result.info()
    if sum(len(p.lines) for p in pages) == 0:
        raise NoTextLayer(
            path,
            f"PDF has no text layer ({len(pages)} page(s) of images only, e.g. a scan), "
            "and OCR recognised no text in it",
        )
    return Document(path, sha, pages, ocr=ocr_info)


def _read_pages(
    path: Path, data: bytes, read_pages, reread: ocr.Cells | None = None
) -> list[PageText]:
    """Words and lines of every page; with `reread` (an OCR'd PDF), the words that look like
    numbers are read again from the page image (`parsers.ocr_cells.reread_numbers`)."""
    pages: list[PageText] = []
    try:
        budget = limits.CharBudget(path)
        for raw in read_pages(data):
            budget.add(raw.number, len(raw.chars))  # limits: characters per page and document
            words = words_from_chars(soft_hyphens(raw))
            page = PageText(raw.number, raw.width, raw.height, [], merge_rules(raw.rules))
            page.chars = len(raw.chars)
            page.words = words
            page.images = raw.images
            if raw.marks is not None:
                _mark(page, raw, words)
            pages.append(page)
    except ReportError:
        raise
    except Exception as e:  # the reader's library failed on a file PDFium could open
        if isinstance(e, MemoryError | KeyboardInterrupt):
            raise
        raise CorruptPdf(path, f"PDF is corrupt and cannot be read ({_short(e)})") from e
    if not pages:
        raise CorruptPdf(path, "PDF has no pages")
    size = None
    if reread is not None:
        # the size Tesseract measured; else the words' (their line boxes' height above the
        # baseline, less than the print's)
        size = reread.type_size or ocr.median_size(pages)
        ocr_image.image_rules(reread.data, pages)  # a scan's table rules are in its image
        ocr_text_cells.reread_text_cells(reread, pages)  # ... and its cells' text, read again
        ocr_image.stroke_weights(reread.data, pages)  # ... and its bold type
        ocr_cells.reread_pages(reread, pages)
    carry: tuple[float, float] | None = None
    before: tuple[PageText, list[Line], tuple[float, float] | None] | None = None
    for page in pages:
        tilt = ocr.tilt(page.words) if reread is not None else 0.0
        page.lines = lines_from_words(page.words, page.number, tilt)
        page.words = []
        if size is not None:  # grouped into lines by their own sizes, then one size for all
            page.lines = ocr.absorb_fragments(page.lines, size)
            ocr.one_size(page.lines, size)
        # newspaper columns read column by column, continued over pages (parsers.layout)
        lines, carried = list(page.lines), carry
        carry = split_columns(page, carry)
        if before is not None and _columns_from_the_foot(before[0], lines):
            carry = _split_again(before, (page, lines))
        before = (page, lines, carried)
    if reread is not None:
        ocr_cells.fill_number_cells(reread, pages)
        ocr_image.bullets(pages)
        ocr_image.image_bullets(reread.data, pages)
        ocr_image.split_glued_i(pages)
    return pages


def split_columns(
    page: PageText, carry: tuple[float, float] | None, foot: bool = False
) -> tuple[float, float] | None:
    from parsers.layout import split_columns as split

    return split(page, carry, foot)


def _columns_from_the_foot(page: PageText, following: list[Line]) -> bool:
    """Newspaper columns that begin a line or two above a page's foot (a heading and one item
    beside the right column's first item) are too short to be told from a row of a table; the
    next page going on with two columns at the same gutter tells."""
    from parsers.layout import starts_two_sided

    return page.foot_strip is not None and starts_two_sided(following, page.foot_strip)


def _split_again(
    before: tuple[PageText, list[Line], tuple[float, float] | None],
    page: tuple[PageText, list[Line]],
) -> tuple[float, float] | None:
    """Both pages read again: the one before with its foot read as columns, this one as going
    on with them. Returns the gutter this page carries on."""
    prev, prev_lines, prev_carry = before
    prev.lines = prev_lines
    carry = split_columns(prev, prev_carry, foot=True)
    page[0].lines = list(page[1])
    return split_columns(page[0], carry)


def _mark(page: PageText, raw: RawPage, words: list[Word]) -> None:
    """Keep what the structure reader (parsers.tags) needs of a tagged page: its references,
    the words of each referenced MCID, and how many printed characters outside artifacts no
    reference covers."""
    page.marks = raw.marks
    referenced = {mcid for _, _, mcid in raw.marks or []}
    for ch in raw.chars:
        if ch.artifact or not ch.text.strip() or ch.size <= 0:
            continue
        page.content_chars += 1
        if ch.mcid is None or ch.mcid not in referenced:
            page.unmarked_chars += 1
    for w in words:
        if w.mcid in referenced:
            page.marked.setdefault(w.mcid, []).append(w)


def _pdfium_reason(e: Exception) -> str:
    """PDFium's reason, e.g. "data format error" from "Failed to load document (PDFium: …)"."""
    m = re.search(r"PDFium: ([^)]*)", str(e))
    reason = m.group(1).strip().rstrip(".").lower() if m else _short(e)
    return "no reason given" if reason in ("success", "") else reason  # PDFium's code 0


def _short(e: object) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]
