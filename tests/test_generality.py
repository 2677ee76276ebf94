"""Issue 21: the generic layout rules, on small inputs (the pinned word-processor fixtures in
tests/fixtures/wp/ hold them on whole reports)."""

from __future__ import annotations

import pytest

from parsers.footer import date_in
from parsers.layout import split_columns
from parsers.pdf import Line, PageText
from parsers.reader import Word
from parsers.scores import area_named_in
from parsers.text import strip_label


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("1. Medarbetarundersökning varje år", "1.", "Medarbetarundersökning varje år"),
        ("12) Tydlig plan", "12)", "Tydlig plan"),
        ("a) Bred dialog", "a)", "Bred dialog"),
        ("bb) Bred dialog", "bb)", "Bred dialog"),  # letters run on after z)
        ("10)Värdegrund: ett flertal", "10)", "Värdegrund: ett flertal"),  # a narrow tab
        # seed 3011 case 1: letters run on past "zz)" to "mmm)" and "mmmm)", wider than the
        # list's tab stop, so the text follows with no space
        ("mmm)Webbsändningar från fullmäktige", "mmm)", "Webbsändningar från fullmäktige"),
        ("mmmm) Strukturer för stöd", "mmmm)", "Strukturer för stöd"),
        # seed 3016 case 173: letters repeated five times, items 105–130 of a long list
        ("bbbbb) Systematisk modell", "bbbbb)", "Systematisk modell"),
        # seed 3016 case 49: a number label glued to an item that starts with a year
        ("33)2017 infördes en ny modell", "33)", "2017 infördes en ny modell"),
        # fresh seed 3019 case 123: "68." glued to a year ("." before a digit: no Swedish
        # number, whose decimal sign is a comma)
        ("68.2017 infördes en ny modell", "68.", "2017 infördes en ny modell"),
        ("28.12 av 14 nämnder", None, "28.12 av 14 nämnder"),  # a number, no label
        ("3.14159 av allt", None, "3.14159 av allt"),  # five digits: no year
        ("AAA. Strukturer för stöd", "AAA.", "Strukturer för stöd"),
        ("iv) Uppföljning av mål", "iv)", "Uppföljning av mål"),  # roman numerals
        ("viii) Uppföljning av mål", "viii)", "Uppföljning av mål"),
        ("och) vård och omsorg", None, "och) vård och omsorg"),  # a word, not a label
        ("vi. Det gör", None, "vi. Det gör"),
        ("inland)Mer text", None, "inland)Mer text"),
        ("• Styrdokument", "•", "Styrdokument"),
        ("2017 infördes en modell", None, "2017 infördes en modell"),  # a number, no label
        ("E-tjänster finns", None, "E-tjänster finns"),
        ("ca. 30 medarbetare", None, "ca. 30 medarbetare"),
    ],
)
def test_list_label_is_never_part_of_the_text(text: str, label: str | None, rest: str) -> None:
    assert strip_label(text) == (label, rest)


@pytest.mark.parametrize(
    ("line", "found"),
    [
        (
            "Område 3 Styrning och kontroll – delpoäng",
            (3, "Styrning och kontroll"),
        ),
        ("4.3 Politisk styrning och kontroll", (3, "Politisk styrning och kontroll")),
        ("3. Politisk styrning och kontroll", (3, "Politisk styrning och kontroll")),
        ("Fråga", None),
        ("3 Poäng Maxpoäng Andel", None),
    ],
)
def test_area_name_comes_from_the_vocabulary_not_a_column_title(line: str, found) -> None:
    assert area_named_in(line) == found


def _line(words: list[tuple[str, float]], top: float, size: float = 10.0) -> Line:
    """A line of words at x positions, each 6 pt a character."""
    return Line(
        [Word(t, x, x + 6 * len(t), top, top + size, size) for t, x in words],
        page=1,
    )


def at(page: int, line: Line) -> Line:
    """`line` on page `page`."""
    return Line(line.words, page=page)


def test_newspaper_columns_read_column_by_column_and_end_where_one_column_resumes() -> None:
    left, right = 50.0, 310.0
    lines = [
        _line([("Styrkor", left), ("tre", right), ("fyra", right + 25)], 100),
        _line([("ett", left), ("två", left + 25), ("fem", right)], 114),
        _line([("sex", left), ("sju", right)], 128),
        _line([("åtta", left), ("nio", right)], 142),
        # one-column text resumes: it crosses the gutter (word spaces of 12 pt)
        _line([("ord", left + 30 * k) for k in range(10)], 170),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (1, "Styrkor"),
        (1, "ett två"),
        (1, "sex"),
        (1, "åtta"),
        (2, "tre fyra"),
        (2, "fem"),
        (2, "sju"),
        (2, "nio"),
        (0, " ".join(["ord"] * 10)),
    ]


def test_a_heading_in_one_column_while_the_other_goes_on_does_not_end_the_columns() -> None:
    """Fresh seed 4006, damaged case 68 (an empty improvements list in newspaper columns):
    the strengths fill the left column and the top of the right one, the improvements' title
    stands in the right column with nothing under it, and the left column goes on beside and
    below it ("webbp-" / "latsen"). A heading on one side with only one-column text (or
    nothing) after it ends the region ("Kommentar"), but not while the other side's lines go
    on at their pitch: they are still the columns' text (the left column's last item was
    cut at the title and filed under it)."""
    left, right = 50.0, 310.0
    lines = [
        _line([("Styrkor", left), ("Utvecklad", right), ("styrning", right + 60)], 100),
        _line([("God", left), ("planering.", left + 25), ("Genomtänkt", right)], 115),
        _line([("Bred", left), ("rapportering", left + 30), ("analys.", right)], 130),
        Line([Word("Förbättringsmöjligheter", right, right + 140, 142, 154, 11, bold=True)], 1),
        _line([("på", left), ("webbp-", left + 20)], 145),
        _line([("latsen", left), ("och", left + 40), ("medier.", left + 65)], 160),
        _line([("ord", left + 30 * k) for k in range(10)], 190),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (1, "Styrkor"),
        (1, "God planering."),
        (1, "Bred rapportering"),
        (1, "på webbp-"),
        (1, "latsen och medier."),
        (2, "Utvecklad styrning"),
        (2, "Genomtänkt"),
        (2, "analys."),
        (2, "Förbättringsmöjligheter"),
        (0, " ".join(["ord"] * 10)),
    ]


def test_a_running_footer_after_newspaper_columns_is_no_line_of_them() -> None:
    """Fresh seed 4007, clean case 70: the findings in newspaper columns end high on the
    page, and the running footer, in smaller type, has a tab where the gutter was
    ("Sveriges Kommuner och Landsting 2007-11-07 ‹tab› Sida 5 av 27"). Right after a region
    of the same gutter a line on both sides goes on that flow, so the footer was split in
    two: its left half came out unaccounted in the findings (`unread_text`, a false alarm).
    Smaller type than the flow's is no line of it."""
    left, right = 50.0, 310.0
    lines = [
        _line([("Styrkor", left), ("Utveckla", right)], 100),
        _line([("ett", left), ("två", left + 25), ("fem", right)], 114),
        _line([("sex", left), ("sju", right)], 128),
        _line([("åtta", left), ("nio", right)], 142),
        _line([("ord", left + 30 * k) for k in range(10)], 170),  # one column again
        _line([("dem.", left)], 184),  # a paragraph's last, short line
        _line([("Sveriges", left), ("Kommuner", left + 54), ("Sida", 400), ("5", 430)], 700, 9.0),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page, foot=True)  # the next page goes on with the gutter
    assert [(ln.column, ln.text) for ln in page.lines][-2:] == [
        (0, "dem."),
        (0, "Sveriges Kommuner Sida 5"),
    ]


def test_justified_columns_whose_word_spaces_are_wider_than_the_gutter() -> None:
    """Justified newspaper columns: a short line is stretched so that its word spaces are
    wider than the gutter. A line with several wide gaps stays in the region by the one that
    lies in the gutter (it does not start one: justified text in a table cell has them too)."""
    left, right = 50.0, 310.0
    lines = [
        _line([("Styrkor", left), ("Utveckla", right), ("mer", right + 50)], 100),
        _line(
            [("ett", left), ("två", left + 25), ("ekonomiska", right), ("även", right + 140)], 114
        ),
        _line([("sex", left), ("sju", right)], 128),
        _line([("åtta", left), ("nio", right)], 142),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (1, "Styrkor"),
        (1, "ett två"),
        (1, "sex"),
        (1, "åtta"),
        (2, "Utveckla mer"),
        (2, "ekonomiska även"),
        (2, "sju"),
        (2, "nio"),
    ]


def test_a_justified_line_in_a_table_cell_does_not_start_columns() -> None:
    """Two wide gaps in one line (a justified cell line stretched, then the cell edge): no
    region of columns starts there."""
    lines = [
        _line(
            [("7.", 50), ("Styrdokument", 67), ("om", 186), ("8.", 210), ("Strukturer", 227)], 100
        ),
        _line([("kommunikation.", 67), ("näringslivet", 227)], 114),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0]


def test_a_justified_label_cell_in_a_table_of_numbers_does_not_start_columns() -> None:
    """Seed 3011 case 20: the history's label cell "8. Chefs- och / ledarskap samt /
    medarbetarskap", justified in a narrow column, leaves a strip white over two lines; the
    region's right side ends in numbers under the numbers of the rows above (a table's
    columns), so it is a table row, not newspaper columns ("Chefsledarskap och samt ...")."""
    lines = [
        _line([("7.", 90), ("Arbetsliv", 101), ("29", 223), ("79", 274), ("41", 325)], 559),
        _line(
            [("8.", 90), ("Chefs-", 112), ("och", 167), ("23", 223), ("46", 274), ("32", 325)],
            574,
        ),
        _line([("ledarskap", 90), ("samt", 163)], 588),
        _line([("medarbetarskap", 90)], 601),
        _line([("Totalt", 90), ("305", 218), ("385", 269), ("356", 320)], 616),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (0, "7. Arbetsliv 29 79 41"),
        (0, "8. Chefs- och 23 46 32"),
        (0, "ledarskap samt"),
        (0, "medarbetarskap"),
        (0, "Totalt 305 385 356"),
    ]


