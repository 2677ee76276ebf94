"""The fast reader: PDFium through pypdfium2 (opt-in with `--reader pdfium`).

PDFium's C++ text layer is about four times faster than pdfminer. It reports the same printed
characters, plus characters it *generates* (inferred spaces and line ends) which are skipped, so
both readers give the layout code the same input.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

from parsers.reader import (
    SOFT_HYPHEN,
    Char,
    Mark,
    RawPage,
    Rule,
    StructPath,
    clean_font,
    clean_text,
    rule_from_box,
)

_WHITESPACE = frozenset((0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x2002, 0x2003, 0x2009))


def _chars(page, height: float) -> list[Char]:
    """Printed characters. Font name, size and colour belong to the text object, so they are
    asked once per object, not per character (PDFium calls through ctypes dominate)."""
    import pypdfium2.raw as c

    tp = page.get_textpage()
    raw = tp.raw
    out: list[Char] = []
    rect = c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    flags = ctypes.c_int()
    name = ctypes.create_string_buffer(128)
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    styles: dict[
        int | None, tuple[float, float, str, tuple[int, int, int] | None, int | None, bool]
    ] = {}
    get_unicode, is_generated = c.FPDFText_GetUnicode, c.FPDFText_IsGenerated
    get_box, get_origin = c.FPDFText_GetLooseCharBox, c.FPDFText_GetCharOrigin
    get_object = c.FPDFText_GetTextObject
    try:
        for i in range(c.FPDFText_CountChars(raw)):
            code = get_unicode(raw, i)
            if code == 0 or (code in _WHITESPACE and is_generated(raw, i) == 1):
                continue
            if not get_box(raw, i, box_ref):
                continue
            key = ctypes.cast(get_object(raw, i), ctypes.c_void_p).value
            style = styles.get(key)
            if style is None:
                # one text object shows its characters with one font, size, colour and
                # baseline: asked once per object
                get_origin(raw, i, ox_ref, oy_ref)
                c.FPDFText_GetFontInfo(raw, i, name, 128, ctypes.byref(flags))
                color = None
                if c.FPDFText_GetFillColor(
                    raw, i, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
                ):
                    color = (r.value, g.value, b.value)
                font = clean_font(name.value.decode("utf-8", "replace"))
                obj = get_object(raw, i)
                style = (
                    height - oy.value,
                    c.FPDFText_GetFontSize(raw, i),
                    font,
                    color,
                    *_marks(obj),
                )
                if key is not None:
                    styles[key] = style
            out.append(Char(clean_text(chr(code)), rect.left, rect.right, *style))
    finally:
        tp.close()
    return out


def _marks(obj) -> tuple[int | None, bool]:
    """A text object's MCID (of its innermost mark with one) and whether it is an artifact."""
    import pypdfium2.raw as c

    if not obj:
        return None, False
    mcid = c.FPDFPageObj_GetMarkedContentID(obj)
    artifact = False
    buf = ctypes.create_string_buffer(64)
    size = ctypes.c_ulong()
    for k in range(max(0, c.FPDFPageObj_CountMarks(obj))):
        mark = c.FPDFPageObj_GetMark(obj, k)
        wide = ctypes.cast(buf, ctypes.POINTER(c.FPDF_WCHAR))
        if mark and c.FPDFPageObjMark_GetName(mark, wide, 64, ctypes.byref(size)):
            artifact = artifact or buf.raw[: max(0, size.value - 2)].decode("utf-16-le") == (
                "Artifact"
            )
    return (mcid if mcid >= 0 else None), artifact


