"""Scanned reports: recognise the text of image-only pages (OCRmyPDF + Tesseract), and re-read
the words that look like numbers cell by cell (issue 24).

The early Kommunkompassen reports (2002–2008) partly exist only as scans. `parsers.pdf` calls
`needs_ocr` on what the reader found; a PDF whose pages carry (almost) no text goes through
`add_text_layer`: OCRmyPDF (`-l swe`) rasterises the pages and puts Tesseract's words behind them
as an invisible text layer, and the normal parse runs on that PDF. Nothing downstream knows
the words came from OCR, except for two things:

- `reread_numbers`: Tesseract's Swedish model reads "60%" as "6090" and a lone "7" as "T" or
  "Zz" on whole pages. Every word that looks like a number is cut out of the page image and
  read again as one line with a digit-and-% whitelist (English model, which knows "%"). The
  cell reading replaces the page reading *only* where the cell reading is a well-formed number
  (`NUMBER`); the page reading stays the alternative, and `parsers.ocr_numbers` lets the
  report's arithmetic choose between the two. Both are readings of the printed cell, neither is
  a correction.
- the record says `source.text_layer: "ocr"` and `source.ocr` (engine, languages, mean word
  confidence), and every OCR'd number that breaks the report's arithmetic is an
  `ocr_inconsistent` warning (`parsers.ocr_numbers.check`).

Mode (`--ocr`, else $KOMPASS_OCR): `auto` (default) OCRs image-only PDFs, `never` refuses them
as before, `force` OCRs every PDF (its own text layer is ignored). The recognised PDF is cached
by the scan's sha256 in $KOMPASS_OCR_CACHE (the pipeline sets it to `<raw store>/ocr/`), so a
reprocess does not OCR again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from parsers.errors import NoTextLayer, ReportError
from parsers.reader import Word
from parsers.tolerances import (
    CELL_PAD_PX,
    CELL_READ_SLACK_PX,
    CELL_SPACING_HEIGHTS,
    CELL_SPACING_PX,
    NUMBER_MAX_CHARS,
)
from parsers.vocabulary import SECTION, header_columns

MODES = ("auto", "never", "force")
DEFAULT_MODE = "auto"
ENGINE = "tesseract"
#: Page text: Swedish (å/ä/ö). Number cells: English, whose model reads "%" as "%".
LANGUAGES = ("swe",)
NUMBER_LANGUAGE = "eng"
#: A page with fewer printed characters than this has no text layer worth reading (a scan may
#: carry a stamped page number or a scanner's name in text).
MIN_PAGE_CHARS = 40
#: A PDF is a scan when at least this share of its pages has no text layer.
SCANNED_PAGE_SHARE = 0.5
#: OCR time on top of the parse's own limit, per page (OCRmyPDF took 2.3–2.8 s a page on the
#: 2-core development machine, 5 s when it was shared; four times that is the margin).
SECONDS_PER_PAGE = 20.0
#: ... for at most this many pages (a report has 20–80): a hostile file that declares 500
#: image pages gets no more than 100 × 20 s.
MAX_OCR_PAGES = 100
#: Resolution of the number-cell crops (the scans are 200 dpi; Tesseract wants ~30 px digits).
CELL_DPI = 400
#: PDF user space: 72 points per inch.
POINTS_PER_INCH = 72
#: Margin around a word's box when it is cut out, in points.
CELL_PAD = 2.0
NUMBER = re.compile(r"^\d{1,4}(?:[.,]\d{1,2})?%?$")
#: Words worth re-reading: digits, "%", and the letters Tesseract puts for digits on a page.
_NUMBERISH = re.compile(r"^[\dTZzOoIl|SB%,.\-–]{1,8}$")
INSTALL = (
    "OCR needs the Python package ocrmypdf (pip install 'kompass[ocr]') and Tesseract with "
    "Swedish (Debian: apt install tesseract-ocr tesseract-ocr-swe ghostscript)"
)


@dataclass
class OcrWord(Word):
    """A word whose cell reading replaced the page reading (kept for the arithmetic)."""

    page_reading: str = ""  # the other reading (page OCR, or the cell's when this is the page's)


class OcrUnavailable(NoTextLayer):
    """An image-only PDF, and OCR is switched off or not installed."""


@dataclass
class OcrResult:
    data: bytes  # the PDF with a text layer
    languages: str  # Tesseract's notation, e.g. "swe" or "swe+eng"
    engine: str  # e.g. "tesseract 5.3.0"
    mean_confidence: float | None  # Tesseract's mean word confidence, 0–100
    pages: int
    cached: bool = False
    alternatives: dict = field(default_factory=dict)

    def info(self) -> dict:
        conf = None if self.mean_confidence is None else round(self.mean_confidence, 1)
        return {"engine": self.engine, "languages": self.languages, "mean_confidence": conf}


def mode(value: str | None = None) -> str:
    chosen = (value or os.environ.get("KOMPASS_OCR") or DEFAULT_MODE).strip().lower()
    if chosen not in MODES:
        raise ValueError(f"unknown OCR mode {chosen!r} (choose {', '.join(MODES)})")
    return chosen


def cache_dir() -> Path | None:
    value = os.environ.get("KOMPASS_OCR_CACHE")
    return Path(value) if value else None


@functools.cache
def missing() -> str | None:
    """What is missing for OCR (None when OCRmyPDF, Tesseract with Swedish and Ghostscript are
    all there)."""
    import importlib.util

    # found, not imported: importing OCRmyPDF patches pdfminer's fonts (see _run_ocrmypdf)
    if importlib.util.find_spec("ocrmypdf") is None:
        return "the Python package ocrmypdf is not installed"
    if not shutil.which("tesseract"):
        return "tesseract is not installed"
    try:
        langs = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return "tesseract does not run"
    for lang in (*LANGUAGES, NUMBER_LANGUAGE):
        if lang not in langs:
            return f"Tesseract's {lang!r} language data is not installed"
    if not shutil.which("gs"):
        return "ghostscript is not installed"
    return None


@functools.cache
def engine_version() -> str:
    """e.g. "tesseract 5.3.0" (what `tesseract --version` says first)."""
    try:
        out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ENGINE
    m = re.search(r"tesseract\s+v?([\d.]+)", out.stdout + out.stderr, re.I)
    return f"{ENGINE} {m.group(1)}" if m else ENGINE


def needs_ocr(chars_per_page: list[int], chosen: str, data: bytes | None = None) -> bool:
    """`force`: always; `never`: the caller refuses; `auto`: when most pages carry (almost) no
    text and, given the bytes, the file holds page images (an image for at least every other
    page): a short text page without images (a cover, a tiny test file) is no scan."""
    if chosen == "force":
        return True
    textless = sum(1 for n in chars_per_page if n < MIN_PAGE_CHARS)
    if not chars_per_page or textless < SCANNED_PAGE_SHARE * len(chars_per_page):
        return False
    return data is None or _images(data) >= SCANNED_PAGE_SHARE * len(chars_per_page)


def _images(data: bytes) -> int:
    """Image XObjects in the raw bytes (a stream's dictionary is never inside an object
    stream, so every image's `/Subtype /Image` is visible)."""
    return len(re.findall(rb"/Subtype\s*/Image\b", data))


def refusal(path: Path, pages: int, chosen: str) -> OcrUnavailable:
    what = f"PDF has no text layer ({pages} page(s) of images only, e.g. a scan)"
    if chosen == "never":
        return OcrUnavailable(path, f"{what}; OCR is off (--ocr never); use --ocr auto")
    return OcrUnavailable(path, f"{what}; {missing()}: {INSTALL}")


def extra_seconds(data: bytes, chosen: str | None = None) -> float:
    """Time the parse limit grants on top for OCR: per declared page, when the bytes look like a
    scan (an image for at least every other page) or OCR is forced. Read from the raw bytes,
    without a PDF library (the caller is the parent of the sandboxed parse)."""
    chosen = mode(chosen)
    if chosen == "never":
        return 0.0
    counts = [int(m) for m in re.findall(rb"/Count\s+(\d{1,6})\b", data)]
    pages = min(max(counts, default=1), MAX_OCR_PAGES)
    if chosen == "auto" and _images(data) < SCANNED_PAGE_SHARE * pages:
        return 0.0
    return SECONDS_PER_PAGE * pages


def add_text_layer(path: Path, data: bytes, sha256: str, pages: int) -> OcrResult:
    """The PDF with Tesseract's text layer, from the cache or from OCRmyPDF."""
    cache = cache_dir()
    if cache is not None:
        hit = _from_cache(cache, sha256)
        if hit is not None:
            return hit
    if missing() is not None:
        raise refusal(path, pages, "auto")
    result = _run_ocrmypdf(path, data)
    if cache is not None:
        with contextlib.suppress(OSError):  # a read-only store only costs the next run time
            _to_cache(cache, sha256, result)
    return result


def _from_cache(cache: Path, sha256: str) -> OcrResult | None:
    pdf, meta = cache / f"{sha256}.pdf", cache / f"{sha256}.json"
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        data = pdf.read_bytes()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != info.get("ocr_sha256"):
        return None  # half-written or damaged: OCR again
    langs = info.get("languages") or "+".join(LANGUAGES)
    return OcrResult(
        data,
        langs if isinstance(langs, str) else "+".join(langs),
        info.get("engine") or ENGINE,
        info.get("mean_confidence"),
        info.get("pages", 0),
        cached=True,
    )


def _to_cache(cache: Path, sha256: str, result: OcrResult) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".{sha256}.pdf.tmp"
    tmp.write_bytes(result.data)
    tmp.replace(cache / f"{sha256}.pdf")
    meta = {
        "ocr_sha256": hashlib.sha256(result.data).hexdigest(),
        "engine": result.engine,
        "languages": result.languages,
        "mean_confidence": result.mean_confidence,
        "pages": result.pages,
    }
    tmpm = cache / f".{sha256}.json.tmp"
    tmpm.write_text(json.dumps(meta), encoding="utf-8")
    tmpm.replace(cache / f"{sha256}.json")


def _hocr(run, src: Path, work: Path, deskew: bool) -> None:
    # hOCR first (it carries Tesseract's word confidences), then the PDF from it;
    # deskewed so that a row's cells share one baseline, as the layout expects
    run(
        src,
        work,
        language=list(LANGUAGES),
        force_ocr=True,
        deskew=deskew,
        jobs=1,
        use_threads=True,
        progress_bar=False,
    )


_WCONF = re.compile(r"x_wconf (\d+)")


def _run_ocrmypdf(path: Path, data: bytes) -> OcrResult:
    """OCRmyPDF in a forked child: importing it monkeypatches pdfminer's fonts
    (`ocrmypdf.pdfinfo.layout` replaces `PDFSimpleFont.__init__`), which would change how this
    process reads every later text PDF (glyphs read as "(cid:N)"). The child returns the
    result, or the ReportError, through a pipe."""
    import pickle

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller
        os.close(read_fd)
        try:
            try:
                payload = ("ok", _ocrmypdf_here(path, data))
            except ReportError as e:
                payload = ("error", e.reason)
            except Exception as e:  # an OCR failure is the document's, said in one line
                payload = ("error", f"OCR failed ({type(e).__name__})")
            with os.fdopen(write_fd, "wb") as out:
                pickle.dump(payload, out)
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as src:
        raw = src.read()
    os.waitpid(pid, 0)
    if not raw:
        raise ReportError(path, "OCR failed (the OCR process ended without a result)")
    kind, value = pickle.loads(raw)
    if kind == "error":
        raise ReportError(path, value)
    return value


def _ocrmypdf_here(path: Path, data: bytes) -> OcrResult:
    import logging

    from ocrmypdf import exceptions as ocr_errors
    from ocrmypdf.api import _hocr_to_ocr_pdf, _pdf_to_hocr

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="kompass-ocr-") as tmp:
        src, work, out = Path(tmp) / "in.pdf", Path(tmp) / "hocr", Path(tmp) / "out.pdf"
        src.write_bytes(data)
        work.mkdir()
        try:
            try:
                _hocr(_pdf_to_hocr, src, work, deskew=True)
            except ocr_errors.SubprocessOutputError:
                # Tesseract finds no text lines to measure the skew on (a page of pictures)
                shutil.rmtree(work)
                work.mkdir()
                _hocr(_pdf_to_hocr, src, work, deskew=False)
            _hocr_to_ocr_pdf(work, out, jobs=1, use_threads=True, progress_bar=False, optimize=0)
        except ocr_errors.ExitCodeException as e:
            why = f"{type(e).__name__}: {str(e).strip()[:120]}".rstrip(": ")
            raise ReportError(path, f"OCR failed ({why})") from e
        confs = [
            int(c)
            for hocr in sorted(work.glob("*.hocr"))
            for c in _WCONF.findall(hocr.read_text(encoding="utf-8", errors="replace"))
        ]
        pages = len(list(work.glob("*.hocr")))
        return OcrResult(
            out.read_bytes(),
            "+".join(LANGUAGES),
            engine_version(),
            statistics.fmean(confs) if confs else None,
            pages,
        )


