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
