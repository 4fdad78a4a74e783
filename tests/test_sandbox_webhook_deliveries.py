"""The sandbox calls registered webhooks as the API does: the events each one asked for, with its
method, encoding, headers, template (rendered by a real Velocity engine) or default payload,
read timeout and retries; every default payload conforms to the spec's `webhooks` schemas."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from sandbox_helpers import DEST, HttpRecorder, running_sandbox, wait_until

from messagemedia_messages import MessageMedia
from messagemedia_messages.models import WebhookEvent, WebhookMethod
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer
from messagemedia_sandbox.validation import validator_for

pytestmark = pytest.mark.sandbox
DR_EVENTS = ["ENROUTE_DR", "SUBMITTED_DR", "DELIVERED_DR", "EXPIRED_DR", "REJECTED_DR", "FAILED_DR"]
SCHEMAS = {
    "ENROUTE_DR": "DeliveryReportEvent",
    "SUBMITTED_DR": "DeliveryReportEvent",
    "DELIVERED_DR": "DeliveryReportEvent",
    "REJECTED_DR": "DeliveryReportEvent",
    "FAILED_DR": "DeliveryReportEvent",
    "RECEIVED_SMS": "ReplyEvent",
    "RECEIVED_MMS": "ReceivedMmsEvent",
    "OPT_OUT_SMS": "OptOutEvent",
}
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGOQm/D/PwAFKgKti6zvbAAAAABJRU5ErkJggg=="


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path) as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[MessageMedia]:
    with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as made:
        yield made


@pytest.fixture
def receiver() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder()
    yield recorder
    recorder.close()


def conforms(event: str, payload: object) -> None:
    errors = [e.message for e in validator_for(f"/components/schemas/{SCHEMAS[event]}").iter_errors(payload)]
    assert not errors, (event, payload, errors)


def reply(sandbox: SandboxServer, **body: Any) -> dict[str, Any]:
    answer = httpx.post(f"{sandbox.base_url}/sandbox/replies", json=body)
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def deliveries(sandbox: SandboxServer) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = httpx.get(f"{sandbox.base_url}/sandbox/callbacks").json()["callbacks"]
    return [record for record in records if record["kind"] == "webhook"]


def settled(sandbox: SandboxServer, count: int) -> list[dict[str, Any]]:
    """The webhook deliveries, once ``count`` exist and none is pending."""
    return list(
        wait_until(
            lambda: (
                (records := deliveries(sandbox))
                and len(records) >= count
                and all(r["state"] != "pending" for r in records)
                and records
            )
        )
    )


def test_default_payloads_of_every_event_conform_to_the_spec(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    every = [WebhookEvent(name) for name in [*DR_EVENTS, "RECEIVED_SMS", "RECEIVED_MMS", "OPT_OUT_SMS"]]
    client.webhooks.create(
        url=receiver.url(), method="POST", encoding="JSON", events=every, headers={"X-Tenant": "42"}
    )
    client.number_authorisation.add_to_blacklist(numbers=["+61491570159"])
    metadata = {"booking": "A-1042"}
    (sent,) = client.messages.send(
        messages=[
            {
                "content": "Table for two",
                "destination_number": DEST,
                "delivery_report": True,
                "metadata": metadata,
                "source_number": "+61491570157",
            }
        ]
    ).messages
    (blocked,) = client.messages.send(
        messages=[{"content": "Offer", "destination_number": "+61491570159", "delivery_report": True}]
    ).messages
    wait_until(lambda: client.messages.get_status(str(sent.message_id)).status == "delivered")
    reply(sandbox, message_id=str(sent.message_id), content="Yes please")
    reply(
        sandbox,
        message_id=str(sent.message_id),
        attachments=[{"content_type": "image/png", "content": PNG, "original_name": "dot.png"}],
    )
    reply(sandbox, message_id=str(sent.message_id), content="STOP")
    records = settled(sandbox, 8)
    assert all(r["state"] == "delivered" for r in records), records
    by_event: dict[str, list[dict[str, Any]]] = {}
    for request in receiver.accepted():
        event = request["headers"]["x-messagemedia-sandbox-event"]
        assert request["method"] == "POST" and request["target"] == "/hook"
        assert request["headers"]["content-type"] == "application/json"
        assert request["headers"]["x-tenant"] == "42"
        payload = json.loads(request["body"])
        conforms(event, payload)
        by_event.setdefault(event, []).append(payload)
    assert sorted(by_event) == sorted(
        [
            "ENROUTE_DR",
            "SUBMITTED_DR",
            "DELIVERED_DR",
            "REJECTED_DR",
            "RECEIVED_SMS",
            "RECEIVED_MMS",
            "OPT_OUT_SMS",
        ]
    )
    (delivered,) = by_event["DELIVERED_DR"]
    assert delivered["message_id"] == str(sent.message_id) and delivered["status"] == "delivered"
    assert (
        delivered["delay"] == "0" and delivered["error_code"] == "220" and delivered["metadata"] == metadata
    )
    assert delivered["vendor_account_id"] == {"vendor_id": "SinchEU", "account_id": DEFAULT_KEY}
    assert all(isinstance(v, str) for v in delivered.values() if not isinstance(v, dict))
    (rejected,) = by_event["REJECTED_DR"]
    assert (rejected["message_id"], rejected["error_code"]) == (str(blocked.message_id), "302")
    sms_replies = by_event["RECEIVED_SMS"]
    assert [r["content"] for r in sms_replies] == ["Yes please", "STOP"]
    assert sms_replies[0]["destination_number"] == "+61491570157" and sms_replies[0]["source_number"] == DEST
    assert sms_replies[0]["account_id"] == DEFAULT_KEY and sms_replies[0]["metadata"] == metadata
    (mms,) = by_event["RECEIVED_MMS"]
    assert "content" not in mms
    assert mms["attachments"] == [{"content_type": "image/png", "content": PNG, "original_name": "dot.png"}]
    (opt_out,) = by_event["OPT_OUT_SMS"]
    assert opt_out["content"] == "STOP" and opt_out["source_number"] == DEST
    assert opt_out["notification_id"] == sandbox.store.opt_outs()[0]["notification_id"]


def test_only_the_events_asked_for_are_sent(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    client.webhooks.create(
        url=receiver.url("/delivered"), method="POST", encoding="JSON", events=["DELIVERED_DR"]
    )
    client.webhooks.create(
        url=receiver.url("/replies"), method="POST", encoding="JSON", events=["RECEIVED_SMS"]
    )
    (quiet,) = client.messages.send(messages=[{"content": "No reports", "destination_number": DEST}]).messages
    (loud,) = client.messages.send(
        messages=[{"content": "Reports", "destination_number": DEST, "delivery_report": True}]
    ).messages
    wait_until(lambda: client.messages.get_status(str(quiet.message_id)).status == "delivered")
    reply(sandbox, message_id=str(quiet.message_id), content="Thanks")
    settled(sandbox, 2)
    seen = sorted((r["target"], json.loads(r["body"]).get("message_id")) for r in receiver.accepted())
    # Delivery reports exist only for messages sent with delivery_report: true, for webhooks too.
    assert seen == [("/delivered", str(loud.message_id)), ("/replies", str(quiet.message_id))]


def test_webhooks_of_a_sub_account_get_its_events_only(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    sub = client.with_options(account="SubAccount01")
    sub.webhooks.create(url=receiver.url("/sub"), method="POST", encoding="JSON", events=["RECEIVED_SMS"])
    client.webhooks.create(url=receiver.url("/main"), method="POST", encoding="JSON", events=["RECEIVED_SMS"])
    (theirs,) = sub.messages.send(messages=[{"content": "Hi", "destination_number": DEST}]).messages
    reply(sandbox, message_id=str(theirs.message_id), content="Hello")
    settled(sandbox, 1)
    (request,) = receiver.accepted()
    assert request["target"] == "/sub" and json.loads(request["body"])["account_id"] == "SubAccount01"


def test_form_encoded_default_payload_is_the_flat_fields(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    client.webhooks.create(url=receiver.url(), method="PUT", encoding="FORM_ENCODED", events=["RECEIVED_SMS"])
    (sent,) = client.messages.send(
        messages=[{"content": "Hi", "destination_number": DEST, "metadata": {"k": "v"}}]
    ).messages
    made = reply(sandbox, message_id=str(sent.message_id), content="Yes & no = maybe")
    settled(sandbox, 1)
    (request,) = receiver.accepted()
    assert request["method"] == "PUT"
    assert request["headers"]["content-type"] == "application/x-www-form-urlencoded"
    form = dict(parse_qsl(request["body"].decode()))
    assert form == {
        "account_id": DEFAULT_KEY,
        "reply_id": made["reply_id"],
        "source_number": DEST,
        "date_received": made["date_received"],
        "message_id": str(sent.message_id),
        "content": "Yes & no = maybe",
    }
    conforms("RECEIVED_SMS", form)


def test_templates_are_rendered_by_velocity_with_the_documented_variables(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    template = (
        '{"format":"$format","type":"$type","mt":"$mtId","mt2":"$messageId","dr":"$drId","dr2":"$reportId",'
        '"account":"$accountId","submitted":"$submittedTimestamp","received":"$receivedTimestamp",'
        '"status":"$status","code":"$statusCode","booking":"$metadata.get(\'booking\')","keys":"$metadata.keySet()",'
        '"from":"$sourceAddress","text":"$esc.json($!mtContent)","text2":"$esc.json($messageContent)",'
        '"retry":"$retryCount","units":"$billingUnits","vendor":"$vendorId",'
        '"pairs":"#foreach($e in $metadata.entrySet())$e.key=$e.value;#end","absent":"$moId"}'
    )
    client.webhooks.create(
        url=receiver.url(), method="POST", encoding="JSON", events=["DELIVERED_DR"], template=template
    )
    content = 'Say "hi"\nthen go'
    (sent,) = client.messages.send(
        messages=[
            {
                "content": content,
                "destination_number": DEST,
                "delivery_report": True,
                "metadata": {"booking": "A-1", "x": "y"},
            }
        ]
    ).messages
    settled(sandbox, 1)
    (request,) = receiver.accepted()
    rendered = json.loads(request["body"])
    (report,) = [r for r in sandbox.store.open_reports(DEFAULT_KEY) if r["status"] == "delivered"]
    assert rendered == {
        "format": "SMS",
        "type": "SMS",
        "mt": str(sent.message_id),
        "mt2": str(sent.message_id),
        "dr": report["delivery_report_id"],
        "dr2": report["delivery_report_id"],
        "account": DEFAULT_KEY,
        "submitted": report["submitted_date"],
        "received": report["date_received"],
        "status": "delivered",
        "code": "220",
        "booking": "A-1",
        "keys": "[booking, x]",
        "from": DEST,
        "text": content,
        "text2": content,
        "retry": "0",
        "units": "1",
        "vendor": "SinchEU",
        "pairs": "booking=A-1;x=y;",
        "absent": "$moId",  # Velocity renders an unknown reference as written
    }


def test_reply_and_opt_out_templates(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    template = (
        "<event>$format|$moId|$replyId|$notificationId|$sourceAddress|$destinationAddress|"
        "$esc.xml($moContent)|$replyContent|$esc.xml($mtContent)</event>"
    )
    events = [WebhookEvent.RECEIVED_SMS, WebhookEvent.OPT_OUT_SMS]
    client.webhooks.create(
        url=receiver.url(), method="POST", encoding="XML", events=events, template=template
    )
    (sent,) = client.messages.send(
        messages=[{"content": "Deal <today>", "destination_number": DEST, "source_number": "+61491570157"}]
    ).messages
    made = reply(sandbox, message_id=str(sent.message_id), content="stop")
    settled(sandbox, 2)
    bodies = {r["headers"]["x-messagemedia-sandbox-event"]: r for r in receiver.accepted()}
    assert bodies["RECEIVED_SMS"]["headers"]["content-type"] == "application/xml"
    notification_id = sandbox.store.opt_outs()[0]["notification_id"]
    tail = f"{DEST}|+61491570157|stop|stop|Deal &lt;today&gt;</event>"
    assert bodies["RECEIVED_SMS"]["body"].decode() == (
        f"<event>SMS|{made['reply_id']}|{made['reply_id']}|$notificationId|{tail}"
    )
    # The opt-out has no reply ID: $moId and $replyId come back as written.
    assert bodies["OPT_OUT_SMS"]["body"].decode() == f"<event>SMS|$moId|$replyId|{notification_id}|{tail}"


def test_xml_without_a_template_is_refused_not_called(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    client.webhooks.create(url=receiver.url(), method="POST", encoding="XML", events=["RECEIVED_SMS"])
    reply(sandbox, source_number=DEST, content="Hello")
    (record,) = settled(sandbox, 1)
    assert record["state"] == "failed" and record["last_error"].startswith(
        "refused: an XML webhook needs a template"
    )
    assert receiver.requests == []


def test_a_template_velocity_cannot_parse_is_recorded(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    client.webhooks.create(
        url=receiver.url(), method="POST", encoding="JSON", events=["RECEIVED_SMS"], template="#if($moId"
    )
    reply(sandbox, source_number=DEST, content="Hello")
    (record,) = settled(sandbox, 1)
    assert record["state"] == "failed" and record["last_error"].startswith("refused: template:")
    assert record["attempts"] == 1 and receiver.requests == []


def test_get_webhooks_carry_no_body_and_fill_the_url(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    client.webhooks.create(
        url=receiver.url("/inbound") + "?reply=$moId&from=$sourceAddress&text=$moContent",
        method="GET",
        encoding="JSON",
        events=["RECEIVED_SMS"],
        template='{"ignored":"for a GET"}',
    )
    made = reply(sandbox, source_number=DEST, content="Yes & more")
    settled(sandbox, 1)
    (request,) = receiver.accepted()
    assert request["method"] == "GET" and request["body"] == b""
    parts = urlsplit(request["target"])
    assert parts.path == "/inbound"
    assert dict(parse_qsl(parts.query)) == {"reply": made["reply_id"], "from": DEST, "text": "Yes & more"}


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_other_methods_are_honoured(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder, method: str
) -> None:
    client.webhooks.create(
        url=receiver.url(), method=WebhookMethod(method), encoding="JSON", events=["RECEIVED_SMS"]
    )
    reply(sandbox, source_number=DEST, content="Hello")
    settled(sandbox, 1)
    (request,) = receiver.accepted()
    assert request["method"] == method and json.loads(request["body"])["content"] == "Hello"


def test_retries_and_retry_delay_are_honoured(tmp_path: Path) -> None:
    receiver = HttpRecorder(failures=2)
    try:
        # At speed 50 a retry_delay of 5 s is 0.1 s.
        with running_sandbox(tmp_path, speed=50) as sandbox:
            with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
                client.webhooks.create(
                    url=receiver.url(), method="POST", encoding="JSON", events=["RECEIVED_SMS"],
                    template='{"retry":"$retryCount"}', retries=2, retry_delay=5,
                )  # fmt: skip
                reply(sandbox, source_number=DEST, content="Hello")
                (record,) = settled(sandbox, 1)
        assert record["state"] == "delivered" and record["attempts"] == 3
        assert [json.loads(r["body"])["retry"] for r in receiver.requests] == ["0", "1", "2"]
    finally:
        receiver.close()


def test_a_webhook_without_retries_is_called_once(tmp_path: Path) -> None:
    receiver = HttpRecorder(failures=10)
    try:
        with running_sandbox(tmp_path) as sandbox:
            with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
                client.webhooks.create(
                    url=receiver.url(), method="POST", encoding="JSON", events=["RECEIVED_SMS"]
                )
                client.webhooks.create(
                    url=receiver.url("/twice"),
                    method="POST",
                    encoding="JSON",
                    events=["RECEIVED_SMS"],
                    retries=1,
                    retry_delay=5,
                )
                reply(sandbox, source_number=DEST, content="Hello")
                records = settled(sandbox, 2)
        assert [(r["state"], r["attempts"], r["last_error"]) for r in records] == [
            ("failed", 1, "HTTP 500"),
            ("failed", 2, "HTTP 500"),
        ]
    finally:
        receiver.close()


def test_read_timeout_is_honoured(tmp_path: Path) -> None:
    receiver = HttpRecorder(delay=1.5)
    try:
        with running_sandbox(tmp_path) as sandbox:
            with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
                client.webhooks.create(
                    url=receiver.url(),
                    method="POST",
                    encoding="JSON",
                    events=["RECEIVED_SMS"],
                    read_timeout=200,
                )
                reply(sandbox, source_number=DEST, content="Hello")
                (record,) = settled(sandbox, 1)
        assert record["state"] == "failed" and "timed out" in record["last_error"]
    finally:
        receiver.close()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://93.184.215.14/hook", "neither a loopback nor a private address"),
        ("http://127.0.0.1:{port}/x", "the sandbox itself"),
    ],
)
def test_webhooks_go_only_where_callbacks_may(
    sandbox: SandboxServer, client: MessageMedia, url: str, reason: str
) -> None:
    port = urlsplit(sandbox.base_url).port
    client.webhooks.create(url=url.format(port=port), method="POST", encoding="JSON", events=["RECEIVED_SMS"])
    reply(sandbox, source_number=DEST, content="Hello")
    (record,) = settled(sandbox, 1)
    assert (
        record["state"] == "failed"
        and record["last_error"].startswith("refused: ")
        and reason in record["last_error"]
    )


def test_pending_webhook_deliveries_survive_a_restart(tmp_path: Path) -> None:
    receiver = HttpRecorder(failures=1)
    try:
        with running_sandbox(tmp_path, speed=5) as sandbox:  # the retry waits 1 s
            with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
                client.webhooks.create(
                    url=receiver.url(),
                    method="POST",
                    encoding="JSON",
                    events=["RECEIVED_SMS"],
                    retries=3,
                    retry_delay=5,
                )
                made = reply(sandbox, source_number=DEST, content="Hello")
                wait_until(lambda: receiver.attempts == 1)
        assert receiver.accepted() == []
        with running_sandbox(tmp_path, speed=5) as sandbox:
            (record,) = settled(sandbox, 1)
        assert record["state"] == "delivered" and record["attempts"] == 2
        (request,) = receiver.accepted()
        assert json.loads(request["body"])["reply_id"] == made["reply_id"]
    finally:
        receiver.close()


def test_the_admin_view_shows_each_webhook_delivery(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    hook = client.webhooks.create(url=receiver.url(), method="PUT", encoding="JSON", events=["RECEIVED_SMS"])
    made = reply(sandbox, source_number=DEST, content="Hello")
    (record,) = settled(sandbox, 1)
    assert {k: record[k] for k in ("event", "webhook_id", "method", "encoding", "state", "attempts")} == {
        "event": "RECEIVED_SMS",
        "webhook_id": str(hook.id),
        "method": "PUT",
        "encoding": "JSON",
        "state": "delivered",
        "attempts": 1,
    }
    assert record["payload"]["reply_id"] == made["reply_id"]


def test_the_cli_simulates_an_inbound_mms(
    tmp_path: Path, sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    from messagemedia_sandbox.cli import main

    picture = tmp_path / "dot.png"
    picture.write_bytes(base64.b64decode(PNG))
    client.webhooks.create(url=receiver.url(), method="POST", encoding="JSON", events=["RECEIVED_MMS"])
    (sent,) = client.messages.send(
        messages=[{"content": "Send a photo", "destination_number": DEST}]
    ).messages
    assert main(["reply", "--url", sandbox.base_url, str(sent.message_id), "--attach", str(picture)]) == 0
    settled(sandbox, 1)
    (request,) = receiver.accepted()
    payload = json.loads(request["body"])
    conforms("RECEIVED_MMS", payload)
    assert payload["attachments"] == [
        {"content_type": "image/png", "content": PNG, "original_name": "dot.png"}
    ]
    assert payload["message_id"] == str(sent.message_id) and "content" not in payload


def test_callback_url_payloads_conform_to_the_spec(
    sandbox: SandboxServer, client: MessageMedia, receiver: HttpRecorder
) -> None:
    (sent,) = client.messages.send(
        messages=[
            {
                "content": "Hi",
                "destination_number": DEST,
                "delivery_report": True,
                "callback_url": receiver.url(),
            }
        ]
    ).messages
    wait_until(lambda: client.messages.get_status(str(sent.message_id)).status == "delivered")
    reply(sandbox, message_id=str(sent.message_id), content="Thanks")
    wait_until(lambda: len(receiver.accepted()) == 4)
    for request in receiver.accepted():
        kind = request["headers"]["x-messagemedia-sandbox-event"]
        conforms("RECEIVED_SMS" if kind == "reply" else "DELIVERED_DR", json.loads(request["body"]))


def test_a_data_file_from_before_webhooks_still_delivers_its_callbacks(
    tmp_path: Path, receiver: HttpRecorder
) -> None:
    import sqlite3

    # The callbacks table as the sandbox made it before webhook deliveries, with one pending row.
    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as db:
        db.execute(
            "CREATE TABLE callbacks (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
            " url TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',"
            " attempts INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL, last_error TEXT)"
        )
        db.execute(
            "INSERT INTO callbacks (kind, url, payload, next_at) VALUES ('reply', ?, ?, 0)",
            (receiver.url(), json.dumps({"reply_id": "r-1", "content": "old"})),
        )
    db.close()
    with running_sandbox(tmp_path) as sandbox:
        wait_until(receiver.accepted)
        (record,) = httpx.get(f"{sandbox.base_url}/sandbox/callbacks").json()["callbacks"]
    assert record["state"] == "delivered"
    assert json.loads(receiver.accepted()[0]["body"]) == {"reply_id": "r-1", "content": "old"}
