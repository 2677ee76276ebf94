"""Small hostile PDFs built byte by byte: a text bomb on one page, a page tree naming one page
many times, a compressed stream that inflates far beyond its size, junk after %%EOF.

Each is a valid PDF by the letter (objects, xref table, trailer), so the PDF reader really
opens it: the limits, not a syntax error, must refuse it.
"""

from __future__ import annotations

import zlib
from pathlib import Path


def build(objects: list[bytes]) -> bytes:
    """A PDF with `objects` as objects 1..n (1 is the catalog) and a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_page_pdf(content: bytes) -> bytes:
    """One A4 page whose (compressed) content stream is `content`, font /F1 = Helvetica."""
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            FONT,
            stream(content),
        ]
    )


def text_bomb(chars: int) -> bytes:
    """One page with `chars` characters of text: compresses to almost nothing."""
    line = b"(" + b"A" * 1000 + b") Tj\n"
    body = b"BT /F1 1 Tf 10 800 Td\n" + line * (chars // 1000) + b"ET\n"
    return text_page_pdf(body)


def page_loop(times: int) -> bytes:
    """A page tree whose /Kids names one page `times` times."""
    kids = b" ".join([b"3 0 R"] * times)
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % times,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            FONT,
            stream(b"BT /F1 12 Tf 72 800 Td (Kommunkompassen) Tj ET\n"),
        ]
    )


def inflate_bomb(megabytes: int) -> bytes:
    """A content stream of spaces (harmless to a content parser) inflating to `megabytes` MB."""
    return text_page_pdf(b" " * (megabytes << 20))


def with_junk_after_eof(pdf: Path, size: int) -> bytes:
    """A good PDF with `size` bytes of junk after its %%EOF (what some servers append)."""
    junk = (b"<!-- served by a proxy -->\n" * (size // 26 + 1))[:size]
    return pdf.read_bytes() + junk


def _deflated_spaces(megabytes: int) -> bytes:
    """zlib of `megabytes` MB of spaces, built in pieces (no 300 MB string in memory)."""
    z = zlib.compressobj(9)
    block = b" " * (1 << 20)
    return b"".join(z.compress(block) for _ in range(megabytes)) + z.flush()


def _bomb_page(content_object: bytes, *extra: bytes) -> bytes:
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            FONT,
            content_object,
            *extra,
        ]
    )


def inflate_bypasses(megabytes: int = 300) -> dict[str, bytes]:
    """Content streams inflating to `megabytes` MB that a scan of the bytes just before
    `stream` did not see (issue 28, 7): labelled an image, the filter as an indirect
    reference, the filter more than 2048 bytes before `stream`."""
    data = _deflated_spaces(megabytes)
    n = len(data)
    pad = b" /Padding (" + b"x" * 4000 + b")"
    return {
        "bypass-image-subtype": _bomb_page(
            b"<< /Length %d /Subtype /Image /Filter /FlateDecode >>\nstream\n" % n
            + data
            + b"\nendstream"
        ),
        "bypass-indirect-filter": _bomb_page(
            b"<< /Length %d /Filter 6 0 R >>\nstream\n" % n + data + b"\nendstream",
            b"/FlateDecode",
        ),
        "bypass-far-filter": _bomb_page(
            b"<< /Filter /FlateDecode /Length %d%s >>\nstream\n" % (n, pad) + data + b"\nendstream"
        ),
    }
