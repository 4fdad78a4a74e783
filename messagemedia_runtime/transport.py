"""Send one API request, with retries that never risk sending a message twice.

What is retried (within ``client.retry.max_retries``):

- failures before the request left (connect error or timeout, no free pooled connection): always;
- 429 and 503, which mean the API did not act: always (if in ``retry_statuses``);
- everything that may come after the API received the request (read timeout, dropped
  connection, 502, 504, other statuses in ``retry_statuses``): only for idempotent operations
  (``x-idempotent`` in openapi.yaml). For a send they raise ``SendOutcomeUnknownError`` instead.

Redirects are never followed for an operation that is not idempotent: a 3XX to a send raises
``SendOutcomeUnknownError`` whatever ``follow_redirects`` says (httpx would re-issue a POST as a
bodiless GET, whose 200 would look like a successful send). Idempotent operations follow
redirects that keep their method when the client asks for it, each hop signed afresh.

A ``deadline`` bounds the whole call: every attempt, every redirect and every wait between
attempts, down to each socket read (see ``messagemedia_runtime.deadline``).

Each attempt goes through ``httpx.Client.request``, so httpx auth runs again and every attempt
carries a fresh date and signature.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import httpx
from httpx import USE_CLIENT_DEFAULT

from .connections import closed_error
from .deadline import absolute, within
from .errors import (
    APIConnectionError,
    APITimeoutError,
    DeadlineExceededError,
    SendOutcomeUnknownError,
    TransportError,
    public_url,
)
from .errors import raise_for_status as _raise_for_status
from .operation import Operation
from .retry import RetryPolicy
from .settings import DEFAULT_ACCEPT

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
_MAX_REDIRECTS = 5

# A socket timeout set to the time left can fire a hair before the clock reaches the deadline.
_DEADLINE_SLACK = 0.01


class _Settings(Protocol):
    @property
    def retry(self) -> RetryPolicy: ...

    @property
    def timeout(self) -> httpx.Timeout: ...

    @property
    def auth(self) -> httpx.Auth | None: ...

    @property
    def url_prefix(self) -> str: ...

    @property
    def deadline(self) -> float | None: ...

    @property
    def account(self) -> str | None: ...

    @property
    def follow_redirects(self) -> bool: ...


class _SyncClient(_Settings, Protocol):
    def get_httpx_client(self) -> httpx.Client: ...


class _AsyncClient(_Settings, Protocol):
    def get_async_httpx_client(self) -> httpx.AsyncClient: ...


def _host(exc: httpx.RequestError) -> str:
    try:
        url = exc.request.url
    except RuntimeError:  # an error raised without a request
        return ""
    port = f":{url.port}" if url.port is not None else ""
    return f" at {url.scheme}://{url.host}{port}"


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default


class _Attempts:
    """The retry, redirect and deadline decisions for one call, shared by the sync and async loops."""

    __slots__ = ("attempt", "expires", "operation", "path", "policy", "redirects", "started")

    def __init__(self, policy: RetryPolicy, request_kwargs: dict[str, Any], operation: Operation) -> None:
        self.policy = policy
        self.operation = operation
        # The relative URL the generated code built: never the base URL, which may embed credentials.
        self.path = str(request_kwargs.get("url", ""))
        self.attempt = 0
        self.redirects = 0
        self.started = 0.0
        self.expires: float | None = None

    @property
    def method(self) -> str:
        return self.operation.method

    def begin(self) -> None:
        if self.expires is not None and time.monotonic() >= self.expires:
            raise self._deadline_error("before the request could be sent")
        self.attempt += 1
        self.started = time.perf_counter()

    def timeout(self, base: httpx.Timeout, http_default: httpx.Timeout) -> httpx.Timeout | None:
        """The per-phase timeouts of this attempt, cut to the time left when the call has a deadline;
        None when the httpx client's own apply unchanged."""
        if self.expires is None:
            return None if base == http_default else base
        left = max(self.expires - time.monotonic(), 0.001)

        def cut(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(
            connect=cut(base.connect), read=cut(base.read), write=cut(base.write), pool=cut(base.pool)
        )

    def _elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000.0

    def _can_retry(self) -> bool:
        return self.attempt <= self.policy.max_retries

    def _deadline_hit(self) -> bool:
        return self.expires is not None and time.monotonic() >= self.expires - _DEADLINE_SLACK

    def _deadline_error(self, when: str) -> DeadlineExceededError:
        return DeadlineExceededError(
            f"the call's deadline passed {when}; nothing more was tried.",
            attempts=self.attempt,
            operation=self.operation.id,
            method=self.method,
            path=self.path,
        )

    def _outcome_unknown(self, reason: str, exc: BaseException | None) -> SendOutcomeUnknownError:
        error = SendOutcomeUnknownError(
            reason, attempts=self.attempt, operation=self.operation.id, method=self.method, path=self.path
        )
        error.__cause__ = exc
        return error

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
        not_sent = isinstance(exc, _NOT_SENT_RETRYABLE + _NOT_SENT_FINAL)
        if self._deadline_hit() and isinstance(exc, httpx.TimeoutException):
            if not not_sent and not self.operation.idempotent:
                raise self._outcome_unknown("the call's deadline passed after the request was sent.", exc)
            error = self._deadline_error("while waiting for the API" if not not_sent else "while connecting")
            error.__cause__ = exc
            raise error
        if isinstance(exc, _NOT_SENT_RETRYABLE):
            if self._can_retry():
                return self._retry_after(type(exc).__name__, None)
            raise self._transport_error(
                exc, f"the API could not be reached{_host(exc)}; the request was not sent."
            )
        if isinstance(exc, _NOT_SENT_FINAL):
            raise self._transport_error(exc, f"the request could not be made{_host(exc)}; it was not sent.")
        if not self.operation.idempotent:
            raise self._outcome_unknown(
                f"the connection{_host(exc)} failed after the request was sent ({type(exc).__name__}).", exc
            )
        if isinstance(exc, _MAYBE_SENT_RETRYABLE) and self._can_retry():
            return self._retry_after(type(exc).__name__, None)
        raise self._transport_error(exc, f"the connection{_host(exc)} failed ({type(exc).__name__}).")

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
        if not self.operation.idempotent and status not in _SEND_SAFE_STATUSES:
            return None
        return self._retry_after(f"HTTP {status}", response.headers.get("Retry-After"))

    def redirect(self, response: httpx.Response, follow: bool) -> httpx.Request | None:
        """The next request of a redirect to follow, or None to keep ``response`` as the answer.

        A redirect to an operation that is not idempotent raises ``SendOutcomeUnknownError``.
        """
        target = response.next_request
        if target is None:
            return None
        where = public_url(target.url)
        if not self.operation.idempotent:
            raise self._outcome_unknown(
                f"the API answered HTTP {response.status_code}, a redirect to {where}. Redirects are never"
                " followed for this operation, because repeating it elsewhere could act twice; check the"
                " base URL.",
                None,
            )
        if not follow:
            return None
        if target.method != response.request.method:
            return None  # a 301/302/303 that would turn this request into a GET: reported, not followed
        if response.request.url.scheme == "https" and target.url.scheme != "https":
            return None  # credentials never travel in clear text because an answer said so
        if _origin(target.url) != _origin(response.request.url):
            # Each hop is signed: following to another host would hand it a valid signature (or,
            # with Basic, the secret). Reported instead; the Location says where the API went.
            logger.warning(
                "not following HTTP %d from %s %s to another origin (%s); if it is the API, make it base_url",
                response.status_code,
                self.method,
                self.path,
                where,
                extra={"operation": self.operation.id, "method": self.method, "path": self.path},
            )
            return None
        if self.redirects >= _MAX_REDIRECTS:
            return None
        self.redirects += 1
        logger.info(
            "following HTTP %d from %s %s to %s",
            response.status_code,
            self.method,
            self.path,
            where,
            extra={"operation": self.operation.id, "method": self.method, "path": self.path},
        )
        return target

    def wait(self, delay: float, cause: BaseException | None) -> float:
        """``delay``, unless waiting it would pass the deadline: then the deadline error."""
        if self.expires is not None and time.monotonic() + delay >= self.expires:
            error = self._deadline_error("before the next attempt was due")
            error.__cause__ = cause
            raise error
        return delay

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
                "operation": self.operation.id,
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
            "operation": self.operation.id,
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
            operation=self.operation.id,
            method=self.method,
            path=self.path,
        )
        error.__cause__ = exc
        return error


