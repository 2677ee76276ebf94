"""The shown output of the console examples in README.md and docs/*.md is what the commands
print today. Each `$ command` runs as written (bash, from a scratch folder that sees the
checkout's tests/ and .venv/bin/kompass, so what they write lands there, except the raw
copies of `kompass load`, which go to the checkout's raw_reports/ as without --raw-dir; the
warehouse is the fixture reports loaded in order), and its output is compared line by line:
`…` alone on a line stands for any lines, `…` inside a line for any text, and a time of day
(status's last ingest) matches any other. A command shown
without output must succeed; one shown with `error: …` must exit 2. Examples that cannot run
here (network, files not in the repository, a server) are listed in SKIP with the reason."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
KOMPASS = Path(sys.executable).with_name("kompass")

#: Commands (their start) that cannot run in a test, and why.
SKIP = {
    ".venv/bin/kompass parse broken-cut-table.pdf": "a damaged report not in the repository",
    ".venv/bin/kompass parse bomb.pdf": "a malicious file not in the repository",
    ".venv/bin/kompass ingest --source https://skr.se": "the network",
    ".venv/bin/kompass review": "illustrative: needs an incomplete report and a failed one",
    ".venv/bin/pip install": "installs packages and starts a server",
    "echo $?": "the exit code of the command before it (checked with it)",
}


def examples() -> list[tuple[str, str, list[str], int | None]]:
    """(where, command, shown output lines, shown exit code or None) of every console block."""
    out = []
    for doc in DOCS:
        text = doc.read_text("utf-8")
        for block in re.finditer(r"```console\n(.*?)```", text, re.S):
            line_no = text[: block.start()].count("\n") + 2
            current: list | None = None
            for k, line in enumerate(block.group(1).splitlines()):
                if line.startswith("$ "):
                    if line == "$ echo $?" and current is not None:
                        current[3] = "exit"  # the next output line is the exit code
                        continue
                    current = [f"{doc.name}:{line_no + k}", line[2:], [], None]
                    out.append(current)
                elif current is not None:
                    if current[3] == "exit":
                        current[3] = int(line)
                    else:
                        current[2].append(line)
    return [tuple(e) for e in out]


def _skipped(command: str) -> str | None:
    return next((why for start, why in SKIP.items() if command.startswith(start)), None)


#: A time of day printed by a command (status's last ingest) is never the one shown.
_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( UTC)?")


def matches(shown: list[str], printed: list[str]) -> bool:
    """`shown` (with … wildcards) against the printed lines, trailing spaces ignored and
    times of day alike; no shown lines: not compared."""

    def norm(lines: list[str]) -> list[str]:
        return [_TIME.sub("<time>", line.rstrip()) for line in lines]

    return not shown or _match(norm(shown), norm(printed))


def _match(shown: list[str], printed: list[str]) -> bool:
    if not shown:
        return not printed
    head, *rest = shown
    if head.strip() == "…":
        return not rest or any(_match(rest, printed[i:]) for i in range(len(printed) + 1))
    if not printed:
        return False
    pattern = ".*?".join(re.escape(part) for part in head.split("…"))
    return re.fullmatch(pattern, printed[0]) is not None and _match(rest, printed[1:])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A folder with `tests` and `.venv/bin/kompass` pointing into the checkout, and a
    warehouse of the fixture reports loaded in order (as the README's outputs show them)."""
    folder = tmp_path_factory.mktemp("docs")
    (folder / "tests").symlink_to(ROOT / "tests")
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / ".venv" / "bin" / "kompass").symlink_to(KOMPASS)
    (folder / "warehouse").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOMPASS_", "PREFECT_"))}
    env["KOMPASS_DB"] = f"sqlite:///{folder / 'warehouse' / 'kommunkompassen.db'}"
    env["COLUMNS"] = "200"
    pdfs = sorted(p.name for p in (ROOT / "tests" / "fixtures").glob("*.pdf"))
    subprocess.run(
        [str(KOMPASS), "load", *(f"tests/fixtures/{p}" for p in pdfs), "--raw-dir", "raw"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return folder, env


def test_the_docs_have_examples() -> None:
    found = examples()
    assert len(found) > 20
    runnable = [e for e in found if not _skipped(e[1])]
    assert len(runnable) >= 15


@pytest.mark.parametrize("example", examples(), ids=lambda e: f"{e[0]} {e[1][:50]}")
def test_shown_output_is_printed(scratch, example) -> None:
    where, command, shown, code = example
    why = _skipped(command)
    if why:
        pytest.skip(why)
    folder, env = scratch
    proc = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    printed = (proc.stdout + proc.stderr).splitlines()
    refused = bool(shown) and shown[0].startswith("error: ")
    expected = code if code is not None else (2 if refused else 0)
    assert proc.returncode == expected, (where, proc.stdout, proc.stderr)
    assert matches(shown, printed), (where, "\n".join(printed))


def test_the_matcher() -> None:
    assert matches(["a …", "…", "z"], ["a b c", "x", "y", "z"])
    assert not matches(["a", "b"], ["a"])
    assert not matches(["a"], ["a", "b"])
    assert matches(["a", "…"], ["a", "b", "c"])
    assert matches(["at 2026-11-28 10:25 UTC"], ["at 2027-01-02 03:04 UTC"])
