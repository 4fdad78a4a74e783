"""Retries, timeouts and error mapping, against a real loopback server that misbehaves on cue."""

from __future__ import annotations

import email.utils
import time
import uuid
from collections.abc import Callable, Generator
from typing import Any

import httpx
import pytest
from fault_server import FaultServer, Step, free_port
from runtime_support import (
    API_SECRET,
    MODES,
    NO_WAIT,
    Sleeps,
    call,
    client_factory,
    msg,
    server,
    sleeps,
)

from messagemedia_messages import Client
from messagemedia_messages._spec import CHECK_CREDITS_REMAINING as CREDITS
from messagemedia_messages._spec import GET_MESSAGE_STATUS as GET_STATUS
from messagemedia_messages.api.messages import get_message_status, send_messages
from messagemedia_messages.api.replies import check_replies, confirm_replies_as_received
from messagemedia_messages.models import ConfirmRepliesAsReceivedRequest, SendMessagesRequest
from messagemedia_runtime import errors
from messagemedia_runtime.retry import RetryPolicy

__all__ = ["client_factory", "server", "sleeps"]  # fixtures, imported for pytest

MESSAGE_ID = uuid.UUID("877c19ef-fa2e-4cec-827a-e1df9b5509f7")
SEND_BODY = SendMessagesRequest(messages=[msg(1)])
ACCEPTED = {
    "messages": [
        {
            "content": "hello 1",
            "destination_number": "+61491570001",
            "message_id": str(MESSAGE_ID),
            "status": "queued",
        }
    ]
}
STATUS = {
    "content": "hi",
    "destination_number": "+61491570156",
    "message_id": str(MESSAGE_ID),
    "status": "delivered",
}


async def send(mode: str, client: Client, **kwargs: Any) -> Any:
    return await call(mode, send_messages, client=client, body=SEND_BODY, **kwargs)


@pytest.mark.parametrize("mode", MODES)
async def test_503_with_retry_after_then_202_waits_and_succeeds(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(503, {"message": "busy"}, headers={"Retry-After": "2"}), Step(202, ACCEPTED))
    answer = await send(mode, client_factory(server.url))
    assert str(answer.messages[0].message_id) == str(MESSAGE_ID)
    assert sleeps.calls == [2.0]
    assert server.paths() == ["POST /v1/messages", "POST /v1/messages"]


