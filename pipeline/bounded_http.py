"""An httpx transport whose every network wait answers to a deadline and a stop request.

httpx's own timeouts bound one read at a time: a server that drips its headers one byte
per second, or answers 19 redirects slowly, never trips them. Here the transport is built
from httpcore's public parts (`ConnectionPool` / `HTTPProxy` with a `network_backend`),
and that backend's streams wait in slices of at most `POLL_S`, asking the guard of the
request under way (`bounded`) between slices. The guard is anything with `check()`
(raises when the deadline is past or a stop was asked for) and `until` (its monotonic
deadline); `pipeline.download` owns the one it uses.

Proxies named in the environment (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`) are honoured
here, bounded the same way: httpx would otherwise mount its own, unbounded, transports for
them.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

import httpcore
import httpx

#: Longest single wait on the network before the deadline and the stop request are looked at.
POLL_S = 0.5

#: httpcore's errors as the httpx errors callers catch (most specific first wins below).
_ERRORS: dict[type[Exception], type[httpx.HTTPError]] = {
    httpcore.TimeoutException: httpx.TimeoutException,
    httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.PoolTimeout: httpx.PoolTimeout,
    httpcore.NetworkError: httpx.NetworkError,
    httpcore.ConnectError: httpx.ConnectError,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.ProxyError: httpx.ProxyError,
    httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol,
    httpcore.ProtocolError: httpx.ProtocolError,
    httpcore.LocalProtocolError: httpx.LocalProtocolError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
}


class Guard(Protocol):
    until: float

    def check(self) -> None: ...


_current = threading.local()


@contextlib.contextmanager
def bounded(guard: Guard) -> Iterator[None]:
    """While the block runs, this thread's network waits answer to `guard`."""
    before = getattr(_current, "guard", None)
    _current.guard = guard
    try:
        yield
    finally:
        _current.guard = before


def _guard() -> Guard | None:
    return getattr(_current, "guard", None)


def _left(timeout: float | None) -> float | None:
    """`timeout`, shortened to what is left of the deadline of the request under way."""
    guard = _guard()
    if guard is None:
        return timeout
    guard.check()
    left = max(0.001, guard.until - time.monotonic())
    return left if timeout is None else min(timeout, left)


def _wait(op: Callable[[float | None], object], timeout: float | None) -> object:
    """`op(timeout)` in slices of at most POLL_S, the guard of this thread checked between
    them: the client's per-read `timeout` still holds, and so do the deadline and a stop."""
    guard = _guard()
    if guard is None:
        return op(timeout)
    waited = 0.0
    while True:
        guard.check()
        step = min(POLL_S, max(0.001, guard.until - time.monotonic()))
        if timeout is not None:
            step = min(step, max(0.001, timeout - waited))
        try:
            return op(step)
        except (httpcore.ReadTimeout, httpcore.WriteTimeout, httpcore.ConnectTimeout):
            waited += step
            if timeout is not None and waited >= timeout:
                raise


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _wait(lambda t: self._inner.read(max_bytes, t), timeout)  # type: ignore[return-value]

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # a partial send is retried by the inner stream itself within one slice; slices are
        # only needed to bound a peer that never reads, which a timeout then reports
        _wait(lambda t: self._inner.write(buffer, t), timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _left(timeout)))

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """httpcore's own backend, its streams wrapped in `_Stream`, connects bounded by what is
    left of the deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, _left(timeout), local_address, socket_options)
        return _Stream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _left(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as e:
        mapped = None
        for theirs, ours in _ERRORS.items():
            if isinstance(e, theirs) and (mapped is None or issubclass(ours, mapped)):
                mapped = ours
        if mapped is None:
            raise
        raise mapped(str(e)) from e


class _Body(httpx.SyncByteStream):
    def __init__(self, inner: Iterable[bytes]):
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._inner

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


def _core_url(url: httpx.URL) -> httpcore.URL:
    return httpcore.URL(
        scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
    )


class BoundedTransport(httpx.BaseTransport):
    """Direct connections, or the environment's proxy for the scheme unless `NO_PROXY`
    names the host; every pool on the bounded backend."""

    def __init__(self, proxies: dict[str, str] | None = None) -> None:
        context = httpx.create_ssl_context()
        backend = _Backend()
        self._direct = httpcore.ConnectionPool(ssl_context=context, network_backend=backend)
        if proxies is None:
            proxies = urllib.request.getproxies_environment()
        self._proxied = {
            scheme: httpcore.HTTPProxy(
                proxy_url=_core_url(httpx.URL(url)), ssl_context=context, network_backend=backend
            )
            for scheme, url in proxies.items()
            if scheme in ("http", "https") and url.startswith(("http://", "https://"))
        }

    def _pool(self, url: httpx.URL) -> httpcore.ConnectionPool | httpcore.HTTPProxy:
        proxy = self._proxied.get(url.scheme)
        if proxy is None or urllib.request.proxy_bypass_environment(url.host):
            return self._direct
        return proxy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core = httpcore.Request(
            method=request.method,
            url=_core_url(request.url),
            headers=request.headers.raw,
            content=request.stream,  # type: ignore[arg-type]
            extensions=request.extensions,
        )
        with _httpx_errors():
            resp = self._pool(request.url).handle_request(core)
        return httpx.Response(
            status_code=resp.status,
            headers=resp.headers,
            stream=_Body(resp.stream),  # type: ignore[arg-type]
            extensions=resp.extensions,
        )

    def close(self) -> None:
        with _httpx_errors():
            self._direct.close()
            for pool in self._proxied.values():
                pool.close()
