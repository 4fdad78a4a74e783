"""``messagemedia sandbox ...``: the local sandbox's own command (``messagemedia-sandbox``), here too."""

from __future__ import annotations

import click

from ..errors import CliError


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
    epilog="""\b
Examples:
  messagemedia sandbox --port 8765                       # run one in the foreground
  messagemedia sandbox reply MESSAGE_ID "Yes please"     # a handset replies
  messagemedia sandbox destination +61491570999 fail     # sends there will fail
  messagemedia sandbox --help                            # all of its options""",
)
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
def sandbox(arguments: tuple[str, ...]) -> None:
    """Run the local sandbox, or poke a running one: 'messagemedia sandbox --help' for its options."""
    try:
        from messagemedia_sandbox.cli import main
    except ImportError as exc:
        raise CliError(
            f"the sandbox needs the sandbox extra: pip install 'messagemedia-messages[sandbox]' ({exc})"
        ) from exc
    try:
        code = main(list(arguments), prog="messagemedia sandbox")
    except SystemExit as done:  # argparse exits for --help, --version and usage errors
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    raise click.exceptions.Exit(code)
