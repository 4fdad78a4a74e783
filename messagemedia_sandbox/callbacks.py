"""Delivers queued replies and delivery reports to their `callback_url`, like the API's webhooks.

The queue lives in the store, so callbacks still pending when the sandbox stops are sent after
it starts again. One worker thread sends them; a receiver that does not answer 2xx is tried
again after 1, 2, 4, 8... steps (scaled by the speed factor) until the attempts run out.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from .store import Callback, Store

_log = logging.getLogger("messagemedia_sandbox")
_IDLE_WAIT = 1.0


def backoff(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait after the `attempt`-th failure (1-based)."""
    return float(min(cap, base * 2 ** (attempt - 1)))


def post_json(url: str, payload: str, timeout: float, kind: str) -> str | None:
    """POSTs the payload; None on a 2xx answer, else why it failed."""
    if urlsplit(url).scheme not in ("http", "https"):
        return f"unsupported callback URL scheme in {url!r}"
    request = urllib.request.Request(  # noqa: S310 - scheme checked just above
        url,
        data=payload.encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "messagemedia-sandbox",
            "X-Messagemedia-Sandbox-Event": kind,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if 200 <= status < 300 else f"HTTP {status}"


class CallbackWorker:
    """The thread that drains the callback queue."""

    def __init__(self, store: Store, *, base_delay: float, max_attempts: int, timeout: float) -> None:
        self._store = store
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
        error = post_json(callback.url, callback.payload, self._timeout, callback.kind)
        if error is None:
            self._store.callback_done(callback.id)
            return
        attempt = callback.attempts + 1
        retry_at = None
        if attempt < self._max_attempts:
            retry_at = time.time() + backoff(attempt, self._base_delay, self._cap)
        _log.info("callback %s to %s failed (%s), attempt %d", callback.id, callback.url, error, attempt)
        self._store.callback_failed(callback.id, error, retry_at)
