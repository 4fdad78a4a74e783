"""Replies and delivery reports are POSTed to callback_url, and retried when the receiver fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from sandbox_helpers import Api, CallbackReceiver, running_sandbox, sms, wait_until

from messagemedia_sandbox.callbacks import backoff

pytestmark = pytest.mark.sandbox


def test_reports_and_replies_are_posted(tmp_path: Path) -> None:
    receiver = CallbackReceiver()
    try:
        with running_sandbox(tmp_path, auto_reply="Got it") as sandbox:
            api = Api(sandbox.base_url)
            (sent,) = api.send(sms(delivery_report=True, callback_url=receiver.url, metadata={"k": "v"}))
            wait_until(lambda: len(receiver.received) == 4)
            kinds = [item["kind"] for item in receiver.received]
            assert kinds.count("delivery_report") == 3 and kinds.count("reply") == 1
            reports = [item["body"] for item in receiver.received if item["kind"] == "delivery_report"]
            assert [r["status"] for r in reports] == ["enroute", "submitted", "delivered"]
            assert reports == api.reports()
            (reply,) = [item["body"] for item in receiver.received if item["kind"] == "reply"]
            assert reply == api.replies()[0]
            assert reply["message_id"] == sent["message_id"] and reply["metadata"] == {"k": "v"}
            assert all(item["path"] == "/hook" for item in receiver.received)
            api.close()
    finally:
        receiver.close()


def test_no_callback_without_delivery_report_or_url(tmp_path: Path) -> None:
    receiver = CallbackReceiver()
    try:
        with running_sandbox(tmp_path) as sandbox:
            api = Api(sandbox.base_url)
            (quiet,) = api.send(sms(callback_url=receiver.url))
            api.send(sms(delivery_report=True))
            wait_until(lambda: api.status(quiet["message_id"]) == "delivered")
            api.http.post("/sandbox/replies", json={"message_id": quiet["message_id"], "content": "hi"})
            wait_until(lambda: receiver.received)
            assert [item["kind"] for item in receiver.received] == ["reply"]
            api.close()
    finally:
        receiver.close()


def test_failing_receiver_is_retried_with_backoff(tmp_path: Path) -> None:
    receiver = CallbackReceiver(failures=2)
    try:
        with running_sandbox(tmp_path, speed=20) as sandbox:  # retries after 50 ms, then 100 ms
            api = Api(sandbox.base_url)
            (sent,) = api.send(sms(callback_url=receiver.url))
            api.http.post("/sandbox/replies", json={"message_id": sent["message_id"], "content": "retry me"})
            wait_until(lambda: receiver.received)
            assert receiver.attempts == 3
            (record,) = api.http.get("/sandbox/callbacks").json()["callbacks"]
            assert record["state"] == "delivered" and record["attempts"] == 3
            api.close()
    finally:
        receiver.close()


def test_callbacks_are_given_up_after_max_attempts(tmp_path: Path) -> None:
    receiver = CallbackReceiver(failures=100)
    try:
        with running_sandbox(tmp_path, speed=100, callback_max_attempts=3) as sandbox:
            api = Api(sandbox.base_url)
            (sent,) = api.send(sms(callback_url=receiver.url))
            api.http.post("/sandbox/replies", json={"message_id": sent["message_id"], "content": "never"})

            def given_up() -> bool:
                records = api.http.get("/sandbox/callbacks").json()["callbacks"]
                return bool(records) and records[0]["state"] == "failed"

            wait_until(given_up)
            assert receiver.attempts == 3
            assert api.http.get("/sandbox/callbacks").json()["callbacks"][0]["last_error"] == "HTTP 500"
            api.close()
    finally:
        receiver.close()


def test_callbacks_never_block_requests(tmp_path: Path) -> None:
    # A receiver that is not there at all: connection refused, retried in the background.
    with running_sandbox(tmp_path) as sandbox:
        api = Api(sandbox.base_url)
        (sent,) = api.send(sms(callback_url="http://127.0.0.1:9/unreachable", delivery_report=True))
        wait_until(lambda: api.status(sent["message_id"]) == "delivered")
        assert len(api.reports()) == 3
        api.close()


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n, 1.0, 5.0) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]