@pytest.mark.parametrize("mode", MODES)
async def test_429_with_http_date_retry_after_is_honoured_and_capped(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    soon = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.script(
        Step(429, {"message": "slow down"}, headers={"Retry-After": soon}),
        Step(429, {"message": "slow down"}, headers={"Retry-After": "3600"}),
        Step(202, ACCEPTED),
    )
    policy = RetryPolicy(max_retries=2, jitter=0.0, max_retry_after=10.0)
    await send(mode, client_factory(server.url, retry=policy))
    assert sleeps.calls == [10.0, 10.0]  # 30 s and 3600 s asked, both capped
    assert len(server.requests) == 3


@pytest.mark.parametrize("mode", MODES)
async def test_every_attempt_is_signed_afresh(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    class CountingAuth(httpx.Auth):
        calls = 0

        def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
            CountingAuth.calls += 1
            request.headers["Authorization"] = f"sig {CountingAuth.calls}"
            yield request

    server.script(Step(503), Step(503), Step(202, ACCEPTED))
    await send(mode, client_factory(server.url, auth=CountingAuth()))
    assert [r.headers["Authorization"] for r in server.requests] == ["sig 1", "sig 2", "sig 3"]


@pytest.mark.parametrize("mode", MODES)
async def test_connection_refused_is_retried_then_raises(
    mode: str, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    client = client_factory(f"http://127.0.0.1:{free_port()}", retry=RetryPolicy(max_retries=3, jitter=0.0))
    with pytest.raises(errors.APIConnectionError) as caught:
        await send(mode, client)
    assert caught.value.attempts == 4
    assert len(sleeps.calls) == 3
    assert sleeps.calls == [0.5, 1.0, 2.0]  # exponential back-off
    assert caught.value.method == "POST" and caught.value.path == "/v1/messages"
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert not isinstance(caught.value, errors.SendOutcomeUnknownError)  # nothing was sent: safe to resend


@pytest.mark.parametrize("mode", MODES)
async def test_connect_error_then_success_counts_attempts(mode: str, sleeps: Sleeps) -> None:
    attempts: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        if len(attempts) < 3:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(202, json=ACCEPTED)

    transport_: Any = httpx.MockTransport(answer)
    client = Client(base_url="http://api.test", retry=NO_WAIT, httpx_args={"transport": transport_})
    result = await send(mode, client)
    assert len(attempts) == 3 and len(result.messages) == 1


@pytest.mark.parametrize("mode", MODES)
async def test_read_timeout_on_send_is_outcome_unknown_after_one_request(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(202, ACCEPTED, delay=0.5))
    with pytest.raises(errors.SendOutcomeUnknownError) as caught:
        await send(mode, client_factory(server.url, read=0.1))
    assert len(server.requests) == 1
    assert sleeps.calls == []
    text = str(caught.value)
    assert "POST /v1/messages" in text
    assert "get_message_status" in text and "check_delivery_reports" in text and "metadata" in text
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


@pytest.mark.parametrize("mode", MODES)
async def test_read_timeout_on_idempotent_get_is_retried(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(200, STATUS, delay=0.4), Step(200, STATUS))
    result = await call(
        mode, get_message_status, client=client_factory(server.url, read=0.1), message_id=MESSAGE_ID
    )
    assert result.status == "delivered"
    assert len(server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
async def test_read_timeouts_exhausted_on_get_raise_timeout_error(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(*[Step(200, STATUS, delay=0.3)] * 2)
    client = client_factory(server.url, read=0.1, retry=RetryPolicy(max_retries=1, jitter=0.0))
    with pytest.raises(errors.APITimeoutError) as caught:
        await call(mode, get_message_status, client=client, message_id=MESSAGE_ID)
    assert caught.value.attempts == 2 and len(server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [500, 502, 504])
async def test_5xx_on_send_is_outcome_unknown_after_one_request(
    mode: str, status: int, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.responder = lambda _r: Step(status, {"message": "An internal error occurred."})
    with pytest.raises(errors.SendOutcomeUnknownError) as caught:
        await send(mode, client_factory(server.url))
    assert len(server.requests) == 1
    assert caught.value.status_code == status
    assert isinstance(caught.value.__cause__, errors.ServerError)
    assert f"HTTP {status}" in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
async def test_500_on_send_detailed_returns_the_answer_without_resending(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.responder = lambda _r: Step(502, {"message": "bad gateway"})
    response = await send(mode, client_factory(server.url), detailed=True)
    assert response.status_code == 502 and response.parsed is None
    assert len(server.requests) == 1


@pytest.mark.parametrize("mode", MODES)
async def test_connection_closed_after_send_is_outcome_unknown(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(close=True))
    with pytest.raises(errors.SendOutcomeUnknownError):
        await send(mode, client_factory(server.url))
    assert len(server.requests) == 1


@pytest.mark.parametrize("mode", MODES)
async def test_confirm_is_retried_on_502(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(502, {"message": "bad gateway"}), Step(502), Step(202, {}))
    body = ConfirmRepliesAsReceivedRequest(reply_ids=[MESSAGE_ID])
    await call(mode, confirm_replies_as_received, client=client_factory(server.url), body=body)
    assert server.paths() == ["POST /v1/replies/confirmed"] * 3
    assert len(sleeps.calls) == 2


@pytest.mark.parametrize("mode", MODES)
async def test_retries_disabled(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(503, {"message": "busy"}))
    with pytest.raises(errors.ServerError) as caught:
        await send(mode, client_factory(server.url, retry=RetryPolicy(max_retries=0)))
    assert caught.value.status_code == 503 and len(server.requests) == 1 and sleeps.calls == []


@pytest.mark.parametrize("mode", MODES)
async def test_503_exhausted_on_send_is_a_plain_server_error(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.responder = lambda _r: Step(503, {"message": "busy"})
    with pytest.raises(errors.ServerError) as caught:
        await send(mode, client_factory(server.url))
    assert not isinstance(caught.value, errors.SendOutcomeUnknownError)
    assert len(server.requests) == 3


@pytest.mark.parametrize("mode", MODES)
async def test_400_raises_bad_request_with_details(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    details = ["messages[0].destination_number: does not match the E.164 format"]
    server.script(Step(400, {"message": "Invalid message request.", "details": details}))
    with pytest.raises(errors.BadRequestError) as caught:
        await send(mode, client_factory(server.url))
    error = caught.value
    assert error.status_code == 400 and error.details == details
    assert error.api_message == "Invalid message request."
    assert error.method == "POST" and error.path == "/v1/messages" and error.operation == "send_messages"
    assert details[0] in str(error) and "HTTP 400" in str(error)
    assert len(server.requests) == 1


@pytest.mark.parametrize("mode", MODES)
async def test_non_json_2xx_raises_malformed_response(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(202, b"<html>Gateway says hi</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(errors.MalformedResponseError) as caught:
        await send(mode, client_factory(server.url))
    error = caught.value
    assert error.status_code == 202 and "<html>Gateway says hi</html>" in error.text_excerpt
    assert "HTTP 202" in str(error) and "not JSON" in str(error) and "Gateway says hi" in str(error)
    assert not isinstance(error, ValueError | KeyError | TypeError)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (None, "empty"),
        # Only an answer that is not an object at all is malformed: fields inside one are read
        # leniently (tests/test_models_lenient.py).
        ([1, 2], "shape"),
        (42, "shape"),
    ],
)
async def test_wrong_2xx_json_raises_malformed_response_without_content(
    mode: str, body: Any, reason: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.script(Step(202, body))
    with pytest.raises(errors.MalformedResponseError) as caught:
        await send(mode, client_factory(server.url))
    assert reason in str(caught.value) and "HTTP 202" in str(caught.value)
    assert "PRIVATE-TEXT" not in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
async def test_non_json_error_body_raises_typed_error_with_excerpt(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    server.responder = lambda _r: Step(
        502, "<h1>502 Bad Gateway</h1>" + "x" * 500, {"Content-Type": "text/html"}
    )
    with pytest.raises(errors.ServerError) as caught:
        await call(mode, check_replies, client=client_factory(server.url))
    error = caught.value
    assert error.status_code == 502 and error.body is None
    assert error.text_excerpt.startswith("<h1>502 Bad Gateway</h1>") and len(error.text_excerpt) <= 201
    assert "502 Bad Gateway" in str(error) and "GET /v1/replies" in str(error)
    assert len(server.requests) == 3  # check_replies is idempotent: 502 retried


STATUS_CLASSES = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (422, errors.UnprocessableEntityError),
    (429, errors.RateLimitError),
    (500, errors.ServerError),
    (502, errors.ServerError),
    (503, errors.ServerError),
    (504, errors.ServerError),
    (418, errors.UnexpectedStatusError),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
async def test_every_documented_status_maps_to_its_class(
    mode: str,
    status: int,
    cls: type[errors.APIStatusError],
    server: FaultServer,
    client_factory: Callable[..., Client],
) -> None:
    server.script(Step(status, {"message": f"status {status}"}, headers={"Retry-After": "7"}))
    client = client_factory(server.url, retry=RetryPolicy(max_retries=0))
    with pytest.raises(errors.APIStatusError) as caught:
        await call(mode, get_message_status, client=client, message_id=MESSAGE_ID)
    assert type(caught.value) is cls
    assert caught.value.status_code == status and caught.value.api_message == f"status {status}"
    assert caught.value.path == f"/v1/messages/{MESSAGE_ID}" and caught.value.method == "GET"
    if cls is errors.RateLimitError:
        assert caught.value.retry_after == 7.0  # type: ignore[attr-defined]


async def test_no_credentials_in_errors(server: FaultServer, client_factory: Callable[..., Client]) -> None:
    server.script(Step(401, {"message": "Unauthorized"}))
    with pytest.raises(errors.AuthenticationError) as caught:
        await send("sync", client_factory(server.url, retry=RetryPolicy(max_retries=0)))
    assert API_SECRET not in str(caught.value) and API_SECRET not in repr(caught.value)
    assert "Authorization" not in str(caught.value)
    assert "hello 1" not in str(caught.value)


def test_raise_for_status_on_hand_built_response() -> None:
    response = httpx.Response(404, json={"message": "Resource not found."})
    with pytest.raises(errors.NotFoundError) as caught:
        errors.raise_for_status(response, operation=GET_STATUS)
    assert caught.value.path == "/v1/messages/{messageId}" and caught.value.method == "GET"
    errors.raise_for_status(httpx.Response(204), operation=GET_STATUS)


def test_parse_success_wraps_every_failure() -> None:
    request = httpx.Request("GET", "http://x/v1/messaging/credits")

    def boom(_data: Any) -> Any:
        raise KeyError("credits")

    with pytest.raises(errors.MalformedResponseError) as caught:
        errors.parse_success(CREDITS, httpx.Response(200, json={}, request=request), boom)
    assert "KeyError" in str(caught.value) and isinstance(caught.value.__cause__, KeyError)
    bad_utf8 = httpx.Response(200, content=b"\xff\xfe{", request=request)
    with pytest.raises(errors.MalformedResponseError):
        errors.parse_success(CREDITS, bad_utf8, lambda d: d)
    assert errors.parse_success(
        CREDITS, httpx.Response(200, json={"a": 1}, request=request), lambda d: d
    ) == {"a": 1}


def test_retry_policy_delays() -> None:
    policy = RetryPolicy(backoff_base=1.0, backoff_cap=5.0, jitter=0.0)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    jittered = RetryPolicy(backoff_base=1.0, jitter=0.5)
    assert all(0.5 <= jittered.delay(1) <= 1.0 for _ in range(50))
    assert policy.delay(1, "3") == 3.0
    assert policy.delay(1, "garbage") == 1.0
    assert RetryPolicy(max_retry_after=4.0).delay(1, "100") == 4.0
    assert RetryPolicy(respect_retry_after=False, jitter=0.0, backoff_base=1.0).delay(1, "100") == 1.0
    past = email.utils.formatdate(time.time() - 100, usegmt=True)
    assert policy.delay(1, past) == 0.0
    assert RetryPolicy(retry_statuses={429}).retry_statuses == frozenset({429})
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)
