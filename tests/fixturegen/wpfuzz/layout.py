"""Random word-processor layouts: independent dimensions a Word/LibreOffice report varies in.

Each field is one dimension, sampled independently, so failures can be counted per value.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, fields, replace

FONTS = ["Liberation Sans", "Liberation Serif", "Carlito", "Caladea", "DejaVu Sans"]


@dataclass(frozen=True)
class Layout:
    font: str
    size: float  # body text, pt
    margins: str  # "narrow" | "normal" | "wide"
    row_split: bool  # table rows may break across pages (Word's default)
    repeat_header: bool  # the header row repeats on each page (w:tblHeader)
    keep_with_next: bool  # headings stay with what follows
    area_page_break: bool  # each area starts on a new page
    area_heading: str  # "omrade" ("Område 3 Name") | "numbered" ("4.3 Name") | "plain" ("3. Name")
    subheadings: str  # "numbered" ("4.3.2 Delpoäng") | "bold" | "large" | "colour"
    table_label: str  # score-table header cell: "n" ("3 Name") | "n." ("3. Name")
    score_rules: str  # "grid" | "horizontal" | "none"
    valign: str  # number cells: "top" | "center" | "bottom"
    percent_style: str  # "85%" | "85 %"
    total_label: str  # first cell of the area total row: "" | "Summa" | "Totalt"
    number_col: float  # cm added to the minimum width of the Uppnått/Max/Procent columns
    question_length: str  # "short" | "mixed" | "long"
    prose: str  # "Allmänt" before each score table: "short" | "mixed" | "long" (moves tables
    # up and down the page, so that some end near a page bottom)
    hyphenation: str  # "none" | "soft" (long words carry soft hyphens, as Word's hyphenation)
    findings: str  # "side" (two columns) | "stacked" (two tables) | "lists" (headed lists)
    cell_items: str  # "one_cell" (all items in one cell) | "row_per_item"
    findings_rules: bool
    findings_header: str  # "Förbättringsmöjligheter" | "Förbättringsområden"
    bullet: (
        str  # "typed_tab" (glyph+tab, no hanging indent) | "typed_hanging" | "word_list" | "none"
    )
    glyph: str  # "•" | "–" | "-" | "▪" | "wingdings" (a Wingdings square, printed like §)
    column_offset: (
        str  # right findings column: "none" | "space_before" | "cell_margin" | "font_size"
    )
    offset_frac: float  # of a line, for space_before / cell_margin
    history_years: int  # 0–3 year columns
    history_label: str  # "normal" | "narrow" (long area names break inside a word)
    summary: str  # "none" | "oversikt" ("Översikt av poängfördelning") | "poangsammanstallning"
    inspiration: bool
    running_header: bool
    footer: str  # "tabs" (publisher, date, page spread out) | "line" (one line, page right)
    # --- issue 21 (generation 2; the defaults are generation 1's fixed choices) ---------------
    list_label: str = "bullet"  # "decimal" ("1.", Word numbering running on over the whole
    # document) | "decimal_paren" ("1)", restarting per list) | "letter" ("a)", restarting)
    findings_columns: int = 1  # 2: the findings as headed lists in a two-column newspaper
    # section (continuous section breaks), flowing from the left column into the right one
    history_header: str = "one_line"  # "wrapped": a label column so narrow that the first
    # header cell wraps ("Poäng i" / "Kommunkompassen")
    score_header: str = "classic"  # "fraga" ("Fråga | Poäng | Maxpoäng | Andel", the area's
    # name on a line above the table, total row "Summa område N") | "percent_sign"
    # ("N Name | Poäng | Max | %", percentages without the sign)
    heading_case: str = "normal"  # "upper" (typed in capitals) | "small_caps"
    text: str = "words"  # "sentences": real Swedish report sentences (seed text), proper nouns
    # and numbers at item starts, hyphenated compounds, items of one to six lines
    lead_ins: bool = False  # findings items start with a bold lead-in ("Medborgardialog: …")
    # --- issue 21, generation 3: page and paragraph features a word processor offers -------
    page_size: str = "A4"  # "Letter" | "A5" (the margins scaled to the page)
    orientation: str = "portrait"  # "landscape": the whole document turned
    line_spacing: float = 1.0  # the Normal style's line spacing (multiple): 1.15 | 1.5
    justified: bool = False  # body text, list items and table cells justified
    table_fill: str = "none"  # "zebra" (every other row shaded) | "header" (a dark header row,
    # white text)
    para_space: float = 4.0  # pt after a body paragraph: 0 | 10
    footer_style: str = "plain"  # "sida_av" ("Sida 3 av 12") | "ruled" (a rule above the
    # footer and below the running header, paragraph borders)
    history_form: str = "table"  # "tabs": the history as tab-aligned paragraphs (right tab
    # stops, no table, no rulings)
    text_box: bool = False  # a framed fact box (a frame, text wrapping around it) beside
    # each area's general text
    # issue 23, drawn apart from the rest (wpfuzz.case) so older seeds keep their layouts:
    tagged: bool = False  # exported as a tagged PDF (structure tree)
    list_format: str = "bullet"  # Word lists (bullet="word_list"): "bullet" | "decimal" ("1.")
    # --- generation 4: tables typed the other way round -------------------------------------
    history_orientation: str = "areas_as_rows"  # "years_as_rows": the history table transposed
    # ("År | 1 | 2 | … | 8 | Totalt", one row per year); only with a history table
    findings_titles: str = "above"  # "left": one two-column table, "Styrkor" and the
    # improvements' title as row headers in a narrow left column (side/stacked, one column)
    findings_title_fit: float = 0.0  # with "left": the title column's width over the long
    # title's (bold, plus padding); 0.75: the title breaks inside the word, 1.1: it fits
    question_column: bool = False  # the score table's question number in a narrow column of
    # its own ("Nr"), the question text without it in the next

    def summary_line(self) -> str:
        return " ".join(f"{k}={v}" for k, v in asdict(self).items())


def dimensions() -> list[str]:
    return [f.name for f in fields(Layout)]


#: Generation 1: the 32 dimensions of issue 10 (the CI sample and pinned fixtures use these).
#: Generation 2 adds the issue-21 dimensions, sampled from their own random stream so that the
#: first 32 dimensions of a case stay the same.
#: Generation 3 adds page and paragraph features, generation 4 tables typed the other way
#: round; each from a stream of its own again.
GENERATIONS = (1, 2, 3, 4)


def sample_generation4(rng: random.Random, layout: Layout) -> Layout:
    """Generation 4: a transposed history table, findings titled in a left column, question
    numbers in a column of their own. A value that cannot show in the case's layout (no
    history table, findings as lists or in newspaper columns) stays at its default, so that
    the layout says what was printed; every draw is made anyway, so that one dimension's
    applicability does not shift the others' draws."""
    transposed = rng.random() < 0.35
    left = rng.random() < 0.35
    fit = rng.choice([0.75, 1.1])
    numbers = rng.random() < 0.35
    history_table = layout.history_years > 0 and layout.history_form == "table"
    left_fits = layout.findings in ("side", "stacked") and layout.findings_columns == 1
    return replace(
        layout,
        history_orientation="years_as_rows" if transposed and history_table else "areas_as_rows",
        findings_titles="left" if left and left_fits else "above",
        findings_title_fit=fit if left and left_fits else 0.0,
        question_column=numbers,
    )


