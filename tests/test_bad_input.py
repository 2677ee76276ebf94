"""Bad input is refused with a named exception and one line on stderr, exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import parsers
from pipeline.cli import cli
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"

CASES = [
    ("empty.pdf", parsers.EmptyFile, "empty.pdf: file is empty (0 bytes of content)"),
    (
        "not-a-pdf.pdf",
        parsers.NotAPdf,
        "not-a-pdf.pdf: not a PDF (starts with b'PK\\x03\\x04 thi', not b'%PDF-')",
    ),
    (
        "html-error-page.pdf",
        parsers.HtmlNotPdf,
        "html-error-page.pdf: an HTML page saved as .pdf (404 Not Found), probably a server error page",
    ),
    (
        "truncated.pdf",
        parsers.CorruptPdf,
        "truncated.pdf: PDF is truncated (no end-of-file marker); download it again",
    ),
    (
        "corrupt.pdf",
        parsers.CorruptPdf,
        "corrupt.pdf: PDF is corrupt and cannot be read (data format error)",
    ),
    ("encrypted.pdf", parsers.EncryptedPdf, "encrypted.pdf: PDF is encrypted (password-protected)"),
    (
        "scanned.pdf",
        parsers.NoTextLayer,
        "scanned.pdf: PDF has no text layer (1 page(s) of images only, e.g. a scan), "
        "and OCR recognised no text in it",
    ),
    (
        "unknown-instrument.pdf",
        parsers.UnknownInstrument,
        "unknown-instrument.pdf: area names match no instrument version (tried 2002, 2010, 2016, "
        "2019); names found: 1 Ekonomi; 2 Skola; 3 Vård och omsorg; 4 Miljö; 5 Kultur; 6 Fritid; "
        "7 Trafik; 8 Bostäder",
    ),
    (
        "unrelated.pdf",
        parsers.NotAKommunkompassReport,
        "unrelated.pdf: not a Kommunkompassen report: no area score table (Uppnått / Max) found",
    ),
]


@pytest.mark.parametrize(("name", "exc", "message"), CASES, ids=[c[0] for c in CASES])
def test_library_raises_named_error(name: str, exc: type, message: str) -> None:
    with pytest.raises(exc) as info:
        parsers.parse_report(BAD / name)
    assert str(info.value) == message
    assert isinstance(info.value, parsers.ReportError)


@pytest.mark.parametrize(("name", "exc", "message"), CASES, ids=[c[0] for c in CASES])
def test_cli_prints_one_line_and_exits_2(name: str, exc: type, message: str) -> None:
    result = CliRunner().invoke(cli, ["parse", str(BAD / name)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\n"


def test_real_console_script_has_no_traceback() -> None:
    """The installed `kompass` command, in a real process."""
    exe = Path(sys.executable).with_name("kompass")
    proc = subprocess.run(
        [str(exe), "parse", str(BAD / "truncated.pdf")], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert (
        proc.stderr
        == "error: truncated.pdf: PDF is truncated (no end-of-file marker); download it again\n"
    )
    assert "Traceback" not in proc.stderr


def test_missing_file() -> None:
    result = CliRunner().invoke(cli, ["parse", "no-such-report.pdf"])
    assert result.exit_code == 2
    assert result.stderr == "error: no-such-report.pdf: no such file\n"


def test_good_and_bad_together_parses_the_good_one_and_exits_2() -> None:
    result = CliRunner().invoke(
        cli, ["parse", "--json", str(FIXTURES / "norsjo-2018.pdf"), str(BAD / "empty.pdf")]
    )
    assert result.exit_code == 2
    assert result.stdout.count("\n") == 1 and '"name": "Norsjö"' in result.stdout
    assert result.stderr == "error: empty.pdf: file is empty (0 bytes of content)\n"
