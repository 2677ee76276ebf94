"""What an ingest run did: one `LoadResult` per document and the summary people read.

The steps themselves are `pipeline.steps` (the same for `kompass load`, the flow and
`reprocess`); the flow that schedules them is `pipeline.flows` over `pipeline.stream`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.raw import DEFAULT_RAW_DIR  # noqa: F401  (the one constant; older imports)
from warehouse.load import LoadResult


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
