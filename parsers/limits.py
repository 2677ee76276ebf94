"""Limits on what one PDF may cost to read, checked before and while reading it.

A 1 MB PDF can hold a compressed stream that inflates to hundreds of MB of text, or a page
tree that names one page 100,000 times; the PDF library would spend gigabytes and minutes on
it before the parser could say "not a report". A real Kommunkompassen report has 20-80 pages
of a few thousand characters each, so every limit here is more than 10x what a report needs.

The checks are small functions called at fixed points of `parsers.pdf.read_document`:
`check_raw` on the bytes before the PDF library sees them, `check_page_count` once opened,
`CharBudget.add` per page. Time and memory cannot be bounded from inside one Python call
into C; `CPU_SECONDS`, `WALL_SECONDS` and `ADDRESS_SPACE_BYTES` are enforced by the process
that runs the parse (`pipeline.limits`).
"""

from __future__ import annotations

import bisect
import re
import zlib
from pathlib import Path

from parsers.errors import LimitExceeded

MAX_PAGES = 500
MAX_PAGE_CHARS = 200_000
MAX_DOCUMENT_CHARS = 2_000_000
#: Inflated size of one compressed stream that is not an image (page content, fonts, object
#: streams). Images are skipped: text extraction never decodes them.
MAX_STREAM_BYTES = 8 << 20
#: Inflated size of all those streams together.
MAX_INFLATED_BYTES = 128 << 20
#: Processor time one document may take: the limit that decides (the same on a busy machine).
CPU_SECONDS = 60.0
#: Clock time, less the time spent waiting for a processor: a backstop for a parse that
#: neither runs nor waits to run (blocked or stopped).
WALL_SECONDS = 300.0
ADDRESS_SPACE_BYTES = 1 << 30

WHY = "not a Kommunkompassen report or a malicious file"

_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_COUNT = re.compile(rb"/Count\s+(\d{1,12})")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_CHUNK = 1 << 16


def refuse(path: Path, what: str) -> LimitExceeded:
    """The named error for a limit, e.g. "page 1 has more than 200000 characters; not a …"."""
    return LimitExceeded(path, f"{what}; {WHY}")


def size_text(n: int) -> str:
    return f"{n >> 30} GB" if n >= 1 << 30 else f"{n >> 20} MB"


def check_raw(path: Path, data: bytes) -> None:
    """Before opening: the page count the file declares and what its compressed streams
    inflate to (each inflated in chunks and dropped, so checking costs no memory).

    Each stream's dictionary is read from its `N G obj` to `stream`, however long; a
    `/Filter` given as an indirect reference is looked up; a stream counts as an image
    (skipped: text extraction never decodes it) only when it says `/Subtype /Image` and no
    page names it as its `/Contents`."""
    declared = max((int(m.group(1)) for m in _COUNT.finditer(data)), default=0)
    if declared > MAX_PAGES:
        raise refuse(path, f"it declares {declared} pages, more than {MAX_PAGES}")
    objects = _Objects(data)
    contents = objects.contents()
    total = 0
    for m in _STREAM.finditer(data):
        number, head = objects.head_of(m.start())
        layers = objects.flate_layers(head)
        if not layers or (_IMAGE.search(head) and number not in contents):
            continue
        size = _inflated_size(data, m.end(), layers, MAX_STREAM_BYTES)
        if size > MAX_STREAM_BYTES:
            raise refuse(
                path, f"a compressed stream inflates to more than {size_text(MAX_STREAM_BYTES)}"
            )
        total += size
        if total > MAX_INFLATED_BYTES:
            raise refuse(
                path, f"its compressed streams inflate to more than {size_text(MAX_INFLATED_BYTES)}"
            )


_OBJ_START = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+obj\b")
_CONTENTS_REFS = re.compile(rb"/Contents\s*(\[[^\]]{0,100000}\]|\d+\s+\d+\s+R)")
_REF = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+R")
_FILTER_REF = re.compile(rb"/Filter\s*(\d{1,10})\s+\d{1,5}\s+R")


class _Objects:
    """Where each `N G obj` starts, found once by a scan of the bytes."""

    def __init__(self, data: bytes):
        self.data = data
        self.starts = [(m.start(), m.end(), int(m.group(1))) for m in _OBJ_START.finditer(data)]
        self._positions = [s for s, _, _ in self.starts]
        self._by_number = {n: (s, e) for s, e, n in self.starts}

    def head_of(self, stream_at: int) -> tuple[int | None, bytes]:
        """(object number, its dictionary) of the stream whose keyword is at `stream_at`."""
        i = bisect.bisect_right(self._positions, stream_at) - 1
        if i < 0:
            return None, self.data[max(0, stream_at - 2048) : stream_at]
        _, end, number = self.starts[i]
        return number, self.data[end:stream_at]

    def body(self, number: int, limit: int = 4096) -> bytes:
        where = self._by_number.get(number)
        if where is None:
            return b""
        body = self.data[where[1] : where[1] + limit]
        stop = body.find(b"endobj")
        return body if stop < 0 else body[:stop]

    def flate_layers(self, head: bytes) -> int:
        """Flate filters of a stream dictionary, a `/Filter N 0 R` looked up."""
        layers = len(_FLATE.findall(head))
        for m in _FILTER_REF.finditer(head):
            layers += len(_FLATE.findall(self.body(int(m.group(1)))))
        return layers

    def contents(self) -> set[int]:
        """Object numbers named as a page's /Contents (directly or in an array)."""
        out: set[int] = set()
        for m in _CONTENTS_REFS.finditer(self.data):
            refs = [int(r.group(1)) for r in _REF.finditer(m.group(1))]
            out.update(refs)
            for n in refs:  # /Contents N 0 R may name an array of streams
                out.update(int(r.group(1)) for r in _REF.finditer(self.body(n, 100_000)))
        return out


