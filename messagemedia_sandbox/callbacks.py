"""Delivers queued replies and delivery reports to their `callback_url`, like the API's webhooks.

The queue lives in the store, so callbacks still pending when the sandbox stops are sent after
it starts again. One worker thread sends them; a receiver that does not answer 2xx is tried
again after 1, 2, 4, 8... steps (scaled by the speed factor) until the attempts run out. Where a
callback may go is decided by `callback_targets` at each attempt; a refused one is recorded as
failed, with the reason, and not tried again.
"""

from __future__ import annotations

import http.client
import logging
import socket
import ssl
import threading
import time

from .callback_targets import Target, TargetPolicy, TargetRefusedError, TargetUnresolvedError
from .store import Callback, Store

_log = logging.getLogger("messagemedia_sandbox")
_IDLE_WAIT = 1.0
# Every callback carries its sandbox's random token in this header, and the sandbox refuses any
# request that carries its own: a callback that comes back to it through any route (a proxy, a
# port forward) cannot turn into a reply, then a callback, and so on.
ORIGIN_HEADER = "X-Messagemedia-Sandbox-Origin"


def backoff(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait after the `attempt`-th failure (1-based)."""
    return float(min(cap, base * 2 ** (attempt - 1)))


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
    """POSTs the payload to the checked target; None on a 2xx answer, else why it failed.

    Redirects are not followed: a 3xx is a failed attempt, so no answer can send the sandbox to a
    host the policy did not check.
    """
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "messagemedia-sandbox",
        "X-Messagemedia-Sandbox-Event": kind,
    }
    if origin_token:
        headers[ORIGIN_HEADER] = origin_token
    tls = ssl.create_default_context() if target.tls else None
    problem = "no address to connect to"
    for address in target.addresses:
        connection = _PinnedConnection(target, address, timeout, tls)
        try:
            connection.request("POST", target.request_target, body=payload.encode("utf-8"), headers=headers)
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
    ) -> None:
        self._store = store
        self.policy = policy or TargetPolicy()
        self._origin_token = origin_token
        self._base_delay = base_delay
        self._cap = base_delay * 64
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
            target = self.policy.check(callback.url)
        except TargetRefusedError as refused:
            _log.info("callback %s to %s %s", callback.id, callback.url, refused)
            self._store.callback_failed(callback.id, str(refused), None)
            return
        except TargetUnresolvedError as unresolved:
            error: str | None = str(unresolved)
        else:
            error = post_json(target, callback.payload, self._timeout, callback.kind, self._origin_token)
        if error is None:
            self._store.callback_done(callback.id)
            return
        attempt = callback.attempts + 1
        retry_at = None
        if attempt < self._max_attempts:
            retry_at = time.time() + backoff(attempt, self._base_delay, self._cap)
        _log.info("callback %s to %s failed (%s), attempt %d", callback.id, callback.url, error, attempt)
        self._store.callback_failed(callback.id, error, retry_at)
