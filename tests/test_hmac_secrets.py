"""A canary secret must never surface: not in reprs, error messages or DEBUG logs of a full request."""

from __future__ import annotations

import base64
import copy
import logging
import pickle
from collections.abc import Iterator

import httpx
import pytest
from verifying_server import VerifyingServer, running

from hmac_auth import BasicAuth, HmacAuth, MissingCredentialsError, signing_headers
from messagemedia_messages import create_client
from messagemedia_messages.api.messages import check_credits_remaining, send_messages
from messagemedia_messages.models import Message, SendMessagesRequest
from messagemedia_runtime.errors import AuthenticationError, UnexpectedStatusError
from messagemedia_runtime.retry import RetryPolicy

CANARY = "CANARY-SECRET-3f9a"
# The Basic header carries the secret base64-encoded: that form must not leak either.
CANARY_FORMS = (CANARY, base64.b64encode(f"CANARY_KEY:{CANARY}".encode()).decode())
SEND = SendMessagesRequest(messages=[Message(content="hello", destination_number="+61491570156")])


def _assert_clean(text: str) -> None:
    for form in CANARY_FORMS:
        assert form not in text


@pytest.fixture(scope="module")
def server() -> Iterator[VerifyingServer]:
    with running({"CANARY_KEY": CANARY}) as state:
        yield state


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in ("", "httpx", "httpcore", "messagemedia_runtime", "hmac_auth"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def test_reprs_and_strs() -> None:
    objects: list[object] = [
        HmacAuth("CANARY_KEY", CANARY),
        HmacAuth("CANARY_KEY", CANARY, algorithm="hmac-sha256"),
        BasicAuth("CANARY_KEY", CANARY),
    ]
    for use_hmac in (True, False):
        client = create_client("CANARY_KEY", CANARY, hmac=use_hmac, account="Sub01")
        objects += [client, client.get_httpx_client(), client.get_async_httpx_client()]
    for thing in objects:
        _assert_clean(repr(thing))
        _assert_clean(str(thing))
    assert "CANARY_KEY" in repr(objects[0])  # the key is an identifier and helps debugging


def test_error_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MESSAGEMEDIA_API_KEY", raising=False)
    monkeypatch.delenv("MESSAGEMEDIA_API_SECRET", raising=False)
    errors: list[BaseException] = []
    with pytest.raises(MissingCredentialsError) as missing:
        create_client(api_secret=CANARY)
    errors.append(missing.value)
    with pytest.raises(ValueError) as bad_algorithm:
        create_client("CANARY_KEY", CANARY, algorithm="hmac-md5")
    errors.append(bad_algorithm.value)
    # The secret passed where the algorithm belongs: the message must not echo it.
    with pytest.raises(ValueError) as swapped:
        signing_headers("GET", "/", b"", date="d", api_key="CANARY_KEY", api_secret="x", algorithm=CANARY)
    errors.append(swapped.value)
    with pytest.raises(AttributeError) as frozen:
        HmacAuth("CANARY_KEY", CANARY)._api_secret = CANARY
    errors.append(frozen.value)
    with pytest.raises(TypeError) as pickled:
        BasicAuth("CANARY_KEY", CANARY).__reduce__()
    errors.append(pickled.value)
    for error in errors:
        _assert_clean(str(error))
        _assert_clean(repr(error))


@pytest.mark.parametrize("use_hmac", [True, False], ids=["hmac", "basic"])
def test_full_request_logs_nothing_secret(
    server: VerifyingServer, debug_logs: pytest.LogCaptureFixture, use_hmac: bool
) -> None:
    with create_client("CANARY_KEY", CANARY, hmac=use_hmac, base_url=server.base_url) as client:
        assert send_messages.sync(client=client, body=SEND).messages
    assert server.rejected() == []
    assert any(record.name.startswith("httpcore") for record in debug_logs.records)  # DEBUG was on
    _assert_clean(debug_logs.text)
    _assert_clean("\n".join(str(record.__dict__) for record in debug_logs.records))


@pytest.mark.parametrize("use_hmac", [True, False], ids=["hmac", "basic"])
def test_rejected_request_error_and_logs(debug_logs: pytest.LogCaptureFixture, use_hmac: bool) -> None:
    # The server knows another secret for this key, so the canary-signed request gets a 401.
    with running({"CANARY_KEY": "the-real-one"}) as other:
        policy = RetryPolicy(max_retries=0)
        client = create_client("CANARY_KEY", CANARY, hmac=use_hmac, base_url=other.base_url, retry=policy)
        with client, pytest.raises(AuthenticationError) as info:
            check_credits_remaining.sync(client=client)
    error = info.value
    _assert_clean(str(error))
    _assert_clean(repr(error))
    _assert_clean(repr(vars(error)))
    _assert_clean(debug_logs.text)


@pytest.mark.parametrize("use_hmac", [True, False], ids=["hmac", "basic"])
def test_an_error_carries_no_credentials_and_pickles_without_them(use_hmac: bool) -> None:
    with running({"CANARY_KEY": "the-real-one"}) as other:
        policy = RetryPolicy(max_retries=0)
        client = create_client("CANARY_KEY", CANARY, hmac=use_hmac, base_url=other.base_url, retry=policy)
        with client, pytest.raises(AuthenticationError) as info:
            check_credits_remaining.sync(client=client)
    error = info.value
    assert "authorization" not in error.response.request.headers  # the request it keeps is unsigned
    assert error.response.request.url.path == "/v1/messaging/credits"
    data = pickle.dumps(error)  # a process pool, a task queue or a cache would do this
    for form in CANARY_FORMS:
        assert form.encode() not in data
    assert b"signature=" not in data and b"Authorization" not in data
    again = pickle.loads(data)
    assert type(again) is AuthenticationError and str(again) == str(error)
    assert (again.status_code, again.operation, again.body) == (401, error.operation, error.body)
    assert again.response is None  # the httpx response stays behind
    assert copy.copy(error).response is error.response  # a copy in the same process keeps it


@pytest.mark.parametrize("use_hmac", [True, False], ids=["hmac", "basic"])
def test_a_redirect_not_followed_leaves_no_signed_next_request_in_the_error(use_hmac: bool) -> None:
    def moved(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "/v1/elsewhere"})

    client = create_client(
        "CANARY_KEY",
        CANARY,
        hmac=use_hmac,
        base_url="https://api.example",
        transport=httpx.MockTransport(moved),
    )
    with client, pytest.raises(UnexpectedStatusError) as info:
        check_credits_remaining.sync(client=client)
    response = info.value.response
    assert response.next_request is not None and response.next_request.url.path == "/v1/elsewhere"
    for request in (response.request, response.next_request):
        assert "authorization" not in request.headers
    _assert_clean(repr(vars(info.value)))
    assert "/v1/elsewhere" in str(info.value)
