"""Instrument versions, name matching, version detection and the municipality table."""

from __future__ import annotations

import pytest

from parsers.version import detect
from schema.instruments import instrument, instruments
from schema.kommuner import by_name, find_names, kommuner


def test_four_versions_with_eight_areas_and_themes() -> None:
    assert [i.version for i in instruments()] == ["2002", "2010", "2016", "2019"]
    for inst in instruments():
        assert [a.number for a in inst.areas] == list(range(1, 9))
        assert sorted(a.theme for a in inst.areas) == sorted(
            [
                "democracy",
                "user_focus",
                "governance",
                "leadership",
                "efficiency",
                "employer",
                "improvement",
                "community",
            ]
        )
    # the 2019 revision reorders: area 2 is community development
    assert instrument("2019").area(2).theme == "community"
    assert instrument("2016").area(2).theme == "user_focus"


def test_2016_known_question_maxima_add_up_to_100() -> None:
    for area in instrument("2016").areas:
        assert sum(area.questions.values()) == 100


@pytest.mark.parametrize(
    "printed",
    [
        "Kommunen som arbetsgivare",
        "KOMMUNEN SOM ARBETSGIVARE",
        "Kommunen som arbetsgivare – personalpolitik",
        "Kommunen som arbetsgivare - personalpolitik",
        "Kommun som arbetsgivare",
        "Kommunen som arbetsgivre",  # typo
    ],
)
def test_area_names_match_tolerantly(printed: str) -> None:
    area, _ = instrument("2016").best_area(printed)
    assert area.number == 6


def test_area_name_of_another_area_does_not_match() -> None:
    area = instrument("2016").area(6)
    assert area.match("Kommunen som samhällsbyggare") < 0.85


def test_version_from_names_year_breaks_ties() -> None:
    names_2010 = [
        (n, a.canonical_name) for n, a in ((a.number, a) for a in instrument("2010").areas)
    ]
    # 2010 and 2016 share seven of eight names: "Verksamhetsutveckling" is a 2016 variant too
    assert detect(names_2010, 2012).instrument.version == "2010"
    assert detect(names_2010, 2017).instrument.version == "2016"
    names_2019 = [(a.number, a.canonical_name) for a in instrument("2019").areas]
    assert detect(names_2019, 2015).instrument.version == "2019"
    assert detect([(1, "Ekonomi"), (2, "Skola"), (3, "Vård")], 2016) is None


def test_kommun_table_and_name_forms() -> None:
    assert len(kommuner()) == 290
    norsjo = by_name("Norsjö")
    assert (norsjo.code, norsjo.county) == ("2417", "Västerbottens län")
    for text in ("Norsjö kommun", "Norsjös resultat", "I Norsjö finns"):
        assert find_names(text) == [norsjo]
    assert find_names("NORSJÖ KOMMUN", case_sensitive=False) == [norsjo]
    assert [k.name for k in find_names("Upplands Väsby, Malung-Sälen och Borås")] == [
        "Upplands Väsby",
        "Malung-Sälen",
        "Borås",
    ]
    # common words are not municipalities unless capitalised
    assert find_names("att vara med på en mark") == []
