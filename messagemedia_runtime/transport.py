"""Send one API request, with retries that never risk sending a message twice.

What is retried (within ``client.retry.max_retries``):

- failures before the request left (connect error or timeout, no free pooled connection): always;
- 429 and 503, which mean the API did not act: always (if in ``retry_statuses``);
- everything that may come after the API received the request (read timeout, dropped
  connection, 502, 504, other statuses in ``retry_statuses``): only for idempotent operations
  (``x-idempotent`` in openapi.yaml). For a send they raise ``SendOutcomeUnknownError`` instead.

Each attempt goes through ``httpx.Client.request``, so httpx auth runs again and every attempt
carries a fresh date and signature.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import httpx

from .errors import (
    APIConnectionError,
    APITimeoutError,
    SendOutcomeUnknownError,
    TransportError,
    operation_info,
)
from .errors import raise_for_status as _raise_for_status
from .retry import RetryPolicy

__all__ = ["async_sleep", "logger", "send_async", "send_sync", "sleep"]

logger = logging.getLogger("messagemedia")

# Module attributes rather than direct calls so tests (and callers with their own clocks) can patch them.
sleep: Callable[[float], None] = time.sleep


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here, not at import time: a sync-only program never needs asyncio

    await asyncio.sleep(seconds)


async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep

# Raised before any byte of the request was written: nothing reached the API.
_NOT_SENT_RETRYABLE = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_NOT_SENT_FINAL = (httpx.UnsupportedProtocol, httpx.ProxyError, httpx.LocalProtocolError)
# Raised after the request may have been (partly) received: the API may have acted on it.
_MAYBE_SENT_RETRYABLE = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
_SEND_SAFE_STATUSES = frozenset({429, 503})


class _SyncClient(Protocol):
    retry: RetryPolicy

    def get_httpx_client(self) -> httpx.Client: ...


class _AsyncClient(Protocol):
    retry: RetryPolicy

    def get_async_httpx_client(self) -> httpx.AsyncClient: ...


class _Attempts:
    """The retry decisions for one call, shared by the sync and async loops."""

    __slots__ = ("attempt", "idempotent", "method", "operation", "path", "policy", "started")

    def __init__(self, policy: RetryPolicy, request_kwargs: dict[str, Any], operation: str) -> None:
        self.policy = policy
        self.operation = operation
        self.method = str(request_kwargs.get("method", "GET")).upper()
        # The relative URL the generated code built: never the base URL, which may embed credentials.
        self.path = str(request_kwargs.get("url", ""))
        self.idempotent = bool(
            operation_info(operation).get("idempotent", self.method in ("GET", "PUT", "DELETE"))
        )
        self.attempt = 0
        self.started = 0.0

    def begin(self) -> None:
        self.attempt += 1
        self.started = time.perf_counter()

    def _elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000.0

    def _can_retry(self) -> bool:
        return self.attempt <= self.policy.max_retries

    def on_exception(self, exc: httpx.RequestError) -> float:
        """Seconds to wait before the next attempt; raises our error when there is none."""
        if logger.isEnabledFor(logging.DEBUG):
            duration = self._elapsed_ms()
            logger.debug(
                "%s %s -> %s (attempt %d, %.1f ms)",
                self.method,
                self.path,
                type(exc).__name__,
                self.attempt,
                duration,
                extra=self._extra(None, duration, error=type(exc).__name__),
            )
        if isinstance(exc, _NOT_SENT_RETRYABLE):
            if self._can_retry():
                return self._retry_after(type(exc).__name__, None)
            raise self._transport_error(exc, "the API could not be reached; the request was not sent.")
        if isinstance(exc, _NOT_SENT_FINAL):
            raise self._transport_error(exc, "the request could not be made; it was not sent.")
        if not self.idempotent:
            raise SendOutcomeUnknownError(
                f"the connection failed after the request was sent ({type(exc).__name__}).",
                attempts=self.attempt,
                operation=self.operation,
                method=self.method,
                path=self.path,
            ) from exc
        if isinstance(exc, _MAYBE_SENT_RETRYABLE) and self._can_retry():
            return self._retry_after(type(exc).__name__, None)
        raise self._transport_error(exc, f"the connection failed ({type(exc).__name__}).")

    def on_response(self, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying this answer, or None to keep it."""
        status = response.status_code
        # Checked first so that the log record's fields cost nothing when DEBUG is off (the common case).
        if logger.isEnabledFor(logging.DEBUG):
            duration = self._elapsed_ms()
            logger.debug(
                "%s %s -> %d (attempt %d, %.1f ms)",
                self.method,
                self.path,
                status,
                self.attempt,
                duration,
                extra=self._extra(status, duration),
            )
        if status not in self.policy.retry_statuses or not self._can_retry():
            return None
        if not self.idempotent and status not in _SEND_SAFE_STATUSES:
            return None
        return self._retry_after(f"HTTP {status}", response.headers.get("Retry-After"))

    def _retry_after(self, reason: str, retry_after_header: str | None) -> float:
        delay = self.policy.delay(self.attempt, retry_after_header)
        logger.info(
            "retrying %s %s after %s in %.2f s (attempt %d of %d)",
            self.method,
            self.path,
            reason,
            delay,
            self.attempt + 1,
            self.policy.max_retries + 1,
            extra={
                "operation": self.operation,
                "method": self.method,
                "path": self.path,
                "attempt": self.attempt,
                "reason": reason,
                "delay": delay,
            },
        )
        return delay

    def _extra(self, status: int | None, duration_ms: float, error: str | None = None) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "status": status,
            "attempt": self.attempt,
            "duration_ms": duration_ms,
            "error": error,
        }

    def _transport_error(self, exc: httpx.RequestError, message: str) -> TransportError:
        cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        error = cls(
            f"{message} ({type(exc).__name__})",
            attempts=self.attempt,
            operation=self.operation,
            method=self.method,
            path=self.path,
        )
        error.__cause__ = exc
        return error


def _raise_final(response: httpx.Response, operation: str, attempt: int) -> None:
    try:
        _raise_for_status(response, operation=operation)
    except TransportError as exc:  # a send's 5XX: report how often it was tried
        exc.attempts = attempt
        raise


def send_sync(
    client: _SyncClient, request_kwargs: dict[str, Any], *, operation: str, raise_for_status: bool = False
) -> httpx.Response:
    """Send a request with ``client``'s httpx client and retry policy; the final answer, whatever its status.

    With ``raise_for_status``, a final non-2XX answer raises its typed error instead.
    """
    attempts = _Attempts(client.retry, request_kwargs, operation)
    http = client.get_httpx_client()
    while True:
        attempts.begin()
        try:
            response = http.request(**request_kwargs)
        except httpx.RequestError as exc:
            sleep(attempts.on_exception(exc))
            continue
        delay = attempts.on_response(response)
        if delay is None:
            break
        response.close()
        sleep(delay)
    if raise_for_status:
        _raise_final(response, operation, attempts.attempt)
    return response


async def send_async(
    client: _AsyncClient, request_kwargs: dict[str, Any], *, operation: str, raise_for_status: bool = False
) -> httpx.Response:
    """The async twin of ``send_sync``."""
    attempts = _Attempts(client.retry, request_kwargs, operation)
    http = client.get_async_httpx_client()
    while True:
        attempts.begin()
        try:
            response = await http.request(**request_kwargs)
        except httpx.RequestError as exc:
            await async_sleep(attempts.on_exception(exc))
            continue
        delay = attempts.on_response(response)
        if delay is None:
            break
        await response.aclose()
        await async_sleep(delay)
    if raise_for_status:
        _raise_final(response, operation, attempts.attempt)
    return response
