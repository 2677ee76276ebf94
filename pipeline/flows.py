"""Prefect flows: `ingest_flow` (discover → download → parse → load) and `reprocess_flow`.

Tasks are thin wrappers over `pipeline.discover`, `pipeline.download`, `pipeline.ingest` and
`warehouse.load`. Downloads run in threads (I/O), one task per URL with its retries;
parsing and loading run in `workers` processes (CPU), each document in its own transaction,
as soon as it is at hand (`pipeline.stream`): a slow download delays only itself. Loads go
straight to the process pool rather than one Prefect task each, which keeps Prefect's
per-task bookkeeping from competing with parsing for the cores (see benchmarks/README.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import ingest, signals, stream
from pipeline.discover import Document, discover
from pipeline.download import DEADLINE_S, Fetched, RawStore, download, make_client
from pipeline.limits import parse_limited
from warehouse.db import get_engine
from warehouse.load import LoadResult, load_file

#: Called with each finished LoadResult (the CLI's progress bar); not a flow parameter
#: because flow parameters must be JSON.
ON_RESULT: Callable[[LoadResult], None] | None = None
#: Called once with the number of documents found.
ON_TOTAL: Callable[[int], None] | None = None

RETRY_DELAYS = [2.0, 4.0, 8.0]


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(sources: list[str]) -> list[Document]:
    return discover(sources)


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_task(
    doc: Document,
    raw_dir: str,
    timeout: float,
    deadline: float = DEADLINE_S,
    retry_delays: list[float] | None = None,
) -> Fetched | stream.FetchFailed:
    """Download one URL, retrying transient failures; a failure is a value, not a raise."""
    store = RawStore(raw_dir)
    with make_client(timeout) as client:
        return stream.fetch_with_retries(
            lambda: download(
                doc.location,
                store,
                client,
                hint=doc.hint,
                deadline=deadline,
                should_stop=signals.stopping,
            ),
            RETRY_DELAYS if retry_delays is None else retry_delays,
        )


def _report(result: LoadResult) -> LoadResult:
    if ON_RESULT is not None:
        ON_RESULT(result)
    return result


@flow(name="kompass-ingest", task_runner=ThreadPoolTaskRunner(max_workers=16), log_prints=False)
def ingest_flow(
    sources: list[str],
    db_url: str | None = None,
    raw_dir: str | None = None,
    workers: int | None = None,
    timeout: float = 30.0,
    retry_delays: list[float] | None = None,
    download_deadline: float = DEADLINE_S,
) -> dict:
    """Find, download, parse and load every report of `sources`; returns the summary."""
    log = get_run_logger()
    engine = get_engine(db_url)
    store = RawStore(raw_dir or ingest.DEFAULT_RAW_DIR)
    ingest.remove_stale_parts(store)
    docs = discover_task(sources)
    log.info("found %d documents", len(docs))
    if ON_TOTAL is not None:
        ON_TOTAL(len(docs))
    # downloads are tasks of their own (retries per URL); local files are copied by the workers
    run = stream.Stream(
        engine,
        db_url,
        str(store.root),
        workers=max(1, workers or os.cpu_count() or 1),
        fetch=lambda d: stream.as_future(
            fetch_task.submit(d, str(store.root), timeout, download_deadline, retry_delays)
        ),
        report=_report,
    )
    summary = ingest.Summary()
    summary.results.extend(run.run(docs))

    for line in summary.lines():
        log.info(line)
    create_table_artifact(
        key="ingest-summary",
        table=summary.table() or [{"source": None, "status": "nothing found"}],
        description="; ".join(summary.lines()[:1]),
    )
    return {
        "lines": summary.lines(),
        "results": summary.table(),
        "failed": summary.count("failed"),
        "interrupted": run.interrupted,
    }


@flow(name="kompass-reprocess")
def reprocess_flow(paths: list[str], db_url: str | None = None) -> list[str]:
    """Re-parse stored PDFs (no network) and replace their rows."""
    engine = get_engine(db_url)
    return [load_file(p, engine, force=True, parse=parse_limited).line for p in paths]
