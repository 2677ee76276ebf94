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
from parsers.tolerances import FURNITURE_BAND_SHARE, FURNITURE_MIN_PAGE_SHARE, FURNITURE_ROW_PT
from parsers.vocabulary import is_header, year_columns

_PAGE_NO = re.compile(
    r"^(sida\s+)?\d{1,3}(\s*(\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3}))?$", re.I
)
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


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _in_band(line: Line, height: float) -> bool:
    return line.bottom < height * FURNITURE_BAND_SHARE or line.top > height * (
        1 - FURNITURE_BAND_SHARE
    )


def _key(line: Line) -> tuple[str, int]:
    """Running headers and footers repeat their text (digits aside) at the same height."""
    return _mask(line.text), round(line.top / FURNITURE_ROW_PT)


def _structural(line: Line) -> bool:
    """Table header rows that Word repeats at the top of each page a table runs over: they
    recur like a running header but belong to the body."""
    if is_header(line) or header_kind(line) is not None:
        return True
    years = year_columns(line) or []
    return len(years) >= 2 or (len(years) == 1 and "poäng" in line.text.casefold())


def strip_furniture(doc: Document) -> None:
    """Move header/footer lines from each page's body into `doc.footer_lines`."""
    n_pages = len(doc.pages)
    counts: Counter[tuple[str, int]] = Counter()
    for page in doc.pages:
        seen = {_key(ln) for ln in page.lines if _in_band(ln, page.height)}
        counts.update(seen)
    need = max(2, int(FURNITURE_MIN_PAGE_SHARE * n_pages))
    for page in doc.pages:
        body = []
        for line in page.lines:
            text = line.text.strip()
            if (
                _in_band(line, page.height)
                and (counts[_key(line)] >= need or _PAGE_NO.match(text))
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