class _Over(Exception):
    """Internal: counting passed the limit."""


def _inflated_size(data: bytes, start: int, layers: int, limit: int) -> int:
    """Bytes the stream at `start` inflates to through `layers` Flate filters, counting
    stops just past `limit`. Each layer hands on at most 64 KB at a time, so a nested bomb
    costs no memory. A damaged stream counts what inflated before the damage."""
    end = data.find(b"endstream", start)
    end = len(data) if end < 0 else end
    chain = [zlib.decompressobj() for _ in range(layers)]
    size = 0

    def feed(level: int, piece: bytes) -> None:
        nonlocal size
        if level == layers:
            size += len(piece)
            if size > limit:
                raise _Over
            return
        d = chain[level]
        while piece and not d.eof:
            feed(level + 1, d.decompress(piece, _CHUNK))
            piece = d.unconsumed_tail

    try:
        for pos in range(start, end, _CHUNK):
            feed(0, data[pos : min(pos + _CHUNK, end)])
            if chain[0].eof:
                break
    except (_Over, zlib.error):
        pass
    return size


def check_page_count(path: Path, pages: int) -> None:
    """Once opened: the pages the PDF library found (the tree may differ from /Count)."""
    if pages > MAX_PAGES:
        raise refuse(path, f"it has {pages} pages, more than {MAX_PAGES}")


class CharBudget:
    """Characters per page and in the whole document, counted as pages are read (and, with
    pdfminer, while each page is interpreted)."""

    def __init__(self, path: Path):
        global _budget
        self.path = path
        self.total = 0
        self.refused: LimitExceeded | None = None
        _budget = self
        _count_while_interpreting()

    def interpreting(self, page: int, chars: int) -> None:
        """pdfminer laid out the `chars`-th character of `page`."""
        if chars > MAX_PAGE_CHARS:
            self.refused = refuse(
                self.path, f"page {page} has more than {MAX_PAGE_CHARS} characters"
            )
            raise self.refused

    def add(self, page: int, chars: int) -> None:
        if chars > MAX_PAGE_CHARS:
            raise refuse(self.path, f"page {page} has more than {MAX_PAGE_CHARS} characters")
        self.total += chars
        if self.total > MAX_DOCUMENT_CHARS:
            raise refuse(self.path, f"it has more than {MAX_DOCUMENT_CHARS} characters in all")


#: The budget of the document being read in this process (pdfminer's pages count only while
#: one is open).
_budget: CharBudget | None = None
#: The page pdfminer is interpreting reached MAX_PAGE_CHARS + 1 characters.
_page_full = False


def _count_while_interpreting() -> None:
    """Once per process: pdfminer's layout device lays out at most MAX_PAGE_CHARS + 1
    characters per page (the one more is what `CharBudget.add` refuses)."""
    try:
        from pdfminer.converter import PDFLayoutAnalyzer
        from pdfminer.pdfinterp import PDFContentParser
        from pdfminer.psexceptions import PSEOF
    except ImportError:  # pdfminer is the pdfplumber reader's; PDFium needs no hook
        return
    if getattr(PDFLayoutAnalyzer.render_char, "_kompass_counts", False):
        return
    begin_page, render_char = PDFLayoutAnalyzer.begin_page, PDFLayoutAnalyzer.render_char
    next_object = PDFContentParser.nextobject

    def counting_begin_page(self, *args, **kwargs):
        global _page_full
        _page_full = False
        self._kompass_chars = 0
        return begin_page(self, *args, **kwargs)

    def counting_render_char(self, *args, **kwargs):
        global _page_full
        self._kompass_chars = getattr(self, "_kompass_chars", 0) + 1
        if self._kompass_chars > MAX_PAGE_CHARS:
            _page_full = _budget is not None
            if self._kompass_chars > MAX_PAGE_CHARS + 1:
                return 0.0  # the rest of a Tj string: no more objects for this page
        return render_char(self, *args, **kwargs)

    def bounded_next_object(self, *args, **kwargs):
        if _page_full:
            raise PSEOF("page over its character limit")  # the interpreter's end of stream
        return next_object(self, *args, **kwargs)

    counting_render_char._kompass_counts = True  # type: ignore[attr-defined]
    PDFLayoutAnalyzer.begin_page = counting_begin_page  # type: ignore[method-assign]
    PDFLayoutAnalyzer.render_char = counting_render_char  # type: ignore[method-assign]
    PDFContentParser.nextobject = bounded_next_object  # type: ignore[method-assign]
