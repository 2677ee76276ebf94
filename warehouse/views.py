"""The researchers' views: the public contract (`../shared/contract/warehouse.md`).

Names and columns do not change without a new view name. The SQL is plain enough to mean
the same on SQLite and PostgreSQL; `COLUMNS` documents every column for the data dictionary.
"""

from __future__ import annotations

from schema.record import COMPLETENESS_CODES

VIEWS: dict[str, str] = {
    "evaluations": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, m.county,
       e.evaluation_year, e.instrument_version, e.total_points, e.total_max, e.report_date,
       r.source_url, r.sha256, r.pages, r.parser_version, e.loaded_at,
       (SELECT COUNT(*) FROM parse_warning w WHERE w.evaluation_id = e.evaluation_id)
         AS warning_count,
       e.complete,
       (SELECT SUM(a.points) FROM area_score a WHERE a.evaluation_id = e.evaluation_id)
         AS area_points_sum
FROM evaluation e
JOIN municipality m ON m.code = e.municipality_code
JOIN report r ON r.report_id = e.report_id
""",
    "area_scores": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, e.evaluation_year,
       e.instrument_version, a.area_number, a.area_name, a.area_key, a.theme, a.points,
       a.max_points, a.percent
FROM area_score a
JOIN evaluation e ON e.evaluation_id = a.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
""",
    "question_scores": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, e.evaluation_year,
       e.instrument_version, q.area_number, q.question_id, q.question_text, q.points,
       q.max_points, q.percent, q.page
FROM question_score q
JOIN evaluation e ON e.evaluation_id = q.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
""",
    "findings": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, e.evaluation_year,
       e.instrument_version, f.area_number, a.area_key, f.kind, f.position, f.text, f.page
FROM finding f
JOIN evaluation e ON e.evaluation_id = f.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = f.evaluation_id AND a.area_number = f.area_number
""",
    "reported_history": """
SELECT h.evaluation_id, e.municipality_code, h.year, h.area_number, h.area_name, h.points
FROM history_row h
JOIN evaluation e ON e.evaluation_id = h.evaluation_id
""",
    "ingest_log": """
SELECT attempt_id, started_at, source, sha256, status, error_code, error_message, evaluation_id
FROM ingest_attempt
""",
    "warnings": """
SELECT w.evaluation_id, m.name AS municipality, e.municipality_code, e.evaluation_year, w.code,
       w.message, w.page
FROM parse_warning w
JOIN evaluation e ON e.evaluation_id = w.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
""",
}


#: Natural order of each view's rows, used by exports and the API.
ORDER_BY: dict[str, str] = {
    "evaluations": "municipality_code, evaluation_year",
    "area_scores": "municipality_code, evaluation_year, area_number",
    "question_scores": "municipality_code, evaluation_year, area_number, question_id",
    "findings": "municipality_code, evaluation_year, area_number, kind DESC, position",
    "reported_history": "evaluation_id, year, COALESCE(area_number, 99)",  # total row last
    "ingest_log": "attempt_id",
    "warnings": "municipality_code, evaluation_year, COALESCE(page, 0), code, message",
}

_E = {
    "evaluation_id": ("integer", "stable surrogate key of the evaluation"),
    "municipality": ("text", "municipality name, e.g. Norsjö"),
    "municipality_code": ("char(4)", "SCB kommunkod, e.g. 2417"),
    "evaluation_year": ("integer", "the year the evaluation was made (not the print date)"),
    "instrument_version": ("text", "instrument revision: 2002, 2010, 2016 or 2019"),
}

COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "evaluations": {
        **{k: _E[k] for k in ("evaluation_id", "municipality", "municipality_code")},
        "county": ("text", "county (län), e.g. Västerbottens län"),
        **{k: _E[k] for k in ("evaluation_year", "instrument_version")},
        "total_points": ("numeric", "total as printed (null if not printed)"),
        "total_max": ("numeric", "sum of the areas' max points, usually 800"),
        "report_date": ("date", "date printed on the report, if any"),
        "source_url": ("text", "where the PDF came from (null for a local file)"),
        "sha256": ("char(64)", "of the PDF bytes"),
        "pages": ("integer", "page count of the PDF"),
        "parser_version": ("text", "version of the parser that produced the rows"),
        "loaded_at": ("timestamp", "when the rows were loaded (UTC)"),
        "warning_count": ("integer", "warnings the parser raised for this report"),
        "complete": (
            "boolean",
            "false when the parser could not read everything (see the warnings view); null "
            "for rows loaded before parser 1.1 (kompass reprocess --outdated)",
        ),
        "area_points_sum": (
            "numeric",
            "sum of the area points as loaded (useful where no total is printed; partial "
            "when complete is false)",
        ),
    },
    "area_scores": {
        **_E,
        "area_number": ("integer", "1–8 as numbered in its instrument version"),
        "area_name": ("text", "area name as printed"),
        "area_key": ("text", "canonical area key within the version"),
        "theme": ("text", "cross-version theme (crosswalk key) or null"),
        "points": ("numeric", "points as printed"),
        "max_points": ("numeric", "max points as printed"),
        "percent": ("numeric", "percent as printed"),
    },
    "question_scores": {
        **_E,
        "area_number": ("integer", "area the sub-question belongs to"),
        "question_id": ("text", "sub-question id, e.g. 5.2"),
        "question_text": ("text", "whole question as printed, wrapped lines joined"),
        "points": ("numeric", "points as printed"),
        "max_points": ("numeric", "max points as printed"),
        "percent": ("numeric", "percent as printed"),
        "page": ("integer", "page of the report the question is printed on"),
    },
    "findings": {
        **_E,
        "area_number": ("integer", "area of the finding"),
        "area_key": ("text", "canonical area key within the version"),
        "kind": ("text", "strength or improvement"),
        "position": ("integer", "1-based order within area and kind"),
        "text": ("text", "one bullet, wrapped lines joined, hyphenation removed"),
        "page": ("integer", "page the bullet starts on"),
    },
    "reported_history": {
        "evaluation_id": ("integer", "the evaluation whose report printed the table"),
        "municipality_code": ("char(4)", "SCB kommunkod"),
        "year": ("integer", "the year the row is about"),
        "area_number": ("integer", "area number, null for the total row"),
        "area_name": ("text", "row label as printed"),
        "points": ("numeric", "points as printed"),
    },
    "ingest_log": {
        "attempt_id": ("integer", "surrogate key, in order of attempts"),
        "started_at": ("timestamp", "when the attempt started (UTC)"),
        "source": ("text", "URL or path of the document"),
        "sha256": ("char(64)", "of the bytes, null if never downloaded"),
        "status": (
            "text",
            "loaded, loaded_incomplete (loaded, but the record is not complete), unchanged "
            "or failed",
        ),
        "error_code": ("text", "name of the error, e.g. NoTextLayer"),
        "error_message": ("text", "the error in one line"),
        "evaluation_id": ("integer", "null unless loaded"),
    },
    "warnings": {
        **{k: _E[k] for k in ("evaluation_id", "municipality", "municipality_code")},
        "evaluation_year": _E["evaluation_year"],
        "code": (
            "text",
            "e.g. question_count; " + ", ".join(COMPLETENESS_CODES) + " mean a value is "
            "missing from the warehouse, the others describe what the report itself prints",
        ),
        "message": ("text", "what is wrong, starting with 'area N: ' where an area applies"),
        "page": ("integer", "page of the report where the parser looked"),
    },
}


def create_sql(name: str) -> str:
    return f"CREATE VIEW {name} AS {VIEWS[name].strip()}"