def _prepare(
    client: _Settings, request_kwargs: dict[str, Any], operation: Operation, deadline: float | None
) -> _Attempts:
    attempts = _Attempts(client.retry, request_kwargs, operation)
    attempts.expires = absolute(deadline if deadline is not None else client.deadline)
    headers = request_kwargs.setdefault("headers", {})
    account = client.account
    if account is not None and "Account" in operation.headers:
        headers.setdefault("Account", account)
    # Clients built by create_client send Accept: application/json already; only an operation that
    # answers something else names its own (a header per request costs a few microseconds).
    if operation.accept is not None and operation.accept != DEFAULT_ACCEPT:
        headers.setdefault("Accept", operation.accept)
    prefix = client.url_prefix
    if prefix:
        request_kwargs["url"] = prefix + request_kwargs["url"]
    auth = client.auth
    if auth is not None:
        request_kwargs["auth"] = auth
    # Redirects are this module's decision, made per operation (see the module docstring).
    request_kwargs["follow_redirects"] = False
    return attempts


def _final(
    response: httpx.Response, operation: Operation, attempts: _Attempts, raise_for_status: bool
) -> None:
    if not raise_for_status:
        return
    try:
        _raise_for_status(response, operation=operation)
    except TransportError as exc:  # a send's 5XX: report how often it was tried
        exc.attempts = attempts.attempt
        raise


