"""The `--help` of every `kompass` command, byte for byte as recorded in
tests/fixtures/cli-help.json: the help is the user's manual, and reorganising the code
behind the commands (the CLI package's rooms) must not change a word of it.

After an intended change of a help text, regenerate the file and review its diff:
    .venv/bin/python -m tests.test_cli_help
"""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import cli

RECORDED = Path(__file__).resolve().parent / "fixtures" / "cli-help.json"


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group, as the words that name it ((), ("db",), ("db", "upgrade"), …)."""
    paths = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        if isinstance(sub, click.Group):
            paths += command_paths(sub, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


def help_of(path: tuple[str, ...]) -> str:
    # a fixed width, that of any terminal of 80 columns or more (click leaves 2 free)
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="kompass", terminal_width=78)
    assert result.exit_code == 0, result.output
    return result.stdout


def recorded() -> dict[str, str]:
    return json.loads(RECORDED.read_text("utf-8"))


def test_every_command_is_recorded() -> None:
    assert sorted(" ".join(p) for p in command_paths()) == sorted(recorded())


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "kompass")
def test_help_is_unchanged(path: tuple[str, ...]) -> None:
    assert help_of(path) == recorded()[" ".join(path)]


if __name__ == "__main__":
    texts = {" ".join(p): help_of(p) for p in command_paths()}
    RECORDED.write_text(json.dumps(texts, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {RECORDED} ({len(texts)} commands)")


def test_the_console_script_and_python_m_print_the_same_help(tmp_path: Path) -> None:
    """`kompass` (pyproject's [project.scripts]) and `python -m pipeline.cli` both still work."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "80"}
    kompass = str(Path(sys.executable).with_name("kompass"))
    for argv in ([kompass, "--help"], [sys.executable, "-m", "pipeline.cli", "--help"]):
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == recorded()[""]
