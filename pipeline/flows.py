"""Prefect flows: `ingest_flow` (discover → download → parse → load) and `reprocess_flow`.

Tasks are thin wrappers over `pipeline.discover`, `pipeline.download`, `pipeline.ingest` and
`warehouse.load`. Downloads run in threads (I/O), one task per URL so each has its retries;
parsing and loading run in `workers` processes (CPU), in batches, each document in its own
transaction. Batches keep Prefect's per-task bookkeeping from competing with parsing for the
cores (see benchmarks/README.md).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import ingest
from pipeline.discover import Document, discover
from pipeline.download import (
    DownloadError,
    Fetched,
    RawStore,
    download,
    make_client,
)
from pipeline.limits import parse_limited
from warehouse.db import get_engine
from warehouse.load import LoadResult, load_file

#: Called with each finished LoadResult (the CLI's progress bar); not a flow parameter
#: because flow parameters must be JSON.
ON_RESULT: Callable[[LoadResult], None] | None = None
#: Called once with the number of documents found.
ON_TOTAL: Callable[[int], None] | None = None

_pool: ProcessPoolExecutor | None = None


def _retry_only_transient(task, task_run, state) -> bool:
    """Retry timeouts, dropped connections and 5xx; never a 404 or a non-PDF."""
    try:
        state.result()
    except DownloadError as e:
        return e.retryable
    except Exception:
        return False
    return False


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(sources: list[str]) -> list[Document]:
    return discover(sources)


@task(
    name="fetch",
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=[2, 4, 8],
    retry_condition_fn=_retry_only_transient,
)
def fetch_task(doc: Document, raw_dir: str, timeout: float) -> Fetched:
    store = RawStore(raw_dir)
    with make_client(timeout) as client:
        return download(doc.location, store, client, hint=doc.hint)


@task(name="parse-and-load", cache_policy=NO_CACHE)
def process_task(items: list[ingest.Item], db_url: str | None, raw_dir: str) -> list[LoadResult]:
    """Parse and load a batch of documents in the worker processes, each in its own
    transaction. Batches keep Prefect's per-task cost from eating the cores parsing needs."""
    jobs = [(item, db_url, raw_dir) for item in items]
    results = (
        map(ingest.process_one, jobs) if _pool is None else _pool.map(ingest.process_one, jobs)
    )
    out = []
    for result in results:
        out.append(_report(result))
    return out


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
) -> dict:
    """Find, download, parse and load every report of `sources`; returns the summary."""
    global _pool
    log = get_run_logger()
    engine = get_engine(db_url)
    store = RawStore(raw_dir or ingest.DEFAULT_RAW_DIR)
    ingest.remove_stale_parts(store)
    docs = discover_task(sources)
    log.info("found %d documents", len(docs))
    if ON_TOTAL is not None:
        ON_TOTAL(len(docs))
    fetch = (
        fetch_task
        if retry_delays is None
        else fetch_task.with_options(retry_delay_seconds=retry_delays, retries=len(retry_delays))
    )
    # downloads are tasks of their own (retries per URL); local files are copied by the workers
    futures = [(d, fetch.submit(d, str(store.root), timeout)) for d in docs if d.is_url]
    items = [ingest.Item(d.location, None, d.location, None) for d in docs if not d.is_url]

    summary = ingest.Summary()
    seen: set[str] = set()
    for doc, fut in futures:
        fut.wait()
        if not fut.state.is_completed():
            try:
                fut.result()
            except DownloadError as e:
                result = ingest.failed(engine, doc.location, e.code, e.reason)
            except Exception as e:  # anything else: still one failed document
                result = ingest.failed(engine, doc.location, type(e).__name__, str(e)[:300])
            summary.results.append(_report(result))
            continue
        fetched = fut.result()
        if fetched.sha256 in seen:  # the same bytes under another URL
            done = ingest.already_loaded(engine, doc.location, fetched.sha256) or ingest.failed(
                engine,
                doc.location,
                "Duplicate",
                "same PDF as another source in this run",
                fetched.sha256,
            )
            summary.results.append(_report(done))
            continue
        seen.add(fetched.sha256)
        items.append(ingest.Item(doc.location, doc.location, str(fetched.path), fetched.sha256))

    n_workers = max(1, workers or os.cpu_count() or 1)
    batches = [items[i :: n_workers * 2] for i in range(min(len(items), n_workers * 2))]
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["parsers", "warehouse.load", "pipeline.ingest"])
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx) as pool:
        _pool = pool
        try:
            running = [process_task.submit(batch, db_url, str(store.root)) for batch in batches]
            for fut in running:
                summary.results.extend(fut.result())
        finally:
            _pool = None

    for line in summary.lines():
        log.info(line)
    create_table_artifact(
        key="ingest-summary",
        table=summary.table() or [{"source": None, "status": "nothing found"}],
        description="; ".join(summary.lines()[:1]),
    )
    return {"lines": summary.lines(), "results": summary.table(), "failed": summary.count("failed")}


@flow(name="kompass-reprocess")
def reprocess_flow(paths: list[str], db_url: str | None = None) -> list[str]:
    """Re-parse stored PDFs (no network) and replace their rows."""
    engine = get_engine(db_url)
    return [load_file(p, engine, force=True, parse=parse_limited).line for p in paths]
