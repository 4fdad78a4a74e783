"""Answers are read leniently and models never raise in to_dict (issue 11, point 3).

For every model an answer can contain, built from openapi.yaml's response schemas:
- each required field removed in turn still parses, the model says which field is missing, and
  ``to_dict()`` gives back exactly what came in;
- each field given a value of the wrong type in turn still parses, the raw value stays readable
  (``model["name"]``), the model says which field it could not read, and ``to_dict()`` gives back
  exactly what came in.
Then the cases behind the issue: a polled reply without ``content`` no longer sinks the page (nor a
drain), statuses the API no longer lists still parse, date-times in other spellings, and a request
built with wrongly typed fields is refused by the request validation, naming the field, before any
request is made.
"""

from __future__ import annotations

import ast
import copy
import datetime
import json
import pickle
import re
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from contract_helpers import inline
from spec_tools import load_spec, validator_for

import messagemedia_messages.models as models
from messagemedia_messages import create_client
from messagemedia_messages.api.messages import MessagesResource, send_messages
from messagemedia_messages.api.replies import RepliesResource, check_replies
from messagemedia_messages.errors import RequestValidationError
from messagemedia_messages.models import (
    CheckRepliesResponse,
    DeliveryReport,
    DeliveryReportStatus,
    Format,
    Message,
    MessageStatus,
    Metadata,
    Reply,
    SendMessagesRequest,
    SentMessage,
)
from messagemedia_messages.types import UNSET, Unset
from messagemedia_runtime.retry import RetryPolicy

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = "#/components/schemas/"
UUID_TEXT = "877c19ef-fa2e-4cec-827a-e1df9b5509f7"
DATE_TIME = "2026-11-25T12:05:00Z"
DEST = "+61491570156"
UTC = datetime.UTC


# --------------------------------------------------------------------------------------------------
# A complete answer for each response schema, made from the spec.


def _response_models() -> list[str]:
    names: set[str] = set()
    for path_item in load_spec()["paths"].values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for declared in operation["responses"].values():
                response = declared
                if "$ref" in declared:
                    response = load_spec()["components"]["responses"][declared["$ref"].rsplit("/", 1)[1]]
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if schema is not None:
                    names.add(schema["$ref"].removeprefix(SCHEMAS))
    return sorted(names)


RESPONSE_MODELS = _response_models()


def _schema(node: dict[str, Any]) -> dict[str, Any]:
    """One schema's keywords with its allOf branches folded in (required lists joined)."""
    combined = {key: value for key, value in node.items() if key != "allOf"}
    for branch in node.get("allOf", []):
        if "if" in branch:
            continue
        folded = _schema(branch)
        for key, value in folded.items():
            if key == "properties":
                combined[key] = {**combined.get(key, {}), **value}
            elif key == "required":
                combined[key] = [*combined.get(key, []), *value]
            else:
                combined.setdefault(key, value)
    return combined


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """The branch of an ``anyOf``/``oneOf`` (or a type list) that is not null."""
    for key in ("anyOf", "oneOf"):
        if key in schema:
            branches = [b for b in schema[key] if _schema(b).get("type") != "null"]
            rest = {k: v for k, v in schema.items() if k != key}
            return {**rest, **_schema(branches[0])}
    kind = schema.get("type")
    if isinstance(kind, list):
        return {**schema, "type": next(k for k in kind if k != "null")}
    return schema


_STRINGS = (
    "+61491570156",
    "https://hooks.example.com/messagemedia",
    UUID_TEXT,
    "SHA256",
    "text",
)


