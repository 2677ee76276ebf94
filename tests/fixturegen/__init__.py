"""Fixture reports: PDFs made from a spec per report, with the record each must parse to.

`python -m tests.fixturegen` regenerates every committed PDF and `<case>.expected.json` in
tests/fixtures/. The expected record is written from the spec (what was put on each page), never
from the parser's output, so a golden test checks the parser against an independent truth.
"""
