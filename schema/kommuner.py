"""Sweden's municipalities (SCB codes and counties), from `schema/kommuner.csv`.

Copied from ../shared/data/kommuner.csv. Reports name a municipality in running text as
"Norsjö kommun", "NORSJÖ KOMMUN", "Norsjös", "Göteborgs Stad" …; `find_names` finds them.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
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


class UnknownMunicipality(ValueError):
    """A name or code that is no Swedish municipality; `str()` is one line with the closest
    names, which are also in `suggestions`."""

    def __init__(self, given: str, suggestions: list[str]):
        self.given = given
        self.suggestions = suggestions
        if given.isdigit():
            message = f"{given!r} is not a municipality code (SCB kommunkod, e.g. 2417)"
        else:
            message = f"{given!r} is not a Swedish municipality"
        if suggestions:
            message += "; did you mean " + _or(suggestions) + "?"
        super().__init__(message)


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def fold(name: str) -> str:
    """How a name is compared when looked up: lower case, no diacritics (ö → o, å → a), dashes
    as spaces, a trailing "kommun" dropped: "Malung-Sälen", "malung salen" and
    "MALUNG-SÄLEN KOMMUN" fold alike."""
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = " ".join(re.sub(r"[-‐‑–—_.,]+", " ", s).split())
    return re.sub(r"\s+kommun(en)?$", "", s)


@cache
def _folded() -> dict[str, list[Kommun]]:
    out: dict[str, list[Kommun]] = {}
    for k in kommuner():
        out.setdefault(fold(k.name), []).append(k)
    return out


def lookup(name_or_code: str) -> Kommun:
    """The municipality a user means by `name_or_code`: an SCB code ("2417"), or a name in any
    case, with or without å/ä/ö ("Norsjö", "norsjo", "Angelholm", "Norsjö kommun"). The exact
    spelling decides between names that differ only by diacritics (Habo, Håbo). Every
    command that takes a municipality goes through here. UnknownMunicipality, naming the
    closest names, when nothing matches."""
    given = name_or_code.strip()
    if given.isdigit():
        found = next((k for k in kommuner() if k.code == given.zfill(4)), None)
        if found is None:
            raise UnknownMunicipality(given, [])
        return found
    exact = by_name(re.sub(r"\s+kommun(en)?$", "", given, flags=re.I))
    if exact is not None:
        return exact
    candidates = _folded().get(fold(given), [])
    if len(candidates) == 1:
        return candidates[0]
    raise UnknownMunicipality(given, [k.name for k in candidates] or suggest(given))


def suggest(name: str, n: int = 3) -> list[str]:
    """The municipalities whose names come closest to `name` (diacritics and case ignored):
    names it begins, else the closest by difflib's ratio (at least 0.75)."""
    key = fold(name)
    folded = _folded()
    if len(key) >= 3:
        starts = [k.name for f, ks in folded.items() if f.startswith(key + " ") for k in ks]
        if starts:
            return sorted(starts)[:n]
    close = difflib.get_close_matches(key, list(folded), n=n, cutoff=0.75)
    return [k.name for f in close for k in folded[f]][:n]


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
