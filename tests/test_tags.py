"""Tagged PDFs (issue 23): tables, lists and headings from the structure tree, held against the
layout reading. Real LibreOffice exports (the layout fuzzer with tagging on), both readers, and
trees broken on purpose by same-length byte edits (so the cross-reference table stays valid).
"""

from __future__ import annotations

import itertools
import json
import os
import re
from dataclasses import asdict
from pathlib import Path
from types import SimpleNamespace

import pytest

from parsers import parse_report, tags
from parsers.pdf import read_document
from parsers.tags import structure_of, tree_of
from schema.record import COMPLETENESS_CODES
from tests.fixturegen.wpfuzz import build_many, case, soffice
from tests.fixturegen.wpfuzz.compare import differences, normalize_got, readings

SEED = 23
#: the first tagged cases of SEED (with the tagged cases of tests/test_layout_fuzz.py's sample
#: and the pinned ones, CI parses well over ten tagged reports)
N = 6
PINNED = Path(__file__).parent / "fixtures" / "wp"
#: A pinned tagged case: a score-table row and a list item continued across a page break.
ACROSS = "tagged-across-pages"


def _tagged_indices() -> list[int]:
    return [i for i in range(200) if case(SEED, i, generation=1)[1].tagged][:N]


@pytest.fixture(scope="session")
def tagged_sample(request: pytest.FixtureRequest) -> list:
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing; .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = Path(request.config.cache.mkdir("wpfuzz-tagged"))
    return build_many([case(SEED, i, generation=1) for i in _tagged_indices()], out, jobs=2)


def _check(pdf: Path, exp: dict, layout) -> dict:
    rec = parse_report(pdf).to_dict()
    got = normalize_got(rec, exp)
    _, problem = readings(got, layout)
    diffs = differences(got, exp)
    assert not problem, problem
    assert not diffs, "\n".join(f"{p}: expected {e!r}, got {g!r}" for p, e, g in diffs[:20])
    return rec


@pytest.mark.parametrize("k", range(N))
def test_tagged_case_exact_through_the_tags(tagged_sample: list, k: int) -> None:
    index = _tagged_indices()[k]
    pdf, exp, why = tagged_sample[k]
    assert exp is not None, why
    layout = case(SEED, index, generation=1)[1]
    rec = _check(pdf, exp, layout)
    assert rec["source"]["structure"] == "tags"
    plumber = parse_report(pdf, reader="pdfplumber")
    pdfium = parse_report(pdf, reader="pdfium")
    pdfium.source.reader = plumber.source.reader
    assert pdfium.to_json() == plumber.to_json()


def test_pinned_case_continues_a_row_and_a_list_item_over_a_page_break() -> None:
    pdf = PINNED / f"{ACROSS}.pdf"
    exp = json.loads((PINNED / f"{ACROSS}.expected.json").read_text("utf-8"))
    layout = SimpleNamespace(**exp.pop("_fuzz")["layout"])
    assert layout.tagged
    _check(pdf, exp, layout)
    doc = read_document(pdf)
    structure = structure_of(doc)
    assert structure is not None and not structure.untagged
    root = tree_of(doc)

    def elements(el, kind):
        for kid in el.children():
            if hasattr(kid, "type"):
                if kid.type == kind:
                    yield kid
                yield from elements(kid, kind)

    # the tree gives each piece its own page: one TR and one LI each have pieces on two pages
    def spans(kind):
        return [el for el in elements(root, kind) if len({p.page for p in el.pieces()}) > 1]

    assert spans("TR"), "no table row continued over a page break"
    assert spans("LI"), "no list item continued over a page break"


