"""Issue 27 for the flow: no private attribute of a dependency is read (a Prefect upgrade
would silently change what it means), and the parse slots come from what the run was given."""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline import flows

ROOT = Path(__file__).resolve().parent.parent
#: documented functions whose names start with an underscore
PUBLIC_UNDERSCORED = {("os", "_exit")}


def private_reads(source: str) -> list[str]:
    """`x._name` for any x but `self`/`cls` (dunders and the documented exceptions aside)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if node.attr.startswith("__") or owner in ("self", "cls"):
                continue
            if (owner, node.attr) not in PUBLIC_UNDERSCORED:
                out.append(f"line {node.lineno}: {ast.unparse(node)}")
    return out


def test_the_flow_modules_read_no_private_attributes() -> None:
    for name in ("pipeline/flows.py", "pipeline/stream.py"):
        assert private_reads((ROOT / name).read_text("utf-8")) == [], name


def test_private_reads_are_found() -> None:
    assert private_reads("n = runner._max_workers\nos._exit(1)\nself._x\n") == [
        "line 1: runner._max_workers"
    ]


def test_parse_slots_are_what_the_run_was_given() -> None:
    assert flows.slots_for(3) == 3
    assert flows.slots_for(None) >= 1
    assert flows.slots_for(0) >= 1
