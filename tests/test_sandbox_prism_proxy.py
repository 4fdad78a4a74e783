"""Prism in proxy mode in front of the sandbox finds nothing in the demo's traffic to object to.

Prism (pinned in package.json) forwards each request to the sandbox and checks the request and the
sandbox's answer against openapi.yaml; a violation shows in the ``sl-violations`` header (and, with
``--errors``, as an error answer). Two runs:
- the demo itself (``python -m messagemedia_sandbox.demo``), pointed at Prism through
  MESSAGEMEDIA_BASE_URL: it must pass every step, and Prism's log must show no violation;
- the demo's calls, and the reply round trip the demo skips against a server it did not start,
  made here with HMAC (sha1, sha256) and Basic through a client whose event hook collects
  ``sl-violations`` from every answer: none may have one.
A third test proves the check can fail: Prism in front of a server that answers off-spec reports it.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from contract_helpers import VIOLATIONS_HEADER, PrismServer, running_prism
from sandbox_helpers import running_sandbox

from messagemedia_messages import create_client
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
from messagemedia_messages.errors import NotFoundError
from messagemedia_messages.models import (
    CancelScheduledMessageRequest,
    ConfirmDeliveryReportsAsReceivedRequest,
    ConfirmRepliesAsReceivedRequest,
    Message,
    Metadata,
    SendMessagesRequest,
)
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer

pytestmark = [pytest.mark.prism_proxy, pytest.mark.sandbox, pytest.mark.slow]

DEST = "+61491570156"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path_factory.mktemp("proxied")) as server:
        yield server


@pytest.fixture(scope="module")
def proxy(sandbox: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismServer]:
    with running_prism(tmp_path_factory.mktemp("prism-proxy"), upstream=sandbox.base_url) as server:
        yield server


def _log_after(server: PrismServer, start: int) -> str:
    return server.log_path.read_text(encoding="utf-8", errors="replace")[start:]


def _problems_in_log(text: str) -> list[str]:
    # Prism's readiness probe (unauthenticated) logs a 401 of its own, at a moment of Prism's
    # choosing; a 401 of the demo's would fail the demo, whose exit status is checked as well.
    return [
        line
        for line in text.splitlines()
        if ("iolation" in line or "✖" in line or "warning" in line) and "UNAUTHORIZED" not in line
    ]


def test_the_demo_passes_through_prism_without_a_violation(proxy: PrismServer) -> None:
    start = len(proxy.log_path.read_text(encoding="utf-8", errors="replace"))
    env = {key: value for key, value in os.environ.items() if not key.startswith("MESSAGEMEDIA_")}
    env.update(
        MESSAGEMEDIA_API_KEY=DEFAULT_KEY,
        MESSAGEMEDIA_API_SECRET=DEFAULT_SECRET,
        MESSAGEMEDIA_BASE_URL=proxy.base_url,
    )
    done = subprocess.run(
        [sys.executable, "-m", "messagemedia_sandbox.demo", "--timeout", "30"],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )  # fmt: skip
    log = _log_after(proxy, start)
    assert done.returncode == 0, done.stdout + done.stderr + "\nPrism:\n" + log[-4000:]
    assert "Forwarding" in log, "the demo's requests did not go through Prism"
    assert _problems_in_log(log) == [], log[-4000:]


class Collector:
    """An httpx response hook that keeps every answer's sl-violations header."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, int, str | None]] = []

    def __call__(self, response: httpx.Response) -> None:
        request = response.request
        self.seen.append(
            (request.method, request.url.path, response.status_code, response.headers.get(VIOLATIONS_HEADER))
        )

    def violations(self) -> list[tuple[str, str, int, str | None]]:
        return [entry for entry in self.seen if entry[3] is not None]


