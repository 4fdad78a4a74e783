"""Each openapi.yaml rule is checked before sending: the error names field and message; nothing leaves."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from runtime_support import MODES, call, msg

from messagemedia_messages import Client
from messagemedia_messages._spec import GET_MESSAGE_STATUS as GET_STATUS
from messagemedia_messages._spec import SEND_MESSAGES as SEND
from messagemedia_messages.api.delivery_reports import confirm_delivery_reports_as_received
from messagemedia_messages.api.messages import cancel_scheduled_message, get_message_status, send_messages
from messagemedia_messages.api.number_authorisation import (
    add_to_blacklist,
    check_numbers_authorised,
    remove_from_blacklist,
)
from messagemedia_messages.api.replies import confirm_replies_as_received
from messagemedia_messages.api.signature_keys import get_signature_key
from messagemedia_messages.api.webhooks import create_webhook, update_webhook
from messagemedia_messages.models import (
    AddToBlacklistRequest,
    CancelScheduledMessageRequest,
    ConfirmDeliveryReportsAsReceivedRequest,
    ConfirmRepliesAsReceivedRequest,
    CreateWebhookRequest,
    Format,
    Message,
    Metadata,
    SendMessagesRequest,
    UpdateWebhookRequest,
    WebhookEncoding,
    WebhookEvent,
    WebhookHeaders,
    WebhookMethod,
)
from messagemedia_runtime.errors import RequestValidationError
from messagemedia_runtime.validation import check_request

SECRET_TEXT = "PRIVATE-CONTENT"


class Counting:
    """An httpx transport that counts requests and accepts everything."""

    def __init__(self) -> None:
        self.calls = 0

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if request.url.path == "/v1/messages" and request.method == "POST":
            messages = json.loads(request.content)["messages"]
            return httpx.Response(
                202,
                json={
                    "messages": [{**m, "message_id": str(uuid.uuid4()), "status": "queued"} for m in messages]
                },
            )
        return httpx.Response(200 if request.method == "GET" else 202, json={})

    def sync(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._answer)


@pytest.fixture
def counting() -> Counting:
    return Counting()


@pytest.fixture
def client(counting: Counting) -> Client:
    transport: Any = counting.sync()
    client = Client(base_url="http://api.test", httpx_args={"transport": transport})
    # MockTransport works for both: give the async client the same one.
    client.set_async_httpx_client(httpx.AsyncClient(base_url="http://api.test", transport=transport))
    return client


def meta(pairs: dict[str, str]) -> Metadata:
    metadata = Metadata()
    metadata.additional_properties = pairs
    return metadata


def send_with(*messages: Message) -> Callable[[Client], dict[str, Any]]:
    return lambda client: {
        "module": send_messages,
        "client": client,
        "body": SendMessagesRequest(messages=list(messages)),
    }


def webhook(**fields: Any) -> CreateWebhookRequest:
    return CreateWebhookRequest(
        **{
            "url": "https://hooks.example.com/messagemedia",
            "method": WebhookMethod.POST,
            "encoding": WebhookEncoding.JSON,
            "events": [WebhookEvent.RECEIVED_SMS],
            **fields,
        }
    )


FILLER = [msg(i) for i in range(3)]
NOT_UUID = "877c19ef-nope"

CASES: list[tuple[str, Callable[[Client], dict[str, Any]], str, int | None, str]] = [
    (
        "e164 national",
        send_with(*FILLER, Message(content="x", destination_number="0491570156")),
        "messages[3].destination_number",
        3,
        "E.164",
    ),
    (
        "e164 leading zero",
        send_with(Message(content="x", destination_number="+0491570156")),
        "messages[0].destination_number",
        0,
        "E.164",
    ),
    (
        "e164 too short (the API wants 8 to 15 digits)",
        send_with(Message(content="x", destination_number="+6")),
        "messages[0].destination_number",
        0,
        "'+' then 8 to 15 digits",
    ),
    (
        "e164 too long",
        send_with(Message(content="x", destination_number="+6149157015612345")),
        "messages[0].destination_number",
        0,
        "at most 16 characters",
    ),
    (
        "content empty",
        send_with(*FILLER, Message(content="", destination_number="+61491570003")),
        "messages[3].content",
        3,
        "must not be empty",
    ),
    (
        "content too long",
        send_with(Message(content=SECRET_TEXT * 400, destination_number="+61491570156")),
        "messages[0].content",
        0,
        "at most 5000 characters (got 6000)",
    ),
    (
        "subject too long",
        send_with(msg(0), msg(1, format_=Format.MMS, subject=SECRET_TEXT * 5)),
        "messages[1].subject",
        1,
        "at most 64 characters (got 75)",
    ),
    (
        "media without format",
        send_with(msg(0, media=["https://example.com/a.png"])),
        "messages[0].format",
        0,
        "messages[0] has media, which only MMS messages can carry: set format to 'MMS'",
    ),
    (
        "media with SMS",
        send_with(msg(0), msg(1, format_=Format.SMS, media=["https://example.com/a.png"])),
        "messages[1].format",
        1,
        "messages[1] has media, which only MMS messages can carry",
    ),
    (
        "subject without MMS",
        send_with(msg(0, subject="Hi")),
        "messages[0].format",
        0,
        "messages[0] has subject, which only MMS messages can carry",
    ),
    (
        "subject with TTS",
        send_with(msg(0, format_=Format.TTS, subject="Hi")),
        "messages[0].format",
        0,
        "has subject, which only MMS messages can carry",
    ),
    (
        "metadata 11 pairs",
        send_with(msg(0, metadata=meta({f"k{i}": "v" for i in range(11)}))),
        "messages[0].metadata",
        0,
        "at most 10 key/value pairs (got 11)",
    ),
    (
        "metadata key too long",
        send_with(msg(0), msg(1), msg(2, metadata=meta({"k" * 101: "v"}))),
        "messages[2].metadata",
        2,
        "keys must be 1 to 100 characters long (key 'kkkkkkkkkkkkkkkkkkkk…' has 101 characters)",
    ),
    (
        "metadata value too long",
        send_with(msg(0, metadata=meta({"booking": SECRET_TEXT * 18}))),
        "messages[0].metadata['booking']",
        0,
        "at most 256 characters (got 270)",
    ),
    ("no messages", send_with(), "messages", None, "at least 1 item (got 0)"),
    (
        "101 messages",
        send_with(*[msg(i) for i in range(101)]),
        "messages",
        None,
        "at most 100 items (got 101)",
    ),
    (
        "101 reply ids",
        lambda client: {
            "module": confirm_replies_as_received,
            "client": client,
            "body": ConfirmRepliesAsReceivedRequest(reply_ids=[uuid.uuid4() for _ in range(101)]),
        },
        "reply_ids",
        None,
        "at most 100 items (got 101)",
    ),
    (
        "101 delivery report ids",
        lambda client: {
            "module": confirm_delivery_reports_as_received,
            "client": client,
            "body": ConfirmDeliveryReportsAsReceivedRequest(
                delivery_report_ids=[uuid.uuid4() for _ in range(101)]
            ),
        },
        "delivery_report_ids",
        None,
        "at most 100 items (got 101)",
    ),
    (
        "get with non-uuid",
        lambda client: {"module": get_message_status, "client": client, "message_id": NOT_UUID},
        "message_id",
        None,
        f"message_id must be a UUID such as 877c19ef-fa2e-4cec-827a-e1df9b5509f7 (got '{NOT_UUID}')",
    ),
    (
        "cancel with non-uuid",
        lambda client: {
            "module": cancel_scheduled_message,
            "client": client,
            "message_id": "../../v1/messaging/credits",
            "body": CancelScheduledMessageRequest(),
        },
        "message_id",
        None,
        "must be a UUID",
    ),
    (
        "account header empty",
        lambda client: {
            "module": send_messages,
            "client": client,
            "body": SendMessagesRequest(messages=[msg(0)]),
            "account": "",
        },
        "Account",
        None,
        "account (the Account header) must not be empty",
    ),
    (
        "callback url",
        send_with(msg(0, callback_url="not a url")),
        "messages[0].callback_url",
        0,
        "must be an absolute URI",
    ),
    (
        "webhook content-type header",
        lambda client: {
            "module": create_webhook,
            "client": client,
            "body": webhook(headers=WebhookHeaders.from_dict({"X-Tenant": "42", "content-type": "text/xml"})),
        },
        "headers",
        None,
        "headers may not include 'content-type'",
    ),
    (
        "webhook not http",
        lambda client: {
            "module": create_webhook,
            "client": client,
            "body": webhook(url="ftp://hooks.example.com"),
        },
        "url",
        None,
        "url must be an http or https URL without spaces or control characters",
    ),
    (
        "webhook read timeout",
        lambda client: {"module": create_webhook, "client": client, "body": webhook(read_timeout=60001)},
        "read_timeout",
        None,
        "read_timeout must be at most 60000 (got 60001)",
    ),
    (
        "webhook update of nothing",
        lambda client: {
            "module": update_webhook,
            "client": client,
            "webhook_id": uuid.uuid4(),
            "body": UpdateWebhookRequest(),
        },
        "body",
        None,
        "the body must set at least 1 of: url, method, encoding, headers, template, events",
    ),
    (
        "webhook update with no events",
        lambda client: {
            "module": update_webhook,
            "client": client,
            "webhook_id": uuid.uuid4(),
            "body": UpdateWebhookRequest(events=[]),
        },
        "events",
        None,
        "events must have at least 1 item (got 0)",
    ),
    (
        "signature key id",
        lambda client: {"module": get_signature_key, "client": client, "key_id": "enabled"},
        "key_id",
        None,
        "key_id must be a UUID",
    ),
    (
        "numbers with a space",
        lambda client: {
            "module": check_numbers_authorised,
            "client": client,
            "numbers": "+61491570156, +61491570157",
        },
        "numbers",
        None,
        "numbers must be E.164 phone numbers ('+' then 8 to 15 digits, the first not 0) separated by commas",
    ),
    (
        "blacklist number national",
        lambda client: {"module": remove_from_blacklist, "client": client, "number": "0491570156"},
        "number",
        None,
        "number must be an E.164 phone number",
    ),
    (
        "blacklist add national",
        lambda client: {
            "module": add_to_blacklist,
            "client": client,
            "body": AddToBlacklistRequest(numbers=["+61491570156", "0491570157"]),
        },
        "numbers[1]",
        1,
        "numbers[1] must be an E.164 phone number",
    ),
    (
        "blacklist add eleven",
        lambda client: {
            "module": add_to_blacklist,
            "client": client,
            "body": AddToBlacklistRequest(numbers=[f"+6149157{n:04d}" for n in range(11)]),
        },
        "numbers",
        None,
        "numbers must have at most 10 items (got 11)",
    ),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "build", "field", "index", "text"), CASES, ids=[c[0] for c in CASES])
async def test_rule_is_checked_before_sending(
    mode: str,
    name: str,
    build: Callable[[Client], dict[str, Any]],
    field: str,
    index: int | None,
    text: str,
    client: Client,
    counting: Counting,
) -> None:
    kwargs = build(client)
    module = kwargs.pop("module")
    with pytest.raises(RequestValidationError) as caught:
        await call(mode, module, **kwargs)
    error = caught.value
    assert counting.calls == 0, "a request left the client"
    assert error.field == field
    assert error.index == index
    assert text in str(error), str(error)
    assert "nothing was sent" in str(error)
    assert (
        error.method in ("GET", "PUT", "POST", "PATCH", "DELETE")
        and error.path
        and error.path.startswith("/v1/")
    )
    assert SECRET_TEXT not in str(error)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("mode", MODES)
async def test_valid_requests_pass(mode: str, client: Client, counting: Counting) -> None:
    mms = msg(0, format_=Format.MMS, subject="s" * 64, media=["https://example.com/a.png"])
    body = SendMessagesRequest(
        messages=[mms, *[Message(content="c" * 5000, destination_number="+61491570156") for _ in range(99)]]
    )
    answer = await call(mode, send_messages, client=client, body=body)
    assert len(answer.messages) == 100
    meta10 = meta({f"{i:0>100}": "v" * 256 for i in range(10)})
    await call(
        mode, send_messages, client=client, body=SendMessagesRequest(messages=[msg(0, metadata=meta10)])
    )
    ids = [uuid.uuid4() for _ in range(100)]
    await call(
        mode, confirm_replies_as_received, client=client, body=ConfirmRepliesAsReceivedRequest(reply_ids=ids)
    )
    assert counting.calls == 3


def test_check_request_direct_use() -> None:
    check_request(GET_STATUS, path={"messageId": str(uuid.uuid4())}, headers={})
    with pytest.raises(RequestValidationError, match="the body is missing messages") as caught:
        check_request(SEND, path={}, headers={"Content-Type": "application/json"}, body={})
    assert caught.value.field == "body" and caught.value.operation == "send_messages"
    with pytest.raises(RequestValidationError, match=r"messages\[0\] is missing destination_number"):
        check_request(SEND, path={}, body={"messages": [{"content": "x"}]})
    with pytest.raises(RequestValidationError, match=r"messages\[0\].format must be one of SMS, MMS, TTS"):
        check_request(
            SEND,
            path={},
            body={"messages": [{"content": "x", "destination_number": "+61491570156", "format": "X"}]},
        )
    with pytest.raises(
        RequestValidationError, match=r"messages\[0\].scheduled must be an ISO 8601 date-time"
    ):
        check_request(
            SEND,
            path={},
            body={
                "messages": [
                    {
                        "content": "x",
                        "destination_number": "+61491570156",
                        "scheduled": "11/3/2016 11:49:02 AM",
                    }
                ]
            },
        )


@pytest.mark.parametrize(
    ("scheduled", "allowed"),
    [
        ("0000-01-01T00:00:00Z", False),  # RFC 3339's pattern reads it; the API and datetime do not
        ("0000-02-29T00:00:00Z", False),  # nor as a leap day
        ("0001-01-01T00:00:00Z", True),
        ("2028-02-29T09:30:00+10:00", True),
        ("9999-12-31T23:59:59Z", True),
    ],
)
def test_a_date_time_in_the_year_0000_is_refused_before_sending(scheduled: str, allowed: bool) -> None:
    body = {"messages": [{"content": "x", "destination_number": "+61491570156", "scheduled": scheduled}]}
    if allowed:
        check_request(SEND, path={}, body=body)
        return
    with pytest.raises(
        RequestValidationError, match=r"messages\[0\].scheduled must be an ISO 8601 date-time"
    ):
        check_request(SEND, path={}, body=body)