def test_numbered_word_list_exact_through_tags_and_the_layout_alike(tmp_path: Path) -> None:
    """Word's numbered lists: the tags give the label apart, and since issue 21 the layout
    reading strips list labels too ("5." is never part of an item's text). The record is exact
    and the two readings agree: no readings_differ."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    index = next(
        i
        for i in range(200)
        if case(SEED, i, generation=1)[1].list_format == "decimal"
        and case(SEED, i, generation=1)[1].findings == "lists"
    )
    ((pdf, exp, why),) = build_many([case(SEED, index, generation=1)], tmp_path)
    assert exp is not None, why
    rec = parse_report(pdf).to_dict()
    assert rec["source"]["structure"] == "tags"
    assert not [w for w in rec["warnings"] if w["code"] == "readings_differ"]
    _check(pdf, exp, case(SEED, index, generation=1)[1])


def test_a_layout_reading_that_differs_is_said_and_the_tags_kept() -> None:
    """Two readings, one answer: where the layout reads an item otherwise, the record keeps the
    tags' value and says so with the field and the page; readings_differ is no completeness
    code."""
    from schema.record import Area, Finding

    def area(text: str) -> Area:
        return Area(
            1, "Offentlighet och demokrati", "k", None, 10, 20, 50, 3, strengths=[Finding(text, 4)]
        )

    said = tags.readings_differ([area("Medborgardialog")], [area("5. Medborgardialog")], None, None)
    assert [(w.code, w.page) for w in said] == [("readings_differ", 4)]  # the item's page
    assert "strengths[0].text: tags read 'Medborgardialog', the layout '5. Medborgardialog'" in (
        said[0].message
    )
    assert "readings_differ" not in COMPLETENESS_CODES


def _emptied(k: bytes) -> tuple[bytes, bytes]:
    """`/K[23 24 25 ]` → `/K[         ]`: the element keeps its place, its content is on none."""
    return k, b"/K[" + b" " * (len(k) - 4) + b"]"


def _moved_page(data: bytes) -> tuple[bytes, bytes]:
    """`/Pg 511 0 R` → `/Pg 675 0 R`: the structure elements of one page filed on another of
    the same object-number length."""
    pages = sorted(set(re.findall(rb"/Pg \d+ 0 R", data)), key=lambda p: -data.count(p))
    old = pages[1]
    new = next(p for p in pages if p != old and len(p) == len(old))
    return old, new


def _edited(src: Path, dst: Path, old: bytes, new: bytes, count: int = 1) -> Path:
    assert len(old) == len(new)
    data = src.read_bytes()
    assert data.count(old) >= count, old
    dst.write_bytes(data.replace(old, new, count))
    return dst


@pytest.mark.parametrize(
    "what, edit",
    [
        # a cell that is no cell: a TR inside a TR (wrong nesting)
        ("nesting", lambda d: (b"/S/TD\n", b"/S/TR\n")),
        # the first element with three MCIDs loses them: its text is on no element (partial)
        ("partial", lambda d: _emptied(re.search(rb"/K\[\d+ \d+ \d+ \]", d).group())),
        # a table cell emptied: its paragraph (and the text in it) is on no element
        ("empty_td", lambda d: _emptied(re.search(rb"/S/TD\n[^>]*?(/K\[\d+ 0 R \])", d).group(1))),
        # tags on some pages only: every reference to one page moved to another, so that page's
        # text is on no element (and the other page's tree names content it does not hold)
        ("page_untagged", lambda d: _moved_page(d)),
    ],
)
def test_broken_tree_falls_back_to_the_layout(what: str, edit, tmp_path: Path) -> None:
    pdf = PINNED / f"{ACROSS}.pdf"
    good = parse_report(pdf)
    old, new = edit(pdf.read_bytes())
    broken = _edited(
        pdf, tmp_path / f"{what}.pdf", old, new, count=-1 if what == "page_untagged" else 1
    )
    for reader in ("pdfplumber", "pdfium"):
        rec = parse_report(broken, reader=reader)
        assert rec.source.structure == "layout"
        notes = [w for w in rec.warnings if w.code == "structure_from_layout"]
        assert len(notes) == 1, rec.warnings
        assert "structure read from the layout" in notes[0].message
        if what in ("partial", "empty_td", "page_untagged"):
            assert re.search(r"not pages \d", notes[0].message), notes[0].message
        # the layout reading agrees with the tags on this case: same values, said differently
        assert [asdict(a) for a in rec.areas] == [asdict(a) for a in good.areas]
        assert rec.history == good.history


def test_element_over_a_page_break_keeps_each_piece_on_its_page() -> None:
    """tests/fixtures/tags/tagged-page-break.pdf (tests/fixturegen/tagged_min.py): one P with MCID 0
    on page 1 and MCID 0 on page 2. pdfplumber's structure_tree files both under page 1 and
    leaves the P out of page 2's tree; the raw /K walk (pdfminer) and PDFium's per-page trees
    read it right, identically."""
    from tests.fixturegen.tagged_min import make

    pdf = Path(__file__).parent / "fixtures" / "tags" / "tagged-page-break.pdf"
    assert pdf.read_bytes() == make()
    for reader in ("pdfplumber", "pdfium"):
        structure = structure_of(read_document(pdf, reader))
        assert structure is not None and structure.tagged == [1, 2] and not structure.untagged
        got = [(b.type, [(ln.page, ln.text) for ln in b.lines]) for b in structure.blocks]
        assert got == [
            ("P", [(1, "First half"), (2, "second half")]),
            ("P", [(2, "Own paragraph")]),
        ], reader


def test_warehouse_says_the_structure_came_from_the_tags(tmp_path: Path) -> None:
    from pipeline.steps import load_file
    from warehouse.api import Warehouse
    from warehouse.db import get_engine

    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert load_file(PINNED / f"{ACROSS}.pdf", get_engine(url)).status == "loaded"
    assert Warehouse(url).evaluations().structure.tolist() == ["tags"]


def test_inspect_shows_the_element_type_per_block() -> None:
    from parsers.inspect import marks, text_dump

    page = json.loads((PINNED / f"{ACROSS}.expected.json").read_text("utf-8"))["areas"][0]["page"]
    found = marks(PINNED / f"{ACROSS}.pdf", page)
    labels = [m.label for m in found if m.kind == "tag"]
    assert "tag Table" in labels and any(x.startswith("tag TR ") for x in labels)
    assert "tag P" in labels
    assert "tag         tag Table" in text_dump(found)


def test_area_name_above_a_fraga_table_wrapped_onto_two_lines() -> None:
    """Seed 3302 case 27 (tagged, both readings alike): the area's name above a "Fråga" table
    wraps ("Område 3 Klarhet i samspelet mellan politik och" / "administration – delpoäng");
    both readings took the first line's words only. The wrapped name is read whole."""
    from parsers.pdf import Line
    from parsers.reader import Word
    from parsers.scores import ScoreTable, name_from_above

    def line(text: str, top: float) -> Line:
        words, x = [], 72.0
        for t in text.split():
            words.append(Word(t, x, x + 6 * len(t), top, top + 11, 11.0))
            x += 6 * len(t) + 3
        return Line(words, 5)

    lines = [
        line("Område 3 Klarhet i samspelet mellan politik och", 100),
        line("administration – delpoäng", 114),
        line("Fråga Poäng Max Andel", 140),
    ]
    table = ScoreTable(None, "Fråga", 5, 2, 3, [], {})
    name_from_above(lines, table, 0)
    assert (table.area_number, table.name) == (
        3,
        "Klarhet i samspelet mellan politik och administration",
    )
    # a name on one line stays as it is, whatever the next line says
    lines[0] = line("Område 3 Klarhet i samspelet mellan politik och administration", 100)
    lines[1] = line("Delpoäng", 114)
    table = ScoreTable(None, "Fråga", 5, 2, 3, [], {})
    name_from_above(lines, table, 0)
    assert table.name == "Klarhet i samspelet mellan politik och administration"


