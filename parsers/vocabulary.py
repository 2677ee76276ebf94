"""The report's printed vocabulary that several parser modules recognise: table header words,
row labels, question ids, list labels. One public place, so that `parsers.scores`,
`parsers.history`, `parsers.findings`, `parsers.tags`, `parsers.ledger`, `parsers.footer` and
`parsers.ocr` read a table header or a row label the same way (and none imports another's
private names). The Swedish function words of the language rules are in `parsers.words`.

No parser module is imported at run time, so any module (also `parsers.reader` and
`parsers.ocr`, below `parsers.pdf`) can use this one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from parsers.text import BULLETS, LABEL_TEXT

if TYPE_CHECKING:
    from parsers.pdf import Line, Word

# --- score tables ("Delpoäng") ------------------------------------------------------------------

#: Column titles of a score table: points achieved, maximum, percent.
POINTS_HEADERS = ("uppnått", "uppnådd", "uppnådda", "poäng", "erhållet", "erhållna", "erhållit")
MAX_HEADERS = ("max", "maxpoäng", "max.", "möjliga")
PERCENT_HEADERS = ("procent", "%", "andel")
#: Every score-table column title.
COLUMN_TITLES = frozenset(POINTS_HEADERS + MAX_HEADERS + PERCENT_HEADERS)
#: The label of a table's total row (score tables, history tables, closing summaries).
TOTAL_LABELS = ("totalt", "total", "summa", "totalpoäng", "summa:", "totalt:")

#: A question id in its own word: "1.1", "8.12."
QUESTION_ID = re.compile(r"^([1-8])\.(\d{1,2})\.?$")
#: A question id glued to the question's first word: "1.1Finns".
QUESTION_ID_GLUED = re.compile(r"^([1-8])\.(\d{1,2})(\D.*)$")
#: The area number before the area name in a score table's header cell: "3", "3.", and "3,"
#: (a scan's dot read as a comma: side-bullet-split-by-page-break, scanned, p. 11).
AREA_LABEL = re.compile(r"^([1-8])[.,]?$")
#: A sub-section heading: "4.1.3 Styrkor …" (ends a table or a findings list).
SECTION = re.compile(r"^\d+\.\d+\.\d+\.?\s+\S")

# --- history tables ("Poäng i Kommunkompassen 2015 2017 2018") ---------------------------------

#: A year column title.
YEAR = re.compile(r"^(19|20)\d\d$")
#: Digits of a year.
YEAR_DIGITS = 4
#: The area number that starts a history row: "3", "3.", "3)".
AREA_ROW = re.compile(r"^([1-8])[.)]?$")

# --- findings ("Styrkor" / "Förbättringsområden") ----------------------------------------------

STRENGTH_WORDS = ("styrkor", "styrka")
IMPROVEMENT_WORDS = (
    "förbättringsmöjligheter",
    "förbättringsområden",
    "förbättringsförslag",
    "utvecklingsområden",
    "förbättringsmöjlighet",
)


def findings_title(word: str) -> str | None:
    """'strengths' or 'improvements' when `word` is a findings column title or list heading
    ("Styrkor", "Förbättringsområden:"), else None."""
    label = word.casefold().strip().rstrip(":").strip()
    if label in STRENGTH_WORDS:
        return "strengths"
    if label in IMPROVEMENT_WORDS:
        return "improvements"
    return None


def broken_title(first: str, rest: str) -> str | None:
    """'strengths' or 'improvements' when `rest` is the end of a findings title broken inside
    the word in a narrow column ("Förbättringsmöjlighete" / "r"): letters in lower case that
    make `first` a findings title; else None. The layout (`scores.join_broken_titles`) and the
    tags (`tags._broken_heading`) join by this one rule."""
    if not (rest.isalpha() and rest.islower()):
        return None
    return findings_title(first + rest)


def is_side_header(line: Line) -> bool:
    """Is `line` the header row of a findings table, strengths beside improvements ("Styrkor
    Förbättringsområden"; a heading "Styrkor och förbättringsområden" names both but is no
    row of two columns), each title at the start of its cell?"""
    # a title starts its cell: the line's first word, or one after a gap of at least an em
    # ("… Till utpekade förbättringsområden blir det" beside a heading "Styrkor" is prose)
    kinds = {
        findings_title(w.text)
        for k, w in enumerate(line.words)
        if k == 0 or w.x0 - line.words[k - 1].x1 >= w.size
    }
    return (
        {"strengths", "improvements"} <= kinds
        and not SECTION.match(line.text)
        and "och" not in (w.text.casefold() for w in line.words)
    )


# --- lists --------------------------------------------------------------------------------------

#: A word that is a list label and nothing else: a `LABEL_TEXT` or a bullet glyph. The label
#: at the start of a line (also a label glued to its word, "(cid:N)") is
#: `parsers.text.strip_label`'s; this one tells a label apart as a word of its own (a reader's
#: character run, a tagged list item's first piece).
LIST_LABEL = re.compile(rf"^(?:{LABEL_TEXT}|[{re.escape(BULLETS)}])$")


#: Marks around a column title that are not part of it: a colon after it, a quote before it
#: (an OCR'd page read a speck before "Max" as '"'), a speck after it read as a stop or comma
#: ("Uppnått:." on a scan).
HEADER_TITLE_MARKS = ":\"'«»“”.,"


def header_columns(line: Line) -> dict[str, Word] | None:
    """The column-title words of a score table ("points", "max", maybe "percent"), if `line`
    is its header row."""
    cols: dict[str, Word] = {}
    for w in line.words:
        t = w.text.casefold().strip(HEADER_TITLE_MARKS)
        if t in POINTS_HEADERS and "max" not in cols:
            cols["points"] = w  # the last candidate before "Max" wins
        elif t in MAX_HEADERS and "points" in cols and "max" not in cols:
            cols["max"] = w
        elif t in PERCENT_HEADERS and "max" in cols:
            cols["percent"] = w
    if "points" in cols and "max" in cols:
        return cols
    return None


def is_header(line: Line) -> bool:
    """Is `line` a score table's header row?"""
    return header_columns(line) is not None


def year_columns(line: Line) -> list[Word] | None:
    """Trailing year words of a line ('Poäng i Kommunkompassen 2015 2017 2018'), glued
    ones split (`glued_years`)."""
    years: list[Word] = []
    for w in reversed(line.words):
        found = [w] if YEAR.match(w.text) else glued_years(w)
        if not found:
            break
        years[:0] = found
    return years or None


def glued_years(w: Word) -> list[Word]:
    """The years of a word of several years printed without a space between them, in
    ascending order ("200020042005": right tabs closer than a year is wide), each with its
    share of the box (digits are as wide as each other); [] for any other word."""
    text = w.text
    n = len(text) // YEAR_DIGITS
    if n < 2 or len(text) != n * YEAR_DIGITS:
        return []
    parts = [text[k * YEAR_DIGITS : (k + 1) * YEAR_DIGITS] for k in range(n)]
    if not all(YEAR.match(p) for p in parts) or parts != sorted(set(parts)):
        return []
    step = (w.x1 - w.x0) / n
    return [
        replace(w, text=p, x0=w.x0 + k * step, x1=w.x0 + (k + 1) * step)
        for k, p in enumerate(parts)
    ]
