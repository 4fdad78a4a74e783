"""``messagemedia blacklist check|list|add|remove``: the numbers messages may not be sent to."""

from __future__ import annotations

import click

from ..state import CliState

ADD_LIMIT = 10  # numbers per add request, as the API takes them


@click.group(
    epilog="""\b
Examples:
  messagemedia blacklist check +61491570156 +61491570157
  messagemedia blacklist add +61491570157
  messagemedia blacklist list
  messagemedia blacklist remove +61491570157"""
)
def blacklist() -> None:
    """Check, list, add and remove numbers that opted out (or that you listed)."""


@blacklist.command(epilog="Example: messagemedia --json blacklist check +61491570156 +61491570157")
@click.argument("numbers", nargs=-1, required=True)
@click.pass_obj
def check(state: CliState, numbers: tuple[str, ...]) -> None:
    """Say for each NUMBER whether messages may be sent to it (authorised) or not (blacklisted)."""
    answer = state.client().number_authorisation.check(",".join(numbers))
    state.out.records(
        (entry.to_dict() for entry in answer.numbers), ("number", "authorised"), title="numbers"
    )


@blacklist.command("list", epilog="Example: messagemedia blacklist list")
@click.pass_obj
def list_(state: CliState) -> None:
    """List every blacklisted number (all pages)."""
    pages = state.client().number_authorisation.list_blacklist()
    state.out.records(({"number": number} for number in pages), ("number",), title="blacklisted numbers")


@blacklist.command(epilog="Example: messagemedia blacklist add +61491570157 +61491570158")
@click.argument("numbers", nargs=-1, required=True)
@click.pass_obj
def add(state: CliState, numbers: tuple[str, ...]) -> None:
    """Blacklist each NUMBER (10 to a request); adding a listed number again does no harm."""
    resource = state.client().number_authorisation
    for start in range(0, len(numbers), ADD_LIMIT):
        resource.add_to_blacklist(numbers=list(numbers[start : start + ADD_LIMIT]))
    state.out.records(
        ({"number": number, "blacklisted": True} for number in numbers), ("number", "blacklisted")
    )


@blacklist.command(epilog="Example: messagemedia blacklist remove +61491570157")
@click.argument("numbers", nargs=-1, required=True)
@click.pass_obj
def remove(state: CliState, numbers: tuple[str, ...]) -> None:
    """Take each NUMBER off the blacklist."""
    resource = state.client().number_authorisation
    for number in numbers:
        resource.remove_from_blacklist(number)
    state.out.records(
        ({"number": number, "blacklisted": False} for number in numbers), ("number", "blacklisted")
    )
