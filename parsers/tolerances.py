"""Every layout tolerance of the parser, in one place, named for what it means.

Where a tolerance is a share of a page's own measure, the name says which:
`_EM` a share of the font size of the words at hand (the body size, `typography.BodyStyle.size`,
where no word is at hand), `_LINES` / `_LINE_HEIGHTS` a multiple of the table's line height,
`_PITCHES` a share of the pitch between two numeric columns, `_SHARE` a share of the page
height or page count. `_PT` values are absolute PDF points: slack for rounding and sub-point
jitter, far below any body size (8–12 pt), so no layout depends on them. `_CHARS`, `_LINES`
(of a scan window) and `_ROWS` count text.

The values are those the parser was tuned with on the golden reports and the layout fuzzer;
changing one changes parsed values (bump `report.PARSER_VERSION`).
`tests/test_house.py::test_no_bare_layout_numbers` keeps new bare numbers out of
parsers/ code: name them here (or as a module constant with a comment) instead.
"""

from __future__ import annotations

# --- reading words and lines (parsers.reader, parsers.pdf) -------------------------------------

#: Proportions of the font size above and below the baseline: the normalised word box.
ASCENT = 0.8
DESCENT = 0.2
#: Two characters on one baseline belong to one word while the gap between them is below this
#: share of the font size (a space in common text fonts is 0.25–0.28 em; kerning is < 0.1 em).
WORD_GAP = 0.17
#: Baselines closer than this share of the font size are one baseline (sub-point jitter).
BASELINE_TOLERANCE = 0.15
#: A character that starts more than this left of the previous one (pt) steps back: a new word.
BACKSTEP_PT = 0.5
#: Rule segments on one position (pt apart at most) that touch are one rule.
RULE_MERGE_PT = 0.5
#: A box thinner than this (pt) and longer than `RULE_MIN_LENGTH_PT` is a drawn rule.
RULE_MAX_THICKNESS_PT = 3
RULE_MIN_LENGTH_PT = 4
#: A list label ("12)", "a.", "•", "mmmm)", "viii)") is at most this many characters.
LABEL_MAX_CHARS = 5
#: Words are one line when their baselines differ by less than this share of the font size.
#: Baselines, not boxes: two columns whose lines sit half a line apart must not interleave.
LINE_BASELINE_TOLERANCE = 0.3
#: Two one-sided lines, one on each side of a white, whose baselines are at most this share
#: of the size apart are looked at as one line of two columns (`layout._interleaved`): columns
#: set half a line apart by a heading or a paragraph's space above one of them.
INTERLEAVE_MAX_EM = 1.0
#: … when at least this many such pairs follow one another: a fact box beside a paragraph
#: has a few lines, newspaper columns many.
INTERLEAVE_MIN_PAIRS = 5
#: Two cells of one table row broken by a page break end within this many sizes of each other
#: on the first page (the row breaks at the page's foot; a cell's widow control moves a line
#: of 1.5-spaced text, 1.7 sizes): a list that ended further above was whole there, and
#: the next page's left column is no more of it (`findings._flows_on`).
CELLS_END_APART_EM = 2.5
#: Two cells of one table row begin, or end, within this many sizes of each other: a cell's
#: own padding and alignment set its text a few points off the other's (fresh seed 4013 case
#: 212: 6–7 pt at 11.5 pt); cells further apart differ (`findings._row_goes_on`, `_in_rows`).
ROW_CELLS_ALIGN_EM = 1.0
#: Two lines whose baselines are closer than this share of the font size are pieces of one
#: printed line (a list label on its own baseline, a cell offset in its row), not one line
#: under the other: a line's pitch is at least its size.
SAME_ROW_PITCH_EM = 0.6

# --- body style (parsers.typography) -----------------------------------------------------------

#: A line at least this much larger than body text is a heading candidate.
HEADING_SIZE_RATIO = 1.12
#: Headings are short; a long bold line is emphasised prose (also: an area heading longer than
#: this is a sentence that happens to start with a number, `parsers.sections`).
HEADING_MAX_CHARS = 90
#: A colour counts as such when its channels differ by more than this (0–255): not black/grey.
COLOUR_SPREAD = 60
#: Body size assumed for a document without words (pt; any value works, nothing is measured).
DEFAULT_BODY_SIZE_PT = 10.0
#: The white space between body lines when no two body lines follow each other: a usual leading
#: of 1.2 em leaves 0.2 em between lines.
DEFAULT_LINE_GAP_EM = 0.2

