"""Producer-independent page layout for the reportlab and fpdf2 fixtures.

Turns a spec's pages into positioned text runs and ruling lines (top-left origin, points) and
records on which page every scored question, finding and table landed, so the expected record
can say so. A producer only measures strings and draws what this module placed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fixturegen.markup import forced_lines

PAGE_W, PAGE_H = 595.0, 842.0
HEADING = re.compile(r"^(\d\.|\d(\.\d){1,2})\s+[A-ZÅÄÖ]")

Measure = Callable[[str, bool, float], float]  # (text, bold, size) -> width


@dataclass
class Text:
    x: float
    y: float  # top of the line box
    text: str
    size: float
    bold: bool = False


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    ops: list[Text | Rule] = field(default_factory=list)


@dataclass
class Placed:
    """Where things landed: keys are ("area", n), ("question", id), ("finding", n, kind, i)."""

    pages: dict[tuple, int] = field(default_factory=dict)


@dataclass
class Style:
    size: float = 9.5
    rules: str = "grid"  # grid | none | horizontal
    numbers_align: str = "right"  # right | center
    numbers_valign: str | None = None  # default for rows without numbers_line: first|middle|last
    margin_left: float = 70.0
    margin_right: float = 60.0
    margin_top: float = 60.0
    margin_bottom: float = 70.0
    text_col: float = 0.64  # share of the width for question text in a score table
    left_col: float = 0.5  # share of the width for the findings table's left column
    item_gap: float = 0.5  # blank space between bullets, in lines
    bullet_indent: float = 12.0
    headers: tuple[str, str] = ("Styrkor", "Förbättringsmöjligheter")
    score_headers: tuple[str, str, str] = ("Uppnått", "Max", "Procent")
    footer: str | None = None
    footer_from_page: int = 2

    @classmethod
    def from_spec(cls, d: dict[str, Any]) -> Style:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        for k in ("headers", "score_headers"):
            if k in known:
                known[k] = tuple(known[k])
        return cls(**known)

    @property
    def width(self) -> float:
        return PAGE_W - self.margin_left - self.margin_right


class Layout:
    def __init__(self, style: Style, measure: Measure):
        self.s = style
        self.measure = measure
        self.placed = Placed()
        self.footer_values: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------------------
    def wrap(self, line: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Break a line at spaces so it fits `width` (a forced line that fits stays as is)."""
        if self.measure(line, bold, size) <= width:
            return [line]
        out, cur = [], ""
        for word in line.split(" "):
            trial = f"{cur} {word}".strip()
            if cur and self.measure(trial, bold, size) > width:
                out.append(cur)
                cur = word
            else:
                cur = trial
        out.append(cur)
        return out

    def cell_lines(self, marked: str, width: float, size: float) -> list[str]:
        lines: list[str] = []
        for forced in forced_lines(marked):
            lines.extend(self.wrap(forced, width, size))
        return lines

    def number_x(self, col_x: float, col_w: float, text: str, size: float) -> float:
        w = self.measure(text, False, size)
        if self.s.numbers_align == "center":
            return col_x + (col_w - w) / 2
        return col_x + col_w - w - 4

    def box(self, ops: list, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.s.rules == "grid":
            ops += [
                Rule(x0, y0, x1, y0),
                Rule(x0, y1, x1, y1),
                Rule(x0, y0, x0, y1),
                Rule(x1, y0, x1, y1),
            ]
        elif self.s.rules == "horizontal":
            ops += [Rule(x0, y1, x1, y1)]

    # -- pages ---------------------------------------------------------------------------
    def pages(self, spec_pages: list[list[dict]]) -> list[Page]:
        out = []
        for number, blocks in enumerate(spec_pages, start=1):
            avail = PAGE_H - self.s.margin_top - self.s.margin_bottom
            page, height = self.page(blocks, number, 1.0)
            if height > avail:  # squeeze a full page rather than move text to another page
                page, height = self.page(blocks, number, max(0.55, avail / height))
                if height > avail * 1.02:
                    raise ValueError(f"page {number} overflows ({height:.0f} > {avail:.0f})")
            out.append(page)
        total = len(out)
        for number, page in enumerate(out, start=1):
            if self.s.footer and number >= self.s.footer_from_page:
                self.footer(page, number, total)
        return out

    def footer(self, page: Page, n: int, m: int) -> None:
        size = self.s.size * 0.85
        text = self.s.footer.format(n=n, m=m, **self.footer_values)
        y = PAGE_H - self.s.margin_bottom + 28
        parts = [p for p in re.split(r"\s{3,}", text) if p]
        if len(parts) == 1:
            w = self.measure(parts[0], False, size)
            page.ops.append(Text(PAGE_W - self.s.margin_right - w, y, parts[0], size))
            return
        xs = [self.s.margin_left]
        if len(parts) == 3:
            xs.append(self.s.margin_left + self.s.width * 0.55)
        last_w = self.measure(parts[-1], False, size)
        xs.append(PAGE_W - self.s.margin_right - last_w)
        for x, p in zip(xs, parts, strict=True):
            page.ops.append(Text(x, y, p, size))

    def page(self, blocks: list[dict], number: int, scale: float) -> tuple[Page, float]:
        page = Page()
        self.scale = scale
        self.size = self.s.size * scale
        self.lead = self.size * 1.3
        self.number = number
        y = self.s.margin_top
        for block in blocks:
            (kind, body), *_ = block.items()
            y = getattr(self, f"block_{kind}")(page.ops, y, body)
        return page, y - self.s.margin_top

    # -- blocks --------------------------------------------------------------------------
    def block_cover(self, ops: list, y: float, lines: list[str]) -> float:
        y += 180
        for i, line in enumerate(lines):
            size = 28 if i == 0 else 16
            w = self.measure(line, True, size)
            ops.append(Text((PAGE_W - w) / 2, y, line, size, bold=True))
            y += size * 1.8
        return y

    def block_text(self, ops: list, y: float, text: str) -> float:
        x = self.s.margin_left
        for line in text.split("\n"):
            if not line.strip():
                y += self.lead * 0.5
                continue
            bold = bool(HEADING.match(line)) and len(line) < 70
            size = self.size * (1.1 if bold else 1.0)
            while self.measure(line, bold, size) > self.s.width and size > 4:
                size *= 0.95
            if bold:
                y += self.lead * 0.3
            ops.append(Text(x, y, line, size, bold))
            y += self.lead * (1.15 if bold else 1.0)
        return y

    def block_toc(self, ops: list, y: float, entries: list) -> float:
        x0, x1 = self.s.margin_left, PAGE_W - self.s.margin_right
        for title, page in entries:
            ops.append(Text(x0, y, title, self.size))
            num = str(page)
            w = self.measure(num, False, self.size)
            ops.append(Text(x1 - w, y, num, self.size))
            start = x0 + self.measure(title, False, self.size) + 6
            dots = "." * max(0, int((x1 - w - 6 - start) / self.measure(".", False, self.size)))
            ops.append(Text(start, y, dots, self.size))
            y += self.lead * 1.4
        return y

    def block_history(self, ops: list, y: float, h: dict) -> float:
        self.placed.pages[("history",)] = self.number
        x0, width = self.s.margin_left, self.s.width
        years = h["years"]
        ycol = 52.0
        name_w = width - ycol * len(years)
        pad, lead = 3.0, self.lead
        rows = [(h["title"], [str(v) for v in years], True)]
        label = h.get("number_style", "{n}. {name}")
        for r in h["rows"]:
            vals = ["" if v is None else str(v) for v in r["points"]]
            rows.append((label.format(n=r["number"], name=r["name"]), vals, False))
        totals = ["" if v is None else str(v) for v in h["total"]]
        rows.append((h.get("total_label", "Totalt"), totals, True))
        for text, vals, bold in rows:
            top = y
            ops.append(Text(x0 + pad, y + pad, text, self.size, bold))
            for i, v in enumerate(vals):
                cx = x0 + name_w + i * ycol
                if v:
                    ops.append(
                        Text(self.number_x(cx, ycol, v, self.size), y + pad, v, self.size, bold)
                    )
            y += lead + 2 * pad
            self.box(ops, x0, top, x0 + width, y)
            if self.s.rules == "grid":
                for i in range(len(years)):
                    cx = x0 + name_w + i * ycol
                    ops.append(Rule(cx, top, cx, y))
        return y + lead

    def block_summary(self, ops: list, y: float, t: dict) -> float:
        """The closing "Poängsammanställning" of older reports: area, points, max."""
        self.placed.pages[("summary",)] = self.number
        x0, width = self.s.margin_left, self.s.width
        col = 60.0
        name_w = width - 2 * col
        pad, lead = 3.0, self.lead
        rows = [("Område", ["Poäng", "Max"], True)]
        rows += [
            (f"{r['number']}. {r['name']}", [str(v) for v in r["points"]], False) for r in t["rows"]
        ]
        rows.append(("Totalt", [str(v) for v in t["total"]], True))
        for text, vals, bold in rows:
            top = y
            ops.append(Text(x0 + pad, y + pad, text, self.size, bold))
            for i, v in enumerate(vals):
                cx = x0 + name_w + i * col
                ops.append(Text(self.number_x(cx, col, v, self.size), y + pad, v, self.size, bold))
            y += lead + 2 * pad
            self.box(ops, x0, top, x0 + width, y)
        return y + lead

    def block_scores(self, ops: list, y: float, t: dict) -> float:
        area = t["area"]
        self.placed.pages[("area", area)] = self.number
        x0, width = self.s.margin_left, self.s.width
        text_w = width * self.s.text_col
        num_w = (width - text_w) / 3
        cols = [x0 + text_w + i * num_w for i in range(3)]
        pad, lead = 3.0, self.lead

        def rules(top: float, bottom: float) -> None:
            self.box(ops, x0, top, x0 + width, bottom)
            if self.s.rules == "grid":
                for cx in cols:
                    ops.append(Rule(cx, top, cx, bottom))

        # header row
        top = y
        head = f"{t['label']} {t['name']}" if t.get("label") else t["name"]
        head_lines = self.cell_lines(head, text_w - 2 * pad, self.size)
        for i, line in enumerate(head_lines):
            ops.append(Text(x0 + pad, y + pad + i * lead, line, self.size, True))
        for cx, word in zip(cols, self.s.score_headers, strict=True):
            w = self.measure(word, True, self.size)
            hx = cx + (num_w - w) / 2 if self.s.numbers_align == "center" else cx + num_w - w - 4
            ops.append(Text(hx, y + pad, word, self.size, True))
        y += len(head_lines) * lead + 2 * pad
        rules(top, y)
        for row in t["rows"]:
            top = y
            lines = self.cell_lines(f"{row['id']} {row['text']}", text_w - 2 * pad, self.size)
            self.placed.pages[("question", row["id"])] = self.number
            at = row.get("numbers_line", self.s.numbers_valign or "first")
            n = len(lines)
            extra = 1 if at == "below" else 0
            for i, line in enumerate(lines):
                ops.append(Text(x0 + pad, y + pad + i * lead, line, self.size))
            if at == "below":
                ny = y + pad + n * lead
            elif at == "middle":
                ny = y + pad + (n - 1) * lead / 2
            elif at == "last":
                ny = y + pad + (n - 1) * lead
            elif at == "first":
                ny = y + pad
            else:
                ny = y + pad + (int(at) - 1) * lead
            values = [row["points"], row["max"], row.get("percent")]
            self.numbers(ops, cols, num_w, ny, values)
            y += (n + extra) * lead + 2 * pad
            rules(top, y)
        top = y
        if t.get("total_label"):
            ops.append(Text(x0 + pad, y + pad, t["total_label"], self.size, True))
        self.numbers(ops, cols, num_w, y + pad, t["total"])
        y += lead + 2 * pad
        rules(top, y)
        return y + lead

    def numbers(self, ops: list, cols: list[float], w: float, y: float, values: list) -> None:
        for i, (cx, v) in enumerate(zip(cols, values, strict=True)):
            if v is None:
                continue
            text = f"{v}%" if i == 2 else str(v)
            ops.append(Text(self.number_x(cx, w, text, self.size), y, text, self.size))

    def block_findings(self, ops: list, y: float, f: dict) -> float:
        area = f["area"]
        x0, width = self.s.margin_left, self.s.width
        lw = width * self.s.left_col
        pad, lead = 5.0, self.lead
        top = y
        if f.get("header", True):
            for cx, word in zip((x0, x0 + lw), self.s.headers, strict=True):
                ops.append(Text(cx + pad, y + pad, word, self.size, True))
            y += lead + 2 * pad
            if self.s.rules in ("grid", "horizontal"):
                ops.append(Rule(x0, y, x0 + width, y))
        body_top = y
        bottoms = []
        bullet = f.get("bullet", "•")
        for kind, cx, cw in (("strengths", x0, lw), ("improvements", x0 + lw, width - lw)):
            items = f.get("left" if kind == "strengths" else "right") or []
            index = self.counters.get((area, kind), 0)
            yy = body_top + pad
            for item in items:
                cont = item.startswith("…")  # continues an item begun on the previous page
                text = item[1:] if cont else item
                if not cont:
                    self.placed.pages[("finding", area, kind, index)] = self.number
                    index += 1
                    if bullet:
                        ops.append(Text(cx + pad, yy, bullet, self.size))
                indent = self.s.bullet_indent if bullet else 0
                for line in self.cell_lines(text, cw - 2 * pad - indent, self.size):
                    ops.append(Text(cx + pad + indent, yy, line, self.size))
                    yy += lead
                yy += lead * self.s.item_gap
            self.counters[(area, kind)] = index
            bottoms.append(yy)
        y = max(bottoms) + pad
        if self.s.rules == "grid":
            ops += [
                Rule(x0, top, x0 + width, top),
                Rule(x0, y, x0 + width, y),
                Rule(x0, top, x0, y),
                Rule(x0 + width, top, x0 + width, y),
                Rule(x0 + lw, top, x0 + lw, y),
            ]
        elif self.s.rules == "horizontal":
            ops.append(Rule(x0, y, x0 + width, y))
        return y + lead

    counters: dict[tuple[int, str], int]

    def block_list(self, ops: list, y: float, f: dict) -> float:
        """Findings as a headed bullet list: "Styrkor" then bullets, one kind per block."""
        area, kind = f["area"], f["kind"]
        x0 = self.s.margin_left
        if f.get("heading"):
            ops.append(Text(x0, y, f["heading"], self.size, True))
            y += self.lead * 1.3
        bullet = f.get("bullet", "•")
        start = self.counters.get((area, kind), 0)
        indent = self.s.bullet_indent if bullet else 0
        for i, item in enumerate(f["items"]):
            self.placed.pages[("finding", area, kind, start + i)] = self.number
            if bullet:
                ops.append(Text(x0 + 4, y, bullet, self.size))
            for line in self.cell_lines(item, self.s.width - indent - 4, self.size):
                ops.append(Text(x0 + 4 + indent, y, line, self.size))
                y += self.lead
            y += self.lead * self.s.item_gap
        self.counters[(area, kind)] = start + len(f["items"])
        return y + self.lead * 0.5


def layout(spec: dict, measure: Measure) -> tuple[list[Page], Placed]:
    style = Style.from_spec(spec.get("style", {}))
    lay = Layout(style, measure)
    lay.counters = {}
    exp = spec["expected"]
    lay.footer_values = {
        "publisher": exp.get("publisher") or "",
        "date": exp.get("report_date") or "",
    }
    pages = lay.pages(spec["pages"])
    return pages, lay.placed
