"""Sweden's municipalities (SCB codes and counties), from `schema/kommuner.csv`.

Copied from ../shared/data/kommuner.csv. Reports name a municipality in running text as
"Norsjö kommun", "NORSJÖ KOMMUN", "Norsjös", "Göteborgs Stad" …; `find_names` finds them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Kommun:
    code: str
    name: str
    county_code: str
    county: str


@cache
def kommuner() -> tuple[Kommun, ...]:
    text = resources.files("schema").joinpath("kommuner.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(Kommun(r["kommunkod"], r["kommun"], r["lanskod"], r["lan"]) for r in rows)


def by_name(name: str) -> Kommun | None:
    key = name.casefold()
    return next((k for k in kommuner() if k.name.casefold() == key), None)


def _genitive(name: str) -> str:
    return name if name[-1] in "sxzSXZ" else name + "s"


@cache
def _pattern(case_sensitive: bool) -> re.Pattern[str]:
    # Longest names first so "Upplands Väsby" wins over a shorter name inside it.
    names = sorted((k.name for k in kommuner()), key=len, reverse=True)
    alts = []
    for n in names:
        forms = {n, _genitive(n)}
        alts.extend(re.escape(f).replace(r"\ ", r"[\s-]+") for f in forms)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![\wÅÄÖåäö-])(" + "|".join(alts) + r")(?![\wÅÄÖåäö])", flags)


@cache
def _index() -> dict[str, Kommun]:
    """Every written form (name, genitive; casefolded) → municipality."""
    out: dict[str, Kommun] = {}
    for k in kommuner():
        out.setdefault(_genitive(k.name).casefold(), k)
        out[k.name.casefold()] = k
    return out


def find_names(text: str, *, case_sensitive: bool = True) -> list[Kommun]:
    """Municipalities named in `text`, in order of appearance (repeats kept).

    Case-sensitive by default: in prose a name starts with a capital, which keeps common words
    such as "vara" or "mark" from counting as Vara or Mark.
    """
    index = _index()
    found = []
    for m in _pattern(case_sensitive).finditer(text):
        word = re.sub(r"[\s-]+", " ", m.group(1)).casefold()
        k = index.get(word) or index.get(word.replace(" ", "-"))
        if k is not None:
            found.append(k)
    return found
