"""The `kompass` command: a thin layer over the library that turns named errors into one line.

Exit codes: 0 all went well, 2 a document or the command's input was refused.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from parsers import PARSER_VERSION, ReportError
from pipeline.cli_options import (
    db_option,
    raw_dir_option,
    reader_option,
    sources_option,
    workers_option,
)
from warehouse import kompass_version


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _report_errors(func):
    """A document the parser refuses: one line naming the file, exit code 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReportError as e:
            _fail(str(e))
            sys.exit(2)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    kompass_version(),
    prog_name="kompass",
    message=f"%(prog)s %(version)s (parser {PARSER_VERSION})",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Kommunkompassen evaluation reports (PDF) into a research-grade warehouse.

    Start with `kompass parse REPORT.pdf` to see what one report holds.
    """
    ctx.obj = {"debug": debug}
    from parsers.reader import reader_name

    try:
        reader_name()
    except ValueError as e:
        _fail(f"KOMPASS_READER: {e}")
        sys.exit(2)
    # pdfminer logs harmless font/encoding notes; a researcher should not see them
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


@cli.command()
@reader_option
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
def parse(ctx: click.Context, reports: tuple[Path, ...], as_json: bool, strict: bool) -> None:
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
    code = print_reports(reports, as_json, strict, in_process=debug, echo=click.echo, fail=_fail)
    sys.exit(code)


@cli.command()
@reader_option
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page", "page_no", type=click.IntRange(min=1), required=True, help="1-based page.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PNG to write (default: <report>-p<N>.png in the working folder).",
)
@click.option("--text", "as_text", is_flag=True, help="Print what was recognised, one per line.")
@_report_errors
def inspect(report: Path, page_no: int, out: Path | None, as_text: bool) -> None:
    """Draw what the parser saw on one page: for a report that parses wrong.

    Words (grey), headings (purple), score-table rows (blue, "q 4.2: 4/10/40%"), area totals,
    history rows (teal), strengths (green), improvements (orange) and the findings column
    gutter (red), each labelled with what the parser made of it.

    \b
    Examples:
      kompass inspect tests/fixtures/norsjo-2018.pdf --page 9
      kompass inspect report.pdf --page 12 --out p12.png --text
    """
    from parsers.inspect import draw, text_dump

    target, found = draw(report, page_no, out)
    if as_text:
        click.echo(text_dump(found))
    click.echo(f"wrote {target}")


ROOT = Path(__file__).resolve().parent.parent


def _usable_raw_dir(raw_dir: Path | None) -> Path:
    """The raw folder, created and checked writable by writing a file (as root, access()
    says yes to everything); exit 2 with one line before any work when it is not."""
    import tempfile

    from pipeline.raw import DEFAULT_RAW_DIR

    target = raw_dir or DEFAULT_RAW_DIR
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        _fail(f"raw folder {target}: cannot create it ({e.strerror or e})")
        sys.exit(2)
    try:
        with tempfile.TemporaryFile(dir=target, prefix=".probe-"):
            pass
    except OSError:
        _fail(f"raw folder {target}: not writable")
        sys.exit(2)
    return target


def _warehouse_errors(func):
    """Turn database problems into one line and exit code 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from sqlalchemy.exc import SQLAlchemyError

        from warehouse.db import WarehouseError, describe

        try:
            return func(*args, **kwargs)
        except WarehouseError as e:
            _fail(str(e))
        except SQLAlchemyError as e:
            _fail(f"database error: {describe(e)}")
        sys.exit(2)

    return wrapper


