"""A total deadline for one call, enforced down to every socket read and write.

httpx's timeouts bound each phase (connect, each read, each write, waiting for the pool), so a
server that trickles a byte every second can keep a call alive for ever. The transport sets the
call's deadline in a context variable around each attempt, and the network streams of the
clients this package builds cut every connect, read and write to the time that is left. A
context variable is per thread and per asyncio task, so concurrent calls keep their own.
"""

from __future__ import annotations

import contextvars
import functools
import math
import time
import typing
from collections.abc import Iterable
from typing import Any

import httpx

from .errors import ConfigurationError

__all__ = ["absolute", "install", "remaining", "within"]

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "messagemedia_deadline", default=None
)


def remaining() -> float | None:
    """Seconds left before the current call's deadline (may be negative); None without one."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def _cap(timeout: float | None, expired: type[Exception]) -> float | None:
    # `expired` is one of httpcore's timeout exceptions, which httpx turns into its own.
    left = remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise expired("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class within:  # noqa: N801 - used like a function: `with within(deadline):`
    """Run the block under an absolute ``time.monotonic()`` deadline (None: no deadline)."""

    __slots__ = ("_deadline", "_token")

    def __init__(self, deadline: float | None) -> None:
        self._deadline = deadline
        self._token: contextvars.Token[float | None] | None = None

    def __enter__(self) -> None:
        if self._deadline is not None:
            self._token = _DEADLINE.set(self._deadline)

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _DEADLINE.reset(self._token)
            self._token = None


@functools.cache
def _wrappers() -> tuple[type[Any], type[Any]]:
    """The sync and async backend wrappers, made on first use: httpx imports httpcore only when it
    builds a transport, and importing the client should not pay for it earlier."""
    import httpcore

    class _Stream(httpcore.NetworkStream):
        __slots__ = ("_inner",)

        def __init__(self, inner: httpcore.NetworkStream) -> None:
            self._inner = inner

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._inner.read(max_bytes, _cap(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._inner.write(buffer, _cap(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._inner.close()

        def start_tls(
            self,
            ssl_context: typing.Any,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.NetworkStream:
            return _Stream(
                self._inner.start_tls(ssl_context, server_hostname, _cap(timeout, httpcore.ConnectTimeout))
            )

        def get_extra_info(self, info: str) -> typing.Any:
            return self._inner.get_extra_info(info)

    class _Backend(httpcore.NetworkBackend):
        __slots__ = ("_inner",)

        def __init__(self, inner: httpcore.NetworkBackend) -> None:
            self._inner = inner

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Iterable[typing.Any] | None = None,
        ) -> httpcore.NetworkStream:
            capped = _cap(timeout, httpcore.ConnectTimeout)
            return _Stream(self._inner.connect_tcp(host, port, capped, local_address, socket_options))

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Iterable[typing.Any] | None = None
        ) -> httpcore.NetworkStream:
            capped = _cap(timeout, httpcore.ConnectTimeout)
            return _Stream(self._inner.connect_unix_socket(path, capped, socket_options))

        def sleep(self, seconds: float) -> None:
            self._inner.sleep(seconds)

    class _AsyncStream(httpcore.AsyncNetworkStream):
        __slots__ = ("_inner",)

        def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
            self._inner = inner

        async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return await self._inner.read(max_bytes, _cap(timeout, httpcore.ReadTimeout))

        async def write(self, buffer: bytes, timeout: float | None = None) -> None:
            await self._inner.write(buffer, _cap(timeout, httpcore.WriteTimeout))

        async def aclose(self) -> None:
            await self._inner.aclose()

        async def start_tls(
            self,
            ssl_context: typing.Any,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.AsyncNetworkStream:
            capped = _cap(timeout, httpcore.ConnectTimeout)
            return _AsyncStream(await self._inner.start_tls(ssl_context, server_hostname, capped))

        def get_extra_info(self, info: str) -> typing.Any:
            return self._inner.get_extra_info(info)

    class _AsyncBackend(httpcore.AsyncNetworkBackend):
        __slots__ = ("_inner",)

        def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
            self._inner = inner

        async def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Iterable[typing.Any] | None = None,
        ) -> httpcore.AsyncNetworkStream:
            capped = _cap(timeout, httpcore.ConnectTimeout)
            return _AsyncStream(
                await self._inner.connect_tcp(host, port, capped, local_address, socket_options)
            )

        async def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Iterable[typing.Any] | None = None
        ) -> httpcore.AsyncNetworkStream:
            capped = _cap(timeout, httpcore.ConnectTimeout)
            return _AsyncStream(await self._inner.connect_unix_socket(path, capped, socket_options))

        async def sleep(self, seconds: float) -> None:
            await self._inner.sleep(seconds)

    return _Backend, _AsyncBackend


def install(transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> bool:
    """Make ``transport``'s connections honour call deadlines; False if it is not httpx's own.

    httpx does not let a caller choose httpcore's network backend, so the pool's backend is
    wrapped in place. httpx is pinned below 0.29, where the pool keeps it in ``_network_backend``;
    a transport without one (a mock, a custom transport) still gets deadlines between attempts.
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    sync_wrapper, async_wrapper = _wrappers()
    if backend is None or isinstance(backend, sync_wrapper | async_wrapper):
        return False
    async_transport = isinstance(transport, httpx.AsyncBaseTransport)
    pool._network_backend = async_wrapper(backend) if async_transport else sync_wrapper(backend)  # type: ignore[union-attr]
    return True


def absolute(seconds: float | None) -> float | None:
    """The ``time.monotonic()`` moment ``seconds`` from now (None stays None)."""
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise ConfigurationError("deadline must be a number of seconds (or None)")
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigurationError("deadline must be a positive, finite number of seconds")
    return time.monotonic() + seconds
