"""A deadline bounds a whole call: attempts, waits and every socket read, even against a server
that trickles its answer a byte at a time. ``timeout=`` keeps its per-phase meaning.

Before: timeouts applied per read, so a server trickling one byte every 1.5 s kept a call with
timeout=2 waiting for more than 45 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from fault_server import Step, running

from messagemedia_messages import AsyncMessageMedia, MessageMedia, RetryPolicy
from messagemedia_messages.errors import (
    APITimeoutError,
    DeadlineExceededError,
    SendOutcomeUnknownError,
)
from messagemedia_messages.types import MessageParam
from messagemedia_runtime import deadline

MESSAGE: MessageParam = {"content": "hello", "destination_number": "+61491570156"}
STATUS = {
    "message_id": "877c19ef-fa2e-4cec-827a-e1df9b5509f7",
    "status": "delivered",
    "content": "hello",
    "destination_number": "+61491570156",
}


class Trickler:
    """Reads a request, then answers 200 one byte every ``interval`` seconds (headers or body)."""

    def __init__(self, body: bytes, interval: float, trickle_headers: bool = False) -> None:
        self.body = body
        self.interval = interval
        self.trickle_headers = trickle_headers
        self.requests = 0
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def _serve(self) -> None:
        self._sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, rest = data.partition(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                ),
                0,
            )
            while len(rest) < length:
                rest += conn.recv(65536)
            self.requests += 1
            headers = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                % len(self.body)
            )
            slow, fast = (headers + self.body, b"") if self.trickle_headers else (self.body, headers)
            conn.sendall(fast)
            for byte in slow:
                if self._stop.is_set():
                    return
                conn.sendall(bytes([byte]))
                time.sleep(self.interval)

    def __enter__(self) -> Trickler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


@pytest.fixture
def trickling_status() -> Iterator[Trickler]:
    # About 40 s to trickle at 0.25 s a byte: far more than any deadline here.
    with Trickler(json.dumps(STATUS).encode(), 0.25) as server:
        yield server


def test_timeout_bounds_each_read_not_the_call() -> None:
    body = json.dumps(STATUS).encode()
    with Trickler(body[:20] + b" " * 0 + body[20:], 0.01) as server:
        client = MessageMedia("K", "S", base_url=server.url, timeout=0.5)
        started = time.monotonic()
        client.messages.get_status(STATUS["message_id"])  # every read is quick, so it succeeds
        assert time.monotonic() - started > 0.5  # although the call took longer than timeout=0.5


def test_a_read_under_a_deadline_ends_at_the_deadline(trickling_status: Trickler) -> None:
    client = MessageMedia(
        "K", "S", base_url=trickling_status.url, timeout=2, retry=RetryPolicy(max_retries=3)
    )
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError) as caught:
        client.messages.get_status(STATUS["message_id"], deadline=1.0)
    took = time.monotonic() - started
    assert 0.9 < took < 5, took  # not the ~40 s the answer would take, nor a retry after it
    assert isinstance(caught.value, APITimeoutError) and "deadline passed" in str(caught.value)
    assert trickling_status.requests == 1


def test_a_client_wide_deadline_applies_to_every_call(trickling_status: Trickler) -> None:
    client = MessageMedia("K", "S", base_url=trickling_status.url, deadline=1.0)
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError):
        client.messages.get_status(STATUS["message_id"])
    assert time.monotonic() - started < 5


def test_a_send_cut_off_mid_answer_has_an_unknown_outcome() -> None:
    body = json.dumps({"messages": [{**STATUS, "status": "queued"}]}).encode()
    with Trickler(body, 0.25, trickle_headers=True) as server:
        client = MessageMedia("K", "S", base_url=server.url)
        started = time.monotonic()
        with pytest.raises(SendOutcomeUnknownError, match="deadline passed after the request was sent"):
            client.messages.send(messages=[MESSAGE], deadline=1.0)
        assert time.monotonic() - started < 5
        assert server.requests == 1  # never resent


async def test_async_calls_keep_their_own_deadlines(trickling_status: Trickler) -> None:
    client = AsyncMessageMedia("K", "S", base_url=trickling_status.url)
    started = time.monotonic()
    outcomes = await asyncio.gather(
        client.messages.get_status(STATUS["message_id"], deadline=0.6),
        client.messages.get_status(STATUS["message_id"], deadline=1.2),
        return_exceptions=True,
    )
    assert all(isinstance(o, DeadlineExceededError) for o in outcomes), outcomes
    assert time.monotonic() - started < 5
    assert deadline.remaining() is None  # nothing leaks into the caller's context
    await client.aclose()


def test_waiting_for_a_retry_never_passes_the_deadline() -> None:
    with running() as server:
        server.responder = lambda _r: Step(503, {"message": "busy"}, headers={"Retry-After": "30"})
        client = MessageMedia("K", "S", base_url=server.url, retry=RetryPolicy(max_retries=5))
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError, match="before the next attempt was due") as caught:
            client.messages.send(messages=[MESSAGE], deadline=2.0)
        assert time.monotonic() - started < 1.5  # gave up at once instead of sleeping 30 s
        assert len(server.requests) == 1
        assert caught.value.__cause__ is None or not isinstance(
            caught.value.__cause__, SendOutcomeUnknownError
        )


def test_with_options_sets_a_deadline_that_shares_the_pool(trickling_status: Trickler) -> None:
    client = MessageMedia("K", "S", base_url=trickling_status.url)
    bounded = client.with_options(deadline=0.8)
    with pytest.raises(DeadlineExceededError):
        bounded.messages.get_status(STATUS["message_id"])
    assert client.low_level_client.deadline is None


def test_every_transport_we_build_gets_the_deadline_backend() -> None:
    # httpx keeps its pool's backend private: if a version moved it, deadlines would silently
    # stop bounding reads. This fails first.
    client = MessageMedia("K", "S")
    sync_pool = client.low_level_client.get_httpx_client()._transport._pool  # type: ignore[attr-defined]
    assert type(sync_pool._network_backend).__name__ == "_Backend"
