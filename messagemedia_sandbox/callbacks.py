"""Delivers queued callbacks: replies and delivery reports to their message's `callback_url`, and
events to the webhooks registered for them (see `deliveries` for what each request looks like).

The queue lives in the store, so callbacks still pending when the sandbox stops are sent after
it starts again. One worker thread sends them; a `callback_url` that does not answer 2xx is tried
again after 1, 2, 4, 8... steps (scaled by the speed factor) until the attempts run out, a
webhook as its `retries` and `retry_delay` say. Where a callback may go is decided by
`callback_targets` at each attempt; a refused one is recorded as failed, with the reason, and not
tried again. When the account has secure callbacks and an enabled signature key, each attempt is
signed afresh (`signing`), with its own `Date`.
"""

from __future__ import annotations

import http.client
import logging
import socket
import ssl
import threading
import time

from . import deliveries
from .callback_targets import Target, TargetPolicy, TargetRefusedError, TargetUnresolvedError
from .deliveries import backoff
from .signing import SigningKey, http_date, signature_headers
from .store import Callback, Store

__all__ = ["ORIGIN_HEADER", "CallbackWorker", "backoff", "post_json", "send"]
_log = logging.getLogger("messagemedia_sandbox")
_IDLE_WAIT = 1.0
# Every callback carries its sandbox's random token in this header, and the sandbox refuses any
# request that carries its own: a callback that comes back to it through any route (a proxy, a
# port forward) cannot turn into a reply, then a callback, and so on.
ORIGIN_HEADER = "X-Messagemedia-Sandbox-Origin"


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to a checked address, whatever the host name would resolve to now.

    The request still names the URL's host (``Host`` header, TLS server name and certificate check).
    """

    def __init__(self, target: Target, address: str, timeout: float, tls: ssl.SSLContext | None) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.default_port = 443 if tls is not None else 80
        self._address = address
        self._tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), timeout=self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._tls is not None:
            try:
                sock = self._tls.wrap_socket(sock, server_hostname=self.host)
            except BaseException:
                sock.close()
                raise
        self.sock = sock


def post_json(target: Target, payload: str, timeout: float, kind: str, origin_token: str = "") -> str | None:
    """POSTs the JSON payload to the checked target; None on a 2xx answer, else why it failed."""
    headers = {"Content-Type": "application/json", "X-Messagemedia-Sandbox-Event": kind}
    if origin_token:
        headers[ORIGIN_HEADER] = origin_token
    return send(target, "POST", payload.encode("utf-8"), headers, timeout)


def send(target: Target, method: str, body: bytes, headers: dict[str, str], timeout: float) -> str | None:
    """Makes the request to the checked target; None on a 2xx answer, else why it failed.

    Redirects are not followed: a 3xx is a failed attempt, so no answer can send the sandbox to a
    host the policy did not check.
    """
    headers = {"User-Agent": "messagemedia-sandbox", **headers}
    tls = ssl.create_default_context() if target.tls else None
    problem = "no address to connect to"
    for address in target.addresses:
        connection = _PinnedConnection(target, address, timeout, tls)
        try:
            connection.request(method, target.request_target, body=body or None, headers=headers)
            status = connection.getresponse().status
        except (OSError, http.client.HTTPException, ValueError) as exc:
            problem = f"{type(exc).__name__}: {exc}"
            continue
        finally:
            connection.close()
        return None if 200 <= status < 300 else f"HTTP {status}"
    return problem


class CallbackWorker:
    """The thread that drains the callback queue."""

    def __init__(
        self,
        store: Store,
        *,
        base_delay: float,
        max_attempts: int,
        timeout: float,
        policy: TargetPolicy | None = None,
        origin_token: str = "",
        secure_callbacks: bool = True,
    ) -> None:
        self._store = store
        self._secure_callbacks = secure_callbacks
        self.policy = policy or TargetPolicy()
        self._origin_token = origin_token
        self._base_delay = base_delay
        self._max_attempts = max_attempts
        self._timeout = timeout
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sandbox-callbacks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self._timeout + 5)

    def notify(self) -> None:
        """Something was queued: look now rather than at the next scheduled wake-up."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._drain()
                wait = self._until_next()
            except Exception:  # a broken row must not end deliveries for good
                _log.exception("callback delivery failed")
                wait = _IDLE_WAIT
            self._wake.wait(wait)
            self._wake.clear()

    def _until_next(self) -> float:
        next_at = self._store.next_callback_at()
        if next_at is None:
            return _IDLE_WAIT
        return max(0.0, min(_IDLE_WAIT, next_at - time.time()))

    def _drain(self) -> None:
        while not self._stop.is_set():
            due = self._store.due_callbacks(time.time())
            if not due:
                return
            for callback in due:
                if self._stop.is_set():
                    return
                self._deliver(callback)

    def _deliver(self, callback: Callback) -> None:
        try:
            request = deliveries.build(callback, callback_timeout=self._timeout)
            target = self.policy.check(request.url)
        except (TargetRefusedError, deliveries.DeliveryRefusedError) as refused:
            _log.info("callback %s to %s %s", callback.id, callback.url, refused)
            self._store.callback_failed(callback.id, str(refused), None)
            return
        except TargetUnresolvedError as unresolved:
            error: str | None = str(unresolved)
        else:
            error = send(
                target,
                request.method,
                request.body,
                self._headers(callback, request, target),
                request.timeout,
            )
        if error is None:
            self._store.callback_done(callback.id)
            return
        attempt = callback.attempts + 1
        delay = deliveries.retry_delay(
            callback, attempt, step=self._base_delay, max_attempts=self._max_attempts
        )
        retry_at = None if delay is None else time.time() + delay
        _log.info("callback %s to %s failed (%s), attempt %d", callback.id, callback.url, error, attempt)
        self._store.callback_failed(callback.id, error, retry_at)

    def _headers(self, callback: Callback, request: deliveries.Request, target: Target) -> dict[str, str]:
        headers = {**request.headers, "X-Messagemedia-Sandbox-Event": request.event}
        if self._origin_token:
            headers[ORIGIN_HEADER] = self._origin_token
        date = http_date()
        headers["Date"] = date
        key = self._signing_key(callback.account)
        if key is not None:
            # The signature covers the request line as it goes on the wire, so the path and query
            # are the checked target's, after the URL's variables were filled in.
            headers.update(signature_headers(key, request.method, target.request_target, date, request.body))
        return headers

    def _signing_key(self, account: str | None) -> SigningKey | None:
        if not self._secure_callbacks or account is None:
            return None
        return self._store.signing_key(account)
