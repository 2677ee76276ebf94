"""House rules of parsers/: layout tolerances are named (parsers/tolerances.py), and no module
reaches into another's private names (shared patterns and words live in parsers/vocabulary.py
and parsers/words.py)."""

from __future__ import annotations

import ast
from pathlib import Path

PARSERS = Path(__file__).resolve().parent.parent / "parsers"

#: Numbers that are never a tolerance: nothing, one, minus one, two (halves, pairs, neighbours).
TRIVIAL = {0, 1, -1, 2}

#: Numbers in parsers/ code that are no layout tolerance, per module, with why.
NOT_LAYOUT: dict[str, dict[float, str]] = {
    "limits.py": {
        20: "bit shift: bytes to MB",
        30: "bit shift: bytes to GB",
        2048: "bytes before a stream searched for its dictionary",
        4096: "bytes of an object's body read by default",
        100_000: "bytes of an object's body searched for references",
    },
    "pdf.py": {
        1024: "bytes sniffed for a PDF header",
        4096: "bytes searched for an HTML <title>",
    },
    "inspect.py": {
        110: "resolution of the inspect picture (dpi)",
        10: "label offset in the inspect picture (px)",
    },
    "summary.py": {45: "display width of an area name", 44: "display width minus the ellipsis"},
    "reader.py": {1e-6: "float epsilon before rounding a font size to 0.1"},
    "reader_pdfium.py": {
        4: "RGBA: four colour channels",
        64: "ctypes buffer for a mark name",
        128: "ctypes buffer for a font name",
    },
    "reader_pdfplumber.py": {
        3: "RGB colour tuple length",
        4: "CMYK colour tuple length",
        255: "colour channel scale",
    },
    "layout.py": {3: "`3 - side`: the other of the sides 1 and 2"},
    "ocr.py": {30: "timeout (s) for asking Tesseract its version / languages"},
    "ocr_cells.py": {
        6: "Tesseract page segmentation mode: a block of text",
        7: "Tesseract page segmentation mode: one line",
        12: "columns of Tesseract's TSV output",
        300: "timeout (s) for one Tesseract run",
        255: "white in a greyscale image",
    },
    "ocr_text_cells.py": {
        12: "columns of Tesseract's TSV output",
        300: "timeout (s) for one Tesseract run",
    },
}


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _exempt(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    """A number that is a name's definition, an index or slice bound, a regex group, or a
    rounding precision: no tolerance."""
    parent = parents.get(node)
    if isinstance(parent, ast.UnaryOp):  # -3
        node, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return True
    if isinstance(parent, ast.Slice):
        return True
    if isinstance(parent, ast.Call) and node in parent.args:
        f = parent.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
        if name in ("group", "round", "split", "rsplit"):
            return True
    top = node
    while not isinstance(parents.get(top), ast.Module):
        top = parents[top]
    return isinstance(top, ast.Assign | ast.AnnAssign)  # a module-level named constant


def bare_numbers(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    allowed = NOT_LAYOUT.get(path.name, {})
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or type(node.value) not in (int, float):
            continue
        if node.value in TRIVIAL or node.value in allowed or _exempt(node, parents):
            continue
        found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


def test_no_bare_layout_numbers():
    """A tolerance in parser code is a named constant in parsers/tolerances.py (or a module
    constant with a comment), never a bare number in a function."""
    found = [
        hit
        for path in sorted(PARSERS.glob("*.py"))
        if path.name != "tolerances.py"
        for hit in bare_numbers(path)
    ]
    assert found == [], "bare numbers in parsers/ (name them in parsers/tolerances.py):\n" + (
        "\n".join(found)
    )


def test_bare_number_finder_finds_one(tmp_path):
    """The finder itself: a bare tolerance in a function is found, a named one is not."""
    module = tmp_path / "m.py"
    module.write_text(
        "GAP = 0.6\n\ndef f(w, words):\n    return w.x0 < 0.35 * w.size or words[3] or GAP\n"
    )
    assert bare_numbers(module) == ["m.py:4: 0.35"]


def test_tolerances_are_documented():
    """Every tolerance has a comment line (#:) right above it saying what it is."""
    lines = (PARSERS / "tolerances.py").read_text(encoding="utf-8").splitlines()
    undocumented = []
    for k, line in enumerate(lines):
        if line[:1].isupper() and " = " in line:
            above = k - 1
            while above >= 0 and lines[above][:1].isupper() and " = " in lines[above]:
                above -= 1  # a group of values under one comment (ASCENT, DESCENT)
            if above < 0 or not lines[above].startswith("#"):
                undocumented.append(line)
    assert undocumented == []


def private_imports(path: Path) -> list[str]:
    """`from parsers.x import _name` (or `parsers.x._name`) in a module other than x."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = f"parsers.{path.stem}"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("parsers"):
            if node.module == own:
                continue
            found += [
                f"{path.name}:{node.lineno}: {node.module}.{a.name}"
                for a in node.names
                if a.name.startswith("_")
            ]
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            base = node.value
            if isinstance(base, ast.Name) and base.id in _parser_module_names(tree, own):
                found.append(f"{path.name}:{node.lineno}: {base.id}.{node.attr}")
    return found


def _parser_module_names(tree: ast.AST, own: str) -> set[str]:
    """Names bound to other parsers modules: `from parsers import ocr`, `import parsers.x as y`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "parsers":
            names |= {a.asname or a.name for a in node.names if f"parsers.{a.name}" != own}
        elif isinstance(node, ast.Import):
            names |= {a.asname for a in node.names if a.name.startswith("parsers.") and a.asname}
    return names


def test_no_private_imports_across_parser_modules():
    found = [hit for path in sorted(PARSERS.glob("*.py")) for hit in private_imports(path)]
    assert found == [], "private names used across parsers/ modules:\n" + "\n".join(found)


def test_private_import_finder_finds_one(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "from parsers.history import _ROW, HistoryTable\nfrom parsers import ocr\nx = ocr._cache\n"
    )
    assert private_imports(module) == ["m.py:1: parsers.history._ROW", "m.py:3: ocr._cache"]


def word_lists(path: Path) -> list[str]:
    """Literal collections of eight or more short lower-case words: a hand-written word list."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            words = [
                e.value
                for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            ]
            short = [w for w in words if w.isalpha() and w.islower() and len(w) <= 6]
            if len(short) >= 8:
                found.append(f"{path.name}:{node.lineno}: {', '.join(short[:4])}, …")
    return found


def test_one_swedish_word_list():
    """The language rules' short Swedish words live in parsers/words.py only."""
    found = [
        hit
        for path in sorted(PARSERS.glob("*.py"))
        if path.name != "words.py"
        for hit in word_lists(path)
    ]
    assert found == [], "\n".join(found)


def test_word_list_says_where_each_word_serves():
    from parsers import words

    assert (
        set(words.WORD_CLASS)
        == words.ENDS_LINE_GOING_ON | words.STARTS_WRAPPED_LINE | words.KEEPS_SUSPENDED_HYPHEN
    )
    assert {"och", "med", "i"} <= words.ENDS_LINE_GOING_ON
    assert "men" not in words.ENDS_LINE_GOING_ON  # "… men" / "Det …": a new sentence may follow
    assert words.bare("”Styrning,") == "styrning"


#: The longest a function in parsers/, warehouse/ and pipeline/ may be (lines, signature and
#: docstring included): longer, and it does more than one step of the walk in
#: docs/architecture.md.
FUNCTION_LINES = 60
ROOT = PARSERS.parent


def long_functions(folder: str, limit: int = FUNCTION_LINES) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" in path.parts:  # Alembic revisions: one table after another
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {length}")
    return found


def test_parser_warehouse_and_pipeline_functions_are_short():
    """Each function reads as one step: a longer walk is split into named steps (e.g.
    `ledger.account`'s `_Walk`, `scores.parse_table`'s `_Draft`)."""
    found = long_functions("parsers") + long_functions("warehouse") + long_functions("pipeline")
    assert found == [], "functions over FUNCTION_LINES lines:\n" + "\n".join(found)


def test_long_function_finder_finds_one():
    assert long_functions("warehouse", limit=10) != []


#: Private attributes of other libraries' objects still used, with why (file, attribute).
#: Empty: the download deadline once reached into httpx's transport for its pool's network
#: backend; pipeline/bounded_http.py now builds the transport from httpcore's public parts.
DEPENDENCY_PRIVATE_KNOWN: set[tuple[str, str]] = set()
#: Public despite the underscore: `os._exit` (documented, the way a forked child ends).
PUBLIC_UNDERSCORED = {"_exit"}


def private_attribute_uses(folder: str) -> set[tuple[str, str]]:
    """`obj._name` and `getattr(obj, "_name")` on anything but `self`/`cls`, and not our own
    marks on foreign objects (`_kompass…`)."""
    found = set()
    for path in sorted((ROOT / folder).rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = None
            if isinstance(node, ast.Attribute) and not (
                isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            ):
                name = node.attr
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("getattr", "setattr", "hasattr")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and not (isinstance(node.args[0], ast.Name) and node.args[0].id == "self")
            ):
                name = node.args[1].value
            if (
                isinstance(name, str)
                and name.startswith("_")
                and not name.startswith(("__", "_kompass"))
                and name not in PUBLIC_UNDERSCORED
            ):
                found.add((rel, name))
    return found


def test_no_private_attributes_of_dependencies():
    found = set().union(*(private_attribute_uses(f) for f in ("parsers", "warehouse", "pipeline")))
    assert found <= DEPENDENCY_PRIVATE_KNOWN, sorted(found - DEPENDENCY_PRIVATE_KNOWN)
