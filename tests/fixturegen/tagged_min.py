"""The smallest tagged PDF with a paragraph continued on the next page (issue 23):
tests/fixtures/tags/tagged-page-break.pdf, for the upstream report on pdfplumber's structure tree.

One `P` element whose /K holds two marked-content references, MCID 0 on page 1 and MCID 0 on
page 2 (each with its /Pg), and one `P` wholly on page 2 (MCID 1). A correct reading gives the
first P the text "First half" on page 1 and "second half" on page 2.

    python -m tests.fixturegen.tagged_min [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path


def _stream(text: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream"


def make() -> bytes:
    page1 = b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (First half) Tj ET EMC"
    page2 = (
        b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (second half) Tj ET EMC\n"
        b"/P <</MCID 1>> BDC BT /F1 12 Tf 72 680 Td (Own paragraph) Tj ET EMC"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 8 0 R /MarkInfo << /Marked true >> >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        b" /Resources << /Font << /F1 7 0 R >> >> /StructParents 0 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R"
        b" /Resources << /Font << /F1 7 0 R >> >> /StructParents 1 >>",
        _stream(page1),
        _stream(page2),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /StructTreeRoot /K [9 0 R] /ParentTree 12 0 R /ParentTreeNextKey 2 >>",
        b"<< /Type /StructElem /S /Document /P 8 0 R /K [10 0 R 11 0 R] >>",
        b"<< /Type /StructElem /S /P /P 9 0 R /Pg 3 0 R"
        b" /K [<< /Type /MCR /Pg 3 0 R /MCID 0 >> << /Type /MCR /Pg 4 0 R /MCID 0 >>] >>",
        b"<< /Type /StructElem /S /P /P 9 0 R /Pg 4 0 R /K [1] >>",
        b"<< /Nums [0 [10 0 R] 1 [10 0 R 11 0 R]] >>",
    ]
    return _assemble(objects)


def make_soft_hyphen() -> bytes:
    """A paragraph broken over three lines at a compound's own hyphen ("webb-" /
    "sändningar") and at a hyphenation break ("verksam" + "-" / "heten"), as LibreOffice tags
    them: the break's hyphen in a /Span whose /ActualText is U+00AD (MCID 1), the compound's
    in the paragraph's content (MCID 0). A second paragraph prints "Webbsändningar" whole, so
    that the document's words alone would call "webb-" a break too."""
    page = (
        b"BT /F1 10 Tf 1 0 0 1 72 700 Tm\n"
        b"/P <</MCID 0>> BDC (Kommunen s\\344nder webb-) Tj 1 0 0 1 72 686 Tm"
        b" (s\\344ndningar och verksam) Tj EMC\n"
        b"/Span <</MCID 1>> BDC (-) Tj EMC\n"
        b"/P <</MCID 2>> BDC 1 0 0 1 72 672 Tm (heten f\\366ljs upp.) Tj EMC\n"
        b"/P <</MCID 3>> BDC 1 0 0 1 72 640 Tm (Webbs\\344ndningar finns.) Tj EMC\n"
        b"ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 6 0 R /MarkInfo << /Marked true >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> /StructParents 0 >>",
        _stream(page),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /StructTreeRoot /K [7 0 R] /ParentTree 11 0 R /ParentTreeNextKey 1 >>",
        b"<< /Type /StructElem /S /Document /P 6 0 R /K [8 0 R 10 0 R] >>",
        b"<< /Type /StructElem /S /P /P 7 0 R /Pg 3 0 R /K [0 9 0 R 2] >>",
        b"<< /Type /StructElem /S /Span /P 8 0 R /Pg 3 0 R /K [1] /ActualText <FEFF00AD> >>",
        b"<< /Type /StructElem /S /P /P 7 0 R /Pg 3 0 R /K [3] >>",
        b"<< /Nums [0 [8 0 R 9 0 R 8 0 R 10 0 R]] >>",
    ]
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    """Objects 1… in order, with their cross-reference table and trailer (object 1 the root)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/tags/tagged-page-break.pdf")
    target.write_bytes(make())
    print(f"wrote {target}")
