"""``messagemedia replies`` and ``messagemedia reports``: what is pending, confirmed only once shown."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click

from ..state import CliState

CHECK_LIMIT = 100  # the API hands out at most the oldest 100 unconfirmed items per check


@dataclass(frozen=True, slots=True)
class Inbox:
    """How replies and delivery reports differ; everything else about them is the same."""

    name: str
    resource: str
    items: str
    id_field: str
    confirm_keyword: str
    label: str
    columns: tuple[str, ...]


REPLIES = Inbox(
    name="replies",
    resource="replies",
    items="replies",
    id_field="reply_id",
    confirm_keyword="reply_ids",
    label="reply",
    columns=("reply_id", "date_received", "source_number", "content", "message_id", "metadata"),
)
REPORTS = Inbox(
    name="delivery reports",
    resource="delivery_reports",
    items="delivery_reports",
    id_field="delivery_report_id",
    confirm_keyword="delivery_report_ids",
    label="report",
    columns=("delivery_report_id", "message_id", "status", "error_code", "date_received", "source_number"),
)


def _item_id(item: Any, inbox: Inbox) -> str | None:
    value = getattr(item, inbox.id_field, None)
    return str(value) if value else None


def _list_once(state: CliState, inbox: Inbox, confirm: bool) -> None:
    resource = getattr(state.client(), inbox.resource)
    items = list(getattr(resource.check(), inbox.items))
    state.out.records([item.to_dict() for item in items], inbox.columns, title=f"pending {inbox.name}")
    if confirm:
        # Only what was just printed, and only once it was written out.
        ids = [item_id for item in items if (item_id := _item_id(item, inbox))]
        if ids:
            resource.confirm(**{inbox.confirm_keyword: ids})
            state.out.note(f"confirmed {len(ids)} {inbox.name}")
    elif len(items) >= CHECK_LIMIT:
        state.out.note(
            f"these are the oldest {CHECK_LIMIT}; the API shows more once these are confirmed (--confirm)"
        )


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM end the loop, also when started in the background by a shell,
    which starts such jobs with SIGINT ignored (``messagemedia replies --follow &``, supervisors)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, signal.default_int_handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _follow(state: CliState, inbox: Inbox, confirm: bool, interval: float) -> None:
    resource = getattr(state.client(), inbox.resource)
    out = state.out

    def show(item: Any) -> None:
        out.line(item.to_dict(), inbox.columns, inbox.label)

    seen: set[str] = set()
    full = False  # the last check was full: its note is not repeated until that changes
    state.out.note(f"following {inbox.name} every {interval:g} s; Ctrl-C stops")
    with _stopped_by_signals():
        try:
            while True:
                if confirm:
                    # drain confirms an item only after show() returned: nothing unprinted is confirmed.
                    result = resource.drain(show)
                    if result.failed:
                        raise result.failed[0].error
                    if result.unconfirmed:
                        out.note(
                            f"{len(result.unconfirmed)} {inbox.name} shown but not confirmed; they come again"
                        )
                else:
                    items = list(getattr(resource.check(), inbox.items))
                    for item in items:
                        item_id = _item_id(item, inbox)
                        if item_id is None or item_id not in seen:
                            if item_id is not None:
                                seen.add(item_id)
                            show(item)
                    if len(items) >= CHECK_LIMIT and not full:
                        # Unconfirmed, these same oldest ones fill every check: newer ones never show.
                        out.note(
                            f"{CHECK_LIMIT} {inbox.name} are pending, the most a check shows; newer ones"
                            " appear only once these are confirmed (--confirm)"
                        )
                    full = len(items) >= CHECK_LIMIT
                time.sleep(interval)
        except KeyboardInterrupt:
            out.note("stopped")


def _inbox_command(name: str, inbox: Inbox, example: str) -> click.Command:
    @click.command(
        name,
        help=f"""List pending {inbox.name} (the oldest {CHECK_LIMIT} not yet confirmed).

        --confirm confirms what was printed, once it is printed, so the API stops handing it out.
        --follow keeps checking and prints new ones as they come (Ctrl-C stops); with --confirm it
        confirms each one after printing it.""",
        epilog=example,
    )
    @click.option("--confirm", is_flag=True, help="Confirm what was printed.")
    @click.option("--follow", is_flag=True, help="Keep checking and print new ones as they come.")
    @click.option(
        "--interval",
        type=click.FloatRange(min=0.05),
        default=5.0,
        show_default=True,
        metavar="SECONDS",
        help="With --follow: the pause between checks.",
    )
    @click.pass_obj
    def command(state: CliState, confirm: bool, follow: bool, interval: float) -> None:
        if follow:
            _follow(state, inbox, confirm, interval)
        else:
            _list_once(state, inbox, confirm)

    return command


replies = _inbox_command(
    "replies",
    REPLIES,
    """\b
Examples:
  messagemedia replies
  messagemedia replies --confirm
  messagemedia --json replies --follow --confirm --interval 10 >> replies.jsonl""",
)
reports = _inbox_command(
    "reports",
    REPORTS,
    """\b
Examples:
  messagemedia reports
  messagemedia --json reports --confirm | jq -r '[.message_id, .status] | @tsv'
  messagemedia reports --follow""",
)
