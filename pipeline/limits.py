"""Parse one document in a child process with a memory limit and a deadline.

Time and memory spent inside the PDF library (C code) cannot be bounded from Python in the
same process: a signal handler runs only between Python bytecodes, and a failed allocation
under an address-space limit aborts the whole process. So every parse the pipeline runs
(`kompass parse`, `load`, `reprocess`, the ingest workers) happens in a forked child with
`RLIMIT_AS` set to `parsers.limits.ADDRESS_SPACE_BYTES`; the parent kills it once it has
used `parsers.limits.CPU_SECONDS` of processor time, or after `parsers.limits.WALL_SECONDS`
of clock time not spent waiting for a processor (a backstop for a child that neither runs
nor waits to run: blocked, stopped). A child that
dies takes only its own document with it: the caller gets a `LimitExceeded` (or `CorruptPdf`
for a crash of the PDF library) like any other refused document. Forking costs a few
milliseconds; the parser modules are already imported in the parent.

The child's stderr is /dev/null from the moment it exists (`_fork_quietly`): what a forked
copy of a Prefect worker says while Prefect's own after-fork handlers drop its event loops
("Task was destroyed but it is pending!", an AssertionError traceback) and what CPython says
when it runs out of memory ("Fatal Python error: … MemoryErrors" and a stack dump) are no
message for the user; the child's answer goes through the pipe, its death is read from its
exit status.

Time is counted in processor seconds (the child's own and its finished children's, read
from /proc while it runs and from `wait4` when it ends) so that the same file gets the same
answer on an idle machine and on one with a load of 15: a text bomb that costs 12 s of
processor time took 30 s of clock time on this machine at one load and more than 60 s at
another, and clock time was the limit (issue 28: "the same error code for the same file").
A child that ends by itself after using more than its processor time is refused too: the
answer does not depend on when the parent looked. The clock backstop leaves out the time
the child waited on a run queue (/proc/PID/schedstat): at a load of 28 a text bomb of
12 s of processor time took 209 s of clock time.

Running out of memory has one outcome, whatever the allocation that failed: a child that
ends without a record after using at least `_OOM_SHARE` of its address-space limit (its
peak, `VmPeak`, as it reports it, or its peak resident size) is refused with
`LimitExceeded` "needs more than … of memory", never `CorruptPdf` or "crashed": the PDF
library may abort, return an error for the page or raise MemoryError depending on which
allocation fails, and those are one cause.

The same function runs inside a process-pool or Dask worker (`pipeline.steps.parse_portable`):
there the PDF arrives as bytes, which the child reads from an in-memory file (no disk, no
raw folder on the worker's machine), so the limits hold on every machine that parses.

A worker's parse task parses its batch in one child (`parse_limited_many`, issue 25: a child
per document cost about a quarter of a PDFium parse), with the limits still per document:
the address-space limit is set before each document on top of what the child maps then,
processor time and the clock backstop count from the document's start, and whatever the
shared child cannot attribute exactly (its death, a refusal after a large peak) is parsed
again as above, one child per document.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import logging
import os
import pickle
import resource
import select
import signal
import sys
import threading
import time
from pathlib import Path

from parsers import limits, ocr, parse_report
from parsers.errors import CorruptPdf, LimitExceeded, ReportError
from schema.record import ReportRecord

#: The child's exit status when even its answer could not be made for want of memory.
_EXIT_OUT_OF_MEMORY = 71
#: PDFium aborts when an allocation fails; the kernel's OOM killer sends SIGKILL.
_OOM_SIGNALS = {signal.SIGABRT, signal.SIGKILL}
#: A crash by another signal after the child grew by this share of its limit is a failed
#: allocation too (e.g. a stack that could not grow).
_OOM_SHARE = 0.5


def parse_limited(
    path: str | Path,
    url: str | None = None,
    *,
    reader: str | None = None,
    ocr_settings: ocr.Settings | None = None,
    data: bytes | None = None,
    wall_seconds: float | None = None,
    cpu_seconds: float | None = None,
    address_space: int | None = None,
) -> ReportRecord:
    """`parsers.parse_report` in a child process with the limits; raises what it raises.

    With `data`, the PDF is those bytes and `path` only names it (in errors and in the
    record's source.path). `ocr_settings`: the OCR mode and cache (`parsers.ocr.Settings`)."""
    _preload(reader)
    settings = ocr_settings or ocr.Settings()

    path = Path(path)
    extra = 0.0
    if wall_seconds is None or cpu_seconds is None:  # a scan gets time to be OCR'd, per page
        extra = ocr.extra_seconds(data if data is not None else _head(path), settings.mode)
    wall = limits.WALL_SECONDS + extra if wall_seconds is None else wall_seconds
    cpu = limits.CPU_SECONDS + extra if cpu_seconds is None else cpu_seconds
    space = limits.ADDRESS_SPACE_BYTES if address_space is None else address_space
    read_fd, write_fd = os.pipe()
    fault_read, fault_write = os.pipe()
    parent, base = os.getpid(), _memory("VmRSS")
    pid = _fork_quietly()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        os.close(fault_read)
        _child(write_fd, path, url, space, parent, reader, settings, data, fault_write)
    os.close(write_fd)
    os.close(fault_write)
    try:
        payload, status, usage, late, crash = _collect(pid, read_fd, wall, cpu, fault_read)
    finally:
        os.close(read_fd)
        os.close(fault_read)
    if _cpu_of(usage) > cpu:
        raise limits.refuse(path, f"reading it took more than {cpu:g} s of processor time")
    if late:
        raise limits.refuse(path, f"reading it took more than {wall:g} s")
    if crash is not None:
        raise _crashed(path, crash, space)
    if payload is None:
        raise _died(path, status, usage.ru_maxrss * 1024 - base, space)
    kind, value, grown = pickle.loads(payload)
    if kind == "record":
        return value
    cls, reason = value
    if cls is not LimitExceeded and max(grown, usage.ru_maxrss * 1024 - base) >= _OOM_SHARE * space:
        # an allocation failed somewhere: the library's error for it is not the cause
        raise LimitExceeded(path, f"{_memory_reason(space)}; {limits.WHY}")
    raise cls(path, reason)


def _preload(reader: str | None) -> None:
    """Import the PDF libraries here, not in the child: loaded once instead of in every
    child, and not under the child's address-space limit, where a shared library that
    cannot be mapped crashes the child (SIGSEGV) instead of failing an allocation."""
    import pypdfium2  # noqa: F401

    from parsers.reader import reader_name

    with contextlib.suppress(ValueError):  # an unknown reader: the parse says so
        if reader_name(reader) == "pdfplumber":
            import pdfplumber
            import pdfplumber.page  # noqa: F401


#: A small text report bundled with the package (`kompass demo`'s samples), parsed once by
#: `warm_parser`.
_WARM_SAMPLE = Path(__file__).resolve().parent / "samples" / "gavle-2022.pdf"
_warmed: set[str] = set()


def warm_parser(reader: str | None = None) -> None:
    """Parse a bundled sample report once in this process, so that what the parser builds
    on first use (the municipality name pattern, the instrument files, compiled regular
    expressions, lazily imported modules) is in place before children are forked: each
    forked parse then starts warm instead of rebuilding it (measured: about 30 ms less per
    document with either reader, a quarter of a PDFium parse; benchmarks/README.md). Costs
    one parse of a small report (0.1 s with PDFium, 0.3 s with pdfplumber), so callers use it
    where many documents follow. The sample is the package's own file, so it is parsed here
    without the limits; whatever goes wrong only leaves the process cold."""
    _preload(reader)
    try:
        from parsers.reader import reader_name

        name = reader_name(reader)
    except ValueError:  # an unknown reader: the parse says so
        return
    if name in _warmed:
        return
    _warmed.add(name)
    with contextlib.suppress(Exception):
        parse_report(_WARM_SAMPLE, reader=name)
    # what the warm-up left behind (pdfminer's and the parser's caches) would otherwise add
    # to what each forked child's garbage collector walks and copies: frozen, it is skipped
    gc.freeze()


def _fork_quietly() -> int:
    """`os.fork()` with the child's stderr on /dev/null from its first instruction (the
    after-fork handlers of other libraries run before `fork` returns). The parent's stderr is
    swapped for the length of the fork call only."""
    with _fork_lock:  # two threads swapping fd 2 at once could leave it on /dev/null
        return _fork_swapped()


_fork_lock = threading.Lock()


def _fork_swapped() -> int:
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(2)
    try:
        os.dup2(devnull, 2)
        pid = os.fork()
        if pid != 0:
            os.dup2(saved, 2)
    except BaseException:
        os.dup2(saved, 2)
        raise
    finally:
        os.close(saved)
        os.close(devnull)
    return pid


def _child(
    fd: int,
    path: Path,
    url: str | None,
    space: int,
    parent: int,
    reader: str | None,
    settings: ocr.Settings,
    data: bytes | None,
    fault_fd: int,
) -> None:
    code = 0
    try:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (the child ends by os._exit)
        logging.disable(logging.CRITICAL)
        # Ctrl-C reaches the whole process group: the parent decides what to stop
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent(parent)
        source = path if data is None else _in_memory(data)
        # on top of what the process already maps (imports, the caller's own data)
        start = _memory("VmSize")
        _stop_on_crash(fault_fd, start)
        limit = start + space
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        result = _parse_result(source, str(path), url, reader, settings, space)
        grown = _memory("VmPeak") - start  # how close to the limit it came
        data = pickle.dumps((*result, grown), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except MemoryError:
        code = _EXIT_OUT_OF_MEMORY
    except BaseException:
        code = 70
    finally:
        os._exit(code)


#: Fatal signals after which the child stays stopped (libc `pause`) until the parent has
#: read its peak address space and killed it. SIGABRT is not among them: an abort is how
#: PDFium and CPython end on a failed allocation, and it ends the child as before.
_CRASH_SIGNALS = (signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE)
#: faulthandler's first line → the signal's name
_CRASH_NAMES = {
    b"Segmentation fault": "SIGSEGV",
    b"Bus error": "SIGBUS",
    b"Illegal instruction": "SIGILL",
    b"Floating-point exception": "SIGFPE",
    b"Aborted": "SIGABRT",
}
_START = 8  # bytes: the child's address space when the limit was set, first on the fault pipe


def _stop_on_crash(fd: int, start: int) -> None:
    """Tell the parent, on `fd`, the address space the limit is added to; on a crash,
    faulthandler writes its report to `fd` (not stderr) and then calls the previous handler,
    here libc's `pause`: the crashed child stays alive, its /proc/PID/status still holds its
    peak address space (`VmPeak`), and the parent reads it and kills the child.

    Why: under an address-space limit, CPython can segfault while it handles a MemoryError
    (seen in pdfplumber's `close()` at a 4 MB limit): the allocation that failed is the
    cause, but only the peak address space shows it. The resident size at death, the only
    figure left once the child is gone, depends on how much of the address space was
    touched and was on either side of the threshold from run to run."""
    os.write(fd, start.to_bytes(_START, "little"))
    # the parent's faulthandler (pytest enables one) would keep its own handlers and file
    faulthandler.disable()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.signal.restype = ctypes.c_void_p
        libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
        pause = ctypes.cast(libc.pause, ctypes.c_void_p).value
        for sig in _CRASH_SIGNALS:
            libc.signal(int(sig), pause)
    except (OSError, AttributeError):  # no libc to call: a crash ends the child as before
        return
    faulthandler.enable(file=fd, all_threads=False)
    signal.signal(signal.SIGABRT, signal.SIG_DFL)  # an abort ends the child, unreported


def _crashed(path: Path, crash: tuple[bytes, int], space: int) -> ReportError:
    """A child that crashed and was stopped: out of memory when its address space had grown
    by `_OOM_SHARE` of the limit (a failed allocation seen as a crash), else a crash."""
    report, grown = crash
    if grown >= _OOM_SHARE * space:
        return LimitExceeded(path, f"{_memory_reason(space)}; {limits.WHY}")
    first = report.split(b"\n", 2)[:2]
    name = next((n for k, n in _CRASH_NAMES.items() if any(k in line for line in first)), None)
    return CorruptPdf(path, f"the PDF library crashed reading it ({name or 'a fatal signal'})")


def _head(path: Path) -> bytes:
    """The file's bytes for `ocr.extra_seconds` (b"" when unreadable: the child says why)."""
    try:
        with path.open("rb") as f:
            return f.read(limits.MAX_INFLATED_BYTES)
    except OSError:
        return b""


def _in_memory(data: bytes) -> Path:
    """The bytes as a file the parser can open by path, in memory (Linux memfd)."""
    fd = os.memfd_create("report.pdf")
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    return Path(f"/proc/self/fd/{fd}")


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this process when its parent dies (even by SIGKILL)."""
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def _collect(
    pid: int, fd: int, wall: float, cpu: float, fault_fd: int
) -> tuple[bytes | None, int, resource.struct_rusage, bool, tuple[bytes, int] | None]:
    """Read the child's answer until EOF, the clock deadline or its processor time is up,
    then reap it (killed if not done). A crash report on `fault_fd` (after the 8 bytes of
    the child's starting address space) stops the wait: the crashed child's growth
    (`VmPeak` - start) is read before it is killed."""
    started = time.monotonic()
    chunks: list[bytes] = []
    faults = b""
    watched = [fd, fault_fd]
    crash: tuple[bytes, int] | None = None
    done = late = False
    try:
        while True:
            # clock time, less the time the child waited for a processor to run on
            left = wall - (time.monotonic() - started - _queued(pid))
            if left <= 0:
                late = True
                break
            if _cpu_of_running(pid) > cpu:
                break
            ready, _, _ = select.select(watched, [], [], min(left, _CPU_POLL_S))
            if fault_fd in ready:
                piece = os.read(fault_fd, 1 << 16)
                if not piece:
                    watched.remove(fault_fd)
                faults += piece
                if len(faults) > _START:
                    time.sleep(_CPU_POLL_S)  # the rest of the report; the handler pauses next
                    if select.select([fault_fd], [], [], 0)[0]:
                        faults += os.read(fault_fd, 1 << 16)
                    start = int.from_bytes(faults[:_START], "little")
                    crash = (faults[_START:], _peak_of(pid) - start)
                    break
            if fd not in ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                done = True
                break
            chunks.append(chunk)
    finally:
        if not done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
    ok = done and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and chunks
    return (b"".join(chunks) if ok else None), status, usage, late, crash


def _queued(pid: int) -> float:
    """Seconds a running child has waited on a run queue for a processor (Linux schedstat;
    0 where unknown): a busy machine's delay, not the document's."""
    try:
        with open(f"/proc/{pid}/schedstat", "rb") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def _peak_of(pid: int) -> int:
    """VmPeak of a (stopped) child in bytes; 0 where unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


#: How often the parent reads a running child's processor time.
_CPU_POLL_S = 0.05
_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of_running(pid: int) -> float:
    """Processor seconds of a running child and its finished children (/proc, Linux)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    # after the name: state is field 3; utime, stime, cutime, cstime are fields 14-17
    return sum(int(x) for x in fields[11:15]) / _TICKS


def _cpu_of(usage: resource.struct_rusage) -> float:
    """Processor seconds of a reaped child (its children that it waited for included)."""
    return usage.ru_utime + usage.ru_stime


def _memory(field: str) -> int:
    """VmRSS or VmSize of this process in bytes (Linux); 0 where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _died(path: Path, status: int, grown: int, space: int) -> ReportError:
    """What a child that ended without an answer tells: out of memory, or a crash."""
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status))
        if sig in _OOM_SIGNALS or grown >= _OOM_SHARE * space:
            return LimitExceeded(path, f"{_memory_reason(space)}; {limits.WHY}")
        return CorruptPdf(path, f"the PDF library crashed reading it ({sig.name})")
    if os.WEXITSTATUS(status) == _EXIT_OUT_OF_MEMORY or grown >= _OOM_SHARE * space:
        return LimitExceeded(path, f"{_memory_reason(space)}; {limits.WHY}")
    return CorruptPdf(path, f"the PDF library crashed reading it (exit {os.WEXITSTATUS(status)})")


def _memory_reason(space: int) -> str:
    return f"reading it needs more than {limits.size_text(space)} of memory"


# --- a batch of documents in one child -----------------------------------------------------

#: A document of a batch: (name, URL, PDF bytes).
Document = tuple[str, str | None, bytes]
#: What a parse came to: the record, or the refusal.
Outcome = ReportRecord | ReportError


def parse_limited_many(
    documents: list[Document],
    *,
    reader: str | None = None,
    ocr_settings: ocr.Settings | None = None,
    address_space: int | None = None,
) -> list[Outcome]:
    """`parse_limited(name, url, data=data)` for each document, in order, with the same
    limits per document, but in one forked child for the batch: forking a child per document
    cost ~6 ms in the parent and ~17 ms in the child (its copy-on-write faults, its start and
    end) against ~75 ms for a PDFium parse (benchmarks/README.md, issue 25).

    Per document, the child sets its address-space limit to what it maps at that moment plus
    the limit (as a fresh child does) and tells the parent when it starts; the parent holds
    each document to its own processor time and clock backstop. What cannot be attributed
    exactly in a shared child is redone as `parse_limited` would do it, one child per
    document: a child that dies (memory, a crash) takes none of the batch with it: the
    document it was on and every one after it are parsed alone; a document over its time is
    refused (it is known which) and the rest are parsed alone; a refusal after an address
    space grown by `_OOM_SHARE` of the limit (out of memory or not: in a shared child the
    peak may be an earlier document's) is parsed again alone; the child ends after any
    document that grew its address space by that much, and the rest are parsed alone."""
    _preload(reader)
    settings = ocr_settings or ocr.Settings()
    space = limits.ADDRESS_SPACE_BYTES if address_space is None else address_space
    got = _in_one_child(documents, reader, settings, space) if documents else []
    outcomes: list[Outcome] = []
    for i, (name, url, data) in enumerate(documents):
        outcome = got[i] if i < len(got) else None
        if outcome is None:  # not answered in the shared child: alone, as parse_limited
            outcome = _alone(name, url, data, reader, settings, space)
        outcomes.append(outcome)
    return outcomes


def _alone(
    name: str, url: str | None, data: bytes, reader: str | None, settings: ocr.Settings, space: int
) -> Outcome:
    try:
        return parse_limited(
            name, url, reader=reader, ocr_settings=settings, data=data, address_space=space
        )
    except ReportError as e:
        return e


def _deadlines(data: bytes, settings: ocr.Settings) -> tuple[float, float]:
    """(clock, processor) seconds for one document, as `parse_limited` gives it."""
    extra = ocr.extra_seconds(data, settings.mode)
    return limits.WALL_SECONDS + extra, limits.CPU_SECONDS + extra


def _in_one_child(
    documents: list[Document], reader: str | None, settings: ocr.Settings, space: int
) -> list[Outcome | None]:
    """The outcomes of a prefix of `documents` from one forked child (None: parse alone)."""
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    pid = _fork_quietly()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _batch_child(write_fd, documents, space, parent, reader, settings)
    os.close(write_fd)
    deadlines = [_deadlines(data, settings) for _, _, data in documents]
    try:
        return _follow(pid, read_fd, documents, deadlines, space)
    finally:
        os.close(read_fd)


def _follow(
    pid: int,
    fd: int,
    documents: list[Document],
    deadlines: list[tuple[float, float]],
    space: int,
) -> list[Outcome | None]:
    """Read the child's frames ("begin", i, cpu) and ("done", i, kind, value, grown, cpu)
    until it ends or the document it is on runs over its time; then reap it."""
    out: list[Outcome | None] = []
    buf = b""
    current: tuple[float, float, float, float, float] | None = None  # limits, bases
    done = False
    try:
        while True:
            if current is not None:
                wall, cpu, cpu0, t0, q0 = current
                if _cpu_of_running(pid) - cpu0 > cpu:
                    out.append(_over_time(documents[len(out)][0], cpu, "of processor time"))
                    break
                left = wall - (time.monotonic() - t0 - (_queued(pid) - q0))
                if left <= 0:
                    out.append(_over_time(documents[len(out)][0], wall, ""))
                    break
            wait = _CPU_POLL_S if current is None else min(left, _CPU_POLL_S)
            if not select.select([fd], [], [], wait)[0]:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                done = True
                break
            buf += chunk
            while len(buf) >= 8 and len(buf) >= 8 + (n := int.from_bytes(buf[:8], "little")):
                frame, buf = pickle.loads(buf[8 : 8 + n]), buf[8 + n :]
                if frame[0] == "begin":
                    current = (*deadlines[frame[1]], frame[2], time.monotonic(), _queued(pid))
                else:
                    out.append(_batch_outcome(frame, documents, deadlines, space))
                    current = None
    finally:
        if not done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.wait4(pid, 0)
    if done and current is not None:  # died on a document: it is parsed alone
        out.append(None)
    return out


def _over_time(name: str, seconds: float, what: str) -> LimitExceeded:
    return limits.refuse(Path(name), f"reading it took more than {seconds:g} s {what}".rstrip())


def _batch_outcome(
    frame: tuple, documents: list[Document], deadlines: list[tuple[float, float]], space: int
) -> Outcome | None:
    """One document's answer from the shared child, as `parse_limited` would give it."""
    _, i, kind, value, grown, used = frame
    name = documents[i][0]
    cpu = deadlines[i][1]
    if used > cpu:
        return _over_time(name, cpu, "of processor time")
    if kind == "record":
        return value
    cls, reason = value
    if cls is not LimitExceeded and grown >= _OOM_SHARE * space:
        return None  # maybe out of memory, maybe an earlier document's peak: alone
    return cls(Path(name), reason)


def _batch_child(
    fd: int,
    documents: list[Document],
    space: int,
    parent: int,
    reader: str | None,
    settings: ocr.Settings,
) -> None:
    code = 0
    try:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (the child ends by os._exit)
        logging.disable(logging.CRITICAL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what to stop
        faulthandler.disable()  # a crash is read from the exit status (the parent's would write)
        _die_with_parent(parent)
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        for i, (name, url, data) in enumerate(documents):
            _frame(fd, ("begin", i, _own_cpu()))
            answer, stop = _parse_one(name, url, data, space, hard, reader, settings)
            _frame(fd, ("done", i, *answer))
            if stop:
                break
    except MemoryError:
        code = _EXIT_OUT_OF_MEMORY
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _parse_one(
    name: str,
    url: str | None,
    data: bytes,
    space: int,
    hard: int,
    reader: str | None,
    settings: ocr.Settings,
) -> tuple[tuple, bool]:
    """(kind, value, grown, processor seconds), and whether the child must end after it."""
    cpu0 = _own_cpu()
    memfd = os.memfd_create("report.pdf")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(memfd, view) :]
        start, rss = _memory("VmSize"), _memory("VmRSS")
        limit = start + space if hard == resource.RLIM_INFINITY else min(start + space, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        try:
            source = Path(f"/proc/self/fd/{memfd}")
            result = _parse_result(source, name, url, reader, settings, space)
        finally:
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    finally:
        os.close(memfd)
    # this document's peak when it raised the process's; else at most the earlier peak
    grown = max(_memory("VmPeak") - start, _memory("VmHWM") - rss)
    # a large peak may be kept mapped (the next document's limit would come on top of it)
    stop = grown >= _OOM_SHARE * space or (result[0] == "error" and result[1][0] is LimitExceeded)
    return (*result, grown, _own_cpu() - cpu0), stop


def _parse_result(
    source: Path,
    name: str,
    url: str | None,
    reader: str | None,
    settings: ocr.Settings,
    space: int,
) -> tuple[str, object]:
    """One document's answer, in a child of its own (`_child`) or a shared one (`_parse_one`):
    ("record", record) or ("error", (cls, why))."""
    try:
        record = parse_report(
            source, url=url, reader=reader, ocr=settings.mode, ocr_cache=settings.cache
        )
        record.source.path = str(Path(name))
        return ("record", record)
    except ReportError as e:
        return ("error", (type(e), e.reason))
    except MemoryError:
        return ("error", (LimitExceeded, f"{_memory_reason(space)}; {limits.WHY}"))
    except Exception as e:  # a parser bug: still one refused document
        why = f"unexpected {type(e).__name__}: {str(e)[:200]} (rerun with --debug)"
        return ("error", (ReportError, why))


def _frame(fd: int, obj: object) -> None:
    """A length-prefixed pickle on the pipe to the parent."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view) :]


def _own_cpu() -> float:
    """Processor seconds of this process and its finished children (as /proc counts them)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
