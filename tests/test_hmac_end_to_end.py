"""All eight generated operations, signed by hmac_auth, checked by an independent verifying server."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import Any
from uuid import UUID

import httpx
import pytest
from verifying_server import MESSAGE_ID, VerifyingServer, running

from hmac_auth import HmacAuth
from messagemedia_messages import AuthenticatedClient, Client, create_client
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
    Message,
    SendMessagesRequest,
    SendMessagesResponse,
    SentMessage,
)
from messagemedia_runtime.errors import AuthenticationError
from messagemedia_runtime.retry import RetryPolicy

CREDENTIALS = {"API_KEY": "API_SECRET", "KEY_TWO": "SECRET_TWO"}
ID = UUID(MESSAGE_ID)
NO_RETRY = RetryPolicy(max_retries=0)
# Non-ASCII content, so the body bytes differ from their character count.
SEND = SendMessagesRequest(
    messages=[Message(content="Grüße 👋 from the test", destination_number="+61491570156")]
)

# name -> (module, keyword arguments, method, path, check of the result)
OPERATIONS: dict[str, tuple[ModuleType, dict[str, Any], str, str, Callable[[Any], bool]]] = {
    "send_messages": (
        send_messages,
        {"body": SEND},
        "POST",
        "/v1/messages",
        lambda r: isinstance(r, SendMessagesResponse) and r.messages[0].message_id == ID,
    ),
    "get_message_status": (
        get_message_status,
        {"message_id": ID},
        "GET",
        f"/v1/messages/{MESSAGE_ID}",
        lambda r: isinstance(r, SentMessage) and r.message_id == ID,
    ),
    "cancel_scheduled_message": (
        cancel_scheduled_message,
        {"message_id": ID, "body": CancelScheduledMessageRequest()},
        "PUT",
        f"/v1/messages/{MESSAGE_ID}",
        lambda r: r is None,
    ),
    "check_credits_remaining": (
        check_credits_remaining,
        {},
        "GET",
        "/v1/messaging/credits",
        lambda r: isinstance(r, CheckCreditsRemainingResponse) and r.credits_ == 10,
    ),
    "check_replies": (
        check_replies,
        {},
        "GET",
        "/v1/replies",
        lambda r: isinstance(r, CheckRepliesResponse) and r.replies == [],
    ),
    "confirm_replies_as_received": (
        confirm_replies_as_received,
        {"body": ConfirmRepliesAsReceivedRequest(reply_ids=[ID])},
        "POST",
        "/v1/replies/confirmed",
        lambda r: r is None,
    ),
    "check_delivery_reports": (
        check_delivery_reports,
        {},
        "GET",
        "/v1/delivery_reports",
        lambda r: isinstance(r, CheckDeliveryReportsResponse) and r.delivery_reports == [],
    ),
    "confirm_delivery_reports_as_received": (
        confirm_delivery_reports_as_received,
        {"body": ConfirmDeliveryReportsAsReceivedRequest(delivery_report_ids=[ID])},
        "POST",
        "/v1/delivery_reports/confirmed",
        lambda r: r is None,
    ),
}
WITH_BODY = {
    "send_messages",
    "cancel_scheduled_message",
    "confirm_replies_as_received",
    "confirm_delivery_reports_as_received",
}

# (hmac flag, algorithm, what the server should have seen)
MODES = {
    "hmac-sha1": (True, "hmac-sha1"),
    "hmac-sha256": (True, "hmac-sha256"),
    "basic": (False, "hmac-sha1"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[VerifyingServer]:
    with running(CREDENTIALS) as state:
        yield state


@pytest.fixture(autouse=True)
def _fresh_log(server: VerifyingServer) -> None:
    server.clear()


def _client(server: VerifyingServer, mode: str, key: str = "API_KEY", **kwargs: Any) -> AuthenticatedClient:
    use_hmac, algorithm = MODES[mode]
    return create_client(
        key,
        CREDENTIALS[key],
        hmac=use_hmac,
        algorithm=algorithm,
        base_url=server.base_url,
        retry=NO_RETRY,
        **kwargs,
    )


def _call_sync(client: Client, name: str) -> Any:
    module, kwargs, *_ = OPERATIONS[name]
    return module.sync(client=client, **kwargs)


async def _call_async(client: Client, name: str) -> Any:
    module, kwargs, *_ = OPERATIONS[name]
    return await module.asyncio(client=client, **kwargs)


def _check_seen(server: VerifyingServer, mode: str, account: str | None) -> None:
    seen = server.seen
    assert [item.reason for item in seen if not item.accepted] == []
    assert [(item.method, item.target) for item in seen] == [(op[2], op[3]) for op in OPERATIONS.values()]
    for name, item in zip(OPERATIONS, seen, strict=True):
        assert item.username == "API_KEY"
        assert item.account == account
        if mode == "basic":
            assert item.scheme == "basic"
        else:
            assert (item.scheme, item.algorithm) == ("hmac", mode)
            assert ("x-content-md5" in item.signed_headers) == (name in WITH_BODY)


@pytest.mark.parametrize("mode", MODES)
def test_all_operations_sync(server: VerifyingServer, mode: str) -> None:
    with _client(server, mode, account="SubAccount01") as client:
        for name, (*_, check) in OPERATIONS.items():
            assert check(_call_sync(client, name)), name
    _check_seen(server, mode, "SubAccount01")


@pytest.mark.parametrize("mode", MODES)
async def test_all_operations_async(server: VerifyingServer, mode: str) -> None:
    async with _client(server, mode) as client:
        for name, (*_, check) in OPERATIONS.items():
            assert check(await _call_async(client, name)), name
    _check_seen(server, mode, None)


# -- rejections -------------------------------------------------------------------------------------


class _Tamper(httpx.HTTPTransport):
    """Changes the request after it was signed, as a man in the middle would."""

    def __init__(self, change: Callable[[httpx.Request], httpx.Request]) -> None:
        super().__init__()
        self._change = change

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return super().handle_request(self._change(request))


def _same_length_body(request: httpx.Request) -> httpx.Request:
    forged = request.content.replace(b"from the test", b"from attacker")
    assert forged != request.content
    assert len(forged) == len(request.content)
    return httpx.Request(request.method, request.url, headers=request.headers, content=forged)


def _other_message(request: httpx.Request) -> httpx.Request:
    return httpx.Request(
        request.method,
        request.url.copy_with(path="/v1/messages/00000000-0000-0000-0000-000000000000"),
        headers=request.headers,
    )


def _hmac_client(
    server: VerifyingServer, secret: str = "API_SECRET", **auth_kwargs: Any
) -> AuthenticatedClient:
    auth = HmacAuth("API_KEY", secret, **auth_kwargs)
    return AuthenticatedClient(base_url=server.base_url, httpx_args={"auth": auth}, retry=NO_RETRY)


def _assert_rejected(server: VerifyingServer, call: Callable[[], Any], reason: str) -> AuthenticationError:
    with pytest.raises(AuthenticationError) as info:
        call()
    # One attempt only: a 401 is not worth retrying, even under a policy that retries.
    assert [(item.accepted, item.reason) for item in server.seen] == [(False, reason)]
    assert info.value.status_code == 401
    return info.value


def _same_length_body_and_fixed_md5(request: httpx.Request) -> httpx.Request:
    forged = _same_length_body(request)
    forged.headers["x-content-md5"] = hashlib.md5(forged.content).hexdigest()
    return forged


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_same_length_body, "x-content-md5 does not match the body"),
        # An attacker who also recomputes the MD5 is stopped by the signature, which covers it.
        (_same_length_body_and_fixed_md5, "signature does not match"),
    ],
    ids=["body", "body-and-md5"],
)
def test_tampered_body_is_rejected(
    server: VerifyingServer, change: Callable[[httpx.Request], httpx.Request], reason: str
) -> None:
    client = create_client("API_KEY", "API_SECRET", base_url=server.base_url, transport=_Tamper(change))
    with client:
        _assert_rejected(server, lambda: send_messages.sync(client=client, body=SEND), reason)


def test_tampered_path_is_rejected(server: VerifyingServer) -> None:
    client = create_client(
        "API_KEY", "API_SECRET", base_url=server.base_url, transport=_Tamper(_other_message)
    )
    with client:
        _assert_rejected(
            server, lambda: get_message_status.sync(ID, client=client), "signature does not match"
        )


@pytest.mark.parametrize("mode", MODES)
def test_wrong_secret_is_rejected(server: VerifyingServer, mode: str) -> None:
    use_hmac, algorithm = MODES[mode]
    client = create_client(
        "API_KEY", "NOT_THE_SECRET", hmac=use_hmac, algorithm=algorithm, base_url=server.base_url
    )
    reason = "invalid Basic credentials" if mode == "basic" else "signature does not match"
    with client:
        _assert_rejected(server, lambda: check_credits_remaining.sync(client=client), reason)


@pytest.mark.parametrize("skew", [timedelta(minutes=-10), timedelta(minutes=6)], ids=["stale", "future"])
def test_date_outside_five_minutes_is_rejected(server: VerifyingServer, skew: timedelta) -> None:
    with _hmac_client(server, clock=lambda: datetime.now(UTC) + skew) as client:
        _assert_rejected(
            server, lambda: check_replies.sync(client=client), "date is too far from the server's clock"
        )


def test_date_within_five_minutes_is_accepted(server: VerifyingServer) -> None:
    with _hmac_client(server, clock=lambda: datetime.now(UTC) - timedelta(minutes=4)) as client:
        assert check_replies.sync(client=client).replies == []


async def test_async_rejection_raises_the_same_error(server: VerifyingServer) -> None:
    async with _hmac_client(server, secret="WRONG") as client:
        with pytest.raises(AuthenticationError):
            await check_delivery_reports.asyncio(client=client)
    assert len(server.rejected()) == 1


def test_401_is_not_retried_under_a_retrying_policy(server: VerifyingServer) -> None:
    auth = HmacAuth("API_KEY", "WRONG")
    retrying = RetryPolicy(max_retries=3, backoff_base=0, jitter=0, retry_statuses=frozenset({429, 503}))
    with AuthenticatedClient(base_url=server.base_url, httpx_args={"auth": auth}, retry=retrying) as client:
        with pytest.raises(AuthenticationError):
            get_message_status.sync(ID, client=client)
    assert len(server.seen) == 1


# -- two clients at once ----------------------------------------------------------------------------


def _assert_each_verified_with_its_own_key(server: VerifyingServer, total: int) -> None:
    assert server.rejected() == []
    accepted = server.accepted()
    assert len(accepted) == total
    by_key = {(item.username, item.algorithm) for item in accepted}
    assert by_key == {("API_KEY", "hmac-sha1"), ("KEY_TWO", "hmac-sha256")}


def test_two_clients_across_threads(server: VerifyingServer) -> None:
    first = _client(server, "hmac-sha1")
    second = _client(server, "hmac-sha256", key="KEY_TWO")
    names = list(OPERATIONS)
    jobs = [(first if n % 2 else second, names[n % len(names)]) for n in range(32)]
    start = threading.Barrier(4, timeout=30)

    def run(job: tuple[Client, str]) -> Any:
        return _call_sync(*job)

    with first, second, ThreadPoolExecutor(max_workers=4, initializer=start.wait) as pool:
        results = list(pool.map(run, jobs))
    assert all(OPERATIONS[name][4](result) for (_, name), result in zip(jobs, results, strict=True))
    _assert_each_verified_with_its_own_key(server, len(jobs))


async def test_two_clients_across_tasks(server: VerifyingServer) -> None:
    first = _client(server, "hmac-sha1")
    second = _client(server, "hmac-sha256", key="KEY_TWO")
    names = list(OPERATIONS)
    jobs = [(first if n % 2 else second, names[n % len(names)]) for n in range(32)]
    async with first, second:
        results = await asyncio.gather(*(_call_async(client, name) for client, name in jobs))
    assert all(OPERATIONS[name][4](result) for (_, name), result in zip(jobs, results, strict=True))
    _assert_each_verified_with_its_own_key(server, len(jobs))