def test_item_over_a_newspaper_column_break_read_in_content_order(
    request: pytest.FixtureRequest,
) -> None:
    """Generation 2 (seed 2104, case 3 of tests/test_layout_fuzz.py's sample): a tagged report
    with findings in newspaper columns, one item running from the foot of the first column to
    the top of the second. The tree's pieces come in content order; the lines follow them (not
    the page's heights, which interleaved the two columns). Exact, no readings_differ, both
    readers alike."""
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing; .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed")
    seed, index = 2104, 3
    spec, layout = case(seed, index)
    assert layout.tagged and layout.findings_columns == 2
    out = Path(request.config.cache.mkdir("wpfuzz2"))  # shared with tests/test_layout_fuzz.py
    ((pdf, exp, why),) = build_many([(spec, layout)], out)
    assert exp is not None, why
    rec = _check(pdf, exp, layout)
    assert rec["source"]["structure"] == "tags"
    doc = read_document(pdf)
    structure = structure_of(doc)
    assert structure is not None
    # some list item or paragraph goes back up the same page: the column break, read in order
    crossing = [
        b
        for b in tags.flat(structure.blocks)
        for lines in ([it.lines for it in b.items] if b.kind == "list" else [b.lines])
        for a, z in itertools.pairwise(lines)
        if a.page == z.page and z.top < a.top and z.x0 > a.x0
    ]
    assert crossing, "no element over a column break in this case"
    plumber = parse_report(pdf, reader="pdfplumber")
    pdfium = parse_report(pdf, reader="pdfium")
    pdfium.source.reader = plumber.source.reader
    assert pdfium.to_json() == plumber.to_json()


