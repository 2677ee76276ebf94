"""One PDF → one report record. The order of the steps is the map of the parser:

1. `pdf.read_document`       validate bytes, words and lines with positions per page
2. `footer.strip_furniture`  drop running headers/footers (publisher and date are read from them);
                             `scores.join_broken_cells` joins column titles and question ids
                             broken in a narrow cell, `findings.join_side_headers` a
                             findings table's header row cut into two columns,
                             `findings.split_row_titles` puts row-header titles on own lines
                             (all in `_prepare_lines`)
3. `scores.find_tables`      area score tables → points, questions
4. `version.detect`          instrument version from the area names found
5. `history.find_history`    the report's own table of earlier scores
6. `findings.find_findings`  strengths and improvements per area
7. `sections.find_inspiration`
8. `checks`                  warnings where printed numbers disagree
9. `completeness.assess`     `complete`, and a warning for every value that could not be read
10. `ledger.account`         every word a field, furniture, prose or unaccounted; unaccounted
                             words in a recognised part or a table not read are warnings too
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parsers import checks, completeness, ledger, ocr_numbers, tags
from parsers.errors import NotAKommunkompassReport, UnknownInstrument, UnknownMunicipality
from parsers.findings import (
    AreaFindings,
    find_findings,
    join_side_headers,
    reading_a_scan,
    split_row_titles,
)
from parsers.footer import footer_info, strip_furniture
from parsers.history import HistoryTable, find_history, find_summary
from parsers.municipality import find_municipality, find_year
from parsers.pdf import Document, read_document
from parsers.reader import reader_name
from parsers.scores import ScoreTable, find_tables, join_broken_cells
from parsers.sections import AreaIndex, area_starts, find_inspiration
from parsers.text import document_words, printed_words
from parsers.typography import BodyStyle
from parsers.version import detect
from schema.instruments import MATCH_THRESHOLD, AreaDef, Instrument, instruments
from schema.record import (
    COMPLETENESS_CODES,
    Area,
    Finding,
    HistoryRow,
    Municipality,
    Question,
    ReportRecord,
    Source,
    Total,
    Warning,
)

#: Bump when a change can alter parsed values; the warehouse reprocesses older records.
PARSER_VERSION = "1.19.0"


def parse_report(
    path: str | Path,
    url: str | None = None,
    reader: str | None = None,
    trace: dict | None = None,
    ocr: str | None = None,
    ocr_cache: str | Path | None = None,
) -> ReportRecord:
    """Parse one Kommunkompassen report. Raises a `parsers.errors.ReportError` subclass.

    `trace`, if given, receives the intermediate structures (document, tables, history,
    findings, area index) for `kompass inspect`. `ocr`: auto|never|force and `ocr_cache`: the
    folder of OCR'd scans by sha256 (`parsers.ocr`; both default to the environment's).
    The steps are those of the module docstring, one function each below.
    """
    with document_words():  # the words this document prints whole (line-end hyphens)
        return _parse_report(Path(path), url, reader, trace, ocr, ocr_cache)


def _parse_report(
    path: Path,
    url: str | None,
    reader: str | None,
    trace: dict | None,
    ocr: str | None,
    ocr_cache: str | Path | None,
) -> ReportRecord:
    doc = read_document(path, reader, ocr, ocr_cache)
    _prepare_lines(doc)
    info = footer_info(doc)
    style = BodyStyle.of(doc.lines)  # the body text's size and line gap, measured once
    warnings: list[Warning] = []
    found = _find_tables(path, doc, style, info.report_date, warnings)
    inst = _instrument(path, found)
    kommun = find_municipality(doc.lines)
    if kommun is None:
        raise UnknownMunicipality(path, "no Swedish municipality named in the report")
    with reading_a_scan(doc.scanned):  # a scan's list labels may be lost
        areas, accounted = _read_areas(doc, style, found, inst, kommun.code, warnings, trace)
    history_rows, hist_page = _history_rows(found.history, inst, warnings)
    warnings.extend(checks.check_history(history_rows, hist_page))
    warnings.extend(checks.check_history_against_areas(history_rows, areas, found.year, hist_page))
    printed_total, total_max = _totals(
        doc, inst, areas, history_rows, found.year, hist_page, warnings
    )
    complete, missing = completeness.assess(areas, inst, history_rows, hist_page)
    warnings.extend(missing)
    book = _account(doc, style, accounted, inst, found.year, areas)
    warnings.extend(book.warnings)
    if trace is not None:
        trace.update(ledger=book)
    # codes raised outside completeness.assess (unknown_area_name, …) count the same
    complete = complete and not any(w.code in COMPLETENESS_CODES for w in warnings)

    return ReportRecord(
        source=Source(
            sha256=doc.sha256,
            pages=len(doc.pages),
            reader=reader_name(reader),
            text_layer="ocr" if doc.ocr else "pdf",
            structure="tags" if found.tagged else "layout",
            ocr=doc.ocr,
            path=str(path),
            url=url,
        ),
        parser_version=PARSER_VERSION,
        municipality=Municipality(kommun.name, kommun.code, kommun.county),
        evaluation_year=found.year,
        report_date=info.report_date,
        publisher=info.publisher,
        instrument_version=inst.version,
        complete=complete,
        total=Total(printed_total, total_max),
        areas=areas,
        history=history_rows,
        warnings=warnings,
    )


def _prepare_lines(doc: Document) -> None:
    """Step 2: the body's lines as the steps after it read them: furniture out, cells and
    titles the layout cut apart put together, and the words the document prints whole
    noted (for line-end hyphens)."""
    strip_furniture(doc)
    join_broken_cells(doc.pages)  # "Uppnå" / "tt" under a squeezed header cell, "4." / "1"
    join_side_headers(doc.pages)  # "Styrkor" | "Förbättringsområden" cut into two columns
    split_row_titles(doc.pages)  # "Styrkor ‹cell› • …": findings titled in a left column
    printed_words((ln.text for ln in doc.lines), tagged=whole_tree(doc))


def whole_tree(doc: Document) -> bool:
    """Does a structure tree cover every printed character of the document? Only then does
    the producer's word on its hyphens (`text.printed_words(tagged=…)`) reach every line: a
    tree on some pages leaves the others' breaks to be told by the document's words."""
    return any(p.marks for p in doc.pages) and not any(p.unmarked_chars for p in doc.pages)


@dataclass
class _Found:
    """Steps 3–5: the tables found, from the tags when the PDF is tagged (then the layout's
    are kept to hold against them), and the evaluation year."""

    tables: list[ScoreTable]
    history: HistoryTable | None
    reading: tags.TagReading | None  # None: layout only
    layout_tables: list[ScoreTable]
    layout_history: HistoryTable | None
    year: int

    @property
    def tagged(self) -> bool:
        return self.reading is not None and self.reading.note is None


def _find_tables(
    path: Path, doc, style: BodyStyle, report_date: str | None, warnings: list[Warning]
) -> _Found:
    """Score tables and the history table (`scores`, `history`, or the tags, `tags`), then
    the year (`municipality.find_year`); a report without either is no Kommunkompassen
    report."""
    lines = doc.lines
    tables = find_tables(lines, style)
    history = find_history(lines)
    reading = tags.tag_reading(doc, lines, style, tables, history)  # None: layout only
    if reading is not None and reading.note is not None:
        warnings.append(reading.note)
    tagged = reading is not None and reading.note is None
    layout_tables, layout_history = tables, history
    if tagged:
        tables = reading.tables
        history = reading.history if reading.history is not None else history
    year = find_year(lines, history.years if history else [], report_date)
    if history is None and year is not None:
        history = find_summary(lines, year)
        layout_history = layout_history or history  # the tags have no closing summary
    if not tables and not (history and history.maxes):
        raise NotAKommunkompassReport(
            path, "not a Kommunkompassen report: no area score table (Uppnått / Max) found"
        )
    if year is None:
        raise NotAKommunkompassReport(path, "no evaluation year found")
    return _Found(tables, history, reading, layout_tables, layout_history, year)


def _instrument(path: Path, found: _Found) -> Instrument:
    """Step 4: the instrument version from the area names of the tables and the history."""
    names = [(t.area_number, t.name) for t in found.tables if t.name]
    names += [
        (c.area_number, c.area_name)
        for c in (found.history.cells if found.history else [])
        if c.area_number is not None and c.area_name
    ]
    detection = detect(names, found.year)
    if detection is None:
        shown = dict.fromkeys(f"{n} {name}" if n else name for n, name in names)
        named = "; ".join(shown) or "none"
        tried = ", ".join(i.version for i in instruments())
        raise UnknownInstrument(
            path, f"area names match no instrument version (tried {tried}); names found: {named}"
        )
    return detection.instrument


@dataclass
class _Reading:
    """One reading of the areas' parts: the ledger accounts the words against the layout's."""

    by_area: dict[int, ScoreTable]
    history: HistoryTable | None
    findings: dict
    area_of: AreaIndex
    #: a tagged report's findings as the record keeps them (the tags'), when not these
    kept_findings: dict | None = None


def _read_areas(
    doc,
    style: BodyStyle,
    found: _Found,
    inst: Instrument,
    own_code: str,
    warnings: list[Warning],
    trace: dict | None,
) -> tuple[list[Area], _Reading]:
    """Steps 6–7: each area's table, findings (`findings`) and inspiration (`sections`), as
    the record's areas with their warnings; and the layout's reading for the ledger."""
    lines, pages = doc.lines, {p.number: p for p in doc.pages}
    table_by_area = _by_area(found.tables)
    if doc.ocr:  # two readings of a number cell: the row's arithmetic picks (parsers/ocr_numbers)
        ocr_numbers.reconsider(table_by_area, lines, {a.number: a.questions for a in inst.areas})
    area_of = area_starts(lines, inst, [(t.start, n) for n, t in table_by_area.items()])
    findings = find_findings(lines, pages, area_of, style)
    inspiration = find_inspiration(lines, area_of, own_code, style)
    layout = _Reading(table_by_area, found.history, findings, area_of)
    if found.tagged:  # two readings, one answer: the tags' is kept, the layout's held against it
        layout_by_area = _by_area(found.layout_tables)
        layout_area_of = area_starts(lines, inst, [(t.start, n) for n, t in layout_by_area.items()])
        layout_findings = findings
        tag_findings, note = tags.tag_findings(found.reading, lines, style, area_of)
        if note is not None:  # findings the tags cannot give whole: the layout's, said so
            warnings.append(note)
        else:
            findings = tag_findings
        if layout_area_of.starts != area_of.starts:
            layout_findings = find_findings(lines, pages, layout_area_of, style)
        kept = findings if findings is not layout_findings else None  # the tags' findings
        layout = _Reading(
            layout_by_area, found.layout_history, layout_findings, layout_area_of, kept
        )
        layout_areas, _ = _areas(
            inst,
            layout_by_area,
            found.layout_tables,
            found.layout_history,
            layout_findings,
            inspiration,
            found.year,
        )
    if trace is not None:
        trace.update(doc=doc, style=style, tables=table_by_area, history=found.history)
        trace.update(findings=findings, structure=found.reading, area_of=area_of)

    areas, area_warnings = _areas(
        inst, table_by_area, found.tables, found.history, findings, inspiration, found.year
    )
    warnings.extend(area_warnings)
    if found.tagged:
        warnings.extend(
            tags.readings_differ(areas, layout_areas, found.history, found.layout_history)
        )
    return areas, layout


def _history_rows(
    history: HistoryTable | None, inst: Instrument, warnings: list[Warning]
) -> tuple[list[HistoryRow], int | None]:
    """Step 8 (history): the record's history rows; an area printed under a name the version
    does not know gets its canonical name and one warning."""
    history_rows = [
        HistoryRow(c.year, c.area_number, c.area_name, c.points)
        for c in (history.cells if history else [])
    ]
    hist_page = history.page if history else None
    named_unknown = False
    for row in history_rows:
        adef = inst.area(row.area_number) if row.area_number is not None else None
        if row.area_name and adef and adef.match(row.area_name) < MATCH_THRESHOLD:
            if not named_unknown:
                warnings.append(
                    Warning(
                        "unknown_area_name",
                        f"history table: area {row.area_number} is printed as "
                        f"{row.area_name!r}, not a known name in version {inst.version}",
                        hist_page,
                    )
                )
                named_unknown = True
            row.area_name = adef.canonical_name  # a warning, not a name
    return history_rows, hist_page


def _totals(
    doc,
    inst: Instrument,
    areas: list[Area],
    history_rows: list[HistoryRow],
    year: int,
    hist_page: int | None,
    warnings: list[Warning],
) -> tuple[int | float | None, int | float | None]:
    """Step 8 (totals): the printed total and the sum of the maxima, checked against the areas
    (and, on a scan, every number against the arithmetic)."""
    printed_total = next(
        (r.points for r in history_rows if r.year == year and r.area_number is None), None
    )
    all_areas = len(areas) == len(inst.areas)  # else missing_area says it, not total_mismatch
    if all_areas:
        warnings.extend(checks.check_total(printed_total, areas, hist_page))
    if doc.ocr:  # a scan: every number that breaks the arithmetic is flagged (issue 24)
        known = {a.number: a.questions for a in inst.areas}
        warnings.extend(
            ocr_numbers.check(areas, known, printed_total, hist_page, history_rows, year)
        )
    maxes = [a.max for a in areas]
    total_max = sum(maxes) if all_areas and None not in maxes else None
    return printed_total, total_max


def _account(
    doc, style: BodyStyle, layout: _Reading, inst: Instrument, year: int, areas: list[Area]
) -> ledger.Ledger:
    """Step 10: every word on every page accounted for: what lies unread in a recognised part,
    or in a table the parser did not read, is a completeness warning too. A tagged report's
    tag reading covers its tagged content by construction (parsers.tags); the words are
    accounted against the layout reading, whose differences are readings_differ warnings."""
    points = {a.number: a.points for a in areas}
    book = ledger.account(
        doc,
        style,
        layout.by_area,
        layout.history,
        layout.findings,
        inst,
        year,
        points,
        layout.area_of,
        tag_findings=layout.kept_findings,
    )
    if layout.kept_findings is not None:  # items of the page the tags' reading lacks
        book.warnings.extend(ledger.tag_losses(layout.kept_findings, layout.findings))
    return book


def _by_area(tables: list[ScoreTable]) -> dict[int, ScoreTable]:
    table_by_area: dict[int, ScoreTable] = {}
    for t in tables:
        number = t.area_number or _number_from_questions(t)
        if number is None or number in table_by_area:
            continue
        table_by_area[number] = t
    return table_by_area


def _areas(
    inst,
    table_by_area: dict[int, ScoreTable],
    tables: list[ScoreTable],
    history: HistoryTable | None,
    findings: dict,
    inspiration: dict[int, list[str]],
    year: int,
) -> tuple[list[Area], list[Warning]]:
    """The record's areas from one reading's tables and findings, with their warnings: per
    area of the instrument, its score table (or its points from the closing summary), its
    name, then the record's area with the area's own checks."""
    warnings: list[Warning] = []
    areas: list[Area] = []
    for adef in inst.areas:
        t = table_by_area.get(adef.number)
        if t is None and not tables and history is not None:
            t = _table_from_summary(history, adef.number, year)
            if t is not None:
                warnings.append(
                    Warning(
                        "no_question_scores",
                        f"area {adef.number}: no score table; points from the closing summary",
                        t.page,
                    )
                )
        if t is None:
            continue  # completeness.assess: missing_area
        name = _area_name(inst, adef, t, warnings)
        area = _area_record(adef, t, name, findings.get(adef.number), inspiration)
        warnings.extend(checks.check_area(area, adef.questions))
        areas.append(area)
    return areas, warnings


def _area_name(inst: Instrument, adef: AreaDef, t: ScoreTable, warnings: list[Warning]) -> str:
    """The area's name as printed over its table, if it is a known name of the area in this
    instrument version; else the canonical name, and `unknown_area_name` in `warnings`."""
    name = t.name or adef.canonical_name
    if t.name and adef.match(t.name) < MATCH_THRESHOLD:
        name = adef.canonical_name  # a column title or stray text is no area name
        warnings.append(
            Warning(
                "unknown_area_name",
                f"area {adef.number} is printed as {t.name!r}, which is not a known name of "
                f"{adef.canonical_name!r} in version {inst.version}",
                t.page,
            )
        )
    return name


def _area_record(
    adef: AreaDef,
    t: ScoreTable,
    name: str,
    f: AreaFindings | None,
    inspiration: dict[int, list[str]],
) -> Area:
    """The record's area: its total and questions from the score table, its findings and
    inspiration."""
    return Area(
        number=adef.number,
        name=name,
        key=adef.key,
        theme=adef.theme,
        points=t.total.get("points"),
        max=t.total.get("max"),
        percent=t.total.get("percent"),
        page=t.page,
        questions=[
            Question(
                q.id,
                q.text,
                q.numbers.get("points"),
                q.numbers.get("max"),
                q.numbers.get("percent"),
                q.page,
            )
            for q in t.questions
        ],
        strengths=[Finding(i.text, i.page) for i in (f.strengths if f else [])],
        improvements=[Finding(i.text, i.page) for i in (f.improvements if f else [])],
        inspiration=inspiration.get(adef.number, []),
    )


def _table_from_summary(history: HistoryTable, number: int, year: int) -> ScoreTable | None:
    """An area score without questions, from a "Poängsammanställning"-only report."""
    cell = next((c for c in history.cells if c.year == year and c.area_number == number), None)
    if cell is None:
        return None
    total = {"points": cell.points, "max": history.maxes.get(number)}
    total = {k: v for k, v in total.items() if v is not None}
    return ScoreTable(number, cell.area_name or "", history.page, -1, -1, [], total)


def _number_from_questions(t: ScoreTable) -> int | None:
    ids = {q.id.split(".")[0] for q in t.questions}
    return int(ids.pop()) if len(ids) == 1 else None
