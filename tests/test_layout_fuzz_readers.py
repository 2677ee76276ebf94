"""The differential test over Word/LibreOffice layouts (issue 12): the layout fuzzer's CI sample
and every pinned fixture give byte-identical records from pdfplumber and PDFium."""

from __future__ import annotations

import pytest

from parsers import parse_report
from tests.test_layout_fuzz import (  # noqa: F401  (the session fixtures)
    N2,
    PINNED,
    N,
    fuzz_sample,
    fuzz_sample2,
)


def _same(pdf) -> None:
    plumber = parse_report(pdf, reader="pdfplumber")
    pdfium = parse_report(pdf, reader="pdfium")
    pdfium.source.reader = plumber.source.reader  # the one field that names the reader
    assert pdfium.to_json() == plumber.to_json()


@pytest.mark.parametrize("index", range(N))
def test_fuzz_sample_identical_from_both_readers(fuzz_sample: list, index: int) -> None:  # noqa: F811
    _same(fuzz_sample[index][0])


@pytest.mark.parametrize("index", range(N2))
def test_fuzz_sample2_identical_from_both_readers(fuzz_sample2: list, index: int) -> None:  # noqa: F811
    _same(fuzz_sample2[index][0])


@pytest.mark.parametrize("name", sorted(p.name.removesuffix(".pdf") for p in PINNED.glob("*.pdf")))
def test_pinned_layout_identical_from_both_readers(name: str) -> None:
    _same(PINNED / f"{name}.pdf")
