"""Issue 25: an ingest worker parses a batch of documents in one forked child
(`pipeline.limits.parse_limited_many`) instead of a child per document, and each document
keeps its own limits and its own outcome: the same as `parse_limited` gives it alone, and a
document that kills or stalls the child takes none of the others with it."""

from __future__ import annotations

import ctypes
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from parsers import parse_report
from parsers.errors import CorruptPdf, LimitExceeded, ReportError
from pipeline import limits as pl
from pipeline import steps
from pipeline.limits import parse_limited, parse_limited_many
from tests import hostile
from tests.conftest import FIXTURES
from warehouse.db import get_engine

WHY = "not a Kommunkompassen report or a malicious file"
GOOD = ["norsjo-2018.pdf", "gavle-2022.pdf", "kalmar-2012.pdf"]


def good(name: str) -> tuple[str, None, bytes]:
    return (name, None, (FIXTURES / name).read_bytes())


def outcome_of(name: str, data: bytes, **kw) -> object:
    try:
        return parse_limited(name, data=data, **kw).to_dict()
    except ReportError as e:
        return (type(e), str(e))


def shown(outcome: object) -> object:
    return (type(outcome), str(outcome)) if isinstance(outcome, ReportError) else outcome.to_dict()


@pytest.mark.parametrize("reader", ["pdfplumber", "pdfium"])
def test_a_batch_gives_each_document_what_a_child_of_its_own_gives(
    tmp_path: Path, reader: str
) -> None:
    """Good reports, a page over the character limit, bytes that are no PDF: in one child."""
    docs = [
        good(GOOD[0]),
        ("bomb.pdf", None, hostile.text_bomb(300_000)),
        good(GOOD[1]),
        ("junk.pdf", "https://example.org/junk.pdf", b"%PDF-1.4 not really"),
        good(GOOD[2]),
    ]
    got = [shown(o) for o in parse_limited_many(docs, reader=reader)]
    assert got == [outcome_of(n, d, url=u, reader=reader) for n, u, d in docs]
    assert got[1] == (LimitExceeded, f"bomb.pdf: page 1 has more than 200000 characters; {WHY}")
    assert got[3][0] is not dict and issubclass(got[3][0], ReportError)
    assert got[0]["municipality"]["name"] == "Norsjö"
    assert got[0] == parse_report(FIXTURES / GOOD[0], reader=reader).to_dict() | {
        "source": got[0]["source"]
    }


def test_a_document_over_the_memory_limit_is_refused_and_the_others_load() -> None:
    """1M characters on one page needs ~200 MB with PDFium; the limit here is 96 MB, which
    the fixtures parse within. The bomb's outcome is the one a child of its own gives."""
    bomb = hostile.text_bomb(1_000_000)
    docs = [good(GOOD[0]), ("fat.pdf", None, bomb), good(GOOD[1]), good(GOOD[2])]
    got = parse_limited_many(docs, reader="pdfium", address_space=96 << 20)
    assert str(got[1]) == f"fat.pdf: reading it needs more than 96 MB of memory; {WHY}"
    assert isinstance(got[1], LimitExceeded)
    assert [r.municipality.name for r in (got[0], got[2], got[3])] == [
        "Norsjö",
        "Gävle",
        "Kalmar",
    ]


def _crash_or_spin(real):
    """parse_report, except for PDFs whose bytes start with CRASH (a segfault) or SPIN
    (processor time without end)."""

    def parse(source, *args, **kwargs):
        head = Path(source).read_bytes()[:5]
        if head == b"CRASH":
            ctypes.string_at(0)
        if head == b"SPIN!":
            while True:
                pass
        return real(source, *args, **kwargs)

    return parse


def test_a_crash_takes_only_its_own_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child dies on the second document: it is parsed again alone (and named a crash,
    as alone), the documents after it each in a child of their own, the first kept."""
    monkeypatch.setattr(pl, "parse_report", _crash_or_spin(pl.parse_report))
    forks = []
    fork = pl._fork_quietly

    def counting() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(pl, "_fork_quietly", counting)
    docs = [good(GOOD[0]), ("crash.pdf", None, b"CRASH"), good(GOOD[1]), good(GOOD[2])]
    got = parse_limited_many(docs)
    assert isinstance(got[1], CorruptPdf)
    assert str(got[1]) == "crash.pdf: the PDF library crashed reading it (SIGSEGV)"
    assert [r.municipality.name for r in (got[0], got[2], got[3])] == [
        "Norsjö",
        "Gävle",
        "Kalmar",
    ]
    assert len(forks) == 4  # the batch, the crash alone, then one child each


def test_a_document_over_its_processor_time_is_refused_and_the_rest_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The time limit is the document's own: the spinning document is refused after its
    processor seconds (counted from its start, not the child's), the others load."""
    monkeypatch.setattr(pl, "parse_report", _crash_or_spin(pl.parse_report))
    monkeypatch.setattr(pl.limits, "CPU_SECONDS", 2.0)
    docs = [good(GOOD[0]), good(GOOD[1]), ("spin.pdf", None, b"SPIN!"), good(GOOD[2])]
    started = time.monotonic()
    got = parse_limited_many(docs, reader="pdfium")
    assert str(got[2]) == f"spin.pdf: reading it took more than 2 s of processor time; {WHY}"
    assert [r.municipality.name for r in (got[0], got[1], got[3])] == [
        "Norsjö",
        "Gävle",
        "Kalmar",
    ]
    assert time.monotonic() - started < 60


