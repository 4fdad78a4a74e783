"""The results file of ``send --csv``: one line per CSV row, saying what became of it.

Columns: ``row`` (the CSV's row number), ``outcome``, ``message_id`` and ``status`` (when
accepted), ``destination_number``, ``field`` (the column a row error is about) and ``error``.
Outcomes:

- ``accepted``: the API accepted the message; ``message_id`` is its ID. ``--resume`` skips it.
- ``failed``: it was not sent (invalid, or refused by the API before sending: 400, 401, no
  connection...). ``--resume`` tries it again, so fix the row first.
- ``unknown``: the request may or may not have been accepted (a timeout or a 5XX after the request
  left, an answer that could not be read). ``--resume`` does not send it again unless
  ``--resend-unknown`` says so: a blind resend could reach the handset twice.

While sending, lines are appended (and flushed) after every request, so a crash loses nothing that
was answered; at the end the file is rewritten in row order with the latest line of each row.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NamedTuple

from .errors import CliError

COLUMNS = ("row", "outcome", "message_id", "status", "destination_number", "field", "error")
ACCEPTED = "accepted"
FAILED = "failed"
UNKNOWN = "unknown"
OUTCOMES = (ACCEPTED, FAILED, UNKNOWN)


class RowResult(NamedTuple):
    """One line of the results file. A tuple: the csv writer takes it as it is, and it is cheap to make."""

    row: int
    outcome: str
    message_id: str = ""
    status: str = ""
    destination_number: str = ""
    field: str = ""
    error: str = ""

    def as_dict(self) -> dict[str, str | int]:
        return dict(zip(COLUMNS, self, strict=True))


def read_results(path: Path) -> dict[int, RowResult]:
    """The latest result of each row in ``path`` (a file this command wrote)."""
    latest: dict[int, RowResult] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return latest
        if tuple(header) != COLUMNS:
            raise CliError(
                f"{path} is not a results file of 'messagemedia send --csv' (its header should be "
                f"{','.join(COLUMNS)}); refusing to resume from it"
            )
        for cells in reader:
            # A line cut short by a crash while it was written cannot be trusted: skip it.
            if len(cells) != len(COLUMNS) or not cells[0].isdigit() or cells[1] not in OUTCOMES:
                continue
            result = RowResult(int(cells[0]), *cells[1:])
            latest[result.row] = result
    return latest


class ResultsWriter:
    """Appends results to ``path`` as they come, and rewrites it in row order at the end.

    A fresh file written in row order, each row once, is left as it is.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        fresh = not path.exists() or path.stat().st_size == 0
        self._handle: IO[str] = path.open("a", encoding="utf-8", newline="")
        self._writer = csv.writer(self._handle)
        self._in_order = fresh
        self._last_row = 0
        if fresh:
            self._writer.writerow(COLUMNS)
            self._handle.flush()

    def write(self, results: Sequence[RowResult]) -> None:
        """Appends ``results`` (in row order among themselves) and flushes them to the file."""
        if not results:
            return
        if results[0].row <= self._last_row:
            self._in_order = False
        self._last_row = results[-1].row
        self._writer.writerows(results)
        self._handle.flush()

    def close(self) -> None:
        if self._handle.closed:
            return
        self._handle.close()
        if self._in_order:
            return
        latest = read_results(self.path)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(latest[row] for row in sorted(latest))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
