"""The ingest as a stream: each document is parsed and loaded as soon as it is at hand.

This process (the flow's) downloads, stores raw bytes, skips what this parser already loaded
and loads each parsed record in one transaction; only parsing goes out, as batches of PDF
bytes to whatever task runner the flow was given (`submit`: Prefect's process pool, or Dask
workers on other machines). So loading needs no shared filesystem and works with SQLite as
with PostgreSQL. Local files are stored (hashed, copied, checked against what is loaded) as the
parse batches need them and while the workers parse, so the first task goes out after its own
documents, not after the whole folder; a URL is ready the moment its download completes, so a
slow server delays only its own documents.

Batching: a parse task carries several documents when many are waiting (fewer task runs for
the runner's bookkeeping: each costs ~0.1 s of processor time in the worker, this process and
Prefect's server), one when few are (no worker waits for a batch to fill). Its size is set by
time: the first tasks carry up to `FIRST_BATCH` documents; from the first answers on, as many
as take about `TASK_SECONDS` to parse at the rate the workers report (so a cheap document
pays a small share of a task run, and a scan that takes minutes to OCR goes alone), but no
more than an even share of what waits (every slot gets work twice over, so the slots end
together) unless that is less than `TAIL_SECONDS` of parsing, and never more than
`MAX_BATCH`. At most two tasks per worker slot are out at once, so new documents are not
stuck behind a long queue.

A parse task that never answers properly (its worker died and the runner gave up, a bug)
fails its documents, each logged: nothing goes missing. The first SIGINT/SIGTERM
(`pipeline.signals.STOP`) ends the stream: downloads stop, waiting documents are not sent,
parse tasks are cancelled, a load under way finishes (loads run here, one at a time), and
every document not loaded is recorded as failed with error_code `Interrupted`.
"""

from __future__ import annotations

import contextlib
import gc
import math
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, InvalidStateError, wait
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine

from parsers.ocr import Settings
from pipeline import ingest, signals, steps
from pipeline.discover import Document
from pipeline.download import DownloadError
from pipeline.limits import warm_parser
from pipeline.raw import RawStore, Stored
from warehouse.load import LoadResult

INTERRUPTED = "the run was stopped (Ctrl-C or SIGTERM) before this document was loaded"
#: Most documents in one parse task before the workers have said how long a parse takes.
FIRST_BATCH = 8
#: Seconds of parsing a parse task is sized for, once the parse rate is known.
TASK_SECONDS = 3.0
#: Seconds of parsing no task goes below while documents wait (the run's last tasks are
#: smaller so that the slots end together, but each still pays for its task run).
TAIL_SECONDS = 0.5
#: Most documents in one parse task.
MAX_BATCH = 64


@dataclass
class FetchFailed:
    """A download that failed after its retries: what goes to ingest_log."""

    code: str
    reason: str


def parse_batch(
    documents: list[tuple[bytes, str, str | None]],
    reader: str | None,
    warm: bool = False,
    ocr: Settings | None = None,
) -> list[dict]:
    """What a parse task runs: each (PDF bytes, name, URL) → `steps.parse_portable`'s answer
    (in one forked child for the batch, the limits per document: `steps.parse_portable_many`).
    Each answer carries the batch's seconds per document ("seconds": `Stream` sizes the next
    batches by it). `warm`: the run has enough documents for warming the parser to pay
    (`pipeline.limits.warm_parser`, once per worker and reader: about 30 ms less per
    document in every forked parse child, for one parse of a small sample)."""
    if warm:
        warm_parser(reader)
    freeze_heap()
    started = time.perf_counter()
    answers = steps.parse_portable_many(documents, reader, ocr)
    each = (time.perf_counter() - started) / max(1, len(answers))
    return [{**answer, "seconds": each} for answer in answers]  # the rate, for batch_size


def freeze_heap() -> None:
    """Once per worker process, before its first parse: each parse runs in a child forked
    from the worker (the limits), and the child's garbage collector would walk every object
    the worker holds (Prefect, its client, the parsers: most of its heap), touching and so
    copying each page it shares with the worker, for every document. Frozen, the collector
    looks only at what the parse makes. (Measured: it halved the CPU time of an ingest
    of 48 reports with the pdfplumber reader, benchmarks/README.md.)"""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True


