"""Full-text search over findings and sub-questions, one function for both engines.

SQLite uses FTS5 (`visselblåsare OR whistleblower`, `kommunikation*` for a prefix; words match
as written, no stemming). PostgreSQL uses its Swedish text search configuration, so
inflected forms match too (`visselblåsaren` finds `visselblåsare`); the query is read with
websearch syntax (`a OR b`, `"exakt fras"`, `-utan`).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, text

KINDS = ("strength", "improvement", "question")

_SQLITE = """
SELECT m.name AS municipality, e.municipality_code, e.evaluation_year, e.instrument_version,
       f.area_number, a.area_key, f.kind, f.text, f.page, bm25(finding_fts) AS rank
FROM finding_fts JOIN finding f ON f.rowid = finding_fts.rowid
JOIN evaluation e ON e.evaluation_id = f.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = f.evaluation_id AND a.area_number = f.area_number
WHERE finding_fts MATCH :q
UNION ALL
SELECT m.name, e.municipality_code, e.evaluation_year, e.instrument_version,
       q.area_number, a.area_key, 'question', q.question_text, q.page, bm25(question_fts)
FROM question_fts JOIN question_score q ON q.rowid = question_fts.rowid
JOIN evaluation e ON e.evaluation_id = q.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = q.evaluation_id AND a.area_number = q.area_number
WHERE question_fts MATCH :q
"""

_POSTGRES = """
SELECT m.name AS municipality, e.municipality_code, e.evaluation_year, e.instrument_version,
       f.area_number, a.area_key, f.kind, f.text, f.page,
       -ts_rank(to_tsvector('swedish', f.text), websearch_to_tsquery('swedish', :q)) AS rank
FROM finding f
JOIN evaluation e ON e.evaluation_id = f.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = f.evaluation_id AND a.area_number = f.area_number
WHERE to_tsvector('swedish', f.text) @@ websearch_to_tsquery('swedish', :q)
UNION ALL
SELECT m.name, e.municipality_code, e.evaluation_year, e.instrument_version,
       q.area_number, a.area_key, 'question', q.question_text, q.page,
       -ts_rank(to_tsvector('swedish', q.question_text), websearch_to_tsquery('swedish', :q))
FROM question_score q
JOIN evaluation e ON e.evaluation_id = q.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = q.evaluation_id AND a.area_number = q.area_number
WHERE to_tsvector('swedish', q.question_text) @@ websearch_to_tsquery('swedish', :q)
"""


def stems(engine: Engine) -> bool:
    """Whether this engine matches inflected Swedish forms."""
    return engine.dialect.name == "postgresql"


def search(
    engine: Engine,
    query: str,
    *,
    kind: str | None = None,
    version: str | None = None,
    limit: int = 50,
) -> pd.DataFrame:
    """Findings and questions matching `query`, best first (lower rank is better)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    inner = _POSTGRES if engine.dialect.name == "postgresql" else _SQLITE
    sql = f"SELECT * FROM ({inner}) hits WHERE 1 = 1"
    params: dict = {"q": query, "limit": limit}
    if kind:
        sql += " AND kind = :kind"
        params["kind"] = kind
    if version:
        sql += " AND instrument_version = :version"
        params["version"] = str(version)
    sql += " ORDER BY rank, municipality_code, evaluation_year, area_number LIMIT :limit"
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn, params=params)
