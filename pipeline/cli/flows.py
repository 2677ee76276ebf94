"""The flow commands: `kompass ingest` (the Prefect flow), `serve` (it on a schedule), `demo`
(it on the bundled samples) and `reprocess` (stored PDFs again, no network). Prefect is
imported only inside `serve`, and by `pipeline.runs` at the run: other commands start without
it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.errors import refuse, warehouse_errors
from pipeline.cli.options import (
    dask_option,
    db_option,
    ocr_option,
    raw_dir_option,
    reader_option,
    sources_option,
    workers_option,
)
from pipeline.cli.output import echo_line, exit_code
from pipeline.cli.prefect_home import prefect_home, quiet_task_lines


@click.command()
@reader_option
@ocr_option
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
@dask_option
def ingest(
    reader: str | None,
    sources: tuple[str, ...],
    db_url: str | None,
    raw_dir: Path | None,
    workers: int | None,
    timeout: float,
    download_deadline: float = 120.0,
    dask: str | None = None,
    ocr: str | None = None,
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
    from pipeline import runs, signals
    from pipeline.cli.progress import Display

    signals.install()  # first Ctrl-C/SIGTERM: stop and summarize (see main() for the rest)
    prefect_home()
    quiet_task_lines()
    display = Display(sys.stdout.isatty())
    try:
        summary = runs.ingest(
            list(sources),
            db_url=db_url,
            raw_dir=raw_dir,
            workers=workers,
            timeout=timeout,
            download_deadline=download_deadline,
            dask=dask,
            reader=reader,
            ocr=ocr,
            progress=display,
        )
    except runs.CannotStart as e:
        refuse(str(e))
    for line in summary["lines"]:
        click.echo(line)
    sys.exit(runs.exit_code(summary))


@click.command()
@db_option
@raw_dir_option
@click.pass_context
def demo(ctx: click.Context, db_url: str | None, raw_dir: Path | None) -> None:
    """The main job on the bundled sample reports, end to end.

    Serves the sample reports shipped with kompass from a local HTTP server on 127.0.0.1,
    runs `kompass ingest` on its listing page (so the real download path runs), then prints a
    sample query. Runs from any folder, also when installed from a wheel.
    """
    from pipeline.cli.warehouse import query
    from pipeline.demo import SAMPLE_SQL, serve_folder

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
    click.echo(f'$ kompass query "{SAMPLE_SQL}"')
    ctx.invoke(query, sql=SAMPLE_SQL, db_url=db_url, as_csv=False)


@click.command()
@reader_option
@ocr_option
@click.argument("what", nargs=-1, metavar="SHA256-PREFIX | PATH | MUNICIPALITY YEAR")
@click.option("--outdated", is_flag=True, help="Every report parsed by an older parser version.")
@db_option
@raw_dir_option
@warehouse_errors
def reprocess(
    reader: str | None,
    ocr: str | None,
    what: tuple[str, ...],
    outdated: bool,
    db_url: str | None,
    raw_dir: Path | None,
) -> None:
    """Re-parse stored PDFs from raw_reports/ (no network) and replace their rows atomically.

    Exit code 0 when all loaded completely, 1 when some failed or loaded incomplete.

    \b
    Examples:
      kompass reprocess 591564a8          # by sha256 prefix
      kompass reprocess Norsjö 2018       # by municipality and year
      kompass reprocess --outdated        # everything parsed by an older parser
    """
    from parsers.ocr import Settings
    from pipeline import reprocess as rp
    from pipeline.raw import RawStore
    from warehouse.db import get_engine

    engine = get_engine(db_url)
    store = RawStore(raw_dir)
    try:
        targets = rp.targets(["--outdated", *what] if outdated else list(what), engine, store)
    except rp.ReprocessError as e:
        refuse(str(e))
    if not targets:
        click.echo("nothing to reprocess: every report is from the current parser")
    sys.exit(
        exit_code(
            rp.run(
                targets,
                engine,
                reader=reader,
                on_result=echo_line,
                ocr=Settings(ocr, str(store.ocr_cache)),
            )
        )
    )


@click.command()
@click.option(
    "--cron",
    required=True,
    help='Schedule in cron syntax, in UTC, e.g. "0 6 * * 1" (Mondays 06:00 UTC).',
)
@sources_option
@db_option
@raw_dir_option
@workers_option
@dask_option
@warehouse_errors
def serve(
    cron: str,
    sources: tuple[str, ...],
    db_url: str | None,
    raw_dir: Path | None,
    workers: int | None,
    dask: str | None = None,
) -> None:
    """Serve the ingest flow on a schedule (needs a running Prefect server).

    At start it says the schedule, the next run, the database, the raw folder and the
    sources; then it waits for the scheduled runs. Ctrl-C (or SIGTERM) stops it: exit code
    130, as for ingest.

    \b
    Start one with `prefect server start` and point kompass at it:
      export PREFECT_API_URL=http://127.0.0.1:4200/api
      kompass serve --cron "0 6 * * 1" --source https://skr.se/…/utvarderingsrapporter.html
    """
    from pipeline import serving
    from pipeline.raw import DEFAULT_RAW_DIR
    from pipeline.signals import EXIT_INTERRUPTED
    from warehouse.db import resolve_url, shown

    prefect_home()
    from prefect.settings import PREFECT_API_URL

    api = PREFECT_API_URL.value()
    if not api:
        refuse(
            "kompass serve needs a Prefect server: run `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    database, raw = shown(resolve_url(db_url)), raw_dir or DEFAULT_RAW_DIR
    try:
        click.echo("\n".join(serving.start_lines(cron, list(sources), database, raw, api)))
    except serving.BadSchedule as e:
        refuse(str(e))
    from pipeline.flows import ingest_flow

    parameters = {"sources": list(sources), "db_url": db_url, "workers": workers, "dask": dask}
    parameters["raw_dir"] = str(raw_dir) if raw_dir else None
    serving.serve_until_stopped(
        ingest_flow.serve, name="kompass-ingest", cron=cron, parameters=parameters
    )
    click.echo("stopped", err=True)  # serve returns only once stopped
    sys.exit(EXIT_INTERRUPTED)