# --- number cells --------------------------------------------------------------------------


def is_numberish(text: str) -> bool:
    """A short word with a digit in it ("53N", "6090"), or one or two characters Tesseract
    puts for a digit ("T", "Zz")."""
    if len(text) <= NUMBER_MAX_CHARS and any(c.isdigit() for c in text):
        return True
    return bool(_NUMBERISH.match(text)) and len(text) <= 2 and text not in {"-", "–", ".", ","}


def reread_numbers(data: bytes, boxes: dict[int, list[tuple[float, float, float, float]]]):
    """Tesseract on each box's image (page number → [(x0, top, x1, bottom)] in points), read as
    one line of digits, "%", "," and "."; returns {(page, index): text} for every box read."""
    import pypdfium2 as pdfium
    from PIL import Image

    out: dict[tuple[int, int], str] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for number, page_boxes in boxes.items():
            if not page_boxes:
                continue
            page = pdf[number - 1]
            scale = CELL_DPI / POINTS_PER_INCH
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            crops = []
            for x0, top, x1, bottom in page_boxes:
                box = (
                    max(0, int((x0 - CELL_PAD) * scale)),
                    max(0, int((top - CELL_PAD) * scale)),
                    min(image.width, int((x1 + CELL_PAD) * scale) + 1),
                    min(image.height, int((bottom + CELL_PAD) * scale) + 1),
                )
                crops.append(image.crop(box))
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
            read = _read_sheet(sheet, spans)
            for i, crop in enumerate(crops):
                text = read.get(i, "")
                if not NUMBER.match(text):  # alone, as one line
                    text = _read_one(crop, 7) or text
                if text:
                    out[(number, i)] = text
    finally:
        pdf.close()
    return out


