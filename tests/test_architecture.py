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


#: The one module that sets environment variables: Prefect's defaults, at a command's start.
#: Anywhere else a write to os.environ leaks into every later call in the process (and into
#: in-process CLI tests); values go down as arguments instead.
ENVIRON_WRITERS_ALLOWED = {"pipeline/cli/prefect_home.py"}
#: Known debts: none (--ocr and the OCR cache folder go down as values since issue 27, as
#: --reader does: `parsers.ocr.Settings`).
ENVIRON_WRITES_KNOWN: set[str] = set()
_ENVIRON_METHODS = {"setdefault", "update", "pop", "popitem", "clear", "__setitem__"}


def _is_environ(node: ast.AST) -> bool:
    """`os.environ` (or a bare `environ` imported from os)."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def environ_writes(files: dict[str, str]) -> list[str]:
    """Every write to the process environment outside start-up, as `file:line`."""
    out = []
    for rel, source in files.items():
        if rel in ENVIRON_WRITERS_ALLOWED | ENVIRON_WRITES_KNOWN:
            continue
        for node in ast.walk(ast.parse(source, filename=rel)):
            targets = []
            if isinstance(node, (ast.Assign, ast.Delete)):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            written = any(isinstance(t, ast.Subscript) and _is_environ(t.value) for t in targets)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                f = node.func
                written |= f.attr in _ENVIRON_METHODS and _is_environ(f.value)
                written |= f.attr in ("putenv", "unsetenv")
            if written:
                out.append(f"{rel}:{node.lineno}")
    return out


def test_no_environment_writes_outside_start_up() -> None:
    found = environ_writes(sources(*LAYERS))
    assert not found, "os.environ written outside pipeline/cli/prefect_home.py:\n" + "\n".join(
        found
    )


@pytest.mark.parametrize(
    "source",
    [
        "import os\nos.environ['KOMPASS_READER'] = 'pdfium'\n",
        "import os\ndef f(v):\n    os.environ.setdefault('X', v)\n",
        "from os import environ\nenviron.update(X='1')\n",
        "import os\ndel os.environ['X']\n",
        "import os\nos.putenv('X', '1')\n",
    ],
)
def test_an_environment_write_is_caught(source: str) -> None:
    assert environ_writes({"pipeline/bad.py": source}) == [
        f"pipeline/bad.py:{source.count(chr(10))}"
    ]


def module_of(rel: str) -> str:
    """`pipeline/cli/flows.py` -> `pipeline.cli.flows`; a package's `__init__` is the package."""
    parts = rel[: -len(".py")].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(files: dict[str, str]) -> dict[str, set[str]]:
    """module -> the modules of `files` it imports (at any depth, lazy imports included: a
    cycle dodged by importing inside a function is still a cycle for the reader).
    `from package import name` counts as an import of `package.name` when that is a module;
    a module importing its own package (Python runs the package's `__init__` first anyway)
    is no arrow."""
    modules = {module_of(rel) for rel in files}
    graph: dict[str, set[str]] = {}
    for rel, source in files.items():
        me = module_of(rel)
        found = set()
        tree = ast.parse(source, filename=rel)
        for _line, module in imports(rel, source):
            if module in modules:
                found.add(module)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found |= {f"{node.module}.{a.name}" for a in node.names} & modules
        graph[me] = {m for m in found if m != me and not me.startswith(m + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the modules around it (depth-first search)."""
    out, seen, done = [], set(), set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycle = path[path.index(node) :]
            key = frozenset(cycle)
            if key not in seen:
                seen.add(key)
                out.append([*cycle, node])
            return
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*path, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return out


@pytest.mark.parametrize("layer", ["pipeline", "warehouse", "schema"])
def test_no_import_cycles(layer: str) -> None:
    """The arrows between modules go one way (issue 27): no module imports one that imports
    it back, directly or around a ring, lazy imports included."""
    found = cycles(import_graph(sources(layer)))
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_a_cycle_is_caught() -> None:
    files = {
        "warehouse/a.py": "def f():\n    from warehouse.b import X\n",
        "warehouse/b.py": "from warehouse import c\n",
        "warehouse/c.py": "import warehouse.a\n",
        "warehouse/d.py": "from warehouse import a\n",
    }
    assert cycles(import_graph(files)) == [
        ["warehouse.a", "warehouse.b", "warehouse.c", "warehouse.a"]
    ]
