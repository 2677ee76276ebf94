"""The researchers' views: the public contract (`../shared/contract/warehouse.md`).

Names and columns do not change without a new view name; new columns come last. The SQL is
plain enough to mean the same on SQLite and PostgreSQL. What each column means is in the field
table (`warehouse/fields.py`), from which `COLUMNS` is made. A change here is a new migration
that freezes the new SQL (`warehouse/frozen_views.py`).
"""

from __future__ import annotations

from schema.record import COMPLETENESS_CODES
from warehouse import fields

__all__ = ["COLUMNS", "COMPLETENESS_CODES", "ORDER_BY", "VIEWS", "create_sql"]

VIEWS: dict[str, str] = {
    "evaluations": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, m.county,
       e.evaluation_year, e.instrument_version, e.total_points, e.total_max, e.report_date,
       r.source_url, r.sha256, r.pages, r.parser_version, e.loaded_at,
       (SELECT COUNT(*) FROM parse_warning w WHERE w.evaluation_id = e.evaluation_id)
         AS warning_count,
       e.complete,
       (SELECT SUM(a.points) FROM area_score a WHERE a.evaluation_id = e.evaluation_id)
         AS area_points_sum,
       r.text_layer, r.structure, e.publisher, r.reader, r.ocr_mean_confidence
FROM evaluation e
JOIN municipality m ON m.code = e.municipality_code
JOIN report r ON r.report_id = e.report_id
""",
    "area_scores": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, e.evaluation_year,
       e.instrument_version, a.area_number, a.area_name, a.area_key, a.theme, a.points,
       a.max_points, a.percent, a.page
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
SELECT h.evaluation_id, e.municipality_code, h.year, h.area_number, h.area_name, h.points,
       m.name AS municipality, e.evaluation_year, h.page
FROM history_row h
JOIN evaluation e ON e.evaluation_id = h.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
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
    "inspiration": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, e.evaluation_year,
       e.instrument_version, i.area_number, a.area_key, i.position,
       i.municipality_name AS named_municipality, n.code AS named_municipality_code
FROM inspiration_example i
JOIN evaluation e ON e.evaluation_id = i.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = i.evaluation_id AND a.area_number = i.area_number
LEFT JOIN municipality n ON n.name = i.municipality_name
""",
}


#: Natural order of each view's rows, used by exports and the API.
ORDER_BY: dict[str, str] = {v.name: v.order_by for v in fields.VIEWS}

#: Type and meaning of every column, from the field table (`warehouse/fields.py`).
COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    v.name: {c.name: (c.type, c.description) for c in v.fields} for v in fields.VIEWS
}


def create_sql(name: str) -> str:
    return f"CREATE VIEW {name} AS {VIEWS[name].strip()}"
