"""The `kompass` command: a thin layer over the library that turns named errors into one line.

Exit codes: 0 all went well, 2 a document or the command's input was refused.

The commands live in rooms, one module per group, each command a few lines that read its
options, call one function of the layer below and print:

- `reports`: parse, inspect
- `warehouse`: load, query, export, status, review, db (upgrade, dictionary)
- `flows`: ingest, serve, demo, reprocess
- `research`: plot (profile, trend), compare, search, browse

and beside them the shared options (`options`), the error mapping (`errors`), how results
are printed (`output`), the progress display of a run (`progress`) and Prefect's environment
(`prefect_home`). Only click and these small modules load at start; each command imports
what it needs when it runs, so `kompass --help` stays fast.
"""

from __future__ import annotations

import logging
import sys

import click

from parsers import PARSER_VERSION
from pipeline.cli import flows, reports, research, warehouse
from pipeline.cli.errors import prefect_settings_problem, refuse
from warehouse import kompass_version


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
    from parsers import ocr
    from parsers.reader import reader_name

    try:
        reader_name()
    except ValueError as e:
        refuse(f"KOMPASS_READER: {e}")
    try:
        ocr.mode()
    except ValueError as e:
        refuse(f"KOMPASS_OCR: {e}")
    # pdfminer logs harmless font/encoding notes; a researcher should not see them
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


for command in (
    reports.parse,
    reports.inspect,
    warehouse.load,
    warehouse.query,
    warehouse.export,
    warehouse.status,
    warehouse.review,
    warehouse.db,
    flows.ingest,
    flows.serve,
    flows.demo,
    flows.reprocess,
    research.plot,
    research.compare,
    research.search,
    research.browse,
):
    cli.add_command(command)

#: Commands that run under `pipeline.signals.supervise`: the console script forks, the child
#: runs the whole command in a process group of its own, the parent only waits and passes
#: Ctrl-C on; so Prefect's server and the workers never see Ctrl-C and die with the command.
SUPERVISED = ("ingest", "demo")


def main() -> None:
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    if command in SUPERVISED and not {"-h", "--help"} & set(sys.argv[1:]):
        from pipeline import signals

        signals.supervise()
    try:
        cli(prog_name="kompass")
    except Exception as e:  # Prefect validates its PREFECT_* settings when first imported
        problem = prefect_settings_problem(e)
        if problem is None:
            raise
        refuse(problem)