# --- newspaper columns (parsers.layout) --------------------------------------------------------

#: White space this wide (times the font size) between two words may be a gutter; a word
#: space is ~0.25–0.35 em, a justified line's widest space stays under 1 em.
GUTTER_MIN_EM = 1.4
#: A word space is narrower than this many ems (a gutter is `GUTTER_MIN_EM` or more): a scan's
#: line piece this close after a line's last word goes on that line (`ocr._goes_on_line`).
WORD_SPACE_MAX_EM = 1.0
#: A region of columns has at least this many lines on each side of its gutter; at the top of
#: a page that continues the previous page's columns (same gutter), one is enough.
MIN_TWO_SIDED_LINES = 2
#: Lines (a running header) that may come before a region continued from the previous page.
MAX_LINES_BEFORE_CONTINUATION = 2
#: A line with several gaps wider than the gutter test starts a region of columns by its
#: widest gap when that one is at least this many times the next widest: a short heading
#: beside a justified right-hand column's first line (234 pt against 15 pt stretched word
#: spaces, seed 3011 case 9), where a justified table row's cell gap is of the order of its
#: stretched spaces.
GUTTER_DOMINANCE = 3.0
#: A word ends left of (starts right of) the gutter up to this rounding slack (pt).
GUTTER_EDGE_PT = 0.5
#: Two white gaps between lines are told apart only beyond this (pt): the word processor
#: rounds line positions (one line pitch gives gaps of 7.2 and 7.3 pt in fresh seed 4023 case
#: 175), and the readers' coordinates differ in their last digits (pdfplumber's doubles,
#: PDFium's floats), so a gap equal to another as printed must not flip a decision.
GAP_SLACK_PT = 0.5
#: The lines of a right-hand column start at its edge or at a list's hanging indent (Word's
#: 0.63 cm, up to about a centimetre): within this many times the font size of each other.
COLUMN_EDGE_SPREAD_EM = 3.0
#: Two lines start at the same edge within this many times the font size (a word space: an
#: OCR'd page's word boxes wander by a point or two); further right needs a reason (a label's
#: hanging indent, a paragraph's first line).
COLUMN_START_ALIGN_EM = 0.3
#: A paragraph's indented first line stands at least this far (times the font size) right of
#: its column's edge (Word's first-line indent is 1.25 cm); a line a few points off the edge
#: is a justified line's word after a stretched space.
PARAGRAPH_INDENT_MIN_EM = 1.0
#: A number ending a line stands in the same table column as one ending a neighbouring line
#: when their right edges or centres are within this many ems (right-aligned or centred cells).
NUMBER_COLUMN_ALIGN_EM = 1.0
#: A heading that resumes one-column text after a region is printed at least at the size of
#: the region's text (times this, for rounding); a smaller line below the columns (a running
#: footer, a caption) is not one, and must not cut the longer column's last lines off. Nor
#: is it part of the region, even when it has a wide gap where the gutter is ("… Landsting
#: <tab> Sida 6 av 24").
HEADING_MIN_SIZE = 0.95

# --- running headers and footers (parsers.footer) ----------------------------------------------

#: Share of the page height at the top and bottom where headers and footers live.
FURNITURE_BAND_SHARE = 0.09
#: A repeated line with no body line between it and the page's edge may reach this share of
#: the height: margins are set in centimetres, so on a low page (A5 landscape, 420 pt) the
#: running header's bottom lies at 11 % of the height.
FURNITURE_OUTER_SHARE = 0.18
#: Furniture recurs at the same height: tops rounded to bins this tall (pt) compare equal.
FURNITURE_ROW_PT = 3
#: Furniture recurs on at least this share of the pages (and on two at least).
FURNITURE_MIN_PAGE_SHARE = 0.3

# --- sections (parsers.sections, parsers.ledger) -----------------------------------------------

#: An "Inspiration" / "Goda exempel" heading is short; a longer line is prose that mentions it.
INSPIRATION_HEADING_MAX_CHARS = 40

# --- score tables (parsers.scores) and history tables (parsers.history) ------------------------

