"""The default reader: pdfplumber (pdfminer.six underneath), the extractor the project is
specified around. Uses pdfplumber's own `chars`, `lines`, `rects` and `curves`."""

from __future__ import annotations

import io
import itertools
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


#: Bounds on a structure tree walk (hostile files): elements visited, and nesting depth.
MAX_ELEMENTS = 200_000
MAX_DEPTH = 64


def structure_marks(
    doc, page_ids: dict[int, int], soft: dict[int, set[int]] | None = None
) -> dict[int, list[Mark]] | None:
    """The structure tree's marked-content references per page number, walked from the raw
    /K entries: an integer kid is an MCID on its element's /Pg page, an MCR dictionary names
    its own /Pg (else the element's). This, not pdfplumber's `structure_tree`, because that
    files every piece of an element under its first page and drops from a page's own tree an
    element that began on an earlier page (issue 23). Types go through the /RoleMap one step,
    as PDFium's FPDF_StructElement_GetType does. The MCIDs of elements whose /ActualText is
    a soft hyphen go into `soft` per page (`reader.soft_hyphens`). None when the PDF has no
    tree."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    root = _marked_tree_root(doc)
    if root is None:
        return None
    role_map = resolve1(root.get("RoleMap"))
    roles = {k: _name(v) for k, v in role_map.items()} if isinstance(role_map, dict) else {}
    out: dict[int, list[Mark]] = {n: [] for n in page_ids.values()}
    seen: set[int] = set()
    todo: list[tuple[object, StructPath]] = [
        (kid, ((i, ""),)) for i, kid in reversed(list(enumerate(_kids(root))))
    ]
    while todo and len(seen) < MAX_ELEMENTS:
        ref, path = todo.pop()
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                continue  # a cycle or a shared element: read once
            seen.add(ref.objid)
        elem = resolve1(ref)
        if not isinstance(elem, dict) or len(path) > MAX_DEPTH:
            continue
        raw_type = _name(elem.get("S"))
        path = (*path[:-1], (path[-1][0], roles.get(raw_type) or raw_type))
        shy = soft if soft is not None and _actual_text(elem) == SOFT_HYPHEN else None
        todo.extend(reversed(_file_kids(elem, path, page_ids, out, shy)))
    return out


def _marked_tree_root(doc) -> dict | None:
    """The /StructTreeRoot of a document that says it is tagged, else None."""
    from pdfminer.pdftypes import resolve1

    info = resolve1(doc.catalog.get("MarkInfo"))
    root = resolve1(doc.catalog.get("StructTreeRoot"))
    if not isinstance(root, dict) or not isinstance(info, dict) or not resolve1(info.get("Marked")):
        return None  # PDFium, too, reads a tree only with /MarkInfo << /Marked true >>
    return root


def _file_kids(
    elem: dict,
    path: StructPath,
    page_ids: dict[int, int],
    out: dict[int, list[Mark]],
    shy: dict[int, set[int]] | None = None,
) -> list[tuple[object, StructPath]]:
    """One element's kids: each marked-content reference (an integer MCID on the element's
    page, an MCR dictionary on its own page) filed under its page in `out`, and in `shy` too
    when given (a soft hyphen's element); the child elements (not object references)
    returned with their paths, in order, to walk next."""
    from pdfminer.pdftypes import resolve1

    own_page = _page_of(elem.get("Pg"), page_ids, None)
    children = []
    for i, kid in enumerate(_kids(elem)):
        value = resolve1(kid)
        page, mcid = None, None
        if isinstance(value, int) and not isinstance(value, bool):
            page, mcid = own_page, value
        elif isinstance(value, dict):
            kind = _name(value.get("Type"))
            if kind == "MCR":
                mcid = resolve1(value.get("MCID"))
                page = _page_of(value.get("Pg"), page_ids, own_page)
            elif kind != "OBJR":
                children.append((kid, (*path, (i, ""))))
        if page is not None and isinstance(mcid, int) and not isinstance(mcid, bool):
            out[page].append((path, i, mcid))
            if shy is not None:
                shy.setdefault(page, set()).add(mcid)
    return children


def _actual_text(elem: dict) -> str | None:
    """An element's /ActualText as text (a PDF text string: UTF-16BE after its byte order
    mark, else PDFDocEncoding), or None."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(elem.get("ActualText"))
    if isinstance(value, str):
        return value
    if not isinstance(value, bytes):
        return None
    if value[:2] == b"\xfe\xff":
        return value[2:].decode("utf-16-be", "replace")
    return decode_text(value)


def _name(value) -> str:
    """A PDF name (or string) as text; "" for anything else."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value if isinstance(value, str) else ""


def _kids(obj: dict) -> list:
    """An element's /K entry as a list (one kid, several, or none)."""
    from pdfminer.pdftypes import resolve1

    k = obj.get("K")
    k_res = resolve1(k)
    return list(k_res) if isinstance(k_res, list) else ([] if k is None else [k])


def _page_of(ref, page_ids: dict[int, int], default: int | None) -> int | None:
    """The page number a /Pg reference names, else `default`."""
    from pdfminer.pdftypes import PDFObjRef

    return page_ids.get(ref.objid) if isinstance(ref, PDFObjRef) else default


def read_pages(data: bytes) -> Iterator[RawPage]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page_ids = {page.page_obj.pageid: n for n, page in enumerate(pdf.pages, start=1)}
        soft: dict[int, set[int]] = {}
        marks = structure_marks(pdf.doc, page_ids, soft)
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
                    ch.get("mcid"),
                    ch.get("tag") == "Artifact",
                )
                for ch in page.chars
                if ch.get("upright", True)
            ]
            raw = RawPage(number, float(page.width), float(page.height), chars, _rules(page))
            raw.marks = marks.get(number) if marks is not None else None
            raw.soft_hyphens = soft.get(number, set())
            x_origin = page.mediabox[0] if page.mediabox else 0
            raw.images = [
                (im["x0"] - x_origin, im["top"], im["x1"] - x_origin, im["bottom"])
                for im in page.images
            ]
            yield raw
            page.flush_cache()
