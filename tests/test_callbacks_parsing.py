"""Callback bodies into typed events (issue 15, points 1 and 5): parse_event and event_id.

The events, how each is recognised and which field deduplicates it come from openapi.yaml's
``webhooks:`` (``x-event-id``, ``x-recognised-by``, ``x-recognition-order``, ``x-events``); these
tests read the same spec, so a webhook added there without a way to recognise it fails here.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from spec_tools import load_spec, resolve

import messagemedia_messages.callbacks as callbacks
from messagemedia_messages.callbacks import (
    EVENT_TYPES,
    CallbackPayloadError,
    DeliveryReportEvent,
    MessageMediaError,
    OptOutEvent,
    ReceivedMmsEvent,
    ReplyEvent,
    UnrecognisedEventError,
    event_id,
    event_name,
    parse_event,
)
from messagemedia_messages.errors import ConfigurationError
from messagemedia_messages.models import DeliveryReportStatus, EventMetadata, MmsAttachment, VendorAccountId
from messagemedia_messages.types import UNSET

MODELS = {"DeliveryReportEvent": DeliveryReportEvent, "ReplyEvent": ReplyEvent}
MODELS |= {"ReceivedMmsEvent": ReceivedMmsEvent, "OptOutEvent": OptOutEvent}
DR_ID = "011dcead-6988-4ad6-a1c7-6b6c68ea628d"


def _webhook_examples() -> list[tuple[str, str, str, dict[str, Any]]]:
    found = []
    for name, path_item in load_spec()["webhooks"].items():
        for media_type, media in path_item["post"]["requestBody"]["content"].items():
            model = media["schema"]["$ref"].rsplit("/", 1)[-1]
            for example_name, example in media["examples"].items():
                found.append((f"{name}/{media_type}/{example_name}", media_type, model, example["value"]))
    return found


EXAMPLES = _webhook_examples()


def _encode(media_type: str, value: dict[str, Any]) -> bytes:
    if media_type == "application/json":
        return json.dumps(value).encode()
    return urlencode(value).encode()


def test_every_webhook_of_the_spec_is_an_event_type_in_recognition_order() -> None:
    webhooks = load_spec()["webhooks"]
    ordered = sorted(webhooks, key=lambda name: webhooks[name]["post"]["x-recognition-order"])
    assert [t.name for t in EVENT_TYPES] == ordered
    for event_type in EVENT_TYPES:
        operation = webhooks[event_type.name]["post"]
        schema_name = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert event_type.model is MODELS[schema_name.rsplit("/", 1)[-1]]
        assert event_type.id_field == operation["x-event-id"]
        assert list(event_type.recognised_by) == operation["x-recognised-by"]
        assert list(event_type.events) == operation["x-events"]
        assert event_type.id_field in resolve({"$ref": schema_name})["required"]


@pytest.mark.parametrize(("where", "media_type", "model", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_every_example_of_the_spec_parses_into_its_model(
    where: str, media_type: str, model: str, value: dict[str, Any]
) -> None:
    webhook = where.split("/", 1)[0]
    recognised_by = load_spec()["webhooks"][webhook]["post"]["x-recognised-by"]
    body = _encode(media_type, value)
    if any(field in value for field in recognised_by):
        event = parse_event(body, media_type)
    else:  # an MMS without media looks like an SMS: a URL for RECEIVED_MMS only says so
        assert isinstance(parse_event(body, media_type), ReplyEvent)
        event = parse_event(body, media_type, event_type=webhook)
    assert type(event) is MODELS[model]
    assert event.missing_fields == [] and event.unreadable_fields == []
    expected = {key: (str(v) if media_type != "application/json" else v) for key, v in value.items()}
    assert event.to_dict() == expected
    assert event_id(event) == value[load_spec()["webhooks"][webhook]["post"]["x-event-id"]]
    assert event_name(event) == webhook


def test_a_delivery_report_reads_into_typed_fields() -> None:
    body = json.dumps(
        {
            "delivery_report_id": DR_ID,
            "status": "delivered",
            "delay": "0",
            "metadata": {"booking": "A-1042"},
            "vendor_account_id": {"vendor_id": "SinchEU", "account_id": "MyAccount"},
        }
    )
    event = parse_event(body, "application/json; charset=utf-8")
    assert isinstance(event, DeliveryReportEvent)
    assert event.status is DeliveryReportStatus.DELIVERED
    assert event.delay == "0"
    assert isinstance(event.metadata, EventMetadata) and event.metadata["booking"] == "A-1042"
    assert isinstance(event.vendor_account_id, VendorAccountId)
    assert event.vendor_account_id.vendor_id == "SinchEU"


def test_unknown_fields_are_kept_and_absent_ones_unset() -> None:
    event = parse_event(b'{"reply_id": "r-1", "sentiment": "happy", "status": "beamed"}', "application/json")
    assert isinstance(event, ReplyEvent)
    assert event["sentiment"] == "happy" and event["status"] == "beamed"
    assert event.content is UNSET and event.message_id is UNSET
    report = parse_event(b'{"delivery_report_id": "d-1", "status": "beamed", "error_code": 220}', None)
    assert isinstance(report, DeliveryReportEvent)
    assert report.status == "beamed" and report.status.is_known is False  # an open enum
    assert report.unreadable_fields == ["error_code"] and report["error_code"] == 220


def test_each_event_is_recognised_by_its_fields() -> None:
    assert isinstance(parse_event('{"delivery_report_id": "d"}'), DeliveryReportEvent)
    assert isinstance(parse_event('{"reply_id": "r"}'), ReplyEvent)
    assert isinstance(parse_event('{"reply_id": "r", "attachments": []}'), ReceivedMmsEvent)
    assert isinstance(parse_event('{"notification_id": "n"}'), OptOutEvent)
    # An opt-out template that names $replyId gets the name back literally: still an opt-out.
    assert isinstance(parse_event('{"notification_id": "n", "reply_id": "$replyId"}'), OptOutEvent)


def test_event_id_is_the_field_to_deduplicate_by() -> None:
    assert event_id(parse_event(f'{{"delivery_report_id": "{DR_ID}"}}')) == DR_ID
    assert event_id(parse_event('{"reply_id": "r-1", "content": "Yes"}')) == "r-1"
    assert event_id(parse_event('{"reply_id": "m-1", "attachments": []}')) == "m-1"
    assert event_id(parse_event('{"notification_id": "n-1"}')) == "n-1"
    assert event_id(parse_event('{"attachments": []}')) is None  # recognised, but no ID came
    with pytest.raises(TypeError):
        event_id(object())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("received_mms", ReceivedMmsEvent),
        ("RECEIVED_MMS", ReceivedMmsEvent),
        ("delivered_dr", DeliveryReportEvent),
        ("OPT_OUT_SMS", OptOutEvent),
        (ReplyEvent, ReplyEvent),
    ],
)
def test_event_type_names_the_event(name: str | type[Any], model: type[Any]) -> None:
    event = parse_event('{"content": "Photo to follow", "id": "x"}', "application/json", event_type=name)
    assert type(event) is model
    assert event["id"] == "x"


def test_an_unknown_event_type_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="RECEIVED_SMS"):
        parse_event("{}", event_type="RECEIVED_FAX")


# --------------------------------------------------------------------------- form bodies


def test_a_form_body_with_nested_fields_in_brackets() -> None:
    body = (
        "reply_id=a175e797&content=Yes%2C+see+you+then&metadata%5Bbooking%5D=A-1042&metadata%5Bref%5D=7"
        "&vendor_account_id[vendor_id]=SinchEU&vendor_account_id[account_id]=MyAccount"
    )
    event = parse_event(body.encode(), "application/x-www-form-urlencoded")
    assert isinstance(event, ReplyEvent)
    assert event.content == "Yes, see you then"
    assert isinstance(event.metadata, EventMetadata) and event.metadata.to_dict() == {
        "booking": "A-1042",
        "ref": "7",
    }
    assert (
        isinstance(event.vendor_account_id, VendorAccountId)
        and event.vendor_account_id.account_id == "MyAccount"
    )


def test_a_form_body_with_nested_fields_as_json_text() -> None:
    body = urlencode(
        {
            "reply_id": "m-1",
            "metadata": json.dumps({"booking": "A-1042"}),
            "attachments": json.dumps(
                [{"content_type": "image/png", "content": "iVBO", "original_name": "a.png"}]
            ),
        }
    )
    event = parse_event(body, "application/x-www-form-urlencoded")
    assert isinstance(event, ReceivedMmsEvent)
    assert isinstance(event.metadata, EventMetadata) and event.metadata["booking"] == "A-1042"
    assert [a.original_name for a in event.attachments] == ["a.png"]


def test_a_form_body_with_attachments_in_brackets_and_repeated() -> None:
    indexed = (
        "reply_id=m-1&attachments[1][original_name]=b.png&attachments[0][original_name]=a.png"
        "&attachments[0][content_type]=image/png"
    )
    event = parse_event(indexed, "application/x-www-form-urlencoded")
    assert isinstance(event, ReceivedMmsEvent)
    assert [a.original_name for a in event.attachments] == ["a.png", "b.png"]
    assert all(isinstance(a, MmsAttachment) for a in event.attachments)
    repeated = urlencode(
        [
            ("reply_id", "m-2"),
            ("attachments", '{"original_name": "a.png"}'),
            ("attachments", '{"original_name": "b.png"}'),
        ]
    )
    event = parse_event(repeated, "application/x-www-form-urlencoded")
    assert isinstance(event, ReceivedMmsEvent)
    assert [a.original_name for a in event.attachments] == ["a.png", "b.png"]


def test_a_form_field_that_is_not_json_is_kept_as_sent() -> None:
    # A Velocity template that writes $metadata gets Java's Map text, which is no JSON.
    event = parse_event("reply_id=r&metadata=%7Bbooking%3DA-1042%7D", "application/x-www-form-urlencoded")
    assert isinstance(event, ReplyEvent)
    assert event.metadata is UNSET and event["metadata"] == "{booking=A-1042}"
    assert event.unreadable_fields == ["metadata"]


def test_a_body_without_a_content_type_is_recognised_by_its_first_character() -> None:
    assert isinstance(parse_event(b'  {"reply_id": "r"}'), ReplyEvent)
    assert isinstance(parse_event(b"delivery_report_id=d&status=failed", "text/plain"), DeliveryReportEvent)


def test_a_get_webhook_carries_its_fields_in_the_query() -> None:
    event = parse_event(b"", None, query="reply_id=r-9&content=STOP")
    assert isinstance(event, ReplyEvent) and event.content == "STOP"


def test_form_charset_is_honoured() -> None:
    body = b"reply_id=r&content=Gr%FC%DFe"
    event = parse_event(body, "application/x-www-form-urlencoded; charset=ISO-8859-1")
    assert isinstance(event, ReplyEvent) and event.content == "Grüße"
    with pytest.raises(CallbackPayloadError):
        parse_event(body, "application/x-www-form-urlencoded")  # %FC is no UTF-8


# --------------------------------------------------------------------------- bodies that cannot be read


@pytest.mark.parametrize(
    ("body", "content_type", "says"),
    [
        (b'{"reply_id": ', "application/json", "not valid JSON"),
        (b'["reply_id"]', "application/json", "not an object"),
        (b'"text"', "application/json", "not an object"),
        (b"\xff\xfe\xfa", "application/json", "not valid JSON"),
        (b"\xff\xfe\xfa=1", None, "cannot be read"),
        (b"<reply><id>1</id></reply>", "application/xml", "XML"),
        (b"<reply><id>1</id></reply>", None, "XML"),
        (b"", "application/x-www-form-urlencoded", "empty"),
        (b"just words", None, "neither JSON nor form"),
        (b"--x\r\n", "multipart/form-data; boundary=x", "multipart"),
    ],
)
def test_a_body_that_cannot_be_read_raises_a_payload_error(
    body: bytes, content_type: str | None, says: str
) -> None:
    with pytest.raises(CallbackPayloadError, match=says) as raised:
        parse_event(body, content_type)
    assert isinstance(raised.value, MessageMediaError) and isinstance(raised.value, ValueError)


def test_a_body_with_no_field_that_tells_its_event() -> None:
    with pytest.raises(UnrecognisedEventError) as raised:
        parse_event(b'{"id": "1", "content": "secret words"}', "application/json")
    assert raised.value.fields == ["content", "id"]
    assert "secret words" not in str(raised.value)
    assert "event_type" in str(raised.value)


def test_a_mapping_is_parsed_as_it_is() -> None:
    event = parse_event({"notification_id": "n", "content": "STOP"})
    assert isinstance(event, OptOutEvent) and event.content == "STOP"


def test_the_module_exports_what_it_lists() -> None:
    for name in callbacks.__all__:
        assert getattr(callbacks, name) is not None
