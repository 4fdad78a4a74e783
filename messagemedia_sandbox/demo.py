"""A tour of the Messages API through ``MessageMedia``, against the local sandbox.

    python -m messagemedia_sandbox.demo          # starts a sandbox, runs, stops it (make demo)

It sends an SMS and an MMS, reads a status, schedules and cancels a message, waits for the
delivery reports and confirms them, simulates a reply and confirms it, and reads the credit
balance; then it registers a webhook, creates and enables a signature key, puts a number on the
blacklist and shows a send to it refused, and receives the signed callbacks all this causes on a
receiver built from ``messagemedia_messages.callbacks`` (which verifies every signature), then
removes what it made. All calls are HMAC-signed.
With MESSAGEMEDIA_API_KEY, MESSAGEMEDIA_API_SECRET and MESSAGEMEDIA_BASE_URL set it runs the
same calls against that server instead and starts nothing (a real server cannot be told to fake
a reply, so that step is skipped; the webhook is registered only when
MESSAGEMEDIA_DEMO_WEBHOOK_URL names one; an account without secure callbacks skips the key).
Exit status 0 means every step passed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx

from messagemedia_messages import MessageMedia
from messagemedia_messages.callbacks import (
    CallbackASGIApp,
    CallbackEvent,
    DeliveryReportEvent,
    ReplyEvent,
    event_id,
)
from messagemedia_messages.models import CreatedSignatureKey, DeliveryReport, Reply, SentMessage
from messagemedia_messages.types import MessageParam
from messagemedia_runtime.errors import PermissionDeniedError

T = TypeVar("T")
DEFAULT_DESTINATION = "+61491570156"  # from Australia's range reserved for fiction
DEFAULT_BLOCKED = "+61491570159"  # the number the demo blacklists, from the same range
FINAL_REPORTS = frozenset({"delivered", "expired", "rejected", "failed"})


class DemoError(Exception):
    """A step did not get what it expected."""


class Tour:
    """Runs the steps in order, printing what each one did."""

    def __init__(
        self,
        client: MessageMedia,
        *,
        sandbox_url: str | None,
        destination: str,
        timeout: float,
        webhook_url: str | None = None,
        blocked: str = DEFAULT_BLOCKED,
    ) -> None:
        self.client = client
        self.sandbox_url = sandbox_url
        self.destination = destination
        self.timeout = timeout
        self.webhook_url = webhook_url
        self.blocked = blocked
        self.number = 0
        self.sms_id = ""
        self.mms_id = ""
        self.webhook_id: str | None = None
        self.key: CreatedSignatureKey | None = None
        self.refused_id = ""
        # The events the demo's own callback receiver handled, each after verifying its signature.
        self.events: list[CallbackEvent] = []
        self._events_lock = threading.Lock()
        self._resources = ExitStack()

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
        with self.step("Check credits (before): client.messages.check_credits()"):
            before = self.balance()
        with self.step("Send an SMS: client.messages.send(messages=[{...}])"):
            self.send_sms()
        with self.step("Send an MMS: client.messages.send, format MMS"):
            self.send_mms()
        with self.step("Follow the SMS's status: client.messages.get_status(message_id)"):
            self.follow_status()
        with self.step("Schedule a message for tomorrow and cancel it: client.messages.cancel(message_id)"):
            self.schedule_and_cancel()
        with self.step("Wait for the delivery reports: client.delivery_reports.check()"):
            reports = self.wait_for_reports()
        with self.step(
            "Confirm the delivery reports: client.delivery_reports.confirm(delivery_report_ids=[...])"
        ):
            self.confirm_reports(reports)
        with self.step("Simulate a reply, then handle and confirm it: client.replies.drain(handler)"):
            self.reply_round_trip()
        with self.step("Check credits (after): client.messages.check_credits()"):
            self.check_spent(before, self.balance())
        with self._resources:
            with self.step(
                "Create and enable a signature key: client.signature_keys.create(...), .enable(...)"
            ):
                self.create_signature_key()
            with self.step(
                "Receive callbacks: a receiver from messagemedia_messages.callbacks, and a webhook to it"
            ):
                self.register_webhook()
            with self.step(
                "Put a number on the blacklist: client.number_authorisation.add_to_blacklist(...)"
            ):
                self.blacklist_number()
            with self.step("Send to the blacklisted number: accepted, then refused"):
                self.send_to_blocked()
            with self.step("The receiver verifies and handles each signed callback: a refusal and a reply"):
                self.receive_callbacks()
            with self.step("Clean up: remove the number, delete the key and the webhook"):
                self.clean_up()
        with self.step("The same from a shell: the messagemedia command line"):
            self.command_line()

    def balance(self) -> dict[str, Any]:
        try:
            balance = self.client.messages.check_credits().to_dict()
        except PermissionDeniedError:
            # Post-paid accounts have no prepaid balance: the real API answers 403 for them.
            if self.sandbox_url is not None:
                raise
            balance = {}
        self.say(f"balance: {balance or 'not available on this account'}")
        return balance

    def _send(self, message: MessageParam) -> SentMessage:
        (sent,) = self.client.messages.send(messages=[message]).messages
        self.say(f"message_id {sent.message_id}, status {sent.status}")
        return sent

    def send_sms(self) -> None:
        sms: MessageParam = {
            "content": "Your table for two is ready.",
            "destination_number": self.destination,
            "delivery_report": True,
            "metadata": {"booking": "A-1042"},
        }
        self.sms_id = str(self._send(sms).message_id)

    def send_mms(self) -> None:
        mms: MessageParam = {
            "content": "Here is the view from your table.",
            "destination_number": self.destination,
            "format": "MMS",
            "subject": "Your booking",
            "media": ["https://images.example.com/photos/skyline.jpeg"],
            "delivery_report": True,
        }
        self.mms_id = str(self._send(mms).message_id)

    def follow_status(self) -> None:
        seen: list[str] = []

        def final_status() -> str | None:
            status = str(self.client.messages.get_status(self.sms_id).status)
            if not seen or seen[-1] != status:
                seen.append(status)
            return status if status in FINAL_REPORTS else None

        final = self.wait_for("the SMS to be delivered", final_status)
        self.say("statuses seen: " + " -> ".join(seen))
        if final != "delivered":
            raise DemoError(f"the SMS ended {final}, not delivered")

    def schedule_and_cancel(self) -> None:
        scheduled = self._send(
            {
                "content": "Reminder: your booking is tomorrow.",
                "destination_number": self.destination,
                "scheduled": datetime.now(UTC) + timedelta(days=1),
            }
        )
        if scheduled.status != "scheduled":
            raise DemoError(f"expected status scheduled, got {scheduled.status}")
        self.client.messages.cancel(scheduled.message_id)
        after = self.client.messages.get_status(scheduled.message_id).status
        self.say(f"after cancelling: status {after}")
        if after != "cancelled":
            raise DemoError(f"expected status cancelled, got {after}")

    def _our_reports(self) -> list[DeliveryReport]:
        ours = {self.sms_id, self.mms_id}
        page = self.client.delivery_reports.check().delivery_reports
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
        ids = [str(report.delivery_report_id) for report in reports]
        self.client.delivery_reports.confirm(delivery_report_ids=ids)
        left = self._our_reports()
        self.say(f"confirmed {len(ids)}; {len(left)} of ours left unconfirmed")
        if left:
            raise DemoError("confirmed delivery reports came back")

    def _our_replies(self) -> list[Reply]:
        return [r for r in self.client.replies.check().replies if str(r.message_id) == self.sms_id]

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
        if not self._our_replies():
            raise DemoError("the simulated reply was not returned by check_replies")

        def handle(reply: Reply) -> None:
            self.say(f"reply {reply.reply_id} from {reply.source_number}: {reply.content!r}")

        drained = self.client.replies.drain(handle)
        drained.raise_if_failed()
        left = self._our_replies()
        self.say(
            f"handled and confirmed {drained.processed} with replies.drain; {len(left)} left unconfirmed"
        )
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

    # -- webhooks, signature keys, the blacklist ---------------------------------------------

    def create_signature_key(self) -> None:
        try:
            key = self.client.signature_keys.create(digest="SHA256", cipher="RSA")
        except PermissionDeniedError:
            if self.sandbox_url is not None:
                raise
            self.say("skipped: this account does not have secure callbacks (403)")
            return
        self.key = key
        pem = key.public_key_pem if isinstance(key.public_key_pem, str) else ""
        self.say(f"key {key.key_id} ({key.cipher}, {key.digest}); its public key, returned only now:")
        self.say(pem.splitlines()[1][:48] + "..." if pem else "(none in the answer)")
        enabled = self.client.signature_keys.enable(key_id=key.key_id)
        now = self.client.signature_keys.get_enabled()
        self.say(f"enabled: {enabled.enabled}; client.signature_keys.get_enabled() is {now.key_id}")
        if now.key_id != key.key_id:
            raise DemoError("the enabled key is not the one just enabled")

    def _start_receiver(self) -> str | None:
        """The demo's own callback receiver, when the API can reach it: its URL, else None."""
        if self.webhook_url is not None:
            return self.webhook_url
        if self.sandbox_url is None:
            self.say("skipped: a real API cannot call this machine; set MESSAGEMEDIA_DEMO_WEBHOOK_URL")
            return None
        if self.key is None:
            raise DemoError("the sandbox signs callbacks, so the receiver needs the key")
        from .asgi_runner import BackgroundASGIServer

        # Verifies each callback's signature with the key, parses it into its typed event, and
        # answers 2XX only after on_event returned; a bad signature gets 401.
        app = CallbackASGIApp(self.on_event, keys={self.key.key_id: self.key})
        server = self._resources.enter_context(BackgroundASGIServer(app))
        self.say(f"CallbackASGIApp under uvicorn at {server.base_url}, verifying with key {self.key.key_id}")
        return f"{server.base_url}/messagemedia/events"

    def on_event(self, event: CallbackEvent) -> None:
        with self._events_lock:
            self.events.append(event)

    def register_webhook(self) -> None:
        url = self._start_receiver()
        if url is None:
            return
        hook = self.client.webhooks.create(
            url=url,
            method="POST",
            encoding="JSON",
            events=["RECEIVED_SMS", "OPT_OUT_SMS", "DELIVERED_DR", "REJECTED_DR", "FAILED_DR"],
            headers={"X-Demo": "messagemedia-sandbox"},
        )
        self.webhook_id = str(hook.id)
        self.say(f"webhook {hook.id}: {hook.method} {hook.url} for {', '.join(map(str, hook.events or []))}")
        listed = [str(webhook.id) for webhook in self.client.webhooks.list()]
        self.say(f"client.webhooks.list() pages itself: {len(listed)} webhook(s) on the account")
        if self.webhook_id not in listed:
            raise DemoError("the new webhook is not in the list")

    def blacklist_number(self) -> None:
        self.client.number_authorisation.add_to_blacklist(numbers=[self.blocked])
        (entry,) = self.client.number_authorisation.check(self.blocked).numbers
        self.say(f"{entry.number} authorised: {entry.authorised}")
        if entry.authorised:
            raise DemoError(f"{self.blocked} is still authorised after being blacklisted")

    def send_to_blocked(self) -> None:
        sent = self._send(
            {"content": "Last chance!", "destination_number": self.blocked, "delivery_report": True}
        )
        self.refused_id = str(sent.message_id)

        def final_report() -> DeliveryReport | None:
            for report in self.client.delivery_reports.check().delivery_reports:
                if report.message_id == sent.message_id and str(report.status) in FINAL_REPORTS:
                    return report
            return None

        report = self.wait_for("the delivery report of the refused message", final_report)
        self.say(f"delivery report: status {report.status}, error_code {report.error_code}")
        self.client.delivery_reports.confirm(delivery_report_ids=[report.delivery_report_id])
        if str(report.status) == "delivered":
            raise DemoError("a message to a blacklisted number was delivered")

    def _handled(
        self, kind: type[DeliveryReportEvent] | type[ReplyEvent], about: str
    ) -> CallbackEvent | None:
        with self._events_lock:
            events = list(self.events)
        return next((e for e in events if isinstance(e, kind) and str(e.message_id) == about), None)

    def receive_callbacks(self) -> None:
        if self.webhook_id is None or self.webhook_url is not None or self.sandbox_url is None:
            self.say("skipped: the webhook is not the demo's own receiver")
            return
        refusal = self.wait_for(
            "the refusal's signed callback", lambda: self._handled(DeliveryReportEvent, self.refused_id)
        )
        assert isinstance(refusal, DeliveryReportEvent)
        self.say(
            f"{type(refusal).__name__} {event_id(refusal)}: {refusal.status}, error_code {refusal.error_code}"
        )
        created = httpx.post(
            f"{self.sandbox_url}/sandbox/replies",
            json={"message_id": self.sms_id, "content": "See you at 3"},
            timeout=10,
        )
        created.raise_for_status()
        reply = self.wait_for("the reply's signed callback", lambda: self._handled(ReplyEvent, self.sms_id))
        assert isinstance(reply, ReplyEvent)
        self.say(f"{type(reply).__name__} {event_id(reply)}: {reply.content!r}")
        # What the sandbox delivered to the receiver: every call was answered 2XX, i.e. verified.
        log = httpx.get(f"{self.sandbox_url}/sandbox/callbacks", timeout=10).json()["callbacks"]
        ours = [entry for entry in log if entry.get("webhook_id") == self.webhook_id]
        refused = [entry for entry in ours if entry["state"] != "delivered"]
        self.say(f"{len(ours)} signed callbacks delivered to the receiver, {len(self.events)} handled")
        if refused:
            raise DemoError(f"the receiver refused {len(refused)} callbacks: {refused[0].get('last_error')}")

    def clean_up(self) -> None:
        self.client.number_authorisation.remove_from_blacklist(self.blocked)
        if self.key is not None:
            self.client.signature_keys.disable()
            self.client.signature_keys.delete(self.key.key_id)
        if self.webhook_id is not None:
            self.client.webhooks.delete(self.webhook_id)
        self.say("the number, the key and the webhook are gone")

    def command_line(self) -> None:
        import shlex
        import subprocess

        env = dict(os.environ)
        if self.sandbox_url is not None:
            from .config import DEFAULT_KEY, DEFAULT_SECRET

            env.update(
                MESSAGEMEDIA_API_KEY=DEFAULT_KEY,
                MESSAGEMEDIA_API_SECRET=DEFAULT_SECRET,
                MESSAGEMEDIA_BASE_URL=self.sandbox_url,
            )
        for args in (["credits"], ["--json", "send", self.destination, "Sent from the messagemedia command"]):
            self.say("$ messagemedia " + shlex.join(args))
            done = subprocess.run(
                [sys.executable, "-m", "messagemedia_cli", *args],
                env=env, capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip
            for line in done.stdout.splitlines():
                self.say("  " + line)
            if done.returncode != 0:
                command = shlex.join(args)
                raise DemoError(f"messagemedia {command} exited {done.returncode}: {done.stderr.strip()}")


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
            with MessageMedia(api_key, api_secret, algorithm=args.algorithm, base_url=base_url) as client:
                Tour(
                    client,
                    sandbox_url=sandbox_url,
                    destination=destination,
                    timeout=timeout,
                    webhook_url=os.environ.get("MESSAGEMEDIA_DEMO_WEBHOOK_URL") or None,
                    blocked=os.environ.get("MESSAGEMEDIA_DEMO_BLOCKED_DESTINATION", DEFAULT_BLOCKED),
                ).run()
    except Exception as exc:  # the demo's contract is a readable line and exit status 1
        print(f"    FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    print("\nEvery step passed.", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
