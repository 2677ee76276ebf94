"""The layer rules of docs/architecture.md, checked on every module's imports (function-level
imports included, since most of ours are lazy): a rule that only lives in prose erodes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("schema", "parsers", "warehouse", "pipeline")

#: layer -> packages of ours it must never import
FORBIDDEN = {
    "schema": {"parsers", "warehouse", "pipeline"},
    "parsers": {"warehouse", "pipeline"},
    "warehouse": {"parsers", "pipeline"},
    "pipeline": set(),
}
#: the only modules that may import Prefect: the flows, and `kompass serve`, which asks
#: Prefect's settings whether a server is configured before importing the flows
PREFECT_ALLOWED = {"pipeline/flows.py", "pipeline/cli/flows.py"}
#: test helpers and benchmarks share the fixture generator in tests/fixturegen; the tests
#: never import the benchmarks (which import the generator), so the arrow goes one way
TESTS_FORBIDDEN = {"benchmarks"}


def imports(rel: str, source: str) -> list[tuple[int, str]]:
    """(line, dotted module) of every import in a file, at any depth; relative imports are
    resolved against the file's package."""
    tree = ast.parse(source, filename=rel)
    package = tuple(rel.split("/")[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


def sources(*tops: str) -> dict[str, str]:
    paths = sorted(p for top in tops for p in (ROOT / top).rglob("*.py"))
    return {p.relative_to(ROOT).as_posix(): p.read_text("utf-8") for p in paths}


def violations(files: dict[str, str]) -> list[str]:
    """Every import that breaks a rule, as `file:line imports module (why)`; `files` maps a
    path relative to the checkout to its source."""
    out = []
    for rel, source in files.items():
        top = rel.split("/")[0]
        for line, module in imports(rel, source):
            first = module.split(".")[0]
            if first in FORBIDDEN.get(top, ()):
                out.append(f"{rel}:{line} imports {module} ({top} never imports {first})")
            is_prefect = first == "prefect" or first.startswith("prefect_")  # and integrations
            if is_prefect and top in LAYERS and rel not in PREFECT_ALLOWED:
                out.append(f"{rel}:{line} imports {module} (only pipeline/flows.py uses Prefect)")
            if top == "tests" and first in TESTS_FORBIDDEN:
                out.append(f"{rel}:{line} imports {module} (tests never import benchmarks)")
    return out


def test_layers_import_only_what_they_may() -> None:
    found = violations(sources(*LAYERS, "tests"))
    assert not found, "imports against docs/architecture.md:\n" + "\n".join(found)


def test_prefect_in_cli_only_in_serve() -> None:
    """The CLI package may touch Prefect only lazily, inside `serve` (the CLI starts without
    it)."""
    where, top_level = [], []
    for path in sorted((ROOT / "pipeline" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        where += [
            fn.name
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef)
            for node in ast.walk(fn)
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "prefect"
        ]
        top_level += [
            node
            for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom))
            and any(
                name.split(".")[0] == "prefect"
                for name in (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
            )
        ]
    assert top_level == [] and set(where) <= {"serve"} and where


@pytest.mark.parametrize(
    ("rel", "source", "reason"),
    [
        ("parsers/bad.py", "from warehouse.db import get_engine\n", "parsers never imports"),
        ("warehouse/bad.py", "def f():\n    import parsers.report\n", "warehouse never imports"),
        ("warehouse/sub/bad.py", "from ...pipeline import cli\n", "warehouse never imports"),
        ("schema/bad.py", "from parsers import parse_report\n", "schema never imports"),
        ("parsers/bad.py", "import prefect\n", "only pipeline/flows.py"),
        ("pipeline/bad.py", "from prefect import flow\n", "only pipeline/flows.py"),
        ("pipeline/bad.py", "import prefect_dask\n", "only pipeline/flows.py"),
        ("tests/bad.py", "from benchmarks.corpus import params\n", "never import benchmarks"),
    ],
)
def test_a_bad_import_is_caught(rel: str, source: str, reason: str) -> None:
    """The checker itself: each kind of bad import, as a file placed where it would be."""
    (found,) = violations({rel: source})
    assert found.startswith(f"{rel}:") and reason in found


def test_the_checker_sees_every_module() -> None:
    """A rule checked on no files passes vacuously: make sure the walk found the layers."""
    found = sources(*LAYERS)
    assert {"parsers/report.py", "warehouse/load.py", "schema/record.py"} <= set(found)
    assert "pipeline/flows.py" in found and len(found) > 40


#: The CLI's rooms stay small: a module a newcomer reads in one go, a command that reads its
#: options, calls one function of the layer below and prints (issue 27).
CLI_MODULE_LINES = 300
COMMAND_BODY_LINES = 30


def command_bodies() -> dict[str, int]:
    """`module:function` -> lines of its body without the docstring, for every decorated
    function (the commands) of the CLI package."""
    out = {}
    for path in sorted((ROOT / "pipeline" / "cli").glob("*.py")):
        for fn in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(fn, ast.FunctionDef) and fn.decorator_list:
                body = fn.body[1:] if ast.get_docstring(fn) is not None else fn.body
                if body:
                    out[f"{path.name}:{fn.name}"] = body[-1].end_lineno - body[0].lineno + 1
    return out


def test_cli_rooms_are_small() -> None:
    long_modules = {
        p.name: n
        for p in (ROOT / "pipeline" / "cli").glob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > CLI_MODULE_LINES
    }
    bodies = command_bodies()
    long_commands = {k: n for k, n in bodies.items() if n > COMMAND_BODY_LINES}
    assert "flows.py:ingest" in bodies and "warehouse.py:query" in bodies
    assert not long_modules and not long_commands, (long_modules, long_commands)