def _analysis_errors(func):
    """A question the warehouse cannot answer (no such evaluation, mixed versions): one line."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from warehouse.compare import AnalysisError

        try:
            return func(*args, **kwargs)
        except AnalysisError as e:
            _fail(str(e))
            sys.exit(2)

    return wrapper


@cli.command()
@reader_option
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@raw_dir_option
@click.option("--force", is_flag=True, help="Parse and replace even if this PDF is already loaded.")
@_warehouse_errors
def load(reports: tuple[Path, ...], db_url: str | None, raw_dir: Path | None, force: bool) -> None:
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
    from pipeline.raw import RawStore
    from pipeline.steps import load_paths
    from warehouse.db import get_writer

    engine = get_writer(db_url)
    store = RawStore(_usable_raw_dir(raw_dir))
    results = load_paths(list(reports), engine, store, force=force, on_result=_echo_line)
    sys.exit(_exit_code(results))


def _echo_line(result) -> None:
    click.echo(result.line)


def _exit_code(results) -> int:
    """1 when some document failed or loaded incomplete, else 0."""
    return int(any(r.status in ("failed", "loaded_incomplete") for r in results))


@cli.command()
@click.argument("sql")
@db_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (UTF-8) instead of a table.")
@click.option(
    "--excel",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.xlsx",
    help="Write the result to an Excel workbook (text columns such as codes stay text).",
)
@_warehouse_errors
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
        _fail(str(e))
        sys.exit(2)
    except SQLAlchemyError as e:
        _fail(f"query failed: {describe(e)}")
        sys.exit(2)
    if excel:
        click.echo(str(write_xlsx({"query": df}, excel, [("query", sql)])))
    elif as_csv:
        _echo_utf8(q.csv(df))
    else:
        click.echo(q.table(df))


def _echo_utf8(data: str) -> None:
    """CSV goes out as UTF-8 whatever the terminal's locale says (a file for other tools)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (e.g. redirected in a notebook): as it is
        click.echo(data, nl=False)
        return
    sys.stdout.flush()
    buffer.write(data.encode("utf-8"))
    buffer.flush()


@cli.command()
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
@_warehouse_errors
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


DASK_HELP = (
    "Parse on a Dask cluster: a scheduler's address (tcp://HOST:8786), or local:N for a "
    "local cluster of N worker processes for this run. Needs the dask extra."
)


def _prefect_home() -> None:
    """Keep Prefect's state inside the checkout unless the operator says otherwise."""
    import os

    os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
    # no usage telemetry from a research pipeline (and no internet on many of its machines);
    # the client's first-run banner only listens to DO_NOT_TRACK, so off means both
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"].strip().lower() in ("false", "0", "no"):
        os.environ.setdefault("DO_NOT_TRACK", "1")
    # the temporary server's first start creates its database: on a busy machine that takes
    # longer than Prefect's 20 s default
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


@cli.command()
@reader_option
@sources_option
@db_option
@raw_dir_option
@workers_option
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds an HTTP request may wait for the next bytes.",
)
@click.option(
    "--download-deadline",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,
    show_default=True,
    help="Seconds one download may take in all (a server sending 1 byte/s fails it).",
)
@click.option("--dask", metavar="tcp://HOST:PORT|local:N", help=DASK_HELP)
def ingest(
    sources: tuple[str, ...],
    db_url: str | None,
    raw_dir: Path | None,
    workers: int | None,
    timeout: float,
    download_deadline: float = 120.0,
    dask: str | None = None,
) -> None:
    """Run the ingest flow: discover, download, parse and load every report (Prefect).

    Raw PDFs are kept in raw_reports/ by sha256; an unchanged report is neither fetched nor
    parsed again. Each document that fails is recorded in ingest_log with its reason and does
    not stop the run; a report read incompletely is loaded and counted as "loaded incomplete".
    Ends with a summary (also a Prefect table artifact); such a run ends in the Prefect state
    "Completed with failures" (type FAILED). Exit code 0 when every document loaded
    completely or was unchanged, 1 when some failed or loaded incomplete, 2 when the run could
    not start, 130 when stopped by Ctrl-C or SIGTERM: the first one stops downloads, lets the
    documents being loaded finish, records the rest as interrupted and prints the summary; a
    second one aborts at once.

    Without PREFECT_API_URL, Prefect starts a temporary local server for the run; its state
    lives in .prefect/ in the checkout (PREFECT_HOME).

    \b
    Examples:
      kompass ingest --source https://skr.se/…/utvarderingsrapporterkommunkompassen.html
      kompass ingest --source reports/ --workers 2 --db sqlite:///kompass.db
      kompass ingest --source reports/ --dask tcp://scheduler:8786 --db postgresql+psycopg://…
    """
    import os

    from pipeline import signals
    from warehouse.db import WarehouseError, get_writer

    signals.install()  # first Ctrl-C/SIGTERM: stop and summarize (see main() for the rest)
    try:
        get_writer(db_url)  # a read-only database refuses to start, not every document
    except WarehouseError as e:
        _fail(str(e))
        sys.exit(2)
    target = _usable_raw_dir(raw_dir)

    _prefect_home()
    tty = sys.stdout.isatty()
    # our own lines (or the bar) report each document; Prefect's per-task lines are noise on
    # the terminal, but the flow run's log on the server keeps them (INFO and up)
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    from pipeline import flows
    from pipeline.discover import DiscoveryError

    progress = _progress(tty)
    progress.start()
    try:
        state = flows.run_ingest(
            list(sources),
            db_url=db_url,
            raw_dir=str(target),
            workers=workers,
            timeout=timeout,
            download_deadline=download_deadline,
            dask=dask,
            progress=progress,
        )
        summary = flows.summary_of(state)
    except (DiscoveryError, flows.RunnerError) as e:
        progress.close()
        _fail(f"cannot start: {e}")
        sys.exit(2)
    finally:
        progress.close()
    for line in summary["lines"]:
        click.echo(line)
    if summary.get("interrupted"):
        sys.exit(signals.EXIT_INTERRUPTED)
    sys.exit(1 if summary["failed"] or summary["incomplete"] else 0)


