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

Mode (`--ocr`, passed down as a value like `--reader`; without it $KOMPASS_OCR, else `auto`):
`auto` OCRs image-only PDFs, `never` refuses them as before, `force` OCRs every PDF (its own
text layer is ignored). The recognised PDF is cached by the scan's sha256 in the folder the
caller passes (`parse_report(..., ocr_cache=)`; the pipeline passes `<raw store>/ocr/`; without
one, $KOMPASS_OCR_CACHE, else no cache), so a reprocess does not OCR again.
"""

from __future__ import annotations

import bisect
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
from dataclasses import dataclass, field, fields
from pathlib import Path

from parsers.errors import NoTextLayer, ReportError
from parsers.reader import Word
from parsers.text import number as number_value
from parsers.tolerances import (
    CELL_PAD_PX,
    CELL_READ_SLACK_PX,
    CELL_SPACING_HEIGHTS,
    CELL_SPACING_PX,
    COLUMN_START_ALIGN_EM,
    LINE_BASELINE_TOLERANCE,
    MIN_LIST_LABELS,
    NUMBER_MAX_CHARS,
    PERCENT,
)
from parsers.vocabulary import SECTION, TOTAL_LABELS, header_columns

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
#: Resolution of the number-cell crops where a page has no scan image to take it from.
CELL_DPI = 400
#: A number cell is read once per factor its scan pixels are enlarged by (`prepare_cell`):
#: the two read different cells wrong (2× 96.6 %, 3× 95.0 % of 378 cells), so the arithmetic
#: (`parsers.ocr_numbers`) has a second reading where one is wrong.
CELL_UPSCALES = (2, 3)
#: The scan's grain: a median over this many pixels (odd) before a cell is enlarged.
CELL_GRAIN_PX = 3
#: An 8-bit grey image: its levels, and white.
GREY_LEVELS = 256
WHITE = GREY_LEVELS - 1
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
    #: the whole table cell under its column header, read as one number (`fill_number_cells`):
    #: a third reading where the word's own box cut digits off ("100%" read "1%")
    column_reading: str = ""
    #: every reading of the word as read, the same value as often as it was read: the page's,
    #: the cell's once per way of preparing its image (`CELL_UPSCALES`), the column's
    votes: tuple[str, ...] = ()

    def readings(self) -> list[str]:
        """Every reading of this word other than its text, each once: the arithmetic's
        candidates (`parsers.ocr_numbers`)."""
        out = [self.page_reading, self.column_reading, *self.votes]
        return [r for r in dict.fromkeys(out) if r and r != self.text]

    @classmethod
    def of(cls, word: Word, **changes: object) -> OcrWord:
        """`word` as an OcrWord, its box and type kept, with `changes` (a reading, the text)."""
        kept = {f.name: getattr(word, f.name) for f in fields(Word)}
        return cls(**(kept | changes))  # type: ignore[arg-type]


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


@dataclass(frozen=True)
class Settings:
    """How scans are read, as one value the pipeline passes down to the parse (to worker
    processes too), never through the environment: `mode` auto|never|force (None: $KOMPASS_OCR,
    else auto) and `cache`, the folder of OCR'd PDFs by sha256 (None: $KOMPASS_OCR_CACHE, else
    none). Plain strings, so a process pool or a Dask worker can take it."""

    mode: str | None = None
    cache: str | None = None


def cache_dir(value: str | Path | None = None) -> Path | None:
    """The OCR cache folder: `value`, else $KOMPASS_OCR_CACHE, else None (no cache)."""
    value = value or os.environ.get("KOMPASS_OCR_CACHE")
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


def add_text_layer(
    path: Path, data: bytes, sha256: str, pages: int, cache: str | Path | None = None
) -> OcrResult:
    """The PDF with Tesseract's text layer, from the cache (`cache_dir(cache)`) or from
    OCRmyPDF."""
    cache = cache_dir(cache)
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


#: Bump when the cell reading changes (crop, resolution, Tesseract's options): cached cell
#: readings of an older kind are not used.
#: 2: each cell read once per way of preparing its image (`CELL_UPSCALES`), "|" between;
#: 3: a cell without ink is not thresholded (version 2 read digits in its grain).
CELLS_VERSION = 3


@dataclass
class Cells:
    """The OCR'd PDF whose number cells are read again, and the cell readings done before: kept
    next to the OCR'd PDF in the cache (`<sha256>.cells.json`), so a reprocess (or a benchmark
    rerun after a parser change) runs Tesseract only on cells it has not read yet. A reading is
    keyed by page and box; the readings are Tesseract's, stored as read."""

    data: bytes
    path: Path | None = None  # where the readings are kept (None: not kept)
    known: dict[str, str] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def of(cls, data: bytes, sha256: str, cache: str | Path | None = None) -> Cells:
        folder = cache_dir(cache)
        if folder is None:
            return cls(data)
        path = folder / f"{sha256}.cells.json"
        known: dict[str, str] = {}
        with contextlib.suppress(OSError, ValueError, AttributeError):
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved.get("version") == CELLS_VERSION and isinstance(saved.get("cells"), dict):
                known = {str(k): str(v) for k, v in saved["cells"].items()}
        return cls(data, path, known)

    @staticmethod
    def key(page: int, box: tuple[float, float, float, float]) -> str:
        return f"{page}:" + ",".join(f"{v:.1f}" for v in box)

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        with contextlib.suppress(OSError):  # a read-only store only costs the next run time
            tmp = self.path.with_name(f".{self.path.name}.tmp")
            body = {"version": CELLS_VERSION, "cells": self.known}
            tmp.write_text(json.dumps(body, sort_keys=True), encoding="utf-8")
            tmp.replace(self.path)
            self.changed = False


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


