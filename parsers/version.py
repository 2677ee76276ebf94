"""Which instrument version a report used: decided by the area names it prints, the year only
breaks ties (2010 and 2016 share most names)."""

from __future__ import annotations

from dataclasses import dataclass

from schema.instruments import MATCH_THRESHOLD, Instrument, instruments

#: A version is detected when the area names found match its names, summed, for at least this
#: share of the names found.
MIN_NAMES_MATCHED_SHARE = 0.5


@dataclass
class Detection:
    instrument: Instrument
    score: float
    tried: list[tuple[str, float]]


def detect(names: list[tuple[int | None, str]], year: int | None) -> Detection | None:
    """Score each version by how well the printed (number, name) pairs match its areas.

    A pair counts when the name matches the area of that number (or, without a number, any
    area). Returns None when no version matches at least half of the names given.
    """
    tried = []
    best: tuple[tuple[float, bool, int], Instrument, float] | None = None
    for inst in instruments():
        score = 0.0
        for number, name in names:
            if number is not None:
                area = inst.area(number)
                s = area.match(name) if area else 0.0
            else:
                s = max(a.match(name) for a in inst.areas)
            score += s if s >= MATCH_THRESHOLD else 0.0
        tried.append((inst.version, score))
        key = (round(score, 6), inst.covers_year(year), int(inst.version))
        if best is None or key > best[0]:
            best = (key, inst, score)
    if best is None or not names or best[2] < MIN_NAMES_MATCHED_SHARE * len(names):
        return None
    return Detection(best[1], best[2], tried)
