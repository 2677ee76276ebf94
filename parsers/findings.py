"""Strengths and improvement suggestions ("Styrkor" / "Förbättringsmöjligheter").

Two layouts:
- a two-column table, headers side by side; words go to a column by x position, so a table
  broken across pages (where the left column's rest follows the right column in reading order)
  still comes out right;
- headed lists: a line "Styrkor", bullets, a line "Förbättringsområden", bullets.

An item starts at a bullet glyph; without glyphs, at a vertical gap larger than the line spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.pdf import Line, PageText, Word
from parsers.scores import SECTION, is_header
from parsers.text import join_lines, strip_bullet

STRENGTH_WORDS = ("styrkor", "styrka")
IMPROVEMENT_WORDS = (
    "förbättringsmöjligheter",
    "förbättringsområden",
    "förbättringsförslag",
    "utvecklingsområden",
    "förbättringsmöjlighet",
)
_END_WORDS = ("kommentar", "kommentarer", "inspiration", "goda exempel")


@dataclass
class Item:
    lines: list[str]
    page: int
    last_bottom: float

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class AreaFindings:
    strengths: list[Item] = field(default_factory=list)
    improvements: list[Item] = field(default_factory=list)


def _label(text: str) -> str:
    return text.casefold().strip().rstrip(":").strip()


def header_kind(line: Line) -> str | None:
    """'table' for side-by-side headers, 'strengths'/'improvements' for a list heading."""
    words = [_label(w.text) for w in line.words]
    has_s = any(w in STRENGTH_WORDS for w in words)
    has_i = any(w in IMPROVEMENT_WORDS for w in words)
    if has_s and has_i and not SECTION.match(line.text) and "och" not in words:
        return "table"
    label = _label(line.text)
    if label in STRENGTH_WORDS:
        return "strengths"
    if label in IMPROVEMENT_WORDS:
        return "improvements"
    return None


def _ends_section(line: Line) -> bool:
    text = line.text.strip()
    return bool(SECTION.match(text)) or _label(text) in _END_WORDS or is_header(line)


def _boundary(header: Line, body: list[Line], page: PageText) -> float:
    """x between the two columns: a vertical rule between the headers, else the widest
    stretch that no body word crosses, else just left of the right header."""
    left = next(w for w in header.words if _label(w.text) in STRENGTH_WORDS)
    right = next(w for w in header.words if _label(w.text) in IMPROVEMENT_WORDS)
    rules = [
        x
        for x, top, bottom in page.vrules
        if left.x1 < x < right.x0 + 1 and top <= header.bottom + 2
    ]
    if rules:
        return max(rules)
    spans = sorted(
        (w.x0, w.x1) for ln in body for w in ln.words if w.x1 > left.x1 and w.x0 < right.x0 + 2
    )
    best, best_x, cursor = 0.0, right.x0 - 1, left.x1
    for x0, x1 in spans:
        if x0 - cursor > best:
            best, best_x = x0 - cursor, (x0 + cursor) / 2 if x0 < right.x0 else x0 - 1
        cursor = max(cursor, x1)
    if right.x0 + 2 - cursor > best:
        best_x = right.x0 - 1
    return best_x


class _Column:
    """Collects one column's lines into items across pages."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.bulleted = False  # once a column shows bullet glyphs, only glyphs start items
        self.pending: list[tuple[list[Word], int]] = []

    def add(self, words: list[Word], page: int) -> None:
        if words:
            self.pending.append((words, page))

    def flush(self, continues: bool) -> None:
        """Turn pending lines into items; the first line may continue the last item."""
        if not self.pending:
            return
        any_bullet = self.bulleted or any(strip_bullet(ws[0].text)[0] for ws, _ in self.pending)
        self.bulleted = any_bullet
        gaps = [
            min(w.top for w in b) - max(w.bottom for w in a)
            for (a, pa), (b, pb) in zip(self.pending, self.pending[1:], strict=False)
            if pa == pb
        ]
        typical = sorted(gaps)[len(gaps) // 3] if gaps else 0.0
        prev_bottom, prev_page = None, None
        for idx, (words, page) in enumerate(self.pending):
            glyph, rest = strip_bullet(" ".join(w.text for w in words))
            top = min(w.top for w in words)
            if any_bullet:
                new = glyph is not None
            else:
                new = prev_bottom is None or (
                    page == prev_page
                    and top - prev_bottom > typical + 0.6 * (words[0].bottom - words[0].top)
                )
                if idx == 0 and continues and self.items:
                    new = False
            if idx == 0 and not new and not self.items:
                new = True
            if new:
                self.items.append(Item([rest], page, max(w.bottom for w in words)))
            else:
                self.items[-1].lines.append(rest)
            prev_bottom, prev_page = max(w.bottom for w in words), page
        self.pending = []


def find_findings(
    lines: list[Line], pages: dict[int, PageText], area_of
) -> dict[int, AreaFindings]:
    """Findings per area number; `area_of(index)` tells which area a line index belongs to."""
    out: dict[int, AreaFindings] = {}
    i = 0
    while i < len(lines):
        kind = header_kind(lines[i])
        if kind is None:
            i += 1
            continue
        area = area_of(i)
        found = out.setdefault(area, AreaFindings()) if area else AreaFindings()
        read = _read_table if kind == "table" else _read_list
        i = read(lines, i, pages, found)
    return out


def _read_table(lines: list[Line], i: int, pages: dict[int, PageText], found: AreaFindings) -> int:
    header = lines[i]
    end = i + 1
    while end < len(lines) and not _ends_section(lines[end]) and header_kind(lines[end]) is None:
        end += 1
    body = lines[i + 1 : end]
    # repeated header rows on later pages are skipped; the boundary is measured per page
    left = _Column(found.strengths)
    right = _Column(found.improvements)
    first_page = True
    by_page: dict[int, list[Line]] = {}
    for ln in body:
        by_page.setdefault(ln.page, []).append(ln)
    for page_no, page_lines in by_page.items():
        x = _boundary(header, page_lines, pages[page_no])
        for ln in page_lines:
            left.add([w for w in ln.words if w.x0 < x], page_no)
            right.add([w for w in ln.words if w.x0 >= x], page_no)
        left.flush(continues=not first_page)
        right.flush(continues=not first_page)
        first_page = False
    return end


def _read_list(lines: list[Line], i: int, _pages: dict, found: AreaFindings) -> int:
    kind = header_kind(lines[i])
    col = _Column(found.strengths if kind == "strengths" else found.improvements)
    end = i + 1
    while end < len(lines) and not _ends_section(lines[end]) and header_kind(lines[end]) is None:
        if (
            re.match(r"^(\d+\.)?[1-8]\.?\s+[A-ZÅÄÖ]", lines[end].text)
            and not strip_bullet(lines[end].text)[0]
        ):
            break
        col.add(lines[end].words, lines[end].page)
        end += 1
    col.flush(continues=False)
    return end