def full_value(schema: dict[str, Any]) -> Any:
    """A valid value of ``schema`` with every property present."""
    schema = _not_null(_schema(schema))
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if _is_object(schema):
        value = {name: full_value(sub) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties")
        if not value and isinstance(extra, dict):
            value = {"booking": full_value(extra)}
        if "media" in value and "format" in value:
            value["format"] = "MMS"  # the spec's rule: media and subject only with MMS
        return value
    if kind == "array":
        return [full_value(schema["items"])]
    if kind == "boolean":
        return True
    if kind == "integer":
        return 3
    if kind == "number":
        return 2.5
    by_format = {"uuid": UUID_TEXT, "date-time": DATE_TIME, "uri": "https://hooks.example.com/messagemedia"}
    if schema.get("format") in by_format:
        return by_format[schema["format"]]
    pattern = schema.get("pattern")
    return next((text for text in _STRINGS if pattern is None or re.search(pattern, text)), "text")


def _nullable(schema: dict[str, Any]) -> bool:
    branches = schema.get("anyOf", schema.get("oneOf", []))
    kind = schema.get("type")
    return any(_schema(b).get("type") == "null" for b in branches) or (
        isinstance(kind, list) and "null" in kind
    )


def wrong_values(schema: dict[str, Any]) -> list[Any]:
    """Values of another JSON type than ``schema``'s, or of its type but unreadable as its format."""
    schema = _schema(schema)
    if _nullable(schema):  # null is a right value there; the rest is judged as the other branch
        return [v for v in wrong_values(_not_null(schema)) if v is not None]
    if _is_object(schema):
        return ["not an object", ["not", "an", "object"]]
    kind = schema.get("type")
    if kind == "array":
        # A list with an item of the wrong kind is not read as the list of the spec: it is kept whole.
        return ["not a list", ["not an object"] if _is_object(_schema(schema["items"])) else [{"wrong": 1}]]
    if kind == "boolean":
        return ["yes", 1]
    if kind in ("integer", "number"):
        return ["7", True, None]
    if "enum" in schema or "const" in schema:
        return [42, ["a"]]
    fmt = schema.get("format")
    if fmt == "uuid":
        return ["not-a-uuid", 12345]
    if fmt == "date-time":
        return ["not a date", "11/3/2016", 20261125]
    return [12345, None, {"nested": True}]


def walk(
    schema: dict[str, Any], value: Any, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """(path, schema) of every object property in ``value``, depth first."""
    schema = _schema(schema)
    if isinstance(value, dict) and _is_object(schema):
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                yield (*path, name), sub
                yield from walk(sub, value[name], (*path, name))
    elif isinstance(value, list) and schema.get("type") == "array":
        for index, item in enumerate(value):
            yield from walk(schema["items"], item, (*path, index))


def schema_at(schema: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    for part in path:
        schema = _schema(schema)
        schema = schema["items"] if isinstance(part, int) else schema["properties"][part]
    return _schema(schema)


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    copied = copy.deepcopy(value)
    target = copied
    for part in path[:-1]:
        target = target[part]
    if new is _REMOVE:
        del target[path[-1]]
    else:
        target[path[-1]] = new
    return copied


_REMOVE = object()


def attribute(model: Any, json_name: str) -> Any:
    # openapi-python-client writes names in snake case (pageData -> page_data) and appends _ to
    # those that shadow builtins or keywords (format -> format_).
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", json_name).lower()
    return getattr(model, name if hasattr(type(model), name) else name + "_")


def model_at(parsed: Any, path: tuple[Any, ...]) -> Any:
    """The model object that holds the field at ``path``."""
    target = parsed
    for part in path[:-1]:
        target = target[part] if isinstance(part, int) else attribute(target, part)
    return target


def cases(kind: str) -> list[Any]:
    params = []
    for name in RESPONSE_MODELS:
        schema = inline({"$ref": SCHEMAS + name})
        value = full_value(schema)
        assert not list(validator_for(schema).iter_errors(value)), f"{name}: the full value is invalid"
        for path, sub in walk(schema, value):
            parent = schema_at(schema, path[:-1])
            if kind == "required" and path[-1] in parent.get("required", []):
                params.append(pytest.param(name, value, path, id=f"{name}:{'.'.join(map(str, path))}"))
            if kind == "wrong":
                for index, wrong in enumerate(wrong_values(sub)):
                    where = ".".join(map(str, path))
                    params.append(pytest.param(name, value, path, wrong, id=f"{name}:{where}:{index}"))
    return params


def test_every_response_model_is_covered() -> None:
    assert set(RESPONSE_MODELS) >= {
        "SendMessagesResponse",
        "SentMessage",
        "CheckRepliesResponse",
        "CheckDeliveryReportsResponse",
        "CheckCreditsRemainingResponse",
        "InvalidRequestResponse",
        "ErrorResponse",
    }
    assert len(cases("required")) >= 20 and len(cases("wrong")) >= 100


def parse(model_name: str, data: Any) -> Any:
    """The answer as the client reads it: a model, or a list of models for an array schema."""
    schema = _schema(inline({"$ref": SCHEMAS + model_name}))
    if schema.get("type") == "array":
        item_model = getattr(
            models, load_spec()["components"]["schemas"][model_name]["items"]["$ref"].rsplit("/", 1)[1]
        )
        return [item_model.from_dict(item) for item in data]
    return getattr(models, model_name).from_dict(data)


def as_json(parsed: Any) -> Any:
    return [item.to_dict() for item in parsed] if isinstance(parsed, list) else parsed.to_dict()


@pytest.mark.parametrize(("model_name", "value", "path"), cases("required"))
def test_each_required_field_removed_still_parses(model_name: str, value: Any, path: tuple[Any, ...]) -> None:
    data = replaced(value, path, _REMOVE)
    parsed = parse(model_name, data)
    assert as_json(parsed) == data
    holder = model_at(parsed, path)
    assert attribute(holder, path[-1]) is UNSET
    assert holder.missing_fields == [path[-1]]
    assert holder.unreadable_fields == []


def is_object(value: Any) -> bool:
    return isinstance(value, dict)


@pytest.mark.parametrize(("model_name", "value", "path", "wrong"), cases("wrong"))
def test_each_wrongly_typed_field_still_parses_and_round_trips(
    model_name: str, value: Any, path: tuple[Any, ...], wrong: Any
) -> None:
    data = replaced(value, path, wrong)
    parsed = parse(model_name, data)
    # Compared as JSON text, so that True and 1 (equal in Python) are told apart.
    assert json.dumps(as_json(parsed), sort_keys=True) == json.dumps(data, sort_keys=True)
    holder = model_at(parsed, path)
    read = attribute(holder, path[-1])
    # A list of objects whose items are not objects reads as empty; any other wrong value as UNSET.
    assert read is UNSET or (isinstance(wrong, list) and read == [] and not any(map(is_object, wrong)))
    assert holder[path[-1]] == wrong  # the raw value stays readable
    assert holder.unreadable_fields == [path[-1]]
    assert holder.missing_fields == []
    # Everything else of the item was read.
    untouched = parse(model_name, value)
    assert model_at(untouched, path).unreadable_fields == []


def test_metadata_values_of_another_type_are_kept() -> None:
    # Metadata is an open map of strings: a value of another type stays as it came.
    message = SentMessage.from_dict(
        {"message_id": UUID_TEXT, "status": "queued", "content": "x", "destination_number": "+61491570156",
         "metadata": {"count": 3, "ok": "yes"}}
    )  # fmt: skip
    assert isinstance(message.metadata, Metadata)
    kept: Any = message.metadata.additional_properties
    assert kept["count"] == 3
    assert message.to_dict()["metadata"] == {"count": 3, "ok": "yes"}


# --------------------------------------------------------------------------------------------------
# The cases behind the issue.

REPLY = {
    "reply_id": "a175e797-2b54-468b-9850-41a3eab32f74",
    "message_id": UUID_TEXT,
    "content": "Yes, see you then",
    "source_number": "+61491570156",
    "date_received": DATE_TIME,
}


def _mock_client(handler: Any) -> Any:
    return create_client(
        "KEY",
        "SECRET",
        base_url="https://api.messagemedia.com",
        retry=RetryPolicy(max_retries=0),
        transport=httpx.MockTransport(handler),
    )


def test_a_polled_reply_without_content_does_not_sink_the_page() -> None:
    mms_reply: dict[str, Any] = {key: value for key, value in REPLY.items() if key != "content"}
    mms_reply["reply_id"] = "011dcead-6988-4ad6-a1c7-6b6c68ea628d"
    mms_reply["attachments"] = [{"content_type": "image/png", "content": "iVBORw0KGgo="}]
    page = {"replies": [REPLY, mms_reply, {**REPLY, "reply_id": "3487b3fa-6586-4979-a233-2d1b095c7718"}]}
    with _mock_client(lambda _request: httpx.Response(200, json=page)) as client:
        replies = check_replies.sync(client=client).replies
    assert [str(reply.reply_id) for reply in replies] == [r["reply_id"] for r in page["replies"]]
    assert replies[1].content is UNSET and replies[1]["attachments"] == mms_reply["attachments"]
    assert replies[1].missing_fields == [] and replies[0].content == "Yes, see you then"
    assert CheckRepliesResponse.from_dict(page).to_dict() == page


def test_an_item_that_is_not_an_object_hides_none_of_the_others() -> None:
    second = {**REPLY, "reply_id": "3487b3fa-6586-4979-a233-2d1b095c7718"}
    page: dict[str, Any] = {"replies": [None, REPLY, "odd", second, 7]}
    parsed = CheckRepliesResponse.from_dict(page)
    assert [str(reply.reply_id) for reply in parsed.replies] == [REPLY["reply_id"], second["reply_id"]]
    assert parsed.unreadable_fields == ["replies"] and parsed["replies"] == page["replies"]
    assert parsed.to_dict() == page  # what came in, odd items included
    assert CheckRepliesResponse.from_dict({"replies": [REPLY]}).unreadable_fields == []
    # Once the caller changes the list, the list is what goes out, not the raw one it replaced.
    edited = CheckRepliesResponse.from_dict(page)
    edited.replies = edited.replies[1:]
    assert edited.to_dict()["replies"] == [second]

    confirmed: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json=page if not confirmed else {"replies": [None]})
        confirmed.extend(json.loads(request.content)["reply_ids"])
        return httpx.Response(202)

    handled: list[Reply] = []
    with _mock_client(handler) as client:
        summary = RepliesResource(client).drain(handled.append)
    # The readable replies are handled and confirmed; the odd items carry no ID to confirm.
    assert [str(reply.reply_id) for reply in handled] == [REPLY["reply_id"], second["reply_id"]]
    assert sorted(confirmed) == sorted([REPLY["reply_id"], second["reply_id"]]) and summary.processed == 2


def test_a_batch_answer_with_an_odd_item_keeps_the_accepted_ids() -> None:
    messages = [Message(content=f"Hi {n}", destination_number=DEST) for n in range(3)]

    def answer(request: httpx.Request) -> httpx.Response:
        sent = json.loads(request.content)["messages"]
        accepted = [{**m, "message_id": str(uuid.uuid4()), "status": "queued"} for m in sent]
        return httpx.Response(202, json={"messages": [accepted[0], None, *accepted[1:]]})

    with _mock_client(answer) as client:
        result = MessagesResource(client).send_many(messages)
    # Four items for three sent cannot be matched to the input; the three IDs are kept, not lost.
    (failure,) = result.failures
    assert failure.indices == (0, 1, 2) and "answered 3 items for 3 sent" not in str(failure.error)
    assert [m.content for m in failure.accepted] == ["Hi 0", "Hi 1", "Hi 2"]
    assert all(m.message_id for m in failure.accepted)


def test_a_drain_handles_and_confirms_a_reply_without_content() -> None:
    mms_reply = {key: value for key, value in REPLY.items() if key != "content"}
    confirmed: list[Any] = []
    pending = [mms_reply]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json={"replies": list(pending)})
        ids = json.loads(request.content)["reply_ids"]
        confirmed.extend(ids)
        pending.clear()
        return httpx.Response(202)

    handled: list[Reply] = []
    with _mock_client(handler) as client:
        summary = RepliesResource(client).drain(handled.append)
    assert summary.processed == 1 and not summary.failed
    assert handled[0].content is UNSET and confirmed == [REPLY["reply_id"]]


def test_a_page_without_its_list_is_empty_to_loops_and_to_the_runtime() -> None:
    def short(request: httpx.Request) -> httpx.Response:
        return httpx.Response(202 if request.method == "POST" else 200, json={"note": "no list"})

    with _mock_client(short) as client:
        page = check_replies.sync(client=client)
        assert isinstance(page.replies, Unset) and list(page.replies) == [] and len(page.replies) == 0
        assert page["note"] == "no list" and page.missing_fields == ["replies"]
        assert RepliesResource(client).drain(lambda reply: None).processed == 0
        messages = [Message(content="Hi", destination_number=DEST)]
        result = MessagesResource(client).send_many(messages)
    # The send may have happened: it is a failed batch that says so, not an exception from a loop.
    (failure,) = result.failures
    assert "answered 0 items for 1 sent" in str(failure.error)


def test_statuses_the_api_no_longer_lists_still_parse() -> None:
    old = MessageStatus("undeliverable")
    assert old.value == "undeliverable" and not old.is_known
    assert "undeliverable" not in {status.value for status in MessageStatus}
    assert "undeliverable" not in {status.value for status in DeliveryReportStatus}
    report = {
        "delivery_report_id": "011dcead-6988-4ad6-a1c7-6b6c68ea628d",
        "message_id": UUID_TEXT,
        "status": "undeliverable",
        "date_received": DATE_TIME,
        "error_code": "400",
    }
    parsed = DeliveryReport.from_dict(report)
    assert parsed.status.value == "undeliverable" and not parsed.status.is_known
    assert parsed.unreadable_fields == [] and parsed.to_dict() == report
    sent = SentMessage.from_dict(
        {
            "message_id": UUID_TEXT,
            "status": "undeliverable",
            "content": "x",
            "destination_number": "+61491570156",
        }
    )
    assert sent.status == "undeliverable" and sent.to_dict()["status"] == "undeliverable"


@pytest.mark.parametrize(
    "status", ["undefined", "queued", "processing", "processed", "failed", "scheduled", "cancelled",
               "delivered", "expired", "enroute", "held", "submitted", "rejected", "read"],
)  # fmt: skip
def test_every_status_the_api_sends_is_known(status: str) -> None:
    assert MessageStatus(status).is_known


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-25T12:05:00Z", datetime.datetime(2026, 11, 25, 12, 5, tzinfo=datetime.UTC)),
        (
            "2026-11-25t12:05:00.5+10:00",
            datetime.datetime(2026, 11, 25, 2, 5, 0, 500000, tzinfo=datetime.UTC),
        ),
        ("2026-11-25T12:05:00", datetime.datetime(2026, 11, 25, 12, 5, tzinfo=datetime.UTC)),
        ("11/3/2016 11:49:02 AM", datetime.datetime(2016, 11, 3, 11, 49, 2, tzinfo=datetime.UTC)),
        ("11/3/2016 1:49 PM", datetime.datetime(2016, 11, 3, 13, 49, tzinfo=datetime.UTC)),
        ("Thu, 3 Nov 2016 11:49:02 GMT", datetime.datetime(2016, 11, 3, 11, 49, 2, tzinfo=datetime.UTC)),
    ],
)
def test_date_times_are_read_leniently(text: str, expected: datetime.datetime) -> None:
    reply = Reply.from_dict({**REPLY, "date_received": text})
    assert reply.date_received == expected and reply.date_received.utcoffset() is not None
    assert reply.unreadable_fields == []


