"""MessageMedia and AsyncMessageMedia against the sandbox: the seed's seven examples and cancel,
with plain dicts and strings only, over HMAC and Basic, and the client object's own behaviour."""

from __future__ import annotations

import asyncio
import collections
import datetime
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_helpers import running_sandbox

import messagemedia_messages
from messagemedia_messages import AsyncMessageMedia, MessageMedia
from messagemedia_messages.api.replies import confirm_replies_as_received
from messagemedia_messages.errors import (
    APIConnectionError,
    ClientClosedError,
    ConfigurationError,
    NotFoundError,
    RequestValidationError,
)
from messagemedia_messages.models import ConfirmRepliesAsReceivedRequest, Format, Message, Metadata
from messagemedia_messages.types import MessageParam
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer

pytestmark = pytest.mark.sandbox
ROOT = Path(__file__).resolve().parent.parent
DEST = "+61491570156"
CONFIRM_IDS = [
    "011dcead-6988-4ad6-a1c7-6b6c68ea628d",
    "3487b3fa-6586-4979-a233-2d1b095c7718",
    "ba28e94b-c83d-4759-98e7-ff9c7edb87a1",
]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path) as running:
        yield running


def _wait_for(probe: Any, timeout: float = 10.0) -> Any:
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=timeout)
    while datetime.datetime.now() < deadline:
        value = probe()
        if value:
            return value
    raise AssertionError("gave up waiting")


@pytest.mark.parametrize("use_hmac", [True, False], ids=["hmac", "basic"])
def test_the_seed_examples_with_dicts_and_strings(sandbox: SandboxServer, use_hmac: bool) -> None:
    with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, hmac=use_hmac, base_url=sandbox.base_url) as client:
        # 1. Send an SMS (with delivery reports, which example 5 reads).
        sms = client.messages.send(
            messages=[{"content": "My first message", "destination_number": DEST, "delivery_report": True}]
        )
        sent = sms.messages[0]
        assert sent.status == "queued" and isinstance(sent.message_id, uuid.UUID)
        # 2. Send an MMS: the format as a string.
        mms = client.messages.send(
            messages=[
                {
                    "content": "My second message",
                    "destination_number": DEST,
                    "format": "MMS",
                    "media": ["https://images.example.com/photos/skyline.jpeg"],
                    "subject": "This is an MMS message",
                }
            ]
        )
        assert mms.messages[0].format_ is Format.MMS
        # 3. Get a message's status, by UUID and by str.
        assert client.messages.get_status(sent.message_id).content == "My first message"
        final = _wait_for(
            lambda: (m := client.messages.get_status(str(sent.message_id))).status == "delivered" and m
        )
        assert final.message_id == sent.message_id
        # 4. Check replies (a handset answers first).
        httpx.post(
            f"{sandbox.base_url}/sandbox/replies", json={"message_id": str(sent.message_id), "content": "Yes"}
        )
        replies = client.replies.check().replies
        assert [(r.message_id, r.content) for r in replies] == [(sent.message_id, "Yes")]
        client.replies.confirm(reply_ids=[str(r.reply_id) for r in replies])
        assert client.replies.check().replies == []
        # 5. Check delivery reports.
        reports = _wait_for(lambda: client.delivery_reports.check().delivery_reports)
        assert {str(r.message_id) for r in reports} == {str(sent.message_id)}
        # 6. Confirm delivery reports: the seed's fixed IDs (unknown ones are accepted), then ours.
        client.delivery_reports.confirm(delivery_report_ids=CONFIRM_IDS)
        client.delivery_reports.confirm(delivery_report_ids=[r.delivery_report_id for r in reports])
        # 7. Check credits remaining.
        assert client.messages.check_credits().to_dict()["credits"] == 10_000 - 2
        # And cancel a scheduled message: the scheduled time as an aware datetime.
        later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
        scheduled = client.messages.send(
            messages=[{"content": "Reminder: 3pm", "destination_number": DEST, "scheduled": later}]
        )
        assert scheduled.messages[0].status == "scheduled"
        client.messages.cancel(scheduled.messages[0].message_id)
        assert client.messages.get_status(scheduled.messages[0].message_id).status == "cancelled"


