"""A tour of the Messages API through the generated client, against the local sandbox.

    python -m messagemedia_sandbox.demo          # starts a sandbox, runs, stops it (make demo)

It sends an SMS and an MMS, reads a status, schedules and cancels a message, waits for the
delivery reports and confirms them, simulates a reply and confirms it, and reads the credit
balance, all HMAC-signed. With MESSAGEMEDIA_API_KEY, MESSAGEMEDIA_API_SECRET and
MESSAGEMEDIA_BASE_URL set it runs the same calls against that server instead and starts nothing
(a real server cannot be told to fake a reply, so that step is skipped). Exit status 0 means
every step passed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx

from hmac_auth import create_client
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
    ConfirmDeliveryReportsAsReceivedRequest,
    ConfirmRepliesAsReceivedRequest,
    DeliveryReport,
    Format,
    Message,
    MessageStatus,
    Metadata,
    Reply,
    SendMessagesRequest,
    SentMessage,
)
from messagemedia_runtime.errors import PermissionDeniedError

T = TypeVar("T")
DEFAULT_DESTINATION = "+61491570156"  # from Australia's range reserved for fiction
FINAL_REPORTS = frozenset({"delivered", "expired", "rejected", "failed"})


class DemoError(Exception):
    """A step did not get what it expected."""


class Tour:
    """Runs the steps in order, printing what each one did."""

    def __init__(self, client: Any, *, sandbox_url: str | None, destination: str, timeout: float) -> None:
        self.client = client
        self.sandbox_url = sandbox_url
        self.destination = destination
        self.timeout = timeout
        self.number = 0
        self.sms_id = ""
        self.mms_id = ""

    @contextmanager
    def step(self, title: str) -> Iterator[None]:
        self.number += 1
        print(f"\n[{self.number}] {title}", flush=True)
        yield
        print("    ok", flush=True)

    def say(self, text: str) -> None:
        print(f"    {text}", flush=True)

    def wait_for(self, what: str, probe: Callable[[], T | None]) -> T:
        deadline = time.monotonic() + self.timeout
        while True:
            value = probe()
            if value is not None:
                return value
            if time.monotonic() > deadline:
                raise DemoError(f"gave up after {self.timeout:g} s waiting for {what}")
            time.sleep(0.1)

    # -- the steps -------------------------------------------------------------------------

    def run(self) -> None:
        with self.step("Check credits (before) (check_credits_remaining)"):
            before = self.balance()
        with self.step("Send an SMS (send_messages)"):
            self.send_sms()
        with self.step("Send an MMS (send_messages, format MMS)"):
            self.send_mms()
        with self.step("Get the SMS's message status (get_message_status)"):
            self.follow_status()
        with self.step("Schedule a message for tomorrow and cancel it (cancel_scheduled_message)"):
            self.schedule_and_cancel()
        with self.step("Wait for the delivery reports (check_delivery_reports)"):
            reports = self.wait_for_reports()
        with self.step("Confirm the delivery reports (confirm_delivery_reports_as_received)"):
            self.confirm_reports(reports)
        with self.step("Simulate a reply, check and confirm it (check_replies, confirm_replies_as_received)"):
            self.reply_round_trip()
        with self.step("Check credits (after) (check_credits_remaining)"):
            self.check_spent(before, self.balance())

    def balance(self) -> dict[str, Any]:
        try:
            balance = check_credits_remaining.sync(client=self.client).to_dict()
        except PermissionDeniedError:
            # Post-paid accounts have no prepaid balance: the real API answers 403 for them.
            if self.sandbox_url is not None:
                raise
            balance = {}
        self.say(f"balance: {balance or 'not available on this account'}")
        return balance

    def _send(self, message: Message) -> SentMessage:
        (sent,) = send_messages.sync(
            client=self.client, body=SendMessagesRequest(messages=[message])
        ).messages
        self.say(f"message_id {sent.message_id}, status {sent.status}")
        return sent

    def send_sms(self) -> None:
        sms = Message(
            content="Your table for two is ready.",
            destination_number=self.destination,
            delivery_report=True,
            metadata=Metadata.from_dict({"booking": "A-1042"}),
        )
        self.sms_id = str(self._send(sms).message_id)

    def send_mms(self) -> None:
        mms = Message(
            content="Here is the view from your table.",
            destination_number=self.destination,
            format_=Format.MMS,
            subject="Your booking",
            media=["https://images.example.com/photos/skyline.jpeg"],
            delivery_report=True,
        )
        self.mms_id = str(self._send(mms).message_id)

    def follow_status(self) -> None:
        seen: list[str] = []

        def final_status() -> str | None:
            status = str(get_message_status.sync(uuid.UUID(self.sms_id), client=self.client).status)
            if not seen or seen[-1] != status:
                seen.append(status)
            return status if status in FINAL_REPORTS else None

        final = self.wait_for("the SMS to be delivered", final_status)
        self.say("statuses seen: " + " -> ".join(seen))
        if final != "delivered":
            raise DemoError(f"the SMS ended {final}, not delivered")

    def schedule_and_cancel(self) -> None:
        later = Message(
            content="Reminder: your booking is tomorrow.",
            destination_number=self.destination,
            scheduled=datetime.now(UTC) + timedelta(days=1),
        )
        scheduled = self._send(later)
        if scheduled.status is not MessageStatus.SCHEDULED:
            raise DemoError(f"expected status scheduled, got {scheduled.status}")
        message_id = scheduled.message_id
        cancel_scheduled_message.sync(message_id, client=self.client, body=CancelScheduledMessageRequest())
        after = get_message_status.sync(message_id, client=self.client).status
        self.say(f"after cancelling: status {after}")
        if str(after) != "cancelled":
            raise DemoError(f"expected status cancelled, got {after}")

    def _our_reports(self) -> list[DeliveryReport]:
        ours = {self.sms_id, self.mms_id}
        page = check_delivery_reports.sync(client=self.client).delivery_reports
        return [report for report in page if str(report.message_id) in ours]

    def wait_for_reports(self) -> list[DeliveryReport]:
        def both_final() -> list[DeliveryReport] | None:
            reports = self._our_reports()
            finished = {str(r.message_id) for r in reports if str(r.status) in FINAL_REPORTS}
            return reports if finished == {self.sms_id, self.mms_id} else None

        reports = self.wait_for("final delivery reports for the SMS and the MMS", both_final)
        for report in reports:
            kind = "SMS" if str(report.message_id) == self.sms_id else "MMS"
            units = report.billing_units
            self.say(f"{kind} {report.status:<10} error_code {report.error_code}, billing_units {units}")
        return reports

    def confirm_reports(self, reports: list[DeliveryReport]) -> None:
        ids = [report.delivery_report_id for report in reports]
        body = ConfirmDeliveryReportsAsReceivedRequest(delivery_report_ids=ids)
        confirm_delivery_reports_as_received.sync(client=self.client, body=body)
        left = self._our_reports()
        self.say(f"confirmed {len(ids)}; {len(left)} of ours left unconfirmed")
        if left:
            raise DemoError("confirmed delivery reports came back")

    def _our_replies(self) -> list[Reply]:
        return [r for r in check_replies.sync(client=self.client).replies if str(r.message_id) == self.sms_id]

    def reply_round_trip(self) -> None:
        if self.sandbox_url is None:
            self.say("skipped: a real server cannot be asked to fake a handset's reply")
            return
        created = httpx.post(
            f"{self.sandbox_url}/sandbox/replies",
            json={"message_id": self.sms_id, "content": "Yes, see you then"},
            timeout=10,
        )
        created.raise_for_status()
        self.say(f"the handset answered: {created.json()['content']!r}")
        replies = self._our_replies()
        if not replies:
            raise DemoError("the simulated reply was not returned by check_replies")
        for reply in replies:
            self.say(f"reply {reply.reply_id} from {reply.source_number}: {reply.content!r}")
        body = ConfirmRepliesAsReceivedRequest(reply_ids=[reply.reply_id for reply in replies])
        confirm_replies_as_received.sync(client=self.client, body=body)
        left = self._our_replies()
        self.say(f"confirmed {len(replies)}; {len(left)} left unconfirmed")
        if left:
            raise DemoError("a confirmed reply came back")

    def check_spent(self, before: dict[str, Any], after: dict[str, Any]) -> None:
        start, end = before.get("credits"), after.get("credits")
        if self.sandbox_url is None or not isinstance(start, int | float) or not isinstance(end, int | float):
            return
        # The SMS and the MMS are one part each; the cancelled message was refunded.
        if start - end != 2:
            raise DemoError(f"expected 2 credits spent, got {start - end}")
        self.say("2 credits spent: one SMS part and one MMS")


@contextmanager
def _local_sandbox(key: str, secret: str, speed: float) -> Iterator[str]:
    from .process import SandboxProcess

    with tempfile.TemporaryDirectory(prefix="messagemedia-demo-") as folder:
        sandbox = SandboxProcess(Path(folder) / "demo.sqlite3", speed=speed, key=key, secret=secret)
        url = sandbox.start()
        print(f"Started a local sandbox at {url} (speed x{speed:g}, data in a temporary folder)", flush=True)
        try:
            yield url
        finally:
            sandbox.stop()
            print("Stopped the local sandbox.", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m messagemedia_sandbox.demo", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--speed", type=float, default=20.0, help="sandbox speed factor (default %(default)s)"
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds to wait for statuses and reports"
    )
    parser.add_argument("--algorithm", default="hmac-sha1", choices=("hmac-sha1", "hmac-sha256"))
    args = parser.parse_args(argv)

    key = os.environ.get("MESSAGEMEDIA_API_KEY")
    secret = os.environ.get("MESSAGEMEDIA_API_SECRET")
    remote = os.environ.get("MESSAGEMEDIA_BASE_URL")
    destination = os.environ.get("MESSAGEMEDIA_DEMO_DESTINATION", DEFAULT_DESTINATION)

    @contextmanager
    def target() -> Iterator[tuple[str, str, str, str | None]]:
        if key and secret and remote:
            print(f"Running against {remote} (from MESSAGEMEDIA_BASE_URL); no sandbox started.", flush=True)
            yield remote, key, secret, None
            return
        from .config import DEFAULT_KEY, DEFAULT_SECRET

        with _local_sandbox(DEFAULT_KEY, DEFAULT_SECRET, args.speed) as url:
            yield url, DEFAULT_KEY, DEFAULT_SECRET, url

    try:
        with target() as (base_url, api_key, api_secret, sandbox_url):
            timeout = args.timeout or (15.0 if sandbox_url else 300.0)
            with create_client(
                api_key, api_secret, hmac=True, algorithm=args.algorithm, base_url=base_url
            ) as client:
                Tour(client, sandbox_url=sandbox_url, destination=destination, timeout=timeout).run()
    except Exception as exc:  # the demo's contract is a readable line and exit status 1
        print(f"    FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    print("\nEvery step passed.", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
