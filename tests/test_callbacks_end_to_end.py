"""End to end: the sandbox signs its callbacks as the API does, and a receiver built from
``messagemedia_messages.callbacks``' ASGI adapter, under a real server (uvicorn), verifies and
accepts every one of them over a whole send -> delivered -> reply -> opt-out cycle.

The two sides were written apart from the same facts (the sandbox's signer, the client's
verifier), so agreement here is evidence, not an echo. A receiver holding another key refuses
everything, which shows the verification can fail.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_helpers import running_sandbox, wait_until

from messagemedia_messages import MessageMedia
from messagemedia_messages.callbacks import (
    CallbackASGIApp,
    CallbackEvent,
    DeliveryReportEvent,
    OptOutEvent,
    ReplyEvent,
    event_id,
)
from messagemedia_messages.models import WebhookEvent
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer
from messagemedia_sandbox.asgi_runner import BackgroundASGIServer

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]
EVENTS: list[WebhookEvent] = [
    WebhookEvent(name)
    for name in (
        "RECEIVED_SMS",
        "OPT_OUT_SMS",
        "RECEIVED_MMS",
        "ENROUTE_DR",
        "SUBMITTED_DR",
        "DELIVERED_DR",
        "EXPIRED_DR",
        "REJECTED_DR",
        "FAILED_DR",
    )
]
HANDSET = "+61491570156"


class Inbox:
    """What a receiver's handler got, by the path it came to."""

    def __init__(self) -> None:
        self.events: list[CallbackEvent] = []
        self._lock = threading.Lock()

    def __call__(self, event: CallbackEvent) -> None:
        with self._lock:
            self.events.append(event)

    def of(self, kind: type[Any]) -> list[Any]:
        with self._lock:
            return [event for event in self.events if isinstance(event, kind)]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path) as running:
        yield running


def _log(sandbox: SandboxServer) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = httpx.get(f"{sandbox.base_url}/sandbox/callbacks", timeout=10).json()[
        "callbacks"
    ]
    return records


def test_every_signed_callback_of_a_cycle_is_verified_and_accepted(sandbox: SandboxServer) -> None:
    client = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url)
    key = client.signature_keys.create(digest="SHA512", cipher="RSA")
    client.signature_keys.enable(key_id=key.key_id)
    other = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url).signature_keys.create(
        digest="SHA256", cipher="RSA"
    )  # never enabled: a receiver that trusts only it must refuse everything

    inbox, stranger = Inbox(), Inbox()
    with (
        BackgroundASGIServer(CallbackASGIApp(inbox, keys={key.key_id: key})) as receiver,
        BackgroundASGIServer(CallbackASGIApp(stranger, keys={other.key_id: other})) as wrong_key,
    ):
        hook = client.webhooks.create(
            url=f"{receiver.base_url}/hooks/all", method="POST", encoding="JSON", events=EVENTS
        )
        client.webhooks.create(
            url=f"{wrong_key.base_url}/hooks/all", method="POST", encoding="JSON", events=EVENTS
        )

        sent = client.messages.send(
            messages=[
                {
                    "content": "Table for two at 7?",
                    "destination_number": HANDSET,
                    "delivery_report": True,
                    "callback_url": f"{receiver.base_url}/hooks/message?ref=booking-7",
                    "metadata": {"booking": "B-7"},
                }
            ]
        ).messages[0]
        wait_until(lambda: client.messages.get_status(sent.message_id).status == "delivered", timeout=15)
        for text in ("Yes please", "STOP"):
            answer = httpx.post(
                f"{sandbox.base_url}/sandbox/replies",
                json={"message_id": str(sent.message_id), "content": text},
                timeout=10,
            )
            assert answer.status_code == 201, answer.text

        # Every callback reached a verdict: none pending, none given up on the way.
        def settled() -> list[dict[str, Any]] | None:
            records = _log(sandbox)
            done = (
                records and all(r["state"] != "pending" for r in records) and len(inbox.of(OptOutEvent)) >= 1
            )
            return records if done else None

        records = wait_until(settled, timeout=30)

    ours = [r for r in records if r["url"].startswith(receiver.base_url)]
    theirs = [r for r in records if r["url"].startswith(wrong_key.base_url)]
    assert ours and all(r["state"] == "delivered" for r in ours), [
        r for r in ours if r["state"] != "delivered"
    ]
    assert theirs and all(r["state"] == "failed" and "401" in str(r["last_error"]) for r in theirs)
    assert stranger.events == []

    # The handler got each event once per delivery, typed, from the webhook and the callback_url.
    reports = inbox.of(DeliveryReportEvent)
    assert {str(r.status) for r in reports} >= {"enroute", "submitted", "delivered"}
    assert {str(r.message_id) for r in reports} == {str(sent.message_id)}
    assert len(reports) == len({(event_id(r), r.status) for r in reports}) * 2  # webhook + callback_url
    replies = inbox.of(ReplyEvent)
    assert {r.content for r in replies} == {"Yes please", "STOP"}
    (opt_out,) = inbox.of(OptOutEvent)
    assert opt_out.source_number == HANDSET and event_id(opt_out)
    assert len(ours) == len(inbox.events)
    assert str(hook.id) in {str(r.get("webhook_id")) for r in ours}
