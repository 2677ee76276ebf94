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
from prefect.states import Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import ingest, signals, stream
from pipeline.discover import DiscoveryError, Document, discover
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
def discover_task(sources: list[str]) -> list[Document] | DiscoveryError:
    """A source that cannot be read is a value, not a raise: Prefect would log a raise twice
    with its traceback (task and flow) and keep the exception in its result storage."""
    try:
        return discover(sources)
    except DiscoveryError as e:
        return e


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
    """Find, download, parse and load every report of `sources`; returns the summary, in a
    FAILED-type "Completed with failures" state when a document failed or loaded incomplete
    (call with `return_state=True` and read it with `summary_of`)."""
    log = get_run_logger()
    engine = get_engine(db_url)
    store = RawStore(raw_dir or ingest.DEFAULT_RAW_DIR)
    ingest.remove_stale_parts(store)
    docs = discover_task(sources)
    if isinstance(docs, DiscoveryError):  # `summary_of` raises it for the caller
        return Failed(name=CANNOT_START, message=str(docs), data=docs)
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

    for result in summary.results:  # each document's outcome, in the flow run's own log
        log.info(result.line)
    for line in summary.lines():
        log.info(line)
    create_table_artifact(
        key="ingest-summary",
        table=summary.table() or [{"source": None, "status": "nothing found"}],
        description="; ".join(summary.lines()[:1]),
    )
    return final_state(summary, interrupted=run.interrupted)


#: Name of the final state of a run in which some document failed or was loaded incomplete.
WITH_FAILURES = "Completed with failures"
#: Name of the final state of a run whose sources could not be read (nothing was done).
CANNOT_START = "Cannot start"


def final_state(summary: ingest.Summary, interrupted: bool = False) -> dict | State:
    """The summary dict; wrapped in a FAILED-type state when the run was not clean.

    The state's type, not only its name, differs from a clean run, so the UI (red),
    `prefect flow-run ls`, automations on flow-run state types and anything that checks
    `state.is_completed()` all tell the two apart; the name says the run itself went through.
    Callers use `return_state=True` and `summary_of`.
    """
    result = {
        "lines": summary.lines(),
        "results": summary.table(),
        "failed": summary.count("failed"),
        "incomplete": summary.count("loaded_incomplete"),
        "interrupted": interrupted,
    }
    if summary.needs_attention or interrupted:
        return Failed(name=WITH_FAILURES, message=result["lines"][0], data=result)
    return result


def summary_of(state: State) -> dict:
    """The summary dict of a finished ingest flow run; re-raises what stopped a run."""
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    return result


@flow(name="kompass-reprocess")
def reprocess_flow(paths: list[str], db_url: str | None = None) -> list[str]:
    """Re-parse stored PDFs (no network) and replace their rows."""
    engine = get_engine(db_url)
    return [load_file(p, engine, force=True, parse=parse_limited).line for p in paths]
