"""Each generated endpoint function, sync and async, through a mock transport.

The mock transport checks what goes on the wire (method, path, query, JSON body) and answers as the
API does (JSON, a bare JSON array, plain text or no body), which must come back parsed into the
right model, list, text or None.
"""

from __future__ import annotations

import json
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import httpx
import pytest
from spec_tools import load_spec

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
from messagemedia_messages.api.number_authorisation import (
    add_to_blacklist,
    check_numbers_authorised,
    list_blacklist,
    remove_from_blacklist,
)
from messagemedia_messages.api.replies import check_replies, confirm_replies_as_received
from messagemedia_messages.api.signature_keys import (
    create_signature_key,
    delete_signature_key,
    disable_signature_key,
    enable_signature_key,
    get_enabled_signature_key,
    get_signature_key,
    list_signature_keys,
)
from messagemedia_messages.api.webhooks import create_webhook, delete_webhook, list_webhooks, update_webhook
from messagemedia_messages.models import (
    AddToBlacklistRequest,
    AddToBlacklistResponse,
    CancelScheduledMessageRequest,
    CheckCreditsRemainingResponse,
    CheckDeliveryReportsResponse,
    CheckNumbersAuthorisedResponse,
    CheckRepliesResponse,
    ConfirmDeliveryReportsAsReceivedRequest,
    ConfirmRepliesAsReceivedRequest,
    CreatedSignatureKey,
    CreateSignatureKeyRequest,
    CreateWebhookRequest,
    DeliveryReportStatus,
    EnableSignatureKeyRequest,
    ListBlacklistResponse,
    ListWebhooksResponse,
    Message,
    MessageStatus,
    SendMessagesRequest,
    SendMessagesResponse,
    SentMessage,
    SignatureKey,
    SignatureKeyCipher,
    SignatureKeyDigest,
    UpdateWebhookRequest,
    Webhook,
    WebhookEncoding,
    WebhookEvent,
    WebhookMethod,
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
    query: dict[str, str] = field(default_factory=dict)
    # The raw path on the wire, where it differs from the decoded `path` (percent-encoded `+` and `,`).
    raw_path: str | None = None
    text_answer: bool = False


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


WEBHOOK_ID = UUID("8805c9d8-bef7-41c7-906a-69ede93aa024")
KEY_ID = UUID("7ca628a8-08b0-4e42-aeb8-960b37049c31")
WEBHOOK: dict[str, Any] = {
    "id": str(WEBHOOK_ID),
    "url": "https://hooks.example.com/messagemedia",
    "method": "POST",
    "encoding": None,
    "headers": {},
    "events": ["RECEIVED_SMS", "TELEPORTED_DR"],
    "retries": 0,
}
KEY = {
    "key_id": str(KEY_ID),
    "cipher": "RSA",
    "digest": "SHA256",
    "created": "2026-11-25T12:00:00Z",
    "enabled": True,
}
CREATE_WEBHOOK = CreateWebhookRequest(
    url="https://hooks.example.com/messagemedia",
    method=WebhookMethod.POST,
    encoding=WebhookEncoding.JSON,
    events=[WebhookEvent.RECEIVED_SMS],
)
UPDATE_WEBHOOK = UpdateWebhookRequest(url="https://hooks.example.com/v2")
CREATE_KEY = CreateSignatureKeyRequest(digest=SignatureKeyDigest.SHA512, cipher=SignatureKeyCipher.RSA)
ENABLE_KEY = EnableSignatureKeyRequest(key_id=KEY_ID)
ADD_NUMBERS = AddToBlacklistRequest(numbers=["+61491570156", "+61491570158"])


def _webhook(parsed: Any) -> None:
    assert isinstance(parsed, Webhook)
    assert parsed.id == WEBHOOK_ID
    assert parsed.encoding is None
    assert parsed.events and not parsed.events[1].is_known  # an event this spec does not list yet


def _webhooks(parsed: Any) -> None:
    assert isinstance(parsed, ListWebhooksResponse)
    assert parsed.page == 1
    assert parsed.page_size == 2
    assert [webhook.id for webhook in parsed.page_data] == [WEBHOOK_ID]


def _created_key(parsed: Any) -> None:
    assert isinstance(parsed, CreatedSignatureKey)
    assert parsed.public_key == "MIGfMA0G"
    assert parsed.enabled is False


def _keys(parsed: Any) -> None:
    assert isinstance(parsed, list)
    assert [type(key) for key in parsed] == [SignatureKey]
    assert parsed[0].digest is SignatureKeyDigest.SHA256


def _key(parsed: Any) -> None:
    assert isinstance(parsed, SignatureKey)
    assert parsed.key_id == KEY_ID


def _authorised(parsed: Any) -> None:
    assert isinstance(parsed, CheckNumbersAuthorisedResponse)
    assert [(n.number, n.authorised) for n in parsed.numbers] == [
        ("+61491570156", True),
        ("+61491570158", False),
    ]


def _blacklist(parsed: Any) -> None:
    assert isinstance(parsed, ListBlacklistResponse)
    assert parsed.numbers == ["+61491570156"]
    assert parsed.pagination and parsed.pagination.page == "eyJwYWdlIjoyfQ"


def _added(parsed: Any) -> None:
    assert isinstance(parsed, AddToBlacklistResponse)
    assert parsed.numbers == ["+61491570156", "+61491570158"]


def _removed(parsed: Any) -> None:
    assert parsed == "Number removed"


NEW_CASES = [
    Case(
        "create_webhook",
        "POST",
        "/v1/webhooks/messages",
        {
            "url": "https://hooks.example.com/messagemedia",
            "method": "POST",
            "encoding": "JSON",
            "events": ["RECEIVED_SMS"],
            "read_timeout": 20000,
            "retries": 0,
        },
        201,
        WEBHOOK,
        lambda c: create_webhook.sync(client=c, body=CREATE_WEBHOOK),
        lambda c: create_webhook.asyncio(client=c, body=CREATE_WEBHOOK),
        _webhook,
    ),
    Case(
        "list_webhooks",
        "GET",
        "/v1/webhooks/messages",
        None,
        200,
        {"page": 1, "pageSize": 2, "pageData": [WEBHOOK]},
        lambda c: list_webhooks.sync(client=c, page=1, page_size=2),
        lambda c: list_webhooks.asyncio(client=c, page=1, page_size=2),
        _webhooks,
        query={"page": "1", "page_size": "2"},
    ),
    Case(
        "update_webhook",
        "PATCH",
        f"/v1/webhooks/messages/{WEBHOOK_ID}",
        {"url": "https://hooks.example.com/v2"},
        200,
        WEBHOOK,
        lambda c: update_webhook.sync(WEBHOOK_ID, client=c, body=UPDATE_WEBHOOK),
        lambda c: update_webhook.asyncio(WEBHOOK_ID, client=c, body=UPDATE_WEBHOOK),
        _webhook,
    ),
    Case(
        "delete_webhook",
        "DELETE",
        f"/v1/webhooks/messages/{WEBHOOK_ID}",
        None,
        204,
        None,
        lambda c: delete_webhook.sync(WEBHOOK_ID, client=c),
        lambda c: delete_webhook.asyncio(WEBHOOK_ID, client=c),
        _none,
    ),
    Case(
        "create_signature_key",
        "POST",
        "/v1/iam/signature_keys",
        {"digest": "SHA512", "cipher": "RSA"},
        201,
        {**KEY, "enabled": False, "public_key": "MIGfMA0G"},
        lambda c: create_signature_key.sync(client=c, body=CREATE_KEY),
        lambda c: create_signature_key.asyncio(client=c, body=CREATE_KEY),
        _created_key,
    ),
    Case(
        "list_signature_keys",
        "GET",
        "/v1/iam/signature_keys",
        None,
        200,
        [KEY],
        lambda c: list_signature_keys.sync(client=c, page=1, page_size=10),
        lambda c: list_signature_keys.asyncio(client=c, page=1, page_size=10),
        _keys,
        query={"page": "1", "page_size": "10"},
    ),
    Case(
        "get_signature_key",
        "GET",
        f"/v1/iam/signature_keys/{KEY_ID}",
        None,
        200,
        KEY,
        lambda c: get_signature_key.sync(KEY_ID, client=c),
        lambda c: get_signature_key.asyncio(KEY_ID, client=c),
        _key,
    ),
    Case(
        "delete_signature_key",
        "DELETE",
        f"/v1/iam/signature_keys/{KEY_ID}",
        None,
        200,
        None,
        lambda c: delete_signature_key.sync(KEY_ID, client=c),
        lambda c: delete_signature_key.asyncio(KEY_ID, client=c),
        _none,
    ),
    Case(
        "enable_signature_key",
        "PATCH",
        "/v1/iam/signature_keys/enabled",
        {"key_id": str(KEY_ID)},
        200,
        KEY,
        lambda c: enable_signature_key.sync(client=c, body=ENABLE_KEY),
        lambda c: enable_signature_key.asyncio(client=c, body=ENABLE_KEY),
        _key,
    ),
    Case(
        "get_enabled_signature_key",
        "GET",
        "/v1/iam/signature_keys/enabled",
        None,
        200,
        KEY,
        lambda c: get_enabled_signature_key.sync(client=c),
        lambda c: get_enabled_signature_key.asyncio(client=c),
        _key,
    ),
    Case(
        "disable_signature_key",
        "DELETE",
        "/v1/iam/signature_keys/enabled",
        None,
        204,
        None,
        lambda c: disable_signature_key.sync(client=c),
        lambda c: disable_signature_key.asyncio(client=c),
        _none,
    ),
    Case(
        "check_numbers_authorised",
        "GET",
        "/v1/number_authorisation/is_authorised/+61491570156,+61491570158",
        None,
        200,
        {
            "uri": "/v1/number_authorisation/is_authorised/+61491570156,+61491570158",
            "numbers": [
                {"number": "+61491570156", "authorised": True},
                {"number": "+61491570158", "authorised": False},
            ],
        },
        lambda c: check_numbers_authorised.sync("+61491570156,+61491570158", client=c),
        lambda c: check_numbers_authorised.asyncio("+61491570156,+61491570158", client=c),
        _authorised,
        raw_path="/v1/number_authorisation/is_authorised/%2B61491570156%2C%2B61491570158",
    ),
    Case(
        "list_blacklist",
        "GET",
        "/v1/number_authorisation/mt/blacklist",
        None,
        200,
        {
            "uri": "/v1/number_authorisation/mt/blacklist",
            "numbers": ["+61491570156"],
            "pagination": {"page": "eyJwYWdlIjoyfQ"},
        },
        lambda c: list_blacklist.sync(client=c, token="eyJwYWdlIjoxfQ"),
        lambda c: list_blacklist.asyncio(client=c, token="eyJwYWdlIjoxfQ"),
        _blacklist,
        query={"token": "eyJwYWdlIjoxfQ"},
    ),
    Case(
        "add_to_blacklist",
        "POST",
        "/v1/number_authorisation/mt/blacklist",
        {"numbers": ["+61491570156", "+61491570158"]},
        201,
        {"uri": "/v1/number_authorisation/mt/blacklist", "numbers": ["+61491570156", "+61491570158"]},
        lambda c: add_to_blacklist.sync(client=c, body=ADD_NUMBERS),
        lambda c: add_to_blacklist.asyncio(client=c, body=ADD_NUMBERS),
        _added,
    ),
    Case(
        "remove_from_blacklist",
        "DELETE",
        "/v1/number_authorisation/mt/blacklist/+61491570156",
        None,
        200,
        "Number removed",
        lambda c: remove_from_blacklist.sync("+61491570156", client=c),
        lambda c: remove_from_blacklist.asyncio("+61491570156", client=c),
        _removed,
        raw_path="/v1/number_authorisation/mt/blacklist/%2B61491570156",
        text_answer=True,
    ),
]
ALL_CASES = CASES + NEW_CASES


def test_every_generated_endpoint_has_a_case() -> None:
    import messagemedia_messages.api as api_package

    modules = {
        info.name
        for tag in pkgutil.iter_modules(api_package.__path__)
        for info in pkgutil.iter_modules([f"{api_package.__path__[0]}/{tag.name}"])
    }
    spec = load_spec()
    operation_ids = {
        op["operationId"] for item in spec["paths"].values() for op in item.values() if "operationId" in op
    }
    assert modules == operation_ids  # one module per operation of the spec
    missing = sorted(modules - {case.name for case in ALL_CASES})
    assert not missing, f"no case for {missing}: add one to NEW_CASES in this file"
    assert {case.name for case in ALL_CASES} == modules


class Recorder:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.case.answer is None:
            return httpx.Response(self.case.status)
        if self.case.text_answer:
            return httpx.Response(self.case.status, text=self.case.answer)
        return httpx.Response(self.case.status, json=self.case.answer)

    def assert_one_request(self) -> None:
        assert len(self.requests) == 1
        request = self.requests[0]
        assert request.method == self.case.method
        assert request.url.path == self.case.path
        if self.case.raw_path is not None:
            assert request.url.raw_path.decode("ascii") == self.case.raw_path
        assert dict(request.url.params) == self.case.query
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


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.name)
def test_sync(case: Case) -> None:
    recorder = Recorder(case)
    parsed = case.call_sync(_client(recorder, asynchronous=False))
    recorder.assert_one_request()
    case.check(parsed)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.name)
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
