"""Prefect flows: `ingest_flow` (discover → download → parse → load) and `reprocess_flow`.

The one module that imports Prefect. Tasks are thin wrappers over plain functions
(`pipeline.discover`, `pipeline.download`, `pipeline.stream.parse_batch`); `pipeline.stream`
schedules them. Downloads run in threads of the flow's process (I/O, one task per URL with
its retries); parsing (CPU) runs on a task runner of its own, chosen by `parse_runner`:
Prefect's `ProcessPoolTaskRunner` with `workers` processes, or a Dask cluster through
prefect-dask's `DaskTaskRunner` (`dask="tcp://scheduler:8786"` for an existing cluster,
`dask="local:N"` for a `distributed.LocalCluster` of N worker processes for this run). A
parse task takes PDF bytes and returns records as JSON dicts, so workers need no database,
raw folder or network; this process stores raw bytes and loads every record.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import select
import signal
import threading
from collections.abc import Iterator

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_SERVER_EPHEMERAL_ENABLED,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    temporary_settings,
)
from prefect.states import Failed, State
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from parsers import ocr as ocr_settings
from parsers.reader import reader_name
from pipeline import api_server, ingest, reprocess, signals, steps, stream
from pipeline.discover import DiscoveryError, Document, discover
from pipeline.download import DEADLINE_S, download, make_client
from pipeline.raw import RawStore, Stored
from warehouse.db import get_engine
from warehouse.load import LoadResult

RETRY_DELAYS = [2.0, 4.0, 8.0]


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(
    sources: list[str], deadline: float = DEADLINE_S
) -> list[Document] | DiscoveryError:
    """A source that cannot be read is a value, not a raise: Prefect would log a raise twice
    with its traceback (task and flow) and keep the exception in its result storage."""
    try:
        return discover(sources, deadline=deadline)
    except DiscoveryError as e:
        return e


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


@task(name="parse", cache_policy=NO_CACHE, persist_result=False)
def parse_task(
    documents: list[tuple[bytes, str, str | None]],
    reader: str | None,
    warm: bool = False,
    ocr: ocr_settings.Settings | None = None,
) -> list[dict]:
    """Parse a batch of PDFs (bytes) into contract JSON dicts, on whichever worker runs it
    (`warm`: warm the parser first, once per worker; `stream.parse_batch`)."""
    return stream.parse_batch(documents, reader, warm, ocr)


class RunnerError(Exception):
    """The parse workers cannot be had: a bad --dask value, the dask extra missing, or no
    scheduler at the address."""


#: Seconds to wait for a Dask scheduler to answer.
DASK_CONNECT_S = 20


def dask_runner(spec: str) -> TaskRunner:
    """`tcp://host:port` (an existing cluster) or `local:N` (a LocalCluster for the run)."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise RunnerError(
            "--dask needs the dask extra: .venv/bin/pip install -e '.[dask]'"
        ) from None
    local = re.fullmatch(r"local:(\d+)", spec)
    if local and int(local[1]) >= 1:
        # a local cluster's shutdown notes ("worker still alive, killing") are not news
        logging.getLogger("distributed").setLevel(logging.ERROR)
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={
                "n_workers": int(local[1]),
                "threads_per_worker": 1,  # one parse per process: parsing is CPU-bound
                "processes": True,
                "host": "127.0.0.1",
                "dashboard_address": None,
                "silence_logs": logging.ERROR,
            },
        )
    if re.fullmatch(r"(tcp|tls)://[^\s/]+:\d+", spec):
        return DaskTaskRunner(address=spec, client_kwargs={"timeout": DASK_CONNECT_S})
    raise RunnerError(
        f"--dask {spec}: give a scheduler address (tcp://HOST:8786) or local:N (N ≥ 1)"
    )


def slots_for(workers: int | None) -> int:
    """Parse tasks a local process pool runs at once: `--workers`, else one per core."""
    return max(1, workers or os.cpu_count() or 1)


