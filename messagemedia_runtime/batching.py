"""Send any number of messages in requests of at most 100, without losing track of what was accepted.

A failed batch does not hide the others: every accepted message comes back at its input position,
and every failure names the input range it covers, so no accepted message ID is ever lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# types.py imports nothing of ours, so importing it here cannot close an import cycle.
from messagemedia_messages.types import UNSET, Unset

from .errors import MessageMediaError, RequestValidationError, SendOutcomeUnknownError, operation_info

if TYPE_CHECKING:
    from messagemedia_messages.client import Client
    from messagemedia_messages.models.message import Message
    from messagemedia_messages.models.sent_message import SentMessage

__all__ = [
    "BatchFailure",
    "BatchResult",
    "BatchSendError",
    "BatchSkippedError",
    "asend_in_batches",
    "send_in_batches",
]

MAX_BATCH = 100
_OPERATION = "send_messages"
logger = logging.getLogger("messagemedia")


class BatchSkippedError(MessageMediaError):
    """Not attempted: an earlier batch failed and ``stop_on_error`` was set. Nothing was sent."""


class BatchSendError(MessageMediaError):
    """Some batches failed; ``result`` holds what was accepted and what failed."""

    def __init__(self, result: BatchResult) -> None:
        unknown = sum(1 for f in result.failures if f.outcome_unknown)
        kinds = sorted({type(f.error).__name__ for f in result.failures})
        info = operation_info(_OPERATION)
        super().__init__(
            f"{len(result.failures)} of {result.requests} batches failed ({', '.join(kinds)});"
            f" {result.accepted_count} of {len(result.sent)} messages were accepted"
            + (f"; {unknown} batches may or may not have been accepted" if unknown else ""),
            operation=_OPERATION,
            method=info.get("method"),
            path=info.get("path"),
        )
        self.result = result


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """Input positions ``start`` to ``end - 1`` were not confirmed as accepted, because of ``error``.

    ``accepted``: messages the API did return for this batch when its answer could not be matched
    to the input (kept so their IDs are not lost); usually empty.
    """

    start: int
    end: int
    error: Exception
    accepted: list[SentMessage] = field(default_factory=list)

    @property
    def outcome_unknown(self) -> bool:
        """True when the batch may have been accepted: check before resending it."""
        return isinstance(self.error, SendOutcomeUnknownError)

    @property
    def message_index(self) -> int | None:
        """For a validation failure, the input position of the offending message."""
        if isinstance(self.error, RequestValidationError) and self.error.index is not None:
            return self.start + self.error.index
        return None


@dataclass(slots=True)
class BatchResult:
    """``sent[i]``: the accepted message for input ``i`` (with ``message_id``); None if its batch failed."""

    sent: list[SentMessage | None]
    failures: list[BatchFailure] = field(default_factory=list)
    requests: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def accepted_count(self) -> int:
        return sum(1 for m in self.sent if m is not None)

    def raise_if_failed(self) -> None:
        """Raise ``BatchSendError`` (carrying this result) if any batch failed."""
        if self.failures:
            raise BatchSendError(self)


def _ranges(total: int, batch_size: int) -> list[tuple[int, int]]:
    if not 1 <= batch_size <= MAX_BATCH:
        raise ValueError(f"batch_size must be between 1 and {MAX_BATCH}")
    return [(start, min(start + batch_size, total)) for start in range(0, total, batch_size)]


def _record(result: BatchResult, start: int, end: int, accepted: list[SentMessage]) -> None:
    if len(accepted) != end - start:
        info = operation_info(_OPERATION)
        error = MessageMediaError(
            f"the API accepted the batch but answered {len(accepted)} messages for {end - start} sent;"
            " they are kept in BatchFailure.accepted",
            operation=_OPERATION,
            method=info.get("method"),
            path=info.get("path"),
        )
        result.failures.append(BatchFailure(start, end, error, accepted))
        return
    result.sent[start:end] = accepted


def _fail(result: BatchResult, start: int, end: int, error: Exception) -> None:
    # Only the class: the error text of a foreign exception might quote message content.
    logger.warning("batch of messages %d-%d failed: %s", start, end - 1, type(error).__name__)
    result.failures.append(BatchFailure(start, end, error))


def _skipped() -> BatchSkippedError:
    info = operation_info(_OPERATION)
    return BatchSkippedError(
        "not attempted because an earlier batch failed (stop_on_error=True); nothing was sent",
        operation=_OPERATION,
        method=info.get("method"),
        path=info.get("path"),
    )


def send_in_batches(
    client: Client,
    messages: Iterable[Message],
    *,
    batch_size: int = MAX_BATCH,
    account: str | Unset = UNSET,
    stop_on_error: bool = False,
) -> BatchResult:
    """Send ``messages`` in order, ``batch_size`` (≤ 100) per request; never raises for a failed batch.

    Check ``result.failures`` or call ``result.raise_if_failed()``. A failure whose
    ``outcome_unknown`` is true may have been accepted: do not resend it blindly.
    """
    from messagemedia_messages.api.messages import send_messages
    from messagemedia_messages.models.send_messages_request import SendMessagesRequest

    items = list(messages)
    result = BatchResult(sent=[None] * len(items))
    failed = False
    for start, end in _ranges(len(items), batch_size):
        if failed and stop_on_error:
            result.failures.append(BatchFailure(start, end, _skipped()))
            continue
        result.requests += 1
        try:
            answer = send_messages.sync(
                client=client,
                body=SendMessagesRequest(messages=items[start:end]),
                account=account,
            )
        except Exception as exc:  # every failure is recorded, so accepted IDs from other batches survive
            _fail(result, start, end, exc)
            failed = True
            continue
        _record(result, start, end, answer.messages)
    return result


async def asend_in_batches(
    client: Client,
    messages: Iterable[Message],
    *,
    batch_size: int = MAX_BATCH,
    account: str | Unset = UNSET,
    concurrency: int = 4,
    stop_on_error: bool = False,
) -> BatchResult:
    """The async twin of ``send_in_batches``, with up to ``concurrency`` requests in flight."""
    from messagemedia_messages.api.messages import send_messages
    from messagemedia_messages.models.send_messages_request import SendMessagesRequest

    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    items = list(messages)
    result = BatchResult(sent=[None] * len(items))
    gate = asyncio.Semaphore(concurrency)
    failed = asyncio.Event()

    async def one(start: int, end: int) -> None:
        async with gate:
            if failed.is_set() and stop_on_error:
                result.failures.append(BatchFailure(start, end, _skipped()))
                return
            result.requests += 1
            try:
                answer = await send_messages.asyncio(
                    client=client,
                    body=SendMessagesRequest(messages=items[start:end]),
                    account=account,
                )
            except Exception as exc:  # see send_in_batches
                _fail(result, start, end, exc)
                failed.set()
                return
            _record(result, start, end, answer.messages)

    await asyncio.gather(*(one(start, end) for start, end in _ranges(len(items), batch_size)))
    # Batches finish out of order; failures are reported in input order like everything else.
    result.failures.sort(key=lambda f: f.start)
    return result
