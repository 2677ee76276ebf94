"""Regenerate the fixture PDFs and their expected records: `python -m tests.fixturegen [CASE…]`.

`--expected-only` rewrites only the expected records of the LibreOffice cases, from their
committed PDFs (LibreOffice output differs byte-wise between runs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from tests.fixturegen import bad
from tests.fixturegen.expected import expected_record
from tests.fixturegen.layout import layout
from tests.fixturegen.producers import producer
from tests.fixturegen.synth import synth_spec

HERE = Path(__file__).parent
FIXTURES = HERE.parent / "fixtures"


def build(spec_path: Path, expected_only: bool = False) -> Path:
    spec = yaml.safe_load(spec_path.read_text("utf-8"))
    if "synth" in spec:
        spec = synth_spec(spec["synth"])
    case = spec["case"]
    if spec["producer"] == "libreoffice":
        from tests.fixturegen.docx import build_docx_case, expected_docx_case

        if expected_only:
            return expected_docx_case(spec, FIXTURES)
        return build_docx_case(spec, FIXTURES)
    prod = producer(spec["producer"], spec.get("style", {}).get("font"))
    pages, placed = layout(spec, prod.measure())
    pdf = prod.render(pages, title=f"Kommunkompassen {case}")
    out = FIXTURES / f"{case}.pdf"
    out.write_bytes(pdf)
    record = expected_record(spec, pdf, len(pages), placed.pages)
    (FIXTURES / f"{case}.expected.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    return out


def main(argv: list[str]) -> int:
    expected_only = "--expected-only" in argv
    wanted = set(argv) - {"--expected-only"}
    for spec_path in sorted((HERE / "specs").glob("*.yaml")):
        if wanted and spec_path.stem not in wanted:
            continue
        print("wrote", build(spec_path, expected_only).relative_to(FIXTURES.parent.parent))
    if not wanted or "bad" in wanted:
        for path in bad.build(FIXTURES / "bad", FIXTURES):
            print("wrote", path.relative_to(FIXTURES.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
