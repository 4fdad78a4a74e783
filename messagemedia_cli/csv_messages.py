"""A CSV file of messages: a header that names ``Message`` fields, then one message per row.

Columns (only ``destination_number`` and ``content`` are required; order does not matter):

- ``destination_number``, ``content``, ``source_number``, ``callback_url``, ``subject``: text;
- ``format`` (SMS, MMS, TTS) and ``source_number_type``: text, case-insensitive;
- ``delivery_report``: true/false, yes/no, 1/0;
- ``scheduled``, ``message_expiry_timestamp``: ISO 8601 (without an offset: this machine's zone);
- ``media``: one or more URLs separated by spaces;
- ``metadata.KEY``: the value of metadata key KEY (``metadata.booking`` → ``{"booking": ...}``).

An empty cell leaves its field out (``content`` and ``destination_number`` excepted: the client's
validation then says they are empty). Rows are numbered as a spreadsheet numbers them: the header
is row 1, the first message row 2. A row that cannot become a message (too few or too many cells,
a value that cannot be converted) is reported by its row number and column, and never stops the
others.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .errors import CliError
from .parsing import parse_bool, parse_when

REQUIRED = ("destination_number", "content")
_TEXT = ("source_number", "callback_url", "subject")
_UPPER = ("format", "source_number_type")
_WHEN = ("scheduled", "message_expiry_timestamp")
METADATA_PREFIX = "metadata."
KNOWN_COLUMNS = (*REQUIRED, *_TEXT, *_UPPER, "delivery_report", *_WHEN, "media")

Setter = Callable[[dict[str, Any], str], None]


class CsvRow(NamedTuple):
    """Row ``row``: its ``message``, or the ``problem`` (in ``column``) that kept it from being one.

    A tuple, because one is made per row of files of any size.
    """

    row: int
    destination_number: str
    message: dict[str, Any] | None = None
    problem: str = ""
    column: str = ""


def _text(field: str) -> Setter:
    def put(message: dict[str, Any], value: str) -> None:
        if value:
            message[field] = value

    return put


def _upper(field: str) -> Setter:
    def put(message: dict[str, Any], value: str) -> None:
        if value:
            message[field] = value.strip().upper()

    return put


def _bool(field: str) -> Setter:
    def put(message: dict[str, Any], value: str) -> None:
        if value.strip():
            message[field] = parse_bool(value)

    return put


def _when(field: str) -> Setter:
    def put(message: dict[str, Any], value: str) -> None:
        if value.strip():
            message[field] = parse_when(value, relative=False)

    return put


def _media(message: dict[str, Any], value: str) -> None:
    urls = value.split()
    if urls:
        message["media"] = urls


def _metadata(key: str) -> Setter:
    def put(message: dict[str, Any], value: str) -> None:
        if value:
            message.setdefault("metadata", {})[key] = value

    return put


def _setter(column: str) -> Setter | None:
    if column in _TEXT:
        return _text(column)
    if column in _UPPER:
        return _upper(column)
    if column == "delivery_report":
        return _bool(column)
    if column in _WHEN:
        return _when(column)
    if column == "media":
        return _media
    if column.startswith(METADATA_PREFIX) and len(column) > len(METADATA_PREFIX):
        return _metadata(column[len(METADATA_PREFIX) :])
    return None


class CsvMessages:
    """Reads ``path`` one row at a time; the header is checked when this is made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._check_encoding()
        with self._open() as handle:
            header = next(csv.reader(handle), None)
        if not header:
            raise CliError(f"{path}: the file is empty; its first line must name the columns")
        self.header = [name.strip() for name in header]
        self._check_header()
        self._destination = self.header.index("destination_number")
        self._content = self.header.index("content")
        self._setters: list[tuple[int, str, Setter]] = []
        for index, column in enumerate(self.header):
            setter = _setter(column)
            if setter is not None:
                self._setters.append((index, column, setter))

    def _check_encoding(self) -> None:
        """Refuse a file that is not UTF-8 before anything is sent, rather than stop halfway through it."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        with self.path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    raise CliError(
                        f"{self.path} is not UTF-8 text (byte {offset + exc.start + 1}): save it as UTF-8 "
                        "(in a spreadsheet: 'CSV UTF-8')"
                    ) from None
                offset += len(chunk)
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise CliError(f"{self.path} is not UTF-8 text (it ends inside a character)") from None

    def _open(self) -> Any:
        # utf-8-sig: spreadsheets write a byte-order mark first; newline="" as the csv module asks.
        return self.path.open(encoding="utf-8-sig", newline="")

    def _check_header(self) -> None:
        missing = [name for name in REQUIRED if name not in self.header]
        if missing:
            raise CliError(
                f"{self.path}: the header has no {' or '.join(missing)} column; "
                f"it must name at least destination_number and content (it has: {', '.join(self.header)})"
            )
        unknown = [name for name in self.header if name not in KNOWN_COLUMNS and _setter(name) is None]
        if unknown:
            raise CliError(
                f"{self.path}: unknown column {', '.join(repr(name) for name in unknown)}; columns are "
                f"Message fields ({', '.join(KNOWN_COLUMNS)}) or metadata.KEY"
            )
        repeated = sorted({name for name in self.header if self.header.count(name) > 1})
        if repeated:
            raise CliError(f"{self.path}: column {', '.join(repeated)} appears more than once")

    def estimate(self) -> int:
        """About how many rows follow the header, for a progress bar: its lines, less the header.

        Counting line ends costs next to nothing; a cell with line breaks in it makes the figure
        high, never low.
        """
        lines, last = 0, b"\n"
        with self.path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        return max(lines + (last != b"\n") - 1, 0)

    def destinations(self) -> Iterator[tuple[int, str]]:
        """(row number, destination cell) of every row, for checking a results file against the file."""
        with self._open() as handle:
            reader = csv.reader(handle)
            next(reader, None)
            for row, cells in enumerate(reader, start=2):
                value = cells[self._destination] if len(cells) > self._destination else ""
                yield row, value.strip()

    def rows(self) -> Iterator[CsvRow]:
        """Every row that is not blank, as a message or as a problem."""
        width = len(self.header)
        destination, content = self._destination, self._content
        setters = self._setters
        with self._open() as handle:
            reader = csv.reader(handle)
            next(reader, None)
            for row, cells in enumerate(reader, start=2):
                if len(cells) != width:  # a blank line too (at least two columns are required)
                    if cells and (len(cells) > 1 or cells[0].strip()):
                        yield self._misshapen(row, cells)
                    continue
                number = cells[destination].strip()
                message: dict[str, Any] = {"destination_number": number, "content": cells[content]}
                column = ""
                try:
                    for index, column, put in setters:  # noqa: B007 - `column` names the cell that failed
                        put(message, cells[index])
                except ValueError as exc:
                    yield CsvRow(row, number, problem=f"{column}: {exc}", column=column)
                    continue
                yield CsvRow(row, number, message)

    def _misshapen(self, row: int, cells: list[str]) -> CsvRow:
        width = len(self.header)
        number = cells[self._destination].strip() if len(cells) > self._destination else ""
        if len(cells) < width:
            absent = self.header[len(cells) :]
            return CsvRow(
                row,
                number,
                problem=f"{len(cells)} cells for {width} columns: no value for {', '.join(absent)}",
                column=absent[0],
            )
        return CsvRow(row, number, problem=f"{len(cells)} cells for {width} columns: too many cells")