def test_the_seed_examples_async(sandbox: SandboxServer) -> None:
    async def main() -> None:
        async with AsyncMessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
            sent = (
                await client.messages.send(
                    messages=[{"content": "Async hello", "destination_number": DEST, "delivery_report": True}]
                )
            ).messages[0]
            await client.messages.send(
                messages=[
                    {"content": "Async MMS", "destination_number": DEST, "format": "MMS", "subject": "S"}
                ]
            )
            assert (await client.messages.get_status(str(sent.message_id))).content == "Async hello"
            assert (await client.replies.check()).replies == []
            await client.replies.confirm(reply_ids=CONFIRM_IDS[:1])
            for _ in range(200):
                reports = (await client.delivery_reports.check()).delivery_reports
                if reports:
                    break
                await asyncio.sleep(0.02)
            assert reports
            await client.delivery_reports.confirm(delivery_report_ids=[r.delivery_report_id for r in reports])
            assert (await client.messages.check_credits()).to_dict()["credits"] == 10_000 - 2
            later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
            scheduled = await client.messages.send(
                messages=[{"content": "Later", "destination_number": DEST, "scheduled": later}]
            )
            await client.messages.cancel(scheduled.messages[0].message_id)
            assert (await client.messages.get_status(scheduled.messages[0].message_id)).status == "cancelled"

    asyncio.run(main())


def test_models_and_dicts_mix(sandbox: SandboxServer) -> None:
    with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
        model = Message(content="A model", destination_number=DEST, metadata=Metadata.from_dict({"k": "v"}))
        answer = client.messages.send(messages=[model, {"content": "A dict", "destination_number": DEST}])
        assert [m.content for m in answer.messages] == ["A model", "A dict"]
        assert answer.messages[0].metadata is not None


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ({"content": 5, "destination_number": DEST}, "messages[0].content"),
        (
            {"content": "x", "destination_number": DEST, "scheduled": datetime.datetime(2030, 1, 1)},
            "messages[0].scheduled",
        ),
        ({"content": "x", "destination_number": DEST, "scheduled": "tomorrow"}, "messages[0].scheduled"),
        ({"content": "x", "destination_number": DEST, "format": "FAX"}, "messages[0].format"),
        ({"content": "x", "destination_number": DEST, "metadata": ["a"]}, "messages[0].metadata"),
        (
            {"content": "x", "destination_number": DEST, "delivery_report": "yes"},
            "messages[0].delivery_report",
        ),
        ({"destination_number": DEST}, "messages[0]"),
        # A misspelt field would otherwise go out unnoticed (and no delivery report would come).
        (
            {"content": "x", "destination_number": DEST, "delivery_reports": True},
            "messages[0].delivery_reports",
        ),
    ],
)
def test_wrong_values_are_named_before_anything_is_sent(message: dict[str, Any], field: str) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"nothing should be sent, but {request.method} {request.url} was")

    client = MessageMedia("K", "S", http_client=httpx.Client(transport=httpx.MockTransport(refuse)))
    with pytest.raises(RequestValidationError) as caught:
        client.messages.send(messages=[message])  # type: ignore[list-item]
    assert caught.value.field == field and caught.value.index == 0


def test_a_field_the_spec_does_not_define_is_refused_with_the_closest_one() -> None:
    client = MessageMedia("K", "S", base_url="http://127.0.0.1:9")  # nothing listens there
    message: Any = {"content": "x", "destination_number": DEST, "delivery_reports": True}
    with pytest.raises(RequestValidationError, match=r"did you mean delivery_report\?") as caught:
        client.messages.send(messages=[{"content": "ok", "destination_number": DEST}, message])
    assert (caught.value.field, caught.value.index, caught.value.rule) == (
        "messages[1].delivery_reports",
        1,
        "additionalProperties",
    )
    model = Message(content="x", destination_number=DEST)
    model["callback"] = "https://hooks.example.com/mm"  # a model's additional_properties are sent too
    with pytest.raises(RequestValidationError, match=r"messages\[0\].callback .*did you mean callback_url\?"):
        client.messages.send(messages=[model])
    body = ConfirmRepliesAsReceivedRequest(reply_ids=[uuid.uuid4()])
    body["zzz"] = 1
    with pytest.raises(RequestValidationError, match=r"zzz is not a field .*: the fields are reply_ids$"):
        confirm_replies_as_received.sync(client=client.low_level_client, body=body)
    # What stays open: metadata takes any key, as the spec says.
    with pytest.raises(APIConnectionError, match=r"127\.0\.0\.1:9"):  # valid, so it tries to send
        client.messages.send(
            messages=[{"content": "x", "destination_number": DEST, "metadata": {"any": "v"}}]
        )


