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
    # a fixed width: the help must not depend on the terminal the tests run in
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="kompass", terminal_width=80)
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
