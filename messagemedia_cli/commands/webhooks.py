"""``messagemedia webhooks list|create|update|delete``: the URLs the API calls when things happen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..parsing import parse_pairs
from ..state import CliState

COLUMNS = ("id", "url", "method", "encoding", "events", "retries")
EVENTS_HELP = (
    "An event to call the URL for (repeatable, or comma-separated): RECEIVED_SMS, RECEIVED_MMS, "
    "OPT_OUT_SMS, ENROUTE_DR, SUBMITTED_DR, DELIVERED_DR, EXPIRED_DR, REJECTED_DR, FAILED_DR."
)


def _events(values: tuple[str, ...]) -> list[str]:
    return [event.strip().upper() for value in values for event in value.split(",") if event.strip()]


def _shown(state: CliState, webhook: dict[str, Any]) -> dict[str, Any]:
    """The webhook for a table: header values masked (x-sensitive in the spec; receivers' tokens
    live there), as the models' reprs do. --json writes them, for scripts that asked for data."""
    headers = webhook.get("headers")
    if state.out.json_lines or not isinstance(headers, dict):
        return webhook
    return {**webhook, "headers": {name: "***" for name in headers}}


def _headers(values: tuple[str, ...]) -> dict[str, str]:
    try:
        return parse_pairs(values, "--header", "NAME=VALUE")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--header'") from None


def _template(text: str | None, path: Path | None) -> str | None:
    if text is not None and path is not None:
        raise click.UsageError("give --template or --template-file, not both")
    if path is not None:
        return path.read_text(encoding="utf-8")
    return text


@click.group(
    epilog="""\b
Examples:
  messagemedia webhooks list
  messagemedia webhooks create https://example.com/hooks/sms --event RECEIVED_SMS --event DELIVERED_DR
  messagemedia webhooks update 6ec3a6b1-5cbb-4e4b-9cb4-3e4d1a3f2c10 --event RECEIVED_SMS,OPT_OUT_SMS
  messagemedia webhooks delete 6ec3a6b1-5cbb-4e4b-9cb4-3e4d1a3f2c10"""
)
def webhooks() -> None:
    """Register, change and remove the URLs the API calls for replies, opt-outs and reports."""


@webhooks.command("list", epilog="Example: messagemedia --json webhooks list")
@click.pass_obj
def list_(state: CliState) -> None:
    """List every webhook of the account (all pages)."""
    pages = state.client().webhooks.list()
    state.out.records((webhook.to_dict() for webhook in pages), COLUMNS, title="webhooks")


def _common_options(command: Any) -> Any:
    options = [
        click.option("--event", "events", multiple=True, metavar="EVENT", help=EVENTS_HELP),
        click.option(
            "--method", help="The HTTP method of the call: POST (create's default), GET, PUT, PATCH, DELETE."
        ),
        click.option("--encoding", help="JSON (create's default), FORM_ENCODED or XML."),
        click.option(
            "--header", "headers", multiple=True, metavar="NAME=VALUE", help="A header to send (repeatable)."
        ),
        click.option("--template", help="The body, as a Velocity template (default: the API's payload)."),
        click.option(
            "--template-file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Read the template from this file.",
        ),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


@webhooks.command(
    epilog="""\b
Example:
  messagemedia webhooks create https://example.com/hooks/sms --event RECEIVED_SMS \\
      --event DELIVERED_DR --header X-Token=abc --retries 3 --retry-delay 30"""
)
@click.argument("url")
@_common_options
@click.option("--read-timeout", type=int, metavar="MS", help="How long the API waits for your answer.")
@click.option("--retries", type=int, help="How many times the API retries a failed call (0 to 5).")
@click.option("--retry-delay", type=int, metavar="SECONDS", help="The wait between retries.")
@click.pass_obj
def create(  # noqa: PLR0917 - click passes each option as an argument
    state: CliState,
    url: str,
    events: tuple[str, ...],
    method: str | None,
    encoding: str | None,
    headers: tuple[str, ...],
    template: str | None,
    template_file: Path | None,
    read_timeout: int | None,
    retries: int | None,
    retry_delay: int | None,
) -> None:
    """Register URL for the given events (at least one --event)."""
    if not events:
        raise click.UsageError("give at least one --event")
    fields: dict[str, Any] = {
        "url": url,
        "method": (method or "POST").upper(),
        "encoding": (encoding or "JSON").upper(),
        "events": _events(events),
    }
    optional = {
        "headers": _headers(headers) if headers else None,
        "template": _template(template, template_file),
        "read_timeout": read_timeout,
        "retries": retries,
        "retry_delay": retry_delay,
    }
    fields.update({name: value for name, value in optional.items() if value is not None})
    webhook = state.client().webhooks.create(**fields)
    state.out.record(_shown(state, webhook.to_dict()))


@webhooks.command(
    epilog="""\b
Example:
  messagemedia webhooks update 6ec3a6b1-5cbb-4e4b-9cb4-3e4d1a3f2c10 --url https://example.com/v2/sms"""
)
@click.argument("webhook_id")
@click.option("--url", help="The new URL.")
@_common_options
@click.pass_obj
def update(  # noqa: PLR0917 - click passes each option as an argument
    state: CliState,
    webhook_id: str,
    url: str | None,
    events: tuple[str, ...],
    method: str | None,
    encoding: str | None,
    headers: tuple[str, ...],
    template: str | None,
    template_file: Path | None,
) -> None:
    """Change a webhook; what is not given keeps its value (retries and timeouts cannot change)."""
    changes = {
        "url": url,
        "method": method.upper() if method else None,
        "encoding": encoding.upper() if encoding else None,
        "events": _events(events) if events else None,
        "headers": _headers(headers) if headers else None,
        "template": _template(template, template_file),
    }
    fields: dict[str, Any] = {name: value for name, value in changes.items() if value is not None}
    if not fields:
        raise click.UsageError(
            "give at least one change: --url, --event, --method, --encoding, --header, --template"
        )
    webhook = state.client().webhooks.update(webhook_id, **fields)
    state.out.record(_shown(state, webhook.to_dict()))


@webhooks.command(epilog="Example: messagemedia webhooks delete 6ec3a6b1-5cbb-4e4b-9cb4-3e4d1a3f2c10")
@click.argument("webhook_id")
@click.pass_obj
def delete(state: CliState, webhook_id: str) -> None:
    """Delete a webhook: the API stops calling it."""
    state.client().webhooks.delete(webhook_id)
    state.out.record({"id": webhook_id, "deleted": True})