# --- tilt ------------------------------------------------------------------------------------

#: Two words are neighbours on a line when the gap between them is under this many font sizes
#: and their baselines differ by less than this share of it (`tilt`).
TILT_GAP_EM = 2.0
TILT_BASELINE_EM = 0.3
#: ... and a page's tilt is measured only over at least this many such pairs.
TILT_MIN_PAIRS = 20


def tilt(words: list) -> float:
    """How much a scanned page's lines rise per point across (the median over neighbouring
    words of a line): a scan is seldom level, and OCRmyPDF's deskew leaves a few tenths of a
    degree (Kristianstad 2005, CI scan, p. 4: a row's baseline falls 3 pt over 440 pt, and the
    row was cut in two lines at its middle, its numbers going to the row above). 0 when too few
    words say."""
    ordered = sorted(words, key=lambda w: w.baseline)
    bases = [w.baseline for w in ordered]
    slopes = []
    for w in ordered:
        reach = TILT_BASELINE_EM * w.size
        lo = bisect.bisect_right(bases, w.baseline - reach)
        hi = bisect.bisect_left(bases, w.baseline + reach)
        right = [v for v in ordered[lo:hi] if 0 < v.x0 - w.x1 < TILT_GAP_EM * w.size]
        if right:
            v = min(right, key=lambda v: v.x0)
            slopes.append((v.baseline - w.baseline) / (v.x0 - w.x0))
    return statistics.median(slopes) if len(slopes) >= TILT_MIN_PAIRS else 0.0


# --- type size -------------------------------------------------------------------------------