def parse_runner(workers: int | None, dask: str | None) -> TaskRunner:
    """The task runner parse tasks go to (see the module docstring)."""
    if dask:
        return dask_runner(dask)
    return ProcessPoolTaskRunner(
        max_workers=slots_for(workers),
        initializer=worker_init,  # ignore Ctrl-C, die with this process
        initargs=(os.getpid(),),
    )


@contextlib.contextmanager
def parsing(workers: int | None, dask: str | None) -> Iterator[tuple[TaskRunner, int]]:
    """The started parse runner and how many tasks it runs at once: `--workers` for the
    process pool (the number it was built with), the cluster's threads for Dask (asked
    through the runner's public `client`)."""
    runner = parse_runner(workers, dask)
    with runner:
        if dask:
            try:
                slots = sum(runner.client.nthreads().values())
            except (OSError, TimeoutError) as e:
                raise RunnerError(f"--dask {dask}: no Dask scheduler answers ({e})") from None
        else:
            slots = slots_for(workers)
        yield runner, max(1, slots)


@task(name="start-worker", cache_policy=NO_CACHE, persist_result=False)
def warm_up_task() -> int:
    """Start a worker before the first document reaches it: the process itself (imports of
    Prefect, its client and the parsers) and its heap frozen (`stream.freeze_heap`), so the
    first parse task finds a ready worker."""
    stream.freeze_heap()
    return os.getpid()


def warm_up(runner: TaskRunner, n: int) -> list:
    """`n` start-up tasks, one per parse slot, submitted at the start of the run, before
    discovery and downloads (runner-neutral: a process pool starts a process per task while
    none is idle; a Dask worker imports this module on its first task). The workers start
    while this process discovers, downloads and stores; documents queue behind at most one
    short task per slot."""
    return [runner.submit(warm_up_task, {}) for _ in range(n)]


