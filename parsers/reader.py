"""The reader interface: one PDF page → characters and ruling lines, whatever library read it.

Two readers implement it: pdfplumber (pdfminer.six underneath; the default and the extractor the
project is specified around) and PDFium (pypdfium2; opt-in, about four times faster). Each reader
only *reports* what the PDF contains — printed characters with their origin, advance, font size,
font name and fill colour, and straight ruling segments. Everything from words onward is built
here and after, from values both readers agree on, so that no layout rule can depend on which
library read the page (the differential test holds both to byte-identical records):

- a word's box is derived from its baseline and font size, not from the library's glyph box
  (pdfminer uses the font's bbox, PDFium per-glyph "loose" boxes; both differ per font);
- characters a library *generates* (PDFium's inferred spaces and line ends) are never used;
  real space characters and gaps wider than a fraction of the font size end a word;
- ligatures are expanded and line-end hyphen markers normalised to "-";
- bold comes from the font name (PDFium's weight is unreliable for embedded subsets).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from parsers.text import SOFT_HYPHEN
from parsers.tolerances import (
    ASCENT,
    BACKSTEP_PT,
    BASELINE_TOLERANCE,
    DESCENT,
    LABEL_MAX_CHARS,
    RULE_MAX_THICKNESS_PT,
    RULE_MERGE_PT,
    RULE_MIN_LENGTH_PT,
    WORD_GAP,
)
from parsers.vocabulary import LIST_LABEL

READERS = ("pdfplumber", "pdfium")
DEFAULT_READER = "pdfplumber"


# Symbol-font bullets (Wingdings/Symbol in Word exports land in the private use area).
_PUA_BULLETS = {
    "\uf0a7": "§",
    "\uf0b7": "•",
    "\uf0a8": "•",
    "\uf076": "•",
    "\uf0d8": "•",
    "\uf0fc": "•",
    "\uf06e": "▪",
    "\uf0a4": "•",
    "\uf0e0": "►",
}
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_LINE_END_HYPHENS = {"\x02": "-", SOFT_HYPHEN: "-"}
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|-bd\b|,bd", re.I)


@dataclass(slots=True)
class Char:
    """One printed character as a reader reports it (y grows downwards from the page top)."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    font: str
    color: tuple[int, int, int] | None = None
    mcid: int | None = None  # marked-content id (tagged PDFs), of the innermost mark with one
    artifact: bool = False  # inside /Artifact marked content (running headers, footers)


#: One marked-content reference of the structure tree on a page: the element holding it as its
#: path from the tree's root — (index in the parent's /K, structure type) per level — the
#: reference's own index in the element's /K, and the MCID. Sorting by (path, kid) gives the
#: tree's reading order across pages, whichever reader walked the tree.
StructPath = tuple[tuple[int, str], ...]
Mark = tuple[StructPath, int, int]


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    font: str = ""
    color: tuple[int, int, int] | None = None
    mcid: int | None = None  # its first character's (tagged PDFs; parsers.tags)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def baseline(self) -> float:
        return self.bottom - DESCENT * self.size


@dataclass(frozen=True)
class Rule:
    """A straight ruling segment: horizontal (top == bottom) or vertical (x0 == x1)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < self.bottom - self.top


@dataclass
class RawPage:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule] = field(default_factory=list)
    #: the structure tree's marked-content references on this page; None for an untagged PDF
    marks: list[Mark] | None = None
    #: boxes (x0, top, x1, bottom) of the raster images drawn on the page (the ledger, issue 22:
    #: a table pasted as a picture has no words, only an image where it stands)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)
    #: MCIDs on this page whose structure element's /ActualText is a soft hyphen (U+00AD):
    #: the hyphen printed there is a hyphenation break, not the word's own (`soft_hyphens`)
    soft_hyphens: set[int] = field(default_factory=set)


#: A reader opens validated PDF bytes and yields its pages; it raises nothing but its library's
#: own exceptions, which `parsers.pdf` turns into named errors.
Reader = Callable[[bytes], Iterator[RawPage]]


def reader_name(name: str | None = None) -> str:
    """The reader to use: the argument, else $KOMPASS_READER, else pdfplumber."""
    chosen = (name or os.environ.get("KOMPASS_READER") or DEFAULT_READER).strip().lower()
    if chosen not in READERS:
        raise ValueError(f"unknown reader {chosen!r} (choose {' or '.join(READERS)})")
    return chosen


def get_reader(name: str | None = None) -> Reader:
    if reader_name(name) == "pdfium":
        from parsers.reader_pdfium import read_pages
    else:
        from parsers.reader_pdfplumber import read_pages
    return read_pages


@functools.cache
def clean_font(name: str) -> str:
    return _SUBSET.sub("", name)


def is_bold(font: str) -> bool:
    return bool(_BOLD.search(font))


@functools.cache
def clean_text(text: str) -> str:
    """One character's text, normalised the same way for every reader."""
    text = _LINE_END_HYPHENS.get(text, text)
    text = _PUA_BULLETS.get(text, text)
    text = _LIGATURES.get(text, text)
    return unicodedata.normalize("NFC", text)