def median_size(pages: list) -> float | None:
    """The median size of the pages' words (`PageText.words`), for `one_size`."""
    sizes = sorted(w.size for page in pages for w in page.words)
    return sizes[len(sizes) // 2] if sizes else None


def one_size(lines: list, size: float) -> None:
    """Every recognised word gets the document's median word size. OCRmyPDF sizes each line's
    invisible text from the height of Tesseract's line box, which depends on the letters in it
    (ascenders, descenders, a neighbouring line's tails): on one scanned page body lines came
    out at 6.1, 8.3, 8.6 and 10.8 pt and a heading at 7.9 pt. That is no type size, and the parse
    reads sizes (a larger line is a heading and ends a list; the line pitch is measured in
    font sizes); one size for all says what is known: nothing. Applied after the words are
    grouped into lines (`parsers.pdf.lines_from_words`) by their own sizes: a row the OCR read
    as two line boxes a little apart still comes together as one line, as it did before."""
    for line in lines:
        for w in line.words:
            w.size = size


#: A line of words under this share of the document's median size is a fragment of a glyph the
#: OCR boxed apart ("100%" read as "100" and a 4.7 pt "9" above the row's baseline).
FRAGMENT_SIZE_SHARE = 0.6


def absorb_fragments(lines: list, size: float) -> list:
    """A line of fragments only (`FRAGMENT_SIZE_SHARE`) whose middle lies inside another line's
    height joins that line: alone, it was a row of its own (and a score table's lost cells
    were read for it, twice over)."""
    out = []
    for line in lines:
        small = all(w.size < FRAGMENT_SIZE_SHARE * size for w in line.words)
        middle = (line.top + line.bottom) / 2
        host = (
            next(
                (
                    h
                    for h in lines
                    if h is not line
                    and h.top <= middle <= h.bottom
                    and not all(w.size < FRAGMENT_SIZE_SHARE * size for w in h.words)
                ),
                None,
            )
            if small
            else None
        )
        if host is None:
            out.append(line)
            continue
        host.words = sorted(host.words + line.words, key=lambda w: w.x0)
    return out


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


# --- number cells --------------------------------------------------------------------------


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
    95.0 % (3×) of the cells right, where the page rendered at 400 dpi in grey read 83 %."""
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
    return Image.fromarray(np.where(pixels > level, WHITE, 0).astype(np.uint8), mode="L")


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


def cached(sha256: str, cache: str | Path | None = None) -> bool:
    cache = cache_dir(cache)
    return cache is not None and _from_cache(cache, sha256) is not None


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
        for line in page.lines:
            words = line.words
            for k, mark in enumerate(words[:-1]):
                text = words[k + 1]
                starts = k == 0 or mark.x0 - words[k - 1].x1 > COLUMN_GAP * mark.size
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
    cols = None  # a table goes on over a page break, its header on the page before
    in_row = False  # since a line that starts with a question id (and no total row since)
    for page in pages:
        for line in page.lines:
            found = header_columns(line)
            if found:
                cols, in_row = _column_spans(found), False
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
                ids.setdefault(page.number, []).append((line, _id_words(line.words)))
            if first.x1 < left and QUESTION_ID.match(first.text):
                in_row = True
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


def _reread_points_titles(cells: Cells, pages: list) -> None:
    """A score table's points title the page OCR lost ("Chefs- och ledarskap … Max Procent",
    "Uppnått" gone, and with it every points cell of the table): in a line with max and percent
    titles and no points title, the gap left of "Max" (from the word before it) is read again
    as one line of words (`LANGUAGES`); a points title read there becomes a word of the line,
    where Tesseract found it. The table's points cells are then read like any lost cell."""
    from parsers.vocabulary import MAX_HEADERS, PERCENT_HEADERS, POINTS_HEADERS

    for page in pages:
        for line in page.lines:
            texts = [w.text.casefold().rstrip(":") for w in line.words]
            if any(t in POINTS_HEADERS for t in texts):
                continue
            k = next((i for i, t in enumerate(texts) if t in MAX_HEADERS), None)
            if not k or not any(t in PERCENT_HEADERS for t in texts[k + 1 :]):
                continue
            title = line.words[k]
            box = (line.words[k - 1].x1, line.top, title.x0, line.bottom)
            found = _read_words(cells, page.number, box)
            hit = next(((t, x0, x1) for t, x0, x1 in found if t.casefold() in POINTS_HEADERS), None)
            if hit is None:
                continue
            text, x0, x1 = hit
            word = OcrWord(text, x0, x1, title.top, title.bottom, title.size, page_reading="")
            line.words.insert(k, word)


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
    and a footer's page number after its text fills no half."""
    under = [w for w in line.words if any(w.x1 > a and w.x0 < b for a, b in cols.values())]
    if any(not NUMBER.match(w.text) and len(w.text) > STRAY_MAX_CHARS for w in under):
        return []
    numbers = [w for w in under if NUMBER.match(w.text)]
    hit = {k for k, (a, b) in cols.items() for w in numbers if w.x1 > a and w.x0 < b}
    alone = len(under) == len(line.words)  # the row's numbers on a line of their own
    if not hit or hit == set(cols) or (2 * len(hit) < len(cols) and not (alone or in_question)):
        return []
    return [span for k, span in cols.items() if k not in hit]


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


#: A first word that may be a question id read without its dot ("11", '"13'): read again
#: even on a line without numbers (a tall row's first line); only an id read replaces it.
_ID_LIKE = re.compile(r"^[\"'«]?[1-8]\d{1,2}$")
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
    boxes = {n: [_span(ws) for _, ws in items] for n, items in ids.items()}
    if not boxes:
        return
    for (number, k), read in reread_numbers(cells, boxes).items():
        text = next((r for r in read if QUESTION_ID.match(r)), None)
        if text is None:
            continue
        line, ws = ids[number][k]
        i = _index(line, ws[0])
        if i is not None:
            page_text = " ".join(w.text for w in ws)
            word = OcrWord.of(ws[0], text=text, x1=ws[-1].x1, page_reading=page_text)
            line.words[i : i + len(ws)] = [word]


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