@cli.command()
@db_option
@raw_dir_option
@click.pass_context
def demo(ctx: click.Context, db_url: str | None, raw_dir: Path | None) -> None:
    """The main job on the bundled sample reports, end to end.

    Serves tests/fixtures/ from a local HTTP server on 127.0.0.1, runs `kompass ingest` on its
    listing page (so the real download path runs), then prints a sample query.
    """
    from pipeline.demo import serve_folder

    with serve_folder() as url:
        click.echo(f"serving the sample reports at {url}")
        try:
            ctx.invoke(
                ingest, sources=(url,), db_url=db_url, raw_dir=raw_dir, workers=None, timeout=30.0
            )
        except SystemExit as e:
            if e.code not in (0, None):
                raise
    click.echo()
    sql = (
        "SELECT municipality, evaluation_year, instrument_version, total_points, "
        "warning_count FROM evaluations ORDER BY municipality"
    )
    click.echo(f'$ kompass query "{sql}"')
    ctx.invoke(query, sql=sql, db_url=db_url, as_csv=False)


def _progress(tty: bool):
    """A progress bar on a terminal, one plain line per document otherwise."""
    from pipeline.ingest import Progress

    class _Progress(Progress):
        def __init__(self, tty: bool):
            self.tty = tty
            self.bar = None

        def __getstate__(self) -> dict:
            # Prefect may pickle the flow's arguments into task workers: they get an inert copy
            return {"tty": False, "bar": None}

        def start(self) -> None:
            """Before the flow: Prefect's temporary server may take many seconds to start."""
            if self.tty:
                from rich.progress import Progress as Bar

                self.bar = Bar(transient=True)
                self.bar.start()
                self.task = self.bar.add_task("starting Prefect…", total=None)

        def total(self, n: int) -> None:
            if self.bar is not None:
                self.bar.update(self.task, description="ingesting", total=n)

        def advance(self, result) -> None:
            if self.bar is not None:
                self.bar.advance(self.task)
            else:
                click.echo(result.line)

        def close(self) -> None:
            if self.bar is not None:
                self.bar.stop()
                self.bar = None

    return _Progress(tty)


@cli.command()
@reader_option
@click.argument("what", nargs=-1, metavar="SHA256-PREFIX | PATH | MUNICIPALITY YEAR")
@click.option("--outdated", is_flag=True, help="Every report parsed by an older parser version.")
@db_option
@raw_dir_option
@_warehouse_errors
def reprocess(
    what: tuple[str, ...], outdated: bool, db_url: str | None, raw_dir: Path | None
) -> None:
    """Re-parse stored PDFs from raw_reports/ (no network) and replace their rows atomically.

    Exit code 0 when all loaded completely, 1 when some failed or loaded incomplete.

    \b
    Examples:
      kompass reprocess 591564a8          # by sha256 prefix
      kompass reprocess Norsjö 2018       # by municipality and year
      kompass reprocess --outdated        # everything parsed by an older parser
    """
    from pipeline import reprocess as rp
    from pipeline.raw import RawStore
    from warehouse.db import get_engine

    engine = get_engine(db_url)
    try:
        targets = rp.targets(
            ["--outdated", *what] if outdated else list(what), engine, RawStore(raw_dir)
        )
    except rp.ReprocessError as e:
        _fail(str(e))
        sys.exit(2)
    if not targets:
        click.echo("nothing to reprocess: every report is from the current parser")
    sys.exit(_exit_code(rp.run(targets, engine, on_result=_echo_line)))


