"""Request contract: every request the client builds is one openapi.yaml allows (no server needed).

Each operation is called through ``messagemedia_messages.create_client`` (HMAC and Basic, sync and
async; with the least it takes and with every optional field), the request is captured with an
``httpx.MockTransport`` and held to openapi.yaml by openapi-core: path, method, parameters
(``messageId``, ``Account``), security and body, plus no unknown or read-only body fields and an
Authorization header that is what the spec's security schemes describe. The mock answers with the
spec's own example, which must come back as the documented model.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from contract_helpers import (
    ACCOUNT,
    API_KEY,
    API_SECRET,
    BASE_URL,
    CALLS,
    MESSAGE_ID,
    Call,
    Recorder,
    RequestContract,
    as_json,
    normalised,
    operations,
    success_response,
)
from spec_tools import load_spec, resolve

from messagemedia_messages import AuthenticatedClient, create_client
from messagemedia_messages.api.messages import get_message_status
from messagemedia_runtime.retry import RetryPolicy

pytestmark = pytest.mark.contract

AUTH = {"hmac": True, "basic": False}


@pytest.fixture(scope="module")
def contract() -> RequestContract:
    return RequestContract.from_repository()


def _client(recorder: Recorder, *, hmac: bool, account: str | None = None) -> AuthenticatedClient:
    return create_client(
        API_KEY,
        API_SECRET,
        hmac=hmac,
        base_url=BASE_URL,
        account=account,
        retry=RetryPolicy(max_retries=0),
        transport=httpx.MockTransport(recorder),
    )


def _recorder(call: Call) -> Recorder:
    return Recorder.answering(call.operation)


def _assert_follows_the_spec(contract: RequestContract, call: Call, recorder: Recorder) -> httpx.Request:
    assert len(recorder.requests) == 1, f"{call.id}: expected one request, got {len(recorder.requests)}"
    request = recorder.requests[0]
    problems = contract.violations(call.operation, request, credentials=(API_KEY, API_SECRET))
    assert not problems, "the request breaks openapi.yaml:\n" + "\n".join(problems)
    return request


def _assert_parsed(call: Call, recorder: Recorder, parsed: Any) -> None:
    call.check_type(parsed)
    if call.returns is None:
        return
    schema = success_response(call.operation).schema
    assert schema is not None
    assert normalised(schema, as_json(parsed)) == normalised(schema, recorder.body)


def test_calls_cover_every_operation_of_the_spec() -> None:
    spec_operations = set(operations())
    declared = {
        op["operationId"]
        for item in load_spec()["paths"].values()
        for op in item.values()
        if "operationId" in op
    }
    assert spec_operations == declared  # every operation was found
    missing = sorted(spec_operations - {call.operation for call in CALLS})
    assert not missing, (
        f"no contract call for {missing}: add a minimal and an every-field Call to CALLS"
        " in tests/contract_helpers.py"
    )
    assert {call.operation for call in CALLS} == spec_operations
    for operation in spec_operations:
        variants = {call.variant for call in CALLS if call.operation == operation}
        assert {"minimal", "every-field"} <= variants, operation


@pytest.mark.parametrize("auth", AUTH)
@pytest.mark.parametrize("call", CALLS, ids=lambda call: call.id)
def test_sync_request_follows_the_spec(contract: RequestContract, call: Call, auth: str) -> None:
    recorder = _recorder(call)
    with _client(recorder, hmac=AUTH[auth]) as client:
        parsed = call.sync(client)
    _assert_follows_the_spec(contract, call, recorder)
    _assert_parsed(call, recorder, parsed)


@pytest.mark.parametrize("auth", AUTH)
@pytest.mark.parametrize("call", CALLS, ids=lambda call: call.id)
async def test_async_request_follows_the_spec(contract: RequestContract, call: Call, auth: str) -> None:
    recorder = _recorder(call)
    async with _client(recorder, hmac=AUTH[auth]) as client:
        parsed = await call.asyncio(client)
    _assert_follows_the_spec(contract, call, recorder)
    _assert_parsed(call, recorder, parsed)


@pytest.mark.parametrize("call", [call for call in CALLS if call.variant == "minimal"], ids=lambda c: c.id)
def test_client_wide_account_header_follows_the_spec(contract: RequestContract, call: Call) -> None:
    recorder = _recorder(call)
    with _client(recorder, hmac=True, account=ACCOUNT) as client:
        call.sync(client)
    request = _assert_follows_the_spec(contract, call, recorder)
    # A client-wide sub-account goes only to the operations that take the Account header.
    _method, path, operation = operations()[call.operation]
    declared = [*load_spec()["paths"][path].get("parameters", []), *operation.get("parameters", [])]
    takes_account = any(resolve(parameter).get("name") == "Account" for parameter in declared)
    assert request.headers.get("Account") == (ACCOUNT if takes_account else None)


def test_requests_accept_what_the_operation_answers(contract: RequestContract) -> None:
    for call in CALLS:
        recorder = _recorder(call)
        with _client(recorder, hmac=True) as client:
            call.sync(client)
        answer = success_response(call.operation)
        # JSON is every client's default, also where the operation answers without a body.
        assert recorder.requests[-1].headers["Accept"] == (answer.media_type or "application/json"), (
            call.operation
        )


def test_detailed_forms_send_the_same_request(contract: RequestContract) -> None:
    for call in CALLS:
        recorder = _recorder(call)
        with _client(recorder, hmac=True) as client:
            response = call.sync_detailed(client)
        assert response.status_code == recorder.status
        _assert_follows_the_spec(contract, call, recorder)


async def test_async_detailed_forms_send_the_same_request(contract: RequestContract) -> None:
    for call in CALLS:
        recorder = _recorder(call)
        async with _client(recorder, hmac=False) as client:
            response = await call.asyncio_detailed(client)
        assert response.status_code == recorder.status
        _assert_follows_the_spec(contract, call, recorder)


# The checker must be able to fail: requests that break the spec, built by hand.


def _request(
    method: str, path: str, *, body: Any = None, headers: dict[str, str] | None = None
) -> httpx.Request:
    all_headers = {"Authorization": "Basic QVBJX0tFWTpBUElfU0VDUkVU", **(headers or {})}
    if body is None:
        return httpx.Request(method, BASE_URL + path, headers=all_headers)
    return httpx.Request(method, BASE_URL + path, headers=all_headers, content=json.dumps(body).encode())


BAD_REQUESTS = [
    pytest.param(
        "send_messages",
        _request(
            "POST",
            "/v1/messages",
            body={"messages": [{"destination_number": "+61491570156"}]},
            headers={"Content-Type": "application/json"},
        ),
        "send_messages: request body: messages[0]: 'content' is a required property",
        id="missing-content",
    ),
    pytest.param(
        "send_messages",
        _request(
            "POST",
            "/v1/messages",
            body={"messages": [{"content": "x", "destination_number": "0491570156"}]},
            headers={"Content-Type": "application/json"},
        ),
        "send_messages: request body: messages[0].destination_number: '0491570156' does not match",
        id="not-e164",
    ),
    pytest.param(
        "send_messages",
        _request(
            "POST",
            "/v1/messages",
            body={
                "messages": [
                    {"content": "x", "destination_number": "+61491570156", "media": ["https://a.b/c"]}
                ]
            },
            headers={"Content-Type": "application/json"},
        ),
        "send_messages: request body: messages[0]: 'format' is a required property",
        id="media-without-mms",
    ),
    pytest.param(
        "send_messages",
        _request(
            "POST",
            "/v1/messages",
            body={"messages": [{"content": "x", "destination_number": "+61491570156", "status": "queued"}]},
            headers={"Content-Type": "application/json"},
        ),
        "send_messages: request body: messages[0].status: read-only (the API sets it), must not be sent",
        id="read-only-field",
    ),
    pytest.param(
        "send_messages",
        _request(
            "POST",
            "/v1/messages",
            body={
                "messages": [{"content": "x", "destination_number": "+61491570156", "destination": "+6149"}]
            },
            headers={"Content-Type": "application/json"},
        ),
        "send_messages: request body: messages[0]: unexpected field 'destination', which openapi.yaml",
        id="unknown-field",
    ),
    pytest.param(
        "send_messages",
        _request(
            "POST",
            "/v1/messages",
            body={"messages": [{"content": "x", "destination_number": "+61491570156"}]},
            headers={"Content-Type": "text/plain"},
        ),
        "send_messages: request body: Content for the following mimetype not found: text/plain",
        id="wrong-content-type",
    ),
    pytest.param(
        "get_message_status",
        _request("GET", "/v1/messages/0491570156"),
        "get_message_status: path parameter messageId: '0491570156' is not a 'uuid'",
        id="path-not-uuid",
    ),
    pytest.param(
        "check_replies",
        _request("GET", "/v1/replies", headers={"Account": ""}),
        "check_replies: header parameter Account: '' should be non-empty",
        id="empty-account",
    ),
    pytest.param(
        "cancel_scheduled_message",
        _request(
            "PUT",
            f"/v1/messages/{MESSAGE_ID}",
            body={"status": "sent"},
            headers={"Content-Type": "application/json"},
        ),
        "cancel_scheduled_message: request body: status: 'cancelled' was expected",
        id="cancel-other-status",
    ),
    pytest.param(
        "check_credits_remaining",
        httpx.Request("GET", BASE_URL + "/v1/messaging/credits"),
        "check_credits_remaining: security: ",
        id="no-authorization",
    ),
    pytest.param(
        "check_replies",
        _request("POST", "/v1/replies"),
        "check_replies: no operation in openapi.yaml matches POST /v1/replies",
        id="wrong-method",
    ),
    pytest.param(
        "check_replies",
        _request("GET", "/v1/delivery_reports"),
        "check_replies: GET /v1/delivery_reports is check_delivery_reports in openapi.yaml, "
        "not check_replies",
        id="wrong-operation",
    ),
    pytest.param(
        "update_webhook",
        _request(
            "PATCH",
            "/v1/webhooks/messages/8805c9d8-bef7-41c7-906a-69ede93aa024",
            body={"retries": 3},
            headers={"Content-Type": "application/json"},
        ),
        "update_webhook: request body: Additional properties are not allowed ('retries' was unexpected)",
        id="update-create-only-field",
    ),
    pytest.param(
        "update_webhook",
        _request(
            "PATCH",
            "/v1/webhooks/messages/8805c9d8-bef7-41c7-906a-69ede93aa024",
            body={},
            headers={"Content-Type": "application/json"},
        ),
        "update_webhook: request body: {} should be non-empty",
        id="update-nothing",
    ),
    pytest.param(
        "create_webhook",
        _request(
            "POST",
            "/v1/webhooks/messages",
            body={
                "url": "https://hooks.example.com/x",
                "method": "POST",
                "encoding": "JSON",
                "events": ["RECEIVED_SMS"],
                "headers": {"content-type": "text/plain"},
            },
            headers={"Content-Type": "application/json"},
        ),
        "create_webhook: request body: headers: 'content-type' should not be valid under",
        id="webhook-content-type-header",
    ),
    pytest.param(
        "create_webhook",
        _request(
            "POST",
            "/v1/webhooks/messages",
            body={"url": "ftp://hooks.example.com/x", "method": "POST", "encoding": "JSON", "events": []},
            headers={"Content-Type": "application/json"},
        ),
        "create_webhook: request body: events: [] should be non-empty",
        id="webhook-no-events",
    ),
    pytest.param(
        "list_signature_keys",
        _request("GET", "/v1/iam/signature_keys?page_size=10"),
        "list_signature_keys: query parameter page: Missing required query parameter: page",
        id="keys-page-missing",
    ),
    pytest.param(
        "list_webhooks",
        _request("GET", "/v1/webhooks/messages?page=-1"),
        "list_webhooks: query parameter page: -1 is less than the minimum of 0",
        id="webhooks-negative-page",
    ),
    pytest.param(
        "check_numbers_authorised",
        _request("GET", "/v1/number_authorisation/is_authorised/+61491570156,0491570157"),
        "check_numbers_authorised: path parameter numbers: '+61491570156,0491570157' does not match",
        id="numbers-not-e164",
    ),
    pytest.param(
        "add_to_blacklist",
        _request(
            "POST",
            "/v1/number_authorisation/mt/blacklist",
            body={"numbers": [f"+6149157{n:04d}" for n in range(11)]},
            headers={"Content-Type": "application/json"},
        ),
        "add_to_blacklist: request body: numbers: [",
        id="blacklist-too-many",
    ),
    pytest.param(
        "get_signature_key",
        _request("GET", "/v1/iam/signature_keys/enabled"),
        "get_signature_key: GET /v1/iam/signature_keys/enabled is get_enabled_signature_key in openapi.yaml, "
        "not get_signature_key",
        id="enabled-is-not-a-key-id",
    ),
]


@pytest.mark.parametrize(("operation", "request_", "expected"), BAD_REQUESTS)
def test_the_checker_reports_requests_that_break_the_spec(
    contract: RequestContract, operation: str, request_: httpx.Request, expected: str
) -> None:
    problems = contract.violations(operation, request_)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_the_checker_reports_a_wrong_signature(contract: RequestContract) -> None:
    recorder = Recorder(
        200,
        {
            "message_id": str(MESSAGE_ID),
            "status": "queued",
            "content": "x",
            "destination_number": "+61491570156",
        },
    )
    with _client(recorder, hmac=True) as client:
        get_message_status.sync(MESSAGE_ID, client=client)
    problems = contract.violations("get_message_status", recorder.requests[0], credentials=(API_KEY, "WRONG"))
    assert problems == [
        "get_message_status: security: "
        "the hmac signature does not match the signing string the scheme describes"
    ]


def test_the_checker_reads_the_repository_spec(contract: RequestContract) -> None:
    assert contract.spec == load_spec()
