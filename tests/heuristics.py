"""Which test needs which heuristic: turn one named rule of parsers/ off at a time and parse the
golden reports, the pinned word-processor fixtures and the cached layout-fuzz sample again.

    nice -n 19 .venv/bin/python -m tests.heuristics [RULE …] [--no-fuzz] [--tolerances]

`--tolerances` turns off each named tolerance of parsers/tolerances.py instead (set to 0, and
out of reach), one at a time.

A rule whose removal changes no result is either dead or untested: tests/test_heuristics.py
holds a small case for each such rule (and the table of rule → test in its docstring). The
reading of each PDF (`pdf.read_document`) is done once and reused, unless the rule is part of
the reading itself (layout, reader).
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, redirect_stdout
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

from parsers import PARSER_VERSION, history, report

FIXTURES = Path(__file__).parent / "fixtures"
PINNED = FIXTURES / "wp"
CACHE = Path(__file__).parent.parent / ".pytest_cache" / "d"


def _never(*_args, **_kwargs) -> bool:
    return False


def footer_page_no(line) -> bool:
    """The old test of a page number: any line that prints one, a bare number too."""
    from parsers.footer import _printed_number

    return _printed_number(line) is not None


def _uncrossed(line, strip) -> bool:
    """The old test of a line above a region: it crosses no part of the strip."""
    from parsers.layout import _crosses

    return not _crosses(line, strip)


class _NeverSet:
    """A context variable that stays False whatever is set (a document rule turned off)."""

    def set(self, _value: object) -> None:
        return None

    def reset(self, _token: object) -> None:
        return None

    def get(self) -> bool:
        return False


class _NeverMatches:
    def match(self, _text: str) -> None:
        return None


#: rule name → (what turning it off means, the patches, whether it is part of the reading)
RULES: dict[str, tuple[str, dict[str, object], bool]] = {
    "ocr_text_cells.reread_text_cells": (
        "a scanned ruled table's text cells keep the page OCR's reading",
        {"parsers.ocr_text_cells.reread_text_cells": lambda _cells, _pages: None},
        True,
    ),
    "ocr_text_cells._merged": (
        "overlapping boxes of one scanned cell (its rule broken by the tilt) are read apart",
        {"parsers.ocr_text_cells._merged": lambda cells: cells},
        True,
    ),
    "ocr_text_cells._scored": (
        "a scanned score row ruled above and below only is read again as text",
        {"parsers.ocr_text_cells._scored": _never},
        True,
    ),
    "ocr_cells._fill_bare_rows": (
        "a scanned question row with no number read is not read again column by column",
        {"parsers.ocr_cells._fill_bare_rows": _never},
        True,
    ),
    "ocr_cells._text_run": (
        "a scanned row's question text reaching into the points column counts as a cell's",
        {"parsers.ocr_cells._text_run": lambda _line, left: (0, left)},
        True,
    ),
    "ocr_cells._rejoin_split_rows": (
        "a scanned score row the layout split into two columns stays split",
        {"parsers.ocr_cells._rejoin_split_rows": _never},
        True,
    ),
    "ocr_cells._rejoin_row_pieces": (
        "a scanned row id line's rest read as a line of its own stays apart",
        {"parsers.ocr_cells._rejoin_row_pieces": _never},
        True,
    ),
    "ocr_numbers._first_reading": (
        "every word read as a scanned row's value replaces the readings of the one before",
        {"parsers.ocr_numbers._first_reading": lambda _column, _taken: True},
        False,
    ),
    "ocr_cells._fill_lost_totals": (
        "a scanned score table's total row lost whole is not read under its last row",
        {"parsers.ocr_cells._fill_lost_totals": _never},
        True,
    ),
    "findings.ENDS_LINE_GOING_ON": (
        "no word at a line end says the item goes on",
        {"parsers.findings.ENDS_LINE_GOING_ON": frozenset()},
        False,
    ),
    "findings._starts_item": (
        "across a page break no line starts a new item by its capital",
        {"parsers.findings._starts_item": _never},
        False,
    ),
    "findings._would_fit": (
        "no item ends because its next word would have fitted",
        {"parsers.findings._would_fit": _never},
        False,
    ),
    "findings._straddles": (
        "no full-width line ends a two-column findings table",
        {"parsers.findings._straddles": _never},
        False,
    ),
    "findings._consistent_labels": (
        "a label of another kind than the list's own starts an item",
        {"parsers.findings._consistent_labels": lambda labelled: labelled},
        False,
    ),
    "findings.lead_in_alone": (
        "a bold lead-in alone on its line is a heading that ends the findings",
        {"parsers.findings.lead_in_alone": _never},
        False,
    ),
    "findings._right_cell": (
        "a bold line in a findings table's right-hand cell may be a heading",
        {"parsers.findings._right_cell": lambda header: None},
        False,
    ),
    "findings.DASH_LABEL_GAP_EM": (
        "a dash at a line start is always a label",
        {"parsers.findings.DASH_LABEL_GAP_EM": 0.0},
        False,
    ),
    "findings._NUMBERED heading": (
        "a numbered line never ends a findings list",
        {"parsers.findings._NUMBERED": _NeverMatches()},
        False,
    ),
    "findings.HANGING_INDENT_PT (prose after a list)": (
        "a line left of the bullet text never ends a list",
        {"parsers.findings.HANGING_INDENT_PT": 1e9},
        False,
    ),
    "scores.glue_broken_words": (
        "no word broken in a narrow cell is glued",
        {"parsers.scores.glue_broken_words": lambda *a, **k: None},
        False,
    ),
    "text.STARTS_WRAPPED_LINE": (
        "no short word is known to start a wrapped line",
        {"parsers.text.STARTS_WRAPPED_LINE": frozenset()},
        False,
    ),
    "scores.glue vocabulary (words printed elsewhere)": (
        "the report's own words do not decide a glue",
        {"parsers.scores.Counter": lambda *a: __import__("collections").Counter()},
        False,
    ),
    "text.BROKEN_WORD_NEXT_LETTERS": (
        "a broken word's line is full by the font size only, not by the next letter's width",
        {"parsers.text.BROKEN_WORD_NEXT_LETTERS": 0.0},
        False,
    ),
    "text.broken_word_rest (the end of printed words)": (
        "a long rest printed nowhere else is never a broken word's end",
        {"parsers.text._ends_printed_words": _never},
        False,
    ),
    "text._INSIDE (words printed inside a line)": (
        "a short rest the document prints mid-line elsewhere may still be a broken word's end",
        {"parsers.text._printed_inside": _never},
        False,
    ),
    "findings.rejoin_broken_words (tags)": (
        "the tags' reading leaves a word broken at the column's edge in two",
        {"parsers.tags.rejoin_broken_words": lambda texts, lines: texts},
        False,
    ),
    "findings._Column._broken_before": (
        "a word broken at a findings column's edge stays two words",
        {"parsers.findings._Column._broken_before": lambda *a, **k: False},
        False,
    ),
    "scores.QUESTION_END_MAX_LETTERS": (
        'a fragment ending the question ("…kommun?") is not glued by that alone',
        {"parsers.scores.QUESTION_END_MAX_LETTERS": -1},
        False,
    ),
    "scores._continues": (
        "a new page continues a table only at a question id or numbers",
        {"parsers.scores._continues": _never},
        False,
    ),
    "scores._same_header": (
        "a repeated header row is not recognised",
        {"parsers.scores._same_header": _never},
        False,
    ),
    "scores.name_from_above": (
        "the area name is never taken from above the table",
        {"parsers.scores.name_from_above": lambda *a, **k: None},
        False,
    ),
    "scores.TABLE_END_GAP_LINE_HEIGHTS": (
        "no vertical gap ends a score table",
        {"parsers.scores.TABLE_END_GAP_LINE_HEIGHTS": 1e9},
        False,
    ),
    "text.KEEPS_SUSPENDED_HYPHEN": (
        'no word keeps a suspended hyphen ("kompetens- och")',
        {"parsers.text.KEEPS_SUSPENDED_HYPHEN": frozenset()},
        False,
    ),
    "text._keeps_hyphen": (
        'no line-end hyphen belongs to the word ("e-tjänster")',
        {"parsers.text._keeps_hyphen": _never},
        False,
    ),
    "text.strip_label glued labels": (
        'a label glued to its word ("10)Värdegrund") is not split off',
        {"parsers.text._GLUED_LABEL": _NeverMatches()},
        False,
    ),
    "text.strip_label number/letter labels": (
        'only glyphs are labels ("1." "a)" stay in the text)',
        {"parsers.text._LABEL": _NeverMatches()},
        False,
    ),
    "text.join_label vocabulary": (
        'an area name broken without a hyphen ("Verksamhetsutveckli" / "ng") is not joined',
        {"parsers.text._VOCABULARY": frozenset()},
        False,
    ),
    "footer._structural": (
        "a repeated table header row counts as a running header",
        {"parsers.footer._structural": _never},
        False,
    ),
    "history orientation (values by column order)": (
        "values go under the nearest year even when there is one per year",
        {
            "parsers.history._by_column": lambda values, titles: history._nearest_column(
                values, titles
            )
        },
        False,
    ),
    "typography.is_heading": (
        "no line is a heading by typography",
        {
            "parsers.typography.is_heading": _never,
            "parsers.findings.is_heading": _never,
            "parsers.scores.is_heading": _never,
            "parsers.sections.is_heading": _never,
        },
        False,
    ),
    "layout.split_columns": (
        "no page is read as newspaper columns",
        {"parsers.layout.split_columns": lambda page, carry=None: None},
        True,
    ),
    "layout._in_number_columns": (
        "a justified table row whose stretched spaces leave a strip of white is split as columns",
        {"parsers.layout._in_number_columns": _never},
        True,
    ),
    "text.AUTO_HYPHENATION_MIN_BREAKS": (
        "every document is taken to hyphenate: an undecided line-end hyphen is a break",
        {"parsers.text.AUTO_HYPHENATION_MIN_BREAKS": 0},
        False,
    ),
    "findings.JUSTIFIED_MIN_LINES": (
        "no page's lines are justified: a stretched line at a page end ends its item",
        {"parsers.findings.JUSTIFIED_MIN_LINES": 10**9},
        False,
    ),
    "findings._flows_on": (
        "side-by-side headers always go on as a table, never as newspaper columns",
        {"parsers.findings._flows_on": _never},
        False,
    ),
    "findings._Column._outside": (
        "every line of a findings column is a line of an item (a floating box's too)",
        {"parsers.findings._Column._outside": lambda *a, **k: False},
        False,
    ),
    "findings._Column._mid_column": (
        "a line at a new page's top goes on the list wherever it begins in the column",
        {"parsers.findings._Column._mid_column": lambda *a, **k: False},
        False,
    ),
    "scores._broken_id": (
        "a question id broken after its dot in a narrow id column stays two pieces",
        {"parsers.scores._broken_id": lambda *a, **k: False},
        False,
    ),
    "layout._ruled_elsewhere": (
        "a wide space on a line a table's rule crosses elsewhere may be a gutter",
        {"parsers.layout._ruled_elsewhere": lambda *a, **k: False},
        True,
    ),
    "layout._stretched_twice": (
        "a justified line with one wide gap between texts starts a region of columns",
        {"parsers.layout._stretched_twice": lambda *a, **k: False},
        True,
    ),
    "findings._column_below": (
        "a row title needs a line near it starting where its cell's text or label starts",
        {"parsers.findings._column_below": lambda *a, **k: False},
        False,
    ),
    "findings._ended_apart": (
        "a left list that ended high on the page before may go on in the next page's left column",
        {"parsers.findings._ended_apart": lambda *a, **k: False},
        False,
    ),
    "scores._stretched": (
        "a number right of the score boundary is a score even after a justified stretched space",
        {"parsers.scores._stretched": lambda *a, **k: False},
        False,
    ),
    "findings._repeats_headers": (
        "a side-by-side table goes on to the next page without its repeated header",
        {"parsers.findings._repeats_headers": lambda *a, **k: False},
        False,
    ),
    "layout._other_side_goes_on": (
        "a heading in one newspaper column ends the region while the other column goes on",
        {"parsers.layout._other_side_goes_on": lambda *a, **k: False},
        True,
    ),
    "scores._in_text_cell": (
        "a number ending where the table's text lines end is the question's text",
        {"parsers.scores._in_text_cell": lambda *a, **k: False},
        False,
    ),
    "vocabulary.glued_years": (
        "a header word of years printed without spaces is no year",
        {"parsers.vocabulary.glued_years": lambda *a, **k: []},
        False,
    ),
    "ledger.rejoined": (
        "the pieces of a word broken with a hyphen are not the tags' whole word",
        {"parsers.ledger.rejoined": lambda *a, **k: set()},
        False,
    ),
    "findings._white": (
        "lines closer than their size measure the white inside a paragraph",
        {"parsers.findings._white": lambda pitches: [p - s for p, s in pitches if p > 0.6 * s]},
        False,
    ),
    "reader.soft_hyphens": (
        "a tagged PDF's soft-hyphen spans are plain hyphens",
        {"parsers.pdf.soft_hyphens": lambda raw: raw.chars},
        True,
    ),
    "text._TELLS_HYPHENS": (
        "a document that marks its breaks does not make its unmarked hyphens hard",
        {"parsers.text._TELLS_HYPHENS": _NeverSet()},
        False,
    ),
    "findings._list_tail": (
        "a paragraph in a list's column after the list's end is prose",
        {"parsers.findings._list_tail": lambda lines, k, stop, margin, tight: k},
        False,
    ),
    "findings._full_width": (
        "a page's full width reaches only as far as its own lines on the page",
        {"parsers.findings._full_width": lambda extents: extents},
        False,
    ),
    "findings._own_runs": (
        "a right label beside the left column's last is a table's numbering from cell to cell",
        {"parsers.findings._own_runs": _never},
        False,
    ),
    "findings._row_goes_on": (
        "a cell beside its row's other cell going on over a page break starts by its capital",
        {"parsers.findings._row_goes_on": _never},
        False,
    ),
    "findings._in_rows": (
        "side-by-side lists always stand in a table's rows, one item per cell",
        {"parsers.findings._in_rows": lambda *a, **k: True},
        False,
    ),
    "findings.join_side_headers": (
        "a side-by-side header row the layout cut into two columns is two headed lists",
        {
            "parsers.findings.join_side_headers": lambda pages: None,
            "parsers.report.join_side_headers": lambda pages: None,
        },
        False,
    ),
    "findings._tops_apart": (
        "a line's distance from the one above is measured baseline to baseline only",
        {"parsers.findings._tops_apart": lambda above, below: float("inf")},
        False,
    ),
    "findings._misread_glyph": (
        "a bullet OCR read as letters is the item's text",
        {"parsers.findings._misread_glyph": _never},
        False,
    ),
    "findings._tab_after": (
        "a short word in the bullets' box before their text's tab stop is a misread bullet",
        {"parsers.findings._tab_after": lambda words: True},
        False,
    ),
    "findings._Column._lost_label": (
        "on a scan too, only a label begins an item of a labelled list",
        {"parsers.findings._Column._lost_label": _never},
        False,
    ),
    "ocr._goes_on_line": (
        "a scan's line piece beside a line is a line of its own",
        {"parsers.ocr._goes_on_line": _never},
        True,
    ),
    "findings._marked_title": (
        "a findings title with a mark before it is an item",
        {"parsers.findings._marked_title": lambda line: None},
        False,
    ),
    "findings._inside_gap": (
        "on a scan too, the white inside a paragraph is the smallest gap seen",
        {
            "parsers.findings._inside_gap": lambda gaps, body: min(
                [*gaps, body] if body is not None else gaps, default=0.0
            )
        },
        False,
    ),
    "findings._MISREAD_LETTER": (
        "a lettered label OCR read with a bracket is the item's text",
        {"parsers.findings._MISREAD_LETTER": re.compile("(?!)")},
        False,
    ),
    "text._closes_open_quote": (
        "a quotation mark that starts a line opens a quotation unless punctuation follows it",
        {"parsers.text._closes_open_quote": _never},
        False,
    ),
    "text._closed_on": (
        "a mark at a line start closes a quotation left open even when the line closes it",
        {"parsers.text._closed_on": _never},
        False,
    ),
    "text._opens_at": (
        "any odd count of marks before leaves a quotation open, a closing one too",
        {
            "parsers.text._opens_at": lambda text, at: (
                text.count(text[at]) % 2 == 1 if at >= 0 else False
            )
        },
        False,
    ),
    "footer._page_number": (
        "every bare number at a page's edge is its page number",
        {"parsers.footer._page_number": lambda line, offsets: footer_page_no(line)},
        False,
    ),
    "layout._at_labels": (
        "a number at the list labels' edge read without its stop is no label, so no column edge",
        {"parsers.layout._at_labels": _never},
        True,
    ),
    "findings._labels_by_place": (
        "a number misread at a numbered list's labels' edge is text of the item before",
        {"parsers.findings._labels_by_place": lambda labelled, pending: labelled},
        False,
    ),
    "typography._lead_in": (
        "a bold lead-in running on into a number only is a heading",
        {"parsers.typography._lead_in": _never},
        False,
    ),
    "findings._acronym": (
        "an acronym first word neither goes on an open sentence nor waits for a sentence's end",
        {"parsers.findings._acronym": _never},
        False,
    ),
    "tags._broken_heading": (
        "a tagged findings heading broken over two lines is no heading",
        {"parsers.tags._broken_heading": lambda lines: None},
        False,
    ),
    "scores._under": (
        "a column title's rest must lie within the title's width",
        {
            "parsers.scores._under": lambda v, w: w.x0 - 2 <= v.x0 and v.x1 <= w.x1 + 2,
        },
        False,
    ),
    "layout._interleaved": (
        "one-sided lines part of a line apart are never lines of two columns",
        {"parsers.layout._interleaved": _never},
        True,
    ),
    "findings._lone_label": (
        "a label starting a line mid-column is always a label",
        {"parsers.findings._lone_label": lambda labelled, bulleted: labelled},
        False,
    ),
    "sections._contents_rest": (
        "a wrapped contents entry's first line starts the area it names",
        {"parsers.sections._contents_rest": _never},
        False,
    ),
    "ledger._next_row": (
        "number rows on two pages are two unread tables",
        {
            "parsers.ledger._next_row": lambda lines, last, k, cls: (
                lines[k].page == lines[last].page and k - last <= 5
            )
        },
        False,
    ),
    "layout._stretched_like": (
        "a label after a wide white always starts a column",
        {"parsers.layout._stretched_like": _never},
        True,
    ),
    "layout._lead_in": (
        "bold labels side by side are always a table's header row",
        {"parsers.layout._lead_in": lambda words: False},
        True,
    ),
    "layout._carried_gutter": (
        "columns go on at a page's top only from a line with one wide gap",
        {"parsers.layout._carried_gutter": lambda lines, i, carry: None},
        True,
    ),
    "layout._lined_up_gutter": (
        "only a line with one wide gap starts a region of columns",
        {"parsers.layout._lined_up_gutter": lambda lines, i, em: None},
        True,
    ),
    "layout._justified": (
        "a lined-up gutter's right-hand parts need not end at one edge",
        {"parsers.layout._justified": lambda parts, em: True},
        True,
    ),
    "layout._word_beside": (
        "a short word beside a column's text crosses the strip",
        {"parsers.layout._word_beside": lambda line, lo, hi: None},
        True,
    ),
    "layout._cells": (
        "a table's header cells near the right column's edge start the columns",
        {"parsers.layout._cells": lambda words, em: False},
        True,
    ),
    "findings._labels_at_their_edge": (
        "a label alone at the body's edge still starts an item",
        {"parsers.findings._labels_at_their_edge": lambda labelled, pending: labelled},
        False,
    ),
    "findings._rest_below": (
        "a row title's rest below the columns is not joined",
        {"parsers.findings._rest_below": _never},
        False,
    ),
    "findings._glued_text_start": (
        "a row title needs a cell edge at the words beside it, not inside a glued label",
        {"parsers.findings._glued_text_start": lambda word: None},
        False,
    ),
    "findings._glued_before_numbers": (
        "a label glued to a number or a quotation mark is no label",
        {"parsers.findings._glued_before_numbers": lambda labelled, last: labelled},
        False,
    ),
    "words.no_article": (
        "an article after a word that filled its cell's line is a word of its own",
        {"parsers.scores.no_article": lambda word, after: False},
        False,
    ),
    "layout._starts_like_right": (
        "a stretched line continues the columns only at the strip's edge",
        {"parsers.layout._starts_like_right": _never},
        True,
    ),
    "layout._number_beside": (
        "a number alone beside a column's text crosses the strip",
        {"parsers.layout._number_beside": lambda line, lo, hi: None},
        True,
    ),
    "history._transposed": (
        "a history is read only with the areas as rows",
        {"parsers.history._transposed": lambda lines, start: None},
        False,
    ),
    "findings.split_row_titles": (
        "findings titles as a table's row headers are no headings",
        {"parsers.report.split_row_titles": lambda pages: None},
        False,
    ),
    "layout._above_in_region": (
        "any line above a region that leaves its strip white may be one of its lines",
        {"parsers.layout._above_in_region": lambda line, strip: _uncrossed(line, strip)},
        True,
    ),
    "tags._FRAMES": (
        "a text box anchored in a paragraph is part of that paragraph",
        {"parsers.tags._FRAMES": frozenset()},
        False,
    ),
    "findings._starts_below": (
        "a column's first line on a continuation page always goes on its last item",
        {"parsers.findings._starts_below": _never},
        False,
    ),
    "layout.GUTTER_DOMINANCE": (
        "a line with several wide gaps never starts a region of columns",
        {"parsers.layout.GUTTER_DOMINANCE": 10**9},
        True,
    ),
    "layout._is_table": (
        "two columns of a table are split like newspaper columns",
        {"parsers.layout._is_table": _never},
        True,
    ),
    "layout._right_edge_aligned": (
        "the words after a strip of white need not start at one edge to be a column",
        {"parsers.layout._right_edge_aligned": lambda region, mid, em: True},
        True,
    ),
    "layout._continues_paragraph": (
        "lines under a full justified line may still start columns",
        {"parsers.layout._continues_paragraph": _never},
        True,
    ),
    "layout._goes_on_below": (
        "stretched lines going on into a line across the strip may still be columns",
        {"parsers.layout._goes_on_below": _never},
        True,
    ),
    "layout._off_edge_top": (
        "lines at a region's top whose right-hand words stand off its edge refuse the region",
        {"parsers.layout._off_edge_top": lambda *a: 0},
        True,
    ),
    "layout._set_apart": (
        "a heading after the longer column is its last line",
        {"parsers.layout._set_apart": _never},
        True,
    ),
    "layout._joins_above": (
        "a stretched line above a region of columns stays a one-column line",
        {"parsers.layout._joins_above": _never},
        True,
    ),
    "layout._clear_of": (
        "a line in a region's strip joins the flow of columns beside it",
        {"parsers.layout._clear_of": lambda line, strip: True},
        True,
    ),
    "text._is_place_name": (
        "a municipality's name before a line-end hyphen is broken like any word",
        {"parsers.text._is_place_name": _never},
        False,
    ),
    "text._forced_break": (
        "a word broken in a narrow column without a hyphen stays two words",
        {"parsers.text._forced_break": _never},
        False,
    ),
    "layout._starts_label": (
        "a label glued to its text does not hang a column's items",
        {"parsers.layout._starts_label": _never},
        True,
    ),
}


@contextmanager
def rule_off(name: str) -> Iterator[None]:
    with ExitStack() as stack:
        for target, value in RULES[name][1].items():
            stack.enter_context(mock.patch(target, value))
        if name == "text.join_label vocabulary":
            stack.enter_context(mock.patch("parsers.text._vocabulary", lambda: frozenset()))
        yield


def _golden(path: Path) -> Callable[[dict], list[str]]:
    from tests.test_golden import differences

    exp = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))

    def check(got: dict) -> list[str]:
        got = json.loads(json.dumps(got))
        got["source"].pop("path"), got["source"].pop("url")
        assert got.pop("parser_version") == PARSER_VERSION
        return differences(got, exp)

    return check


def _pinned(exp: dict, layout: dict) -> Callable[[dict], list[str]]:
    from tests.fixturegen.wpfuzz.compare import differences, normalize_got, readings

    def check(got: dict) -> list[str]:
        got = normalize_got(got, exp)
        _, problem = readings(got, SimpleNamespace(**layout))
        return [str(d) for d in differences(got, exp)] + ([problem] if problem else [])

    return check


def cases(fuzz: bool = True) -> list[tuple[str, Path, Callable[[dict], list[str]]]]:
    out = []
    for exp in sorted(FIXTURES.glob("*.expected.json")):
        pdf = exp.with_name(exp.name.removesuffix(".expected.json") + ".pdf")
        out.append((f"golden {pdf.stem}", pdf, _golden(pdf)))
    for exp_path in sorted(PINNED.glob("*.expected.json")):
        exp = json.loads(exp_path.read_text("utf-8"))
        origin = exp.pop("_fuzz")
        pdf = exp_path.with_name(exp_path.name.removesuffix(".expected.json") + ".pdf")
        out.append((f"pinned {pdf.stem}", pdf, _pinned(exp, origin["layout"])))
    if fuzz:
        out += _fuzz_cases()
    return out


def _fuzz_cases() -> list:
    """The layout-fuzz sample of tests/test_layout_fuzz.py, if pytest has built and cached it
    (its known failures left out)."""
    from dataclasses import asdict

    from tests.fixturegen.wpfuzz import build_many, case
    from tests.test_layout_fuzz import KNOWN_FAILING2, N2, SEED, SEED2, N

    out = []
    for folder, seed, n, generation, known in (
        ("wpfuzz", SEED, N, 1, set()),
        ("wpfuzz2", SEED2, N2, 2, KNOWN_FAILING2),
    ):
        if not (CACHE / folder).is_dir():
            continue
        items = [case(seed, i, generation=generation) for i in range(n)]
        built = build_many(items, CACHE / folder, jobs=1)
        for i, ((pdf, exp, _why), (_spec, lay)) in enumerate(zip(built, items, strict=True)):
            if exp is not None and i not in known:
                out.append((f"fuzz {seed}-{i}", pdf, _pinned(exp, asdict(lay))))
    return out


#: Unit tests run with each rule off, besides the reports.
UNIT_TESTS = (
    "tests/test_heuristics.py",
    "tests/test_generality.py",
    "tests/test_text.py",
    # the ledger's tolerances act on damaged readings, which no clean report shows
    "tests/test_ledger_heldout.py",
)


class _Failures:
    """A pytest plugin that collects the failing tests' names."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def pytest_runtest_logreport(self, report) -> None:
        if report.failed:
            self.failed.append(report.nodeid.split("::", 1)[-1])