#: The pitch between numeric columns when only one column gives none (pt): about a column of
#: four digits and its padding at body size.
FALLBACK_COLUMN_PITCH_PT = 40.0
#: Numbers of a score table start this many column pitches left of the first header word.
SCORE_BOUNDARY_PITCHES = 0.5
#: Values of a history table start this many column pitches left of the first year.
HISTORY_BOUNDARY_PITCHES = 0.6
#: Words this far (pt) left of the first numeric header still sit under the headers.
HEADER_SLACK_PT = 2
#: The least line height of a score table (pt), should its header be a thin line.
MIN_LINE_HEIGHT_PT = 4.0
#: A vertical gap of more than this many line heights ends a score table.
TABLE_END_GAP_LINE_HEIGHTS = 3.5
#: How many lines ahead a table's continuation (or its rows) is looked for.
TABLE_LOOKAHEAD_LINES = 80
#: How many lines after its title a closing summary ("Poängsammanställning") is looked for.
SUMMARY_LOOKAHEAD_LINES = 40
#: A history table or summary has at least this many area rows (else it is some other list).
MIN_HISTORY_ROWS = 4
#: A word broken by the word processor fills its cell's line to this share of the font size
#: from the right edge of the widest lines.
BROKEN_WORD_RIGHT_EM = 0.6
#: … or to this many of the next line's first letters (its word's mean letter width, a quarter
#: more for a letter wider than the mean): the word processor broke because the next letter
#: did not fit, and in a wide font a letter is wider than 0.6 em ("kommunövergripa" / "nde").
BROKEN_WORD_NEXT_LETTERS = 1.25
#: A broken word's rest on the next line is at most this many letters ("r", "ning").
FRAGMENT_MAX_LETTERS = 4
#: … or, when it ends the question ("…kommun?"), at most this many.
QUESTION_END_MAX_LETTERS = 3

# --- findings (parsers.findings) ---------------------------------------------------------------

#: A list's labels are of the kind (glyph, number or letter) that at least this many of its
#: items show; a label of another kind starts no item ("i." ending a sentence on a new line).
MIN_LIST_LABELS = 2
#: An item's lead-in alone on its line goes on within this many lines (two cells of a findings
#: table interleave their lines, so the next line of its column may be the second one down).
LEAD_IN_LOOKAHEAD_LINES = 3
#: A numbered line this much larger than body text is a heading, not a numbered item.
NUMBERED_HEADING_SIZE_RATIO = 1.08
#: Words closer than this share of the font size are one run of text (a wide word space).
RUN_GAP_EM = 0.6
#: A run straddles a column boundary when it passes it by more than this on both sides (pt).
STRADDLE_PT = 2
#: A dash starts an item only when set off from the text by more than a word space (a tab,
#: a hanging indent); "– process för …" at the start of a wrapped line is the text's own dash.
DASH_LABEL_GAP_EM = 0.6
#: A paragraph (an item) ends at a gap more than this share of the line height wider than the
#: space between the lines inside one paragraph …
PARAGRAPH_GAP_EXTRA_EM = 0.35
#: … and in any case at a gap of more than this share of the line height.
PARAGRAPH_GAP_MIN_EM = 0.5
#: On a scan, the white inside a paragraph is this quantile of the gaps between a list's lines
#: (`findings.inside_gap`): OCR line boxes are a point or two off, and the smallest is noise.
INSIDE_GAP_QUANTILE = 0.25
#: A paragraph of an unlabelled list that begins further into its column than this share of
#: the column's width is no item (a floating text box over the list's column): items begin at
#: the column's edge, or a first-line indent of a few ems (Word's 1.25 cm is about a tenth of
#: an A4 column); a box placed by the page's middle begins half-way in.
STRAY_INDENT_SHARE = 0.25
#: A line starting more than this left of a list's bullet text (pt) is outside the hanging indent.
HANGING_INDENT_PT = 3
#: A scan's OCR reads a bullet glyph as at most this many letters ("Od", "d", "o"; a word's
#: first letter and a bullet's two make three, "•" read with a speck beside it).
MISREAD_GLYPH_CHARS = 2
#: Two lines of a list on different pages begin at the same x, or at the same indent from
#: their column's left edge, within this share of their size: a page may set its column a
#: point or two apart, a scan's by its rotation (a floating box 10 pt left of a newspaper
#: column's labels is no line of the list).
SAME_INDENT_EM = 0.5
#: The word space assumed when asking whether a word would have fitted on the line before.
FIT_WORD_SPACE_EM = 0.3
#: … and the margin a line keeps from the column's right edge.
FIT_RIGHT_MARGIN_EM = 0.5
#: A line of justified text ends at the column's right edge up to this many ems (glyph side
#: bearings: 294.8–295.3 pt on one page of seed 3011 case 10, 10 pt type).
JUSTIFIED_EDGE_EM = 0.1
#: A page's lines of a column are justified when at least this many of them end at its right
#: edge (ragged lines rarely end within a tenth of an em of each other; justified lines inside
#: a paragraph all do).
JUSTIFIED_MIN_LINES = 3