def test_a_title_broken_inside_the_word_in_a_tagged_cell_is_read() -> None:
    # seed 3018 cases 326, 332, 396 (tagged, a fact box beside the score table): the narrow
    # number columns broke their titles ("Upp" / "nått", "Proc" / "ent") inside one TD; the
    # tags read no score table there and the area was lost (48 numbers in case 326)
    from parsers.pdf import Line
    from parsers.reader import Word

    def cell(*texts: str) -> list:
        lines = [
            Line([Word(t, 100, 120, 10 + 12 * k, 20 + 12 * k, 10.0)], 1)
            for k, t in enumerate(texts)
        ]
        return [tags.Block("paragraph", "P", lines=lines)]

    header = [cell("4. Ledarskap"), cell("Upp", "nått"), cell("Max"), cell("Proc", "ent")]
    assert tags._score_columns(header) == {"points": 1, "max": 2, "percent": 3}
    # seed 3018 case 15 (A5): "Förbättringsmöjlighete" / "r" in the findings table's header
    # cell; no findings table was read from the tags, every item lost
    findings_header = [cell("Styrkor"), cell("Förbättringsmöjlighete", "r")]
    assert tags._findings_columns(findings_header) == ["strengths", "improvements"]


def test_a_question_id_broken_in_a_tagged_id_cell_is_one_id() -> None:
    """Fresh seed 4005 case 167 (tagged, A5): a column of question ids too narrow for "4.1"
    broke every id after its dot inside its TD ("4." / "1"). The id column was not taken
    for one ("4. 1" is no id), so no row began with an id and area 4 had no score table (24
    numbers lost, loud). The id cell's pieces join (`tags._cell_id`), as the layout's do."""
    from parsers.pdf import Line
    from parsers.reader import Word

    def cell(*texts: str, x: float = 71.0) -> list:
        lines = [
            Line([Word(t, x, x + 8, 10 + 12 * k, 20 + 12 * k, 10.0)], 1)
            for k, t in enumerate(texts)
        ]
        return [tags.Block("paragraph", "P", lines=lines)]

    header = [cell("N", "r"), cell("4. Effektivitet", x=97), cell("Uppnått"), cell("Max")]
    rows = [
        header,
        [cell("4.", "1"), cell("Ett antal nämnder", x=97), cell("0"), cell("5")],
        [cell("4.", "2"), cell("Den knyter an", x=97), cell("7"), cell("10")],
        [cell(), cell("Totalt", x=97), cell("7"), cell("15")],
    ]
    block = tags.Block("table", "Table", rows=rows)
    assert tags._id_column(block, 2)
    assert [ln.text for ln in tags._text_lines(rows[1], True)] == ["4.1 Ett antal nämnder"]


def test_a_text_box_anchored_in_a_findings_list_is_no_item_and_is_said_unread() -> None:
    """Seed 3018, damaged cases 43, 63, 104, 129, 234, 248 (`floating_item`, tagged): Word and
    LibreOffice tag a floating text box as a Div inside the paragraph that anchors it (P/Div).
    Its paragraph was read as one more improvement (or into the last one), or, anchored after
    the list, left to the layout, which read it as prose: `complete: true` either way. A frame
    inside a paragraph is an aside (`tags._FRAMES`): no item of the list it is anchored in or
    after, and `unread_text` for that area (`ledger.tag_losses`)."""
    from parsers.ledger import tag_losses
    from parsers.pdf import Line
    from parsers.reader import Word
    from parsers.typography import BodyStyle

    def piece(text: str, top: float, mcid: int) -> tags.Piece:
        words = [
            Word(w, 60 + 50 * k, 100 + 50 * k, top, top + 10, 10.0)
            for k, w in enumerate(text.split())
        ]
        return tags.Piece(1, mcid, words)

    def p(text: str, top: float, mcid: int) -> tags.Element:
        return tags.Element("P", (), {0: piece(text, top, mcid)})

    box = tags.Element("Div", (), {0: p("Akademi Norr i samverkan", 300, 9)})
    anchor = tags.Element("P", (), {0: box})
    lst = tags.Element(
        "Sect",
        (),
        {
            0: p("Förbättringsområden", 100, 1),
            1: p("• Tydliga mål för arbetet.", 120, 2),
            2: p("• Bättre uppföljning.", 140, 3),
            3: anchor,
            4: p("Kommentar", 200, 4),
        },
    )
    blocks = tags._element_blocks(lst)
    assert [b.kind for b in blocks] == ["paragraph"] * 3 + ["aside", "paragraph"]
    lines = [ln for b in blocks for ln in b.lines]
    structure = tags.Structure([1], [], blocks)
    found = tags.read_findings(structure, lines, BodyStyle.of(lines), lambda i: 3)
    assert [i.text for i in found[3].improvements] == [
        "Tydliga mål för arbetet.",
        "Bättre uppföljning.",
    ]
    (warning,) = tag_losses(found, {})
    assert warning.code == "unread_text" and warning.message.startswith(
        "area 3 findings: a text box"
    )
    assert "Akademi Norr" in warning.message and warning.page == 1
    assert isinstance(found[3].asides[0][0], Line)