def _unit_tests_failing() -> list[str]:
    import pytest

    root = Path(__file__).parent.parent
    failures = _Failures()
    args = ["-q", "-p", "no:cacheprovider", "--no-header", "-o", "console_output_style=classic"]
    with open(os.devnull, "w") as devnull, redirect_stdout(devnull):
        pytest.main([*args, *(str(root / t) for t in UNIT_TESTS)], plugins=[failures])
    return failures.failed


#: Modules whose tolerances act inside `pdf.read_document` (words, lines, columns, OCR): a
#: change there needs the reading done again.
READING_MODULES = {
    "parsers.reader",
    "parsers.pdf",
    "parsers.layout",
    "parsers.ocr",
    "parsers.ocr_image",
    "parsers.ocr_cells",
}


def tolerance_rules() -> None:
    """Add to RULES, for every named tolerance of parsers/tolerances.py, the two ways of
    turning it off: 0 and out of reach (10**9). Each is patched in every parsers module that
    imported it by name. A tolerance whose two extremes change no report and no unit test is
    dead or untested, like a rule."""
    import importlib
    import pkgutil

    import parsers
    from parsers import tolerances

    modules = [
        importlib.import_module(m.name)
        for m in pkgutil.iter_modules(parsers.__path__, "parsers.")
        if m.name != "parsers.tolerances"
    ]
    for name, value in vars(tolerances).items():
        if not name.isupper() or isinstance(value, bool) or not isinstance(value, int | float):
            continue
        users = [m for m in modules if getattr(m, name, None) is value]
        reading = any(m.__name__ in READING_MODULES for m in users)
        for label, extreme in (("0", 0), ("out of reach", 10**9)):
            patches: dict[str, object] = {f"parsers.tolerances.{name}": type(value)(extreme)}
            patches |= {f"{m.__name__}.{name}": type(value)(extreme) for m in users}
            RULES[f"tolerances.{name} = {label}"] = (f"{name} set to {label}", patches, reading)


