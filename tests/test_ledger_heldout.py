"""Issue 22: no held-out kind of loss of issue 21 stays silent. Each pinned word-processor
layout of issue 21 is parsed (it reads right), then the parser's reading is damaged the way
the parser used to misread it, and the ledger (or the area-name check) must say so with the
area or the page: numbered lists losing items or keeping their labels, newspaper columns
losing items, the wrapped history header table lost or read for the wrong years, a "Fråga"
column title taken for an area's name."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from parsers import ledger, parse_report
from parsers.findings import AreaFindings, Item
from parsers.history import HistoryTable
from schema.instruments import instrument

PINNED = Path(__file__).parent / "fixtures" / "wp"
#: Word numbered lists ("1." running on) in a two-column newspaper section; wrapped history
#: header ("Poäng i" / "Kommunkompassen") in a narrow label column.
NUMBERED = PINNED / "wp-newspaper-columns-word-numbered-lists-continuing.pdf"
#: "Fråga | Poäng | Maxpoäng | Andel" score tables, the area named on the line above.
FRAGA = PINNED / "wp-fraga-table-area-named-above-and-newspaper-columns.pdf"
#: A history table of one year, the evaluation's own: its points are the areas' points.
ONE_YEAR = PINNED / "g3-letter-labels-past-zz-no-hyphenation.pdf"


@pytest.fixture(scope="module")
def parsed() -> dict[Path, tuple[Any, dict]]:
    out = {}
    for pdf in (NUMBERED, FRAGA, ONE_YEAR):
        trace: dict = {}
        out[pdf] = (parse_report(pdf, trace=trace), trace)
    return out


def _account(rec: Any, trace: dict, **change: Any) -> ledger.Ledger:
    """The ledger over the parser's reading of the report, with `change` in place of a part."""
    args: dict[str, Any] = {
        "doc": trace["doc"],
        "style": trace["style"],
        "tables": trace["tables"],
        "history": trace["history"],
        "findings": trace["findings"],
        "inst": instrument(rec.instrument_version),
        "year": rec.evaluation_year,
        "points": {a.number: a.points for a in rec.areas},
        "area_of": trace["area_of"],
    }
    args.update(change)
    return ledger.account(**args)


def _codes(book: ledger.Ledger) -> list[tuple[str, str]]:
    return [(w.code, w.message) for w in book.warnings]


def test_the_pinned_layouts_read_whole_and_the_ledger_is_silent(parsed: dict) -> None:
    for rec, trace in parsed.values():
        assert rec.complete, [w.message for w in rec.warnings]
        assert _account(rec, trace).warnings == []
        assert trace["ledger"].totals()["unaccounted"] == 0


def _without(found: dict[int, AreaFindings], area: int, drop) -> dict[int, AreaFindings]:
    """The findings with the items `drop(item)` of `area` lost."""
    f = found[area]
    kept = replace(
        f,
        strengths=[i for i in f.strengths if not drop(i)],
        improvements=[i for i in f.improvements if not drop(i)],
    )
    assert kept.strengths + kept.improvements != f.strengths + f.improvements
    return {**found, area: kept}


@pytest.mark.parametrize("area", [1, 5, 8])
def test_a_numbered_list_losing_an_item_is_unread_text_of_that_area(
    parsed: dict, area: int
) -> None:
    rec, trace = parsed[NUMBERED]
    lost = trace["findings"][area].strengths[1]
    book = _account(rec, trace, findings=_without(trace["findings"], area, lambda i: i is lost))
    hits = [m for c, m in _codes(book) if c == "unread_text"]
    assert hits and hits[0].startswith(f"area {area} findings: "), _codes(book)
    assert lost.lines[0].split()[0] in hits[0]  # the quote starts with the lost item's words


