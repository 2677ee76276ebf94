"""Download one report into the raw store (`pipeline.raw`), politely and with bounds.

Conditional GET from the manifest's ETag / Last-Modified (an unchanged report is not fetched
again), a size limit, a timeout for the next bytes and a deadline for the whole download, at
most `PER_HOST` requests at once per host, an honest User-Agent. The body is hashed as it
streams into the store; an interrupted download leaves nothing, an HTML page served as .pdf
is kept under rejected/.

A hostile server cannot stall or exhaust the run (`fetch_page` gives listing pages the same
bounds):

- The deadline covers the whole request, from connecting through every redirect, the
  headers and the body: the client's network streams (`pipeline.bounded_http`) read in
  slices of at most `POLL_S` and check the deadline and the stop request (SIGTERM/Ctrl-C) between
  them, so headers dripped one byte at a time or 19 slow redirects end at the deadline.
- The size limit counts *decoded* bytes: the body is read raw and inflated here, at most
  64 KB at a time (`_Decoder`); stacked or unknown `Content-Encoding`s are refused, so a
  3 KB `gzip, gzip` response cannot inflate to gigabytes in memory before the check.
- Every failure of the HTTP client (a redirect loop, a damaged gzip body, a URL it cannot
  use) is a `DownloadError` with its own code: one ingest_log row, never a traceback.
"""

from __future__ import annotations

import contextlib
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import httpx

from parsers import PARSER_VERSION
from pipeline.bounded_http import BoundedTransport, bounded
from pipeline.raw import ManifestEntry, NotAPdfError, RawStore, Stored, StoreWriteError