def test_justified_columns_whose_lines_end_in_years_are_still_columns() -> None:
    """A year ending two justified lines sits at the column's right edge in both: not a number
    cell (it follows an ordinary word space), so the region is still newspaper columns."""
    left, right = 50.0, 310.0
    lines = [
        _line(
            [("Styrkor", left), ("Arbetet", right), ("började", 360), ("år", 410), ("2018", 430)],
            100,
        ),
        _line([("ett", left), ("två", left + 25), ("och", right), ("fortsatte", right + 28)], 114),
        _line([("sex", left), ("sju", right), ("till", 336), ("och", 368), ("2019", 430)], 128),
        _line([("åtta", left), ("nio", right)], 142),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [1, 1, 1, 1, 2, 2, 2, 2]


def test_justified_columns_starting_beside_a_short_heading() -> None:
    """Seed 3011 case 9: justified newspaper columns whose baselines never agree; the only line
    printed on both sides is the left column's heading "Styrkor" beside the right column's
    first, stretched line (word spaces wider than the gutter test). Its one gap many times
    wider than the others is the gutter: the region starts there."""
    lines = [
        _line(
            [
                ("Styrkor", 50),
                ("finns", 320),
                ("skicklighet", 366),
                ("i", 448),
                ("bemötande", 470),
                ("med", 540),
            ],
            100,
        ),
        _line([("självskattningsformulär", 320), ("som", 464), ("används.", 486)], 112),
        _line([("Fortsätta", 50), ("arbetet", 110), ("med", 156), ("att", 180)], 116),
        _line([("Koppla", 320), ("måluppfyllelse", 362)], 126),
        _line([("effektivisera", 50), ("kommunens", 134)], 130),
        _line([("Målen", 320), ("är", 360)], 140),
        _line([("och", 50), ("serviceutbud.", 74)], 144),
        _line([("ord", 50 + 30 * k) for k in range(17)], 170),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (1, "Styrkor"),
        (1, "Fortsätta arbetet med att"),
        (1, "effektivisera kommunens"),
        (1, "och serviceutbud."),
        (2, "finns skicklighet i bemötande med"),
        (2, "självskattningsformulär som används."),
        (2, "Koppla måluppfyllelse"),
        (2, "Målen är"),
        (0, " ".join(["ord"] * 17)),
    ]


def test_the_longer_columns_last_line_is_not_cut_off_by_a_running_footer() -> None:
    """A region at the page bottom: the left column's last line sits nearer to the running
    footer (smaller type, across the page) than to its column above; the footer is not a
    heading that resumes one-column text, so the line stays in its column."""
    left, right = 50.0, 310.0
    lines = [
        _line([("Styrkor", left), ("–", right), ("Utvecklat", right + 12)], 756),
        _line([("institutioner.", right)], 770),
        _line([("–", left), ("Respekt", left + 12), ("för", left + 60)], 774),
        _line([("och", left), ("tjänstemän.", left + 25)], 788),
        _line([("Sveriges", left), ("Kommuner", left + 200), ("8", 540)], 800.2, size=8.0),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (1, "Styrkor"),
        (1, "– Respekt för"),
        (1, "och tjänstemän."),
        (2, "– Utvecklat"),
        (2, "institutioner."),
        (0, "Sveriges Kommuner 8"),
    ]


def test_a_column_keeps_its_items_when_paragraph_space_exceeds_the_font_size() -> None:
    """Two columns whose baselines never agree after the first line: the space between two
    items (paragraph spacing) is measured against the columns' own line gaps, not against
    nothing, so the right column's second item stays in the region."""
    left, right = 71.0, 312.0
    lines = [
        _line([("Styrkor", left), ("Aktiv", right)], 629.5, 11.5),
        _line([("följ", right)], 644.7, 11.5),
        _line([("Regelbunden", left)], 648.7, 11.5),
        _line([("fackliga.", right)], 659.9, 11.5),
        _line([("brukar", left)], 663.9, 11.5),
        _line([("fackliga", left)], 679.1, 11.5),
        _line([("Genomtänkt", right)], 683.1, 11.5),  # 11.7 pt below the item above
        _line([("nivån", left)], 694.3, 11.5),
        _line([("gör", right)], 698.3, 11.5),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (1, "Styrkor"),
        (1, "Regelbunden"),
        (1, "brukar"),
        (1, "fackliga"),
        (1, "nivån"),
        (2, "Aktiv"),
        (2, "följ"),
        (2, "fackliga."),
        (2, "Genomtänkt"),
        (2, "gör"),
    ]


@pytest.mark.parametrize(
    ("footer", "date"),
    [
        ("Sveriges Kommuner och Landsting 2012-10-13 Sida 4 av 42", "2012-10-13"),
        # a narrow page: the tab between publisher and date collapsed
        ("Sveriges Kommuner och Landsting2012-10-13 Sida 4 av 42", "2012-10-13"),
        ("Dnr 12012-10-13", None),
        ("2012-10-134", None),
    ],
)
def test_report_date_read_from_a_footer(footer: str, date: str | None) -> None:
    assert date_in(footer) == date


def test_columns_in_two_sizes_whose_gutter_narrows_after_a_line() -> None:
    """A right column in a smaller size than the left (or the reverse): a line accepted when
    the gutter was wider stays a two-sided line of the region after later lines narrowed
    the gutter (this once raised KeyError)."""
    lines = [
        _line([("alfa", 50), ("beta", 95)], 100, 10.5),
        _line([("ord", 56), ("ny", 95)], 114, 11.5),
        _line([("ordet", 49.5)], 128, 10.5),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines] == [
        (1, "alfa"),
        (1, "ord"),
        (1, "ordet"),
        (2, "beta"),
        (2, "ny"),
    ]


def test_a_table_header_below_a_framed_box_is_not_a_column_line() -> None:
    """A justified fact box beside the text ("bedöms ‹gap› utifrån 5") leaves a strip of
    white; a table's header row further down has a wide gap in that strip too. A line with
    several wide gaps continues columns only right after a line printed on both sides, so the
    header row stays whole."""
    lines = [
        _line([("bedöms", 260), ("utifrån", 320)], 317),
        _line([("frågor.", 260)], 330),
        _line([("Delpoäng", 50)], 334),
        _line([("Område", 50), ("5", 90), ("delpoäng", 100)], 355),
        _line([("Fråga", 50), ("Poäng", 150), ("Maxpoäng", 230), ("Andel", 322)], 374),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0, 0, 0, 0]
    assert page.lines[-1].text == "Fråga Poäng Maxpoäng Andel"


def test_a_larger_heading_after_the_columns_is_not_the_longer_columns_last_line() -> None:
    """A heading in larger type after the region (left of the gutter) followed by body text
    across the page: it ends the region. The line that follows it is body text at the
    region's size, so it counts as one-column text resuming, whatever the heading's size."""
    left, right = 50.0, 310.0
    lines = [
        _line([("ett", left), ("två", right)], 100),
        _line([("tre", left), ("fyra", right)], 114),
        _line([("fem", left)], 128),
        _line([("KOMMENTAR", left)], 152, 12.0),
        _line([("ord", left + 30 * k) for k in range(10)], 172),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines][:6] == [
        (1, "ett"),
        (1, "tre"),
        (1, "fem"),
        (2, "två"),
        (2, "fyra"),
        (0, "KOMMENTAR"),
    ]


def _read_findings(lines: list[Line], width: float = 595, height: float = 842):
    """Area 1's findings read from `lines`, one page of the given size."""
    from parsers.findings import find_findings

    page = PageText(1, width, height, lines)
    return find_findings(page.lines, {1: page}, lambda i: 1)[1]


def _wline(words: list[tuple[str, float, float]], top: float, size: float) -> Line:
    """A line of words with the boxes a PDF gave them (text, x0, x1)."""
    return Line([Word(t, x0, x1, top, top + size, size) for t, x0, x1 in words], page=1)


def test_a_strip_whose_right_words_stand_left_of_the_cells_edge_is_no_gutter() -> None:
    """Fresh seed 4005 case 327 (tagged, a side-by-side findings table, justified A4 cells
    11 pt apart; the boxes as printed): in the left cell "Samlade ‹34 pt› kontaktuppgifter
    ‹35 pt› till" and "kommunfullmäktiges ‹19 pt› ledamöter ‹19 pt› på" were stretched to the
    cell's edge at 287, and the strip 255–274 stayed white down four lines. Taken for a
    gutter, "till" and "på" went to the right column and out of the strength ("Samlade
    kontaktuppgifter kommunfullmäktiges ledamöter webbplatsen.", `readings_differ`). Two right
    parts start at 274, two at 298, and those at 274 have a word at 298 after more white:
    of two edges as common as each other, a word left of either, with a later word at it,
    shows the strip is no column's edge (`layout._right_edge_aligned`)."""
    lines = [
        _wline([("Styrkor", 71.0, 115.0), ("Förbättringsmöjligheter", 297.7, 440.2)], 70.6, 10.5),
        _wline(
            [
                ("dagens", 71.0, 109.3),
                ("utmaningar", 117.8, 178.8),
                ("samt", 187.3, 213.5),
                ("kommunens", 222.0, 286.8),
            ],
            85.4,
            10.5,
        ),
        _wline(
            [("vision", 71.0, 101.5), ("och", 104.9, 123.7), ("värdegrund.", 127.0, 191.4)],
            97.6,
            10.5,
        ),
        _wline(
            [
                ("Samlade", 71.0, 116.7),
                ("kontaktuppgifter", 151.4, 239.3),
                ("till", 273.9, 286.8),
                ("Integrering", 297.7, 355.9),
                ("av", 360.7, 373.3),
                ("de", 377.9, 391.1),
                ("nämnder", 395.8, 443.2),
                ("som", 447.8, 470.0),
                ("bedrivs", 474.6, 513.3),
            ],
            118.4,
            10.5,
        ),
        _wline(
            [
                ("kommunfullmäktiges", 71.0, 181.7),
                ("ledamöter", 200.7, 254.7),
                ("på", 273.7, 286.8),
                ("gemensamt", 297.7, 360.4),
                ("med", 370.1, 393.5),
                ("andra", 403.3, 433.8),
                ("kommuner", 443.7, 500.7),
                ("i", 510.6, 513.5),
            ],
            130.6,
            10.5,
        ),
        _wline(
            [
                ("webbplatsen.", 71.0, 141.3),
                ("kommunfullmäktiges", 297.7, 408.4),
                ("planering", 426.8, 476.4),
                ("och", 494.7, 513.6),
            ],
            142.9,
            10.5,
        ),
        _wline(
            [("uppföljning", 297.7, 356.6), ("av", 359.9, 372.6), ("arbetet.", 375.9, 417.8)],
            155.1,
            10.5,
        ),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    texts = [ln.text for ln in page.lines]
    assert "Samlade kontaktuppgifter till Integrering av de nämnder som bedrivs" in texts
    assert "kommunfullmäktiges ledamöter på gemensamt med andra kommuner i" in texts


def test_a_justified_line_whose_second_stretched_space_precedes_a_one_letter_word() -> None:
    """Fresh seed 4005 case 253 (tagged; a question cell 214 pt wide, justified; the boxes as
    printed): "verksamhet ‹39 pt› synliggörs ‹39 pt› i" has one wide gap between two texts
    (`_gaps` does not count "i" as text), so it started a region of columns, and the question
    read "… verksamhet kommunens årsredovisning. synliggörs i budget och". Its other space
    is as wide: a justified line's stretched spaces, no gutter (`layout._stretched_twice`)."""
    lines = [
        _wline(
            [
                ("1.4", 51.1, 70.1),
                ("Det", 88.0, 109.3),
                ("är", 126.3, 138.6),
                ("positivt", 155.5, 199.9),
                ("att", 216.9, 233.7),
                ("bolagets", 250.7, 302.3),
                ("9", 345.3, 352.9),
                ("25", 424.1, 439.3),
                ("36", 499.1, 514.3),
                ("%", 518.2, 529.6),
            ],
            395.1,
            10.5,
        ),
        _wline(
            [("verksamhet", 88.0, 159.2), ("synliggörs", 198.5, 259.8), ("i", 299.1, 302.4)],
            416.1,
            10.5,
        ),
        _wline(
            [("kommunens", 88.0, 162.1), ("budget", 200.2, 242.7), ("och", 280.9, 302.4)],
            437.1,
            10.5,
        ),
        _wline([("årsredovisning.", 88.0, 180.3)], 458.1, 10.5),
        _wline(
            [
                ("1.5", 51.1, 70.1),
                ("Även", 88.0, 118.3),
                ("toppledarprogram", 125.6, 234.9),
                ("har", 242.2, 262.2),
                ("köpts", 269.5, 302.3),
                ("0", 345.3, 352.9),
                ("15", 424.1, 439.3),
                ("0", 502.9, 510.5),
                ("%", 514.3, 525.7),
            ],
            480.9,
            10.5,
        ),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [ln.text for ln in page.lines[1:4]] == [
        "verksamhet synliggörs i",
        "kommunens budget och",
        "årsredovisning.",
    ]


def test_a_number_after_a_justified_lines_stretched_space_is_the_questions() -> None:
    """Fresh seed 4005 case 164 (tagged; a justified question cell 112 pt wide; the boxes as
    printed): "3.4 Förutom ‹12.2› de ‹12.2› 21 ‹36› 8 30 27 %". The text's "21" stood 0.4 pt
    right of the score columns' boundary (half a column pitch left of "Poäng") and a
    stretched space, not a word space, after "de": it was read as the points (21 for 8) and
    left the text ("Förutom de målen …"). A number after a space as wide as the one before
    the word it follows is one more word of the justified line (`scores._stretched`), when
    the row has more numbers than the table has columns: the pinned
    g3-a5-centred-titles-broken-beside-a-fact-box has "I ‹s› kommunens ‹s› 1 …", its points
    "1" a stretched space's width after the text, and three numbers for three columns."""
    from parsers.scores import find_tables

    lines = [
        _wline(
            [
                ("Fråga", 49.7, 79.0),
                ("Poäng", 183.6, 215.0),
                ("Maxpoäng", 239.0, 292.0),
                ("Andel", 316.0, 347.0),
            ],
            230.0,
            10.0,
        ),
        _wline(
            [
                ("3.3", 49.7, 62.6),
                ("De", 77.2, 89.4),
                ("bereds", 104.0, 135.0),
                ("på", 149.6, 161.0),
            ],
            255.0,
            10.0,
        ),
        _wline(
            [
                ("sedvanligt", 49.7, 97.8),
                ("sätt.", 112.3, 129.7),
                ("21", 194.7, 204.3),
                ("30", 259.9, 271.1),
                ("70", 319.6, 331.0),
                ("%", 333.5, 343.7),
            ],
            274.8,
            10.0,
        ),
        _wline(
            [
                ("3.4", 49.7, 63.0),
                ("Förutom", 75.2, 115.9),
                ("de", 128.1, 139.1),
                ("21", 151.3, 160.9),
                ("8", 196.7, 202.3),
                ("30", 259.9, 271.1),
                ("27", 319.8, 330.6),
                ("%", 333.1, 343.3),
            ],
            297.0,
            10.0,
        ),
        _wline([("målen", 49.7, 79.0), ("finns.", 83.0, 107.0)], 317.0, 10.0),
        _wline(
            [
                ("Totalt", 49.7, 80.0),
                ("29", 194.7, 204.3),
                ("60", 259.9, 271.1),
                ("48", 319.6, 331.0),
                ("%", 333.5, 343.7),
            ],
            340.0,
            10.0,
        ),
    ]
    (table,) = find_tables(PageText(1, 420, 595, lines).lines)
    assert [(q.id, q.text, q.numbers["points"]) for q in table.questions] == [
        ("3.3", "De bereds på sedvanligt sätt.", 21),
        ("3.4", "Förutom de 21 målen finns.", 8),
    ]


def test_a_justified_narrow_cell_whose_stretched_spaces_line_up_is_not_columns() -> None:
    """Seed 3015 case 60 (the boxes as printed): a question cell 108 pt wide, justified,
    under a table header. Two lines of two or three words are stretched to the cell's edge,
    and their wide spaces leave a strip of white ("1.1 Hur ‹gap› arbetar / kommunen ‹gap›
    med"). The words after the strip do not start at one edge ("arbetar" 123, "med" 136,
    each line ending at 158): not a right-hand column, so not read "Hur kommunen arbetar
    med"."""
    lines = [
        _wline(
            [
                ("Fråga", 49.7, 79.6),
                ("Poäng", 179.9, 213.5),
                ("Maxpoäng", 236.7, 291.0),
                ("Andel", 315.8, 346.3),
            ],
            248.6,
            11.0,
        ),
        _wline([("1.1", 49.7, 65.0), ("Hur", 85.1, 102.7), ("arbetar", 122.9, 157.7)], 265.6, 11.0),
        _wline([("kommunen", 49.7, 104.1), ("med", 136.4, 157.7)], 280.1, 11.0),
        _wline(
            [("politiska", 49.7, 89.4), ("mål", 105.9, 123.6), ("och", 140.0, 157.8)], 294.6, 11.0
        ),
    ]
    page = PageText(1, 420, 595, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0, 0, 0]


def test_two_lines_off_by_a_few_points_have_no_edge_to_be_indented_from() -> None:
    """Seed 3015 case 39: "information ‹gap› om / brukarundersökningar ‹gap› vilket", the
    right-hand words 14 pt apart. With only two lines neither shows where a column's edge
    would be, so the first one is not a paragraph's indented first line."""
    lines = [
        _wline([("45)Kommunövergripande", 90.8, 246.0)], 520.5, 12.0),
        _wline([("information", 112.1, 181.5), ("om", 276.2, 295.3)], 541.5, 12.0),
        _wline([("brukarundersökningar", 112.1, 245.5), ("vilket", 262.5, 295.2)], 562.5, 12.0),
        _wline(
            [
                ("uppskattas", 112.1, 178.4),
                ("av", 189.8, 204.3),
                ("både", 215.7, 245.7),
                ("chefer", 257.1, 295.2),
            ],
            583.5,
            12.0,
        ),
    ]
    page = PageText(1, 612, 792, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0, 0, 0]


def test_a_word_left_of_the_edge_the_right_cells_lines_start_at_ends_the_strip() -> None:
    """Seed 3015 case 187: a side-by-side findings table without rules, its left cell
    justified. One left-cell line is stretched ("planering ‹gap› för"), and its last word
    "för" ends 11 pt before the right cell's "bättre", which starts where the right cell's
    other lines start: the strip of white is the stretched space, not the cells' gutter, and
    "för" belongs to the left cell ("Genomtänkt planering för brukarundersökningar.")."""
    lines = [
        _wline(
            [
                ("terna", 71.0, 92.9),
                ("och", 95.7, 111.5),
                ("följ", 114.3, 129.6),
                ("upp", 132.3, 148.8),
                ("effekterna", 151.5, 196.0),
                ("varje", 198.8, 220.8),
                ("år", 223.5, 232.0),
                ("alla", 306.1, 322.0),
                ("verksamheter", 327.5, 386.7),
                ("så", 392.3, 401.4),
                ("att", 406.8, 417.9),
                ("den", 423.3, 439.2),
                ("politiska", 444.6, 482.5),
                ("nivån", 488.0, 512.5),
                ("får", 518.0, 530.1),
            ],
            125.7,
            11.0,
        ),
        _wline(
            [
                ("§", 71.0, 77.6),
                ("Genomtänkt", 88.0, 142.3),
                ("planering", 191.6, 233.1),
                ("för", 282.4, 295.2),
                ("bättre", 306.1, 331.0),
                ("beslutsunderlag", 333.9, 402.8),
            ],
            138.4,
            11.0,
        ),
        _wline(
            [
                ("brukarundersökningar.", 71.0, 170.8),
                ("§", 306.1, 312.7),
                ("Se", 323.1, 334.1),
                ("över", 339.6, 359.1),
                ("ansvaret", 364.6, 401.1),
                ("för", 406.7, 419.5),
                ("e-tjänster", 424.9, 465.8),
                ("och", 471.4, 487.2),
                ("följ", 492.6, 508.0),
                ("upp", 513.4, 529.9),
            ],
            154.0,
            11.0,
        ),
    ]
    page = PageText(1, 612, 792, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0, 0]


def test_lines_that_go_on_from_a_full_justified_line_above_are_one_paragraph() -> None:
    """Seed 3015 case 131: in a justified cell, two lines whose stretched spaces line up
    ("medborgaraktiviteter ‹gap› samt / förvaltningsrevisionsrapporter ‹gap› med", right-hand
    words 3 pt apart) follow, at the paragraph's own line pitch, a line that runs from the
    cell's left edge to the same right edge: one paragraph, not columns after one-column
    text (whose last line would not be stretched to the margin)."""
    lines = [
        _wline(
            [
                ("information", 71.0, 128.8),
                ("om", 141.8, 157.8),
                ("medborgardialoger,", 170.8, 270.0),
                ("andra", 283.1, 312.2),
            ],
            156.3,
            10.0,
        ),
        _wline([("medborgaraktiviteter", 71.0, 177.8), ("samt", 287.3, 312.2)], 169.6, 10.0),
        _wline(
            [("förvaltningsrevisionsrapporter", 71.0, 222.3), ("med", 290.0, 312.2)], 183.0, 10.0
        ),
        _wline(
            [
                ("handlingsplaner", 71.0, 151.4),
                ("på", 157.2, 169.7),
                ("webbplatsen.", 175.6, 242.6),
                ("Samarbete", 248.4, 303.4),
                ("i", 309.3, 312.0),
            ],
            196.3,
            10.0,
        ),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0, 0, 0]


def test_newspaper_columns_with_an_indented_first_line_and_a_hanging_list_are_columns() -> None:
    """What the edge rules leave alone: a right-hand column whose first line is a paragraph's
    indented first line (two lines below show the edge) and whose list items hang their
    bodies under a label. The one-column line above ends its paragraph short of the margin."""
    left, right = 50.0, 310.0
    lines = [
        _line([("Kommunen", left), ("har", left + 60), ("en", left + 90)], 80),
        _line([("Styrkor", left), ("Arbetet", right + 14), ("med", right + 62)], 100),
        _line([("ett", left), ("två", left + 25), ("fortsatte", right), ("väl.", right + 60)], 114),
        _line([("sex", left), ("sju", right), ("och", right + 30)], 128),
        _line([("åtta", left), ("•", right), ("Uppföljning", right + 12)], 142),
        _line([("nio", left), ("av", right + 12), ("mål", right + 30)], 156),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]


def test_a_few_points_off_the_edge_is_a_stretched_space_not_an_indent() -> None:
    """Seed 3015 case 60, question 2.3: "strategi ‹gap› för / lönesättning ‹gap› och", the
    right-hand words 5 pt apart (under half an em). A third such line is made up here so that
    two lines show an edge: still no paragraph indents its first line by so little, so the
    cell stays one paragraph ("strategi för lönesättning och", not "strategi lönesättning för
    och")."""
    lines = [
        _wline(
            [
                ("2.3", 49.7, 65.0),
                ("Finns", 77.7, 104.6),
                ("det", 117.3, 132.6),
                ("en", 145.3, 157.5),
            ],
            303.1,
            11.0,
        ),
        _wline([("kommunövergripande", 49.7, 156.1)], 317.6, 11.0),
        _wline([("strategi", 49.7, 85.7), ("för", 144.9, 157.7)], 332.1, 11.0),
        _wline([("lönesättning", 49.7, 109.0), ("och", 140.1, 157.8)], 346.6, 11.0),
        _wline([("belöningar", 49.7, 104.0), ("gott", 140.1, 157.7)], 361.1, 11.0),
        _wline(
            [("prestationer", 49.7, 112.0), ("och", 117.0, 135.0), ("hur", 140.0, 157.7)],
            375.6,
            11.0,
        ),
    ]
    page = PageText(1, 420, 595, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0, 0, 0, 0, 0]


def test_a_stretched_first_line_above_a_region_joins_its_columns() -> None:
    """Seed 3015 case 124, top of a page of justified newspaper columns: the first line's left
    half is stretched ("tjänstemän ‹gap› (kommunchef ‹gap› och"), so it has several wide gaps
    and cannot start the region; the next line does. The first line leaves the same strip
    white, so it belongs to the columns: "(kommunchef och verksamhetschefer)", not "och plan
    från målstyrningskedjan … genom- verksamhetschefer)"."""
    lines = [
        _wline(
            [
                ("tjänstemän", 35.8, 91.9),
                ("(kommunchef", 143.6, 213.2),
                ("och", 264.8, 283.4),
                ("plan", 311.9, 333.6),
                ("från", 337.2, 356.9),
                ("målstyrningskedjan", 360.5, 459.1),
                ("med", 462.6, 484.9),
                ("mål", 488.5, 507.1),
                ("–", 510.6, 517.0),
                ("genom-", 520.6, 559.7),
            ],
            31.4,
            11.5,
        ),
        _wline(
            [
                ("verksamhetschefer)", 35.8, 136.6),
                ("har", 140.9, 157.5),
                ("ett", 161.7, 174.5),
                ("delegerat", 178.8, 226.6),
                ("ansvar", 230.9, 265.4),
                ("för", 269.7, 283.1),
                ("förande", 311.9, 350.9),
                ("–", 355.7, 362.1),
                ("uppföljning", 367.0, 422.8),
                ("–", 427.8, 434.2),
                ("analys", 439.1, 472.3),
                ("–", 477.2, 483.6),
                ("förbättringsåt-", 488.5, 559.7),
            ],
            51.2,
            11.5,
        ),
        _wline(
            [
                ("ekonomi", 35.8, 79.2),
                ("och", 82.4, 100.9),
                ("personal.", 104.1, 151.4),
                ("gärder.", 311.9, 348.3),
                ("Det", 357.0, 374.9),
                ("handlar", 383.7, 422.0),
                ("om", 430.8, 446.7),
                ("att", 455.5, 468.3),
                ("göra", 477.1, 500.1),
                ("invånarna", 508.9, 559.3),
            ],
            71.1,
            11.5,
        ),
        _wline(
            [
                ("-", 35.8, 39.6),
                ("Medarbetarsamtal", 52.8, 145.4),
                ("genomförs", 152.6, 206.9),
                ("årligen", 214.1, 248.6),
                ("enligt", 255.8, 283.3),
                ("delaktiga", 311.9, 357.8),
                ("i", 366.7, 369.3),
                ("de", 378.1, 390.9),
                ("beslutsprocesser", 399.8, 486.9),
                ("som", 495.8, 517.5),
                ("sker", 526.4, 548.0),
                ("i", 557.0, 559.5),
            ],
            93.9,
            11.5,
        ),
        _wline(
            [
                ("en", 35.8, 48.6),
                ("gemensam", 54.4, 111.1),
                ("mall", 116.9, 138.0),
                ("med", 143.8, 166.1),
                ("tydlig", 171.9, 198.7),
                ("plan.", 204.5, 229.3),
                ("Det", 235.1, 253.0),
                ("finns", 258.8, 283.0),
                ("kommunen.", 311.9, 371.9),
            ],
            113.8,
            11.5,
        ),
    ]
    page = PageText(1, 595, 420, lines)
    split_columns(page)
    assert [(ln.column, ln.words[0].text) for ln in page.lines] == [
        (1, "tjänstemän"),
        (1, "verksamhetschefer)"),
        (1, "ekonomi"),
        (1, "-"),
        (1, "en"),
        (2, "plan"),
        (2, "förande"),
        (2, "gärder."),
        (2, "delaktiga"),
        (2, "kommunen."),
    ]


def test_labels_glued_to_their_text_hang_a_columns_items() -> None:
    """Seed 3015 case 89: newspaper columns whose right-hand list numbers on past the tab stop
    ("14.Dokumentera", the label glued to its text at the column's edge, the items' other
    lines at the hanging indent 17 pt to the right, each running to the column's edge). The
    lines off the edge are a hanging list's, not a justified paragraph's."""
    lines = [
        _wline(
            [
                ("7.", 71.0, 80.5),
                ("Aktiv", 88.0, 113.2),
                ("information", 116.4, 174.3),
                ("om", 177.5, 193.3),
                ("resultaten", 196.5, 247.5),
                ("i", 250.6, 253.4),
                ("HME-enkäten", 256.6, 323.4),
                ("14.Dokumentera", 410.3, 495.8),
                ("arbetet", 499.0, 535.7),
                ("med", 538.9, 561.1),
                ("chefernas", 564.2, 613.6),
                ("uppdrag", 616.8, 658.7),
                ("samt", 662.0, 686.9),
            ],
            154.9,
            10.0,
        ),
        _wline(
            [
                ("koppla", 427.3, 460.8),
                ("detta", 464.0, 490.4),
                ("till", 493.5, 505.8),
                ("budgetprocessen", 508.9, 595.6),
            ],
            165.3,
            10.0,
        ),
        _wline(
            [
                ("8.", 71.0, 80.5),
                ("Utvecklad", 88.0, 137.8),
                ("struktur", 140.9, 180.6),
                ("för", 183.8, 197.6),
                ("chefernas", 200.7, 250.2),
                ("uppdrag", 253.4, 295.3),
                ("genom", 298.4, 333.2),
            ],
            171.3,
            10.0,
        ),
        _wline(
            [
                ("gemensamma", 88.0, 159.6),
                ("forum", 162.8, 192.6),
                ("för", 195.7, 209.5),
                ("chefer", 212.6, 244.4),
                ("och", 247.6, 265.5),
                ("gör", 268.7, 285.3),
                ("resultaten", 288.5, 339.4),
                ("kända", 342.6, 373.3),
                ("15.Formulera", 410.3, 478.5),
                ("arbetet", 481.7, 518.4),
                ("med", 521.5, 543.8),
                ("klagomål", 546.9, 592.7),
                ("och", 595.9, 613.8),
                ("synpunkter", 616.9, 673.4),
                ("i", 676.6, 679.4),
                ("dialog", 682.5, 712.9),
            ],
            184.6,
            10.0,
        ),
        _wline(
            [
                ("för", 88.0, 101.7),
                ("medarbetarna.", 104.9, 179.6),
                ("med", 427.3, 449.5),
                ("de", 452.7, 465.1),
                ("fackliga", 468.4, 507.2),
                ("organisationerna", 510.4, 595.5),
                ("så", 598.7, 610.0),
                ("att", 613.2, 627.2),
                ("den", 630.3, 649.2),
                ("når", 652.3, 668.9),
                ("alla", 672.1, 689.8),
            ],
            198.0,
            10.0,
        ),
        _wline([("verksamheter", 427.3, 496.9)], 208.3, 10.0),
        _wline(
            [
                ("9.", 71.0, 80.5),
                ("Strukturerad", 88.0, 151.6),
                ("styrning", 154.8, 195.7),
                ("av", 198.8, 210.8),
                ("resultaten", 214.0, 265.0),
                ("i", 268.3, 271.0),
                ("HME-enkäten", 274.1, 341.0),
                ("och", 344.2, 362.1),
                ("följ", 365.3, 380.4),
            ],
            214.3,
            10.0,
        ),
        _wline(
            [
                ("upp", 88.0, 107.0),
                ("effekterna", 110.2, 161.8),
                ("varje", 164.9, 190.0),
                ("år.", 193.2, 206.6),
                ("16.Se", 410.3, 439.8),
                ("över", 443.0, 465.2),
                ("dialogen", 468.4, 511.4),
                ("kring", 514.5, 539.8),
                ("lokala", 543.0, 572.7),
                ("företag", 575.9, 612.1),
                ("exempelvis", 615.3, 672.4),
                ("genom", 675.6, 710.2),
            ],
            227.7,
            10.0,
        ),
        _wline(
            [
                ("e-tjänster", 427.3, 475.6),
                ("och", 478.8, 496.7),
                ("sociala", 499.8, 534.4),
                ("medier", 537.6, 572.9),
                ("med", 576.1, 598.2),
                ("tydliga", 601.4, 635.6),
                ("indikatorer", 638.8, 693.5),
                ("och", 696.7, 714.6),
            ],
            238.0,
            10.0,
        ),
    ]
    page = PageText(1, 842, 595, lines)
    split_columns(page)
    assert [(ln.column, ln.words[0].text) for ln in page.lines] == [
        (1, "7."),
        (1, "8."),
        (1, "gemensamma"),
        (1, "för"),
        (1, "9."),
        (1, "upp"),
        (2, "14.Dokumentera"),
        (2, "koppla"),
        (2, "15.Formulera"),
        (2, "med"),
        (2, "verksamheter"),
        (2, "16.Se"),
        (2, "e-tjänster"),
    ]


def test_a_running_header_on_a_low_page_below_the_fixed_band_is_furniture() -> None:
    """Seed 3015 case 86, A5 landscape (420 pt high): the running header's bottom lies at
    47 pt, below the fixed band (9 % of the height, 38 pt), but no body line stands above
    it. Left in the body, its year ("Kommunkompassen 2022") was a number under the "Max"
    column of every table it interrupted: area maxima of 2022, tables ended at page breaks."""
    from pathlib import Path

    from parsers import footer
    from parsers.pdf import Document

    pages = []
    for n, words in ((1, ("Sker", "en")), (2, ("Finns", "det")), (3, ("Hur", "arbetar"))):
        running = _wline(
            [("Kommunkompassen", 370.5, 454.0), ("2022", 457.0, 480.0), ("–", 483.0, 489.0),
             ("Lomma", 492.0, 522.0), ("kommun", 525.0, 531.9)], 36.6, 10.0)  # fmt: skip
        row = _wline(
            [(f"1.{n}", 63.6, 79.0), (words[0], 82.0, 104.0), (words[1], 107.0, 140.0)], 61.0, 11.0
        )
        pages.append(PageText(n, 595, 420, [Line(running.words, n), Line(row.words, n)]))
    doc = Document(Path("x.pdf"), "0" * 64, pages)
    footer.strip_furniture(doc)
    assert [ln.text for ln in doc.footer_lines] == ["Kommunkompassen 2022 – Lomma kommun"] * 3
    assert [ln.text for ln in doc.lines] == ["1.1 Sker en", "1.2 Finns det", "1.3 Hur arbetar"]


def test_a_column_title_broken_inside_the_word_is_joined_to_its_rest() -> None:
    """Seed 3015 case 12: a fact box beside the score table squeezes its header cells, and
    LibreOffice breaks the titles inside the word ("Uppnå" / "tt", "Proce" / "nt"). Joined,
    the row is a header row, the table is read, and nothing is left of the second line."""
    from parsers.scores import find_tables, join_broken_titles

    header = _wline(
        [("6.", 71.0, 79.0), ("Kvalitetsutveckling", 82.0, 213.0), ("Uppnå", 477.0, 518.0),
         ("Max", 537.0, 564.0), ("Proce", 585.0, 621.3)], 232.1, 11.0)  # fmt: skip
    rest = _wline([("tt", 492.0, 503.0), ("nt", 596.0, 609.9)], 245.5, 11.0)
    row = _wline(
        [("6.1", 71.0, 86.0), ("Används", 90.0, 135.0), ("resultat?", 139.0, 190.0),
         ("3", 493.9, 500.0), ("5", 545.0, 551.0), ("60", 596.0, 608.0), ("%", 610.0, 617.6)],
        261.4, 11.0)  # fmt: skip
    total = _wline(
        [("Totalt", 71.0, 100.0), ("3", 493.9, 500.0), ("5", 545.0, 551.0),
         ("60", 596.0, 608.0), ("%", 610.0, 617.6)], 280.0, 11.0)  # fmt: skip
    page = PageText(1, 842, 595, [header, rest, row, total])
    join_broken_titles([page])
    assert [ln.text for ln in page.lines] == [
        "6. Kvalitetsutveckling Uppnått Max Procent",
        "6.1 Används resultat? 3 5 60 %",
        "Totalt 3 5 60 %",
    ]
    (table,) = find_tables(page.lines)
    assert (table.area_number, table.total) == (6, {"points": 3, "max": 5, "percent": 60})
    assert [(q.id, q.text, q.numbers) for q in table.questions] == [
        ("6.1", "Används resultat?", {"points": 3, "max": 5, "percent": 60})
    ]


def test_text_under_the_column_titles_further_down_a_table_is_question_text() -> None:
    """Seed 3015 case 12, the next page: the same table continues wider (the fact box is on
    the page before), so its question text runs under where the column titles stood. Only
    the lines right under a header row hold wrapped titles; further down those words are the
    question's ("finns det rutiner för återkoppling", not "finns det återkoppling")."""
    from parsers.scores import find_tables

    header = _wline(
        [("6.", 71.0, 79.0), ("Kvalitetsutveckling", 82.0, 213.0), ("Uppnått", 477.0, 518.0),
         ("Max", 537.0, 564.0), ("Procent", 585.0, 621.3)], 232.1, 11.0)  # fmt: skip
    q1 = _wline(
        [("6.1", 71.0, 86.0), ("Används", 90.0, 135.0), ("resultat?", 139.0, 190.0),
         ("3", 493.9, 500.0), ("5", 545.0, 551.0), ("60", 596.0, 608.0), ("%", 610.0, 617.6)],
        261.4, 11.0)  # fmt: skip
    q2 = _wline(
        [("6.2", 71.0, 86.0), ("Finns", 90.0, 118.0), ("det", 122.0, 138.0),
         ("rutiner", 478.0, 512.0), ("för", 516.0, 532.0)], 276.0, 11.0)  # fmt: skip
    q2b = _wline(
        [("återkoppling?", 71.0, 140.0), ("2", 700.0, 706.0), ("5", 730.0, 736.0),
         ("40", 760.0, 772.0), ("%", 774.0, 780.0)], 290.0, 11.0)  # fmt: skip
    page = PageText(1, 842, 595, [header, q1, q2, q2b])
    (table,) = find_tables(page.lines)
    assert [q.text for q in table.questions] == [
        "Används resultat?",
        "Finns det rutiner för återkoppling?",
    ]


def test_a_table_row_recurring_at_the_top_of_pages_is_no_running_header() -> None:
    """A score row's numbers at the same height on several pages ("5 15 33%" and "7 20 35%"
    are one text with the digits masked) near the top of the page are the tables' own."""
    from pathlib import Path

    from parsers import footer
    from parsers.pdf import Document

    pages = []
    for n, nums in ((1, ("5", "15", "33%")), (2, ("7", "20", "35%")), (3, ("3", "5", "60%"))):
        row = _wline(
            [(nums[0], 358.0, 364.0), (nums[1], 425.0, 437.0), (nums[2], 490.0, 510.0)], 30.0, 10.0
        )
        pages.append(PageText(n, 595, 842, [Line(row.words, n)]))
    doc = Document(Path("x.pdf"), "0" * 64, pages)
    footer.strip_furniture(doc)
    assert doc.footer_lines == []
    assert [ln.text for ln in doc.lines] == ["5 15 33%", "7 20 35%", "3 5 60%"]


def test_an_items_body_lines_at_its_hanging_indent_are_a_column_without_their_label() -> None:
    """Damaged case 16 of seed 22 (tests/test_ledger.py): newspaper columns whose right column
    goes on with an item begun on the page before (its label there), two body lines at the
    hanging indent, then the "Förbättringsmöjligheter" heading at the column's edge 17 pt to
    the left. Two lines agreeing on one indent are a list's body, not a stretched space."""
    lines = [
        _wline(
            [
                ("Styrkor", 51.1, 81.2),
                ("näringslivsklimat,", 328.9, 399.2),
                ("risk-", 401.5, 418.7),
                ("och", 420.9, 435.7),
                ("sårbarhetsanalys,", 437.9, 509.1),
            ],
            537.0,
            10.0,
        ),
        _wline(
            [
                ("handlingsplan", 328.9, 385.4),
                ("till", 387.6, 397.8),
                ("skydd", 400.0, 423.5),
                ("för", 425.8, 437.5),
                ("olyckor.", 439.7, 471.9),
            ],
            551.0,
            10.0,
        ),
        _wline(
            [
                ("15.", 51.1, 63.7),
                ("Ledarskap:", 68.1, 113.0),
                ("ökad", 115.3, 135.2),
                ("tillgänglighet", 137.5, 189.8),
                ("i", 192.1, 194.4),
                ("receptionen.", 196.7, 248.3),
            ],
            555.0,
            10.0,
        ),
        _wline(
            [
                ("Enhetschefer", 68.1, 121.6),
                ("har", 123.8, 137.4),
                ("inte", 139.6, 155.5),
                ("lika", 157.7, 171.6),
                ("stor", 173.8, 189.8),
                ("frihet.", 192.1, 217.0),
                ("Förbättringsmöjligheter", 311.9, 410.4),
            ],
            569.0,
            10.0,
        ),
        _wline(
            [
                ("16.", 51.1, 63.7),
                ("Webbplatsen:", 68.1, 126.2),
                ("12", 128.5, 138.7),
                ("av", 140.9, 150.2),
                ("14", 152.5, 162.6),
                ("chefer", 164.8, 190.8),
                ("har", 193.0, 206.5),
                ("genomgått", 208.8, 252.8),
            ],
            586.0,
            10.0,
        ),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [(ln.column, ln.words[0].text) for ln in page.lines] == [
        (1, "Styrkor"),
        (1, "15."),
        (1, "Enhetschefer"),
        (1, "16."),
        (2, "näringslivsklimat,"),
        (2, "handlingsplan"),
        (2, "Förbättringsmöjligheter"),
    ]


def test_regions_of_one_gutter_one_after_another_are_one_flow() -> None:
    """Seed 3015 case 85: justified newspaper columns under "Styrkor". A one-sided line
    ("kompetens- och") and a stretched two-sided one end the first region early; the next one
    starts below with the same gutter. Read region by region, the right column's first item
    came before the left column's last ("Genomtänkt samverkan …" before "Utvecklad dialog …");
    read as one flow, the left column comes first, whole."""
    lines = [
        _wline(
            [
                ("Styrkor", 90.8, 136.8),
                ("▪", 311.9, 319.3),
                ("Genomtänkt", 328.9, 397.3),
                ("samverkan", 406.4, 467.5),
                ("kring", 476.7, 504.5),
            ],
            489.4,
            11.0,
        ),
        _wline(
            [
                ("mål-", 328.9, 353.4),
                ("och", 357.4, 377.1),
                ("resultatstyrning", 381.1, 468.5),
                ("så", 472.6, 485.1),
                ("att", 489.1, 504.5),
            ],
            508.6,
            11.0,
        ),
        _wline(
            [
                ("▪", 90.8, 98.2),
                ("Årlig", 107.8, 132.9),
                ("uppföljning", 140.8, 202.4),
                ("av", 210.2, 223.4),
                ("mål-", 231.2, 255.7),
                ("och", 263.5, 283.2),
            ],
            518.6,
            11.0,
        ),
        _wline(
            [
                ("den", 328.9, 349.5),
                ("når", 363.1, 381.3),
                ("alla", 394.7, 414.3),
                ("verksamheter", 427.8, 504.5),
            ],
            527.8,
            11.0,
        ),
        _wline([("resultatstyrning", 107.8, 195.2)], 537.8, 11.0),
        _wline(
            [
                ("även", 328.9, 355.9),
                ("i", 373.6, 376.6),
                ("de", 394.3, 408.0),
                ("gemensamma", 425.7, 504.5),
            ],
            547.0,
            11.0,
        ),
        _wline(
            [
                ("▪", 90.8, 98.2),
                ("Genomtänkt", 107.8, 176.2),
                ("uppföljning", 180.1, 241.7),
                ("av", 245.7, 258.9),
                ("mål", 262.9, 283.4),
            ],
            560.0,
            11.0,
        ),
        _wline(
            [
                ("nämnderna", 328.9, 392.2),
                ("inom", 403.5, 431.0),
                ("ramen", 442.4, 478.0),
                ("för", 489.3, 504.5),
            ],
            566.2,
            11.0,
        ),
        _wline([("och", 107.8, 127.6), ("resultat.", 131.0, 176.9)], 579.2, 11.0),
        _wline([("kompetens-", 328.9, 394.1), ("och", 484.9, 504.6)], 585.4, 11.0),
        _wline(
            [
                ("▪", 90.8, 98.2),
                ("Utvecklad", 107.8, 162.5),
                ("dialog", 194.1, 227.6),
                ("med", 259.1, 283.6),
                ("medarbetarutveckling", 328.9, 450.9),
                ("genom", 466.5, 504.6),
            ],
            601.4,
            11.0,
        ),
        _wline(
            [
                ("invånarnas", 107.8, 168.7),
                ("synpunkter", 182.8, 244.9),
                ("med", 259.0, 283.5),
                ("gemensamma", 328.9, 407.7),
                ("forum", 412.3, 445.1),
                ("för", 449.8, 464.9),
                ("chefer", 469.5, 504.4),
            ],
            620.6,
            11.0,
        ),
        _wline(
            [
                ("särskilt", 107.8, 147.3),
                ("fokus", 158.6, 188.2),
                ("på", 199.6, 213.3),
                ("unga", 224.7, 252.3),
                ("och", 263.6, 283.4),
                ("med", 328.9, 353.4),
                ("särskilt", 357.5, 397.0),
                ("fokus", 401.2, 430.8),
                ("på", 435.1, 448.7),
                ("unga", 452.9, 480.5),
                ("och", 484.8, 504.4),
            ],
            639.8,
            11.0,
        ),
        _wline(
            [
                ("äldre", 107.8, 135.8),
                ("invånare", 152.2, 200.4),
                ("i", 216.7, 219.7),
                ("samtliga", 236.2, 283.5),
                ("äldre", 328.9, 356.9),
                ("invånare", 360.4, 408.7),
            ],
            659.0,
            11.0,
        ),
        _wline(
            [
                ("förvaltningar", 107.8, 178.8),
                ("vilket", 185.6, 215.7),
                ("uppskattas", 222.6, 283.3),
            ],
            678.2,
            11.0,
        ),
        _wline(
            [
                ("▪", 311.9, 319.3),
                ("Utvecklad", 328.9, 383.6),
                ("styrning", 415.1, 460.1),
                ("av", 491.4, 504.6),
            ],
            684.4,
            11.0,
        ),
        _wline(
            [
                ("av", 107.8, 121.0),
                ("både", 147.8, 175.2),
                ("chefer", 202.0, 236.9),
                ("och", 263.8, 283.4),
            ],
            697.4,
            11.0,
        ),
        _wline([("chefernas", 328.9, 383.2), ("uppdrag.", 386.7, 436.3)], 703.6, 11.0),
        _wline([("medarbetare", 107.8, 179.5)], 716.6, 11.0),
        _wline(
            [
                ("▪", 311.9, 319.3),
                ("Årlig", 328.9, 354.0),
                ("styrning", 367.0, 412.0),
                ("av", 425.0, 438.2),
                ("mål", 451.3, 471.7),
                ("och", 484.8, 504.5),
            ],
            725.8,
            11.0,
        ),
        _wline([("resultat.", 328.9, 374.7)], 745.0, 11.0),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    firsts = [(ln.column, ln.words[0].text) for ln in page.lines if ln.words[0].text == "▪"]
    assert [c for c, _ in firsts] == [1, 1, 1, 2, 2, 2]
    assert all(ln.column in (1, 2) for ln in page.lines)


def test_a_gap_that_ends_where_the_right_column_starts_is_the_gutter() -> None:
    """Seed 3015 case 190: under "Styrkor ‹gutter› Kommunövergripande" a justified left
    column's line has stretched spaces wider than the gutter ("God ‹35› redovisning ‹35› av
    ‹28› kring"). The gap that ends where the right column's lines start is the gutter; the
    widest one made a strip inside the left column and the region was refused."""
    lines = [
        _wline(
            [
                ("Styrkor", 49.7, 81.4),
                ("Kommunövergripande", 224.0, 319.7),
                ("samverkan", 323.5, 370.0),
            ],
            398.5,
            10.5,
        ),
        _wline(
            [
                ("God", 49.7, 67.3),
                ("redovisning", 101.8, 151.4),
                ("av", 185.8, 195.6),
                ("kring", 224.0, 245.2),
                ("kompetens-", 274.4, 325.4),
                ("och", 354.5, 369.9),
            ],
            413.2,
            10.5,
        ),
        _wline(
            [
                ("brukarundersökningar", 49.7, 144.7),
                ("medarbetarutveckling", 224.0, 318.2),
                ("med", 350.8, 369.9),
            ],
            427.9,
            10.5,
        ),
        _wline(
            [
                ("särskilt", 224.0, 254.0),
                ("fokus", 258.8, 281.9),
                ("på", 286.6, 297.2),
                ("unga", 301.9, 322.9),
                ("och", 327.7, 343.2),
                ("äldre", 348.0, 369.8),
            ],
            442.6,
            10.5,
        ),
        _wline(
            [
                ("Gemensam", 49.7, 98.1),
                ("modell", 101.2, 130.6),
                ("för", 133.6, 146.0),
                ("invånarnas", 149.1, 195.6),
            ],
            450.6,
            10.5,
        ),
        _wline(
            [("invånare", 224.0, 261.1), ("genom", 270.6, 300.2), ("gemensamma", 309.7, 369.9)],
            457.3,
            10.5,
        ),
        _wline(
            [
                ("synpunkter", 49.7, 97.7),
                ("exempelvis", 101.8, 149.5),
                ("genom", 153.5, 183.1),
                ("e-", 187.2, 195.6),
            ],
            465.3,
            10.5,
        ),
        _wline(
            [
                ("forum", 224.0, 250.3),
                ("för", 257.2, 269.5),
                ("chefer", 276.4, 303.7),
                ("och", 310.5, 326.0),
                ("följ", 332.9, 346.5),
                ("upp", 353.4, 369.9),
            ],
            472.0,
            10.5,
        ),
        _wline(
            [
                ("tjänster", 49.7, 82.7),
                ("och", 85.1, 100.6),
                ("sociala", 102.9, 131.9),
                ("medier.", 134.2, 167.3),
            ],
            480.0,
            10.5,
        ),
        _wline(
            [
                ("effekterna", 224.0, 268.2),
                ("varje", 275.9, 297.0),
                ("år", 304.6, 313.3),
                ("även", 320.9, 341.4),
                ("i", 349.1, 351.5),
                ("de", 359.0, 369.8),
            ],
            486.7,
            10.5,
        ),
        _wline(
            [
                ("Bred", 49.7, 69.8),
                ("uppföljning", 78.3, 126.9),
                ("av", 135.3, 145.2),
                ("chefernas", 153.6, 195.6),
                ("gemensamma", 224.0, 284.2),
                ("nämnderna.", 286.5, 338.6),
            ],
            502.7,
            10.5,
        ),
        _wline(
            [
                ("uppdrag", 49.7, 85.3),
                ("och", 91.8, 107.3),
                ("redovisa", 113.6, 149.8),
                ("utfallet", 156.3, 186.8),
                ("i", 193.2, 195.6),
            ],
            517.4,
            10.5,
        ),
        _wline([("årsredovisningen.", 49.7, 125.4)], 532.1, 10.5),
    ]
    page = PageText(1, 420, 595, lines)
    split_columns(page)
    assert [(ln.column, ln.words[0].text) for ln in page.lines][:3] == [
        (1, "Styrkor"),
        (1, "God"),
        (1, "brukarundersökningar"),
    ]


def test_a_line_in_the_strip_does_not_go_on_a_flow_beside_it() -> None:
    """Seed 3015 case 81: a findings table whose right cell's dashes ("- Involvera …", the
    dash 11 pt left of where the cell's lines start) stand inside the strip of white the rows
    below leave. Such a line does not leave the strip white, so it does not join the columns
    below: split at the strip's middle, its dash went to the left column alone. (The page
    goes on from the previous page's columns, the same gutter.)"""
    lines = [
        _wline([("Styrkor", 71.0, 111.0), ("Förbättringsområden", 306.1, 417.3)], 72.5, 12.0),
        _wline(
            [
                ("inflytande", 88.0, 136.6),
                ("inom", 140.0, 164.6),
                ("ramen", 167.9, 197.9),
                ("för", 201.2, 215.2),
                ("kompetens-", 218.6, 274.6),
                ("och", 277.9, 295.2),
                ("värdegrund", 323.1, 377.7),
            ],
            90.3,
            12.0,
        ),
        _wline(
            [
                ("medarbetarutveckling", 88.0, 192.6),
                ("och", 200.2, 217.5),
                ("gör", 225.1, 241.1),
                ("resultaten", 248.6, 295.3),
                ("-", 306.1, 310.1),
                ("Involvera", 323.1, 369.0),
                ("stödet", 372.1, 400.7),
                ("till", 403.7, 417.0),
                ("brukarundersökningar.", 420.0, 529.1),
            ],
            106.2,
            12.0,
        ),
        _wline(
            [("kända", 88.0, 116.6), ("för", 119.6, 133.6), ("medarbetarna", 136.6, 201.9)],
            122.0,
            12.0,
        ),
        _wline(
            [
                ("-", 306.1, 310.1),
                ("Involvera", 323.1, 369.0),
                ("ansvaret", 372.1, 412.0),
                ("för", 415.0, 429.0),
                ("e-tjänster", 432.0, 476.6),
            ],
            128.0,
            12.0,
        ),
        _wline(
            [
                ("-", 71.0, 75.0),
                ("Utvecklad", 88.0, 137.3),
                ("analys", 141.6, 172.2),
                ("av", 176.4, 187.8),
                ("budget", 192.1, 224.7),
                ("och", 229.0, 246.3),
                ("verksam-", 250.5, 295.4),
            ],
            140.9,
            12.0,
        ),
        _wline(
            [
                ("-", 306.1, 310.1),
                ("Dokumentera", 323.1, 388.4),
                ("strategin", 397.8, 439.1),
                ("för", 448.4, 462.4),
                ("kommunens", 471.7, 530.4),
            ],
            146.9,
            12.0,
        ),
        _wline([("hetsplan.", 88.0, 131.0)], 156.7, 12.0),
        _wline(
            [
                ("värdegrund", 323.1, 377.7),
                ("exempelvis", 384.6, 439.2),
                ("genom", 446.1, 478.8),
                ("e-tjänster", 485.6, 530.3),
            ],
            162.7,
            12.0,
        ),
        _wline(
            [
                ("-", 71.0, 75.0),
                ("Strukturerad", 88.0, 148.0),
                ("uppföljning", 159.2, 215.3),
                ("av", 226.7, 238.0),
                ("chefernas", 249.3, 295.2),
                ("och", 323.1, 340.4),
                ("sociala", 344.2, 377.5),
                ("medier", 381.2, 414.5),
                ("och", 418.3, 435.7),
                ("följ", 439.5, 456.1),
                ("upp", 459.8, 477.8),
                ("effekterna", 481.6, 530.2),
            ],
            175.6,
            12.0,
        ),
        _wline(
            [
                ("uppdrag", 88.0, 127.3),
                ("varje", 323.1, 347.0),
                ("år", 356.4, 365.7),
                ("i", 375.1, 378.4),
                ("samtliga", 387.7, 428.3),
                ("förvaltningar", 437.7, 500.4),
                ("med", 509.8, 530.4),
            ],
            191.4,
            12.0,
        ),
        _wline(
            [
                ("särskilt", 323.1, 357.7),
                ("fokus", 362.4, 389.1),
                ("på", 393.9, 405.2),
                ("unga", 410.0, 433.3),
                ("och", 438.2, 455.5),
                ("äldre", 460.2, 484.2),
                ("invånare", 489.0, 530.2),
            ],
            210.3,
            12.0,
        ),
        _wline(
            [
                ("samt", 323.1, 345.7),
                ("koppla", 348.7, 381.4),
                ("detta", 384.4, 407.7),
                ("till", 410.7, 424.0),
                ("budgetprocessen", 426.9, 506.9),
            ],
            226.1,
            12.0,
        ),
        _wline(
            [
                ("-", 306.1, 310.1),
                ("Följ", 323.1, 342.4),
                ("upp", 350.3, 368.3),
                ("målen", 376.0, 405.3),
                ("för", 413.2, 427.2),
                ("föreningslivet", 435.0, 501.6),
                ("med", 509.4, 530.1),
            ],
            245.0,
            12.0,
        ),
        _wline(
            [
                ("särskilt", 323.1, 357.7),
                ("fokus", 362.4, 389.1),
                ("på", 393.9, 405.2),
                ("unga", 410.0, 433.3),
                ("och", 438.2, 455.5),
                ("äldre", 460.2, 484.2),
                ("invånare", 489.0, 530.2),
            ],
            260.8,
            12.0,
        ),
        _wline(
            [
                ("inom", 323.1, 347.7),
                ("ramen", 354.0, 384.0),
                ("för", 390.1, 404.1),
                ("kompetens-", 410.4, 466.4),
                ("och", 472.6, 489.9),
                ("medar-", 496.2, 530.5),
            ],
            276.7,
            12.0,
        ),
        _wline(
            [
                ("betarutveckling", 323.1, 397.7),
                ("och", 403.7, 421.0),
                ("gör", 426.9, 442.9),
                ("resultaten", 448.9, 495.6),
                ("kända", 501.5, 530.2),
            ],
            292.5,
            12.0,
        ),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page, carry=(295.3, 323.1))  # the previous page's columns go on
    assert not any(ln.text == "-" for ln in page.lines)


def test_the_tab_after_a_list_label_is_no_gutter() -> None:
    """Seed 3015 case 106: a side-by-side findings table whose right cell's items hang after
    "f)" (the label at 306, the text at 327). The white between a label and its text is the
    tab to the item, not the gutter: taken for it, "f)" went to the left column. (The
    table's bold header row above, refused as a region of its own, is left out.)"""
    lines = [
        _wline(
            [
                ("e)", 90.8, 100.1),
                ("Koppla", 112.1, 144.7),
                ("måluppfyllelse", 147.7, 214.1),
                ("till", 217.1, 227.0),
                ("lönekriterier.", 229.9, 287.8),
                ("prognos", 327.4, 365.3),
                ("för", 368.3, 380.4),
                ("målutfall.", 383.3, 425.3),
            ],
            106.6,
            10.5,
        ),
        _wline(
            [
                ("f)", 90.8, 97.2),
                ("Tydlig", 112.1, 140.1),
                ("delegation", 143.0, 191.4),
                ("och", 194.3, 211.3),
                ("f)", 306.1, 312.5),
                ("Kortversion", 327.4, 380.4),
                ("av", 383.4, 394.4),
                ("budgeten", 397.4, 441.1),
                ("till", 444.0, 453.9),
                ("invånarna.", 456.8, 505.9),
            ],
            127.8,
            10.5,
        ),
        _wline(
            [
                ("ansvarsfördelning", 112.1, 194.9),
                ("mellan", 197.8, 228.7),
                ("förtroen-", 231.7, 271.5),
                ("Det", 327.4, 343.7),
                ("handlar", 346.6, 381.6),
                ("om", 384.5, 399.1),
                ("att", 402.0, 413.7),
                ("göra", 416.6, 437.6),
                ("invånarna", 440.5, 486.6),
            ],
            145.9,
            10.5,
        ),
        _wline(
            [
                ("devalda", 112.1, 148.8),
                ("och", 151.8, 168.7),
                ("ledande", 171.5, 208.9),
                ("tjänstemän", 211.8, 263.2),
                ("delaktiga", 327.4, 369.4),
                ("i", 372.3, 374.6),
                ("de", 377.5, 389.2),
                ("beslutsprocesser", 392.1, 471.5),
                ("som", 474.4, 494.2),
            ],
            164.1,
            10.5,
        ),
        _wline(
            [
                ("g)", 90.8, 100.1),
                ("Integrering", 112.1, 162.2),
                ("av", 165.2, 176.2),
                ("de", 179.2, 190.8),
                ("nämnder", 193.7, 235.1),
                ("som", 238.0, 257.8),
                ("bedrivs", 260.8, 294.6),
                ("sker", 327.4, 347.2),
                ("i", 350.1, 352.4),
                ("kommunen.", 355.4, 410.1),
                ("Ett", 413.1, 425.9),
                ("utveckling-", 428.8, 479.1),
            ],
            185.2,
            10.5,
        ),
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    left = [ln.text for ln in page.lines if ln.column == 1]
    right = [ln.text for ln in page.lines if ln.column == 2]
    assert not any(t.endswith("f)") for t in left), left
    assert any(t.startswith("f) Kortversion") for t in right), right


def test_a_findings_title_broken_inside_the_word_is_joined_to_its_rest() -> None:
    """Seed 3016 case 112 (A5, the boxes as printed): the findings table's right column is
    too narrow for its bold title, which breaks inside the word ("Förbättringsmöjlighet" /
    "er"). Left alone, the bold "er" under the header row reads as a heading that ends the
    table at once: every area's strengths and improvements were lost. The piece under the
    title joins it, as a score table's broken titles do."""
    from dataclasses import replace

    from parsers.findings import find_findings
    from parsers.scores import join_broken_titles

    def bold(line: Line) -> Line:
        return Line([replace(w, bold=True) for w in line.words], page=line.page)

    lines = [
        bold(_wline([("Styrkor", 49.7, 97.8), ("Förbättringsmöjlighet", 209.9, 352.5)], 254.6, 11.5)),
        bold(_wline([("er", 209.9, 223.4)], 270.0, 11.5)),
        _wline([("5)", 49.7, 61.5), ("Regelbunden", 71.0, 147.1), ("dialog", 164.0, 198.9)], 287.4, 11.5),
        _wline([("6)", 209.9, 221.7), ("Följ", 231.1, 251.1), ("upp", 257.2, 279.0), ("arbetet", 285.1, 327.4), ("med", 333.4, 358.9)], 294.1, 11.5),
        _wline([("med", 71.0, 96.6), ("e-tjänster", 105.7, 161.1), ("samt", 170.2, 199.0)], 302.8, 11.5),
        _wline([("mål-", 231.1, 256.6), ("och", 270.4, 291.0), ("resultats-", 304.7, 359.2)], 309.5, 11.5),
        _wline([("koppla", 71.0, 109.5), ("detta", 131.9, 162.3), ("till", 184.9, 198.9)], 318.2, 11.5),
        _wline([("tyrning", 231.1, 272.2), ("genom", 319.2, 359.1)], 324.9, 11.5),
        _wline([("budgetprocessen.", 71.0, 173.6)], 333.6, 11.5),
        _wline([("gemensamma", 231.1, 313.5), ("forum.", 324.8, 362.1)], 340.3, 11.5),
    ]  # fmt: skip
    page = PageText(1, 420, 595, lines)
    join_broken_titles([page])
    assert page.lines[0].text == "Styrkor Förbättringsmöjligheter"
    found = find_findings(page.lines, {1: page}, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Regelbunden dialog med e-tjänster samt koppla detta till budgetprocessen."
    ]
    assert [i.text for i in found.improvements] == [
        "Följ upp arbetet med mål- och resultatstyrning genom gemensamma forum."
    ]


def test_a_word_broken_before_an_article_ending_is_glued() -> None:
    """Fresh seed 4003 case 342 (tagged, A5, the question's number in a column of its own):
    "verksamhetsplaneringen" is wider than the question cell, so the word processor broke it
    without a hyphen, "verksamhetsplanering" / "en samt hur …", in 17 questions. "en" is a
    word of its own (an article), the joined word is printed nowhere whole, so it was left
    apart. An article starts a noun phrase: followed by a conjunction, a preposition,
    punctuation or nothing it is no article but a word's end (`words.no_article`)."""
    from collections import Counter

    from parsers.scores import find_tables, glue_broken_words
    from parsers.words import no_article

    assert no_article("en", "samt") and no_article("en?", None) and no_article("en", "och")
    assert not no_article("en", "plan") and not no_article("och", "samt")
    lines = [
        _wline([("1.", 49.7, 62.1), ("Offentlighet", 70.0, 140.0), ("Uppnått", 184.5, 227.2), ("Max", 253.0, 279.6), ("Procent", 306.7, 357.0)], 330.7, 11.5),
        _wline([("1.1", 49.7, 68.0), ("Används", 78.3, 120.0), ("resultaten", 124.0, 162.6), ("1", 197.2, 204.5), ("15", 259.0, 273.6), ("7", 320.9, 328.2), ("%", 331.9, 342.8)], 373.4, 11.5),
        _wline([("verksamhetsplanering", 49.7, 161.9)], 386.8, 11.5),
        _wline([("en", 49.7, 62.0), ("samt", 66.0, 92.0), ("hur", 96.0, 115.0), ("följs", 119.0, 145.0)], 400.2, 11.5),
        _wline([("arbetet", 49.7, 88.0), ("upp", 92.0, 112.0), ("i", 116.0, 120.0), ("nämnderna?", 124.0, 162.6)], 413.6, 11.5),
        _wline([("Summa", 49.7, 90.0), ("1", 197.2, 204.5), ("15", 259.0, 273.6), ("7", 317.3, 331.9), ("%", 335.6, 346.5)], 428.6, 11.5),
    ]  # fmt: skip
    (table,) = find_tables(PageText(1, 420, 595, lines).lines)
    glue_broken_words([table.questions], 11.5, Counter())
    assert table.questions[0].text == (
        "Används resultaten verksamhetsplaneringen samt hur följs arbetet upp i nämnderna?"
    )


def test_a_word_broken_where_a_wide_letter_did_not_fit_is_glued() -> None:
    """Seed 3016 case 112 (A5, DejaVu Sans 11.5 pt, the boxes as printed): the question cell
    is 113 pt wide and "kommunövergripande" wider, so the word processor broke it where the
    next letter ran out of room: "kommunövergripa" ends 7.1 pt before the edge the lines of
    several words end at (162.6), more than 0.6 em, but DejaVu's "n" is 7.3 pt wide. The
    slack a broken word leaves is measured against the next line's letters, not only the
    font size."""
    from collections import Counter

    from parsers.scores import find_tables, glue_broken_words

    lines = [
        _wline([("2.", 49.7, 62.1), ("Samhällsutveckling", 70.0, 180.0), ("Uppnått", 184.5, 227.2), ("Max", 253.0, 279.6), ("Procent", 306.7, 357.0)], 330.7, 11.5),
        _wline([("2.1", 49.7, 68.0), ("Finns", 78.3, 108.6), ("det", 119.0, 137.8), ("en", 148.2, 162.6), ("1", 197.2, 204.5), ("15", 259.0, 273.6), ("7", 320.9, 328.2), ("%", 331.9, 342.8)], 373.4, 11.5),
        _wline([("kommunövergripa", 49.7, 155.5)], 386.8, 11.5),
        _wline([("nde", 49.7, 71.4), ("strategi", 86.9, 131.2), ("för", 146.7, 162.5)], 400.2, 11.5),
        _wline([("demokratiutvecklin", 49.7, 160.7)], 413.6, 11.5),
        _wline([("g", 49.7, 57.0), ("och", 60.6, 81.3), ("information?", 84.9, 157.5)], 427.0, 11.5),
        _wline([("2.2", 49.7, 68.0), ("Hur", 83.8, 104.4), ("arbetar", 120.2, 162.6), ("3", 197.2, 204.5), ("5", 262.7, 270.0), ("60", 317.3, 331.9), ("%", 335.6, 346.5)], 442.9, 11.5),
        _wline([("kommunen", 49.7, 114.7), ("med", 137.0, 162.6)], 456.3, 11.5),
        _wline([("tillgänglighet?", 49.7, 131.2)], 469.7, 11.5),
        _wline([("Summa", 49.7, 90.0), ("4", 197.2, 204.5), ("20", 259.0, 273.6), ("20", 317.3, 331.9), ("%", 335.6, 346.5)], 485.6, 11.5),
    ]  # fmt: skip
    (table,) = find_tables(lines)
    glue_broken_words([table.questions], 11.5, Counter())
    assert [q.text for q in table.questions] == [
        "Finns det en kommunövergripande strategi för demokratiutveckling och information?",
        "Hur arbetar kommunen med tillgänglighet?",
    ]


def test_an_item_whose_first_word_is_broken_at_the_columns_edge_is_glued() -> None:
    """Seed 3016 case 112 (A5, the boxes as printed): "Kommunövergripande" is wider than
    the findings column, so the word processor broke it where "e" (7.1 pt) no longer fitted:
    "41) Kommunövergripand" ends 6.8 pt before the edge the lines of several words end at."""
    from dataclasses import replace

    heading = _wline([("Förbättringsområden", 49.7, 170.0)], 250.0, 11.5)
    lines = [
        Line([replace(w, bold=True) for w in heading.words], page=1),
        _wline([("41)", 49.7, 68.8), ("Kommunövergripand", 71.0, 192.2)], 276.4, 11.5),
        _wline([("e", 71.0, 78.1), ("dialog", 82.5, 117.5), ("med", 121.9, 147.5), ("IT-stöd", 152.0, 191.3), ("i", 195.7, 198.9)], 291.8, 11.5),
        _wline([("verksamheterna", 71.0, 165.5), ("med", 173.4, 199.0)], 307.2, 11.5),
        _wline([("tydliga", 71.0, 110.3), ("indikatorer", 136.3, 199.1)], 322.6, 11.5),
        _wline([("och", 71.0, 91.6), ("målvärden.", 95.3, 160.6)], 338.0, 11.5),
        _wline([("42)", 49.7, 68.8), ("Strukturerad", 71.0, 144.2), ("modell", 160.0, 199.0)], 356.3, 11.5),
        _wline([("för", 71.0, 86.8), ("kommunens", 128.1, 199.0)], 371.7, 11.5),
        _wline([("värdegrund", 71.0, 137.7), ("med", 173.5, 199.0)], 387.1, 11.5),
        _wline([("tydliga", 71.0, 110.3), ("indikatorer", 136.3, 199.1)], 402.5, 11.5),
        _wline([("och", 71.0, 91.6), ("målvärden.", 95.3, 160.6)], 417.9, 11.5),
    ]  # fmt: skip
    found = _read_findings(lines, 420, 595)
    assert [i.text for i in found.improvements] == [
        "Kommunövergripande dialog med IT-stöd i verksamheterna med tydliga indikatorer och målvärden.",
        "Strukturerad modell för kommunens värdegrund med tydliga indikatorer och målvärden.",
    ]


def test_stretched_lines_that_go_on_into_a_line_across_the_strip_are_one_paragraph() -> None:
    """Seed 3016 case 112 (A5, a question cell 113 pt wide, justified; the boxes as
    printed): the cell's first two lines are stretched to its edge and their wide spaces line
    up ("4.1 Hur ‹gap› följs / arbetet ‹gap› med"), and the words after them even start at one
    edge (139.1, 137.0). But both lines run to the cell's edge, and the next line, at their
    pitch, crosses the strip ("ledarutveckling"): a paragraph that goes on, not columns, whose
    last line before one-column text would close a paragraph and stop short. It was read
    "Hur arbetet följs med"."""
    lines = [
        _wline([("4.", 49.7, 62.1), ("Effektivitet", 66.0, 138.3), ("Uppnått", 174.5, 227.2), ("Max", 253.0, 279.6), ("Procent", 306.7, 357.0)], 333.2, 11.5),
        _wline([("4.1", 49.7, 68.0), ("Hur", 93.2, 113.9), ("följs", 139.1, 162.5), ("11", 193.5, 208.1), ("15", 259.0, 273.6), ("73", 317.3, 331.9), ("%", 335.6, 346.5)], 349.1, 11.5),
        _wline([("arbetet", 49.7, 91.9), ("med", 137.0, 162.6)], 362.5, 11.5),
        _wline([("ledarutveckling", 49.7, 138.6)], 375.9, 11.5),
        _wline([("och", 49.7, 70.3), ("chefsstöd", 74.3, 129.8), ("samt", 133.8, 162.6)], 389.3, 11.5),
        _wline([("finns", 49.7, 77.5), ("det", 81.3, 100.2), ("rutiner", 104.0, 142.8), ("för", 146.6, 162.4)], 402.7, 11.5),
    ]  # fmt: skip
    page = PageText(1, 420, 595, lines)
    split_columns(page)
    assert [ln.text for ln in page.lines][1:3] == [
        "4.1 Hur följs 11 15 73 %",
        "arbetet med",
    ]
    assert {ln.column for ln in page.lines} == {0}


def _bline(words: list[tuple], top: float, size: float = 10.0) -> Line:
    """A line of words with the boxes a PDF gave them (text, x0, x1[, bold])."""
    return Line(
        [Word(w[0], w[1], w[2], top, top + size, size, bold=len(w) > 3 and w[3]) for w in words],
        page=1,
    )


def test_a_bold_lead_in_on_a_line_of_its_own_does_not_end_a_findings_table() -> None:
    """Seed 3016 case 71 (A5, a findings table of two cells whose lines interleave, the boxes
    as printed): an item's bold lead-in too long to share its line with the item's text
    ("Kompetensutveckling:" alone, in either cell) looked like a bold heading and ended the
    table: the rest of the area's strengths and improvements were lost or read as prose."""

    lines = [
        _bline([("Styrkor", 63.6, 100.8, True), ("Förbättringsmöjligheter", 209.9, 330.2, True)], 60.7),
        _bline([("Budget:", 63.6, 101.8, True), ("rätt", 115.7, 132.3), ("till", 146.2, 158.8), ("heltid", 172.6, 198.9)], 128.7),
        _bline([("Kompetensutveckling:", 209.9, 311.5, True)], 137.9),
        _bline([("(pågående", 63.6, 110.4), ("projekt)", 117.7, 154.2), ("Vansbro.", 161.4, 198.9)], 143.2),
        _bline([("brukarinflytande", 209.9, 280.5), ("över", 327.4, 345.3)], 151.1),
        _bline([("förbättringsarbetet.", 209.9, 290.2)], 164.3),
        _bline([("Kompetensutveckling:", 63.6, 175.4, True)], 223.7),
        _bline([("aktiv", 63.6, 86.2), ("marknadsföring", 91.1, 163.9), ("för", 168.7, 181.8), ("att", 186.5, 198.9)], 238.2),
        _bline([("rekrytera", 63.6, 110.0), ("lärare.", 120.0, 150.0)], 252.7),
    ]  # fmt: skip
    found = _read_findings(lines, 420, 595)
    assert [i.text for i in found.strengths] == [
        "Budget: rätt till heltid (pågående projekt) Vansbro.",
        "Kompetensutveckling: aktiv marknadsföring för att rekrytera lärare.",
    ]
    assert [i.text for i in found.improvements] == [
        "Kompetensutveckling: brukarinflytande över förbättringsarbetet."
    ]


def test_a_bold_line_in_a_findings_tables_right_cell_is_no_heading() -> None:
    """A heading starts at the left margin: a short bold line inside the right-hand cell of
    a side-by-side findings table (an item printed bold, no colon) does not end the table."""

    lines = [
        _bline([("Styrkor", 63.6, 100.8, True), ("Förbättringsområden", 209.9, 310.2, True)], 60.7),
        _bline([("Tydlig", 63.6, 90.0), ("budget.", 94.0, 130.0)], 77.2),
        _bline([("Bättre", 209.9, 240.0, True), ("uppföljning", 244.0, 300.0, True)], 83.9),
        _bline([("Bra", 63.6, 80.0), ("dialog.", 84.0, 120.0)], 101.2),
        _bline([("Mer", 209.9, 230.0), ("dialog.", 234.0, 270.0)], 107.9),
    ]  # fmt: skip
    found = _read_findings(lines, 420, 595)
    assert [i.text for i in found.improvements] == ["Bättre uppföljning", "Mer dialog."]


def test_a_running_header_set_flush_right_does_not_join_the_columns_below_into_one_text() -> None:
    """Seed 3016 case 112's sibling, case 12 (A5, justified newspaper columns filling the
    page; the boxes as printed, before furniture is stripped): the running header is set
    flush right, so it crosses the strip and ends at the right column's edge, like a full
    justified line of one paragraph above the region. But it starts far right of where the
    region's lines start: no line of theirs. The page read as one text, every line's two
    halves run together ("servicemätning som är en kommun arbetar")."""
    lines = [
        _wline([("Kommunkompassen", 201.0, 283.1), ("2010", 285.3, 303.5), ("–", 305.7, 310.7), ("Ydre", 312.9, 331.5), ("kommun", 333.6, 370.0)], 36.5, 10.0),
        _wline([("servicemätning", 66.7, 142.3), ("som", 145.8, 166.0), ("är", 169.6, 180.0), ("en", 183.5, 195.5), ("kommun", 241.0, 285.8), ("arbetar", 333.8, 370.0)], 50.8, 12.0),
        _wline([("del", 66.7, 81.4), ("av", 99.3, 110.5), ("”Kommunens", 128.3, 195.6), ("”Employer/branding-", 241.0, 347.6)], 66.7, 12.0),
        _wline([("kvalitet", 66.7, 103.9), ("i", 114.9, 118.2), ("korthet”,", 129.1, 172.7), ("en", 183.6, 195.6), ("arbete”", 241.0, 276.6), ("i", 284.5, 287.8), ("samband", 295.7, 340.7), ("med", 348.6, 369.8)], 82.5, 12.0),
        _wline([("konstellation", 66.7, 131.2), ("som", 141.8, 162.0), ("Ydre", 172.7, 195.6), ("rekrytering.", 241.0, 299.7), ("Varken", 334.1, 370.0)], 98.4, 12.0),
        _wline([("deltar", 66.7, 95.7), ("i.", 98.4, 104.2), ("verksamhets-", 241.0, 307.5), ("eller", 348.2, 370.0)], 114.2, 12.0),
    ]  # fmt: skip
    page = PageText(1, 420, 595, lines)
    split_columns(page)
    assert [ln.text for ln in page.lines][1:6] == [
        "servicemätning som är en",
        "del av ”Kommunens",
        "kvalitet i korthet”, en",
        "konstellation som Ydre",
        "deltar i.",
    ]


def test_a_findings_tables_boundary_ends_where_the_right_hand_title_starts() -> None:
    """Seed 3016 case 147 (A5, justified; the boxes as printed): a findings table's first row
    is the page's last line, so one line measures the boundary between the cells. Its left
    cell's stretched word spaces (21 pt) are wider than the white between the cells (11 pt),
    and "att" went into the right cell ("Styrdokument för" / "att Kulturskola"). The cells
    start where their titles start: the white that ends at the right-hand title's edge is the
    boundary."""
    from parsers.findings import _boundary

    header = _wline([("Styrkor", 63.6, 98.3), ("Förbättringsområden", 209.9, 311.2)], 492.4, 11.5)
    row = _wline([("Styrdokument", 63.6, 130.1), ("för", 151.3, 164.9), ("att", 186.2, 199.0), ("Kulturskola", 209.9, 262.4), ("med", 273.0, 294.0), ("särskilda", 304.6, 345.2)], 511.1, 11.5)  # fmt: skip
    page = PageText(1, 420, 595, [header, row])
    assert 199.0 < _boundary(header, [row], page) < 209.9


_SEED_3016_CASE_37_PAGE_16 = [
    _wline([("4", 90.8, 96.8), ("Ledning,", 99.8, 145.4), ("decentralisering", 148.4, 231.0), ("och", 234.0, 252.0), ("delegation", 255.0, 307.6), ("Poäng", 548.8, 580.8), ("Max", 625.5, 648.8), ("%", 703.7, 715.7)], 87.2, 12.0),
    _wline([("7", 561.8, 567.8), ("100", 628.2, 646.2), ("7", 706.7, 712.7)], 105.5, 12.0),
    _wline([("Styrkor", 90.8, 132.7), ("och", 136.3, 156.5), ("förbättringsmöjligheter", 160.0, 289.8)], 152.0, 14.0),
    _wline([("Styrkor", 90.8, 130.8), ("Mölndalappen.", 435.2, 507.5), ("Till", 518.2, 535.5), ("utpekade", 546.2, 589.5), ("förbättringsområden", 600.3, 698.3), ("blir", 708.9, 725.6), ("det", 736.3, 750.9)], 174.2, 12.0),
    _wline([("naturligt", 435.2, 475.8), ("för", 490.6, 504.6), ("den", 519.3, 536.7), ("utvärderade", 551.5, 608.1), ("kommunen", 622.9, 676.9), ("att", 691.7, 703.6), ("koppla", 718.4, 751.1)], 190.1, 12.0),
    _wline([("Mäta", 90.8, 115.4), ("politikers", 118.4, 163.7), ("nöjdhet", 166.7, 202.7), ("med", 205.7, 226.3), ("administrationens", 229.3, 314.6), ("stöd", 317.6, 337.6), ("till", 340.6, 353.9), ("dem.", 356.9, 380.6)], 194.1, 12.0),
    _wline([("handlingsplaner", 435.2, 511.8), ("för", 514.8, 528.8), ("förändring.", 531.8, 585.4)], 205.9, 12.0),
    _wline([("En", 90.8, 104.1), ("extern", 107.6, 137.5), ("whistleblower-funktion", 141.0, 253.5), ("Processen", 257.0, 305.0), ("stöds", 308.3, 333.0), ("av", 336.4, 347.8), ("deltagandet", 351.2, 406.5)], 217.9, 12.0),
    _wline([("Tydligare", 435.2, 481.8), ("formuleringar", 484.8, 551.4), ("i", 554.4, 557.8), ("information", 560.7, 617.4)], 229.8, 12.0),
    _wline([("i", 90.8, 94.1), ("projektet", 97.1, 139.7), ("BitStream", 142.8, 191.4), ("II.", 194.3, 205.3)], 233.8, 12.0),
]  # fmt: skip


def test_a_table_header_above_newspaper_columns_does_not_refuse_them() -> None:
    """Seed 3016 case 37 (landscape, justified newspaper columns; the boxes as printed): a
    score table's header row and its total row stand above the findings, and their gaps
    leave the columns' strip white, so the region of columns began at the header. Their
    right-hand words ("Poäng", "7") stand far off the edge the columns' right-hand lines
    start at, and the whole page was refused as one text: "Styrkor" and the right column's
    first line read as one line. Lines at a region's top whose right-hand words stand off
    that edge are one-column lines; the columns start below them."""
    page = PageText(16, 842, 595, [Line(ln.words, page=16) for ln in _SEED_3016_CASE_37_PAGE_16])
    split_columns(page)
    texts = [ln.text for ln in page.lines]
    assert texts[:3] == [
        "4 Ledning, decentralisering och delegation Poäng Max %",
        "7 100 7",
        "Styrkor och förbättringsmöjligheter",
    ]
    assert texts[3:5] == ["Styrkor", "Mäta politikers nöjdhet med administrationens stöd till dem."]
    assert "Mölndalappen. Till utpekade förbättringsområden blir det" in texts


def test_a_findings_title_inside_prose_beside_a_heading_makes_no_header_row() -> None:
    """The same page's line before the columns are split: the heading "Styrkor" beside the
    right column's prose, which says "förbättringsområden". A findings table's titles each
    start their cell; a word inside a sentence is no title."""
    from parsers.vocabulary import is_side_header

    assert not is_side_header(_SEED_3016_CASE_37_PAGE_16[3])
    assert is_side_header(
        _wline([("Styrkor", 63.6, 98.3), ("Förbättringsområden", 209.9, 311.2)], 492.4, 11.5)
    )


def test_a_right_title_at_the_foot_of_its_column_flows_on_into_the_next_pages_left_column() -> None:
    """Seed 3016 case 37 (newspaper columns under side-by-side titles): the strengths' one
    item fills the left column, and "Förbättringsmöjligheter" stands at the foot of the right
    column with nothing under it. The improvements begin at the top of the next page's left
    column and flow on into its right one. (A table's cells start side by side at their
    row's top: its right cell would have had a line beside the left's.) They were read as
    strengths beside improvements."""
    from parsers.findings import find_findings

    def on(page: int, line: Line) -> Line:
        return Line(line.words, page=page)

    lines = [
        on(8, _wline([("Styrkor", 90.8, 131.0), ("Förbättringsmöjligheter", 435.2, 560.0)], 475.2, 12.0)),
        on(8, _wline([("Rapportering", 90.8, 160.0), ("av", 163.0, 175.0), ("klagomål.", 178.0, 230.0)], 495.1, 12.0)),
        on(9, _wline([("Bättre", 90.8, 125.0), ("marknadsföring", 128.0, 210.0), ("En", 435.2, 450.0), ("digitaliseringsstrategi", 453.0, 580.0)], 86.7, 12.0)),
        on(9, _wline([("av", 90.8, 102.0), ("förmåner.", 105.0, 160.0), ("för", 435.2, 450.0), ("alla.", 453.0, 480.0)], 100.7, 12.0)),
        on(9, _wline([("Mölndalappen", 90.8, 160.0), ("används", 163.0, 210.0), ("Respekt", 435.2, 480.0), ("för", 483.0, 500.0), ("olika", 503.0, 540.0)], 124.0, 12.0)),
        on(9, _wline([("ofta.", 90.8, 120.0), ("roller.", 435.2, 470.0)], 138.0, 12.0)),
    ]  # fmt: skip
    pages = {8: PageText(8, 842, 595, lines[:2]), 9: PageText(9, 842, 595, lines[2:])}
    found = find_findings(lines, pages, lambda i: 2)[2]
    assert [i.text for i in found.strengths] == ["Rapportering av klagomål."]
    assert [i.text for i in found.improvements] == [
        "Bättre marknadsföring av förmåner.",
        "Mölndalappen används ofta.",
        "En digitaliseringsstrategi för alla.",
        "Respekt för olika roller.",
    ]


def test_newspaper_columns_whose_left_column_numbers_on_from_the_right_flow_on() -> None:
    """Fresh seed 4003 case 23 (Word numbered lists in newspaper columns, the improvements'
    title at the right column's top beside "Styrkor"): strengths 33–35 in the left column,
    improvements 36–38 in the right, then the next page's left column goes on with 38's
    text and "39.". Neither list's last item ends a sentence, so the text did not tell, and
    the page was read as a table's cells going on. Word numbers a list run on through a
    table's left cell before its right one: a left column that goes on at "39." after the
    right list's "38." is the right list flowing on (`_flows_on`)."""
    from parsers.findings import find_findings

    def on(page: int, line: Line) -> Line:
        return Line(line.words, page=page)

    lines = [
        on(11, _wline([("Styrkor", 71.0, 105.9), ("Förbättringsmöjligheter", 320.3, 429.3)], 549.8, 10.0)),
        on(11, _wline([("33.", 71.0, 84.1), ("Aktiva", 92.2, 120.7), ("söka", 123.4, 142.6), ("EU-medel", 145.2, 188.3),
                       ("36.", 320.3, 333.4), ("Kollegial", 341.5, 380.5), ("granskning.", 383.2, 430.6)], 567.7, 10.0)),
        on(11, _wline([("34.", 71.0, 84.1), ("Bättre", 92.2, 117.8), ("marknadsföring.", 120.5, 186.8),
                       ("37.", 320.3, 333.4), ("Mer", 341.5, 359.0), ("jämförelser.", 361.6, 409.4)], 584.6, 10.0)),
        on(11, _wline([("35.", 71.0, 84.1), ("Rapportera", 92.2, 138.8), ("brukarundersökningar", 141.4, 234.1),
                       ("till", 236.7, 248.3), ("38.", 320.3, 333.4), ("Hög", 341.5, 359.6),
                       ("tillgänglighet", 362.2, 418.1), ("och", 420.7, 435.9), ("ett", 438.5, 448.9)], 671.0, 10.0)),
        on(12, _wline([("gott", 92.2, 108.5), ("bemötande.", 111.1, 157.1), ("process", 341.5, 372.9),
                       ("finns", 375.6, 396.5), ("för", 399.1, 411.4)], 70.2, 10.0)),
        on(12, _wline([("hur", 341.5, 356.6), ("de", 359.3, 369.0), ("hanteras.", 372.0, 410.0)], 84.1, 10.0)),
        on(12, _wline([("39.", 71.0, 84.1), ("Årlig", 92.2, 114.3), ("utvärdering", 117.0, 165.3)], 101.0, 10.0)),
        on(12, _wline([("av", 92.2, 102.0), ("webbplatsen", 105.0, 147.3)], 114.9, 10.0)),
    ]  # fmt: skip
    pages = {11: PageText(11, 842, 595, lines[:4]), 12: PageText(12, 842, 595, lines[4:])}
    found = find_findings(lines, pages, lambda i: 2)[2]
    assert [i.text for i in found.strengths] == [
        "Aktiva söka EU-medel",
        "Bättre marknadsföring.",
        "Rapportera brukarundersökningar till",
    ]
    assert [i.text for i in found.improvements][2:] == [
        "Hög tillgänglighet och ett gott bemötande.",
        "Årlig utvärdering av webbplatsen process finns för hur de hanteras.",
    ]
    # a table of a row per item numbers its cells in turn ("19)" left, "20)" right, then
    # "21)" left on the next page): no run, a table (pinned g3-a5-broken-words-and-titles-…)
    rows = [
        on(5, _wline([("Styrkor", 71.0, 105.9), ("Förbättringsmöjligheter", 320.3, 429.3)], 600.0, 10.0)),
        on(5, _wline([("19)", 71.0, 84.1), ("Aktiv", 92.2, 120.7), ("dialog.", 123.4, 160.0),
                      ("20)", 320.3, 333.4), ("Bred", 341.5, 360.0), ("modell.", 363.0, 400.0)], 620.0, 10.0)),
        on(6, _wline([("21)", 71.0, 84.1), ("Tydlig", 92.2, 120.7), ("plan.", 123.4, 150.0),
                      ("22)", 320.3, 333.4), ("Se", 341.5, 352.0), ("över.", 355.0, 380.0)], 70.0, 10.0)),
    ]  # fmt: skip
    pages = {5: PageText(5, 842, 595, rows[:2]), 6: PageText(6, 842, 595, rows[2:])}
    found = find_findings(rows, pages, lambda i: 2)[2]
    assert [i.text for i in found.strengths] == ["Aktiv dialog.", "Tydlig plan."]
    assert [i.text for i in found.improvements] == ["Bred modell.", "Se över."]


def test_a_full_line_of_a_table_row_above_stretched_lines_goes_on_into_them() -> None:
    """Seed 3016 case 49 (A5, a justified question cell 104 pt wide; the boxes as printed):
    "6.1 Politikerna" runs to the cell's edge and then into the row's number cells;
    "skaffar ‹gap› sig / kunskaper ‹gap› om" below it line up their stretched spaces, and a
    one-word line follows. The row's text ends at the cell's edge, where the stretched lines
    end: one paragraph (the number cells after it are no part of the line's text). It was
    read "skaffar kunskaper verksamheten sig om"."""
    lines = [
        _wline([("Fråga", 49.7, 80.2), ("Poäng", 177.1, 210.2), ("Maxpoäng", 234.3, 289.9), ("Andel", 314.6, 346.4)], 179.8, 12.0),
        _wline([("6.1", 49.7, 62.1), ("Politikerna", 99.5, 154.1), ("3", 190.9, 196.4), ("20", 256.2, 268.0), ("15", 318.8, 328.8), ("%", 331.5, 342.2)], 197.6, 12.0),
        _wline([("skaffar", 49.7, 84.2), ("sig", 140.6, 154.1)], 213.5, 12.0),
        _wline([("kunskaper", 49.7, 102.1), ("om", 138.6, 154.1)], 229.3, 12.0),
        _wline([("verksamheten", 49.7, 119.6)], 245.2, 12.0),
        _wline([("genom", 49.7, 82.6), ("att", 89.4, 102.8), ("bjuda", 109.5, 137.3), ("in", 144.0, 154.0)], 261.0, 12.0),
    ]  # fmt: skip
    page = PageText(1, 420, 595, lines)
    split_columns(page)
    assert [ln.text for ln in page.lines][2:5] == ["skaffar sig", "kunskaper om", "verksamheten"]


def test_a_question_whose_text_fills_a_page_of_its_cell_goes_on_to_the_next() -> None:
    """Seed 3016 case 49 (A5, a narrow question column): question 1.4's text fills the rest
    of its page, the whole next page and the top of the one after, where the area's total
    row follows. A page holding only text left of the number columns goes on to the next
    page; the table ended after its first word and lost its total."""
    from parsers.scores import find_tables

    def on(page: int, line: Line) -> Line:
        return Line(line.words, page=page)

    lines = [
        on(1, _wline([("Fråga", 49.7, 80.2), ("Poäng", 177.1, 210.2), ("Maxpoäng", 234.3, 289.9), ("Andel", 314.6, 346.4)], 100.0, 12.0)),
        on(1, _wline([("1.4", 49.7, 62.1), ("8", 190.9, 196.4), ("20", 256.2, 268.0), ("40", 318.8, 328.8), ("%", 331.5, 342.2)], 120.0, 12.0)),
        on(1, _wline([("Kommunkompassen", 49.7, 150.0)], 136.0, 12.0)),
        on(2, _wline([("utvärderar", 49.7, 110.0), ("inte", 130.0, 154.1)], 50.8, 12.0)),
        on(2, _wline([("verksamhetens", 49.7, 154.0)], 66.7, 12.0)),
        on(3, _wline([("resultat.", 49.7, 100.0)], 50.8, 12.0)),
        on(3, _wline([("Summa", 49.7, 90.0), ("område", 93.0, 130.0), ("1", 133.0, 139.0), ("8", 190.9, 196.4), ("20", 256.2, 268.0), ("40", 318.8, 328.8), ("%", 331.5, 342.2)], 68.7, 12.0)),
    ]  # fmt: skip
    (table,) = find_tables(lines)
    assert [q.text for q in table.questions] == [
        "Kommunkompassen utvärderar inte verksamhetens resultat."
    ]
    assert table.total == {"points": 8, "max": 20, "percent": 40}


def test_a_repeated_header_row_on_the_next_page_sets_that_pages_columns() -> None:
    """Seed 3016 case 101 (the boxes as printed): a fact box beside a score table squeezes
    it on its first page (titles from x 250); on the next page the table goes on wider under
    its repeated header row (titles from x 335). Measured with the first page's columns, the
    question text's last word "med" (x 268) sat under a title and was taken for a wrapped
    title: "I samband rekrytering", silent (the tags kept it)."""
    from parsers.scores import find_tables

    def on(page: int, line: Line) -> Line:
        return Line(line.words, page=page)

    lines = [
        on(7, _wline([("3.", 51.1, 58.5), ("Politisk", 60.7, 95.1), ("styrning", 97.3, 135.4), ("Uppnått", 250.3, 287.2), ("Max", 300.0, 318.9), ("Procent", 330.0, 365.0)], 600.0, 10.0)),
        on(7, _wline([("3.4", 51.1, 62.5), ("Här", 64.7, 80.0), ("har", 82.0, 96.0), ("också", 98.0, 122.0), ("7", 262.0, 267.0), ("10", 305.0, 315.0), ("70", 335.0, 345.0), ("%", 347.0, 355.0)], 620.0, 10.0)),
        on(8, _wline([("3.", 51.1, 58.5), ("Politisk", 60.7, 95.1), ("styrning", 97.3, 135.4), ("Uppnått", 335.5, 372.4), ("Max", 418.6, 437.5), ("Procent", 484.5, 519.5)], 46.7, 10.0)),
        on(8, _wline([("investerats.", 51.1, 95.9), ("I", 223.0, 226.4), ("samband", 228.7, 266.0), ("med", 268.2, 285.9)], 66.4, 10.0)),
        on(8, _wline([("rekrytering.", 51.1, 98.0)], 83.7, 10.0)),
        on(8, _wline([("Summa", 51.1, 80.0), ("7", 350.0, 355.0), ("10", 420.0, 430.0), ("70", 490.0, 500.0), ("%", 502.0, 510.0)], 100.9, 10.0)),
    ]  # fmt: skip
    (table,) = find_tables(lines)
    assert [q.text for q in table.questions] == [
        "Här har också investerats. I samband med rekrytering."
    ]
    assert table.total == {"points": 7, "max": 10, "percent": 70}


def test_a_heading_beside_the_right_columns_first_lines_starts_the_columns() -> None:
    """Seed 3016 case 53 (justified newspaper columns; the boxes as printed): "Styrkor"
    heads the left column, beside the right column's first two lines (the end of the left
    column's last item), too few to be a region of their own. The region found further down
    goes up to that line: it has text on both sides, starting where the columns start. Read
    as one-column lines, "Styrkor ordnats med syfte att ge ungdomar" was no heading, and the
    area's strengths were lost."""
    lines = [
        _wline([("STYRKOR", 71.0, 117.8), ("OCH", 121.1, 143.4), ("FÖRBÄTTRINGSOMRÅDEN", 146.5, 276.2)], 602.1, 10.0),
        _wline([("Styrkor", 71.0, 112.8), ("ordnats", 328.9, 367.0), ("med", 373.6, 395.8), ("syfte", 402.2, 427.0), ("att", 433.5, 447.4), ("ge", 454.0, 466.4), ("ungdomar", 473.0, 524.5)], 619.5, 10.0),
        _wline([("inflytande", 328.9, 379.1), ("över", 382.2, 404.6), ("sin", 407.6, 422.0), ("kommun.", 425.1, 472.4)], 632.8, 10.0),
        _wline([("17.", 71.0, 86.9), ("Utveckla", 88.0, 131.5), ("arbetet", 140.3, 177.0), ("med", 185.9, 208.1), ("lönekartlägg-", 217.0, 283.6)], 636.8, 10.0),
        _wline([("ning", 88.0, 109.7), ("och", 115.5, 133.4), ("säkerställ", 139.0, 187.2), ("att", 192.9, 206.8), ("resultatet", 212.5, 261.1), ("ger", 266.7, 283.3), ("18.", 311.9, 327.8), ("Rekryteringspolicy", 328.9, 422.1), ("som", 436.1, 457.3), ("styr", 471.3, 490.5), ("mot", 504.6, 524.4)], 650.2, 10.0),
        _wline([("effekter.", 88.0, 130.2), ("Arbetet", 136.0, 173.3), ("finns", 179.0, 203.2), ("beskrivet", 208.9, 255.2), ("i", 260.8, 263.6), ("ett", 269.3, 283.3), ("samordning.", 328.9, 391.4)], 663.5, 10.0),
        _wline([("styrdokument", 88.0, 157.8), ("kallat", 162.0, 189.5), ("”Ungdomsinitiativ", 193.5, 283.4), ("19.", 311.9, 327.8), ("Friskvårdstimme", 328.9, 412.6), ("och", 419.0, 437.0), ("friskvårdsbidrag", 443.3, 524.4)], 676.9, 10.0),
        _wline([("samt", 88.0, 113.0), ("särskilda", 125.0, 169.4), ("en", 181.3, 193.8), ("pizzakväll", 205.8, 254.8), ("har", 266.8, 283.4), ("intressegrupper.", 328.9, 411.7)], 690.2, 10.0),
    ]  # fmt: skip
    page = PageText(6, 595, 842, [Line(ln.words, page=6) for ln in lines])
    split_columns(page)
    texts = [ln.text for ln in page.lines]
    assert texts[:3] == [
        "STYRKOR OCH FÖRBÄTTRINGSOMRÅDEN",
        "Styrkor",
        "17. Utveckla arbetet med lönekartlägg-",
    ]
    assert (
        texts.index("ordnats med syfte att ge ungdomar")
        == texts.index("samt särskilda en pizzakväll har") + 1
    )


def test_a_coloured_heading_after_the_longer_column_ends_the_region() -> None:
    """Seed 3016 case 60 (tagged, read by the layout too; the boxes as printed): the left
    column goes on alone after the right one ended, and the next section's heading
    "KOMMENTAR" (set in colour, no column line after it on the page) follows at a gap within
    the column's paragraph spacing. Read as the left column's last line, it came before the
    right column: the findings list ended there, the right column's improvements lost (the
    tags kept them: `readings_differ`)."""
    from dataclasses import replace

    lines = [
        _wline([("Styrkor", 63.6, 93.7), ("Inför", 311.9, 331.5), ("informationen", 333.9, 392.2), ("om", 394.7, 407.9), ("lokala", 410.4, 434.4), ("företag", 436.8, 466.3), ("i", 468.8, 471.1), ("dialog", 473.5, 498.0), ("med", 500.5, 518.8), ("de", 521.2, 531.4)], 195.0, 10.0),
        _wline([("fackliga", 311.9, 342.6), ("organisationerna", 352.0, 421.0), ("så", 430.5, 439.2), ("att", 448.7, 459.8), ("den", 469.3, 484.8), ("når", 494.2, 507.8), ("alla", 517.3, 531.4)], 209.0, 10.0),
        _wline([("Gemensam", 63.6, 109.7), ("dialog", 116.4, 141.0), ("med", 147.8, 166.0), ("klagomål", 172.7, 209.4), ("och", 216.1, 230.8), ("synpunkter", 237.5, 283.3)], 213.0, 10.0),
        _wline([("verksamheter", 311.9, 368.0), ("i", 373.5, 375.8), ("samtliga", 381.2, 415.3), ("förvaltningar", 420.7, 473.2), ("samt", 478.6, 498.6), ("koppla", 504.1, 531.4)], 223.0, 10.0),
        _wline([("vilket", 63.6, 85.5), ("uppskattas", 87.8, 131.7), ("av", 134.0, 143.3), ("både", 145.6, 165.8), ("chefer", 168.1, 194.0), ("och", 196.2, 211.0), ("medarbetare", 213.2, 266.5)], 227.0, 10.0),
        _wline([("detta", 311.9, 333.2), ("till", 337.0, 347.1), ("budgetprocessen", 350.9, 420.9), ("vilket", 424.7, 446.6), ("uppskattas", 450.4, 494.4), ("av", 498.2, 507.5), ("både", 511.3, 531.5)], 237.0, 10.0),
        _wline([("Förbättringsområden", 63.6, 151.8), ("chefer", 311.9, 337.8), ("och", 340.1, 354.8), ("medarbetare.", 357.0, 412.8)], 249.0, 10.0),
        _wline([("Säkerställ", 63.6, 102.5), ("formerna", 113.5, 151.8), ("för", 162.7, 174.4), ("e-tjänster", 185.4, 224.9), ("i", 235.9, 238.1), ("samtliga", 249.0, 283.2)], 267.0, 10.0),
        _wline([("Säkerställ", 311.9, 350.8), ("dialogen", 353.1, 387.8), ("kring", 390.2, 410.3), ("förbättringsarbetet.", 412.6, 493.0)], 273.0, 10.0),
        _wline([("förvaltningar", 63.6, 116.0), ("inom", 125.0, 145.8), ("ramen", 154.8, 181.3), ("för", 190.2, 202.1), ("kompetens-", 211.1, 259.6), ("och", 268.5, 283.2)], 281.0, 10.0),
        _wline([("medarbetarutveckling", 63.6, 153.2), ("och", 165.6, 180.3), ("redovisa", 192.7, 227.2), ("utfallet", 239.6, 268.6), ("i", 281.0, 283.3)], 295.0, 10.0),
        _wline([("årsredovisningen", 63.6, 133.1)], 309.0, 10.0),
        _wline([("KOMMENTAR", 63.6, 119.9)], 333.0, 10.0),
    ]  # fmt: skip
    lines[-1] = Line([replace(w, color=(31, 78, 121)) for w in lines[-1].words], page=1)
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    texts = [ln.text for ln in page.lines]
    assert texts[-1] == "KOMMENTAR"
    assert texts.index("Säkerställ dialogen kring förbättringsarbetet.") < texts.index("KOMMENTAR")


def test_a_tables_last_row_above_the_columns_is_no_line_of_theirs() -> None:
    """Seed 3016 case 84 (grid-ruled score table, findings in newspaper columns below; the
    boxes as printed): the table's total row "Totalt 52 100 52" has text on both sides of the
    columns' strip, starting where they start. It is a table row (it ends in a number cell),
    not the columns' first line: taken into the region, the table's rulings made the whole
    region a table, and the area's strengths were lost."""
    lines = [
        _wline([("Totalt", 51.1, 87.8), ("52", 261.2, 276.4), ("100", 310.9, 333.8), ("52", 368.3, 383.5)], 501.5, 11.0),
        _wline([("Styrkor", 51.1, 98.2), ("och", 102.3, 125.7), ("förbättringsområden", 129.8, 264.6)], 541.8, 13.0),
        _wline([("Styrkor", 51.1, 97.1), ("8.", 311.9, 322.4), ("Etablerad", 328.9, 381.9), ("styrning", 385.3, 430.4), ("av", 433.9, 447.1)], 568.9, 11.0),
        _wline([("brukarundersökningar", 311.9, 434.2), ("exempelvis", 437.6, 500.4), ("genom", 504.0, 542.0)], 583.6, 11.0),
        _wline([("5.", 51.1, 61.6), ("Strukturerad", 68.1, 138.0), ("planering", 141.5, 193.6), ("för", 197.0, 212.2), ("budget", 215.6, 254.6), ("och", 258.1, 277.8)], 593.6, 11.0),
        _wline([("e-tjänster", 311.9, 365.0), ("och", 368.4, 388.2), ("sociala", 391.7, 429.8), ("medier", 433.2, 472.0), ("genom", 475.5, 513.7)], 598.3, 11.0),
        _wline([("verksamhetsplan", 51.1, 146.0), ("vilket", 149.4, 179.5), ("uppskattas", 183.0, 243.8), ("av", 247.3, 260.5)], 608.3, 11.0),
        _wline([("gemensamma", 311.9, 390.7), ("forum", 394.1, 426.9), ("för", 430.5, 445.6), ("chefer", 449.1, 483.9), ("och", 487.5, 507.1), ("gör", 510.7, 528.9)], 613.0, 11.0),
        _wline([("både", 51.1, 78.5), ("chefer", 82.0, 116.9), ("och", 120.4, 140.1), ("medarbetare", 143.7, 215.7), ("i", 219.1, 222.1), ("dialog", 225.7, 259.2)], 623.0, 11.0),
        _wline([("resultaten", 311.9, 368.0), ("kända", 371.5, 405.2), ("för", 408.8, 423.9), ("medarbetarna", 427.3, 506.0), ("med", 509.5, 534.0)], 627.7, 11.0),
        _wline([("med", 51.1, 75.6), ("de", 79.0, 92.7), ("fackliga", 96.2, 139.0), ("organisationerna.", 142.6, 239.6)], 637.7, 11.0),
        _wline([("stöd", 311.9, 335.7), ("av", 339.1, 352.4), ("resultaten", 355.8, 412.0), ("från", 415.5, 437.5), ("HME-enkäten", 441.0, 514.5), ("så", 518.0, 530.5)], 642.4, 11.0),
        _wline([("6.", 51.1, 61.6), ("Kommunövergripande", 68.1, 190.9), ("dialog", 194.4, 227.9), ("med", 231.4, 255.8), ("e-", 259.3, 270.1), ("att", 311.9, 327.2), ("den", 330.8, 351.4), ("politiska", 354.9, 400.9), ("nivån", 404.4, 434.6), ("får", 438.1, 453.2), ("bättre", 456.7, 490.3)], 655.4, 11.0),
        _wline([("tjänster.", 51.1, 96.9), ("beslutsunderlag.", 311.9, 403.9)], 670.1, 11.0),
        _wline([("7.", 51.1, 61.6), ("Utvecklad", 68.1, 122.8), ("modell", 126.3, 163.7), ("för", 167.1, 182.2), ("mål", 185.8, 206.2), ("och", 209.7, 229.5), ("resultat", 232.9, 275.4), ("Förbättringsområden", 311.9, 444.5)], 687.8, 11.0),
        _wline([("genom", 51.1, 89.2), ("gemensamma", 92.7, 171.5), ("forum", 175.0, 207.8), ("för", 211.2, 226.4), ("chefer", 229.9, 264.8), ("i", 268.3, 271.3)], 702.5, 11.0),
        _wline([("dialog", 51.1, 84.6), ("med", 88.0, 112.5), ("de", 116.0, 129.8), ("fackliga", 133.3, 176.0), ("organisationerna", 179.5, 273.0), ("9.", 311.9, 322.4), ("Involvera", 328.9, 379.9), ("målen", 383.3, 417.6), ("för", 421.1, 436.2), ("föreningslivet.", 439.7, 518.7)], 717.2, 11.0),
    ]  # fmt: skip
    page = PageText(5, 595, 842, [Line(ln.words, page=5) for ln in lines])
    split_columns(page)
    texts = [ln.text for ln in page.lines]
    assert texts[0] == "Totalt 52 100 52"
    assert "Styrkor" in texts and "8. Etablerad styrning av" in texts


def test_the_tags_reading_rejoins_a_word_broken_at_the_columns_edge_too() -> None:
    """Seed 3017 case 87 (tagged): the layout reading joined "affä" / "r som" (a word broken
    where the next letter did not fit) and the tags' reading did not: the two readings
    differed, and the record kept the tags' "affä r". An item read from the structure tree
    rejoins it by its own lines' edge."""
    from parsers import tags

    lines = [
        _wline([("introduktion.", 90.8, 160.0), ("”Knut’n”", 165.0, 205.0), ("är", 210.0, 221.0), ("en", 226.0, 238.0)], 100.0, 10.0),
        _wline([("återvinningsverksatad/affä", 90.8, 237.0)], 114.0, 10.0),
        _wline([("r", 90.8, 95.0), ("som", 99.0, 117.0), ("samtidigt", 121.0, 163.0), ("fungerar", 167.0, 208.0)], 128.0, 10.0),
    ]  # fmt: skip
    item = tags._item([ln.text for ln in lines], lines)
    assert (
        item.text
        == "introduktion. ”Knut’n” är en återvinningsverksatad/affär som samtidigt fungerar"
    )


def test_a_label_of_another_kind_than_the_lists_own_is_text() -> None:
    """Seed 3017 case 191: in a list of "•" items a wrapped line starts with the sentence's
    last word, "i." ("… som Orsa deltar" / "i."), which reads as a roman numeral label: it
    started an item of its own. A list's labels are of one kind (glyphs, numbers, letters)."""
    from dataclasses import replace

    heading = _wline([("Styrkor", 63.6, 100.0)], 90.0, 10.0)
    lines = [
        Line([replace(w, bold=True) for w in heading.words], page=1),
        _wline([("•", 63.6, 67.0), ("Samverkan", 81.8, 130.0), ("i", 133.0, 136.0), ("en", 139.0, 150.0), ("konstellation", 153.0, 215.0), ("som", 218.0, 236.0), ("Orsa", 239.0, 262.0), ("deltar", 265.0, 296.0)], 110.0, 10.0),
        _wline([("i.", 81.8, 87.0)], 124.0, 10.0),
        _wline([("•", 63.6, 67.0), ("Bra", 81.8, 100.0), ("dialog.", 103.0, 140.0)], 138.0, 10.0),
        _wline([("•", 63.6, 67.0), ("Tydliga", 81.8, 118.0), ("mål.", 121.0, 142.0)], 152.0, 10.0),
    ]  # fmt: skip
    found = _read_findings(lines, 595, 842)
    assert [i.text for i in found.strengths] == [
        "Samverkan i en konstellation som Orsa deltar i.",
        "Bra dialog.",
        "Tydliga mål.",
    ]


def test_a_header_row_repeated_with_its_name_whole_goes_on_with_the_table() -> None:
    """Seed 3017 case 122 (A5): the area's name broke inside the word in the header's narrow
    cell on the first page ("2. Samhällsutveckli" / "ng"), and the header row repeated on
    the next page prints it whole. It is the same header: the table goes on (it ended at the
    page break and lost its rows and total)."""
    from parsers.scores import find_tables

    def on(page: int, line: Line) -> Line:
        return Line(line.words, page=page)

    lines = [
        on(1, _wline([("2.", 49.7, 62.1), ("Samhällsutveckli", 66.0, 159.6), ("Uppnått", 174.5, 227.2), ("Max", 253.0, 279.6), ("Procent", 306.7, 357.0)], 330.7, 11.5)),
        on(1, _wline([("ng", 66.0, 82.4)], 344.1, 11.5)),
        on(1, _wline([("2.1", 49.7, 68.0), ("Finns", 78.3, 108.6), ("rutiner?", 119.0, 162.6), ("1", 197.2, 204.5), ("15", 259.0, 273.6), ("7", 320.9, 328.2), ("%", 331.9, 342.8)], 373.4, 11.5)),
        on(2, _wline([("2.", 49.7, 62.1), ("Samhällsutveckling", 66.0, 170.0), ("Uppnått", 174.5, 227.2), ("Max", 253.0, 279.6), ("Procent", 306.7, 357.0)], 50.9, 11.5)),
        on(2, _wline([("2.2", 49.7, 68.0), ("Arbetar", 78.3, 118.6), ("kommunen?", 122.0, 172.0), ("18", 197.2, 208.5), ("20", 259.0, 273.6), ("90", 320.9, 332.2), ("%", 333.9, 342.8)], 70.0, 11.5)),
        on(2, _wline([("Summa", 49.7, 90.0), ("19", 197.2, 208.5), ("35", 259.0, 273.6), ("54", 320.9, 332.2), ("%", 333.9, 342.8)], 90.0, 11.5)),
    ]  # fmt: skip
    (table,) = find_tables(lines)
    assert [q.id for q in table.questions] == ["2.1", "2.2"]
    assert table.total == {"points": 19, "max": 35, "percent": 54}


def test_a_header_row_repeated_with_its_name_wrapped_otherwise_goes_on_with_the_table() -> None:
    """Seed 3018 case 479 (A5, a fact box beside the table on its first page): the header's
    name cell wrapped "Kvalitets" / "utvecklin" / "g" there, and "Kvalitetsutveckl" / "ing"
    under the header repeated at full width on the next page. Those lines are the name's rest
    (bold, like the header): the table ended at the first of them and lost four rows, its
    total and the name ("Kvalitets utveckling")."""
    from dataclasses import replace

    from parsers.scores import find_tables

    def on(page: int, line: Line, bold: bool = False) -> Line:
        return Line([replace(w, bold=bold) for w in line.words], page=page)

    head = [("Uppnått", 174.5, 227.2), ("Max", 253.0, 279.6), ("Procent", 306.7, 357.0)]
    lines = [
        on(1, _wline([("6.", 49.7, 62.1), *head], 317.3, 11.5), True),
        on(1, _wline([("Kvalitets", 49.7, 95.0)], 330.7, 11.5), True),
        on(1, _wline([("utvecklin", 49.7, 96.0)], 344.1, 11.5), True),
        on(1, _wline([("g", 49.7, 56.0)], 357.5, 11.5), True),
        on(1, _wline([("6.1", 49.7, 68.0), ("Finns", 78.3, 108.6), ("rutiner?", 119.0, 162.6), ("1", 197.2, 204.5), ("5", 259.0, 266.0), ("20", 320.9, 331.0), ("%", 331.9, 342.8)], 380.4, 11.5)),
        on(2, _wline([("6.", 49.7, 62.1), *head], 50.9, 11.5), True),
        on(2, _wline([("Kvalitetsutveckl", 49.7, 140.0)], 64.3, 11.5), True),
        on(2, _wline([("ing", 49.7, 64.0)], 77.7, 11.5), True),
        on(2, _wline([("6.2", 49.7, 68.0), ("Arbetar", 78.3, 118.6), ("kommunen?", 122.0, 172.0), ("18", 197.2, 208.5), ("20", 259.0, 273.6), ("90", 320.9, 332.2), ("%", 333.9, 342.8)], 100.0, 11.5)),
        on(2, _wline([("Summa", 49.7, 90.0), ("19", 197.2, 208.5), ("25", 259.0, 273.6), ("76", 320.9, 332.2), ("%", 333.9, 342.8)], 120.0, 11.5)),
    ]  # fmt: skip
    (table,) = find_tables(lines)
    assert [q.id for q in table.questions] == ["6.1", "6.2"]
    assert [q.text for q in table.questions] == ["Finns rutiner?", "Arbetar kommunen?"]
    assert table.total == {"points": 19, "max": 25, "percent": 76}
    assert table.name == "Kvalitetsutveckling"


def test_a_line_going_on_an_item_of_an_earlier_section_is_read() -> None:
    """Seed 3017, damaged case 17 (a findings table split in two): the second part's first
    line has no bullet in a bulleted list, so it goes on the item the first part read last.
    No line of this section was read before it, and the check for a word broken at the
    column's edge (new in 1.6.0) asked for one: a TypeError, the report refused."""
    from parsers.findings import Item, _Column

    items = [Item(["Tydlig styrning av"], 1)]
    col = _Column(items)
    col.bulleted = True
    col.add(_wline([("verksamheten.", 63.6, 130.0)], 100.0, 10.0).words, 2)
    col.flush(continues=True)
    assert [i.text for i in items] == ["Tydlig styrning av verksamheten."]


def test_newspaper_columns_that_begin_at_a_pages_foot_are_read_as_columns() -> None:
    """Seed 3018 case 164: the findings heading "Styrkor" and one item two lines above the
    page's foot, the right column's first item beside them; the columns go on over the next
    page. One line on the shorter side is too few to tell columns from a table's row, so the
    two sides were read as one text and every strength was lost (`unread_text`). The next
    page going on with two columns at the same gutter tells (`pdf._columns_from_the_foot`)."""
    from parsers.pdf import _columns_from_the_foot, _split_again

    left, right = 50.0, 310.0
    first = [
        _line([("Kommunen", left + 52 * k) for k in range(9)], 600),  # one column above
        _line([("Styrkor", left), ("Gemensam", right), ("uppföljning.", right + 60)], 700),
        _line([("Bred", left), ("modell.", left + 30)], 714),
        _line([("Sveriges", left), ("Kommuner", left + 60)], 790, size=8.0),  # the footer
    ]
    following = [
        _line([("Regelbunden", left), ("planering.", left + 70), ("utfallet", right)], 72),
        _line([("Väl", left), ("fungerande.", left + 25), ("Förbättringsområden", right)], 86),
        _line([("Aktiv", left), ("dialog.", left + 40), ("Se", right), ("över.", right + 20)], 100),
    ]
    page1, page2 = PageText(1, 595, 842, list(first)), PageText(2, 595, 842, list(following))
    assert split_columns(page1) is None  # alone, the foot is no columns ...
    assert [ln.text for ln in page1.lines][1] == "Styrkor Gemensam uppföljning."
    assert page1.foot_strip is not None and _columns_from_the_foot(page1, following)
    # one line with a gap there is as likely a justified line's stretched space (seed 3018
    # cases 1 and 152: a foot line read as columns put "för" after "kommunstyrelsen?")
    prose = _line([("Kommunen", left + 52 * k) for k in range(9)], 100)
    assert not _columns_from_the_foot(page1, [following[0], prose])
    carry = _split_again((page1, list(first), None), (page2, list(following)))
    assert [ln.text for ln in page1.lines] == [  # ... with the next page going on, it is
        first[0].text,
        "Styrkor",
        "Bred modell.",
        "Gemensam uppföljning.",
        "Sveriges Kommuner",
    ]
    assert carry is not None and [ln.text for ln in page2.lines][:3] == [
        "Regelbunden planering.",
        "Väl fungerande.",
        "Aktiv dialog.",
    ]


def test_a_floating_box_under_a_labelled_list_is_no_line_of_its_last_item() -> None:
    """Seed 3018, damaged cases 52, 216, 237 (`floating_item`: a strength moved into a
    floating text box, which LibreOffice draws under the findings): in a list whose items
    carry labels, the box's unlabelled line two lines' space below the last item went on that
    item ("… webbplatsen. Akademi Norr (tolv kommuner …)"): every word read, in the wrong
    field, `complete: true`. A line of an item follows the line before at the line pitch; one
    set off by a paragraph's gap is outside the list (`_Column._outside`), left unread, and
    the ledger says so."""
    from parsers.findings import _Column

    items: list = []
    col = _Column(items)
    for text, top in [
        ("1) Sammanhållen styrkedja med", 100),
        ("vision och mål.", 114),
        ("2) Producent av tjänster", 134),
        ("3) KKiK-resultaten redovisas i", 148),
        ("årsredovisningen.", 162),
        ("Akademi Norr (tolv kommuner)", 214),  # the box, 52 pt lower
        ("i Västerbottens inland", 228),  # its second line, at the line pitch
        ("4) Tydliga mål.", 248),
    ]:
        x = 50.0 if text[0].isdigit() else 66.0
        col.add(_line([(w, x + 40 * k) for k, w in enumerate(text.split())], top).words, 1)
    col.flush(continues=False)
    assert [i.text for i in items] == [
        "Sammanhållen styrkedja med vision och mål.",
        "Producent av tjänster",
        "KKiK-resultaten redovisas i årsredovisningen.",
        "Tydliga mål.",
    ]


def test_a_question_id_broken_in_its_narrow_number_column_is_one_id() -> None:
    """Fresh seed 4005 case 167 (A5, a column of question ids 11 pt wide; the boxes as
    printed): every id broke after its dot, "4." on the row's first line and "1" under it,
    and the header's "Nr" as "N" / "r". No row began with an id, so area 4 had no table (24
    numbers lost, loud). A piece of digits printed right under an area number's "4." at the
    same x, the next cell's text beside both at one edge, is the rest of the id
    (`scores.join_broken_ids`); a list label "4." over a line beginning with a number is not."""
    from parsers.scores import find_tables, join_broken_ids, join_broken_titles

    lines = [
        _wline(
            [
                ("N", 71.0, 80.6),
                ("4.", 96.7, 109.1),
                ("Effektivitet", 113.0, 185.3),
                ("Uppn", 246.8, 280.8),
                ("Max", 298.1, 324.7),
                ("Proce", 340.7, 377.3),
            ],
            188.9,
            11.0,
        ),
        _wline([("r", 71.0, 76.7), ("ått", 254.4, 273.1), ("nt", 352.2, 365.9)], 202.3, 11.0),
        _wline(
            [
                ("4.", 71.0, 81.9),
                ("Ett", 96.7, 113.0),
                ("antal", 117.2, 146.2),
                ("nämnder", 150.4, 202.3),
            ],
            218.2,
            11.0,
        ),
        _wline(
            [("1", 71.0, 78.3), ("som", 96.7, 120.9), ("gemensamma", 152.2, 234.6)], 231.6, 11.0
        ),
        _wline(
            [
                ("nämnder.", 96.7, 152.2),
                ("0", 260.2, 267.5),
                ("5", 307.8, 315.1),
                ("0%", 349.9, 368.1),
            ],
            245.0,
            11.0,
        ),
        _wline(
            [
                ("4.", 71.0, 81.9),
                ("Den", 96.7, 119.9),
                ("knyter", 136.3, 173.3),
                ("an", 189.7, 204.0),
            ],
            260.9,
            11.0,
        ),
        _wline(
            [
                ("2", 71.0, 78.3),
                ("kommunens", 96.7, 167.6),
                ("vision.", 174.0, 207.5),
                ("7", 260.2, 267.5),
                ("10", 304.0, 317.0),
                ("70%", 345.0, 372.0),
            ],
            274.3,
            11.0,
        ),
        _wline(
            [
                ("Totalt", 71.0, 100.0),
                ("7", 260.2, 267.5),
                ("15", 304.0, 317.0),
                ("47%", 345.0, 372.0),
            ],
            290.0,
            11.0,
        ),
    ]
    page = PageText(1, 420, 595, lines)
    join_broken_titles([page])
    join_broken_ids([page])
    (table,) = find_tables(page.lines)
    assert [(q.id, q.text, q.numbers) for q in table.questions] == [
        ("4.1", "Ett antal nämnder som gemensamma nämnder.", {"points": 0, "max": 5, "percent": 0}),
        ("4.2", "Den knyter an kommunens vision.", {"points": 7, "max": 10, "percent": 70}),
    ]
    # a numbered list: "4." and, under its label, a line that begins with a number
    listed = [
        _wline(
            [("4.", 50.0, 58.0), ("Budgeten", 66.0, 110.0), ("omfattar", 114.0, 150.0)], 100.0, 11.0
        ),
        _wline([("1", 50.0, 55.0), ("000", 58.0, 75.0), ("kronor", 79.0, 110.0)], 113.4, 11.0),
    ]
    page = PageText(1, 420, 595, listed)
    join_broken_ids([page])
    assert [ln.text for ln in page.lines] == ["4. Budgeten omfattar", "1 000 kronor"]
    # a numbered list of one-line items: "5." over "6.", each with its text beside
    listed = [
        _wline([("5.", 50.0, 58.0), ("Aktiv", 66.0, 90.0), ("analys.", 94.0, 130.0)], 100.0, 11.0),
        _wline(
            [("6.", 50.0, 58.0), ("Tydlig", 66.0, 95.0), ("rapportering.", 99.0, 150.0)],
            113.4,
            11.0,
        ),
    ]
    page = PageText(1, 420, 595, listed)
    join_broken_ids([page])
    assert [ln.text for ln in page.lines] == ["5. Aktiv analys.", "6. Tydlig rapportering."]


def test_a_wrapped_name_repeated_otherwise_on_the_next_page_goes_on_the_table() -> None:
    """Fresh seed 4005 case 470 (the boxes as printed): a fact box beside the score table on
    its first page squeezed the justified name cell ("Nr 4 Ledarskap, ansvar" / "och
    delegation") and broke the column titles ("Uppn" / "ått", "Proce" / "nt"). (1) Joining
    the titles also joined "delegation", which the stretched spaces had put under
    "Ledarskap,": a title's rest begins its cell's line, and "delegation" stood a word space
    after "och" (`scores._joined_titles`). (2) On the next page the header repeated the name
    wrapped otherwise ("Nr 4 Ledarskap, ansvar och" / "delegation"): not taken for the same
    header, the table ended at the page break and questions 4.3 to 4.6 were lost (15
    numbers, loud). A repeated name that begins with the first header's line and goes on
    as its wrapped rest is the same header (`scores._name_overflow`)."""
    from parsers.scores import find_tables, join_broken_titles

    lines = [
        at(
            1,
            _wline(
                [
                    ("Nr", 71.0, 85.6),
                    ("4", 97.1, 104.7),
                    ("Ledarskap,", 119.1, 187.5),
                    ("ansvar", 201.8, 243.6),
                    ("Uppn", 258.0, 290.5),
                    ("Max", 311.7, 337.2),
                    ("Proce", 357.0, 391.9),
                ],
                191.8,
                11.0,
            ),
        ),
        at(
            1,
            _wline(
                [
                    ("och", 97.1, 119.0),
                    ("delegation", 122.8, 189.0),
                    ("ått", 265.3, 283.3),
                    ("nt", 367.9, 381.0),
                ],
                211.0,
                11.0,
            ),
        ),
        at(
            1,
            _wline(
                [
                    ("4.1", 71.0, 88.5),
                    ("Finns", 97.1, 127.0),
                    ("en", 131.0, 143.0),
                    ("strategi?", 147.0, 195.0),
                    ("14", 267.0, 279.0),
                    ("15", 317.0, 329.0),
                    ("93", 360.0, 372.0),
                    ("%", 378.0, 387.0),
                ],
                234.8,
                11.0,
            ),
        ),
        at(
            2,
            _wline(
                [
                    ("Nr", 71.0, 85.6),
                    ("4", 107.8, 115.4),
                    ("Ledarskap,", 139.1, 207.6),
                    ("ansvar", 231.2, 273.0),
                    ("och", 296.7, 318.6),
                    ("Uppnått", 334.3, 384.7),
                    ("Max", 417.3, 442.8),
                    ("Procent", 476.6, 524.6),
                ],
                70.6,
                11.0,
            ),
        ),
        at(2, _wline([("delegation", 107.8, 174.0)], 89.8, 11.0)),
        at(
            2,
            _wline(
                [
                    ("4.2", 71.0, 88.5),
                    ("Beskrivs", 107.8, 154.0),
                    ("ansvaret?", 164.0, 216.3),
                    ("10", 350.0, 362.0),
                    ("20", 420.0, 432.0),
                    ("50", 480.0, 492.0),
                    ("%", 496.0, 505.0),
                ],
                111.4,
                11.0,
            ),
        ),
        at(
            2,
            _wline(
                [
                    ("Totalt", 71.0, 105.0),
                    ("24", 350.0, 362.0),
                    ("35", 420.0, 432.0),
                    ("69", 480.0, 492.0),
                    ("%", 496.0, 505.0),
                ],
                131.0,
                11.0,
            ),
        ),
    ]
    pages = [PageText(p, 595, 842, [ln for ln in lines if ln.page == p]) for p in (1, 2)]
    join_broken_titles(pages)
    assert [ln.text for ln in pages[0].lines[:2]] == [
        "Nr 4 Ledarskap, ansvar Uppnått Max Procent",
        "och delegation",
    ]
    (table,) = find_tables([ln for p in pages for ln in p.lines])
    assert table.name == "Ledarskap, ansvar och delegation"
    assert [(q.id, q.numbers["points"]) for q in table.questions] == [("4.1", 14), ("4.2", 10)]
    assert (table.total["points"], table.total["max"]) == (24, 35)


def test_a_floating_box_at_the_next_page_top_is_no_continuation_of_a_labelled_list() -> None:
    """Fresh seed 4004, damaged case 95 (`floating_item`, A5, the improvements "a)" … "j)" in
    newspaper columns): LibreOffice drew the box ("Bra närvaro i flera sociala medier") at the
    next page's top, at x = 214 of a column whose lines begin at 49.7, above the area's
    comment. Across a page break an item's line goes on at its column's edge (or the list's
    hanging indent), so the box was read as item j's last words: `complete: true`. In a list
    in the running text, an unlabelled line that begins a new page or column further into
    that column than `STRAY_INDENT_SHARE` of its width is outside the list (left unread: the
    ledger says so); a continuation at the column's edge still goes on the item."""

    def read(box_x: float, labels: tuple[str, str] = ("a)", "b)")) -> list[str]:
        a, b = labels
        lines = [
            at(1, _line([("Förbättringsmöjligheter", 50)], 100)),
            at(1, _line([(a, 50), ("Fortsatt", 67), ("arbete", 130)], 120)),
            at(1, _line([(b, 50), ("Flera", 67), ("verksamheter", 110)], 140)),
            at(1, _line([("budgeterar", 67), ("för", 140), ("delområden.", 170)], 154)),
            at(2, _line([("Bra", box_x), ("närvaro", box_x + 24), ("i", box_x + 72)], 53)),
            at(2, _line([("medier", box_x)], 67)),
            at(2, _line([("4.4.4", 50), ("Kommentar", 80)], 90)),
            at(2, _line([("Kommunen", 50), ("arbetar", 110), ("inte", 160), ("med", 340)], 110)),
        ]
        pages = {p: PageText(p, 420, 595, [ln for ln in lines if ln.page == p]) for p in (1, 2)}
        from parsers.findings import find_findings

        found = find_findings(lines, pages, lambda i: 1)[1]
        return [i.text for i in found.improvements]

    assert read(214.0) == ["Fortsatt arbete", "Flera verksamheter budgeterar för delområden."]
    assert read(67.0) == [
        "Fortsatt arbete",
        "Flera verksamheter budgeterar för delområden. Bra närvaro i medier",
    ]
    # items as paragraphs without labels (each begins at the column's edge, a gap between)
    assert read(214.0, ("Inledning", "Sedan")) == [
        "Inledning Fortsatt arbete",
        "Sedan Flera verksamheter budgeterar för delområden.",
    ]


def test_a_row_titled_lists_item_goes_on_at_its_own_x_on_the_next_page() -> None:
    """Pinned g4-row-title-broken-over-a-page-break (seed 4003 case 472), against the rule
    above: the items of a row-titled findings table begin at x = 141, right of the titles'
    column, and a row broken over a page break goes on at 141 on the next page, whose running
    text begins at 36 (30 % into it). A line that begins where the list's lines began before
    (the same x, or the same indent from the column's edge) is the item's continuation."""
    from parsers.findings import find_findings

    lines = [
        at(1, _line([("Styrkor", 36)], 100)),
        at(1, _line([("Samverkan", 141), ("med", 210), ("civilsamhällets", 240)], 100)),
        at(1, _line([("Förbättringsområden", 36)], 124)),
        at(1, _line([("Kompletterande", 141), ("metoder", 240), ("till", 300)], 124)),
        at(1, _line([("enkäter", 141), ("som", 200), ("kommunen", 240), ("gör", 320)], 138)),
        at(2, _line([("frågor", 141), ("och", 190), ("planering.", 220)], 53)),
        at(2, _line([("KOMMENTAR", 36)], 80)),
        at(2, _line([("Ofta", 36), ("saknas", 70), ("resurser", 120), ("för", 370)], 100)),
    ]
    pages = {p: PageText(p, 420, 595, [ln for ln in lines if ln.page == p]) for p in (1, 2)}
    from parsers.findings import split_row_titles

    split_row_titles(list(pages.values()))
    found = find_findings([ln for p in pages.values() for ln in p.lines], pages, lambda i: 1)[1]
    assert [i.text for i in found.improvements] == [
        "Kompletterande metoder till enkäter som kommunen gör frågor och planering."
    ]


def test_a_labelled_items_line_goes_on_at_its_hanging_indent_on_the_next_page() -> None:
    """Fresh seed 4005 case 14 (row-titled findings, lettered items), against
    `_Column._mid_column`: the title "Styrkor" at 91, the item's label "a)" at 225 and its
    text at 246, the page's last line; on the next page the item goes on at 246 (its hanging
    indent), where no line of the list had begun, only its text after the label. Where a
    labelled line's text begins counts as where the list's lines begin."""
    from parsers.findings import find_findings, split_row_titles

    lines = [
        at(1, _line([("Summa", 128), ("område", 170), ("50", 325), ("100", 389)], 637)),
        at(
            1,
            _line(
                [("Styrkor", 91), ("a)", 225), ("God", 246), ("analys", 270), ("inom", 462)], 718
            ),
        ),
        at(2, _line([("ramen", 246), ("för", 279), ("kompetens.", 296)], 87)),
        at(2, _line([("b)", 225), ("God", 246), ("styrning.", 270)], 110)),
        at(2, _line([("KOMMENTAR", 91)], 140)),
        at(2, _line([("Ofta", 91), ("saknas", 130), ("resurser", 180), ("för", 470)], 160)),
    ]
    pages = {p: PageText(p, 595, 842, [ln for ln in lines if ln.page == p]) for p in (1, 2)}
    split_row_titles(list(pages.values()))
    found = find_findings([ln for p in pages.values() for ln in p.lines], pages, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "God analys inom ramen för kompetens.",
        "God styrning.",
    ]


def test_a_line_ending_in_any_preposition_goes_on_over_a_column_break() -> None:
    """Fresh seed 4005 case 26 (tagged, newspaper columns balanced at the section's end):
    "… Webbplatsen kan via" closed the left column and "Google Translate översättas …" opened
    the right one; "via" was not among the prepositions a line goes on after, so the
    capitalised name began a new improvement. The closed classes are complete now
    (`words.ENDS_LINE_GOING_ON`: prepositions and subjunctions of Svenska Akademiens
    grammatik)."""
    from parsers.findings import _starts_item

    for last in ("via", "per", "hos", "enligt", "bland", "inför", "eftersom", "medan"):
        assert _starts_item(f"Webbplatsen kan {last}", "Google Translate översättas") is False
    assert _starts_item("Webbplatsen kan översättas.", "Google Translate används") is True


def test_a_texts_own_dash_at_a_line_start_sets_no_hanging_indent() -> None:
    """Fresh seed 4005 case 26 (items as paragraphs without labels, tagged): a wrapped line
    began with the text's own dash ("kallat ”Ungdomsinitiativ" / "– process för …", a word
    space after it). `_read_list` took the dash for a bullet and its next word for where item
    text begins, so the next paragraph, at the column's edge after a paragraph's gap, ended
    the list: two strengths unread (loud), and the layout differed from the tags. The list
    reads its labels as its items do (`_item_label`: a dash is a label only when set off by
    more than a word space)."""
    lines = [
        _line([("Styrkor", 50)], 80),
        _line([("Näringsliv:", 50), ("utbildning", 120), ("kallat", 190), ("”Ungdom”", 230)], 100),
        _line([("–", 50), ("process", 59), ("för", 105), ("motioner.", 125)], 114),
        _line([("E-tjänster:", 50), ("sammanställning", 120), ("av", 215), ("alla", 235)], 142),
        _line([("viktiga", 50), ("projekt.", 95)], 156),
    ]
    found = _read_findings(lines)
    assert [i.text for i in found.strengths] == [
        "Näringsliv: utbildning kallat ”Ungdom” – process för motioner.",
        "E-tjänster: sammanställning av alla viktiga projekt.",
    ]


def test_a_row_title_beside_a_list_that_hangs_its_labels_left_of_its_lines() -> None:
    """Fresh seed 4005 case 143 (tagged, row-titled findings, Letter; the boxes as printed):
    the items' labels stand at 262, their text at 298, and their later lines wrap back to the
    cell's edge at 279. Neither 262 nor 298 began a line within three lines of the title, so
    "Styrkor" was not taken for the row's title and the layout read no strengths for areas 2
    and 5 (`readings_differ`). Lines below that all start at one x a cell's gap right of the
    title are the cell beside it (`findings._column_below`)."""
    from parsers.findings import find_findings, split_row_titles

    lines = [
        _wline(
            [
                ("Styrkor", 91.0, 141.0),
                ("14.", 262.0, 281.0),
                ("Yrk-In", 298.0, 333.0),
                ("som", 336.0, 362.0),
                ("projekt", 410.0, 452.0),
            ],
            345.2,
            12.0,
        ),
        _wline(
            [("stärka", 279.0, 317.0), ("samhället", 320.0, 379.0), ("via", 383.0, 401.0)],
            366.2,
            12.0,
        ),
        _wline(
            [("samverkan", 279.0, 344.0), ("med", 348.0, 372.0), ("skolan", 376.0, 420.0)],
            387.2,
            12.0,
        ),
        _wline([("i", 279.0, 283.0), ("Norge.", 287.0, 327.0)], 408.2, 12.0),
        _wline(
            [
                ("Förbättringsområden", 91.0, 236.0),
                ("15.", 262.0, 281.0),
                ("Dialoger", 298.0, 348.0),
                ("via", 352.0, 370.0),
                ("referensgrupper", 374.0, 470.0),
            ],
            432.0,
            12.0,
        ),
        _wline(
            [("eller", 279.0, 305.0), ("med", 309.0, 330.0), ("föreningar,", 334.0, 400.0)],
            453.0,
            12.0,
        ),
        _wline(
            [("idrott", 279.0, 315.0), ("och", 319.0, 341.0), ("kultur", 345.0, 385.0)],
            474.0,
            12.0,
        ),
        _wline([("i", 279.0, 283.0), ("byarna.", 287.0, 330.0)], 495.0, 12.0),
        _wline([("Kommentar", 91.0, 160.0)], 525.0, 12.0),
    ]
    page = PageText(1, 612, 792, lines)
    split_row_titles([page])
    found = find_findings(page.lines, {1: page}, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Yrk-In som projekt stärka samhället via samverkan med skolan i Norge."
    ]
    assert [i.text for i in found.improvements] == [
        "Dialoger via referensgrupper eller med föreningar, idrott och kultur i byarna."
    ]


def test_newspaper_columns_flow_on_when_the_left_list_ended_above_the_right_one() -> None:
    """Fresh seed 4005 cases 206 and 470 (newspaper columns under "Styrkor" and the
    improvements' title side by side, typed bullets, no sentence ends or numbers to follow):
    on the first page the strengths ended 55 pt above the right column's last line, and the
    next page's left column went on with the improvements, read as more strengths (7 items
    in the wrong list; the tags read them right). A table row broken by a page break breaks
    its cells at the page's foot, so a left cell that ended that much higher was whole; and
    the next page's items are no rows of one item each, whose cells would start together
    (`findings._flows_on`, `_ended_apart`, `_not_rows`)."""
    from parsers.findings import _Column, _flows_on

    def cols(left_end: float) -> tuple:
        left, right = _Column([]), _Column([])
        for k, top in enumerate((392.0, 409.0, 426.0, 443.0, 461.0, 481.0, 498.0, 515.0)):
            if top <= left_end:
                left.add(_line([("▪" if k == 0 else "arbetet", 71), ("Ökad", 88)], top).words, 1)
        for k, top in enumerate((392.0, 409.0, 426.0, 446.0, 464.0, 481.0, 498.0, 515.0)):
            right.add(
                _line([("▪" if k in (0, 3) else "och", 410), ("Dialoger", 427)], top).words, 1
            )
        left.flush(continues=False)
        right.flush(continues=False)
        return left, right

    def page(second_right: float) -> tuple[list, list]:
        left = [
            _line([("▪", 71), ("Fortsatt", 88), ("arbete", 125)], 72).words,
            _line([("budget", 88), ("i", 121), ("en", 126)], 89).words,
            _line([("▪", 71), ("Fortsätta", 88), ("arbetet", 130)], 127).words,
        ]
        right = [
            _line([("▪", 410), ("Fråge-", 427), ("och", 459)], 72).words,
            _line([("har", 427), ("också", 444)], 89).words,
            _line([("▪", 410), ("Knyta", 427), ("chefskontrakten", 456)], second_right).words,
        ]
        return left, right

    assert _flows_on(*cols(left_end=461.0), *page(second_right=144.0))
    # a table's left cell broken at the page's foot with the right one: side by side
    assert not _flows_on(*cols(left_end=515.0), *page(second_right=144.0))
    # a table of one item per row: the second items start together
    assert not _flows_on(*cols(left_end=461.0), *page(second_right=127.0))


def test_a_table_that_repeats_its_header_goes_on_only_under_it() -> None:
    """Fresh seed 4005, damaged case 158 (`floating_item`; a side-by-side findings table,
    landscape, repeating its header row): the floating box LibreOffice drew at the next page's
    top stood where the improvements' column stood (4 pt right of its edge), above the
    comment: read as one more improvement, `complete: true`. The document's table repeated
    its header on the page it went on to before; a page of the region without the header is
    no more of the table (`findings._under_repeated_headers`): left unread, the ledger says
    so. Without a repeated header anywhere the page goes on as before."""
    from parsers.findings import find_findings

    def read(repeat: bool) -> list[str]:
        header = [("Styrkor", 71), ("Förbättringsområden", 421)]
        lines = [
            at(1, _line(header, 100)),
            at(
                1,
                _line(
                    [("Bred", 71), ("rapportering.", 100), ("Tydliggör", 421), ("rutinerna.", 480)],
                    120,
                ),
            ),
            *([at(2, _line(header, 60))] if repeat else []),
            at(
                2,
                _line(
                    [
                        ("Bred", 71),
                        ("samverkan.", 100),
                        ("Se", 421),
                        ("över", 440),
                        ("dialogen.", 470),
                    ],
                    80,
                ),
            ),
            at(3, _line([("Etablerad", 425), ("planering", 480)], 91)),
            at(3, _line([("Kommentar", 71)], 111)),
            at(
                3,
                _line([("Medarbetarna", 71), ("ges", 150), ("möjlighet", 180), ("att", 240)], 126),
            ),
        ]
        pages = {p: PageText(p, 842, 595, [ln for ln in lines if ln.page == p]) for p in (1, 2, 3)}
        found = find_findings(lines, pages, lambda i: 1)[1]
        return [i.text for i in found.improvements]

    assert read(repeat=True) == ["Tydliggör rutinerna.", "Se över dialogen."]
    assert read(repeat=False) == [
        "Tydliggör rutinerna.",
        "Se över dialogen.",
        "Etablerad planering",
    ]


def test_a_paragraph_begun_mid_column_in_an_unlabelled_list_is_no_item() -> None:
    """Seed 3018, damaged case 134: items as paragraphs without labels, each beginning at the
    column's edge; the floating box's line begins half-way across the column and was read as
    one more improvement. A paragraph that begins further in than `STRAY_INDENT_SHARE` of
    the column is no item; a first-line indent of a few ems still is."""
    from parsers.findings import _Column

    def lines(first_x: float) -> list:
        return [
            _line([("Årlig", 50), ("utvärdering", 80), ("och", 150), ("förbättring", 470)], 100),
            _line([("av", 50), ("webbplatsen.", 70)], 114),
            _line([("Tre", first_x), ("gånger", first_x + 30), ("per", first_x + 80)], 138),
            _line([("Tomelillaidrotten", 270), ("i", 380), ("samverkan", 390)], 162),
        ]

    items: list = []
    col = _Column(items)
    for ln in lines(50.0):
        col.add(ln.words, 1)
    col.flush(continues=False)
    first = "Årlig utvärdering och förbättring av webbplatsen."
    assert [i.text for i in items] == [first, "Tre gånger per"]
    items = []
    col = _Column(items)
    for ln in lines(80.0)[:3]:  # a first-line indent of three ems: an item
        col.add(ln.words, 1)
    col.flush(continues=False)
    assert [i.text for i in items] == [first, "Tre gånger per"]


def test_a_centred_title_broken_in_a_squeezed_header_and_rows_on_the_next_page() -> None:
    """Fresh seed 3019 case 123 (A5, a fact box beside the header row): the header's narrow
    centred cells broke "Upp" / "nått" and "Pro" / "cent", the longer rest "cent" reaching
    2 pt out on both sides of "Pro": it was not joined, so the table had no percent column
    and every row of the next page read "2 25 8%" as max 2 (15 numbers lost, loud). A rest
    centred under its title joins it (`scores._under`). And the rows went on at full width
    on the next page, where "underskott ska 2 25 8%" lost "ska": a word under the column
    titles is their wrapped rest only on the header row's own page."""
    from parsers.pdf import PageText
    from parsers.scores import find_tables, join_broken_titles

    lines = [
        at(1, _wline([("8.", 49.7, 59.3), ("Kommunen", 72.6, 135.8), ("Upp", 148.1, 170.4), ("Max", 184.0, 206.4), ("Pro", 221.6, 240.7)], 279.6, 11.0)),
        at(1, _wline([("som", 49.7, 73.3), ("nått", 148.7, 169.7), ("cent", 219.3, 242.9)], 299.4, 11.0)),
        at(1, _wline([("samhällsbyggare", 49.7, 132.6)], 319.3, 11.0)),
        at(2, _wline([("8.1", 49.7, 62.0), ("underskott", 66.0, 120.0), ("ska", 124.0, 145.0), ("2", 215.0, 221.0), ("25", 270.0, 282.0), ("8%", 318.0, 345.0)], 49.0, 11.0)),
        at(2, _wline([("hanteras", 49.7, 95.0), ("lokalt.", 99.0, 140.0)], 69.0, 11.0)),
        at(2, _wline([("8.2", 49.7, 62.0), ("Innehållet", 66.0, 120.0), ("5", 215.0, 221.0), ("20", 270.0, 282.0), ("25%", 318.0, 348.0)], 89.0, 11.0)),
        at(2, _wline([("Summa", 49.7, 90.0), ("7", 215.0, 221.0), ("45", 270.0, 282.0), ("16%", 318.0, 348.0)], 109.0, 11.0)),
    ]  # fmt: skip
    pages = [PageText(1, 420, 595, lines[:3]), PageText(2, 420, 595, lines[3:])]
    join_broken_titles(pages)
    assert [w.text for w in pages[0].lines[0].words][-3:] == ["Uppnått", "Max", "Procent"]
    (table,) = find_tables([ln for p in pages for ln in p.lines])
    assert [(q.id, q.text) for q in table.questions] == [
        ("8.1", "underskott ska hanteras lokalt."),
        ("8.2", "Innehållet"),
    ]
    assert [q.numbers for q in table.questions] == [
        {"points": 2, "max": 25, "percent": 8},
        {"points": 5, "max": 20, "percent": 25},
    ]
    assert table.total == {"points": 7, "max": 45, "percent": 16}


def test_a_number_cell_set_lower_in_its_row_fills_the_rows_missing_column() -> None:
    """Fresh seed 3019 case 367: a points cell with space before it printed "12" on the
    row's second line, beside the question's wrapped text, under max and percent on its first
    line. Numbers on a later line of a question only counted when the row had none yet:
    question 4.4 lost its points (`missing_question_numbers`). They fill the columns the row
    still lacks."""
    from parsers.scores import find_tables

    head = [("Poäng", 330.0, 360.0), ("Max", 395.0, 415.0), ("%", 465.0, 472.0)]
    lines = [
        _wline([("4.", 91.0, 100.0), ("Resultat", 104.0, 150.0), *head], 220.0, 10.0),
        _wline([("4.3", 91.0, 103.0), ("Används", 106.0, 150.0), ("7", 340.0, 346.0), ("25", 401.0, 411.0), ("28", 458.0, 469.0), ("%", 471.0, 478.0)], 232.0, 10.0),
        _wline([("4.4", 91.0, 103.0), ("Uppsala", 106.0, 138.0), ("är", 141.0, 149.0), ("25", 401.0, 411.0), ("48", 458.0, 469.0), ("%", 471.0, 478.0)], 247.0, 10.0),
        _wline([("svårt", 91.0, 111.0), ("att", 113.0, 124.0), ("jämföra.", 127.0, 160.0), ("12", 339.0, 349.0)], 261.0, 10.0),
        _wline([("Summa", 91.0, 130.0), ("19", 339.0, 349.0), ("50", 401.0, 411.0), ("38", 458.0, 469.0), ("%", 471.0, 478.0)], 276.0, 10.0),
    ]  # fmt: skip
    (table,) = find_tables(lines)
    assert [q.numbers for q in table.questions] == [
        {"points": 7, "max": 25, "percent": 28},
        {"points": 12, "max": 25, "percent": 48},
    ]
    assert table.questions[1].text == "Uppsala är svårt att jämföra."


def test_a_findings_heading_broken_inside_the_word_in_a_narrow_column_is_a_heading() -> None:
    """Fresh seed 3019 cases 24, 392, 483 (A5, findings in two newspaper columns 130 pt wide):
    the heading "Förbättringsmöjligheter" did not fit its column and broke inside the word,
    "Förbättringsmöjlighete" / "r" (or "Förbättringsmöjlighet" / "er"). No heading was read,
    and every improvement of the report went into the strengths or was lost (49 texts in case
    483). A heading of one word whose rest, one lowercase word under it, completes a findings
    title is that title, in the layout (`scores.join_broken_titles`) as in the tags
    (`tags._broken_heading`)."""
    from parsers.findings import header_kind
    from parsers.pdf import PageText
    from parsers.scores import join_broken_titles
    from parsers.tags import _broken_heading

    for first, rest in (("Förbättringsmöjlighete", "r"), ("Förbättringsmöjlighet", "er")):
        lines = [
            _wline([(first, 224.0, 354.8)], 60.9, 10.0),
            _wline([(rest, 224.0, 224.0 + 5 * len(rest))], 74.2, 10.0),
            _wline([("Sammanställning", 224.0, 300.0), ("av", 304.0, 314.0)], 98.0, 10.0),
        ]
        assert _broken_heading(lines[:2]) == "improvements"
        page = PageText(1, 420, 595, lines)
        join_broken_titles([page])
        assert [ln.text for ln in page.lines] == ["Förbättringsmöjligheter", "Sammanställning av"]
        assert header_kind(page.lines[0]) == "improvements"
    # a word under a heading that makes no title with it stays a line of its own
    lines = [
        _wline([("Styrkor", 64.0, 110.0)], 60.9, 10.0),
        _wline([("na", 64.0, 75.0)], 74.2, 10.0),
    ]
    assert _broken_heading(lines) is None
    page = PageText(1, 420, 595, list(lines))
    join_broken_titles([page])
    assert [ln.text for ln in page.lines] == ["Styrkor", "na"]


def test_a_label_alone_on_its_line_and_a_label_on_its_own_baseline() -> None:
    """Fresh seed 3019 cases 30 and 308, after `_Column._outside` came in: (30) a typed "34."
    stood alone on its line, the item's text a paragraph's gap below it: that text is the
    item's, not a paragraph outside the list. (308) a label set 3 pt off its text's baseline
    made a line of its own, and the space between it and its text (negative) was taken for
    the space between the table's lines: every wrapped line then looked a paragraph apart.
    Lines closer than `SAME_ROW_PITCH_EM` of the size are pieces of one printed line."""
    from parsers.findings import _Column

    items: list = []
    col = _Column(items)
    for text, x, top in [
        ("33. Tydliga mål.", 64.0, 100.0),
        ("34.", 64.0, 120.0),
        ("Kompetensutveckling: se över", 64.0, 151.7),
        ("rekryteringspolicyn.", 64.0, 167.5),
    ]:
        col.add(_line([(w, x + 70 * k) for k, w in enumerate(text.split())], top).words, 1)
    col.flush(continues=False)
    assert [i.text for i in items] == [
        "Tydliga mål.",
        "Kompetensutveckling: se över rekryteringspolicyn.",
    ]
    col = _Column([])
    for text, top in [("a)", 103.0), ("Involvera uppföljningen av", 100.0), ("resultaten.", 114.0)]:
        col.add(_line([(w, 64.0 + 70 * k) for k, w in enumerate(text.split())], top).words, 1)
    assert col.gaps() == [4.0]  # 103 → 100 is one printed line, not a gap of -13


def test_a_dash_starting_a_justified_line_is_text_not_a_label() -> None:
    """Fresh seed 3019 case 348 (landscape, a justified findings cell of unlabelled items):
    "… samverkan skola" / "– näringsliv I nedanstående tabell …": the dash, set off by 0.69 em
    (its space stretched like the line's others), passed for a list label; the cell became a
    labelled list and everything after it was lost. (Comparing the dash's space with the
    line's own spaces failed on narrow justified cells, whose spaces stretch to 13-100 pt
    beside a 13 pt tab: cases 40, 55, 481, 250.) One dash starting a line in the middle of
    a column that shows no other label is the text's own (`findings._lone_label`); a dash list
    shows more than one, or begins with it."""
    from parsers.findings import _lone_label

    text = [
        (None, "Yrk-In som ett bra projekt att stärka samverkan skola"),
        ("–", "näringsliv I tabell"),
    ]
    assert _lone_label(text, bulleted=False) == [text[0], (None, "– näringsliv I tabell")]
    listed = [("–", "Tydlig plan"), (None, "för mål."), ("–", "Bred dialog")]
    assert _lone_label(listed, bulleted=False) == listed
    first = [("–", "Tydlig plan"), (None, "för mål.")]
    assert _lone_label(first, bulleted=False) == first
    assert _lone_label(text, bulleted=True) == text  # the column showed dashes before
    # seed 3019 cases 218, 192: "… i projektet BitStream" / "II. Målstyrningen …" made a list
    # of unlabelled paragraphs a labelled one, and every paragraph after it was left unread
    roman = [(None, "Deltar i projektet BitStream"), ("II.", "Målstyrningen är tydlig.")]
    assert _lone_label(roman, bulleted=False)[1] == (None, "II. Målstyrningen är tydlig.")


def test_a_label_hanging_into_the_gutter_goes_on_the_flow_of_columns() -> None:
    """Fresh seed 3019 case 216 (Letter, justified newspaper columns of numbered items): the
    right column's item "41.Formulera formerna för" stood alone beside a gap in the left
    column, between two regions of columns. Its label hangs left of the right column's
    lines ("kompetens- och" starts 17 pt further in), into the strip the regions below leave
    white, so it was no line "on one side" of the flow: read as a line across the page, it
    split the flow, and item 41's first line came before items 35 and 36. A line right of
    the strip's middle that begins with a label is on the right side (`_clear_of`)."""
    words = [
        ("med", 107.8, 131.1, 245.9),
        ("de", 136.9, 150.0, 245.9),
        ("fackliga", 155.7, 196.6, 245.9),
        ("organisationerna", 202.5, 291.7, 245.9),
        ("40.Följ", 320.3, 355.6, 247.9),
        ("upp", 362.4, 382.3, 247.9),
        ("ansvaret", 389.1, 435.2, 247.9),
        ("för", 441.9, 456.4, 247.9),
        ("invånarnas", 463.2, 521.3, 247.9),
        ("och", 107.8, 126.6, 259.9),
        ("följ", 134.2, 150.2, 259.9),
        ("upp", 157.7, 177.7, 259.9),
        ("effekterna", 185.3, 239.4, 259.9),
        ("varje", 247.1, 273.4, 259.9),
        ("år", 281.0, 291.7, 259.9),
        ("synpunkter", 337.3, 396.6, 261.9),
        ("vilket", 404.9, 433.6, 261.9),
        ("uppskattas", 442.1, 500.1, 261.9),
        ("av", 508.5, 521.2, 261.9),
        ("med", 107.8, 131.1, 274.0),
        ("stöd", 135.8, 158.4, 274.0),
        ("av", 163.1, 175.7, 274.0),
        ("resultaten", 180.4, 234.0, 274.0),
        ("från", 238.7, 259.8, 274.0),
        ("HME-", 264.4, 291.8, 274.0),
        ("både", 337.3, 363.5, 276.0),
        ("chefer", 366.8, 400.2, 276.0),
        ("och", 403.5, 422.4, 276.0),
        ("medarbetare.", 425.7, 497.5, 276.0),
        ("enkäten.", 107.8, 153.9, 288.0),
        ("41.Formulera", 320.3, 391.0, 293.0),
        ("formerna", 424.8, 473.3, 293.0),
        ("för", 506.9, 521.3, 293.0),
        ("35.Inför", 90.8, 132.0, 305.1),
        ("kopplingen", 165.1, 223.2, 305.1),
        ("mellan", 256.3, 291.8, 305.1),
        ("kompetens-", 337.3, 399.5, 307.1),
        ("och", 502.5, 521.4, 307.1),
        ("tillgänglighet", 107.8, 176.8, 319.1),
        ("på", 194.2, 207.3, 319.1),
        ("webbplatsen", 224.8, 291.8, 319.1),
        ("medarbetarutveckling", 337.3, 453.8, 321.1),
        ("i", 463.5, 466.4, 321.1),
        ("samtliga", 476.1, 521.3, 321.1),
        ("genom", 107.8, 144.2, 333.2),
        ("gemensamma", 153.1, 228.2, 333.2),
        ("forum", 237.1, 268.4, 333.2),
        ("för", 277.4, 291.8, 333.2),
        ("förvaltningar", 337.3, 405.0, 335.2),
        ("genom", 485.0, 521.4, 335.2),
        ("chefer", 107.8, 141.1, 347.2),
        ("gemensamma", 337.3, 412.5, 349.2),
        ("forum", 416.9, 448.3, 349.2),
        ("för", 452.6, 467.1, 349.2),
        ("chefer", 471.5, 504.8, 349.2),
        ("så", 509.2, 521.1, 349.2),
        ("att", 337.3, 351.9, 363.3),
        ("den", 356.2, 376.0, 363.3),
        ("når", 380.2, 397.6, 363.3),
        ("alla", 401.9, 420.6, 363.3),
        ("verksamheter", 424.9, 498.0, 363.3),
        ("och", 502.3, 521.1, 363.3),
        ("36.Dokumentera", 90.8, 179.7, 364.3),
        ("ansvaret", 205.4, 251.5, 364.3),
        ("för", 277.4, 291.8, 364.3),
        ("följ", 337.3, 353.2, 377.3),
        ("upp", 356.6, 376.5, 377.3),
        ("effekterna", 379.9, 434.1, 377.3),
        ("varje", 437.4, 463.8, 377.3),
        ("år.", 467.1, 481.2, 377.3),
        ("klagomål", 107.8, 155.9, 378.3),
        ("och", 166.3, 185.2, 378.3),
        ("synpunkter", 195.7, 255.0, 378.3),
        ("samt", 265.5, 291.7, 378.3),
        ("koppla", 107.8, 142.9, 392.4),
        ("detta", 146.3, 174.1, 392.4),
        ("till", 177.4, 190.2, 392.4),
        ("budgetprocessen", 193.6, 284.4, 392.4),
    ]
    page = _printed_page(words, 612, 792)
    split_columns(page)
    order = [ln.text for ln in page.lines]
    k = order.index("41.Formulera formerna för")
    assert order[k - 1 : k + 2] == [
        "både chefer och medarbetare.",
        "41.Formulera formerna för",
        "kompetens- och",
    ]
    assert order.index("enkäten.") + 1 == order.index("35.Inför kopplingen mellan")
    assert order.index("koppla detta till budgetprocessen") < order.index(
        "40.Följ upp ansvaret för invånarnas"
    )


def test_a_word_of_a_wrapped_area_name_ending_under_another_is_not_glued_to_it() -> None:
    """Fresh seed 3019 case 455, after `scores._under` let a rest aligned at the right join a
    column title: in the header "8 Chefs- och Poä Max %" / "ledarskap samt ng", "samt" ends
    1 pt left of where "och" ends and was glued to it ("Chefs- ochsamt ledarskap"). Centred
    or right-aligned, a rest joins only when the two make a column title ("Poä" + "ng")."""
    from parsers.pdf import PageText
    from parsers.scores import join_broken_titles

    lines = [
        _wline([("8", 64.0, 69.0), ("Chefs-", 81.0, 112.0), ("och", 125.0, 143.0), ("Poä", 155.0, 173.0), ("Max", 186.0, 206.0), ("%", 224.0, 233.0)], 160.0, 10.0),
        _wline([("ledarskap", 64.0, 110.0), ("samt", 119.0, 142.0), ("ng", 158.0, 170.0)], 171.0, 10.0),
    ]  # fmt: skip
    page = PageText(1, 420, 595, lines)
    join_broken_titles([page])
    assert [ln.text for ln in page.lines] == ["8 Chefs- och Poäng Max %", "ledarskap samt"]


def test_columns_whose_lines_sit_half_a_line_apart_are_read_column_by_column() -> None:
    """Fresh seed 3019 cases 226, 310, 345 (justified newspaper columns of findings): the
    right column's lines sit 5 pt above the left column's (the heading "Styrkor" above the
    left column only), more than one line's tolerance, so every line of the region was
    printed on one side only and no gutter was found: the page was read line by line across,
    the heading "Styrkor" glued to the right column's first line, the strengths of the area
    lost and the two columns' items interleaved (35 texts in case 226). Two one-sided lines
    one after the other, on either side of a white, part of a line apart, are looked at as
    one line of both columns (`layout._interleaved`); lines not read as columns get their own
    lines back."""
    words = [
        ("Styrkor", 63.6, 102.5, 289.2),
        ("och", 105.1, 123.1, 289.2),
        ("förbättringsområden", 125.7, 235.4, 289.2),
        ("Styrkor", 63.6, 102.5, 314.4),
        ("3)", 224.0, 233.7, 314.4),
        ("Arenor", 241.0, 273.9, 314.4),
        ("för", 282.7, 296.3, 314.4),
        ("chefer", 304.9, 334.4, 314.4),
        ("att", 343.1, 356.0, 314.4),
        ("löpande", 241.0, 278.5, 329.6),
        ("diskutera", 311.4, 356.1, 329.6),
        ("1)", 63.6, 72.1, 339.6),
        ("Värdegrund:", 80.6, 146.3, 339.6),
        ("SCB:s", 170.4, 195.7, 339.6),
        ("resultat", 241.0, 277.3, 344.8),
        ("och", 339.5, 356.1, 344.8),
        ("medbor-", 80.6, 120.9, 354.8),
        ("resursförbrukning", 241.0, 328.3, 360.0),
        ("För", 340.3, 356.1, 360.0),
        ("garundersökning", 80.6, 161.4, 370.0),
        ("ett", 241.0, 253.5, 375.2),
        ("enskilt", 324.1, 356.1, 375.2),
        ("genomförs", 80.6, 130.4, 385.2),
        ("vartannat", 134.8, 181.3, 385.2),
        ("år", 185.6, 195.6, 385.2),
        ("verksamhetsår", 241.0, 310.9, 390.4),
        ("fungerar", 314.9, 356.1, 390.4),
        ("och", 80.6, 97.3, 400.4),
        ("resultaten", 147.8, 195.6, 400.4),
        ("samma", 241.0, 275.0, 405.6),
        ("mål", 277.5, 295.4, 405.6),
        ("som", 297.9, 317.3, 405.6),
        ("delmål.", 319.9, 354.2, 405.6),
        ("publiceras.", 80.6, 131.8, 415.6),
        ("4)", 224.0, 234.0, 423.8),
        ("Arbetsmiljö:", 241.0, 305.5, 423.8),
        ("strategi", 320.8, 356.2, 423.8),
        ("2)", 63.6, 73.4, 433.8),
        ("Jämförelser:", 80.6, 144.9, 433.8),
        ("informa-", 153.9, 195.8, 433.8),
        ("för", 241.0, 254.7, 439.0),
        ("kommunens", 297.2, 356.1, 439.0),
        ("tion", 80.6, 99.4, 449.0),
        ("om", 103.3, 118.1, 449.0),
        ("kommande", 121.9, 175.0, 449.0),
        ("och", 178.8, 195.6, 449.0),
        ("internationella", 241.0, 311.3, 454.2),
        ("arbete", 326.3, 356.1, 454.2),
        ("genomförda", 80.6, 137.3, 464.2),
        ("möten", 149.8, 179.8, 464.2),
        ("i", 192.4, 195.6, 464.2),
        ("Utöver", 241.0, 273.1, 469.4),
        ("detta", 294.5, 318.4, 469.4),
        ("har", 339.8, 356.1, 469.4),
        ("kommunfullmäktige", 80.6, 177.6, 479.4),
    ]
    page = _printed_page(words, 420, 595)
    assert not any(ln.text.startswith("Styrkor") and len(ln.words) == 1 for ln in page.lines)
    split_columns(page)
    order = [ln.text for ln in page.lines]
    assert "Styrkor" in order
    left = order.index("Styrkor")
    assert order[left + 1].startswith("1) Värdegrund")
    assert order.index("kommunfullmäktige") < order.index("3) Arenor för chefer att")
    # a page of one-sided lines that are no columns keeps its lines
    prose = _printed_page(words[:2], 420, 595)
    before = [ln.text for ln in prose.lines]
    split_columns(prose)
    assert [ln.text for ln in prose.lines] == before


def _printed_page(
    words: list[tuple[str, float, float, float]], width: float, height: float, size: float = 10.0
):
    """A page of words of one size as a PDF printed them (text, x0, x1, top), grouped into
    lines as the reader groups them."""
    from parsers.pdf import PageText, lines_from_words

    ws = [Word(t, x0, x1, top, top + size, size) for t, x0, x1, top in words]
    return PageText(1, width, height, lines_from_words(ws, 1))


def test_a_stretched_last_line_of_the_left_column_beside_a_heading_stays_in_the_columns() -> None:
    """Damaged seed 3019 case 79 (newspaper columns, the improvements list printed empty): the
    left column's last line before the column break is stretched to the column's width (a
    word processor justifies a line ending in a break), beside the right column's heading
    "Förbättringsområden" a few points higher. A line of several wide gaps right after a
    one-sided line was taken for a table's header row below a box, so the columns ended
    there, the heading was read inside the left column's line and the empty list went
    unsaid. Its gap ends exactly where the right column's lines start: the gutter."""
    rows = {
        45.1: "möjligheter@72.4 att@131.9 föra@151.9 ut@178.2 information,@195.2 få@258.3 "
        "in@275.3 Verksamheten@333.2 rapporterar@407.2 ekonomi,@465.6 viktiga@514.5",
        59.0: "synpunkter@72.4 och@127.9 inte@149.1 minst@170.3 möjligheter@199.6 för@255.2 "
        "de@271.6 händelser@333.2 och@389.4 målprognos@416.5 till@481.4 ansvarigt@501.5",
        72.9: "anställda@72.4 att@120.1 föra@137.6 dialog@161.5 med@195.3 varandra@221.5 "
        "om@268.8 utskott@333.2 vid@371.5 sju@392.2 tillfällen@413.0 per@455.3 år.@477.8 "
        "Rapporter@497.4",
        86.8: "frågor@72.4 som@102.7 berör@125.4 yrkesrollen.@152.8 lämnas@333.2 till@372.5 "
        "ansvarigt@387.7 utskott@435.7 sju@472.0 gånger@490.8 per@528.8",
        100.7: "år.@333.2",
        103.7: "c)@51.1 Arbetat@72.4 med@115.5 digitalisering@145.2 som@212.9 stöd@242.0 för@271.1",
        117.6: "utveckling@72.4 och@121.9 förbättring@141.7 av@192.0 serviceutbudet@206.0 "
        "f)@311.9 Målstyrningsmodellen@333.2 utgör@440.2 en@469.6 av@486.7 baserna.@503.3",
        131.5: "Bemötande@333.2 är@391.5 en@405.6 fråga@422.0 som@450.5 tas@475.1 upp@493.8 "
        "på@516.0 de@532.4",
        134.5: "d)@51.1 Formulera@72.4 en@126.5 övergripande,@144.6 sammanhållen@215.1",
        145.4: "värdegrundsdagar@333.2 som@426.3 kommunen@454.0 ordnar@513.8",
        148.4: "personalstrategi.@72.4",
        159.3: "för@333.2 alla@348.4 medarbetare@367.6 vartannat@430.0 år.@476.7",
        165.3: "e)@51.1 Knyta@72.4 chefskontrakten@111.4 tydligare@197.7 till@249.5 att@271.7",
        176.2: "Förbättringsområden@311.9",
        179.2: "kommunfullmäktiges@72.4 mål@183.0 ska@214.9 uppnås.@246.1",
        210.0: "Kommentar@51.1",
        230.0: "Idag@51.1 är@80 informationen@95 från@170 de@195 olika@210 mötena@240 "
        "betydligt@280 mer@330 knapphändig.@350 Kommunfullmäktige@420 beslutar@500",
    }
    words = []
    for top, row in rows.items():
        cells = [w.rsplit("@", 1) for w in row.split()]
        for k, (text, x0) in enumerate(cells):
            end = float(x0) + 4.9 * len(text)
            if k + 1 < len(cells):
                end = min(end, float(cells[k + 1][1]) - 3.0)
            words.append((text, float(x0), end, top))
    page = _printed_page(words, 595, 842)
    split_columns(page)
    column = {ln.text: ln.column for ln in page.lines}
    assert column["kommunfullmäktiges mål ska uppnås."] == 1
    assert column["Förbättringsområden"] == 2
    assert column["e) Knyta chefskontrakten tydligare till att"] == 1
    right = [ln.text for ln in page.lines if ln.column == 2]
    assert right[-2:] == ["för alla medarbetare vartannat år.", "Förbättringsområden"]


def test_a_number_a_word_space_after_the_total_rows_label_is_the_labels() -> None:
    """Fresh seed 3021 case 139 (A5, "Fråga | Poäng | Maxpoäng | Andel"): the total row's
    label "Summa område 1" ends right of the numbers' boundary (half a column pitch left of
    the first title) in a narrow table, so its "1" was read as the points (8 area totals
    1, 2, …, 8). A number a word space after a text word is that text's word: cells stand
    apart by their padding."""
    from parsers.scores import find_tables

    header = _wline(
        [("Fråga", 63.6, 92.1), ("Poäng", 173.0, 205.1), ("Maxpoäng", 227.8, 279.7),
         ("Andel", 303.9, 333.0)], 428.9, 10.5)  # fmt: skip
    q1 = _wline(
        [("1.1", 63.6, 78.1), ("Ett", 96.9, 109.7), ("antal", 128.4, 151.2),
         ("23", 183.2, 194.8), ("25", 247.9, 259.5), ("92", 306.5, 318.1), ("%", 321.1, 330.4)],
        445.3, 10.5)  # fmt: skip
    total = _wline(
        [("Summa", 63.6, 101.5), ("område", 104.4, 142.3), ("1", 145.2, 151.1),
         ("53", 183.2, 194.8), ("100", 245.0, 262.5), ("53", 306.5, 318.1), ("%", 321.1, 330.4)],
        461.7, 10.5)  # fmt: skip
    page = PageText(1, 420, 595, [header, q1, total])
    (table,) = find_tables(page.lines)
    assert table.questions[0].numbers == {"points": 23, "max": 25, "percent": 92}
    assert table.total == {"points": 53, "max": 100, "percent": 53}


def _page_of_rows(
    rows: dict[float, str], width: float = 595, height: float = 842, size: float = 10.0
):
    """A page from rows of "text@x0" (or "text@x0:x1") words at their tops (without x1 each
    word's end estimated from its letters, and kept a space short of the next word)."""
    words = []
    for top, row in rows.items():
        cells = [w.rsplit("@", 1) for w in row.split()]
        starts = [float(pos.split(":")[0]) for _, pos in cells]
        for k, (text, pos) in enumerate(cells):
            if ":" in pos:
                end = float(pos.split(":")[1])
            else:
                end = starts[k] + 4.9 * len(text)
                if k + 1 < len(cells):
                    end = min(end, starts[k + 1] - 3.0)
            words.append((text, starts[k], end, top))
    return _printed_page(words, width, height, size)


def test_a_stretched_line_on_one_side_narrows_the_gutter_by_its_side() -> None:
    """Fresh seed 3021 case 57 (justified newspaper columns, the findings lists): under the
    line "Styrkor ‹gutter› från Leader. …", the left column's justified line "• Individuella,
    ‹stretched› tidsbegränsade" lies wholly left of the right column, but its stretched space
    fell in the strip, and the strip narrowed to that space: the lines after it crossed it, and
    the region of columns was lost (32 lines unread, 16 texts). A line on one side of the strip
    narrows it by its side."""
    page = _page_of_rows(
        {
            646.6: "Styrkor@71.0 från@328.9 Leader.@358.3 Systemet@401.8 håller@453.5 på@490.5 "
            "att@511.3",
            666.4: "införas.@328.9 Det@369.6 finns@390.8 dessutom@420.1 en@470.2 särskild@486.9",
            670.4: "•@71.0 Individuella,@88.0 tidsbegränsade@212.5",
            686.3: "”Grumsapp”@328.9 att@389.0 ladda@405.2 ner@434.4 till@453.7 telefonerna@470.2",
            690.3: "chefskontrakt@88.0 Det@166.8 gör@195.9 målen@224.2 blir@266.7",
            706.1: "för@328.9 att@358.1 ge@386.5 snabb@412.4 och@456.3 effektiv@488.5",
            710.1: "förankrade@88.0 på@143.4 ett@157.8 bra@173.3 sätt.@192.1 Kommunen@214.9 "
            "är@273.4",
            726.0: "information/kommunikation.@328.9",
            730.0: "aktiva@88.0 med@121.1 att@145.4 söka@162.3 stöd@187.7 från@211.4 både@235.3 "
            "EU:s@261.7",
            749.8: "regional-@88.0 och@137.0 socialfondsprogram@160.5 samt@260.4",
        }
    )
    split_columns(page)
    assert [ln.text for ln in page.lines if ln.column == 1] == [
        "Styrkor",
        "• Individuella, tidsbegränsade",
        "chefskontrakt Det gör målen blir",
        "förankrade på ett bra sätt. Kommunen är",
        "aktiva med att söka stöd från både EU:s",
        "regional- och socialfondsprogram samt",
    ]
    assert [ln.text for ln in page.lines if ln.column == 2][-1] == "information/kommunikation."


def test_a_dash_after_a_stretched_space_at_the_gutter_is_no_columns_label() -> None:
    """Fresh seed 3021 case 57, the next page: the left column's justified line ends in the
    text's own dash ("målstyrningskedjan ‹› med ‹› mål ‹› –"), set after a stretched space as
    wide as the line's others, and the gutter follows it. The dash was taken for a right
    column's list label (after a wide white, its tab to the text is no gutter), so the line
    crossed the strip and the columns ended mid-list. A label after a space as wide as the
    line's stretched ones is a word of the justified text."""
    from parsers.layout import _gaps

    line = _wline(
        [("målstyrningskedjan", 88.0, 181.8), ("med", 201.0, 221.4), ("mål", 240.6, 258.5),
         ("–", 277.6, 283.4), ("mellan", 328.9, 361.3), ("förtroendevalda", 372.7, 447.9),
         ("och", 459.3, 476.0), ("ledande", 487.3, 524.3)], 416.2, 11.5)  # fmt: skip
    assert (283.4, 328.9) in _gaps(line, 11.5)
    # a right column's label after the gutter: its tab to the text is no gutter
    label = _wline(
        [("kvalitet", 88.0, 130.0), ("från", 263.5, 283.0), ("•", 311.9, 317.0),
         ("Tydlig", 340.0, 372.0)], 396.3, 11.5)  # fmt: skip
    assert _gaps(label, 11.5) == [(130.0, 263.5), (283.0, 311.9)]


def test_a_bold_lead_in_beside_the_right_columns_heading_is_no_table_header() -> None:
    """Fresh seed 3021 case 234 (newspaper columns on A5, items with bold lead-ins): the
    page's first line is the left column's lead-in "Information:" (its text wraps to the
    next line) beside the right column's heading "Förbättringsområden", both bold. Bold
    labels side by side are a table's header row, so the region was refused there: the
    heading stayed inside one line with the lead-in, and every improvement of the area went
    unread. A lead-in (a bold label ending in a colon that is no findings title) heads no
    table column."""
    from parsers.pdf import lines_from_words

    rows = {
        49.0: "Information:@49.7:110.9 Förbättringsområden@224.0:330.2",
        62.9: "sammanfattningar@49.7:133.6 av@136.6:147.7 aktuella@150.6:186.7 "
        "Information:@224.0:285.2 akademi@288.2:327.9 Norr@330.8:351.1",
        76.8: "politiska@49.7:87.6 beslut@90.5:118.4 samt@121.4:144.1 förenklad@147.1:190.2 "
        "(tolv@224.0:243.8 kommuner@246.7:296.3 i@299.2:301.6 Västerbottens@304.4:369.2",
        90.7: "information@49.7:101.6 i@104.5:106.9 realtid@109.7:138.4 på@141.2:152.9 "
        "och@224.0:240.9 Norrbottens@243.8:298.7 inland)@301.5:333.1",
        104.6: "webbplatsen@49.7:108.6 från@111.5:129.6",
        118.5: "kommunfullmäktige.@49.7:143.0",
    }
    words = []
    for top, row in rows.items():
        for cell in row.split():
            text, pos = cell.rsplit("@", 1)
            x0, x1 = (float(v) for v in pos.split(":"))
            words.append(Word(text, x0, x1, top, top + 10.5, 10.5, bold=top == 49.0))
    page = PageText(1, 420, 595, lines_from_words(words, 1))
    split_columns(page)
    assert [(ln.column, ln.text) for ln in page.lines][:2] == [
        (1, "Information:"),
        (1, "sammanfattningar av aktuella"),
    ]
    right = [ln.text for ln in page.lines if ln.column == 2]
    assert right[0] == "Förbättringsområden"
    # two findings titles side by side, bold, are a findings table's header row
    header = {49.0: "Styrkor@49.7:90.0 Förbättringsområden@224.0:330.2"} | {
        k: v for k, v in rows.items() if k != 49.0
    }
    words = []
    for top, row in header.items():
        for cell in row.split():
            text, pos = cell.rsplit("@", 1)
            x0, x1 = (float(v) for v in pos.split(":"))
            words.append(Word(text, x0, x1, top, top + 10.5, 10.5, bold=top == 49.0))
    table = PageText(1, 420, 595, lines_from_words(words, 1))
    split_columns(table)
    assert table.lines[0].column == 0
    # two lead-ins side by side are a findings table's first row (its two cells), as before
    # (pinned g3-a5-bold-lead-ins-alone-in-interleaved-cells)
    from parsers.layout import _is_table

    both = lines_from_words(
        [Word("Näringsliv:", 49.7, 110.0, 49.0, 59.5, 10.5, bold=True),
         Word("Kompetens:", 224.0, 280.0, 49.0, 59.5, 10.5, bold=True)], 1)  # fmt: skip
    assert _is_table(both, (115.0, 220.0), PageText(1, 420, 595, both), 10.5, [])


def test_justified_columns_continued_at_a_pages_top_by_the_carried_gutter() -> None:
    """Fresh seed 3021 case 49 (justified newspaper columns): the columns of the page before
    go on for three lines at the top of this page. Every line is justified, with stretched
    spaces as wide as half the gutter, so none has the one wide gap that starts a region,
    and the lines were read across the gutter ("… vid ”individuell utvecklingsplan”
    medarbetarsamtalen där brister. …"). At a page's top, the gap where the previous page's
    gutter stood starts the columns that go on."""
    page = _page_of_rows(
        {
            34.9: "Kommunkompassen@299.6:386.1 2013@388.8:410.4 –@413.1:417.3 "
            "Hedemora@420.0:464.4 kommun@467.1:504.6",
            84.3: "och@107.8:126.6 analys@139.1:173.1 görs@185.5:208.5 främst@220.9:255.1 "
            "vid@267.6:283.3 ”individuell@328.9:388.2 utvecklingsplan”@416.6:504.6",
            102.7: "medarbetarsamtalen@107.8:218.5 där@266.1:283.5 brister.@328.9:366.4",
            121.0: "samtidigt@107.8:157.3 just@188.4:207.6 området@238.8:283.5",
            177.7: "Det@90.8:109.4 innebär@112.9:153.0 att@156.4:171.1 resultaten@174.6:228.1 "
            "i@231.6:234.5 poäng@238.0:270.9 är@274.3:285.1 jämförbara@288.6:346.4 "
            "endast@349.8:385.6 inom@389.1:415.3 sitt@418.8:435.4 tidsintervall.@438.8:504.3",
        },
        size=11.5,
    )
    split_columns(page, carry=(300.0, 328.9))
    assert [(ln.column, ln.text) for ln in page.lines][1:6] == [
        (1, "och analys görs främst vid"),
        (1, "medarbetarsamtalen där"),
        (1, "samtidigt just området"),
        (2, "”individuell utvecklingsplan”"),
        (2, "brister."),
    ]
    # without a carried gutter the lines stay whole (they start no region)
    again = _page_of_rows({84.3: "och@107.8:126.6 analys@139.1:173.1 görs@185.5:208.5 "
                           "främst@220.9:255.1 vid@267.6:283.3 ”individuell@328.9:388.2"}, size=11.5)  # fmt: skip
    split_columns(again)
    assert [ln.column for ln in again.lines] == [0]


def test_justified_columns_whose_stretched_spaces_are_as_wide_as_the_gutter() -> None:
    """Fresh seed 3021 case 202 (justified newspaper columns with numbered items, labels
    glued to their text): the right column's stretched spaces are as wide as the gutter
    ("Styrkor ‹gutter› kompetens- ‹stretched› och"), so no line has the one wide gap (or one
    many times the others) that starts a region, and the right column's lines that begin
    with a label hang left of its edge ("10.Inför" at 311.9, the text at 328.9). All 8
    texts of the area's findings were lost. The gap the lines below keep white starts the
    columns (`_lined_up_gutter`)."""
    page = _page_of_rows(
        {
            181.7: "Styrkor@90.8:132.6 kompetens-@328.9:388.3 och@486.7:504.7",
            193.0: "medarbetarutveckling.@328.9:443.0",
            197.0: "5.@90.8:100.3 Systematisk@107.8:168.9 planering@195.6:243.0 för@269.8:283.5",
            209.4: "10.Inför@311.9:351.9 kopplingen@383.7:438.9 mellan@470.7:504.6",
            210.4: "kommunens@107.8:169.5 värdegrund@173.6:231.7 även@235.6:260.1 i@264.2:266.9 "
            "de@270.9:283.5",
            222.7: "kompetens-@328.9:388.3 och@486.7:504.7",
            223.7: "gemensamma@107.8:179.4 nämnderna.@182.6:243.4",
            236.1: "medarbetarutveckling@328.9:439.8 inom@443.5:468.4 ramen@472.1:504.5",
            240.1: "6.@90.8:100.3 Regelbunden@107.8:174.0 redovisning@193.5:251.8 av@271.4:283.4",
            249.4: "för@328.9:342.6 kompetens-@385.0:444.3 och@486.7:504.6",
            253.4: "lokala@107.8:137.5 företag@158.8:195.1 i@216.3:219.1 samtliga@240.4:283.4",
            262.8: "medarbetarutveckling@328.9:439.8 samt@479.6:504.6",
            266.8: "förvaltningar@107.8:172.3 och@177.2:195.2 redovisa@200.2:242.9 "
            "utfallet@248.0:283.5",
            276.1: "koppla@328.9:362.4 detta@365.6:392.0 till@395.1:407.4 "
            "budgetprocessen@410.5:497.1",
            280.1: "i@107.8:110.6 årsredovisningen@127.9:214.2 och@231.6:249.5 gör@266.9:283.5",
            340.0: "Kommentar@90.8:150.0 Arbetet@155.0:190.0 följs@195.0:220.0 upp@225.0:240.0 "
            "i@245.0:250.0 delårsrapporter@255.0:330.0 och@335.0:350.0 i@355.0:360.0 "
            "årsredovisningen.@365.0:450.0",
        }
    )
    split_columns(page)
    right = [ln.text for ln in page.lines if ln.column == 2]
    assert right[:4] == [
        "kompetens- och",
        "medarbetarutveckling.",
        "10.Inför kopplingen mellan",
        "kompetens- och",
    ]
    assert [ln.text for ln in page.lines if ln.column == 1][:3] == [
        "Styrkor",
        "5. Systematisk planering för",
        "kommunens värdegrund även i de",
    ]
    assert page.lines[-1].column == 0  # one-column text resumes


def test_a_justified_line_whose_stretched_space_meets_a_table_column_starts_no_columns() -> None:
    """Fresh seed 4003 case 255: a justified paragraph's line "… status, hur ‹stretched›
    måluppfyllelsen ser ut och" ends above a score table whose header "3. Politisk styrning
    och kontroll ‹cell› Poäng Max %" has its gap in the same strip, and whose questions'
    lines (a narrow justified cell) leave it white. `_lined_up_gutter` took the strip for a
    gutter: the table's header and three questions were read as columns and lost (9 numbers,
    said). Justified columns' lines end at one edge; these two right-hand parts do not
    (`_justified`)."""
    page = _page_of_rows(
        {
            233.4: "återkopplas@71.0:135.9 ekonomisk@155.5:214.9 status,@234.7:271.9 "
            "hur@291.6:310.0 måluppfyllelsen@329.8:417.0 ser@436.6:453.6 ut@473.4:484.6 "
            "och@504.2:524.0",
            248.1: "förbättringsåtgärder@71.0:183.2 samt@186.7:214.2 en@217.6:231.4 "
            "målprognos.@234.9:303.5",
            272.8: "Delpoäng@71.0:123.6",
            292.0: "3.@71.0:82.8 Politisk@86.6:132.6 styrning@136.4:188.1 och@192.0:213.8 "
            "kontroll@217.7:266.1 Poäng@329.7:368.4 Max@404.4:429.9 %@479.6:490.6",
            309.1: "3.1@71.0:88.5 Genomsyras@92.0:160.8 hela@164.3:187.8 "
            "organisationen@191.4:273.5 av@277.1:290.3 ett@293.7:309.1",
            323.8: "helhetstänkande@71.0:163.4 avseende@256.3:309.5",
            338.5: "styrning/uppföljning@71.0:181.2 samt@222.3:249.8 hur@290.9:309.4",
            353.2: "kommuniceras@71.0:152.3 resultaten@163.0:219.1 till@230.0:243.4 "
            "invånarna@254.2:309.4",
            367.9: "och@71.0:90.8 till@97.3:110.8 de@117.3:131.1 förtroendevalda@137.7:225.9 "
            "och@232.4:252.2 på@258.8:272.5 vilket@279.1:309.1",
            382.6: "sätt@71.0:92.1 används@129.3:175.8 resultaten@213.0:269.1 i@306.3:309.4",
            397.3: "verksamhetsplaneringen@71.0:207.8 och@219.0:238.8 hur@250.1:268.5 "
            "stöds@279.9:309.3",
            441.4: "resultaten@71.0:127.1 för@130.6:145.7 kommunstyrelsen?@149.2:253.8 "
            "1@345.5:352.5 15@410.1:424.1 7@481.7:488.7",
        }
    )
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0] * len(page.lines)
    assert page.lines[3].text == "3. Politisk styrning och kontroll Poäng Max %"
    # a justified column's paragraph ends short of the edge with its natural spaces: its
    # lines are columns still (fresh seed 4003 cases 154, 307, which a first version of
    # the rule, "most right-hand parts end at one edge", lost)
    from parsers.layout import _justified

    stretched = _wline([("2)", 312.0, 320.0), ("Kulturskola", 330.0, 390.0),
                        ("för", 470.0, 485.0), ("att", 490.0, 504.3)], 100.0, 10.0)  # fmt: skip
    last = _wline([("bredda", 330.0, 365.0), ("rekrytering", 368.0, 407.3)], 114.0, 10.0)
    assert _justified([stretched.words, last.words], 10.0)


def test_a_paragraphs_last_word_alone_beside_the_left_column_stays_in_the_columns() -> None:
    """Fresh seed 4003 case 286 (A5, newspaper columns whose lines sit 3 pt apart): the right
    column's paragraph ends "… som Trosa deltar" / "i.", and that "i." shares a line with the
    left column's "verksamheter … utveckla de". A word of one letter is no text to `_gaps`
    (a label, a number), so the line crossed the strip and ended the columns: the rest of
    both columns was read as one-column lines and four findings were lost. A short word at
    the right column's edge beside text leaves the strip white (`_word_beside`)."""
    page = _page_of_rows(
        {
            140.7: "Ledarskap:@49.7:104.0 pris@112.5:129.0 för@137.4:150.3 bästa@158.7:181.3 "
            "integrationsarbete.@189.7:271.2 I@279.6:283.3 i@311.9:314.9 den@318.1:334.0 "
            "servicemätning@337.1:404.3 som@407.4:425.8 är@429.0:437.6 en@440.7:451.0 "
            "del@454.2:467.7 av@470.9:481.2 ”Kommunens@484.4:545.5",
            159.6: "skolan@49.7:78.4 men@86.2:105.0 också@112.7:137.8 på@145.5:155.8 "
            "enhetsnivå@163.7:210.6 i@218.4:221.5 vissa@229.2:251.1 andra@258.9:283.3 "
            "kvalitet@311.9:344.8 i@348.1:351.2 korthet”,@354.4:393.2 en@396.5:406.8 "
            "konstellation@410.1:467.0 som@470.2:488.5 Trosa@491.8:516.9 deltar@520.2:545.1",
            178.6: "verksamheter@49.7:108.9 sker@114.2:132.5 budgetering@137.8:190.3 "
            "för@195.7:208.4 att@213.9:224.8 utveckla@230.1:267.4 de@272.7:283.1 "
            "i.@311.9:317.7",
            197.5: "anställdas@49.7:93.0 kompetens.@95.7:146.1",
            208.5: "Medborgardialog:@311.9:398.0 målen@404.8:431.7 formulerade@438.3:491.9 "
            "utifrån@498.6:528.0 ett@534.7:545.6",
            227.4: "invånar-@311.9:348.5 eller@358.3:377.9 brukarperspektiv.@387.8:465.0 "
            "Inom@474.9:498.1 det@508.0:521.4 här@531.3:545.3",
        },
        width=595,
        size=11.0,
    )
    split_columns(page)
    assert [ln.text for ln in page.lines if ln.column == 1][-2:] == [
        "verksamheter sker budgetering för att utveckla de",
        "anställdas kompetens.",
    ]
    assert [ln.text for ln in page.lines if ln.column == 2][2:4] == [
        "i.",
        "Medborgardialog: målen formulerade utifrån ett",
    ]


def test_a_score_tables_header_and_total_above_columns_are_no_part_of_them() -> None:
    """Fresh seed 4003 case 286, p. 39: a score table's last rows at the page's top
    ("7 Förnyelsepolitik ‹› Poäng Max %", "metoder används.", "54 100 54"), then a findings
    heading and newspaper columns. The region of columns began at the table's header, whose
    "Poäng" stands 28 pt right of the right column's edge, within the spread an indented
    first line may have; the region was refused as one text and the whole page read as
    one column (11 findings wrong). Table cells (words a gutter apart) and number rows are
    no column's first line (`_off_edge_top`, `_cells`)."""
    page = _page_of_rows(
        {
            49.4: "7@49.7:55.2 Förnyelsepolitik@57.9:134.2 Poäng@339.7:369.0 Max@418.0:439.4 "
            "%@497.7:508.7",
            70.8: "metoder@49.7:85.7 används.@88.5:127.2",
            92.3: "54@348.8:359.8 100@420.5:437.0 54@497.7:508.7",
            144.7: "Styrkor@49.7:82.7 och@85.4:101.3 förbättringsområden@104.1:193.7",
            167.6: "Styrkor@49.7:86.4 Ledarskap:@311.9:366.2 rätt@372.1:386.7 till@392.5:404.8 "
            "heltid@410.6:435.7 (pågående@441.4:486.7 projekt)@492.5:527.3 En@533.1:545.3",
            186.6: "utvecklingsmöjlighet@311.9:404.7 är@410.9:419.4 att@425.6:436.6 "
            "koppla@442.7:472.7 dessa@478.9:502.6 kontrakt@508.8:545.5",
            190.6: "Ett@49.7:62.5 antal@68.9:90.2 breda@96.6:121.0 personalförmåner@127.4:204.9 "
            "Man@211.2:231.4 har@237.8:251.8 också@258.1:283.2",
            205.5: "närmare@311.9:347.8 till@355.4:367.7 uppnåendet@375.3:425.9 av@433.5:443.8 "
            "kommunfullmäktiges@451.4:545.5",
            209.5: "öppnat@49.7:79.6 en@84.7:95.1 mötesplats@100.1:147.2 i@152.3:155.3 "
            "Bastuträsk@160.3:206.8 bland@211.9:236.2 annat@241.3:265.1 för@270.2:283.0",
            224.5: "mål.@311.9:331.1 Skolan@335.0:365.4 använder@369.3:409.6 mått@413.5:433.0 "
            "baserade@436.8:475.2 på@479.0:489.4 kostnad@493.2:527.5 per@531.3:545.3",
            228.5: "människor@49.7:96.1 som@106.5:124.9 genom@135.3:165.2 sociala@175.7:206.1 "
            "kontakter@216.6:258.1 vill@268.6:283.2",
            243.4: "resultat@311.9:344.2 för@349.5:362.3 att@367.6:378.5 "
            "effektivisera@383.9:438.8 sin@444.1:456.9 verksamhet.@462.1:515.6 "
            "Olika@520.9:545.3",
            247.4: "förbättra@49.7:87.5 sin@90.2:103.1 psykiska@105.8:144.3 hälsa.@147.1:172.4",
        },
        width=595,
        size=11.0,
    )
    split_columns(page)
    assert [ln.column for ln in page.lines[:4]] == [0, 0, 0, 0]
    assert [ln.text for ln in page.lines if ln.column == 1][:2] == [
        "Styrkor",
        "Ett antal breda personalförmåner Man har också",
    ]
    assert next(ln.text for ln in page.lines if ln.column == 2).startswith("Ledarskap: rätt")


def test_a_label_after_a_tables_narrow_cell_gap_starts_its_cell() -> None:
    """Fresh seed 4003 case 53 (tagged, a findings table of a row per item, typed "72." and
    a tab): the left cell's text runs to 385 pt, the right cell's label stands 11 pt further
    on (the cells' gap, narrower than a gutter), its text 17 pt after it. The tab after the
    label was taken for a gutter, the label for the left column's, and the layout's reading
    lost items (said as `readings_differ`). A label after a gap wider than a word space
    starts its cell; the tab after it is no gutter (`_gaps`)."""
    from parsers.layout import _gaps

    line = _wline(
        [("71.", 90.8, 109.8), ("God", 126.8, 151.0), ("dialog", 156.3, 192.8), ("med", 198.0, 224.6),
         ("resultaten", 229.9, 291.0), ("i", 296.3, 299.6), ("HME-enkäten", 304.8, 385.0),
         ("72.", 396.1, 415.1), ("Stärk", 432.1, 463.6), ("informationen", 467.5, 551.8),
         ("om", 555.6, 574.7), ("e-tjänster.", 578.5, 640.3)], 124.6, 10.5)  # fmt: skip
    assert _gaps(line, 10.5) == []


def test_a_stretched_line_beside_a_hanging_body_goes_on_in_the_columns() -> None:
    """Fresh seed 4003 case 108 (Letter, justified newspaper columns of typed numbered items
    with hanging bodies, the two columns' lines a few points apart): "27. Formulera ‹›
    kopplingen" beside "och synpunkter.", grouped as one line. A stretched line after a
    one-sided one continued the columns only where its right-hand words started at the
    strip's edge, the right column's labels ("30." at 320.3), not its bodies (337.3), so the
    columns ended there and an item lost its first line. The right-hand words may start
    where the region's right-hand lines do (`_starts_like_right`)."""
    page = _page_of_rows(
        {
            148.6: "gemensamma@107.8:193.7 forum@216.6:252.4 för@275.3:291.8 "
            "29.@320.3:339.3 Redovisa@356.3:410.9 dialogen@425.2:476.7 kring@490.9:521.3",
            164.7: "chefer@107.8:145.9 så@156.2:169.8 att@180.1:196.9 den@207.3:229.9 "
            "når@240.3:260.1 alla@270.4:291.8 budget@337.3:379.8 och@388.0:409.5 "
            "verksamhetsplan@417.8:521.2",
            180.8: "verksamheter@107.8:191.4 genom@337.3:378.9 gemensamma@389.3:475.2 "
            "forum@485.6:521.3",
            199.9: "26.@90.8:109.8 Tydliggör@126.8:183.0 rutinerna@187.8:243.2 för@248.1:264.6 "
            "mål@269.4:291.8 för@337.3:353.7 chefer.@357.6:399.5",
            216.0: "och@107.8:129.3 resultat.@133.1:183.2",
            222.0: "30.@320.3:339.3 Stärk@356.3:387.8 målen@396.1:433.4 för@441.6:458.1 "
            "klagomål@466.4:521.2",
            235.1: "27.@90.8:109.8 Formulera@126.8:188.2 kopplingen@225.5:291.9 och@337.3:358.8 "
            "synpunkter.@362.6:434.1",
            251.2: "mellan@107.8:148.5 kommunens@217.7:291.8",
        },
        width=612,
        size=11.0,
    )
    split_columns(page)
    left = [ln.text for ln in page.lines if ln.column == 1]
    assert left[-2:] == ["27. Formulera kopplingen", "mellan kommunens"]
    assert [ln.text for ln in page.lines if ln.column == 2][-1] == "och synpunkter."


def test_a_year_alone_on_a_columns_line_beside_the_other_column_stays_in_the_columns() -> None:
    """Fresh seed 3021 case 10 (newspaper columns, lines of the two columns a few points
    apart, grouped as one line): the left column's item ends "… rekryteringspolicy från" /
    "2013.", printed beside the right column's "särskilda ledarbedömningar på något". A gap
    counts as a gutter only between two texts (a number beside text is a table's cell), so
    that line crossed the strip: the columns ended, "2013." went into the right column's item
    and the left column's last three items became improvements. Inside a region, a line
    that leaves the strip white with a number alone on one side narrows it like any other."""
    page = _page_of_rows(
        {
            359.3: "–@90.8:96.8 Tydligare@107.8:154.2 formuleringar@156.8:226.5 i@229.2:232.5 "
            "flesta@337.3:363.8 verksamheterna.@366.5:449.2 Utöver@451.8:485.3",
            375.2: "information@107.8:167.1 Det@169.7:186.4 finns@189.0:214.2 en@216.9:228.8 "
            "mycket@231.5:267.6 medarbetarenkät@337.3:422.5 och@425.2:442.7 "
            "bedömningar@445.3:511.1",
            391.0: "detaljerad@107.8:157.0 rekryteringspolicy@159.7:250.1 från@252.7:273.6 "
            "på@337.3:349.1 medarbetarsamtal@351.8:442.2 utförs@444.7:474.2 inte@476.8:496.0",
            406.9: "2013.@107.8:132.0 särskilda@337.3:381.8 ledarbedömningar@384.5:475.5 "
            "på@478.1:490.0 något@492.6:520.1",
            425.7: "–@90.8:96.8 Rätt@107.8:128.6 till@131.2:144.9 heltid@147.6:176.2 "
            "(pågående@178.8:229.9 projekt)@232.6:272.4 systematiskt@337.3:399.2 "
            "sätt.@401.8:422.4",
            444.6: "–@90.8:96.8 Se@107.8:118.5 över@121.1:142.5 rekryteringspolicyns@145.2:247.0 "
            "–@320.3:326.3 Utveckla@337.3:380.6 ett@383.2:396.3 IT-baserat@399.0:449.8",
        },
        size=10.5,
    )
    split_columns(page)
    left = [ln.text for ln in page.lines if ln.column == 1]
    right = [ln.text for ln in page.lines if ln.column == 2]
    assert left[2:5] == [
        "detaljerad rekryteringspolicy från",
        "2013.",
        "– Rätt till heltid (pågående projekt)",
    ]
    assert right[3:5] == ["särskilda ledarbedömningar på något", "systematiskt sätt."]
    # text beside number cells is a table's row (seed 3021 case 57: "… medarbetare. 3 10 30%"
    # carried a region into the score table above the findings, refused there as one text)
    from parsers.layout import _number_beside

    cells = _wline([("medarbetare.", 71.0, 130.0), ("3", 380.0, 386.0), ("10", 430.0, 442.0),
                    ("30%", 480.0, 500.0)], 100.0, 10.5)  # fmt: skip
    assert _number_beside(cells, 300.0, 370.0) is None
    # two numbers beside each other are a table's cells, no columns
    row = _page_of_rows({100.0: "2013@100:125 2015@337:362", 114.0: "2016@100:125 2017@337:362"})
    split_columns(row)
    assert [ln.column for ln in row.lines] == [0, 0]


def test_a_history_table_typed_the_other_way_round_is_read() -> None:
    """Generation 4 of the fuzzer (`history_orientation="years_as_rows"`): the history with
    the areas' numbers as column titles ("År 1 2 … 8 Totalt") and a row per year. Read by
    rows of areas only, it was lost (`incomplete_history`). Either orientation is a table
    of areas against years; no area name is printed, so none is read."""
    from parsers.history import find_history

    head = [("År", 70.0)] + [(str(n), 110.0 + 40 * n) for n in range(1, 9)] + [("Totalt", 480)]
    lines = [
        _line([("Poäng", 70.0), ("i", 110.0), ("Kommunkompassen", 120.0)], 100),
        _line(head, 120),
        _line(
            [("2015", 70.0)]
            + [(str(20 + n), 110.0 + 40 * n) for n in range(1, 9)]
            + [("216", 480.0)],
            134,
        ),
        _line(
            [("2020", 70.0)]
            + [(str(50 + n), 110.0 + 40 * n) for n in range(1, 9)]
            + [("436", 480.0)],
            148,
        ),
        _line([("Kommunen", 70.0), ("har", 130.0), ("arbetat", 160.0)], 180),
    ]
    table = find_history(lines)
    assert table is not None and table.years == [2015, 2020]
    cells = [(c.year, c.area_number, c.area_name, c.points) for c in table.cells]
    assert cells[:2] == [(2015, 1, None, 21), (2015, 2, None, 22)]
    assert cells[8] == (2015, None, "Totalt", 216)
    assert cells[9:11] == [(2020, 1, None, 51), (2020, 2, None, 52)]
    assert len(cells) == 18 and table.start == 1


def test_a_history_typed_the_other_way_round_goes_on_over_a_page_break() -> None:
    """Fresh seed 4003 case 297: the year rows of a history typed the other way round run
    over a page break, the header row "År 1 2 … 8 Totalt" repeated at the next page's top.
    The reading stopped at the repeated header: 9 of 27 cells, said as `unread_numbers`.
    A line equal to the header row at a later page's top is that header again; the rows go
    on under it."""
    from dataclasses import replace

    from parsers.history import find_history

    head = [("År", 70.0)] + [(str(n), 110.0 + 40 * n) for n in range(1, 9)] + [("Totalt", 480)]

    def year(y: int, base: int, top: float) -> Line:
        row = [(str(y), 70.0)] + [(str(base + n), 110.0 + 40 * n) for n in range(1, 9)]
        return _line([*row, (str(8 * base + 36), 480.0)], top)

    lines = [
        _line([("Poäng", 70.0), ("i", 110.0), ("Kommunkompassen", 120.0)], 700),
        _line(head, 720),
        year(2015, 20, 734),
        replace(_line(head, 80), page=2),
        replace(year(2018, 30, 94), page=2),
        replace(year(2020, 50, 108), page=2),
        replace(_line([("Poängen", 70.0), ("ska", 130.0)], 140), page=2),
    ]
    table = find_history(lines)
    assert table is not None and table.years == [2015, 2018, 2020]
    assert [c.points for c in table.cells if c.area_number is None] == [196, 276, 436]
    # the same line on the same page is no repeated header: the table ends there
    lines[3] = replace(lines[3], page=1)
    table = find_history(lines)
    assert table is not None and table.years == [2015]


def test_a_paragraphs_last_word_like_a_label_sets_no_bullet_edge() -> None:
    """Fresh seed 4003 case 286: an unlabelled list in newspaper columns; one item's last
    line is "i." alone at the right column's edge. `strip_label` reads "i." as a roman
    label, and `_read_list` took its x for where bullet text starts, so every paragraph of
    the left column on the next page, left of that, ended the list after a paragraph's gap:
    six improvements lost. A label with no text after it sets no such edge."""
    from dataclasses import replace

    from parsers.findings import find_findings

    def at(line: Line, page: int, column: int) -> Line:
        return replace(line, page=page, column=column)

    lines = [
        at(_wline([("Förbättringsområden", 49.7, 151.6)], 119.9, 11.0), 1, 1),
        at(_wline([("Ledarskap:", 49.7, 104.0), ("pris.", 112.5, 135.0)], 142.9, 11.0), 1, 1),
        at(_wline([("Synpunktshantering:", 311.9, 410.0), ("mäts", 418.0, 444.0),
                   ("regelbundet", 452.0, 508.0), ("av", 516.0, 526.0), ("”Kommunens", 530.0, 545.5)],
                  51.1, 11.0), 1, 2),
        at(_wline([("kvalitet", 311.9, 344.8), ("i", 348.1, 351.2), ("korthet”,", 354.4, 393.2),
                   ("en", 396.5, 406.8), ("konstellation", 410.1, 467.0), ("som", 470.2, 488.5),
                   ("Trosa", 491.8, 516.9), ("deltar", 520.2, 545.1)], 70.0, 11.0), 1, 2),
        at(_wline([("i.", 311.9, 317.7)], 89.0, 11.0), 1, 2),
        at(_wline([("Synpunktshantering:", 49.7, 150.0), ("trosa", 154.0, 180.0),
                   ("kommun", 184.0, 220.0)], 51.1, 11.0), 2, 1),
        at(_wline([("har", 49.7, 66.0), ("en", 70.0, 80.0), ("plan.", 84.0, 110.0)], 70.0, 11.0),
           2, 1),
        at(_wline([("Fortsätta", 49.7, 95.0), ("arbetet", 99.0, 135.0), ("med", 139.0, 158.0),
                   ("digitala", 162.0, 200.0)], 97.0, 11.0), 2, 1),
        at(_wline([("lösningar.", 49.7, 100.0)], 116.0, 11.0), 2, 1),
    ]  # fmt: skip
    pages = {n: PageText(n, 420, 595, [ln for ln in lines if ln.page == n]) for n in (1, 2)}
    found = find_findings(lines, pages, lambda i: 1)[1]
    assert [i.text for i in found.improvements] == [
        "Ledarskap: pris.",
        "Synpunktshantering: mäts regelbundet av ”Kommunens kvalitet i korthet”, en "
        "konstellation som Trosa deltar i.",
        "Synpunktshantering: trosa kommun har en plan.",
        "Fortsätta arbetet med digitala lösningar.",
    ]


def test_a_broken_words_last_letters_at_the_body_edge_are_no_label() -> None:
    """Fresh seed 4003 case 473 (A5, a lettered list with hanging labels at 209.9 pt and
    bodies at 226.9 pt): an item ends "information/kommunikatio" / "n.", the word too long
    for the cell. "n." reads as a letter label, so it made an empty item of its own and the
    item lost its word's end. A label alone on its line that stands right of the page's
    other labels is the text's (`_labels_at_their_edge`)."""

    lines = [
        _wline([("Förbättringsområden", 209.9, 300.0)], 175.0, 9.0),
        _wline([("c)", 209.9, 217.9), ("Omfattande", 226.9, 275.2), ("samverkan", 277.4, 322.7),
                ("med", 324.9, 342.6)], 310.0, 9.0),
        _wline([("och", 226.9, 241.4), ("effektiv", 243.6, 274.7)], 428.8 - 105.6, 9.0),
        _wline([("information/kommunikatio", 226.9, 342.0)], 442.0 - 105.6, 9.0),
        _wline([("n.", 226.9, 234.6)], 455.2 - 105.6, 9.0),
        _wline([("d)", 209.9, 218.9), ("Alla", 226.9, 243.0), ("chefer", 245.2, 270.8),
                ("har", 273.0, 287.2), ("genomgått", 289.4, 332.7)], 471.4 - 105.6, 9.0),
        _wline([("chefs-", 226.9, 251.4), ("och", 253.6, 268.1),
                ("ledarutbildning.", 270.3, 336.4)], 484.6 - 105.6, 9.0),
    ]  # fmt: skip
    found = _read_findings(lines, 420, 595)
    assert [i.text for i in found.improvements] == [
        "Omfattande samverkan med och effektiv information/kommunikation.",
        "Alla chefer har genomgått chefs- och ledarutbildning.",
    ]


def test_a_row_title_broken_in_the_last_row_keeps_its_rest_below_the_columns() -> None:
    """Fresh seed 4003 case 197 (findings titled in a narrow left column, one line per
    item): the layout read the title column and the text column as two columns, and the
    improvements' title, broken in its row ("Förbättringso" / "mråden"), left its rest below
    the region as a one-column line. The left column was then no column of titles, and the
    area's 15 findings were lost. The rest alone below the region's last title joins it
    (`_rest_below`)."""
    from dataclasses import replace

    from parsers.findings import find_findings, split_row_titles

    def col(line: Line, column: int) -> Line:
        return replace(line, column=column)

    lines = [
        _wline([("Styrkor", 51.1, 94.0), ("och", 97.0, 115.0),
                ("förbättringsområden", 118.0, 220.0)], 352.0, 11.0),
        col(_wline([("Styrkor", 51.1, 89.6)], 373.2, 10.0), 1),
        col(_wline([("Förbättringso", 51.1, 122.6)], 485.7, 10.0), 1),
        col(_wline([("Väl", 142.6, 158.5), ("fungerande", 161.5, 217.2),
                    ("styrning.", 220.2, 258.7)], 373.2, 10.0), 2),
        col(_wline([("Bred", 142.6, 165.8), ("planering", 168.9, 214.1),
                    ("för", 217.2, 230.0), ("klagomål.", 233.1, 277.1)], 395.7, 10.0), 2),
        col(_wline([("Formulera", 142.6, 192.7), ("arbetet", 195.8, 230.0),
                    ("med", 233.1, 254.5), ("IT-stöd.", 257.5, 291.6)], 485.7, 10.0), 2),
        _wline([("mråden", 51.1, 90.8)], 500.2, 10.0),
        _wline([("Kommentar", 51.1, 118.2)], 540.0, 12.0),
    ]  # fmt: skip
    page = PageText(1, 842, 595, lines)
    split_row_titles([page])
    found = find_findings(page.lines, {1: page}, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Väl fungerande styrning.",
        "Bred planering för klagomål.",
    ]
    assert [i.text for i in found.improvements] == ["Formulera arbetet med IT-stöd."]


def test_a_row_title_beside_an_item_whose_label_is_glued_to_its_text() -> None:
    """Fresh seed 4003 case 109 (A5, findings titled in a left column, numbered items whose
    labels outgrow the tab: "24.Kvalitetsarbete:"). A title counts as a row's only when the
    text beside it starts at a cell's edge that a line near it shows; the item's later lines
    hang at 197.4 pt, inside the glued word, so the improvements' title was not seen and
    two areas lost their improvements. The text after a glued label starts where the
    word's mean letter width puts it (`_glued_text_start`)."""
    from parsers.findings import find_findings, split_row_titles

    lines = [
        _wline([("23.Budget:", 180.4, 242.0), ("eventuellt", 245.3, 295.7)], 360.9, 10.0),
        _wline([("erfarenheter", 197.4, 260.5), ("från", 263.7, 283.8)], 372.6, 10.0),
        _wline([("att", 197.4, 211.3), ("utveckla", 214.5, 257.0)], 384.2, 10.0),
        _wline([("projekt", 197.4, 232.6), ("och", 235.8, 253.7), ("processer.", 256.8, 308.9)],
               395.9, 10.0),
        _wline([("Förbättringsområden", 35.8, 156.4), ("24.Kvalitetsarbete:", 180.4, 288.6),
                ("pris", 292.0, 310.4), ("för", 313.6, 327.3), ("bästa", 330.5, 358.2)], 411.0,
               10.0),
        _wline([("integrationsarbete.", 197.4, 293.4)], 422.7, 10.0),
    ]  # fmt: skip
    styrkor = _wline([("Styrkor", 35.8, 77.6)], 340.0, 10.0)
    page = PageText(1, 420, 595, [styrkor, *lines])
    split_row_titles([page])
    found = find_findings(page.lines, {1: page}, lambda i: 1)[1]
    assert [i.text for i in found.improvements] == [
        "Kvalitetsarbete: pris för bästa integrationsarbete."
    ]
    # seed 4003 case 113: digits narrower than the word's letters put the estimate 3.1 pt
    # right of the edge the item's lines hang at; within one mean letter width it is met
    lines = [
        _wline([("Styrkor", 51.1, 89.6), ("81.Gemensam", 199.4, 273.3), ("dialog.", 276.3, 305.6)],
               684.5, 10.0),
        _wline([("gemensamma", 216.4, 286.1), ("nämnderna.", 289.1, 344.8)], 697.1, 10.0),
    ]  # fmt: skip
    page = PageText(1, 595, 842, lines)
    split_row_titles([page])
    found = find_findings(page.lines, {1: page}, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == ["Gemensam dialog. gemensamma nämnderna."]


def test_a_row_title_broken_over_a_page_break_is_joined() -> None:
    """Fresh seed 4003 case 472 (A5, findings titled in a left column): the improvements'
    row begins at a page's foot, and its title breaks there inside the word: "Förbättringso"
    on page 16, "mråden" beside the row's rest at page 17's top. Titled columns were looked
    for page by page, so neither page's left column was all titles, and two areas lost
    every finding. Regions of consecutive pages are looked at as one first."""
    from dataclasses import replace

    from parsers.findings import find_findings, split_row_titles

    def at(line: Line, page: int, column: int) -> Line:
        return replace(line, page=page, column=column)

    lines = [
        _wline([("STYRKOR", 35.8, 82.5), ("OCH", 85.5, 106.4),
                ("FÖRBÄTTRINGSOMRÅDEN", 109.4, 231.5)], 273.0, 10.0),
        at(_wline([("Styrkor", 35.8, 74.1)], 292.2, 10.0), 1, 1),
        at(_wline([("Förbättringso", 35.8, 104.1)], 542.2, 10.0), 1, 1),
        at(_wline([("25.Styrdokument", 123.9, 206.1), ("mot", 212.3, 230.0),
                   ("korruption.", 236.0, 290.0)], 292.2, 10.0), 1, 2),
        at(_wline([("30.Kortversion", 123.9, 195.8), ("av", 198.7, 209.5),
                   ("budgeten.", 212.4, 254.5)], 489.6, 10.0), 1, 2),
        at(_wline([("32.Samlade", 123.9, 180.4), ("kontaktuppgifter", 188.0, 264.7),
                   ("till", 272.2, 284.9), ("kommunfullmäk-", 292.5, 373.1)], 542.2, 10.0), 1, 2),
        at(_wline([("mråden", 35.8, 80.0)], 31.3, 10.0), 2, 1),
        at(_wline([("tiges", 140.9, 165.0), ("ledamöter.", 168.0, 215.0)], 31.3, 10.0), 2, 2),
        at(_wline([("KOMMENTAR", 35.8, 100.0)], 74.7, 12.0), 2, 0),
    ]  # fmt: skip
    pages = [PageText(n, 420, 595, [ln for ln in lines if ln.page == n]) for n in (1, 2)]
    split_row_titles(pages)
    every = [ln for page in pages for ln in page.lines]
    found = find_findings(every, {p.number: p for p in pages}, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Styrdokument mot korruption.",
        "Kortversion av budgeten.",
    ]
    assert [i.text for i in found.improvements] == [
        "Samlade kontaktuppgifter till kommunfullmäktiges ledamöter."
    ]


def test_a_row_title_broken_where_its_row_breaks_over_a_page() -> None:
    """Fresh seed 4003 case 309 (A5, findings titled in a left column, read as one column):
    the improvements' row starts at page 22's foot, its title broken inside the word there,
    "Förbättringsmöjl" beside "44. Följ upp …", and "igheter" beside the row's next line
    at page 23's top. The rest was looked for on the same page only, so the improvements
    ran into the strengths' last item. The next line may be the next page's first."""
    from dataclasses import replace

    from parsers.findings import find_findings, split_row_titles

    def on(line: Line, page: int) -> Line:
        return replace(line, page=page)

    lines = [
        _wline([("Styrkor", 63.6, 98.7), ("och", 101.3, 117.9),
                ("förbättringsmöjligheter", 120.4, 231.0)], 365.2, 10.0),
        _wline([("Styrkor", 63.6, 102.5), ("42.", 166.1, 179.6), ("Väl", 183.1, 198.5),
                ("fungerande", 201.0, 255.0), ("satsning.", 257.5, 300.0)], 380.9, 10.0),
        _wline([("43.", 166.1, 179.4), ("Regelbunden", 183.1, 244.8),
                ("redovisning.", 247.3, 305.0)], 414.3, 10.0),
        _wline([("Förbättringsmöjl", 63.6, 151.9), ("44.", 166.1, 179.8), ("Följ", 183.1, 200.5),
                ("upp", 203.0, 221.2), ("uppföljningen", 223.7, 289.9), ("av", 292.4, 303.2)],
               509.0, 10.0),
        on(_wline([("igheter", 63.6, 101.1), ("tillgänglighet.", 183.1, 245.3)], 58.9, 10.0), 2),
        on(_wline([("45.", 166.1, 179.6), ("Se", 183.1, 193.4), ("över", 195.9, 216.4),
                   ("strategin.", 218.9, 260.7)], 107.5, 10.0), 2),
    ]  # fmt: skip
    pages = [PageText(n, 420, 595, [ln for ln in lines if ln.page == n]) for n in (1, 2)]
    split_row_titles(pages)
    every = [ln for page in pages for ln in page.lines]
    found = find_findings(every, {p.number: p for p in pages}, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == [
        "Väl fungerande satsning.",
        "Regelbunden redovisning.",
    ]
    assert [i.text for i in found.improvements] == [
        "Följ upp uppföljningen av tillgänglighet.",
        "Se över strategin.",
    ]


def test_a_label_glued_to_an_item_that_starts_with_a_number_follows_the_list() -> None:
    """Fresh seed 4003 case 149 (labels wider than the list's tab, glued to their items):
    "25.Tydlig delegation …" then "26.12 av 14 chefer …" and "83.”Ungdomsinitiativet” …".
    `strip_label` reads "26.12" as a number and "83.”" as no label, so each item ran into
    the one before (seed 4003 case 493: "75.10-gruppen …", an improvements list's first
    item, numbered on from the strengths). A line that starts with the number between the
    list's labels before and after it, glued to a number or a quotation mark, has that
    label (`_glued_before_numbers`)."""

    lines = [
        _wline([("Förbättringsområden", 51.1, 150.0)], 88.0, 10.0),
        _wline([("24.10-gruppen", 51.1, 120.0), ("i", 123.0, 126.0), ("inlandet.", 129.0, 170.0)],
               104.0, 10.0),
        _wline([("25.Tydlig", 51.1, 100.0), ("delegation.", 103.0, 160.0)], 116.0, 10.0),
        _wline([("26.12", 51.1, 80.0), ("av", 83.0, 95.0), ("14", 98.0, 110.0),
                ("chefer", 113.0, 145.0), ("har", 148.0, 165.0), ("genomgått", 168.0, 220.0),
                ("kommunens", 223.0, 280.0), ("ledarutbildning", 283.0, 360.0), ("och", 363.0, 380.0),
                ("fler", 383.0, 400.0), ("kurser", 403.0, 435.0), ("följer", 438.0, 470.0)],
               128.0, 10.0),
        _wline([("snart.", 51.1, 80.0)], 140.0, 10.0),
        _wline([("27.”Ungdomsinitiativet”", 51.1, 170.0), ("och", 173.0, 190.0),
                ("pizzakväll.", 193.0, 250.0)], 152.0, 10.0),
        _wline([("Kommentar", 51.1, 110.0)], 180.0, 12.0),
    ]  # fmt: skip
    found = _read_findings(lines, 595, 842)
    assert [i.text for i in found.improvements] == [
        "10-gruppen i inlandet.",  # the list's first item: the label after it decides
        "Tydlig delegation.",
        "12 av 14 chefer har genomgått kommunens ledarutbildning och fler kurser följer snart.",
        "”Ungdomsinitiativet” och pizzakväll.",
    ]


def test_a_paragraph_left_of_where_the_lists_paragraphs_begin_is_no_item() -> None:
    """Fresh seed 4003 damaged case 166 (`floating_item`): a strength moved into a floating
    text box that LibreOffice drew under the improvements' column, 10 pt left of it. The
    list has no labels, and the box's paragraph began at the column's left edge as the
    lines measure it (its own), so it was read as one more improvement: every word read, in
    the wrong field, `complete: true`. A paragraph that begins left of where every earlier
    paragraph of the list on its page began is outside the list (`_Column._outside`)."""

    lines = [
        _wline([("Förbättringsområden", 410.3, 503.0)], 184.4, 10.0),
        _wline([("Dokumentera", 410.3, 464.7), ("uppföljningen", 467.2, 523.3)], 205.7, 10.0),
        _wline([("Se", 410.3, 420.2), ("över", 422.8, 440.5), ("målen", 443.1, 467.5)], 248.3, 10.0),
        _wline([("Tydliggör", 410.3, 450.2), ("stödet.", 452.8, 476.6)], 291.0, 10.0),
        _wline([("Tydlig", 400.2, 426.8), ("uppföljning.", 429.3, 476.1)], 363.0, 10.0),
        _wline([("Kommentar", 71.0, 140.0)], 400.0, 12.0),
    ]  # fmt: skip
    found = _read_findings(lines, 842, 595)
    assert [i.text for i in found.improvements] == [
        "Dokumentera uppföljningen",
        "Se över målen",
        "Tydliggör stödet.",
    ]


def test_a_box_below_newspaper_columns_begun_far_into_the_page_is_no_item() -> None:
    """Fresh seed 4012 damaged case 74 (`floating_item`, landscape A4, the findings in
    newspaper columns at 71 and 435; the boxes as printed): the improvements went on from the
    left column into the right one, and LibreOffice drew the floating box under the columns,
    at x = 425, 10 pt left of the right column. The layout ends the columns above it, so its
    two lines were the page's full width (column 0), a column of their own measured by
    themselves: they began at its edge and went on the last improvement's list, `complete:
    true`. Column 0 is the page's full width, as wide as the page's newspaper columns
    (`findings._full_width`): a line begun half-way into it is no line of the list
    (`_Column._mid_column`); left unread, the ledger says so. A list that goes on below the
    columns at the page's edge still goes on."""
    from parsers.findings import find_findings

    def read(box_x: float) -> list[str]:
        def line(text: str, x0: float, x1: float, top: float, column: int) -> Line:
            """The words of `text` spread from x0 to x1 (where the printed line began and
            ended), 10 pt type, in text column `column`."""
            words = text.split()
            step = (x1 - x0) / len(words)
            ln = _wline(
                [(w, x0 + k * step, x0 + (k + 1) * step - 3) for k, w in enumerate(words)],
                top,
                10.0,
            )
            ln.column = column
            return ln

        lines = [
            line("Styrkor", 71.0, 104.0, 72.2, 1),
            line("Underhållning, gudstjänster.", 71.0, 182.0, 93.5, 1),
            line("Förbättringsområden", 71.0, 164.0, 118.8, 1),
            line("Utveckla arbetet med lönekartläggning och säkerställ att för", 71.0, 403.0, 140.1, 1),
            line("resultatet ger", 435.2, 495.0, 72.2, 2),
            line("Eventuellt använda från Bitstream för att utveckla arbetsformerna", 435.2, 758.0, 97.5, 2),
            line("kring processer.", 435.2, 500.0, 114.8, 2),
            line("Tydligare formuleringar i", box_x, box_x + 102, 193.7, 0),  # the box
            line("innehåll har", box_x, box_x + 48, 211.0, 0),
        ]  # fmt: skip
        page = PageText(1, 842, 595, lines)
        found = find_findings(page.lines, {1: page}, lambda i: 1)[1]
        return [i.text for i in found.improvements]

    assert read(425.2) == [
        "Utveckla arbetet med lönekartläggning och säkerställ att för resultatet ger",
        "Eventuellt använda från Bitstream för att utveckla arbetsformerna kring processer.",
    ]
    assert read(71.0)[-1] == "Tydligare formuleringar i innehåll har"


def test_a_findings_title_in_lower_case_alone_on_a_cells_line_is_no_heading() -> None:
    """Fresh seed 4003 case 44 (A5, a question cell 110 pt wide): "… institutioner. Till" /
    "utpekade" / "förbättringsområden" / "blir det naturligt för …". The line of one word was
    read as an improvements heading, and 50 lines of score tables and prose became area 1's
    improvements. A heading starts with a capital (`header_kind`)."""
    from parsers.findings import header_kind

    assert header_kind(_line([("förbättringsområden", 86.5)], 496.8)) is None
    assert header_kind(_line([("Förbättringsområden", 86.5)], 496.8)) == "improvements"
    assert header_kind(_line([("FÖRBÄTTRINGSOMRÅDEN", 86.5)], 496.8)) == "improvements"


def test_an_item_may_begin_with_a_number_after_a_page_break() -> None:
    """Fresh seed 4003 case 74 (tagged, unlabelled items, A5): an item ends a page
    ("… och kommunstyrelsen."), and the next page begins "10-gruppen (tio kommuner …)", the
    next item. With no spacing to see over the break, only a capital started an item, so
    the two were one (said as `readings_differ`). A number starts an item after a sentence's
    end; inside a sentence ("… från" / "2013.") it goes on (`_starts_item`)."""
    from parsers.findings import _starts_item

    assert _starts_item("… i kommunfullmäktige och kommunstyrelsen.", "10-gruppen (tio kommuner")
    assert not _starts_item("… en mycket detaljerad rekryteringspolicy från", "2013. Ett")
    assert _starts_item("… sker budgetering.", "Kommunen arbetar")


def test_findings_titled_in_a_left_column_read_as_headed_lists() -> None:
    """Fuzzer generation 4 (`findings_titles="left"`, seed 4001 case 30): the findings as one
    table whose titles are row headers in a narrow left column, "Styrkor" beside the
    strengths and, in the row below, "Förbättringsmöjl" / "igheter" broken inside the word
    beside the improvements. No line was a findings heading, so every finding was lost.
    Each title is set on a line of its own above its row's text (`split_row_titles`)."""
    from parsers.findings import split_row_titles

    lines = [
        _line([("Styrkor", 71.0), ("5.", 172.0), ("Regelbunden", 194.0), ("modell.", 260.0)], 100),
        _line([("6.", 172.0), ("Tydlig", 194.0), ("rapportering.", 240.0)], 116),
        _line([("Förbättringsmöjl", 71.0), ("10.", 178.0), ("Se", 194.0), ("över", 209.0)], 136),
        _line([("igheter", 71.0), ("uppföljningen.", 194.0)], 152),
        _line([("11.", 178.0), ("Tydliggör", 194.0), ("inflytandet.", 254.0)], 168),
        _line([("Kommentar", 71.0)], 190),
    ]
    page = PageText(1, 595, 842, lines)
    split_row_titles([page])
    assert [ln.text for ln in page.lines] == [
        "Styrkor",
        "5. Regelbunden modell.",
        "6. Tydlig rapportering.",
        "Förbättringsmöjligheter",
        "10. Se över",
        "uppföljningen.",
        "11. Tydliggör inflytandet.",
        "Kommentar",
    ]
    # a side-by-side header row, a word in running text and a justified line that begins in
    # lower case (pinned g3-a5-bold-lead-ins-alone-in-interleaved-cells: "förbättringsområden
    # ‹stretched› blir det …") are no row titles
    lower = PageText(
        1,
        595,
        842,
        [
            _line([("förbättringsområden", 71.0), ("blir", 194.0)], 100),
            _line([("det", 194.0)], 114),
        ],
    )
    split_row_titles([lower])
    assert [ln.text for ln in lower.lines] == ["förbättringsområden blir", "det"]
    header = _line([("Styrkor", 71.0), ("Förbättringsområden", 320.0)], 100)
    prose = _line([("Styrkor", 71.0), ("och", 120.0), ("svagheter", 145.0)], 120)
    other = PageText(1, 595, 842, [header, prose])
    split_row_titles([other])
    assert [ln.text for ln in other.lines] == [header.text, prose.text]


def test_titles_of_rows_read_as_a_left_column_go_back_in_row_order() -> None:
    """Seed 4001 (generation 4) case 13: the row-titled findings table with the titles in a
    column wide enough for them; the layout reads it as two columns (the titles' column,
    then the text's), so "Styrkor" and "Förbättringsområden" came first and every strength
    went to the improvements. A left column of findings titles only is the titles of the
    table's rows: each goes back before the lines of its row (`_rows_of_titled_columns`).
    And seed 4001 case 26: a row begun at a page's foot ("Styrkor a) Bättre …") goes on over
    the page; its cell's edge is on the next page (`_cell_edge`)."""
    from parsers.findings import split_row_titles

    def col(words: list[tuple[str, float]], top: float, column: int, page: int = 1) -> Line:
        ln = _line(words, top)
        return Line(ln.words, page, column)

    lines = [
        col([("Styrkor", 91.0)], 100, 1),
        col([("Förbättringsområden", 91.0)], 160, 1),
        col([("-", 262.0), ("En", 279.0), ("funktion.", 298.0)], 100, 2),
        col([("-", 262.0), ("Pris", 279.0), ("för", 304.0), ("integration.", 325.0)], 130, 2),
        col([("-", 262.0), ("Verksamhetschefer", 279.0), ("kan", 400.0)], 160, 2),
        col([("delegation.", 262.0)], 176, 2),
    ]
    page = PageText(1, 595, 842, lines)
    split_row_titles([page])
    assert [ln.text for ln in page.lines] == [
        "Styrkor",
        "- En funktion.",
        "- Pris för integration.",
        "Förbättringsområden",
        "- Verksamhetschefer kan",
        "delegation.",
    ]
    foot = PageText(
        1, 595, 842, [_line([("Styrkor", 91.0), ("a)", 182.0), ("Bättre", 204.0)], 780)]
    )
    top = [_line([("mönster", 204.0), ("under", 246.0)], 95), _line([("år.", 204.0)], 110)]
    head = PageText(2, 595, 842, [Line(ln.words, 2) for ln in top])
    split_row_titles([foot, head])
    assert [ln.text for ln in foot.lines] == ["Styrkor", "a) Bättre"]


def test_a_score_table_below_columns_starts_no_region() -> None:
    """Fresh seed 3021 case 162: the page after newspaper columns begins with a score table
    ("2. Tillgänglighet och brukarorientering ‹gap› Uppnått Max Procent", its rows' numbers
    on lines of their own). Its gap lies in the previous page's gutter and its rows keep
    a strip white, so a region began there (`_carried_gutter`, `_lined_up_gutter`), was
    refused as one text, and the refusal covered the findings' real columns below it. The
    columns going on start where the right column did (`carry`'s edge), and a table's rows
    (number cells, lines of numbers) start none."""
    from parsers.layout import _carried_gutter, _lined_up_gutter

    page = _page_of_rows(
        {
            73.1: "2.@71.0:79.0 Tillgänglighet@81.0:137.0 och@139.0:154.0 "
            "brukarorientering@156.0:229.8 Uppnått@332.0:370.0 Max@408.0:428.0 "
            "Procent@469.0:505.0",
            87.8: "på@71.0:80.0 webbplatsen,@83.0:137.0 på@140.0:150.0 Facebook@153.0:190.0",
            100.0: "skickas@71.0:98.0 till@101.0:111.0 invånarna@114.0:152.0",
            120.8: "10@344.0:354.0 10@412.0:422.0 100@473.0:488.0 %@490.0:497.0",
            126.9: "över-@71.0:91.0 eller@94.0:112.0 underskott@115.0:158.0",
        }
    )
    assert _carried_gutter(page.lines, 0, (282.65, 311.9)) is None
    assert _lined_up_gutter(page.lines, 0, 10.0) is None


def test_a_score_table_with_a_column_of_question_ids_names_its_area() -> None:
    """Fuzzer generation 4 (`question_column`): "Nr ‹cell› 1 Offentlighet och dialog ‹…›
    Poäng Max %". The id column's title was read into the area's name ("Nr 1 Offentlighet
    …", no area number). A first word in a cell of its own that is no area number is the
    title of the ids' column."""
    from parsers.scores import find_tables

    header = _wline(
        [("Nr", 60.0, 72.0), ("1", 100.0, 105.0), ("Offentlighet", 108.0, 160.0),
         ("och", 163.0, 178.0), ("dialog", 181.0, 208.0), ("Poäng", 400.0, 428.0),
         ("Max", 450.0, 468.0), ("%", 500.0, 508.0)], 100.0, 10.0)  # fmt: skip
    row = _wline(
        [("1.1", 60.0, 73.0), ("Finns", 100.0, 125.0), ("en", 128.0, 138.0), ("plan?", 141.0, 165.0),
         ("7", 410.0, 415.0), ("15", 455.0, 465.0), ("47%", 498.0, 514.0)], 116.0, 10.0)  # fmt: skip
    (table,) = find_tables(PageText(1, 595, 842, [header, row]).lines)
    assert (table.area_number, table.name) == (1, "Offentlighet och dialog")
    assert [(q.id, q.text) for q in table.questions] == [("1.1", "Finns en plan?")]


def test_a_score_table_above_newspaper_columns_is_no_part_of_them() -> None:
    """Fresh seed 4002 case 240 (generation 4): a score table ends at the page's top, then
    the findings in newspaper columns. The table's header "Uppnått" starts where the right
    column does (338 pt), so the region was extended up over the table (its rows leave the
    gutter white), then refused as one text: the columns were lost (6 texts). A table's row
    (a line of numbers, a row ending in a number cell) is no line of a region above it."""
    page = _page_of_rows(
        {
            70.7: "Nr@71.0:84.2 5.@107.8:118.5 Resultat@122.0:169.2 och@172.7:192.6 "
            "effektivitet@196.1:258.8 Uppnått@336.6:382.4 Max@418.5:441.6 Procent@478.7:522.4",
            86.5: "5.5@71.0:86.8 Har@107.8:125.5 kommunen@128.7:185.2 tydliga@188.4:222.5 "
            "mål@225.7:244.4 för@247.6:261.3 2@356.3:362.7 10@423.7:436.4 20%@489.5:511.7",
            99.9: "lönesättning@107.8:170.1 och@173.2:191.2 belöning@194.4:237.5 av@240.7:252.8",
            113.2: "prestationer?@107.8:174.4",
            129.1: "24@352.6:366.4 100@419.6:440.4 24%@488.6:512.5",
            168.1: "Styrkor@71.0:114.5 och@118.4:139.8 förbättringsområden@143.6:268.1",
            184.4: "Styrkor@71.0:112.8 kompetens-@338.3:397.7 och@400.8:418.8 "
            "medarbetarutveckling@421.9:532.8 i@535.9:538.7",
            197.7: "–@71.0:76.0 Tydlig@89.0:119.2 uppföljning@122.4:178.4 av@181.5:193.6 "
            "ungdomars@196.8:253.4 dialog@338.3:368.7 med@371.9:394.1 de@397.3:409.8 "
            "fackliga@412.9:451.9 organisationerna@455.1:540.0",
            211.1: "inflytande@89.0:139.2",
            214.1: "–@320.3:325.3 Förtydliga@338.3:388.4 stödet@391.6:423.3 till@426.4:438.7 "
            "föreningslivet.@441.8:513.4",
            227.4: "Förbättringsområden@71.0:191.6",
            230.4: "–@320.3:325.3 Utveckla@338.3:381.8 målen@385.0:416.0 för@419.2:432.9 "
            "ungdomars@436.1:492.8",
            240.8: "–@71.0:76.0 Dokumentera@89.0:157.4 dialogen@160.6:203.6 kring@206.7:232.0",
            243.8: "inflytande@338.3:388.5 samt@391.7:416.7 koppla@419.8:453.2 detta@456.4:482.9",
            254.1: "föreningslivet@89.0:157.4 i@160.5:163.3 samtliga@166.5:209.5 "
            "förvaltningar@212.7:277.2",
            257.1: "budgetprocessen.@338.3:428.0",
        },
        size=10.5,
    )
    split_columns(page)
    assert [ln.column for ln in page.lines[:5]] == [0] * 5  # the table
    left = [ln.text for ln in page.lines if ln.column == 1]
    assert left[:3] == [
        "Styrkor och förbättringsområden",
        "Styrkor",
        "– Tydlig uppföljning av ungdomars",
    ] or left[:2] == ["Styrkor", "– Tydlig uppföljning av ungdomars"]
    assert "Förbättringsområden" in left


def test_a_number_ending_at_the_text_cells_edge_is_the_questions() -> None:
    """Fresh seed 4008 case 164 (justified question cells 76 pt wide in an A5 table; the
    boxes as printed): "mäktiges ‹8.6› 21" is the second line of "5.6 Kommunfullmäktiges 21
    mål är idag …", its numbers "1 20 5" twelve lines lower. The "21" stood right of the
    score columns' boundary (half a column pitch left of "Poäng") after a stretched space, the
    only number on its line: it was read as the points, and the row's own "1 20 5" then found
    points taken and were dropped (max and percent missing, the text without its "21"). The
    other text lines of the table end at 162.6 pt, where the "21" ends: a number inside the
    question cells' width is text, whatever its space before (`scores._in_text_cell`)."""
    from parsers.scores import find_tables

    size = 11.5
    rows = [
        [
            ("Nr", 49.7, 65.0),
            ("5", 86.5, 94.5),
            ("Resultat", 108.3, 162.6),
            ("Poäng", 180.6, 221.0),
            ("Max", 253.0, 279.6),
            ("%", 326.1, 337.6),
        ],
        [("5.5", 49.7, 68.0), ("Många", 86.5, 125.0), ("olika", 135.5, 162.6)],
        [("resultatmått", 86.5, 158.0)],
        [("finns", 86.5, 114.3), ("även", 134.5, 162.6)],
        [("via", 86.5, 103.5), ("länk", 113.9, 138.1), ("till", 148.4, 162.5)],
        [
            ("Kolada.", 86.5, 129.2),
            ("18", 193.5, 208.1),
            ("25", 259.0, 273.6),
            ("72", 324.5, 339.1),
        ],
        [("5.6", 49.7, 68.0), ("Kommunfull", 86.5, 155.7)],
        [("mäktiges", 86.5, 139.4), ("21", 148.0, 162.6)],
        [("mål", 86.5, 107.9), ("är", 117.0, 128.7), ("idag", 137.8, 162.6)],
        [("mätbara.", 86.5, 135.3), ("1", 196.5, 203.0), ("20", 259.0, 273.6), ("5", 328.0, 334.5)],
        [("Totalt", 86.5, 120.0), ("19", 193.5, 208.1), ("45", 259.0, 273.6), ("42", 324.5, 339.1)],
    ]
    lines = [_wline(words, 49.3 + 20.1 * i, size) for i, words in enumerate(rows)]
    (table,) = find_tables(PageText(1, 420, 595, lines).lines)
    assert [(q.id, q.text, q.numbers) for q in table.questions] == [
        (
            "5.5",
            "Många olika resultatmått finns även via länk till Kolada.",
            {"points": 18, "max": 25, "percent": 72},
        ),
        (
            "5.6",
            "Kommunfull mäktiges 21 mål är idag mätbara.",  # glued later
            {"points": 1, "max": 20, "percent": 5},
        ),
    ]


def test_history_years_set_without_a_gap_are_split_into_their_columns() -> None:
    """Fresh seed 4008 case 158 (a history typed with right tabs at 7 pt, the boxes as
    printed): the tab stops stood 20.3 pt apart for years 19.5 pt wide, and the three years
    touched (0.8 pt apart, under a word space): the header's last word was "200020042005",
    no year, so no history was read (`unread_numbers`). A header word of glued years in
    ascending order is those years, each as wide as its digits (`vocabulary.year_columns`)."""
    from parsers.history import find_history

    size = 7.0
    rows = [
        [
            ("Poäng", 63.6, 88.2),
            ("i", 90.7, 93.1),
            ("Kommunkompassen", 95.5, 174.8),
            ("200020042005", 296.1, 356.2),
        ],
    ]
    names = ["Offentlighet", "Tillgänglighet", "Klarhet", "Ledning", "Kontroll"]
    values = [(15, 28, 62), (68, 56, 45), (22, 67, 31), (72, 74, 62), (39, 79, 36)]
    for n, (name, row) in enumerate(zip(names, values, strict=True), 1):
        cells = [(str(v), x, x + 8.9) for v, x in zip(row, (306.6, 326.9, 347.3), strict=True)]
        rows.append([(f"{n}.", 63.6, 70.2), (name, 72.5, 114.1), *cells])
    lines = [_wline(words, 323.3 + 14.2 * i, size) for i, words in enumerate(rows)]
    history = find_history(PageText(1, 420, 595, lines).lines)
    assert history is not None and history.years == [2000, 2004, 2005]
    assert [(c.year, c.area_number, c.points) for c in history.cells[:6]] == [
        (2000, 1, 15),
        (2000, 2, 68),
        (2000, 3, 22),
        (2000, 4, 72),
        (2000, 5, 39),
        (2004, 1, 28),
    ]


def test_an_acronym_after_a_sentences_end_starts_an_item_over_a_column_break() -> None:
    """Fresh seed 4013 case 87 (tagged, newspaper columns): the left column closed an item
    with "… som tillämpas konsekvent i den egna organisationen." and the right one opened the
    next with "KKiK-resultaten redovisas …"; a word in capitals was never taken to start an
    item, so the two became one (and "HME-enkäten används …" the same way). An acronym starts
    an item where a number does: after a sentence's end; inside a sentence it goes on
    (`_starts_item`)."""
    from parsers.findings import _starts_item

    assert _starts_item("… i den egna organisationen.", "KKiK-resultaten redovisas i")
    assert _starts_item("… för att stimulera ökad motion.", "HME-enkäten används för att")
    assert not _starts_item("… följs upp med stöd av", "HME-enkäten och redovisas")
    assert not _starts_item("… i årsredovisningen och", "KKiK-resultaten redovisas")


def test_a_lower_case_line_the_left_lists_last_line_had_room_for_goes_on_the_right_list() -> None:
    """Fresh seed 4013 case 236 (newspaper columns under "Styrkor" and the improvements' title
    side by side; items without full stops): the strengths ended at the left column's foot
    with "Årlig redovisning av lokala företag", a short line, and the improvements' last item
    at the right column's foot in mid-sentence; the next page's left column opened with
    "exempelvis genom e-tjänster …", read as one more strength, silently. A wrapped line is
    full: "exempelvis" would have fitted after "företag", so the strength had ended there and
    the lower-case line can only go on the improvement that was still open
    (`findings._by_text`)."""
    from parsers.findings import _Column, _flows_on

    def cols(last_left: list[tuple[str, float]]) -> tuple[_Column, _Column]:
        left, right = _Column([]), _Column([])
        left.add(
            _line([("Tydlig", 71), ("uppföljning", 112), ("förbättringsarbetet", 200)], 700).words,
            1,
        )
        left.add(_line(last_left, 742).words, 1)
        for top, first in ((716.0, "Stärk"), (729.0, "vilket"), (742.0, "uppskattas")):
            right.add(
                _line(
                    [(first, 340), ("chefer", 410), ("och", 452), ("medarbetare", 476)], top
                ).words,
                1,
            )
        left.flush(continues=False)
        right.flush(continues=False)
        return left, right

    page = (
        [_line([("exempelvis", 71), ("genom", 137), ("sociala", 175), ("medier", 222)], 70).words],
        [_line([("medarbetarutveckling", 340), ("med", 466), ("fokus", 490)], 70).words],
    )
    assert _flows_on(
        *cols([("Årlig", 71), ("redovisning", 110), ("av", 182), ("företag", 200)]), *page
    )
    # the strength's last line full, no room for "exempelvis": the strength goes on there
    full = [
        ("Årlig", 71),
        ("redovisning", 110),
        ("av", 182),
        ("företag", 200),
        ("i", 250),
        ("alla", 262),
    ]
    assert not _flows_on(*cols(full), *page)


def test_a_right_label_following_the_left_columns_last_in_one_row_flows_on() -> None:
    """Fresh seed 4013 case 178 (newspaper columns under side-by-side titles, Word's "1)"
    numbering): the strengths "1)"–"6)" filled the left column and the improvements "1)"–"6)"
    the right one; the next page began "7) Samordna …" at the left and "8) Utveckla …" beside
    it. "8)" follows the left column's "7)", not the right list's "6)", but was printed in the
    same row, which a table numbered from cell to cell also does, so "7) Samordna …" was read
    as a seventh strength. Two lists each numbered on its own run on the page before were no
    numbering from cell to cell: the page goes on with the improvements (`_flows_on`)."""
    from parsers.findings import _Column, _flows_on

    def cols(right_labels: tuple[str, ...]) -> tuple[_Column, _Column]:
        left, right = _Column([]), _Column([])
        for k, top in enumerate((357.0, 418.0, 465.0, 497.0, 543.0, 604.0)):
            left.add(
                _line([(f"{k + 1})", 71), ("Ambitiös", 88), ("samverkan.", 140)], top).words, 1
            )
        for label, top in zip(
            right_labels, (357.0, 433.0, 479.0, 555.0, 616.0, 648.0), strict=True
        ):
            right.add(_line([(label, 320), ("Inför", 337), ("dialogen.", 370)], top).words, 1)
        left.flush(continues=False)
        right.flush(continues=False)
        return left, right

    page = (
        [_line([("7)", 71), ("Samordna", 88), ("stödet", 151)], 70).words],
        [_line([("8)", 320), ("Utveckla", 337), ("dialogen", 400)], 70).words],
    )
    assert _flows_on(*cols(("1)", "2)", "3)", "4)", "5)", "6)")), *page)
    # a table numbered from cell to cell ("2)", "4)", … at the right): its next row
    assert not _flows_on(*cols(("2)", "4)", "6)", "8)", "10)", "12)")), *page)


def test_a_word_broken_in_a_narrower_score_table_than_the_reports_widest_is_joined() -> None:
    """Fresh seed 4013 case 181: area 1's question column ended at 135 pt on page 4 and at
    193 pt under its header repeated on page 5, area 8's at 204 pt; "tjänstemannagrupp"
    filled its line on page 4 ("… i" / "tjänstemannagrupp" / "en. Enhetschefer …") but the
    edge was taken over the whole report, so the word stayed broken ("tjänstemannagrupp
    en."). Each table's lines on each page show its own edge (`scores.glue_broken_words`)."""
    from collections import Counter

    from parsers.scores import QuestionRow, glue_broken_words

    def row(qid: str, lines: list[tuple[str, float, int]]) -> QuestionRow:
        return QuestionRow(
            qid,
            [t for t, _, _ in lines],
            page=lines[0][2],
            top=0.0,
            bottom=0.0,
            ends=[(x1, " " not in t, 5.3, page) for t, x1, page in lines],
        )

    narrow = [
        row("1.1", [("På", 69.0, 4), ("enkel projektmodell", 135.0, 4)]),
        row(
            "1.2",
            [
                ("Denna sprids", 122.5, 4),
                ("dock endast i", 103.5, 4),
                ("tjänstemannagrupp", 134.1, 4),
                ("en. Enhetschefer", 122.5, 4),
            ],
        ),
        row("1.4", [("Tydlig", 86.0, 4), ("möjlighet för brukarna att tycka", 193.0, 5)]),
    ]
    wide = [row("8.3", [("En utvecklingsmöjlighet är att", 204.2, 30)])]
    glue_broken_words([narrow, wide], 11.5, Counter())
    assert narrow[1].text == "Denna sprids dock endast i tjänstemannagruppen. Enhetschefer"


def test_a_lone_number_at_a_pages_foot_that_is_no_page_number_stays_in_the_body() -> None:
    """Fresh seed 4013 case 149 (A5, tagged): a total row's label cell wrapped, "Summa område"
    / "7", and the "7" stood low on the page, inside the band where footers stand; a bare
    number there was taken for a page number, though the page's footer printed "47 (56)".
    The tag reading then missed a line of its table and read the whole report from the
    layout. Page numbers go up with the pages: a bare number is one when its distance to
    the page's place in the file is that of other pages' page numbers (`footer._page_offsets`)."""
    from pathlib import Path

    from parsers import footer
    from parsers.pdf import Document

    pages = []
    for n in (45, 46, 47, 48):
        row = [("Summa", 36.0, 70.0), ("område", 73.0, 110.0), ("66", 190.0, 202.0)]
        body = [
            _wline(
                [*row, ("100", 230.0, 248.0), ("66", 280.0, 292.0), ("%", 295.0, 302.0)],
                500.5,
                11.0,
            )
        ]
        if n == 47:
            body.append(_wline([("7", 36.0, 42.0)], 521.5, 11.0))
        foot = _wline(
            [
                ("Sveriges", 36.0, 80.0),
                ("Kommuner", 83.0, 130.0),
                (str(n), 300.0, 312.0),
                (f"({56})", 315.0, 335.0),
            ],
            547.8,
            9.0,
        )
        pages.append(
            PageText(n, 420, 595, [*(Line(b.words, n) for b in body), Line(foot.words, n)])
        )
    doc = Document(Path("x.pdf"), "0" * 64, pages)
    footer.strip_furniture(doc)
    assert [ln.text for ln in doc.lines if ln.page == 47] == ["Summa område 66 100 66 %", "7"]
    # bare page numbers: the one at another height is a page number all the same
    pages = []
    for n in (3, 4, 5, 6):
        body = [_wline([("Text", 36.0, 70.0)], 300.0, 11.0)]
        num = _wline([(str(n - 2), 200.0, 206.0)], 560.0 if n != 5 else 540.0, 9.0)
        pages.append(PageText(n, 420, 595, [Line(body[0].words, n), Line(num.words, n)]))
    doc = Document(Path("x.pdf"), "0" * 64, pages)
    footer.strip_furniture(doc)
    assert [ln.text for ln in doc.footer_lines] == ["1", "2", "3", "4"]


def test_a_cell_beside_its_rows_other_cell_going_on_over_a_page_break_goes_on_too() -> None:
    """Fresh seed 4013 case 212 (a side-by-side findings table, one item per row, rows split
    by a page break): the last row held "En digitaliseringsstrategi … rationaliseringsarbetet."
    at the left and "En whistleblower-funktion … Kommunkompassen utvärderar inte" at the
    right; on the next page "Kommunkompassen Kommunkompassen är ett verktyg …" at the left
    stood beside "verksamhetens resultat utan …" at the right. The left line, capitalised
    after a full stop, was read as a new strength. But the right cell goes on (lower case
    after an open sentence), so the row was split, and a new row cannot start beside a row
    that goes on: the left line is its cell's too (`findings._row_goes_on`)."""
    from parsers.findings import AreaFindings, _read_sides

    def row(left: list[str], right: list[str], top: float, page: int) -> Line:
        words = [(t, 91.0 + 40 * k) for k, t in enumerate(left)]
        words += [(t, 396.0 + 40 * k) for k, t in enumerate(right)]
        return at(page, _line(words, top, 11.0))

    def page6(right_waits: bool) -> list[Line]:
        second = 431.0 if right_waits else 400.0  # the right's next item: after the row?
        return [
            row(
                ["Fortsätta", "arbetet", "med", "att", "via"], ["Sölvesborgidrotten", "i"], 380.0, 6
            ),
            row(["effektivisera", "kommunens", "administration"], [], 395.0, 6),
            row(["serviceutbud."], [], 410.0, 6),
            row(["Utveckla", "arbetet", "med", "att", "via"], [], 431.0, 6),
            row([], ["Sölvesborgidrotten", "i", "samverkan."], second, 6),
            row(
                ["En", "digitaliseringsstrategi", "det", "traditionella"],
                ["En", "whistleblower", "finns", "för"],
                485.0,
                6,
            ),
            row(
                ["ekonomiskt", "drivna", "rationaliseringsarbetet."],
                ["förtroendevalda.", "Kommunkompassen", "inte"],
                500.0,
                6,
            ),
        ]

    page7 = [
        row(
            ["Kommunkompassen", "Kommunkompassen", "är", "ett", "verktyg"],
            ["verksamhetens", "resultat", "utan", "sättet"],
            102.0,
            7,
        ),
        row(
            ["för", "utvärdering", "och", "analys", "arbeta."],
            ["administrera", "kommunen", "samt"],
            117.0,
            7,
        ),
        row([], ["Bättre", "marknadsföring", "av", "existerande"], 169.0, 7),
    ]
    found = AreaFindings()
    _read_sides([(6, page6(right_waits=True), 390.0), (7, page7, 390.0)], found, 4.0)
    assert [it.text for it in found.strengths][-1] == (
        "En digitaliseringsstrategi det traditionella ekonomiskt drivna rationaliseringsarbetet."
        " Kommunkompassen Kommunkompassen är ett verktyg för utvärdering och analys arbeta."
    )
    assert len(found.strengths) == 3
    assert [it.text[:6] for it in found.improvements] == ["Sölves", "Sölves", "En whi", "Bättre"]
    assert found.improvements[2].text.endswith(
        "inte verksamhetens resultat utan sättet administrera kommunen samt"
    )
    # a table of one cell per list: the right's next item followed its own list's last, not
    # the row; the left line at the page's top is its own paragraph, as its capital says
    found = AreaFindings()
    _read_sides([(6, page6(right_waits=False), 390.0), (7, page7, 390.0)], found, 4.0)
    assert found.strengths[-1].text.startswith("Kommunkompassen Kommunkompassen")


def test_a_number_misread_at_the_labels_edge_of_a_numbered_list_is_a_label() -> None:
    """Scan of wp-newspaper-columns-word-numbered-lists-continuing p. 6 (OCR): Word's "20.",
    "21." and "25." came out "20:", "2" and "25:", no labels, so their items ran into the ones
    before ("Årlig modell för lokala företag 20: Gemensam rapportering …"). A number-like word
    that starts where the list's labels start, left of the edge its text lines start at, is
    one of them (`findings._labels_by_place`); a number at the text's edge is text."""
    from parsers.findings import _labels

    def line(words: list[tuple[str, float]], top: float) -> tuple[list, tuple[int, int]]:
        return (_line(words, top).words, (6, 1))

    pending = [
        line([("19.", 51), ("Årlig", 72), ("modell", 110)], 435),
        line([("20:", 51), ("Gemensam", 72), ("rapportering", 130)], 454),
        line([("brukarundersökningar", 72), ("och", 200)], 469),
        line([("2", 51), ("Väl", 72), ("fungerande", 100)], 552),
        line([("22.", 51), ("Etablerad", 72), ("struktur", 140)], 600),
        line([("15", 72), ("kommuner", 90), ("deltar.", 150)], 616),
    ]
    assert [label for label, _ in _labels(pending, None, False)] == [
        "19.",
        "20:",
        None,
        "2",
        "22.",
        None,
    ]
    assert _labels(pending, None, False)[1][1] == "Gemensam rapportering"


def test_a_number_misread_where_the_right_columns_labels_start_keeps_the_columns() -> None:
    """Scan of wp-newspaper-columns-word-numbered-lists-continuing (OCR): the right-hand
    newspaper column's Word numbering "22.", "25.", "26." came out "22.", "25:" and "26.".
    "25:" is no label by its reading, and it starts left of the edge its column's text
    lines start at, with a later word at that edge: the strip looked like a stretched space
    in one column and the page stayed one column, each line mixing the two columns' texts.
    A number-like word that starts where the region's labels start is one of them
    (`layout._at_labels`), and the columns stand."""
    region = [
        ("Kommunen har", "22. Etablerad struktur", 100),
        ("arbetat med", "för uppföljning.", 114),
        ("målen under", "25: Gemensam rapportering", 128),
        ("året.", "av resultaten.", 142),
        ("Det finns en plan", "26. Tydliga mål", 156),
        ("för arbetet.", "för verksamheten.", 170),
    ]

    def words(text: str, x: float) -> list[tuple[str, float, float]]:
        out = []
        for w in text.split():
            if w[0].isdigit():  # the label at the list's edge, its text at the tab stop
                out.append((w, 312.0, 325.0))
                x = 333.0
                continue
            out.append((w, x, x + 6.0 * len(w)))
            x += 6.0 * len(w) + 3.0
        return out

    page = PageText(
        1, 612, 792, [_wline(words(a, 51.0) + words(b, 333.0), top, 10.0) for a, b, top in region]
    )
    split_columns(page)
    assert [ln.text for ln in page.lines if ln.column == 2] == [
        "22. Etablerad struktur",
        "för uppföljning.",
        "25: Gemensam rapportering",
        "av resultaten.",
        "26. Tydliga mål",
        "för verksamheten.",
    ]
    assert [ln.text for ln in page.lines if ln.column == 1][:2] == ["Kommunen har", "arbetat med"]


def test_a_bold_lead_in_running_on_into_a_number_is_no_heading() -> None:
    """Fresh seed 4017 case 795 (tagged, side-by-side findings, lead-ins in bold): a strength
    whose first line is "**Kompetensutveckling:** 2017" read as a heading: its only
    body-weight word is a number, which a heading may carry ("Område 3"). The heading ended
    the strengths, and five of six were lost to prose (`readings_differ`). A bold word ending
    in a colon that runs on into body-weight words is an item's lead-in
    (`typography._lead_in`); a bold line, with its number or its colon, stays a heading."""
    from parsers.typography import BodyStyle, is_heading

    def line(words: list[tuple[str, bool]]) -> Line:
        x, out = 49.7, []
        for text, bold in words:
            out.append(Word(text, x, x + 6.0 * len(text), 216.5, 227.0, 10.5, bold=bold))
            x += 6.0 * len(text) + 2.5
        return Line(out, page=6)

    style = BodyStyle(10.5)
    assert not is_heading(line([("Kompetensutveckling:", True), ("2017", False)]), style)
    assert is_heading(line([("Område", True), ("3", False)]), style)
    assert is_heading(line([("Styrkor:", True)]), style)
    assert is_heading(line([("Ledarskap:", True), ("2017", True)]), style)


def test_a_line_opening_with_an_acronym_goes_on_the_right_lists_open_sentence() -> None:
    """Fresh seed 4017 case 380 (newspaper columns under side-by-side titles, lettered
    lists): the strengths ended at the left column's foot with "b) Genomtänkt analys … /
    webbplatsen.", the improvement "c)" at the right column's foot in mid-sentence ("… med
    stöd av resultaten från"), and the next page's left column opened with "HME-enkäten
    vilket uppskattas …". Only a lower-case line was taken to go on an item, so the line went
    on the finished strength (`readings_differ`). An acronym goes on a sentence as readily as
    it starts one: after a finished strength and an open improvement it goes on the
    improvement (`findings._goes_on`)."""
    from parsers.findings import _Column, _flows_on

    def cols(right_end: str) -> tuple[_Column, _Column]:
        left, right = _Column([]), _Column([])
        left.add(
            _line([("b)", 71), ("Genomtänkt", 92), ("analys", 148), ("av", 177)], 673).words, 1
        )
        left.add(_line([("webbplatsen.", 92)], 688).words, 1)
        right.add(_line([("c)", 320), ("Involvera", 341), ("arbetet", 390)], 673).words, 1)
        right.add(_line([("med", 341), ("stöd", 362), ("av", 386), (right_end, 400)], 688).words, 1)
        left.flush(continues=False)
        right.flush(continues=False)
        return left, right

    page = (
        [_line([("HME-enkäten", 92), ("vilket", 153), ("uppskattas", 178)], 72).words],
        [_line([("d)", 320), ("Samordna", 341), ("kopplingen", 395)], 72).words],
    )
    assert _flows_on(*cols("från"), *page)
    # the improvement finished too: nothing says the line goes on it
    assert not _flows_on(*cols("dem."), *page)