def _type(elem) -> str:
    """A structure element's type, through the /RoleMap (FPDF_StructElement_GetType)."""
    import pypdfium2.raw as c

    n = c.FPDF_StructElement_GetType(elem, None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    c.FPDF_StructElement_GetType(elem, buf, n)
    return buf.raw[: n - 2].decode("utf-16-le", "replace")


def _actual_text(elem) -> str | None:
    """A structure element's /ActualText (FPDF_StructElement_GetActualText), or None."""
    import pypdfium2.raw as c

    n = c.FPDF_StructElement_GetActualText(elem, None, 0)
    if n <= 2:
        return None
    buf = ctypes.create_string_buffer(n)
    c.FPDF_StructElement_GetActualText(elem, buf, n)
    return buf.raw[: n - 2].decode("utf-16-le", "replace")


def _structure(page, soft: set[int] | None = None) -> list[Mark]:
    """The page's marked-content references, from PDFium's structure tree for the page.

    PDFium builds a page's tree from the page's /StructParents entry of the /ParentTree and
    keeps only the references to this page (an element crossing a page break is in both
    pages' trees, with each page's own MCIDs); children keep their /K index, so an element's
    path is the same on every page and in pdfminer's whole-document walk. The MCIDs of
    elements whose /ActualText is a soft hyphen go into `soft` (`reader.soft_hyphens`)."""
    import pypdfium2.raw as c

    from parsers.reader_pdfplumber import MAX_DEPTH, MAX_ELEMENTS

    out: list[Mark] = []
    tree = c.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return out
    visited = 0
    try:
        todo: list[tuple[object, StructPath]] = []
        for i in reversed(range(c.FPDF_StructTree_CountChildren(tree))):
            elem = c.FPDF_StructTree_GetChildAtIndex(tree, i)
            if elem:
                todo.append((elem, ((i, _type(elem)),)))
        while todo and visited < MAX_ELEMENTS:
            elem, path = todo.pop()
            visited += 1
            if len(path) > MAX_DEPTH:
                continue
            children = []
            shy = soft is not None and _actual_text(elem) == SOFT_HYPHEN
            for k in range(max(0, c.FPDF_StructElement_CountChildren(elem))):
                mcid = c.FPDF_StructElement_GetChildMarkedContentID(elem, k)
                if mcid >= 0:
                    out.append((path, k, mcid))
                    if shy:
                        soft.add(mcid)
                    continue
                child = c.FPDF_StructElement_GetChildAtIndex(elem, k)
                if child:
                    children.append((child, (*path, (k, _type(child)))))
            todo.extend(reversed(children))
    finally:
        c.FPDF_StructTree_Close(tree)
    return out


def has_structure_tree(pdf) -> bool:
    """Does the document catalog have a /StructTreeRoot? (PDFium has no direct call: a
    tagged PDF says so in /MarkInfo, and PDFium exposes FPDFCatalog_IsTagged.)"""
    import pypdfium2.raw as c

    return bool(c.FPDFCatalog_IsTagged(pdf.raw))


def _rules(page, height: float) -> list[Rule]:
    """Thin path objects, or the straight edges of stroked ones (bounds shrunk by half the
    stroke width, which PDFium includes and pdfminer does not)."""
    import pypdfium2.raw as c

    out: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    width = ctypes.c_float()
    m = c.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_PATH], max_depth=2):
        raw = obj.raw
        c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill), ctypes.byref(stroke))
        half = 0.0
        if stroke.value and c.FPDFPageObj_GetStrokeWidth(raw, ctypes.byref(width)):
            half = width.value / 2
        left, low, right, high = obj.get_bounds()
        box = (left + half, height - high + half, right - half, height - low - half)
        thin = rule_from_box(*box) if box[2] >= box[0] and box[3] >= box[1] else None
        if thin is not None:
            out.append(thin)
            continue
        if not stroke.value or obj.level > 0 or not c.FPDFPageObj_GetMatrix(raw, m):
            continue
        start = prev = None
        for k in range(c.FPDFPath_CountSegments(raw)):
            seg = c.FPDFPath_GetPathSegment(raw, k)
            c.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py))
            point = (
                m.a * px.value + m.c * py.value + m.e,
                height - (m.b * px.value + m.d * py.value + m.f),
            )
            kind = c.FPDFPathSegment_GetType(seg)
            segments = []
            if kind == c.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == c.FPDF_SEGMENT_LINETO and prev is not None:
                segments.append((prev, point))
            prev = point
            if c.FPDFPathSegment_GetClose(seg) and start is not None:
                segments.append((prev, start))
                prev = start
            for (ax, ay), (bx, by) in segments:
                rule = rule_from_box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
                if rule is not None:
                    out.append(rule)
    return out


def _images(page, height: float) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) of the page's image objects."""
    import pypdfium2.raw as c

    out = []
    for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, low, right, high = obj.get_bounds()
        out.append((left, height - high, right, height - low))
    return out


def read_pages(data: bytes) -> Iterator[RawPage]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        tagged = has_structure_tree(pdf)
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                height = page.get_height()
                raw = RawPage(
                    number, page.get_width(), height, _chars(page, height), _rules(page, height)
                )
                raw.marks = _structure(page, raw.soft_hyphens) if tagged else None
                raw.images = _images(page, height)
                yield raw
            finally:
                page.close()
    finally:
        pdf.close()