def test_a_lead_in_alone_on_its_line_in_a_tagged_paragraph_is_no_heading() -> None:
    """Fresh seed 3021 case 347 (tagged, newspaper columns, items with bold lead-ins): an
    item's paragraph begins with its bold lead-in alone on its line ("Synpunktshantering:",
    the text too long to follow on that line). A bold line alone looks like a heading, so the
    tags' list ended there and 7 of the area's 10 strengths were lost (the layout, which
    knows lead-ins, read them: `readings_differ`). The layout's rule holds for the tags:
    a lead-in whose item goes on is no heading (`findings.lead_in_alone`)."""
    from parsers.reader import Word
    from parsers.typography import BodyStyle

    def p(lines: list[tuple[str, bool]], top: float, mcid: int) -> tags.Element:
        words = []
        for n, (text, bold) in enumerate(lines):
            x = 60.0
            for w in text.split():
                words.append(
                    Word(w, x, x + 6 * len(w), top + 14 * n, top + 14 * n + 10, 10.0, bold)
                )
                x += 6 * len(w) + 3
        return tags.Element("P", (), {0: tags.Piece(1, mcid, words)})

    lst = tags.Element(
        "Sect",
        (),
        {
            0: p([("Styrkor", True)], 100, 1),
            1: p(
                [("Budget: fortsätta arbetet med", False), ("digitala lösningar.", False)], 120, 2
            ),
            2: p(
                [("Synpunktshantering:", True), ("”Ungdomsinitiativet” och Pizzakväll.", False)],
                160,
                3,
            ),
            3: p([("Ledarskap: tydligare information.", False)], 200, 4),
            4: p([("Kommentar", True)], 240, 5),
        },
    )
    blocks = tags._element_blocks(lst)
    lines = [ln for b in blocks for ln in b.lines]
    structure = tags.Structure([1], [], blocks)
    style = BodyStyle.of(lines)
    found = tags.read_findings(structure, lines, style, lambda i: 8)
    assert [i.text for i in found[8].strengths] == [
        "Budget: fortsätta arbetet med digitala lösningar.",
        "Synpunktshantering: ”Ungdomsinitiativet” och Pizzakväll.",
        "Ledarskap: tydligare information.",
    ]


def _cell_el(text: str, x: float, top: float, mcid: int, bold: bool = False) -> tags.Element:
    """A TD holding one P of one line of 10 pt words from `x`."""
    from parsers.reader import Word

    words, pos = [], x
    for w in text.split():
        words.append(Word(w, pos, pos + 5 * len(w), top, top + 10, 10.0, bold))
        pos += 5 * len(w) + 3
    para = tags.Element("P", (), {0: tags.Piece(1, mcid, words)})
    return tags.Element("TD", (), {0: para})


def _table_el(rows: list[list[tuple[str, float]]], top: float) -> tags.Element:
    trs = {}
    for r, cells in enumerate(rows):
        tds = {c: _cell_el(text, x, top + 20 * r, 100 * r + c) for c, (text, x) in enumerate(cells)}
        trs[r] = tags.Element("TR", (), tds)
    return tags.Element("Table", (), trs)


