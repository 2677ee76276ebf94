"""The report record: one parsed evaluation report, shaped exactly as `report.schema.json`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1"

#: Warning codes that mean a value is missing (each makes a record's `complete` false), in the
#: order the parser raises them; the others describe what the report itself prints. Shared by
#: the parser and the warehouse, which may not import each other.
COMPLETENESS_CODES = (
    "missing_area",
    "missing_area_total",
    "missing_questions",
    "question_count",
    "missing_question_numbers",
    "question_sum_mismatch",
    "missing_findings",
    "incomplete_history",
    "unread_text",
    "unread_numbers",
    "unknown_area_name",
    "ocr_inconsistent",
)


@dataclass
class Finding:
    text: str
    page: int | None = None


@dataclass
class Question:
    id: str
    text: str
    points: float | None
    max: float | None
    percent: float | None = None
    page: int | None = None


@dataclass
class Area:
    number: int
    name: str
    key: str
    theme: str | None
    points: float | None
    max: float | None
    percent: float | None = None
    page: int | None = None
    questions: list[Question] = field(default_factory=list)
    strengths: list[Finding] = field(default_factory=list)
    improvements: list[Finding] = field(default_factory=list)
    inspiration: list[str] = field(default_factory=list)


@dataclass
class HistoryRow:
    year: int
    area_number: int | None
    area_name: str | None
    points: float | None


@dataclass
class Warning:
    code: str
    message: str
    page: int | None = None


@dataclass
class Source:
    sha256: str
    pages: int
    #: the character reader that produced the words (`pdfplumber` or `pdfium`)
    reader: str = "pdfplumber"
    #: `pdf`: the document's own text layer; `ocr`: recognised from page images
    text_layer: str = "pdf"
    #: `tags`: tables and lists from the structure tree; `layout`: from word positions
    structure: str = "layout"
    #: engine, languages, mean_confidence when text_layer is `ocr`; else None
    ocr: dict[str, Any] | None = None
    path: str | None = None
    url: str | None = None


@dataclass
class Municipality:
    name: str
    code: str | None
    county: str | None


@dataclass
class Total:
    points: float | None
    max: float | None


@dataclass
class ReportRecord:
    source: Source
    parser_version: str
    municipality: Municipality
    evaluation_year: int
    report_date: str | None
    publisher: str | None
    instrument_version: str
    complete: bool  # false when a value could not be read; see the completeness warnings
    total: Total
    areas: list[Area]
    history: list[HistoryRow]
    warnings: list[Warning]
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict with the contract's key order (schema_version first)."""
        d = asdict(self)
        return {"schema_version": d.pop("schema_version"), **d}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReportRecord:
        """The inverse of `to_dict` (a record parsed in another process or on another machine
        travels as the contract's JSON dict)."""

        def area(a: dict[str, Any]) -> Area:
            return Area(
                **{
                    **a,
                    "questions": [Question(**q) for q in a["questions"]],
                    "strengths": [Finding(**f) for f in a["strengths"]],
                    "improvements": [Finding(**f) for f in a["improvements"]],
                    "inspiration": list(a["inspiration"]),
                }
            )

        return cls(
            **{
                **d,
                "source": Source(**d["source"]),
                "municipality": Municipality(**d["municipality"]),
                "total": Total(**d["total"]),
                "areas": [area(a) for a in d["areas"]],
                "history": [HistoryRow(**h) for h in d["history"]],
                "warnings": [Warning(**w) for w in d["warnings"]],
            }
        )


def json_schema() -> dict[str, Any]:
    """The public contract, copied from ../shared/contract/report.schema.json."""
    text = resources.files("schema").joinpath("report.schema.json").read_text("utf-8")
    return json.loads(text)
