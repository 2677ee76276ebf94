"""One municipality lookup for every command: case and diacritics do not matter, and a name
that matches nothing is answered with the closest names."""

from __future__ import annotations

import pytest

from schema.kommuner import UnknownMunicipality, fold, lookup


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("Norsjö", "Norsjö"),
        ("norsjo", "Norsjö"),
        ("NORSJO", "Norsjö"),
        ("Angelholm", "Ängelholm"),
        ("  ängelholm ", "Ängelholm"),
        ("2417", "Norsjö"),
        ("Norsjö kommun", "Norsjö"),
        ("malung salen", "Malung-Sälen"),
        ("upplands vasby", "Upplands Väsby"),
        ("Habo", "Habo"),  # Habo and Håbo both exist: the exact spelling decides
        ("Håbo", "Håbo"),
        ("HÅBO", "Håbo"),
    ],
)
def test_lookup_ignores_case_and_diacritics(given: str, name: str) -> None:
    assert lookup(given).name == name


def test_fold() -> None:
    assert fold("Malung-Sälen") == fold("malung salen") == "malung salen"


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownMunicipality) as e:
        lookup("Norsjx")
    assert str(e.value) == "'Norsjx' is not a Swedish municipality; did you mean Norsjö?"
    assert e.value.suggestions[0] == "Norsjö"
    with pytest.raises(UnknownMunicipality) as e:
        lookup("Upplands")
    assert str(e.value) == (
        "'Upplands' is not a Swedish municipality; did you mean Upplands Väsby or Upplands-Bro?"
    )
    with pytest.raises(UnknownMunicipality) as e:
        lookup("Atlantis")
    assert str(e.value) == "'Atlantis' is not a Swedish municipality"
    with pytest.raises(UnknownMunicipality, match="'9999' is not a municipality code"):
        lookup("9999")
