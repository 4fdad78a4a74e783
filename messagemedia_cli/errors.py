"""How a failed command reports itself: one line on stderr, exit status 1."""

from __future__ import annotations

import sys
from typing import IO, Any

import click


class CliError(click.ClickException):
    """An API or input error: ``messagemedia: <what went wrong>`` on stderr, exit status 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"messagemedia: {self.format_message()}", err=True, file=file)


def one_line(text: str) -> str:
    return " ".join(text.split())


def as_cli_error(exc: BaseException) -> CliError:
    """The line a command's exception becomes.

    The client's errors already say which call failed and why, and never hold credentials or
    message content, so their text is shown as it is. The client's modules are looked up rather
    than imported: a command that failed before it made a client must not pay for importing one.
    """
    errors = sys.modules.get("messagemedia_runtime.errors")
    if errors is not None and isinstance(exc, errors.MessageMediaError):
        return CliError(one_line(str(exc)))
    if isinstance(exc, OSError):
        return CliError(one_line(str(exc)))
    return CliError(f"unexpected {type(exc).__name__}: {one_line(str(exc))} (--debug shows the traceback)")
