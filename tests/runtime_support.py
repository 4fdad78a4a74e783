"""Fixtures and builders shared by the tests/test_runtime_*.py modules."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest
from fault_server import FaultServer, Recorded, Step, running

from messagemedia_messages import Client
from messagemedia_messages.models.message import Message
from messagemedia_runtime import transport
from messagemedia_runtime.retry import RetryPolicy

API_KEY = "TEST_KEY_9d1c"
API_SECRET = "TEST_SECRET_77f3a1"
NO_WAIT = RetryPolicy(max_retries=2, jitter=0.0, backoff_base=0.01, backoff_cap=0.05)
MODES = ["sync", "async"]


class Sleeps:
    """Records the waits the transport asks for instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def sync(self, seconds: float) -> None:
        self.calls.append(seconds)

    async def async_(self, seconds: float) -> None:
        self.calls.append(seconds)
        await asyncio.sleep(0)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    recorder = Sleeps()
    monkeypatch.setattr(transport, "sleep", recorder.sync)
    monkeypatch.setattr(transport, "async_sleep", recorder.async_)
    return recorder


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running() as srv:
        yield srv


def make_client(
    base_url: str,
    *,
    retry: RetryPolicy = NO_WAIT,
    read: float = 2.0,
    transport_: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    auth: httpx.Auth | None = None,
) -> Client:
    args: dict[str, Any] = {"auth": auth or httpx.BasicAuth(API_KEY, API_SECRET)}
    if transport_ is not None:
        args["transport"] = transport_
    return Client(
        base_url=base_url,
        timeout=httpx.Timeout(connect=1.0, read=read, write=2.0, pool=1.0),
        retry=retry,
        httpx_args=args,
    )


@pytest.fixture
async def client_factory() -> AsyncIterator[Callable[..., Client]]:
    made: list[Client] = []

    def factory(base_url: str, **kwargs: Any) -> Client:
        made.append(make_client(base_url, **kwargs))
        return made[-1]

    yield factory
    for client in made:
        client.close()
        await client.aclose()


async def call(mode: str, module: ModuleType, *, detailed: bool = False, **kwargs: Any) -> Any:
    """Run an endpoint's sync or async function, so one test body covers both."""
    if mode == "sync":
        return (module.sync_detailed if detailed else module.sync)(**kwargs)
    return await (module.asyncio_detailed if detailed else module.asyncio)(**kwargs)


def msg(i: int = 0, **fields: Any) -> Message:
    return Message(content=f"hello {i}", destination_number=f"+6149157{i % 10000:04d}", **fields)


def send_answer(request: Recorded, status: str = "queued") -> Step:
    """What the API answers a valid send: the messages echoed with an ID and status."""
    sent = request.json()["messages"]
    return Step(202, {"messages": [{**m, "message_id": str(uuid.uuid4()), "status": status} for m in sent]})


def reply_json(reply_id: str, content: str = "yes please") -> dict[str, Any]:
    return {
        "reply_id": reply_id,
        "message_id": str(uuid.uuid4()),
        "content": content,
        "source_number": "+61491570156",
        "date_received": "2026-11-25T12:00:00Z",
    }


def report_json(report_id: str) -> dict[str, Any]:
    return {
        "delivery_report_id": report_id,
        "message_id": str(uuid.uuid4()),
        "status": "delivered",
        "date_received": "2026-11-25T12:00:00Z",
        "original_text": "private text",
    }