def test_a_numbered_list_keeping_its_labels_in_the_text_is_flagged(parsed: dict) -> None:
    rec, trace = parsed[NUMBERED]
    f = trace["findings"][3]
    labelled = [
        replace(i, lines=[f"{n}. {i.lines[0]}", *i.lines[1:]])
        for n, i in enumerate(f.strengths, start=1)
    ]
    found = {**trace["findings"], 3: replace(f, strengths=labelled)}
    book = _account(rec, trace, findings=found)
    hits = [m for c, m in _codes(book) if c == "unread_text"]
    assert hits and hits[0].startswith("area 3 findings: "), _codes(book)
    assert "label" in hits[0]


def _right_column(trace: dict):
    pages = {p.number: p for p in trace["doc"].pages}

    def right(item: Item) -> bool:
        return item.boxes[0][1] > pages[item.page].width / 2

    return right


@pytest.mark.parametrize("pdf", [NUMBERED, FRAGA], ids=["numbered", "typed-labels"])
def test_newspaper_columns_losing_the_right_column_is_unread_text(parsed: dict, pdf: Path) -> None:
    rec, trace = parsed[pdf]
    right = _right_column(trace)
    area = next(n for n, f in sorted(trace["findings"].items()) if any(map(right, f.strengths)))
    book = _account(rec, trace, findings=_without(trace["findings"], area, right))
    hits = [m for c, m in _codes(book) if c == "unread_text"]
    assert any(m.startswith(f"area {area} findings: ") for m in hits), _codes(book)


def test_the_wrapped_history_header_table_lost_is_incomplete_history(parsed: dict) -> None:
    rec, trace = parsed[NUMBERED]
    assert trace["history"] is not None and len(trace["history"].years) == 2
    book = _account(rec, trace, history=None)
    hits = [(c, m) for c, m in _codes(book) if c == "incomplete_history"]
    assert hits and "was not read" in hits[0][1], _codes(book)
    page = next(w.page for w in book.warnings if w.code == "incomplete_history")
    assert page == trace["history"].page


def test_the_wrapped_history_read_for_one_year_is_incomplete_history(parsed: dict) -> None:
    """The misreading issue 22 reproduced: the rows read for a single (wrong) year."""
    rec, trace = parsed[NUMBERED]
    h: HistoryTable = trace["history"]
    one = replace(
        h,
        years=h.years[-1:],
        cells=[c for c in h.cells if c.year == h.years[-1]],
        row_boxes=[(a, (b[0], b[1], b[2], b[3] - 60, b[4])) for a, b in h.row_boxes],
    )
    book = _account(rec, trace, history=one)
    assert any(c == "incomplete_history" for c, _ in _codes(book)), _codes(book)


def test_a_one_year_history_lost_is_incomplete_history_not_a_summary_copy(parsed: dict) -> None:
    """Damaged fuzz seed 2231 case 1 (generation 3): a history of the evaluation's own year,
    its header in regular weight, was not read; its numbers equal the areas' points, so the
    ledger took the table for a copy of them (a closing summary) and said nothing. With no
    history read at all, a table that looks like the history is `incomplete_history`."""
    rec, trace = parsed[ONE_YEAR]
    assert trace["history"] is not None and trace["history"].years == [rec.evaluation_year]
    book = _account(rec, trace, history=None)
    assert any(c == "incomplete_history" for c, _ in _codes(book)), _codes(book)


def test_a_fraga_column_title_taken_for_the_area_name_is_unknown_area_name(
    parsed: dict,
) -> None:
    from parsers.report import _areas

    rec, trace = parsed[FRAGA]
    tables = {n: replace(t, name="Fråga") for n, t in trace["tables"].items()}
    areas, warnings = _areas(
        instrument(rec.instrument_version),
        tables,
        list(tables.values()),
        trace["history"],
        trace["findings"],
        {},
        rec.evaluation_year,
    )
    named = [w for w in warnings if w.code == "unknown_area_name"]
    assert len(named) == 8
    for n, w in enumerate(named, start=1):
        assert w.message.startswith(f"area {n} is printed as 'Fråga', which is not a known name")
        assert w.page == trace["tables"][n].page
    inst = instrument(rec.instrument_version)
    assert [a.name for a in areas] == [a.canonical_name for a in inst.areas]  # not "Fråga"
