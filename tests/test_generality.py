"""Issue 21: the generic layout rules, on small inputs (the pinned word-processor fixtures in
tests/fixtures/wp/ hold them on whole reports)."""

from __future__ import annotations

import pytest

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
        # one-column text resumes: it crosses the gutter
        _line([("En", left), ("lång", left + 100), ("rad", left + 200), ("text", right)], 170),
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
        (0, "En lång rad text"),
    ]


def test_a_table_of_text_and_numbers_is_not_split_into_columns() -> None:
    lines = [
        _line([("Offentlighet", 50), ("43", 400), ("48", 450)], 100 + 14 * k) for k in range(4)
    ]
    page = PageText(1, 595, 842, lines)
    split_columns(page)
    assert [ln.column for ln in page.lines] == [0, 0, 0, 0]
