"""Drives the official SDK (messagemedia-messages-sdk 2.1.3) through the API's eight operations.

Runs in the SDK's own venv (benchmarks/.bench-venv), so it uses only the standard library and the
SDK. Usage: ``python official_sdk_driver.py BASE_URL KEY SECRET basic|hmac``. It prints one JSON
object: ``{"results": [{"operation": ..., "ok": bool, "detail": ...}, ...]}``, one entry per
operation, in the order run. An operation is ok when the SDK call returned and its effect is
visible: the send's message can be read back, a confirmed item is no longer returned, a cancelled
message reads `cancelled`. What an operation needs first (a reply to confirm, a scheduled message to
cancel) is made through the sandbox directly, outside the SDK, so that only the SDK's own call
decides the outcome.

The SDK keeps its credentials on the class ``Configuration`` (process-wide), so each auth mode runs
in a process of its own.
"""

from __future__ import annotations

import base64
import datetime
import importlib
import json
import sys
import time
import traceback
import urllib.request
from collections.abc import Callable
from typing import Any

DESTINATION = "+61491570156"


class _Models:
    """The SDK's request models, from their modules (its models package exports none)."""

    def __init__(self) -> None:
        def load(module: str, name: str) -> Any:
            return getattr(importlib.import_module(f"message_media_messages.models.{module}"), name)

        self.Message = load("message", "Message")
        self.SendMessagesRequest = load("send_messages_request", "SendMessagesRequest")
        self.CancelScheduledMessageRequest = load(
            "cancel_scheduled_message_request", "CancelScheduledMessageRequest"
        )
        self.ConfirmRepliesAsReceivedRequest = load(
            "confirm_replies_as_received_request", "ConfirmRepliesAsReceivedRequest"
        )
        self.ConfirmDeliveryReportsAsReceivedRequest = load(
            "confirm_delivery_reports_as_received_request", "ConfirmDeliveryReportsAsReceivedRequest"
        )


class Driver:
    def __init__(self, base_url: str, key: str, secret: str, mode: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.key, self.secret = key, secret
        config: Any = importlib.import_module("message_media_messages.configuration").Configuration
        config.base_uri = self.base_url
        client_module = importlib.import_module("message_media_messages.message_media_messages_client")
        client = client_module.MessageMediaMessagesClient(key, secret, use_hmac_authentication=mode == "hmac")
        self.messages: Any = client.messages
        self.replies: Any = client.replies
        self.reports: Any = client.delivery_reports
        self.models = _Models()
        self.results: list[dict[str, Any]] = []
        self.message_id = ""
        self.reply_id = ""
        self.report_ids: list[str] = []

    # -- outside the SDK: the sandbox's admin endpoints and a Basic-authenticated request --------

    def _http(self, method: str, path: str, body: Any = None, *, auth: bool = True) -> Any:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if data else {}
        if auth:
            token = base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
        return json.loads(text) if text else None

    def _status(self, message_id: str) -> str:
        return str(self._http("GET", f"/v1/messages/{message_id}")["status"])

    # -- the operations -------------------------------------------------------------------------

    def run(self, operation: str, call: Callable[[], str]) -> None:
        try:
            detail = call()
            self.results.append({"operation": operation, "ok": True, "detail": detail})
        except Exception as exc:  # the outcome being measured: any failure of the SDK call
            response = getattr(getattr(exc, "context", None), "response", None)
            code = getattr(response, "status_code", None)
            body = getattr(response, "raw_body", None)
            self.results.append(
                {
                    "operation": operation,
                    "ok": False,
                    "detail": f"{type(exc).__name__}: {exc} (HTTP {code})",
                    "status_code": code,
                    "body": body.decode("utf-8", "replace") if isinstance(body, bytes) else body,
                    "trace": traceback.format_exc(limit=3),
                }
            )

    def send_messages(self) -> str:
        message = self.models.Message(
            content="From the official SDK", destination_number=DESTINATION, delivery_report=True
        )
        answer = self.messages.send_messages(self.models.SendMessagesRequest(messages=[message]))
        sent = answer.messages[0]
        self.message_id = str(sent.message_id)
        if sent.status != "queued":
            raise AssertionError(f"status {sent.status!r}")
        return self.message_id

    def get_message_status(self) -> str:
        answer = self.messages.get_message_status(self.message_id)
        if str(answer.message_id) != self.message_id:
            raise AssertionError(f"read back {answer.message_id!r}")
        return str(answer.status)

    def cancel_scheduled_message(self) -> str:
        later = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)).isoformat()
        body = {"messages": [{"content": "Later", "destination_number": DESTINATION, "scheduled": later}]}
        scheduled = self._http("POST", "/v1/messages", body)["messages"][0]["message_id"]
        request = self.models.CancelScheduledMessageRequest(status="cancelled")
        self.messages.cancel_scheduled_message(scheduled, request)
        status = self._status(scheduled)
        if status != "cancelled":
            raise AssertionError(f"status after cancel {status!r}")
        return status

    def check_credits_remaining(self) -> str:
        answer = self.messages.check_credits_remaining()
        if not isinstance(answer, dict) or "credits" not in answer:
            raise AssertionError(f"answer {answer!r}")
        return str(answer["credits"])

    def _reply_ids(self) -> list[str]:
        return [str(reply.reply_id) for reply in self.replies.check_replies().replies]

    def check_replies(self) -> str:
        self.reply_id = self._http(
            "POST", "/sandbox/replies", {"message_id": self.message_id, "content": "Yes"}, auth=False
        )["reply_id"]
        if self.reply_id not in self._reply_ids():
            raise AssertionError("the simulated reply is not returned")
        return self.reply_id

    def confirm_replies_as_received(self) -> str:
        request = self.models.ConfirmRepliesAsReceivedRequest(reply_ids=[self.reply_id])
        self.replies.confirm_replies_as_received(request)
        remaining = self._http("GET", "/v1/replies")["replies"]
        if any(reply["reply_id"] == self.reply_id for reply in remaining):
            raise AssertionError("the confirmed reply is still returned")
        return "confirmed"

    def check_delivery_reports(self) -> str:
        deadline = time.monotonic() + 10
        while True:
            reports = self.reports.check_delivery_reports().delivery_reports
            self.report_ids = [
                str(r.delivery_report_id) for r in reports if str(r.message_id) == self.message_id
            ]
            if self.report_ids or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        if not self.report_ids:
            raise AssertionError("no delivery report for the message")
        return ",".join(self.report_ids)

    def confirm_delivery_reports_as_received(self) -> str:
        request = self.models.ConfirmDeliveryReportsAsReceivedRequest(delivery_report_ids=self.report_ids)
        self.reports.confirm_delivery_reports_as_received(request)
        remaining = {
            r["delivery_report_id"] for r in self._http("GET", "/v1/delivery_reports")["delivery_reports"]
        }
        if remaining & set(self.report_ids):
            raise AssertionError("a confirmed report is still returned")
        return "confirmed"


def main(argv: list[str]) -> int:
    base_url, key, secret, mode = argv
    driver = Driver(base_url, key, secret, mode)
    for operation in (
        "send_messages",
        "get_message_status",
        "cancel_scheduled_message",
        "check_credits_remaining",
        "check_replies",
        "confirm_replies_as_received",
        "check_delivery_reports",
        "confirm_delivery_reports_as_received",
    ):
        driver.run(operation, getattr(driver, operation))
    print(json.dumps({"results": driver.results}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