def test_the_batch_child_holds_each_document_to_its_own_address_space(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The limit is set per document on top of what the child maps then (as for a fresh
    child): ten reports in one child at a limit each parses within."""
    docs = [good(GOOD[i % 3]) for i in range(10)]
    got = parse_limited_many(docs, reader="pdfium", address_space=96 << 20)
    assert all(not isinstance(o, ReportError) for o in got), got


def test_portable_answers_keep_order_and_refuse_oversized_documents_unread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(steps, "MAX_BYTES", 1 << 20)
    big = b"%PDF-1.4\n" + b"0" * (2 << 20)
    docs = [(d, n, u) for n, u, d in (good(GOOD[0]), ("big.pdf", None, big), good(GOOD[1]))]
    answers = steps.parse_portable_many(docs)
    assert answers[1] == {
        "error": ["LimitExceeded", f"{len(big)} bytes is over the limit of {1 << 20}"]
    }
    assert [a["record"]["municipality"]["name"] for a in (answers[0], answers[2])] == [
        "Norsjö",
        "Gävle",
    ]
    assert answers == [steps.parse_portable(d, n, u) for d, n, u in docs]


def test_an_ingest_batch_with_failing_documents_logs_each_and_loads_the_rest(
    prefect, tmp_path: Path
) -> None:
    """One worker, five documents in two parse tasks (batches of 3 and 2), two failing: each in
    ingest_log with its reason, the good ones loaded, in the order of the folder."""
    from pipeline import flows

    folder = tmp_path / "reports"
    folder.mkdir()
    names = ["a-" + GOOD[0], "b-bomb.pdf", "c-" + GOOD[1], "d-junk.pdf", "e-" + GOOD[2]]
    (folder / names[0]).write_bytes((FIXTURES / GOOD[0]).read_bytes())
    (folder / names[1]).write_bytes(hostile.text_bomb(300_000))
    (folder / names[2]).write_bytes((FIXTURES / GOOD[1]).read_bytes())
    (folder / names[3]).write_bytes(b"%PDF-1.4 not really")
    (folder / names[4]).write_bytes((FIXTURES / GOOD[2]).read_bytes())
    db = f"sqlite:///{tmp_path / 'w.db'}"
    state = flows.ingest_flow(
        [str(folder)], db_url=db, raw_dir=str(tmp_path / "raw"), workers=1, return_state=True
    )
    summary = flows.summary_of(state)
    assert summary["lines"][0] == (
        "5 documents: 3 loaded, 0 loaded incomplete, 0 unchanged, 2 failed"
    )
    with get_engine(db).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT source, status, error_code, error_message FROM ingest_log ORDER BY attempt_id"
            )
        ).all()
    got = [(os.path.basename(r.source), r.status, r.error_code) for r in rows]
    assert got == [
        (names[0], "loaded", None),
        (names[1], "failed", "LimitExceeded"),
        (names[2], "loaded", None),
        (names[3], "failed", got[3][2]),
        (names[4], "loaded", None),
    ]
    assert got[3][2] in {"CorruptPdf", "NotAReport", "ReportError"}
    assert rows[1].error_message == "page 1 has more than 200000 characters; " + WHY


def test_parse_tasks_are_sized_by_the_time_their_documents_take() -> None:
    """Issue 25: a task run costs ~0.1 s of processor time whatever it carries, so cheap
    documents go in larger tasks, a slow one (an OCR'd scan) alone, and the last tasks of a
    run shrink so that the slots end together, but not below TAIL_SECONDS of parsing."""
    from pipeline.stream import FIRST_BATCH, MAX_BATCH, TAIL_SECONDS, TASK_SECONDS, batch_size

    assert batch_size(96, 1) == FIRST_BATCH  # the rate is not known yet
    assert batch_size(3, 1) == 2  # few waiting: every slot gets work twice over
    assert batch_size(96, 1, 0.08) == int(TASK_SECONDS / 0.08)  # 37 PDFium-sized parses
    assert batch_size(96, 1, 0.25) == int(TASK_SECONDS / 0.25)  # 12 pdfplumber-sized
    assert batch_size(96, 2, 0.08) == 24  # an even share of what waits per slot, twice over
    assert batch_size(8, 2, 0.08) == int(TAIL_SECONDS / 0.08)  # the tail: not below 0.5 s
    assert batch_size(500, 1, 0.001) == MAX_BATCH
    assert batch_size(96, 1, 40.0) == 1  # a scan to OCR goes alone


def test_a_parse_task_reports_its_rate_and_the_answers_read_as_before() -> None:
    from pipeline.stream import parse_batch

    docs = [(g[2], g[0], None) for g in (good(GOOD[0]), good(GOOD[1]))]
    answers = parse_batch(docs, "pdfium")
    assert all(a["seconds"] > 0 for a in answers)
    outcomes = [steps.outcome_from(a, n) for a, (_, n, _) in zip(answers, docs, strict=True)]
    assert [o.municipality.name for o in outcomes] == ["Norsjö", "Gävle"]
