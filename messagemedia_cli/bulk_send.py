"""Send the rows of a CSV file with ``client.messages.send_many``, recording what became of each row.

Rows go 100 to a request, and each request is a ``send_many`` call of its own, so that its results
are written to the results file as soon as it is answered: an interruption or a crash never loses
the IDs of rows already accepted, and ``--resume`` never sends them again. ``send_many`` sends a
message that breaks a rule of the spec alone, named by its position, and the rest of its request
still goes; that position is mapped back to the CSV row, and the field to its column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast

from messagemedia_runtime.batching import BatchFailure
from messagemedia_runtime.errors import (
    MalformedResponseError,
    MessageMediaError,
    RequestValidationError,
)

from .csv_messages import CsvRow
from .errors import one_line
from .results_file import ACCEPTED, FAILED, UNKNOWN, RowResult

if TYPE_CHECKING:
    from messagemedia_messages import MessageMedia
    from messagemedia_messages.types import MessageParam

BATCH = 100
_MESSAGE_FIELD = re.compile(r"messages\[\d+\]\.")
_MESSAGE_ITSELF = re.compile(r"messages\[\d+\] ")
_METADATA_KEY = re.compile(r"^metadata\['(.*)'\]$")
_ROW = attrgetter("row")


@dataclass(slots=True)
class Summary:
    """What a run did, row by row; ``rows`` counts every non-blank row of the file."""

    rows: int = 0
    accepted: int = 0
    failed: int = 0
    unknown: int = 0
    skipped_accepted: int = 0
    skipped_unknown: int = 0
    requests: int = 0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not (self.failed or self.unknown or self.skipped_unknown or self.interrupted)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "accepted": self.accepted,
            "failed": self.failed,
            "unknown": self.unknown,
            "skipped_accepted": self.skipped_accepted,
            "skipped_unknown": self.skipped_unknown,
            "requests": self.requests,
            "interrupted": self.interrupted,
        }


def outcome_of(failure: BatchFailure[Any]) -> str:
    """``failed`` only when the messages are known not to have been accepted, else ``unknown``.

    The client raises SendOutcomeUnknownError whenever a send may have reached the API without a
    trustworthy answer. A 2XX whose body cannot be read (MalformedResponseError), or one that
    answered a different number of messages (a plain MessageMediaError carrying ``accepted``),
    means the API did accept them; anything the client does not raise itself is not understood.
    Each of those is ``unknown``, never resent blindly.
    """
    error = failure.error
    if failure.outcome_unknown or failure.accepted or isinstance(error, MalformedResponseError):
        return UNKNOWN
    if not isinstance(error, MessageMediaError) or type(error) is MessageMediaError:
        return UNKNOWN
    return FAILED


def describe(error: BaseException) -> tuple[str, str]:
    """(column, text) of a row's error: a validation error names the field as the CSV's column."""
    if isinstance(error, RequestValidationError):
        field = _MESSAGE_FIELD.sub("", error.field, count=1)
        metadata = _METADATA_KEY.match(field)
        if metadata:
            field = f"metadata.{metadata.group(1)}"
        text = _MESSAGE_ITSELF.sub("the message ", _MESSAGE_FIELD.sub("", error.message))
        return field, one_line(text)
    return "", one_line(str(error))


def _status(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    return str(value) if value else ""


class BulkSender:
    """Sends rows and hands each row's ``RowResult`` to ``sink``, a request's worth at a time, in row order.

    ``previous``: the results of an earlier run (``--resume``): rows accepted there are skipped,
    and rows whose outcome was unknown too, unless ``resend_unknown``.
    """

    def __init__(
        self,
        client: MessageMedia,
        sink: Callable[[list[RowResult]], object],
        *,
        previous: Mapping[int, RowResult] | None = None,
        resend_unknown: bool = False,
        progress: Callable[[int, Summary], object] | None = None,
    ) -> None:
        self.client = client
        self.sink = sink
        self.previous = previous or {}
        self.resend_unknown = resend_unknown
        self.progress = progress
        self.summary = Summary()
        self._statuses: dict[object, str] = {}
        self._pending: list[CsvRow] = []
        self._held: list[RowResult] = []
        self._settled = 0

    def run(self, rows: Iterable[CsvRow], stop: Callable[[], bool] = lambda: False) -> Summary:
        summary, previous, pending = self.summary, self.previous, self._pending
        for row in rows:
            summary.rows += 1
            before = previous.get(row.row) if previous else None
            if before is not None and before.outcome == ACCEPTED:
                summary.skipped_accepted += 1
                self._settled += 1
            elif before is not None and before.outcome == UNKNOWN and not self.resend_unknown:
                summary.skipped_unknown += 1
                self._settled += 1
            elif row.message is None:
                summary.failed += 1
                self._held.append(
                    RowResult(row.row, FAILED, destination_number=row.destination_number, field=row.column,
                              error=row.problem)
                )  # fmt: skip
            else:
                pending.append(row)
                if len(pending) == BATCH:
                    self._flush()
                    if stop():
                        summary.interrupted = True
                        return summary
        self._flush()
        return summary

    def _flush(self) -> None:
        results = self._held
        self._held = []
        if self._pending:
            results.extend(self._send(self._pending))
            self._pending.clear()
        if not results:
            if self.progress is not None:
                self.progress(self._settled, self.summary)
            return
        results.sort(key=_ROW)  # held row errors and failures join the accepted rows in row order
        self._settled += len(results)
        self.sink(results)
        if self.progress is not None:
            self.progress(self._settled, self.summary)

    def _status_text(self, status: object) -> str:
        # Looked up per accepted row, and a send answers only a few distinct statuses.
        try:
            return self._statuses[status]
        except KeyError:
            text = self._statuses[status] = _status(status)
            return text
        except TypeError:  # not hashable: not a status the client parsed
            return _status(status)

    def _send(self, rows: list[CsvRow]) -> list[RowResult]:
        summary = self.summary
        try:
            # Pending rows are the ones that became messages; the client's validation checks their fields.
            messages = cast("list[MessageParam]", [row.message for row in rows])
            result = self.client.messages.send_many(messages)
        except KeyboardInterrupt:
            # Interrupted while the request may have been on its way: nobody knows what the API did.
            summary.unknown += len(rows)
            summary.interrupted = True
            lost = [
                RowResult(row.row, UNKNOWN, destination_number=row.destination_number,
                          error="interrupted while this row's request was being sent")
                for row in rows
            ]  # fmt: skip
            self.sink(sorted([*self._held, *lost], key=_ROW))
            self._held = []
            raise
        summary.requests += result.requests
        status_text = self._status_text
        results = [
            RowResult(row.row, ACCEPTED, str(sent.message_id) if sent.message_id else "",
                      status_text(sent.status), row.destination_number)
            for row, sent in zip(rows, result.sent, strict=True)
            if sent is not None
        ]  # fmt: skip
        summary.accepted += len(results)
        for failure in result.failures:
            outcome = outcome_of(failure)
            field, error = describe(failure.error)
            for index in failure.indices:
                row = rows[index]
                results.append(RowResult(row.row, outcome, "", "", row.destination_number, field, error))
            if outcome == UNKNOWN:
                summary.unknown += len(failure.indices)
            else:
                summary.failed += len(failure.indices)
        return results
