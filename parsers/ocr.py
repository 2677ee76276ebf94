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
from parsers.tolerances import WORD_SPACE_MAX_EM

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
    #: the type size Tesseract measured, in points (`type_size`); None: not measured
    type_size: float | None = None

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
    type_size: float | None = None  # `OcrResult.type_size`

    @classmethod
    def of(cls, result: OcrResult, sha256: str, cache: str | Path | None = None) -> Cells:
        data, size = result.data, result.type_size
        folder = cache_dir(cache)
        if folder is None:
            return cls(data, type_size=size)
        path = folder / f"{sha256}.cells.json"
        known: dict[str, str] = {}
        with contextlib.suppress(OSError, ValueError, AttributeError):
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved.get("version") == CELLS_VERSION and isinstance(saved.get("cells"), dict):
                known = {str(k): str(v) for k, v in saved["cells"].items()}
        return cls(data, path, known, type_size=size)

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


#: Bump when the OCR result holds more: cached results of an older kind are OCR'd again.
#: 2: the type size Tesseract measured (`type_size`); 3: specks read as words dropped
#: (`drop_specks`).
OCR_VERSION = 3


def _from_cache(cache: Path, sha256: str) -> OcrResult | None:
    pdf, meta = cache / f"{sha256}.pdf", cache / f"{sha256}.json"
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        data = pdf.read_bytes()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != info.get("ocr_sha256"):
        return None  # half-written or damaged: OCR again
    if info.get("ocr_version", 1) != OCR_VERSION:
        return None  # made the older way
    langs = info.get("languages") or "+".join(LANGUAGES)
    return OcrResult(
        data,
        langs if isinstance(langs, str) else "+".join(langs),
        info.get("engine") or ENGINE,
        info.get("mean_confidence"),
        info.get("pages", 0),
        cached=True,
        type_size=info.get("type_size"),
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
        "ocr_version": OCR_VERSION,
        "type_size": result.type_size,
    }
    tmpm = cache / f".{sha256}.json.tmp"
    tmpm.write_text(json.dumps(meta), encoding="utf-8")
    tmpm.replace(cache / f"{sha256}.json")


def _hocr(run, src: Path, work: Path, deskew: bool) -> None:
    # hOCR first (it carries Tesseract's word confidences and type sizes), then the PDF from
    # it; deskewed so that a row's cells share one baseline, as the layout expects
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
            for hocr in sorted(work.glob("*.hocr")):
                drop_specks(hocr)
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
            type_size=type_size(work),
        )


_XSIZE = re.compile(r"x_size ([\d.]+)")
_SCAN_RES = re.compile(r"scan_res (\d+)")


#: A word with a letter or digit whose box is less high than this share of its line's size
#: (`x_size`) is no print: the lowest letters ("a", "o") are half the size high. Tesseract
#: reads a speck or a bit of a table's rule as a word: on Norsjö 2018 scanned, p. 16, "CR",
#: "é" and "5", each 3 px high in lines of 25 px, confidence 0–17, stood at the end of three
#: findings ("… förväntade målvärden. CR").
SPECK_HEIGHT_SHARE = 0.25
_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")


def drop_specks(hocr: Path) -> None:
    """Words of an hOCR page too low for a letter (`SPECK_HEIGHT_SHARE`) are taken out before
    the text layer is made from it. Marks stay (".", "-" and "," are that low in print)."""
    import xml.etree.ElementTree as ET

    ns = "{http://www.w3.org/1999/xhtml}"
    ET.register_namespace("", ns[1:-1])
    tree = ET.parse(hocr)
    dropped = False
    for line in tree.iter(f"{ns}span"):
        size = _XSIZE.search(line.get("title", ""))
        if size is None:
            continue
        for word in line.findall(f"{ns}span"):
            box = _BBOX.search(word.get("title", ""))
            text = "".join(word.itertext())
            if box is None or not any(c.isalnum() for c in text):
                continue
            if int(box.group(4)) - int(box.group(2)) < SPECK_HEIGHT_SHARE * float(size.group(1)):
                line.remove(word)
                dropped = True
    if dropped:
        tree.write(hocr, encoding="utf-8", xml_declaration=True)


def type_size(work: Path) -> float | None:
    """The document's type size in points: the median over its recognised lines of the size
    Tesseract measured for each (hOCR's `x_size`, ascenders to descenders, in pixels at the
    page's `scan_res`). The text layer does not carry it: OCRmyPDF sets a line's invisible
    type from its baseline up only (Norsjö 2018 scanned: 7.2 pt for print of 9.5 pt, and
    `x_size` 25 px at 200 dpi = 9.0 pt), and the parse measures the white between lines as
    their pitch less the size (`parsers.findings`): 7.2 pt made every continued line of a
    finding a paragraph apart (27 of 118 findings exact, 78 with 9.0 pt)."""
    sizes = []
    for hocr in sorted(work.glob("*.hocr")):
        text = hocr.read_text(encoding="utf-8", errors="replace")
        res = _SCAN_RES.search(text)
        if res is None or int(res.group(1)) <= 0:
            continue
        scale = POINTS_PER_INCH / int(res.group(1))
        sizes += [float(v) * scale for v in _XSIZE.findall(text)]
    return round(statistics.median(sizes), 2) if sizes else None


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
    """A line of fragments only (`FRAGMENT_SIZE_SHARE`), or of numbers only beside a line's
    words (one with text), whose middle lies inside another line's height joins that line: alone, it
    was a row of its own (and a score table's lost cells were read for it, twice over). The
    numbers: a row's "5 400" read a few points lower than its "service? 2" (their boxes'
    bottoms 2–4 pt apart), wp-long-word-wrapped-not-broken scanned, p. 10: each line looked
    like a row that lost the other's numbers, and every number came out twice."""
    out = []
    for line in lines:
        small = all(w.size < FRAGMENT_SIZE_SHARE * size for w in line.words)
        numbers = _numbers_only(line)
        middle = (line.top + line.bottom) / 2
        host = next(
            (
                h
                for h in lines
                if h is not line
                and h.top <= middle <= h.bottom
                and not all(w.size < FRAGMENT_SIZE_SHARE * size for w in h.words)
                and (
                    small
                    or (numbers and _beside(line, h) and not _numbers_only(h))
                    or _goes_on_line(line, h, size)
                )
            ),
            None,
        )
        if host is None:
            out.append(line)
            continue
        host.words = sorted(host.words + line.words, key=lambda w: w.x0)
    return out


def _goes_on_line(line, host, size: float) -> bool:
    """Is `line` the rest of `host`, read as a line of its own a few points lower or higher:
    beside it, its first word a word space (less than `WORD_SPACE_MAX_EM`) after the host's
    last ("… varje år med" and "särskilt" 3.4 pt lower, g3-side-headers-over-newspaper-
    columns-lettered scanned, p. 13: the right column's lines started at x 342, this one at
    512, and the page was not read as columns)? A newspaper column's line beside a line of
    the other column stands a gutter away."""
    return 0 <= line.x0 - host.x1 < WORD_SPACE_MAX_EM * size and _beside(line, host)


def _numbers_only(line) -> bool:
    return all(NUMBER.match(w.text) for w in line.words)


def _beside(line, host) -> bool:
    """No word of `line` stands over or under a word of `host`: one row, read in two lines."""
    return not any(w.x0 < h.x1 and h.x0 < w.x1 for w in line.words for h in host.words)


def cached(sha256: str, cache: str | Path | None = None) -> bool:
    cache = cache_dir(cache)
    return cache is not None and _from_cache(cache, sha256) is not None
