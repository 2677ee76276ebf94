"""Prefect flows: `ingest_flow` (discover → download → parse → load) and `reprocess_flow`.

Tasks are thin wrappers over `pipeline.ingest`, `pipeline.download` and `warehouse.load`.
Downloads run in threads (I/O); parsing runs in worker processes (CPU), `workers` at a time;
loading happens one document at a time in the flow's process, each in its own transaction.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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
    if not doc.is_url:
        return ingest.copy_local(Path(doc.location), store)
    with make_client(timeout) as client:
        return download(doc.location, store, client, hint=doc.hint)


@task(name="parse", cache_policy=NO_CACHE)
def parse_task(path: str, url: str | None) -> ingest.Parsed:
    if _pool is None:
        return ingest.parse_in_worker(path, url)
    return _pool.submit(ingest.parse_in_worker, path, url).result()


@task(name="load", cache_policy=NO_CACHE)
def load_task(
    db_url: str | None, source: str, url: str | None, fetched: Fetched, parsed: ingest.Parsed
) -> LoadResult:
    return ingest.store_parsed(get_engine(db_url), source, url, fetched, parsed)


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
    futures = [(d, fetch.submit(d, str(store.root), timeout)) for d in docs]

    summary = ingest.Summary()
    to_parse: list[tuple[Document, Fetched]] = []
    seen: set[str] = set()
    for doc, fut in futures:
        fut.wait()
        if not fut.state.is_completed():
            try:
                fut.result()
            except DownloadError as e:
                summary.results.append(
                    _report(ingest.failed(engine, doc.location, e.code, e.reason))
                )
            except Exception as e:  # anything else: still one failed document
                summary.results.append(
                    _report(ingest.failed(engine, doc.location, type(e).__name__, str(e)[:300]))
                )
            continue
        fetched = fut.result()
        if fetched.sha256 in seen:  # the same bytes under another URL
            done = ingest.already_loaded(engine, doc.location, fetched.sha256)
            summary.results.append(
                _report(
                    done
                    or ingest.failed(
                        engine,
                        doc.location,
                        "Duplicate",
                        "same PDF as another source in this run",
                        fetched.sha256,
                    )
                )
            )
            continue
        seen.add(fetched.sha256)
        done = ingest.already_loaded(engine, doc.location, fetched.sha256)
        if done is not None:
            summary.results.append(_report(done))
            continue
        to_parse.append((doc, fetched))

    n_workers = max(1, workers or os.cpu_count() or 1)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["parsers"])
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx) as pool:
        _pool = pool
        try:
            parsed = [
                (doc, fetched, parse_task.submit(str(fetched.path), _url(doc)))
                for doc, fetched in to_parse
            ]
            for doc, fetched, fut in parsed:
                result = load_task(db_url, doc.location, _url(doc), fetched, fut.result())
                summary.results.append(_report(result))
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


def _url(doc: Document) -> str | None:
    return doc.location if doc.is_url else None


@flow(name="kompass-reprocess")
def reprocess_flow(paths: list[str], db_url: str | None = None) -> list[str]:
    """Re-parse stored PDFs (no network) and replace their rows."""
    engine = get_engine(db_url)
    return [load_file(p, engine, force=True).line for p in paths]
