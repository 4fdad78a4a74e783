"""Process every pending reply or delivery report, at least once, and confirm only what was processed.

The API hands out the oldest ≤ 100 unconfirmed items per check, the same ones until they are
confirmed. A drain checks, calls the handler on each item it has not tried yet, confirms the items
whose handler returned, and checks again until a check brings nothing new. An item whose handler
raised stays unconfirmed, so it comes back on the next drain: it is tried once per drain, never
in a loop. (If 100 or more items keep failing they fill every check, and the drain stops early:
handle persistent failures in the handler, e.g. park them elsewhere and return normally.)
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from uuid import UUID

from messagemedia_messages.types import UNSET, Unset

from .errors import MessageMediaError

if TYPE_CHECKING:
    from messagemedia_messages.client import Client
    from messagemedia_messages.models.delivery_report import DeliveryReport
    from messagemedia_messages.models.reply import Reply

__all__ = [
    "DrainError",
    "DrainFailure",
    "DrainResult",
    "adrain_delivery_reports",
    "adrain_replies",
    "drain_delivery_reports",
    "drain_replies",
]

T = TypeVar("T")
MAX_CONFIRM = 100
logger = logging.getLogger("messagemedia")


@dataclass(frozen=True, slots=True)
class DrainFailure(Generic[T]):
    """The handler raised ``error`` for ``item``; it was not confirmed and will come back."""

    item: T
    item_id: str
    error: Exception


class DrainError(MessageMediaError):
    """A drain left items unconfirmed; ``result`` says which and why."""

    def __init__(self, result: DrainResult[Any]) -> None:
        super().__init__(
            f"{len(result.failed)} items failed in the handler and {len(result.unconfirmed)} processed items"
            f" could not be confirmed ({result.processed} processed and confirmed); they will come again",
            operation=result.operation,
        )
        self.result = result


@dataclass(slots=True)
class DrainResult(Generic[T]):
    """What a drain did.

    ``processed``: items handled and confirmed. ``failed``: items whose handler raised (not
    confirmed). ``unconfirmed``: IDs handled successfully whose confirm request failed (they will
    be delivered again: handlers must tolerate repeats). ``confirm_errors``: those failures.
    ``checks``: check requests made.
    """

    operation: str
    processed: int = 0
    failed: list[DrainFailure[T]] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    confirm_errors: list[Exception] = field(default_factory=list)
    checks: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.unconfirmed

    def raise_if_failed(self) -> None:
        """Raise ``DrainError`` (carrying this result) if anything was left unconfirmed."""
        if not self.ok:
            raise DrainError(self)


@dataclass(frozen=True, slots=True)
class _Kind(Generic[T]):
    """How one kind of item is checked, identified and confirmed."""

    check_operation: str
    items: Callable[[Any], list[T]]
    item_id: Callable[[T], str]
    check_module: str
    confirm_module: str
    confirm_body: Callable[[list[str]], Any]


def _replies() -> _Kind[Reply]:
    from messagemedia_messages.models.confirm_replies_as_received_request import (
        ConfirmRepliesAsReceivedRequest,
    )

    return _Kind(
        check_operation="check_replies",
        items=lambda page: list(page.replies),
        item_id=lambda reply: str(reply.reply_id),
        check_module="messagemedia_messages.api.replies.check_replies",
        confirm_module="messagemedia_messages.api.replies.confirm_replies_as_received",
        confirm_body=lambda ids: ConfirmRepliesAsReceivedRequest(reply_ids=[UUID(i) for i in ids]),
    )


def _reports() -> _Kind[DeliveryReport]:
    from messagemedia_messages.models.confirm_delivery_reports_as_received_request import (
        ConfirmDeliveryReportsAsReceivedRequest,
    )

    return _Kind(
        check_operation="check_delivery_reports",
        items=lambda page: list(page.delivery_reports),
        item_id=lambda report: str(report.delivery_report_id),
        check_module="messagemedia_messages.api.delivery_reports.check_delivery_reports",
        confirm_module="messagemedia_messages.api.delivery_reports.confirm_delivery_reports_as_received",
        confirm_body=lambda ids: ConfirmDeliveryReportsAsReceivedRequest(
            delivery_report_ids=[UUID(i) for i in ids]
        ),
    )


def _module(name: str) -> Any:
    import importlib

    return importlib.import_module(name)


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    return [list(ids[i : i + MAX_CONFIRM]) for i in range(0, len(ids), MAX_CONFIRM)]


def _new_items(kind: _Kind[T], page: Any, seen: set[str]) -> list[tuple[str, T]]:
    fresh = []
    for item in kind.items(page):
        item_id = kind.item_id(item)
        if item_id not in seen:
            seen.add(item_id)
            fresh.append((item_id, item))
    return fresh


def _handler_failed(result: DrainResult[T], item_id: str, item: T, exc: Exception) -> None:
    # The item's ID and the error class only: the item and the error text may hold message content.
    logger.warning("handler failed for %s item %s: %s", result.operation, item_id, type(exc).__name__)
    result.failed.append(DrainFailure(item, item_id, exc))


def _finish(result: DrainResult[T]) -> DrainResult[T]:
    logger.info(
        "drain %s: %d processed, %d failed, %d unconfirmed, %d checks",
        result.operation,
        result.processed,
        len(result.failed),
        len(result.unconfirmed),
        result.checks,
    )
    return result


def _drain(
    kind: _Kind[T],
    client: Client,
    handler: Callable[[T], object],
    account: str | Unset,
    max_checks: int | None,
) -> DrainResult[T]:
    check, confirm = _module(kind.check_module), _module(kind.confirm_module)
    result: DrainResult[T] = DrainResult(operation=kind.check_operation)
    seen: set[str] = set()
    while max_checks is None or result.checks < max_checks:
        page = check.sync(client=client, account=account)
        result.checks += 1
        fresh = _new_items(kind, page, seen)
        if not fresh:
            break
        done: list[str] = []
        for item_id, item in fresh:
            try:
                handler(item)
            except Exception as exc:  # at-least-once: a failed item stays unconfirmed
                _handler_failed(result, item_id, item, exc)
            else:
                done.append(item_id)
        for ids in _chunks(done):
            try:
                confirm.sync(client=client, body=kind.confirm_body(ids), account=account)
            except Exception as exc:
                # Checking again would only bring back these same items: stop, report them.
                result.unconfirmed.extend(ids)
                result.confirm_errors.append(exc)
            else:
                result.processed += len(ids)
        if result.confirm_errors:
            break
    return _finish(result)


async def _adrain(
    kind: _Kind[T],
    client: Client,
    handler: Callable[[T], object | Awaitable[object]],
    account: str | Unset,
    max_checks: int | None,
) -> DrainResult[T]:
    check, confirm = _module(kind.check_module), _module(kind.confirm_module)
    result: DrainResult[T] = DrainResult(operation=kind.check_operation)
    seen: set[str] = set()
    while max_checks is None or result.checks < max_checks:
        page = await check.asyncio(client=client, account=account)
        result.checks += 1
        fresh = _new_items(kind, page, seen)
        if not fresh:
            break
        done: list[str] = []
        for item_id, item in fresh:
            try:
                outcome = handler(item)
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception as exc:  # see _drain
                _handler_failed(result, item_id, item, exc)
            else:
                done.append(item_id)
        for ids in _chunks(done):
            try:
                await confirm.asyncio(client=client, body=kind.confirm_body(ids), account=account)
            except Exception as exc:
                result.unconfirmed.extend(ids)
                result.confirm_errors.append(exc)
            else:
                result.processed += len(ids)
        if result.confirm_errors:
            break
    return _finish(result)


def drain_replies(
    client: Client,
    handler: Callable[[Reply], object],
    *,
    account: str | Unset = UNSET,
    max_checks: int | None = None,
) -> DrainResult[Reply]:
    """Call ``handler`` on every pending reply and confirm those it handled without raising.

    Errors of the check requests propagate (everything handled before them is already confirmed);
    handler and confirm failures are collected in the result: call ``raise_if_failed()`` to raise.
    """
    return _drain(_replies(), client, handler, account, max_checks)


def drain_delivery_reports(
    client: Client,
    handler: Callable[[DeliveryReport], object],
    *,
    account: str | Unset = UNSET,
    max_checks: int | None = None,
) -> DrainResult[DeliveryReport]:
    """Like ``drain_replies``, for delivery reports."""
    return _drain(_reports(), client, handler, account, max_checks)


async def adrain_replies(
    client: Client,
    handler: Callable[[Reply], object | Awaitable[object]],
    *,
    account: str | Unset = UNSET,
    max_checks: int | None = None,
) -> DrainResult[Reply]:
    """The async twin of ``drain_replies``; ``handler`` may be a plain function or a coroutine function."""
    return await _adrain(_replies(), client, handler, account, max_checks)


async def adrain_delivery_reports(
    client: Client,
    handler: Callable[[DeliveryReport], object | Awaitable[object]],
    *,
    account: str | Unset = UNSET,
    max_checks: int | None = None,
) -> DrainResult[DeliveryReport]:
    """The async twin of ``drain_delivery_reports``."""
    return await _adrain(_reports(), client, handler, account, max_checks)
