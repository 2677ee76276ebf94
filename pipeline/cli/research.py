"""The research commands: `kompass plot` (profile, trend), `compare`, `search` and `browse`
(Datasette). All read the warehouse, none changes it."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.errors import analysis_errors, refuse, warehouse_errors
from pipeline.cli.options import db_option
from pipeline.cli.output import echo_utf8

OUT_HELP = (
    "File to write; the format follows the suffix: .png, .svg or .pdf (vector, for print). "
    "Default: {default} in the working folder."
)


@click.group()
def plot() -> None:
    """Plots of the warehouse: an evaluation's profile, a municipality's trend.

    Each has a caption citing its source (report, publisher, date, pages of the scores) and
    the kompass version; values with a parser warning have their own marker.
    """


@plot.command("profile")
@click.argument("municipality")
@click.option("--year", type=int, help="Evaluation year (default: the latest).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=OUT_HELP.format(default="profile-<municipality>-<year>.png"),
)
@db_option
@warehouse_errors
@analysis_errors
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
@warehouse_errors
@analysis_errors
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


@click.command()
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
@warehouse_errors
@analysis_errors
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
        echo_utf8(cmp.to_csv(result))
    else:
        click.echo(cmp.render(result, width=None if wide else 80))


@click.command()
@click.argument("query_text", metavar="QUERY")
@click.option("--kind", type=click.Choice(["strength", "improvement", "question"]))
@click.option("--municipality", help="Only this municipality (name or SCB code).")
@click.option("--year", type=int, help="Only this evaluation year.")
@click.option("--version", "version", type=click.Choice(["2002", "2010", "2016", "2019"]))
@click.option("--limit", type=int, default=50, show_default=True)
@db_option
@warehouse_errors
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
        refuse(str(e))


@click.command()
@db_option
@click.option("--port", type=int, default=8001, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open a web browser.")
@warehouse_errors
def browse(db_url: str | None, port: int, open_browser: bool) -> None:
    """Browse the SQLite warehouse in Datasette: the views with search, facets and canned
    queries, at http://127.0.0.1:PORT/kommunkompassen (Ctrl-C stops it).

    Needs the optional extra: .venv/bin/pip install -e '.[browse]'
    """
    from warehouse import browse as b

    try:
        path = b.prepare(db_url, port)
    except b.BrowseError as e:
        refuse(str(e))
    click.echo(f"Datasette on http://127.0.0.1:{port}/{b.NAME} (Ctrl-C stops it)")
    b.serve(path, port, open_browser)
