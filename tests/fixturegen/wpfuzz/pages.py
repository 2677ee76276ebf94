"""Which page each item landed on, found in the PDF's plain text independently of the parser.

LibreOffice decides the page breaks, so the spec cannot know the pages. The PDF's text is read
with PDFium's plain text per page (content-stream order, which LibreOffice writes cell by cell,
row by row) and searched with regular expressions, in document order:

- an area's page: the first "<n>[.] <name> Uppnått" (its score-table header; a header repeated
  on a later page comes after the first);
- a question's page: the first standalone id "n.m" after its table's header;
- a finding's page: the first few words of the item, searched after its area's table header;
  the report's content makes the first three words of every finding unique, and the search
  requires the match to be unique from there on, else the page counts as undetermined.
"""

from __future__ import annotations

import bisect
import re

from tests.fixturegen.wpfuzz.content import Spec


class PageNotFound(Exception):
    """An item's page cannot be determined without doubt; the case is not usable."""


def _words_pattern(words: list[str]) -> str:
    """Words separated by any whitespace; a hyphen or slash may end a line without a space."""
    parts = []
    for w in words:
        p = re.escape(w)
        p = p.replace(r"\-", r"-\s*").replace("/", r"/\s*")
        parts.append(p)
    return r"\s+".join(parts)


class PdfText:
    def __init__(self, page_texts: list[str]):
        self.pages = page_texts
        self.text = ""
        self.starts: list[int] = []
        for t in page_texts:
            self.starts.append(len(self.text))
            self.text += " ".join(t.split()) + " \f "

    def page_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def find(self, pattern: str, start: int = 0) -> re.Match | None:
        return re.compile(pattern).search(self.text, start)


def read_pages(pdf: bytes) -> list[str]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def place(spec: Spec, pdf: bytes) -> dict[tuple, int]:
    """(kind, …) → 1-based page: ("area", n), ("question", id), ("finding", n, kind, i)."""
    txt = PdfText(read_pages(pdf))
    placed: dict[tuple, int] = {}
    cursor = 0
    for a in spec.areas:
        name = _words_pattern(a.name.split())
        m = txt.find(rf"(?<![\w.]){a.number}\.?\s+{name}\s+Uppnått\b", cursor)
        if m is None:
            raise PageNotFound(f"area {a.number}: score-table header not found")
        placed[("area", a.number)] = txt.page_of(m.start())
        header_end = m.end()
        pos = header_end
        for q in a.questions:
            qm = txt.find(rf"(?<![\w.,]){re.escape(q.id)}(?![\w.,%])", pos)
            if qm is None:
                raise PageNotFound(f"question {q.id}: not found")
            placed[("question", q.id)] = txt.page_of(qm.start())
            pos = qm.end()
        cursor = pos
        for kind, items in (("strengths", a.strengths), ("improvements", a.improvements)):
            fpos = header_end
            for i, item in enumerate(items):
                start = _find_item(txt, item, fpos)
                placed[("finding", a.number, kind, i)] = txt.page_of(start)
                fpos = start + 1
    return placed


def _find_item(txt: PdfText, item: str, start: int) -> int:
    """Where a finding's text begins: the longest prefix (6 words down to 3, or the whole item
    if shorter) found exactly once after `start`."""
    words = item.split()
    for k in range(min(6, len(words)), min(3, len(words)) - 1, -1):
        pattern = r"(?<!\w)" + _words_pattern(words[:k])
        hits = [m.start() for m in re.finditer(pattern, txt.text[start:])]
        if len(hits) == 1:
            return start + hits[0]
        if len(hits) > 1:
            raise PageNotFound(f"finding {item[:40]!r}: {len(hits)} places match")
    raise PageNotFound(f"finding {item[:40]!r}: not found in the PDF text")