# --- the ledger (parsers.ledger) ---------------------------------------------------------------

#: A score row prints at most this many numbers (points, max, percent); a history table has
#: at most this many year columns.
MAX_NUMBER_COLUMNS = 3
#: A history table has at least this many area rows under year rows.
MIN_HISTORY_AREA_ROWS = 3
#: A history table's header may wrap over this many lines below its first.
HEADER_WRAP_LINES = 3
#: Number-bearing rows with at most this many lines between them are one unread table.
TABLE_ROW_MAX_LINES_APART = 4

# --- tags (parsers.tags) -----------------------------------------------------------------------

#: A tagged cell belongs to the column whose header starts at most this share of the font
#: size right of the cell's start.
CELL_HEADER_SLACK_EM = 0.5

# --- scans (parsers.ocr, parsers.ocr_numbers) --------------------------------------------------

#: Printed numbers are rounded to integers: a percent is within this of 100·points/max when
#: points itself may be off by half a point.
ROUNDING = 0.5
#: A percent is a share of this.
PERCENT = 100
#: ... and, printed from whole points and max, within this of 100·points/max however it was
#: rounded (to nearest, down or up): "11 of 15" is 73 (73.3), not 72. On a scan a looser check
#: let a misread "72%" through as consistent.
WHOLE_POINTS_PERCENT_SLACK = 1.0
#: Type covers at most this share of the box around it: a darker box is a fill with light type
#: on it (a shaded header row), read inverted.
INK_MAX_SHARE = 0.5
#: A word read from a cell lies in the cell up to this slack (pt).
CELL_SLACK_PT = 0.5
#: The white margin around one number cell cut out for Tesseract (px at `ocr.CELL_DPI`), at
#: least, and as a share of the cell height.
CELL_PAD_PX = 20
#: Cells pasted on one sheet for Tesseract lie this many cell heights apart, plus
#: `CELL_SPACING_PX`, so no two are read as one line.
CELL_SPACING_HEIGHTS = 1.5
CELL_SPACING_PX = 40
#: A word read on the sheet belongs to a cell when inside it up to this slack (px).
CELL_READ_SLACK_PX = 8
#: A number cell's text is at most this many characters ("100,0%").
NUMBER_MAX_CHARS = 8

# --- text -------------------------------------------------------------------------------------

#: A document hyphenates automatically when at least this many of its line-end hyphens join
#: into words it prints whole elsewhere. One such pair can be a compound spelled both ways
#: ("e-post" / "epost"); a document that hyphenates shows many (seed 3011: 2 to 27 in those
#: that hyphenate, at most 1 in those that do not).
AUTO_HYPHENATION_MIN_BREAKS = 2

#: A page number set this many ems right of the word before it stands at a right tab: a
#: contents entry's (`sections._contents_rest`), where running text has a word space.
CONTENTS_TAB_EM = 2.0

#: A number set less than this share of its size after a text word is a word of that text
#: ("Summa område 1"), not a table cell: a word space is 0.25–0.3 em, and cells stand apart by
#: their padding (2 × 0.19 cm ≈ 1 em at 10.5 pt; a justified cell's stretched space may be
#: wider, and then the number counts as a cell, as before).
CELL_GAP_EM = 0.6

#: Kommunkompassen has eight areas: a history typed the other way round has at most eight area
#: columns (`history._area_columns`).
MAX_AREAS = 8
#: A history typed the other way round has a row per year; reports print one to three, a few
#: more is no surprise (`history._transposed`).
MAX_HISTORY_YEARS = 6
