"""``messagemedia send``: one message from the command line, or every row of a CSV file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..parsing import WHEN_HELP, parse_pairs, parse_when
from ..state import CliState

EPILOG = """\b
Examples:
  messagemedia send +61491570156 "Your table for two is ready"
  messagemedia send --delivery-report --metadata booking=A-1042 +61491570156 "See you at 7"
  messagemedia send --schedule "in 2 hours" +61491570156 "Reminder: 3pm"
  messagemedia send --mms --media https://example.com/view.jpeg --subject "The view" +61491570156 "Look"
  echo "Hello" | messagemedia send +61491570156 -
  messagemedia send --csv reminders.csv --results sent.csv
  messagemedia send --csv reminders.csv --results sent.csv --resume

\b
The CSV's first line names Message fields: destination_number and content at least, and any of
source_number, format, source_number_type, delivery_report, callback_url, scheduled,
message_expiry_timestamp, media (URLs separated by spaces), subject, and metadata.KEY for
metadata key KEY. Rows are numbered as in a spreadsheet (the header is row 1). Without
--results, each row's result goes to stdout.

\b
--resume skips the rows the results file shows as accepted, and the rows whose outcome was
unknown (the request may have been accepted: a timeout or a server error after it left), because
sending those again could reach the handset twice. Check them (status, delivery reports, your
metadata), then add --resend-unknown to send them again anyway. Rows that failed are tried again.
"""


def _single_message(
    destination: str,
    content: str,
    *,
    mms: bool,
    media: tuple[str, ...],
    subject: str | None,
    source: str | None,
    schedule: str | None,
    delivery_report: bool,
    metadata: tuple[str, ...],
    callback_url: str | None,
) -> dict[str, Any]:
    if content == "-":
        content = sys.stdin.read().rstrip("\n")
    message: dict[str, Any] = {"destination_number": destination, "content": content}
    if mms:
        message["format"] = "MMS"
    if media:
        message["media"] = list(media)
    if subject is not None:
        message["subject"] = subject
    if source is not None:
        message["source_number"] = source
    if schedule is not None:
        try:
            message["scheduled"] = parse_when(schedule)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--schedule'") from None
    if delivery_report:
        message["delivery_report"] = True
    if metadata:
        try:
            message["metadata"] = parse_pairs(metadata, "--metadata")
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--metadata'") from None
    if callback_url is not None:
        message["callback_url"] = callback_url
    return message


@click.command(epilog=EPILOG)
@click.argument("destination", required=False)
@click.argument("content", required=False)
@click.option("--mms", is_flag=True, help="Send an MMS (give --media and --subject).")
@click.option("--media", multiple=True, metavar="URL", help="An image to attach to an MMS (repeatable).")
@click.option("--subject", help="The MMS subject line.")
@click.option("--source", metavar="NUMBER", help="The sender (a number or name registered to the account).")
@click.option("--schedule", metavar="WHEN", help=f"Send later: {WHEN_HELP}.")
@click.option(
    "--delivery-report", is_flag=True, help="Ask for delivery reports (see 'messagemedia reports')."
)
@click.option("--metadata", multiple=True, metavar="KEY=VALUE", help="Your own metadata (repeatable).")
@click.option("--callback-url", metavar="URL", help="Where the API POSTs this message's replies and reports.")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Send every row of this CSV file (see below).",
)
@click.option(
    "--results",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --csv: write each row's message ID or error to this CSV file.",
)
@click.option("--resume", is_flag=True, help="With --results: skip the rows it shows as accepted.")
@click.option(
    "--resend-unknown",
    is_flag=True,
    help="With --resume: also send the rows whose outcome was unknown (they may go twice).",
)
@click.pass_obj
def send(  # noqa: PLR0917 - click passes each option as an argument
    state: CliState,
    destination: str | None,
    content: str | None,
    mms: bool,
    media: tuple[str, ...],
    subject: str | None,
    source: str | None,
    schedule: str | None,
    delivery_report: bool,
    metadata: tuple[str, ...],
    callback_url: str | None,
    csv_path: Path | None,
    results: Path | None,
    resume: bool,
    resend_unknown: bool,
) -> None:
    """Send a message (SMS by default) to DESTINATION, an E.164 number; CONTENT '-' reads stdin.

    Or, with --csv FILE, send every row of FILE, 100 to a request, with a progress bar.
    """
    if csv_path is not None:
        per_message = {
            "DESTINATION/CONTENT": destination is not None or content is not None,
            "--mms": mms,
            "--media": bool(media),
            "--subject": subject is not None,
            "--source": source is not None,
            "--schedule": schedule is not None,
            "--delivery-report": delivery_report,
            "--metadata": bool(metadata),
            "--callback-url": callback_url is not None,
        }
        given = [name for name, used in per_message.items() if used]
        if given:
            raise click.UsageError(
                f"{', '.join(given)} cannot go with --csv: give them as columns of the CSV"
            )
        if resume and results is None:
            raise click.UsageError("--resume needs --results (the file to resume from)")
        if resend_unknown and not resume:
            raise click.UsageError("--resend-unknown goes with --resume")
        from ..csv_command import send_csv

        send_csv(state, csv_path, results, resume=resume, resend_unknown=resend_unknown)
        return
    if results is not None or resume or resend_unknown:
        raise click.UsageError("--results, --resume and --resend-unknown go with --csv")
    if destination is None or content is None:
        raise click.UsageError("give DESTINATION and CONTENT, or --csv FILE")
    message = _single_message(
        destination,
        content,
        mms=mms,
        media=media,
        subject=subject,
        source=source,
        schedule=schedule,
        delivery_report=delivery_report,
        metadata=metadata,
        callback_url=callback_url,
    )
    sent = state.client().messages.send(messages=[message])  # type: ignore[list-item]
    for accepted in sent.messages:
        state.out.record(accepted.to_dict())
