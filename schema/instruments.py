"""Instrument versions, read from `schema/instruments/<version>.toml`.

Adding a version or a printed-name variant is a data change: edit or add a TOML file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from schema.names import normalize, similarity

#: A printed name must be at least this similar to a known variant to count as a match.
MATCH_THRESHOLD = 0.85


@dataclass(frozen=True)
class AreaDef:
    number: int
    key: str
    theme: str | None
    names: tuple[str, ...]
    questions: dict[str, float] = field(default_factory=dict, hash=False, compare=False)

    @property
    def canonical_name(self) -> str:
        return self.names[0]

    def match(self, printed: str) -> float:
        """Best similarity of a printed name to any variant of this area's name."""
        p = normalize(printed)
        return max(similarity(p, normalize(n)) for n in self.names)


@dataclass(frozen=True)
class Instrument:
    version: str
    first_year: int
    last_year: int
    areas: tuple[AreaDef, ...]

    def area(self, number: int) -> AreaDef | None:
        return next((a for a in self.areas if a.number == number), None)

    def best_area(self, printed: str) -> tuple[AreaDef, float] | None:
        """The area whose name variants best match `printed`, if any passes the threshold."""
        scored = max(((a, a.match(printed)) for a in self.areas), key=lambda t: t[1])
        return scored if scored[1] >= MATCH_THRESHOLD else None

    def covers_year(self, year: int | None) -> bool:
        return year is not None and self.first_year <= year <= self.last_year


@cache
def instruments() -> tuple[Instrument, ...]:
    """All known versions, oldest first."""
    out = []
    folder = resources.files("schema").joinpath("instruments")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text("utf-8"))
        areas = tuple(
            AreaDef(
                number=a["number"],
                key=a["key"],
                theme=a.get("theme"),
                names=tuple(a["names"]),
                questions=dict(a.get("questions", {})),
            )
            for a in data["areas"]
        )
        first, last = data["years"]
        out.append(Instrument(data["version"], first, last, areas))
    return tuple(out)


def instrument(version: str) -> Instrument:
    for inst in instruments():
        if inst.version == version:
            return inst
    raise KeyError(version)
