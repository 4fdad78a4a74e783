"""Process every pending item of a check/confirm pair, at least once, and confirm only what was processed.

The API hands out the oldest ≤ 100 unconfirmed replies (or delivery reports) per check, the same
ones until they are confirmed. A drain checks, calls the handler on each item it has not tried
yet, confirms the items whose handler returned, and checks again until a check brings nothing
new. An item whose handler raised stays unconfirmed, so it comes back on the next drain: it is
tried once per drain, never in a loop. (If 100 or more items keep failing they fill every check,
and the drain stops early: handle persistent failures in the handler, e.g. park them elsewhere and
return normally.)

This module knows nothing of replies or models: the client object hands it the check and confirm
calls (see ``MessageMedia.replies.drain``).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .awaitables import discard, is_coroutine_function
from .errors import ConfigurationError, MessageMediaError

__all__ = ["DrainError", "DrainFailure", "DrainResult", "adrain", "drain"]

T = TypeVar("T")
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
    ``unidentified``: items handled that came without an ID, so they cannot be confirmed.
    ``checks``: check requests made.
    """

    operation: str
    processed: int = 0
    failed: list[DrainFailure[T]] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    confirm_errors: list[Exception] = field(default_factory=list)
    unidentified: list[T] = field(default_factory=list)
    checks: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.unconfirmed

    def raise_if_failed(self) -> None:
        """Raise ``DrainError`` (carrying this result) if anything was left unconfirmed."""
        if not self.ok:
            raise DrainError(self)


@dataclass(slots=True)
class _Drain(Generic[T]):
    """The bookkeeping of one drain, shared by the sync and async loops."""

    item_id: Callable[[T], str | None]
    max_confirm: int
    result: DrainResult[T]
    seen: set[str] = field(default_factory=set)

    def fresh(self, items: Sequence[T]) -> list[tuple[str | None, T]]:
        new: list[tuple[str | None, T]] = []
        for item in items:
            item_id = self.item_id(item)
            if item_id is None:
                # Without an ID it can be neither confirmed nor told apart from the next check's
                # copy: it is handed over once, and the drain stops when nothing else is new.
                if any(item == other for other in self.result.unidentified):
                    continue
                self.result.unidentified.append(item)
                new.append((None, item))
            elif item_id not in self.seen:
                self.seen.add(item_id)
                new.append((item_id, item))
        return new

    def failed(self, item_id: str | None, item: T, exc: Exception) -> None:
        # The item's ID and the error class only: the item and the error text may hold message content.
        logger.warning(
            "handler failed for %s item %s: %s", self.result.operation, item_id, type(exc).__name__
        )
        if item_id is not None:
            self.result.failed.append(DrainFailure(item, item_id, exc))

    def chunks(self, ids: Sequence[str]) -> list[list[str]]:
        return [list(ids[i : i + self.max_confirm]) for i in range(0, len(ids), self.max_confirm)]

    def finish(self) -> DrainResult[T]:
        result = self.result
        logger.info(
            "drain %s: %d processed, %d failed, %d unconfirmed, %d checks",
            result.operation,
            result.processed,
            len(result.failed),
            len(result.unconfirmed),
            result.checks,
        )
        return result


def _check_handler(handler: object) -> None:
    if not callable(handler):
        raise ConfigurationError(
            f"the handler must be a function taking one item, not {type(handler).__name__}"
        )


def drain(
    check: Callable[[], Sequence[T]],
    confirm: Callable[[list[str]], object],
    handler: Callable[[T], object],
    *,
    item_id: Callable[[T], str | None],
    operation: str,
    max_confirm: int = 100,
    max_checks: int | None = None,
) -> DrainResult[T]:
    """Call ``handler`` on every item ``check`` returns and ``confirm`` the IDs of those it handled.

    Errors of ``check`` propagate (everything handled before is already confirmed); handler and
    confirm failures are collected in the result: call ``raise_if_failed()`` to raise.
    """
    _check_handler(handler)
    if is_coroutine_function(handler):
        raise ConfigurationError(
            "this drain calls its handler without awaiting it, and would confirm items it never"
            " processed: give a plain function, or use the async client's drain"
        )
    state: _Drain[T] = _Drain(item_id, max_confirm, DrainResult(operation=operation))
    result = state.result
    while max_checks is None or result.checks < max_checks:
        page = check()
        result.checks += 1
        fresh = state.fresh(page)
        if not fresh:
            break
        done: list[str] = []
        for key, item in fresh:
            try:
                outcome = handler(item)
                if inspect.isawaitable(outcome):  # a lambda around a coroutine function, say
                    discard(outcome)
                    raise ConfigurationError(
                        "the handler returned an awaitable, which this drain cannot await: the item"
                        " is left unconfirmed (use the async client's drain)"
                    )
            except Exception as exc:  # at-least-once: a failed item stays unconfirmed
                state.failed(key, item, exc)
            else:
                if key is not None:
                    done.append(key)
        for ids in state.chunks(done):
            try:
                confirm(ids)
            except Exception as exc:
                # Checking again would only bring back these same items: stop, report them.
                result.unconfirmed.extend(ids)
                result.confirm_errors.append(exc)
            else:
                result.processed += len(ids)
        if result.confirm_errors:
            break
    return state.finish()


async def adrain(
    check: Callable[[], Awaitable[Sequence[T]]],
    confirm: Callable[[list[str]], Awaitable[object]],
    handler: Callable[[T], object | Awaitable[object]],
    *,
    item_id: Callable[[T], str | None],
    operation: str,
    max_confirm: int = 100,
    max_checks: int | None = None,
) -> DrainResult[T]:
    """The async twin of ``drain``; ``handler`` may be a plain function or a coroutine function."""
    _check_handler(handler)
    state: _Drain[T] = _Drain(item_id, max_confirm, DrainResult(operation=operation))
    result = state.result
    while max_checks is None or result.checks < max_checks:
        page = await check()
        result.checks += 1
        fresh = state.fresh(page)
        if not fresh:
            break
        done: list[str] = []
        for key, item in fresh:
            try:
                outcome = handler(item)
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception as exc:  # see drain
                state.failed(key, item, exc)
            else:
                if key is not None:
                    done.append(key)
        for ids in state.chunks(done):
            try:
                await confirm(ids)
            except Exception as exc:
                result.unconfirmed.extend(ids)
                result.confirm_errors.append(exc)
            else:
                result.processed += len(ids)
        if result.confirm_errors:
            break
    return state.finish()
