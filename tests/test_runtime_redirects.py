"""Redirects never fake an outcome: a send is never followed; reads follow only when asked.

Before: with follow_redirects=True a 301 to a send made httpx re-issue the POST as a bodiless GET
to the other host, whose 200 was parsed as the send's result.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
import verifying_server
from fault_server import FaultServer, Step, running

from messagemedia_messages import AsyncMessageMedia, MessageMedia
from messagemedia_messages.errors import SendOutcomeUnknownError, UnexpectedStatusError
from messagemedia_messages.types import MessageParam

KEY, SECRET = "REDIRECT_KEY", "REDIRECT_SECRET"
MESSAGE: MessageParam = {"content": "hello", "destination_number": "+61491570156"}


@pytest.fixture
def target() -> Iterator[verifying_server.VerifyingServer]:
    """Where the redirects point: it recomputes every HMAC from the request it receives."""
    with verifying_server.running({KEY: SECRET}) as server:
        yield server


@pytest.fixture
def origin() -> Iterator[FaultServer]:
    with running() as server:
        yield server


def _redirect(origin: FaultServer, location: str, status: int = 301) -> None:
    origin.responder = lambda _r: Step(status, {"moved": True}, headers={"Location": location})


@pytest.mark.parametrize("follow", [True, False])
def test_a_redirected_send_is_an_unknown_outcome_never_a_success(
    origin: FaultServer, target: verifying_server.VerifyingServer, follow: bool
) -> None:
    _redirect(origin, f"{target.base_url}/v1/messages", 301)
    client = MessageMedia(KEY, SECRET, base_url=origin.url, follow_redirects=follow)
    with pytest.raises(SendOutcomeUnknownError) as caught:
        client.messages.send(messages=[MESSAGE])
    assert "HTTP 301, a redirect to" in str(caught.value) and "never followed" in str(caught.value)
    assert target.seen == []  # nothing went to the other host
    assert len(origin.requests) == 1  # and nothing was sent twice


async def test_a_redirected_send_is_an_unknown_outcome_async(
    origin: FaultServer, target: verifying_server.VerifyingServer
) -> None:
    _redirect(origin, f"{target.base_url}/v1/messages", 308)
    async with AsyncMessageMedia(KEY, SECRET, base_url=origin.url, follow_redirects=True) as client:
        with pytest.raises(SendOutcomeUnknownError):
            await client.messages.send(messages=[MESSAGE])
    assert target.seen == []


@pytest.mark.parametrize("status", [301, 302, 307, 308])
@pytest.mark.parametrize("hmac", [True, False], ids=["hmac", "basic"])
def test_reads_follow_redirects_when_asked_and_each_hop_is_signed(
    target: verifying_server.VerifyingServer, status: int, hmac: bool
) -> None:
    message_id = verifying_server.MESSAGE_ID
    client = MessageMedia(KEY, SECRET, base_url=target.base_url, follow_redirects=True, hmac=hmac)
    target.redirects["/v1/messages/7a6f1c2e-0000-4000-8000-000000000000"] = (
        status,
        f"/v1/messages/{message_id}",
    )
    assert str(client.messages.get_status("7a6f1c2e-0000-4000-8000-000000000000").message_id) == message_id
    first, second = target.seen
    assert first.accepted and second.accepted, (first.reason, second.reason)  # each hop signed afresh
    assert second.target == f"/v1/messages/{message_id}"


@pytest.mark.parametrize("hmac", [True, False], ids=["hmac", "basic"])
def test_a_redirect_to_another_origin_is_not_followed_so_credentials_stay_home(
    origin: FaultServer, target: verifying_server.VerifyingServer, hmac: bool
) -> None:
    # target listens on another port of the same host: another origin, as another host would be.
    _redirect(origin, f"{target.base_url}/v1/messaging/credits", 307)
    client = MessageMedia(KEY, SECRET, base_url=origin.url, follow_redirects=True, hmac=hmac)
    with pytest.raises(UnexpectedStatusError) as caught:
        client.messages.check_credits()
    assert caught.value.status_code == 307 and f"redirect to {target.base_url}" in str(caught.value)
    assert target.seen == []  # no signature, no secret went there


async def test_async_reads_follow_redirects_when_asked(target: verifying_server.VerifyingServer) -> None:
    target.redirects["/v1/messaging/credits"] = (307, f"{target.base_url}/v1/messaging/credits?moved=1")
    async with AsyncMessageMedia(KEY, SECRET, base_url=target.base_url, follow_redirects=True) as client:
        assert (await client.messages.check_credits()).to_dict() == {"credits": 10}
    assert [s.accepted for s in target.seen] == [True, True]


def test_reads_do_not_follow_redirects_unless_asked(
    origin: FaultServer, target: verifying_server.VerifyingServer
) -> None:
    _redirect(origin, f"{target.base_url}/v1/messaging/credits")
    client = MessageMedia(KEY, SECRET, base_url=origin.url)
    with pytest.raises(UnexpectedStatusError) as caught:
        client.messages.check_credits()
    assert caught.value.status_code == 301
    assert f"redirect to {target.base_url}/v1/messaging/credits" in str(caught.value)
    assert target.seen == []


def test_a_redirect_that_would_turn_a_post_into_a_get_is_not_followed(
    origin: FaultServer, target: verifying_server.VerifyingServer
) -> None:
    _redirect(origin, f"{target.base_url}/v1/replies/confirmed", 302)
    client = MessageMedia(KEY, SECRET, base_url=origin.url, follow_redirects=True)
    with pytest.raises(UnexpectedStatusError):
        client.replies.confirm(reply_ids=[str(uuid.uuid4())])
    assert target.seen == []


def test_a_redirect_from_https_to_http_is_not_followed() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(307, headers={"Location": "http://plain.example/v1/messaging/credits"})

    client = MessageMedia(
        KEY, SECRET, follow_redirects=True, http_client=httpx.Client(transport=httpx.MockTransport(answer))
    )
    with pytest.raises(UnexpectedStatusError, match="never from https to http"):
        client.messages.check_credits()
    assert seen == ["https://api.messagemedia.com/v1/messaging/credits"]


def test_redirect_loops_end(origin: FaultServer) -> None:
    origin.responder = lambda r: Step(307, {}, headers={"Location": f"{origin.url}{r.path}"})
    client = MessageMedia(KEY, SECRET, base_url=origin.url, follow_redirects=True)
    with pytest.raises(UnexpectedStatusError):
        client.messages.check_credits()
    assert len(origin.requests) == 6  # the request and 5 redirects
