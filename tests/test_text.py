"""Joining wrapped lines and reading printed numbers."""

from __future__ import annotations

import pytest

from parsers.text import document_words, join_lines, number, printed_words, strip_bullet


@pytest.mark.parametrize(
    ("lines", "whole"),
    [
        (
            ["Demokratiberedning, årliga handlingspla-", "ner, utvärdering"],
            "Demokratiberedning, årliga handlingsplaner, utvärdering",
        ),
        (
            ["Läggs stor vikt på kompetens- och medarbetarut-", "veckling?"],
            "Läggs stor vikt på kompetens- och medarbetarutveckling?",
        ),
        (["ett invånar-", "eller brukarperspektiv."], "ett invånar- eller brukarperspektiv."),
        (["synpunkts- och klagomåls-", "hantering"], "synpunkts- och klagomålshantering"),
        (["utöver HME-", "enkäten."], "utöver HME-enkäten."),
        (["Ytterligare e-", "tjänster."], "Ytterligare e-tjänster."),
        (["samverkan med 10-", "gruppen"], "samverkan med 10-gruppen"),
        (["Etik -", "Hur skapas tillit"], "Etik - Hur skapas tillit"),
        (["Helsingborg, Upp-", "lands Väsby"], "Helsingborg, Upplands Väsby"),
        (["Malung-", "Sälen"], "Malung-Sälen"),
        (["soft\u00ad", "hyphen"], "softhyphen"),
        (["KKiK-", "resultaten redovisas"], "KKiK-resultaten redovisas"),
        (["med IT-", "stöd"], "med IT-stöd"),
        (["  extra   spaces ", "", "next"], "extra spaces next"),
    ],
)
def test_join_lines(lines: list[str], whole: str) -> None:
    assert join_lines(lines) == whole


@pytest.mark.parametrize(
    ("elsewhere", "whole"),
    [
        # the document prints the compound whole on another line: its hyphen is its own
        (["Kommunen erbjuder webb-sändningar."], "erbjuder webb-sändningar från"),
        # the document prints the word whole without a hyphen: a hyphenation break
        (["Fler webbsändningar i år."], "erbjuder webbsändningar från"),
        # no evidence for this word, in a document that hyphenates (two other words broken
        # at line ends are printed whole elsewhere): a hyphenation break
        (
            [
                "Om verksamhets-",
                "planeringen och kommunöver-",
                "gripande mål: verksamhetsplaneringen och kommunövergripande.",
            ],
            "erbjuder webbsändningar från",
        ),
        # no evidence, in a document that never shows a hyphenation break (seed 3011 cases 1
        # and 20: "whistleblower-funktion", "Vallentuna-appen"): the compound's own hyphen
        (["Inget om saken."], "erbjuder webb-sändningar från"),
    ],
)
def test_line_end_hyphen_decided_by_the_document(elsewhere: list[str], whole: str) -> None:
    lines = ["erbjuder webb-", "sändningar från"]
    with document_words():
        printed_words([*lines, *elsewhere])
        assert join_lines(lines) == whole
    assert join_lines(lines) == "erbjuder webbsändningar från"  # the scope ended


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("13", 13),
        ("85%", 85),
        ("85 %", 85),
        ("12,5", 12.5),
        ("7.5", 7.5),
        ("abc", None),
        ("1.1.", None),
    ],
)
def test_number_as_printed(token: str, value: float | None) -> None:
    got = number(token)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    ("line", "glyph", "rest"),
    [
        ("• Text", "•", "Text"),
        ("§ Text", "§", "Text"),
        ("– Text", "–", "Text"),
        ("- Text", "-", "Text"),
        ("(cid:127) Text", "•", "Text"),
        ("-tal och mer", None, "-tal och mer"),
        ("Text", None, "Text"),
    ],
)
def test_strip_bullet(line: str, glyph: str | None, rest: str) -> None:
    assert strip_bullet(line) == (glyph, rest)