def send_sync(
    client: _SyncClient,
    request_kwargs: dict[str, Any],
    *,
    operation: Operation,
    raise_for_status: bool = False,
    deadline: float | None = None,
) -> httpx.Response:
    """Send a request with ``client``'s httpx client and retry policy; the final answer, whatever its status.

    With ``raise_for_status``, a final non-2XX answer raises its typed error instead. ``deadline``
    (seconds) bounds the whole call; None uses the client's own ``deadline`` (None: unbounded).
    """
    attempts = _prepare(client, request_kwargs, operation, deadline)
    http = client.get_httpx_client()
    if http.is_closed:
        raise closed_error()
    while True:
        attempts.begin()
        timeout = attempts.timeout(client.timeout, http.timeout)
        if timeout is not None:
            request_kwargs["timeout"] = timeout
        try:
            with within(attempts.expires):
                response = http.request(**request_kwargs)
                while (target := attempts.redirect(response, client.follow_redirects)) is not None:
                    response.close()
                    response = http.send(
                        target, auth=request_kwargs.get("auth", USE_CLIENT_DEFAULT), follow_redirects=False
                    )
        except httpx.RequestError as exc:
            sleep(attempts.wait(attempts.on_exception(exc), exc))
            continue
        delay = attempts.on_response(response)
        if delay is None:
            break
        response.close()
        sleep(attempts.wait(delay, None))
    _final(response, operation, attempts, raise_for_status)
    return response


def _note_if_cancelled(exc: BaseException, operation: Operation) -> None:
    import asyncio  # loaded already: this runs in an event loop

    if not operation.idempotent and isinstance(exc, asyncio.CancelledError):
        exc.add_note(
            f"{operation.id} was cancelled after its request may have reached the API: its outcome"
            " is unknown; check before sending again"
        )


async def send_async(
    client: _AsyncClient,
    request_kwargs: dict[str, Any],
    *,
    operation: Operation,
    raise_for_status: bool = False,
    deadline: float | None = None,
) -> httpx.Response:
    """The async twin of ``send_sync``. A cancellation (``task.cancel()``, ``asyncio.wait_for``)
    propagates as it is; cut off while a request of an operation that is not idempotent was on its
    way, it carries a note that its outcome is unknown (``deadline=`` says so with
    ``SendOutcomeUnknownError``)."""
    attempts = _prepare(client, request_kwargs, operation, deadline)
    http = client.get_async_httpx_client()
    if http.is_closed:
        raise closed_error()
    while True:
        attempts.begin()
        timeout = attempts.timeout(client.timeout, http.timeout)
        if timeout is not None:
            request_kwargs["timeout"] = timeout
        try:
            with within(attempts.expires):
                response = await http.request(**request_kwargs)
                while (target := attempts.redirect(response, client.follow_redirects)) is not None:
                    await response.aclose()
                    response = await http.send(
                        target, auth=request_kwargs.get("auth", USE_CLIENT_DEFAULT), follow_redirects=False
                    )
        except httpx.RequestError as exc:
            await async_sleep(attempts.wait(attempts.on_exception(exc), exc))
            continue
        except BaseException as exc:
            _note_if_cancelled(exc, operation)
            raise
        delay = attempts.on_response(response)
        if delay is None:
            break
        await response.aclose()
        await async_sleep(attempts.wait(delay, None))
    _final(response, operation, attempts, raise_for_status)
    return response
