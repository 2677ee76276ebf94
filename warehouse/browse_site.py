"""What `kompass browse` shows beside the views: the database's name in Datasette and the
canned queries. Shared by `warehouse.browse` (which starts Datasette) and
`warehouse.browse_plugin` (which lists the queries on the home page), so that the plugin
does not import `warehouse.browse` back."""

from __future__ import annotations

from warehouse import fulltext
from warehouse.views import COMPLETENESS_CODES

#: The database's name in Datasette, whatever the file is called (links in docs hold it).
NAME = "kommunkompassen"

CANNED = {
    "findings_search": {
        "title": 'Search strengths and improvements (Swedish stems; a OR b, prefix*, "a phrase")',
        "description": "Inflected forms match: medborgardialog finds medborgardialoger.",
        "sql": "SELECT municipality, evaluation_year, area_number, kind, text, page "
        "FROM findings WHERE " + fulltext.view_match_sql("findings", "kompass_fts(:q)") + " "
        "ORDER BY municipality, evaluation_year, area_number, kind DESC, position",
    },
    "profile": {
        "title": "Area scores of one evaluation",
        "sql": "SELECT area_number, area_name, points, max_points, percent, page "
        "FROM area_scores WHERE municipality = :municipality AND evaluation_year = :year "
        "ORDER BY area_number",
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
