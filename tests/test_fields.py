"""The field table is the one description of the views' columns, and migrations are frozen
snapshots that never read today's view SQL."""

from __future__ import annotations

import ast
from pathlib import Path

from warehouse import fields, views
from warehouse.browse import metadata

MIGRATIONS = Path(__file__).parent.parent / "warehouse" / "migrations" / "versions"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_migrations_do_not_read_todays_views() -> None:
    files = sorted(MIGRATIONS.glob("0*.py"))
    assert len(files) >= 4
    for path in files:
        used = _imports(path)
        assert not {"warehouse.views", "warehouse.fields"} & used, path.name
        assert not any(n.startswith("warehouse.views.") for n in used), path.name


def test_every_view_is_described_once() -> None:
    assert [v.name for v in fields.VIEWS] == list(views.VIEWS)
    for view in fields.VIEWS:
        assert len(set(view.columns)) == len(view.columns), view.name
        assert all(c.type and c.description for c in view.fields), view.name
        assert set(view.reading_order) <= set(view.columns), view.name
        assert set(view.facets) <= set(view.columns), view.name
        assert sorted(view.display_columns()) == sorted(view.columns), view.name
        assert views.COLUMNS[view.name] == {c.name: (c.type, c.description) for c in view.fields}


def test_reading_order_puts_ids_last() -> None:
    order = fields.BY_NAME["findings"].display_columns()
    assert order[:6] == ["municipality", "evaluation_year", "area_number", "kind", "text", "page"]
    assert order[-2:] == ["evaluation_id", "municipality_code"]
    assert fields.BY_NAME["area_scores"].display_columns()[:8] == [
        "municipality",
        "evaluation_year",
        "area_number",
        "area_name",
        "points",
        "max_points",
        "percent",
        "page",
    ]


def test_datasette_metadata_is_generated_from_it() -> None:
    tables = metadata(["alembic_version", "finding_fts_data"])["databases"]["kommunkompassen"][
        "tables"
    ]
    assert tables["alembic_version"] == {"hidden": True}
    for view in fields.VIEWS:
        assert tables[view.name]["description"] == view.description
        assert list(tables[view.name]["columns"]) == view.columns
        assert tables[view.name]["facets"] == list(view.facets)
