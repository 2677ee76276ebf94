"""The warehouse commands: `kompass load` (the quick path in, no Prefect), `query`, `export`,
`status`, `review` and the `db` group (migrations, the data dictionary)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.errors import output_errors, refuse, warehouse_errors
from pipeline.cli.options import db_option, ocr_option, raw_dir_option, reader_option
from pipeline.cli.output import echo_line, echo_utf8, exit_code


@click.command()
@reader_option
@ocr_option
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@raw_dir_option
@click.option("--force", is_flag=True, help="Parse and replace even if this PDF is already loaded.")
@warehouse_errors
def load(
    reader: str | None,
    ocr: str | None,
    reports: tuple[Path, ...],
    db_url: str | None,
    raw_dir: Path | None,
    force: bool,
) -> None:
    """Parse report PDFs and load them into the warehouse (no Prefect; the quick path).

    Each report is loaded in one transaction. A PDF already loaded by this parser version is
    left as it is ("unchanged"); a new PDF for the same municipality and year replaces that
    evaluation's rows. Every attempt, failures included, is recorded in the ingest_log view.
    A copy of each PDF goes into raw_reports/ (by sha256), so `kompass reprocess` can find it.
    A report the parser could not read completely is loaded and says "loaded_incomplete" with
    what is missing (`kompass review` lists the details). Exit code 0 when all loaded
    completely or were unchanged, 1 when some failed or loaded incomplete, 2 when the database
    cannot be used.

    \b
    Example:
      kompass load tests/fixtures/*.pdf --db sqlite:///kompass.db
    """
    from pipeline.ingest import Summary, rerun_options
    from pipeline.raw import RawDirError, RawStore, usable_dir
    from pipeline.steps import load_paths
    from warehouse.db import get_writer

    engine = get_writer(db_url)
    try:
        store = RawStore(usable_dir(raw_dir))
    except RawDirError as e:
        refuse(str(e))
    results = load_paths(
        list(reports), engine, store, force=force, reader=reader, ocr=ocr, on_result=echo_line
    )
    for line in Summary(results, rerun_options(db_url, raw_dir)).brief():
        click.echo(line)
    sys.exit(exit_code(results))


@click.command()
@click.argument("sql")
@db_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (UTF-8) instead of a table.")
@click.option(
    "--excel",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.xlsx",
    help="Write the result to an Excel workbook (text columns such as codes stay text).",
)
@warehouse_errors
@output_errors
def query(sql: str, db_url: str | None, as_csv: bool, excel: Path | None) -> None:
    """Run one SELECT (or WITH … SELECT) against the warehouse and print the result.

    The database is opened read-only (SQLite mode=ro, PostgreSQL read-only transactions): a
    query never changes the warehouse, never blocks a load, and anything but SELECT/WITH is
    refused in one line (exit 2). Whole numbers print without ".0", a missing value as NULL
    (in CSV an empty field). The views are evaluations, area_scores, question_scores,
    findings, reported_history, ingest_log and warnings (see docs/data-dictionary.md).

    \b
    Examples:
      kompass query "SELECT municipality, evaluation_year, total_points FROM evaluations"
      kompass query "SELECT * FROM area_scores WHERE municipality_code = '2417'" --csv
      kompass query "SELECT * FROM findings WHERE kind = 'improvement'" --excel findings.xlsx
    """
    from sqlalchemy.exc import SQLAlchemyError

    from warehouse import query as q
    from warehouse.db import describe, get_read_only
    from warehouse.export import write_xlsx

    try:
        df = q.run(get_read_only(db_url), sql)
    except q.QueryRefused as e:
        refuse(str(e))
    except SQLAlchemyError as e:
        refuse(f"query failed: {describe(e)}")
    if excel:
        click.echo(str(write_xlsx({"query": df}, excel, [("query", sql)])))
    elif as_csv:
        echo_utf8(q.csv(df))
    else:
        click.echo(q.table(df))


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet", "xlsx"]),
    default="csv",
    show_default=True,
    help="csv: one UTF-8 file per view (no byte-order mark); parquet: one file per view; "
    "xlsx: one Excel workbook, a sheet per view.",
)
@click.option("--excel", is_flag=True, help="Same as --format xlsx.")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into (created if needed).",
)
@db_option
@warehouse_errors
@output_errors
def export(fmt: str, excel: bool, out_dir: Path, db_url: str | None) -> None:
    """Write every view to files: evaluations.csv, area_scores.csv, … or one workbook.

    For Excel use --excel: kommunkompassen.xlsx opens with å/ä/ö intact, codes stay text
    (0486 stays 0486, question 5.2 is not a date) and an "about" sheet says where the data
    came from and what each column means. The CSV files are UTF-8 for pandas, R and the like;
    read codes as text there (pandas: dtype={"municipality_code": str}).

    \b
    Examples:
      kompass export --out exports/
      kompass export --excel --out exports/
      kompass export --format parquet --out exports/
    """
    from warehouse.api import Warehouse

    for path in Warehouse(db_url).export(out_dir, "xlsx" if excel else fmt):
        click.echo(str(path))


@click.command()
@db_option
@raw_dir_option
@warehouse_errors
def review(db_url: str | None, raw_dir: Path | None) -> None:
    """List what needs a look: evaluations loaded incomplete (each missing value with its
    page) and documents that failed, each with the command that retries it after a fix.

    Exit code 0 when there is nothing to review, 1 when some evaluation is incomplete or some
    document failed (so cron or a monitoring check can alert on it), 2 when the database
    cannot be used.

    \b
    Example:
      kompass review || mail -s "kompass: reports need a look" operator@example.org
      kompass reprocess 3f2a9c1b0e4d      # the command it prints, after a parser fix
    """
    from pipeline.review import needs_a_look, review_lines

    for line in review_lines(db_url, raw_dir):
        click.echo(line)
    sys.exit(1 if needs_a_look(db_url) else 0)


@click.command()
@db_option
@warehouse_errors
def status(db_url: str | None) -> None:
    """What is in the warehouse, on one screen: evaluations per instrument version and year,
    incomplete ones, failed documents, outdated parses and the last ingest.

    \b
    Example:
      kompass status --db postgresql+psycopg://kompass@db.example/kompass
    """
    from parsers import PARSER_VERSION
    from warehouse import status as st
    from warehouse.db import get_read_only, resolve_url, shown

    found = st.status(get_read_only(db_url), shown(resolve_url(db_url)), PARSER_VERSION)
    click.echo("\n".join(st.render(found)))


@click.group()
def db() -> None:
    """Manage the warehouse database: migrations and the data dictionary."""


@db.command()
@db_option
@warehouse_errors
def upgrade(db_url: str | None) -> None:
    """Create or migrate the warehouse schema to the newest revision (also done on first use)."""
    from warehouse.db import get_engine, head_revision, resolve_url, shown

    get_engine(db_url)
    click.echo(f"{shown(resolve_url(db_url))} is at revision {head_revision()}")


@db.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File to write, - for the terminal. Default: docs/data-dictionary.md of the checkout "
    "kompass runs from; installed from a wheel (no checkout), the terminal.",
)
@output_errors
def dictionary(out: Path | None) -> None:
    """The data dictionary: every view and table column with its type and meaning, as
    Markdown. In a checkout it regenerates docs/data-dictionary.md (a test fails when that
    file is out of date), wherever the command is run from.

    \b
    Examples:
      kompass db dictionary                     # in a checkout: docs/data-dictionary.md
      kompass db dictionary --out - | less      # read it
    """
    from warehouse import dictionary as dd
    from warehouse.home import CHECKOUT, in_checkout

    if out is None and in_checkout() and (CHECKOUT / "docs").is_dir():
        out = CHECKOUT / "docs" / "data-dictionary.md"
    if out is None or str(out) == "-":
        click.echo(dd.render())
        return
    click.echo(str(dd.write(out)))