def sample_generation3(rng: random.Random, layout: Layout) -> Layout:
    """Generation 3 (issue 21): page size and orientation, line and paragraph spacing,
    justification, table shading, footer styles, tab-aligned tables, text frames."""
    c = rng.choice
    return replace(
        layout,
        page_size=c(["A4", "A4", "Letter", "A5"]),
        orientation=c(["portrait", "portrait", "portrait", "landscape"]),
        line_spacing=c([1.0, 1.0, 1.15, 1.5]),
        justified=rng.random() < 0.4,
        table_fill=c(["none", "none", "zebra", "header"]),
        para_space=c([0.0, 4.0, 4.0, 10.0]),
        footer_style=c(["plain", "plain", "sida_av", "ruled"]),
        history_form=c(["table", "table", "tabs"]),
        text_box=rng.random() < 0.3,
    )


def sample_generation2(rng: random.Random, layout: Layout) -> Layout:
    c = rng.choice
    return replace(
        layout,
        list_label=c(["bullet", "decimal", "decimal_paren", "letter"]),
        findings_columns=c([1, 1, 2]),
        history_header=c(["one_line", "wrapped"]),
        score_header=c(["classic", "fraga", "percent_sign"]),
        heading_case=c(["normal", "normal", "upper", "small_caps"]),
        text=c(["words", "sentences", "sentences"]),
        lead_ins=rng.random() < 0.3,
    )


def sample_layout(rng: random.Random) -> Layout:
    c = rng.choice
    layout = Layout(
        font=c(FONTS),
        size=c([10, 10.5, 11, 11.5, 12]),
        margins=c(["narrow", "normal", "wide"]),
        row_split=rng.random() < 0.8,
        repeat_header=rng.random() < 0.5,
        keep_with_next=rng.random() < 0.6,
        area_page_break=rng.random() < 0.3,
        area_heading=c(["omrade", "numbered", "plain"]),
        subheadings=c(["numbered", "bold", "large", "colour"]),
        table_label=c(["n", "n."]),
        score_rules=c(["grid", "grid", "horizontal", "none"]),
        valign=c(["top", "center", "bottom"]),
        percent_style=c(["85%", "85 %"]),
        total_label=c(["", "", "Summa", "Totalt"]),
        number_col=c([0.0, 0.3, 0.6, 1.0]),
        question_length=c(["short", "mixed", "long"]),
        prose=c(["short", "mixed", "long"]),
        hyphenation=c(["none", "soft"]),
        findings=c(["side", "side", "stacked", "lists"]),
        cell_items=c(["one_cell", "row_per_item"]),
        findings_rules=rng.random() < 0.5,
        findings_header=c(["Förbättringsmöjligheter", "Förbättringsområden"]),
        bullet=c(["typed_tab", "typed_hanging", "word_list", "none"]),
        glyph=c(["•", "•", "–", "-", "▪", "wingdings"]),
        column_offset=c(["none", "space_before", "cell_margin", "font_size"]),
        offset_frac=c([0.05, 0.1, 0.25, 0.5]),
        history_years=c([0, 1, 2, 3, 3]),
        history_label=c(["normal", "normal", "narrow"]),
        summary=c(["none", "none", "oversikt", "poangsammanstallning"]),
        inspiration=rng.random() < 0.7,
        running_header=rng.random() < 0.4,
        footer=c(["tabs", "line"]),
    )
    if layout.subheadings == "numbered" and layout.area_heading != "numbered":
        # "3.2 Delpoäng" under "Område 3" would read as question 3.2: no report does that.
        layout = replace(layout, subheadings=c(["bold", "large", "colour"]))
    return layout
