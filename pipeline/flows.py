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

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import ingest, reprocess, signals, stream
from pipeline.discover import Document, discover
from pipeline.download import DEADLINE_S, download, make_client
from pipeline.raw import RawStore, Stored
from warehouse.db import get_engine

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
) -> Stored | stream.FetchFailed:
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


@flow(name="kompass-ingest", task_runner=ThreadPoolTaskRunner(max_workers=16), log_prints=False)
def ingest_flow(
    sources: list[str],
    db_url: str | None = None,
    raw_dir: str | None = None,
    workers: int | None = None,
    timeout: float = 30.0,
    retry_delays: list[float] | None = None,
    download_deadline: float = DEADLINE_S,
    progress: ingest.Progress | None = None,
) -> dict:
    """Find, download, parse and load every report of `sources`; returns the summary, in a
    FAILED-type "Completed with failures" state when a document failed or loaded incomplete
    (call with `return_state=True` and read it with `summary_of`)."""
    log = get_run_logger()
    progress = progress or ingest.Progress()
    engine = get_engine(db_url)
    store = RawStore(raw_dir)
    store.remove_stale_parts()
    docs = discover_task(sources)
    log.info("found %d documents", len(docs))
    progress.total(len(docs))
    # downloads are tasks of their own (retries per URL); local files are copied by the workers
    run = stream.Stream(
        engine,
        db_url,
        str(store.root),
        workers=max(1, workers or os.cpu_count() or 1),
        fetch=lambda d: stream.as_future(
            fetch_task.submit(d, str(store.root), timeout, download_deadline, retry_delays)
        ),
        report=progress.advance,
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
def reprocess_flow(
    what: list[str], db_url: str | None = None, raw_dir: str | None = None
) -> list[str]:
    """Re-parse stored PDFs (no network) and replace their rows (`kompass reprocess`'s
    arguments, or ["--outdated"])."""
    engine = get_engine(db_url)
    store = RawStore(raw_dir)
    targets = reprocess.targets(what, engine, store)
    return [r.line for r in reprocess.run(targets, engine)]
