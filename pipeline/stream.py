"""The ingest as a stream: each document is parsed and loaded as soon as it is at hand.

Local files go to the worker processes at once; a URL goes to them the moment its download
completes, so a slow server delays only its own documents. Downloads are Prefect tasks
(threads); parse-and-load runs in a pool of worker processes (`pipeline.ingest.process_one`,
each document in its own transaction and its own parse child with limits).

The first SIGINT/SIGTERM (`pipeline.signals.STOP`) ends the stream: downloads stop, queued
documents are not started, the loads in flight finish or roll back, and every document not
done is recorded as failed with error_code `Interrupted`.

Worker processes ignore SIGINT (the run decides what to stop) and exit when the process
that started them dies, even by SIGKILL (a watcher thread on a pidfd of that process).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import signal
import threading
from collections.abc import Callable
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    InvalidStateError,
    ProcessPoolExecutor,
    wait,
)
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine

from pipeline import ingest, signals, steps
from pipeline.discover import Document
from pipeline.download import DownloadError
from pipeline.raw import RawStore, Stored
from warehouse.db import get_engine
from warehouse.load import LoadResult

INTERRUPTED = "the run was stopped (Ctrl-C or SIGTERM) before this document was loaded"


@dataclass(frozen=True)
class Item:
    """A document ready for a worker: downloaded (stored, sha known) or a local path."""

    source: str
    stored: Stored | None = None

    @property
    def sha256(self) -> str | None:
        return self.stored.sha256 if self.stored else None


def process_one(job: tuple[Item, str | None, str]) -> LoadResult:
    """In a worker process: store a local file, then its way in (`pipeline.steps`).

    Never raises: whatever goes wrong is one failed document, logged in ingest_log when the
    database can still be reached."""
    item, db_url, raw_dir = job
    try:
        engine = get_engine(db_url)
    except Exception as e:
        return _unlogged(item, e)
    try:
        stored = item.stored or steps.store_local(item.source, RawStore(raw_dir), engine)
        if isinstance(stored, LoadResult):
            return stored
        return steps.ingest_document(stored, engine, steps.parse_here())
    except Exception as e:  # a database error or a parser bug: one failed document
        try:
            return steps.failed(
                engine, item.source, type(e).__name__, ingest.describe_error(e), item.sha256
            )
        except Exception:
            return _unlogged(item, e)


def _unlogged(item: Item, e: Exception) -> LoadResult:
    return LoadResult(
        item.source,
        "failed",
        item.sha256,
        error_code=type(e).__name__,
        error_message=ingest.describe_error(e),
    )


@dataclass
class FetchFailed:
    """A download that failed after its retries: what goes to ingest_log."""

    code: str
    reason: str


def worker_init(main_pid: int) -> None:
    """In each worker process: ignore Ctrl-C, die with the process that started the run."""
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


@dataclass
class Stream:
    """One run's documents from discovery to results."""

    engine: Engine
    db_url: str | None
    raw_dir: str
    workers: int
    fetch: Callable[[Document], Future]  # submits a download, its result Fetched|FetchFailed
    report: Callable[[LoadResult], None]  # each finished document (progress)
    results: list[LoadResult] = field(default_factory=list)
    interrupted: bool = False

    def run(self, docs: list[Document]) -> list[LoadResult]:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["parsers", "warehouse.load", "pipeline.steps"])
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=ctx,
            initializer=worker_init,
            initargs=(os.getpid(),),
        )
        pending: dict[Future, tuple[str, Document | Item]] = {}
        seen: set[str] = set()
        try:
            for d in docs:
                if d.refused:
                    self._fail(d.location, "RefusedScheme", d.refused)
                elif not d.is_url:
                    item = Item(d.location)
                    pending[self._load(pool, item)] = ("load", item)
            for d in docs:
                if d.is_url and not d.refused:
                    pending[self.fetch(d)] = ("fetch", d)
            while pending and not signals.stopping():
                done, _ = wait(list(pending), timeout=0.25, return_when=FIRST_COMPLETED)
                for fut in done:
                    kind, what = pending.pop(fut)
                    if kind == "load":
                        self._loaded(fut, what)
                    else:
                        item = self._fetched(fut, what, seen)
                        if item is not None and not signals.stopping():
                            pending[self._load(pool, item)] = ("load", item)
                        elif item is not None:
                            self._fail(item.source, "Interrupted", INTERRUPTED, item.sha256)
            if pending:
                self._stop(pending)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return self.results

    def _load(self, pool: ProcessPoolExecutor, item: Item) -> Future:
        return pool.submit(process_one, (item, self.db_url, self.raw_dir))

    def _loaded(self, fut: Future, item: Item) -> None:
        try:
            result = fut.result()
        except Exception as e:  # a worker that died: still one failed document
            result = steps.failed(self.engine, item.source, type(e).__name__, str(e)[:300])
        self._done(result)

    def _fetched(self, fut: Future, doc: Document, seen: set[str]) -> Item | None:
        try:
            fetched = fut.result()
        except Exception as e:  # a bug in the task: still one failed document
            fetched = FetchFailed(type(e).__name__, str(e)[:300])
        if isinstance(fetched, FetchFailed):
            self._fail(doc.location, fetched.code, fetched.reason)
            return None
        assert isinstance(fetched, Stored)
        stored = replace(fetched, source=doc.location)
        if fetched.sha256 in seen:  # the same bytes under another URL
            done = steps.unchanged(self.engine, stored)
            if done is None:
                done = steps.failed(
                    self.engine,
                    doc.location,
                    "Duplicate",
                    "same PDF as another source in this run",
                    fetched.sha256,
                )
            self._done(done)
            return None
        seen.add(fetched.sha256)
        return Item(doc.location, stored)

    def _stop(self, pending: dict[Future, tuple[str, Document | Item]]) -> None:
        """Ctrl-C: cancel what has not started, wait for the rest, record the unfinished."""
        self.interrupted = True
        for fut in pending:
            fut.cancel()
        for fut, (kind, what) in pending.items():
            if kind == "load" and not fut.cancelled():
                self._loaded(fut, what)  # in flight: it finishes or rolls back
                continue
            if kind == "fetch" and not fut.cancelled():
                with contextlib.suppress(Exception):
                    fut.result()  # downloads see STOP and end at their next chunk
            source = what.source if isinstance(what, Item) else what.location
            sha = what.sha256 if isinstance(what, Item) else None
            self._fail(source, "Interrupted", INTERRUPTED, sha)

    def _fail(self, source: str, code: str, message: str, sha: str | None = None) -> None:
        self._done(steps.failed(self.engine, source, code, message, sha))

    def _done(self, result: LoadResult) -> None:
        self.results.append(result)
        self.report(result)


def as_future(prefect_future) -> Future:
    """A concurrent Future with the task's value (Prefect's wraps a State), so that
    downloads and loads can be waited for together."""
    out: Future = Future()

    def done(f) -> None:
        with contextlib.suppress(InvalidStateError):  # cancelled by a stop
            try:
                out.set_result(f.result())
            except BaseException as e:
                out.set_exception(e)

    prefect_future.add_done_callback(done)
    return out


def fetch_with_retries(download: Callable[[], Stored], delays: list[float]) -> Stored | FetchFailed:
    """Retry timeouts, dropped connections and 5xx after `delays` (never a 404 or a
    non-PDF); a stop request ends the waiting. Failures come back as a value, so no task
    fails with a traceback on stderr: one line per document is the promise."""
    for attempt in range(len(delays) + 1):
        try:
            return download()
        except DownloadError as e:
            if not e.retryable or attempt == len(delays):
                return FetchFailed(e.code, e.reason)
            if signals.STOP.wait(delays[attempt]):
                return FetchFailed("Interrupted", "the run was stopped before the download")
    raise AssertionError("unreachable")
