"""Download one report into the raw store (`pipeline.raw`), politely and with bounds.

Conditional GET from the manifest's ETag / Last-Modified (an unchanged report is not fetched
again), a size limit, a timeout for the next bytes and a deadline for the whole download, at
most `PER_HOST` requests at once per host, an honest User-Agent. The body is hashed as it
streams into the store; an interrupted download leaves nothing, an HTML page served as .pdf
is kept under rejected/.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import httpx

from parsers import PARSER_VERSION
from pipeline.raw import ManifestEntry, NotAPdfError, RawStore, Stored

USER_AGENT = (
    f"kompass/{PARSER_VERSION} (research ETL of Kommunkompassen evaluation reports; python-httpx)"
)
MAX_BYTES = 100 * 1024 * 1024
TIMEOUT_S = 30.0
#: Whole download, first byte to last: a server sending 1 byte/s never trips TIMEOUT_S.
DEADLINE_S = 120.0
PER_HOST = 2


class DownloadError(Exception):
    """A document that could not be fetched. `code` goes to ingest_log.error_code."""

    retryable = False

    def __init__(self, url: str, code: str, reason: str):
        self.url, self.code, self.reason = url, code, reason
        super().__init__(f"{url}: {reason}")


class RetryableDownloadError(DownloadError):
    """Timeouts, dropped connections and 5xx: worth another try."""

    retryable = True


_host_slots: dict[str, threading.BoundedSemaphore] = {}
_host_lock = threading.Lock()


def _slot(url: str, per_host: int) -> threading.BoundedSemaphore:
    host = urlparse(url).netloc
    with _host_lock:
        if host not in _host_slots:
            _host_slots[host] = threading.BoundedSemaphore(per_host)
        return _host_slots[host]


def make_client(timeout: float = TIMEOUT_S) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        timeout=httpx.Timeout(timeout),
    )


def download(
    url: str,
    store: RawStore,
    client: httpx.Client,
    *,
    hint: str | None = None,
    max_bytes: int = MAX_BYTES,
    per_host: int = PER_HOST,
    deadline: float = DEADLINE_S,
    should_stop: Callable[[], bool] | None = None,
) -> Stored:
    """Fetch one PDF into the store; raise `DownloadError` (retryable or not) on failure.

    `deadline` bounds the whole download (checked as bytes arrive, so it is overrun by at
    most the client's timeout); `should_stop` is asked as bytes arrive (Ctrl-C)."""
    previous = store.latest(url)
    headers = {}
    if previous and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    with _slot(url, per_host):
        # the clock starts once a slot is free: waiting for other downloads is not slowness
        guard = _Guard(url, time.monotonic() + deadline, deadline, should_stop)
        guard.check()  # stopped while waiting for a slot
        try:
            with client.stream("GET", url, headers=headers) as resp:
                if resp.status_code == 304 and previous:
                    return Stored(url, previous.sha256, store.path_for(previous.sha256), url, True)
                if resp.status_code >= 500:
                    raise RetryableDownloadError(
                        url, f"HTTP{resp.status_code}", f"server error HTTP {resp.status_code}"
                    )
                if resp.status_code >= 400:
                    raise DownloadError(
                        url,
                        f"HTTP{resp.status_code}",
                        f"HTTP {resp.status_code} {resp.reason_phrase}".strip(),
                    )
                declared = int(resp.headers.get("content-length") or 0)
                if declared > max_bytes:
                    raise DownloadError(
                        url, "TooLarge", f"{declared} bytes is over the limit of {max_bytes}"
                    )
                sha, tmp, head = _receive(resp, store, max_bytes, url, guard)
        except httpx.TimeoutException as e:
            raise RetryableDownloadError(url, "Timeout", f"timed out ({type(e).__name__})") from e
        except httpx.TransportError as e:
            raise RetryableDownloadError(
                url, "ConnectionError", f"connection failed ({_first(e)})"
            ) from e
    return _keep(url, store, resp, sha, tmp, head, hint)


@dataclass
class _Guard:
    """The per-download deadline and the run's stop request, checked per chunk."""

    url: str
    until: float
    deadline: float
    should_stop: Callable[[], bool] | None

    def check(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise DownloadError(
                self.url, "Interrupted", "the run was stopped before the download finished"
            )
        if time.monotonic() > self.until:
            raise DownloadError(
                self.url,
                "Timeout",
                f"download took more than {self.deadline:g} s (deadline per download)",
            )


def _receive(
    resp: httpx.Response, store: RawStore, max_bytes: int, url: str, guard: _Guard | None = None
) -> tuple[str, Path, bytes]:
    """Stream the body into a temp file of the store (removed if anything goes wrong)."""
    size = 0

    def chunks() -> Iterator[bytes]:
        nonlocal size
        for chunk in resp.iter_bytes():  # as it arrives: the guard sees every read
            if guard is not None:
                guard.check()
            size += len(chunk)
            if size > max_bytes:
                raise DownloadError(url, "TooLarge", f"more than the limit of {max_bytes} bytes")
            yield chunk

    sha, tmp, head = store.write(chunks())
    declared = resp.headers.get("content-length")
    if declared and int(declared) != size and "content-encoding" not in resp.headers:
        tmp.unlink(missing_ok=True)
        raise RetryableDownloadError(url, "Incomplete", f"got {size} of {declared} bytes")
    return sha, tmp, head


def _keep(
    url: str,
    store: RawStore,
    resp: httpx.Response,
    sha: str,
    tmp: Path,
    head: bytes,
    hint: str | None,
) -> Stored:
    try:
        final = store.keep(tmp, sha, head)
    except NotAPdfError as e:
        what = "an HTML page" if e.kind == "html" else "a file that is not a PDF"
        raise DownloadError(
            url, "NotAPdf", f"the server sent {what} instead of a PDF (kept as {e.path})"
        ) from None
    store.record(
        ManifestEntry(
            url=url,
            sha256=sha,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            size=final.stat().st_size,
            content_type=resp.headers.get("content-type"),
            etag=resp.headers.get("etag"),
            last_modified=resp.headers.get("last-modified"),
            hint=hint,
        )
    )
    return Stored(url, sha, final, url)


def _first(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:120] if text else type(e).__name__