def _wait(what: str, probe: Any, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


@pytest.mark.parametrize("auth", ["hmac-sha1", "hmac-sha256", "basic"])
def test_the_demos_calls_have_no_violation(proxy: PrismServer, sandbox: SandboxServer, auth: str) -> None:
    collector = Collector()
    with create_client(
        DEFAULT_KEY,
        DEFAULT_SECRET,
        base_url=proxy.base_url,
        hmac=auth != "basic",
        algorithm=auth if auth != "basic" else "hmac-sha1",
        event_hooks={"response": [collector]},
    ) as client:
        check_credits_remaining.sync(client=client)
        sms = Message(
            content="Your table for two is ready.",
            destination_number=DEST,
            delivery_report=True,
            metadata=Metadata.from_dict({"booking": "A-1042"}),
        )
        mms = Message(
            content="Here is the view.",
            destination_number=DEST,
            format_="MMS",
            subject="Your booking",
            media=["https://images.example.com/photos/skyline.jpeg"],
            delivery_report=True,
        )
        sent = send_messages.sync(client=client, body=SendMessagesRequest(messages=[sms, mms])).messages
        ids = {str(message.message_id) for message in sent}
        _wait(
            "the SMS to be delivered",
            lambda: str(get_message_status.sync(sent[0].message_id, client=client).status) == "delivered",
        )
        later = Message(
            content="Reminder",
            destination_number=DEST,
            scheduled=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1),
        )
        scheduled = send_messages.sync(client=client, body=SendMessagesRequest(messages=[later])).messages[0]
        cancel_scheduled_message.sync(
            scheduled.message_id, client=client, body=CancelScheduledMessageRequest()
        )
        with pytest.raises(NotFoundError):
            get_message_status.sync(uuid4(), client=client)

        def final_reports() -> list[Any]:
            reports = [
                report
                for report in check_delivery_reports.sync(client=client).delivery_reports
                if str(report.message_id) in ids
            ]
            finished = {str(report.message_id) for report in reports if str(report.status) == "delivered"}
            return reports if finished == ids else []

        reports = _wait("final delivery reports", final_reports)
        confirm_delivery_reports_as_received.sync(
            client=client,
            body=ConfirmDeliveryReportsAsReceivedRequest(
                delivery_report_ids=[report.delivery_report_id for report in reports]
            ),
        )
        # A handset answers (the sandbox's own admin endpoint, not part of the API).
        httpx.post(
            f"{sandbox.base_url}/sandbox/replies",
            json={"message_id": str(sent[0].message_id), "content": "Yes, see you then"},
            timeout=10,
        ).raise_for_status()
        replies = [r for r in check_replies.sync(client=client).replies if str(r.message_id) in ids]
        assert replies and replies[0].content == "Yes, see you then"
        confirm_replies_as_received.sync(
            client=client,
            body=ConfirmRepliesAsReceivedRequest(reply_ids=[UUID(str(r.reply_id)) for r in replies]),
        )
        check_credits_remaining.sync(client=client)
    operations = {(method, path.split("/")[2]) for method, path, _, _ in collector.seen}
    assert {("POST", "messages"), ("GET", "messages"), ("PUT", "messages"), ("GET", "replies")} <= operations
    assert {("POST", "replies"), ("GET", "delivery_reports"), ("POST", "delivery_reports")} <= operations
    assert ("GET", "messaging") in operations
    assert collector.violations() == [], json.dumps(collector.violations(), indent=2)


def test_prism_reports_an_answer_that_breaks_the_spec(tmp_path: Path) -> None:
    class OffSpec(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"replies": [{"reply_id": "not-a-uuid", "content": "x"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), OffSpec)
    thread = threading.Thread(target=upstream.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{upstream.server_address[1]}"
        with running_prism(tmp_path, upstream=url) as prism:
            response = httpx.get(
                f"{prism.base_url}/v1/replies", auth=(DEFAULT_KEY, DEFAULT_SECRET), timeout=10
            )
    finally:
        upstream.shutdown()
        upstream.server_close()
    violations = json.loads(response.headers[VIOLATIONS_HEADER])
    assert {tuple(v["location"]) for v in violations} >= {
        ("response", "body", "replies", "0", "reply_id"),
        ("response", "body", "replies", "0"),
    }
