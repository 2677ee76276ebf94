"""The record a fuzzed report must parse to: from the spec, with pages found in the PDF.

Same shape and conventions as the golden files (tests/fixtures/*.expected.json) plus the
contract's top-level "complete" (every area, question and history cell is there).
"""

from __future__ import annotations

import hashlib
from typing import Any

from schema.instruments import instrument
from tests.fixturegen.wpfuzz.content import Spec, percent
from tests.fixturegen.wpfuzz.layout import Layout


def _text(s: str) -> str:
    """As the contract wants it: wrapped lines joined, hyphenation (soft hyphens) removed."""
    return " ".join(s.replace("\u00ad", "").split())


def expected_record(
    spec: Spec, layout: Layout, pdf: bytes, n_pages: int, placed: dict
) -> dict[str, Any]:
    inst = instrument(spec.version)
    areas = []
    for a in spec.areas:
        adef = inst.area(a.number)
        areas.append(
            {
                "number": a.number,
                "name": a.name,
                "key": adef.key,
                "theme": adef.theme,
                "points": a.points,
                "max": a.max,
                "percent": percent(a.points, a.max),
                "page": placed[("area", a.number)],
                "questions": [
                    {
                        "id": q.id,
                        "text": _text(q.text),
                        "points": q.points,
                        "max": q.max,
                        "percent": q.percent,
                        "page": placed[("question", q.id)],
                    }
                    for q in a.questions
                ],
                "strengths": [
                    {"text": _text(t), "page": placed[("finding", a.number, "strengths", i)]}
                    for i, t in enumerate(a.strengths)
                ],
                "improvements": [
                    {"text": _text(t), "page": placed[("finding", a.number, "improvements", i)]}
                    for i, t in enumerate(a.improvements)
                ],
                "inspiration": list(a.inspiration),
            }
        )
    history: list[dict[str, Any]] = []
    printed_total = None
    if spec.history_years:
        # a transposed history prints the areas' numbers only: no name is printed
        named = layout.history_orientation != "years_as_rows"
        for y in spec.history_years:
            for a, v in zip(spec.areas, spec.history[y], strict=True):
                name = a.history_name if named else None
                history.append({"year": y, "area_number": a.number, "area_name": name, "points": v})
            history.append(
                {
                    "year": y,
                    "area_number": None,
                    "area_name": "Totalt",
                    "points": sum(spec.history[y]),
                }
            )
        printed_total = sum(spec.history[spec.year])
    elif layout.summary != "none":  # the closing overview: the evaluation year's scores
        for a in spec.areas:
            history.append(
                {
                    "year": spec.year,
                    "area_number": a.number,
                    "area_name": a.name,
                    "points": a.points,
                }
            )
        history.append(
            {"year": spec.year, "area_number": None, "area_name": "Totalt", "points": spec.total}
        )
        printed_total = spec.total
    return {
        "schema_version": "1",
        "source": {
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "pages": n_pages,
            "reader": "pdfplumber",
            "text_layer": "pdf",
            "structure": "tags" if layout.tagged else "layout",
            "ocr": None,
        },
        "municipality": {
            "name": spec.kommun.name,
            "code": spec.kommun.code,
            "county": spec.kommun.county,
        },
        "evaluation_year": spec.year,
        "report_date": spec.report_date,
        "publisher": spec.publisher,
        "instrument_version": spec.version,
        "complete": True,
        "total": {"points": printed_total, "max": sum(a.max for a in spec.areas)},
        "areas": areas,
        "history": history,
        "warnings": [],
    }
