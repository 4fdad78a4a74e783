"""client.replies.drain / client.delivery_reports.drain: at-least-once, confirm only what was handled."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fault_server import FaultServer, Recorded, Step
from runtime_support import Sleeps, client_factory, reply_json, report_json, server, sleeps

from messagemedia_messages import Client
from messagemedia_messages.api.delivery_reports import AsyncDeliveryReportsResource, DeliveryReportsResource
from messagemedia_messages.api.replies import AsyncRepliesResource, RepliesResource
from messagemedia_runtime import draining, errors

__all__ = ["client_factory", "server", "sleeps"]  # fixtures, imported for pytest


class Inbox:
    """The API's side of checks and confirms: the oldest ≤ 100 unconfirmed items, until confirmed."""

    def __init__(self, kind: str, count: int) -> None:
        self.kind = kind
        self.key = "reply_id" if kind == "replies" else "delivery_report_id"
        self.ids_key = "reply_ids" if kind == "replies" else "delivery_report_ids"
        make = reply_json if kind == "replies" else report_json
        self.pending: dict[str, dict[str, Any]] = {}
        for _ in range(count):
            item_id = str(uuid.uuid4())
            self.pending[item_id] = make(item_id)
        self.confirm_sizes: list[int] = []
        self.lock = threading.Lock()

    def __call__(self, request: Recorded) -> Step:
        with self.lock:
            if request.method == "GET":
                return Step(200, {self.kind: list(self.pending.values())[:100]})
            ids = request.json()[self.ids_key]
            self.confirm_sizes.append(len(ids))
            for item_id in ids:
                self.pending.pop(item_id, None)
            return Step(202, {})


def drain_fn(mode: str, kind: str, client: Client) -> Callable[..., Any]:
    table: dict[tuple[str, str], Any] = {
        ("sync", "replies"): RepliesResource,
        ("sync", "delivery_reports"): DeliveryReportsResource,
        ("async", "replies"): AsyncRepliesResource,
        ("async", "delivery_reports"): AsyncDeliveryReportsResource,
    }
    return table[(mode, kind)](client).drain  # type: ignore[no-any-return]


async def drain(
    mode: str, kind: str, client: Client, handler: Callable[[Any], object]
) -> draining.DrainResult[Any]:
    result = drain_fn(mode, kind, client)(handler)
    return await result if mode == "async" else result  # type: ignore[no-any-return]


def item_id(item: Any) -> str:
    return str(getattr(item, "reply_id", None) or item.delivery_report_id)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("kind", ["replies", "delivery_reports"])
async def test_failing_item_is_not_confirmed_and_everything_else_is(
    mode: str, kind: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    inbox = Inbox(kind, 250)
    server.responder = inbox
    poison = list(inbox.pending)[42]
    handled: list[str] = []

    def handler(item: Any) -> None:
        handled.append(item_id(item))
        if item_id(item) == poison:
            raise RuntimeError("cannot process this one")

    result = await drain(mode, kind, client_factory(server.url), handler)
    assert list(inbox.pending) == [poison]  # every other item confirmed, the failed one kept
    assert sorted(handled) == sorted({*handled}) and len(handled) == 250  # each handled exactly once
    assert result.processed == 249 and [f.item_id for f in result.failed] == [poison]
    assert isinstance(result.failed[0].error, RuntimeError)
    assert all(size <= 100 for size in inbox.confirm_sizes) and sum(inbox.confirm_sizes) == 249
    # Checks: 100 new, 100 new (+poison seen), 51 new, then only the already-seen poison: stop.
    assert result.checks == 4
    with pytest.raises(draining.DrainError):
        result.raise_if_failed()


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_async_handler_and_empty_inbox(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    inbox = Inbox("replies", 3)
    server.responder = inbox
    seen: list[str] = []

    async def async_handler(item: Any) -> None:
        seen.append(item_id(item))

    def sync_handler(item: Any) -> None:
        seen.append(item_id(item))

    result = await drain(
        mode, "replies", client_factory(server.url), async_handler if mode == "async" else sync_handler
    )
    assert result.ok and result.processed == 3 and len(seen) == 3 and not inbox.pending
    again = await drain(mode, "replies", client_factory(server.url), sync_handler)
    assert again.processed == 0 and again.checks == 1


def test_the_sync_drain_refuses_a_handler_it_cannot_await(
    server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    inbox = Inbox("replies", 3)
    server.responder = inbox
    ran: list[str] = []

    async def handler(item: Any) -> None:
        ran.append(item_id(item))

    replies = RepliesResource(client_factory(server.url))
    with pytest.raises(errors.ConfigurationError, match="plain function"):
        replies.drain(handler)
    assert len(server.requests) == 0  # refused before the first check
    result = replies.drain(lambda item: handler(item))  # noqa: PLW0108 - a plain function returning a coroutine
    assert result.processed == 0 and len(result.failed) == 3 and not ran
    assert len(inbox.pending) == 3 and inbox.confirm_sizes == []  # nothing unprocessed confirmed


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_handler_always_failing_does_not_loop(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    inbox = Inbox("delivery_reports", 120)
    server.responder = inbox

    def handler(_item: Any) -> None:
        raise ValueError("down")

    result = await drain(mode, "delivery_reports", client_factory(server.url), handler)
    # The first 100 fail and fill every check, so the drain stops after seeing nothing new.
    assert result.processed == 0 and len(result.failed) == 100 and result.checks == 2
    assert len(inbox.pending) == 120 and inbox.confirm_sizes == []


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_confirm_retried_on_502_and_failed_confirm_reported(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    inbox = Inbox("replies", 5)
    server.responder = inbox
    server.script(Step(200, {"replies": list(inbox.pending.values())}), Step(502), Step(502), Step(502))
    result = await drain(mode, "replies", client_factory(server.url), lambda _item: None)
    assert server.paths() == ["GET /v1/replies"] + ["POST /v1/replies/confirmed"] * 3
    assert len(result.unconfirmed) == 5 and result.processed == 0
    assert isinstance(result.confirm_errors[0], errors.ServerError)
    assert not result.ok

    inbox2 = Inbox("replies", 5)
    server.responder = inbox2
    server.script(Step(200, {"replies": list(inbox2.pending.values())}), Step(502))
    result2 = await drain(mode, "replies", client_factory(server.url), lambda _item: None)
    assert result2.ok and result2.processed == 5 and not inbox2.pending


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_handler_that_is_not_a_function_is_named_before_checking(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.responder = Inbox("replies", 3)
    client = client_factory(server.url)
    with pytest.raises(errors.ConfigurationError, match="the handler must be a function"):
        if mode == "sync":
            RepliesResource(client).drain(None)  # type: ignore[arg-type]
        else:
            await AsyncRepliesResource(client).drain(None)  # type: ignore[arg-type]
    assert server.requests == []