@pytest.mark.parametrize(
    "text",
    [
        "not a date",
        "11/3/2016",
        "11:49 AM",
        "2016",
        "31/31/2016 10:00",
        "",
        # Offsets of a day or more: dateutil keeps them, and such a datetime raises when used.
        "2016-11-03 11:49:02 +25:00",
        "2016-11-03 11:49:02 +2500",
        "11/3/2016 11:49:02 AM +99:00",
    ],
)
def test_a_date_time_that_cannot_be_read_is_kept_as_text(text: str) -> None:
    reply = Reply.from_dict({**REPLY, "date_received": text})
    # Typed as present (the spec requires it), so typed code asks unreadable_fields, not `is UNSET`.
    assert isinstance(reply.date_received, Unset) and reply["date_received"] == text
    assert reply.unreadable_fields == ["date_received"]
    assert reply.to_dict()["date_received"] == text


def test_dateutil_is_imported_only_for_an_odd_date_time() -> None:
    script = textwrap.dedent(
        """
        import sys
        from messagemedia_messages.models import CheckRepliesResponse
        reply = {"reply_id": "a175e797-2b54-468b-9850-41a3eab32f74", "source_number": "+61491570156",
                 "date_received": "2026-11-25T12:05:00Z"}
        CheckRepliesResponse.from_dict({"replies": [reply]})
        before = "dateutil" in sys.modules
        CheckRepliesResponse.from_dict({"replies": [dict(reply, date_received="11/3/2016 11:49:02 AM")]})
        print(before, "dateutil" in sys.modules)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


# --------------------------------------------------------------------------------------------------
# Requests: to_dict never raises, so validation names the wrongly typed field.


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"scheduled": "tomorrow"}, "messages[0].scheduled"),
        ({"content": 5}, "messages[0].content"),
        ({"destination_number": None}, "messages[0].destination_number"),
        ({"format_": 5}, "messages[0].format"),
        ({"metadata": "a note"}, "messages[0].metadata"),
        ({"message_expiry_timestamp": 1764072300}, "messages[0].message_expiry_timestamp"),
        ({"media": "https://images.example.com/a.png", "format_": "MMS"}, "messages[0].media"),
        ({"delivery_report": "yes"}, "messages[0].delivery_report"),
    ],
)
def test_wrongly_typed_request_fields_are_named_before_any_request(
    fields: dict[str, Any], field: str
) -> None:
    def no_request(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"a request was made: {request.method} {request.url}")

    values: dict[str, Any] = {"content": "Hi", "destination_number": "+61491570156", **fields}
    message = Message(**values)
    with _mock_client(no_request) as client, pytest.raises(RequestValidationError) as caught:
        send_messages.sync(client=client, body=SendMessagesRequest(messages=[message]))
    assert caught.value.field == field


def test_a_message_that_is_not_a_model_is_named_too() -> None:
    def no_request(request: httpx.Request) -> httpx.Response:
        raise AssertionError("a request was made")

    body = SendMessagesRequest(messages=[Message(content="Hi", destination_number="+61491570156"), "Hi"])  # type: ignore[list-item]
    with _mock_client(no_request) as client, pytest.raises(RequestValidationError) as caught:
        send_messages.sync(client=client, body=body)
    assert caught.value.field == "messages[1]"


# --------------------------------------------------------------------------------------------------
# Models that read well (issue 10, point 6).


def test_enum_fields_take_their_string_values() -> None:
    mms = Message(content="Hi", destination_number="+61491570156", format_="MMS")
    assert mms.format_ is Format.MMS
    beamed = Message(content="Hi", destination_number="+61491570156", status="beamed")
    assert isinstance(beamed.status, MessageStatus) and not beamed.status.is_known
    sent = SentMessage(
        content="Hi", destination_number="+61491570156", message_id=UUID(UUID_TEXT), status="queued"
    )
    assert sent.status is MessageStatus.QUEUED and sent.to_dict()["status"] == "queued"


def test_repr_leaves_out_unset_fields() -> None:
    message = Message(content="Hi", destination_number="+61491570156", format_="MMS")
    expected = (
        f"content='Hi', destination_number='{DEST}', format_=<Format.MMS: 'MMS'>, delivery_report=False"
    )
    assert repr(message) == f"Message({expected})"
    reply = Reply.from_dict({**REPLY, "content": 7, "zz_new": 1})
    fields, _, extra = repr(reply).partition("additional_properties=")
    assert fields.startswith("Reply(reply_id=UUID(") and "content=" not in fields
    assert ast.literal_eval(extra.removesuffix(")")) == {"content": 7, "zz_new": 1}
    assert repr(UNSET) == "UNSET" and str(UNSET) == "UNSET"


def test_unset_is_one_object_through_copy_and_pickle() -> None:
    assert Unset() is UNSET
    assert copy.copy(UNSET) is UNSET and copy.deepcopy(UNSET) is UNSET
    assert pickle.loads(pickle.dumps(UNSET)) is UNSET
    reply = Reply.from_dict({key: value for key, value in REPLY.items() if key != "content"})
    for clone in (copy.deepcopy(reply), pickle.loads(pickle.dumps(reply))):
        assert clone.content is UNSET and clone.to_dict() == reply.to_dict()


def test_the_string_form_of_enum_fields_passes_mypy_strict(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(
        textwrap.dedent(
            """
            from messagemedia_messages.models import Format, Message, SentMessage

            mms = Message(content="Hi", destination_number="+61491570156", format_="MMS")
            also = Message(content="Hi", destination_number="+61491570156", format_=Format.SMS)
            fmt: Format | None = mms.format_ if isinstance(mms.format_, Format) else None
            status_name: str = SentMessage.from_dict({}).status.value
            """
        )
    )
    bad = tmp_path / "bad.py"
    bad.write_text(
        textwrap.dedent(
            """
            from messagemedia_messages.models import Message

            Message(content="Hi", destination_number="+61491570156", format_=5)
            """
        )
    )
    command = [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml")]
    passed = subprocess.run([*command, str(good)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = subprocess.run([*command, str(bad)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert failed.returncode == 1 and 'argument "format_"' in failed.stdout.lower(), failed.stdout
