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
