"""Drift: when openapi.yaml and the committed generated client disagree, the contract suite says where.

Each case edits a copy of the spec in memory the way a spec change without ``make generate`` would,
then captures the request the committed client builds and asserts that the request checker names
the operation and the field. The same request against the unedited spec has no violation, so
restoring the spec makes the suite pass again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from contract_helpers import (
    API_KEY,
    API_SECRET,
    BASE_URL,
    CALLS,
    Call,
    Recorder,
    RequestContract,
)
from spec_tools import load_spec

from messagemedia_messages import create_client
from messagemedia_runtime.retry import RetryPolicy

pytestmark = pytest.mark.contract

Spec = dict[str, Any]


def _schema(spec: Spec, name: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


def rename_property(schema_name: str, old: str, new: str) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        schema = _schema(spec, schema_name)
        schema["properties"] = {
            (new if key == old else key): value for key, value in schema["properties"].items()
        }
        schema["required"] = [new if key == old else key for key in schema.get("required", [])]

    return edit


def require_new_property(schema_name: str, new: str) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        schema = _schema(spec, schema_name)
        schema["properties"][new] = {"type": "string"}
        schema["required"] = [*schema.get("required", []), new]

    return edit


def drop_property(schema_name: str, old: str) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        schema = _schema(spec, schema_name)
        del schema["properties"][old]
        schema["required"] = [key for key in schema.get("required", []) if key != old]

    return edit


def rename_path(old: str, new: str) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        spec["paths"] = {(new if key == old else key): value for key, value in spec["paths"].items()}

    return edit


def _call(operation: str, variant: str) -> Call:
    return next(call for call in CALLS if call.operation == operation and call.variant == variant)


DRIFTS = [
    pytest.param(
        rename_property("Message", "destination_number", "destination"),
        _call("send_messages", "minimal"),
        "send_messages: request body: messages[0]: 'destination' is a required property",
        id="renamed-required-field",
    ),
    pytest.param(
        rename_property("Message", "destination_number", "destination"),
        _call("send_messages", "minimal"),
        "send_messages: request body: messages[0]: unexpected field 'destination_number', "
        "which openapi.yaml does not define",
        id="renamed-required-field-old-name-unknown",
    ),
    pytest.param(
        rename_property("Message", "callback_url", "callback"),
        _call("send_messages", "every-field"),
        "send_messages: request body: messages[0]: unexpected field 'callback_url', "
        "which openapi.yaml does not define",
        id="renamed-optional-field",
    ),
    pytest.param(
        require_new_property("Message", "sender_id"),
        _call("send_messages", "minimal"),
        "send_messages: request body: messages[0]: 'sender_id' is a required property",
        id="new-required-field",
    ),
    pytest.param(
        drop_property("Message", "subject"),
        _call("send_messages", "mms"),
        "send_messages: request body: messages[0]: unexpected field 'subject', "
        "which openapi.yaml does not define",
        id="dropped-field",
    ),
    pytest.param(
        rename_property("ConfirmRepliesAsReceivedRequest", "reply_ids", "ids"),
        _call("confirm_replies_as_received", "minimal"),
        "confirm_replies_as_received: request body: 'ids' is a required property",
        id="renamed-confirm-field",
    ),
    pytest.param(
        rename_path("/v1/replies/confirmed", "/v1/replies/confirm"),
        _call("confirm_replies_as_received", "minimal"),
        "confirm_replies_as_received: no operation in openapi.yaml matches POST /v1/replies/confirmed",
        id="renamed-path",
    ),
]


def _captured(call: Call) -> httpx.Request:
    recorder = Recorder.answering(call.operation)
    with create_client(
        API_KEY,
        API_SECRET,
        base_url=BASE_URL,
        retry=RetryPolicy(max_retries=0),
        transport=httpx.MockTransport(recorder),
    ) as client:
        call.sync_detailed(client)
    assert len(recorder.requests) == 1
    return recorder.requests[0]


@pytest.mark.parametrize(("edit", "call", "expected"), DRIFTS)
def test_drift_is_reported_with_operation_and_field(
    edit: Callable[[Spec], None], call: Call, expected: str
) -> None:
    request = _captured(call)
    as_is = RequestContract(load_spec()).violations(call.operation, request)
    assert as_is == [], "the client already disagrees with openapi.yaml as it is:\n" + "\n".join(as_is)

    drifted = copy.deepcopy(load_spec())
    edit(drifted)
    problems = RequestContract(drifted).violations(call.operation, request)
    assert expected in problems, "\n".join(problems)
