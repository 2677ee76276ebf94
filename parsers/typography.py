"""Headings by typography: what sets a line apart from body text in a word processor's output.

Word and LibreOffice reports mark sub-headings ("Allmänt", "Delpoäng", "Kommentar") with size,
weight or colour, often without a number. The body style is measured from the document itself
(the font size that most characters have), so no rule depends on one producer's fonts.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from parsers.pdf import Line
from parsers.text import is_number, strip_bullet
from parsers.tolerances import (
    COLOUR_SPREAD,
    DEFAULT_BODY_SIZE_PT,
    DEFAULT_LINE_GAP_EM,
    HEADING_MAX_CHARS,
    HEADING_SIZE_RATIO,
)


@dataclass(frozen=True)
class BodyStyle:
    size: float
    #: white space between two lines of one body paragraph (leading minus font size)
    line_gap: float = 0.0

    @classmethod
    def of(cls, lines: list[Line]) -> BodyStyle:
        counts: Counter[float] = Counter()
        for ln in lines:
            for w in ln.words:
                counts[w.size] += len(w.text)
        size = counts.most_common(1)[0][0] if counts else DEFAULT_BODY_SIZE_PT
        gaps: Counter[float] = Counter()
        for a, b in itertools.pairwise(lines):
            if a.page == b.page and a.size == b.size == size and abs(a.x0 - b.x0) < 1:
                gap = b.top - a.bottom
                if 0 <= gap < size:
                    gaps[round(gap * 2) / 2] += 1
        return cls(size, gaps.most_common(1)[0][0] if gaps else DEFAULT_LINE_GAP_EM * size)


def coloured(color: tuple[int, int, int] | None) -> bool:
    return color is not None and max(color) - min(color) > COLOUR_SPREAD


def is_heading(line: Line, style: BodyStyle) -> bool:
    """A short line set apart by weight, size or colour, that is not a bullet or a number row."""
    text = line.text.strip()
    if not text or len(text) > HEADING_MAX_CHARS or strip_bullet(text)[0]:
        return False
    words = [w for w in line.words if not is_number(w.text)]
    if not words or len(words) < len(line.words) - 1:
        return False
    if all(w.bold for w in words):
        return not _lead_in(line)
    if min(w.size for w in words) >= style.size * HEADING_SIZE_RATIO:
        return True
    return all(coloured(w.color) for w in words)


def _lead_in(line: Line) -> bool:
    """Does a bold word that ends in a colon run on into body-weight words ("**Kompetens-
    utveckling:** 2017 infördes …")? That is an item's lead-in, not a heading, though the
    only body word is a number that a heading may carry (fresh seed 4017 case 795: the line
    ended the strengths and lost five of them, `readings_differ`)."""
    pairs = itertools.pairwise(line.words)
    return any(a.bold and a.text.endswith(":") and not b.bold for a, b in pairs)
