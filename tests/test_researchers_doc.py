"""Every SQL and pandas example in docs/researchers.md runs against the fixture warehouse and
returns rows: a renamed column, a hard-coded id or a question nobody can answer fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from warehouse.api import Warehouse

DOC = Path(__file__).parent.parent / "docs" / "researchers.md"
BLOCKS = re.findall(r"```(sql|python)\n(.*?)```", DOC.read_text("utf-8"), re.S)


def _examples(lang: str) -> list[str]:
    return [code for kind, code in BLOCKS if kind == lang]


def test_the_doc_has_its_examples() -> None:
    assert len(_examples("sql")) == 11  # ten questions and the citation
    assert len(_examples("python")) == 10
    assert "evaluation_id ==" not in DOC.read_text("utf-8")  # ids depend on load order


@pytest.mark.parametrize("sql", _examples("sql"), ids=lambda s: s.split("\n")[0][:40])
def test_sql_example_returns_rows(corpus_db: str, sql: str) -> None:
    rows = Warehouse(corpus_db).query(sql.strip().rstrip(";"))
    assert len(rows) > 0, sql


@pytest.mark.parametrize("code", _examples("python"), ids=lambda s: s.split("\n")[0][:40])
def test_pandas_example_returns_rows(corpus_db: str, code: str) -> None:
    """Each expression statement (what a notebook would show) is a non-empty frame or series."""
    scope = {"wh": Warehouse(corpus_db), "pd": pd}
    shown = 0
    for stmt in ast.parse(code).body:
        if isinstance(stmt, ast.Expr):
            value = eval(compile(ast.Expression(stmt.value), "<doc>", "eval"), scope)
            assert len(value) > 0, ast.unparse(stmt)
            # a merge that doubles a column (evaluation_year_x/_y) is a wrong example
            columns = [str(c) for c in getattr(value, "columns", [])]
            assert not [c for c in columns if c.endswith(("_x", "_y"))], columns
            shown += 1
        else:
            exec(compile(ast.Module([stmt], []), "<doc>", "exec"), scope)
    assert shown, code


def test_the_citation_names_what_the_warehouse_holds(corpus_db: str) -> None:
    citation = _examples("sql")[-1]
    row = Warehouse(corpus_db).query(citation.strip().rstrip(";")).iloc[0]
    assert (row.points, row.max_points, row.page) == (14, 25, 22)
    assert row.publisher == "Sveriges Kommuner och Landsting"
    text = DOC.read_text("utf-8")
    assert (
        "Landsting (2019), Kommunkompassen – Norsjö kommun 2018, p. 22, question 5.2: 14 of 25"
        in (" ".join(text.split()))
    )
