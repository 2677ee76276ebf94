"""Two PDF producers drawing the same laid-out pages differently.

reportlab: the standard Type 1 fonts (Helvetica/Times), WinAnsi encoding, not embedded.
fpdf2: an embedded, subsetted TrueType font (DejaVu) with a ToUnicode map, rulings as lines.
"""

from __future__ import annotations

import io
from pathlib import Path

from tests.fixturegen.layout import PAGE_H, PAGE_W, Measure, Page, Rule, Text

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


class ReportlabProducer:
    name = "reportlab"

    def __init__(self, font: str = "Helvetica"):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.font = font
        self.bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[font]
        self._sw = stringWidth

    def measure(self) -> Measure:
        return lambda text, bold, size: self._sw(text, self.bold if bold else self.font, size)

    def render(self, pages: list[Page], title: str) -> bytes:
        from reportlab.pdfgen.canvas import Canvas

        buf = io.BytesIO()
        c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
        c.setTitle(title)
        c.setCreator("kompass fixture generator (reportlab)")
        for page in pages:
            c.setLineWidth(0.5)
            for op in page.ops:
                if isinstance(op, Text):
                    c.setFont(self.bold if op.bold else self.font, op.size)
                    c.drawString(op.x, PAGE_H - op.y - op.size * 0.85, op.text)
                elif isinstance(op, Rule):
                    c.line(op.x0, PAGE_H - op.y0, op.x1, PAGE_H - op.y1)
            c.showPage()
        c.save()
        return buf.getvalue()


class FpdfProducer:
    name = "fpdf2"

    def __init__(self, font: str = "DejaVuSerif"):
        from fpdf import FPDF

        self.font = font
        self.pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
        self.pdf.set_creation_date(__import__("datetime").datetime(2020, 1, 1))
        self.pdf.add_font(font, "", str(DEJAVU / f"{font}.ttf"))
        self.pdf.add_font(font, "B", str(DEJAVU / f"{font}-Bold.ttf"))

    def measure(self) -> Measure:
        def m(text: str, bold: bool, size: float) -> float:
            self.pdf.set_font(self.font, "B" if bold else "", size)
            return self.pdf.get_string_width(text)

        return m

    def render(self, pages: list[Page], title: str) -> bytes:
        pdf = self.pdf
        pdf.set_title(title)
        pdf.set_creator("kompass fixture generator (fpdf2)")
        pdf.set_auto_page_break(False)
        pdf.set_line_width(0.6)
        for page in pages:
            pdf.add_page()
            for op in page.ops:
                if isinstance(op, Text):
                    pdf.set_font(self.font, "B" if op.bold else "", op.size)
                    pdf.text(op.x, op.y + op.size * 0.85, op.text)
                elif isinstance(op, Rule):
                    pdf.line(op.x0, op.y0, op.x1, op.y1)
        return bytes(pdf.output())


def producer(name: str, font: str | None = None):
    if name == "reportlab":
        return ReportlabProducer(font or "Helvetica")
    if name == "fpdf2":
        return FpdfProducer(font or "DejaVuSerif")
    raise ValueError(f"unknown producer {name!r}")
