"""`kompass reprocess` by name and by path (issue 14): a misspelt name gets one line with the
closest municipality, a PATH is recorded as its copy in the raw store. Real SQLite files."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import text

from pipeline.cli import cli
from tests.conftest import FIXTURES
from warehouse.db import get_engine

NORSJO = FIXTURES / "norsjo-2018.pdf"


def _load(tmp_path: Path) -> tuple[str, Path]:
    db, raw = f"sqlite:///{tmp_path / 'w.db'}", tmp_path / "raw"
    out = CliRunner().invoke(cli, ["load", str(NORSJO), "--db", db, "--raw-dir", str(raw)])
    assert out.exit_code == 0, out.output
    return db, raw


def test_a_name_without_diacritics_finds_the_municipality(tmp_path: Path) -> None:
    """One lookup for every command (`schema.kommuner.lookup`): Norsjo is Norsjö."""
    db, raw = _load(tmp_path)
    args = ["--db", db, "--raw-dir", str(raw)]
    out = CliRunner().invoke(cli, ["reprocess", "Norsjo", "2018", *args])
    assert out.exit_code == 0, out.output
    assert "→ Norsjö 2018" in out.stdout
    typo = CliRunner().invoke(cli, ["reprocess", "Norsjöö", "2018", *args])
    assert "did you mean Norsjö?" in typo.stderr
    year = CliRunner().invoke(cli, ["reprocess", "norsjö", "2017", *args])
    assert year.stderr == "error: no evaluation of norsjö 2017 in the warehouse; Norsjö has 2018\n"
    far = CliRunner().invoke(cli, ["reprocess", "Kiruna", "2018", *args])
    assert far.stderr == "error: no evaluation of Kiruna 2018 in the warehouse\n"


def test_reprocess_path_keeps_the_raw_copy_in_the_warehouse(tmp_path: Path) -> None:
    db, raw = _load(tmp_path)
    elsewhere = tmp_path / "downloads" / "norsjo.pdf"
    elsewhere.parent.mkdir()
    shutil.copy(NORSJO, elsewhere)
    out = CliRunner().invoke(cli, ["reprocess", str(elsewhere), "--db", db, "--raw-dir", str(raw)])
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("loaded     norsjo.pdf → Norsjö 2018")
    with get_engine(db).connect() as conn:
        stored = conn.execute(text("SELECT sha256, raw_path FROM report")).one()
    assert stored.raw_path == str(raw / f"{stored.sha256}.pdf")
    elsewhere.unlink()  # the warehouse does not depend on the path given
    again = CliRunner().invoke(
        cli, ["reprocess", stored.sha256[:8], "--db", db, "--raw-dir", str(raw)]
    )
    assert again.exit_code == 0, again.output


def test_reprocess_path_of_a_file_not_yet_in_the_store_stores_it(tmp_path: Path) -> None:
    db, raw = _load(tmp_path)
    for f in raw.glob("*.pdf"):
        f.unlink()
    out = CliRunner().invoke(cli, ["reprocess", str(NORSJO), "--db", db, "--raw-dir", str(raw)])
    assert out.exit_code == 0, out.output
    with get_engine(db).connect() as conn:
        stored = conn.execute(text("SELECT sha256, raw_path FROM report")).one()
    assert Path(stored.raw_path) == raw / f"{stored.sha256}.pdf"
    assert Path(stored.raw_path).exists()


def test_reprocess_and_status_name_the_report_not_its_raw_copy(tmp_path: Path) -> None:
    """Issue 26: by sha256 prefix or by name, the line, the ingest log and `kompass status`
    say which report it was (municipality, year, the file it was loaded from), not the
    64-hex raw copy."""
    db, raw = _load(tmp_path)
    args = ["--db", db, "--raw-dir", str(raw)]
    with get_engine(db).connect() as conn:
        sha, evaluation = conn.execute(text("SELECT sha256, evaluation_id FROM evaluations")).one()
    for what in ([sha[:8]], ["Norsjö", "2018"]):
        out = CliRunner().invoke(cli, ["reprocess", *what, *args])
        assert out.exit_code == 0, out.output
        assert out.stdout == f"loaded     norsjo-2018.pdf → Norsjö 2018 (evaluation {evaluation})\n"
    with get_engine(db).connect() as conn:
        sources = conn.execute(text("SELECT source FROM ingest_log ORDER BY attempt_id")).scalars()
        assert list(sources) == [str(NORSJO)] * 3
        kept = conn.execute(text("SELECT source_path, raw_path FROM report")).one()
    assert kept.source_path == str(NORSJO) and kept.raw_path == str(raw / f"{sha}.pdf")
    status = CliRunner().invoke(cli, ["status", "--db", db])
    (last,) = [line for line in status.stdout.splitlines() if line.startswith("last ingest:")]
    assert last.endswith(" UTC, loaded: Norsjö 2018 (norsjo-2018.pdf)")


def test_status_cuts_a_long_name_keeping_the_report_and_the_file() -> None:
    from warehouse.status import fit

    url = "Strängnäs 2014 (http://127.0.0.1:8000/reports/strangnas-2014.pdf)"
    assert fit(url, 80) == url
    assert fit(url, 37) == "Strängnäs 2014 (…/strangnas-2014.pdf)"
    assert fit("/a/very/long/path/to/empty.pdf", 14) == "…/to/empty.pdf"