@cli.command()
@db_option
@raw_dir_option
@_warehouse_errors
def review(db_url: str | None, raw_dir: Path | None) -> None:
    """List what needs a look: evaluations loaded incomplete (each missing value with its
    page) and documents that failed, each with the command that retries it after a fix.

    \b
    Example:
      kompass review
      kompass reprocess 3f2a9c1b0e4d      # the command it prints, after a parser fix
    """
    from pipeline.review import review_lines

    for line in review_lines(db_url, raw_dir):
        click.echo(line)


@cli.command()
@db_option
@_warehouse_errors
def status(db_url: str | None) -> None:
    """What is in the warehouse, on one screen: evaluations per instrument version and year,
    incomplete ones, failed documents, outdated parses and the last ingest.

    \b
    Example:
      kompass status --db postgresql+psycopg://kompass@db.example/kompass
    """
    from warehouse import status as st
    from warehouse.db import get_read_only, resolve_url, shown

    found = st.status(get_read_only(db_url), shown(resolve_url(db_url)), PARSER_VERSION)
    click.echo("\n".join(st.render(found)))


@cli.command()
@click.option("--cron", required=True, help='Schedule, e.g. "0 6 * * 1" (Mondays 06:00).')
@sources_option
@db_option
@raw_dir_option
@workers_option
@click.option("--dask", metavar="tcp://HOST:PORT|local:N", help=DASK_HELP)
def serve(
    cron: str,
    sources: tuple[str, ...],
    db_url: str | None,
    raw_dir: Path | None,
    workers: int | None,
    dask: str | None = None,
) -> None:
    """Serve the ingest flow on a schedule (needs a running Prefect server).

    \b
    Start one with `prefect server start` and point kompass at it:
      export PREFECT_API_URL=http://127.0.0.1:4200/api
      kompass serve --cron "0 6 * * 1" --source https://skr.se/…/utvarderingsrapporter.html
    """
    _prefect_home()
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        _fail(
            "kompass serve needs a Prefect server: run `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
        sys.exit(2)
    from pipeline.flows import ingest_flow

    ingest_flow.serve(
        name="kompass-ingest",
        cron=cron,
        parameters={
            "sources": list(sources),
            "db_url": db_url,
            "raw_dir": str(raw_dir) if raw_dir else None,
            "workers": workers,
            "dask": dask,
        },
    )


@cli.group()
def plot() -> None:
    """Plots of the warehouse: an evaluation's profile, a municipality's trend.

    Each has a caption citing its source (report, publisher, date, pages of the scores) and
    the kompass version; values with a parser warning have their own marker.
    """


OUT_HELP = (
    "File to write; the format follows the suffix: .png, .svg or .pdf (vector, for print). "
    "Default: {default} in the working folder."
)


@plot.command("profile")
@click.argument("municipality")
@click.option("--year", type=int, help="Evaluation year (default: the latest).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=OUT_HELP.format(default="profile-<municipality>-<year>.png"),
)
@db_option
@_warehouse_errors
@_analysis_errors
def plot_profile(municipality: str, year: int | None, out: Path | None, db_url: str | None) -> None:
    """The eight area scores of one evaluation against the mean and range of the evaluations
    of other municipalities with the same instrument version (this one is not included).

    \b
    Examples:
      kompass plot profile Norsjö --year 2018            # writes profile-norsjo-2018.png
      kompass plot profile Norsjö --out norsjo.svg
    """
    from warehouse import plots
    from warehouse.db import get_reader

    click.echo(str(plots.save(plots.profile(get_reader(db_url), municipality, year), out)))


@plot.command("trend")
@click.argument("municipality")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=OUT_HELP.format(default="trend-<municipality>-<first year>-<last year>.png"),
)
@db_option
@_warehouse_errors
@_analysis_errors
def plot_trend(municipality: str, out: Path | None, db_url: str | None) -> None:
    """Total and area scores over the years, from loaded evaluations and the history tables
    printed in reports (hollow markers), broken where the instrument version changes; each
    area named as in each version.

    \b
    Examples:
      kompass plot trend Norsjö                           # writes trend-norsjo-2015-2018.png
      kompass plot trend Norsjö --out norsjo-trend.pdf
    """
    from warehouse import plots
    from warehouse.db import get_reader

    click.echo(str(plots.save(plots.trend(get_reader(db_url), municipality), out)))


