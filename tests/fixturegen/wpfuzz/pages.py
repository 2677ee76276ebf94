"""Which page each item landed on, found in the PDF's plain text independently of the parser.

LibreOffice decides the page breaks, so the spec cannot know the pages. The PDF's text is read
with PDFium's plain text per page (content-stream order: LibreOffice writes a table cell by
cell, row by row) and all whitespace is dropped, so a line break, even one after a hyphen
("e-" / "tjänster"), cannot get in the way. In document order:

- an area's page: the first "<n>[.]<name>Uppnått" (its score-table header; a header repeated
  on a later page comes after the first), or "…<name>Poäng", or the line above the table
  "Område <n> <name> – delpoäng" followed by the header cell "Fråga" (after "Nr" when the
  question numbers have a column of their own, generation 4);
- a question's page: the first id "n.m" after its table's header;
- a finding's page: where its text starts, searched after its area's table header. A text may
  be interrupted once per page break (the rest of the page, the footer, the next page's header
  and a repeated table header row come in between); the first six words must match in exactly
  one place (the content makes the first three words of every finding unique in the report).

Every question's and finding's whole text is then checked to be in the PDF, so a document in
which LibreOffice lost content is refused instead of giving a wrong expectation.
"""

from __future__ import annotations

import bisect
import re

from tests.fixturegen.wpfuzz.content import AreaSpec, Spec, percent

#: Page breaks one text may run over (a long cell or bullet spans at most three pages).
MAX_JUMPS = 2


class PageNotFound(Exception):
    """An item's page cannot be determined without doubt; the case is not usable."""


_DROP = re.compile(r"[\s\-\u00ad\ufffe]+")


def _compact(s: str) -> str:
    """Text without whitespace and hyphens: a line break may add a hyphen (U+FFFE in PDFium's
    text for a line-end hyphen, real or soft) or split a word after one."""
    return _DROP.sub("", s)


def _parts(words: list[str]) -> list[str]:
    """Words cut after each hyphen or soft hyphen, and before the punctuation that ends them:
    a page may break there too (a narrow A5 cell wraps "organisationen" / "?", and the "?"
    can land on the next page: seed 4003 case 9)."""
    return [
        c
        for w in words
        for p in re.split(r"(?<=[-\u00ad])|(?=[?!.,;:)”]+$)", w)
        if (c := _compact(p))
    ]


class PdfText:
    def __init__(self, page_texts: list[str]):
        self.text = "\f".join(_compact(t.replace("\f", " ")) for t in page_texts)
        self.breaks = [m.start() for m in re.finditer("\f", self.text)]

    def page_of(self, pos: int) -> int:
        return bisect.bisect_right(self.breaks, pos) + 1

    def follows(self, words: list[str], pos: int) -> int | None:
        """End of `words` read from `pos`, letting the text jump over the rest of a page and
        the top of the next one between two words; None when the words are not there."""
        end = self.follows_counting(words, pos)
        return end[0] if end else None

    def follows_counting(self, words: list[str], pos: int) -> tuple[int, int, int] | None:
        """(end, page breaks jumped, parts read before the first jump) of `words` read from
        `pos`, as `follows`. At a jump every place on the next page where the word occurs is
        tried (another item may share it)."""
        self._budget = 2000  # tries of a word after a page break; a real match needs few
        return self._follow(_parts(words), 0, pos, 0, 0)

    def _follow(
        self, words: list[str], i: int, pos: int, jumps: int, before: int
    ) -> tuple[int, int, int] | None:
        t = self.text
        while i < len(words) and t.startswith(words[i], pos):
            pos += len(words[i])
            i += 1
        if i == len(words):
            return pos, jumps, before if jumps else i
        brk = t.find("\f", pos)
        if brk < 0 or jumps == MAX_JUMPS:
            return None
        nxt = t.find("\f", brk + 1)
        stop = nxt if nxt >= 0 else len(t)
        hit = t.find(words[i], brk + 1, stop)
        while hit >= 0:
            self._budget -= 1
            if self._budget < 0:
                raise PageNotFound(
                    f"too many ways to read {' '.join(words[:6])!r} over page breaks"
                )
            done = self._follow(
                words, i + 1, hit + len(words[i]), jumps + 1, before if jumps else i
            )
            if done is not None:
                return done
            hit = t.find(words[i], hit + 1, stop)
        return None


