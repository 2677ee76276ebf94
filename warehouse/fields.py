"""The one field table: every public view, its columns with type and meaning, and how a
researcher reads it.

Everything that describes a view's columns is generated from here: `views.COLUMNS` (which
types the API's DataFrames), `docs/data-dictionary.md` (`kompass db dictionary`) and
Datasette's metadata for `kompass browse` (descriptions, column order, facets). PUDL keeps its
field metadata the same way. The SQL of each view lives in `views.py`; a test holds the two
together on both engines.

A field is described once in `FIELDS`; a view may say more about it where its meaning there
is narrower (`area_number` of a finding is the area the finding belongs to).
"""

from __future__ import annotations

from dataclasses import dataclass

from schema.record import COMPLETENESS_CODES


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # integer, numeric, text, char(N), date, timestamp, boolean
    description: str


@dataclass(frozen=True)
class View:
    name: str
    description: str  # one line: what one row is
    fields: tuple[Field, ...]  # in the view's column order: the contract's, additions last
    order_by: str  # natural row order (exports, the API)
    reading_order: tuple[str, ...]  # what a researcher reads first; the other columns follow
    facets: tuple[str, ...] = ()

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def display_columns(self) -> list[str]:
        """Column order for browsing: `reading_order`, then the rest, ids last."""
        rest = [c for c in self.columns if c not in self.reading_order]
        ids = [c for c in rest if c.endswith("_id") or c in ("municipality_code", "sha256")]
        return [*self.reading_order, *(c for c in rest if c not in ids), *ids]


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("evaluation_id", "integer", "stable surrogate key of the evaluation"),
        Field("municipality", "text", "municipality name, e.g. Norsjö"),
        Field("municipality_code", "char(4)", "SCB kommunkod, e.g. 2417"),
        Field("county", "text", "county (län), e.g. Västerbottens län"),
        Field(
            "evaluation_year", "integer", "the year the evaluation was made (not the print date)"
        ),
        Field("instrument_version", "text", "instrument revision: 2002, 2010, 2016 or 2019"),
        Field("area_number", "integer", "1–8 as numbered in its instrument version"),
        Field("area_name", "text", "area name as printed"),
        Field("area_key", "text", "canonical area key within the version"),
        Field("theme", "text", "cross-version theme (crosswalk key) or null"),
        Field("points", "numeric", "points as printed"),
        Field("max_points", "numeric", "max points as printed"),
        Field("percent", "numeric", "percent as printed"),
        Field("page", "integer", "page of the report the value is printed on"),
        Field("position", "integer", "1-based order within area and kind"),
    )
}


def f(name: str, description: str | None = None, type_: str | None = None) -> Field:
    """A shared field, optionally with the narrower meaning it has in one view."""
    base = FIELDS[name] if name in FIELDS else Field(name, type_ or "text", description or "")
    return Field(name, type_ or base.type, description or base.description)


_KEYS = tuple(
    f(n)
    for n in (
        "evaluation_id",
        "municipality",
        "municipality_code",
        "evaluation_year",
        "instrument_version",
    )
)