@cli.command()
@click.argument("municipalities", nargs=-1, required=True)
@click.option("--year", type=int, help="Evaluation year for all (default: each one's latest).")
@click.option(
    "--themes",
    is_flag=True,
    help="Compare by cross-version theme, across instrument versions; names the area of each "
    "version that forms each theme.",
)
@click.option("--wide", is_flag=True, help="One line per row, however long (default: 80 columns).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (UTF-8) instead of a table.")
@db_option
@_warehouse_errors
@_analysis_errors
def compare(
    municipalities: tuple[str, ...],
    year: int | None,
    themes: bool,
    wide: bool,
    as_csv: bool,
    db_url: str | None,
) -> None:
    """Areas side by side, with differences to the first municipality.

    Refuses to put evaluations of different instrument versions in one column unless
    --themes is given, which compares by cross-version theme, names each version's areas in
    every theme, and says that the scores are not strictly comparable.

    \b
    Examples:
      kompass compare Norsjö Ängelholm Lidköping
      kompass compare Norsjö Kalmar --themes
      kompass compare Norsjö Ängelholm --csv > norsjo-angelholm.csv
    """
    from warehouse import compare as cmp
    from warehouse.db import get_reader

    result = cmp.compare(get_reader(db_url), list(municipalities), year, themes)
    if as_csv:
        _echo_utf8(cmp.to_csv(result))
    else:
        click.echo(cmp.render(result, width=None if wide else 80))


@cli.command()
@click.argument("query_text", metavar="QUERY")
@click.option("--kind", type=click.Choice(["strength", "improvement", "question"]))
@click.option("--municipality", help="Only this municipality (name or SCB code).")
@click.option("--year", type=int, help="Only this evaluation year.")
@click.option("--version", "version", type=click.Choice(["2002", "2010", "2016", "2019"]))
@click.option("--limit", type=int, default=50, show_default=True)
@db_option
@_warehouse_errors
def search(query_text: str, db_url: str | None, limit: int, **filters) -> None:
    """Full-text search over findings and sub-questions, best matches first.

    Swedish words match in every inflection (medborgardialog finds medborgardialoger).
    SQLite: FTS5 syntax (a OR b, prefix*, "a phrase", NOT); PostgreSQL: websearch syntax
    (a OR b, "a phrase", -word).

    \b
    Examples:
      kompass search medborgardialog
      kompass search "korruption OR whistleblower*" --kind improvement --version 2016
      kompass search visselblåsare* --municipality Gävle --year 2022
    """
    from warehouse.db import get_reader
    from warehouse.search import SearchError, run

    try:
        click.echo("\n".join(run(get_reader(db_url), query_text, limit=limit, **filters)))
    except SearchError as e:
        _fail(str(e))
        sys.exit(2)


@cli.command()
@db_option
@click.option("--port", type=int, default=8001, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open a web browser.")
@_warehouse_errors
def browse(db_url: str | None, port: int, open_browser: bool) -> None:
    """Browse the SQLite warehouse in Datasette: the views with search, facets and canned
    queries, at http://127.0.0.1:PORT/kommunkompassen (Ctrl-C stops it).

    Needs the optional extra: .venv/bin/pip install -e '.[browse]'
    """
    from warehouse import browse as b

    try:
        path = b.prepare(db_url, port)
    except b.BrowseError as e:
        _fail(str(e))
        sys.exit(2)
    click.echo(f"Datasette on http://127.0.0.1:{port}/{b.NAME} (Ctrl-C stops it)")
    b.serve(path, port, open_browser)


@cli.group()
def db() -> None:
    """Manage the warehouse database: migrations and the data dictionary."""


@db.command()
@db_option
@_warehouse_errors
def upgrade(db_url: str | None) -> None:
    """Create or migrate the warehouse schema to the newest revision (also done on first use)."""
    from warehouse.db import get_engine, head_revision, resolve_url, shown

    get_engine(db_url)
    click.echo(f"{shown(resolve_url(db_url))} is at revision {head_revision()}")


@db.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("docs/data-dictionary.md"),
    show_default=True,
)
def dictionary(out: Path) -> None:
    """Regenerate the data dictionary (every view and table column with type and meaning)."""
    from warehouse.dictionary import render

    out.write_text(render() + "\n", "utf-8")
    click.echo(str(out))


#: Commands that run under `pipeline.signals.supervise`: the console script forks, the child
#: runs the whole command in a process group of its own, the parent only waits and passes
#: Ctrl-C on; so Prefect's server and the workers never see Ctrl-C and die with the command.
SUPERVISED = ("ingest", "demo")


def main() -> None:
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    if command in SUPERVISED and not {"-h", "--help"} & set(sys.argv[1:]):
        from pipeline import signals

        signals.supervise()
    cli(prog_name="kompass")


if __name__ == "__main__":
    main()
