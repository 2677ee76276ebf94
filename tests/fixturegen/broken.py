"""Broken variants of fixture specs: reports whose record must say `complete: false`.

Each variant changes a committed spec (what is printed) and writes down in its `expected`
block what the parser must then report: `complete: false` and one completeness warning per
missing value, with the page where it should have been. Built into a temporary folder by the
tests; nothing here is committed as a PDF.

- `cut-table`: Ängelholm 2019 (fpdf2, 2016 version), area 4's score table stops after 4.3,
  without its total row.
- `history-column`: Norsjö 2018 (reportlab), the history table prints the year 2018 in its
  header but no values under it.
- `missing-area`: Strängnäs 2014 (reportlab, 2010 version), area 7 is not in the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.fixturegen.layout import layout
from tests.fixturegen.producers import producer
from tests.fixturegen.synth import synth_spec

SPECS = Path(__file__).parent / "specs"
VARIANTS = ("cut-table", "history-column", "missing-area")


def _spec(case: str) -> dict[str, Any]:
    spec = yaml.safe_load((SPECS / f"{case}.yaml").read_text("utf-8"))
    return synth_spec(spec["synth"]) if "synth" in spec else spec


def _blocks(spec: dict, kind: str):
    for page in spec["pages"]:
        for block in page:
            if kind in block:
                yield block[kind]


def _incomplete(spec: dict, case: str, warnings: list[dict]) -> dict:
    spec["case"] = case
    exp = spec["expected"]
    exp["complete"] = False
    exp["warnings"] = [*exp.get("warnings", []), *warnings]
    return spec


def cut_table(area: int = 4, keep: int = 3) -> dict:
    spec = _spec("angelholm-2019")
    table = next(t for t in _blocks(spec, "scores") if t["area"] == area)
    gone = [r["id"] for r in table["rows"][keep:]]
    table["rows"] = table["rows"][:keep]
    table["total"] = [None, None, None]
    spec["expected"]["total"]["max"] = None  # an area max is missing
    return _incomplete(
        spec,
        "broken-cut-table",
        [
            {
                "code": "missing_area_total",
                "message": f"area {area}: the score table has no area total "
                "(points and max missing)",
                "page_of": ["area", area],
            },
            {
                "code": "question_count",
                "message": f"area {area}: {keep} questions found, version 2016 has "
                f"{keep + len(gone)}; missing {', '.join(gone)}",
                "page_of": ["area", area],
            },
        ],
    )


def history_column() -> dict:
    spec = _spec("norsjo-2018")
    hist = next(_blocks(spec, "history"))
    year = hist["years"][-1]
    for row in hist["rows"]:
        row["points"][-1] = None
    hist["total"][-1] = None
    spec["expected"]["total"]["points"] = None  # the evaluation year's total was that column
    missing = [
        {
            "code": "incomplete_history",
            "message": f"area {row['number']}: the history table has no value for {year}",
            "page_of": ["history"],
        }
        for row in hist["rows"]
    ]
    missing.append(
        {
            "code": "incomplete_history",
            "message": f"history table: no Totalt value for {year}",
            "page_of": ["history"],
        }
    )
    return _incomplete(spec, "broken-history-column", missing)


def missing_area(area: int = 7) -> dict:
    spec = _spec("strangnas-2014")

    def of_area(block: dict) -> bool:
        (kind, body), *_ = block.items()
        return kind in ("scores", "findings", "list") and body.get("area") == area

    spec["pages"] = [p for p in spec["pages"] if not any(of_area(b) for b in p)]
    spec["expected"]["total"]["max"] = None  # seven areas' max is not the total max
    spec["expected"]["inspiration"].pop(area, None)
    return _incomplete(
        spec,
        "broken-missing-area",
        [
            {
                "code": "missing_area",
                "message": f"area {area}: no score table found for Verksamhetsutveckling",
                "page_of": ["area", area + 1],
            }
        ],
    )


BUILDERS = {"cut-table": cut_table, "history-column": history_column, "missing-area": missing_area}


def build(variant: str, out_dir: Path) -> tuple[Path, dict, bytes, int, dict]:
    """Write the variant's PDF into `out_dir`: (path, spec, pdf bytes, pages, placed pages)."""
    spec = BUILDERS[variant]()
    prod = producer(spec["producer"], spec.get("style", {}).get("font"))
    pages, placed = layout(spec, prod.measure())
    pdf = prod.render(pages, title=f"Kommunkompassen {spec['case']}")
    path = out_dir / f"{spec['case']}.pdf"
    path.write_bytes(pdf)
    return path, spec, pdf, len(pages), placed.pages