VIEWS: tuple[View, ...] = (
    View(
        "evaluations",
        "One row per evaluation of a municipality: year, instrument version, printed total, "
        "source PDF and whether the parser read it completely.",
        (
            f("evaluation_id"),
            f("municipality"),
            f("municipality_code"),
            f("county"),
            f("evaluation_year"),
            f("instrument_version"),
            f("total_points", "total as printed (null if not printed)", "numeric"),
            f("total_max", "sum of the areas' max points, usually 800", "numeric"),
            f("report_date", "date printed on the report, if any", "date"),
            f("source_url", "where the PDF came from (null for a local file)"),
            f("sha256", "of the PDF bytes", "char(64)"),
            f("pages", "page count of the PDF", "integer"),
            f("parser_version", "version of the parser that produced the rows"),
            f("loaded_at", "when the rows were loaded (UTC)", "timestamp"),
            f("warning_count", "warnings the parser raised for this report", "integer"),
            f(
                "complete",
                "false when the parser could not read everything (see the warnings view); null "
                "for rows loaded before parser 1.1 (kompass reprocess --outdated)",
                "boolean",
            ),
            f(
                "area_points_sum",
                "sum of the area points as loaded (useful where no total is printed; partial "
                "when complete is false)",
                "numeric",
            ),
            f(
                "text_layer",
                "pdf (the document's own text) or ocr (a scanned report, text recognised from "
                "page images)",
            ),
            f(
                "structure",
                "tags (tables and lists from the PDF's structure tree) or layout (from word "
                "positions)",
            ),
            f("publisher", "SKL or SKR as printed on the report (cite it as the author)"),
            f("reader", "character reader that read the PDF: pdfplumber or pdfium"),
            f(
                "ocr_mean_confidence",
                "mean word confidence of the OCR, 0–100 (null unless text_layer is ocr)",
                "numeric",
            ),
        ),
        order_by="municipality_code, evaluation_year",
        reading_order=(
            "municipality",
            "evaluation_year",
            "instrument_version",
            "total_points",
            "total_max",
            "complete",
            "warning_count",
            "county",
            "report_date",
            "publisher",
        ),
        facets=("evaluation_year", "instrument_version", "county", "complete"),
    ),
    View(
        "area_scores",
        "One row per evaluation and area (1–8): points, max and percent as printed, with the "
        "page of the score table.",
        (
            *_KEYS,
            f("area_number"),
            f("area_name"),
            f("area_key"),
            f("theme"),
            f("points"),
            f("max_points"),
            f("percent"),
            f("page", "page of the area's score table"),
        ),
        order_by="municipality_code, evaluation_year, area_number",
        reading_order=(
            "municipality",
            "evaluation_year",
            "area_number",
            "area_name",
            "points",
            "max_points",
            "percent",
            "page",
        ),
        facets=("municipality", "evaluation_year", "instrument_version", "area_number"),
    ),
    View(
        "question_scores",
        "One row per evaluation and sub-question (delområde): the question as printed, its "
        "points and page.",
        (
            *_KEYS,
            f("area_number", "area the sub-question belongs to"),
            f("question_id", "sub-question id, e.g. 5.2"),
            f("question_text", "whole question as printed, wrapped lines joined"),
            f("points"),
            f("max_points"),
            f("percent"),
            f("page", "page of the report the question is printed on"),
        ),
        order_by="municipality_code, evaluation_year, area_number, question_id",
        reading_order=(
            "municipality",
            "evaluation_year",
            "question_id",
            "question_text",
            "points",
            "max_points",
            "percent",
            "page",
        ),
        facets=("municipality", "evaluation_year", "instrument_version", "area_number"),
    ),
    View(
        "findings",
        "One row per strength or improvement bullet, with the page it starts on; full-text "
        "search with Swedish stemming.",
        (
            *_KEYS,
            f("area_number", "area of the finding"),
            f("area_key"),
            f("kind", "strength or improvement"),
            f("position"),
            f("text", "one bullet, wrapped lines joined, hyphenation removed"),
            f("page", "page the bullet starts on"),
        ),
        order_by="municipality_code, evaluation_year, area_number, kind DESC, position",
        reading_order=("municipality", "evaluation_year", "area_number", "kind", "text", "page"),
        facets=("municipality", "evaluation_year", "instrument_version", "area_number", "kind"),
    ),
    View(
        "reported_history",
        "Score tables as printed inside reports: earlier years too, also those whose own PDF "
        "is not in the warehouse.",
        (
            f("evaluation_id", "the evaluation whose report printed the table"),
            f("municipality_code", "SCB kommunkod"),
            f("year", "the year the row is about", "integer"),
            f("area_number", "area number, null for the total row"),
            f("area_name", "row label as printed"),
            f("points"),
            f("municipality"),
            f(
                "evaluation_year",
                "the year of the evaluation whose report printed the table",
            ),
            f(
                "page",
                "page of the printing report the table is on (null until the parser records it)",
            ),
        ),
        order_by="evaluation_id, year, COALESCE(area_number, 99)",  # total row last
        reading_order=(
            "municipality",
            "year",
            "area_number",
            "area_name",
            "points",
            "evaluation_year",
            "page",
        ),
        facets=("municipality", "year", "area_number"),
    ),
    View(
        "ingest_log",
        "One row per attempt to ingest a document: loaded, unchanged or failed, with the reason.",
        (
            f("attempt_id", "surrogate key, in order of attempts", "integer"),
            f("started_at", "when the attempt started (UTC)", "timestamp"),
            f("source", "URL or path of the document"),
            f("sha256", "of the bytes, null if never downloaded", "char(64)"),
            f(
                "status",
                "loaded, loaded_incomplete (loaded, but the record is not complete), unchanged "
                "or failed",
            ),
            f("error_code", "name of the error, e.g. NoTextLayer"),
            f("error_message", "the error in one line"),
            f("evaluation_id", "null unless loaded"),
        ),
        order_by="attempt_id",
        reading_order=("started_at", "status", "source", "error_code", "error_message"),
        facets=("status", "error_code"),
    ),
    View(
        "warnings",
        "One row per warning the parser raised: a value missing from the warehouse, or "
        "something the report itself misprints, with the page.",
        (
            f("evaluation_id"),
            f("municipality"),
            f("municipality_code"),
            f("evaluation_year"),
            f(
                "code",
                "e.g. question_count; " + ", ".join(COMPLETENESS_CODES) + " mean a value is "
                "missing from the warehouse, the others describe what the report itself prints",
            ),
            f("message", "what is wrong, starting with 'area N: ' where an area applies"),
            f("page", "page of the report where the parser looked", "integer"),
        ),
        order_by="municipality_code, evaluation_year, COALESCE(page, 0), code, message",
        reading_order=("municipality", "evaluation_year", "code", "message", "page"),
        facets=("municipality", "evaluation_year", "code"),
    ),
    View(
        "inspiration",
        "One row per municipality a report names as a good example for an area.",
        (
            *_KEYS,
            f("area_number", "area the example is given for"),
            f("area_key"),
            f("position", "1-based order in the report's text"),
            f("named_municipality", "the municipality named, as printed"),
            f(
                "named_municipality_code",
                "its SCB kommunkod where the name is a municipality's official name, else null",
                "char(4)",
            ),
        ),
        order_by="municipality_code, evaluation_year, area_number, position",
        reading_order=("municipality", "evaluation_year", "area_number", "named_municipality"),
        facets=("municipality", "evaluation_year", "instrument_version", "area_number"),
    ),
)

BY_NAME: dict[str, View] = {v.name: v for v in VIEWS}
