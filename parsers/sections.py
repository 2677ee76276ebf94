"""Where each area's part of the report begins: area headings ("4.3 Politisk styrning och
kontroll") and score-table headers, matched against the instrument's area names."""

from __future__ import annotations

import bisect
import re

from parsers.pdf import Line
from parsers.text import join_lines
from parsers.tolerances import CONTENTS_TAB_EM, HEADING_MAX_CHARS, INSPIRATION_HEADING_MAX_CHARS
from parsers.typography import BodyStyle, is_heading
from schema.instruments import MATCH_THRESHOLD, Instrument
from schema.kommuner import find_names

# "4.3 Politisk styrning och kontroll", "3. Politisk …", "Område 3 Politisk …" (2010 reports)
_AREA_HEADING = re.compile(r"^(?:\d+\.|område\s+)?([1-8])(?:\.|:|\s+[–-])?\s+(\D.*?)\s*$", re.I)
INSPIRATION = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?(inspiration|goda exempel)\b", re.I)
_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+[A-ZÅÄÖ]")


class AreaIndex:
    """Maps a line index to the area whose section it is in."""

    def __init__(self, starts: list[tuple[int, int]]):
        self.starts = sorted(starts)
        self._keys = [i for i, _ in self.starts]

    def __call__(self, index: int) -> int | None:
        pos = bisect.bisect_right(self._keys, index) - 1
        return self.starts[pos][1] if pos >= 0 else None


def area_starts(
    lines: list[Line], inst: Instrument, table_starts: list[tuple[int, int]]
) -> AreaIndex:
    starts = list(table_starts)
    for i, line in enumerate(lines):
        m = _AREA_HEADING.match(line.text)
        if not m or len(line.text) > HEADING_MAX_CHARS or line.text.rstrip()[-1].isdigit():
            continue  # contents entries end with a page number
        number, name = int(m.group(1)), m.group(2)
        area = inst.area(number)
        if area is None or _contents_rest(lines, i):
            continue
        wrapped = _wrapped(lines, i)
        if area.match(name) >= MATCH_THRESHOLD or (
            wrapped is not None and area.match(f"{name} {wrapped}") >= MATCH_THRESHOLD
        ):
            starts.append((i, number))
    return AreaIndex(starts)


#: A contents entry's page number after its leader ("administration ........ 13").
_LEADER_PAGE = re.compile(r"(?:[.…·_]\s*){3,}\d{1,4}$")


def _contents_rest(lines: list[Line], i: int) -> bool:
    """Is the line after `lines[i]` (on the same page, less than a line's height below) the
    rest of a contents entry wrapped before its page number: a number after a leader, or
    after a right tab's white of `CONTENTS_TAB_EM` at least? ("Område 3 Klarhet i samspelet
    mellan politik och" / "administration ..... 13": the first line alone names area 3.)"""
    if i + 1 >= len(lines):
        return False
    line, nxt = lines[i], lines[i + 1]
    if nxt.page != line.page or nxt.top - line.bottom > line.size or not nxt.words:
        return False
    if _LEADER_PAGE.search(nxt.text.rstrip()):
        return True
    words = nxt.words
    last = words[-1]
    return (
        len(words) >= 2
        and last.text.isdigit()
        and last.x0 - words[-2].x1 >= CONTENTS_TAB_EM * last.size
    )


def _wrapped(lines: list[Line], i: int) -> str | None:
    """The text of the line after `lines[i]` if it may be the rest of a heading wrapped onto
    it ("OMRÅDE 2 TILLGÄNGLIGHET OCH" / "BRUKARORIENTERING"): on the same page, less than a
    line's height below, no page number at its end (a contents entry)."""
    if i + 1 >= len(lines):
        return None
    line, nxt = lines[i], lines[i + 1]
    text = nxt.text.rstrip()
    if nxt.page != line.page or nxt.top - line.bottom > line.size or not text or text[-1].isdigit():
        return None
    return text


def find_inspiration(
    lines: list[Line], area_of: AreaIndex, own_code: str | None, style: BodyStyle | None = None
) -> dict[int, list[str]]:
    """Municipalities named in each area's "Inspiration" section, in order, without repeats."""
    out: dict[int, list[str]] = {}
    style = style or BodyStyle.of(lines)
    i = 0
    while i < len(lines):
        if (
            not INSPIRATION.match(lines[i].text.strip())
            or len(lines[i].text) > INSPIRATION_HEADING_MAX_CHARS
        ):
            i += 1
            continue
        area = area_of(i)
        j = i + 1
        while (
            j < len(lines) and not _HEADING.match(lines[j].text) and not is_heading(lines[j], style)
        ):
            j += 1
        text = join_lines([ln.text for ln in lines[i + 1 : j]])
        if area is not None:
            names = out.setdefault(area, [])
            for k in find_names(text):
                if k.code != own_code and k.name not in names:
                    names.append(k.name)
        i = j
    return out
