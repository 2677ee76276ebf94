"""Scale-out for real (issue 16): the ingest flow parses on a Dask cluster through
prefect-dask's DaskTaskRunner. A real `distributed.LocalCluster` (2 worker processes with
nannies, loopback only), real Prefect runs, real SQLite files and PostgreSQL; every view must
equal (as DataFrames) a local-runner ingest of the same corpus, and a worker killed in the
middle of a run must lose no document."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from pipeline import flows
from pipeline.steps import parse_portable
from tests import hostile
from tests.conftest import FIXTURES
from tests.warehouse_fixtures import pg_schema_url
from warehouse.api import Warehouse
from warehouse.views import VIEWS

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

#: Read with PDFium in these tests (byte-identical records, a third of the time); the name
#: travels to the workers with each task, not through the environment.
READER = "pdfium"
REPORTS = sorted(FIXTURES.glob("*.pdf"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture reports, one file that is no PDF and one over the character limit."""
    folder = tmp_path_factory.mktemp("corpus")
    for pdf in REPORTS:
        shutil.copy(pdf, folder / pdf.name)
    shutil.copy(FIXTURES / "bad" / "empty.pdf", folder / "empty.pdf")
    (folder / "textbomb.pdf").write_bytes(hostile.text_bomb(300_000))
    return folder


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    ) as c:
        yield c


def ingest(corpus: Path, db: str, raw: Path, **kw) -> dict:
    state = flows.ingest_flow(
        [str(corpus)], db_url=db, raw_dir=str(raw), reader=READER, return_state=True, **kw
    )
    return flows.summary_of(state)


def frames(db: str) -> dict[str, pd.DataFrame]:
    """Every view, without what depends on load order or time (ids, timestamps), sorted."""
    wh = Warehouse(db)
    out = {}
    for view in VIEWS:
        df = wh.view(view)
        df = df.drop(columns=[c for c in df if c.endswith("_id") or c.endswith("_at")])
        out[view] = df.sort_values(list(df.columns), ignore_index=True, na_position="first")
    return out


def assert_same_views(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for view in VIEWS:
        pd.testing.assert_frame_equal(a[view], b[view], check_dtype=True, obj=view)


@pytest.fixture(scope="module")
def reference(prefect, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The same corpus through Prefect's local process pool (2 workers)."""
    work = tmp_path_factory.mktemp("local")
    db = f"sqlite:///{work / 'w.db'}"
    out = ingest(corpus, db, work / "raw", workers=2)
    assert out["lines"][0] == "12 documents: 10 loaded, 0 loaded incomplete, 0 unchanged, 2 failed"
    return frames(db)


EXPECTED_FAILURES = {
    "empty.pdf": ("EmptyFile", "file is empty (0 bytes of content)"),
    "textbomb.pdf": ("LimitExceeded", None),
}


def check_log(db: str, corpus: Path) -> None:
    """Every document once in ingest_log: the reports loaded, the two bad ones failed."""
    log = Warehouse(db).ingest_log()
    assert sorted(log.source) == sorted(str(p) for p in corpus.glob("*.pdf"))
    for row in log.itertuples():
        name = Path(row.source).name
        if name in EXPECTED_FAILURES:
            code, message = EXPECTED_FAILURES[name]
            assert (row.status, row.error_code) == ("failed", code)
            assert message is None or row.error_message == message
        else:
            assert row.status == "loaded", row


def test_a_local_dask_cluster_into_sqlite_equals_the_local_runner(
    prefect, corpus: Path, reference: dict, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    out = ingest(corpus, db, tmp_path / "raw", dask="local:2")
    assert out["lines"][0] == "12 documents: 10 loaded, 0 loaded incomplete, 0 unchanged, 2 failed"
    check_log(db, corpus)
    assert_same_views(frames(db), reference)
    # the flow process kept the raw bytes; the workers never saw the folder
    assert len(list((tmp_path / "raw").glob("*.pdf"))) == 12


def test_an_existing_cluster_into_postgresql_equals_the_local_runner(
    prefect, corpus: Path, reference: dict, cluster, tmp_path: Path
) -> None:
    gen = pg_schema_url()
    db = next(gen)
    try:
        out = ingest(corpus, db, tmp_path / "raw", dask=cluster.scheduler_address)
        assert out["failed"] == 2 and out["incomplete"] == 0
        check_log(db, corpus)
        assert_same_views(frames(db), reference)
    finally:
        next(gen, None)


def test_a_worker_killed_mid_run_loses_no_document(
    prefect, corpus: Path, reference: dict, cluster, tmp_path: Path
) -> None:
    """SIGKILL to a worker process while it parses: its nanny restarts it, the scheduler runs
    its tasks again elsewhere, and every document ends loaded (or logged as failed)."""
    client = distributed.Client(cluster)
    before = client.run(os.getpid)
    killed: list[int] = []

    def kill_one_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                time.sleep(0.3)  # well into its parse
                os.kill(before[busy[0]], signal.SIGKILL)
                killed.append(before[busy[0]])
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_busy_worker, daemon=True)
    killer.start()
    db = f"sqlite:///{tmp_path / 'w.db'}"
    try:
        out = ingest(corpus, db, tmp_path / "raw", dask=cluster.scheduler_address)
    finally:
        killer.join(timeout=5)
    assert killed, "no worker was busy to kill"
    client.wait_for_workers(2, timeout=60)
    after = client.run(os.getpid)
    assert killed[0] not in after.values()  # it really died, and a new one took its place
    client.close()
    check_log(db, corpus)
    assert out["lines"][0] == "12 documents: 10 loaded, 0 loaded incomplete, 0 unchanged, 2 failed"
    assert_same_views(frames(db), reference)


def test_a_parse_task_on_a_dask_worker_is_pure(cluster) -> None:
    """Bytes and a reader name in, the contract's dict out: nothing of this process needed.
    (The text bomb in the corpus above is refused with LimitExceeded on the workers.)"""
    with distributed.Client(cluster) as client:
        norsjo = (FIXTURES / "norsjo-2018.pdf").read_bytes()
        answer = client.submit(parse_portable, norsjo, "norsjo-2018.pdf", None, READER).result(
            timeout=120
        )
        assert answer["record"]["municipality"]["name"] == "Norsjö"
        assert answer["record"]["source"]["path"] == "norsjo-2018.pdf"
        bad = client.submit(parse_portable, b"<html>404</html>", "x.pdf", None, READER)
        assert bad.result(timeout=120) == {
            "error": ["HtmlNotPdf", "an HTML page saved as .pdf, probably a server error page"]
        }


def test_a_bad_dask_address_is_one_line(prefect, tmp_path: Path) -> None:
    with pytest.raises(flows.RunnerError, match=r"^--dask nowhere: give a scheduler address"):
        ingest(FIXTURES / "bad", f"sqlite:///{tmp_path / 'w.db'}", tmp_path / "raw", dask="nowhere")
