"""Seeded scans of text PDFs: what a report that exists only on paper looks like (issue 24).

Each page is rendered at 200 dpi in grey (PDFium), rotated by up to ±0.6°, given light noise and
blur, saved as JPEG and assembled with img2pdf: an image per page and no text layer, like the
early Kommunkompassen reports that were scanned. The result depends only on (PDF, seed).

    .venv/bin/python -m tests.fixturegen.scan IN.pdf OUT.pdf [--seed S]
"""

from __future__ import annotations

import argparse
import io
import random
from datetime import UTC, datetime
from pathlib import Path

#: How the paper is scanned: resolution, tilt, grain, softness and compression.
DPI = 200
MAX_ROTATION_DEG = 0.6
NOISE_SIGMA = 6.0  # grey levels (of 255), Gaussian
BLUR_RADIUS = 0.5  # pixels
JPEG_QUALITY = 80
#: The scan's creation date in its metadata (fixed, so a scan's bytes depend on the seed only).
SCAN_DATE = datetime(2002, 1, 1, tzinfo=UTC)


def scan_page(image, rng: random.Random):  # PIL.Image in, PIL.Image out
    import numpy as np
    from PIL import Image, ImageFilter

    grey = image.convert("L")
    angle = rng.uniform(-MAX_ROTATION_DEG, MAX_ROTATION_DEG)
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    grey = grey.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    noise = np.random.default_rng(rng.getrandbits(32)).normal(0.0, NOISE_SIGMA, grey.size[::-1])
    pixels = np.clip(np.asarray(grey, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, mode="L")


def scan_pdf(data: bytes, seed: int = 0, dpi: int = DPI) -> bytes:
    """An image-only PDF (JPEG pages, no text) made from the PDF `data`; same seed, same bytes."""
    import img2pdf
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(data)
    jpegs: list[bytes] = []
    try:
        for page in pdf:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = scan_page(bitmap.to_pil(), rng)
            buf = io.BytesIO()
            image.save(buf, format="JPEG", quality=JPEG_QUALITY, dpi=(dpi, dpi))
            jpegs.append(buf.getvalue())
    finally:
        pdf.close()
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    # the same bytes for the same seed: fixed dates (None means "now") and img2pdf's own
    # writer, whose file ID is a hash of the content (pikepdf's is random)
    return img2pdf.convert(
        jpegs,
        layout_fun=layout,
        creationdate=SCAN_DATE,
        moddate=SCAN_DATE,
        engine=img2pdf.Engine.internal,
    )


def scan_file(src: Path, dst: Path, seed: int = 0) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(scan_pdf(src.read_bytes(), seed))
    return dst


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    scan_file(args.src, args.dst, args.seed)


if __name__ == "__main__":
    main()
