"""Datasette over the SQLite warehouse: the views, full-text search on findings and questions,
and canned queries (`kompass browse`, needs the `browse` extra)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from warehouse.views import COMPLETENESS_CODES

CANNED = {
    "profile": {
        "title": "Area scores of one evaluation",
        "sql": "SELECT area_number, area_name, points, max_points, percent FROM area_scores "
        "WHERE municipality = :municipality AND evaluation_year = :year ORDER BY area_number",
    },
    "findings_search": {
        "title": "Search strengths and improvements (FTS5: word, word*, a OR b)",
        "sql": "SELECT m.name AS municipality, e.evaluation_year, f.area_number, f.kind, f.text, "
        "f.page FROM finding_fts JOIN finding f ON f.rowid = finding_fts.rowid "
        "JOIN evaluation e ON e.evaluation_id = f.evaluation_id "
        "JOIN municipality m ON m.code = e.municipality_code "
        "WHERE finding_fts MATCH :q ORDER BY bm25(finding_fts)",
    },
    "version_means": {
        "title": "Mean points per area and instrument version",
        "sql": "SELECT instrument_version, area_number, area_key, COUNT(*) AS evaluations, "
        "ROUND(AVG(points), 1) AS mean_points, MIN(points) AS min_points, "
        "MAX(points) AS max_points FROM area_scores "
        "GROUP BY instrument_version, area_number, area_key "
        "ORDER BY instrument_version, area_number",
    },
    # (every warning: the `warnings` view itself, which a canned query must not shadow)
    "incomplete": {
        "title": "Evaluations the parser could not read completely: what is missing, and where",
        "sql": "SELECT w.municipality, w.evaluation_year, w.code, w.message, w.page "
        "FROM warnings w JOIN evaluations e ON e.evaluation_id = w.evaluation_id "
        "WHERE NOT e.complete AND w.code IN ("
        + ", ".join(f"'{c}'" for c in COMPLETENESS_CODES)
        + ") ORDER BY 1, 2, w.page",
    },
}


def available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata(db_path: Path) -> dict:
    return {
        "title": "Kommunkompassen warehouse",
        "description": "Evaluations of Swedish municipalities (SKL/SKR Kommunkompassen). "
        "Query the views; scores compare only within one instrument version.",
        "databases": {
            db_path.stem: {
                "queries": CANNED,
                "tables": {
                    "finding": {"fts_table": "finding_fts", "fts_pk": "rowid"},
                    "question_score": {"fts_table": "question_fts", "fts_pk": "rowid"},
                },
            }
        },
    }


def write_metadata(db_path: Path, folder: Path) -> Path:
    path = folder / "datasette-metadata.json"
    path.write_text(json.dumps(metadata(db_path), ensure_ascii=False, indent=2), "utf-8")
    return path