def soft_hyphens(raw: RawPage) -> list[Char]:
    """The page's characters, each hyphen inside a soft-hyphen element (`RawPage.soft_hyphens`)
    turned into U+00AD. LibreOffice's tagged PDFs wrap every hyphenation break in a /Span
    whose /ActualText is U+00AD and print a compound's own hyphen ("webb-sändningar") as plain
    content; both glyphs map to "-". The file thus says which line-end hyphens to drop, where
    an untagged one leaves `text.join_lines` to guess from the document's words. The page
    itself is left as the reader reported it: the turned hyphens are copies."""
    if not raw.soft_hyphens:
        return raw.chars
    return [
        dataclasses.replace(ch, text=SOFT_HYPHEN)
        if ch.mcid in raw.soft_hyphens and ch.text == "-"
        else ch
        for ch in raw.chars
    ]


def words_from_chars(chars: list[Char]) -> list[Word]:
    """Group characters into words: same baseline, small gaps, no space between.

    Order-independent (readers list characters in different orders): characters are clustered
    by baseline first, then read left to right.
    """
    printed = [ch for ch in chars if ch.text and ch.size > 0]
    printed.sort(key=lambda ch: (ch.baseline, ch.x0))
    rows: list[list[Char]] = []
    for ch in printed:
        if rows and ch.baseline - rows[-1][-1].baseline <= BASELINE_TOLERANCE * ch.size:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    words: list[Word] = []
    for row in rows:
        row.sort(key=lambda ch: (ch.x0, ch.x1))
        current: list[Char] = []
        for ch in row:
            if ch.text.isspace():
                _flush(current, words)
                current = []
                continue
            if current and (
                ch.x0 - current[-1].x1 > WORD_GAP * max(ch.size, current[-1].size)
                or ch.x0 < current[-1].x0 - BACKSTEP_PT
                or (ch.mcid != current[-1].mcid and _is_label(current))
            ):
                _flush(current, words)
                current = []
            current.append(ch)
        _flush(current, words)
    return words


def _is_label(chars: list[Char]) -> bool:
    """A list label ("10.", "a)", "•") in a marked-content sequence of its own (tagged PDFs):
    the word ends there even when the text follows closer than a space (a label wider than
    its hanging indent). Other MCID changes inside a word (LibreOffice starts a new sequence
    at a hyphenation point) do not end it."""
    return len(chars) <= LABEL_MAX_CHARS and bool(
        LIST_LABEL.match("".join(ch.text for ch in chars))
    )


def _flush(chars: list[Char], words: list[Word]) -> None:
    if not chars:
        return
    text = "".join(ch.text for ch in chars)
    if not text.strip():
        return
    first = chars[0]
    size = max(ch.size for ch in chars)
    base = max(ch.baseline for ch in chars)
    words.append(
        Word(
            text,
            first.x0,
            max(ch.x1 for ch in chars),
            base - ASCENT * size,
            base + DESCENT * size,
            _rounded(size),
            is_bold(first.font),
            first.font,
            first.color,
            first.mcid,
        )
    )


def _rounded(size: float) -> float:
    """Font sizes to 0.1 pt: readers differ in the last digits (11.55 vs 11.549…)."""
    return round(size + 1e-6, 1)


def merge_rules(rules: list[Rule], tolerance: float = 1.0) -> list[Rule]:
    """Join collinear touching segments (table borders are drawn cell by cell) and drop
    duplicates, so both readers report one rule per printed line."""
    out: list[Rule] = []
    for vertical in (True, False):
        segs = sorted(
            (
                (round((r.x0 + r.x1) / 2, 1), r.top, r.bottom)
                if vertical
                else (round((r.top + r.bottom) / 2, 1), r.x0, r.x1)
            )
            for r in rules
            if r.vertical == vertical
        )
        merged: list[list[float]] = []
        for pos, lo, hi in segs:
            last = merged[-1] if merged else None
            if last and abs(pos - last[0]) <= RULE_MERGE_PT and lo <= last[2] + tolerance:
                last[2] = max(last[2], hi)
            else:
                merged.append([pos, lo, hi])
        for pos, lo, hi in merged:
            out.append(Rule(pos, lo, pos, hi) if vertical else Rule(lo, pos, hi, pos))
    return out


def rule_from_box(x0: float, top: float, x1: float, bottom: float) -> Rule | None:
    """A thin box (a stroked line, or a filled rectangle a few tenths of a point wide) as a
    rule; anything else is not a ruling."""
    w, h = x1 - x0, bottom - top
    if w < RULE_MAX_THICKNESS_PT and h > RULE_MIN_LENGTH_PT:
        return Rule((x0 + x1) / 2, top, (x0 + x1) / 2, bottom)
    if h < RULE_MAX_THICKNESS_PT and w > RULE_MIN_LENGTH_PT:
        return Rule(x0, (top + bottom) / 2, x1, (top + bottom) / 2)
    return None