def test_a_score_table_with_a_column_of_question_ids_is_read_through_the_tags() -> None:
    """Fuzzer generation 4 (`question_column`, seed 4001 cases 8, 15, tagged): the question's
    number in a cell of its own ("Nr | Fråga | Poäng | Max | %"). The tags took the "Nr"
    cell for the area's name cell and each id cell for its question cell: every question's
    text was lost. An id column goes in front of the text cell beside it."""
    from parsers.pdf import Line
    from parsers.tags import LineIndex

    table = _table_el(
        [
            [
                ("Nr", 60),
                ("1 Offentlighet och dialog", 100),
                ("Poäng", 400),
                ("Max", 450),
                ("%", 500),
            ],
            [("1.1", 60), ("Finns en plan?", 100), ("7", 400), ("15", 450), ("47%", 500)],
            [("1.2", 60), ("Informeras invånarna?", 100), ("5", 400), ("10", 450), ("50%", 500)],
            [("", 60), ("Summa", 100), ("12", 400), ("25", 450), ("48%", 500)],
        ],
        100,
    )
    (block,) = tags._element_blocks(table)
    lines = [ln for row in block.rows for cell in row for b in cell for ln in b.lines]
    t = tags.score_table(block, LineIndex(sorted(lines, key=lambda ln: (ln.top, ln.x0))))
    assert t is not None and t.area_number == 1 and t.name == "Offentlighet och dialog"
    assert [(q.id, q.text, q.numbers["points"]) for q in t.questions] == [
        ("1.1", "Finns en plan?", 7),
        ("1.2", "Informeras invånarna?", 5),
    ]
    assert t.total == {"points": 12, "max": 25, "percent": 48}
    assert isinstance(lines[0], Line)


def test_a_findings_table_titled_by_rows_is_read_through_the_tags() -> None:
    """Fuzzer generation 4 (`findings_titles="left"`, seed 4001 case 15, tagged): one table,
    its first cell of each row the findings title ("Styrkor", then "Förbättringsmöjl" /
    "igheter" broken in its narrow cell), the items beside it; a row with an empty first
    cell goes on under the title above. Read by its header row only, it held no findings."""
    from parsers.typography import BodyStyle

    table = _table_el(
        [
            [("Styrkor", 60), ("• Bra dialog.", 160)],
            [("", 60), ("• Tydliga mål.", 160)],
            [("Förbättringsområden", 60), ("• Mer uppföljning.", 160)],
        ],
        100,
    )
    blocks = tags._element_blocks(table)
    lines = [ln for row in blocks[0].rows for cell in row for b in cell for ln in b.lines]
    structure = tags.Structure([1], [], blocks)
    found = tags.read_findings(structure, lines, BodyStyle.of(lines), lambda i: 2)
    assert [i.text for i in found[2].strengths] == ["Bra dialog.", "Tydliga mål."]
    assert [i.text for i in found[2].improvements] == ["Mer uppföljning."]


def test_words_broken_with_a_hyphen_in_the_layouts_reading_are_the_tags_whole_words() -> None:
    """Fresh seed 4008 case 158 (tagged, findings in two newspaper columns, hyphenation on):
    the layout read the findings line by line, so its items kept the pieces of the words
    broken at line ends ("regel-" / "bundet,") that the tags' items hold whole
    ("regelbundet,"): 12 words "read from the page are not in the tags' reading", a false
    `unread_text` on a complete record. Two pieces that make a word the tags hold are that
    word (`ledger.rejoined`); a word the tags lack is still lost."""
    from parsers.findings import AreaFindings, Item
    from parsers.ledger import tag_losses

    kept = {
        6: AreaFindings(
            strengths=[
                Item(
                    [
                        "Kommunen träffar regelbundet, ofta flera gånger per år olika samhällsföreningar."
                    ],
                    41,
                )
            ]
        )
    }
    pieces = [
        "Kommunen träffar regel-",
        "bundet, ofta flera gånger",
        "per år olika samhällsfö-",
        "reningar.",
    ]
    layout = {6: AreaFindings(strengths=[Item([line], 41) for line in pieces])}
    assert tag_losses(kept, layout) == []
    lost = {6: AreaFindings(strengths=[Item([*pieces, "Kommunen saknar en plan."], 41)])}
    (warning,) = tag_losses(kept, lost)
    assert "'Kommunen saknar en plan.'" in warning.message


