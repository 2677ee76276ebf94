"""`kompass inspect` draws what the parser saw; its labels are the parsed record's values."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from parsers import parse_report
from tests.conftest import FIXTURES

KOMPASS = str(Path(sys.executable).parent / "kompass")


def _fmt(v) -> str:
    return f"{v:g}"


def test_inspect_writes_a_png_and_labels_match_the_record(tmp_path: Path) -> None:
    pdf = FIXTURES / "norsjo-2018.pdf"
    out = tmp_path / "p9.png"
    proc = subprocess.run(
        [KOMPASS, "inspect", str(pdf), "--page", "9", "--out", str(out), "--text"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    png = out.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (910, 1287)  # A4 at 110 dpi

    record = parse_report(pdf)
    area = record.areas[0]
    text = proc.stdout
    expected_q = [
        f"q {q.id}: {_fmt(q.points)}/{_fmt(q.max)}/{_fmt(q.percent)}%"
        for q in area.questions
        if q.page == 9
    ]
    assert expected_q and all(f" {label}\n" in text for label in expected_q)
    assert f"area 1 total: {_fmt(area.points)}/{_fmt(area.max)}/{_fmt(area.percent)}%" in text
    for kind, items in (("strength", area.strengths), ("improvement", area.improvements)):
        on_page = [n for n, f in enumerate(items, start=1) if f.page == 9]
        shown = [int(m) for m in re.findall(rf"area 1 {kind} (\d+)\n", text)]
        assert shown == on_page
    assert "area 1 column gutter" in text


def test_inspect_page_out_of_range_is_one_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [KOMPASS, "inspect", str(FIXTURES / "lund-2008.pdf"), "--page", "99"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert (
        proc.stderr == "error: lund-2008.pdf: page 99 is out of range (the report has 12 pages)\n"
    )