def worker_init(main_pid: int) -> None:
    """In each local worker process: ignore Ctrl-C, die with the process that started the
    run (even by SIGKILL: a watcher thread on a pidfd of that process). Importing this
    module (to call this) brings Prefect and the parsers in before the first task."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(main_pid,), daemon=True).start()


def _exit_with(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except (OSError, AttributeError):  # not Linux ≥ 5.3: look every second
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            threading.Event().wait(1.0)
    select.select([fd], [], [])  # readable when the process has ended
    os._exit(1)


@contextlib.contextmanager
def prefect_api(early: api_server.TemporaryServer | None = None) -> Iterator[str | None]:
    """One Prefect API for the run *and its parse workers*.

    Without PREFECT_API_URL, Prefect starts a temporary server lazily in whichever process
    first needs a client, and the settings it hands to a process-pool worker do not name
    that server: each worker then starts a temporary server of its own (seconds of start-up
    per worker, and two or three servers competing for the cores). So one temporary server is
    started for the run and its address set for the run; workers get it with the settings.
    `early` is that server when `kompass ingest` started it before importing Prefect
    (`pipeline.api_server`: its start overlaps this process's imports); else it is started
    here with Prefect's own `SubprocessASGIServer`."""
    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        if early is not None:  # a Prefect profile names the API: not needed after all
            early.stop()
        yield PREFECT_API_URL.value()
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # one per process, as Prefect's own
    if early is not None and not server.running:
        early.wait(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        # made Prefect's own temporary server of this process: threads that do not see the
        # run's settings (the process pool's event forwarder) fall back to it instead of
        # starting another one
        server.port, server.server_process, server.running = early.port, early.process, True
    else:
        if early is not None:
            early.stop()
        server.start()  # stopped at exit by Prefect, after its logs and events are sent
    url = server.api_url
    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield url


@flow(name="kompass-ingest", task_runner=ThreadPoolTaskRunner(max_workers=16), log_prints=False)
def ingest_flow(
    sources: list[str],
    db_url: str | None = None,
    raw_dir: str | None = None,
    workers: int | None = None,
    timeout: float = 30.0,
    retry_delays: list[float] | None = None,
    download_deadline: float = DEADLINE_S,
    dask: str | None = None,
    reader: str | None = None,
    progress: ingest.Progress | None = None,
    ocr: str | None = None,
) -> dict:
    """Find, download, parse and load every report of `sources`; returns the summary, in a
    FAILED-type "Completed with failures" state when a document failed or loaded incomplete
    (call with `return_state=True` and read it with `summary_of`). Parsing runs on
    `workers` local processes, or on the Dask cluster `dask` names (see `dask_runner`)."""
    log = get_run_logger()
    progress = progress or ingest.Progress()
    engine = get_engine(db_url)
    store = RawStore(raw_dir)
    store.remove_stale_parts()
    reader = reader or reader_name()
    # the OCR mode and the store's OCR cache go to the workers as a value (parsers/ocr.py)
    scans = ocr_settings.Settings(ocr_settings.mode(ocr), str(store.ocr_cache))
    with parsing(workers, dask) as (runner, slots):
        log.info("parsing on %s, %d at a time", type(runner).__name__, slots)
        warm_up(runner, slots)  # the workers start while discovery runs
        # a source that cannot be read ends the run at once
        docs = discover_task(sources, download_deadline)
        if isinstance(docs, DiscoveryError):  # `summary_of` raises it for the caller
            return Failed(name=CANNOT_START, message=str(docs), data=docs)
        log.info("found %d documents", len(docs))
        progress.total(len(docs))
        warm = len(docs) >= steps.WARM_FROM  # as `kompass load` does
        run = stream.Stream(
            engine,
            store,
            slots,
            fetch=lambda d: stream.as_future(
                fetch_task.submit(d, str(store.root), timeout, download_deadline, retry_delays)
            ),
            submit=lambda documents: stream.as_future(
                runner.submit(
                    parse_task,
                    {"documents": documents, "reader": reader, "warm": warm, "ocr": scans},
                )
            ),
            report=progress.advance,
        )
        results = run.run(docs)
    summary = ingest.Summary(results, ingest.rerun_options(db_url, raw_dir))
    report_summary(summary, log)
    # a stop while the listing was read ends discovery early, with nothing in flight
    return final_state(summary, interrupted=run.interrupted or signals.stopping())


def report_summary(summary: ingest.Summary, log) -> None:
    """Each document's outcome and the run's summary lines in the flow run's own log, and the
    summary table as the run's artifact."""
    for result in summary.results:
        log.log(log_level(result), result.line)
    for line in summary.lines():
        log.info(line)
    create_table_artifact(
        key="ingest-summary",
        table=summary.table() or [{"source": None, "status": "nothing found"}],
        description="; ".join(summary.lines()[:1]),
    )


#: Name of the final state of a run in which some document failed or was loaded incomplete.
WITH_FAILURES = "Completed with failures"
#: Name of the final state of a run whose sources could not be read (nothing was done).
CANNOT_START = "Cannot start"


def log_level(result: LoadResult) -> int:
    """ERROR for a failed document, WARNING for one loaded incomplete or interrupted by a
    stop, INFO otherwise: what an operator greps for, and what the Prefect UI marks."""
    if result.status == "failed" and not ingest.interrupted(result):
        return logging.ERROR
    if result.status in ("loaded_incomplete", "failed"):
        return logging.WARNING
    return logging.INFO


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
        "failed": len(summary.failed),
        "incomplete": summary.count("loaded_incomplete"),
        "interrupted_documents": len(summary.interrupted),
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


def run_ingest(
    sources: list[str], *, server: api_server.TemporaryServer | None = None, **options: object
) -> State:
    """`ingest_flow` on one Prefect API shared with its workers (`prefect_api`, on `server`
    when one was started early); the final state, for `summary_of`. What `kompass ingest`
    runs."""
    with prefect_api(server):
        return ingest_flow(sources, return_state=True, **options)
