"""The client against Prism, an independent server that knows only openapi.yaml.

Prism (``node_modules/.bin/prism``, pinned in package-lock.json) mocks the spec with ``--errors``: a
request that breaks the spec is answered with an error status and an ``sl-violations`` header
listing what is wrong. Every operation is called through ``messagemedia_messages.create_client`` (HMAC and
Basic, sync and async, with the least it takes and with every optional field); none may draw a
violation, and Prism's answers (the spec's examples) must parse into the documented models. A
request that breaks the spec on purpose shows that Prism does reject what it should.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from contract_helpers import (
    ACCOUNT,
    API_KEY,
    API_SECRET,
    CALLS,
    MINIMAL_SEND,
    VIOLATIONS_HEADER,
    WEBHOOK_ID,
    Call,
    PrismServer,
    PrismUnavailableError,
    as_json,
    running_prism,
    success_response,
)

from hmac_auth import HmacAuth
from messagemedia_messages import AuthenticatedClient, create_client
from messagemedia_messages.api.messages import send_messages
from messagemedia_messages.models import Message, SendMessagesRequest
from messagemedia_runtime.errors import RequestValidationError, UnprocessableEntityError
from messagemedia_runtime.retry import RetryPolicy

pytestmark = pytest.mark.contract

AUTH = {"hmac": True, "basic": False}


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismServer]:
    """Prism on a free loopback port for the whole session; stopped at the end even if tests failed."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_prism(tmp_path_factory.mktemp("prism")))
        except PrismUnavailableError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield server


def _client(prism: PrismServer, *, hmac: bool, account: str | None = None) -> AuthenticatedClient:
    return create_client(
        API_KEY,
        API_SECRET,
        hmac=hmac,
        base_url=prism.base_url,
        account=account,
        retry=RetryPolicy(max_retries=0),
    )


def _assert_accepted(prism: PrismServer, call: Call, response: Any) -> None:
    status = success_response(call.operation).status
    violations = json.loads(response.headers.get(VIOLATIONS_HEADER, "[]"))
    of_request = [_violation(v) for v in violations if v.get("location", [""])[0] == "request"]
    of_answer = [_violation(v) for v in violations if v.get("location", [""])[0] != "request"]
    assert not of_request, (
        f"{call.operation}: Prism reports that the {call.variant} request breaks openapi.yaml: "
        + "; ".join(of_request)
        + f" (Prism's log: {prism.log_path})"
    )
    assert not of_answer, (
        f"{call.operation}: Prism reports that its own answer, the spec's example, breaks openapi.yaml: "
        + "; ".join(of_answer)
    )
    assert response.status_code == status, (
        f"{call.id}: HTTP {response.status_code}: {response.content[:300]!r}"
    )
    call.check_type(response.parsed)
    if call.returns is str:
        assert response.parsed == response.content.decode()
    elif call.returns is not None:
        assert as_json(response.parsed) == json.loads(response.content)


def _violation(violation: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in violation.get("location", []))
    return f"{where}: {violation.get('message')}"


def _assert_returns(call: Call, parsed: Any) -> None:
    call.check_type(parsed)


@pytest.mark.parametrize("auth", AUTH)
@pytest.mark.parametrize("call", CALLS, ids=lambda call: call.id)
def test_sync_calls_pass_prism(prism: PrismServer, call: Call, auth: str) -> None:
    with _client(prism, hmac=AUTH[auth]) as client:
        _assert_accepted(prism, call, call.sync_detailed(client))
        _assert_returns(call, call.sync(client))


@pytest.mark.parametrize("auth", AUTH)
@pytest.mark.parametrize("call", CALLS, ids=lambda call: call.id)
async def test_async_calls_pass_prism(prism: PrismServer, call: Call, auth: str) -> None:
    async with _client(prism, hmac=AUTH[auth]) as client:
        _assert_accepted(prism, call, await call.asyncio_detailed(client))
        _assert_returns(call, await call.asyncio(client))


def test_client_wide_account_header_passes_prism(prism: PrismServer) -> None:
    with _client(prism, hmac=True, account=ACCOUNT) as client:
        for call in CALLS:
            if call.variant == "minimal":
                _assert_accepted(prism, call, call.sync_detailed(client))


# Prism must be able to say no: requests that break the spec, past the client's own checks.


def test_prism_rejects_a_message_without_content_sent_raw(prism: PrismServer) -> None:
    body = {"messages": [{"destination_number": "+61491570156"}]}
    with httpx.Client(base_url=prism.base_url, auth=HmacAuth(API_KEY, API_SECRET)) as http:
        response = http.post("/v1/messages", json=body)
    assert 400 <= response.status_code < 500
    violations = json.loads(response.headers[VIOLATIONS_HEADER])
    assert any("content" in violation["message"] for violation in violations), violations


def test_prism_rejects_what_the_client_would_refuse_when_its_checks_are_off(
    prism: PrismServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = SendMessagesRequest(messages=[Message(content="", destination_number="0491570156")])
    with _client(prism, hmac=True) as client:
        with pytest.raises(RequestValidationError):
            send_messages.sync(client=client, body=body)

        monkeypatch.setattr(send_messages, "check_request", lambda *args, **kwargs: None)
        response = send_messages.sync_detailed(client=client, body=body)
        with pytest.raises(UnprocessableEntityError):
            send_messages.sync(client=client, body=body)
    assert 400 <= response.status_code < 500
    messages = [violation["message"] for violation in json.loads(response.headers[VIOLATIONS_HEADER])]
    assert any("content" in message for message in messages), messages
    assert any("destination_number" in message for message in messages), messages


def test_prism_rejects_a_request_without_credentials(prism: PrismServer) -> None:
    with httpx.Client(base_url=prism.base_url) as http:
        response = http.post("/v1/messages", json=MINIMAL_SEND)
    assert response.status_code == 401
    assert VIOLATIONS_HEADER in response.headers


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        pytest.param(
            "PATCH", f"/v1/webhooks/messages/{WEBHOOK_ID}", {}, "fewer than 1 properties", id="empty-update"
        ),
        pytest.param(
            "PATCH",
            f"/v1/webhooks/messages/{WEBHOOK_ID}",
            {"retries": 1},
            "additional properties",
            id="create-only",
        ),
        pytest.param(
            "GET", "/v1/number_authorisation/is_authorised/0491570156", None, "pattern", id="not-e164"
        ),
        pytest.param("GET", "/v1/iam/signature_keys?page=1", None, "page_size", id="no-page-size"),
    ],
)
def test_prism_rejects_new_operations_requests_that_break_the_spec(
    prism: PrismServer, method: str, path: str, body: Any, expected: str
) -> None:
    with httpx.Client(base_url=prism.base_url, auth=HmacAuth(API_KEY, API_SECRET)) as http:
        response = http.request(method, path, json=body)
    assert 400 <= response.status_code < 500
    messages = [violation["message"] for violation in json.loads(response.headers[VIOLATIONS_HEADER])]
    assert any(expected in message for message in messages), messages