def test_wrong_ids_are_named_before_anything_is_sent() -> None:
    client = MessageMedia("K", "S", base_url="http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(RequestValidationError, match="message_id must be a UUID"):
        client.messages.get_status("not-a-uuid")
    with pytest.raises(RequestValidationError, match=r"reply_ids\[1\]"):
        client.replies.confirm(reply_ids=[str(uuid.uuid4()), "nope"])
    # A str is a Sequence[str] to a type checker; the spec's rules still refuse it.
    with pytest.raises(RequestValidationError, match="reply_ids must be a list, not str"):
        client.replies.confirm(reply_ids=str(uuid.uuid4()))


def test_with_options_shares_the_pool_and_changes_only_what_is_given(sandbox: SandboxServer) -> None:
    client = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url, account="Main01")
    sub = client.with_options(account="Sub01", deadline=5)
    assert sub.low_level_client.get_httpx_client() is client.low_level_client.get_httpx_client()
    assert (sub.account, sub.low_level_client.deadline) == ("Sub01", 5.0)
    assert (client.account, client.low_level_client.deadline) == ("Main01", None)
    assert client.with_options(account=None).account is None
    sub.messages.send(messages=[{"content": "for the sub-account", "destination_number": DEST}])
    assert sub.messages.check_credits().to_dict()["credits"] == 9_999
    assert client.messages.check_credits().to_dict()["credits"] == 10_000
    assert client.messages.check_credits(account="Sub01").to_dict()["credits"] == 9_999
    with pytest.raises(ConfigurationError, match="account"):
        client.with_options(account="")


def test_an_async_client_works_from_a_second_event_loop(sandbox: SandboxServer) -> None:
    client = AsyncMessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url)

    async def credits() -> Any:
        return (await client.messages.check_credits()).to_dict()["credits"]

    assert asyncio.run(credits()) == 10_000
    assert asyncio.run(credits()) == 10_000  # a new loop: new connections, no "Event loop is closed"


def test_a_given_async_http_client_in_another_loop_says_what_to_do(sandbox: SandboxServer) -> None:
    client = AsyncMessageMedia(
        DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url, http_client=httpx.AsyncClient()
    )

    async def credits() -> Any:
        return (await client.messages.check_credits()).to_dict()["credits"]

    assert asyncio.run(credits()) == 10_000
    with pytest.raises(ConfigurationError, match="another event loop"):
        asyncio.run(credits())


def test_a_given_http_client_still_goes_to_base_url_and_is_signed(sandbox: SandboxServer) -> None:
    with httpx.Client(base_url="http://elsewhere.invalid") as mine:
        client = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url, http_client=mine)
        assert client.messages.check_credits().to_dict()["credits"] == 10_000


def test_a_closed_client_says_so_and_sends_nothing(sandbox: SandboxServer) -> None:
    message: MessageParam = {"content": "after close", "destination_number": DEST}
    used = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url)
    sub = used.with_options(account="Sub01")
    used.messages.check_credits()
    used.close()
    never_used = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url)
    never_used.close()  # closed before its first call: closed all the same, not silently reopened
    with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as scoped:
        scoped.messages.check_credits()
    with httpx.Client() as theirs:
        given = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url, http_client=theirs)
    for closed in (used, sub, never_used, scoped, given):
        with pytest.raises(ClientClosedError, match="closed") as caught:
            closed.messages.send(messages=[message])
        assert isinstance(caught.value, ConfigurationError) and DEFAULT_SECRET not in str(caught.value)
        result = closed.messages.send_many([message, message])
        assert [type(f.error) for f in result.failures] == [ClientClosedError] and result.requests == 1
    assert sandbox.store.count_all()["messages"] == 0


