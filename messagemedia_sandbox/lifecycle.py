"""The simulated life of a message: which status it has when, and the clock that moves it on.

A message's whole future is fixed when it is sent (its plan), so its status at any moment is a
pure function of the plan and the time. The store applies the steps that have come due, which
is what makes a restart harmless: the plan is on disk, and steps missed while the sandbox was
down are applied, with their original times, as soon as it is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# The API's vendor ID since MAPI-2218 (it was `MessageMedia` before).
VENDOR_ID = "SinchEU"
# Statuses a delivery report can announce (DeliveryReportStatus in the spec).
REPORTED = frozenset({"enroute", "submitted", "delivered", "expired", "rejected", "failed"})
FINAL = frozenset({"delivered", "expired", "rejected", "failed", "cancelled"})
# What each status's delivery report carries as `error_code` (the API's delivery codes).
ERROR_CODES = {
    "enroute": "211",
    "submitted": "200",
    "delivered": "220",
    "failed": "330",
    "expired": "401",
    "rejected": "402",
}
# How messages to a destination end: the final status, and the delivery code its report carries.
# The API no longer reports `undeliverable` as a status: it is a `failed` with code 400.
OUTCOMES = {
    "delivered": ("delivered", "220"),
    "failed": ("failed", "330"),
    "rejected": ("rejected", "402"),
    "undeliverable": ("failed", "400"),
    # A destination on the account's blacklist (it opted out, or was listed through the Number
    # Authorisation API). The send is accepted, as the API accepts it, and the message is then
    # refused by the platform itself, never reaching a carrier: it ends `rejected` (the API's
    # permanent refusal, where `failed` is a delivery that went wrong) with 302 "destination
    # blocked", the platform's code, rather than 412, the same words from a carrier downstream.
    "blocked": ("rejected", "302"),
}
# Outcomes decided before the message leaves the platform: it is never enroute nor submitted.
_REFUSED_AT_ONCE = frozenset({"blocked"})
_log = logging.getLogger("messagemedia_sandbox")


def final_status(outcome: str) -> str:
    """The status a message planned to end with ``outcome`` ends in."""
    return OUTCOMES.get(outcome, (outcome, ""))[0]


def error_code(status: str, outcome: str) -> str:
    """The `error_code` of the delivery report announcing ``status`` for a message planned to end
    with ``outcome``: the outcome's own code for its final status, else the status's usual code."""
    final, code = OUTCOMES.get(outcome, (outcome, ""))
    if status == final and code:
        return code
    return ERROR_CODES[status]


@dataclass(frozen=True)
class Plan:
    """Everything that decides a message's timeline, fixed at send time."""

    created_at: float
    due_at: float
    step: float
    outcome: str  # a key of OUTCOMES
    scheduled: bool
    expires_at: float | None = None


def timeline(plan: Plan) -> list[tuple[str, float]]:
    """Each status the message will have and from when, oldest first.

    scheduled (only if sent for later) → queued at the due time → enroute → submitted → the
    outcome, one step apart. A message that would still be travelling at its expiry time ends
    `expired` then instead.
    """
    steps: list[tuple[str, float]] = [("scheduled", plan.created_at)] if plan.scheduled else []
    due = plan.due_at
    if plan.outcome in _REFUSED_AT_ONCE:
        travel = [("queued", due), (final_status(plan.outcome), due + plan.step)]
    else:
        travel = [
            ("queued", due),
            ("enroute", due + plan.step),
            ("submitted", due + 2 * plan.step),
            (final_status(plan.outcome), due + 3 * plan.step),
        ]
    if plan.expires_at is not None and plan.expires_at < travel[-1][1]:
        expired_at = max(plan.expires_at, due)
        # It is queued however late it is: a send always answers queued (or scheduled), and the
        # expiry then comes as a status change with its own delivery report.
        on_time = [entry for entry in travel[1:] if entry[1] < expired_at]
        travel = [travel[0], *on_time, ("expired", expired_at)]
    return steps + travel


class Ticker:
    """A daemon thread that calls `advance(now)` every `interval` seconds until stopped.

    Reads also advance the clock on their own, so the ticker is only what makes delivery reports,
    auto-replies and their callbacks happen when nobody is asking.
    """

    def __init__(self, advance: Callable[[float], object], interval: float) -> None:
        self._advance = advance
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sandbox-ticker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._advance(time.time())
            except Exception:  # one failed tick must not end the simulation
                _log.exception("lifecycle tick failed")
