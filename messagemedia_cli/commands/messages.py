"""``messagemedia status``, ``cancel`` and ``credits``."""

from __future__ import annotations

import click

from ..state import CliState


@click.command(
    epilog="""\b
Example:
  messagemedia status 7b4c1e5e-8d0a-4b7f-9a51-2f6f3c3f9d10
  messagemedia --json status 7b4c1e5e-8d0a-4b7f-9a51-2f6f3c3f9d10 | jq -r .status"""
)
@click.argument("message_id")
@click.pass_obj
def status(state: CliState, message_id: str) -> None:
    """Show a message sent in the last 45 days, with its current status."""
    message = state.client().messages.get_status(message_id)
    state.out.record(message.to_dict())


@click.command(
    epilog="""\b
Example:
  messagemedia send --schedule "in 1 day" +61491570156 "Reminder: 3pm"
  messagemedia cancel 7b4c1e5e-8d0a-4b7f-9a51-2f6f3c3f9d10"""
)
@click.argument("message_id")
@click.pass_obj
def cancel(state: CliState, message_id: str) -> None:
    """Cancel a scheduled message (only a message still 'scheduled' can be cancelled)."""
    state.client().messages.cancel(message_id)
    state.out.record({"message_id": message_id, "status": "cancelled"})


@click.command(
    "credits",
    epilog="""\b
Example:
  messagemedia credits
  messagemedia --account SubAccount01 --json credits""",
)
@click.pass_obj
def credits_(state: CliState) -> None:
    """Show the prepaid credit balance (every field the API sends)."""
    state.out.record(state.client().messages.check_credits().to_dict())
