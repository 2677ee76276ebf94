"""The default reader: pdfplumber (pdfminer.six underneath), the extractor the project is
specified around. Uses pdfplumber's own `chars`, `lines`, `rects` and `curves`."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

from parsers.reader import Char, RawPage, Rule, clean_font, clean_text, rule_from_box


def _color(value) -> tuple[int, int, int] | None:
    """pdfplumber's non-stroking colour (gray, RGB or CMYK floats) as 0–255 RGB."""
    if not isinstance(value, tuple | list) or not all(isinstance(v, int | float) for v in value):
        return None
    if len(value) == 1:
        g = round(value[0] * 255)
        return (g, g, g)
    if len(value) == 3:
        r, g, b = (round(v * 255) for v in value)
        return (r, g, b)
    if len(value) == 4:
        c, m, y, k = value
        return tuple(round(255 * (1 - v) * (1 - k)) for v in (c, m, y))  # type: ignore[return-value]
    return None


def _rules(page) -> list[Rule]:
    out: list[Rule] = []
    for obj in [*page.lines, *page.rects, *page.curves]:
        thin = rule_from_box(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        if thin is not None:
            out.append(thin)
            continue
        if not obj.get("stroke"):
            continue
        if obj["object_type"] == "rect":
            x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
            pts = [(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)]
        else:
            pts = list(obj.get("pts") or [])
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            rule = rule_from_box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            if rule is not None:
                out.append(rule)
    return out


def read_pages(data: bytes) -> Iterator[RawPage]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            # the baseline is the text matrix's origin, in the page's own coordinates
            y_origin = page.mediabox[3] if page.mediabox else page.height
            chars = [
                Char(
                    clean_text(ch["text"]),
                    ch["x0"] - page.mediabox[0],
                    ch["x1"] - page.mediabox[0],
                    y_origin - ch["matrix"][5],
                    ch["size"],
                    clean_font(ch.get("fontname") or ""),
                    _color(ch.get("non_stroking_color")),
                )
                for ch in page.chars
                if ch.get("upright", True)
            ]
            yield RawPage(number, float(page.width), float(page.height), chars, _rules(page))
            page.flush_cache()
