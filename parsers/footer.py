"""Running headers and footers: read the publisher and report date from them, then drop them.

A footer is recognised by position (top or bottom band of the page) and by repetition across
pages (its text with digits masked recurs) or by being a bare page number ("18 (34)", "18").
Dropping them first keeps "2019-02-08 18 (34)" out of tables that break across pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from parsers.findings import header_kind
from parsers.pdf import Document, Line
from parsers.text import is_number, is_percent
from parsers.tolerances import (
    FURNITURE_BAND_SHARE,
    FURNITURE_MIN_PAGE_SHARE,
    FURNITURE_OUTER_SHARE,
    FURNITURE_ROW_PT,
    MAX_NUMBER_COLUMNS,
)
from parsers.vocabulary import is_header, year_columns

_PAGE_NO = re.compile(
    r"^(sida\s+)?\d{1,3}(\s*(\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3}))?$", re.I
)
_FIRST_NUMBER = re.compile(r"\d+")
# not inside a longer number; a date may be glued to the word before it when the tab that
# separated them collapsed on a narrow page ("Landsting2012-10-13")
_DATE = re.compile(r"(?<![\d-])(20\d\d|19\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])")
_PUBLISHERS = [
    (re.compile(r"Sveriges\s+Kommuner\s+och\s+Landsting", re.I), "Sveriges Kommuner och Landsting"),
    (re.compile(r"Sveriges\s+Kommuner\s+och\s+Regioner", re.I), "Sveriges Kommuner och Regioner"),
    (re.compile(r"\bSKL\b"), "Sveriges Kommuner och Landsting"),
    (re.compile(r"\bSKR\b"), "Sveriges Kommuner och Regioner"),
]


@dataclass
class FooterInfo:
    publisher: str | None
    report_date: str | None


def _mask(text: str, scanned: bool = False) -> str:
    """The line's text with its digits as "#". On a scan each run of digits, the marks and
    spaces between them and the marks around them is one "#": the OCR reads a page number
    "11 (19)" on one page and "11/(19)", "11 19)" or "7199" (both brackets lost:
    typed-bullet-tab-no-hanging-indent scanned, p. 7, whose footer then stood under area 3's
    table header and took its place) on the next."""
    return (_DIGIT_RUN if scanned else _DIGITS).sub("#", " ".join(text.split())).casefold()


_DIGITS = re.compile(r"\d+")
_DIGIT_RUN = re.compile(r"[^\w\s]*\d(?:[^\w]*\d)*[^\w\s]*")


def _in_band(line: Line, height: float) -> bool:
    return line.bottom < height * FURNITURE_BAND_SHARE or line.top > height * (
        1 - FURNITURE_BAND_SHARE
    )


def _outer(page) -> set[int]:
    """The lines (by id) that no body line stands between and the page's edge, from the top
    down and the bottom up, within `FURNITURE_OUTER_SHARE` of the height. On a low page (A5
    landscape) the running header reaches below the fixed band; a footer of two lines
    (publisher and date above the page number) reaches above it on a small one (A5)."""
    h = page.height
    by_top = sorted(page.lines, key=lambda ln: ln.top)
    out: set[int] = set()
    for ln in by_top:
        if ln.bottom >= h * FURNITURE_OUTER_SHARE:
            break
        out.add(id(ln))
    for ln in reversed(by_top):
        if ln.top <= h * (1 - FURNITURE_OUTER_SHARE):
            break
        out.add(id(ln))
    return out


def _key(line: Line, scanned: bool = False) -> tuple[str, int]:
    """Running headers and footers repeat their text (digits aside) at the same height."""
    return _mask(line.text, scanned), round(line.top / FURNITURE_ROW_PT)


def _structural(line: Line) -> bool:
    """Table header rows that Word repeats at the top of each page a table runs over: they
    recur like a running header but belong to the body."""
    if is_header(line) or header_kind(line) is not None:
        return True
    trailing = 0
    for w in reversed(line.words):
        if not is_number(w.text):
            break
        trailing += 1
    if (
        any(is_percent(w.text) or w.text == "%" for w in line.words)
        or trailing >= MAX_NUMBER_COLUMNS
    ):
        return True  # a table row ("Totalt 62 100 62 %"): its digits masked, rows recur
    years = year_columns(line) or []
    return len(years) >= 2 or (len(years) == 1 and "poäng" in line.text.casefold())


def _printed_number(line: Line) -> int | None:
    """The page number a line at a page's edge prints ("18", "18 (34)", "Sida 18 av 34")."""
    m = _PAGE_NO.match(line.text.strip())
    return int(_FIRST_NUMBER.search(m.group(0)).group(0)) if m else None


def _page_offsets(doc: Document, outer: dict[int, set[int]]) -> Counter[int]:
    """For each distance between a page's place in the file and the page number printed at
    its edge, how many pages show it. Page numbers go up with the pages, so the true ones
    share one distance (the pages before the numbering began)."""
    offsets: Counter[int] = Counter()
    for page in doc.pages:
        edge = outer[page.number]
        seen = {
            page.number - n
            for ln in page.lines
            if (_in_band(ln, page.height) or id(ln) in edge)
            and (n := _printed_number(ln)) is not None
        }
        offsets.update(seen)
    return offsets


def _page_number(line: Line, offsets: Counter[int]) -> bool:
    """Is this line at the page's edge its page number? "18 (34)" and "Sida 18" say so; a bare
    number only when another page's number stands at the same distance from its place in
    the file (fresh seed 4013 case 149: a total row's wrapped label "Summa område" / "7" low
    on page 47, whose footer printed "47 (56)")."""
    n = _printed_number(line)
    if n is None:
        return False
    if not line.text.strip().isdigit():
        return True
    return offsets[line.page - n] >= 2


def strip_furniture(doc: Document) -> None:
    """Move header/footer lines from each page's body into `doc.footer_lines`."""
    n_pages = len(doc.pages)
    scanned = doc.scanned
    counts: Counter[tuple[str, int]] = Counter()
    outer = {page.number: _outer(page) for page in doc.pages}
    for page in doc.pages:
        edge = outer[page.number]
        seen = {
            _key(ln, scanned) for ln in page.lines if _in_band(ln, page.height) or id(ln) in edge
        }
        counts.update(seen)
    need = max(2, int(FURNITURE_MIN_PAGE_SHARE * n_pages))
    offsets = _page_offsets(doc, outer)
    for page in doc.pages:
        body = []
        edge = outer[page.number]
        for line in page.lines:
            if (
                (_in_band(line, page.height) or id(line) in edge)
                and (counts[_key(line, scanned)] >= need or _page_number(line, offsets))
                and not _structural(line)
            ):
                doc.footer_lines.append(line)
            else:
                body.append(line)
        page.lines = body


def publisher_in(text: str) -> str | None:
    for pattern, name in _PUBLISHERS:
        if pattern.search(text):
            return name
    return None


def date_in(text: str) -> str | None:
    """The first date printed as YYYY-MM-DD in `text`."""
    m = _DATE.search(text)
    return m.group(0) if m else None


def footer_info(doc: Document) -> FooterInfo:
    """Publisher and report date, from the footers first and the body text as a fallback."""
    publisher = date = None
    for line in doc.footer_lines:
        publisher = publisher or publisher_in(line.text)
        date = date or date_in(line.text)
    if publisher is None:
        for line in doc.lines:
            publisher = publisher_in(line.text)
            if publisher:
                break
    return FooterInfo(publisher, date)
