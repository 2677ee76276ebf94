"""What an ingest run did: one `LoadResult` per document and the summary people read.

The steps themselves are `pipeline.steps` (the same for `kompass load`, the flow and
`reprocess`); the flow that schedules them is `pipeline.flows` over `pipeline.stream`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.raw import DEFAULT_RAW_DIR
from warehouse.load import INTERRUPTED_CODE, LoadResult


class Progress:
    """What the caller hears during a run (the CLI's progress bar): the number of documents
    found, then each finished document. Passed to the flow as an argument: the flow runs in
    the caller's process, and Prefect records a parameter it cannot serialize by its type."""

    def start(self) -> None:
        """Called before the flow starts (Prefect's temporary server may take seconds)."""

    def total(self, n: int) -> None:
        """Called once, with the number of documents found."""

    def advance(self, result: LoadResult) -> None:
        """Called with each finished document."""

    def close(self) -> None:
        """Called when the run ends, however it ends (more than once is fine)."""


def describe_error(e: Exception) -> str:
    from sqlalchemy.exc import SQLAlchemyError

    from warehouse.db import describe

    return describe(e) if isinstance(e, SQLAlchemyError) else str(e)[:300]


def rerun_options(db_url: str | None, raw_dir: str | Path | None) -> str:
    """' --db URL --raw-dir DIR' as the run was given them (the password masked), for the
    commands a summary suggests; the default raw folder is not repeated."""
    from warehouse.db import shown

    out = f" --db {shown(db_url)}" if db_url else ""
    if raw_dir is not None and Path(raw_dir).resolve() != DEFAULT_RAW_DIR.resolve():
        out += f" --raw-dir {raw_dir}"
    return out


@dataclass
class Summary:
    results: list[LoadResult] = field(default_factory=list)
    #: appended to the commands the summary suggests (`rerun_options`)
    options: str = ""

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[LoadResult]:
        """Documents that went wrong: refused, not found, a download that failed; not the
        ones a stop interrupted (`interrupted`)."""
        return [r for r in self.results if r.status == "failed" and not interrupted(r)]

    @property
    def interrupted(self) -> list[LoadResult]:
        """Documents a stop (Ctrl-C, SIGTERM) left unfinished: nothing wrong with them."""
        return [r for r in self.results if interrupted(r)]

    @property
    def incomplete(self) -> list[LoadResult]:
        return [r for r in self.results if r.status == "loaded_incomplete"]

    @property
    def needs_attention(self) -> bool:
        """Some document failed or was loaded without everything: not a clean run."""
        return bool(self.failed or self.incomplete)

    def lines(self) -> list[str]:
        head = (
            f"{len(self.results)} documents: {self.count('loaded')} loaded, "
            f"{self.count('loaded_incomplete')} loaded incomplete, "
            f"{self.count('unchanged')} unchanged, {len(self.failed)} failed"
        )
        if self.interrupted:
            head += f", {len(self.interrupted)} interrupted"
        out = [head]
        out += [f"  failed  {r.source}: {r.error_message}" for r in self.failed]
        out += [f"  incomplete  {r.source}: {_what(r)}" for r in self.incomplete]
        if self.interrupted:
            n = len(self.interrupted)
            out.append(
                f"  interrupted: {n} document{'s' * (n != 1)} not finished, nothing wrong with "
                f"{'them' if n != 1 else 'it'}: run the same kompass ingest again (what is "
                "loaded is skipped)"
            )
        if self.needs_attention:
            out.append(f"  details and the commands to retry: kompass review{self.options}")
        return out

    def brief(self) -> list[str]:
        """The count line and, when something needs a look, the review hint: what follows
        the per-document lines of `kompass load` (which already name each failure)."""
        lines = self.lines()
        return [lines[0], lines[-1]] if self.needs_attention else lines[:1]

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


def interrupted(r: LoadResult) -> bool:
    return r.status == "failed" and r.error_code == INTERRUPTED_CODE


def _what(r: LoadResult) -> str:
    """'Ängelholm 2019 (evaluation 3): missing_area_total, question_count'."""
    rec = r.record
    who = f"{rec.municipality.name} {rec.evaluation_year}" if rec else "evaluation"
    return f"{who} (evaluation {r.evaluation_id}): {', '.join(r.missing)}"
