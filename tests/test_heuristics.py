"""A test for each heuristic of parsers/ that no golden, pinned or fuzz-sample report needs.

`python -m tests.heuristics` turns each named rule off in turn and parses the golden reports,
the pinned word-processor fixtures (tests/fixtures/wp/) and the cached layout-fuzz sample; then
it runs this module and the rules' unit tests with the rule off. The cases here are the small
inputs for the rules that no whole report needs: each fails when its rule is removed. The
tests call the parser through its modules' attributes (`findings._starts_item`, not an
imported name), so that the script's patches reach them.

Rule → what needs it (checked with `nice -n 19 .venv/bin/python -m tests.heuristics`): the
table is in docs/architecture.md ("Which test needs which heuristic").
"""

from __future__ import annotations

from collections import Counter

from parsers import findings, scores
from parsers.pdf import Line, PageText
from parsers.reader import Word
from parsers.typography import BodyStyle

SIZE = 10.0


def _line(top: float, *words: tuple[str, float], page: int = 1, size: float = SIZE) -> Line:
    """A line of words at `top`, each (text, x0), 5.5 pt per character."""
    return Line([Word(t, x0, x0 + 5.5 * len(t), top, top + size, size) for t, x0 in words], page)


# --- findings: a line ending in a function word goes on (parsers.words.ENDS_LINE_GOING_ON) ------


def test_a_line_ending_in_a_function_word_goes_on_after_a_page_break():
    """Across a page break, with no glyphs or spacing to see, a capitalised line after "… i
    dialog med" continues the item; after a full line ending in a noun it starts a new one."""
    assert findings._starts_item("Samverkan sker i dialog med", "De fackliga företrädarna") is False
    assert findings._starts_item("Samverkan sker i dialog med facket", "De fackliga") is True


# --- scores: a word broken in a narrow cell, glued when the report prints it whole -------------


def _question_table(*rest: Line) -> list[Line]:
    """An area's score table whose question 1.1 wraps over three lines; the second line is one
    long word that fills the cell to its right edge (x 250), the third goes on in lower case
    with a fragment too long to be glued by its length alone."""
    return [
        _line(100, ("1", 50), ("Styrning", 60), ("Uppnått", 300), ("Max", 350), ("Procent", 390)),
        _line(112, ("1.1", 50), ("Genomförs", 80), ("kommunen", 140), ("regelbundet", 189.5)),
        _line(124, ("medarbetarundersök", 150.5)),
        _line(136, ("ningar", 80), ("varje", 117), ("år?", 150), ("10", 305), ("15", 352)),
        _line(148, ("Totalt", 50), ("10", 305), ("15", 352)),
        *rest,
    ]


def test_a_broken_word_is_glued_when_the_report_prints_it_whole():
    """ "medarbetarundersök" / "ningar": "ningar" is too long to be a fragment by its length,
    but the report prints "medarbetarundersökningar" elsewhere: the pieces are one word."""
    prose = _line(100, ("Medarbetarundersökningar", 50), ("görs", 190), ("varje", 220), page=2)
    (table,) = scores.find_tables(_question_table(prose))
    assert (
        table.questions[0].text
        == "Genomförs kommunen regelbundet medarbetarundersökningar varje år?"
    )


def test_a_broken_word_stays_apart_when_the_report_never_prints_it_whole():
    (table,) = scores.find_tables(_question_table())
    assert (
        table.questions[0].text
        == "Genomförs kommunen regelbundet medarbetarundersök ningar varje år?"
    )


def test_a_short_word_after_a_full_line_is_the_next_word_not_a_fragment():
    """ "brukarundersökningar" fills its line; "och" on the next is a word of its own
    (parsers.words.STARTS_WRAPPED_LINE), though short enough to be a broken word's rest."""
    row = scores.QuestionRow(
        "1.1", ["Görs regelbundna", "brukarundersökningar", "och enkäter?"], 1, 0, 0
    )
    row.ends = [(250.0, False, 5.5, 1), (249.5, True, 5.5, 1), (200.0, False, 5.5, 1)]
    scores.glue_broken_words([[row]], SIZE, Counter())
    assert row.lines == ["Görs regelbundna", "brukarundersökningar", "och enkäter?"]


# --- findings: an item ends where its next word would have fitted (findings._would_fit) --------


def test_an_item_ends_where_the_next_word_would_have_fitted_on_the_line_before():
    """No glyphs, even line spacing: "uppföljningen." goes on the full line before it, but
    "Bred" would have fitted after "uppföljningen.": the word processor did not wrap there, so
    a new item starts."""
    items: list[findings.Item] = []
    column = findings._Column(items)
    for line in (
        _line(100, ("Tydlig", 50), ("plan", 90), ("för", 118), ("styrningen", 140), ("och", 197)),
        _line(112, ("uppföljningen.", 50)),
        _line(124, ("Bred", 50), ("dialog", 80), ("med", 120), ("medborgarna", 145)),
    ):
        column.add(line.words, 1)
    column.flush(continues=False)
    assert [i.text for i in items] == [
        "Tydlig plan för styrningen och uppföljningen.",
        "Bred dialog med medborgarna",
    ]


def _justified(top: float, text: str, page: int, right: float | None = 330.0) -> list[Word]:
    """A line from x 90 whose word spaces are stretched so that it ends at `right` (None: a
    paragraph's last line, set with plain 3 pt spaces)."""
    texts = text.split()
    widths = [5.5 * len(t) for t in texts]
    gap = 3.0 if right is None else (right - 90 - sum(widths)) / max(1, len(texts) - 1)
    out, x0 = [], 90.0
    for t, w in zip(texts, widths, strict=True):
        out.append(Word(t, x0, x0 + w, top, top + SIZE, SIZE))
        x0 += w + gap
    return out


def _column_over_a_page_break(right_of_last: float | None) -> list[str]:
    items: list[findings.Item] = []
    column = findings._Column(items)
    page1 = [
        ("Styrning: tydligare information på webbplatsen", 330.0),
        ("särskilda insatser görs för att få en bred", 330.0),
        ("rekrytering till verksamheten i hela", 330.0),
        ("kommunen.", None),
        ("Koppla måluppfyllelse till lönekriterier.", right_of_last),
    ]
    top = 100.0
    for k, (text, right) in enumerate(page1):
        top += 13 if k != 4 else 21  # a paragraph's space before the last item
        column.add(_justified(top, text, 1, right), 1)
    column.flush(continues=False)
    for k, (text, right) in enumerate(
        [("Man har också öppnat en mötesplats i", 330.0), ("Bastuträsk.", None)]
    ):
        column.add(_justified(100 + 13 * k, text, 2, right), 2)
    column.flush(continues=True)
    return [i.text for i in items]


def test_a_stretched_line_ending_a_page_goes_on_over_the_page_break():
    """Seed 3011 case 10: justified findings (three lines of the page end at the column's right
    edge); the page ends with a line stretched to that edge, as only lines inside a paragraph
    are. The capital after its full stop on the next page goes on with the item (a
    paragraph's last line keeps its natural word spaces and ends short of the edge)."""
    assert _column_over_a_page_break(330.0) == [
        "Styrning: tydligare information på webbplatsen särskilda insatser görs för att få en "
        "bred rekrytering till verksamheten i hela kommunen.",
        "Koppla måluppfyllelse till lönekriterier. Man har också öppnat en mötesplats i "
        "Bastuträsk.",
    ]
    # set with plain spaces (a paragraph's last line), the same words end the item
    assert _column_over_a_page_break(None)[1:] == [
        "Koppla måluppfyllelse till lönekriterier.",
        "Man har också öppnat en mötesplats i Bastuträsk.",
    ]