def test_a_hyphen_the_tags_call_soft_is_a_break_and_the_others_are_the_words_own(
    tmp_path: Path,
) -> None:
    """Fresh seeds 4010 and 4011 (tagged, soft hyphenation): 97 finding texts lost a
    compound's own line-end hyphen ("webb-" / "sändningar" read "webbsändningar", the
    document printing "Webbsändningar" elsewhere) or kept a break's. A tagged PDF says which
    is which: LibreOffice wraps each hyphenation break in a /Span with /ActualText U+00AD,
    and the PDF reference asks every tagged producer to tell soft from hard hyphens. Both
    readers turn the break's hyphen into U+00AD (`reader.soft_hyphens`), and in a document
    that marks its breaks an unmarked line-end hyphen is the word's own
    (`text._TELLS_HYPHENS`)."""
    from parsers.text import document_words, join_lines, printed_words
    from tests.fixturegen.tagged_min import make_soft_hyphen

    pdf = tmp_path / "soft.pdf"
    pdf.write_bytes(make_soft_hyphen())
    for reader in ("pdfplumber", "pdfium"):
        doc = read_document(pdf, reader)
        lines = [ln.text for ln in doc.lines]
        assert lines == [
            "Kommunen sänder webb-",
            "sändningar och verksam\u00ad",
            "heten följs upp.",
            "Webbsändningar finns.",
        ], reader
        structure = structure_of(doc)
        assert structure is not None
        paragraph = [ln.text for ln in structure.blocks[0].lines]
        with document_words():
            printed_words(lines)
            assert join_lines(paragraph) == (
                "Kommunen sänder webb-sändningar och verksamheten följs upp."
            ), reader
    with document_words():  # the same lines with no break marked: the words decide, as before
        printed_words([ln.replace("\u00ad", "-") for ln in lines])
        assert (
            join_lines(["Kommunen sänder webb-", "sändningar"]) == "Kommunen sänder webbsändningar"
        )


def test_a_tagged_document_that_shows_no_break_keeps_its_line_end_hyphens() -> None:
    """Fresh seed 4013 cases 15 and 199 (tagged, no hyphenation): "Ystad-" / "appen" read
    "Ystadappen", because the document prints that form elsewhere too. A tagged PDF must mark
    its breaks as soft hyphens; one that marks none and whose words show no break of its own
    (`text._HYPHENATES`) has none, and its line-end hyphens are its words'. Untagged, the
    printed form still decides (the guess of `text._keeps_hyphen`)."""
    from parsers.text import document_words, join_lines, printed_words

    lines = ["Flera kanaler in, bland annat via Ystad-", "appen.", "Ystadappen är ny."]
    for tagged, want in ((True, "Ystad-appen."), (False, "Ystadappen.")):
        with document_words():
            printed_words(lines, tagged=tagged)
            assert join_lines(lines[:2]).endswith(" " + want), tagged
    hyphenating = [*lines, "verksamhets-", "planeringen", "verksamhetsplaneringen", "budget-"]
    with document_words():  # tagged, but its words show plain-hyphen breaks: the guess again
        printed_words([*hyphenating, "processen", "budgetprocessen"], tagged=True)
        assert join_lines(lines[:2]).endswith(" Ystadappen.")


def test_a_tree_on_some_pages_only_leaves_the_hyphens_to_the_documents_words() -> None:
    """Review of stop 43: the producer's word on its hyphens (`text._TELLS_HYPHENS`) was taken
    from any page with marks, so a tree on some pages only made every line-end hyphen of the
    untagged pages a word's own ("handlingspla-" / "ner" kept its hyphen). Only a tree that
    covers every printed character tells (`report.whole_tree`)."""
    from pathlib import Path

    from parsers.pdf import Document, PageText
    from parsers.report import whole_tree

    def doc(unmarked: tuple[int, ...]) -> Document:
        pages = [PageText(n, 595, 842, [], marks=[((), 0, 0)], content_chars=90) for n in (1, 2)]
        for page, n in zip(pages, unmarked, strict=True):
            page.unmarked_chars = n
        return Document(Path("x.pdf"), "0" * 64, pages)

    assert whole_tree(doc((0, 0)))
    assert not whole_tree(doc((0, 40)))
    untagged = doc((0, 0))
    for page in untagged.pages:
        page.marks = None
    assert not whole_tree(untagged)
