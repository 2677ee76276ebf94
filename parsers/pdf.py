"""Open a PDF safely and turn its pages into positioned words and lines.

Everything later works on `Line`s (words that share a baseline) with coordinates, never on a
flat text dump: columns are told apart by x position, table rows by y position.
"""

from __future__ import annotations

import hashlib
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from parsers.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    HtmlNotPdf,
    NotAPdf,
    NoTextLayer,
)

# Symbol-font bullets (Wingdings/Symbol in Word exports land in the private use area).
_PUA_BULLETS = {
    "\uf0a7": "§",
    "\uf0b7": "•",
    "\uf0a8": "•",
    "\uf076": "•",
    "\uf0d8": "•",
    "\uf0fc": "•",
}


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    words: list[Word]
    page: int  # 1-based

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
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)


@dataclass
class Document:
    path: Path
    sha256: str
    pages: list[PageText]
    footer_lines: list[Line] = field(default_factory=list)

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
        if b"%%EOF" not in data[-4096:]:
            raise CorruptPdf(path, "PDF is truncated (no end-of-file marker); download it again")
        return
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in sniff:
        title = re.search(rb"<title>(.*?)</title>", data[:4096], re.I | re.S)
        what = f" ({title.group(1).decode('utf-8', 'replace').strip()})" if title else ""
        raise HtmlNotPdf(path, f"an HTML page saved as .pdf{what}, probably a server error page")
    raise NotAPdf(path, f"not a PDF (starts with {data[:8]!r}, not b'%PDF-')")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return "".join(_PUA_BULLETS.get(ch, ch) for ch in text)


def _lines_from_words(words: list[Word], page: int) -> list[Line]:
    """Group words into lines: a word joins a line when their vertical extents mostly overlap."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        for line in reversed(lines[-3:]):
            ref = line.words[0]
            overlap = min(ref.bottom, w.bottom) - max(ref.top, w.top)
            if overlap > 0.5 * min(ref.bottom - ref.top, w.bottom - w.top):
                line.words.append(w)
                break
        else:
            lines.append(Line([w], page))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: ln.top)
    return lines


def read_document(path: str | Path) -> Document:
    """Read and validate a PDF; raise a named `ReportError` subclass for bad input."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    path = Path(path)
    data = path.read_bytes()
    check_bytes(path, data)
    sha = hashlib.sha256(data).hexdigest()
    pages: list[PageText] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                raw = page.extract_words(
                    x_tolerance=1.5,
                    y_tolerance=2,
                    keep_blank_chars=False,
                    extra_attrs=["size", "fontname"],
                )
                words = [
                    Word(
                        _clean(w["text"]),
                        w["x0"],
                        w["x1"],
                        w["top"],
                        w["bottom"],
                        w["size"],
                        "bold" in w["fontname"].lower(),
                    )
                    for w in raw
                    if w["text"].strip()
                ]
                vrules = [
                    (e["x0"], e["top"], e["bottom"])
                    for e in page.edges
                    if e["orientation"] == "v" and e["bottom"] - e["top"] > 5
                ]
                pages.append(
                    PageText(
                        number, page.width, page.height, _lines_from_words(words, number), vrules
                    )
                )
                page.close()
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise EncryptedPdf(path, "PDF is encrypted (password-protected)") from e
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedPdf(path, "PDF is encrypted (password-protected)") from e
        raise CorruptPdf(path, f"PDF is corrupt and cannot be read ({_short(cause)})") from e
    except (PDFSyntaxError, PSException) as e:
        raise CorruptPdf(path, f"PDF is corrupt and cannot be read ({_short(e)})") from e
    except Exception as e:  # pdfminer meets damaged streams with all kinds of errors
        raise CorruptPdf(
            path, f"PDF is corrupt and cannot be read ({type(e).__name__}: {_short(e)})"
        ) from e
    if not pages:
        raise CorruptPdf(path, "PDF has no pages")
    if sum(len(p.lines) for p in pages) == 0:
        raise NoTextLayer(
            path,
            f"PDF has no text layer ({len(pages)} page(s) of images only, e.g. a scan); "
            "it would need OCR, which kompass does not do",
        )
    return Document(path, sha, pages)


def _short(e: object) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]
