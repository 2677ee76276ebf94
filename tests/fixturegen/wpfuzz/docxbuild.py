"""Spec + layout → a .docx the way a report writer would make it in Word.

Nothing here decides a page break, a row split or a line wrap: those are left to LibreOffice
when it converts the document, which is the point of the fuzzer. Raw OOXML (docx.oxml) is used
where python-docx has no API: field codes, row properties, borders, cell margins, numbering.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as VALIGN
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from tests.fixturegen.wpfuzz.content import LEAD_INS, AreaSpec, Spec, percent
from tests.fixturegen.wpfuzz.layout import Layout

MARGINS = {"narrow": (1.5, 1.8), "normal": (2.5, 2.5), "wide": (3.0, 3.2)}  # top/bottom, sides
PAGES = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94), "A5": (14.8, 21.0)}  # width, height cm
ZEBRA = "DEEAF6"  # a light blue every other row (table_fill="zebra")
NUM_ID = 90
LABEL_ID = 91  # numbered lists (issue 21): abstract numbering 91, one w:num per restart
LETTERS = "abcdefghijklmnopqrstuvwxyz"
QUESTION_NR_CM = 1.3  # the score table's number column (question_column): "3.12" and padding
CELL_PADDING_CM = 0.38  # Word's default cell margins, 0.19 cm on each side
BLUE = RGBColor(0x1F, 0x4E, 0x79)
ROLES = [
    "Demokratisk arena",
    "Producent av tjänster",
    "Arbetsgivare",
    "Utvecklare av lokalsamhället",
]


@cache
def _font_file(family: str) -> str:
    return subprocess.run(
        ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True
    ).stdout


def text_width_cm(text: str, family: str, size: float, bold: bool = False) -> float:
    """Printed width of `text`: to size a column so that its longest word just does not fit,
    or so that a header word ("Uppnått") does."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    face = f"{family}:bold" if bold else family
    name = f"wpfuzz-{face}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, _font_file(face)))
    return pdfmetrics.stringWidth(text, name, size) / 72 * 2.54


def genitive(name: str) -> str:
    return name if name[-1] in "sxzSXZ" else name + "s"


