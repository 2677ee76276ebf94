"""The ingest steps as plain functions; `pipeline/flows.py` wraps them in Prefect tasks.

fetch (download, or copy a local file, into raw_reports/) → `warehouse.load.load_file` in a
worker process (skip what is already loaded, parse, load in one transaction) → a summary. A
document that fails at any step is logged in ingest_log with its reason and does not stop
the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from pipeline.download import Fetched, RawStore
from pipeline.limits import parse_limited
from warehouse.db import get_engine
from warehouse.load import LoadResult, current_evaluation, load_file, log_attempt, utcnow

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW_DIR = ROOT / "raw_reports"


def copy_local(path: Path, store: RawStore) -> Fetched:
    """A local PDF goes into the store too, so it can be reprocessed without its origin."""
    h = hashlib.sha256()
    fd, name = tempfile.mkstemp(prefix=".copy-", suffix=".part", dir=store.root)
    tmp = Path(name)
    try:
        with path.open("rb") as src, os.fdopen(fd, "wb") as dst:
            for block in iter(lambda: src.read(1 << 20), b""):
                h.update(block)
                dst.write(block)
        sha = h.hexdigest()
        final = store.path_for(sha)
        if final.exists():
            tmp.unlink()
        else:
            os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Fetched(str(path), sha, final)


@dataclass(frozen=True)
class Item:
    """A document ready for a worker: downloaded (path in raw_reports/, sha known) or local."""

    source: str
    url: str | None
    path: str
    sha256: str | None


def process_one(job: tuple[Item, str | None, str]) -> LoadResult:
    """In a worker process: store a local file, then load it (skipped when already loaded).

    Never raises: whatever goes wrong is one failed document, logged in ingest_log when the
    database can still be reached.
    """
    item, db_url, raw_dir = job
    try:
        engine = get_engine(db_url)
    except Exception as e:
        return _unlogged(item, e)
    try:
        path = Path(item.path)
        if item.sha256 is None:
            with contextlib.suppress(OSError):  # unreadable: load_file logs it as failed
                path = copy_local(path, RawStore(raw_dir)).path
        return load_file(
            path,
            engine,
            source=item.source,
            source_url=item.url,
            raw_path=str(path),
            parse=parse_limited,  # a child process with the memory limit and deadline
        )
    except Exception as e:  # a database error or a parser bug: one failed document
        try:
            return failed(engine, item.source, type(e).__name__, describe_error(e), item.sha256)
        except Exception:
            return _unlogged(item, e)


def _unlogged(item: Item, e: Exception) -> LoadResult:
    return LoadResult(
        item.source,
        "failed",
        item.sha256,
        error_code=type(e).__name__,
        error_message=describe_error(e),
    )


def describe_error(e: Exception) -> str:
    from sqlalchemy.exc import SQLAlchemyError

    from warehouse.db import describe

    return describe(e) if isinstance(e, SQLAlchemyError) else str(e)[:300]


@dataclass
class Summary:
    results: list[LoadResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[LoadResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def incomplete(self) -> list[LoadResult]:
        return [r for r in self.results if r.status == "loaded_incomplete"]

    @property
    def needs_attention(self) -> bool:
        """Some document failed or was loaded without everything: not a clean run."""
        return bool(self.failed or self.incomplete)

    def lines(self) -> list[str]:
        out = [
            f"{len(self.results)} documents: {self.count('loaded')} loaded, "
            f"{self.count('loaded_incomplete')} loaded incomplete, "
            f"{self.count('unchanged')} unchanged, {self.count('failed')} failed"
        ]
        out += [f"  failed  {r.source}: {r.error_message}" for r in self.failed]
        out += [f"  incomplete  {r.source}: {_what(r)}" for r in self.incomplete]
        if self.needs_attention:
            out.append("  details and the commands to retry: kompass review")
        return out

    def table(self) -> list[dict]:
        return [
            {
                "source": r.source,
                "status": r.status,
                "municipality": r.record.municipality.name if r.record else None,
                "year": r.record.evaluation_year if r.record else None,
                "evaluation_id": r.evaluation_id,
                "error": r.error_message,
                "missing": ", ".join(r.missing) or None,
            }
            for r in self.results
        ]


def _what(r: LoadResult) -> str:
    """'Ängelholm 2019 (evaluation 3): missing_area_total, question_count'."""
    rec = r.record
    who = f"{rec.municipality.name} {rec.evaluation_year}" if rec else "evaluation"
    return f"{who} (evaluation {r.evaluation_id}): {', '.join(r.missing)}"


def failed(
    engine: Engine, source: str, code: str, message: str, sha: str | None = None
) -> LoadResult:
    result = LoadResult(
        source=source, status="failed", sha256=sha, error_code=code, error_message=message
    )
    log_attempt(engine, result, utcnow())
    return result


def already_loaded(engine: Engine, source: str, sha: str) -> LoadResult | None:
    """`unchanged` (and logged) when this exact PDF is loaded by the current parser."""
    with engine.connect() as conn:
        existing = current_evaluation(conn, sha)
    if existing is None:
        return None
    result = LoadResult(source=source, status="unchanged", sha256=sha, evaluation_id=existing)
    log_attempt(engine, result, utcnow())
    return result


def remove_stale_parts(store: RawStore) -> None:
    """Temp files of a run that was killed are never reports: clear them at start."""
    for part in store.root.glob(".*.part"):
        part.unlink(missing_ok=True)
