"""Full-text search over findings and sub-questions, one function for both engines.

Both engines stem Swedish words, so inflected forms match: `medborgardialog` finds
`medborgardialoger`, `visselblåsaren` finds `visselblåsare`. SQLite: FTS5 tables of Snowball
stems (`warehouse/fulltext.py`), with FTS5 syntax (`a OR b`, `prefix*`, `"a phrase"`, `NOT`).
PostgreSQL: its `swedish` text search configuration, the query read as websearch syntax
(`a OR b`, `"a phrase"`, `-without`).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from warehouse.db import describe
from warehouse.fulltext import fts_query

KINDS = ("strength", "improvement", "question")


class SearchError(ValueError):
    """A search that cannot run; `str()` is one line saying why."""


class UnknownMunicipality(SearchError):
    """No municipality of that name or code."""


class EmptyQuery(SearchError):
    """The query has no word to search for."""


class BadQuery(SearchError):
    """The engine refused the query's syntax."""


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


def municipality_code(engine: Engine, name_or_code: str) -> str:
    """The SCB code of a municipality given by name (any case) or code."""
    wanted = name_or_code.strip().casefold()
    with engine.connect() as conn:
        for code, name in conn.execute(text("SELECT code, name FROM municipality")):
            if wanted in (code, name.casefold()):
                return code
    raise UnknownMunicipality(f"no municipality named {name_or_code!r}")


def search(
    engine: Engine,
    query: str,
    *,
    kind: str | None = None,
    version: str | None = None,
    municipality: str | None = None,
    year: int | None = None,
    limit: int = 50,
) -> pd.DataFrame:
    """Findings and questions matching `query`, best first (lower rank is better)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    postgres = engine.dialect.name == "postgresql"
    if not fts_query(query):
        raise EmptyQuery(f"nothing to search for in {query!r}")
    inner = _POSTGRES if postgres else _SQLITE
    sql = f"SELECT * FROM ({inner}) hits WHERE 1 = 1"
    params: dict = {"q": query if postgres else fts_query(query), "limit": limit}
    filters = {
        "kind": kind,
        "instrument_version": str(version) if version else None,
        "municipality_code": municipality_code(engine, municipality) if municipality else None,
        "evaluation_year": year,
    }
    for column, value in filters.items():
        if value is not None:
            sql += f" AND {column} = :{column}"
            params[column] = value
    sql += " ORDER BY rank, municipality_code, evaluation_year, area_number LIMIT :limit"
    try:
        with engine.connect() as conn:
            return pd.read_sql_query(text(sql), conn, params=params)
    except (OperationalError, ProgrammingError) as e:
        raise BadQuery(f"search {query!r} failed: {describe(e)}") from e


def run(engine: Engine, query: str, **options) -> list[str]:
    """`kompass search`: one line per hit (`no matches` when there is none)."""
    hits = search(engine, query, **options)
    if hits.empty:
        return ["no matches"]
    return [
        f"{h.municipality} {h.evaluation_year} · area {h.area_number} · {h.kind} · "
        f"p. {h.page}: {h.text}"
        for h in hits.itertuples()
    ]
