"""Ctrl-C, SIGTERM and SIGKILL during `kompass ingest`.

`supervise()` splits the command in two processes. The one started by the shell only waits:
it forwards SIGINT and SIGTERM to the other as a stop request and exits with its exit code.
The other runs the ingest in a process group of its own, which everything it starts joins
(Prefect's temporary server, the multiprocessing forkserver and resource tracker, the
workers and their parse children). That buys two things:

- Ctrl-C in a terminal reaches the terminal's foreground group only, so the first one does
  not kill Prefect's server or the workers in the middle of the run: the run gets `STOP`,
  stops downloading, lets the loads in flight finish (or roll back), records what is left
  as interrupted, prints its summary and exits 130. A second Ctrl-C aborts at once.
- When the waiting process dies, even by SIGKILL, the kernel sends the ingest process
  SIGHUP (`PR_SET_PDEATHSIG`), and it kills its whole group: nothing of the run is left.

`pipeline.cli.main` calls `supervise()` before parsing the command line, so the child runs
the whole command and exits the ordinary way. Without it (the test runner invoking the
command in-process), `install()` still turns the first SIGINT/SIGTERM into `STOP`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

#: Set by the first SIGINT/SIGTERM: stop starting work, finish what is in flight.
STOP = threading.Event()
EXIT_INTERRUPTED = 130

_PR_SET_PDEATHSIG = 1


def stopping() -> bool:
    return STOP.is_set()


def set_parent_death_signal(sig: int) -> bool:
    """Linux: have the kernel send `sig` to this process when its parent thread dies."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def supervise() -> None:
    """Fork; return in the child (which runs the command), never return in the parent.

    Call it before any thread is started: the child is a copy of this one thread."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        signal.signal(signal.SIGHUP, _kill_group)
        set_parent_death_signal(signal.SIGHUP)
        if os.getppid() != parent:  # the parent died before prctl took effect
            _kill_group()
        install()
        return
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # no race with the child's own setpgid: either one wins
    forwarded = 0

    def forward(_signum: int, _frame: object) -> None:
        nonlocal forwarded
        forwarded += 1
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGINT)

    before = signal.signal(signal.SIGINT, forward), signal.signal(signal.SIGTERM, forward)
    _, status = os.waitpid(pid, 0)
    signal.signal(signal.SIGINT, before[0])
    signal.signal(signal.SIGTERM, before[1])
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)  # whatever of the run outlived it
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        code = EXIT_INTERRUPTED if forwarded else 128 - code
    sys.exit(code)


def install() -> None:
    """First SIGINT/SIGTERM sets `STOP` (with one line on stderr); the second aborts."""
    if threading.current_thread() is not threading.main_thread():
        return
    STOP.clear()
    signal.signal(signal.SIGINT, _on_stop)
    signal.signal(signal.SIGTERM, _on_stop)


def _on_stop(_signum: int, _frame: object) -> None:
    if STOP.is_set():
        os.write(2, b"aborted\n")
        if os.getpgrp() == os.getpid():  # our own group: take everything with us
            _kill_group()
        os._exit(EXIT_INTERRUPTED)
    STOP.set()
    os.write(
        2,
        b"stopping: no new downloads; documents being loaded finish or roll back "
        b"(Ctrl-C again to abort)\n",
    )


def _kill_group(*_args: object) -> None:
    """Kill every process of this process group, this one included."""
    os.killpg(os.getpgrp(), signal.SIGKILL)
