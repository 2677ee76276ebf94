"""The product outside a checkout: every imported library is declared, and a wheel built
from the tree runs `kompass demo` in a fresh virtual environment from an empty folder."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("parsers", "pipeline", "schema", "warehouse")


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra, reqs in project["optional-dependencies"].items():
        if extra != "dev":  # dev is for tests and tools, never for the product's own imports
            wanted += reqs
    return {_norm(re.match(r"[A-Za-z0-9_.\-]+", r).group(0)) for r in wanted}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported() -> dict[str, set[str]]:
    """Top-level module -> the files that import it, over the product's packages."""
    out: dict[str, set[str]] = {}
    for path in (ROOT / p for p in PACKAGES):
        for source in path.rglob("*.py"):
            if "samples" in source.parts:
                continue
            for node in ast.walk(ast.parse(source.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    out.setdefault(name.split(".")[0], set()).add(str(source.relative_to(ROOT)))
    return out


def test_every_imported_library_is_declared() -> None:
    """`rich` came only through Prefect; a library the code imports is a dependency of its
    own (or of the extra that uses it), so an upgrade of another cannot remove it."""
    dists = packages_distributions()
    declared = _declared()
    missing = {}
    for module, files in _imported().items():
        if module in sys.stdlib_module_names or module in PACKAGES:
            continue
        for dist in dists.get(module, [module]):
            if _norm(dist) not in declared:
                missing[module] = sorted(files)
    assert missing == {}


@pytest.mark.slow
def test_a_wheel_runs_the_demo_from_an_empty_folder(tmp_path: Path) -> None:
    """Build a wheel, install it into a fresh venv (dependencies from this environment's
    site-packages, so no index is needed), run `kompass demo` in an empty folder: the sample
    reports come from the package and the data goes to the user's data folder, never into
    site-packages or the working folder."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("kompass-*.whl")
    venv = tmp_path / "venv"
    # the fresh venv sees this one's libraries (not kompass itself): no network, no index
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
        check=True,
        timeout=300,
    )
    here = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    site = venv / "lib" / here.name / "site-packages"
    (site / "parent.pth").write_text(str(here / "site-packages") + "\n", "utf-8")
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    data = tmp_path / "data"
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k != "KOMPASS_DB" and not k.startswith("PREFECT_")
        },
        "XDG_DATA_HOME": str(data),
    }
    proc = subprocess.run(
        [str(venv / "bin" / "kompass"), "demo"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Norsjö" in proc.stdout and "Ängelholm" in proc.stdout
    assert "10 documents: 10 loaded" in proc.stdout
    assert list(empty.iterdir()) == []  # nothing in the working folder
    assert (data / "kompass" / "kommunkompassen.db").is_file()
    assert len(list((data / "kompass" / "raw_reports").glob("*.pdf"))) == 10
    installed = venv / "lib" / here.name / "site-packages"
    assert not list(installed.glob("warehouse/*.db")) and not (installed / "raw_reports").exists()
    dictionary = subprocess.run(
        [str(venv / "bin" / "kompass"), "db", "dictionary"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dictionary.returncode == 0 and dictionary.stdout.startswith("# Data dictionary")
