"""The eight operations against a live in-process sandbox: shapes, status codes and rules."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sandbox_helpers import DEST, Api, running_sandbox, sms, wait_until

from messagemedia_sandbox import SandboxServer

pytestmark = pytest.mark.sandbox


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path, auto_reply=None) as server:
        yield server


@pytest.fixture
def api(sandbox: SandboxServer) -> Iterator[Api]:
    client = Api(sandbox.base_url)
    yield client
    client.close()


def in_future(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


def test_send_echoes_messages_with_id_and_queued_status(api: Api) -> None:
    metadata = {"booking": "A-1042"}
    first, second = api.send(sms(metadata=metadata), sms(content="second", source_number="+61491570157"))
    assert first["status"] == "queued" and second["status"] == "queued"
    assert uuid.UUID(first["message_id"]) != uuid.UUID(second["message_id"])
    assert first["metadata"] == metadata and first["format"] == "SMS" and first["delivery_report"] is False
    assert second["content"] == "second"


def test_get_message_returns_what_was_sent(api: Api) -> None:
    (sent,) = api.send(sms(format="MMS", subject="Look", media=["https://images.example.com/a.png"]))
    fetched = api.get(f"/v1/messages/{sent['message_id']}").json()
    assert {k: v for k, v in fetched.items() if k != "status"} == {
        k: v for k, v in sent.items() if k != "status"
    }


def test_lifecycle_reaches_delivered(api: Api) -> None:
    (sent,) = api.send(sms())
    seen = set()

    def delivered() -> bool:
        seen.add(api.status(sent["message_id"]))
        return "delivered" in seen

    wait_until(delivered)
    assert seen <= {"queued", "enroute", "submitted", "delivered"}


def test_lifecycle_is_timed_by_the_speed(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, speed=1) as slow:  # one second per step
        api = Api(slow.base_url)
        (sent,) = api.send(sms())
        assert api.status(sent["message_id"]) == "queued"
        wait_until(lambda: api.status(sent["message_id"]) == "enroute", timeout=4)
        api.close()


@pytest.mark.parametrize(
    ("option", "status", "code"),
    [("fail_destinations", "failed", "330"), ("reject_destinations", "rejected", "402")],
)
def test_configured_destinations_fail_or_reject(tmp_path: Path, option: str, status: str, code: str) -> None:
    bad = "+61400000001"
    with running_sandbox(tmp_path, **{option: frozenset({bad})}) as sandbox:
        api = Api(sandbox.base_url)
        (sent,) = api.send(sms(destination_number=bad, delivery_report=True))
        wait_until(lambda: api.status(sent["message_id"]) == status)
        final = [r for r in api.reports() if r["message_id"] == sent["message_id"]][-1]
        assert (final["status"], final["error_code"]) == (status, code)
        api.close()


def test_admin_marks_a_destination(api: Api) -> None:
    # `undeliverable` is no longer a status the API sends: such a message ends `failed`, code 400.
    number = "+61400000002"
    marked = api.http.post("/sandbox/destinations", json={"number": number, "outcome": "undeliverable"})
    assert marked.status_code == 200
    assert marked.json() == {"number": number, "outcome": "failed", "error_code": "400"}
    (sent,) = api.send(sms(destination_number=number, delivery_report=True))
    wait_until(lambda: api.status(sent["message_id"]) == "failed")
    reports = [r for r in api.reports() if r["message_id"] == sent["message_id"]]
    assert [r["status"] for r in reports] == ["enroute", "submitted", "failed"]
    assert reports[-1]["error_code"] == "400"
    assert api.http.post("/sandbox/destinations", json={"number": "x", "outcome": "?"}).status_code == 400
    short = api.http.post("/sandbox/destinations", json={"number": "+6", "outcome": "fail"})
    assert short.status_code == 400 and "8 to 15 digits" in short.json()["details"][0]


def test_message_expiring_in_flight_ends_expired(api: Api) -> None:
    expiry = (datetime.now(UTC) + timedelta(milliseconds=30)).isoformat()
    (sent,) = api.send(sms(message_expiry_timestamp=expiry, delivery_report=True))
    assert sent["message_expiry_timestamp"].endswith("Z")
    wait_until(lambda: api.status(sent["message_id"]) == "expired")
    assert api.reports()[-1]["error_code"] == "401"


def test_scheduled_message_can_be_cancelled_once(api: Api) -> None:
    (sent,) = api.send(sms(scheduled=in_future(3600)))
    assert sent["status"] == "scheduled" and sent["scheduled"].endswith("Z")
    path = f"/v1/messages/{sent['message_id']}"
    assert api.status(sent["message_id"]) == "scheduled"
    cancelled = api.put(path, {"status": "cancelled"})
    assert cancelled.status_code == 200 and cancelled.content == b""
    assert api.status(sent["message_id"]) == "cancelled"
    again = api.put(path, {"status": "cancelled"})
    assert again.status_code == 400 and "cancelled" in again.json()["details"][0]


def test_scheduled_message_is_sent_when_due(api: Api) -> None:
    (sent,) = api.send(sms(scheduled=in_future(0.2)))
    assert sent["status"] == "scheduled"
    wait_until(lambda: api.status(sent["message_id"]) == "delivered")


def test_scheduled_in_the_past_is_sent_now(api: Api) -> None:
    (sent,) = api.send(sms(scheduled="2020-01-01T00:00:00Z"))
    assert sent["status"] == "queued"


def test_only_scheduled_messages_can_be_cancelled(api: Api) -> None:
    (sent,) = api.send(sms())
    response = api.put(f"/v1/messages/{sent['message_id']}", {"status": "cancelled"})
    assert response.status_code == 400
    assert "scheduled" in response.json()["message"]


def test_cancel_body_must_be_cancelled(api: Api) -> None:
    (sent,) = api.send(sms(scheduled=in_future(3600)))
    response = api.put(f"/v1/messages/{sent['message_id']}", {"status": "delivered"})
    assert response.status_code == 400 and response.json()["details"]
    assert api.status(sent["message_id"]) == "scheduled"


def test_unknown_message_is_404(api: Api) -> None:
    missing = str(uuid.uuid4())
    assert api.get(f"/v1/messages/{missing}").status_code == 404
    response = api.put(f"/v1/messages/{missing}", {"status": "cancelled"})
    assert response.status_code == 404 and response.json()["message"]


@pytest.mark.parametrize("raw_id", ["not-a-uuid", "877c19ef", "%20", "877c19ef-fa2e-4cec-827a-e1df9b5509f7x"])
def test_malformed_message_id_is_404_like_any_unknown_id(api: Api, raw_id: str) -> None:
    # The API documents 404 for an ID it does not know, however malformed.
    for response in (
        api.get(f"/v1/messages/{raw_id}"),
        api.put(f"/v1/messages/{raw_id}", {"status": "cancelled"}),
        api.put(f"/v1/messages/{raw_id}", {"status": "not valid"}),
    ):
        assert response.status_code == 404, response.text
        assert set(response.json()) == {"message"} and response.json()["message"]


@pytest.mark.parametrize("number", ["+6", "+6149157", "+0491570156", "+6149157015612345", "61491570156"])
def test_destinations_follow_the_api_rule(api: Api, number: str) -> None:
    response = api.post("/v1/messages", {"messages": [sms(destination_number=number)]})
    assert response.status_code == 400, response.text
    details = response.json()["details"]
    assert all(detail.startswith("messages[0].destination_number:") for detail in details)
    assert any("8 to 15 digits" in detail for detail in details)


@pytest.mark.parametrize("number", ["+61491570", "+614915701561234"])
def test_destinations_of_8_and_15_digits_are_accepted(api: Api, number: str) -> None:
    (sent,) = api.send(sms(destination_number=number))
    assert sent["destination_number"] == number


def test_invalid_send_is_400_with_details_and_stores_nothing(api: Api, sandbox: SandboxServer) -> None:
    before = sandbox.store.count_all()["messages"]
    credits = api.credits()
    response = api.post(
        "/v1/messages",
        {
            "messages": [
                sms(),
                sms(destination_number="0491570156"),
                {"content": "", "destination_number": DEST, "subject": "x", "metadata": {"k": 1}},
            ]
        },
    )
    assert response.status_code == 400
    details = response.json()["details"]
    assert any(d.startswith("messages[1].destination_number:") and "E.164" in d for d in details)
    assert any(d.startswith("messages[2].content:") for d in details)
    assert any(d.startswith("messages[2]") and "MMS" in d for d in details)
    assert any(d.startswith("messages[2].metadata.k:") for d in details)
    assert sandbox.store.count_all()["messages"] == before
    assert api.credits() == credits


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"messages": []}, "messages"),
        ({"messages": [sms()] * 101}, "messages"),
        ({}, "body"),
        ([], "body"),
        ({"messages": [sms(format="FAX")]}, "messages[0].format"),
        ({"messages": [sms(delivery_report="yes")]}, "messages[0].delivery_report"),
        ({"messages": [sms(callback_url="not a uri")]}, "messages[0].callback_url"),
        ({"messages": [sms(scheduled="tomorrow")]}, "messages[0].scheduled"),
        ({"messages": [sms(content="x" * 5001)]}, "messages[0].content"),
        ({"messages": [sms(metadata={str(i): "v" for i in range(11)})]}, "messages[0].metadata"),
    ],
)
def test_schema_violations(api: Api, body: object, where: str) -> None:
    response = api.post("/v1/messages", body)
    assert response.status_code == 400
    assert any(d.startswith(f"{where}:") for d in response.json()["details"]), response.json()


def test_hundred_messages_in_one_send(api: Api) -> None:
    assert len(api.send(*[sms(content=f"n{i}") for i in range(100)])) == 100


def test_credits_go_down_by_parts(api: Api) -> None:
    start = api.credits()
    api.send(sms(content="a" * 160))  # one GSM part
    assert api.credits() == start - 1
    api.send(sms(content="a" * 161))  # two parts of 153
    assert api.credits() == start - 3
    api.send(sms(content="é" * 10 + "日本"))  # UCS-2, one part of 70
    assert api.credits() == start - 4
    api.send(sms(content="日" * 71))  # UCS-2, two parts of 67
    assert api.credits() == start - 6


def test_cancel_gives_the_credits_back(api: Api) -> None:
    start = api.credits()
    (sent,) = api.send(sms(scheduled=in_future(3600)))
    assert api.credits() == start - 1
    api.put(f"/v1/messages/{sent['message_id']}", {"status": "cancelled"})
    assert api.credits() == start


def test_delivery_reports_only_when_asked(api: Api) -> None:
    quiet, loud = api.send(
        sms(content="quiet"), sms(content="loud", delivery_report=True, metadata={"a": "b"})
    )
    wait_until(
        lambda: (
            api.status(quiet["message_id"]) == "delivered" and api.status(loud["message_id"]) == "delivered"
        )
    )
    reports = api.reports()
    assert {r["message_id"] for r in reports} == {loud["message_id"]}
    assert [r["status"] for r in reports] == ["enroute", "submitted", "delivered"]
    final = reports[-1]
    assert final["error_code"] == "220" and final["billing_units"] == 1
    assert (
        final["original_text"] == "loud"
        and final["metadata"] == {"a": "b"}
        and final["source_number"] == DEST
    )
    assert final["vendor_account_id"]["vendor_id"] == "SinchEU"
    assert final["date_received"] >= final["submitted_date"]


def test_delivery_reports_stay_until_confirmed(api: Api) -> None:
    api.send(sms(delivery_report=True))
    wait_until(lambda: len(api.reports()) == 3)
    ids = [r["delivery_report_id"] for r in api.reports()]
    assert [r["delivery_report_id"] for r in api.reports()] == ids
    assert api.post("/v1/delivery_reports/confirmed", {"delivery_report_ids": ids[:2]}).status_code == 202
    assert [r["delivery_report_id"] for r in api.reports()] == ids[2:]
    # Confirming again, or an ID the account does not have, is harmless.
    again = api.post("/v1/delivery_reports/confirmed", {"delivery_report_ids": [*ids, str(uuid.uuid4())]})
    assert again.status_code == 202
    assert api.reports() == []


def test_checks_return_the_oldest_hundred(api: Api, sandbox: SandboxServer) -> None:
    (sent,) = api.send(sms())
    for i in range(105):
        sandbox.store.add_reply(sent["message_id"], f"reply {i}", 0.0)
    page = api.replies()
    assert [r["content"] for r in page] == [f"reply {i}" for i in range(100)]
    api.post("/v1/replies/confirmed", {"reply_ids": [r["reply_id"] for r in page]})
    assert [r["content"] for r in api.replies()] == [f"reply {i}" for i in range(100, 105)]


def test_confirm_validates_ids(api: Api) -> None:
    assert api.post("/v1/replies/confirmed", {"reply_ids": []}).status_code == 400
    assert api.post("/v1/replies/confirmed", {"reply_ids": ["nope"]}).status_code == 400
    assert api.post("/v1/delivery_reports/confirmed", {"ids": []}).status_code == 400


def test_simulated_reply_checked_and_confirmed(api: Api) -> None:
    (sent,) = api.send(
        sms(source_number="+61491570157", callback_url="http://127.0.0.1:9/hook", metadata={"k": "v"})
    )
    created = api.http.post("/sandbox/replies", json={"message_id": sent["message_id"], "content": "Yes"})
    assert created.status_code == 201
    (reply,) = api.replies()
    assert reply == created.json()
    assert reply["message_id"] == sent["message_id"] and reply["content"] == "Yes"
    assert reply["source_number"] == DEST and reply["destination_number"] == "+61491570157"
    assert reply["metadata"] == {"k": "v"} and reply["callback_url"] == "http://127.0.0.1:9/hook"
    assert api.post("/v1/replies/confirmed", {"reply_ids": [reply["reply_id"]]}).status_code == 202
    assert api.replies() == []


def test_reply_without_source_has_no_destination_number(api: Api) -> None:
    (sent,) = api.send(sms())
    api.http.post("/sandbox/replies", json={"message_id": sent["message_id"], "content": "ok"})
    (reply,) = api.replies()
    assert "destination_number" not in reply


def test_unsolicited_inbound_message(api: Api) -> None:
    created = api.http.post("/sandbox/replies", json={"source_number": "+61400000009", "content": "STOP"})
    assert created.status_code == 201
    (reply,) = api.replies()
    assert "message_id" not in reply and reply["source_number"] == "+61400000009"


def test_simulated_reply_errors(api: Api) -> None:
    assert (
        api.http.post("/sandbox/replies", json={"message_id": str(uuid.uuid4()), "content": "x"}).status_code
        == 404
    )
    assert api.http.post("/sandbox/replies", json={"message_id": "bad", "content": "x"}).status_code == 400
    assert api.http.post("/sandbox/replies", json={"content": ""}).status_code == 400
    assert api.http.post("/sandbox/replies", content=b"[").status_code == 400


def test_auto_reply(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, auto_reply="Thanks!") as sandbox:
        api = Api(sandbox.base_url)
        (sent,) = api.send(sms())
        (reply,) = wait_until(api.replies)
        assert reply["content"] == "Thanks!" and reply["message_id"] == sent["message_id"]
        api.close()


def test_account_header_partitions_everything(sandbox: SandboxServer) -> None:
    parent, sub = Api(sandbox.base_url), Api(sandbox.base_url, account="SubAccount01")
    (mine,) = sub.send(sms(delivery_report=True))
    wait_until(lambda: len(sub.reports()) == 3)
    sandbox.store.add_reply(mine["message_id"], "hello sub", 0.0)
    assert parent.get(f"/v1/messages/{mine['message_id']}").status_code == 404
    assert parent.reports() == [] and parent.replies() == []
    assert parent.credits() == sub.credits() + 1
    assert sub.replies()[0]["vendor_account_id"]["account_id"] == "SubAccount01"
    # Confirming from the wrong account changes nothing.
    parent.post(
        "/v1/delivery_reports/confirmed",
        {"delivery_report_ids": [r["delivery_report_id"] for r in sub.reports()]},
    )
    assert len(sub.reports()) == 3
    assert Api(sandbox.base_url, account="").get("/v1/replies").status_code == 400
    parent.close()
    sub.close()


def test_basic_auth_works_for_every_call(sandbox: SandboxServer) -> None:
    api = Api(sandbox.base_url, scheme="basic")
    (sent,) = api.send(sms())
    assert api.status(sent["message_id"]) in {"queued", "enroute", "submitted", "delivered"}
    api.close()
