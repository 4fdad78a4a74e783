"""The root of the ``messagemedia`` command: global options, commands loaded on first use, errors.

Only click is imported up front. Each command's module is imported when that command runs (or
when ``--help`` lists them), and those modules import the client, httpx and rich only inside
their functions, so ``messagemedia --version`` costs an interpreter start and click.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

import click

from .errors import CliError, as_cli_error
from .lazy import LazyGroup
from .state import CliState, Settings

DISTRIBUTION = "messagemedia-messages"
COMMANDS = {
    "send": "messagemedia_cli.commands.send:send",
    "status": "messagemedia_cli.commands.messages:status",
    "cancel": "messagemedia_cli.commands.messages:cancel",
    "credits": "messagemedia_cli.commands.messages:credits_",
    "replies": "messagemedia_cli.commands.inbox:replies",
    "reports": "messagemedia_cli.commands.inbox:reports",
    "webhooks": "messagemedia_cli.commands.webhooks:webhooks",
    "keys": "messagemedia_cli.commands.keys:keys",
    "blacklist": "messagemedia_cli.commands.blacklist:blacklist",
    "listen": "messagemedia_cli.commands.listen:listen",
    "sandbox": "messagemedia_cli.commands.sandbox:sandbox",
}
EXAMPLES = """\b
Examples:
  export MESSAGEMEDIA_API_KEY=... MESSAGEMEDIA_API_SECRET=...
  messagemedia send +61491570156 "Your table is ready"
  messagemedia send --csv reminders.csv --results sent.csv
  messagemedia --json status 7b4c1e5e-8d0a-4b7f-9a51-2f6f3c3f9d10
  messagemedia replies --follow --confirm
  messagemedia --region eu --account SubAccount01 credits

\b
Exit status: 0 done, 1 the API or the input refused (one line on stderr says why; --debug shows
the traceback), 2 the command line itself is wrong.
"""


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib import metadata

    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        version = "unknown"
    click.echo(f"messagemedia {version}")
    ctx.exit()


def _set_late(field: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    def set_flag(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        state = ctx.find_root().obj
        if not value or ctx.resilient_parsing or not isinstance(state, CliState):
            return
        if field == "debug":
            state.settings = dataclasses.replace(state.settings, debug=True)
            # The root set the logger up for its own --debug, which was off.
            logging.getLogger("messagemedia").setLevel(logging.DEBUG)
        else:
            state.settings = dataclasses.replace(state.settings, json_lines=True)

    return set_flag


# (flag, Settings field, help): also taken after the command, as gh takes `gh pr list --json`.
_LATE_FLAGS = (
    ("--json", "json_lines", "One JSON object per line on stdout (as messagemedia --json)."),
    ("--debug", "debug", "Log each request to stderr; show tracebacks (as messagemedia --debug)."),
)


def _with_late_flags(command: click.Command) -> click.Command:
    """``command`` (and its subcommands) taking --json and --debug too; the sandbox's own command
    line is left alone, since its arguments go through untouched."""
    if command.name == "sandbox":
        return command
    taken = {opt for param in command.params for opt in getattr(param, "opts", ())}
    for flag, field, text in _LATE_FLAGS:
        if flag not in taken:
            command.params.append(
                click.Option([flag], is_flag=True, expose_value=False, callback=_set_late(field), help=text)
            )
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _with_late_flags(sub)
    return command


class RootGroup(LazyGroup):
    """Turns every error a command raises into one line on stderr and exit status 1.

    Click's own usage errors keep their exit status 2. With ``--debug`` the traceback is printed
    first, and the client's ``messagemedia`` logger writes every request to stderr.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        return None if command is None else _with_late_flags(command)

    def invoke(self, ctx: click.Context) -> Any:
        logger = logging.getLogger("messagemedia")
        saved_level, saved_handlers = logger.level, list(logger.handlers)
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            state = ctx.obj if isinstance(ctx.obj, CliState) else None
            if state is not None and state.settings.debug:
                traceback.print_exception(exc, file=sys.stderr)
            raise as_cli_error(exc) from exc
        finally:
            # Tests run many commands in one process: leave the logger as it was found.
            logger.setLevel(saved_level)
            logger.handlers[:] = saved_handlers


def _configure_logging(debug: bool) -> None:
    logger = logging.getLogger("messagemedia")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    # The commands report failures themselves (a CSV row, a batch); the client's warnings about the
    # same failures would only repeat them, without the row numbers.
    logger.setLevel(logging.DEBUG if debug else logging.ERROR)


@click.group(
    "messagemedia",
    cls=RootGroup,
    lazy_subcommands=COMMANDS,
    epilog=EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Print the version and exit.",
)
@click.option(
    "--region",
    metavar="REGION",
    help="au or eu (else $MESSAGEMEDIA_REGION, else the global endpoint).",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Where requests go, e.g. a sandbox (else $MESSAGEMEDIA_BASE_URL).",
)
@click.option("--account", metavar="NAME", help="Act for this sub-account (the Account header).")
@click.option("--basic", is_flag=True, help="HTTP Basic instead of HMAC signing.")
@click.option("--json", "json_lines", is_flag=True, help="One JSON object per line on stdout, for scripts.")
@click.option("--debug", is_flag=True, help="Log each request to stderr; show tracebacks.")
@click.pass_context
def cli(  # noqa: PLR0917 - click passes each option as an argument
    ctx: click.Context,
    region: str | None,
    base_url: str | None,
    account: str | None,
    basic: bool,
    json_lines: bool,
    debug: bool,
) -> None:
    """Send messages and manage a MessageMedia account from the shell.

    Credentials come from MESSAGEMEDIA_API_KEY and MESSAGEMEDIA_API_SECRET. Data goes to stdout
    (a table on a terminal, JSON lines with --json); progress and errors go to stderr.
    """
    _configure_logging(debug)
    ctx.obj = CliState(
        Settings(
            region=region,
            base_url=base_url,
            account=account,
            basic=basic,
            json_lines=json_lines,
            debug=debug,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: runs the command line and returns its exit status."""
    try:
        cli.main(args=None if argv is None else list(argv), prog_name="messagemedia")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


__all__ = ["CliError", "cli", "main"]
