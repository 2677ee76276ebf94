"""The `kompass` command: a thin layer over the library that turns named errors into one line.

Exit codes: 0 all went well, 2 a document or the command's input was refused.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from parsers import PARSER_VERSION, ReportError, parse_report
from schema.record import ReportRecord


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(PARSER_VERSION, prog_name="kompass", message="%(prog)s (parser %(version)s)")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Kommunkompassen evaluation reports (PDF) into a research-grade warehouse.

    Start with `kompass parse REPORT.pdf` to see what one report holds.
    """
    ctx.obj = {"debug": debug}
    # pdfminer logs harmless font/encoding notes; a researcher should not see them
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


@cli.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the report record as JSON (per report.schema.json). With several "
    "reports, one compact JSON object per line.",
)
@click.pass_context
def parse(ctx: click.Context, reports: tuple[Path, ...], as_json: bool) -> None:
    """Parse evaluation report PDFs and print what they hold.

    Without --json: municipality, year, instrument version, a table of the eight areas, counts
    of findings and the warnings. Nothing is stored.

    \b
    Examples:
      kompass parse tests/fixtures/norsjo-2018.pdf
      kompass parse tests/fixtures/norsjo-2018.pdf --json > norsjo.json
    """
    failed = 0
    for i, path in enumerate(reports):
        try:
            if not path.exists():
                raise ReportError(path, "no such file")
            record = parse_report(path)
        except ReportError as e:
            _fail(str(e))
            failed += 1
            continue
        except Exception as e:  # a bug: still one line unless --debug
            if ctx.obj["debug"]:
                raise
            _fail(f"{path.name}: unexpected {type(e).__name__}: {e} (rerun with --debug)")
            failed += 1
            continue
        if as_json:
            click.echo(record.to_json(indent=2 if len(reports) == 1 else None))
        else:
            if i:
                click.echo()
            click.echo(summary(record))
    sys.exit(2 if failed else 0)


def summary(r: ReportRecord) -> str:
    """A human-readable account of one record."""
    m = r.municipality
    where = ", ".join(x for x in (m.code, m.county) if x)
    out = [
        f"{m.name} ({where}): evaluation {r.evaluation_year}, "
        f"instrument version {r.instrument_version}",
        f"{Path(r.source.path or '').name} · {r.source.pages} pages · "
        f"{r.publisher or 'publisher ?'} · {r.report_date or 'no date'} · "
        f"sha256 {r.source.sha256[:12]}…",
        "",
        f"  {'#':>1}  {'area':<45} {'points':>6} {'max':>5} {'%':>5}  {'questions':>9} "
        f"{'strengths':>9} {'improvements':>12}",
    ]

    def num(x: float | None) -> str:
        return "–" if x is None else f"{x:g}"

    for a in r.areas:
        name = a.name if len(a.name) <= 45 else a.name[:44] + "…"
        out.append(
            f"  {a.number:>1}  {name:<45} {num(a.points):>6} {num(a.max):>5} {num(a.percent):>5}  "
            f"{len(a.questions):>9} {len(a.strengths):>9} {len(a.improvements):>12}"
        )
    out.append(f"     {'total':<45} {num(r.total.points):>6} {num(r.total.max):>5}")
    years = sorted({h.year for h in r.history})
    out.append("")
    out.append(
        f"history table: {', '.join(map(str, years))}" if years else "history table: none printed"
    )
    out.append(f"warnings ({len(r.warnings)}):" if r.warnings else "warnings: none")
    for w in r.warnings:
        page = f"p. {w.page}" if w.page else "p. ?"
        out.append(f"  {page:>6}  {w.code}: {w.message}")
    return "\n".join(out)


def main() -> None:
    cli(prog_name="kompass")


if __name__ == "__main__":
    main()
