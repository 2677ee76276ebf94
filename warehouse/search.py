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

from schema import kommuner
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
       f.area_number, a.area_key, f.kind, NULL AS question_id, f.text, f.page,
       bm25(finding_fts) AS rank
FROM finding_fts JOIN finding f ON f.rowid = finding_fts.rowid
JOIN evaluation e ON e.evaluation_id = f.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = f.evaluation_id AND a.area_number = f.area_number
WHERE finding_fts MATCH :q
UNION ALL
SELECT m.name, e.municipality_code, e.evaluation_year, e.instrument_version,
       q.area_number, a.area_key, 'question', q.question_id, q.question_text, q.page,
       bm25(question_fts)
FROM question_fts JOIN question_score q ON q.rowid = question_fts.rowid
JOIN evaluation e ON e.evaluation_id = q.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = q.evaluation_id AND a.area_number = q.area_number
WHERE question_fts MATCH :q
"""

_POSTGRES = """
SELECT m.name AS municipality, e.municipality_code, e.evaluation_year, e.instrument_version,
       f.area_number, a.area_key, f.kind, NULL AS question_id, f.text, f.page,
       -ts_rank(to_tsvector('swedish', f.text), websearch_to_tsquery('swedish', :q)) AS rank
FROM finding f
JOIN evaluation e ON e.evaluation_id = f.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = f.evaluation_id AND a.area_number = f.area_number
WHERE to_tsvector('swedish', f.text) @@ websearch_to_tsquery('swedish', :q)
UNION ALL
SELECT m.name, e.municipality_code, e.evaluation_year, e.instrument_version,
       q.area_number, a.area_key, 'question', q.question_id, q.question_text, q.page,
       -ts_rank(to_tsvector('swedish', q.question_text), websearch_to_tsquery('swedish', :q))
FROM question_score q
JOIN evaluation e ON e.evaluation_id = q.evaluation_id
JOIN municipality m ON m.code = e.municipality_code
LEFT JOIN area_score a ON a.evaluation_id = q.evaluation_id AND a.area_number = q.area_number
WHERE to_tsvector('swedish', q.question_text) @@ websearch_to_tsquery('swedish', :q)
"""


def municipality_code(name_or_code: str) -> str:
    """The SCB code of a municipality given by name (any case, with or without å/ä/ö) or
    code (`schema.kommuner.lookup`)."""
    try:
        return kommuner.lookup(name_or_code).code
    except kommuner.UnknownMunicipality as e:
        raise UnknownMunicipality(str(e)) from e


def _filtered(
    engine: Engine,
    query: str,
    kind: str | None = None,
    version: str | None = None,
    municipality: str | None = None,
    year: int | None = None,
) -> tuple[str, dict]:
    """The SQL of every hit of `query` under the filters (no order, no limit), and its
    parameters."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    postgres = engine.dialect.name == "postgresql"
    if not fts_query(query):
        raise EmptyQuery(f"nothing to search for in {query!r}")
    inner = _POSTGRES if postgres else _SQLITE
    sql = f"SELECT * FROM ({inner}) hits WHERE 1 = 1"
    params: dict = {"q": query if postgres else fts_query(query)}
    filters = {
        "kind": kind,
        "instrument_version": str(version) if version else None,
        "municipality_code": municipality_code(municipality) if municipality else None,
        "evaluation_year": year,
    }
    for column, value in filters.items():
        if value is not None:
            sql += f" AND {column} = :{column}"
            params[column] = value
    return sql, params


def _read(engine: Engine, query: str, sql: str, params: dict) -> pd.DataFrame:
    try:
        with engine.connect() as conn:
            return pd.read_sql_query(text(sql), conn, params=params)
    except (OperationalError, ProgrammingError) as e:
        raise BadQuery(f"search {query!r} failed: {describe(e)}") from e


def search(engine: Engine, query: str, *, limit: int = 50, **filters) -> pd.DataFrame:
    """Findings and questions matching `query`, best first (lower rank is better). Filters:
    kind, version, municipality (name in any case, with or without å/ä/ö, or code), year."""
    sql, params = _filtered(engine, query, **filters)
    sql += " ORDER BY rank, municipality_code, evaluation_year, area_number LIMIT :limit"
    return _read(engine, query, sql, {**params, "limit": limit})


def count(engine: Engine, query: str, **filters) -> int:
    """How many findings and questions match `query` under the filters (no limit)."""
    sql, params = _filtered(engine, query, **filters)
    return int(_read(engine, query, f"SELECT COUNT(*) AS n FROM ({sql}) counted", params).n[0])


def line(hit) -> str:
    """One hit as `kompass search` prints it; a question names its id."""
    what = f"question {hit.question_id}" if hit.kind == "question" else hit.kind
    return (
        f"{hit.municipality} {hit.evaluation_year} · area {hit.area_number} · {what} · "
        f"p. {hit.page}: {hit.text}"
    )


def _no_such_year(engine: Engine, year: int | None) -> str:
    """When `--year` names a year without any evaluation: which years there are."""
    if year is None:
        return ""
    with engine.connect() as conn:
        years = [
            y
            for (y,) in conn.execute(
                text("SELECT DISTINCT evaluation_year FROM evaluation ORDER BY 1")
            )
        ]
    if year in years:
        return ""
    return f": the warehouse has no evaluation of {year} (years: {', '.join(map(str, years))})"


def run(engine: Engine, query: str, limit: int = 50, **filters) -> list[str]:
    """`kompass search`: one line per hit (`no matches` when there is none), and when the
    limit cut the list, a last line saying so: "showing 50 of 341 (--limit to see more)"."""
    hits = search(engine, query, limit=limit, **filters)
    if hits.empty:
        return ["no matches" + _no_such_year(engine, filters.get("year"))]
    lines = [line(h) for h in hits.itertuples()]
    if len(hits) == limit:
        total = count(engine, query, **filters)
        if total > limit:
            lines.append(f"showing {limit} of {total} (--limit N to see more)")
    return lines
