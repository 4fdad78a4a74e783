"""Data on stdout, for people or for scripts; notes on stderr.

With ``--json`` each record is one JSON object on its own line (the models' ``to_dict()``), written
as it comes. Otherwise records become a table drawn by rich. Text that came from a handset is
shown with its control characters escaped, so a reply cannot drive the terminal.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID

import click

if TYPE_CHECKING:
    from rich.console import Console

# C0 and C1 controls (but tab and newline) and the bidirectional overrides that can make text
# display other than it reads.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_WIDE = 240  # a table piped to a file or another program is not cut at 80 columns


def safe_text(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``), tabs as spaces."""
    return _UNSAFE.sub(lambda match: match.group().encode("unicode_escape").decode(), text).replace("\t", " ")


def cell(value: Any) -> str:
    """How one value of a record reads in a table."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(cell(item) for item in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{key}={cell(item)}" for key, item in value.items())
    if isinstance(value, Enum):
        value = value.value
    return safe_text(str(value))


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_line(record: Mapping[str, Any]) -> str:
    # json.dumps escapes every control character, so JSON output is safe for terminals as it is.
    return json.dumps(record, ensure_ascii=False, default=_jsonable)


class Output:
    """Where a command's results go."""

    def __init__(self, *, json_lines: bool) -> None:
        self.json_lines = json_lines

    def _console(self) -> Console:
        from rich.console import Console

        stdout = sys.stdout
        width = None if stdout.isatty() else _WIDE
        return Console(file=stdout, width=width, highlight=False, markup=False, emoji=False)

    def records(self, items: Iterable[Mapping[str, Any]], columns: Sequence[str], *, title: str = "") -> int:
        """Writes every record: JSON lines as they come, or one table at the end. Returns how many."""
        if self.json_lines:
            count = 0
            for item in items:
                sys.stdout.write(json_line(item) + "\n")
                count += 1
            sys.stdout.flush()
            return count
        rows = list(items)
        if not rows:
            self.note(f"no {title}" if title else "nothing to show")
            return 0
        from rich import box
        from rich.table import Table
        from rich.text import Text

        # A table shows the columns that matter for a list; --json (and `status`) show every field.
        shown = list(columns)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for name in shown:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*(Text(cell(row.get(name))) for name in shown))
        self._console().print(table)
        return len(rows)

    def record(self, item: Mapping[str, Any]) -> None:
        """One record: a JSON line, or a table of its fields and values."""
        if self.json_lines:
            sys.stdout.write(json_line(item) + "\n")
            sys.stdout.flush()
            return
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(box=box.SIMPLE, show_header=False, show_edge=False, pad_edge=False)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, value in item.items():
            table.add_row(Text(str(key)), Text(cell(value)))
        self._console().print(table)

    def line(self, item: Mapping[str, Any], columns: Sequence[str], label: str) -> None:
        """One record as it arrives (``--follow``): a JSON line, or one line of text; flushed at once."""
        if self.json_lines:
            text = json_line(item)
        else:
            fields = "  ".join(
                f"{name}={cell(item[name])}".replace("\n", " ") for name in columns if name in item
            )
            text = f"{label}  {fields}"
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def note(self, text: str) -> None:
        """A message for the person at the terminal, on stderr."""
        click.echo(text, err=True)
