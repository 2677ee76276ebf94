"""One document's way into the warehouse, the same for `kompass load`, the ingest flow and
`reprocess`: stored (and hashed, once) → skipped if this parser already loaded it → parsed
→ loaded in one transaction → logged.

Parsing is the only step that may run elsewhere: `parse_portable` takes the PDF's bytes and
the reader's name and returns the contract's JSON dict (or the refusal), needing no database,
raw folder or network, so a process pool or a Dask worker on another machine can run it. The
rest runs where the warehouse and the raw store are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from parsers import PARSER_VERSION, ReportError, parse_report
from parsers import errors as report_errors
from parsers.ocr import Settings
from pipeline.limits import parse_limited, parse_limited_many, warm_parser
from pipeline.raw import RawStore, Stored, StoreWriteError, hashed
from schema.record import ReportRecord
from warehouse.load import LoadResult, loaded_by, log_result, store_record, utcnow

#: A parse: the stored document → its record; raises `ReportError` for a refused document.
Parse = Callable[[Stored], ReportRecord]
#: What a parse came to: the record, or the refusal.
Outcome = ReportRecord | ReportError
#: `kompass load` of this many files or more warms the parser first: the warm-up costs one
#: small parse (0.1–0.3 s) and saves about 30 ms per document (benchmarks/README.md).
WARM_FROM = 8
#: Largest PDF handed to a parse task (the download limit: nothing bigger is ever stored
#: from the web, and a local file this big is no report).
MAX_BYTES = 100 * 1024 * 1024


def parse_in_process(stored: Stored) -> ReportRecord:
    """Parse in this process, without the limits (tests, notebooks, trusted files)."""
    return parse_report(stored.path, url=stored.url)


def parse_here(reader: str | None = None, ocr: Settings | None = None) -> Parse:
    """Parse the stored copy in a child of this process, with the limits."""
    return lambda stored: parse_limited(
        stored.path, url=stored.url, reader=reader, ocr_settings=ocr
    )


def ingest_document(
    stored: Stored, engine: Engine, parse: Parse, *, force: bool = False
) -> LoadResult:
    """The whole way of one stored document; returns what happened (also in ingest_log).

    Database errors are logged and re-raised (nothing was written)."""
    started = utcnow()
    if not force and (done := unchanged(engine, stored, started)) is not None:
        return done
    return load_outcome(engine, stored, outcome_of(parse, stored), started)


def unchanged(engine: Engine, stored: Stored, started: datetime | None = None) -> LoadResult | None:
    """`unchanged` (and logged) when this exact PDF is loaded by the current parser."""
    existing = loaded_by(engine, stored.sha256, PARSER_VERSION)
    if existing is None:
        return None
    return log_result(
        engine,
        stored.source,
        "unchanged",
        stored.sha256,
        evaluation_id=existing,
        started_at=started,
    )


def outcome_of(parse: Parse, stored: Stored) -> Outcome:
    try:
        return parse(stored)
    except ReportError as e:
        return e


def load_outcome(
    engine: Engine, stored: Stored, outcome: Outcome, started: datetime | None = None
) -> LoadResult:
    """Load a parsed record (or log its refusal) for a stored document."""
    if isinstance(outcome, ReportError):
        return log_result(
            engine,
            stored.source,
            "failed",
            stored.sha256,
            error_code=type(outcome).__name__,
            error_message=outcome.reason,
            started_at=started,
        )
    record = outcome
    record.source = replace(
        record.source,
        url=stored.url,
        path=str(stored.path) if stored.url else stored.source,
    )
    return store_record(
        engine, record, source=stored.source, raw_path=str(stored.path), started_at=started
    )


def failed(
    engine: Engine, source: str, code: str, message: str, sha256: str | None = None
) -> LoadResult:
    """A document that went wrong before or outside parsing, logged with its reason."""
    return log_result(engine, source, "failed", sha256, error_code=code, error_message=message)


def store_local(path: str | Path, store: RawStore, engine: Engine) -> Stored | LoadResult:
    """A local file into the store (hashed once, on the way in); a file that cannot be read
    is a logged failure instead."""
    try:
        return store.add_local(path)
    except StoreWriteError as e:  # the raw folder's fault (a full disk), not the file's
        return failed(engine, str(path), "StoreFailed", e.reason)
    except OSError as e:
        return failed(engine, str(path), "FileNotFoundError", f"cannot read: {e.strerror}")


def load_paths(
    paths: list[Path],
    engine: Engine,
    store: RawStore,
    *,
    force: bool = False,
    reader: str | None = None,
    ocr: str | None = None,
    on_result: Callable[[LoadResult], None] | None = None,
) -> list[LoadResult]:
    """`kompass load`: each file into the store, then its way in; no Prefect. `ocr`: the OCR
    mode; scans are OCR'd once, cached in the store (`RawStore.ocr_cache`)."""
    if len(paths) >= WARM_FROM:
        warm_parser(reader)  # each forked parse starts warm (pipeline.limits.warm_parser)
    parse = parse_here(reader, Settings(ocr, str(store.ocr_cache)))
    results = []
    for path in paths:
        stored = store_local(path, store, engine)
        result = (
            stored
            if isinstance(stored, LoadResult)
            else ingest_document(stored, engine, parse, force=force)
        )
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def load_file(
    path: str | Path,
    engine: Engine,
    *,
    source: str | None = None,
    force: bool = False,
    parse: Parse = parse_in_process,
) -> LoadResult:
    """One file's way in without a raw store (the file itself is the stored copy): for
    notebooks and tests. `kompass load` uses `load_paths`, which keeps a copy."""
    try:
        stored = replace(hashed(path), source=source or str(path))
    except OSError as e:
        return failed(
            engine, source or str(path), "FileNotFoundError", f"cannot read: {e.strerror}"
        )
    return ingest_document(stored, engine, parse, force=force)


