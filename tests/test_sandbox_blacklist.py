"""The Number Authorisation API of the sandbox, and the chain it exists for: a handset replies
STOP, its number goes on the account's blacklist, and a later send to it is accepted and then
refused with a delivery report carrying error code 302."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sandbox_helpers import DEST, Api, running_sandbox, wait_until

from messagemedia_messages import MessageMedia
from messagemedia_messages.errors import NotFoundError
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer
from messagemedia_sandbox.cli import main

pytestmark = pytest.mark.sandbox
LIST = "/v1/number_authorisation/mt/blacklist"
OTHER = "+61491570157"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path) as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[MessageMedia]:
    with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as made:
        yield made


@pytest.fixture
def api(sandbox: SandboxServer) -> Iterator[Api]:
    raw = Api(sandbox.base_url)
    yield raw
    raw.close()


def test_add_check_list_remove(client: MessageMedia, api: Api) -> None:
    response = api.post(LIST, {"numbers": [DEST]})
    assert response.status_code == 201
    assert response.json() == {"uri": LIST, "numbers": [DEST]}
    again = api.post(LIST, {"numbers": [DEST]})
    assert again.status_code == 200 and again.json() == {"uri": LIST, "numbers": [DEST]}
    assert api.post(LIST, {"numbers": [DEST, OTHER]}).status_code == 201  # one was new
    checked = client.number_authorisation.check(f"{DEST},{OTHER},+61491570158")
    assert [(n.number, n.authorised) for n in checked.numbers] == [
        (DEST, False),
        (OTHER, False),
        ("+61491570158", True),
    ]
    assert checked.uri == f"/v1/number_authorisation/is_authorised/{DEST},{OTHER},+61491570158"
    assert list(client.number_authorisation.list_blacklist()) == [DEST, OTHER]
    removed = api.request("DELETE", f"{LIST}/{DEST}")
    assert removed.status_code == 200
    assert removed.headers["content-type"].startswith("text/plain") and removed.text
    with pytest.raises(NotFoundError):
        client.number_authorisation.remove_from_blacklist(DEST)
    client.number_authorisation.remove_from_blacklist(OTHER)
    assert list(client.number_authorisation.list_blacklist()) == []
    assert client.number_authorisation.check(DEST).numbers[0].authorised is True


def test_percent_encoded_plus_signs_are_read_as_plus(api: Api) -> None:
    api.post(LIST, {"numbers": [DEST]})
    answer = api.get(f"/v1/number_authorisation/is_authorised/%2B{DEST[1:]}").json()
    assert answer["numbers"] == [{"number": DEST, "authorised": False}]
    assert api.request("DELETE", f"{LIST}/%2B{DEST[1:]}").status_code == 200


@pytest.mark.parametrize(
    "numbers", ["61491570156", "+61491570156,", "+0123", "+61491570156;+61491570157", "abc"]
)
def test_check_refuses_what_is_not_a_list_of_e164_numbers(api: Api, numbers: str) -> None:
    response = api.get(f"/v1/number_authorisation/is_authorised/{numbers}")
    assert response.status_code == 400
    assert response.json()["details"][0].startswith("numbers:")


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"numbers": []}, "numbers"),
        ({"numbers": [f"+6149157{n:04d}" for n in range(11)]}, "numbers"),
        ({"numbers": ["0491570156"]}, "numbers[0]"),
        ({}, "body"),
    ],
)
def test_add_rules(api: Api, body: dict[str, object], named: str) -> None:
    response = api.post(LIST, body)
    assert response.status_code == 400
    assert any(line.startswith(f"{named}:") for line in response.json()["details"]), response.json()
    assert api.get(LIST).json()["numbers"] == []


def test_removing_what_is_not_listed_is_404(api: Api) -> None:
    assert api.request("DELETE", f"{LIST}/{DEST}").status_code == 404
    assert api.request("DELETE", f"{LIST}/not-a-number").status_code == 404


def test_250_numbers_page_by_token_100_at_a_time(client: MessageMedia, api: Api) -> None:
    numbers = [f"+614915{n:05d}" for n in range(250)]
    for start in range(0, 250, 10):
        client.number_authorisation.add_to_blacklist(numbers=numbers[start : start + 10])
    pager = client.number_authorisation.list_blacklist()
    assert list(pager) == numbers
    pages = list(pager.iter_pages())
    assert [len(page.items) for page in pages] == [100, 100, 50]
    assert pages[-1].response.to_dict()["pagination"] == {"page": None, "next_uri": None}
    # next_uri leads to the same pages as the token.
    first = api.get(LIST).json()
    assert first["uri"] == LIST
    second = api.get(first["pagination"]["next_uri"]).json()
    assert second["numbers"] == numbers[100:200]
    assert second["uri"] == first["pagination"]["next_uri"]
    assert api.get(f"{LIST}?token={first['pagination']['page']}").json() == second


def test_a_number_removed_between_pages_shifts_nothing(client: MessageMedia) -> None:
    numbers = [f"+614915{n:05d}" for n in range(150)]
    for start in range(0, 150, 10):
        client.number_authorisation.add_to_blacklist(numbers=numbers[start : start + 10])
    first = client.number_authorisation.list_blacklist()
    client.number_authorisation.remove_from_blacklist(numbers[0])
    following = first.next_page()
    assert following is not None and following.items == numbers[100:]


@pytest.mark.parametrize("token", ["garbage", "e30", "eyJhZnRlciI6LTF9", ""])
def test_an_unreadable_token_is_an_empty_last_page(api: Api, token: str) -> None:
    api.post(LIST, {"numbers": [DEST]})
    answer = api.get(f"{LIST}?token={token}").json()
    assert answer["numbers"] == [] and answer["pagination"] == {"page": None, "next_uri": None}


def test_blacklists_belong_to_the_api_key(tmp_path: Path) -> None:
    credentials = {DEFAULT_KEY: DEFAULT_SECRET, "other-key": "other-secret"}
    with running_sandbox(tmp_path, credentials=credentials) as sandbox:
        with (
            MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as mine,
            MessageMedia("other-key", "other-secret", base_url=sandbox.base_url) as theirs,
        ):
            mine.number_authorisation.add_to_blacklist(numbers=[DEST])
            assert list(theirs.number_authorisation.list_blacklist()) == []
            assert theirs.number_authorisation.check(DEST).numbers[0].authorised is True
            (sent,) = theirs.messages.send(messages=[{"content": "Hi", "destination_number": DEST}]).messages
            assert _final(theirs, sent.message_id) == "delivered"


# -- the chain: STOP, the blacklist, a refused send ---------------------------------------------


def _final(client: MessageMedia, message_id: object) -> str:
    def final() -> str | None:
        status = str(client.messages.get_status(str(message_id)).status)
        return status if status in {"delivered", "rejected", "failed", "expired"} else None

    return str(wait_until(final))


def _reports(client: MessageMedia, message_id: object) -> list[tuple[str, str]]:
    return [
        (str(report.status), str(report.error_code))
        for report in client.delivery_reports.check().delivery_reports
        if str(report.message_id) == str(message_id)
    ]


def test_stop_lists_the_handset_and_later_sends_are_refused_with_302(
    sandbox: SandboxServer, client: MessageMedia
) -> None:
    (first,) = client.messages.send(messages=[{"content": "Offer", "destination_number": DEST}]).messages
    assert _final(client, first.message_id) == "delivered"
    reply = httpx.post(
        f"{sandbox.base_url}/sandbox/replies",
        json={"message_id": str(first.message_id), "content": "  sToP \n"},
    )
    assert reply.status_code == 201
    # The opt-out is still a reply, and the number is now listed.
    assert [r.content for r in client.replies.check().replies] == ["  sToP \n"]
    assert client.number_authorisation.check(DEST).numbers[0].authorised is False
    assert list(client.number_authorisation.list_blacklist()) == [DEST]
    (notification,) = sandbox.store.opt_outs()
    assert uuid.UUID(notification["notification_id"])
    assert notification["message_id"] == str(first.message_id)
    assert (notification["source_number"], notification["content"]) == (DEST, "  sToP \n")

    (refused,) = client.messages.send(
        messages=[{"content": "Another offer", "destination_number": DEST, "delivery_report": True}]
    ).messages
    assert refused.status == "queued"  # accepted, as the API accepts it
    assert _final(client, refused.message_id) == "rejected"
    # Refused by the platform: never enroute nor submitted, one report with "destination blocked".
    assert wait_until(lambda: _reports(client, refused.message_id)) == [("rejected", "302")]

    client.number_authorisation.remove_from_blacklist(DEST)
    (again,) = client.messages.send(
        messages=[{"content": "Welcome back", "destination_number": DEST}]
    ).messages
    assert _final(client, again.message_id) == "delivered"


@pytest.mark.parametrize("word", ["STOP", "stop", "Unsubscribe", " quit", "STOPALL", "end", "cancel"])
def test_opt_out_keywords(sandbox: SandboxServer, client: MessageMedia, word: str) -> None:
    httpx.post(f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": word})
    assert client.number_authorisation.check(DEST).numbers[0].authorised is False
    (notification,) = sandbox.store.opt_outs()
    assert "message_id" not in notification  # it answered no message


@pytest.mark.parametrize("text", ["please don't stop", "STOP NOW", "S T O P", "Stopp"])
def test_a_reply_that_only_mentions_stop_is_a_reply(
    sandbox: SandboxServer, client: MessageMedia, text: str
) -> None:
    httpx.post(f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": text})
    assert client.number_authorisation.check(DEST).numbers[0].authorised is True
    assert sandbox.store.opt_outs() == []


def test_the_cli_reply_command_opts_out(
    sandbox: SandboxServer, client: MessageMedia, capsys: pytest.CaptureFixture[str]
) -> None:
    (sent,) = client.messages.send(messages=[{"content": "Offer", "destination_number": OTHER}]).messages
    assert main(["reply", "--url", sandbox.base_url, str(sent.message_id), "STOP"]) == 0
    assert "STOP" in capsys.readouterr().out
    assert list(client.number_authorisation.list_blacklist()) == [OTHER]


def test_an_opt_out_from_a_sub_account_lists_the_number_for_its_parent(
    sandbox: SandboxServer, client: MessageMedia
) -> None:
    # The Number Authorisation API takes no Account header: the blacklist is the API key's, and
    # it applies to the sends of its sub-accounts too.
    sub = client.with_options(account="SubAccount01")
    (sent,) = sub.messages.send(messages=[{"content": "Offer", "destination_number": DEST}]).messages
    httpx.post(
        f"{sandbox.base_url}/sandbox/replies", json={"message_id": str(sent.message_id), "content": "STOP"}
    )
    assert list(client.number_authorisation.list_blacklist()) == [DEST]
    (notification,) = sandbox.store.opt_outs()
    assert notification["account_id"] == "SubAccount01"
    (refused,) = sub.messages.send(messages=[{"content": "Again", "destination_number": DEST}]).messages
    assert _final(sub, refused.message_id) == "rejected"


def test_a_scheduled_message_is_checked_when_it_leaves(client: MessageMedia) -> None:
    later = datetime.now(UTC) + timedelta(seconds=1)
    (scheduled,) = client.messages.send(
        messages=[
            {"content": "Later", "destination_number": DEST, "scheduled": later, "delivery_report": True}
        ]
    ).messages
    assert scheduled.status == "scheduled"
    client.number_authorisation.add_to_blacklist(numbers=[DEST])
    time.sleep(1)
    assert _final(client, scheduled.message_id) == "rejected"
    assert wait_until(lambda: _reports(client, scheduled.message_id)) == [("rejected", "302")]