def _tesseract_digits(png: bytes, psm: int, fmt: str) -> str:
    """Tesseract's reading of a digits-only image ("" when it cannot run: the page reading
    stays, and the arithmetic check flags what is wrong)."""
    try:
        proc = _run_tesseract(png, psm, fmt)
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.decode("utf-8", "replace")


def _run_tesseract(png: bytes, psm: int, fmt: str) -> subprocess.CompletedProcess:
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
            str(CELL_DPI),
            "-c",
            "tessedit_char_whitelist=0123456789%,.",
            *([fmt] if fmt else []),
        ],
        input=png,
        capture_output=True,
        timeout=300,
    )


def _read_one(crop, psm: int) -> str:
    """One cell alone, padded with white; "" unless it reads as a number."""
    from PIL import Image

    pad = max(CELL_PAD_PX, crop.height // 2)
    sheet = Image.new("L", (crop.width + 2 * pad, crop.height + 2 * pad), 255)
    sheet.paste(crop, (pad, pad))
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", dpi=(CELL_DPI, CELL_DPI))
    text = "".join(_tesseract_digits(buf.getvalue(), psm, "").split())
    return text if NUMBER.match(text) else ""


def _read_sheet(sheet, spans: list[tuple[int, int]]) -> dict[int, str]:
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", dpi=(CELL_DPI, CELL_DPI))
    tsv = _tesseract_digits(buf.getvalue(), 6, "tsv")
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


def cached(sha256: str) -> bool:
    cache = cache_dir()
    return cache is not None and _from_cache(cache, sha256) is not None


def reread_pages(data: bytes, pages: list) -> None:
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
    readings = reread_numbers(data, boxes)
    by_number = {p.number: p for p in pages}
    for (number, k), cell in readings.items():
        page = by_number[number]
        i = targets[number][k]
        w = page.words[i]
        if not NUMBER.match(cell) or cell == w.text:
            continue
        take = not NUMBER.match(w.text) or not _drops_characters(cell, w.text)
        text, other = (cell, w.text) if take else (w.text, cell)
        page.words[i] = OcrWord(
            text, w.x0, w.x1, w.top, w.bottom, w.size, w.bold, w.font, w.color, other
        )


#: What Tesseract makes of a round bullet glyph at the start of a line: one to three marks
#: that are neither letters nor digits ("—", "—-", "«", "»", "+»", "."), maybe two such words.
_BULLET_MARK = re.compile(r"^(?!.*%)[^\w\s]{1,3}$")  # "%" is a score table's
#: A gap wider than this many font sizes separates two columns of one line.
COLUMN_GAP = 1.5


def bullets(pages: list) -> None:
    """Marks that are no letters or digits, at the start of a line or of a column (after a gap
    of more than `COLUMN_GAP` font sizes) and followed by text, are a bullet glyph: they
    become "•", the glyph `parsers.text` knows. Only the glyph changes, never the item's text."""
    for page in pages:
        for line in page.lines:
            words, out, i = line.words, [], 0
            while i < len(words):
                w = words[i]
                starts = not out or w.x0 - out[-1].x1 > COLUMN_GAP * w.size
                n = 0
                while (
                    starts
                    and n < 2
                    and i + n + 1 < len(words)
                    and _BULLET_MARK.match(words[i + n].text)
                ):
                    n += 1
                if n and not (n == 1 and w.text == "•"):
                    last = words[i + n - 1]
                    marks = " ".join(x.text for x in words[i : i + n])
                    w = OcrWord(
                        "•", w.x0, last.x1, w.top, w.bottom, w.size, w.bold, w.font, w.color, marks
                    )
                out.append(w)
                i += max(n, 1)
            line.words = out


def _drops_characters(cell: str, page: str) -> bool:
    """The cell reading is the page reading with characters missing ("1.1" → "1": the
    whitelist read lost the dot), so the page reading has seen more."""
    rest = iter(page)
    return len(cell) < len(page) and all(c in rest for c in cell)


def fill_number_cells(data: bytes, pages: list) -> None:
    """Numbers the page OCR lost (a lone "7" is often not even a word): in a score table found
    by its header row (`parsers.scores`), a row that has numbers in some columns but nothing
    under another gets that column's cell read from the image; a number read there becomes a
    word of the row (`OcrWord` with an empty page reading)."""
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    where: dict[int, list] = {}
    for page in pages:
        cols = None
        for line in page.lines:
            found = header_columns(line)
            if found:
                cols = _column_spans(found)
                continue
            if cols is None:
                continue
            if SECTION.match(line.text):
                cols = None
                continue
            hit = {k for k, (a, b) in cols.items() for w in line.words if w.x1 > a and w.x0 < b}
            if not hit or hit == set(cols) or not any(NUMBER.match(w.text) for w in line.words):
                continue
            for k, (a, b) in cols.items():
                if k not in hit:
                    box = (a, line.top, b, line.bottom)
                    boxes.setdefault(page.number, []).append(box)
                    where.setdefault(page.number, []).append(line)
    if not boxes:
        return
    for (number, k), text in reread_numbers(data, boxes).items():
        if not NUMBER.match(text):
            continue
        line = where[number][k]
        x0, _, x1, _ = boxes[number][k]
        ref = line.words[-1]
        word = OcrWord(text, x0, x1, ref.top, ref.bottom, ref.size, page_reading="")
        line.words.append(word)
        line.words.sort(key=lambda w: w.x0)


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
