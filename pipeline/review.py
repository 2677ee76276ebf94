"""What needs a look after a run (`kompass review`): evaluations loaded incomplete, with each
missing value and its page, and documents that failed, each with the command that retries it
after a parser fix. Reads only the warehouse's views and raw_reports/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, bindparam, text

from pipeline.ingest import INTERRUPTED_CODE
from pipeline.raw import RawStore
from warehouse.db import get_engine, shown
from warehouse.failures import failed_attempts
from warehouse.views import COMPLETENESS_CODES


@dataclass
class Incomplete:
    evaluation_id: int
    municipality: str
    year: int
    sha256: str
    reasons: list[tuple[str, str, int | None]] = field(default_factory=list)  # code, msg, page


@dataclass
class FailedDocument:
    source: str
    sha256: str | None
    error_code: str | None
    error_message: str | None


def incomplete(engine: Engine) -> list[Incomplete]:
    """Evaluations whose record says `complete: false`, with their completeness warnings."""
    with engine.connect() as conn:
        evals = conn.execute(
            text(
                "SELECT evaluation_id, municipality, evaluation_year, sha256 FROM evaluations "
                "WHERE NOT complete ORDER BY municipality, evaluation_year"
            )
        ).all()
        warnings = conn.execute(
            text(
                "SELECT w.evaluation_id, w.code, w.message, w.page FROM warnings w "
                "JOIN evaluations e ON e.evaluation_id = w.evaluation_id "
                "WHERE NOT e.complete AND w.code IN :codes"
            ).bindparams(bindparam("codes", expanding=True)),
            {"codes": list(COMPLETENESS_CODES)},
        ).all()
    out = {e.evaluation_id: Incomplete(*e) for e in evals}
    order = {c: i for i, c in enumerate(COMPLETENESS_CODES)}
    for w in sorted(warnings, key=lambda w: (order[w.code], w.page or 0, w.message)):
        out[w.evaluation_id].reasons.append((w.code, w.message, w.page))
    return list(out.values())


def unknown(engine: Engine) -> int:
    """Evaluations loaded before the parser said whether a record is complete."""
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT COUNT(*) FROM evaluations WHERE complete IS NULL")
        ).scalar()


def failed_documents(engine: Engine) -> list[FailedDocument]:
    """The failed documents (`warehouse.failures`: the same rule `kompass status` counts)."""
    with engine.connect() as conn:
        failed = failed_attempts(conn)
    return [FailedDocument(a.source, a.sha256, a.error_code, a.error_message) for a in failed]


def render(engine: Engine, store: RawStore, options: str = "") -> list[str]:
    """The review as lines; `options` (e.g. " --db URL") is appended to each command."""
    out: list[str] = []
    bad = incomplete(engine)
    if bad:
        out.append(f"Incomplete evaluations ({len(bad)}): loaded, but values are missing")
    for e in bad:
        out.append(
            f"  {e.municipality} {e.year} · sha256 {e.sha256[:12]} · evaluation {e.evaluation_id}"
        )
        for code, message, page in e.reasons:
            where = f"p. {page}" if page is not None else "p. ?"
            out.append(f"    {where:>6}  {code}: {message}")
        out.append(f"    after a parser fix: kompass reprocess {e.sha256[:12]}{options}")
    unfinished = failed_documents(engine)
    failed = [f for f in unfinished if f.error_code != INTERRUPTED_CODE]
    stopped = [f for f in unfinished if f.error_code == INTERRUPTED_CODE]
    if stopped:
        out.append(
            f"Interrupted documents ({len(stopped)}): a run was stopped before they were "
            "loaded; nothing is wrong with them"
        )
        out += [f"  {f.source}" for f in stopped]
        sources = " ".join(f"--source {f.source}" for f in stopped[:3])
        more = " …" if len(stopped) > 3 else ""
        out.append(
            "    to finish them: run the same kompass ingest again (what is loaded is "
            f"skipped), e.g. kompass ingest {sources}{more}{options}"
        )
    if failed:
        out.append(f"Failed documents ({len(failed)}): not loaded")
    for f in failed:
        sha = f" · sha256 {f.sha256[:12]}" if f.sha256 else ""
        out.append(f"  {f.source}{sha}")
        out.append(f"    {f.error_code}: {f.error_message}")
        if f.sha256 and store.path_for(f.sha256).exists():
            out.append(f"    after a parser fix: kompass reprocess {f.sha256[:12]}{options}")
        else:
            out.append(f"    to try again: kompass ingest --source {f.source}{options}")
    n = unknown(engine)
    if n:
        out.append(
            f"{n} evaluations were loaded by a parser older than 1.1, which did not say whether "
            f"a record is complete: kompass reprocess --outdated{options}"
        )
    return out or ["nothing to review: every evaluation is complete and no document failed"]


def review_lines(db_url: str | None = None, raw_dir: Path | None = None) -> list[str]:
    """`kompass review`: the review of the warehouse at `db_url`, each retry command carrying
    the same --db and --raw-dir, so it can be pasted as printed."""
    options = (f" --db {shown(db_url)}" if db_url else "") + (
        f" --raw-dir {raw_dir}" if raw_dir else ""
    )
    return render(get_engine(db_url), RawStore(raw_dir), options)


def needs_a_look(db_url: str | None = None) -> bool:
    """Whether `kompass review` has something to report that an operator must act on: an
    incomplete evaluation or a failed document (its exit code 1)."""
    engine = get_engine(db_url)
    return bool(incomplete(engine) or failed_documents(engine))
