"""Each of the eight generated endpoint functions, sync and async, through a mock transport.

The mock transport checks what goes on the wire (method, path, JSON body) and answers with the
spec's own example, which must come back parsed into the right model.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import httpx
import pytest

from messagemedia_messages import Client
from messagemedia_messages.api.delivery_reports import (
    check_delivery_reports,
    confirm_delivery_reports_as_received,
)
from messagemedia_messages.api.messages import (
    cancel_scheduled_message,
    check_credits_remaining,
    get_message_status,
    send_messages,
)
from messagemedia_messages.api.replies import check_replies, confirm_replies_as_received
from messagemedia_messages.models import (
    CancelScheduledMessageRequest,
    CheckCreditsRemainingResponse,
    CheckDeliveryReportsResponse,
    CheckRepliesResponse,
    ConfirmDeliveryReportsAsReceivedRequest,
    ConfirmRepliesAsReceivedRequest,
    DeliveryReportStatus,
    Message,
    MessageStatus,
    SendMessagesRequest,
    SendMessagesResponse,
    SentMessage,
)
from messagemedia_runtime.retry import RetryPolicy

MESSAGE_ID = UUID("877c19ef-fa2e-4cec-827a-e1df9b5509f7")
REPLY_ID = UUID("a175e797-2b54-468b-9850-41a3eab32f74")
REPORT_ID = UUID("011dcead-6988-4ad6-a1c7-6b6c68ea628d")

SENT = {
    "messages": [
        {
            "message_id": str(MESSAGE_ID),
            "status": "queued",
            "content": "My first message",
            "destination_number": "+61491570156",
            "format": "SMS",
            "delivery_report": False,
        }
    ]
}
REPLIES = {
    "replies": [
        {
            "reply_id": str(REPLY_ID),
            "message_id": str(MESSAGE_ID),
            "content": "Yes",
            "source_number": "+61491570156",
            "date_received": "2026-11-25T12:05:00Z",
        }
    ]
}
REPORTS = {
    "delivery_reports": [
        {
            "delivery_report_id": str(REPORT_ID),
            "message_id": str(MESSAGE_ID),
            "status": "delivered",
            "date_received": "2026-11-25T12:01:30Z",
        }
    ]
}


@dataclass
class Case:
    name: str
    method: str
    path: str
    sent_json: Any
    status: int
    answer: Any
    call_sync: Callable[[Client], Any]
    call_async: Callable[[Client], Awaitable[Any]]
    check: Callable[[Any], None] = field(default=lambda parsed: None)


def _sent(parsed: Any) -> None:
    assert isinstance(parsed, SendMessagesResponse)
    assert parsed.messages[0].message_id == MESSAGE_ID
    assert parsed.messages[0].status is MessageStatus.QUEUED


def _message(parsed: Any) -> None:
    assert isinstance(parsed, SentMessage)
    assert parsed.status is MessageStatus.QUEUED


def _credits(parsed: Any) -> None:
    assert isinstance(parsed, CheckCreditsRemainingResponse)
    assert parsed.credits_ == 4985  # `credits` is a Python builtin, so the generator adds "_"


def _replies(parsed: Any) -> None:
    assert isinstance(parsed, CheckRepliesResponse)
    assert parsed.replies[0].reply_id == REPLY_ID


def _reports(parsed: Any) -> None:
    assert isinstance(parsed, CheckDeliveryReportsResponse)
    assert parsed.delivery_reports[0].status is DeliveryReportStatus.DELIVERED


def _none(parsed: Any) -> None:
    assert parsed is None


SEND_BODY = SendMessagesRequest(
    messages=[Message(content="My first message", destination_number="+61491570156")]
)
CANCEL_BODY = CancelScheduledMessageRequest()
CONFIRM_REPLIES = ConfirmRepliesAsReceivedRequest(reply_ids=[REPLY_ID])
CONFIRM_REPORTS = ConfirmDeliveryReportsAsReceivedRequest(delivery_report_ids=[REPORT_ID])

CASES = [
    Case(
        "send_messages",
        "POST",
        "/v1/messages",
        {
            "messages": [
                {
                    "content": "My first message",
                    "destination_number": "+61491570156",
                    "delivery_report": False,
                }
            ]
        },
        202,
        SENT,
        lambda c: send_messages.sync(client=c, body=SEND_BODY),
        lambda c: send_messages.asyncio(client=c, body=SEND_BODY),
        _sent,
    ),
    Case(
        "get_message_status",
        "GET",
        f"/v1/messages/{MESSAGE_ID}",
        None,
        200,
        SENT["messages"][0],
        lambda c: get_message_status.sync(MESSAGE_ID, client=c),
        lambda c: get_message_status.asyncio(MESSAGE_ID, client=c),
        _message,
    ),
    Case(
        "cancel_scheduled_message",
        "PUT",
        f"/v1/messages/{MESSAGE_ID}",
        {"status": "cancelled"},
        200,
        None,
        lambda c: cancel_scheduled_message.sync(MESSAGE_ID, client=c, body=CANCEL_BODY),
        lambda c: cancel_scheduled_message.asyncio(MESSAGE_ID, client=c, body=CANCEL_BODY),
        _none,
    ),
    Case(
        "check_credits_remaining",
        "GET",
        "/v1/messaging/credits",
        None,
        200,
        {"credits": 4985},
        lambda c: check_credits_remaining.sync(client=c),
        lambda c: check_credits_remaining.asyncio(client=c),
        _credits,
    ),
    Case(
        "check_replies",
        "GET",
        "/v1/replies",
        None,
        200,
        REPLIES,
        lambda c: check_replies.sync(client=c),
        lambda c: check_replies.asyncio(client=c),
        _replies,
    ),
    Case(
        "confirm_replies_as_received",
        "POST",
        "/v1/replies/confirmed",
        {"reply_ids": [str(REPLY_ID)]},
        202,
        None,
        lambda c: confirm_replies_as_received.sync(client=c, body=CONFIRM_REPLIES),
        lambda c: confirm_replies_as_received.asyncio(client=c, body=CONFIRM_REPLIES),
        _none,
    ),
    Case(
        "check_delivery_reports",
        "GET",
        "/v1/delivery_reports",
        None,
        200,
        REPORTS,
        lambda c: check_delivery_reports.sync(client=c),
        lambda c: check_delivery_reports.asyncio(client=c),
        _reports,
    ),
    Case(
        "confirm_delivery_reports_as_received",
        "POST",
        "/v1/delivery_reports/confirmed",
        {"delivery_report_ids": [str(REPORT_ID)]},
        202,
        None,
        lambda c: confirm_delivery_reports_as_received.sync(client=c, body=CONFIRM_REPORTS),
        lambda c: confirm_delivery_reports_as_received.asyncio(client=c, body=CONFIRM_REPORTS),
        _none,
    ),
]


class Recorder:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.case.answer is None:
            return httpx.Response(self.case.status)
        return httpx.Response(self.case.status, json=self.case.answer)

    def assert_one_request(self) -> None:
        assert len(self.requests) == 1
        request = self.requests[0]
        assert request.method == self.case.method
        assert request.url.path == self.case.path
        if self.case.sent_json is None:
            assert request.content == b""
        else:
            assert request.headers["content-type"] == "application/json"
            assert json.loads(request.content) == self.case.sent_json


def _client(recorder: Recorder, *, asynchronous: bool) -> Client:
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport
    transport = httpx.MockTransport(recorder)
    client = Client(base_url="https://api.test", retry=RetryPolicy(max_retries=0))
    if asynchronous:
        return client.set_async_httpx_client(
            httpx.AsyncClient(base_url="https://api.test", transport=transport)
        )
    return client.set_httpx_client(httpx.Client(base_url="https://api.test", transport=transport))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_sync(case: Case) -> None:
    recorder = Recorder(case)
    parsed = case.call_sync(_client(recorder, asynchronous=False))
    recorder.assert_one_request()
    case.check(parsed)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
async def test_asyncio(case: Case) -> None:
    recorder = Recorder(case)
    parsed = await case.call_async(_client(recorder, asynchronous=True))
    recorder.assert_one_request()
    case.check(parsed)


def test_detailed_gives_the_raw_response_without_raising() -> None:
    case = Case(
        "send_messages",
        "POST",
        "/v1/messages",
        None,
        400,
        {"message": "bad", "details": ["x"]},
        lambda c: None,
        lambda c: _noop(),
    )
    recorder = Recorder(case)
    response = send_messages.sync_detailed(client=_client(recorder, asynchronous=False), body=SEND_BODY)
    assert response.status_code == 400
    assert response.parsed is None
    assert json.loads(response.content) == {"message": "bad", "details": ["x"]}


async def _noop() -> None:
    return None


def test_unknown_fields_and_statuses_survive_a_round_trip() -> None:
    raw = {**SENT["messages"][0], "status": "beamed", "carrier": {"name": "Example"}}
    message = Message.from_dict(raw)
    assert isinstance(message.status, MessageStatus)
    assert message.status.value == "beamed"
    assert not message.status.is_known
    assert MessageStatus.QUEUED.is_known
    assert message["carrier"] == {"name": "Example"}
    assert message.to_dict() == raw
