"""The view SQL each migration created, frozen: a migration must create the same views
forever, while `warehouse/views.py` holds the current ones. A change to a view is a new
migration that drops the views and creates its own frozen set (added here)."""

from __future__ import annotations

#: Revision 0001: the six views of the first contract.
VIEWS_0001: dict[str, str] = {
    "evaluations": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, m.county,
       e.evaluation_year, e.instrument_version, e.total_points, e.total_max, e.report_date,
       r.source_url, r.sha256, r.pages, r.parser_version, e.loaded_at,
       (SELECT COUNT(*) FROM parse_warning w WHERE w.evaluation_id = e.evaluation_id)
         AS warning_count
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
}

#: Revision 0003: `evaluations` gains complete and area_points_sum; the `warnings` view.
VIEWS_0003: dict[str, str] = {
    **VIEWS_0001,
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
    "warnings": """
SELECT w.evaluation_id, m.name AS municipality, e.municipality_code, e.evaluation_year, w.code,
       w.message, w.page
FROM parse_warning w
JOIN evaluation e ON e.evaluation_id = w.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
""",
}

#: Revision 0004: `evaluations.publisher`; `area_scores.page`; `reported_history` with
#: municipality, evaluation_year and page; the `inspiration` view.
VIEWS_0004: dict[str, str] = {
    **VIEWS_0003,
    "evaluations": """
SELECT e.evaluation_id, m.name AS municipality, e.municipality_code, m.county,
       e.evaluation_year, e.instrument_version, e.total_points, e.total_max, e.report_date,
       r.source_url, r.sha256, r.pages, r.parser_version, e.loaded_at,
       (SELECT COUNT(*) FROM parse_warning w WHERE w.evaluation_id = e.evaluation_id)
         AS warning_count,
       e.complete,
       (SELECT SUM(a.points) FROM area_score a WHERE a.evaluation_id = e.evaluation_id)
         AS area_points_sum,
       e.publisher
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
    "reported_history": """
SELECT h.evaluation_id, e.municipality_code, h.year, h.area_number, h.area_name, h.points,
       m.name AS municipality, e.evaluation_year, h.page
FROM history_row h
JOIN evaluation e ON e.evaluation_id = h.evaluation_id
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


#: Revision 0005: `evaluations.text_layer` and `structure` (contract), then `publisher`,
#: `reader` and `ocr_mean_confidence`.
VIEWS_0005: dict[str, str] = {
    **VIEWS_0004,
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
}
