"""Both readers (pdfplumber, the default, and PDFium, the fast path) give byte-identical
records: a disagreement is a failure, never a tolerance. The generated corpus is checked the
same way in test_corpus.py, the layout fuzzer's sample in test_layout_fuzz.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from parsers import parse_report
from parsers.reader import get_reader, reader_name, words_from_chars
from tests.conftest import FIXTURES, golden_cases

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("case", golden_cases())
def test_fixture_records_are_identical_from_both_readers(case: str) -> None:
    path = FIXTURES / f"{case}.pdf"
    plumber = parse_report(path, reader="pdfplumber")
    pdfium = parse_report(path, reader="pdfium")
    assert (plumber.source.reader, pdfium.source.reader) == ("pdfplumber", "pdfium")
    pdfium.source.reader = plumber.source.reader  # the one field that names the reader
    assert plumber.to_json() == pdfium.to_json()


def test_both_readers_see_the_same_words_and_rules() -> None:
    """Below the record: the same words (text, font size, bold) and ruling lines per page."""
    data = (FIXTURES / "simrishamn-2021.pdf").read_bytes()
    pages = {name: list(get_reader(name)(data)) for name in ("pdfplumber", "pdfium")}
    assert len(pages["pdfplumber"]) == len(pages["pdfium"]) == 13
    for a, b in zip(pages["pdfplumber"], pages["pdfium"], strict=True):
        wa = [(w.text, w.size, w.bold) for w in words_from_chars(a.chars)]
        wb = [(w.text, w.size, w.bold) for w in words_from_chars(b.chars)]
        assert wa == wb
        assert len(a.rules) == len(b.rules)
    assert sum(len(p.rules) for p in pages["pdfplumber"]) > 50  # the ruled tables


def test_default_reader_is_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOMPASS_READER", raising=False)
    assert reader_name() == "pdfplumber"
    monkeypatch.setenv("KOMPASS_READER", "PDFium")
    assert reader_name() == "pdfium"
    assert reader_name("pdfplumber") == "pdfplumber"


def test_cli_reader_option_and_bad_environment() -> None:
    kompass = str(Path(sys.executable).parent / "kompass")
    pdf = str(FIXTURES / "norsjo-2018.pdf")
    env = {k: v for k, v in os.environ.items() if k != "KOMPASS_READER"}
    a = subprocess.run([kompass, "parse", "--json", pdf], capture_output=True, text=True, env=env)
    b = subprocess.run(
        [kompass, "parse", "--reader", "pdfium", "--json", pdf], capture_output=True, text=True
    )
    assert a.returncode == b.returncode == 0
    ra, rb = json.loads(a.stdout), json.loads(b.stdout)
    assert (ra["source"].pop("reader"), rb["source"].pop("reader")) == ("pdfplumber", "pdfium")
    assert ra == rb
    bad = subprocess.run(
        [kompass, "parse", pdf], capture_output=True, text=True, env={**env, "KOMPASS_READER": "x"}
    )
    assert bad.returncode == 2
    assert bad.stderr == "error: KOMPASS_READER: unknown reader 'x' (choose pdfplumber or pdfium)\n"
    assert "Traceback" not in bad.stderr


def test_soft_hyphens_turn_copies_and_leave_the_page_as_the_reader_reported_it() -> None:
    """`reader.soft_hyphens` gives the hyphen of a soft-hyphen element as U+00AD, a plain
    hyphen elsewhere as printed, and leaves `RawPage.chars` as the reader reported them (a
    page read again, or inspected, shows the file's own text)."""
    from parsers.reader import Char, RawPage, soft_hyphens
    from parsers.text import SOFT_HYPHEN

    chars = [
        Char("-", 10.0, 13.0, 20.0, 10.0, "F", mcid=7),
        Char("-", 30.0, 33.0, 20.0, 10.0, "F", mcid=8),
    ]
    raw = RawPage(1, 595.0, 842.0, chars)
    raw.soft_hyphens = {7}
    assert [c.text for c in soft_hyphens(raw)] == [SOFT_HYPHEN, "-"]
    assert [c.text for c in raw.chars] == ["-", "-"]
