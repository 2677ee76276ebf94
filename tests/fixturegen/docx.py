"""Third producer: a Word document (python-docx) converted once with LibreOffice.

LibreOffice does its own line wrapping, table layout and font embedding, and writes bullets
from a symbol font, so this fixture is the closest to the Word/LibreOffice exports the parser
meets in the wild. Every spec page becomes one document page (explicit page breaks); the
generator checks that the PDF has exactly that many pages, so the expected pages hold.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.fixturegen.expected import expected_record
from tests.fixturegen.markup import expected_text


def _field(run, instr: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _valign(cell, where: str) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as V

    cell.vertical_alignment = {"first": V.TOP, "middle": V.CENTER, "last": V.BOTTOM}.get(
        where, V.CENTER
    )


def build_docx(spec: dict, out_docx: Path) -> dict:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    doc = Document()
    style = spec.get("style", {})
    normal = doc.styles["Normal"]
    normal.font.name = style.get("font", "Liberation Sans")
    normal.font.size = Pt(style.get("size", 10))
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.2)
    exp = spec["expected"]
    footer = sec.footer.paragraphs[0]
    footer.text = f"{exp.get('publisher') or ''}\t{exp.get('report_date') or ''}\t"
    run = footer.add_run()
    _field(run, "PAGE")
    footer.add_run(" (")
    _field(footer.add_run(), "NUMPAGES")
    footer.add_run(")")
    sec.different_first_page_header_footer = True

    placed: dict[tuple, int] = {}
    counters: dict[tuple[int, str], int] = {}
    for number, blocks in enumerate(spec["pages"], start=1):
        if number > 1:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        for block in blocks:
            (kind, body), *_ = block.items()
            if kind == "cover":
                for i, line in enumerate(body):
                    p = doc.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    r = p.add_run(line)
                    r.bold = True
                    r.font.size = Pt(26 if i == 0 else 16)
            elif kind == "text":
                for line in body.strip("\n").split("\n\n"):
                    text = " ".join(line.split())
                    if text[:1].isdigit():
                        doc.add_heading(text, level=2)
                    else:
                        doc.add_paragraph(text)
            elif kind == "history":
                placed[("history",)] = number
                t = doc.add_table(rows=0, cols=1 + len(body["years"]))
                t.style = "Table Grid"
                cells = t.add_row().cells
                cells[0].text = body["title"]
                for c, y in zip(cells[1:], body["years"], strict=True):
                    c.text = str(y)
                for r in body["rows"]:
                    cells = t.add_row().cells
                    cells[0].text = f"{r['number']}. {r['name']}"
                    for c, v in zip(cells[1:], r["points"], strict=True):
                        c.text = "" if v is None else str(v)
                        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                cells = t.add_row().cells
                cells[0].text = "Totalt"
                for c, v in zip(cells[1:], body["total"], strict=True):
                    c.text = str(v)
                    c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                doc.add_paragraph()
            elif kind == "scores":
                placed[("area", body["area"])] = number
                t = doc.add_table(rows=1, cols=4)
                t.style = "Table Grid"
                t.alignment = WD_TABLE_ALIGNMENT.LEFT
                hdr = t.rows[0].cells
                hdr[0].text = f"{body['label']} {body['name']}"
                for c, w in zip(hdr[1:], ("Uppnått", "Max", "Procent"), strict=True):
                    c.text = w
                for c in hdr:
                    for r in c.paragraphs[0].runs:
                        r.bold = True
                for row in body["rows"]:
                    placed[("question", row["id"])] = number
                    cells = t.add_row().cells
                    cells[0].text = f"{row['id']} {expected_text(row['text'])}"
                    vals = [row["points"], row["max"], f"{row['percent']}%"]
                    for c, v in zip(cells[1:], vals, strict=True):
                        c.text = str(v)
                        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                        _valign(c, str(row.get("numbers_line", "middle")))
                cells = t.add_row().cells
                for c, v in zip(
                    cells[1:], [*body["total"][:2], f"{body['total'][2]}%"], strict=True
                ):
                    c.text = str(v)
                    c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                widths = [Cm(10.2), Cm(2.0), Cm(2.0), Cm(2.4)]
                t.autofit = False
                for col, w in zip(t.columns, widths, strict=True):
                    col.width = w
                for r in t.rows:
                    for c, w in zip(r.cells, widths, strict=True):
                        c.width = w
                doc.add_paragraph()
            elif kind == "findings":
                area = body["area"]
                t = doc.add_table(rows=0, cols=2)
                t.style = "Table Grid" if style.get("rules", "grid") == "grid" else None
                if body.get("header", True):
                    cells = t.add_row().cells
                    for c, w in zip(cells, ("Styrkor", "Förbättringsmöjligheter"), strict=True):
                        c.text = w
                        c.paragraphs[0].runs[0].bold = True
                cells = t.add_row().cells
                for c, fkind, items in (
                    (cells[0], "strengths", body.get("left") or []),
                    (cells[1], "improvements", body.get("right") or []),
                ):
                    first = True
                    for item in items:
                        assert not item.startswith("…"), "docx fixtures do not split items"
                        placed[("finding", area, fkind, counters.get((area, fkind), 0))] = number
                        counters[(area, fkind)] = counters.get((area, fkind), 0) + 1
                        p = c.paragraphs[0] if first else c.add_paragraph()
                        p.style = doc.styles["List Bullet"]
                        p.add_run(expected_text(item))
                        first = False
                doc.add_paragraph()
            elif kind == "summary":
                placed[("summary",)] = number
                t = doc.add_table(rows=0, cols=3)
                t.style = "Table Grid"
                rows = [("Område", "Poäng", "Max")]
                rows += [
                    (f"{r['number']}. {r['name']}", *map(str, r["points"])) for r in body["rows"]
                ]
                rows.append(("Totalt", *map(str, body["total"])))
                for row in rows:
                    for c, v in zip(t.add_row().cells, row, strict=True):
                        c.text = v
            elif kind == "list":
                raise NotImplementedError("headed lists are made by the other producers")
    doc.save(out_docx)
    return placed


def build_docx_case(spec: dict, fixtures: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("the LibreOffice case needs soffice (Debian package libreoffice-writer)")
    case = spec["case"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{case}.docx"
        placed = build_docx(spec, src)
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = (Path(tmp) / f"{case}.pdf").read_bytes()
    import pypdfium2

    n_pages = len(pypdfium2.PdfDocument(pdf))
    if n_pages != len(spec["pages"]):
        raise SystemExit(
            f"{case}: LibreOffice made {n_pages} pages, the spec has {len(spec['pages'])}"
        )
    out = fixtures / f"{case}.pdf"
    out.write_bytes(pdf)
    record = expected_record(spec, pdf, n_pages, placed)
    (fixtures / f"{case}.expected.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    return out


def expected_docx_case(spec: dict, fixtures: Path) -> Path:
    """Rewrite only `<case>.expected.json` for the committed PDF (LibreOffice output differs
    byte-wise between runs, so the PDF is not remade when only the expected record changes)."""
    import pypdfium2

    case = spec["case"]
    pdf = (fixtures / f"{case}.pdf").read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        placed = build_docx(spec, Path(tmp) / f"{case}.docx")
    record = expected_record(spec, pdf, len(pypdfium2.PdfDocument(pdf)), placed)
    out = fixtures / f"{case}.expected.json"
    out.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return out