def _run(top: float, x0: float, *texts: str, page: int = 1, size: float = SIZE) -> list[Word]:
    """Words (the texts split at spaces) set one after the other from `x0`, 3 pt apart."""
    out = []
    for t in " ".join(texts).split():
        out.append(Word(t, x0, x0 + 5.5 * len(t), top, top + size, size))
        x0 = out[-1].x1 + 3
    return out


# --- findings: full-width prose after a two-column table ends it (findings._straddles) ---------


def test_full_width_prose_after_a_findings_table_is_no_item():
    lines = [
        Line(_run(100, 50, "Styrkor") + _run(100, 300, "Förbättringsområden"), 1),
        Line(_run(112, 50, "•", "Tydlig", "plan") + _run(112, 300, "•", "Bred", "dialog"), 1),
        Line(_run(124, 50, "•", "Öppna", "nämnder") + _run(124, 300, "•", "Fler", "e-tjänster"), 1),
        Line(
            _run(146, 50, "Kommunen har arbetat vidare med det och fortsätter nästa år."),
            1,
        ),
    ]
    page = PageText(1, 600, 800, lines)
    found = findings.find_findings(lines, {1: page}, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == ["Tydlig plan", "Öppna nämnder"]
    assert [i.text for i in found.improvements] == ["Bred dialog", "Fler e-tjänster"]


# --- findings: side-by-side headers over newspaper columns flow on (findings._flows_on) -------


def _side_headers_over_pages(*first_left_on_page_2: str) -> findings.AreaFindings:
    """ "Styrkor" and "Förbättringsområden" side by side, bulleted items; page 1 ends the
    strengths with a full stop and the improvements in mid-sentence; page 2's left side starts
    with the words `first_left_on_page_2`."""
    p1 = [
        Line(_run(100, 50, "Styrkor") + _run(100, 300, "Förbättringsområden"), 1),
        Line(_run(112, 50, "•", "Fungerande", "samtal.") + _run(112, 300, "•", "Analysera"), 1),
        Line(_run(124, 50, "•", "Utbildning", "i", "etik.") + _run(124, 300, "arbetet", "med"), 1),
        Line(_run(136, 300, "mötena"), 1),
    ]
    p2 = [
        Line(_run(100, 50, *first_left_on_page_2), 2),
        Line(_run(112, 50, "synpunkter", "på", "kommunen."), 2),
        Line(_run(100, 300, "•", "En", "mer", "omfattande"), 2),
        Line(_run(112, 300, "politikerutbildning."), 2),
    ]
    pages = {1: PageText(1, 600, 800, p1), 2: PageText(2, 600, 800, p2)}
    return findings.find_findings(p1 + p2, pages, lambda _i: 1)[1]


def test_side_headers_over_newspaper_columns_flow_on_from_the_right_column():
    """Seed 3013 case 7: the strengths end on page 1 with a full stop; the improvements end it
    in mid-sentence, and page 2's left column goes on an item in lower case: the page goes on
    with the improvements (newspaper columns flow from the right column to the next page's
    left one), both of its columns."""
    found = _side_headers_over_pages("betydligt", "mer", "knapphändig", "och")
    assert [i.text for i in found.strengths] == ["Fungerande samtal.", "Utbildning i etik."]
    assert [i.text for i in found.improvements] == [
        "Analysera arbetet med mötena betydligt mer knapphändig och synpunkter på kommunen.",
        "En mer omfattande politikerutbildning.",
    ]


def test_side_headers_over_newspaper_columns_flow_on_into_the_right_column():
    """Seed 3013 case 8: both lists end page 1 finished; page 2's left column starts a new item
    and ends in mid-sentence, and its right column goes on in lower case: that is the left
    column's item going on (a flow), so the whole page belongs to the improvements."""
    p1 = [
        Line(_run(100, 50, "Styrkor") + _run(100, 300, "Förbättringsområden"), 1),
        Line(_run(112, 50, "a)", "Fungerande", "samtal.") + _run(112, 300, "a)", "Analysera"), 1),
        Line(_run(124, 300, "mötena."), 1),
    ]
    p2 = [
        Line(_run(100, 50, "b)", "Fortsätta", "arbetet.", "Det", "är"), 2),
        Line(_run(112, 50, "naturligt", "men"), 2),
        Line(_run(100, 300, "kan", "kompletteras."), 2),
        Line(_run(112, 300, "c)", "Koppla", "mål."), 2),
    ]
    pages = {1: PageText(1, 600, 800, p1), 2: PageText(2, 600, 800, p2)}
    found = findings.find_findings(p1 + p2, pages, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == ["Fungerande samtal."]
    assert [i.text for i in found.improvements] == [
        "Analysera mötena.",
        "Fortsätta arbetet. Det är naturligt men kan kompletteras.",
        "Koppla mål.",
    ]


def test_side_headers_over_newspaper_columns_flow_on_by_their_labels():
    """Seed 3013 case 34: no item ends page 1 with a full stop, so the text cannot tell; the
    labels do: page 2's right column starts at "c)", after its left column's "b)" (and above
    it: a table numbered on from cell to cell prints the two in one row), where the right
    list's next label would be "b)"."""
    p1 = [
        Line(_run(100, 50, "Styrkor") + _run(100, 300, "Förbättringsområden"), 1),
        Line(_run(112, 50, "a)", "Gemensam", "samverkan") + _run(112, 300, "a)", "Förtydliga"), 1),
        Line(_run(124, 50, "för", "chefer") + _run(124, 300, "ansvaret", "i", "samtliga"), 1),
    ]
    p2 = [
        Line(_run(100, 50, "förvaltningar", "inom", "ramen."), 2),
        Line(_run(124, 50, "b)", "Stärk", "formerna"), 2),
        Line(_run(100, 300, "verksamheter", "vilket", "uppskattas."), 2),
        Line(_run(112, 300, "c)", "Inför", "uppföljningen."), 2),
    ]
    pages = {1: PageText(1, 600, 800, p1), 2: PageText(2, 600, 800, p2)}
    found = findings.find_findings(p1 + p2, pages, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == ["Gemensam samverkan för chefer"]
    assert [i.text for i in found.improvements] == [
        "Förtydliga ansvaret i samtliga förvaltningar inom ramen.",
        "Stärk formerna verksamheter vilket uppskattas.",
        "Inför uppföljningen.",
    ]


def test_a_cell_left_empty_on_the_next_page_ends_its_item():
    """Seed 3013 case 2: a table row split over a page break; on the next page only the right
    cell goes on ("definierad."), and the left column's next line starts below it, after a
    row's gap: the left cell of the split row is empty there, so its item ended at the break,
    even after a line ending in "och"."""
    p1 = [
        Line(_run(100, 50, "Styrkor") + _run(100, 300, "Förbättringsområden"), 1),
        Line(_run(112, 50, "Rapportering", "av", "klagomål", "och") + _run(112, 300, "Tydlig"), 1),
    ]
    p2 = [
        Line(_run(100, 300, "ledningsfilosofi."), 2),
        Line(_run(124, 50, "Knyta", "chefskontrakten."), 2),
    ]
    pages = {1: PageText(1, 600, 800, p1), 2: PageText(2, 600, 800, p2)}
    found = findings.find_findings(p1 + p2, pages, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Rapportering av klagomål och",
        "Knyta chefskontrakten.",
    ]
    assert [i.text for i in found.improvements] == ["Tydlig ledningsfilosofi."]


def test_side_headers_over_a_table_keep_each_column_on_its_side():
    """The same, page 2 starting a new item: a two-column table goes on side by side."""
    found = _side_headers_over_pages("•", "Brukarinflytande", "i", "planeringen")
    assert [i.text for i in found.strengths] == [
        "Fungerande samtal.",
        "Utbildning i etik.",
        "Brukarinflytande i planeringen synpunkter på kommunen.",
    ]
    assert [i.text for i in found.improvements] == [
        "Analysera arbetet med mötena",
        "En mer omfattande politikerutbildning.",
    ]


# --- findings: a dash is a label only when set off (findings.DASH_LABEL_GAP_EM) ----------------


def test_a_dash_close_to_its_word_is_the_texts_own_dash():
    """ "– process för …" at the start of a wrapped line, the dash a word space from the text:
    no label; set off by a tab, it is one."""
    assert findings._item_label(_run(100, 60, "–", "process", "för")) == (None, "– process för")
    tabbed = [Word("–", 60, 65.5, 100, 110, SIZE), *_run(100, 80, "process", "för")]
    assert findings._item_label(tabbed) == ("–", "process för")


# --- findings: a numbered line a little larger than body text ends a list (findings._NUMBERED) -


def test_a_numbered_line_slightly_larger_than_body_text_is_a_heading():
    """ "2. Styrning och kontroll" at 11 pt over 10 pt body text: below the heading ratio of
    typography (1.12), but a numbered line that much larger is the next section's heading."""
    style = BodyStyle(SIZE, 2.0)
    heading = Line(_run(100, 50, "2.", "Styrning", "och", "kontroll", size=11.0), 1)
    item = Line(_run(100, 50, "2.", "Styrning", "och", "kontroll"), 1)
    assert findings.ends_section(heading, style) is True
    assert findings.ends_section(item, style) is False


# --- findings: prose after a bulleted list, left of the bullet text, ends it -------------------
# (findings.HANGING_INDENT_PT)


def test_prose_after_a_headed_list_is_no_item():
    """A line left of the bullets' text after a gap wider than the list's own line spacing is
    prose after the list, not the last item's continuation."""
    lines = [
        Line(_run(100, 50, "Styrkor"), 1),
        Line(_run(112, 50, "•") + _run(112, 65, "Tydlig plan"), 1),
        Line(_run(124, 50, "•") + _run(124, 65, "Öppna nämnder"), 1),
        Line(_run(146, 50, "Kommunen har arbetat vidare."), 1),
    ]
    page = PageText(1, 600, 800, lines)
    found = findings.find_findings(lines, {1: page}, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == ["Tydlig plan", "Öppna nämnder"]


def test_a_lone_dash_in_an_unlabelled_list_sets_no_text_edge():
    """Fresh seed 4013 case 120 (a findings cell with unlabelled items, justified): a wrapped
    line began "– näringsliv", its space stretched wider than a label's gap, and the dash was
    taken for a bullet, its text's x for the list's text edge. The next item, starting left of
    that edge after a paragraph's gap, was read as prose after the list: it and the rest of
    the cell left as prose, silently. A list shows its labels more than once, or begins with
    one (`findings._lone_label`); the edge comes from the labels the whole list shows."""
    dash = [Word("–", 65, 70.5, 124, 134, SIZE), *_run(124, 80, "näringsliv", "Innehållet", "är")]
    lines = [
        Line(_run(100, 65, "Styrkor"), 1),
        Line(_run(112, 65, "Yrk-In", "via", "samverkan", "skola"), 1),
        Line(dash, 1),
        Line(_run(136, 65, "påtagligt."), 1),
        Line(_run(158, 65, "Utvecklat", "samarbete."), 1),
    ]
    page = PageText(1, 600, 800, lines)
    found = findings.find_findings(lines, {1: page}, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Yrk-In via samverkan skola – näringsliv Innehållet är påtagligt.",
        "Utvecklat samarbete.",
    ]


def test_a_dash_under_a_numbered_list_going_on_from_the_page_before_is_text():
    """Fresh seed 4013 case 328: a side-by-side table whose improvements, "1)" … "5)", go on
    over a page break; on the second page, under "5)", a justified line began "– process för
    …", its space stretched wider than a label's gap. That page alone shows one label of each
    kind, so the dash made a sixth item. The labels of the list's items on the pages before
    count too: the list's kind is numbers, and the dash is the text's
    (`findings._consistent_labels`)."""
    rows = [
        Line(_run(100 + 12 * n, 50, "God", "plan.") + _run(100 + 12 * n, 300, f"{n})", "Inför"), 1)
        for n in range(1, 5)
    ]
    p1 = [Line(_run(100, 50, "Styrkor") + _run(100, 300, "Förbättringsområden"), 1), *rows]
    dash = [Word("–", 300, 305.5, 112, 122, SIZE), *_run(112, 315, "process", "för", "motioner.")]
    p2 = [
        Line(_run(100, 300, "5)", "Årlig", "utvärdering", "kallad", "Initiativ"), 2),
        Line(dash, 2),
    ]
    pages = {1: PageText(1, 600, 800, p1), 2: PageText(2, 600, 800, p2)}
    found = findings.find_findings(p1 + p2, pages, lambda _i: 1)[1]
    assert [i.text for i in found.improvements] == [
        *["Inför"] * 4,
        "Årlig utvärdering kallad Initiativ – process för motioner.",
    ]


def test_a_paragraph_in_the_lists_column_after_its_end_is_the_lists_unread_text():
    """The list reading ends a bulleted list at a line left of its text edge after a
    paragraph's gap: prose after the list. Prose goes back to the margin the list's title
    stands at; a paragraph that stays in the list's column is the list's, though no item: the
    part takes it in, so that the ledger says `unread_text` rather than count it as prose,
    silently (fresh seed 4013 case 120). Prose at the margin stays outside the part."""
    lines = [
        Line(_run(100, 50, "Styrkor"), 1),
        Line(_run(112, 60, "•") + _run(112, 75, "Tydlig plan"), 1),
        Line(_run(124, 60, "•") + _run(124, 75, "Öppna nämnder"), 1),
        Line(_run(146, 60, "Kommunen har en plan"), 1),
        Line(_run(158, 60, "som följs upp."), 1),
        Line(_run(180, 50, "Kommunen har arbetat vidare."), 1),
    ]
    page = PageText(1, 600, 800, lines)
    found = findings.find_findings(lines, {1: page}, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == ["Tydlig plan", "Öppna nämnder"]
    assert found.spans == [(0, 5)]


# --- scores: a wide gap ends a score table (scores.TABLE_END_GAP_LINE_HEIGHTS) -----------------


def test_a_wide_gap_ends_a_score_table_without_a_total_row():
    """Prose far below the last row (no total row, no heading between) is not the last
    question's text."""
    lines = [
        _line(100, ("1", 50), ("Styrning", 60), ("Uppnått", 300), ("Max", 350), ("Procent", 390)),
        _line(
            112, ("1.1", 50), ("Finns", 80), ("en", 115), ("plan?", 130), ("10", 305), ("15", 352)
        ),
        _line(170, ("Kommunen", 50), ("har", 100), ("en", 122), ("plan.", 137)),
    ]
    (table,) = scores.find_tables(lines)
    assert [q.text for q in table.questions] == ["Finns en plan?"]
    assert table.end == 2


def test_a_number_line_beside_a_tall_rows_text_is_no_total_row():
    """kristianstad-2005, scanned, p. 6: question 4.5's numbers, centred in its two-line row,
    were read as a line of their own between its text lines. Once its second line gave the
    row numbers too, the number line was taken for the total row, and question 4.6 was lost.
    A total row lies below the last row (`scores._below`)."""
    lines = [
        _line(100, ("1", 50), ("Styrning", 60), ("Uppnått", 300), ("Max", 350), ("Procent", 390)),
        _line(112, ("1.1", 50), ("Sker", 80), ("ledning", 110), ("för", 155), ("unde-", 175)),
        _line(117, ("19", 305), ("2", 352), ("95%", 390)),
        _line(124, ("rställda", 50), ("enheter?", 100), ("2", 305), ("0", 352), ("95%", 390)),
        _line(138, ("1.2", 50), ("Bedrivs", 80), ("ledarutveckling?", 125), ("16", 305)),
        _line(150, ("35", 305), ("40", 352), ("88%", 390)),
    ]
    (table,) = scores.find_tables(lines)
    assert [q.id for q in table.questions] == ["1.1", "1.2"]


def test_a_total_row_after_a_tall_rows_own_number_line_ends_the_table():
    """Seed 3018 case 381: the last question's numbers stood on a line of their own between
    its two text lines (centred in a tall row), the total row at the top of the next page. The
    total was taken only once every question had numbers, which the last one got only at the
    table's end: the findings heading under the total ("STYRKOR OCH …") became the last
    question's text. A number line for each question still lacking numbers, and one more, is
    the total (`scores._Draft.total_from_numbers`)."""
    lines = [
        _line(100, ("1", 50), ("Styrning", 60), ("Uppnått", 300), ("Max", 350), ("Procent", 390)),
        _line(
            112, ("1.1", 50), ("Finns", 80), ("en", 115), ("plan?", 130), ("10", 305), ("15", 352)
        ),
        _line(124, ("1.2", 50), ("Hur", 80), ("skapas", 110), ("tillit", 155)),
        _line(130, ("0", 305), ("10", 352), ("0", 392)),
        _line(136, ("genom", 50), ("etik?", 90)),
        _line(40, ("10", 305), ("25", 352), ("40", 392), page=2),
        _line(70, ("STYRKOR", 50), ("OCH", 100), ("FÖRBÄTTRINGAR", 125), page=2),
    ]
    (table,) = scores.find_tables(lines)
    assert [q.text for q in table.questions] == ["Finns en plan?", "Hur skapas tillit genom etik?"]
    assert table.total == {"points": 10, "max": 25, "percent": 40}


# --- footer: a table header row repeated at the top of each page is body (footer._structural) --


def test_a_header_row_repeated_at_the_top_of_pages_is_no_running_header():
    """Word repeats a score table's header row at the top of each page the table runs over: it
    recurs at the same height like a running header, but belongs to the table."""
    from pathlib import Path

    from parsers import footer
    from parsers.pdf import Document

    pages = []
    for n in (1, 2, 3):
        header = _line(30, ("Fråga", 50), ("Uppnått", 300), ("Max", 350), ("Procent", 390), page=n)
        running = _line(30, ("Kommunkompassen", 450), page=n)
        row = _line(400, (f"1.{n}", 50), ("Finns", 80), ("en", 115), ("plan?", 130), page=n)
        pages.append(PageText(n, 600, 800, [header, running, row]))
    doc = Document(Path("x.pdf"), "0" * 64, pages)
    footer.strip_furniture(doc)
    assert [ln.text for ln in doc.footer_lines] == ["Kommunkompassen"] * 3
    assert [ln.text for ln in doc.lines][:1] == ["Fråga Uppnått Max Procent"]


# --- history: a lone year's values and its label numbers (HISTORY_BOUNDARY_PITCHES and
# FALLBACK_COLUMN_PITCH_PT, found untested by `python -m tests.heuristics --tolerances`) ------


def test_a_history_of_one_year_splits_labels_from_values_by_an_assumed_pitch():
    """One year gives no column pitch, so an assumed one (`FALLBACK_COLUMN_PITCH_PT`) sets the
    boundary: a value centred under "2018" and wider than it ("312,5") starts left of the
    year and is still a value; the area number "3" of the label, far left, stays label."""
    from parsers import history

    year = Word("2018", 300, 322, 100, 110, SIZE)
    row = Line(_run(112, 50, "3", "Styrning", "och", "kontroll") + _run(112, 297.25, "312,5"), 1)
    label, values = history._split(row, [year])
    assert [w.text for w in label] == ["3", "Styrning", "och", "kontroll"]
    assert [w.text for w in values] == ["312,5"]


# --- typography: a document without body paragraphs (DEFAULT_BODY_SIZE_PT, DEFAULT_LINE_GAP_EM)


def test_the_body_style_of_a_document_without_paragraphs_is_assumed():
    """No words at all: 10 pt type; no two lines of one paragraph (each line starts at another
    x): the usual leading of 0.2 em. Findings use the line gap to tell items apart."""
    assert BodyStyle.of([]) == BodyStyle(10.0, 2.0)
    lines = [Line(_run(100 + 20 * k, 50 + 30 * k, "Rad", str(k)), 1) for k in range(4)]
    assert BodyStyle.of(lines) == BodyStyle(SIZE, 0.2 * SIZE)


# --- scans: a question row the page OCR read no number of (ocr_cells._fill_bare_rows) ---------


def test_a_question_row_with_no_number_read_is_read_column_by_column():
    """wp-summary-header-repeated-on-next-page-2016, scanned, p. 4: question 1.1's "14 15 93 %",
    set in the middle of its two-line row, is no word of the text layer. Each column's cell is
    read over the row's height (the readings stand in the cell cache, keyed by page and box,
    so no Tesseract runs here) and becomes the row's numbers; before, the table's total line
    "57 100 57 %" was taken for 1.1's numbers and the area had no total. Row 1.2, whose numbers
    were read, is not read again (its boxes are not in the cache: reading them would fail)."""
    from parsers import ocr, ocr_cells
    from parsers.vocabulary import header_columns

    header = _line(320, ("1.", 52), ("Offentlighet", 64), ("Uppnått", 335), ("Max", 419))
    header.words.append(Word("Procent", 482, 524, 320, 330, SIZE))
    first = _line(338, ("1.1", 47), ("Finns", 71), ("en", 102), ("plan?", 118))
    rows = [
        first,
        _line(356, ("och", 51), ("information?", 73)),
        _line(372, ("1.2", 52), ("Informeras", 71), ("invånarna", 135)),
        _line(380, ("15", 351), ("20", 424), ("75%", 490)),
        _line(388, ("politiken", 52), ("samt", 110)),
        _line(410, ("57", 351), ("100", 420), ("57%", 490)),
    ]
    page = PageText(1, 595, 842, [header, *rows])
    cols = ocr_cells._column_spans(header_columns(header))
    known = {
        ocr.Cells.key(1, (a, 338, b, 366)): reading
        for (a, b), reading in zip(cols.values(), ("14", "15", "93%"), strict=True)
    }
    ocr_cells._fill_bare_rows(ocr.Cells(b"", known=known), [page])
    assert first.text == "1.1 Finns en plan? 14 15 93%"
    (table,) = scores.find_tables(page.lines)
    assert [q.numbers for q in table.questions] == [
        {"points": 14, "max": 15, "percent": 93},
        {"points": 15, "max": 20, "percent": 75},
    ]
    assert table.total == {"points": 57, "max": 100, "percent": 57}
    # section headings at the next page's top ("1.2 …" again, "4.2 …" of another area) are no
    # rows of the table going on there: nothing of them is read
    headings = PageText(2, 595, 842, [_line(60, ("1.2", 51), ("Styrning", 76))])
    headings.lines.append(_line(80, ("4.2", 51), ("Tillgänglighet", 76)))
    found = ocr_cells._question_rows([page, headings])
    assert [row[0].words[0].text for _, row, _, _ in found] == ["1.1", "1.2"]


def test_a_total_row_lost_whole_is_read_in_the_white_under_the_last_row():
    """wp-summary-header-repeated-on-next-page-2016, scanned, p. 15: the bold total row "48 100
    48 %" under 6.6 is no word of the text layer; the white between the last row and the
    findings' title below it is read column by column (readings from the cell cache, as
    above) and becomes the table's total row. A table whose last row ends its page is not
    read there (its total may be on the next page: the boxes are not in the cache)."""
    from parsers import ocr, ocr_cells
    from parsers.vocabulary import header_columns

    header = _line(180, ("6.", 47), ("Kommunen", 64), ("Uppnått", 336), ("Max", 419))
    header.words.append(Word("Procent", 482, 524, 180, 190, SIZE))
    rows = [
        _line(545, ("6.6", 51), ("Arbetar", 70), ("kommunen?", 112), ("6", 351), ("10", 424)),
        _line(562, ("kulturellt", 52), ("och", 97), ("kön)?", 119)),
    ]
    rows[0].words.append(Word("60%", 490, 507, 545, 555, SIZE))
    title = _line(625, ("Styrkor", 52), ("och", 91), ("förbättringsmöjligheter", 112))
    page = PageText(1, 595, 842, [header, *rows, title])
    cols = ocr_cells._column_spans(header_columns(header))
    known = {
        ocr.Cells.key(1, (a, 572, b, 625)): reading
        for (a, b), reading in zip(cols.values(), ("48", "100", "48%"), strict=True)
    }
    ocr_cells._fill_lost_totals(ocr.Cells(b"", known=known), [page])
    assert [ln.text for ln in page.lines[3:]] == ["48 100 48%", title.text]
    (table,) = scores.find_tables(page.lines)
    assert table.total == {"points": 48, "max": 100, "percent": 48}
    # the last row at the page's foot: nothing is read
    foot = PageText(1, 595, 842, [header, *rows])
    ocr_cells._fill_lost_totals(ocr.Cells(b""), [foot])
    assert len(foot.lines) == 3


def test_a_rows_text_reaching_into_the_points_column_is_no_cell():
    """wp-summary-header-repeated-on-next-page-2016, scanned, p. 19: the points title read
    again wide put the points column's span under the question's text ("… förtroendevalda",
    "… nämnderna och" end inside it); 8.1's "6" and 8.4's "1" were lost, and the rows were
    taken for prose (a long word under the columns). The text's words, each a word space
    after the one before, are no cell's, and the lost cell is read a cell's gap after them
    (`scores` takes a number closer than that for the text's)."""
    from parsers import ocr_cells

    cols = {"points": (277.7, 374.6), "max": (374.6, 463.0), "percent": (463.0, 543.1)}

    def row(*words: tuple[str, float, float]) -> Line:
        return Line([Word(t, x0, x1, 290, 300, SIZE) for t, x0, x1 in words], 1)

    first = row(("till", 194, 204), ("förtroendevalda", 208, 304), ("15", 424, 436))
    first.words.append(Word("40%", 490, 517, 290, 300, SIZE))
    assert ocr_cells._row_gaps(first, cols) == [(304 + 0.6 * SIZE, 374.6)]
    other = row(("nämnderna", 229, 286), ("och", 290, 308), ("15", 424, 435), ("7%", 493, 512))
    assert ocr_cells._row_gaps(other, cols) == [(308 + 0.6 * SIZE, 374.6)]
    # prose with a number in it is still no row: its words go on under the columns
    prose = row(("Kommunen", 52, 100), ("har", 300, 315), ("25", 340, 350), ("anställda", 380, 420))
    assert ocr_cells._row_gaps(prose, cols) == []


def test_a_score_row_the_layout_split_into_two_columns_is_one_row_again():
    """wp-summary-header-repeated-on-next-page-2016, scanned, p. 13: the percent signs read as
    letters ("56 Ho") and the question texts leaving a strip of white beside the numbers, the
    layout read area 5's rows as two newspaper columns: "… hur 14" left, "25 56 Ho" right, the
    right halves after the table's last row. Each half is joined again, in the left one's
    place; a right column's line with words left of the number columns, or with words longer
    than a misread sign (findings beginning under the columns), stays apart."""
    from parsers import ocr_cells

    header = _line(320, ("5.", 51), ("Resultat", 64), ("Uppnått", 335), ("Max", 419))
    header.words.append(Word("Procent", 482, 524, 320, 330, SIZE))
    left = _line(404, ("stöds", 51), ("cheferna", 82), ("14", 351))
    after = _line(420, ("kommuniceras", 52), ("resultaten", 129))
    right = _line(404, ("25", 424), ("56", 490), ("Ho", 506))
    prose = _line(420, ("Styrkor", 300), ("och", 340), ("25", 424))
    findings = _line(420, ("Utveckla", 330), ("ansvaret", 380))
    for line, side in ((left, 1), (after, 1), (right, 2), (prose, 2), (findings, 2)):
        line.column = side
    page = PageText(1, 595, 842, [header, left, after, right, prose, findings])
    ocr_cells._rejoin_split_rows([page])
    assert [ln.text for ln in page.lines] == [
        header.text,
        "stöds cheferna 14 25 56 Ho",
        after.text,
        prose.text,
        findings.text,
    ]


def test_a_row_id_lines_rest_read_as_a_line_of_its_own_joins_it():
    """wp-summary-header-repeated-on-next-page-2016, scanned, p. 7: "2.3 Hur informerar
    kommunen om service och 5 50 35" read as two lines, the rest a few points higher and so
    first; its numbers went to 2.2 (which had its own), 2.3 had none, and the table's total
    line was taken for them. The rest, beside the id line and right of it, with numbers under
    the columns, joins it; a line of text beside it (no number under the columns) does not."""
    from parsers import ocr_cells

    header = _line(214, ("2.", 46), ("Tillgänglighet", 60), ("Uppnått", 336), ("Max", 419))
    header.words.append(Word("Procent", 472, 528, 214, 224, SIZE))
    rest = _line(311, ("om", 208), ("service", 227), ("och", 267), ("5", 353), ("50", 424))
    rest.words.append(Word("35", 490, 516, 311, 321, SIZE))
    row = _line(314, ("2.3", 52), ("Hur", 71), ("informerar", 92), ("kommunen", 148))
    beside = _line(345, ("om", 300), ("tjänster", 320))
    other = _line(348, ("2.4", 52), ("Hur", 71), ("arbetar", 92))
    page = PageText(1, 595, 842, [header, rest, row, beside, other])
    ocr_cells._rejoin_row_pieces([page])
    assert [ln.text for ln in page.lines] == [
        header.text,
        "2.3 Hur informerar kommunen om service och 5 50 35",
        beside.text,
        other.text,
    ]


def test_a_speck_read_as_a_rows_value_does_not_replace_the_cells_readings():
    """lidkoping-2017, scanned, 4.2: "6 10 60%", its percent read "0%" (and "6094", "6%"),
    and a speck lower in the row read "0" (and "70", "S"). The cell's readings are the first
    word's read as that value; the speck's replaced them, and the row stayed at 0 %, flagged.
    With the cell's, "6094" gives "60" and the arithmetic picks 6 of 10, 60 %."""
    from parsers import ocr_numbers
    from parsers.ocr import OcrWord

    cell = OcrWord("0%", 483, 503, 165, 175, SIZE, page_reading="6094", column_reading="6%")
    cell.votes = ("6094", "0%", "6%")
    speck = OcrWord("0", 496, 499, 178, 186, SIZE, page_reading="70", votes=("0", "70", "S"))
    boxes = [(6, 62.6, 165.0, 504.0, 187.0)]
    values = {"points": 6, "max": 10, "percent": 0}
    readings = ocr_numbers._readings(values, [(6, cell), (6, speck)], boxes)
    assert "60" in readings["percent"] and "70" not in readings["percent"]
    assert ocr_numbers.choose(readings) == {"points": 6, "max": 10, "percent": 60}


# --- findings: a side-by-side header row cut into two columns (findings.join_side_headers) ---


def test_a_side_header_row_cut_into_two_columns_is_read_as_one_table_row():
    """The scan of side-bullet-split-by-page-break, p. 5: the table goes on from the page
    before under its repeated header, only strengths under it this time. The layout carried
    the columns over the page and cut the header into "Styrkor" (left column) and
    "Förbättringsområden" (right column) on one baseline; read as two headed lists, the
    right one took the strengths' lines below it."""
    lines = [
        Line(_run(100, 50, "Styrkor"), 1, column=1),
        Line(_run(100, 300, "Förbättringsområden"), 1, column=2),
        Line(_run(112, 60, "•", "Tydlig", "plan", "för", "styrningen"), 1),
        Line(_run(124, 60, "•", "Öppna", "nämnder", "och", "fullmäktige"), 1),
    ]
    page = PageText(1, 600, 800, lines)
    findings.join_side_headers([page])
    assert page.lines[0].text == "Styrkor Förbättringsområden"
    found = findings.find_findings(page.lines, {1: page}, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Tydlig plan för styrningen",
        "Öppna nämnder och fullmäktige",
    ]
    assert found.improvements == []


# --- findings: OCR may set a line's baseline low; its top tells (findings._tops_apart) --------


def test_an_ocr_line_set_low_on_its_baseline_goes_on_its_item():
    """The scan of side-bullet-split-by-page-break, p. 6: OCR set "kända för medarbetarna."
    3.7 pt lower than its print (its line box reaching deeper), its top where it belongs: by
    the baselines alone it stood a paragraph's gap apart and was taken for a text box under
    the list, left unread. A paragraph's gap shows in the tops too."""
    items: list[findings.Item] = []
    column = findings._Column(items)
    rows = [
        (100.0, 108.0, ["•", "Etablerad", "modell", "för", "ungdomars"]),
        (114.4, 122.4, ["budgetprocessen", "och", "gör", "resultaten"]),
        (129.7, 140.5, ["kända", "för", "medarbetarna."]),  # top +15.3, bottom +18.1
        (146.4, 154.4, ["•", "Bred", "struktur", "för", "mål-", "och"]),
    ]
    for top, bottom, texts in rows:
        x, words = 50.0, []
        for t in texts:
            words.append(Word(t, x, x + 5.5 * len(t), top, bottom, SIZE))
            x += 5.5 * len(t) + 3
        column.add(words, 1)
    column.flush(continues=False)
    assert [i.text for i in items] == [
        "Etablerad modell för ungdomars budgetprocessen och gör resultaten kända för medarbetarna.",
        "Bred struktur för mål- och",
    ]


# --- findings: a bullet OCR read as letters, in the bullets' own box (findings._misread_glyph) -


def _bulleted(top: float, label: str | None, text: str, label_x1: float = 55.5) -> list[Word]:
    """A list line: `label` in the bullets' box (x 50 to `label_x1`) and its text from x 65
    (a tab stop); without a label the text goes back to x 50, under the labels."""
    words, x = [], 65.0 if label is not None else 50.0
    if label is not None:
        words.append(Word(label, 50.0, label_x1, top, top + SIZE, SIZE))
    for t in text.split():
        words.append(Word(t, x, x + 5.5 * len(t), top, top + SIZE, SIZE))
        x = words[-1].x1 + 3
    return words


def _bulleted_items(third_label: str, label_x1: float = 55.5) -> list[str]:
    items: list[findings.Item] = []
    column = findings._Column(items)
    for top, label, text in (
        (100, "•", "Tydlig modell för tillgänglighet på"),
        (112, None, "webbplatsen."),
        (124, "•", "Bred information om e-tjänster."),
        (136, third_label, "Årlig struktur för mål och resultat."),
        (148, "•", "Ambitiös satsning på föreningslivet."),
    ):
        column.add(_bulleted(top, label, text, label_x1 if label == third_label else 55.5), 1)
    column.flush(continues=False)
    return [i.text for i in items]


def test_a_bullet_read_as_letters_in_the_bullets_box_starts_an_item():
    """The scans of wp-long-word-wrap-and-broken-area-name (p. 13) and
    wp-stacked-lists-bullets-without-hanging-indent (pp. 3, 7, 8, 12, 17): OCR read "•" as
    "Od" or "d", in the bullets' own box, the item's text at their tab stop. The item was
    left unread or glued to the one before. A short word at the list's left edge that ends
    elsewhere, its next word a word space on, is the text's ("I dialog …")."""
    expected = [
        "Tydlig modell för tillgänglighet på webbplatsen.",
        "Bred information om e-tjänster.",
        "Årlig struktur för mål och resultat.",
        "Ambitiös satsning på föreningslivet.",
    ]
    assert _bulleted_items("Od") == expected
    assert _bulleted_items("d") == expected
    # "I" ends 3.5 pt short of the bullets' box: no bullet, whatever follows it
    assert "Årlig struktur för mål och resultat." not in _bulleted_items("I", label_x1=52.0)


def test_a_short_word_at_a_list_edge_followed_by_a_word_space_is_text():
    """Fresh seed 2104 case 6 (a text PDF): in a list whose lines go back under its Wingdings
    bullets, "är en av de stora …" began a line, "är" ending within the bullets' box and "en"
    3 pt from their text's tab stop; read as a misread bullet it split the item. A bullet's
    tab is wider than the line's word spaces."""
    bullets = [Word("•", 50.0, 58.0, 100 + 12 * k, 110 + 12 * k, SIZE) for k in range(3)]
    line = _run(200, 50, "är", "en", "av", "de", "stora", "utmaningarna")
    assert line[0].x1 == 61.0 and line[1].x0 == 64.0  # in the box, "en" by the tab stop at 66
    assert not findings._misread_glyph(line, bullets, [66.0, 66.0, 66.0])
    tabbed = [Word("Od", 50.0, 58.0, 200, 210, SIZE), *_run(200, 66, "Årlig", "struktur")]
    assert findings._misread_glyph(tabbed, bullets, [66.0, 66.0, 66.0])


# --- findings: on a scan, an item whose label OCR lost (findings._Column._lost_label) ---------


def _dashed_column(scanned: bool) -> list[str]:
    """A bulleted column whose second and third items lost their dash to OCR: "… i
    årsredovis-" / "ningen." ends a paragraph ("Dokumentera" would have fitted after it), and
    page 2 begins "Säkerställ …" after "… chefer och medarbetare"."""
    rows = [
        (1, 100, "-", "Förtydliga målen för chefer och redovisa utfallet i årsredovis-"),
        (1, 112, None, "ningen."),
        (1, 124, None, "Dokumentera ansvaret för kommunens värdegrund."),
        (1, 136, "-", "Tydliggör ansvaret för förbättringsarbetet vilket uppskattas av"),
        (1, 148, None, "både chefer och medarbetare"),
        (2, 100, None, "Säkerställ målen för klagomål och synpunkter."),
        (2, 112, "-", "Involvera uppföljningen av ungdomars inflytande."),
    ]
    with findings.reading_a_scan(scanned):
        return _column_items(rows, 65, 54.0, line_by_line=True)


def _column_items(
    rows: list[tuple[int, float, str | None, str]],
    text_x: float,
    label_x1: float,
    *,
    line_by_line: bool = False,
) -> list[str]:
    """The items a findings column makes of `rows` (page, top, label, text): the label in the
    box from x 50 to `label_x1`, the text from `text_x`; each line handed over as a piece of
    its own (`line_by_line`, as a table's cells are), or the column flushed at its end."""
    items: list[findings.Item] = []
    column = findings._Column(items)
    for page, top, label, text in rows:
        words = _run(top, text_x, text, page=page)
        if label:
            words.insert(0, Word(label, 50.0, label_x1, top, top + SIZE, SIZE))
        column.add(words, page)
        if line_by_line:
            column.flush(continues=True)
    if not line_by_line:
        column.flush(continues=False)
    return [i.text for i in items]


def test_on_a_scan_a_paragraph_begun_without_its_label_is_an_item():
    """The scan of history-narrow-label-column, pp. 6-7: OCR lost the right column's dashes;
    with labels in the list only a label began an item, and eight improvements read as one
    (or the lines after a paragraph's gap were left unread). On a scan, a line that begins
    a paragraph (its first word would have fitted on the line before; over a page break, a
    capital after a line that may end an item) with a capital begins an item. A text
    layer's labels are all there: such a line goes on its item."""
    expected = [
        "Förtydliga målen för chefer och redovisa utfallet i årsredovisningen.",
        "Dokumentera ansvaret för kommunens värdegrund.",
        "Tydliggör ansvaret för förbättringsarbetet vilket uppskattas av både chefer och"
        " medarbetare",
        "Säkerställ målen för klagomål och synpunkter.",
        "Involvera uppföljningen av ungdomars inflytande.",
    ]
    assert _dashed_column(scanned=True) == expected
    assert len(_dashed_column(scanned=False)) == 3


# --- ocr: a line's rest OCR read as a line of its own (ocr._goes_on_line) ---------------------


def test_a_scans_line_piece_a_word_space_after_a_line_goes_on_it():
    """g3-side-headers-over-newspaper-columns-lettered scanned, p. 13: OCR read "särskilt"
    3.4 pt lower than the rest of its line "… varje år med", as a line of its own; the right
    column's lines began at x 342 and this one at 512, and the page was not read as columns.
    A piece a word space after a line's last word, within the line's height, goes on it; one
    a gutter away is the other column's."""
    from parsers import ocr

    host = Line(_run(100, 342, "följ", "upp", "effekterna", "varje", "år", "med"), 13)
    piece = Line(_run(103.4, host.x1 + 4, "särskilt"), 13)
    assert [ln.text for ln in ocr.absorb_fragments([host, piece], SIZE)] == [
        "följ upp effekterna varje år med särskilt"
    ]
    left = Line(_run(100, 50, "nämnderna", "exempelvis", "genom"), 13)
    right = Line(_run(102, left.x1 + 2 * SIZE, "Inför", "arbetet"), 13)
    assert len(ocr.absorb_fragments([left, right], SIZE)) == 2


# --- findings: a findings title with a lone mark before it (findings._marked_title) -----------


def test_a_findings_title_after_a_lone_mark_is_the_title() -> None:
    """score-total-row-next-page scanned, p. 10: a speck before "Förbättringsområden" was
    read as a bullet; the line was no title, the improvements' ten items went on the
    strengths, the title one of them, and nothing said so. No finding is a title's word
    alone: the title stays a title, bulleted or not."""
    lines = [
        Line(_run(100, 50, "Styrkor"), 1),
        Line(_run(114, 50, "•", "Tydlig", "plan", "för", "styrningen."), 1),
        Line(_run(140, 44, "•", "Förbättringsområden"), 1),
        Line(_run(154, 50, "•", "Bred", "dialog", "med", "invånarna."), 1),
    ]
    page = PageText(1, 600, 800, lines)
    found = findings.find_findings(lines, {1: page}, lambda _i: 1)[1]
    assert [i.text for i in found.strengths] == ["Tydlig plan för styrningen."]
    assert [i.text for i in found.improvements] == ["Bred dialog med invånarna."]


# --- findings: on a scan, the white inside a paragraph is no one noisy gap (findings._inside_gap)


def test_on_a_scan_the_white_inside_a_paragraph_is_the_gaps_lower_quartile() -> None:
    """side-bullet-split-by-page-break scanned, p. 6: the white between a table's lines came
    out as 0.5 pt, its smallest gap (one OCR line box set high), for an ordinary 4 pt; held
    against it, every line a point or two low looked a paragraph apart, and an item's lines
    after one were left unread as a box under the list. On a scan the lower quartile counts;
    a text PDF's lines stand where they were set, and its smallest gap is the measure."""
    gaps = [0.5, 4.0, 4.1, 3.9, 4.0, 4.2, 7.6, 7.5]
    assert findings._inside_gap(gaps, 6.5) == 0.5
    with findings.reading_a_scan(True):
        assert findings._inside_gap(gaps, 6.5) == 4.0
        assert findings._inside_gap(gaps, 3.0) == 3.0  # no more than the body text's
        assert findings._inside_gap([], None) == 0.0


# --- findings: a lettered label OCR read with a bracket (findings._MISREAD_LETTER) -----------


def test_a_letter_label_misread_with_a_bracket_is_a_label() -> None:
    """wp-word-lettered-lists-in-side-table scanned, p. 6: "f)" read "f])" where "d)" and
    "e)" of the same column stand: the item was glued to the one before ("… ska uppnås.
    f]) Samlade kontaktuppgifter …"). A letter with its parenthesis read as a bracket, a bar
    or doubled, where the column's lettered labels stand, is one of them."""
    items: list[findings.Item] = []
    column = findings._Column(items)
    rows = [
        (100, "d)", "Användande av brukarnas erfarenheter"),
        (114, "e)", "Knyta chefskontrakten tydligare till att"),
        (128, None, "kommunfullmäktiges mål ska uppnås."),
        (142, "f])", "Samlade kontaktuppgifter till ledamöterna."),
    ]
    for top, label, text in rows:
        words = _run(top, 70, text)
        if label:
            words.insert(0, Word(label, 50.0, 50.0 + 5.5 * len(label), top, top + SIZE, SIZE))
        column.add(words, 1)
    column.flush(continues=False)
    assert [i.text for i in items] == [
        "Användande av brukarnas erfarenheter",
        "Knyta chefskontrakten tydligare till att kommunfullmäktiges mål ska uppnås.",
        "Samlade kontaktuppgifter till ledamöterna.",
    ]


def test_a_misread_label_counts_the_labels_of_its_column_on_every_page() -> None:
    """g3-side-headers-over-newspaper-columns-lettered scanned, p. 7: "f)" read "f]" at the
    top of a page whose column has only one other label ("e)"); the list's labels on the
    page before stand at the same edge. A column's labels count on every page of the list."""
    rows = [
        (1, 100, "c)", "Tydlig styrning av verksamheten."),
        (1, 114, "d)", "Bred dialog med invånarna."),
        (2, 100, "e)", "Regelbunden samverkan kring invånarnas synpunkter samt"),
        (2, 114, None, "koppla detta till budgetprocessen"),
        (2, 128, "f]", "Gemensam styrning av brukarundersökningar."),
    ]
    assert _column_items(rows, 70, 61.0)[-2:] == [
        "Regelbunden samverkan kring invånarnas synpunkter samt koppla detta till budgetprocessen",
        "Gemensam styrning av brukarundersökningar.",
    ]


# --- layout: a wide space in a ruled cell is no gutter (layout._ruled_elsewhere) ---------------


def test_a_stretched_space_in_a_ruled_tables_cell_is_no_gutter():
    """Fresh seed 4021 case 8, p. 6 (tagged; the layout reading differed from the tags): a
    ruled side-by-side findings table of justified cells, its middle rule at x 301. "•
    Uppföljning: pris för ‹22 pt› bästa" ends 6 pt left of the rule, the right cell's lines
    start 5 pt right of it; the stretched space was the line's one wide gap, a region of
    columns started there, and "bästa" went to the right-hand column. A rule crossing the
    line elsewhere is the cell boundary: the space is no gutter."""
    from parsers import layout
    from parsers.reader import Rule

    size = 12.0
    rows = {
        169.4: "•@91-95 Jämförelser:@108-173 friskvårdstimme@186-265 och@278-295 Det@306-323 "
        "finns@327-351 frågeunderlag@354-421 som@425-445 cheferna@448-490 kan@493-510",
        185.3: "friskvårdsbidrag@91-169 på@172-184 1000@187-211 kr@214-224 per@227-242 "
        "år@245-254 utgå@306-327 ifrån@332-355 i@361-364 sina@370-389 samtal.@395-429",
        201.1: "talen@306-329 når@332-348 i@351-354 princip@357-391 alla.@394-414",
        207.1: "•@91-95 Uppföljning:@108-174 pris@195-213 för@235-249 bästa@271-295",
        220.0: "•@306-310 Information:@323-390 bra@401-416 närvaro@427-463 i@474-478 flera@488-510",
        223.0: "integrationsarbete.@91-180",
        235.8: "sociala@306-339 medier@345-378 Det@384-401 finns@407-431 också@437-464 "
        "exempel@470-510",
        241.8: "•@91-95 Webbplatsen:@108-179 brukarinflytande@187-266 över@274-295",
        251.7: "på@306-317 samverkan@327-379 med@389-409 näringslivet@419-476 kring@485-510",
        257.7: "förbättringsarbetet.@91-182 Om@193-211 sådana@222-255 planer@265-295",
    }
    lines = []
    for top, spec in rows.items():
        words = []
        for item in spec.split():
            text, span = item.rsplit("@", 1)
            x0, x1 = (float(v) for v in span.split("-"))
            words.append(Word(text, x0, x1, top, top + size, size))
        lines.append(Line(words, 1))
    page = PageText(1, 612, 792, lines, [Rule(301, 86, 301, 421)])
    layout.split_columns(page)
    line = next(ln for ln in page.lines if "Uppföljning:" in ln.text)
    assert line.text == "• Uppföljning: pris för bästa"


# --- layout: a gap equal to the usual one and an em stays in the column (GAP_SLACK_PT) ---------


def test_an_item_a_paragraphs_spacing_below_a_heading_in_a_newspaper_column_stays_in_it():
    """Fresh seed 4023 case 175, p. 11 (the readers differed): newspaper columns, the left one
    going on with the improvements' title and, 17.3 pt below it (a line's 7.3 pt and the
    paragraph's 10 pt after), its first item. With pdfplumber's coordinates the gap came out
    17.3 + 1e-13 pt, "more" than the usual gap and an em, so the region of columns ended above
    the item and the rest of the page was read line by line across both columns. Here the
    gap is 0.01 pt over: a gap equal as printed stays the column's own."""
    from parsers import layout

    rows = {
        86.5: "§@90.8-95.4 Fortsatt@108.8-142.6 arbete@145.4-173.7 med@176.5-195.9 att@198.7-209.8 "
        "koppla@212.6-242.0 ihop@244.7-263.6 §@311.9-316.5 Värdegrundsdagar@329.9-412.6 "
        "för@415.4-427.0 all@429.8-439.8 personal@442.6-480.9",
        103.8: "politisk@108.8-139.3 målformulering@142.1-208.2 och@210.9-227.1 budget@229.8-260.3 "
        "i@263.1-265.4 en@268.1-279.2 vartannat@329.9-371.5 år.@374.2-385.9 "
        "Utveckling@388.7-434.8 av@437.6-448.1 e-@450.9-459.8",
        121.0: "sammanhållen@108.8-173.7 process.@176.5-214.3 Det@217.0-232.6 sker@235.4-254.2 "
        "till@257.0-266.5 kommunen@329.9-379.3 innebär@382.1-415.4 en@418.1-429.3 "
        "utmaning@432.0-473.1 för@475.9-487.6",
        138.3: "exempel@108.8-146.5 digitalt@149.3-178.2 genom@180.9-211.5 ”Tyck@214.3-238.7 "
        "och@241.5-257.5 alla@329.9-345.4 Sveriges@348.2-387.0 kommuner.@389.8-439.8",
        155.5: "tryck”@108.8-133.2 och@136.0-152.1 via@154.9-167.6 strategiskt@170.4-215.9 "
        "placerade@218.7-262.5 §@311.9-316.5 Friskvårdstimme@329.9-403.2 och@405.9-422.1 "
        "friskvårdsbidrag@424.8-495.3",
        172.8: "sensorer.@108.8-150.4 på@329.9-341.0 1000@343.8-365.9 kr@368.8-377.1 "
        "per@379.8-394.3 år@397.0-405.9",
        193.0: "§@90.8-95.4 Rätt@108.8-127.1 till@129.9-139.3 heltid@142.1-166.0 "
        "(pågående@168.7-216.4 projekt)@219.2-252.6",
        196.1: "§@311.9-316.5 En@329.9-342.1 utvecklad@344.9-387.1 och@389.8-405.9 bra@408.7-423.2 "
        "samverkan@425.9-474.7 med@477.6-497.0",
        213.3: "Förbättringsområden@90.8-191.8 civilsamhällets@329.9-394.3 krafter,@397.0-428.2 "
        "kultur-@430.9-458.7 och@461.5-477.5",
        230.6: "idrottsföreningar.@329.9-404.8 Synpunkter@407.6-458.1 kan@460.9-477.0 "
        "även@479.7-501.4",
        240.6: "§@90.8-95.4 Utveckla@108.8-147.1 arbetsformer@149.9-206.5 som@209.2-228.1 "
        "uppmuntrar@230.9-282.0",
        247.9: "lämnas@329.9-362.1 via@364.9-377.6 webben@380.4-415.4 och@418.1-434.3",
        257.9: "och@108.8-124.9 belönar@127.7-161.0 medarbetares@163.7-225.4 och@228.2-244.2",
        265.1: "Borlängeappen.@329.9-400.4",
        275.1: "arbetsgruppers@108.8-175.9 kreativitet.@178.7-224.2",
        295.4: "§@90.8-95.4 Årlig@108.8-128.8 utvärdering@131.6-181.5 och@184.3-200.4 "
        "förbättring@203.1-248.1 av@250.8-261.4",
        312.7: "webbplatsen.@108.8-167.6 Utskotten@170.4-212.6 rapporterar@215.4-264.8",
        329.9: "tertialsvis@108.8-150.5 till@153.2-162.7 kommunfullmäktige.@165.4-254.2 "
        "I@257.0-259.7",
    }
    lines = []
    for top, spec in rows.items():
        top += 0.01 if top >= 240.6 else 0.0  # the item and all below it: 17.31 pt
        words = []
        for item in spec.split():
            text, span = item.rsplit("@", 1)
            x0, x1 = (float(v) for v in span.split("-"))
            words.append(Word(text, x0, x1, top, top + SIZE, SIZE))
        lines.append(Line(words, 1))
    lines.append(_line(613.5, ("KOMMENTAR", 90.8), size=12.0))
    page = PageText(1, 595, 842, lines, [])
    layout.split_columns(page, (281.97, 311.9))  # the gutter of the page before
    texts = [ln.text for ln in page.lines]
    assert texts[texts.index("Förbättringsområden") + 1 :][:3] == [
        "§ Utveckla arbetsformer som uppmuntrar",
        "och belönar medarbetares och",
        "arbetsgruppers kreativitet.",
    ]
    assert texts.index("tertialsvis till kommunfullmäktige. I") < texts.index(
        "§ Värdegrundsdagar för all personal"
    )