_frozen = False


def batch_size(waiting: int, slots: int, seconds: float | None = None) -> int:
    """Enough per task that every slot gets work twice over, but no less than what takes
    TAIL_SECONDS and no more than what takes TASK_SECONDS at `seconds` per document
    (FIRST_BATCH at most while that is not known yet), and at most MAX_BATCH."""
    even = math.ceil(waiting / (2 * slots))
    if seconds is None:
        return max(1, min(FIRST_BATCH, even))
    per = max(seconds, 1e-3)
    return max(1, min(int(TASK_SECONDS / per), MAX_BATCH, max(even, int(TAIL_SECONDS / per))))


@dataclass
class Stream:
    """One run's documents from discovery to results."""

    engine: Engine
    store: RawStore
    slots: int  # parse tasks the runner runs at once (its workers)
    fetch: Callable[[Document], Future]  # a download; result Stored | FetchFailed
    submit: Callable[[list[tuple[bytes, str, str | None]]], Future]  # result: answers
    report: Callable[[LoadResult], None]  # each finished document (progress)
    results: list[LoadResult] = field(default_factory=list)
    interrupted: bool = False
    seconds: float | None = None  # a parse's seconds, as the workers last reported it

    def run(self, docs: list[Document]) -> list[LoadResult]:
        local: deque[Document] = deque()  # local files not stored yet
        ready: deque[Stored] = deque()
        fetching: dict[Future, Document] = {}
        parsing: dict[Future, list[Stored]] = {}
        seen: set[str] = set()
        for d in docs:
            if d.refused:
                self._fail(d.location, d.refused_code, d.refused)
            elif not d.is_url:
                local.append(d)
        for d in docs:
            if d.is_url and not d.refused:
                fetching[self.fetch(d)] = d
        while (local or ready or fetching or parsing) and not signals.stopping():
            self._send(local, ready, parsing)
            self._store_ahead(local, ready)  # while the workers parse
            done, _ = wait([*fetching, *parsing], timeout=0.25, return_when=FIRST_COMPLETED)
            parsed = [(fut, parsing.pop(fut)) for fut in done if fut in parsing]
            for fut in done:
                if fut in fetching:
                    self._fetched(fut, fetching.pop(fut), seen, ready)
            self._send(local, ready, parsing)  # workers first, then loading
            for fut, batch in parsed:
                self._parsed(fut, batch)
        if local or ready or fetching or parsing:
            self._stop(local, ready, fetching, parsing)
        return self.results

    def _send(
        self, local: deque[Document], ready: deque[Stored], parsing: dict[Future, list[Stored]]
    ) -> None:
        """Parse tasks for idle slots (two per slot), local files stored as the batches need
        them: the first task goes out after storing its own documents, not the whole folder."""
        while len(parsing) < 2 * self.slots and (local or ready):
            size = batch_size(len(local) + len(ready), self.slots, self.seconds)
            while local and len(ready) < size:
                self._store(local.popleft(), ready)
            if ready:
                batch = [ready.popleft() for _ in range(min(size, len(ready)))]
                parsing[self._submit(batch)] = batch

    def _store_ahead(self, local: deque[Document], ready: deque[Stored]) -> None:
        """Store the next local files (hash, copy, the already-loaded check) while every slot
        is busy, a batch per slot ahead, so they are at hand when a slot frees."""
        ahead = batch_size(len(local) + len(ready), self.slots, self.seconds) * self.slots
        while local and len(ready) < ahead:
            self._store(local.popleft(), ready)

    def _store(self, doc: Document, ready: deque[Stored]) -> None:
        self._ready(steps.store_local(doc.location, self.store, self.engine), ready)

    def _ready(self, stored: Stored | LoadResult, ready: deque[Stored]) -> None:
        """Stored and not loaded by this parser yet: wait for a parse task."""
        if isinstance(stored, LoadResult):  # could not be read or stored: logged
            self._done(stored)
        elif (done := steps.unchanged(self.engine, stored)) is not None:
            self._done(done)
        else:
            ready.append(stored)

    def _submit(self, batch: list[Stored]) -> Future:
        documents = []
        for stored in batch:
            data = steps.read_bytes(stored)
            documents.append((b"" if data is None else data, stored.source, stored.url))
        return self.submit(documents)

    def _parsed(self, fut: Future, batch: list[Stored]) -> None:
        try:
            answers = fut.result()
        except Exception as e:  # the task failed for good (e.g. its worker died each time)
            code, reason = type(e).__name__, f"parse task failed: {str(e)[:250]}"
            for stored in batch:
                self._fail(stored.source, code, reason, stored.sha256)
            return
        rates = [a["seconds"] for a in answers if isinstance(a.get("seconds"), float | int)]
        if rates:  # an average that follows the run: a batch of scans slows it at once
            self.seconds = rates[0] if self.seconds is None else (self.seconds + rates[0]) / 2
        for stored, answer in zip(batch, answers, strict=True):
            try:
                outcome = steps.outcome_from(answer, stored.source)
                self._done(steps.load_outcome(self.engine, stored, outcome))
            except Exception as e:  # a database error: logged by the load, one document
                self._fail(stored.source, type(e).__name__, ingest.describe_error(e), stored.sha256)

    def _fetched(self, fut: Future, doc: Document, seen: set[str], ready: deque[Stored]) -> None:
        try:
            fetched = fut.result()
        except Exception as e:  # a bug in the task: still one failed document
            fetched = FetchFailed(type(e).__name__, str(e)[:300])
        if isinstance(fetched, FetchFailed):
            self._fail(doc.location, fetched.code, fetched.reason)
            return
        stored = replace(fetched, source=doc.location)
        if stored.sha256 in seen:  # the same bytes under another URL
            done = steps.unchanged(self.engine, stored) or steps.failed(
                self.engine,
                doc.location,
                "Duplicate",
                "same PDF as another source in this run",
                stored.sha256,
            )
            self._done(done)
            return
        seen.add(stored.sha256)
        if signals.stopping():
            self._fail(stored.source, ingest.INTERRUPTED_CODE, INTERRUPTED, stored.sha256)
        else:
            self._ready(stored, ready)

    def _stop(
        self,
        local: deque[Document],
        ready: deque[Stored],
        fetching: dict[Future, Document],
        parsing: dict[Future, list[Stored]],
    ) -> None:
        """Ctrl-C: cancel the parse tasks and downloads, record every document not loaded.
        (A load is never cut: it runs in this process, between these steps.)"""
        self.interrupted = True
        for fut in [*fetching, *parsing]:
            fut.cancel()
        for fut, doc in fetching.items():
            if not fut.cancelled():
                with contextlib.suppress(Exception):
                    fut.result()  # downloads see STOP and end at their next chunk
            self._fail(doc.location, ingest.INTERRUPTED_CODE, INTERRUPTED)
        for stored in [*(s for batch in parsing.values() for s in batch), *ready]:
            self._fail(stored.source, ingest.INTERRUPTED_CODE, INTERRUPTED, stored.sha256)
        for doc in local:
            self._fail(doc.location, ingest.INTERRUPTED_CODE, INTERRUPTED)

    def _fail(self, source: str, code: str, message: str, sha: str | None = None) -> None:
        self._done(steps.failed(self.engine, source, code, message, sha))

    def _done(self, result: LoadResult) -> None:
        self.results.append(result)
        self.report(result)


def as_future(prefect_future) -> Future:
    """A concurrent Future with the task's value (Prefect's wraps a State), so that
    downloads and parses can be waited for together; cancelling it cancels the task if it
    has not started."""
    out: Future = Future()

    def done(f) -> None:
        with contextlib.suppress(InvalidStateError):  # cancelled by a stop
            try:
                out.set_result(f.result())
            except BaseException as e:
                out.set_exception(e)

    def cancelled(f: Future) -> None:
        if f.cancelled():
            with contextlib.suppress(Exception):
                prefect_future.wrapped_future.cancel()

    out.add_done_callback(cancelled)
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
