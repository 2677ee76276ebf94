"""Bad inputs: each must be refused with a one-line error naming the file."""

from __future__ import annotations

import io
from pathlib import Path


def _simple_pdf(lines: list[str], encrypt: bool = False) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    kwargs = {}
    if encrypt:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption("secret", ownerPassword="owner", canPrint=0)
    c = Canvas(buf, invariant=1, **kwargs)
    y = 780
    for line in lines:
        c.setFont("Helvetica", 11)
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def _scanned_pdf() -> bytes:
    """A page that is only an image of text, as a scanner makes it."""
    # a tiny grey bitmap stands in for the scan; what matters is that there is no text layer
    import struct
    import zlib

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    w, h = 40, 20
    raw = b"".join(b"\x00" + bytes((x * 5 + y * 3) % 256 for x in range(w)) for y in range(h))
    png = b"\x89PNG\r\n\x1a\n"

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(png)), 50, 300, width=500, height=250)
    c.showPage()
    c.save()
    return buf.getvalue()


def _unknown_instrument_pdf() -> bytes:
    """A well-formed report whose eight area names belong to no instrument version."""
    from tests.fixturegen.layout import layout
    from tests.fixturegen.producers import producer
    from tests.fixturegen.synth import synth_spec

    names = [
        "Ekonomi",
        "Skola",
        "Vård och omsorg",
        "Miljö",
        "Kultur",
        "Fritid",
        "Trafik",
        "Bostäder",
    ]
    spec = synth_spec(
        {
            "case": "unknown-instrument",
            "producer": "reportlab",
            "seed": 1,
            "municipality": {"name": "Mora", "code": "2062", "county": "Dalarnas län"},
            "year": 2018,
            "names": dict(enumerate(names, start=1)),
            "history_years": [],
        }
    )
    prod = producer("reportlab")
    pages, _ = layout(spec, prod.measure())
    return prod.render(pages, title="unknown instrument")


def build(folder: Path, fixtures: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = (fixtures / "norsjo-2018.pdf").read_bytes()
    files = {
        "empty.pdf": b"",
        "not-a-pdf.pdf": b"PK\x03\x04 this is a zip archive, not a PDF\n" + bytes(range(256)),
        "html-error-page.pdf": (
            b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
            b"<body><h1>Sidan kunde inte hittas</h1></body></html>\n"
        ),
        "truncated.pdf": good[: len(good) // 3],
        # looks complete (header and end marker) but the body is noise
        "corrupt.pdf": b"%PDF-1.4\n" + bytes((i * 37) % 256 for i in range(4000)) + b"\n%%EOF\n",
        "encrypted.pdf": _simple_pdf(["Kommunkompassen", "Norsjö kommun 2018"], encrypt=True),
        "scanned.pdf": _scanned_pdf(),
        "unknown-instrument.pdf": _unknown_instrument_pdf(),
        "unrelated.pdf": _simple_pdf(
            [
                "Protokoll från kommunfullmäktige i Norsjö kommun",
                "2018-11-12",
                "§ 1 Val av justerare",
            ]
        ),
    }
    out = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out.append(path)
    return out
