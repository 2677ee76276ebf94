"""The report commands: `kompass parse` (what a report holds) and `kompass inspect` (what the
parser saw on one page). Nothing is stored."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.errors import fail, output_errors, refuse, report_errors
from pipeline.cli.options import ocr_option, reader_option


@click.command()
@reader_option
@ocr_option
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the report record as JSON (per report.schema.json). With several "
    "reports, one compact JSON object per line.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when a record is incomplete (a value the parser could not read).",
)
@click.pass_context
def parse(
    ctx: click.Context,
    reader: str | None,
    ocr: str | None,
    reports: tuple[Path, ...],
    as_json: bool,
    strict: bool,
) -> None:
    """Parse evaluation report PDFs and print what they hold.

    Without --json: municipality, year, instrument version, a table of the eight areas, counts
    of findings, INCOMPLETE with what could not be read (if anything), and the warnings.
    Nothing is stored. Exit code 2 when a file is not a readable report; with --strict, 1 when
    a record is incomplete; else 0.

    \b
    Examples:
      kompass parse tests/fixtures/norsjo-2018.pdf
      kompass parse tests/fixtures/norsjo-2018.pdf --json > norsjo.json
      kompass parse reports/*.pdf --strict > /dev/null || echo "some report needs a look"
    """
    from pipeline.parse import print_reports

    debug = ctx.obj["debug"]  # --debug: parse here, not in a child, to see tracebacks
    code = print_reports(
        reports,
        as_json,
        strict,
        in_process=debug,
        reader=reader,
        ocr=ocr,
        echo=click.echo,
        fail=fail,
    )
    sys.exit(code)


@click.command()
@reader_option
@ocr_option
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page", "page_no", type=click.IntRange(min=1), required=True, help="1-based page.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PNG to write (default: <report>-p<N>.png in the working folder; with --text, "
    "none unless --out is given).",
)
@click.option(
    "--text",
    "as_text",
    is_flag=True,
    help="Print what was recognised, one per line (and draw only with --out).",
)
@report_errors
@output_errors
def inspect(
    reader: str | None,
    ocr: str | None,
    report: Path,
    page_no: int,
    out: Path | None,
    as_text: bool,
) -> None:
    """Draw what the parser saw on one page: for a report that parses wrong.

    Words (grey), headings (purple), score-table rows (blue, "q 4.2: 4/10/40%"), area totals,
    history rows (teal), strengths (green), improvements (orange) and the findings column
    gutter (red), each labelled with what the parser made of it.

    \b
    Examples:
      kompass inspect tests/fixtures/norsjo-2018.pdf --page 9
      kompass inspect tests/fixtures/norsjo-2018.pdf --page 9 --text | head
      kompass inspect report.pdf --page 12 --out p12.png --text
    """
    from parsers import ReportError
    from parsers.inspect import marks, render, text_dump
    from warehouse.files import writing

    if not report.exists():
        raise ReportError(report, "no such file")
    try:
        found = marks(report, page_no, reader=reader, ocr=ocr)
    except ValueError as e:
        raise ReportError(report, str(e)) from e
    if as_text:
        click.echo(text_dump(found))
    if as_text and out is None:
        return  # the text was asked for; a PNG only when --out names one
    target = out or Path(f"{report.stem}-p{page_no}.png")
    if target.suffix.lower() != ".png":
        refuse(f"{target}: inspect writes PNG; use a name ending in .png")
    with writing(target):
        render(report, page_no, found, target)
    click.echo(f"wrote {target}")