def _el(tag: str, **attrs: str) -> OxmlElement:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _field(paragraph, instr: str) -> None:
    run = paragraph.add_run()
    for kind in ("begin", "instr", "separate", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
        else:
            el = _el("w:fldChar", fldCharType=kind)
        run._r.append(el)
    if instr == "PAGE":
        pass


def _border(paragraph, side: str) -> None:
    """A paragraph border (a rule across the text width) on one side."""
    ppr = paragraph._p.get_or_add_pPr()
    bdr = _el("w:pBdr")
    bdr.append(_el(f"w:{side}", val="single", sz="6", space="4", color="808080"))
    ppr.append(bdr)


def _set_font(style_or_run_font, name: str) -> None:
    """Set a font by name and drop theme fonts, which would otherwise win in Word."""
    style_or_run_font.name = name
    rpr = style_or_run_font.element.rPr if hasattr(style_or_run_font, "element") else None
    if rpr is not None and rpr.rFonts is not None:
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rpr.rFonts.attrib.pop(qn(f"w:{attr}"), None)
        rpr.rFonts.set(qn("w:cs"), name)


class Builder:
    def __init__(self, spec: Spec, layout: Layout):
        self.spec, self.lay = spec, layout
        self.doc = Document()
        tb, side = MARGINS[layout.margins]
        page_w, page_h = PAGES[layout.page_size]
        if layout.page_size == "A5":  # margins scaled to the smaller page
            tb, side = 0.7 * tb, 0.7 * side
        if layout.orientation == "landscape":
            page_w, page_h = page_h, page_w
        self.width_cm = page_w - 2 * side
        sec = self.doc.sections[0]
        if layout.orientation == "landscape":
            from docx.enum.section import WD_ORIENT

            sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_height, sec.page_width = Cm(page_h), Cm(page_w)
        sec.left_margin = sec.right_margin = Cm(side)
        sec.top_margin = sec.bottom_margin = Cm(tb)
        sec.header_distance = sec.footer_distance = Cm(min(1.25, tb - 0.4))
        self._styles()
        self._numbering()

    # --- styles ------------------------------------------------------------------------------
    def _styles(self) -> None:
        lay = self.lay
        for name in ("Header", "Footer"):  # the template's tab stops assume US Letter
            ppr = self.doc.styles[name].element.pPr
            tabs = ppr.find(qn("w:tabs")) if ppr is not None else None
            if tabs is not None:
                ppr.remove(tabs)
        normal = self.doc.styles["Normal"]
        _set_font(normal.font, lay.font)
        normal.font.size = Pt(lay.size)
        normal.paragraph_format.space_after = Pt(lay.para_space)
        if lay.line_spacing != 1.0:
            normal.paragraph_format.line_spacing = lay.line_spacing
        if lay.justified:
            normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for name, size in (
            ("Heading 1", lay.size + 5),
            ("Heading 2", lay.size + 3),
            ("Heading 3", lay.size + 1),
        ):
            st = self.doc.styles[name]
            _set_font(st.font, lay.font)
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.italic = False
            st.font.small_caps = lay.heading_case == "small_caps"
            st.font.color.rgb = BLUE if lay.subheadings == "colour" else RGBColor(0, 0, 0)
            st.paragraph_format.keep_with_next = lay.keep_with_next
            st.paragraph_format.space_before = Pt(12)
            st.paragraph_format.space_after = Pt(4)

    def _numbering(self) -> None:
        glyph, font = {
            "•": ("\uf0b7", "Symbol"),
            "wingdings": ("\uf0a7", "Wingdings"),
        }.get(self.lay.glyph, (self.lay.glyph, self.lay.font))
        fmt = "bullet"
        if self.lay.list_format == "decimal":  # a numbered Word list: "1.", "2.", …
            glyph, font, fmt = "%1.", self.lay.font, "decimal"
        numbering = self.doc.part.numbering_part.element
        absn = _el("w:abstractNum", abstractNumId=str(NUM_ID))
        absn.append(_el("w:multiLevelType", val="hybridMultilevel"))
        lvl = _el("w:lvl", ilvl="0")
        for tag, val in (
            ("w:start", "1"),
            ("w:numFmt", fmt),
            ("w:lvlText", glyph),
            ("w:lvlJc", "left"),
        ):
            lvl.append(_el(tag, val=val))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", left="360", hanging="360"))
        lvl.append(ppr)
        rpr = _el("w:rPr")
        rpr.append(_el("w:rFonts", ascii=font, hAnsi=font, hint="default"))
        lvl.append(rpr)
        absn.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            numbering.append(absn)
        num = _el("w:num", numId=str(NUM_ID))
        num.append(_el("w:abstractNumId", val=str(NUM_ID)))
        numbering.append(num)
        self.numbering_el = numbering
        self.num_id = NUM_ID
        self.counter = 0
        if self.lay.list_label != "bullet":
            fmt, text = {
                "decimal": ("decimal", "%1."),
                "decimal_paren": ("decimal", "%1)"),
                "letter": ("lowerLetter", "%1)"),
            }[self.lay.list_label]
            absl = _el("w:abstractNum", abstractNumId=str(LABEL_ID))
            absl.append(_el("w:multiLevelType", val="hybridMultilevel"))
            lvl = _el("w:lvl", ilvl="0")
            for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
                lvl.append(_el(tag, val=val))
            lvl.append(_el("w:lvlJc", val="left"))
            ppr = _el("w:pPr")
            ppr.append(_el("w:ind", left="425", hanging="425"))
            lvl.append(ppr)
            absl.append(lvl)
            absn.addnext(absl)
            self.next_num = 200
            self.new_list(force=True)

    def new_list(self, force: bool = False) -> None:
        """A new list starts: Word's automatic numbering "decimal" runs on over the whole
        document (as Word does unless told to restart); "1)" and "a)" lists restart."""
        lay = self.lay
        if lay.list_label == "bullet" or (lay.list_label == "decimal" and not force):
            return
        self.counter = 0
        self.num_id = self.next_num
        self.next_num += 1
        num = _el("w:num", numId=str(self.num_id))
        num.append(_el("w:abstractNumId", val=str(LABEL_ID)))
        over = _el("w:lvlOverride", ilvl="0")
        over.append(_el("w:startOverride", val="1"))
        num.append(over)
        self.numbering_el.append(num)

    def label(self) -> str:
        self.counter += 1
        n = self.counter
        return {
            "decimal": f"{n}.",
            "decimal_paren": f"{n})",
            "letter": f"{LETTERS[(n - 1) % 26]})",
        }[self.lay.list_label]

    def text_runs(self, p, text: str) -> list:
        """The item's text; a lead-in ("Medborgardialog:") in bold."""
        head, sep, rest = text.partition(": ")
        if self.lay.lead_ins and sep and head in LEAD_INS:
            b = p.add_run(head + ":")
            b.bold = True
            return [b, p.add_run(" " + rest)]
        return [p.add_run(text)]

    # --- small pieces --------------------------------------------------------------------------
    def para(self, text: str = "", container=None, **fmt):
        c = container if container is not None else self.doc
        p = c.add_paragraph()
        if text:
            r = p.add_run(text)
            if fmt.get("bold"):
                r.bold = True
            if fmt.get("size"):
                r.font.size = Pt(fmt["size"])
            if fmt.get("colour"):
                r.font.color.rgb = fmt["colour"]
        if fmt.get("align") == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def cased(self, text: str) -> str:
        return text.upper() if self.lay.heading_case == "upper" else text

    def heading(self, text: str, level: int, page_break: bool = False):
        p = self.doc.add_paragraph(self.cased(text), style=f"Heading {level}")
        if page_break:
            p.paragraph_format.page_break_before = True
        return p

    def subheading(self, number: str, text: str):
        lay = self.lay
        if lay.subheadings == "numbered":
            return self.heading(f"{number} {text}", 3)
        p = self.doc.add_paragraph()
        p.paragraph_format.keep_with_next = lay.keep_with_next
        p.paragraph_format.space_before = Pt(10)
        r = p.add_run(self.cased(text))
        r.font.small_caps = lay.heading_case == "small_caps"
        if lay.subheadings == "bold":
            r.bold = True
        elif lay.subheadings == "large":
            r.font.size = Pt(lay.size + 2)
        else:
            r.font.color.rgb = BLUE
        return p

    def bullet(self, text: str, container=None, size: float | None = None, first: bool = False):
        """One bullet item; in a table cell the first item reuses the cell's empty paragraph."""
        lay = self.lay
        if container is not None and first:
            p = container.paragraphs[0]
        else:
            p = (container if container is not None else self.doc).add_paragraph()
        pf = p.paragraph_format
        pf.space_after = Pt(3 if lay.bullet != "none" else 8)
        runs = []
        if lay.bullet in ("typed_tab", "typed_hanging"):
            if lay.list_label != "bullet":
                g = p.add_run(self.label())
            elif lay.glyph == "wingdings":
                g = p.add_run("\uf0a7")
                g.font.name = "Wingdings"
            else:
                g = p.add_run(lay.glyph)
            runs.append(g)
            runs.append(p.add_run("\t"))
            runs += self.text_runs(p, text)
            pf.tab_stops.add_tab_stop(Cm(0.6))
            if lay.bullet == "typed_hanging":
                pf.left_indent = Cm(0.6)
                pf.first_line_indent = Cm(-0.6)
        elif lay.bullet == "word_list":
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0
            numpr.get_or_add_numId().val = NUM_ID if lay.list_label == "bullet" else self.num_id
            runs += self.text_runs(p, text)
        else:
            runs += self.text_runs(p, text)
        if size:
            for r in runs:
                r.font.size = Pt(size)
        return p

    def table(self, rows: int, cols: int, widths_cm: list[float], rules: str):
        t = self.doc.add_table(rows=rows, cols=cols)
        t.autofit = False
        tblpr = t._tbl.tblPr
        tblpr.append(_el("w:tblLayout", type="fixed"))
        if rules == "grid":
            t.style = self.doc.styles["Table Grid"]
        elif rules == "horizontal":
            borders = _el("w:tblBorders")
            for side in ("top", "bottom", "insideH"):
                borders.append(_el(f"w:{side}", val="single", sz="4", space="0", color="808080"))
            tblpr.append(borders)
        for row in t.rows:
            self.row_props(row)
            for cell, w in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(w)
        for col, w in zip(t.columns, widths_cm, strict=True):
            col.width = Cm(w)
        if len(t.rows):
            self.fill_row(t.rows[0], 0)
        return t

    def fill_row(self, row, index: int) -> None:
        """Table shading (table_fill): a dark header row with white text, or zebra rows."""
        fill = self.lay.table_fill
        if fill == "header" and index == 0:
            colour = "1F4E79"
        elif fill == "zebra" and index % 2 == 1:
            colour = ZEBRA
        else:
            return
        for cell in row.cells:
            tcpr = cell._tc.get_or_add_tcPr()
            tcpr.append(_el("w:shd", val="clear", color="auto", fill=colour))

    def add_row(self, t, widths_cm: list[float], may_split: bool = False):
        row = t.add_row()
        self.row_props(row, may_split=may_split)
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)
        self.fill_row(row, len(t.rows) - 1)
        return row

    def row_props(self, row, header: bool = False, may_split: bool = False) -> None:
        trpr = row._tr.get_or_add_trPr()
        if not self.lay.row_split and not may_split and trpr.find(qn("w:cantSplit")) is None:
            trpr.append(_el("w:cantSplit"))
        if header and self.lay.repeat_header:
            trpr.append(_el("w:tblHeader"))

    def cell_text(self, cell, text: str, bold: bool = False, align: str | None = None) -> None:
        p = cell.paragraphs[0]
        r = p.add_run(text)
        r.bold = bold
        if self.lay.table_fill == "header" and self._is_header_cell(cell):
            r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(2)

    @staticmethod
    def _is_header_cell(cell) -> bool:
        shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
        return shd is not None and shd.get(qn("w:fill")) == "1F4E79"

    # --- document parts ----------------------------------------------------------------------
    def furniture(self) -> None:
        s, lay = self.spec, self.lay
        sec = self.doc.sections[0]
        sec.different_first_page_header_footer = True
        w = Cm(self.width_cm)
        fp = sec.footer.paragraphs[0]
        fp.paragraph_format.tab_stops.add_tab_stop(w, WD_TAB_ALIGNMENT.RIGHT)
        if lay.footer == "tabs":
            fp.paragraph_format.tab_stops.add_tab_stop(
                Cm(self.width_cm / 2), WD_TAB_ALIGNMENT.CENTER
            )
            fp.add_run(f"{s.publisher}\t{s.report_date}\t")
        else:
            fp.add_run(f"{s.publisher} {s.report_date}\t")
        if lay.footer_style == "sida_av":
            fp.add_run("Sida ")
            _field(fp, "PAGE")
            fp.add_run(" av ")
            _field(fp, "NUMPAGES")
        else:
            _field(fp, "PAGE")
            fp.add_run(" (")
            _field(fp, "NUMPAGES")
            fp.add_run(")")
        if lay.footer_style == "ruled":
            _border(fp, "top")
        for r in fp.runs:
            r.font.size = Pt(max(8, lay.size - 2))
        if lay.running_header:
            hp = sec.header.paragraphs[0]
            hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            r = hp.add_run(f"Kommunkompassen {s.year} – {s.kommun.name} kommun")
            r.font.size = Pt(max(8, lay.size - 2))
            r.italic = True
            if lay.footer_style == "ruled":
                _border(hp, "bottom")

    def cover(self) -> None:
        s = self.spec
        self.para("", align="center")
        self.para("KommunKompassen", bold=True, size=30, align="center")
        self.para("Analys av", size=16, align="center")
        self.para(f"{s.kommun.name} kommun", bold=True, size=24, align="center")
        self.para(str(s.year), size=16, align="center")
        for _ in range(6):
            self.para("")
        self.para("Utvärderare: " + " och ".join(s.evaluators), align="center")
        p = self.para(s.publisher, align="center")
        p.add_run().add_break(WD_BREAK.PAGE)

    def numbered(self) -> bool:
        return self.lay.area_heading == "numbered"

    def area_title(self, a: AreaSpec) -> str:
        if self.lay.area_heading == "omrade":
            return f"Område {a.number} {a.name}"
        if self.lay.area_heading == "numbered":
            return f"4.{a.number} {a.name}"
        return f"{a.number}. {a.name}"

    def contents(self) -> None:
        s = self.spec
        self.para("Innehåll", bold=True, size=self.lay.size + 5)
        n = self.lay.area_heading == "numbered"
        entries = [
            ("1 " if n else "") + "Vad är Kommunkompassen?",
            ("2 " if n else "") + f"{s.kommun.name} kommun",
            ("3 " if n else "") + f"Sammanfattning av {genitive(s.kommun.name)} resultat",
            ("4 " if n else "") + "Detaljerad genomgång av de åtta områdena",
            *[self.area_title(a) for a in s.areas],
        ]
        if self.lay.summary != "none":
            entries.append(self.summary_title())
        for i, e in enumerate(entries):
            p = self.doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(
                Cm(self.width_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            p.add_run(f"{e}\t{3 + i + 2 * max(0, i - 4)}")
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def summary_title(self) -> str:
        return {
            "oversikt": "Översikt av poängfördelning",
            "poangsammanstallning": "Poängsammanställning",
        }[self.lay.summary]

    def intro(self) -> None:
        s = self.spec
        n = self.numbered()
        self.heading(("1. " if n else "") + "Vad är Kommunkompassen?", 1)
        self.para(
            "Kommunkompassen är ett verktyg för utvärdering och analys av kommuners sätt att "
            "arbeta. Kommunkompassen analyserar en kommun utifrån fyra roller:"
        )
        self.new_list()
        for role in ROLES:
            self.bullet(role)
        self.para(s.intro[0])
        self.heading(("2. " if n else "") + f"{s.kommun.name} kommun", 1)
        self.para(f"{s.kommun.name} kommun ligger i {s.kommun.county}. {s.intro[1]}")
        self.heading(
            ("3. " if n else "") + f"Sammanfattning av {genitive(s.kommun.name)} resultat", 1
        )
        self.para(
            f"Utvärderingen av {s.kommun.name} kommun genomfördes under {s.year}. Nedan visas "
            "kommunens poäng per område."
        )
        if s.history_years:
            self.history()
        self.para("Poängen ska ses i ljuset av att bedömningskriterierna har skärpts över tid.")
        self.heading(("4. " if n else "") + "Detaljerad genomgång av de åtta områdena", 1)

    def history(self) -> None:
        s, lay = self.spec, self.lay
        if lay.history_label == "narrow":  # the longest word breaks inside itself, others fit
            longest = max((w for a in s.areas for w in a.history_name.split()), key=len)
            label = 0.9 * text_width_cm(longest, lay.font, lay.size) + 0.38
        else:
            label = min(8.0, self.width_cm - 2.0 * len(s.history_years))
        if lay.history_header == "wrapped":  # "Poäng i" / "Kommunkompassen" on two lines
            word = text_width_cm("Kommunkompassen", lay.font, lay.size, bold=True) + 0.5
            label = min(label, word) if lay.history_label == "narrow" else word
        widths = [label] + [1.8] * len(s.history_years)
        if lay.history_form == "tabs":
            self.history_tabs()
            return
        if lay.history_orientation == "years_as_rows":
            self.history_transposed()
            return
        t = self.table(
            1, len(widths), widths, "grid" if lay.score_rules == "grid" else lay.score_rules
        )
        self.row_props(t.rows[0], header=True)
        hdr = t.rows[0].cells
        self.cell_text(hdr[0], "Poäng i Kommunkompassen", bold=True)
        for c, y in zip(hdr[1:], s.history_years, strict=True):
            self.cell_text(c, str(y), bold=True, align="right")
        for i, a in enumerate(s.areas):
            cells = self.add_row(t, widths).cells
            self.cell_text(cells[0], f"{a.number}. {a.history_name}")
            for c, y in zip(cells[1:], s.history_years, strict=True):
                self.cell_text(c, str(s.history[y][i]), align="right")
        cells = self.add_row(t, widths).cells
        self.cell_text(cells[0], "Totalt", bold=True)
        for c, y in zip(cells[1:], s.history_years, strict=True):
            self.cell_text(c, str(sum(s.history[y])), bold=True, align="right")

    def history_transposed(self) -> None:
        """The history typed the other way round (generation 4): the area numbers as column
        titles, one row per year, the total in the last column. The table's own first cell
        is "År", so the title the normal table carries in its first header cell stands as a
        bold line just above it, as an author would keep it."""
        s, lay = self.spec, self.lay
        p = self.para("Poäng i Kommunkompassen", bold=True)
        p.paragraph_format.keep_with_next = True
        # the total column at least as wide as its title; the area columns share the rest
        year = 1.6
        total = text_width_cm("Totalt", lay.font, lay.size, bold=True) + 0.45
        share = (self.width_cm - year) / (len(s.areas) + 1)
        total = max(share, total)
        area = (self.width_cm - year - total) / len(s.areas)
        widths = [year] + [area] * len(s.areas) + [total]
        t = self.table(
            1, len(widths), widths, "grid" if lay.score_rules == "grid" else lay.score_rules
        )
        self.row_props(t.rows[0], header=True)
        hdr = t.rows[0].cells
        self.cell_text(hdr[0], "År", bold=True)
        for c, a in zip(hdr[1:-1], s.areas, strict=True):
            self.cell_text(c, str(a.number), bold=True, align="right")
        self.cell_text(hdr[-1], "Totalt", bold=True, align="right")
        for y in s.history_years:
            cells = self.add_row(t, widths).cells
            self.cell_text(cells[0], str(y))
            for c, v in zip(cells[1:-1], s.history[y], strict=True):
                self.cell_text(c, str(v), align="right")
            self.cell_text(cells[-1], str(sum(s.history[y])), bold=True, align="right")

    def history_tabs(self) -> None:
        """The history as paragraphs with right-aligned tab stops: a table by alignment only.
        A label cannot wrap there, so the first stop is set after the longest label (in a
        smaller size if the page is too narrow), as an author would."""
        s, lay = self.spec, self.lay
        n = len(s.history_years)
        labels = ["Poäng i Kommunkompassen"] + [f"{a.number}. {a.history_name}" for a in s.areas]
        size = lay.size
        while True:
            label = max(text_width_cm(t, lay.font, size, bold=True) for t in labels) + 0.4
            col = min(1.8, (self.width_cm - label) / n)
            if col >= 1.2 or size <= 7:
                break
            size -= 0.5
        stops = [label + col * (i + 1) for i in range(n)]

        def row(cells: list[str], bold: bool = False) -> None:
            p = self.doc.add_paragraph()
            pf = p.paragraph_format
            pf.space_after = Pt(2)
            pf.keep_with_next = True
            pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
            for x in stops:
                pf.tab_stops.add_tab_stop(Cm(x), WD_TAB_ALIGNMENT.RIGHT)
            r = p.add_run("\t".join(cells))
            r.bold = bold
            r.font.size = Pt(size)

        row(["Poäng i Kommunkompassen", *map(str, s.history_years)], bold=True)
        for i, a in enumerate(s.areas):
            row([f"{a.number}. {a.history_name}", *(str(s.history[y][i]) for y in s.history_years)])
        row(["Totalt", *(str(sum(s.history[y])) for y in s.history_years)], bold=True)

    def fact_box(self, a: AreaSpec) -> None:
        """A framed box (Word's text frame) at the right margin, the text wrapping around it."""
        p = self.doc.add_paragraph()
        ppr = p._p.get_or_add_pPr()
        frame = _el(
            "w:framePr",
            w=str(int(min(4.5, self.width_cm / 3) / 2.54 * 1440)),
            wrap="around",
            vAnchor="text",
            hAnchor="margin",
            xAlign="right",
            y="1",
            hSpace="284",
        )
        ppr.insert(0, frame)
        bdr = _el("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            bdr.append(_el(f"w:{side}", val="single", sz="6", space="4", color="1F4E79"))
        ppr.append(bdr)
        r = p.add_run("Faktaruta: ")
        r.bold = True
        p.add_run(f"Område {a.number} bedöms utifrån {len(a.questions)} frågor.")
        for run in p.runs:
            run.font.size = Pt(max(8, self.lay.size - 1))

    def area(self, a: AreaSpec) -> None:
        lay = self.lay
        self.heading(self.area_title(a), 2, page_break=lay.area_page_break)
        pre = f"4.{a.number}."
        self.subheading(pre + "1", "Allmänt")
        if lay.text_box:
            self.fact_box(a)
        for text in a.general:
            self.para(text)
        self.subheading(pre + "2", "Delpoäng")
        self.score_table(a)
        self.para("")
        self.subheading(pre + "3", f"Styrkor och {lay.findings_header.lower()}")
        if lay.findings_columns == 2:
            self.newspaper(a)
        else:
            self.findings(a)
        self.subheading(pre + "4", "Kommentar")
        for text in a.comment:
            self.para(text)
        if a.inspiration:
            self.subheading(pre + "5", "Inspiration")
            names = a.inspiration
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
            self.para(f"Kommuner som har fått höga poäng inom området ”{a.name}” är {listed}.")

    def score_table(self, a: AreaSpec, header: bool = True, total: bool = True) -> None:
        """`header`/`total` False: without the header row / the total row (damage.py)."""
        lay = self.lay
        titles = {
            "classic": ("Uppnått", "Max", "Procent"),
            "fraga": ("Poäng", "Maxpoäng", "Andel"),
            "percent_sign": ("Poäng", "Max", "%"),
        }[lay.score_header]
        if lay.score_header == "fraga":  # the area's name on a line of its own above the table
            p = self.para(f"Område {a.number} {a.name} – delpoäng", bold=True)
            p.paragraph_format.keep_with_next = True
        word = max(
            text_width_cm(w, lay.font, lay.size, bold=True) for w in ("Uppnått", "Procent", *titles)
        )
        num = word + 0.45  # cell padding 0.19 cm each side, and some air
        # extra width, as long as the question column keeps 55 % (no author squeezes it more)
        num += max(0.0, min(lay.number_col, 0.15 * self.width_cm - num))
        widths = [self.width_cm - 3 * num, num, num, num]
        # question_column (generation 4): the question numbers in a narrow column of their
        # own ("Nr"), taken from the question column; `q` is the question text's column
        q = 1 if lay.question_column else 0
        if q:
            widths = [QUESTION_NR_CM, widths[0] - QUESTION_NR_CM, *widths[1:]]
        t = self.table(1 if header else 0, len(widths), widths, lay.score_rules)
        if header:
            self.row_props(t.rows[0], header=True)
            hdr = t.rows[0].cells
            if q:
                self.cell_text(hdr[0], "Nr", bold=True)
            label = f"{a.number}{'.' if lay.table_label == 'n.' else ''} {a.name}"
            self.cell_text(hdr[q], "Fråga" if lay.score_header == "fraga" else label, bold=True)
            for c, w in zip(hdr[q + 1 :], titles, strict=True):
                self.cell_text(c, w, bold=True, align="center")
        va = {"top": VALIGN.TOP, "center": VALIGN.CENTER, "bottom": VALIGN.BOTTOM}[lay.valign]
        for question in a.questions:
            cells = self.add_row(t, widths).cells
            if q:
                self.cell_text(cells[0], question.id)
                self.cell_text(cells[1], question.text)
            else:
                self.cell_text(cells[0], f"{question.id} {question.text}")
            values = (question.points, question.max, self.pct(question.percent))
            for c, v in zip(cells[q + 1 :], values, strict=True):
                self.cell_text(c, str(v), align="center")
                c.vertical_alignment = va
        if not total:
            return
        cells = self.add_row(t, widths).cells
        if lay.score_header == "fraga":
            self.cell_text(cells[q], f"Summa område {a.number}", bold=True)
        elif lay.total_label:
            self.cell_text(cells[q], lay.total_label, bold=True)
        for c, v in zip(
            cells[q + 1 :], (a.points, a.max, self.pct(percent(a.points, a.max))), strict=True
        ):
            self.cell_text(c, str(v), bold=True, align="center")

    def pct(self, v: int) -> str:
        if self.lay.score_header == "percent_sign":
            return str(v)
        return f"{v}%" if self.lay.percent_style == "85%" else f"{v} %"

    def set_columns(self, section, n: int) -> None:
        sectpr = section._sectPr
        cols = sectpr.find(qn("w:cols"))
        if cols is None:
            cols = _el("w:cols")
            sectpr.append(cols)
        cols.set(qn("w:num"), str(n))
        cols.set(qn("w:space"), "567")  # 1 cm gutter

    def newspaper(self, a: AreaSpec) -> None:
        """The findings as headed lists in a two-column section between two continuous
        section breaks (Word's "Columns: Two" on a selection): the list flows from the left
        column into the right one (LibreOffice balances the columns) and over pages."""
        self.set_columns(self.doc.add_section(WD_SECTION.CONTINUOUS), 2)
        head = ("Styrkor", self.lay.findings_header)
        for title, items in zip(head, (a.strengths, a.improvements), strict=True):
            p = self.para(title, bold=True)
            p.paragraph_format.keep_with_next = True
            self.new_list()
            for item in items:
                self.bullet(item)
        self.set_columns(self.doc.add_section(WD_SECTION.CONTINUOUS), 1)

    def findings(self, a: AreaSpec) -> None:
        lay = self.lay
        rules = "grid" if lay.findings_rules else "none"
        head = ("Styrkor", lay.findings_header)
        if lay.findings_titles == "left":
            self.findings_left(a)
            return
        if lay.findings == "lists":
            for title, items in zip(head, (a.strengths, a.improvements), strict=True):
                p = self.para(title, bold=True)
                p.paragraph_format.keep_with_next = True
                self.new_list()
                for item in items:
                    self.bullet(item)
            return
        if lay.findings == "stacked":
            for title, items in zip(head, (a.strengths, a.improvements), strict=True):
                widths = [self.width_cm]
                t = self.table(1, 1, widths, rules)
                self.row_props(t.rows[0], header=True)
                self.cell_text(t.rows[0].cells[0], title, bold=True)
                self.fill_column(t, 0, items, widths, right=False)
                self.para("")
            return
        half = self.width_cm / 2
        widths = [half, half]
        t = self.table(1, 2, widths, rules)
        self.row_props(t.rows[0], header=True)
        for c, title in zip(t.rows[0].cells, head, strict=True):
            self.cell_text(c, title, bold=True)
        if lay.cell_items == "one_cell":
            # a row holding every item can be taller than a page: LibreOffice then clips a row
            # that may not split, so such a row always may
            row = self.add_row(t, widths, may_split=True)
            for col, items in enumerate((a.strengths, a.improvements)):
                self.new_list()
                for i, item in enumerate(items):
                    self.item_in_cell(row.cells[col], item, i == 0, right=col == 1)
        else:
            for i in range(max(len(a.strengths), len(a.improvements))):
                row = self.add_row(t, widths)
                for col, items in enumerate((a.strengths, a.improvements)):
                    if i < len(items):
                        self.item_in_cell(row.cells[col], items[i], True, right=col == 1)
        self.para("")

    def findings_left(self, a: AreaSpec) -> None:
        """The findings as one table titled in its left column (generation 4): "Styrkor" and
        the improvements' title as row headers, the items beside them. The title column is
        sized to the long title (bold, plus cell padding) times `findings_title_fit`: at
        0.75 the title cannot fit and breaks inside the word, as Word breaks a word wider
        than its cell. A row of items stands where a side-by-side table's right column
        would, but with no column beside it to be offset from, so `column_offset` does not
        apply (as in the stacked tables)."""
        lay = self.lay
        title = text_width_cm(lay.findings_header, lay.font, lay.size, bold=True) + CELL_PADDING_CM
        left = lay.findings_title_fit * title
        widths = [left, self.width_cm - left]
        t = self.table(0, 2, widths, "grid" if lay.findings_rules else "none")
        head = ("Styrkor", lay.findings_header)
        for title_text, items in zip(head, (a.strengths, a.improvements), strict=True):
            self.new_list()
            if lay.cell_items == "one_cell":  # a row with every item may split, see findings()
                row = self.left_row(t, widths, may_split=True)
                self.cell_text(row.cells[0], title_text, bold=True)
                for i, item in enumerate(items):
                    self.item_in_cell(row.cells[1], item, i == 0, right=False)
                continue
            # one row per item, the title in its group's first row only; a group without
            # items (damage.py's empty cell) keeps its title row
            for i in range(max(1, len(items))):
                row = self.left_row(t, widths)
                if i == 0:
                    self.cell_text(row.cells[0], title_text, bold=True)
                if i < len(items):
                    self.item_in_cell(row.cells[1], items[i], True, right=False)
        self.para("")

    def left_row(self, t, widths: list[float], may_split: bool = False):
        """A row of the left-titled findings table. It has no header row: a dark header
        fill (table_fill="header") shades the title column instead (cell_text then writes the
        title white), zebra rows alternate."""
        row = t.add_row()
        self.row_props(row, may_split=may_split)
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Cm(w)
        index = len(t.rows) - 1
        if self.lay.table_fill == "zebra" and index % 2 == 1:
            self.fill_row(row, index)
        elif self.lay.table_fill == "header":
            tcpr = row.cells[0]._tc.get_or_add_tcPr()
            tcpr.append(_el("w:shd", val="clear", color="auto", fill="1F4E79"))
        return row

    def fill_column(self, t, col: int, items: list[str], widths: list[float], right: bool) -> None:
        self.new_list()
        if self.lay.cell_items == "one_cell":
            row = self.add_row(t, widths, may_split=True)  # see findings()
            for i, item in enumerate(items):
                self.item_in_cell(row.cells[col], item, i == 0, right)
        else:
            for item in items:
                row = self.add_row(t, widths)
                self.item_in_cell(row.cells[col], item, True, right)

    def item_in_cell(self, cell, text: str, first: bool, right: bool) -> None:
        lay = self.lay
        size = None
        if right and lay.column_offset == "font_size":
            size = lay.size - 1
        p = self.bullet(text, container=cell, size=size, first=first)
        if not right or not first:
            return
        shift = Pt(round(lay.size * 1.17 * lay.offset_frac, 1))
        if lay.column_offset == "space_before":
            p.paragraph_format.space_before = shift
        elif lay.column_offset == "cell_margin":
            tcpr = cell._tc.get_or_add_tcPr()
            mar = _el("w:tcMar")
            mar.append(_el("w:top", w=str(int(shift.pt * 20)), type="dxa"))
            tcpr.append(mar)

    def closing(self) -> None:
        s, lay = self.spec, self.lay
        if lay.summary != "none":
            self.heading(self.summary_title(), 1)
            widths = [min(9.0, self.width_cm - 4), 2.0, 2.0]
            t = self.table(1, 3, widths, "grid" if lay.score_rules != "none" else "none")
            self.row_props(t.rows[0], header=True)
            for c, w in zip(t.rows[0].cells, ("Område", "Poäng", "Max"), strict=True):
                self.cell_text(c, w, bold=True)
            for a in s.areas:
                cells = self.add_row(t, widths).cells
                self.cell_text(cells[0], f"{a.number}. {a.name}")
                self.cell_text(cells[1], str(a.points), align="right")
                self.cell_text(cells[2], str(a.max), align="right")
            cells = self.add_row(t, widths).cells
            self.cell_text(cells[0], "Totalt", bold=True)
            self.cell_text(cells[1], str(s.total), bold=True, align="right")
            self.cell_text(cells[2], str(sum(a.max for a in s.areas)), bold=True, align="right")
        self.heading(f"Kortfakta om {s.kommun.name} kommun", 1)
        self.para(f"{s.kommun.name} kommun ligger i {s.kommun.county}.")

    def build(self, out: Path) -> Path:
        self.furniture()
        self.cover()
        self.contents()
        self.intro()
        for a in self.spec.areas:
            self.area(a)
        self.closing()
        self.doc.save(out)
        return out


def build_docx(spec: Spec, layout: Layout, out: Path) -> Path:
    return Builder(spec, layout).build(out)