def main(argv: list[str]) -> int:
    fuzz = "--no-fuzz" not in argv
    if "--tolerances" in argv:
        before = set(RULES)
        tolerance_rules()
        # those acting after the reading first: they cost a parse, the others a reading too
        names = sorted((n for n in RULES if n not in before), key=lambda n: RULES[n][2])
    else:
        names = [a for a in argv if not a.startswith("--")] or list(RULES)
    all_cases = cases(fuzz)
    read = report.read_document
    docs = {pdf: read(pdf, None, None) for _, pdf, _ in all_cases}

    def cached(path, reader=None, ocr=None, ocr_cache=None):
        return copy.deepcopy(docs[Path(path)])

    with mock.patch("parsers.report.read_document", cached):
        base = {label: check(report.parse_report(pdf).to_dict()) for label, pdf, check in all_cases}
    broken = [label for label, diffs in base.items() if diffs]
    print(f"{len(all_cases)} cases; failing with every rule on: {broken or 'none'}")
    print(f"unit tests failing with every rule on: {_unit_tests_failing() or 'none'}")
    for name in names:
        needed = []
        with rule_off(name), ExitStack() as stack:
            if not RULES[name][2]:
                stack.enter_context(mock.patch("parsers.report.read_document", cached))
            for label, pdf, check in all_cases:
                try:
                    diffs = check(report.parse_report(pdf).to_dict())
                except Exception as e:  # a rule off may break a parse outright
                    diffs = [f"{type(e).__name__}: {e}"]
                if diffs and label not in broken:
                    needed.append(label)
            units = _unit_tests_failing()
        print(f"{name}: {len(needed)} reports fail: {', '.join(needed) or '-'}", flush=True)
        print(f"{' ' * len(name)}  unit tests failing: {', '.join(units) or '-'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
