"""Which municipality a report is about, and the evaluation year.

The subject is named on the cover and over and over in the text ("Norsjö kommun",
"NORSJÖ KOMMUN", "Norsjös"); other municipalities appear too (inspiration, neighbours), so
the cover counts most and "<name> kommun" phrases are counted over the whole report.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.pdf import Line
from schema.kommuner import Kommun, find_names

#: A name followed by "kommun"/"stad" ("Lunds kommun") counts this many times a bare mention.
SUBJECT_WEIGHT = 3
#: A name on the cover (the first page) counts this many times one inside the report.
COVER_WEIGHT = 5
#: A year stated as the evaluation's ("Utvärderingen 2018") weighs this many votes (the cover's
#: years and the history table's last column two, the report date one).
STATEMENT_VOTES = 3

_SUBJECT = re.compile(r"^\s*(kommuns?|stads?)\b", re.I)


def find_municipality(lines: list[Line]) -> Kommun | None:
    counts: Counter[str] = Counter()
    by_name: dict[str, Kommun] = {}
    first_page = min((ln.page for ln in lines), default=1)
    for ln in lines:
        text = ln.text
        on_cover = ln.page == first_page
        for k in find_names(text, case_sensitive=not text.isupper()):
            by_name[k.name] = k
            weight = 1
            idx = _find_after(text, k.name)
            if idx is not None and _SUBJECT.match(text[idx:]):
                weight = SUBJECT_WEIGHT
            if on_cover:
                weight *= COVER_WEIGHT
            counts[k.name] += weight
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    return by_name[name]


def _find_after(text: str, name: str) -> int | None:
    m = re.search(re.escape(name) + r"s?\b", text, re.I)
    return m.end() if m else None


_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_STATEMENTS = [
    re.compile(
        r"\butvärdering(?:en)?\s+(?:av\s+\S+(?:\s+\S+)?\s+(?:kommun|stad)\s+)?(?:år\s+)?(20\d\d)\b",
        re.I,
    ),
    re.compile(r"\bgenomfördes\s+(?:i|under)\s+(?:\w+\s+)?(20\d\d)\b", re.I),
]


def find_year(lines: list[Line], history_years: list[int], report_date: str | None) -> int | None:
    """Vote: statements in the text ("Utvärderingen 2018", "genomfördes i november 2018") and
    the cover weigh most, then the history table's last column, then the report date."""
    votes: Counter[int] = Counter()
    first_page = min((ln.page for ln in lines), default=1)
    for ln in lines:
        for pattern in _STATEMENTS:
            for m in pattern.finditer(ln.text):
                votes[int(m.group(1))] += STATEMENT_VOTES
        if ln.page == first_page:
            for m in _YEAR.finditer(ln.text):
                votes[int(m.group(1))] += 2
    if history_years:
        votes[max(history_years)] += 2
    if report_date:
        votes[int(report_date[:4])] += 1
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: (kv[1], -kv[0]))[0]
