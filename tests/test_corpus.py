"""Generated reports in many layouts parse exactly to the record the generator wrote down.

The benchmark corpus (tests/fixturegen/corpus.py) rotates version, producer, findings layout,
bullets, number alignment, rulings, history columns and page breaks; 16 of them are checked
here field by field, like the golden fixtures, and read by both readers (pdfplumber and
PDFium) to byte-identical records.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_report
from tests.fixturegen.corpus import params
from tests.fixturegen.expected import expected_record
from tests.fixturegen.layout import layout
from tests.fixturegen.producers import DEJAVU, producer
from tests.fixturegen.synth import synth_spec
from tests.test_golden import differences


@pytest.mark.parametrize("i", range(16))
def test_generated_report_parses_exactly(i: int, tmp_path: Path) -> None:
    p = params(i)
    if p["producer"] == "fpdf2" and not (DEJAVU / "DejaVuSerif.ttf").exists():
        pytest.skip("fpdf2 cases need the DejaVu fonts (Debian fonts-dejavu-core)")
    spec = synth_spec(p)
    prod = producer(p["producer"], p["style"]["font"])
    pages, placed = layout(spec, prod.measure())
    pdf = prod.render(pages, title=p["case"])
    path = tmp_path / f"{p['case']}.pdf"
    path.write_bytes(pdf)
    record = parse_report(path, reader="pdfplumber")
    # the differential check: PDFium must give the byte-identical record
    pdfium = parse_report(path, reader="pdfium")
    pdfium.source.reader = record.source.reader  # the one field that names the reader
    assert pdfium.to_json() == record.to_json()
    got = record.to_dict()
    del got["source"]["path"], got["source"]["url"], got["parser_version"]
    diffs = differences(got, expected_record(spec, pdf, len(pages), placed.pages))
    assert not diffs, f"{p['case']} ({p['version']}, {p['producer']}): " + "\n".join(diffs[:20])