def read_pages(pdf: bytes) -> list[str]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def _area_header(txt: PdfText, a: AreaSpec, cursor: int) -> re.Match[str]:
    """The area's score-table header: its header cell's text, or its first lines when the
    header row is split by a page break, then the next cell "Uppnått" (issue 21: or the line
    above the table, "Område N Name – delpoäng", then "Fråga"; or the header cells "Poäng",
    "Max", "%")."""
    words = a.name.split()
    names = "|".join(re.escape(_compact(" ".join(words[:k]))) for k in range(len(words), 0, -1))
    m = re.compile(
        rf"(?<![\d.]){a.number}\.?(?:{names})(?:Uppnått|–delpoäng(?:Nr)?Fråga|Poäng)"
    ).search(txt.text, cursor)
    if m is None:
        raise PageNotFound(f"area {a.number}: score-table header not found")
    return m


def place(spec: Spec, pdf: bytes) -> dict[tuple, int]:
    """(kind, …) → 1-based page: ("area", n), ("question", id), ("finding", n, kind, i).

    A question's text must end before the next area's table (a text that ran over a page
    break may not pick up its last words in a later area), and the area's total row
    ("<points><max><percent>", after any label) must be printed before it: LibreOffice lost
    the end of a question split over a page together with the total row in seed 3021 case
    152, and left a total row out in seed 4002 case 223 (generation 4)."""
    return place_in_text(spec, read_pages(pdf))


def place_in_text(spec: Spec, page_texts: list[str]) -> dict[tuple, int]:
    """`place` on the pages' plain text."""
    txt = PdfText(page_texts)
    placed: dict[tuple, int] = {}
    m = _area_header(txt, spec.areas[0], 0) if spec.areas else None
    for k, a in enumerate(spec.areas):
        assert m is not None
        placed[("area", a.number)] = txt.page_of(m.start())
        pos, ends = m.end(), []
        for q in a.questions:
            # not inside a number; a question text may end in "." right before the next id
            # the id, then the start of its text: a number before the id may be the last row's
            # bare percentage ("… 15 87" / "1.3 …"), and a text may start with a number
            start = re.escape(_parts(q.text.split()[:1])[0])
            qid = rf"(?<!\d[.,]){re.escape(q.id)}(?={start})"
            qm = re.compile(qid).search(txt.text, pos)
            if qm is None:
                raise PageNotFound(f"question {q.id}: not found")
            placed[("question", q.id)] = txt.page_of(qm.start())
            ends.append((q.id, txt.follows(q.text.split(), qm.end())))
            pos = qm.end()
        nxt = _area_header(txt, spec.areas[k + 1], pos) if k + 1 < len(spec.areas) else None
        limit = nxt.start() if nxt else len(txt.text)
        for qid, end in ends:
            if end is None or end > limit:
                raise PageNotFound(f"question {qid}: its text is not in the PDF")
        total = f"{a.points}{a.max}{percent(a.points, a.max)}"
        if a.questions and txt.text.find(total, pos, limit) < 0:
            raise PageNotFound(f"area {a.number}: its total row is not in the PDF")
        for kind, items in (("strengths", a.strengths), ("improvements", a.improvements)):
            for i, item in enumerate(items):
                start = _find_item(txt, item, m.end())
                placed[("finding", a.number, kind, i)] = txt.page_of(start)
        m = nxt
    if not _history_printed(spec, txt):
        raise PageNotFound("history: its last row is not in the PDF")
    return placed


def _history_printed(spec: Spec, txt: PdfText) -> bool:
    """Is the history table printed to its end: the total row ("Totalt" and the years'
    sums) of a table with a row per area, or every year's row (the year, the eight values,
    their sum) of one typed the other way round? LibreOffice printed a history's header
    and first row at a page's foot and lost the other rows (fresh seed 4005 case 240)."""
    years = spec.history_years
    if not years:
        return True
    total = "Totalt" + "".join(str(sum(spec.history[y])) for y in years)
    rows = ["".join(map(str, [y, *spec.history[y], sum(spec.history[y])])) for y in years]
    return total in txt.text or all(r in txt.text for r in rows)


def _find_item(txt: PdfText, item: str, start: int) -> int:
    words = item.split()
    first = _parts(words[:1])[0]  # on the page where the item starts
    found: list[tuple[tuple[int, int], int]] = []  # ((jumps, -parts before a jump), position)
    pos = txt.text.find(first, start)
    while pos >= 0:
        end = txt.follows_counting(words[:6], pos)
        if end is not None:
            found.append(((end[1], -end[2]), pos))
        pos = txt.text.find(first, pos + 1)
    # Where the words run on without a jump, or the longest way before one, that place wins:
    # another item can continue like this one's beginning ("… rutinerna för mål- och …").
    best = min((k for k, _ in found), default=None)
    found = [p for k, p in found if k == best]
    if len(found) != 1:
        what = "not found" if not found else f"found in {len(found)} places"
        raise PageNotFound(f"finding {item[:40]!r}: {what} in the PDF text")
    if txt.follows(words, found[0]) is None:
        raise PageNotFound(f"finding {item[:40]!r}: its whole text is not in the PDF")
    return found[0]
