"""Swedish stemming for full-text search on SQLite, where FTS5 has no Swedish tokenizer.

The FTS5 tables (`finding_fts`, `question_fts`, migration 0004) index each text as its
Snowball stems (the same Swedish stemmer PostgreSQL's `swedish` configuration uses), written by
triggers that call `kompass_stem()`; `register()` makes that function known to a connection
(`warehouse.db` does it for every SQLite connection, so any writer outside it must register
it too). A query is stemmed the same way, keeping FTS5 syntax: `medborgardialog` finds
`medborgardialoger`, `korruption OR whistleblower*`, `"extern visselblåsarfunktion"`, `NOT`,
`AND` and parentheses work as FTS5 defines them.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
#: FTS5 query tokens: a "quoted phrase", a bracket, the prefix and initial-token marks, or a
#: run of anything else (a word, an operator, or words joined by punctuation).
_TOKEN = re.compile(r'"(?:[^"]|"")*"|[()*^+]|[^\s"()*^+]+')
OPERATORS = ("AND", "OR", "NOT", "NEAR")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer  # on first use: commands that never stem do not load it

    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def stem_text(text: str | None) -> str:
    """The words of `text` as stems, space-separated (what the FTS5 tables index)."""
    return " ".join(stem(w) for w in _WORD.findall(text or ""))


def fts_query(query: str) -> str:
    """A user's FTS5 query with each word replaced by its quoted stem.

    A bare word matches every word its stem begins (`visselblåsare` → `"visselblås"*`: its
    inflections and the compounds it starts, `visselblåsarfunktion`); a "quoted" word or
    phrase matches by stem only (`"kommun"` finds kommunen, not kommunikation). Words joined
    by punctuation (`whistleblower-funktion`) become one phrase, as they are indexed;
    operators, brackets and `^` stay."""
    out: list[str] = []
    for token in _TOKEN.findall(query):
        if token in OPERATORS or token in ("(", ")", "^", "+"):
            out.append(token)
        elif token == "*":
            if out and out[-1].endswith('"'):  # a "phrase"* ends with a prefix
                out[-1] += "*"
        else:
            quoted = token.startswith('"')
            words = _WORD.findall(token.strip('"').replace('""', '"'))
            if words:
                out.append('"' + " ".join(stem(w) for w in words) + '"' + ("" if quoted else "*"))
    return " ".join(out)


def register(dbapi_connection) -> None:
    """Make `kompass_stem(text)` and `kompass_fts(query)` known to an sqlite3 connection."""
    dbapi_connection.create_function("kompass_stem", 1, stem_text, deterministic=True)
    dbapi_connection.create_function("kompass_fts", 1, fts_query, deterministic=True)


#: How a view's rows are found by full-text search on SQLite: its base table, the FTS5 table
#: over it (rowids shared), and the key columns the view and the base table have in common.
SEARCHABLE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "findings": ("finding", "finding_fts", ("evaluation_id", "area_number", "kind", "position")),
    "question_scores": ("question_score", "question_fts", ("evaluation_id", "question_id")),
}


def view_match_sql(view: str, match: str) -> str:
    """A WHERE condition on `view` for rows whose text matches `match`, an SQL expression
    giving a stemmed FTS5 query (`:param` holding `fts_query(...)`, or `kompass_fts(:q)`)."""
    table, fts, keys = SEARCHABLE[view]
    cols = ", ".join(keys)
    return (
        f"({cols}) IN (SELECT {cols} FROM {table} WHERE rowid IN "
        f"(SELECT rowid FROM {fts} WHERE {fts} MATCH {match}))"
    )
