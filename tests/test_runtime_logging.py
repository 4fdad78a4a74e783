"""The "messagemedia" logger: request facts at DEBUG, retries at INFO, never content or credentials."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from fault_server import FaultServer, Step
from runtime_support import API_KEY, API_SECRET, Sleeps, client_factory, server, sleeps

from messagemedia_messages import Client
from messagemedia_messages.api.messages import send_messages
from messagemedia_messages.models import Message, Metadata, SendMessagesRequest

__all__ = ["client_factory", "server", "sleeps"]  # fixtures, imported for pytest

CONTENT = "TOP-SECRET-MESSAGE-BODY"
META_VALUE = "PRIVATE-META-VALUE"


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_log_records(
    mode: str,
    server: FaultServer,
    sleeps: Sleeps,
    client_factory: Callable[..., Client],
    caplog: pytest.LogCaptureFixture,
) -> None:
    metadata = Metadata()
    metadata.additional_properties = {"booking": META_VALUE}
    body = SendMessagesRequest(
        messages=[Message(content=CONTENT, destination_number="+61491570156", metadata=metadata)]
    )
    echoed = {
        "messages": [
            {
                **body.to_dict()["messages"][0],
                "message_id": "877c19ef-fa2e-4cec-827a-e1df9b5509f7",
                "status": "queued",
            }
        ]
    }
    server.script(Step(503, {"message": "busy"}, headers={"Retry-After": "1"}), Step(202, echoed))
    client = client_factory(server.url)
    with caplog.at_level(logging.DEBUG, logger="messagemedia"):
        if mode == "sync":
            send_messages.sync(client=client, body=body)
        else:
            await send_messages.asyncio(client=client, body=body)

    ours = [r for r in caplog.records if r.name == "messagemedia"]
    attempts = [r for r in ours if r.levelno == logging.DEBUG]
    assert [(r.method, r.path, r.status, r.attempt) for r in attempts] == [  # type: ignore[attr-defined]
        ("POST", "/v1/messages", 503, 1),
        ("POST", "/v1/messages", 202, 2),
    ]
    assert all(isinstance(r.duration_ms, float) for r in attempts)  # type: ignore[attr-defined]
    assert "POST /v1/messages -> 202 (attempt 2," in attempts[1].getMessage()
    retries = [r for r in ours if r.levelno == logging.INFO]
    assert (
        len(retries) == 1 and "retrying POST /v1/messages after HTTP 503 in 1.00 s" in retries[0].getMessage()
    )
    for record in ours:
        text = record.getMessage() + repr(record.__dict__)
        for secret in (CONTENT, META_VALUE, API_SECRET, API_KEY, "Authorization", "Basic "):
            assert secret not in text, (secret, record.getMessage())


async def test_nothing_at_info_when_all_goes_well(
    server: FaultServer, client_factory: Callable[..., Client], caplog: pytest.LogCaptureFixture
) -> None:
    server.script(Step(200, {"replies": []}))
    from messagemedia_messages.api.replies import check_replies

    with caplog.at_level(logging.INFO, logger="messagemedia"):
        check_replies.sync(client=client_factory(server.url))
    assert [r for r in caplog.records if r.name == "messagemedia"] == []
