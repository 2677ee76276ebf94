"""Hostile PDFs: refused by a named limit, in one line, before they cost memory or minutes;
and what PDF readers accept (junk after %%EOF) is read."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import parsers
from parsers import limits
from parsers.errors import LimitExceeded
from pipeline.cli import cli
from tests import hostile
from tests.conftest import FIXTURES

WHY = "not a Kommunkompassen report or a malicious file"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_junk_after_eof_is_read_like_pdf_readers_do(tmp_path: Path) -> None:
    """Defect 10: more than 4 KB after %%EOF made a good PDF "truncated"."""
    plain = parsers.parse_report(FIXTURES / "norsjo-2018.pdf")
    for size in (100, 5000, 200_000):
        path = write(
            tmp_path,
            f"junk-{size}.pdf",
            hostile.with_junk_after_eof(FIXTURES / "norsjo-2018.pdf", size),
        )
        record = parsers.parse_report(path)
        assert record.areas == plain.areas and record.history == plain.history


def test_a_cut_off_download_is_still_truncated(tmp_path: Path) -> None:
    data = (FIXTURES / "norsjo-2018.pdf").read_bytes()
    path = write(tmp_path, "cut.pdf", data[: len(data) // 2])
    with pytest.raises(parsers.CorruptPdf) as info:
        parsers.parse_report(path)
    assert info.value.reason == "PDF is truncated (no end-of-file marker); download it again"


def test_text_bomb_is_refused_by_the_page_character_limit(tmp_path: Path) -> None:
    """Defect 3: one page of 300,000 characters (1 KB compressed)."""
    path = write(tmp_path, "bomb.pdf", hostile.text_bomb(300_000))
    with pytest.raises(LimitExceeded) as info:
        parsers.parse_report(path)
    assert str(info.value) == f"bomb.pdf: page 1 has more than 200000 characters; {WHY}"


def test_inflate_bomb_is_refused_before_the_pdf_library_sees_it(tmp_path: Path) -> None:
    """Defect 3: a 300 KB file whose content stream inflates to 300 MB."""
    path = write(tmp_path, "inflate.pdf", hostile.inflate_bomb(300))
    with pytest.raises(LimitExceeded) as info:
        parsers.parse_report(path)
    assert str(info.value) == (
        f"inflate.pdf: a compressed stream inflates to more than 8 MB; {WHY}"
    )


def test_nested_flate_bomb_is_counted_through_every_layer() -> None:
    """Two Flate layers: 40 KB → 40 MB → 4 GB would be; counting stops at the limit."""
    inner = zlib.compress(b"\0" * (200 << 20), 9)  # 200 MB of zeros → ~200 KB
    outer = zlib.compress(inner, 9)
    data = hostile.build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(outer)
            + outer
            + b"\nendstream",
        ]
    )
    with pytest.raises(LimitExceeded, match="a compressed stream inflates to more than 8 MB"):
        limits.check_raw(Path("nested.pdf"), data)


def test_page_tree_naming_one_page_100000_times_is_refused(tmp_path: Path) -> None:
    """Defect 3: took 36 s and 430 MB before being refused."""
    path = write(tmp_path, "loop.pdf", hostile.page_loop(100_000))
    with pytest.raises(LimitExceeded) as info:
        parsers.parse_report(path)
    assert str(info.value) == f"loop.pdf: it declares 100000 pages, more than 500; {WHY}"


def test_document_character_budget() -> None:
    budget = limits.CharBudget(Path("many.pdf"))
    for page in range(1, 14):
        budget.add(page, 150_000)
    with pytest.raises(LimitExceeded) as info:
        budget.add(14, 150_000)
    assert str(info.value) == f"many.pdf: it has more than 2000000 characters in all; {WHY}"
    with pytest.raises(LimitExceeded, match="it has 501 pages, more than 500"):
        limits.check_page_count(Path("x.pdf"), 501)


def test_good_reports_are_far_below_every_limit() -> None:
    for pdf in sorted(FIXTURES.glob("*.pdf")):
        limits.check_raw(pdf, pdf.read_bytes())


def test_cli_parse_refuses_a_bomb_in_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.pdf", hostile.text_bomb(300_000))
    result = CliRunner().invoke(cli, ["parse", str(path), str(FIXTURES / "gavle-2022.pdf")])
    assert result.exit_code == 2
    assert result.stderr == f"error: bomb.pdf: page 1 has more than 200000 characters; {WHY}\n"
    assert result.stdout.startswith("Gävle (2180, Gävleborgs län)")


def test_pdfium_code_success_is_not_shown_as_the_reason() -> None:
    """Defect 11: "PDF is corrupt and cannot be read (success)"."""
    from parsers.pdf import _pdfium_reason

    assert _pdfium_reason(Exception("Failed to load document (PDFium: Success).")) == (
        "no reason given"
    )
    assert _pdfium_reason(Exception("Failed to load document (PDFium: Data format error).")) == (
        "data format error"
    )


@pytest.mark.parametrize("name", sorted(hostile.inflate_bypasses(20)))
def test_the_inflate_check_reads_the_stream_dictionary_whole(name: str) -> None:
    """Issue 28 (7): a content stream labelled /Subtype /Image, a /Filter given as `6 0 R`,
    or a /Filter more than 2048 bytes before `stream` was not counted; 300 MB of such a
    stream parsed with exit 0 at 654 MB."""
    data = hostile.inflate_bypasses(20)[name]
    with pytest.raises(LimitExceeded) as info:
        limits.check_raw(Path(f"{name}.pdf"), data)
    assert info.value.reason == f"a compressed stream inflates to more than 8 MB; {limits.WHY}"


def test_a_real_image_is_still_not_counted() -> None:
    """An image XObject (drawn with Do, not a page's /Contents) inflating past the stream
    limit: text extraction never decodes it, so it is no reason to refuse the file."""
    pixels = hostile._deflated_spaces(20)
    data = hostile.build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            hostile.stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            b"<< /Type /XObject /Subtype /Image /Width 4096 /Height 1706 /ColorSpace "
            b"/DeviceRGB /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n"
            % len(pixels)
            + pixels
            + b"\nendstream",
        ]
    )
    limits.check_raw(Path("image.pdf"), data)  # no LimitExceeded