def test_a_closed_async_client_says_so(sandbox: SandboxServer) -> None:
    async def scenario() -> None:
        client = AsyncMessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url)
        await client.messages.check_credits()
        await client.aclose()
        with pytest.raises(ClientClosedError):
            await client.messages.check_credits()
        async with AsyncMessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as scoped:
            await scoped.messages.check_credits()
        with pytest.raises(ClientClosedError):
            await scoped.messages.check_credits()

    asyncio.run(scenario())


def test_a_base_url_with_v1_works(sandbox: SandboxServer) -> None:
    client = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url + "/v1/")
    assert client.messages.check_credits().to_dict()["credits"] == 10_000


def test_a_wrong_path_404_says_the_url_is_wrong_not_the_account(sandbox: SandboxServer) -> None:
    client = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url + "/api")
    with pytest.raises(NotFoundError) as caught:
        client.messages.check_credits()
    text = str(caught.value)
    assert "The URL does not exist" in text and f"{sandbox.base_url}/api/v1/messaging/credits" in text
    assert "account" not in text.split("API said", maxsplit=1)[0]
    good = MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url)
    with pytest.raises(NotFoundError, match="Nothing with this ID on this account"):
        good.messages.get_status(uuid.uuid4())


def test_a_connection_error_names_the_host_it_tried() -> None:
    from fault_server import free_port

    port = free_port()
    client = MessageMedia(
        "K", "S", base_url=f"http://127.0.0.1:{port}", retry=messagemedia_messages.RetryPolicy(max_retries=0)
    )
    with pytest.raises(messagemedia_messages.errors.APIConnectionError, match=f"at http://127.0.0.1:{port}"):
        client.messages.check_credits()


def test_the_package_reads_like_an_sdk() -> None:
    doc = messagemedia_messages.__doc__ or ""
    assert doc.startswith("The Python SDK for the MessageMedia")
    assert "client.messages.send(messages=[" in doc[:600]
    assert "make generate" not in doc[:600]  # how it is made comes after how to use it
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert messagemedia_messages.__version__ == pyproject["project"]["version"]
    assert issubclass(ConfigurationError, messagemedia_messages.MessageMediaError)


@pytest.mark.parametrize("account", ["é", "\x00", "a\r\nX-Evil: 1", " ", " Sub01", "Sub\t01", "x" * 101, ""])
def test_a_per_call_account_is_held_to_the_same_rule_before_sending(account: str) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"nothing should be sent, but {request.method} {request.url} was")

    client = MessageMedia("K", "S", http_client=httpx.Client(transport=httpx.MockTransport(refuse)))
    with pytest.raises(RequestValidationError, match=r"account \(the Account header\)"):
        client.messages.check_credits(account=account)
    with pytest.raises(ConfigurationError, match="account"):  # as the constructor says it
        client.with_options(account=account)


def test_numbers_to_check_may_be_a_list_or_the_joined_string() -> None:
    seen: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path)
        return httpx.Response(200, json={"uri": "/v1/number_authorisation/is_authorised/x", "numbers": []})

    client = MessageMedia("K", "S", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    client.number_authorisation.check(["+61491570156", "+61491570159"])
    client.number_authorisation.check(("+61491570156",))
    client.number_authorisation.check("+61491570156,+61491570159")
    client.number_authorisation.check(collections.deque(["+61491570156", "+61491570159"]))
    joined = b"/v1/number_authorisation/is_authorised/%2B61491570156%2C%2B61491570159"
    assert seen == [joined, b"/v1/number_authorisation/is_authorised/%2B61491570156", joined, joined]
    with pytest.raises(RequestValidationError, match=r"numbers must be E\.164"):
        client.number_authorisation.check(["+61491570156", "0491570159"])
    assert len(seen) == 4
