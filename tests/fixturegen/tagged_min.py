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
