"""Send any number of items in requests of a bounded size, without losing track of what was accepted.

A failed batch does not hide the others: every accepted item comes back at its input position, and
every failure names the input positions it covers, so no accepted message ID is ever lost. An item
that breaks the spec's rules is reported on its own and the rest of its batch is still sent.

This module knows nothing of messages or models: the client object hands it a function that sends
one batch (see ``MessageMedia.messages.send_many``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .errors import (
    BadRequestError,
    ConfigurationError,
    MalformedResponseError,
    MessageMediaError,
    RequestValidationError,
    SendOutcomeUnknownError,
)

__all__ = [
    "BatchFailure",
    "BatchInterruptedError",
    "BatchProgress",
    "BatchResult",
    "BatchSendError",
    "BatchSkippedError",
    "PartlyRead",
    "UnmatchedAnswerError",
    "arun_batches",
    "as_items",
    "partly_read",
    "run_batches",
]

T = TypeVar("T")
R = TypeVar("R")
logger = logging.getLogger("messagemedia")
_FIRST_INDEX = re.compile(r"\[(\d+)\]")
# ``messages[50]`` in a 400's details: an item of the batch, by its position in the request.
_ITEM_REFERENCE = re.compile(r"(?<![\w.])(\w+)\[(\d+)\]")


class PartlyRead(list[R]):
    """The items of a batch's answer that could be read, when the answer held ``answered`` items
    in all: the items cannot then be matched to the input by position, so none is."""

    def __init__(self, readable: Sequence[R], answered: int) -> None:
        super().__init__(readable)
        self.answered = answered


def as_items(items: Iterable[T], name: str) -> list[T]:
    """``items`` as a list, or a ``ConfigurationError`` naming the argument when it is no iterable
    of items (``None``, a number, a single dict or model instead of a list of them)."""
    if items is not None and not isinstance(items, str | bytes | Mapping) and not hasattr(items, "to_dict"):
        try:
            return list(items)
        except TypeError:
            pass
    raise ConfigurationError(
        f"{name} must be a list (or other iterable) of items, not {type(items).__name__}"
    )


def _check_progress(progress: object) -> None:
    if progress is not None and not callable(progress):
        raise ConfigurationError(
            f"progress must be a function taking a BatchProgress, not {type(progress).__name__}"
        )


def partly_read(readable: Sequence[R], raw: object) -> Sequence[R]:
    """What a ``send`` hands back: ``readable`` as it is, or as ``PartlyRead`` when the answer's raw
    list (``raw``, kept by a lenient model because an item was not an object) is longer."""
    if isinstance(raw, list) and len(raw) != len(readable):
        return PartlyRead(readable, len(raw))
    return readable


class UnmatchedAnswerError(MessageMediaError):
    """The API accepted the batch, but its answer cannot be matched to the items sent (another
    count, or items that could not be read); what it did answer is in ``BatchFailure.accepted``."""


class BatchInterruptedError(SendOutcomeUnknownError):
    """The send was interrupted (Ctrl-C, cancellation) while this batch's request may have been on
    its way: it may or may not have been accepted."""


class BatchSkippedError(MessageMediaError):
    """Not attempted: an earlier batch failed and ``stop_on_error`` was set. Nothing was sent."""


class BatchSendError(MessageMediaError):
    """Some items were not sent (or may not have been); ``result`` holds what was accepted and what failed."""

    def __init__(self, result: BatchResult[object]) -> None:
        unknown = sum(len(f.indices) for f in result.failures if f.outcome_unknown)
        kinds = sorted({type(f.error).__name__ for f in result.failures})
        failed = sum(len(f.indices) for f in result.failures)
        super().__init__(
            f"{failed} of {len(result.sent)} items were not confirmed as accepted ({', '.join(kinds)});"
            f" {result.accepted_count} were accepted in {result.requests} requests"
            + (f"; {unknown} may or may not have been accepted" if unknown else "")
            + (f"; first: {result.failures[0].describe()}" if result.failures else ""),
            operation=result.operation,
        )
        self.result = result


@dataclass(frozen=True, slots=True)
class BatchFailure(Generic[R]):
    """The items at input positions ``indices`` were not confirmed as accepted, because of ``error``.

    ``accepted``: items the API did return for this batch when its answer could not be matched to
    the input (kept so their IDs are not lost); usually empty.
    """

    indices: tuple[int, ...]
    error: Exception
    accepted: list[R] = field(default_factory=list)

    @property
    def start(self) -> int:
        """The first input position this failure covers."""
        return self.indices[0]

    @property
    def end(self) -> int:
        """One past the last input position this failure covers."""
        return self.indices[-1] + 1

    @property
    def outcome_unknown(self) -> bool:
        """True when the batch may have been accepted, or was but its answer could not be used:
        check before resending it."""
        return isinstance(self.error, SendOutcomeUnknownError | MalformedResponseError | UnmatchedAnswerError)

    @property
    def message_index(self) -> int | None:
        """The input position of the offending item: for a validation failure, and for a 400 whose
        ``details`` name items (the lowest position named)."""
        if isinstance(self.error, RequestValidationError):
            return self.error.index
        named = self.message_indices
        return named[0] if named else None

    @property
    def message_indices(self) -> tuple[int, ...]:
        """The input positions the error names: the validation failure's item, or every item a 400's
        ``details`` name (already the caller's positions, not those inside the batch)."""
        if isinstance(self.error, RequestValidationError):
            return () if self.error.index is None else (self.error.index,)
        if isinstance(self.error, BadRequestError):
            named = {int(m.group(2)) for d in self.error.details for m in _ITEM_REFERENCE.finditer(d)}
            return tuple(sorted(i for i in named if i in self.indices))
        return ()

    def describe(self) -> str:
        """One line: the positions, the error's class and what it says about them."""
        span = f"item {self.start}" if len(self.indices) == 1 else f"items {self.start}-{self.end - 1}"
        if isinstance(self.error, RequestValidationError):
            said = self.error.message
        elif isinstance(self.error, BadRequestError) and self.error.details:
            said = self.error.details[0]
        else:  # another error's text may quote what was sent; its class says enough here
            said = ""
        said = said if len(said) <= 200 else said[:200] + "…"
        return f"{span}, {type(self.error).__name__}" + (f": {said}" if said else "")


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a batched send stands: ``done`` of ``total`` items settled, ``accepted`` of them accepted."""

    done: int
    total: int
    accepted: int
    failed: int


@dataclass(slots=True)
class BatchResult(Generic[R]):
    """``sent[i]``: what the API answered for input ``i`` (the accepted message), or None if not accepted."""

    sent: list[R | None]
    failures: list[BatchFailure[R]] = field(default_factory=list)
    requests: int = 0
    operation: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def accepted_count(self) -> int:
        return sum(1 for m in self.sent if m is not None)

    def raise_if_failed(self) -> None:
        """Raise ``BatchSendError`` (carrying this result) if any item was not accepted."""
        if self.failures:
            raise BatchSendError(self)  # type: ignore[arg-type]


def _rebased_details(error: BadRequestError, positions: Sequence[int], items_field: str) -> None:
    """Make a 400's ``details`` name the caller's positions (``messages[150]``), not the request's
    (``messages[50]``); ``error.body`` keeps the API's answer as it came."""

    def fix(match: re.Match[str]) -> str:
        index = int(match.group(2))
        if match.group(1) != items_field or not 0 <= index < len(positions):
            return match.group(0)
        return f"{items_field}[{positions[index]}]"

    error.details = [_ITEM_REFERENCE.sub(fix, detail) for detail in error.details]
    if error.api_message is not None:
        error.api_message = _ITEM_REFERENCE.sub(fix, error.api_message)


def _rebased(error: RequestValidationError, positions: Sequence[int]) -> RequestValidationError:
    """The same error, naming the caller's position instead of the position inside one batch."""
    if error.index is None or not 0 <= error.index < len(positions):
        return error
    position = positions[error.index]

    def fix(text: str) -> str:
        return _FIRST_INDEX.sub(f"[{position}]", text, count=1)

    rebased = RequestValidationError(
        fix(error.message),
        field=fix(error.field),
        index=position,
        rule=error.rule,
        operation=error.operation,
        method=error.method,
        path=error.path,
    )
    rebased.__cause__ = error.__cause__
    return rebased


class _Run(Generic[T, R]):
    """The bookkeeping of one batched send, shared by the sync and async drivers."""

    def __init__(
        self,
        items: Sequence[T],
        batch_size: int,
        max_batch: int,
        operation: str | None,
        progress: Callable[[BatchProgress], object] | None,
        *,
        items_field: str | None = None,
    ) -> None:
        if not 1 <= batch_size <= max_batch:
            raise ConfigurationError(f"batch_size must be between 1 and {max_batch}")
        self.items = items
        self.result: BatchResult[R] = BatchResult(sent=[None] * len(items), operation=operation)
        self.batches = [
            list(range(start, min(start + batch_size, len(items))))
            for start in range(0, len(items), batch_size)
        ]
        self.failed = False
        self.items_field = items_field
        self.started: set[int] = set()  # positions whose request was made, or is being made
        self._done = 0
        self._progress = progress

    def chunk(self, positions: Sequence[int]) -> list[T]:
        return [self.items[i] for i in positions]

    def record(self, positions: Sequence[int], accepted: Sequence[R]) -> None:
        answered = accepted.answered if isinstance(accepted, PartlyRead) else len(accepted)
        if answered != len(positions) or len(accepted) != len(positions):
            readable = f" ({len(accepted)} of them readable)" if answered != len(accepted) else ""
            error = UnmatchedAnswerError(
                f"the API accepted the batch but answered {answered} items{readable} for {len(positions)}"
                " sent; they are kept in BatchFailure.accepted",
                operation=self.result.operation,
            )
            self.result.failures.append(BatchFailure(tuple(positions), error, list(accepted)))
        else:
            for position, item in zip(positions, accepted, strict=True):
                self.result.sent[position] = item
        self._advance(len(positions))

    def fail(self, positions: Sequence[int], error: Exception) -> None:
        if isinstance(error, RequestValidationError):
            error = _rebased(error, positions)
        elif isinstance(error, BadRequestError) and self.items_field is not None:
            _rebased_details(error, positions, self.items_field)
        # Only the class: the error text of a foreign exception might quote message content.
        logger.warning(
            "batch of %d items from position %d failed: %s",
            len(positions),
            positions[0],
            type(error).__name__,
        )
        self.result.failures.append(BatchFailure(tuple(positions), error))
        self.failed = True
        self._advance(len(positions))

    def skip(self, positions: Sequence[int]) -> None:
        error = BatchSkippedError(
            "not attempted because an earlier batch failed (stop_on_error=True); nothing was sent",
            operation=self.result.operation,
        )
        self.result.failures.append(BatchFailure(tuple(positions), error))
        self._advance(len(positions))

    def isolate(self, positions: Sequence[int], check: Callable[[T], object] | None) -> list[int] | None:
        """After a batch broke the rules: fail each offending item alone; the positions still worth sending.

        None when the items cannot be told apart (no ``check``, or each passes on its own).
        """
        if check is None:
            return None
        valid: list[int] = []
        for position in positions:
            try:
                check(self.items[position])
            except RequestValidationError as exc:  # about the single item checked: index 0
                self.fail([position], exc)
            else:
                valid.append(position)
        return valid if len(valid) < len(positions) else None

    def _advance(self, count: int) -> None:
        self._done += count
        if self._progress is not None:
            failed = sum(len(f.indices) for f in self.result.failures)
            try:
                self._progress(BatchProgress(self._done, len(self.items), self._done - failed, failed))
            except Exception:  # a progress display must not decide what counts as sent
                logger.warning("the progress callback raised; the send goes on", exc_info=True)

    def interrupted(self, exc: BaseException) -> BaseException:
        """``exc`` (Ctrl-C, a cancellation), carrying the result so far as ``exc.batch_result``: the
        batches whose request may have left fail as outcome-unknown, the others as not attempted."""
        settled = {i for i, item in enumerate(self.result.sent) if item is not None}
        settled.update(i for failure in self.result.failures for i in failure.indices)
        operation = self.result.operation
        in_flight = 0
        # One failure per batch, so that no failure's span takes in an item another batch settled.
        for batch in self.batches:
            open_positions = [i for i in batch if i not in settled]
            flying = tuple(i for i in open_positions if i in self.started)
            untouched = tuple(i for i in open_positions if i not in self.started)
            if flying:
                in_flight += len(flying)
                error = BatchInterruptedError(
                    "interrupted while this batch's request may have been on its way", operation=operation
                )
                self.result.failures.append(BatchFailure(flying, error))
            if untouched:
                skipped = BatchSkippedError("not attempted: the send was interrupted", operation=operation)
                self.result.failures.append(BatchFailure(untouched, skipped))
        result = self.finish()
        exc.batch_result = result  # type: ignore[attr-defined]
        exc.add_note(
            f"{operation or 'the batched send'} was interrupted: {result.accepted_count} of {len(self.items)}"
            f" items were accepted, {in_flight} may or may not have been; see the exception's"
            " batch_result"
        )
        return exc

    def finish(self) -> BatchResult[R]:
        # Batches may finish out of order; failures are reported in input order like everything else.
        self.result.failures.sort(key=lambda f: f.indices[0])
        return self.result


def run_batches(
    send: Callable[[list[T]], Sequence[R]],
    items: Sequence[T],
    *,
    batch_size: int,
    max_batch: int,
    check: Callable[[T], object] | None = None,
    stop_on_error: bool = False,
    progress: Callable[[BatchProgress], object] | None = None,
    operation: str | None = None,
    items_field: str | None = None,
) -> BatchResult[R]:
    """Send ``items`` in order, ``batch_size`` per call of ``send``; never raises for a failed batch.

    ``send`` returns what the API accepted, one answer per item in order. When a batch breaks the
    spec's rules (``RequestValidationError``, raised before anything is sent), ``check`` is run on
    each of its items: the offending ones fail alone and the rest of the batch is sent.
    ``items_field``: the body's list of items (``messages``), so that a 400's ``details`` can be
    made to name the caller's positions.
    """
    _check_progress(progress)
    run: _Run[T, R] = _Run(items, batch_size, max_batch, operation, progress, items_field=items_field)
    try:
        for positions in run.batches:
            if run.failed and stop_on_error:
                run.skip(positions)
                continue
            _send_one(run, send, positions, check)
    except BaseException as exc:  # Ctrl-C mid-send: say what was accepted before it propagates
        run.interrupted(exc)
        raise
    return run.finish()


def _send_one(
    run: _Run[T, R],
    send: Callable[[list[T]], Sequence[R]],
    positions: list[int],
    check: Callable[[T], object] | None,
) -> None:
    try:
        run.result.requests += 1
        run.started.update(positions)
        run.record(positions, send(run.chunk(positions)))
    except RequestValidationError as exc:
        run.result.requests -= 1  # refused before it left: no request was made
        run.started.difference_update(positions)
        rest = run.isolate(positions, check)
        if rest is None:
            run.fail(positions, exc)
        elif rest:
            _send_one(run, send, rest, None)
    except Exception as exc:  # every failure is recorded, so accepted IDs from other batches survive
        run.fail(positions, exc)


async def arun_batches(
    send: Callable[[list[T]], Awaitable[Sequence[R]]],
    items: Sequence[T],
    *,
    batch_size: int,
    max_batch: int,
    concurrency: int = 4,
    check: Callable[[T], object] | None = None,
    stop_on_error: bool = False,
    progress: Callable[[BatchProgress], object] | None = None,
    operation: str | None = None,
    items_field: str | None = None,
) -> BatchResult[R]:
    """The async twin of ``run_batches``, with up to ``concurrency`` batches in flight."""
    import asyncio  # here, not at import time: a sync-only program never needs asyncio

    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ConfigurationError("concurrency must be a whole number, at least 1")
    _check_progress(progress)
    run: _Run[T, R] = _Run(items, batch_size, max_batch, operation, progress, items_field=items_field)
    gate = asyncio.Semaphore(concurrency)

    async def one(positions: list[int], checker: Callable[[T], object] | None) -> None:
        try:
            run.result.requests += 1
            run.started.update(positions)
            run.record(positions, await send(run.chunk(positions)))
        except RequestValidationError as exc:
            run.result.requests -= 1
            run.started.difference_update(positions)
            rest = run.isolate(positions, checker)
            if rest is None:
                run.fail(positions, exc)
            elif rest:
                await one(rest, None)
        except Exception as exc:  # see run_batches
            run.fail(positions, exc)

    async def gated(positions: list[int]) -> None:
        async with gate:
            if run.failed and stop_on_error:
                run.skip(positions)
                return
            await one(positions, check)

    try:
        # A task group, so that nothing is sent after this returns or raises: a cancellation
        # cancels every batch still waiting or in flight.
        async with asyncio.TaskGroup() as group:
            for positions in run.batches:
                group.create_task(gated(positions))
    except BaseException as exc:
        run.interrupted(exc)
        raise
    return run.finish()