# --- the portable parse task --------------------------------------------------------------


def parse_portable(
    data: bytes,
    name: str,
    url: str | None = None,
    reader: str | None = None,
    ocr: Settings | None = None,
) -> dict:
    """PDF bytes → {"record": the contract's JSON dict} or {"error": [class name, reason]}.

    Pure: no database, no raw folder, no network; runs wherever a task runner puts it, under
    the per-document limits (a forked child with the memory limit and the deadline)."""
    if len(data) > MAX_BYTES:
        return {"error": ["LimitExceeded", f"{len(data)} bytes is over the limit of {MAX_BYTES}"]}
    try:
        record = parse_limited(name, url, reader=reader, ocr_settings=ocr, data=data)
    except ReportError as e:
        return portable_answer(e)
    return portable_answer(record)


def parse_portable_many(
    documents: list[tuple[bytes, str, str | None]],
    reader: str | None = None,
    ocr: Settings | None = None,
) -> list[dict]:
    """`parse_portable` of each (PDF bytes, name, URL), in order, with the same limits per
    document, in one forked child for the batch (`pipeline.limits.parse_limited_many`: about
    25 ms less per document than a child each)."""
    answers: list[dict | None] = [None] * len(documents)
    batch = []
    for i, (data, name, url) in enumerate(documents):
        if len(data) > MAX_BYTES:
            answers[i] = parse_portable(data, name, url, reader, ocr)  # refused unread
        else:
            batch.append((i, (name, url, data)))
    outcomes = parse_limited_many([d for _, d in batch], reader=reader, ocr_settings=ocr)
    for (i, _), outcome in zip(batch, outcomes, strict=True):
        answers[i] = portable_answer(outcome)
    return answers


def portable_answer(outcome: Outcome) -> dict:
    """{"record": the contract's JSON dict} or {"error": [class name, reason]}."""
    if isinstance(outcome, ReportError):
        return {"error": [type(outcome).__name__, outcome.reason]}
    return {"record": outcome.to_dict()}


def outcome_from(answer: dict, name: str) -> Outcome:
    """The record or refusal a `parse_portable` answer stands for."""
    if "record" in answer:
        return ReportRecord.from_dict(answer["record"])
    code, reason = answer["error"]
    cls = getattr(report_errors, code, None)
    if not (isinstance(cls, type) and issubclass(cls, ReportError)):
        cls = ReportError
    return cls(name, reason)


def read_bytes(stored: Stored) -> bytes | None:
    """The stored copy's bytes for a parse task (None when it vanished)."""
    with contextlib.suppress(OSError):
        return stored.path.read_bytes()
    return None