USER_AGENT = (
    f"kompass/{PARSER_VERSION} (research ETL of Kommunkompassen evaluation reports; python-httpx)"
)
MAX_BYTES = 100 * 1024 * 1024
TIMEOUT_S = 30.0
#: Whole download, first byte to last: a server sending 1 byte/s never trips TIMEOUT_S.
DEADLINE_S = 120.0
PER_HOST = 2
#: Content-Encodings decoded here (one layer at most); anything else is refused.
ENCODINGS = ("gzip", "x-gzip", "deflate")
_CHUNK = 1 << 16


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
    """The client for downloads and listing pages: its network streams honour the deadline
    and stop request of the request under way (`bounded`)."""
    client = httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ", ".join(ENCODINGS[::2])},
        follow_redirects=True,
        timeout=httpx.Timeout(timeout),
        transport=BoundedTransport(),
        # httpx would mount its own, unbounded, transports for the environment's proxies;
        # BoundedTransport honours HTTP(S)_PROXY and NO_PROXY itself
        trust_env=False,
    )
    return client


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

    `deadline` bounds the whole request, connect, redirects, headers and body (with a client
    of `make_client`; with another client, only the body); `should_stop` is asked while
    waiting on the network (Ctrl-C)."""
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
        with (
            bounded(guard),
            _named_errors(url),
            client.stream("GET", url, headers=headers) as resp,
        ):
            if resp.status_code == 304 and previous:
                return Stored(url, previous.sha256, store.path_for(previous.sha256), url, True)
            _check_status(url, resp)
            declared = _length(resp)
            if declared > max_bytes:
                raise DownloadError(
                    url, "TooLarge", f"{declared} bytes is over the limit of {max_bytes}"
                )
            sha, tmp, head = _receive(resp, store, max_bytes, url, guard)
    with _named_errors(url):
        return _keep(url, store, resp, sha, tmp, head, hint)


def fetch_page(
    url: str,
    client: httpx.Client,
    *,
    max_bytes: int,
    deadline: float,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[str, str]:
    """A web page (a listing) as (text, URL after redirects), with the bounds of a download:
    at most `max_bytes` decoded bytes, `deadline` for the whole request, the stop request
    honoured. Raises `DownloadError`."""
    guard = _Guard(url, time.monotonic() + deadline, deadline, should_stop)
    guard.check()
    with bounded(guard), _named_errors(url), client.stream("GET", url) as resp:
        _check_status(url, resp)
        body = bytearray()
        for piece in _decoded(resp, url, guard):
            body += piece
            if len(body) > max_bytes:
                raise DownloadError(url, "TooLarge", f"more than the limit of {max_bytes} bytes")
        final = str(resp.url)
        charset = resp.charset_encoding or "utf-8"
    try:
        return body.decode(charset, errors="replace"), final
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace"), final


def _length(resp: httpx.Response) -> int:
    """The declared Content-Length, 0 when absent or not a number."""
    value = resp.headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else 0


def _check_status(url: str, resp: httpx.Response) -> None:
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


@contextlib.contextmanager
def _named_errors(url: str) -> Iterator[None]:
    """Every failure of the HTTP client as a `DownloadError` with its own code."""
    try:
        yield
    except httpx.TimeoutException as e:
        raise RetryableDownloadError(url, "Timeout", f"timed out ({type(e).__name__})") from e
    except httpx.TooManyRedirects as e:
        raise DownloadError(url, "TooManyRedirects", f"redirect loop ({_first(e)})") from e
    except httpx.DecodingError as e:
        raise DownloadError(url, "BadEncoding", f"the body cannot be decoded ({_first(e)})") from e
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as e:
        raise DownloadError(url, "BadUrl", f"cannot be fetched ({_first(e)})") from e
    except httpx.TransportError as e:
        raise RetryableDownloadError(
            url, "ConnectionError", f"connection failed ({_first(e)})"
        ) from e
    except (httpx.HTTPError, httpx.StreamError) as e:
        raise DownloadError(url, type(e).__name__, f"failed ({_first(e)})") from e
    except (UnicodeError, ValueError) as e:  # e.g. a redirect to a URL httpx cannot parse
        raise DownloadError(url, "BadUrl", f"cannot be fetched ({_first(e)})") from e
    except StoreWriteError as e:  # a full disk is not "cannot read", nor the server's fault
        raise DownloadError(url, "StoreFailed", e.reason) from e


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


class _Decoder:
    """One `Content-Encoding` layer (gzip or deflate) inflated at most `_CHUNK` bytes at a
    time, so the caller counts decoded bytes before more are made."""

    def __init__(self, url: str, encoding: str):
        self.url, self.encoding = url, encoding
        gzip = encoding in ("gzip", "x-gzip")
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)
        self._raw_deflate_tried = gzip  # deflate: zlib-wrapped, or raw as some servers send

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data and not self._z.eof:
            try:
                out = self._z.decompress(data, _CHUNK)
            except zlib.error as e:
                if not self._raw_deflate_tried:
                    self._raw_deflate_tried = True
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise DownloadError(
                    self.url, "BadEncoding", f"the {self.encoding} body is damaged ({e})"
                ) from None
            self._raw_deflate_tried = True
            data = self._z.unconsumed_tail
            if out:
                yield out

    def finish(self) -> Iterator[bytes]:
        while not self._z.eof:
            try:
                out = self._z.flush(_CHUNK)
            except zlib.error as e:
                raise DownloadError(
                    self.url, "BadEncoding", f"the {self.encoding} body is damaged ({e})"
                ) from None
            if not out:
                break
            yield out


def _encodings(url: str, resp: httpx.Response) -> list[str]:
    """The response's content codings, outermost last; refuses what is not decoded here."""
    header = resp.headers.get("content-encoding", "")
    codings = [c.strip().lower() for c in header.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    unknown = [c for c in codings if c not in ENCODINGS]
    if unknown:
        raise DownloadError(
            url, "BadEncoding", f"Content-Encoding {header.strip()!r} is not accepted"
        )
    if len(codings) > 1:
        raise DownloadError(
            url, "BadEncoding", f"stacked Content-Encoding {header.strip()!r} is refused"
        )
    return codings


def _decoded(resp: httpx.Response, url: str, guard: _Guard | None) -> Iterator[bytes]:
    """The body, decoded, in pieces of at most 64 KB as the raw bytes arrive."""
    codings = _encodings(url, resp)
    decoder = _Decoder(url, codings[0]) if codings else None
    raw: Iterable[bytes] = resp.iter_raw()
    for chunk in raw:  # as it arrives: the guard sees every read
        if guard is not None:
            guard.check()
        if decoder is None:
            yield chunk
        else:
            yield from decoder.feed(chunk)
    if decoder is not None:
        yield from decoder.finish()


def _receive(
    resp: httpx.Response, store: RawStore, max_bytes: int, url: str, guard: _Guard | None = None
) -> tuple[str, Path, bytes]:
    """Stream the decoded body into a temp file of the store (removed if anything goes
    wrong), counting decoded bytes against `max_bytes`."""
    size = 0

    def chunks() -> Iterator[bytes]:
        nonlocal size
        for piece in _decoded(resp, url, guard):
            size += len(piece)
            if size > max_bytes:
                raise DownloadError(url, "TooLarge", f"more than the limit of {max_bytes} bytes")
            yield piece

    sha, tmp, head = store.write(chunks())
    declared = _length(resp)
    if declared and declared != size and "content-encoding" not in resp.headers:
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
