"""The record a spec's PDF must parse to, built from the spec and where the layout put things."""

from __future__ import annotations

import hashlib
from typing import Any

from schema.instruments import instrument
from tests.fixturegen.markup import expected_text


def _resolve(warning: dict, placed: dict) -> dict:
    """A spec warning may name its page by what is on it: page_of: [question, "2.3"]."""
    w = dict(warning)
    if "page_of" in w:
        w["page"] = placed[tuple(w.pop("page_of"))]
    return w


def expected_record(spec: dict, pdf: bytes, n_pages: int, placed: dict) -> dict[str, Any]:
    exp = spec["expected"]
    inst = instrument(exp["instrument_version"])
    areas: dict[int, dict[str, Any]] = {}
    history: list[dict[str, Any]] = []
    for blocks in spec["pages"]:
        for block in blocks:
            (kind, body), *_ = block.items()
            if kind == "scores":
                n = body["area"]
                adef = inst.area(n)
                pts, mx, pct = body["total"]
                areas[n] = {
                    "number": n,
                    "name": body["name"],
                    "key": adef.key,
                    "theme": adef.theme,
                    "points": pts,
                    "max": mx,
                    "percent": pct,
                    "page": placed.get(("area", n)),
                    "questions": [
                        {
                            "id": r["id"],
                            "text": expected_text(r["text"]),
                            "points": r["points"],
                            "max": r["max"],
                            "percent": r.get("percent"),
                            "page": placed[("question", r["id"])],
                        }
                        for r in body["rows"]
                    ],
                    "strengths": [],
                    "improvements": [],
                    "inspiration": list(exp.get("inspiration", {}).get(n, [])),
                }
            elif kind == "history":
                labels = body.get("total_label", "Totalt")
                for i, year in enumerate(body["years"]):
                    for r in body["rows"]:
                        history.append(
                            {
                                "year": year,
                                "area_number": r["number"],
                                "area_name": r["name"],
                                "points": r["points"][i],
                            }
                        )
                    history.append(
                        {
                            "year": year,
                            "area_number": None,
                            "area_name": labels,
                            "points": body["total"][i],
                        }
                    )
    if not history:
        for blocks in spec["pages"]:
            for block in blocks:
                (kind, body), *_ = block.items()
                if kind == "summary":  # the current year's scores, as printed at the end
                    year = exp["evaluation_year"]
                    for r in body["rows"]:
                        history.append(
                            {
                                "year": year,
                                "area_number": r["number"],
                                "area_name": r["name"],
                                "points": r["points"][0],
                            }
                        )
                    history.append(
                        {
                            "year": year,
                            "area_number": None,
                            "area_name": "Totalt",
                            "points": body["total"][0],
                        }
                    )
    # findings, in spec order; an item starting with "…" continues the previous one
    for blocks in spec["pages"]:
        for block in blocks:
            (kind, body), *_ = block.items()
            pairs = []
            if kind == "findings":
                pairs = [
                    ("strengths", body.get("left") or []),
                    ("improvements", body.get("right") or []),
                ]
            elif kind == "list":
                pairs = [(body["kind"], body["items"])]
            for fkind, items in pairs:
                bucket = areas[body["area"]][fkind]
                for item in items:
                    if item.startswith("…"):
                        bucket[-1]["text"] = expected_text(bucket[-1]["marked"] + "|" + item[1:])
                        bucket[-1]["marked"] += "|" + item[1:]
                        continue
                    page = placed[("finding", body["area"], fkind, len(bucket))]
                    bucket.append({"text": expected_text(item), "page": page, "marked": item})
    for a in areas.values():
        for fkind in ("strengths", "improvements"):
            for f in a[fkind]:
                f.pop("marked")
    return {
        "schema_version": "1",
        "source": {
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "pages": n_pages,
            "reader": "pdfplumber",
            "text_layer": "pdf",
            "structure": "layout",
            "ocr": None,
        },
        "municipality": exp["municipality"],
        "evaluation_year": exp["evaluation_year"],
        "report_date": exp.get("report_date"),
        "publisher": exp.get("publisher"),
        "instrument_version": exp["instrument_version"],
        "complete": exp.get("complete", True),
        "total": exp["total"],
        "areas": [areas[k] for k in sorted(areas)],
        "history": history,
        "warnings": [_resolve(w, placed) for w in exp.get("warnings", [])],
    }
